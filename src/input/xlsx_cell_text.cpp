#include "input/xlsx_cell_text.hpp"

#include <date/date.h>
#include <fmt/format.h>
#include <utf8proc.h>

#include <charconv>
#include <cmath>
#include <cstdint>

namespace shortlist {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool starts_with_nocase(std::string_view text, std::string_view word) {
  if (text.size() < word.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i)
    if (lower(text[i]) != word[i]) return false;
  return true;
}

// A plain decimal written out (`-012.50`): its digits before and after the
// point, or false for anything else (an exponent, a second point, no digit).
bool split_plain_decimal(std::string_view text, bool& negative, std::string_view& whole,
                         std::string_view& fraction, bool& has_point) {
  negative = false;
  if (!text.empty() && (text[0] == '-' || text[0] == '+')) {
    negative = text[0] == '-';
    text.remove_prefix(1);
  }
  const auto point = text.find('.');
  has_point = point != std::string_view::npos;
  whole = text.substr(0, point);
  fraction = has_point ? text.substr(point + 1) : std::string_view();
  if (whole.empty() && fraction.empty()) return false;
  for (char c : whole)
    if (!is_digit(c)) return false;
  for (char c : fraction)
    if (!is_digit(c)) return false;
  return true;
}

std::string join_decimal(bool negative, std::string_view whole, std::string_view fraction) {
  while (!whole.empty() && whole.front() == '0') whole.remove_prefix(1);
  while (!fraction.empty() && fraction.back() == '0') fraction.remove_suffix(1);
  std::string out;
  if (negative && (!whole.empty() || !fraction.empty())) out += '-';
  if (whole.empty())
    out += '0';
  else
    out += whole;
  if (!fraction.empty()) {
    out += '.';
    out += fraction;
  }
  return out;
}

std::size_t significant_digits(std::string_view whole, std::string_view fraction) {
  std::string digits(whole);
  digits += fraction;
  const auto first = digits.find_first_not_of('0');
  if (first == std::string::npos) return 0;
  const auto last = digits.find_last_not_of('0');
  // Trailing zeros of the whole part are significant; of the fraction, not.
  const std::size_t end = fraction.empty() ? digits.size() : std::max(last + 1, whole.size());
  return end - first;
}

void append_utf8(std::string& out, std::uint32_t cp) {
  utf8proc_uint8_t bytes[4];
  const auto n = utf8proc_encode_char(static_cast<utf8proc_int32_t>(cp), bytes);
  out.append(reinterpret_cast<const char*>(bytes), static_cast<std::size_t>(n));
}

// The code unit of an `_xHHHH_` escape at `at`, or -1.
int escape_at(std::string_view text, std::size_t at) {
  if (at + 7 > text.size() || text[at] != '_' || text[at + 1] != 'x' || text[at + 6] != '_')
    return -1;
  unsigned value = 0;
  const auto* first = text.data() + at + 2;
  auto [end, ec] = std::from_chars(first, first + 4, value, 16);
  if (ec != std::errc() || end != first + 4) return -1;
  return static_cast<int>(value);
}

}  // namespace

NumberShown builtin_number_format(int id) {
  if (id >= 14 && id <= 17) return NumberShown::kDate;
  if ((id >= 18 && id <= 21) || id == 45 || id == 47) return NumberShown::kTime;
  if (id == 22) return NumberShown::kDateTime;
  // Reserved for East Asian date formats (ECMA-376 18.8.30).
  if ((id >= 27 && id <= 36) || (id >= 50 && id <= 58)) return NumberShown::kDate;
  return NumberShown::kNumber;  // 46, [h]:mm:ss, is a duration
}

// Only the first section counts (the one for positive numbers); quoted text,
// escaped and padding characters and bracketed colours, locales and
// conditions are skipped. Elapsed time ([h], [mm], [ss]) is a duration, so a
// number; `m` is a month unless hours or seconds are shown.
NumberShown classify_number_format(std::string_view code) {
  bool day = false, month = false, time = false;
  for (std::size_t i = 0; i < code.size(); ++i) {
    const char c = lower(code[i]);
    if (c == ';') break;
    if (c == '"') {
      const auto close = code.find('"', i + 1);
      if (close == std::string_view::npos) break;
      i = close;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;
    } else if (c == '[') {
      const auto close = code.find(']', i + 1);
      if (close == std::string_view::npos) break;
      const std::string_view inner = code.substr(i + 1, close - i - 1);
      if (!inner.empty() && inner.find_first_not_of("hHmMsS") == std::string_view::npos)
        return NumberShown::kNumber;
      i = close;
    } else if (starts_with_nocase(code.substr(i), "general")) {
      i += 6;
    } else if (starts_with_nocase(code.substr(i), "am/pm") ||
               starts_with_nocase(code.substr(i), "a/p")) {
      time = true;
      i += starts_with_nocase(code.substr(i), "am/pm") ? 4u : 2u;
    } else if (c == 'y' || c == 'd') {
      day = true;
    } else if (c == 'm') {
      month = true;
    } else if (c == 'h' || c == 's') {
      time = true;
    }
  }
  const bool date = day || (month && !time);
  if (date && time) return NumberShown::kDateTime;
  if (date) return NumberShown::kDate;
  if (time) return NumberShown::kTime;
  return NumberShown::kNumber;
}

