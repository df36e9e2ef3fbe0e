// DuplicateGroups: the verdicts of each duplicate policy (SPEC 4.4), for
// groups of one, two and three records, worked out from the policy's words.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "run/duplicates.hpp"

namespace {

using shortlist::DupEntry;
using shortlist::DuplicateGroups;
using shortlist::DuplicatePolicy;
using shortlist::DupVerdict;
using shortlist::Status;

struct Given {
  std::int64_t seq;
  DupVerdict verdict;
  friend bool operator==(const Given&, const Given&) = default;
};

// Groups of records (sequence numbers) through a policy; the verdicts given.
std::vector<Given> verdicts(DuplicatePolicy policy, const std::vector<std::vector<std::int64_t>>& groups) {
  std::vector<Given> out;
  DuplicateGroups dups(policy, [&](const DupEntry& e, DupVerdict v) { out.push_back({e.seq, v}); });
  for (const auto& group : groups) {
    dups.start_group();
    for (std::int64_t seq : group) dups.add({seq, Status::kEligible, {}});
  }
  return out;
}

const std::vector<std::vector<std::int64_t>> kGroups = {{1}, {2, 5}, {3, 4, 9}};

}  // namespace

TEST_CASE("duplicates: review sends every record of a repeated id to a person", "[duplicates]") {
  // The lone record 1 gets nothing; 2 is taken back when 5 arrives.
  CHECK(verdicts(DuplicatePolicy::kReview, kGroups) ==
        std::vector<Given>{{2, DupVerdict::kReview}, {5, DupVerdict::kReview},
                           {3, DupVerdict::kReview}, {4, DupVerdict::kReview},
                           {9, DupVerdict::kReview}});
}

TEST_CASE("duplicates: first keeps the first record of each id", "[duplicates]") {
  CHECK(verdicts(DuplicatePolicy::kFirst, kGroups) ==
        std::vector<Given>{{5, DupVerdict::kDuplicate}, {4, DupVerdict::kDuplicate},
                           {9, DupVerdict::kDuplicate}});
}

TEST_CASE("duplicates: last keeps the last record of each id", "[duplicates]") {
  CHECK(verdicts(DuplicatePolicy::kLast, kGroups) ==
        std::vector<Given>{{2, DupVerdict::kDuplicate}, {3, DupVerdict::kDuplicate},
                           {4, DupVerdict::kDuplicate}});
}

TEST_CASE("duplicates: a verdict carries the status the record had", "[duplicates]") {
  std::vector<Status> seen;
  DuplicateGroups dups(DuplicatePolicy::kReview,
                       [&](const DupEntry& e, DupVerdict) { seen.push_back(e.status); });
  dups.start_group();
  dups.add({1, Status::kIneligible, {}});
  dups.add({2, Status::kEligible, {}});
  CHECK(seen == std::vector<Status>{Status::kIneligible, Status::kEligible});
}

TEST_CASE("duplicates: a verdict carries the rank key of the record it names", "[duplicates]") {
  // `last` gives its verdict to the previous record when the next arrives,
  // and `review` to the first when the second does: the key must be theirs,
  // not that of the record just added.
  for (auto policy : {DuplicatePolicy::kLast, DuplicatePolicy::kReview}) {
    std::vector<std::string> keys;
    DuplicateGroups dups(policy, [&](const DupEntry& e, DupVerdict) { keys.push_back(e.rank_key); });
    dups.start_group();
    DupEntry entry;
    for (std::int64_t seq : {1, 2, 3}) {
      entry.seq = seq;
      entry.rank_key = "key-" + std::to_string(seq);
      dups.add(entry);
    }
    if (policy == DuplicatePolicy::kLast)
      CHECK(keys == std::vector<std::string>{"key-1", "key-2"});
    else
      CHECK(keys == std::vector<std::string>{"key-1", "key-2", "key-3"});
  }
}
