#include "shortlist/record.hpp"

#include <algorithm>

namespace shortlist {

// A linear scan: records have tens of names, and the typing layer looks each
// mapped column up once per record, so a map would cost more to build than it saves.
const RawValue* Record::find(std::string_view name) const {
  std::size_t n = std::min(names.size(), values.size());
  for (std::size_t i = 0; i < n; ++i) {
    if (names[i] == name) return &values[i];
  }
  return nullptr;
}

std::string record_source(std::string_view path, const Record& record) {
  return record_source(path, record.line, record.source_column);
}

std::string record_source(std::string_view path, std::int64_t line, std::int64_t source_column) {
  std::string out(path);
  out += ':';
  out += std::to_string(line);
  if (source_column > 0) {
    out += ':';
    out += std::to_string(source_column);
  }
  return out;
}

}  // namespace shortlist
