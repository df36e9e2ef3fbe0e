// Phase 2 of a screening run: the verdicts of duplicate ids (see
// screen_run.cpp; the policy itself is in duplicates.cpp).
#include <memory>

#include "run/run_keys.hpp"
#include "run/screen_phases.hpp"

namespace shortlist {

void ScreenRun::settle_duplicates() {
  // Verdicts by sequence number only for the pass over the spool.
  if (full_spool_)
    verdicts_ = sorter("verdicts", options_.memory_budget);
  taken_out_ = sorter("taken-out", options_.memory_budget);
  ids_->finish();
  int profile = 0;
  DuplicateGroups groups(rules_.duplicates, [&](const DupEntry& entry, DupVerdict v) {
    char b = static_cast<char>(v);
    if (verdicts_) verdicts_->add(verdict_key(entry.seq, profile), std::string_view(&b, 1));
    // The entry was counted under its status when it was decided, but for
    // the eligible, which are counted by rank: a verdict takes them out of it.
    auto& counts = summary_.counts[static_cast<std::size_t>(profile)];
    if (entry.status == Status::kEligible)
      taken_out_->add(entry.rank_key, {});
    else
      --counts[static_cast<std::size_t>(entry.status)];
    ++counts[static_cast<std::size_t>(v == DupVerdict::kReview ? Status::kReview : Status::kDuplicate)];
  });
  // The records of one (profile, id) arrive together, in input order.
  std::string_view key, rank_key;
  std::string group;
  DupEntry entry;
  std::int64_t steps = 0;
  while (ids_->next(key, rank_key)) {
    ++phase_.items;
    if ((++steps & kStopCheckMask) == 0) check_stop(options_.stop);
    profile = key_profile(key);
    const std::string_view this_group = key.substr(0, key.size() - kIdKeyTail);
    if (phase_.items == 1 || this_group != group) {
      group = this_group;
      groups.start_group();
    }
    entry.seq = key_seq(key.substr(key.size() - kIdKeyTail, 8));
    entry.status = static_cast<Status>(key.back());
    entry.rank_key = rank_key;
    groups.add(entry);
  }
  ids_.reset();
  if (verdicts_) verdicts_->finish();
  taken_out_->finish();
}

std::optional<DupVerdict> ScreenRun::verdict_for(std::int64_t seq, int profile) {
  // Compared as numbers: a key built for each entry cost 2 % of a run.
  const std::pair<std::int64_t, int> wanted{seq, profile};
  while (!verdicts_done_ && verdict_at_ < wanted) {
    std::string_view key, payload;
    if (!verdicts_->next(key, payload)) {
      verdicts_done_ = true;
      break;
    }
    verdict_at_ = {key_seq(key.substr(0, 8)), key_profile(key.substr(8))};
    verdict_value_ = static_cast<DupVerdict>(payload[0]);
  }
  if (!verdicts_done_ && verdict_at_ == wanted) return verdict_value_;
  return std::nullopt;
}

}  // namespace shortlist
