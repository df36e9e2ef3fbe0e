#include "shortlist/time.hpp"

#include <date/tz.h>

#include <catch2/catch.hpp>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <vector>

namespace Catch {
template <>
struct StringMaker<shortlist::Instant> {
  static std::string convert(shortlist::Instant t) { return std::to_string(t.ns) + " ns"; }
};
template <>
struct StringMaker<shortlist::Date> {
  static std::string convert(shortlist::Date d) { return "day " + std::to_string(d.days); }
};
}  // namespace Catch

// Expected instants were worked out by hand and checked with GNU date, e.g.
// `date -u -d 2024-03-27T11:00:00Z +%s` = 1711537200.
namespace {

using shortlist::Date;
using shortlist::Instant;

constexpr std::int64_t kSecond = 1'000'000'000;
constexpr std::int64_t kMinute = 60 * kSecond;
constexpr std::int64_t kHour = 60 * kMinute;
// 2024-03-27T11:00:00Z, the deadline 12:00 in Brussels (CET, +01:00).
constexpr Instant kDeadline{1'711'537'200 * kSecond};
constexpr std::int32_t kDay2024_03_27 = 19809;  // 1711497600 / 86400

const date::time_zone* brussels() {
  const date::time_zone* zone = shortlist::find_time_zone("Europe/Brussels");
  REQUIRE(zone != nullptr);
  return zone;
}

// Parses a timestamp the test expects to be readable.
Instant ts(std::string_view text, const date::time_zone* zone = nullptr,
           std::string_view format = "") {
  std::string why;
  auto t = shortlist::parse_timestamp(text, zone, format, &why);
  INFO(std::string(text) << " -> " << why);
  REQUIRE(t.has_value());
  return *t;
}

// The reason a timestamp is refused; fails the test if it is accepted.
std::string ts_refusal(std::string_view text, const date::time_zone* zone = nullptr,
                       std::string_view format = "") {
  std::string why;
  auto t = shortlist::parse_timestamp(text, zone, format, &why);
  INFO(std::string(text));
  REQUIRE_FALSE(t.has_value());
  return why;
}

Date day(std::string_view text, std::string_view format = "") {
  std::string why;
  auto d = shortlist::parse_date(text, format, &why);
  INFO(std::string(text) << " -> " << why);
  REQUIRE(d.has_value());
  return *d;
}

std::string day_refusal(std::string_view text, std::string_view format = "") {
  std::string why;
  auto d = shortlist::parse_date(text, format, &why);
  INFO(std::string(text));
  REQUIRE_FALSE(d.has_value());
  return why;
}

}  // namespace

TEST_CASE("find_time_zone knows IANA names and returns null for others", "[time]") {
  const date::time_zone* zone = shortlist::find_time_zone("Europe/Brussels");
  REQUIRE(zone != nullptr);
  CHECK(zone->name() == "Europe/Brussels");
  CHECK(shortlist::find_time_zone("UTC") != nullptr);
  CHECK(shortlist::find_time_zone("America/New_York") != nullptr);
  CHECK(shortlist::find_time_zone("Mars/Olympus_Mons") == nullptr);
  CHECK(shortlist::find_time_zone("") == nullptr);
  CHECK(shortlist::find_time_zone("../../etc/passwd") == nullptr);
}

TEST_CASE("a winter local time in Brussels is one hour ahead of UTC", "[time]") {
  CHECK(ts("2024-03-27T12:00", brussels()) == kDeadline);
  CHECK(ts("2024-03-27 12:00:00", brussels()) == kDeadline);
}

TEST_CASE("a summer local time in Brussels is two hours ahead of UTC", "[time]") {
  // 2024-07-01T10:00:00Z = 1719828000.
  CHECK(ts("2024-07-01T12:00", brussels()) == Instant{1'719'828'000 * kSecond});
}

TEST_CASE("Z submissions one second either side of the deadline", "[time]") {
  CHECK(ts("2024-03-27T10:59:59Z") == Instant{kDeadline.ns - kSecond});
  CHECK(ts("2024-03-27T11:00:00Z") == kDeadline);
  CHECK(ts("2024-03-27T11:00:01Z") == Instant{kDeadline.ns + kSecond});
  CHECK(ts("2024-03-27T10:59:59Z", brussels()) < ts("2024-03-27T12:00", brussels()));
  CHECK(ts("2024-03-27T11:00:01z", brussels()) > ts("2024-03-27T12:00", brussels()));
}

TEST_CASE("without an offset or a zone the time is UTC", "[time]") {
  CHECK(ts("2024-03-27T11:00") == kDeadline);
  CHECK(ts("1970-01-01T00:00:00") == Instant{0});
}

TEST_CASE("the spring-forward gap does not exist", "[time]") {
  CHECK(ts_refusal("2024-03-31 02:30", brussels()) ==
        "2024-03-31 02:30:00 does not exist in Europe/Brussels (clocks went forward)");
  CHECK(ts_refusal("2024-03-31T02:00:00", brussels()) ==
        "2024-03-31 02:00:00 does not exist in Europe/Brussels (clocks went forward)");
  CHECK(ts_refusal("2024-03-31T02:59:59.25", brussels()) ==
        "2024-03-31 02:59:59.25 does not exist in Europe/Brussels (clocks went forward)");
  // Either side of the gap: 01:59:59 CET = 00:59:59Z (1711846799), 03:00 CEST = 01:00Z.
  CHECK(ts("2024-03-31T01:59:59", brussels()) == Instant{1'711'846'799 * kSecond});
  CHECK(ts("2024-03-31T03:00:00", brussels()) == Instant{1'711'846'800 * kSecond});
}

TEST_CASE("the autumn fold is ambiguous", "[time]") {
  CHECK(ts_refusal("2024-10-27 02:30", brussels()) ==
        "2024-10-27 02:30:00 is ambiguous in Europe/Brussels (clocks went back)");
  CHECK(ts_refusal("2024-10-27T02:00:00", brussels()) ==
        "2024-10-27 02:00:00 is ambiguous in Europe/Brussels (clocks went back)");
  CHECK(ts_refusal("2024-10-27T02:59:59", brussels()) ==
        "2024-10-27 02:59:59 is ambiguous in Europe/Brussels (clocks went back)");
  // Either side: 01:59:59 CEST = 2024-10-26T23:59:59Z (1729987199), 03:00 CET = 02:00Z.
  CHECK(ts("2024-10-27T01:59:59", brussels()) == Instant{1'729'987'199 * kSecond});
  CHECK(ts("2024-10-27T03:00:00", brussels()) == Instant{1'729'994'400 * kSecond});
}

TEST_CASE("an explicit offset makes gaps and folds irrelevant", "[time]") {
  // 02:30+01:00 = 01:30Z; 02:30+02:00 = 00:30Z on 2024-03-31 (00:00Z = 1711843200).
  CHECK(ts("2024-03-31T02:30+01:00", brussels()) == Instant{1'711'848'600 * kSecond});
  CHECK(ts("2024-10-27T02:30+02:00", brussels()) == Instant{(1'729'987'200 + 30 * 60) * kSecond});
}

TEST_CASE("explicit offsets are applied", "[time]") {
  CHECK(ts("2024-03-27T13:00+02:00") == kDeadline);
  CHECK(ts("2024-03-27T06:00-05:00") == kDeadline);
  CHECK(ts("2024-03-27T13:00:00+0200") == kDeadline);
  CHECK(ts("2024-03-27T13:00+02") == kDeadline);
  CHECK(ts("2024-03-27T06:00-0500") == kDeadline);
  CHECK(ts("2024-03-27T16:30+05:30") == kDeadline);
  CHECK(ts("2024-03-27T11:00-00:00") == kDeadline);
  // An offset wins over the zone.
  CHECK(ts("2024-03-27T06:00-05:00", brussels()) == kDeadline);
  CHECK(ts("2024-03-27T11:00Z", brussels()) == kDeadline);
}

TEST_CASE("other zones follow their own rules", "[time]") {
  const date::time_zone* new_york = shortlist::find_time_zone("America/New_York");
  const date::time_zone* kolkata = shortlist::find_time_zone("Asia/Kolkata");
  REQUIRE(new_york != nullptr);
  REQUIRE(kolkata != nullptr);
  CHECK(ts("2024-03-27 07:00", new_york) == kDeadline);  // EDT, -04:00
  CHECK(ts("2024-03-27 16:30", kolkata) == kDeadline);   // IST, +05:30
  CHECK(ts_refusal("2024-03-10 02:30", new_york) ==
        "2024-03-10 02:30:00 does not exist in America/New_York (clocks went forward)");
}

TEST_CASE("fractions of a second up to nanoseconds", "[time]") {
  CHECK(ts("2024-03-27T10:59:59.5Z") == Instant{kDeadline.ns - kSecond / 2});
  CHECK(ts("2024-03-27T11:00:00.123456789Z") == Instant{kDeadline.ns + 123'456'789});
  CHECK(ts("2024-03-27T11:00:00.000000001Z") == Instant{kDeadline.ns + 1});
  CHECK(ts("2024-03-27T11:00:00.120Z") == Instant{kDeadline.ns + 120'000'000});
  CHECK(ts("2024-03-27T12:00:00.75", brussels()) == Instant{kDeadline.ns + 750'000'000});
  CHECK(ts_refusal("2024-03-27T11:00:00.1234567891Z") ==
        "not a timestamp: '2024-03-27T11:00:00.1234567891Z' (more than 9 fraction digits)");
  CHECK(ts_refusal("2024-03-27T11:00:00.Z") == "not a timestamp: '2024-03-27T11:00:00.Z'");
  CHECK(ts_refusal("2024-03-27T11:00.5Z") == "not a timestamp: '2024-03-27T11:00.5Z'");
}

TEST_CASE("dates that do not exist are unreadable", "[time]") {
  CHECK(ts_refusal("2024-02-30T12:00Z") == "not a timestamp: '2024-02-30T12:00Z' (no such date)");
  CHECK(ts_refusal("2023-02-29T12:00Z") == "not a timestamp: '2023-02-29T12:00Z' (no such date)");
  CHECK(ts_refusal("2024-13-01T12:00Z") == "not a timestamp: '2024-13-01T12:00Z' (no such date)");
  CHECK(ts_refusal("2024-04-31T12:00Z") == "not a timestamp: '2024-04-31T12:00Z' (no such date)");
  CHECK(ts_refusal("2024-00-10T12:00Z") == "not a timestamp: '2024-00-10T12:00Z' (no such date)");
  // 2024 is a leap year: 2024-02-29T12:00:00Z = 1709208000.
  CHECK(ts("2024-02-29T12:00Z") == Instant{1'709'208'000 * kSecond});
}

TEST_CASE("times of day out of range are unreadable", "[time]") {
  CHECK(ts_refusal("2024-03-27T24:00Z") ==
        "not a timestamp: '2024-03-27T24:00Z' (no such time of day)");
  CHECK(ts_refusal("2024-03-27T12:60Z") ==
        "not a timestamp: '2024-03-27T12:60Z' (no such time of day)");
  CHECK(ts_refusal("2024-03-27T23:59:60Z") ==
        "not a timestamp: '2024-03-27T23:59:60Z' (no such time of day)");
  CHECK(ts_refusal("2024-03-27T12:00+24:00") ==
        "not a timestamp: '2024-03-27T12:00+24:00' (no such UTC offset)");
  CHECK(ts_refusal("2024-03-27T12:00+01:60") ==
        "not a timestamp: '2024-03-27T12:00+01:60' (no such UTC offset)");
}

TEST_CASE("text that is not an ISO timestamp is unreadable, quoted trimmed", "[time]") {
  CHECK(ts_refusal("yesterday") == "not a timestamp: 'yesterday'");
  CHECK(ts_refusal("  yesterday\t") == "not a timestamp: 'yesterday'");
  CHECK(ts_refusal("") == "not a timestamp: ''");
  for (const char* text :
       {"2024-03-27", "2024-3-27T12:00", "2024-03-27T12", "2024-03-27T1200", "24-03-27T12:00",
        "2024/03/27 12:00", "2024-03-27  12:00", "2024-03-27x12:00", "2024-03-27T12:00 Z",
        "2024-03-27T12:00+2", "2024-03-27T12:00+02:0", "2024-03-27T12:00:0", "2024-03-27T12:00ZZ",
        "2024-03-27T12:00:00 extra", "+2024-03-27T12:00", "27/03/2024 12:00"}) {
    CHECK(ts_refusal(text) == std::string("not a timestamp: '") + text + "'");
  }
}

TEST_CASE("the date and time may be separated by T, t or a space, and are trimmed", "[time]") {
  CHECK(ts("2024-03-27t11:00Z") == kDeadline);
  CHECK(ts(" \t2024-03-27 11:00Z\r\n") == kDeadline);
}

TEST_CASE("instants outside the int64 nanosecond range are unreadable", "[time]") {
  constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
  constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();
  // INT64_MAX ns = 9223372036.854775807 s = 2262-04-11T23:47:16.854775807Z;
  // INT64_MIN ns = -9223372036.854775808 s = 1677-09-21T00:12:43.145224192Z.
  CHECK(ts("2262-04-11T23:47:16.854775807Z") == Instant{kMax});
  CHECK(ts("1677-09-21T00:12:43.145224192Z") == Instant{kMin});
  CHECK(ts_refusal("2262-04-11T23:47:16.854775808Z") ==
        "not a timestamp: '2262-04-11T23:47:16.854775808Z' (outside the supported range "
        "1677-09-21 to 2262-04-11)");
  CHECK_FALSE(shortlist::parse_timestamp("1677-09-21T00:12:43.145224191Z", nullptr, "", nullptr));
  CHECK_FALSE(shortlist::parse_timestamp("0000-01-01T00:00Z", nullptr, "", nullptr));
  CHECK_FALSE(shortlist::parse_timestamp("9999-12-31T23:59Z", brussels(), "", nullptr));
  CHECK(ts("1969-12-31T23:59:59.5Z") == Instant{-kSecond / 2});
}

TEST_CASE("a custom format is local time in the zone", "[time]") {
  constexpr std::string_view kFormat = "%d/%m/%Y %H:%M";
  CHECK(ts("27/03/2024 12:00", brussels(), kFormat) == kDeadline);
  CHECK(ts("  01/07/2024 12:00 ", brussels(), kFormat) == Instant{1'719'828'000 * kSecond});
  CHECK(ts("27/03/2024 11:00", nullptr, kFormat) == kDeadline);
  CHECK(ts_refusal("31/03/2024 02:30", brussels(), kFormat) ==
        "2024-03-31 02:30:00 does not exist in Europe/Brussels (clocks went forward)");
  CHECK(ts_refusal("27/10/2024 02:30", brussels(), kFormat) ==
        "2024-10-27 02:30:00 is ambiguous in Europe/Brussels (clocks went back)");
}

TEST_CASE("text that does not fit the custom format is unreadable", "[time]") {
  constexpr std::string_view kFormat = "%d/%m/%Y %H:%M";
  const std::string expected =
      " (expected the format '%d/%m/%Y %H:%M', or ISO 8601 YYYY-MM-DDTHH:MM)";
  CHECK(ts_refusal("27/03/2024", brussels(), kFormat) ==
        "not a timestamp: '27/03/2024'" + expected);
  CHECK(ts_refusal("27/03/2024 12:00 extra", brussels(), kFormat) ==
        "not a timestamp: '27/03/2024 12:00 extra'" + expected);
  CHECK(ts_refusal("30/02/2024 12:00", brussels(), kFormat) ==
        "not a timestamp: '30/02/2024 12:00' (no such date)");
  CHECK(ts_refusal("27/03/2024 25:00", brussels(), kFormat) ==
        "not a timestamp: '27/03/2024 25:00' (no such time of day)");
}

TEST_CASE("ISO 8601 is accepted whatever the format", "[time]") {
  CHECK(ts("2024-03-27T12:00", brussels(), "%d/%m/%Y %H:%M") == kDeadline);
  CHECK(ts("2024-03-27 11:00Z", brussels(), "%d/%m/%Y %H:%M") == kDeadline);
  CHECK(day("2024-03-27", "%d/%m/%Y") == Date{kDay2024_03_27});
}

TEST_CASE("%Y is exactly four digits: a two-digit year is unreadable, never the year 24",
          "[time]") {
  // The inputs that exposed it: 28/3/24 became 0024-03-28, 15/06/85 the year 85.
  const std::string expected = " (expected the format '%d/%m/%Y', or ISO 8601 YYYY-MM-DD)";
  CHECK(day_refusal("28/3/24", "%d/%m/%Y") == "not a date: '28/3/24'" + expected);
  CHECK(day_refusal("15/06/85", "%d/%m/%Y") == "not a date: '15/06/85'" + expected);
  CHECK(day_refusal("15/06/985", "%d/%m/%Y") == "not a date: '15/06/985'" + expected);
  CHECK(day_refusal("15/06/19855", "%d/%m/%Y") == "not a date: '15/06/19855'" + expected);
  CHECK(day("15/06/1985", "%d/%m/%Y") == day("1985-06-15"));
  CHECK(day("28/3/2024", "%d/%m/%Y") == day("2024-03-28"));
  CHECK_FALSE(shortlist::parse_timestamp("28/3/24 10:00", brussels(), "%d/%m/%Y %H:%M", nullptr));
}

TEST_CASE("digits glued to another number must be two, or the split is a guess", "[time]") {
  // "2024111" under %Y%m%d could be 2024-11-01 or 2024-01-11: unreadable.
  CHECK(day_refusal("2024111", "%Y%m%d") ==
        "not a date: '2024111' (expected the format '%Y%m%d', or ISO 8601 YYYY-MM-DD)");
  CHECK(day("20240111", "%Y%m%d") == day("2024-01-11"));
  CHECK(day("11012024", "%d%m%Y") == day("2024-01-11"));
  CHECK_FALSE(shortlist::parse_date("1112024", "%d%m%Y", nullptr));
  // A separator ends the field, so one digit is fine there.
  CHECK(day("2024-1-11", "%Y-%m-%d") == day("2024-01-11"));
  CHECK(ts("20240327 1200", brussels(), "%Y%m%d %H%M") == kDeadline);
  CHECK_FALSE(shortlist::parse_timestamp("2024327 1200", brussels(), "%Y%m%d %H%M", nullptr));
}

TEST_CASE("%z needs the minutes after a colon", "[time]") {
  CHECK(ts("27/03/2024 13:00 +02:00", brussels(), "%d/%m/%Y %H:%M %z") == kDeadline);
  CHECK_FALSE(shortlist::parse_timestamp("27/03/2024 13:00 +02:", brussels(), "%d/%m/%Y %H:%M %z",
                                         nullptr));
}

TEST_CASE("several formats are tried in order", "[time]") {
  const std::vector<std::string> formats = {"%d/%m/%Y", "%d.%m.%Y", "%d %B %Y"};
  const auto read = [&](std::string_view text) {
    std::string why;
    auto d = shortlist::parse_date(text, std::span<const std::string>(formats), &why);
    INFO(why);
    REQUIRE(d.has_value());
    return *d;
  };
  CHECK(read("27/03/2024") == Date{kDay2024_03_27});
  CHECK(read("27.3.2024") == Date{kDay2024_03_27});
  CHECK(read("27 March 2024") == Date{kDay2024_03_27});
  CHECK(read("27 mar 2024") == Date{kDay2024_03_27});
  CHECK(read("2024-03-27") == Date{kDay2024_03_27});
  std::string why;
  CHECK_FALSE(shortlist::parse_date("03-27-2024", std::span<const std::string>(formats), &why));
  CHECK(why == "not a date: '03-27-2024' (expected the format '%d/%m/%Y', '%d.%m.%Y' or "
               "'%d %B %Y', or ISO 8601 YYYY-MM-DD)");
}

TEST_CASE("a date that does not exist is unreadable with the reason no such date", "[time]") {
  CHECK(day_refusal("31/06/2025", "%d/%m/%Y") == "not a date: '31/06/2025' (no such date)");
  CHECK(day_refusal("29/02/2023", "%d/%m/%Y") == "not a date: '29/02/2023' (no such date)");
  CHECK(day_refusal("12/13/2024", "%d/%m/%Y") == "not a date: '12/13/2024' (no such date)");
  CHECK(day("29/02/2024", "%d/%m/%Y") == day("2024-02-29"));
}

TEST_CASE("12-hour clocks, month and weekday names", "[time]") {
  CHECK(ts("27/03/2024 12:00 PM", brussels(), "%d/%m/%Y %I:%M %p") == kDeadline);
  CHECK(ts("27/03/2024 11:00 a.m.", nullptr, "%d/%m/%Y %I:%M %p") == kDeadline);
  CHECK(ts_refusal("27/03/2024 13:00 PM", brussels(), "%d/%m/%Y %I:%M %p") ==
        "not a timestamp: '27/03/2024 13:00 PM' (no such time of day)");
  CHECK(ts("Wednesday, 27 March 2024 12:00", brussels(), "%A, %d %B %Y %H:%M") == kDeadline);
  CHECK(ts_refusal("Tuesday, 27 March 2024 12:00", brussels(), "%A, %d %B %Y %H:%M") ==
        "not a timestamp: 'Tuesday, 27 March 2024 12:00' (the weekday does not match the date)");
  CHECK(ts("2024-03-27T12:00", brussels(), "%FT%R") == kDeadline);
}

TEST_CASE("formats the rules may not use", "[time]") {
  using shortlist::check_time_format;
  CHECK_FALSE(check_time_format("%d/%m/%Y", false));
  CHECK_FALSE(check_time_format("%d/%m/%Y %H:%M", true));
  CHECK_FALSE(check_time_format("%d %b %Y, %I:%M %p", true));
  CHECK(check_time_format("%d/%m/%y", false).value_or("").starts_with("'%y' reads a two-digit year"));
  CHECK(check_time_format("%D", false).value_or("").starts_with("'%D' reads a two-digit year"));
  CHECK(check_time_format("%d/%m/%Y %j", false).value_or("").starts_with("unsupported directive '%j'"));
  CHECK(check_time_format("%d/%m/%Y", true).value_or("").starts_with("a timestamp's format must name the hour"));
  CHECK(check_time_format("%m/%Y", false).value_or("").starts_with("it must name a four-digit year"));
  CHECK(check_time_format("%d/%m/%Y %I:%M", true).value_or("").starts_with("'%I' (12-hour clock)"));
  CHECK(check_time_format("%d/%m/%Y %", false).value_or("").starts_with("a lone '%'"));
}

TEST_CASE("a custom format with %z uses the offset it reads", "[time]") {
  constexpr std::string_view kFormat = "%d/%m/%Y %H:%M %z";
  CHECK(ts("27/03/2024 13:00 +0200", brussels(), kFormat) == kDeadline);
  CHECK(ts("27/03/2024 06:00 -0500", nullptr, kFormat) == kDeadline);
  // 02:30 in the gap is fine once the offset says which 02:30 is meant.
  CHECK(ts("31/03/2024 02:30 +0100", brussels(), kFormat) == Instant{1'711'848'600 * kSecond});
}

TEST_CASE("a custom format may carry seconds and fractions", "[time]") {
  CHECK(ts("2024.03.27 11.00.30", nullptr, "%Y.%m.%d %H.%M.%S") ==
        Instant{kDeadline.ns + 30 * kSecond});
  CHECK(ts("2024.03.27 11.00.30.25", nullptr, "%Y.%m.%d %H.%M.%S") ==
        Instant{kDeadline.ns + 30 * kSecond + 250'000'000});
}

TEST_CASE("parse_date reads YYYY-MM-DD", "[time]") {
  CHECK(day("2024-03-27") == Date{kDay2024_03_27});
  CHECK(day("1970-01-01") == Date{0});
  CHECK(day("1969-12-31") == Date{-1});
  CHECK(day(" 2024-02-29\n") == Date{19782});  // 1709164800 / 86400
  CHECK(day("0001-01-01") < day("9999-12-31"));
}

TEST_CASE("parse_date refuses other text and days that do not exist", "[time]") {
  CHECK(day_refusal("2024-02-30") == "not a date: '2024-02-30' (no such date)");
  CHECK(day_refusal("2023-02-29") == "not a date: '2023-02-29' (no such date)");
  CHECK(day_refusal(" tomorrow ") == "not a date: 'tomorrow'");
  CHECK(day_refusal("") == "not a date: ''");
  CHECK(day_refusal("2024-03-27T12:00") == "not a date: '2024-03-27T12:00'");
  CHECK(day_refusal("2024-3-27") == "not a date: '2024-3-27'");
  CHECK(day_refusal("27/03/2024") == "not a date: '27/03/2024'");
  CHECK_FALSE(shortlist::parse_date("2024-02-30", "", nullptr).has_value());
}

TEST_CASE("parse_date with a custom format", "[time]") {
  CHECK(day("27/03/2024", "%d/%m/%Y") == Date{kDay2024_03_27});
  CHECK(day("27.03.2024", "%d.%m.%Y") == Date{kDay2024_03_27});
  CHECK(day_refusal("31/04/2024", "%d/%m/%Y") == "not a date: '31/04/2024' (no such date)");
  CHECK(day_refusal("27/03/2024 junk", "%d/%m/%Y") ==
        "not a date: '27/03/2024 junk' (expected the format '%d/%m/%Y', or ISO 8601 "
        "YYYY-MM-DD)");
}

TEST_CASE("format_instant_in shows local time with its offset", "[time]") {
  CHECK(shortlist::format_instant_in(kDeadline, brussels()) == "2024-03-27T12:00:00+01:00");
  CHECK(shortlist::format_instant_in(Instant{1'719'828'000 * kSecond}, brussels()) ==
        "2024-07-01T12:00:00+02:00");
  CHECK(shortlist::format_instant_in(kDeadline, nullptr) == "2024-03-27T11:00:00+00:00");
  CHECK(shortlist::format_instant_in(kDeadline, shortlist::find_time_zone("America/New_York")) ==
        "2024-03-27T07:00:00-04:00");
}

TEST_CASE("day_start is local midnight", "[time]") {
  CHECK(shortlist::day_start(Date{kDay2024_03_27}, brussels()) ==
        Instant{(1'711'497'600 - 3600) * kSecond});  // 2024-03-27T00:00+01:00
  CHECK(shortlist::day_start(Date{kDay2024_03_27}, nullptr) == Instant{1'711'497'600 * kSecond});
}

TEST_CASE("format_instant prints UTC with a fraction only when needed", "[time]") {
  // 2024-03-27T10:59:30Z = 1711537170.
  CHECK(shortlist::format_instant(Instant{1'711'537'170 * kSecond}) == "2024-03-27T10:59:30Z");
  CHECK(shortlist::format_instant(Instant{1'711'537'170 * kSecond + 500'000'000}) ==
        "2024-03-27T10:59:30.5Z");
  CHECK(shortlist::format_instant(Instant{1'711'537'170 * kSecond + 123'456'789}) ==
        "2024-03-27T10:59:30.123456789Z");
  CHECK(shortlist::format_instant(Instant{1'711'537'170 * kSecond + 120'000'000}) ==
        "2024-03-27T10:59:30.12Z");
  CHECK(shortlist::format_instant(Instant{1'711'537'170 * kSecond + 1}) ==
        "2024-03-27T10:59:30.000000001Z");
  CHECK(shortlist::format_instant(Instant{0}) == "1970-01-01T00:00:00Z");
  CHECK(shortlist::format_instant(Instant{-1}) == "1969-12-31T23:59:59.999999999Z");
}

TEST_CASE("format_instant handles the ends of the range", "[time]") {
  CHECK(shortlist::format_instant(Instant{std::numeric_limits<std::int64_t>::max()}) ==
        "2262-04-11T23:47:16.854775807Z");
  CHECK(shortlist::format_instant(Instant{std::numeric_limits<std::int64_t>::min()}) ==
        "1677-09-21T00:12:43.145224192Z");
}

TEST_CASE("parsing a formatted instant gives it back", "[time]") {
  for (const char* text : {"2024-03-27T10:59:30Z", "2024-03-27T10:59:30.5Z",
                           "1969-12-31T23:59:59.999999999Z", "2262-04-11T23:47:16.854775807Z"}) {
    CHECK(shortlist::format_instant(ts(text)) == text);
  }
}

TEST_CASE("format_date prints YYYY-MM-DD", "[time]") {
  CHECK(shortlist::format_date(Date{kDay2024_03_27}) == "2024-03-27");
  CHECK(shortlist::format_date(Date{0}) == "1970-01-01");
  CHECK(shortlist::format_date(Date{-1}) == "1969-12-31");
  CHECK(shortlist::format_date(day("2024-02-29")) == "2024-02-29");
}

TEST_CASE("local_date is the calendar date in the zone", "[time]") {
  // 2024-03-27T23:30Z is 00:30 on the 28th in Brussels (CET).
  const Instant late_march{kDeadline.ns + 12 * kHour + 30 * kMinute};
  CHECK(shortlist::local_date(late_march, nullptr) == Date{kDay2024_03_27});
  CHECK(shortlist::local_date(late_march, brussels()) == Date{kDay2024_03_27 + 1});
  CHECK(shortlist::local_date(kDeadline, brussels()) == Date{kDay2024_03_27});
  // 2024-07-01T22:30Z is 00:30 on 2024-07-02 (day 19906) in Brussels (CEST).
  const Instant late_july{1'719'828'000 * kSecond + 12 * kHour + 30 * kMinute};
  CHECK(shortlist::local_date(late_july, brussels()) == Date{19906});
  CHECK(shortlist::local_date(late_july, nullptr) == Date{19906 - 1});
  CHECK(shortlist::local_date(Instant{-1}, nullptr) == Date{-1});
  CHECK(shortlist::local_date(Instant{std::numeric_limits<std::int64_t>::min()}, nullptr) ==
        day("1677-09-21"));
}

TEST_CASE("instants and dates are written zero-padded, fractions trimmed, at the range's ends",
          "[time]") {
  // Expected strings worked out with Python's datetime (proleptic Gregorian,
  // as date.h), and by hand for years before 1: year 0 is a leap year, so
  // -0001-01-01 is 366 + 365 days before 0001-01-01 (day -719162).
  using shortlist::format_date;
  using shortlist::format_instant;
  using shortlist::format_instant_in;
  CHECK(format_instant(Instant{0}) == "1970-01-01T00:00:00Z");
  CHECK(format_instant(Instant{-1'000'000'000}) == "1969-12-31T23:59:59Z");
  CHECK(format_instant(Instant{-1}) == "1969-12-31T23:59:59.999999999Z");
  CHECK(format_instant(Instant{1'500'000'000}) == "1970-01-01T00:00:01.5Z");
  CHECK(format_instant(Instant{std::numeric_limits<std::int64_t>::min()}) ==
        "1677-09-21T00:12:43.145224192Z");
  CHECK(format_instant(Instant{std::numeric_limits<std::int64_t>::max()}) ==
        "2262-04-11T23:47:16.854775807Z");
  CHECK(format_date(Date{19809}) == "2024-03-27");
  CHECK(format_date(Date{-719162}) == "0001-01-01");
  CHECK(format_date(Date{-719162 - 366}) == "0000-01-01");
  CHECK(format_date(Date{-719162 - 366 - 365}) == "-001-01-01");  // as "{:04}" writes -1
  const Instant noon_utc{std::int64_t{1705320000} * 1'000'000'000};  // 2024-01-15T12:00:00Z
  CHECK(format_instant_in(noon_utc, date::locate_zone("America/New_York")) == "2024-01-15T07:00:00-05:00");
  CHECK(format_instant_in(noon_utc, date::locate_zone("Asia/Kolkata")) == "2024-01-15T17:30:00+05:30");
  CHECK(format_instant_in(Instant{1'500'000'000}, nullptr) == "1970-01-01T00:00:01.5+00:00");
}
