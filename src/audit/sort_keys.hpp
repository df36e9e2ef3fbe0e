#pragma once
// Fixed-width keys that sort as their values do, for the sorts of the
// commands that summarize a decision record (`fairness`, `report`).
#include <cstdint>
#include <string>
#include <string_view>

#include "shortlist/decimal.hpp"

namespace shortlist::sort_keys {

inline void append_u64(std::string& out, std::uint64_t v) {
  for (int shift = 56; shift >= 0; shift -= 8) out += static_cast<char>((v >> shift) & 0xFF);
}

inline std::uint64_t read_u64(std::string_view bytes) {
  std::uint64_t v = 0;
  for (std::size_t i = 0; i < 8; ++i) v = (v << 8) | static_cast<unsigned char>(bytes[i]);
  return v;
}

inline void append_u16(std::string& out, std::size_t v) {
  out += static_cast<char>((v >> 8) & 0xFF);
  out += static_cast<char>(v & 0xFF);
}

inline std::size_t read_u16(std::string_view bytes) {
  return (static_cast<std::size_t>(static_cast<unsigned char>(bytes[0])) << 8) |
         static_cast<unsigned char>(bytes[1]);
}

/// A score as 16 bytes that sort as the numbers do: the two's complement
/// with its sign bit flipped, most significant byte first.
inline void append_score(std::string& out, Decimal score) {
  const auto bits = static_cast<unsigned __int128>(score.raw()) ^ (static_cast<unsigned __int128>(1) << 127);
  append_u64(out, static_cast<std::uint64_t>(bits >> 64));
  append_u64(out, static_cast<std::uint64_t>(bits));
}

inline Decimal read_score(std::string_view bytes) {
  const unsigned __int128 bits =
      (static_cast<unsigned __int128>(read_u64(bytes)) << 64) | read_u64(bytes.substr(8));
  return Decimal::from_raw(static_cast<__int128>(bits ^ (static_cast<unsigned __int128>(1) << 127)));
}

/// Appends a string framed by its length (8 bytes), and takes one back.
inline void append_sized(std::string& out, std::string_view text) {
  append_u64(out, text.size());
  out += text;
}

inline std::string_view take_sized(std::string_view& bytes) {
  const auto size = static_cast<std::size_t>(read_u64(bytes));
  std::string_view text = bytes.substr(8, size);
  bytes.remove_prefix(8 + size);
  return text;
}

}  // namespace shortlist::sort_keys
