// From a parsed JSON object to a Record.
//
// Top-level keys come first, in document order, then the dotted paths of nested
// objects ("education.degree", "education.school.name"), depth first, so that
// rules can name a nested value directly. Deeper than kMaxFlattenDepth levels,
// objects stay whole (kObject, their JSON as text) in their parent's entry.
//
// Numbers keep the literal text they were written with: simdjson validates the
// text, then JsonTree indexes it again without converting anything, so "2.50"
// stays "2.50" and 123456789012.123456 is not rounded through a double. A
// literal such as 1e3 therefore reaches the `number` type as written, which
// reads it as unreadable (SPEC 3.1's grammar has no exponent). simdjson refuses
// numbers a double cannot hold (1e400, 400-digit integers), though JSON allows
// any magnitude; such a text is validated again with its numbers masked, so that
// the literal reaches the `number` type, which finds it unreadable ("too many
// digits") rather than the whole record being invalid.
//
// Duplicate keys: the last value wins, in the place of the first occurrence, as in
// JavaScript and Python, so that {"a":1,"a":2} reads as a = 2.
#include "input/json_record.hpp"

#include <algorithm>
#include <cstring>

#include <fmt/format.h>

namespace shortlist {
namespace {

using Kind = JsonTree::Kind;

constexpr std::size_t kMaxFlattenDepth = 8;
constexpr std::size_t kMaxRecordValues = 100'000;
// All value text of one record together; bounds what nested objects, whose JSON
// is repeated at each level of their paths, can cost.
constexpr std::size_t kMaxRecordText = std::size_t{16} << 20;

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

const char* type_in_words(Kind kind) {
  switch (kind) {
    case Kind::kArray: return "an array";
    case Kind::kObject: return "an object";
    case Kind::kString: return "a string";
    case Kind::kNumber: return "a number";
    case Kind::kTrue:
    case Kind::kFalse: return "a boolean";
    case Kind::kNull: return "null";
  }
  return "a value";
}

// The length of the JSON number literal at the start of `s`, or 0 if there
// is none (RFC 8259: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?).
std::size_t number_length(std::string_view s) {
  std::size_t i = 0;
  auto digits = [&] {
    std::size_t start = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    return i > start;
  };
  if (i < s.size() && s[i] == '-') ++i;
  if (i < s.size() && s[i] == '0') {
    ++i;
  } else if (!digits()) {
    return 0;
  }
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (!digits()) return 0;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (!digits()) return 0;
  }
  return i;
}

// A copy of `json` in which every number literal outside strings is `0` and
// spaces, so that simdjson can check the rest of the text.
std::string mask_numbers(std::string_view json) {
  std::string out(json);
  for (std::size_t i = 0; i < out.size();) {
    char c = out[i];
    if (c == '"') {
      for (++i; i < out.size() && out[i] != '"'; ++i)
        if (out[i] == '\\') ++i;
      ++i;
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      std::size_t n = number_length(std::string_view(out).substr(i));
      if (n == 0) return out;  // not a number: let simdjson say what is wrong
      out[i] = '0';
      std::fill_n(out.begin() + static_cast<std::ptrdiff_t>(i) + 1, n - 1, ' ');
      i += n;
    } else {
      ++i;
    }
  }
  return out;
}

}  // namespace

bool JsonObjectReader::append_json(std::string& out, std::uint32_t n, std::size_t limit) {
  const JsonTree::Node& node = tree_.node(n);
  switch (node.kind) {
    case Kind::kArray:
    case Kind::kObject: {
      bool object = node.kind == Kind::kObject;
      out.push_back(object ? '{' : '[');
      for (std::uint32_t c = node.first_child; c != JsonTree::kNone; c = tree_.node(c).next) {
        if (c != node.first_child) out.push_back(',');
        if (object) {
          scratch_.clear();
          append_unescaped(scratch_, tree_.node(c).key);
          append_quoted(out, scratch_);
          out.push_back(':');
        }
        if (!append_json(out, c, limit)) return false;
      }
      out.push_back(object ? '}' : ']');
      break;
    }
    case Kind::kString:
      scratch_.clear();
      append_unescaped(scratch_, node.text);
      append_quoted(out, scratch_);
      break;
    case Kind::kNumber: out.append(node.text); break;
    case Kind::kTrue: out.append("true"); break;
    case Kind::kFalse: out.append("false"); break;
    case Kind::kNull: out.append("null"); break;
  }
  return out.size() <= limit;
}

// A list item: strings unescaped, numbers and booleans as text, the rest as JSON.
void JsonObjectReader::append_item(std::string& out, std::uint32_t n) {
  const JsonTree::Node& node = tree_.node(n);
  if (node.kind == Kind::kString)
    append_unescaped(out, node.text);
  else
    append_json(out, n, kMaxJsonValue);
}

void JsonObjectReader::set_value(RawValue& v, std::uint32_t n) {
  const JsonTree::Node& node = tree_.node(n);
  v.text.clear();
  switch (node.kind) {
    case Kind::kString:
      v.kind = RawValue::Kind::kString;
      append_unescaped(v.text, node.text);
      break;
    case Kind::kNumber:
      v.kind = RawValue::Kind::kNumber;
      v.text.append(node.text);
      break;
    case Kind::kTrue:
    case Kind::kFalse:
      v.kind = RawValue::Kind::kBool;
      v.text.append(node.kind == Kind::kTrue ? "true" : "false");
      break;
    case Kind::kNull:
      v.kind = RawValue::Kind::kNull;
      break;
    case Kind::kArray: {
      v.kind = RawValue::Kind::kList;
      if (!append_json(v.text, n, kMaxJsonValue)) break;  // too long: the record is invalid
      std::size_t count = 0;
      for (std::uint32_t c = node.first_child; c != JsonTree::kNone; c = tree_.node(c).next) {
        if (count == v.items.size()) v.items.emplace_back();
        v.items[count].clear();
        append_item(v.items[count], c);
        ++count;
      }
      v.items.resize(count);
      return;
    }
    case Kind::kObject:
      v.kind = RawValue::Kind::kObject;
      append_json(v.text, n, kMaxJsonValue);
      break;
  }
  v.items.clear();
}

