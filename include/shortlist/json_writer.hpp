#pragma once
// Small helpers for writing JSON text. Output is always valid UTF-8: control
// characters are escaped and invalid byte sequences become U+FFFD.
#include <cstdint>
#include <string>
#include <string_view>

namespace shortlist {

/// Appends `text` as a JSON string literal, quotes included.
void append_json_string(std::string& out, std::string_view text);

/// Appends `n` in decimal digits (a JSON number, or a line number).
void append_integer(std::string& out, std::int64_t n);

}  // namespace shortlist
