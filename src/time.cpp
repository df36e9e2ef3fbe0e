// Dates and timestamps (SPEC 3.1).
//
// Both readers (the fixed ISO 8601 one and the strftime-style `format:` one) first
// produce a wall-clock reading: a calendar day, a time of day and, if the text had
// one, a UTC offset. Only then is the reading turned into an instant, with the offset
// if given, else through the call's time zone. The zone step refuses local times that
// fall in a daylight-saving gap or fold rather than guessing, because an applicant
// one hour either side of a deadline is the case that gets appealed.
//
// Instants are int64 nanoseconds, so only 1677-09-21 to 2262-04-11 is representable.
// The arithmetic stays in seconds until that range has been checked.
#include "shortlist/time.hpp"

// date.h's from_stream reads seconds (%S, %T, %X, %r, %c) into a `long double S`
// that g++ 12 rightly says may be uninitialized: when that read fails, S is left
// unset, and still rounded to the fields' duration before the failure is noticed
// and the result thrown away. See ParsedDuration below. (clang, used for fuzzing,
// has no such warning and would warn about the pragma.)
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <date/date.h>
#include <date/tz.h>
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
#include <fmt/format.h>

#include <chrono>
#include <exception>
#include <sstream>
#include <string>

namespace shortlist {
namespace {

using std::chrono::minutes;
using std::chrono::nanoseconds;
using std::chrono::seconds;

constexpr std::int64_t kNanosPerSecond = 1'000'000'000;
constexpr int kMaxFractionDigits = 9;
constexpr minutes kNoOffset = minutes::min();

// A time as written: a calendar day, a time of day, and an offset if one was given.
struct WallClock {
  date::local_days day;
  seconds time_of_day{0};
  std::int64_t nanos = 0;  // fraction of the second, [0, 10^9)
  minutes offset = kNoOffset;
};

std::string_view trim(std::string_view s) {
  constexpr std::string_view kSpace = " \t\n\r\f\v";
  const std::size_t first = s.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(kSpace) - first + 1);
}

std::string unreadable(std::string_view kind, std::string_view text, std::string_view detail) {
  std::string why = fmt::format("not a {}: '{}'", kind, text);
  if (!detail.empty()) why += fmt::format(" ({})", detail);
  return why;
}

// Reads fixed-width ISO 8601 fields from left to right.
class Cursor {
 public:
  explicit Cursor(std::string_view s) : s_(s) {}
  bool done() const { return pos_ == s_.size(); }
  bool eat(char c) {
    if (done() || s_[pos_] != c) return false;
    ++pos_;
    return true;
  }
  bool eat_any_of(std::string_view chars) {
    if (done() || chars.find(s_[pos_]) == std::string_view::npos) return false;
    ++pos_;
    return true;
  }
  // Exactly `n` digits as a number, or -1.
  int digits(int n) {
    int value = 0;
    for (int i = 0; i < n; ++i, ++pos_) {
      if (done() || s_[pos_] < '0' || s_[pos_] > '9') return -1;
      value = value * 10 + (s_[pos_] - '0');
    }
    return value;
  }
  // The run of digits at the cursor, possibly empty.
  std::string_view digit_run() {
    const std::size_t start = pos_;
    while (!done() && s_[pos_] >= '0' && s_[pos_] <= '9') ++pos_;
    return s_.substr(start, pos_ - start);
  }
  bool at_digit() const { return !done() && s_[pos_] >= '0' && s_[pos_] <= '9'; }

