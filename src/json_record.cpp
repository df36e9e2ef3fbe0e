// From a parsed JSON object to a Record.
//
// Top-level keys come first, in document order, then the dotted paths of nested
// objects ("education.degree", "education.school.name"), depth first, so that
// rules can name a nested value directly. Deeper than kMaxFlattenDepth levels,
// objects stay whole (kObject, their JSON as text) in their parent's entry.
//
// Numbers: simdjson's DOM keeps the value, not the literal text, so `text` is
// rebuilt from the value: int64 and uint64 exactly, doubles as the shortest
// fixed-notation decimal that reads back as the same double (std::to_chars), so
// that 0.1 stays "0.1" and 1e3 becomes "1000" (never an exponent, which the
// `number` type does not accept). "1.50" therefore reads as "1.5", the same number.
// Integers too large for 64 bits are refused by simdjson: such a record is invalid.
//
// Duplicate keys: the last value wins, in the place of the first occurrence, as in
// JavaScript and Python, so that {"a":1,"a":2} reads as a = 2.
#include "json_record.hpp"

#include <charconv>
#include <cstring>

#include <fmt/format.h>

namespace shortlist {
namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

constexpr std::size_t kMaxFlattenDepth = 8;
// All value text of one record together; bounds what nested objects, whose JSON
// is repeated at each level of their paths, can cost.
constexpr std::size_t kMaxRecordText = std::size_t{16} << 20;

// By value: value_unsafe() on a temporary result returns a reference into it,
// which a range-for would keep past the temporary's end.
simdjson::dom::array as_array(element e) {
  simdjson::dom::array a = e.get_array().value_unsafe();
  return a;
}
simdjson::dom::object as_object(element e) {
  simdjson::dom::object o = e.get_object().value_unsafe();
  return o;
}

void append_number(std::string& out, element e) {
  char buf[400];  // the longest fixed form of a double, 5e-324, takes 326 characters
  std::to_chars_result r{};
  switch (e.type()) {
    case element_type::INT64:
      r = std::to_chars(buf, buf + sizeof buf, e.get_int64().value_unsafe());
      break;
    case element_type::UINT64:
      r = std::to_chars(buf, buf + sizeof buf, e.get_uint64().value_unsafe());
      break;
    default:
      r = std::to_chars(buf, buf + sizeof buf, e.get_double().value_unsafe(), std::chars_format::fixed);
      break;
  }
  out.append(buf, r.ptr);
}

void append_quoted(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  std::size_t run = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s.data() + run, i - run);
    run = i + 1;
    out.push_back('\\');
    switch (c) {
      case '"': out.push_back('"'); break;
      case '\\': out.push_back('\\'); break;
      case '\n': out.push_back('n'); break;
      case '\r': out.push_back('r'); break;
      case '\t': out.push_back('t'); break;
      case '\b': out.push_back('b'); break;
      case '\f': out.push_back('f'); break;
      default:
        out.append("u00");
        out.push_back(kHex[c >> 4]);
        out.push_back(kHex[c & 0x0F]);
    }
  }
  out.append(s.data() + run, s.size() - run);
  out.push_back('"');
}

// A list item: strings unescaped, numbers and booleans as text, the rest as JSON.
void append_item(std::string& out, element e) {
  switch (e.type()) {
    case element_type::STRING:
      out.append(e.get_string().value_unsafe());
      break;
    default:
      append_json(out, e, kMaxJsonValue);
  }
}

void set_value(RawValue& v, element e) {
  v.text.clear();
  switch (e.type()) {
    case element_type::STRING:
      v.kind = RawValue::Kind::kString;
      v.text.append(e.get_string().value_unsafe());
      break;
    case element_type::INT64:
    case element_type::UINT64:
    case element_type::DOUBLE:
      v.kind = RawValue::Kind::kNumber;
      append_number(v.text, e);
      break;
    case element_type::BOOL:
      v.kind = RawValue::Kind::kBool;
      v.text.append(e.get_bool().value_unsafe() ? "true" : "false");
      break;
    case element_type::NULL_VALUE:
      v.kind = RawValue::Kind::kNull;
      break;
    case element_type::ARRAY: {
      v.kind = RawValue::Kind::kList;
      if (!append_json(v.text, e, kMaxJsonValue)) break;  // too long: the record is invalid
      std::size_t n = 0;
      for (element item : as_array(e)) {
        if (n == v.items.size()) v.items.emplace_back();
        v.items[n].clear();
        append_item(v.items[n], item);
        ++n;
      }
      v.items.resize(n);
      return;
    }
    case element_type::OBJECT:
      v.kind = RawValue::Kind::kObject;
      append_json(v.text, e, kMaxJsonValue);
      break;
  }
  v.items.clear();
}

const char* type_in_words(element e) {
  switch (e.type()) {
    case element_type::ARRAY: return "an array";
    case element_type::OBJECT: return "an object";
    case element_type::STRING: return "a string";
    case element_type::INT64:
    case element_type::UINT64:
    case element_type::DOUBLE: return "a number";
    case element_type::BOOL: return "a boolean";
    case element_type::NULL_VALUE: return "null";
  }
  return "a value";
}

}  // namespace

