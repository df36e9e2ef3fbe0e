// YAML text -> YamlNode tree, with positions and the limits of SPEC 3.5.
#include "rules_yaml.hpp"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <exception>
#include <unordered_map>

namespace shortlist {

const YamlEntry* YamlNode::find(std::string_view key) const {
  for (const YamlEntry& entry : entries) {
    if (entry.key == key) return &entry;
  }
  return nullptr;
}

namespace {

SourcePos to_pos(const YAML::Mark& mark) {
  if (mark.is_null() || mark.line < 0 || mark.column < 0) return {};
  return {std::int64_t{mark.line} + 1, std::int64_t{mark.column} + 1};
}

// Length of the well-formed UTF-8 sequence starting at s[i], or 0.
std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char b0 = byte(i);
  if (b0 < 0x80) return 1;
  std::size_t length = 0;
  unsigned char low = 0x80, high = 0xBF;  // range of the second byte
  if (b0 >= 0xC2 && b0 <= 0xDF) length = 2;
  else if (b0 >= 0xE0 && b0 <= 0xEF) {
    length = 3;
    if (b0 == 0xE0) low = 0xA0;   // no overlong forms
    if (b0 == 0xED) high = 0x9F;  // no surrogates
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    length = 4;
    if (b0 == 0xF0) low = 0x90;
    if (b0 == 0xF4) high = 0x8F;  // nothing above U+10FFFF
  } else {
    return 0;
  }
  if (i + length > s.size()) return 0;
  if (byte(i + 1) < low || byte(i + 1) > high) return 0;
  for (std::size_t k = 2; k < length; ++k) {
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
  }
  return length;
}

// Position of the first byte that is not well-formed UTF-8, if any.
std::optional<SourcePos> first_invalid_utf8(std::string_view text) {
  SourcePos pos{1, 1};
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t length = utf8_sequence_length(text, i);
    if (length == 0) return pos;
    if (text[i] == '\n') {
      ++pos.line;
      pos.column = 1;
    } else {
      pos.column += static_cast<std::int64_t>(length);
    }
    i += length;
  }
  return std::nullopt;
}

// Copies a yaml-cpp document into a YamlNode tree, expanding aliases, within
// the node, text and depth budgets. The first problem stops the copy.
class TreeBuilder {
 public:
  TreeBuilder(const std::string& path, std::vector<Diagnostic>& diagnostics)
      : path_(path), diagnostics_(diagnostics) {}

  bool build(const YAML::Node& in, int depth, YamlNode& out) {
    out.pos = to_pos(in.Mark());
    if (!spend(out.pos, depth)) return false;
    switch (in.Type()) {
      case YAML::NodeType::Scalar:
        out.kind = YamlNode::Kind::kScalar;
        out.scalar = in.Scalar();
        return spend_text(out.pos, out.scalar.size());
      case YAML::NodeType::Sequence:
        out.kind = YamlNode::Kind::kSequence;
        return build_sequence(in, depth, out);
      case YAML::NodeType::Map:
        out.kind = YamlNode::Kind::kMap;
        return build_map(in, depth, out);
      default:
        out.kind = YamlNode::Kind::kNull;
        return true;
    }
  }

 private:
  bool build_sequence(const YAML::Node& in, int depth, YamlNode& out) {
    out.items.reserve(in.size());
    for (const YAML::Node& child : in) {
      out.items.emplace_back();
      if (!build(child, depth + 1, out.items.back())) return false;
    }
    return true;
  }

  bool build_map(const YAML::Node& in, int depth, YamlNode& out) {
    std::unordered_map<std::string, SourcePos> seen;
    for (auto it = in.begin(); it != in.end(); ++it) {
      const SourcePos key_pos = to_pos(it->first.Mark());
      if (!spend(key_pos, depth + 1)) return false;
      if (!it->first.IsScalar()) {
        fail(key_pos, "expected a name as key");
        return false;
      }
      const std::string key = it->first.Scalar();
      if (!spend_text(key_pos, key.size())) return false;
      if (auto [first, inserted] = seen.emplace(key, key_pos); !inserted) {
        fail(key_pos, "duplicate key '" + key + "' (first at " + std::to_string(first->second.line) +
                          ":" + std::to_string(first->second.column) + ")");
        return false;
      }
      YamlEntry& entry = out.entries.emplace_back();
      entry.key = key;
      entry.key_pos = key_pos;
      if (!build(it->second, depth + 1, entry.value)) return false;
      // yaml-cpp marks an empty value at the next token; its key is more helpful.
      if (entry.value.is_null()) entry.value.pos = key_pos;
    }
    return true;
  }

  bool spend(SourcePos pos, int depth) {
    if (depth > kMaxYamlDepth) {
      fail(pos, "document nests deeper than " + std::to_string(kMaxYamlDepth) + " levels");
      return false;
    }
    if (++nodes_ > kMaxYamlNodes) {
      fail(pos, "document expands past " + std::to_string(kMaxYamlNodes) + " nodes (aliases?)");
      return false;
    }
    return true;
  }

  bool spend_text(SourcePos pos, std::size_t bytes) {
    text_bytes_ += static_cast<std::int64_t>(bytes);
    if (text_bytes_ > kMaxYamlTextBytes) {
      fail(pos, "document expands past " + std::to_string(kMaxYamlTextBytes >> 20) +
                    " MiB of text (aliases?)");
      return false;
    }
    return true;
  }

  void fail(SourcePos pos, std::string message) {
    diagnostics_.push_back({Diagnostic::Severity::kError, path_, pos, std::move(message)});
  }

  const std::string& path_;
  std::vector<Diagnostic>& diagnostics_;
  std::int64_t nodes_ = 0;
  std::int64_t text_bytes_ = 0;
};

}  // namespace

std::optional<YamlNode> parse_rules_yaml(std::string_view text, const std::string& path,
                                         std::vector<Diagnostic>& diagnostics) {
  const auto fail = [&](SourcePos pos, std::string message) {
    diagnostics.push_back({Diagnostic::Severity::kError, path, pos, std::move(message)});
    return std::nullopt;
  };
  if (auto bad = first_invalid_utf8(text)) return fail(*bad, "rules file is not valid UTF-8");
  try {
    const std::vector<YAML::Node> documents = YAML::LoadAll(std::string(text));
    if (documents.empty() || documents[0].IsNull()) return fail({1, 1}, "rules file is empty");
    if (documents.size() > 1) {
      return fail(to_pos(documents[1].Mark()), "rules file holds more than one YAML document");
    }
    YamlNode root;
    TreeBuilder builder(path, diagnostics);
    if (!builder.build(documents[0], 1, root)) return std::nullopt;
    return root;
  } catch (const YAML::DeepRecursion& e) {
    return fail(to_pos(e.mark),
                "document nests deeper than " + std::to_string(kMaxYamlDepth) + " levels");
  } catch (const YAML::Exception& e) {
    return fail(to_pos(e.mark), "invalid YAML: " + e.msg);
  } catch (const std::exception& e) {
    return fail({}, std::string("cannot parse rules file: ") + e.what());
  }
}

}  // namespace shortlist
