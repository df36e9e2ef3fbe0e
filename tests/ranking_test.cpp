// ProfileRanking: ranks, the cut at `top` and `include_ties` (SPEC 4.2), on
// scores given best first, with the places worked out by hand.
#include <catch2/catch.hpp>

#include <vector>

#include "run/ranking.hpp"

namespace {

using shortlist::ProfileRanking;
using shortlist::ShortlistSpec;
using shortlist::Status;

constexpr Status S = Status::kShortlisted;
constexpr Status R = Status::kReserve;

std::vector<Status> statuses(const ShortlistSpec& spec, const std::vector<const char*>& scores) {
  ProfileRanking ranking(spec);
  std::vector<Status> out;
  std::int64_t expected_rank = 0;
  for (const char* score : scores) {
    const auto place = ranking.next(score ? std::optional<std::string>(score) : std::nullopt);
    CHECK(place.rank == ++expected_rank);  // ranks are positions: no gaps, none shared
    out.push_back(place.status);
  }
  return out;
}

}  // namespace

TEST_CASE("ranking: without top every eligible entry is shortlisted", "[ranking]") {
  ShortlistSpec spec;
  CHECK(statuses(spec, {"9", "9", "1"}) == std::vector<Status>{S, S, S});
}

TEST_CASE("ranking: top N shortlists the first N, the rest are reserve", "[ranking]") {
  ShortlistSpec spec;
  spec.top = 2;
  // The tie at the cut (7, 7 at places 2 and 3) is decided by the order's
  // later keys, which put the third after the cut.
  CHECK(statuses(spec, {"9", "7", "7", "5"}) == std::vector<Status>{S, S, R, R});
}

TEST_CASE("ranking: the rest is reserve once the first N are placed, unless ties count",
          "[ranking]") {
  ShortlistSpec spec;
  spec.top = 2;
  ProfileRanking ranking(spec);
  CHECK_FALSE(ranking.rest_is_reserve());
  ranking.next("9");
  CHECK_FALSE(ranking.rest_is_reserve());
  ranking.next("8");
  CHECK(ranking.rest_is_reserve());
  // With include_ties a later entry may still tie with place 2.
  spec.include_ties = true;
  ProfileRanking ties(spec);
  ties.next("9");
  ties.next("8");
  CHECK_FALSE(ties.rest_is_reserve());
  // Without top nothing is ever reserve.
  ShortlistSpec all;
  ProfileRanking every(all);
  every.next("1");
  CHECK_FALSE(every.rest_is_reserve());
}

TEST_CASE("ranking: include_ties shortlists everyone tied with place N", "[ranking]") {
  ShortlistSpec spec;
  spec.top = 2;
  spec.include_ties = true;
  CHECK(statuses(spec, {"9", "7", "7", "7", "5"}) == std::vector<Status>{S, S, S, S, R});
  // A tie before the cut does not carry past it.
  CHECK(statuses(spec, {"9", "9", "8", "8"}) == std::vector<Status>{S, S, R, R});
}

TEST_CASE("ranking: scores are compared as canonical text", "[ranking]") {
  ShortlistSpec spec;
  spec.top = 1;
  spec.include_ties = true;
  // "2.5" and "2.50" would be one value; the canonical text has one form, so
  // the same text is the same score and a different text another.
  CHECK(statuses(spec, {"2.5", "2.5", "2.4"}) == std::vector<Status>{S, S, R});
}
