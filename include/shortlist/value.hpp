#pragma once
// Typed values: what a field holds once read as its type (SPEC 3.1).
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "shortlist/decimal.hpp"
#include "shortlist/time.hpp"

namespace shortlist {

enum class FieldType { kString, kText, kNumber, kBoolean, kOrdinal, kDate, kTimestamp, kCountry };

/// Position on an ordinal scale (0 = first entry).
struct Ordinal {
  std::int32_t index = 0;
  friend auto operator<=>(Ordinal, Ordinal) = default;
};

/// A `text` value: as written (trimmed) and normalized for matching.
struct Text {
  std::string original;
  std::string normalized;
  friend bool operator==(const Text&, const Text&) = default;
};

/// One typed item. string and country hold std::string (country: alpha-2 code).
using Scalar = std::variant<std::string, Text, Decimal, bool, Ordinal, Date, Instant>;

/// A field's value in one record.
struct TypedValue {
  enum class State : std::uint8_t { kMissing, kOk, kUnreadable };
  State state = State::kMissing;
  bool is_list = false;
  std::vector<Scalar> items;  ///< one item unless is_list
  std::string raw;            ///< the input text as written; empty when absent or null
  std::string reason;         ///< why it is unreadable

  bool ok() const { return state == State::kOk; }
};

}  // namespace shortlist
