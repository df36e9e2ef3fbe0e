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

#include <date/date.h>
#include <date/tz.h>
#include <fmt/format.h>

#include <chrono>
#include <exception>
#include <string>

#include "shortlist/text_buffer.hpp"
#include "values/time_format.hpp"

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

// Appends `v` as fmt's "{:0N}" would: zero-padded to `width` characters,
// a minus sign counted among them. Written by hand for the decision record,
// where formatting each timestamp with fmt cost a tenth of its line.
template <class Out>
void append_padded(Out& out, long long v, int width) {
  char digits[24];
  int n = 0;
  unsigned long long u = v < 0 ? 0ULL - static_cast<unsigned long long>(v) : static_cast<unsigned long long>(v);
  do {
    digits[n++] = static_cast<char>('0' + u % 10);
    u /= 10;
  } while (u != 0);
  if (v < 0) {
    out += '-';
    --width;
  }
  for (int i = n; i < width; ++i) out += '0';
  while (n > 0) out += digits[--n];
}

// "2024-03-31T02:30:00", or with another separator between date and time.
template <class Out>
void append_date_time(Out& out, const date::year_month_day& ymd,
                      const date::hh_mm_ss<seconds>& hms, char separator) {
  const int year = int{ymd.year()};
  if (year >= 0 && year <= 9999) {
    // The usual case, every digit put in place and appended at once: this
    // runs for every timestamp of every decision line.
    char text[19];
    const auto put = [&](std::size_t at, long long v, int width) {
      for (int i = width - 1; i >= 0; --i, v /= 10) text[at + static_cast<std::size_t>(i)] = static_cast<char>('0' + v % 10);
    };
    put(0, year, 4);
    text[4] = '-';
    put(5, unsigned{ymd.month()}, 2);
    text[7] = '-';
    put(8, unsigned{ymd.day()}, 2);
    text[10] = separator;
    put(11, hms.hours().count(), 2);
    text[13] = ':';
    put(14, hms.minutes().count(), 2);
    text[16] = ':';
    put(17, hms.seconds().count(), 2);
    out.append(text, sizeof text);
    return;
  }
  append_padded(out, year, 4);
  out += '-';
  append_padded(out, unsigned{ymd.month()}, 2);
  out += '-';
  append_padded(out, unsigned{ymd.day()}, 2);
  out += separator;
  append_padded(out, hms.hours().count(), 2);
  out += ':';
  append_padded(out, hms.minutes().count(), 2);
  out += ':';
  append_padded(out, hms.seconds().count(), 2);
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

}  // namespace

const date::time_zone* find_time_zone(std::string_view name) {
  try {
    return date::locate_zone(name);
  } catch (const std::exception&) {
    return nullptr;
  }
}

namespace {

// A layout's reading as a wall-clock time; false if it names no real day.
WallClock to_wall(const time_detail::LayoutReading& r) {
  WallClock wall;
  wall.day = date::local_days{date::year{r.year} / date::month{r.month} / date::day{r.day}};
  wall.time_of_day = seconds{r.hour * 3600 + r.minute * 60 + r.second};
  wall.nanos = r.nanos;
  if (r.has_offset) wall.offset = minutes{r.offset_minutes};
  return wall;
}

// " (expected the format 'A' or 'B', or ISO 8601 ISO)".
std::string expected_formats(std::span<const std::string> formats, std::string_view iso) {
  std::string out = "expected the format";
  for (std::size_t i = 0; i < formats.size(); ++i) {
    out += i == 0 ? " '" : i + 1 == formats.size() ? "' or '" : "', '";
    out += formats[i];
  }
  return out + "', or ISO 8601 " + std::string(iso);
}

// Tries each layout, then ISO 8601; the first reading wins. `detail` keeps the
// first explanation of a text that fitted a layout but named no real time.
template <typename ReadIso>
std::optional<WallClock> read_any(std::string_view text, std::span<const std::string> formats,
                                  std::string& detail, ReadIso read_iso) {
  for (const std::string& layout : formats) {
    time_detail::LayoutReading reading;
    std::string why;
    if (time_detail::read_with_layout(text, layout, reading, why)) return to_wall(reading);
    if (detail.empty()) detail = why;
  }
  std::string why;
  if (auto wall = read_iso(text, why)) return wall;
  if (detail.empty()) detail = why;
  return std::nullopt;
}

std::optional<WallClock> read_iso_day(std::string_view text, std::string& detail) {
  Cursor in(text);
  const auto day = read_iso_date(in, detail);
  if (!day || !in.done()) return std::nullopt;
  WallClock wall;
  wall.day = *day;
  return wall;
}

}  // namespace

