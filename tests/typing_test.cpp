// Reading raw values as their field's type (SPEC 3.1). Every expected value is
// worked out by hand from the input written next to it; instants are counted in
// seconds since 1970-01-01T00:00:00Z with 2024-01-01 = day 19723.
#include <catch2/catch.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "shortlist/typing.hpp"

using namespace shortlist;
using Catch::Matchers::Contains;

namespace {

constexpr std::int64_t kNsPerSecond = 1'000'000'000;
constexpr std::int64_t kSecondsPerDay = 86'400;
// Days since 1970-01-01: 2024-01-01 is 54 * 365 + 13 leap days = 19723.
constexpr std::int32_t kDay20240327 = 19723 + 31 + 29 + 26;                 // 19809
constexpr std::int32_t kDay20240701 = 19723 + 31 + 29 + 31 + 30 + 31 + 30;  // 19905

std::int64_t utc_ns(std::int32_t day, int hour, int minute, int second) {
  return ((day * kSecondsPerDay) + hour * 3600 + minute * 60 + second) * kNsPerSecond;
}

FieldSpec make_field(std::string name, FieldType type,
                     std::optional<std::string> separator = std::nullopt) {
  FieldSpec f;
  f.name = std::move(name);
  f.type = type;
  f.list_separator = std::move(separator);
  prepare_field(f);
  return f;
}

FieldSpec degree_field() {
  FieldSpec f;
  f.name = "degree";
  f.type = FieldType::kOrdinal;
  f.scale = {"secondary", "bachelor", "master", "doctorate"};
  f.aliases = {{"High School", "secondary"}, {"BSc", "bachelor"}, {"MSc", "master"},
               {"PhD", "doctorate"}};
  prepare_field(f);
  return f;
}

const date::time_zone* brussels() {
  const date::time_zone* zone = find_time_zone("Europe/Brussels");
  REQUIRE(zone != nullptr);
  return zone;
}

RawValue csv(std::string text) {
  RawValue r;
  r.kind = RawValue::Kind::kString;
  r.text = std::move(text);
  return r;
}

RawValue json_list(std::string json, std::vector<std::string> items) {
  RawValue r;
  r.kind = RawValue::Kind::kList;
  r.text = std::move(json);
  r.items = std::move(items);
  return r;
}

RawValue of_kind(RawValue::Kind kind, std::string text = "") {
  RawValue r;
  r.kind = kind;
  r.text = std::move(text);
  return r;
}

// Reads `text` as one item of `field`; fails the test if it is unreadable.
Scalar read_ok(const FieldSpec& field, std::string_view text,
               const date::time_zone* zone = nullptr) {
  std::string why;
  auto s = read_scalar(field, text, zone, &why);
  INFO("'" << std::string(text) << "' -> " << why);
  REQUIRE(s.has_value());
  return *s;
}

// The reason `text` is unreadable as `field`; fails the test if it is read.
std::string refusal(const FieldSpec& field, std::string_view text,
                    const date::time_zone* zone = nullptr) {
  std::string why;
  auto s = read_scalar(field, text, zone, &why);
  INFO("'" << std::string(text) << "'");
  REQUIRE_FALSE(s.has_value());
  return why;
}

Decimal dec(std::int64_t units, std::int64_t trillionths = 0) {
  return Decimal::from_raw(static_cast<__int128>(units) * 1'000'000'000'000 + trillionths);
}

std::string json_of(const FieldSpec& field, const TypedValue& v) {
  std::string out;
  append_value_json(out, field, v);
  return out;
}

}  // namespace

TEST_CASE("a string is the trimmed text, kept exactly", "[typing]") {
  FieldSpec f = make_field("name", FieldType::kString);
  CHECK(std::get<std::string>(read_ok(f, "  Jane  Doe \t")) == "Jane  Doe");
  CHECK(std::get<std::string>(read_ok(f, "Émile")) == "Émile");

  TypedValue v = read_value(f, csv(" A0001 "), nullptr);
  CHECK(v.state == TypedValue::State::kOk);
  CHECK_FALSE(v.is_list);
  REQUIRE(v.items.size() == 1);
  CHECK(std::get<std::string>(v.items[0]) == "A0001");
}

