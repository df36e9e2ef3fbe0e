#include "audit/record_lines.hpp"

namespace shortlist {

// Reading errors come as the InputError of RecordText; these commands report
// a record's errors as DecisionRecordError.
RecordLines::RecordLines(const std::string& path) try : path_(path), in_(path) {
} catch (const InputError& e) {
  throw decision_record_error(e);
}

bool RecordLines::next(simdjson::dom::object& line) {
  try {
    while (in_.next(text_)) {
      if (text_.empty()) continue;
      text_.reserve(text_.size() + simdjson::SIMDJSON_PADDING);
      if (parser_.parse(text_.data(), text_.size(), false).get(line))
        throw error("not a decision record line (expected a JSON object)");
      return true;
    }
  } catch (const InputError& e) {
    throw decision_record_error(e);
  }
  return false;
}

DecisionRecordError RecordLines::error(const std::string& message) const {
  return DecisionRecordError(path_ + ":" + std::to_string(in_.number()) + ": " + message);
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
