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

/// Fields a caller types only when a decision needs them (see decide_record).
class LateFields {
 public:
  virtual ~LateFields() = default;
  /// Types the fields outside fields_before_scores() into the values being
  /// decided. Called before a profile's first score rule, for every profile
  /// that gets there: only the first call may do anything.
  virtual void type_late() = 0;
};

/// The fields decide_record reads before any profile's scores: the id, and
/// those of the `when` conditions and the require rules of the profiles in
/// `selected` (all when empty). A record that every profile rejects on a
/// knock-out needs no other field, unless its decision is written out.
std::vector<bool> fields_before_scores(const Rules& rules, const std::vector<int>& selected);

/// Decides `values` against the profiles of `rules` (only those in `selected`,
/// when it is not empty) into `out`: one entry per profile whose `when` holds, or
/// one no-profile entry. Without `detail`, checks_json and points_json are
/// left empty: a run that writes no decision record needs only the statuses,
/// scores and reasons, and building every check's JSON is most of the cost.
/// With `late`, only the fields_before_scores() need be typed in `values`
/// at first: late->type_late() is called before any score rule is read.
void decide_record(const Rules& rules, const std::vector<int>& selected,
                   const std::vector<TypedValue>& values, std::vector<ProfileDecision>& out,
                   bool detail = true, LateFields* late = nullptr);

}  // namespace shortlist
