// Exact decimals: parsing, printing and the one product scoring needs.
//
// A Decimal counts units of 10^-12. Parsing refuses rather than rounds: a number
// with more digits than the limits in decimal.hpp is unreadable, so the value that
// reaches a score is always the one the applicant wrote. The limits make a product
// of two parsed numbers exact: each operand's raw value is a multiple of 10^6 (at
// most 6 fraction digits), so (a / 10^6) * (b / 10^6) is the product in 10^-12 units
// with no division afterwards, and |product| < 10^18 * 10^18 fits in 127 bits.
#include "shortlist/decimal.hpp"

#include <limits>
#include <string>

#include "shortlist/text_buffer.hpp"

namespace shortlist {
namespace {

constexpr __int128 kOne = 1'000'000'000'000;  // 10^kScaleDigits
constexpr __int128 kHalfScale = 1'000'000;    // 10^(kScaleDigits - kMaxFractionDigits)
static_assert(Decimal::kScaleDigits == 12 && Decimal::kMaxFractionDigits == 6,
              "kOne and kHalfScale spell these powers of ten out");

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

std::string_view take_digits(std::string_view& s) {
  std::size_t n = 0;
  while (n < s.size() && is_digit(s[n])) ++n;
  std::string_view digits = s.substr(0, n);
  s.remove_prefix(n);
  return digits;
}

std::string_view strip_leading_zeros(std::string_view s) {
  while (!s.empty() && s.front() == '0') s.remove_prefix(1);
  return s;
}

std::string_view strip_trailing_zeros(std::string_view s) {
  while (!s.empty() && s.back() == '0') s.remove_suffix(1);
  return s;
}

std::optional<Decimal> fail(std::string* why, const char* what, std::string_view text) {
  if (why != nullptr) *why = std::string(what) + ": '" + std::string(text) + "'";
  return std::nullopt;
}

// Appends the decimal digits of `value` (> 0 or == 0).
template <class Out>
void append_unsigned(Out& out, unsigned __int128 value) {
  char buffer[40];
  int n = 0;
  // A 128-bit division is a call into the runtime; once the value fits in
  // 64 bits, the digits come from divisions the compiler turns into
  // multiplications. Scores are written for every eligible record.
  while (value > std::numeric_limits<std::uint64_t>::max()) {
    buffer[n++] = static_cast<char>('0' + static_cast<int>(value % 10));
    value /= 10;
  }
  auto v = static_cast<std::uint64_t>(value);
  do {
    buffer[n++] = static_cast<char>('0' + static_cast<int>(v % 10));
    v /= 10;
  } while (v != 0);
  while (n > 0) out.push_back(buffer[--n]);
}

unsigned __int128 magnitude(__int128 raw) {
  // Negating in unsigned arithmetic is defined even for the most negative value.
  auto u = static_cast<unsigned __int128>(raw);
  return raw < 0 ? ~u + 1 : u;
}

}  // namespace

Decimal Decimal::from_int(std::int64_t value) { return from_raw(__int128{value} * kOne); }

std::optional<Decimal> Decimal::parse(std::string_view text, std::string* why) {
  const std::string_view trimmed = trim(text);
  std::string_view rest = trimmed;
  bool negative = false;
  if (!rest.empty() && (rest.front() == '+' || rest.front() == '-')) {
    negative = rest.front() == '-';
    rest.remove_prefix(1);
  }
  const std::string_view integer = take_digits(rest);
  std::string_view fraction;
  bool has_separator = false;
  if (!rest.empty() && (rest.front() == '.' || rest.front() == ',')) {
    has_separator = true;
    rest.remove_prefix(1);
    fraction = take_digits(rest);
  }
  if (integer.empty() || !rest.empty() || (has_separator && fraction.empty())) {
    return fail(why, "not a number", trimmed);
  }
  const std::string_view int_digits = strip_leading_zeros(integer);
  const std::string_view frac_digits = strip_trailing_zeros(fraction);
  if (int_digits.size() > static_cast<std::size_t>(kMaxIntegerDigits) ||
      frac_digits.size() > static_cast<std::size_t>(kMaxFractionDigits)) {
    return fail(why, "too many digits", trimmed);
  }
  __int128 raw = 0;
  for (char c : int_digits) raw = raw * 10 + (c - '0');
  __int128 frac = 0;
  for (char c : frac_digits) frac = frac * 10 + (c - '0');
  for (std::size_t i = frac_digits.size(); i < static_cast<std::size_t>(kScaleDigits); ++i) {
    frac *= 10;
  }
  raw = raw * kOne + frac;
  return from_raw(negative ? -raw : raw);
}

std::string Decimal::to_string() const {
  std::string out;
  append_to(out);
  return out;
}

template <class Out>
void Decimal::append_to(Out& out) const {
  const unsigned __int128 mag = magnitude(raw_);
  const auto one = static_cast<unsigned __int128>(kOne);
  if (raw_ < 0) out.push_back('-');
  std::uint64_t frac = 0;  // below 10^12
  if (mag <= std::numeric_limits<std::uint64_t>::max()) {
    const auto small = static_cast<std::uint64_t>(mag);
    append_unsigned(out, small / static_cast<std::uint64_t>(kOne));
    frac = small % static_cast<std::uint64_t>(kOne);
  } else {
    append_unsigned(out, mag / one);
    frac = static_cast<std::uint64_t>(mag % one);
  }
  if (frac != 0) {
    std::string digits(static_cast<std::size_t>(kScaleDigits), '0');
    for (std::size_t i = digits.size(); i-- > 0;) {
      digits[i] = static_cast<char>('0' + static_cast<int>(frac % 10));
      frac /= 10;
    }
    out.push_back('.');
    out += strip_trailing_zeros(digits);
  }
}

template void Decimal::append_to(std::string&) const;
template void Decimal::append_to(TextBuffer&) const;

int Decimal::fraction_digits() const {
  unsigned __int128 frac = magnitude(raw_) % static_cast<unsigned __int128>(kOne);
  if (frac == 0) return 0;
  int digits = kScaleDigits;
  while (frac % 10 == 0) {
    frac /= 10;
    --digits;
  }
  return digits;
}

std::optional<Decimal> Decimal::times(Decimal other) const {
  if (raw_ % kHalfScale != 0 || other.raw_ % kHalfScale != 0) return std::nullopt;
  __int128 product = 0;
  if (__builtin_mul_overflow(raw_ / kHalfScale, other.raw_ / kHalfScale, &product)) {
    return std::nullopt;
  }
  return from_raw(product);
}

}  // namespace shortlist
