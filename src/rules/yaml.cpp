// YAML text -> YamlNode tree, with positions and the limits of SPEC 3.5.
//
// The tree is built from yaml-cpp's parser events rather than from YAML::Load:
// the node and depth budgets then apply while the text is being parsed, so a
// hostile file is stopped at the first node over the limit, before yaml-cpp
// has built anything large. An alias is expanded by copying the anchored node,
// charging every copied node to the budget, which is what refuses "billion
// laughs". (YAML::LoadAll is avoided: yaml-cpp 0.7 loops forever on a document
// holding only ",", yaml-cpp issue #1040; see RestProbe.)
#include "rules/yaml.hpp"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstddef>
#include <exception>
#include <sstream>
#include <unordered_map>

namespace shortlist::rules_detail {

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

std::string depth_message() {
  return "document nests deeper than " + std::to_string(kMaxYamlDepth) + " levels";
}

// Length of the well-formed UTF-8 sequence starting at s[i], or 0.
std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char b0 = byte(i);
  if (b0 < 0x80) return 1;
  std::size_t length = 0;
  unsigned char low = 0x80, high = 0xBF;  // range of the second byte
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    length = 2;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
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

// Thrown from an event handler to stop the parse once a diagnostic is recorded.
struct Stop {};

// Builds the tree of one document from parser events.
class TreeBuilder final : public YAML::EventHandler {
 public:
  TreeBuilder(const std::string& path, std::vector<Diagnostic>& diagnostics)
      : path_(path), diagnostics_(diagnostics) {}

  /// The document's top-level node (null for an empty document).
  YamlNode take_root() { return std::move(root_); }

  /// Where the document started, as yaml-cpp saw it.
  const YAML::Mark& start() const { return start_; }

  void OnDocumentStart(const YAML::Mark& mark) override { start_ = mark; }
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    YamlNode node;
    node.pos = to_pos(mark);
    charge(node.pos, 0, depth());
    place(std::move(node), anchor);
  }

  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                const std::string& value) override {
    YamlNode node;
    node.kind = YamlNode::Kind::kScalar;
    node.pos = to_pos(mark);
    node.scalar = value;
    charge(node.pos, value.size(), depth());
    place(std::move(node), anchor);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    const YamlNode* source = nullptr;
    if (auto key = key_anchors_.find(anchor); key != key_anchors_.end()) source = &key->second;
    if (auto it = anchors_.find(anchor); it != anchors_.end()) source = &resolve(it->second);
    // yaml-cpp knows the anchor but its node is still open: "&a [*a]".
    if (source == nullptr) fail(to_pos(mark), "an alias refers to a node that contains it");
    place(copy_charged(*source, depth()), 0);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(YamlNode::Kind::kSequence, mark, anchor);
  }
  void OnSequenceEnd() override { close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(YamlNode::Kind::kMap, mark, anchor);
  }
  void OnMapEnd() override { close(); }

 private:
  using Path = std::vector<std::size_t>;  // child indices from the root

  struct Frame {
    YamlNode* node;
    Path path;
    YAML::anchor_t anchor;
    bool has_key = false;  // maps: a key was read, its value comes next
    std::string key;
    SourcePos key_pos;
    std::unordered_map<std::string, SourcePos> keys;  // maps: keys so far, for duplicates
  };

  // The level a new node would have: the top-level node is level 1.
  int depth() const { return static_cast<int>(stack_.size()) + 1; }

  [[noreturn]] void fail(SourcePos pos, std::string message) {
    diagnostics_.push_back({Diagnostic::Severity::kError, path_, pos, std::move(message)});
    throw Stop{};
  }

  // Counts a node of `level` against the budgets.
  void charge(SourcePos pos, std::size_t text_bytes, int level) {
    if (level > kMaxYamlDepth) fail(pos, depth_message());
    if (++nodes_ > kMaxYamlNodes) {
      fail(pos, "document expands past " + std::to_string(kMaxYamlNodes) + " nodes (aliases?)");
    }
    text_bytes_ += static_cast<std::int64_t>(text_bytes);
    if (text_bytes_ > kMaxYamlTextBytes) {
      fail(pos, "document expands past " + std::to_string(kMaxYamlTextBytes >> 20) +
                    " MiB of text (aliases?)");
    }
  }

  // A deep copy of an anchored node, each copied node charged to the budgets.
  YamlNode copy_charged(const YamlNode& source, int level) {
    charge(source.pos, source.scalar.size(), level);
    YamlNode copy;
    copy.kind = source.kind;
    copy.pos = source.pos;
    copy.scalar = source.scalar;
    copy.items.reserve(source.items.size());
    for (const YamlNode& item : source.items) copy.items.push_back(copy_charged(item, level + 1));
    copy.entries.reserve(source.entries.size());
    for (const YamlEntry& entry : source.entries) {
      charge(entry.key_pos, entry.key.size(), level + 1);
      copy.entries.push_back({entry.key, entry.key_pos, copy_charged(entry.value, level + 1)});
    }
    return copy;
  }

  const YamlNode& resolve(const Path& path) const {
    const YamlNode* node = &root_;
    for (std::size_t index : path) {
      node = node->is_sequence() ? &node->items[index] : &node->entries[index].value;
    }
    return *node;
  }

  // Puts a finished or newly opened node in its place; returns it and its path.
  std::pair<YamlNode*, Path> put(YamlNode&& node) {
    if (stack_.empty()) {
      root_ = std::move(node);
      return {&root_, {}};
    }
    Frame& parent = stack_.back();
    Path path = parent.path;
    if (parent.node->is_sequence()) {
      path.push_back(parent.node->items.size());
      return {&parent.node->items.emplace_back(std::move(node)), std::move(path)};
    }
    if (!parent.has_key) {
      if (!node.is_scalar()) fail(node.pos, "expected a name as key");
      parent.has_key = true;
      parent.key = std::move(node.scalar);
      parent.key_pos = node.pos;
      return {nullptr, {}};
    }
    parent.has_key = false;
    if (auto [first, fresh] = parent.keys.emplace(parent.key, parent.key_pos); !fresh) {
      fail(parent.key_pos, "duplicate key '" + parent.key + "' (first at " +
                               std::to_string(first->second.line) + ":" +
                               std::to_string(first->second.column) + ")");
    }
    // yaml-cpp marks an empty value at the next token; its key is more helpful.
    if (node.is_null()) node.pos = parent.key_pos;
    path.push_back(parent.node->entries.size());
    YamlEntry& entry =
        parent.node->entries.emplace_back(YamlEntry{parent.key, parent.key_pos, std::move(node)});
    return {&entry.value, std::move(path)};
  }

  void place(YamlNode&& node, YAML::anchor_t anchor) {
    YamlNode key_copy;
    if (anchor != 0) key_copy = node;  // in case it is a key: keys are not in the tree
    auto [placed, path] = put(std::move(node));
    if (anchor == 0) return;
    if (placed != nullptr) {
      anchors_[anchor] = std::move(path);
    } else {
      key_anchors_[anchor] = std::move(key_copy);
    }
  }

  void open(YamlNode::Kind kind, const YAML::Mark& mark, YAML::anchor_t anchor) {
    YamlNode node;
    node.kind = kind;
    node.pos = to_pos(mark);
    charge(node.pos, 0, depth());
    auto [placed, path] = put(std::move(node));
    if (placed == nullptr) return;  // unreachable: put() refuses collections as keys
    stack_.push_back(Frame{placed, std::move(path), anchor, false, {}, {}, {}});
  }

  void close() {
    Frame frame = std::move(stack_.back());
    stack_.pop_back();
    if (frame.anchor != 0) anchors_[frame.anchor] = std::move(frame.path);
  }

  const std::string& path_;
  std::vector<Diagnostic>& diagnostics_;
  YAML::Mark start_;
  YamlNode root_;
  std::vector<Frame> stack_;
  std::unordered_map<YAML::anchor_t, Path> anchors_;  // finished anchored nodes
  std::unordered_map<YAML::anchor_t, YamlNode> key_anchors_;  // anchored keys
  std::int64_t nodes_ = 0;
  std::int64_t text_bytes_ = 0;
};

