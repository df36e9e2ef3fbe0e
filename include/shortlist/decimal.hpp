#pragma once
// Exact decimal numbers for values and scores.
//
// Scores carry legal weight: the same inputs must give the same score on every
// machine, so no binary floating point is used anywhere. A Decimal is a signed
// 128-bit integer counting units of 10^-12. Parsed numbers may have at most
// kMaxIntegerDigits integer digits and kMaxFractionDigits fraction digits, so the
// product of two parsed numbers (points x value) is always exact and every sum
// of a few thousand such products stays far inside the 128-bit range.
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace shortlist {

class Decimal {
 public:
  static constexpr int kScaleDigits = 12;
  static constexpr int kMaxIntegerDigits = 12;
  static constexpr int kMaxFractionDigits = 6;

  constexpr Decimal() = default;
  static Decimal from_int(std::int64_t value);
  /// Parses `[+-]digits[(.|,)digits]` (surrounding ASCII whitespace ignored).
  /// On failure returns nullopt and, if `why` is given, a reason such as
  /// "not a number: 'five'" or "too many digits: '1234567890123456'".
  static std::optional<Decimal> parse(std::string_view text, std::string* why = nullptr);

  /// Shortest exact text: no trailing zeros, no '+', "-0.5", "20", "17.5".
  std::string to_string() const;
  /// The same, appended to `out` (a std::string or a TextBuffer).
  template <class Out>
  void append_to(Out& out) const;
  /// Number of significant fraction digits (0 for integers).
  int fraction_digits() const;

  Decimal operator+(Decimal other) const { return from_raw(raw_ + other.raw_); }
  Decimal operator-(Decimal other) const { return from_raw(raw_ - other.raw_); }
  Decimal operator-() const { return from_raw(-raw_); }
  Decimal& operator+=(Decimal other) { raw_ += other.raw_; return *this; }
  /// The exact sum, or nullopt when it leaves the representable range (a
  /// score is never wrapped or rounded).
  std::optional<Decimal> checked_plus(Decimal other) const {
    __int128 sum = 0;
    if (__builtin_add_overflow(raw_, other.raw_, &sum)) return std::nullopt;
    return from_raw(sum);
  }
  /// Exact product; both operands must have at most kMaxFractionDigits fraction digits
  /// (true of every parsed number). Returns nullopt otherwise or on overflow.
  std::optional<Decimal> times(Decimal other) const;

  friend constexpr auto operator<=>(Decimal a, Decimal b) { return a.raw_ <=> b.raw_; }
  friend constexpr bool operator==(Decimal a, Decimal b) { return a.raw_ == b.raw_; }

  __int128 raw() const { return raw_; }
  static constexpr Decimal from_raw(__int128 raw) { Decimal d; d.raw_ = raw; return d; }

 private:
  __int128 raw_ = 0;
};

}  // namespace shortlist
