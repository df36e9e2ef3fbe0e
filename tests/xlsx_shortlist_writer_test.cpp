// What an xlsx shortlist's cells hold (src/output/xlsx_shortlist_writer.hpp):
// cell text, scores as numbers, column widths. The workbook itself is
// checked end to end (cli_xlsx_output_test.cpp, xlsx_openpyxl_test.sh).
#include <catch2/catch.hpp>

#include "output/xlsx_shortlist_writer.hpp"

using shortlist::kXlsxCellMax;
using shortlist::xlsx_cell_text;
using shortlist::xlsx_score_number;
using shortlist::xlsx_text_width;

namespace {
const std::string kReplacement = "\xEF\xBF\xBD";  // U+FFFD
const std::string kEllipsis = "\xE2\x80\xA6";     // U+2026
}  // namespace

TEST_CASE("xlsx cells: text is kept as it is", "[xlsx]") {
  CHECK(xlsx_cell_text("Åsa Lindqvist") == "Åsa Lindqvist");
  CHECK(xlsx_cell_text("=1+1") == "=1+1");  // a string cell is never a formula: no quote
  CHECK(xlsx_cell_text("-2+3") == "-2+3");
  CHECK(xlsx_cell_text("a\tb\nc") == "a\tb\nc");
  CHECK(xlsx_cell_text("") == "");
}

TEST_CASE("xlsx cells: control characters are shown as U+FFFD", "[xlsx]") {
  // SPEC 6 v1.1: C0 but tab and line breaks, DEL, and C1 (U+0080 to U+009F).
  CHECK(xlsx_cell_text("a\x01" "b\x1B" "c\x7F" "d\xC2\x80" "e\xC2\x85" "f\xC2\x9F" "g") ==
        "a" + kReplacement + "b" + kReplacement + "c" + kReplacement + "d" + kReplacement + "e" +
            kReplacement + "f" + kReplacement + "g");
  CHECK(xlsx_cell_text(std::string("n\0n", 3)) == "n" + kReplacement + "n");
  // U+00A0 follows the C1 range and stays.
  CHECK(xlsx_cell_text("a\xC2\xA0" "b") == "a\xC2\xA0" "b");
}

TEST_CASE("xlsx cells: line breaks are written as LF", "[xlsx]") {
  CHECK(xlsx_cell_text("a\r\nb") == "a\nb");
  CHECK(xlsx_cell_text("a\rb\r") == "a\nb\n");
  CHECK(xlsx_cell_text("a\r\r\nb") == "a\n\nb");
}

TEST_CASE("xlsx cells: what XML cannot hold is shown as U+FFFD", "[xlsx]") {
  CHECK(xlsx_cell_text("a\xFF" "b") == "a" + kReplacement + "b");             // not UTF-8
  CHECK(xlsx_cell_text("a\xEF\xBF\xBE" "b") == "a" + kReplacement + "b");     // U+FFFE
  CHECK(xlsx_cell_text("a\xEF\xBF\xBF" "b") == "a" + kReplacement + "b");     // U+FFFF
  CHECK(xlsx_cell_text("\xF0\x9F\x98\x80") == "\xF0\x9F\x98\x80");            // U+1F600 stays
}

TEST_CASE("xlsx cells: text past Excel's 32767 characters is cut and ends with an ellipsis",
          "[xlsx]") {
  CHECK(xlsx_cell_text(std::string(kXlsxCellMax, 'a')) == std::string(kXlsxCellMax, 'a'));
  CHECK(xlsx_cell_text(std::string(kXlsxCellMax + 1, 'a')) ==
        std::string(kXlsxCellMax - 1, 'a') + kEllipsis);
  // Emoji count two units each: 16383 of them (32766 units) and the ellipsis.
  std::string emoji;
  for (int i = 0; i < 20000; ++i) emoji += "\xF0\x9F\x98\x80";
  CHECK(xlsx_cell_text(emoji) == emoji.substr(0, 16383 * 4) + kEllipsis);
}

TEST_CASE("xlsx scores: up to 15 significant digits are numbers that read back equal",
          "[xlsx]") {
  CHECK(xlsx_score_number("20") == 20.0);
  CHECK(xlsx_score_number("17.5") == 17.5);
  CHECK(xlsx_score_number("-0.5") == -0.5);
  CHECK(xlsx_score_number("0.001") == 0.001);
  CHECK(xlsx_score_number("9.95") == 9.95);
  CHECK(xlsx_score_number("123456789012345") == 123456789012345.0);
  CHECK(xlsx_score_number("1234567890.12345") == 1234567890.12345);
  // Leading and trailing zeros are not significant: one digit each.
  CHECK(xlsx_score_number("0.000000000001") == 1e-12);
  CHECK(xlsx_score_number("1000000000000000000000") == 1e21);
}

TEST_CASE("xlsx scores: more than 15 significant digits stay text", "[xlsx]") {
  CHECK_FALSE(xlsx_score_number("1234567890123456").has_value());
  CHECK_FALSE(xlsx_score_number("1236.567890123456").has_value());
  CHECK_FALSE(xlsx_score_number("-0.1000000000000001").has_value());
  CHECK_FALSE(xlsx_score_number("123456789012.123456789012").has_value());
}

TEST_CASE("xlsx column widths: the longest line, wide characters counting two", "[xlsx]") {
  CHECK(xlsx_text_width("") == 0);
  CHECK(xlsx_text_width("abc") == 3);
  CHECK(xlsx_text_width("ab\ncdef\ng") == 4);
  CHECK(xlsx_text_width("\xC3\x85sa") == 3);                   // Åsa
  CHECK(xlsx_text_width("\xE4\xB8\xAD\xE6\x96\x87") == 4);     // 中文
  CHECK(xlsx_text_width("e\xCC\x81") == 1);                    // e and a combining acute
}
