#include "shortlist/record.hpp"

#include <algorithm>

#include "shortlist/json_writer.hpp"

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

namespace {
void append_source(std::string& out, std::string_view path, std::int64_t line,
                   std::int64_t source_column) {
  out += path;
  out += ':';
  append_integer(out, line);
  if (source_column > 0) {
    out += ':';
    append_integer(out, source_column);
  }
}
}  // namespace

std::string record_source(std::string_view path, std::int64_t line, std::int64_t source_column) {
  std::string out;
  append_source(out, path, line, source_column);
  return out;
}

void append_record_source(std::string& out, std::string_view path, const Record& record) {
  append_source(out, path, record.line, record.source_column);
}

}  // namespace shortlist
