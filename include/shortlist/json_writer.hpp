#pragma once
// Small helpers for writing JSON text. Output is always valid UTF-8: control
// characters are escaped and invalid byte sequences become U+FFFD.
#include <cstdint>
#include <string>
#include <string_view>

namespace shortlist {

// Each writer appends to a std::string or a TextBuffer (text_buffer.hpp),
// the two it is compiled for.

/// Appends `text` as a JSON string literal, quotes included.
template <class Out>
void append_json_string(Out& out, std::string_view text);

/// Appends `n` in decimal digits (a JSON number, or a line number).
template <class Out>
void append_integer(Out& out, std::int64_t n);

}  // namespace shortlist
