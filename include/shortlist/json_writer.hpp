#pragma once
// Small helpers for writing JSON text. Output is always valid UTF-8: control
// characters are escaped and invalid byte sequences become U+FFFD.
#include <string>
#include <string_view>

namespace shortlist {

/// Appends `text` as a JSON string literal, quotes included.
void append_json_string(std::string& out, std::string_view text);

}  // namespace shortlist
