#pragma once
// The vocabulary of the rules language (SPEC 3): every key of every mapping,
// every value a key may choose from and every operator, each with a one-line
// description. It is the one definition of what a rules file may say: the
// loader checks keys and choices against it, and `shortlist schema` turns it
// into the JSON Schema that editors complete and check rules files with. A key
// added here is known to both.
#include <cstdint>
#include <span>
#include <string_view>

namespace shortlist::rules_detail::vocabulary {

/// A name the language knows (a choice, an operator), with what it means.
struct Term {
  std::string_view name;
  std::string_view description;
  /// Other words people write for it ("bool" for "boolean"), offered as "did
  /// you mean" when one of them is written; never accepted.
  std::span<const std::string_view> also = {};
};

/// What a key's value is. The loader reads each kind its own way; the schema
/// describes each (schema.cpp).
enum class Value : std::uint8_t {
  kVersion,      ///< the language version, 1
  kName,         ///< a non-empty scalar
  kText,         ///< any scalar
  kDecimal,      ///< a number, or a string that reads as one
  kCount,        ///< a whole number >= 0
  kBoolean,      ///< true or false
  kChoice,       ///< one of Key::choices
  kNameOrNames,  ///< a name, or a non-empty list of names
  kNames,        ///< a list of names
  kScale,        ///< a non-empty list of names
  kTexts,        ///< a list of scalars
  kScalarMap,    ///< a map of scalar to scalar
  kListOrSet,    ///< a non-empty list of scalars, or the name of a set
  kPair,         ///< a list of exactly two scalars
  kCondition,    ///< one condition
  kConditions,   ///< a non-empty list of conditions
  kOrder,        ///< a non-empty list of "NAME asc|desc"
  kMapping,      ///< the fixed keys of Key::mapping
  kFields,       ///< field name -> the mapping of a field
  kSets,         ///< set name -> a non-empty list of scalars
  kProfiles,     ///< a non-empty list of profiles
  kRules,        ///< a list of Key::mapping (require or score rules)
};

struct Mapping;

/// One key of a mapping.
struct Key {
  std::string_view name;
  Value value;
  std::string_view description;
  /// Must be written; for a key with `only_for`, must be written for those types.
  bool required = false;
  std::span<const Term> choices = {};  ///< Value::kChoice
  const Mapping* mapping = nullptr;    ///< Value::kMapping, kFields, kProfiles, kRules
  /// Field keys only: the field types that take this key; empty: every type.
  std::span<const std::string_view> only_for = {};
};

/// A YAML mapping with fixed keys: every key not listed is an error.
struct Mapping {
  std::string_view title;  ///< "call", "field", "require rule"
  std::string_view description;
  std::span<const Key> keys;
  /// Also holds one condition: `field` and an operator beside its own keys.
  bool condition = false;

  /// The key named `name`, or nullptr.
  const Key* find(std::string_view name) const;
};

/// An operator of a condition (SPEC 3.2), in the order of Op.
struct Operator {
  Term term;
  Value operand;  ///< kCondition or kConditions for all/any/not
};

const Mapping& top();
const Mapping& call();
const Mapping& field();
const Mapping& output();
const Mapping& profile();
const Mapping& require_rule();
const Mapping& score_rule();
const Mapping& shortlist();
/// A condition on its own (`when`, the items of all/any, `not`).
const Mapping& condition();

/// The key naming a condition's field.
inline constexpr std::string_view kFieldKey = "field";
/// Condition operators, in the order of Op.
std::span<const Operator> operators();
/// Field types, in the order of FieldType; the first is the default.
std::span<const Term> field_types();
/// The directions of an `order` key: asc, desc.
std::span<const Term> directions();
/// The names of the built-in sets of country codes (shortlist::builtin_country_set).
std::span<const std::string_view> builtin_sets();
/// The name no field may have: `order` names the score with it.
inline constexpr std::string_view kReservedFieldName = "score";
/// The field every rules file defines: the applicant's key.
inline constexpr std::string_view kIdField = "id";

/// The name of the choice, operator or key that `word` most likely meant:
/// one whose other spellings (`also`) include it, case aside, else the
/// closest name by edit distance (shortlist::suggest); "" if none is close.
std::string_view suggestion(std::string_view word, std::span<const Term> terms);

}  // namespace shortlist::rules_detail::vocabulary
