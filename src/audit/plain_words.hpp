#pragma once
// Values and requirements in people's words, for `explain`: a country code as
// its name, an instant as the local time of the call's time zone with its
// offset, a date as a day of a month, a threshold as "at least 1".
#include <simdjson.h>

#include <string>
#include <string_view>

#include "shortlist/rules.hpp"
#include "shortlist/time.hpp"
#include "shortlist/value.hpp"

namespace shortlist::plain {

/// `s` between double quotes, as explain shows what an applicant wrote.
std::string in_quotes(std::string_view s);
/// "27 March 2024 at 12:00:01 Brussels time (UTC+01:00)"; in UTC "27 March
/// 2024 at 11:00:01 UTC".
std::string instant(Instant t, const Call& call);
/// "27 March 2024".
std::string day(Date d);
/// A value as the decision record holds it (the JSON of one field's typed
/// value: a scalar, a list, or null), in words: countries by name with their
/// code ("Romania (RO)"), instants in the call's zone, dates, yes or no,
/// numbers, scale entries; strings and text quoted. "" for null.
std::string recorded_value(const FieldSpec& field, simdjson::dom::element value, const Call& call);
/// One typed item in the same words.
std::string scalar(const FieldSpec& field, const Scalar& item, const Call& call);
/// What a leaf condition asks of its field, in words, when it compares with a
/// bound: "at least 1", "no later than 27 March 2024 at 12:00:00 Brussels time
/// (UTC+01:00), the call's deadline", "between 1 and 5". "" for any other
/// condition (membership, phrases, patterns), which the rule's text words.
std::string requirement(const Condition& condition, const Rules& rules);

}  // namespace shortlist::plain
