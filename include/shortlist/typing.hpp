#pragma once
// Reading raw values as their field's type (SPEC 3.1).
#include <optional>
#include <string>
#include <string_view>

#include "shortlist/record.hpp"
#include "shortlist/rules.hpp"
#include "shortlist/value.hpp"

namespace shortlist {

/// Builds the look-up tables of `field` (folded ordinal entries and aliases).
/// The rules loader calls it once per field, before converting any literal.
void prepare_field(FieldSpec& field);

/// Reads one item as `field`'s type, after its `map`. Used for record values and
/// for the literals of the rules alike, so both are converted the same way.
/// On failure returns nullopt and sets `why` (e.g. "not a number: 'five'").
std::optional<Scalar> read_scalar(const FieldSpec& field, std::string_view text,
                                  const date::time_zone* zone, std::string* why);

/// read_scalar into `out`, reusing the room of the item it held; false (with
/// `why` set) when the text cannot be read.
bool read_scalar_into(const FieldSpec& field, std::string_view text, const date::time_zone* zone,
                      Scalar& out, std::string* why);

/// Reads a record's raw value for `field`: missing, unreadable (with a reason) or
/// typed items (split on the field's list separator).
TypedValue read_value(const FieldSpec& field, const RawValue& raw, const date::time_zone* zone);
/// read_value into `value`, whose strings and items keep their room from
/// record to record. Without `keep_written`, `raw` is kept only for an
/// unreadable value (the decision record's "written" is what needs it).
void read_value_into(const FieldSpec& field, const RawValue& raw, const date::time_zone* zone,
                     TypedValue& value, bool keep_written = true);

/// A typed item as JSON (numbers as exact decimal strings, booleans as JSON
/// booleans, countries as alpha-2, instants in UTC, dates as YYYY-MM-DD,
/// ordinals as their scale entry, text in its normalized form), appended to
/// `out` (a std::string or a TextBuffer).
template <class Out>
void append_scalar_json(Out& out, const FieldSpec& field, const Scalar& value);
/// A whole value as JSON: null when missing, an array for lists.
template <class Out>
void append_value_json(Out& out, const FieldSpec& field, const TypedValue& value);

/// A whole value as plain text for tabular outputs: empty when missing, the raw
/// text when unreadable, list items joined with the field's separator.
std::string value_text(const FieldSpec& field, const TypedValue& value);

}  // namespace shortlist
