#pragma once
// Deciding one record against every profile (SPEC 4.1), before ranking.
//
// This is the pure, per-record part of screening: it reads nothing but the
// record's typed values and the rules, so records can be decided on any thread
// in any order. What needs all records at once (duplicate ids, ranks) is
// settled afterwards by the screening run.
#include <optional>
#include <string>
#include <vector>

#include "shortlist/decimal.hpp"
#include "shortlist/rules.hpp"
#include "shortlist/status.hpp"
#include "shortlist/value.hpp"

namespace shortlist {

/// One profile's decision for a record, as far as the record alone decides it.
struct ProfileDecision {
  int profile = -1;          ///< index into Rules::profiles; -1 for no-profile
  Status status = Status::kNoProfile;  ///< kIneligible, kReview, kBelowCutoff, kEligible, kNoProfile
  std::optional<Decimal> score;  ///< absent when ineligible
  std::string checks_json;   ///< the "checks" array of the decision line (with detail)
  std::string points_json;   ///< the "points" array (with detail)
  std::string reason;        ///< why it is in review, else empty
};

/// Decides `values` against the profiles of `rules` (only those in `selected`,
/// when it is not empty) into `out`: one entry per profile whose `when` holds, or
/// one no-profile entry. Without `detail`, checks_json and points_json are
/// left empty: a run that writes no decision record needs only the statuses,
/// scores and reasons, and building every check's JSON is most of the cost.
void decide_record(const Rules& rules, const std::vector<int>& selected,
                   const std::vector<TypedValue>& values, std::vector<ProfileDecision>& out,
                   bool detail = true);

}  // namespace shortlist
