// The JSON Schema (draft 2020-12) of the rules language, written from the
// vocabulary the loader checks against (vocabulary.hpp), for editors: the YAML
// language server completes keys and flags what the loader would refuse.
//
// The schema is strict where the loader is (fixed keys, choices, one operator
// per condition, keys that only some field types take) and never stricter: a
// file the loader accepts must pass. The loader reads every value from its
// text, so a number or a boolean may also be written as a string ("2"), and
// a name may be a number (a column called 2024); each value kind below says
// what the loader reads. Mappings list every key they allow, those of a
// condition included, rather than composing them with unevaluatedProperties,
// which not every editor's validator knows.
#include "shortlist/rules_schema.hpp"

#include <algorithm>
#include <string>

#include "output/json_value.hpp"
#include "rules/vocabulary.hpp"

namespace shortlist {
namespace {

namespace vocab = rules_detail::vocabulary;
using vocab::Key;
using vocab::Mapping;
using vocab::Value;
using J = JsonValue;

constexpr std::string_view kDialect = "https://json-schema.org/draft/2020-12/schema";

J str(std::string_view text) { return J::string(text); }

J strings(std::span<const std::string_view> names) {
  J out = J::array();
  for (std::string_view name : names) out.push(str(name));
  return out;
}

J types(std::initializer_list<std::string_view> names) {
  return strings(std::span<const std::string_view>(names.begin(), names.size()));
}

J def_ref(std::string_view def) { return J().set("$ref", str("#/$defs/" + std::string(def))); }

J list_of(J items, std::int64_t min_items) {
  J out = J().set("type", str("array"));
  if (min_items > 0) out.set("minItems", J::number(min_items));
  return out.set("items", std::move(items));
}

J required(std::initializer_list<std::string_view> keys) {
  return J().set("required", types(keys));
}

// The name under $defs of a mapping's definition: "require rule" -> "require_rule".
std::string def_name(const Mapping& mapping) {
  std::string name(mapping.title);
  std::replace(name.begin(), name.end(), ' ', '_');
  return name;
}

// " One of: a (what a is), ..." for the description of a choice.
std::string choices_text(std::span<const vocab::Term> choices) {
  std::string out = " One of:";
  for (const vocab::Term& choice : choices) {
    out += "\n- " + std::string(choice.name) + ": " + std::string(choice.description);
  }
  return out;
}

// A decimal as Decimal::parse reads it: [+-]digits[(. or ,)digits], trimmed.
constexpr std::string_view kDecimalPattern =
    "^[ \\t\\n\\r\\f\\v]*[+-]?[0-9]+([.,][0-9]+)?[ \\t\\n\\r\\f\\v]*$";

// An `order` entry: a name, then a direction.
std::string order_pattern() {
  std::string directions;
  for (const vocab::Term& direction : vocab::directions()) {
    directions += (directions.empty() ? "" : "|") + std::string(direction.name);
  }
  return "^[ \\t]*[^ \\t]+[ \\t]+(" + directions + ")[ \\t]*$";
}

// The schema of a key's value; `key` is null for an operator's operand.
J value_schema(Value value, const Key* key) {
  switch (value) {
    case Value::kVersion:
      return J().set("enum", J::array().push(J::number(1)).push(str("1")));
    case Value::kName:
      return def_ref("name");
    case Value::kText:
      return def_ref("scalar");
    case Value::kDecimal:
      return def_ref("decimal");
    case Value::kCount:
      return J()
          .set("type", types({"integer", "string"}))
          .set("minimum", J::number(0))
          .set("pattern", str("^[0-9]+$"));
    case Value::kBoolean:
      return def_ref("boolean");
    case Value::kChoice: {
      J names = J::array();
      for (const vocab::Term& choice : key->choices) names.push(str(choice.name));
      return J().set("enum", std::move(names));
    }
    case Value::kNameOrNames:
      return J().set("anyOf", J::array().push(def_ref("name")).push(list_of(def_ref("name"), 1)));
    case Value::kNames:
      return list_of(def_ref("name"), 0);
    case Value::kScale:
      return list_of(def_ref("name"), 1);
    case Value::kTexts:
      return list_of(def_ref("scalar"), 0);
    case Value::kScalarMap:
      return J().set("type", str("object")).set("additionalProperties", def_ref("scalar"));
    case Value::kListOrSet:
      return def_ref("list_or_set");
    case Value::kPair:
      return list_of(def_ref("scalar"), 2).set("maxItems", J::number(2));
    case Value::kCondition:
      return def_ref("condition");
    case Value::kConditions:
      return list_of(def_ref("condition"), 1);
    case Value::kOrder:
      return list_of(J().set("type", str("string")).set("pattern", str(order_pattern())), 1);
    case Value::kMapping:
      return def_ref(def_name(*key->mapping));
    case Value::kFields:
      return J()
          .set("type", str("object"))
          .set("propertyNames", J()
                                    .set("minLength", J::number(1))
                                    .set("pattern", str("^[^ \\t]*$"))
                                    .set("not", J().set("const", str(vocab::kReservedFieldName))))
          .set("required", types({vocab::kIdField}))
          .set("properties",
               J().set(vocab::kIdField,
                       def_ref(def_name(*key->mapping))
                           .set("description",
                                str("the applicant's key: a string field, not a list"))
                           .set("type", str("object"))
                           .set("properties", J().set("type", J().set("const", str("string"))))
                           .set("not", required({"list"}))))
          .set("additionalProperties", def_ref(def_name(*key->mapping)));
    case Value::kSets:
      return J()
          .set("type", str("object"))
          .set("propertyNames", J()
                                    .set("minLength", J::number(1))
                                    .set("not", J().set("enum", strings(vocab::builtin_sets()))))
          .set("additionalProperties", list_of(def_ref("scalar"), 1));
    case Value::kProfiles:
      return list_of(def_ref(def_name(*key->mapping)), 1);
    case Value::kRules:
      return list_of(def_ref(def_name(*key->mapping)), 0);
  }
  return J();
}

J described(J schema, std::string description) {
  return schema.set("description", str(description));
}

// required: [OP] for each operator, for "exactly one of them".
J each_operator_required() {
  J out = J::array();
  for (const vocab::Operator& op : vocab::operators()) out.push(required({op.term.name}));
  return out;
}

bool is_combinator(const vocab::Operator& op) {
  return op.operand == Value::kCondition || op.operand == Value::kConditions;
}

// `field` goes with the operators on a field and not with all/any/not.
void add_field_rules(J& def) {
  J needs_field = J();
  J no_field = J();
  for (const vocab::Operator& op : vocab::operators()) {
    if (is_combinator(op)) {
      no_field.set(op.term.name, J().set("not", required({vocab::kFieldKey})));
    } else {
      needs_field.set(op.term.name, types({vocab::kFieldKey}));
    }
  }
  def.set("dependentRequired", std::move(needs_field));
  def.set("dependentSchemas", std::move(no_field));
}

// A score rule (SPEC 3.4) is a condition with `points`, or `field` with
// `each` (and maybe `count_in` or `count_phrases`, not both) and no operator.
J score_rule_kinds() {
  J any_operator = J::array();
  for (const vocab::Operator& op : vocab::operators()) any_operator.push(required({op.term.name}));
  J with_condition = J()
                         .set("oneOf", each_operator_required())
                         .set("required", types({"points"}))
                         .set("not", J().set("anyOf", J::array()
                                                          .push(required({"each"}))
                                                          .push(required({"count_in"}))
                                                          .push(required({"count_phrases"}))));
  J with_each = J()
                    .set("required", types({"each", vocab::kFieldKey}))
                    .set("not", J().set("anyOf", any_operator.push(required({"points"}))));
  return J::array().push(std::move(with_condition)).push(std::move(with_each));
}

// "the field is of one of `types`", for if/then on field keys.
J type_is(std::span<const std::string_view> names) {
  J out = J()
              .set("type", str("object"))
              .set("properties", J().set("type", J().set("enum", strings(names))));
  const std::string_view default_type = vocab::field_types().front().name;
  if (std::find(names.begin(), names.end(), default_type) == names.end()) {
    out.set("required", types({"type"}));
  }
  return out;
}

// Keys that only some field types take, and those that they require.
J typed_key_rules(const Mapping& mapping) {
  J rules = J::array();
  for (const Key& key : mapping.keys) {
    if (key.only_for.empty()) continue;
    rules.push(J().set("if", required({key.name})).set("then", type_is(key.only_for)));
    if (key.required) {
      rules.push(J().set("if", type_is(key.only_for)).set("then", required({key.name})));
    }
  }
  return rules;
}

J mapping_def(const Mapping& mapping) {
  J properties = J();
  J required_keys = J::array();
  for (const Key& key : mapping.keys) {
    std::string description(key.description);
    if (key.value == Value::kChoice) description += "." + choices_text(key.choices);
    properties.set(key.name, described(value_schema(key.value, &key), description));
    if (key.required && key.only_for.empty()) required_keys.push(str(key.name));
  }
  J def = J().set("type", str("object")).set("description", str(mapping.description));
  if (mapping.condition) {
    properties.set(vocab::kFieldKey, described(def_ref("name"), "the field the operator reads"));
    for (const vocab::Operator& op : vocab::operators()) {
      properties.set(op.term.name, described(value_schema(op.operand, nullptr),
                                             std::string(op.term.description)));
    }
  }
  def.set("properties", std::move(properties));
  if (mapping.condition) add_field_rules(def);
  if (!required_keys.empty()) def.set("required", std::move(required_keys));
  if (&mapping == &vocab::score_rule()) {
    def.set("oneOf", score_rule_kinds());
  } else if (mapping.condition) {
    def.set("oneOf", each_operator_required());
  }
  J typed = typed_key_rules(mapping);
  if (!typed.empty()) def.set("allOf", std::move(typed));
  return def.set("additionalProperties", J::boolean(false));
}

// Every mapping reachable from `mapping`, itself first.
void collect(const Mapping& mapping, std::vector<const Mapping*>& out) {
  if (std::find(out.begin(), out.end(), &mapping) != out.end()) return;
  out.push_back(&mapping);
  for (const Key& key : mapping.keys) {
    if (key.mapping != nullptr) collect(*key.mapping, out);
  }
}

J primitive_defs() {
  J defs;
  defs.set("scalar", J()
                         .set("description", str("a single value: text, a number or a boolean"))
                         .set("type", types({"string", "number", "boolean"})));
  defs.set("name", J()
                       .set("description", str("a single value that is not empty"))
                       .set("type", types({"string", "number", "boolean"}))
                       .set("minLength", J::number(1)));
  defs.set("decimal", J()
                          .set("description", str("an exact decimal number such as 2 or 1.5"))
                          .set("type", types({"number", "string"}))
                          .set("pattern", str(kDecimalPattern)));
  defs.set("boolean",
           J().set("enum", J::array()
                               .push(J::boolean(true))
                               .push(J::boolean(false))
                               .push(str("true"))
                               .push(str("True"))
                               .push(str("TRUE"))
                               .push(str("false"))
                               .push(str("False"))
                               .push(str("FALSE"))));
  defs.set("list_or_set",
           J()
               .set("description", str("a list of values, or the name of a set (built in for "
                                       "country fields: EU, EEA, EFTA)"))
               .set("anyOf", J::array().push(list_of(def_ref("scalar"), 1)).push(def_ref("name"))));
  return defs;
}

}  // namespace

std::string rules_json_schema() {
  const Mapping& top = vocab::top();
  std::vector<const Mapping*> mappings;
  collect(top, mappings);
  collect(vocab::condition(), mappings);
  J defs = primitive_defs();
  for (const Mapping* mapping : mappings) {
    if (mapping != &top) defs.set(def_name(*mapping), mapping_def(*mapping));
  }
  J schema = J().set("$schema", str(kDialect)).set("title", str("shortlist rules file"));
  J body = mapping_def(top);
  body.set("description",
           str(std::string(top.description) +
               " Written by `shortlist schema` from the definitions its loader checks against."));
  schema.set("description", std::move(*body.find("description")));
  for (std::string_view member : {"type", "properties", "required", "additionalProperties"}) {
    if (JsonValue* value = body.find(member)) schema.set(member, std::move(*value));
  }
  schema.set("$defs", std::move(defs));
  return schema.dump();
}

}  // namespace shortlist
