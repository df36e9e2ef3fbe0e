#include "audit/record_lines.hpp"

#include <filesystem>

namespace shortlist {

RecordLines::RecordLines(const std::string& path) : path_(path), in_(path, std::ios::binary) {
  std::error_code ec;
  if (!in_ || std::filesystem::is_directory(path, ec))
    throw DecisionRecordError(path + ": cannot open the decision record");
}

bool RecordLines::next(simdjson::dom::object& line) {
  while (std::getline(in_, text_)) {
    ++number_;
    if (text_.empty()) continue;
    text_.reserve(text_.size() + simdjson::SIMDJSON_PADDING);
    if (parser_.parse(text_.data(), text_.size(), false).get(line))
      throw error("not a decision record line (expected a JSON object)");
    return true;
  }
  if (in_.bad()) throw DecisionRecordError(path_ + ": cannot read the decision record");
  return false;
}

DecisionRecordError RecordLines::error(const std::string& message) const {
  return DecisionRecordError(path_ + ":" + std::to_string(number_) + ": " + message);
}

std::optional<std::string_view> RecordLines::optional_string(simdjson::dom::object line,
                                                             const char* key) const {
  simdjson::dom::element value;
  if (line[key].get(value) || value.is_null()) return std::nullopt;
  std::string_view text;
  if (value.get_string().get(text)) throw error(std::string("\"") + key + "\" is not a string");
  return text;
}

std::string_view RecordLines::required_string(simdjson::dom::object line, const char* key) const {
  auto text = optional_string(line, key);
  if (!text) throw error(std::string("a decision without \"") + key + "\"");
  return *text;
}

}  // namespace shortlist
