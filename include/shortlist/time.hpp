#pragma once
// Dates and timestamps (SPEC 3.1 `date`, `timestamp`).
//
// An instant is a count of nanoseconds since 1970-01-01T00:00:00Z. A timestamp
// without an offset is local time in the call's time zone, with daylight saving
// from the IANA database. A local time that does not exist (the spring-forward
// gap) or that exists twice (the autumn fold) is unreadable: guessing would move
// an applicant across the deadline.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace date {
class time_zone;
}

namespace shortlist {

/// Nanoseconds since the Unix epoch, UTC.
struct Instant {
  std::int64_t ns = 0;
  friend auto operator<=>(Instant, Instant) = default;
};

/// Days since 1970-01-01.
struct Date {
  std::int32_t days = 0;
  friend auto operator<=>(Date, Date) = default;
};

/// Looks up an IANA zone ("Europe/Brussels", "UTC"); nullptr if unknown.
const date::time_zone* find_time_zone(std::string_view name);

/// Parses a timestamp with the first of `formats` (strftime-style layouts such
/// as "%d/%m/%Y %H:%M", see src/values/time_format.hpp) that reads it, or else as ISO
/// 8601 `YYYY-MM-DD[T ]HH:MM[:SS[.frac]][Z|+HH:MM|-HH:MM]`, which is always
/// accepted. A time without an offset is local time in `zone` (UTC when null).
/// On failure sets `why` (e.g. "2024-03-31 02:30 does not exist in Europe/Brussels").
std::optional<Instant> parse_timestamp(std::string_view text, const date::time_zone* zone,
                                       std::span<const std::string> formats, std::string* why);
/// The same with one layout; "" for ISO 8601 alone.
std::optional<Instant> parse_timestamp(std::string_view text, const date::time_zone* zone,
                                       std::string_view format, std::string* why);

/// Parses a date with the first of `formats` that reads it, or else as
/// `YYYY-MM-DD`. A day that does not exist is unreadable ("no such date").
std::optional<Date> parse_date(std::string_view text, std::span<const std::string> formats,
                               std::string* why);
/// The same with one layout; "" for `YYYY-MM-DD` alone.
std::optional<Date> parse_date(std::string_view text, std::string_view format, std::string* why);

/// Checks a `format:` layout from the rules; what is wrong with it, or nullopt.
/// A timestamp's layout must name the hour.
std::optional<std::string> check_time_format(std::string_view layout, bool timestamp);

/// `2024-03-27T10:59:30Z`; a fraction only when non-zero, without trailing zeros.
std::string format_instant(Instant t);
/// The same, appended to `out` (a std::string or a TextBuffer).
template <class Out>
void append_instant(Out& out, Instant t);
/// `2024-03-27`.
std::string format_date(Date d);
/// The same, appended to `out` (a std::string or a TextBuffer).
template <class Out>
void append_date(Out& out, Date d);
/// The first instant of day `d` in `zone` (UTC when null): its midnight, or the
/// clock change that skipped it; nullopt outside the instants' range.
std::optional<Instant> day_start(Date d, const date::time_zone* zone);
/// `t` as local time in `zone` with its offset: `2024-03-27T12:00:00+01:00`.
std::string format_instant_in(Instant t, const date::time_zone* zone);
/// The calendar date of `t` in `zone` (UTC when null).
Date local_date(Instant t, const date::time_zone* zone);

}  // namespace shortlist
