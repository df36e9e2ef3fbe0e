// Operands of conditions and score rules: field names, literals converted to
// their field's type, lists and sets, phrases.
#include <algorithm>
#include <unordered_map>

#include "rules/compile.hpp"
#include "shortlist/country.hpp"
#include "shortlist/typing.hpp"

namespace shortlist::rules_detail {
namespace {

std::vector<std::string> field_names(const Rules& rules) {
  std::vector<std::string> names;
  for (const FieldSpec& f : rules.fields) names.push_back(f.name);
  return names;
}

const FieldSpec* field_at(const CompileScope& s, int field) {
  return field < 0 ? nullptr : &s.rules.fields[static_cast<std::size_t>(field)];
}

std::optional<std::vector<Literal>> inline_list(CompileScope& s, const YamlNode& node) {
  if (node.items.empty()) {
    s.check.error(node.pos, "expected at least one item");
    return std::nullopt;
  }
  std::vector<Literal> out;
  bool ok = true;
  for (const YamlNode& item : node.items) {
    auto text = s.check.text(item);
    if (text) out.push_back({*text, item.pos, false});
    ok = ok && text.has_value();
  }
  if (!ok) return std::nullopt;
  return out;
}

std::optional<std::vector<Literal>> named_set(CompileScope& s, const YamlNode& node, int field) {
  const std::string& name = node.scalar;
  if (auto it = s.set_by_name.find(name); it != s.set_by_name.end()) {
    const UserSet& set = s.sets[it->second];
    if (set.items == nullptr) return std::nullopt;  // malformed: reported where defined
    return inline_list(s, *set.items);
  }
  const FieldSpec* f = field_at(s, field);
  const bool country = f != nullptr && f->type == FieldType::kCountry;
  if (auto codes = builtin_country_set(name)) {
    if (!country) {
      s.check.error(node.pos, "set " + quoted(name) + " is built in for country fields only");
      return std::nullopt;
    }
    std::vector<Literal> out;
    for (std::string_view code : *codes) out.push_back({std::string(code), node.pos, true});
    return out;
  }
  const auto candidates = [&] {
    std::vector<std::string> names;
    for (const UserSet& set : s.sets) names.push_back(set.name);
    if (country) {
      for (std::string_view builtin : vocabulary::builtin_sets()) names.emplace_back(builtin);
    }
    return names;
  };
  s.check.error(node.pos, "unknown set " + quoted(name) + s.check.hint(name, candidates));
  return std::nullopt;
}

}  // namespace

int resolve_field(CompileScope& s, const YamlNode& node) {
  auto name = s.check.text(node);
  if (!name) return -1;
  const int index = s.field_index(*name);
  if (index < 0) {
    s.check.error(node.pos, "unknown field " + quoted(*name) +
                                s.check.hint(*name, [&] { return field_names(s.rules); }));
  }
  return index;
}

std::optional<std::vector<Literal>> list_operand(CompileScope& s, const YamlNode& node,
                                                 int field) {
  if (node.is_sequence()) return inline_list(s, node);
  if (node.is_scalar()) return named_set(s, node, field);
  s.check.error(node.pos, "expected a list or the name of a set");
  return std::nullopt;
}

std::optional<Scalar> convert_literal(CompileScope& s, int field, const Literal& literal) {
  const FieldSpec& f = *field_at(s, field);
  if (literal.converted) return Scalar(literal.text);
  std::string why;
  // ISO 8601 is always accepted, so a date in the rules may be written so
  // whatever `format` the applicants' export uses.
  auto value = read_scalar(f, literal.text, s.rules.call.timezone, &why);
  if (!value) {
    s.check.error(literal.pos, quoted(literal.text) + " is not a valid " +
                                   std::string(type_name(f.type)) + " for field " +
                                   quoted(f.name) + ": " + why);
  }
  return value;
}

std::optional<std::vector<Scalar>> convert_literals(CompileScope& s, int field,
                                                    const std::vector<Literal>& literals) {
  std::vector<Scalar> out;
  bool ok = true;
  for (const Literal& literal : literals) {
    auto value = convert_literal(s, field, literal);
    if (value) out.push_back(std::move(*value));
    ok = ok && value.has_value();
  }
  if (!ok) return std::nullopt;
  return out;
}

std::shared_ptr<const PhraseSet> compile_phrases(CompileScope& s,
                                                 const std::vector<Literal>& literals) {
  std::vector<std::string> phrases;
  std::unordered_map<std::string, const Literal*> first;  // normalized -> first literal
  for (const Literal& literal : literals) {
    auto normalized = normalize_text(literal.text);
    if (!normalized || normalized->empty()) {
      s.check.warning(literal.pos, "phrase " + quoted(literal.text) +
                                       " has no letters or digits and never matches");
    } else if (auto [it, fresh] = first.emplace(*normalized, &literal); !fresh) {
      // SPEC 3.3 v1.1: they are one phrase; say so, or the author may think
      // the entry adds points or widens the match.
      const Literal& earlier = *it->second;
      s.check.warning(literal.pos, "phrase " + quoted(literal.text) + " normalizes like " +
                                       quoted(earlier.text) + " (" +
                                       std::to_string(earlier.pos.line) + ":" +
                                       std::to_string(earlier.pos.column) +
                                       "): they count as one phrase");
    }
    phrases.push_back(literal.text);
  }
  return std::make_shared<const PhraseSet>(phrases);
}

}  // namespace shortlist::rules_detail
