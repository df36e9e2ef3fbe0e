// Ranking keys (SPEC 4.2): byte-wise comparison of two keys (memcmp, as the
// external sorter does) must give the order the rules ask for. Each test builds
// records by hand, sorts their keys with memcmp and checks the resulting order.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "run/order_key.hpp"

using namespace shortlist;

namespace {

enum FieldIndex : int { kId, kSubmitted, kNumber, kOrdinal, kDate, kText, kFlag, kList, kCount };

Decimal dec(std::string_view text) {
  auto d = Decimal::parse(text);
  REQUIRE(d.has_value());
  return *d;
}

TypedValue one(Scalar s) {
  TypedValue v;
  v.state = TypedValue::State::kOk;
  v.items.push_back(std::move(s));
  return v;
}

TypedValue unreadable() {
  TypedValue v;
  v.state = TypedValue::State::kUnreadable;
  v.raw = "x";
  v.reason = "bad";
  return v;
}

OrderKey score(bool descending) { return {OrderKey::Source::kScore, -1, descending}; }
OrderKey by(int field, bool descending) { return {OrderKey::Source::kField, field, descending}; }

// One record to rank: a label for the test's messages, its score and values.
struct Row {
  std::string label;
  Decimal score;
  std::vector<TypedValue> values = std::vector<TypedValue>(kCount);
  std::int64_t seq = 0;
};

Row row(std::string label, std::int64_t seq = 0) {
  Row r;
  r.label = std::move(label);
  r.seq = seq;
  return r;
}

bool memcmp_less(const std::string& a, const std::string& b) {
  int c = std::memcmp(a.data(), b.data(), std::min(a.size(), b.size()));
  return c != 0 ? c < 0 : a.size() < b.size();
}

// The labels of `rows` in the order their keys sort.
std::vector<std::string> ranked(const std::vector<OrderKey>& order, std::vector<Row> rows) {
  std::vector<std::pair<std::string, std::string>> keyed;
  for (const Row& r : rows) {
    std::string key;
    append_order_key(key, order, r.score, r.values, r.seq);
    keyed.emplace_back(std::move(key), r.label);
  }
  std::sort(keyed.begin(), keyed.end(),
            [](const auto& a, const auto& b) { return memcmp_less(a.first, b.first); });
  for (std::size_t i = 1; i < keyed.size(); ++i) {
    INFO(keyed[i - 1].second << " vs " << keyed[i].second);
    CHECK(keyed[i - 1].first != keyed[i].first);  // no two keys are ever equal
  }
  std::vector<std::string> labels;
  for (auto& k : keyed) labels.push_back(k.second);
  return labels;
}

using Labels = std::vector<std::string>;

Row with_id(std::string label, std::string id, std::int64_t seq = 0) {
  Row r = row(std::move(label), seq);
  r.values[kId] = one(std::move(id));
  return r;
}

}  // namespace

TEST_CASE("score desc, then submitted asc, then id asc", "[order]") {
  std::vector<OrderKey> order = {score(true), by(kSubmitted, false), by(kId, false)};
  auto make = [](std::string label, std::string_view s, std::int64_t submitted, std::string id,
                 std::int64_t seq) {
    Row r = row(std::move(label), seq);
    r.score = dec(s);
    r.values[kSubmitted] = one(Instant{submitted});
    r.values[kId] = one(std::move(id));
    return r;
  };
  // a and b tie on score; b was submitted first. c and d tie on score and time; d's id
  // is smaller. e has the best score although it came last in the input.
  std::vector<Row> rows = {make("a", "17.5", 2000, "A1", 0), make("b", "17.5", 1000, "A2", 1),
                           make("c", "9", 500, "B7", 2),     make("d", "9", 500, "B10", 3),
                           make("e", "20", 9000, "Z", 4),    make("f", "-3", 0, "A0", 5)};
  CHECK(ranked(order, rows) == Labels{"e", "b", "a", "d", "c", "f"});
}

TEST_CASE("scores compare exactly, negatives and fractions included", "[order]") {
  auto make = [](std::string_view s, std::int64_t seq) {
    Row r = row(std::string(s), seq);
    r.score = dec(s);
    return r;
  };
  std::vector<Row> rows = {make("0", 0),     make("-0.5", 1), make("3", 2),  make("-0.25", 3),
                           make("0.001", 4), make("-100", 5), make("2.999", 6)};
  CHECK(ranked({score(false)}, rows) ==
        Labels{"-100", "-0.5", "-0.25", "0", "0.001", "2.999", "3"});
  CHECK(ranked({score(true)}, rows) ==
        Labels{"3", "2.999", "0.001", "0", "-0.25", "-0.5", "-100"});
}

