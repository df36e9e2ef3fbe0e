#pragma once
// What counted, for `explain`: from a record read again, which items of a
// list a score rule counted and which it did not (and why), which phrases of
// a rule's lists were found, and the arithmetic of the points. The points
// themselves come from the decision record; this only shows what is behind
// them, worked out the way screening counts (SPEC 3.4).
#include <string>
#include <vector>

#include "shortlist/explain.hpp"
#include "shortlist/rules.hpp"
#include "shortlist/value.hpp"

namespace shortlist {

/// Fills `p.counted`, `p.not_counted` and `p.calculation` for score rule
/// `rule` from the record's typed `values`, and sets `p.evidence`.
void add_score_evidence(PointsExplanation& p, const ScoreRule& rule,
                        const std::vector<TypedValue>& values);

/// The phrases of `condition`'s lists (contains_any, contains_all,
/// contains_none, anywhere in it) found in the record's text values, as the
/// rules hold them (normalized), each once, in the order of the lists.
std::vector<std::string> phrases_found(const Condition& condition,
                                       const std::vector<TypedValue>& values);

}  // namespace shortlist
