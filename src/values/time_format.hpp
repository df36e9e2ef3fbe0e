#pragma once
// strftime-style layouts for reading dates and times (SPEC 3.1 `format:`),
// internal to src/values/time.cpp and the rules loader.
//
// The date library's own reader takes `%Y` as "up to four digits", so that
// `28/3/24` under `%d/%m/%Y` became the year 24 and passed a 2024 deadline.
// A year read wrongly moves an applicant across a deadline or an age limit,
// so the layouts are read here, with a small, strict set of directives:
//
//   %Y  exactly four digits         %m %d %e %H %I  one or two digits (two next
//                                   to another number: %Y%m%d, %H%M)
//   %M  exactly two digits          %S  two digits, then an optional .fraction
//   %p  AM or PM (a.m., p.m.)       %b %B %h  an English month name or its
//   %a %A  an English weekday name, which must agree with the date
//   %z  Z, +HH:MM, +HHMM or +HH     %F = %Y-%m-%d   %T = %H:%M:%S   %R = %H:%M
//   %%  a percent sign              %n %t and a space: one or more spaces
//
// Any other character must match itself (letters in either case). Two-digit
// years (`%y`) are refused when the rules are loaded, like any other directive.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace shortlist::time_detail {

/// What a layout read from a text: a calendar day, maybe a time of day and an
/// offset. Fields a layout does not name keep their defaults.
struct LayoutReading {
  int year = 0;
  unsigned month = 0;
  unsigned day = 0;
  int hour = 0;
  int minute = 0;
  int second = 0;
  std::int64_t nanos = 0;
  bool has_offset = false;
  int offset_minutes = 0;
};

/// Checks a layout written in the rules; returns what is wrong with it, or
/// nullopt when it is usable. `timestamp`: the layout must also name an hour.
std::optional<std::string> check_layout(std::string_view layout, bool timestamp);

/// Reads the whole of `text` (already trimmed) with `layout`. On failure
/// returns false; `detail` is set ("no such date", "no such time of day", a
/// weekday that disagrees) when the text fitted the layout but names nothing.
bool read_with_layout(std::string_view text, std::string_view layout, LayoutReading& out,
                      std::string& detail);

}  // namespace shortlist::time_detail
