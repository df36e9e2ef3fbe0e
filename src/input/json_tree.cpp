#include "input/json_tree.hpp"

namespace shortlist {

void JsonTree::parse(std::string_view json) {
  json_ = json;
  pos_ = 0;
  nodes_.clear();
  skip_space();
  value();
}

void JsonTree::skip_space() {
  while (pos_ < json_.size() && (json_[pos_] == ' ' || json_[pos_] == '\t' ||
                                 json_[pos_] == '\n' || json_[pos_] == '\r'))
    ++pos_;
}

// The contents of the string starting at pos_ (which is on its opening quote).
std::string_view JsonTree::string_body() {
  std::size_t start = ++pos_;
  while (pos_ < json_.size() && json_[pos_] != '"') pos_ += json_[pos_] == '\\' ? std::size_t{2} : std::size_t{1};
  std::string_view body = json_.substr(start, pos_ - start);
  ++pos_;  // the closing quote
  return body;
}

// Indexes the value at pos_ and its children; returns its node. Depth is
// bounded by simdjson's validation (1024 levels).
std::uint32_t JsonTree::value() {
  auto index = static_cast<std::uint32_t>(nodes_.size());
  nodes_.emplace_back();
  char c = pos_ < json_.size() ? json_[pos_] : '\0';
  if (c == '{' || c == '[') {
    bool object = c == '{';
    nodes_[index].kind = object ? Kind::kObject : Kind::kArray;
    ++pos_;
    std::uint32_t last = kNone;
    for (;;) {
      skip_space();
      if (pos_ >= json_.size() || json_[pos_] == (object ? '}' : ']')) break;
      std::string_view key;
      if (object) {
        key = string_body();
        skip_space();
        ++pos_;  // ':'
        skip_space();
      }
      std::uint32_t child = value();
      nodes_[child].key = key;
      if (last == kNone)
        nodes_[index].first_child = child;
      else
        nodes_[last].next = child;
      last = child;
      skip_space();
      if (pos_ < json_.size() && json_[pos_] == ',') ++pos_;
    }
    ++pos_;  // the closing bracket
    return index;
  }
  if (c == '"') {
    nodes_[index].kind = Kind::kString;
    std::string_view body = string_body();
    nodes_[index].text = body;
    return index;
  }
  if (c == 't' || c == 'f' || c == 'n') {
    nodes_[index].kind = c == 't' ? Kind::kTrue : c == 'f' ? Kind::kFalse : Kind::kNull;
    pos_ += c == 'f' ? 5 : 4;
    return index;
  }
  std::size_t start = pos_;
  while (pos_ < json_.size() && std::string_view("+-0123456789.eE").find(json_[pos_]) !=
                                    std::string_view::npos)
    ++pos_;
  nodes_[index].kind = Kind::kNumber;
  nodes_[index].text = json_.substr(start, pos_ - start);
  return index;
}

namespace {

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::uint32_t hex4(std::string_view s) {
  std::uint32_t v = 0;
  for (char c : s.substr(0, 4)) {
    v <<= 4;
    if (c >= '0' && c <= '9') v |= static_cast<std::uint32_t>(c - '0');
    else if (c >= 'a' && c <= 'f') v |= static_cast<std::uint32_t>(c - 'a' + 10);
    else if (c >= 'A' && c <= 'F') v |= static_cast<std::uint32_t>(c - 'A' + 10);
  }
  return v;
}

}  // namespace

void append_unescaped(std::string& out, std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t run = s.find('\\', i);
    if (run == std::string_view::npos) run = s.size();
    out.append(s.data() + i, run - i);
    i = run;
    if (i + 1 >= s.size()) break;
    char e = s[i + 1];
    i += 2;
    switch (e) {
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case 'r': out += '\r'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'u': {
        std::uint32_t cp = hex4(s.substr(i));
        i += 4;
        // A high surrogate followed by \u and a low one is one code point.
        if (cp >= 0xD800 && cp <= 0xDBFF && i + 6 <= s.size() && s[i] == '\\' && s[i + 1] == 'u') {
          std::uint32_t low = hex4(s.substr(i + 2));
          if (low >= 0xDC00 && low <= 0xDFFF) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            i += 6;
          }
        }
        // A lone surrogate has no UTF-8 form (simdjson refuses it anyway).
        if (cp >= 0xD800 && cp <= 0xDFFF) cp = 0xFFFD;
        append_utf8(out, cp);
        break;
      }
      default: out += e;  // '"', '\\', '/'
    }
  }
}

}  // namespace shortlist
