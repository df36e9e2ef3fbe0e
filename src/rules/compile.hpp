#pragma once
// Checking and compiling a rules file's YAML tree into Rules (internal to the
// rules loader). The work is split by section: compile.cpp (top level, call,
// sets, output), fields.cpp, condition.cpp and profile.cpp, with operands
// (fields, literals, sets, phrases) in operand.cpp.
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "rules/check.hpp"
#include "rules/yaml.hpp"
#include "shortlist/rules.hpp"

namespace shortlist::rules_detail {

/// A set from `sets`: its list in the tree, or nullptr when it was malformed
/// (already reported), so that uses of it raise no second error.
struct UserSet {
  std::string name;
  const YamlNode* items = nullptr;
};

/// What the section compilers share while one rules file is checked.
struct CompileScope {
  RuleChecker& check;
  Rules& rules;
  /// Parallel to rules.fields: false when the field's definition had an error,
  /// so conditions on it are not checked further (no cascades).
  std::vector<bool> field_ok;
  std::vector<UserSet> sets;
  std::unordered_map<std::string, int> field_by_name;
  std::unordered_map<std::string, std::size_t> set_by_name;  ///< index into sets
  /// `call.deadline` was written (it may still have failed to parse).
  bool deadline_written = false;

  /// The index of the field named `name`, or -1 (Rules::field_index, in O(1)).
  int field_index(const std::string& name) const {
    auto it = field_by_name.find(name);
    return it == field_by_name.end() ? -1 : it->second;
  }
};

/// The whole file: null when any error was found (all of them in `diagnostics`).
std::unique_ptr<Rules> compile_rules(const YamlNode& root, const std::string& path,
                                     std::vector<Diagnostic>& diagnostics);

/// The type's name as written in rules ("timestamp").
std::string_view type_name(FieldType type);

/// `fields`: fills rules.fields, id_field, submitted_field and scope.field_ok.
void compile_fields(CompileScope& scope, const YamlEntry& fields);

/// The index of the field named by `node` (a `field:` value); reports an unknown
/// one with a suggestion. -1 on error.
int resolve_field(CompileScope& scope, const YamlNode& node);

/// A literal from the rules, with where it was written.
struct Literal {
  std::string text;
  SourcePos pos;
  bool converted = false;  ///< already in the field's form (a built-in set's codes)
};

/// A list operand: an inline YAML list or the name of a set (user sets, and the
/// built-in EU/EEA/EFTA for country fields when `field` is one). nullopt on error.
std::optional<std::vector<Literal>> list_operand(CompileScope& scope, const YamlNode& node,
                                                 int field);
/// Converts a literal to `field`'s type with read_scalar; reports a bad one.
std::optional<Scalar> convert_literal(CompileScope& scope, int field, const Literal& literal);
/// Converts every literal; nullopt if any failed (each failure reported).
std::optional<std::vector<Scalar>> convert_literals(CompileScope& scope, int field,
                                                    const std::vector<Literal>& literals);
/// Compiles phrases for contains_* and count_phrases; warns about phrases that
/// can never match.
std::shared_ptr<const PhraseSet> compile_phrases(CompileScope& scope,
                                                 const std::vector<Literal>& literals);

/// The keys of a map that holds a condition, sorted out.
struct ConditionKeys {
  std::vector<const YamlEntry*> operators;
  const YamlEntry* field = nullptr;
  bool unknown = false;  ///< an unknown key was reported
};

/// Sorts the keys of `map` into operators, `field` and the keys of `rule` (the
/// rule's own, which are skipped). Unknown keys are reported as unknown
/// operators, or as unknown keys WHERE when they look like one of the rule's.
ConditionKeys scan_condition_keys(CompileScope& scope, const YamlNode& map,
                                  const vocabulary::Mapping& rule, std::string_view where);
/// Compiles the condition held in `map` whose keys were scanned; `where` names
/// it in messages ("rule 'eu-citizen'"). nullopt on error.
std::optional<Condition> compile_condition(CompileScope& scope, const YamlNode& map,
                                           const ConditionKeys& keys, std::string_view where);
/// Compiles a condition that stands alone (`when`, children of all/any/not).
std::optional<Condition> compile_condition(CompileScope& scope, const YamlNode& node);

/// `profiles`: fills rules.profiles.
void compile_profiles(CompileScope& scope, const YamlEntry& profiles);

}  // namespace shortlist::rules_detail
