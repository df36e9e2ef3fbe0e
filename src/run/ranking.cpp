// Ranks and the shortlist's cut (SPEC 4.2).
//
// The eligible of a profile arrive sorted by the profile's `order` (by
// default score descending, then submission time and id ascending), with the
// record's sequence number as the last key, so that no two entries are ever
// equal and the order never depends on how the work was split. Ranks are
// then positions: 1, 2, 3, ... with no gaps and no shared ranks, because a
// shortlist is a list a recruiter works down, and an auditor must be able to
// say why one applicant came before another (the order's keys say it).
//
// `top: N` shortlists the first N; the others are `reserve`, ranked on, so
// that a withdrawal can be filled from the list without screening again.
// `include_ties: true` also shortlists every later entry whose score equals
// the score at place N: a cut that falls between equal scores would
// otherwise be decided by the tie-breaking keys alone, which say nothing of
// merit. Scores are compared as the exact decimal's canonical text, so equal
// text is equal value. Without `top` every eligible entry is shortlisted.
#include "run/ranking.hpp"

namespace shortlist {

ProfileRanking::Place ProfileRanking::next(const std::optional<std::string>& score) {
  ++position_;
  bool within = !spec_.top || position_ <= *spec_.top;
  if (spec_.top && position_ == *spec_.top) cutoff_score_ = score;
  if (!within && spec_.include_ties && cutoff_score_ && score == cutoff_score_) within = true;
  return {position_, within ? Status::kShortlisted : Status::kReserve};
}

}  // namespace shortlist