bool append_json(std::string& out, element e, std::size_t limit) {
  switch (e.type()) {
    case element_type::ARRAY: {
      out.push_back('[');
      bool first = true;
      for (element item : as_array(e)) {
        if (!first) out.push_back(',');
        first = false;
        if (!append_json(out, item, limit)) return false;
      }
      out.push_back(']');
      break;
    }
    case element_type::OBJECT: {
      out.push_back('{');
      bool first = true;
      for (auto member : as_object(e)) {
        if (!first) out.push_back(',');
        first = false;
        append_quoted(out, member.key);
        out.push_back(':');
        if (!append_json(out, member.value, limit)) return false;
      }
      out.push_back('}');
      break;
    }
    case element_type::STRING:
      append_quoted(out, e.get_string().value_unsafe());
      break;
    case element_type::INT64:
    case element_type::UINT64:
    case element_type::DOUBLE:
      append_number(out, e);
      break;
    case element_type::BOOL:
      out.append(e.get_bool().value_unsafe() ? "true" : "false");
      break;
    case element_type::NULL_VALUE:
      out.append("null");
      break;
  }
  return out.size() <= limit;
}

void set_invalid_record(Record& record, std::string reason, std::string_view raw) {
  record.invalid = true;
  record.reason = std::move(reason);
  record.raw.assign(raw.substr(0, kMaxJsonRaw));
  record.column = 0;
  record.names.clear();
  record.values.clear();
  record.top_level = 0;
}

JsonObjectReader::JsonObjectReader() : levels_(kMaxFlattenDepth + 1) {}

void JsonObjectReader::read(std::string& text, Record& record) {
  text.reserve(text.size() + simdjson::SIMDJSON_PADDING);
  element root;
  auto error = parser_.parse(text.data(), text.size(), false).get(root);
  if (error) {
    set_invalid_record(record, std::string("invalid JSON: ") + simdjson::error_message(error), text);
    return;
  }
  if (root.type() != element_type::OBJECT) {
    set_invalid_record(record, std::string("not a JSON object but ") + type_in_words(root), text);
    return;
  }
  if (!build(as_object(root), record)) {
    set_invalid_record(record, problem_, text);
    return;
  }
  record.invalid = false;
  record.reason.clear();
  record.raw.clear();
  record.column = 0;
}

bool JsonObjectReader::build(simdjson::dom::object object, Record& record) {
  count_ = 0;
  total_ = 0;
  problem_.clear();
  collect(object, 0);
  for (const Member& m : levels_[0]) {
    if (!emit(m.key, m.value, record)) return false;
  }
  record.top_level = count_;
  for (std::size_t i = 0; i < levels_[0].size(); ++i) {
    Member m = levels_[0][i];
    if (m.value.type() != element_type::OBJECT) continue;
    path_.assign(m.key);
    flatten(as_object(m.value), 1, record);
    if (!problem_.empty()) return false;
  }
  record.names.resize(count_);
  record.values.resize(count_);
  return true;
}

// The object's members with duplicate keys merged: first position, last value.
void JsonObjectReader::collect(simdjson::dom::object object, std::size_t depth) {
  std::vector<Member>& members = levels_[depth];
  members.clear();
  for (auto member : object) {
    bool merged = false;
    for (Member& seen : members) {
      if (seen.key == member.key) {
        seen.value = member.value;
        merged = true;
        break;
      }
    }
    if (!merged) members.push_back({member.key, member.value});
  }
}

void JsonObjectReader::flatten(simdjson::dom::object object, std::size_t depth, Record& record) {
  if (depth > kMaxFlattenDepth) return;
  collect(object, depth);
  const std::size_t base = path_.size();
  // levels_[depth] is not touched by deeper calls, which use the levels below it.
  for (std::size_t i = 0; i < levels_[depth].size(); ++i) {
    Member m = levels_[depth][i];
    path_.resize(base);
    path_.push_back('.');
    path_.append(m.key);
    if (!emit(path_, m.value, record)) return;
    if (m.value.type() == element_type::OBJECT) {
      flatten(as_object(m.value), depth + 1, record);
      if (!problem_.empty()) return;
    }
  }
  path_.resize(base);
}

bool JsonObjectReader::emit(std::string_view name, element value, Record& record) {
  if (count_ >= record.names.size()) record.names.resize(count_ + 1);
  if (count_ >= record.values.size()) record.values.resize(count_ + 1);
  record.names[count_].assign(name);
  RawValue& v = record.values[count_];
  set_value(v, value);
  if (v.text.size() > kMaxJsonValue) {
    problem_ = fmt::format("value of '{}' longer than 1 MiB", name);
    return false;
  }
  total_ += v.text.size();
  if (total_ > kMaxRecordText) {
    problem_ = "object holds more than 16 MiB of values";
    return false;
  }
  ++count_;
  return true;
}

}  // namespace shortlist
