// The first decisions that fail `screen --strict`, kept in input order and
// never more than kFailedNamed of a status, however many records fail: what
// the run names on standard error (see cmd/screen.cpp).
#include <algorithm>
#include <utility>

#include "shortlist/screen_run.hpp"

namespace shortlist {
namespace {

bool before(const FailedDecision& d, std::int64_t seq, int profile) {
  return std::pair(d.seq, d.profile) < std::pair(seq, profile);
}

}  // namespace

bool FirstFailed::wants(std::int64_t seq, int profile) const {
  return list_.size() < kFailedNamed || !before(list_.back(), seq, profile);
}

void FirstFailed::offer(FailedDecision decision) {
  if (!wants(decision.seq, decision.profile)) return;
  auto at = std::lower_bound(list_.begin(), list_.end(), decision,
                             [](const FailedDecision& a, const FailedDecision& b) {
                               return before(a, b.seq, b.profile);
                             });
  // One decision is offered once; offered again, it is not kept twice.
  if (at != list_.end() && at->seq == decision.seq && at->profile == decision.profile) return;
  list_.insert(at, std::move(decision));
  if (list_.size() > kFailedNamed) list_.pop_back();
}

void FirstFailed::merge(const FirstFailed& other) {
  for (const FailedDecision& d : other.list_) offer(d);
}

}  // namespace shortlist