TEST_CASE("numbers of every length sort by value, both ways", "[order]") {
  // Values around each byte-length boundary of a 128-bit number (powers of
  // 256, one either side, negated), both ends of the range and zero: a key
  // holds as many bytes as its value needs, so these are where a wrong
  // length byte would show.
  std::vector<__int128> values = {0, 1, -1};
  for (int bytes = 1; bytes < 16; ++bytes) {
    const __int128 p = static_cast<__int128>(1) << (8 * bytes);
    for (__int128 v : {p - 1, p, p + 1}) {
      values.push_back(v);
      values.push_back(-v);
    }
  }
  const __int128 max = static_cast<__int128>(~static_cast<unsigned __int128>(0) >> 1);
  values.push_back(max);
  values.push_back(-max);
  values.push_back(-max - 1);
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
  for (bool descending : {false, true}) {
    INFO((descending ? "desc" : "asc"));
    std::vector<Row> rows;
    for (std::size_t i = values.size(); i-- > 0;) {
      Row r = row(std::to_string(i), 0);
      r.score = Decimal::from_raw(values[i]);
      rows.push_back(std::move(r));
    }
    Labels want;
    for (std::size_t i = 0; i < values.size(); ++i)
      want.push_back(std::to_string(descending ? values.size() - 1 - i : i));
    CHECK(ranked({score(descending)}, rows) == want);
  }
}

TEST_CASE("number fields sort by value, negative decimals included", "[order]") {
  auto make = [](std::string_view s, std::int64_t seq) {
    Row r = row(std::string(s), seq);
    r.values[kNumber] = one(dec(s));
    return r;
  };
  std::vector<Row> rows = {make("1.5", 0), make("-1.5", 1), make("-1.25", 2), make("0", 3),
                           make("10", 4)};
  CHECK(ranked({by(kNumber, false)}, rows) == Labels{"-1.5", "-1.25", "0", "1.5", "10"});
  CHECK(ranked({by(kNumber, true)}, rows) == Labels{"10", "1.5", "0", "-1.25", "-1.5"});
}

TEST_CASE("missing values sort last in both directions", "[order]") {
  auto make = [](std::string label, std::optional<std::int64_t> submitted, std::int64_t seq) {
    Row r = row(std::move(label), seq);
    if (submitted) r.values[kSubmitted] = one(Instant{*submitted});
    return r;
  };
  std::vector<Row> rows = {make("none", std::nullopt, 0), make("late", 2000, 1),
                           make("early", -1000, 2)};
  CHECK(ranked({by(kSubmitted, false)}, rows) == Labels{"early", "late", "none"});
  CHECK(ranked({by(kSubmitted, true)}, rows) == Labels{"late", "early", "none"});
}

TEST_CASE("an unreadable value sorts with the missing ones", "[order]") {
  Row bad = row("bad", 0);
  bad.values[kNumber] = unreadable();
  Row gone = row("gone", 1);
  Row low = row("low", 2);
  low.values[kNumber] = one(dec("-1000"));
  CHECK(ranked({by(kNumber, false)}, {bad, gone, low}) == Labels{"low", "bad", "gone"});
  CHECK(ranked({by(kNumber, true)}, {bad, gone, low}) == Labels{"low", "bad", "gone"});
}

TEST_CASE("strings compare by their UTF-8 bytes", "[order]") {
  // 'B' is 0x42, 'a' 0x61, 'ä' 0xC3 0xA4, 'z' 0x7A.
  std::vector<Row> rows = {with_id("ä", "ä", 0), with_id("a", "a", 1), with_id("B", "B", 2),
                           with_id("z", "z", 3)};
  CHECK(ranked({by(kId, false)}, rows) == Labels{"B", "a", "z", "ä"});
  CHECK(ranked({by(kId, true)}, rows) == Labels{"ä", "z", "a", "B"});
}

TEST_CASE("a string sorts before a longer string it is a prefix of", "[order]") {
  std::vector<Row> rows = {with_id("abc", "abc", 0), with_id("ab", "ab", 1),
                           with_id("abd", "abd", 2), with_id("a", "a", 3)};
  CHECK(ranked({by(kId, false)}, rows) == Labels{"a", "ab", "abc", "abd"});
  CHECK(ranked({by(kId, true)}, rows) == Labels{"abd", "abc", "ab", "a"});
}

TEST_CASE("a string key ends cleanly before the next key", "[order]") {
  // "A" must sort before "AB" whatever the next key holds.
  Row short_late = with_id("A/late", "A", 0);
  short_late.values[kNumber] = one(dec("99"));
  Row long_early = with_id("AB/early", "AB", 1);
  long_early.values[kNumber] = one(dec("0"));
  CHECK(ranked({by(kId, false), by(kNumber, false)}, {long_early, short_late}) ==
        Labels{"A/late", "AB/early"});
  CHECK(ranked({by(kId, true), by(kNumber, false)}, {short_late, long_early}) ==
        Labels{"AB/early", "A/late"});
}

