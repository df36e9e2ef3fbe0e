#pragma once
// A small JSON document built in memory and printed indented, for output that
// a person may read (the rules' JSON Schema). Members keep the order they were
// set in. Not for records: the decision record streams its JSON directly.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace shortlist {

class JsonValue {
 public:
  /// An empty object.
  JsonValue() = default;
  static JsonValue string(std::string_view text);
  static JsonValue number(std::int64_t value);
  static JsonValue boolean(bool value);
  static JsonValue array();
  static JsonValue object();

  /// Objects: sets member `key` (replacing one of that name); returns *this.
  JsonValue& set(std::string_view key, JsonValue value);
  /// Arrays: appends `value`; returns *this.
  JsonValue& push(JsonValue value);
  /// True for an array or object with nothing in it.
  bool empty() const { return kind_ != Kind::kScalar && items_.empty() && members_.empty(); }
  /// Objects: the member `key`, or nullptr.
  JsonValue* find(std::string_view key);

  /// The document as JSON text, two spaces a level, ending in a newline.
  /// Arrays of scalars stay on one line.
  std::string dump() const;

 private:
  enum class Kind : std::uint8_t { kScalar, kArray, kObject };

  bool is_scalar() const { return kind_ == Kind::kScalar; }
  void write(std::string& out, int depth) const;

  Kind kind_ = Kind::kObject;
  std::string scalar_;  ///< kScalar: its JSON text
  std::vector<JsonValue> items_;
  std::vector<std::pair<std::string, JsonValue>> members_;
};

}  // namespace shortlist