 private:
  std::string_view s_;
  std::size_t pos_ = 0;
};

// `YYYY-MM-DD`; sets `detail` when the fields are well formed but name no day.
std::optional<date::local_days> read_iso_date(Cursor& in, std::string& detail) {
  const int y = in.digits(4);
  if (y < 0 || !in.eat('-')) return std::nullopt;
  const int m = in.digits(2);
  if (m < 0 || !in.eat('-')) return std::nullopt;
  const int d = in.digits(2);
  if (d < 0) return std::nullopt;
  const date::year_month_day ymd{date::year{y}, date::month{static_cast<unsigned>(m)},
                                 date::day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) {
    detail = "no such date";
    return std::nullopt;
  }
  return date::local_days{ymd};
}

// `.fraction` of a second, up to 9 digits, into nanoseconds.
bool read_fraction(Cursor& in, std::int64_t& nanos, std::string& detail) {
  if (!in.eat('.')) return true;
  const std::string_view digits = in.digit_run();
  if (digits.empty()) return false;
  if (digits.size() > static_cast<std::size_t>(kMaxFractionDigits)) {
    detail = "more than 9 fraction digits";
    return false;
  }
  nanos = 0;
  for (std::size_t i = 0; i < static_cast<std::size_t>(kMaxFractionDigits); ++i) {
    nanos = nanos * 10 + (i < digits.size() ? digits[i] - '0' : 0);
  }
  return true;
}

// `HH:MM[:SS[.frac]]`.
bool read_iso_time(Cursor& in, WallClock& wall, std::string& detail) {
  const int h = in.digits(2);
  if (h < 0 || !in.eat(':')) return false;
  const int m = in.digits(2);
  if (m < 0) return false;
  int s = 0;
  if (in.eat(':')) {
    s = in.digits(2);
    if (s < 0 || !read_fraction(in, wall.nanos, detail)) return false;
  }
  if (h > 23 || m > 59 || s > 59) {
    detail = "no such time of day";
    return false;
  }
  wall.time_of_day = seconds{h * 3600 + m * 60 + s};
  return true;
}

// `Z`, `z`, `+HH:MM`, `+HHMM` or `+HH` (or `-`), or nothing.
bool read_iso_offset(Cursor& in, WallClock& wall, std::string& detail) {
  if (in.done()) return true;
  if (in.eat_any_of("Zz")) {
    wall.offset = minutes{0};
    return true;
  }
  const bool negative = in.eat('-');
  if (!negative && !in.eat('+')) return false;
  const int h = in.digits(2);
  if (h < 0) return false;
  int m = 0;
  if (in.eat(':') || in.at_digit()) m = in.digits(2);
  if (m < 0) return false;
  if (h > 23 || m > 59) {
    detail = "no such UTC offset";
    return false;
  }
  wall.offset = minutes{negative ? -(h * 60 + m) : h * 60 + m};
  return true;
}

std::optional<WallClock> read_iso_timestamp(std::string_view text, std::string& detail) {
  Cursor in(text);
  WallClock wall;
  const auto day = read_iso_date(in, detail);
  if (!day || !in.eat_any_of("Tt ")) return std::nullopt;
  wall.day = *day;
  if (!read_iso_time(in, wall, detail) || !read_iso_offset(in, wall, detail) || !in.done()) {
    return std::nullopt;
  }
  return wall;
}

// The duration date::from_stream reads times into. Rounding the unset seconds
// of a failed read (see the includes) to an integer duration converts garbage,
// often a NaN, to an integer: undefined behaviour, found by
// fuzz/rules_loader_fuzz under UBSan. Into a floating-point duration it is a
// mere multiplication; the time is rounded to nanoseconds here, once the read
// is known to have succeeded.
using ParsedDuration = std::chrono::duration<long double, std::nano>;

// Reads `text` with `date::from_stream`; the whole text must match the layout.
bool read_formatted(std::string_view text, std::string_view format,
                    date::fields<ParsedDuration>& fields, minutes* offset) {
  std::istringstream in{std::string(text)};
  const std::string layout(format);
  date::from_stream(in, layout.c_str(), fields, static_cast<std::string*>(nullptr), offset);
  if (in.fail() || !fields.ymd.ok()) return false;
  in >> std::ws;
  return in.peek() == std::istringstream::traits_type::eof();
}

std::optional<WallClock> read_formatted_timestamp(std::string_view text, std::string_view format) {
  date::fields<ParsedDuration> fields;
  fields.has_tod = true;
  WallClock wall;
  if (!read_formatted(text, format, fields, &wall.offset)) return std::nullopt;
  if (!fields.tod.in_conventional_range()) return std::nullopt;
  const nanoseconds tod = date::round<nanoseconds>(fields.tod.to_duration());
  wall.day = date::local_days{fields.ymd};
  wall.time_of_day = date::floor<seconds>(tod);
  wall.nanos = (tod - wall.time_of_day).count();
  return wall;
}

// Whole seconds (rounded down) and the nanoseconds left over. Calendar arithmetic
// on these cannot overflow, whereas nanoseconds near either end of the int64 range
// would when rounded to whole days.
date::sys_seconds whole_seconds(Instant t, std::int64_t& nanos) {
  std::int64_t secs = t.ns / kNanosPerSecond;
  nanos = t.ns % kNanosPerSecond;
  if (nanos < 0) {
    --secs;
    nanos += kNanosPerSecond;
  }
  return date::sys_seconds{seconds{secs}};
}

// ".5" for half a second, "" for none.
std::string fraction_suffix(std::int64_t nanos) {
  if (nanos == 0) return {};
  const std::string digits = fmt::format("{:09}", nanos);
  return "." + digits.substr(0, digits.find_last_not_of('0') + 1);
}

// "2024-03-31 02:30:00", with the fraction when there is one, for messages.
std::string describe(const WallClock& wall) {
  const date::year_month_day ymd{wall.day};
  const date::hh_mm_ss<seconds> hms{wall.time_of_day};
  const std::string s = fmt::format("{:04}-{:02}-{:02} {:02}:{:02}:{:02}", int{ymd.year()},
                                    unsigned{ymd.month()}, unsigned{ymd.day()}, hms.hours().count(),
                                    hms.minutes().count(), hms.seconds().count());
  return s + fraction_suffix(wall.nanos);
}

// The instant of `wall`: its own offset, else local time in `zone` (UTC when null).
std::optional<Instant> resolve(const WallClock& wall, const date::time_zone* zone,
                               std::string_view text, std::string* why) {
  const date::local_seconds local = wall.day + wall.time_of_day;
  seconds offset{0};
  if (wall.offset != kNoOffset) {
    offset = wall.offset;
  } else if (zone != nullptr) {
    const date::local_info info = zone->get_info(local);
    if (info.result != date::local_info::unique) {
      if (why != nullptr) {
        *why = info.result == date::local_info::nonexistent
                   ? fmt::format("{} does not exist in {} (clocks went forward)", describe(wall),
                                 zone->name())
                   : fmt::format("{} is ambiguous in {} (clocks went back)", describe(wall),
                                 zone->name());
      }
      return std::nullopt;
    }
    offset = info.first.offset;
  }
  std::int64_t secs = (local.time_since_epoch() - offset).count();
  std::int64_t nanos = wall.nanos;
  if (secs < 0 && nanos > 0) {  // borrow a second so that the earliest instant fits too
    ++secs;
    nanos -= kNanosPerSecond;
  }
  std::int64_t ns = 0;
  if (__builtin_mul_overflow(secs, kNanosPerSecond, &ns) ||
      __builtin_add_overflow(ns, nanos, &ns)) {
    if (why != nullptr) {
      *why = unreadable("timestamp", text, "outside the supported range 1677-09-21 to 2262-04-11");
    }
    return std::nullopt;
  }
  return Instant{ns};
}

std::optional<date::local_days> read_formatted_date(std::string_view text,
                                                    std::string_view format) {
  date::fields<ParsedDuration> fields;
  if (!read_formatted(text, format, fields, nullptr)) return std::nullopt;
  return date::local_days{fields.ymd};
}

}  // namespace