TEST_CASE("NUL bytes in strings keep the byte order", "[order]") {
  using namespace std::string_literals;
  // By bytes: "a" < "a\0" < "a\0\0" < "a\0b" < "a\x01" < "ab".
  std::vector<Row> rows = {with_id("ab", "ab", 0),           with_id("a01", "a\x01"s, 1),
                           with_id("a0b", "a\0b"s, 2),       with_id("a", "a", 3),
                           with_id("a00", "a\0\0"s, 4),      with_id("a0", "a\0"s, 5)};
  CHECK(ranked({by(kId, false)}, rows) == Labels{"a", "a0", "a00", "a0b", "a01", "ab"});
  CHECK(ranked({by(kId, true)}, rows) == Labels{"ab", "a01", "a0b", "a00", "a0", "a"});
}

TEST_CASE("ordinals, dates, booleans and texts sort by their value", "[order]") {
  auto ordinal = [](std::string label, std::int32_t i, std::int64_t seq) {
    Row r = row(std::move(label), seq);
    r.values[kOrdinal] = one(Ordinal{i});
    return r;
  };
  CHECK(ranked({by(kOrdinal, true)},
               {ordinal("bachelor", 1, 0), ordinal("doctorate", 3, 1), ordinal("secondary", 0, 2)}) ==
        Labels{"doctorate", "bachelor", "secondary"});

  auto day = [](std::string label, std::int32_t d, std::int64_t seq) {
    Row r = row(std::move(label), seq);
    r.values[kDate] = one(Date{d});
    return r;
  };
  CHECK(ranked({by(kDate, false)}, {day("1970-01-02", 1, 0), day("1969-12-31", -1, 1),
                                    day("2024-03-27", 19809, 2)}) ==
        Labels{"1969-12-31", "1970-01-02", "2024-03-27"});

  auto flag = [](std::string label, bool b, std::int64_t seq) {
    Row r = row(std::move(label), seq);
    r.values[kFlag] = one(b);
    return r;
  };
  CHECK(ranked({by(kFlag, false)}, {flag("true", true, 0), flag("false", false, 1)}) ==
        Labels{"false", "true"});
  CHECK(ranked({by(kFlag, true)}, {flag("false", false, 0), flag("true", true, 1)}) ==
        Labels{"true", "false"});

  // Text sorts by its normalized form: "alpha" < "zeta" although 'Z' < 'a'.
  auto text = [](std::string original, std::string normalized, std::int64_t seq) {
    Row r = row(original, seq);
    r.values[kText] = one(Text{std::move(original), std::move(normalized)});
    return r;
  };
  CHECK(ranked({by(kText, false)}, {text("Zeta", "zeta", 0), text("alpha", "alpha", 1)}) ==
        Labels{"alpha", "Zeta"});
}

TEST_CASE("a list sorts by its first item", "[order]") {
  auto make = [](std::string label, std::vector<std::string> items, std::int64_t seq) {
    Row r = row(std::move(label), seq);
    r.values[kList].state = TypedValue::State::kOk;
    r.values[kList].is_list = true;
    for (auto& s : items) r.values[kList].items.emplace_back(std::move(s));
    return r;
  };
  CHECK(ranked({by(kList, false)}, {make("FR,AT", {"FR", "AT"}, 0), make("DE,ZZ", {"DE", "ZZ"}, 1)}) ==
        Labels{"DE,ZZ", "FR,AT"});
}

TEST_CASE("equal keys are ordered by sequence number", "[order]") {
  std::vector<OrderKey> order = {score(true), by(kId, false)};
  auto make = [](std::int64_t seq) {
    Row r = with_id(std::to_string(seq), "same", seq);
    r.score = dec("5");
    return r;
  };
  // 255 and 256 differ in two bytes; 65536 in a third: numeric, not textual, order.
  CHECK(ranked(order, {make(256), make(2), make(65536), make(255), make(0), make(10)}) ==
        Labels{"0", "2", "10", "255", "256", "65536"});
}

TEST_CASE("the sequence number decides only after every order key", "[order]") {
  Row first = row("first-in-input", 0);
  first.score = dec("1");
  Row second = row("second-in-input", 1);
  second.score = dec("2");
  CHECK(ranked({score(true)}, {first, second}) == Labels{"second-in-input", "first-in-input"});
  CHECK(ranked({}, {second, first}) == Labels{"first-in-input", "second-in-input"});
}

TEST_CASE("append_order_key appends to what the buffer holds", "[order]") {
  std::string a = "prefix";
  std::string b;
  std::vector<TypedValue> values(kCount);
  append_order_key(a, {score(true)}, dec("1"), values, 7);
  append_order_key(b, {score(true)}, dec("1"), values, 7);
  CHECK(a == "prefix" + b);
}
