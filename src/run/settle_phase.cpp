// Phase 2 of a screening run: the verdicts of duplicate ids (see
// screen_run.cpp; the policy itself is in duplicates.cpp).
//
// The id sort was filled in parts, by a hash of (profile, id): each group
// is whole in one part, and a group's verdicts depend on nothing outside it,
// so the parts are settled side by side, one a thread. What they give is
// the same whatever the number of parts: verdicts go to sorts whose order is
// their keys' (each carries a sequence number), and counts are sums.
//
// With --strict, settling also names the first decisions of records with an
// id that end in review: those a `review` verdict sends there, and those
// decided `review` that no `duplicate` verdict takes out of it. Each part
// keeps its own first ones; the first of all are among theirs.
#include <array>
#include <future>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>

#include "run/run_keys.hpp"
#include "run/screen_phases.hpp"

namespace shortlist {

void ScreenRun::settle_duplicates() {
  // Verdicts by sequence number only for the pass over the spool.
  if (full_spool_)
    verdicts_ = sorter("verdicts", options_.memory_budget);
  taken_out_.clear();
  taken_out_.resize(rules_.profiles.size());
  const std::size_t ranked = std::max<std::size_t>(summary_.profiles.size(), 1);
  for (int p : summary_.profiles)
    taken_out_[static_cast<std::size_t>(p)] = sorter(
        "taken-out-" + std::to_string(p), std::max<std::size_t>(options_.memory_budget / ranked, 1));

  std::mutex verdicts_lock;
  struct Part {
    std::vector<std::array<std::int64_t, kProfileStatuses.size()>> counts;
    std::vector<std::int64_t> taken_out;  // eligible entries taken out, per profile
    std::int64_t items = 0;
    FirstFailed review;  // with name_failed
  };
  const bool naming = options_.name_failed;
  std::vector<Part> parts(id_parts_.size());
  auto settle_part = [&](std::size_t p) {
    ExternalSorter& ids = *id_parts_[p];
    Part& part = parts[p];
    part.counts.resize(summary_.counts.size());  // changes to the counts, summed at the end
    part.taken_out.resize(summary_.counts.size());
    ids.finish();
    int profile = 0;
    // A review decided for a record with an id, named once it is known that
    // no verdict takes it out: a verdict comes in the add() of its entry or
    // of the next one of its group (duplicates.hpp).
    struct Pending {
      bool set = false;
      std::int64_t seq = 0;
      int profile = 0;
      std::string payload;  // the entry's, with where its record is
    } pending;
    std::int64_t adding = -1;    // the sequence number of the entry being added
    bool adding_judged = false;  // whether it has had its verdict
    const auto name_review = [&](std::int64_t seq, int of_profile, std::string_view payload,
                                 bool duplicate_id) {
      if (!part.review.wants(seq, of_profile)) return;
      const IdWhere where = take_id_where(payload);
      part.review.offer({seq, of_profile, source_of(seq, where),
                         duplicate_id ? std::string("duplicate-id") : std::string(where.reason)});
    };
    DuplicateGroups groups(rules_.duplicates, [&](const DupEntry& entry, DupVerdict v) {
      auto& counts = part.counts[static_cast<std::size_t>(profile)];
      std::string_view rank_key = entry.rank_key;
      if (naming) {
        if (pending.set && pending.seq == entry.seq && pending.profile == profile) pending.set = false;
        if (entry.seq == adding) adding_judged = true;
        if (v == DupVerdict::kReview) name_review(entry.seq, profile, rank_key, true);
        take_id_where(rank_key);
      }
      // The entry was counted under its status when it was decided, but for
      // the eligible, which are counted by rank: a verdict takes them out of it.
      {
        const std::lock_guard<std::mutex> hold(verdicts_lock);
        char b = static_cast<char>(v);
        if (verdicts_) verdicts_->add(verdict_key(entry.seq, profile), std::string_view(&b, 1));
        if (entry.status == Status::kEligible)
          taken_out_[static_cast<std::size_t>(profile)]->add(rank_key, {});
      }
      if (entry.status == Status::kEligible) ++part.taken_out[static_cast<std::size_t>(profile)];
      if (entry.status != Status::kEligible) --counts[static_cast<std::size_t>(entry.status)];
      ++counts[static_cast<std::size_t>(v == DupVerdict::kReview ? Status::kReview : Status::kDuplicate)];
    });
    // The records of one (profile, id) arrive together, in input order.
    std::string_view key, rank_key;
    std::string group;
    DupEntry entry;
    while (ids.next(key, rank_key)) {
      if ((++part.items & kStopCheckMask) == 0) check_stop(options_.stop);
      profile = key_profile(key);
      const std::string_view this_group = key.substr(0, key.size() - kIdKeyTail);
      if (part.items == 1 || this_group != group) {
        group = this_group;
        groups.start_group();
      }
      entry.seq = key_seq(key.substr(key.size() - kIdKeyTail, 8));
      entry.status = static_cast<Status>(key.back());
      entry.rank_key = rank_key;
      adding = entry.seq;
      adding_judged = false;
      groups.add(entry);
      if (!naming) continue;
      if (pending.set) name_review(pending.seq, pending.profile, pending.payload, false);
      pending.set = entry.status == Status::kReview && !adding_judged;
      if (pending.set) {
        pending.seq = entry.seq;
        pending.profile = profile;
        pending.payload = rank_key;
      }
    }
    if (pending.set) name_review(pending.seq, pending.profile, pending.payload, false);
    id_parts_[p].reset();
  };
  std::vector<std::future<void>> others;
  for (std::size_t p = 1; p < parts.size(); ++p)
    others.push_back(std::async(std::launch::async, settle_part, p));
  settle_part(0);
  for (auto& other : others) other.get();  // rethrows what a part threw
  id_parts_.clear();
  ranked_taken_out_.assign(summary_.counts.size(), 0);
  for (const Part& part : parts) {
    phase_.items += part.items;
    for (std::size_t q = 0; q < part.taken_out.size(); ++q) ranked_taken_out_[q] += part.taken_out[q];
    summary_.failed.review.merge(part.review);
    for (std::size_t q = 0; q < part.counts.size(); ++q)
      for (std::size_t k = 0; k < part.counts[q].size(); ++k) summary_.counts[q][k] += part.counts[q][k];
  }
  if (verdicts_) verdicts_->finish();
  for (auto& taken_out : taken_out_)
    if (taken_out) taken_out->finish();
}

std::string ScreenRun::source_of(std::int64_t seq, const IdWhere& where) const {
  std::int64_t first = 0;
  for (const InputSummary& in : summary_.inputs) {
    if (seq < first + in.records) return record_source(in.path, where.line, where.source_column);
    first += in.records;
  }
  throw std::logic_error("a sequence number past the last input's records");
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
