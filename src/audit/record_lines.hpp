#pragma once
// Reading a decision record (SPEC 5) line by line, for the commands that
// summarize one (`fairness`, `report`): one reused parser, lines as JSON
// objects, errors naming the file and line. The record may be compressed
// (record_text.hpp).
#include <simdjson.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "audit/record_text.hpp"
#include "shortlist/explain.hpp"

namespace shortlist {

class RecordLines {
 public:
  /// Throws DecisionRecordError when `path` cannot be opened (or read).
  explicit RecordLines(const std::string& path);
  /// The next non-empty line as a JSON object; false at the end. Throws
  /// DecisionRecordError for a line that is not a JSON object, or when the
  /// file cannot be read (damaged compressed data).
  bool next(simdjson::dom::object& line);
  /// An error at the current line: "path:line: message".
  DecisionRecordError error(const std::string& message) const;
  std::int64_t number() const { return in_.number(); }

  /// The member `key` of `line` when it is a string; nullopt when it is
  /// absent or null; an error when it is anything else.
  std::optional<std::string_view> optional_string(simdjson::dom::object line, const char* key) const;
  /// The same, but an error when it is absent or null.
  std::string_view required_string(simdjson::dom::object line, const char* key) const;

 private:
  std::string path_;
  RecordText in_;
  std::string text_;
  simdjson::dom::parser parser_;
};

}  // namespace shortlist
