#pragma once
// A rules file's YAML as a plain tree with 1-based positions (internal to the
// rules loader).
//
// yaml-cpp shares the node of an anchor among all its aliases, so a small file
// can stand for an enormous tree ("billion laughs"). Copying it into this tree
// expands the aliases under fixed budgets of nodes, text and depth: whatever the
// checker walks afterwards is bounded, and a hostile file fails fast.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shortlist/diagnostic.hpp"

namespace shortlist::rules_detail {

struct YamlEntry;

/// One YAML node, aliases expanded. Scalars keep their text as written.
struct YamlNode {
  enum class Kind : std::uint8_t { kNull, kScalar, kSequence, kMap };
  Kind kind = Kind::kNull;
  SourcePos pos;
  std::string scalar;              ///< kScalar
  std::vector<YamlNode> items;     ///< kSequence
  std::vector<YamlEntry> entries;  ///< kMap, in file order, keys unique

  bool is_null() const { return kind == Kind::kNull; }
  bool is_scalar() const { return kind == Kind::kScalar; }
  bool is_sequence() const { return kind == Kind::kSequence; }
  bool is_map() const { return kind == Kind::kMap; }
  /// The entry of a map with key `key`, or nullptr.
  const YamlEntry* find(std::string_view key) const;
};

/// One key and its value in a map.
struct YamlEntry {
  std::string key;
  SourcePos key_pos;
  YamlNode value;
};

/// Largest rules file read at all.
inline constexpr std::int64_t kMaxRulesBytes = std::int64_t{1} << 20;
/// Deepest nesting of lists and maps accepted (the top-level map is level 1).
inline constexpr int kMaxYamlDepth = 64;
/// Most nodes (keys included) the expanded tree may hold.
inline constexpr std::int64_t kMaxYamlNodes = 100000;
/// Most bytes of keys and scalars the expanded tree may hold.
inline constexpr std::int64_t kMaxYamlTextBytes = std::int64_t{8} << 20;

/// Parses one YAML document into a tree. On any problem (invalid UTF-8, a
/// syntax error, several documents, a limit exceeded) appends one error to
/// `diagnostics` and returns nullopt. Never throws for bad content.
std::optional<YamlNode> parse_rules_yaml(std::string_view text, const std::string& path,
                                         std::vector<Diagnostic>& diagnostics);

}  // namespace shortlist::rules_detail
