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
#include "shortlist/text_buffer.hpp"
#include "shortlist/value.hpp"

namespace shortlist {

/// One profile's decision for a record, as far as the record alone decides it.
struct ProfileDecision {
  int profile = -1;          ///< index into Rules::profiles; -1 for no-profile
  Status status = Status::kNoProfile;  ///< kIneligible, kReview, kBelowCutoff, kEligible, kNoProfile
  std::optional<Decimal> score;  ///< absent when ineligible
  TextBuffer checks_json;    ///< the "checks" array of the decision line (with detail)
  TextBuffer points_json;    ///< the "points" array (with detail)
  std::string reason;        ///< why it is in review, else empty
};

/// Fields a caller types only when a decision needs them (see decide_record).
class LateFields {
 public:
  virtual ~LateFields() = default;
  /// Types those of `fields` not typed yet into the values being decided.
  /// Called before a require rule reads them (its `reads`).
  virtual void need(const std::vector<int>& fields) = 0;
  /// Types every field not typed yet. Called before a profile's first score
  /// rule, for every profile that gets there.
  virtual void type_late() = 0;
};

/// The fields decide_record reads before it knows which profiles screen a
/// record: the id, and those of the `when` conditions of the profiles in
/// `selected` (all when empty). The others can wait for a LateFields: a
/// record that a knock-out rejects needs none of the fields of the rules
/// after it, unless its decision is written out.
std::vector<bool> fields_typed_first(const Rules& rules, const std::vector<int>& selected);

/// Decides `values` against the profiles of `rules` (only those in `selected`,
/// when it is not empty) into `out`: one entry per profile whose `when` holds, or
/// one no-profile entry. Without `detail`, checks_json and points_json are
/// left empty: a run that writes no decision record needs only the statuses,
/// scores and reasons, and building every check's JSON is most of the cost.
/// Without `detail`, a profile's require rules stop at the first that fails:
/// the record is ineligible whatever the others say, and no output shows them.
/// With `late`, only the fields_typed_first() need be typed in `values`
/// at first: late->need() is called with a require rule's fields before the
/// rule is checked, and late->type_late() before any score rule is read.
void decide_record(const Rules& rules, const std::vector<int>& selected,
                   const std::vector<TypedValue>& values, std::vector<ProfileDecision>& out,
                   bool detail = true, LateFields* late = nullptr);

}  // namespace shortlist