void set_invalid_record(Record& record, std::string reason, std::string_view raw) {
  record.invalid = true;
  record.reason = std::move(reason);
  record.raw.assign(raw.substr(0, kMaxJsonRaw));
  record.column = 0;
  record.field = 0;
  record.names.clear();
  record.values.clear();
  record.top_level = 0;
  record.csv_tag = 0;
}

JsonObjectReader::JsonObjectReader() : levels_(kMaxFlattenDepth + 1) {}

void JsonObjectReader::read(std::string& text, Record& record) {
  record.csv_tag = 0;  // the names are about to change
  std::size_t size = text.size();
  text.reserve(size + simdjson::SIMDJSON_PADDING);
  simdjson::dom::element root;
  auto error = parser_.parse(text.data(), size, false).get(root);
  if (error == simdjson::NUMBER_ERROR) {
    std::string masked = mask_numbers(std::string_view(text.data(), size));
    masked.reserve(size + simdjson::SIMDJSON_PADDING);
    error = parser_.parse(masked.data(), size, false).get(root);
  }
  if (error) {
    set_invalid_record(record, std::string("invalid JSON: ") + simdjson::error_message(error), text);
    return;
  }
  tree_.parse(std::string_view(text.data(), size));
  Kind kind = tree_.node(0).kind;
  if (kind != Kind::kObject) {
    set_invalid_record(record, std::string("not a JSON object but ") + type_in_words(kind), text);
    return;
  }
  if (!build(record)) {
    set_invalid_record(record, problem_, text);
    return;
  }
  record.invalid = false;
  record.reason.clear();
  record.raw.clear();
  record.column = 0;
  record.field = 0;
}

bool JsonObjectReader::build(Record& record) {
  count_ = 0;
  total_ = 0;
  problem_.clear();
  collect(0, 0);
  for (const Member& m : levels_[0]) {
    if (!emit(m.key, m.node, record)) return false;
  }
  record.top_level = count_;
  for (std::size_t i = 0; i < levels_[0].size(); ++i) {
    const Member& m = levels_[0][i];
    if (tree_.node(m.node).kind != Kind::kObject) continue;
    path_.assign(m.key);
    flatten(m.node, 1, record);
    if (!problem_.empty()) return false;
  }
  record.names.resize(count_);
  record.values.resize(count_);
  return true;
}

// The object's members with duplicate keys merged: first position, last value.
// Small objects are searched one member at a time; past kLinearMembers keys a
// hash index takes over, so that an object of a million keys costs a million
// steps, not a million squared.
void JsonObjectReader::collect(std::uint32_t object, std::size_t depth) {
  constexpr std::size_t kLinearMembers = 32;
  std::vector<Member>& members = levels_[depth];
  std::size_t used = 0;
  bool indexed = false;
  for (std::uint32_t c = tree_.node(object).first_child; c != JsonTree::kNone;
       c = tree_.node(c).next) {
    scratch_.clear();
    append_unescaped(scratch_, tree_.node(c).key);
    if (!indexed && used == kLinearMembers) {
      for (std::size_t k = 0; k < used; ++k) index_.emplace(members[k].key, k);
      indexed = true;
    }
    std::size_t found = used;
    if (!indexed) {
      for (std::size_t k = 0; k < used && found == used; ++k)
        if (members[k].key == scratch_) found = k;
    } else if (auto it = index_.find(scratch_); it != index_.end()) {
      found = it->second;
    } else {
      index_.emplace(scratch_, used);
    }
    if (found < used) {
      members[found].node = c;
      continue;
    }
    if (used == members.size()) members.emplace_back();
    members[used].key = scratch_;
    members[used].node = c;
    ++used;
  }
  members.resize(used);
  // clear() walks every bucket, so an index left large by one big object
  // would cost each later object as much: drop it instead.
  if (indexed) index_ = {};
}

void JsonObjectReader::flatten(std::uint32_t object, std::size_t depth, Record& record) {
  if (depth > kMaxFlattenDepth) return;
  collect(object, depth);
  const std::size_t base = path_.size();
  // levels_[depth] is not touched by deeper calls, which use the levels below it.
  for (std::size_t i = 0; i < levels_[depth].size(); ++i) {
    const Member& m = levels_[depth][i];
    path_.resize(base);
    path_.push_back('.');
    path_.append(m.key);
    if (!emit(path_, m.node, record)) return;
    if (tree_.node(m.node).kind == Kind::kObject) {
      flatten(m.node, depth + 1, record);
      if (!problem_.empty()) return;
    }
  }
  path_.resize(base);
}

bool JsonObjectReader::emit(std::string_view name, std::uint32_t value, Record& record) {
  if (count_ == kMaxRecordValues) {
    // As many as a CSV header may have columns: no applicant has more, and the
    // reused Record would keep the room for them.
    problem_ = "object holds more than 100,000 values";
    return false;
  }
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