const date::time_zone* find_time_zone(std::string_view name) {
  try {
    return date::locate_zone(name);
  } catch (const std::exception&) {
    return nullptr;
  }
}

std::optional<Instant> parse_timestamp(std::string_view text, const date::time_zone* zone,
                                       std::string_view format, std::string* why) {
  const std::string_view trimmed = trim(text);
  std::string detail;
  const std::optional<WallClock> wall = format.empty() ? read_iso_timestamp(trimmed, detail)
                                                       : read_formatted_timestamp(trimmed, format);
  if (!wall) {
    if (!format.empty()) detail = fmt::format("expected the format '{}'", format);
    if (why != nullptr) *why = unreadable("timestamp", trimmed, detail);
    return std::nullopt;
  }
  return resolve(*wall, zone, trimmed, why);
}

std::optional<Date> parse_date(std::string_view text, std::string_view format, std::string* why) {
  const std::string_view trimmed = trim(text);
  std::string detail;
  std::optional<date::local_days> day;
  if (format.empty()) {
    Cursor in(trimmed);
    day = read_iso_date(in, detail);
    if (!in.done()) day.reset();
  } else {
    day = read_formatted_date(trimmed, format);
    if (!day) detail = fmt::format("expected the format '{}'", format);
  }
  if (!day) {
    if (why != nullptr) *why = unreadable("date", trimmed, detail);
    return std::nullopt;
  }
  return Date{static_cast<std::int32_t>(day->time_since_epoch().count())};
}

std::string format_instant(Instant t) {
  std::int64_t nanos = 0;
  const date::sys_seconds tp = whole_seconds(t, nanos);
  const date::sys_days day = date::floor<date::days>(tp);
  const date::year_month_day ymd{day};
  const date::hh_mm_ss<seconds> hms{tp - day};
  const std::string s = fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}", int{ymd.year()},
                                    unsigned{ymd.month()}, unsigned{ymd.day()}, hms.hours().count(),
                                    hms.minutes().count(), hms.seconds().count());
  return s + fraction_suffix(nanos) + "Z";
}

std::string format_date(Date d) {
  const date::year_month_day ymd{date::sys_days{date::days{d.days}}};
  return fmt::format("{:04}-{:02}-{:02}", int{ymd.year()}, unsigned{ymd.month()},
                     unsigned{ymd.day()});
}

Date local_date(Instant t, const date::time_zone* zone) {
  std::int64_t nanos = 0;
  const date::sys_seconds tp = whole_seconds(t, nanos);
  const seconds local =
      zone != nullptr ? zone->to_local(tp).time_since_epoch() : tp.time_since_epoch();
  return Date{static_cast<std::int32_t>(date::floor<date::days>(local).count())};
}

}  // namespace shortlist