TEST_CASE("a text value keeps the trimmed original and its normalized form", "[typing]") {
  FieldSpec f = make_field("cv", FieldType::kText);
  Text t = std::get<Text>(read_ok(f, "  Red-Teaming, Évaluation de MODÈLES! "));
  CHECK(t.original == "Red-Teaming, Évaluation de MODÈLES!");
  CHECK(t.normalized == "red teaming evaluation de modeles");
}

TEST_CASE("text that is not valid UTF-8 is unreadable", "[typing]") {
  FieldSpec f = make_field("cv", FieldType::kText);
  CHECK(refusal(f, "caf\xE9") == "not valid UTF-8");
}

TEST_CASE("numbers take a point or a comma and a sign", "[typing]") {
  FieldSpec f = make_field("ai_years", FieldType::kNumber);
  CHECK(std::get<Decimal>(read_ok(f, "7")) == dec(7));
  CHECK(std::get<Decimal>(read_ok(f, " +3 ")) == dec(3));
  CHECK(std::get<Decimal>(read_ok(f, "-2.5")) == dec(-2, -500'000'000'000));
  CHECK(std::get<Decimal>(read_ok(f, "5,25")) == dec(5, 250'000'000'000));
  CHECK(std::get<Decimal>(read_ok(f, "1.5")) == std::get<Decimal>(read_ok(f, "1,5")));
}

TEST_CASE("a number in another notation or a word is unreadable with the reason", "[typing]") {
  FieldSpec f = make_field("ai_years", FieldType::kNumber);
  CHECK(refusal(f, "1e3") == "not a number: '1e3'");
  CHECK(refusal(f, "five") == "not a number: 'five'");

  TypedValue v = read_value(f, csv("five"), nullptr);
  CHECK(v.state == TypedValue::State::kUnreadable);
  CHECK(v.reason == "not a number: 'five'");
  CHECK(v.raw == "five");
  CHECK(v.items.empty());
}

TEST_CASE("map entries replace the trimmed raw text before a number is read", "[typing]") {
  FieldSpec f = make_field("ai_years", FieldType::kNumber);
  f.map = {{"<1", "0"}, {">20", "21"}};
  CHECK(std::get<Decimal>(read_ok(f, "<1")) == dec(0));
  CHECK(std::get<Decimal>(read_ok(f, "  >20 ")) == dec(21));
  CHECK(std::get<Decimal>(read_ok(f, "4")) == dec(4));
  // Map keys match the whole trimmed text, not a part of it.
  CHECK(refusal(f, "<2") == "not a number: '<2'");
  CHECK(refusal(f, ">20 years") == "not a number: '>20 years'");
}

TEST_CASE("a JSON number is read from its literal", "[typing]") {
  FieldSpec f = make_field("ai_years", FieldType::kNumber);
  TypedValue v = read_value(f, of_kind(RawValue::Kind::kNumber, "3.25"), nullptr);
  REQUIRE(v.ok());
  CHECK(std::get<Decimal>(v.items[0]) == dec(3, 250'000'000'000));
}

TEST_CASE("every boolean word of the spec is read in any case", "[typing]") {
  FieldSpec f = make_field("eu_citizen", FieldType::kBoolean);
  for (const char* word : {"true", "TRUE", "True", "yes", "Yes", "y", "Y", "1", "oui", "OUI",
                           "ja", "Ja", "sí", "SÍ", "si", "Si"}) {
    INFO(word);
    CHECK(std::get<bool>(read_ok(f, word)) == true);
  }
  for (const char* word : {"false", "FALSE", "no", "No", "NO", "n", "N", "0", "non", "Non",
                           "nein", "NEIN"}) {
    INFO(word);
    CHECK(std::get<bool>(read_ok(f, word)) == false);
  }
  CHECK(std::get<bool>(read_ok(f, "  yes  ")) == true);
}

TEST_CASE("other words are not booleans", "[typing]") {
  FieldSpec f = make_field("eu_citizen", FieldType::kBoolean);
  CHECK(refusal(f, "maybe") == "not a boolean: 'maybe'");
  CHECK(refusal(f, "2") == "not a boolean: '2'");
  CHECK(refusal(f, "yess") == "not a boolean: 'yess'");
  CHECK(refusal(f, "t") == "not a boolean: 't'");
}

TEST_CASE("a boolean may be given through map", "[typing]") {
  FieldSpec f = make_field("eu_citizen", FieldType::kBoolean);
  f.map = {{"checked", "true"}, {"unchecked", "false"}};
  CHECK(std::get<bool>(read_ok(f, "checked")) == true);
  CHECK(std::get<bool>(read_ok(f, "unchecked")) == false);
}

TEST_CASE("a JSON boolean is read", "[typing]") {
  FieldSpec f = make_field("eu_citizen", FieldType::kBoolean);
  TypedValue t = read_value(f, of_kind(RawValue::Kind::kBool, "true"), nullptr);
  TypedValue n = read_value(f, of_kind(RawValue::Kind::kBool, "false"), nullptr);
  REQUIRE(t.ok());
  REQUIRE(n.ok());
  CHECK(std::get<bool>(t.items[0]) == true);
  CHECK(std::get<bool>(n.items[0]) == false);
}

TEST_CASE("an ordinal is the position of its scale entry or alias, in any case", "[typing]") {
  FieldSpec f = degree_field();
  CHECK(std::get<Ordinal>(read_ok(f, "secondary")).index == 0);
  CHECK(std::get<Ordinal>(read_ok(f, "Bachelor")).index == 1);
  CHECK(std::get<Ordinal>(read_ok(f, "MASTER")).index == 2);
  CHECK(std::get<Ordinal>(read_ok(f, "doctorate")).index == 3);
  CHECK(std::get<Ordinal>(read_ok(f, "high school")).index == 0);
  CHECK(std::get<Ordinal>(read_ok(f, "bsc")).index == 1);
  CHECK(std::get<Ordinal>(read_ok(f, "MSc")).index == 2);
  CHECK(std::get<Ordinal>(read_ok(f, " PHD ")).index == 3);
}

TEST_CASE("an ordinal off the scale is unreadable", "[typing]") {
  FieldSpec f = degree_field();
  CHECK(refusal(f, "diploma") == "not on the scale of 'degree': 'diploma'");
}

TEST_CASE("a field never prepared still reads its ordinals", "[typing]") {
  FieldSpec f;
  f.name = "level";
  f.type = FieldType::kOrdinal;
  f.scale = {"low", "high"};
  f.aliases = {{"top", "high"}};
  CHECK(std::get<Ordinal>(read_ok(f, "HIGH")).index == 1);
  CHECK(std::get<Ordinal>(read_ok(f, "Top")).index == 1);
  CHECK(std::get<Ordinal>(read_ok(f, "low")).index == 0);
}

TEST_CASE("a date is YYYY-MM-DD or its format", "[typing]") {
  FieldSpec iso = make_field("born", FieldType::kDate);
  CHECK(std::get<Date>(read_ok(iso, "2024-03-27")).days == kDay20240327);
  CHECK(std::get<Date>(read_ok(iso, "1970-01-01")).days == 0);
  CHECK(std::get<Date>(read_ok(iso, "1969-12-31")).days == -1);
  CHECK_THAT(refusal(iso, "2024-02-30"), Contains("2024-02-30"));
  CHECK_THAT(refusal(iso, "27/03/2024"), Contains("not a date"));

  FieldSpec eu = make_field("born", FieldType::kDate);
  eu.formats = {"%d/%m/%Y"};
  CHECK(std::get<Date>(read_ok(eu, "27/03/2024")).days == kDay20240327);
}

TEST_CASE("a timestamp without an offset is local time in the zone", "[typing]") {
  FieldSpec f = make_field("submitted", FieldType::kTimestamp);
  const date::time_zone* zone = brussels();
  // 27 March 2024 is before the switch to summer time (31 March): CET, UTC+1.
  CHECK(std::get<Instant>(read_ok(f, "2024-03-27T12:00", zone)).ns ==
        utc_ns(kDay20240327, 11, 0, 0));
  CHECK(std::get<Instant>(read_ok(f, "2024-03-27 11:59:59", zone)).ns ==
        utc_ns(kDay20240327, 10, 59, 59));
  // 1 July is summer time: CEST, UTC+2.
  CHECK(std::get<Instant>(read_ok(f, "2024-07-01T09:00", zone)).ns ==
        utc_ns(kDay20240701, 7, 0, 0));
  // Without a zone the local time is UTC.
  CHECK(std::get<Instant>(read_ok(f, "2024-03-27T12:00", nullptr)).ns ==
        utc_ns(kDay20240327, 12, 0, 0));
}

TEST_CASE("a timestamp with an offset or Z ignores the zone", "[typing]") {
  FieldSpec f = make_field("submitted", FieldType::kTimestamp);
  const date::time_zone* zone = brussels();
  CHECK(std::get<Instant>(read_ok(f, "2024-03-27T10:59:30Z", zone)).ns ==
        utc_ns(kDay20240327, 10, 59, 30));
  CHECK(std::get<Instant>(read_ok(f, "2024-03-27T12:00+03:00", zone)).ns ==
        utc_ns(kDay20240327, 9, 0, 0));
  CHECK(std::get<Instant>(read_ok(f, "2024-03-27T08:30-02:00", zone)).ns ==
        utc_ns(kDay20240327, 10, 30, 0));
}

TEST_CASE("a local time in the gap or the fold is unreadable", "[typing]") {
  FieldSpec f = make_field("submitted", FieldType::kTimestamp);
  const date::time_zone* zone = brussels();
  // 31 March 2024 02:00 -> 03:00 and 27 October 2024 03:00 -> 02:00 in Brussels.
  CHECK_THAT(refusal(f, "2024-03-31T02:30", zone), Contains("does not exist"));
  CHECK_THAT(refusal(f, "2024-10-27T02:30", zone), Contains("ambiguous"));
  CHECK_THAT(refusal(f, "yesterday", zone), Contains("yesterday"));
}

TEST_CASE("a country is read from codes and names to alpha-2", "[typing]") {
  FieldSpec f = make_field("nationality", FieldType::kCountry);
  CHECK(std::get<std::string>(read_ok(f, "DE")) == "DE");
  CHECK(std::get<std::string>(read_ok(f, "de")) == "DE");
  CHECK(std::get<std::string>(read_ok(f, "DEU")) == "DE");
  CHECK(std::get<std::string>(read_ok(f, "Deutschland")) == "DE");
  CHECK(std::get<std::string>(read_ok(f, "germany")) == "DE");
  CHECK(std::get<std::string>(read_ok(f, "Österreich")) == "AT");
  CHECK(std::get<std::string>(read_ok(f, "osterreich")) == "AT");
  CHECK(std::get<std::string>(read_ok(f, "EL")) == "GR");
  CHECK(std::get<std::string>(read_ok(f, "UK")) == "GB");
  CHECK(std::get<std::string>(read_ok(f, "Belgique")) == "BE");
  CHECK(refusal(f, "Narnia") == "unknown country: 'Narnia'");
}

TEST_CASE("empty, whitespace, JSON null and absent values are missing", "[typing]") {
  for (FieldType type : {FieldType::kString, FieldType::kText, FieldType::kNumber,
                         FieldType::kBoolean, FieldType::kDate, FieldType::kTimestamp,
                         FieldType::kCountry}) {
    FieldSpec f = make_field("f", type);
    INFO(static_cast<int>(type));
    CHECK(read_value(f, csv(""), nullptr).state == TypedValue::State::kMissing);
    CHECK(read_value(f, csv(" \t "), nullptr).state == TypedValue::State::kMissing);
    CHECK(read_value(f, of_kind(RawValue::Kind::kNull), nullptr).state ==
          TypedValue::State::kMissing);
    CHECK(read_value(f, of_kind(RawValue::Kind::kAbsent), nullptr).state ==
          TypedValue::State::kMissing);
  }
  FieldSpec ordinal = degree_field();
  CHECK(read_value(ordinal, csv("  "), nullptr).state == TypedValue::State::kMissing);
  TypedValue v = read_value(ordinal, csv(""), nullptr);
  CHECK(v.items.empty());
  CHECK(v.reason.empty());
}

TEST_CASE("a CSV list is split on the separator, trimmed, empty items dropped", "[typing]") {
  FieldSpec f = make_field("nationality", FieldType::kCountry, ";");
  TypedValue v = read_value(f, csv(" Deutschland ;; France;  ;IT "), nullptr);
  REQUIRE(v.state == TypedValue::State::kOk);
  CHECK(v.is_list);
  REQUIRE(v.items.size() == 3);
  CHECK(std::get<std::string>(v.items[0]) == "DE");
  CHECK(std::get<std::string>(v.items[1]) == "FR");
  CHECK(std::get<std::string>(v.items[2]) == "IT");
}

TEST_CASE("a separator of several characters splits on the whole separator", "[typing]") {
  FieldSpec f = make_field("skills", FieldType::kString, " | ");
  TypedValue v = read_value(f, csv("a|b | c"), nullptr);
  REQUIRE(v.ok());
  REQUIRE(v.items.size() == 2);
  CHECK(std::get<std::string>(v.items[0]) == "a|b");
  CHECK(std::get<std::string>(v.items[1]) == "c");
}

TEST_CASE("a list with one item is a list of one", "[typing]") {
  FieldSpec f = make_field("ai_years", FieldType::kNumber, ";");
  TypedValue v = read_value(f, csv("4,5"), nullptr);
  REQUIRE(v.ok());
  CHECK(v.is_list);
  REQUIRE(v.items.size() == 1);
  CHECK(std::get<Decimal>(v.items[0]) == dec(4, 500'000'000'000));
}

TEST_CASE("a list of only empty items is missing", "[typing]") {
  FieldSpec f = make_field("skills", FieldType::kText, ";");
  CHECK(read_value(f, csv(";; ; "), nullptr).state == TypedValue::State::kMissing);
  CHECK(read_value(f, csv(""), nullptr).state == TypedValue::State::kMissing);
  CHECK(read_value(f, json_list("[]", {}), nullptr).state == TypedValue::State::kMissing);
}

TEST_CASE("one unreadable item makes the whole list unreadable", "[typing]") {
  FieldSpec f = make_field("nationality", FieldType::kCountry, ";");
  TypedValue v = read_value(f, csv("DE; Narnia ;FR"), nullptr);
  CHECK(v.state == TypedValue::State::kUnreadable);
  CHECK(v.items.empty());
  CHECK(v.raw == "DE; Narnia ;FR");
  CHECK(v.reason == "item 'Narnia': unknown country: 'Narnia'");
}

TEST_CASE("a JSON array is a list as it is, never split again", "[typing]") {
  FieldSpec f = make_field("skills", FieldType::kString, ";");
  TypedValue v = read_value(f, json_list(R"(["a;b"," c "])", {"a;b", " c "}), nullptr);
  REQUIRE(v.ok());
  REQUIRE(v.items.size() == 2);
  CHECK(std::get<std::string>(v.items[0]) == "a;b");
  CHECK(std::get<std::string>(v.items[1]) == "c");

  FieldSpec countries = make_field("nationality", FieldType::kCountry, ";");
  TypedValue c = read_value(countries, json_list(R"(["BE","Deutschland"])", {"BE", "Deutschland"}),
                            nullptr);
  REQUIRE(c.ok());
  REQUIRE(c.items.size() == 2);
  CHECK(std::get<std::string>(c.items[0]) == "BE");
  CHECK(std::get<std::string>(c.items[1]) == "DE");
}

TEST_CASE("an unreadable item of a JSON array makes it unreadable", "[typing]") {
  FieldSpec f = make_field("scores", FieldType::kNumber, ";");
  TypedValue v = read_value(f, json_list(R"(["1","five"])", {"1", "five"}), nullptr);
  CHECK(v.state == TypedValue::State::kUnreadable);
  CHECK(v.raw == R"(["1","five"])");
  CHECK(v.reason == "item 'five': not a number: 'five'");
}

TEST_CASE("a list where one value is expected is unreadable", "[typing]") {
  FieldSpec f = make_field("nationality", FieldType::kCountry);
  TypedValue v = read_value(f, json_list(R"(["DE","FR"])", {"DE", "FR"}), nullptr);
  CHECK(v.state == TypedValue::State::kUnreadable);
  CHECK(v.raw == R"(["DE","FR"])");
  CHECK(v.reason == "a list where one value was expected");
}

TEST_CASE("an object where a value is expected is unreadable", "[typing]") {
  FieldSpec f = make_field("name", FieldType::kString);
  TypedValue v = read_value(f, of_kind(RawValue::Kind::kObject, R"({"a":1})"), nullptr);
  CHECK(v.state == TypedValue::State::kUnreadable);
  CHECK(v.raw == R"({"a":1})");
}

TEST_CASE("a CSV cell holding the separator of a non-list field is one value", "[typing]") {
  FieldSpec f = make_field("name", FieldType::kString);
  TypedValue v = read_value(f, csv("Doe; Jane"), nullptr);
  REQUIRE(v.ok());
  CHECK_FALSE(v.is_list);
  REQUIRE(v.items.size() == 1);
  CHECK(std::get<std::string>(v.items[0]) == "Doe; Jane");
}

TEST_CASE("typed values are written as the JSON of inspect", "[typing]") {
  const date::time_zone* zone = brussels();
  FieldSpec number = make_field("ai_years", FieldType::kNumber);
  FieldSpec boolean = make_field("eu", FieldType::kBoolean);
  FieldSpec degree = degree_field();
  FieldSpec day = make_field("born", FieldType::kDate);
  FieldSpec stamp = make_field("submitted", FieldType::kTimestamp);
  FieldSpec countries = make_field("nationality", FieldType::kCountry, ";");
  FieldSpec text = make_field("cv", FieldType::kText);
  FieldSpec name = make_field("name", FieldType::kString);

  CHECK(json_of(number, read_value(number, csv("5,50"), zone)) == R"("5.5")");
  CHECK(json_of(number, read_value(number, csv("-0,0"), zone)) == R"("0")");
  CHECK(json_of(boolean, read_value(boolean, csv("Oui"), zone)) == "true");
  CHECK(json_of(boolean, read_value(boolean, csv("nein"), zone)) == "false");
  CHECK(json_of(degree, read_value(degree, csv("PhD"), zone)) == R"("doctorate")");
  CHECK(json_of(day, read_value(day, csv("2024-03-27"), zone)) == R"("2024-03-27")");
  CHECK(json_of(stamp, read_value(stamp, csv("2024-03-27 12:00"), zone)) ==
        R"("2024-03-27T11:00:00Z")");
  CHECK(json_of(countries, read_value(countries, csv("Deutschland;fr"), zone)) ==
        R"(["DE","FR"])");
  CHECK(json_of(text, read_value(text, csv("Machine-Learning"), zone)) ==
        R"("machine learning")");
  CHECK(json_of(name, read_value(name, csv(" \"Jo\" "), zone)) == R"("\"Jo\"")");
}

TEST_CASE("missing and unreadable values are written as JSON null", "[typing]") {
  FieldSpec number = make_field("ai_years", FieldType::kNumber);
  FieldSpec countries = make_field("nationality", FieldType::kCountry, ";");
  CHECK(json_of(number, read_value(number, csv(""), nullptr)) == "null");
  CHECK(json_of(number, read_value(number, csv("five"), nullptr)) == "null");
  CHECK(json_of(countries, read_value(countries, csv(";"), nullptr)) == "null");
}

TEST_CASE("value_text gives the original text, the raw text or nothing", "[typing]") {
  FieldSpec countries = make_field("nationality", FieldType::kCountry, ";");
  FieldSpec text = make_field("cv", FieldType::kText);
  FieldSpec number = make_field("ai_years", FieldType::kNumber);
  FieldSpec degree = degree_field();

  CHECK(value_text(countries, read_value(countries, csv("Deutschland; France"), nullptr)) ==
        "DE;FR");
  CHECK(value_text(text, read_value(text, csv(" Machine-Learning "), nullptr)) ==
        "Machine-Learning");
  CHECK(value_text(number, read_value(number, csv("2,50"), nullptr)) == "2.5");
  CHECK(value_text(number, read_value(number, csv(" five "), nullptr)) == " five ");
  CHECK(value_text(number, read_value(number, csv(""), nullptr)).empty());
  CHECK(value_text(degree, read_value(degree, csv("msc"), nullptr)) == "master");
}

// ---- v1.1: suffixes and missing markers ----

namespace {

// A number field with `suffixes`, as the loader gives them: case-folded,
// longest first.
FieldSpec years_field(std::vector<std::string> suffixes) {
  FieldSpec f = make_field("ai_years", FieldType::kNumber);
  f.suffixes = std::move(suffixes);
  f.map = {{"<1", "0"}, {">20", "21"}};
  return f;
}

}  // namespace

TEST_CASE("a trailing suffix is dropped before the number is read", "[typing]") {
  FieldSpec f = years_field({"years", "jahre", "year", "ans", "+"});
  // The inputs that exposed it: "5 years" and "5+" were unreadable.
  CHECK(std::get<Decimal>(read_ok(f, "5 years")) == dec(5));
  CHECK(std::get<Decimal>(read_ok(f, "5+")) == dec(5));
  CHECK(std::get<Decimal>(read_ok(f, "5+ years")) == dec(5));  // dropped repeatedly
  CHECK(std::get<Decimal>(read_ok(f, "10 ans")) == dec(10));
  CHECK(std::get<Decimal>(read_ok(f, "3 JAHRE")) == dec(3));  // any case
  CHECK(std::get<Decimal>(read_ok(f, "2,5 years")) == dec(2, 500'000'000'000));
  CHECK(std::get<Decimal>(read_ok(f, "1year")) == dec(1));
  // The map applies to what is left: "<1 year" is "<1", which is 0.
  CHECK(std::get<Decimal>(read_ok(f, "<1 year")) == dec(0));
  CHECK(std::get<Decimal>(read_ok(f, ">20 years")) == dec(21));
}

TEST_CASE("a suffix is cut only at the end, on a word boundary, and never to nothing",
          "[typing]") {
  FieldSpec f = years_field({"years", "an", "+"});
  CHECK(refusal(f, "years") == "not a number: 'years'");
  CHECK(refusal(f, "about 5 years") == "not a number: 'about 5 years'");
  CHECK(refusal(f, "5 years ago") == "not a number: '5 years ago'");
  CHECK(refusal(f, "5 Jan") == "not a number: '5 Jan'");  // "an" follows a letter
  CHECK(refusal(f, "6 months") == "not a number: '6 months'");
  CHECK(refusal(f, "1.234,5") == "not a number: '1.234,5'");
  CHECK(refusal(f, "=1+1") == "not a number: '=1+1'");
  CHECK(refusal(f, "+") == "not a number: '+'");
}

TEST_CASE("the number is read from the digits as written, never from their folded form",
          "[typing]") {
  FieldSpec f = years_field({"years", "year"});
  // Folding turns "5²" into "52" and drops a zero-width space: neither may
  // make a number the applicant did not write.
  CHECK(refusal(f, "5\u00B2 years") == "not a number: '5\u00B2 years'");
  CHECK(refusal(f, "1\u200B0 years") == "not a number: '1\u200B0 years'");
  // A map key is compared with what is left as written, case included.
  f.map = {{"Less than 1", "0"}};
  CHECK(std::get<Decimal>(read_ok(f, "Less than 1 year")) == dec(0));
  CHECK(std::get<Decimal>(read_ok(f, "Less than 1 YEARS")) == dec(0));
}

TEST_CASE("a long run of suffixes is cut in linear time", "[typing]") {
  // One cell of 5 and 200,000 "+": each cut is O(1) (a quadratic cut would
  // copy 20 GB here).
  FieldSpec f = years_field({"+"});
  CHECK(std::get<Decimal>(read_ok(f, "5" + std::string(200000, '+'))) == dec(5));
}

TEST_CASE("a missing marker with digits keeps its punctuation", "[typing]") {
  // "-1" normalized would be "1": the cell "1" must stay a number.
  FieldSpec f = make_field("years", FieldType::kNumber);
  f.missing_exact = {"-1", "999"};
  CHECK(read_value(f, csv("-1"), nullptr).state == TypedValue::State::kMissing);
  CHECK(read_value(f, csv("999"), nullptr).state == TypedValue::State::kMissing);
  CHECK(read_value(f, csv("1"), nullptr).ok());
  CHECK(read_value(f, csv("9,99"), nullptr).ok());
}

TEST_CASE("with a suffix dropped, too many digits is said as such", "[typing]") {
  FieldSpec f = years_field({"years"});
  CHECK(refusal(f, "1234567890123 years") == "too many digits: '1234567890123'");
  CHECK(refusal(f, "five years") == "not a number: 'five years'");
}

TEST_CASE("without suffixes a unit makes the number unreadable", "[typing]") {
  FieldSpec f = make_field("ai_years", FieldType::kNumber);
  CHECK(refusal(f, "5 years") == "not a number: '5 years'");
  CHECK(refusal(f, "5+") == "not a number: '5+'");
}

TEST_CASE("a missing marker makes the value missing, with what was written kept", "[typing]") {
  FieldSpec f = make_field("cv", FieldType::kText);
  f.missing = {"see attached", "to be completed", "n a"};  // normalized
  f.missing_exact = {"-"};  // only punctuation: kept as written
  for (std::string_view cell : {"See attached", "TO BE COMPLETED.", "N/A", "n.a.", "-", " - "}) {
    TypedValue v = read_value(f, csv(std::string(cell)), nullptr);
    INFO(cell);
    CHECK(v.state == TypedValue::State::kMissing);
    CHECK(v.raw == cell);
  }
  // Only the whole cell: a summary that contains the words is a summary; and
  // "-" does not stand for other punctuation.
  for (std::string_view cell : {"Publications: see attached list.",
                                "PhD to be completed in June 2024", "--", "?"}) {
    INFO(cell);
    CHECK(read_value(f, csv(std::string(cell)), nullptr).ok());
  }
}

TEST_CASE("a missing marker among list items is dropped like an empty item", "[typing]") {
  FieldSpec f = make_field("skills", FieldType::kText, ";");
  f.missing = {"n a", "none"};
  TypedValue v = read_value(f, csv("Deep learning;N/A;LLMs"), nullptr);
  REQUIRE(v.ok());
  REQUIRE(v.items.size() == 2);
  CHECK(std::get<Text>(v.items[1]).normalized == "llms");
  CHECK(read_value(f, csv("none; N/A ;"), nullptr).state == TypedValue::State::kMissing);
  // A number field's marker: "N/A" years are missing, not unreadable.
  FieldSpec years = make_field("ai_years", FieldType::kNumber);
  years.missing = {"n a"};
  CHECK(read_value(years, csv("N/A"), nullptr).state == TypedValue::State::kMissing);
  CHECK(read_value(years, csv("n/a"), nullptr).state == TypedValue::State::kMissing);
}

TEST_CASE("every value keeps the text it was read from", "[typing]") {
  FieldSpec countries = make_field("nationality", FieldType::kCountry, ";");
  CHECK(read_value(countries, csv("Deutschland; France"), nullptr).raw == "Deutschland; France");
  CHECK(read_value(countries, csv(""), nullptr).raw.empty());
  CHECK(read_value(countries, json_list(R"(["DE","FR"])", {"DE", "FR"}), nullptr).raw ==
        R"(["DE","FR"])");
  CHECK(read_value(countries, of_kind(RawValue::Kind::kNull), nullptr).raw.empty());
}

TEST_CASE("a date field reads any of its formats, and ISO 8601", "[typing]") {
  FieldSpec f = make_field("born", FieldType::kDate);
  f.formats = {"%d/%m/%Y", "%d.%m.%Y"};
  CHECK(std::get<Date>(read_ok(f, "27/03/2024")).days == kDay20240327);
  CHECK(std::get<Date>(read_ok(f, "27.03.2024")).days == kDay20240327);
  CHECK(std::get<Date>(read_ok(f, "2024-03-27")).days == kDay20240327);
  CHECK_THAT(refusal(f, "28/3/24"), Contains("not a date: '28/3/24'"));
  CHECK(refusal(f, "31/06/2025") == "not a date: '31/06/2025' (no such date)");
}
