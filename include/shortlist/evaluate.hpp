#pragma once
// Evaluating compiled conditions on a record's typed values (SPEC 3.2).
#include <cstdint>
#include <string>
#include <vector>

#include "shortlist/rules.hpp"
#include "shortlist/value.hpp"

namespace shortlist {

/// A condition's result. A condition on a missing or unreadable value is
/// undetermined; what that means is up to the caller (require, when, score).
enum class Truth { kFalse, kTrue, kUndetermined };

/// Why a condition came out undetermined: a value it needed was missing, or
/// unreadable, or read but proving nothing either way (`unproven`: a
/// territory of a listed state, "RE: territory of FR"; a date whose day
/// contains the instant it is compared with).
struct Doubt {
  enum class Kind : std::uint8_t { kNone, kMissing, kUnreadable, kUnproven };
  Kind kind = Kind::kNone;
  int field = -1;      ///< kMissing, kUnreadable: whose value it was
  std::string reason;  ///< kUnproven
};

/// Evaluates `condition` on `values` (one per field of the rules, in order).
/// On a list value, positive operators hold when any item satisfies them;
/// `not_equals`, `not_in` and `contains_none` hold when no item does;
/// `contains_all` holds when every phrase is found in some item.
///
/// When the result is undetermined, `doubt` (if given) says why, from the
/// parts that left it open only (in `any: [A, B]` with A true, B's missing
/// value is no cause). Among several, an unproven value is named before an
/// unreadable one, and that before a missing one; the first of each kind.
Truth evaluate(const Condition& condition, const std::vector<TypedValue>& values,
               Doubt* doubt = nullptr);

/// The key under which list items count as one (SPEC 3.4 v1.1): the letters
/// and digits of a text or string, normalized ("Py-Torch" and "pytorch" are
/// one); the typed value itself for other types.
std::string distinct_key(const Scalar& item);

/// The fields a condition reads, in the order they first appear.
void condition_fields(const Condition& condition, std::vector<int>& fields);

/// True if `a` and `b` are equal typed items (text compares normalized).
bool scalar_equal(const Scalar& a, const Scalar& b);

}  // namespace shortlist