std::optional<std::string> spreadsheet_number(std::string_view literal) {
  while (!literal.empty() && (literal.front() == ' ' || literal.front() == '\t'))
    literal.remove_prefix(1);
  while (!literal.empty() && (literal.back() == ' ' || literal.back() == '\t'))
    literal.remove_suffix(1);
  bool negative = false, has_point = false;
  std::string_view whole, fraction;
  if (split_plain_decimal(literal, negative, whole, fraction, has_point) &&
      (!has_point || significant_digits(whole, fraction) <= 15))
    return join_decimal(negative, whole, fraction);

  std::string_view text = literal;
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  double value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value))
    return std::nullopt;
  if (value == 0) return std::string("0");
  // 15 significant digits, then written out without the exponent.
  char buffer[64];
  auto written = std::to_chars(buffer, buffer + sizeof buffer, value,
                               std::chars_format::scientific, 14);
  const std::string_view sci(buffer, static_cast<std::size_t>(written.ptr - buffer));
  negative = sci.front() == '-';
  const std::string_view body = negative ? sci.substr(1) : sci;
  const auto e = body.find('e');
  std::string digits;
  for (char c : body.substr(0, e))
    if (is_digit(c)) digits += c;
  int exponent = 0;
  std::string_view exp_text = body.substr(e + 1);
  if (!exp_text.empty() && exp_text.front() == '+') exp_text.remove_prefix(1);
  std::from_chars(exp_text.data(), exp_text.data() + exp_text.size(), exponent);
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  const int before_point = exponent + 1;
  std::string w, f;
  if (before_point <= 0) {
    f = std::string(static_cast<std::size_t>(-before_point), '0') + digits;
  } else if (static_cast<std::size_t>(before_point) >= digits.size()) {
    w = digits + std::string(static_cast<std::size_t>(before_point) - digits.size(), '0');
  } else {
    w = digits.substr(0, static_cast<std::size_t>(before_point));
    f = digits.substr(static_cast<std::size_t>(before_point));
  }
  return join_decimal(negative, w, f);
}

std::optional<std::string> spreadsheet_date(double serial, bool date1904, NumberShown shown,
                                            std::string& why) {
  if (!std::isfinite(serial) || serial < 0 || serial > 3e6) {
    why = fmt::format("the date serial {} is no day", serial);
    return std::nullopt;
  }
  // Times to the millisecond (a serial holds about a microsecond), so that
  // 23:59:59.7 is never rounded across a second, a deadline or a day; a
  // date alone is the serial's day, as a spreadsheet shows it.
  constexpr std::int64_t kDay = 86'400'000;
  const auto total = static_cast<std::int64_t>(std::llround(serial * static_cast<double>(kDay)));
  const std::int64_t days =
      shown == NumberShown::kDate ? static_cast<std::int64_t>(std::floor(serial)) : total / kDay;
  const std::int64_t ms = total % kDay;
  std::string time = fmt::format("{:02}:{:02}:{:02}", ms / 3'600'000, ms / 60'000 % 60,
                                 ms / 1000 % 60);
  if (ms % 1000 != 0) time += fmt::format(".{:03}", ms % 1000);
  if (shown == NumberShown::kTime) return time;

  using namespace date;
  sys_days day;
  if (date1904) {
    day = sys_days(1904_y / January / 1) + date::days(days);
  } else if (days == 0) {
    why = "the date serial 0 is no day (day 0 of January 1900)";
    return std::nullopt;
  } else if (days == 60) {
    why = "the date serial 60 is 29 February 1900, a day that never was (the 1900 date "
          "system counts it, as Lotus 1-2-3 did)";
    return std::nullopt;
  } else {
    day = sys_days(1899_y / December / (days < 60 ? 31 : 30)) + date::days(days);
  }
  const year_month_day ymd(day);
  if (ymd.year() > year(9999)) {
    why = fmt::format("the date serial {} is past the year 9999", serial);
    return std::nullopt;
  }
  std::string out = fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()),
                                static_cast<unsigned>(ymd.month()),
                                static_cast<unsigned>(ymd.day()));
  if (shown == NumberShown::kDateTime) out += 'T' + time;
  return out;
}

void decode_ooxml_escapes(std::string& text) {
  if (text.find("_x") == std::string::npos) return;
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    int unit = escape_at(text, i);
    if (unit < 0) {
      out += text[i++];
      continue;
    }
    i += 7;
    std::uint32_t cp = static_cast<std::uint32_t>(unit);
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      const int low = escape_at(text, i);
      if (low >= 0xDC00 && low <= 0xDFFF) {
        cp = 0x10000 + ((cp - 0xD800) << 10) + (static_cast<std::uint32_t>(low) - 0xDC00);
        i += 7;
      } else {
        cp = 0xFFFD;
      }
    } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
      cp = 0xFFFD;
    }
    append_utf8(out, cp);
  }
  text = std::move(out);
}

int cell_column(std::string_view ref) {
  int column = 0;
  std::size_t i = 0;
  for (; i < ref.size() && i < 4; ++i) {
    const char c = ref[i];
    if (c >= 'A' && c <= 'Z')
      column = column * 26 + (c - 'A' + 1);
    else if (c >= 'a' && c <= 'z')
      column = column * 26 + (c - 'a' + 1);
    else
      break;
  }
  if (i == 0 || column > 16384) return 0;
  return column;
}

std::string column_letters(int column) {
  std::string out;
  while (column > 0) {
    const int rest = (column - 1) % 26;
    out.insert(out.begin(), static_cast<char>('A' + rest));
    column = (column - 1) / 26;
  }
  return out;
}

}  // namespace shortlist
