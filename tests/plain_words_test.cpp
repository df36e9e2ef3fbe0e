// Values in people's words for `explain` (src/audit/plain_words.hpp): times
// in the call's zone with their offset, countries by name, bounds in words.
// Expected texts are worked out by hand from the zones' rules.
#include <catch2/catch.hpp>

#include "audit/plain_words.hpp"
#include "shortlist/country.hpp"

using namespace shortlist;

namespace {

Call call_in(const std::string& zone) {
  Call c;
  c.timezone_name = zone;
  c.timezone = find_time_zone(zone);
  REQUIRE(c.timezone != nullptr);
  return c;
}

Instant at(const char* iso) {
  std::string why;
  auto t = parse_timestamp(iso, nullptr, std::string_view(), &why);
  REQUIRE(t);
  return *t;
}

}  // namespace

TEST_CASE("an instant is worded in the call's zone with its offset", "[explain][plain]") {
  // Brussels: CET (+01:00) until 31 March 2024, then CEST (+02:00).
  CHECK(plain::instant(at("2024-03-27T11:00:01Z"), call_in("Europe/Brussels")) ==
        "27 March 2024 at 12:00:01 Brussels time (UTC+01:00)");
  CHECK(plain::instant(at("2024-04-02T08:05:00Z"), call_in("Europe/Brussels")) ==
        "2 April 2024 at 10:05:00 Brussels time (UTC+02:00)");
  // New York in July: EDT, four hours behind UTC; the zone's underscore is a space.
  CHECK(plain::instant(at("2024-07-01T16:30:00Z"), call_in("America/New_York")) ==
        "1 July 2024 at 12:30:00 New York time (UTC-04:00)");
  CHECK(plain::instant(at("2024-03-27T11:00:01Z"), call_in("UTC")) ==
        "27 March 2024 at 11:00:01 UTC");
  // London in winter is at UTC's offset, but it is still London time.
  CHECK(plain::instant(at("2024-01-05T09:00:00Z"), call_in("Europe/London")) ==
        "5 January 2024 at 09:00:00 London time (UTC)");
}

TEST_CASE("a country code is worded by its English name", "[explain][plain]") {
  CHECK(country_name("RO") == "Romania");
  CHECK(country_name("BO") == "Bolivia");  // iso-codes' common name, not the official one
  CHECK(country_name("DE") == "Germany");
  CHECK_FALSE(country_name("XX"));
  CHECK_FALSE(country_name(""));
}
