#pragma once
// Reading a decision record (SPEC 5) line by line, for the commands that
// summarize one (`fairness`, `report`): one reused parser, lines as JSON
// objects, errors naming the file and line.
#include <simdjson.h>

#include <cstdint>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>

#include "shortlist/explain.hpp"

namespace shortlist {

class RecordLines {
 public:
  /// Throws DecisionRecordError when `path` cannot be opened.
  explicit RecordLines(const std::string& path);
  /// The next non-empty line as a JSON object; false at the end. Throws
  /// DecisionRecordError for a line that is not a JSON object.
  bool next(simdjson::dom::object& line);
  /// An error at the current line: "path:line: message".
  DecisionRecordError error(const std::string& message) const;
  std::int64_t number() const { return number_; }

  /// The member `key` of `line` when it is a string; nullopt when it is
  /// absent or null; an error when it is anything else.
  std::optional<std::string_view> optional_string(simdjson::dom::object line, const char* key) const;
  /// The same, but an error when it is absent or null.
  std::string_view required_string(simdjson::dom::object line, const char* key) const;

 private:
  std::string path_;
  std::ifstream in_;
  std::string text_;
  simdjson::dom::parser parser_;
  std::int64_t number_ = 0;
};

}  // namespace shortlist
