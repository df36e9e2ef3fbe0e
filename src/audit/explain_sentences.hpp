#pragma once
// The one sentence that opens each explained decision: the status in words,
// the deciding reasons with the values as the applicant wrote them, and what
// can be done about it.
#include <string>
#include <vector>

#include "shortlist/explain.hpp"

namespace shortlist {

/// The sentence for `d` (its checks, points and values already worded).
/// `reason` is the recorded reason; `values` the record read again, or null.
std::string summary_sentence(const DecisionExplanation& d, const std::string& reason,
                             const Rules* rules, const std::vector<TypedValue>* values);

/// `field was written "X", read as Y` and the like, for one value.
std::string value_clause(const ValueWords& w);

}  // namespace shortlist