std::optional<Instant> parse_timestamp(std::string_view text, const date::time_zone* zone,
                                       std::span<const std::string> formats, std::string* why) {
  const std::string_view trimmed = trim(text);
  std::string detail;
  const std::optional<WallClock> wall = read_any(trimmed, formats, detail, read_iso_timestamp);
  if (!wall) {
    if (detail.empty() && !formats.empty())
      detail = expected_formats(formats, "YYYY-MM-DDTHH:MM");
    if (why != nullptr) *why = unreadable("timestamp", trimmed, detail);
    return std::nullopt;
  }
  return resolve(*wall, zone, trimmed, why);
}

std::optional<Instant> parse_timestamp(std::string_view text, const date::time_zone* zone,
                                       std::string_view format, std::string* why) {
  if (format.empty()) return parse_timestamp(text, zone, std::span<const std::string>(), why);
  const std::string one(format);
  return parse_timestamp(text, zone, std::span<const std::string>(&one, 1), why);
}

std::optional<Date> parse_date(std::string_view text, std::span<const std::string> formats,
                               std::string* why) {
  const std::string_view trimmed = trim(text);
  std::string detail;
  const std::optional<WallClock> wall = read_any(trimmed, formats, detail, read_iso_day);
  if (!wall) {
    if (detail.empty() && !formats.empty()) detail = expected_formats(formats, "YYYY-MM-DD");
    if (why != nullptr) *why = unreadable("date", trimmed, detail);
    return std::nullopt;
  }
  return Date{static_cast<std::int32_t>(wall->day.time_since_epoch().count())};
}

std::optional<Date> parse_date(std::string_view text, std::string_view format, std::string* why) {
  if (format.empty()) return parse_date(text, std::span<const std::string>(), why);
  const std::string one(format);
  return parse_date(text, std::span<const std::string>(&one, 1), why);
}

std::optional<std::string> check_time_format(std::string_view layout, bool timestamp) {
  return time_detail::check_layout(layout, timestamp);
}

template <class Out>
void append_instant(Out& out, Instant t) {
  std::int64_t nanos = 0;
  const date::sys_seconds tp = whole_seconds(t, nanos);
  const date::sys_days day = date::floor<date::days>(tp);
  const date::year_month_day ymd{day};
  const date::hh_mm_ss<seconds> hms{tp - day};
  append_date_time(out, ymd, hms, 'T');
  if (nanos != 0) out += fraction_suffix(nanos);
  out += 'Z';
}

std::string format_instant(Instant t) {
  std::string s;
  append_instant(s, t);
  return s;
}

template <class Out>
void append_date(Out& out, Date d) {
  const date::year_month_day ymd{date::sys_days{date::days{d.days}}};
  append_padded(out, int{ymd.year()}, 4);
  out += '-';
  append_padded(out, unsigned{ymd.month()}, 2);
  out += '-';
  append_padded(out, unsigned{ymd.day()}, 2);
}

template void append_instant(std::string&, Instant);
template void append_instant(TextBuffer&, Instant);
template void append_date(std::string&, Date);
template void append_date(TextBuffer&, Date);

std::string format_date(Date d) {
  std::string s;
  append_date(s, d);
  return s;
}

std::optional<Instant> day_start(Date d, const date::time_zone* zone) {
  const date::local_seconds midnight{date::local_days{date::days{d.days}}};
  // A midnight skipped by a clock change starts the day at the change.
  const date::sys_seconds start =
      zone != nullptr ? zone->to_sys(midnight, date::choose::earliest)
                      : date::sys_seconds{midnight.time_since_epoch()};
  std::int64_t ns = 0;
  if (__builtin_mul_overflow(static_cast<std::int64_t>(start.time_since_epoch().count()),
                             kNanosPerSecond, &ns))
    return std::nullopt;
  return Instant{ns};
}

std::string format_instant_in(Instant t, const date::time_zone* zone) {
  std::int64_t nanos = 0;
  const date::sys_seconds tp = whole_seconds(t, nanos);
  const seconds offset = zone != nullptr ? zone->get_info(tp).offset : seconds{0};
  const date::local_seconds local{tp.time_since_epoch() + offset};
  const date::local_days day = date::floor<date::days>(local);
  const date::year_month_day ymd{day};
  const date::hh_mm_ss<seconds> hms{local - day};
  const auto off = std::chrono::duration_cast<minutes>(offset).count();
  const long long off_abs = off < 0 ? -off : off;
  std::string s;
  append_date_time(s, ymd, hms, 'T');
  if (nanos != 0) s += fraction_suffix(nanos);
  s += off < 0 ? '-' : '+';
  append_padded(s, off_abs / 60, 2);
  s += ':';
  append_padded(s, off_abs % 60, 2);
  return s;
}

Date local_date(Instant t, const date::time_zone* zone) {
  std::int64_t nanos = 0;
  const date::sys_seconds tp = whole_seconds(t, nanos);
  const seconds local =
      zone != nullptr ? zone->to_local(tp).time_since_epoch() : tp.time_since_epoch();
  return Date{static_cast<std::int32_t>(date::floor<date::days>(local).count())};
}

}  // namespace shortlist