// Reads what follows the first document, stopping at the first content: a
// second document is an error. yaml-cpp 0.7 reports a token it cannot start a
// node with (a stray ',') as an empty document without consuming it, again
// and again (issue #1040); a document that starts where the last one did is
// that case, and is reported as a syntax error.
class RestProbe final : public YAML::EventHandler {
 public:
  struct Found {
    YAML::Mark mark;
    std::string message;
  };

  // Throws Found for a second document or a stuck parser; returns at the end.
  void run(YAML::Parser& parser, YAML::Mark previous, std::string_view text) {
    while (parser.HandleNextDocument(*this)) {
      if (start_.pos == previous.pos) {
        const std::size_t at = static_cast<std::size_t>(std::max(0, start_.pos));
        const char c = at < text.size() ? text[at] : ' ';
        const bool shown = c > ' ' && c < 0x7F;
        throw Found{start_, shown ? "invalid YAML: unexpected '" + std::string(1, c) + "'"
                                  : std::string("invalid YAML")};
      }
      previous = start_;
    }
  }

  void OnDocumentStart(const YAML::Mark& mark) override { start_ = mark; }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override { second(mark); }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                const std::string&) override {
    second(mark);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {
    second(mark);
  }
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {
    second(mark);
  }
  void OnMapEnd() override {}

 private:
  [[noreturn]] static void second(const YAML::Mark& mark) {
    throw Found{mark, "rules file holds more than one YAML document"};
  }

  YAML::Mark start_;
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
    std::istringstream in{std::string(text)};
    YAML::Parser parser(in);
    TreeBuilder builder(path, diagnostics);
    const bool any = parser.HandleNextDocument(builder);
    try {
      if (any) RestProbe().run(parser, builder.start(), text);
    } catch (const RestProbe::Found& found) {
      return fail(to_pos(found.mark), found.message);
    }
    YamlNode root = builder.take_root();
    if (root.is_null()) return fail({1, 1}, "rules file is empty");
    return root;
  } catch (const Stop&) {
    return std::nullopt;  // the builder recorded why
  } catch (const YAML::DeepRecursion& e) {
    return fail(to_pos(e.mark), depth_message());
  } catch (const YAML::Exception& e) {
    return fail(to_pos(e.mark), "invalid YAML: " + e.msg);
  } catch (const std::exception& e) {
    return fail({}, std::string("cannot parse rules file: ") + e.what());
  }
}

}  // namespace shortlist::rules_detail
