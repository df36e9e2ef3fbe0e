// Reading dates and times with strftime-style layouts (see time_format.hpp).
#include "values/time_format.hpp"

#include <date/date.h>

#include <array>

namespace shortlist::time_detail {
namespace {

constexpr std::array<std::string_view, 12> kMonths = {
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december"};
constexpr std::array<std::string_view, 7> kWeekdays = {
    "sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"};

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_space(char c) { return c == ' ' || c == '\t'; }
char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// The expansion of a shorthand directive, or "" for a plain one.
std::string_view expansion(char d) {
  switch (d) {
    case 'F': return "%Y-%m-%d";
    case 'T': return "%H:%M:%S";
    case 'R': return "%H:%M";
    default: return {};
  }
}

constexpr std::string_view kDirectives = "YmdeHIMSpbBhaAzFTR%nt";
// Directives that read digits.
constexpr std::string_view kNumeric = "YmdeHIMS";

// `layout` with its shorthands (%F, %T, %R) written out.
std::string expanded(std::string_view layout) {
  std::string out;
  for (std::size_t i = 0; i < layout.size(); ++i) {
    if (layout[i] == '%' && i + 1 < layout.size()) {
      const std::string_view sub = expansion(layout[i + 1]);
      out += sub.empty() ? layout.substr(i, 2) : sub;
      ++i;
    } else {
      out += layout[i];
    }
  }
  return out;
}

// Reads a text against a layout (shorthands expanded) from left to right.
class LayoutReader {
 public:
  LayoutReader(std::string_view text, LayoutReading& out) : text_(text), out_(out) {}

  bool read(std::string_view layout) {
    bool after_number = false;  // the previous element read digits
    for (std::size_t i = 0; i < layout.size(); ++i) {
      const char c = layout[i];
      if (c == '%' && i + 1 < layout.size()) {
        const char d = layout[++i];
        // A one-or-two-digit field next to another number ("%m%d",
        // "%Y%m%d") could split "2024111" either way: it must then take two
        // digits, or a date is guessed.
        const bool before_number = i + 2 < layout.size() && layout[i + 1] == '%' &&
                                   kNumeric.find(layout[i + 2]) != std::string_view::npos;
        if (!directive(d, after_number || before_number)) return false;
        after_number = kNumeric.find(d) != std::string_view::npos;
        continue;
      }
      after_number = false;
      if (is_space(c)) {
        if (!spaces()) return false;
      } else if (done() || lower(text_[pos_]) != lower(c)) {
        return false;
      } else {
        ++pos_;
      }
    }
    return true;
  }

  bool finish(std::string& detail) {
    if (!done()) return false;
    if (pm_ >= 0) {
      if (out_.hour < 1 || out_.hour > 12) return no_time(detail);
      out_.hour = out_.hour % 12 + (pm_ == 1 ? 12 : 0);
    }
    const date::year_month_day ymd{date::year{out_.year}, date::month{out_.month},
                                   date::day{out_.day}};
    if (!ymd.ok()) {
      detail = "no such date";
      return false;
    }
    if (out_.hour > 23 || out_.minute > 59 || out_.second > 59) return no_time(detail);
    if (weekday_ >= 0 &&
        date::weekday{date::sys_days{ymd}}.c_encoding() != static_cast<unsigned>(weekday_)) {
      detail = "the weekday does not match the date";
      return false;
    }
    return true;
  }

 private:
  static bool no_time(std::string& detail) {
    detail = "no such time of day";
    return false;
  }
  bool done() const { return pos_ == text_.size(); }

  // Between `min` and `max` digits, as many as there are.
  bool number(int min, int max, int& value) {
    value = 0;
    int n = 0;
    for (; n < max && !done() && is_digit(text_[pos_]); ++n, ++pos_)
      value = value * 10 + (text_[pos_] - '0');
    return n >= min;
  }
  bool number(int min, int max, unsigned& value) {
    int v = 0;
    if (!number(min, max, v)) return false;
    value = static_cast<unsigned>(v);
    return true;
  }

  bool spaces() {
    const std::size_t start = pos_;
    while (!done() && is_space(text_[pos_])) ++pos_;
    return pos_ > start;
  }

  // A word of letters (and dots, for "a.m."), lower-cased.
  std::string word() {
    std::string w;
    while (!done() && ((lower(text_[pos_]) >= 'a' && lower(text_[pos_]) <= 'z') ||
                       text_[pos_] == '.')) {
      w += lower(text_[pos_++]);
    }
    return w;
  }

  // The index of `w` among `names`, full or cut to three letters ("sept" too).
  template <std::size_t N>
  static int name_index(const std::string& w, const std::array<std::string_view, N>& names) {
    std::string_view bare(w);
    if (bare.ends_with('.')) bare.remove_suffix(1);
    for (std::size_t i = 0; i < N; ++i) {
      if (bare == names[i] || (bare.size() >= 3 && names[i].starts_with(bare)))
        return static_cast<int>(i);
    }
    return -1;
  }

  bool fraction() {
    if (done() || text_[pos_] != '.') return true;
    ++pos_;
    std::int64_t nanos = 0;
    int n = 0;
    for (; !done() && is_digit(text_[pos_]); ++n, ++pos_) {
      if (n >= 9) return false;
      nanos = nanos * 10 + (text_[pos_] - '0');
    }
    if (n == 0) return false;
    for (int k = n; k < 9; ++k) nanos *= 10;
    out_.nanos = nanos;
    return true;
  }

  bool offset() {
    if (done()) return false;
    if (lower(text_[pos_]) == 'z') {
      ++pos_;
      out_.has_offset = true;
      out_.offset_minutes = 0;
      return true;
    }
    const char sign = text_[pos_];
    if (sign != '+' && sign != '-') return false;
    ++pos_;
    int h = 0, m = 0;
    if (!number(2, 2, h)) return false;
    if (!done() && text_[pos_] == ':') {
      ++pos_;
      if (!number(2, 2, m)) return false;  // "+01:" names no minutes
    } else if (!done() && is_digit(text_[pos_]) && !number(2, 2, m)) {
      return false;
    }
    if (h > 23 || m > 59) return false;
    out_.has_offset = true;
    out_.offset_minutes = (sign == '-' ? -1 : 1) * (h * 60 + m);
    return true;
  }

  bool directive(char d, bool glued) {
    const int least = glued ? 2 : 1;  // digits of a one-or-two-digit field
    switch (d) {
      case 'Y': return number(4, 4, out_.year);
      case 'm': return number(least, 2, out_.month);
      case 'e':
        if (!done() && is_space(text_[pos_])) ++pos_;
        return number(least, 2, out_.day);
      case 'd': return number(least, 2, out_.day);
      case 'H': case 'I': return number(least, 2, out_.hour);
      case 'M': return number(2, 2, out_.minute);
      case 'S': return number(2, 2, out_.second) && fraction();
      case 'p': {
        const std::string w = word();
        if (w == "am" || w == "a.m.") pm_ = 0;
        else if (w == "pm" || w == "p.m.") pm_ = 1;
        else return false;
        return true;
      }
      case 'b': case 'B': case 'h': {
        const int i = name_index(word(), kMonths);
        out_.month = static_cast<unsigned>(i + 1);
        return i >= 0;
      }
      case 'a': case 'A':
        weekday_ = name_index(word(), kWeekdays);
        return weekday_ >= 0;
      case 'z': return offset();
      case '%':
        if (done() || text_[pos_] != '%') return false;
        ++pos_;
        return true;
      case 'n': case 't': return spaces();
      default: return false;
    }
  }

  std::string_view text_;
  LayoutReading& out_;
  std::size_t pos_ = 0;
  int pm_ = -1;       // -1: no %p; 0 am; 1 pm
  int weekday_ = -1;  // -1: no %a
};

// The directives a layout uses, shorthands expanded.
std::string directives_of(std::string_view layout) {
  std::string used;
  for (std::size_t i = 0; i + 1 < layout.size(); ++i) {
    if (layout[i] != '%') continue;
    const char d = layout[++i];
    const std::string_view sub = expansion(d);
    used += sub.empty() ? std::string(1, d) : directives_of(sub);
  }
  return used;
}

}  // namespace

std::optional<std::string> check_layout(std::string_view layout, bool timestamp) {
  for (std::size_t i = 0; i < layout.size(); ++i) {
    if (layout[i] != '%') continue;
    if (i + 1 == layout.size()) return "a lone '%' at the end (write '%%' for a percent sign)";
    const char d = layout[++i];
    if (d == 'y' || d == 'C' || d == 'g' || d == 'D')
      return "'%" + std::string(1, d) +
             "' reads a two-digit year, which is ambiguous ('85' could be 1985 or 2085): "
             "use '%Y', four digits";
    if (kDirectives.find(d) == std::string_view::npos)
      return "unsupported directive '%" + std::string(1, d) +
             "' (supported: %Y %m %d %e %H %I %M %S %p %b %B %h %a %A %z %F %T %R %%)";
  }
  const std::string used = directives_of(layout);
  const auto has = [&](std::string_view any) { return used.find_first_of(any) != std::string::npos; };
  if (!has("Y") || !has("mbBh") || !has("de"))
    return "it must name a four-digit year (%Y), a month (%m or %b) and a day (%d)";
  if (timestamp && !has("HI"))
    return "a timestamp's format must name the hour (%H or %I): a date alone cannot be placed "
           "against a time such as the deadline (use a date field)";
  if (has("I") != has("p")) return "'%I' (12-hour clock) and '%p' (AM/PM) go together";
  return std::nullopt;
}

bool read_with_layout(std::string_view text, std::string_view layout, LayoutReading& out,
                      std::string& detail) {
  out = LayoutReading();
  LayoutReader reader(text, out);
  return reader.read(expanded(layout)) && reader.finish(detail);
}

}  // namespace shortlist::time_detail
