// JsonValue: building and printing small indented JSON documents.
#include "output/json_value.hpp"

#include <algorithm>

#include "shortlist/json_writer.hpp"

namespace shortlist {

JsonValue JsonValue::string(std::string_view text) {
  JsonValue v;
  v.kind_ = Kind::kScalar;
  append_json_string(v.scalar_, text);
  return v;
}

JsonValue JsonValue::number(std::int64_t value) {
  JsonValue v;
  v.kind_ = Kind::kScalar;
  v.scalar_ = std::to_string(value);
  return v;
}

JsonValue JsonValue::boolean(bool value) {
  JsonValue v;
  v.kind_ = Kind::kScalar;
  v.scalar_ = value ? "true" : "false";
  return v;
}

JsonValue JsonValue::array() {
  JsonValue v;
  v.kind_ = Kind::kArray;
  return v;
}

JsonValue JsonValue::object() { return JsonValue(); }

JsonValue& JsonValue::set(std::string_view key, JsonValue value) {
  if (JsonValue* member = find(key)) {
    *member = std::move(value);
  } else {
    members_.emplace_back(std::string(key), std::move(value));
  }
  return *this;
}

JsonValue& JsonValue::push(JsonValue value) {
  items_.push_back(std::move(value));
  return *this;
}

JsonValue* JsonValue::find(std::string_view key) {
  for (auto& [name, value] : members_) {
    if (name == key) return &value;
  }
  return nullptr;
}

std::string JsonValue::dump() const {
  std::string out;
  write(out, 0);
  out += '\n';
  return out;
}

void JsonValue::write(std::string& out, int depth) const {
  const auto newline = [&](int level) {
    out += '\n';
    out.append(static_cast<std::size_t>(level) * 2, ' ');
  };
  switch (kind_) {
    case Kind::kScalar:
      out += scalar_;
      return;
    case Kind::kArray: {
      const bool flat = std::all_of(items_.begin(), items_.end(),
                                    [](const JsonValue& item) { return item.is_scalar(); });
      out += '[';
      for (std::size_t i = 0; i < items_.size(); ++i) {
        if (i > 0) out += flat ? ", " : ",";
        if (!flat) newline(depth + 1);
        items_[i].write(out, depth + 1);
      }
      if (!flat && !items_.empty()) newline(depth);
      out += ']';
      return;
    }
    case Kind::kObject:
      out += '{';
      for (std::size_t i = 0; i < members_.size(); ++i) {
        if (i > 0) out += ',';
        newline(depth + 1);
        append_json_string(out, members_[i].first);
        out += ": ";
        members_[i].second.write(out, depth + 1);
      }
      if (!members_.empty()) newline(depth);
      out += '}';
      return;
  }
}

}  // namespace shortlist
