// The worksheet names of an xlsx shortlist: valid for Excel and distinct
// (the rule in src/output/xlsx_sheet_names.hpp and docs/behaviour.md).
#include <catch2/catch.hpp>

#include "output/xlsx_sheet_names.hpp"

using shortlist::XlsxSheetNames;

TEST_CASE("a short profile id is its sheet's name", "[xlsx]") {
  XlsxSheetNames names;
  CHECK(names.add("tech-specialist") == "tech-specialist");
  CHECK(names.add("Assistant 2024") == "Assistant 2024");
}

TEST_CASE("a sheet name is cut to 31 characters", "[xlsx]") {
  XlsxSheetNames names;
  // 40 characters: the first 31 stay.
  CHECK(names.add("abcdefghijklmnopqrstuvwxyz0123456789ABCD") == "abcdefghijklmnopqrstuvwxyz01234");
  // 35 two-byte characters: 31 of them, never half of one.
  std::string e_acute;
  for (int i = 0; i < 35; ++i) e_acute += "\xC3\xA9";
  CHECK(names.add(e_acute) == e_acute.substr(0, 62));
  // A character past U+FFFF counts two, as in Excel: 30 letters and an emoji
  // (U+1F600) make 32 units, so the emoji goes.
  CHECK(names.add(std::string(30, 'x') + "\xF0\x9F\x98\x80") == std::string(30, 'x'));
  CHECK(names.add(std::string(29, 'y') + "\xF0\x9F\x98\x80") ==
        std::string(29, 'y') + "\xF0\x9F\x98\x80");
}

TEST_CASE("characters Excel refuses in a sheet name become underscores", "[xlsx]") {
  XlsxSheetNames names;
  CHECK(names.add("a[b]c:d*e?f/g\\h") == "a_b_c_d_e_f_g_h");
  // Control characters too (U+0001, tab, U+007F, U+0085), and a byte that is not UTF-8.
  CHECK(names.add("p\x01q\tr\x7Fs\xC2\x85t\xFFu") == "p_q_r_s_t_u");
  // An apostrophe may not begin or end it; inside, it stays.
  CHECK(names.add("'quoted'") == "_quoted_");
  CHECK(names.add("it's") == "it's");
}

TEST_CASE("names that Excel would take for one another are made distinct", "[xlsx]") {
  XlsxSheetNames names;
  const std::string long_id = "a-profile-whose-id-is-longer-than-31-characters";
  CHECK(names.add(long_id) == "a-profile-whose-id-is-longer-th");
  // The same first 31 characters: cut to 27 to make room for " (2)".
  CHECK(names.add(long_id + "-too") == "a-profile-whose-id-is-longe (2)");
  CHECK(names.add(long_id + "-three") == "a-profile-whose-id-is-longe (3)");
  // Excel compares names letter case aside, beyond ASCII too.
  CHECK(names.add("dev") == "dev");
  CHECK(names.add("DEV") == "DEV (2)");
  CHECK(names.add("\xC3\x84rzte") == "\xC3\x84rzte");        // Ärzte
  CHECK(names.add("\xC3\xA4rzte") == "\xC3\xA4rzte (2)");    // ärzte
  // Two ids that differ only in refused characters meet after the replacement.
  CHECK(names.add("a/b") == "a_b");
  CHECK(names.add("a:b") == "a_b (2)");
  // A suffixed name already taken moves to the next number.
  CHECK(names.add("x (2)") == "x (2)");
  CHECK(names.add("x") == "x");
  CHECK(names.add("X") == "X (3)");
}

TEST_CASE("Excel's reserved sheet name History is never given", "[xlsx]") {
  XlsxSheetNames names;
  CHECK(names.add("history") == "history (2)");
  CHECK(names.add("History") == "History (3)");
  CHECK(names.add("histories") == "histories");
}
