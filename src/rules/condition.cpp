// Checking conditions (SPEC 3.2): one operator on one field, or all/any/not of
// conditions. Literals are converted to the field's type here, once, so that
// screening compares typed values and never reparses the rules.
#include <re2/re2.h>

#include <algorithm>
#include <type_traits>

#include "rules/compile.hpp"
#include "shortlist/country.hpp"

namespace shortlist::rules_detail {
namespace {

constexpr int kOpCount = static_cast<int>(Op::kNot) + 1;

// A key that stands beside a condition in some kind of rule.
bool is_rule_key(std::string_view key) {
  return vocabulary::require_rule().find(key) != nullptr ||
         vocabulary::score_rule().find(key) != nullptr;
}

std::optional<Op> find_op(std::string_view name) {
  for (int i = 0; i < kOpCount; ++i) {
    if (op_name(static_cast<Op>(i)) == name) return static_cast<Op>(i);
  }
  return std::nullopt;
}

bool is_combinator(Op op) { return op == Op::kAll || op == Op::kAny || op == Op::kNot; }

// The table of SPEC 3.2: which operators apply to which field types.
bool fits(Op op, FieldType type) {
  using T = FieldType;
  switch (op) {
    case Op::kAtLeast: case Op::kAtMost: case Op::kBetween:
      return type == T::kNumber || type == T::kOrdinal || type == T::kDate ||
             type == T::kTimestamp;
    case Op::kBefore: case Op::kAfter: case Op::kNotAfter: case Op::kNotBefore:
      return type == T::kDate || type == T::kTimestamp;
    case Op::kContainsAny: case Op::kContainsAll: case Op::kContainsNone:
      return type == T::kText;
    case Op::kMatches:
      return type == T::kString || type == T::kText;
    default:
      return true;
  }
}

// a > b for two items of one ordered field type.
bool greater(const Scalar& a, const Scalar& b) {
  return std::visit(
      [&](const auto& x) {
        using V = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<V, Decimal> || std::is_same_v<V, Ordinal> ||
                      std::is_same_v<V, Date> || std::is_same_v<V, Instant>) {
          return std::holds_alternative<V>(b) && std::get<V>(b) < x;
        } else {
          return false;
        }
      },
      a);
}

bool is_ordering(Op op) {
  switch (op) {
    case Op::kAtLeast: case Op::kAtMost: case Op::kBetween:
    case Op::kBefore: case Op::kAfter: case Op::kNotAfter: case Op::kNotBefore:
      return true;
    default:
      return false;
  }
}

// An instant compared with a date field: kept as an instant, with the day of
// call.timezone that holds it, so that the day containing it stays undetermined
// (SPEC 3.2 v1.1) instead of being rounded to a date.
void add_instant(CompileScope& s, Condition& c, Instant t) {
  const date::time_zone* zone = s.rules.call.timezone;
  InstantDay day;
  day.day = local_date(t, zone);
  day.at_day_start = day_start(day.day, zone) == t;
  day.text = format_instant_in(t, zone) + " (" + s.rules.call.timezone_name + ")";
  c.instant_days.resize(c.operands.size());
  c.instant_days.push_back(std::move(day));
  c.operands.emplace_back(t);
}

bool single(CompileScope& s, Condition& c, const YamlNode& value) {
  auto text = s.check.text(value);
  if (!text) return false;
  const FieldSpec& f = s.rules.fields[static_cast<std::size_t>(c.field)];
  if (f.type == FieldType::kDate && is_ordering(c.op) && !parse_date(*text, f.formats, nullptr)) {
    // A date compared with a time: `before: 2024-03-27T12:00`.
    if (auto t = parse_timestamp(*text, s.rules.call.timezone, "", nullptr)) {
      add_instant(s, c, *t);
      return true;
    }
  }
  auto scalar = convert_literal(s, c.field, {*text, value.pos, false});
  if (scalar) c.operands.push_back(std::move(*scalar));
  return scalar.has_value();
}

bool between(CompileScope& s, Condition& c, const YamlNode& value) {
  if (!value.is_sequence() || value.items.size() != 2) {
    s.check.error(value.pos, "expected a list of two values [A, B]");
    return false;
  }
  const bool low = single(s, c, value.items[0]);
  const bool high = single(s, c, value.items[1]);
  if (!low || !high) return false;
  if (c.instant_days.empty() && greater(c.operands[0], c.operands[1])) {
    s.check.warning(value.pos, "the bounds of 'between' are reversed, so it never holds");
  }
  return true;
}

// before/after/not_after/not_before: a literal or the call's deadline.
bool moment(CompileScope& s, Condition& c, const YamlNode& value) {
  if (!value.is_scalar() || value.scalar != "call.deadline") return single(s, c, value);
  if (!s.deadline_written) {
    s.check.error(value.pos, "'call.deadline' is used but call has no deadline");
    return false;
  }
  const std::optional<Instant>& deadline = s.rules.call.deadline;
  if (!deadline) return false;  // the deadline itself was reported
  const FieldSpec& f = s.rules.fields[static_cast<std::size_t>(c.field)];
  if (f.type == FieldType::kDate) {
    add_instant(s, c, *deadline);
  } else {
    c.operands.emplace_back(*deadline);
  }
  return true;
}

bool regex(CompileScope& s, Condition& c, const YamlNode& value) {
  auto pattern = s.check.text(value);
  if (!pattern) return false;
  re2::RE2::Options options;
  options.set_log_errors(false);  // the library never prints
  options.set_never_capture(true);
  auto compiled = std::make_shared<const re2::RE2>(*pattern, options);
  if (!compiled->ok()) {
    s.check.error(value.pos,
                  "invalid regular expression " + quoted(*pattern) + ": " + compiled->error());
    return false;
  }
  c.regex = std::move(compiled);
  return true;
}

bool leaf_operands(CompileScope& s, Condition& c, const YamlNode& value) {
  switch (c.op) {
    case Op::kBetween:
      return between(s, c, value);
    case Op::kBefore: case Op::kAfter: case Op::kNotAfter: case Op::kNotBefore:
      return moment(s, c, value);
    case Op::kIn: case Op::kNotIn: {
      auto literals = list_operand(s, value, c.field);
      auto scalars = literals ? convert_literals(s, c.field, *literals) : std::nullopt;
      if (scalars) c.operands = std::move(*scalars);
      return scalars.has_value();
    }
    case Op::kContainsAny: case Op::kContainsAll: case Op::kContainsNone: {
      auto literals = list_operand(s, value, c.field);
      if (literals) c.phrases = compile_phrases(s, *literals);
      return literals.has_value();
    }
    case Op::kMatches:
      return regex(s, c, value);
    case Op::kPresent: {
      auto flag = s.check.boolean(value);
      c.present = flag.value_or(true);
      return flag.has_value();
    }
    default:  // equals, not_equals, at_least, at_most
      return single(s, c, value);
  }
}

// The territories of the states among a country condition's operands that
// are not operands themselves: once, here, not for every record.
void add_territories(Condition& c) {
  const auto listed = [&](std::string_view code) {
    return std::any_of(c.operands.begin(), c.operands.end(), [&](const Scalar& s) {
      const auto* operand = std::get_if<std::string>(&s);
      return operand != nullptr && *operand == code;
    });
  };
  for (const Territory& t : territories())
    if (listed(t.state) && !listed(t.code)) c.territories.emplace_back(t.code, t.state);
  std::stable_sort(c.territories.begin(), c.territories.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
}

// The string operands of a membership test, sorted (see Condition).
void sort_string_operands(Condition& c) {
  if (c.op != Op::kEquals && c.op != Op::kNotEquals && c.op != Op::kIn && c.op != Op::kNotIn) return;
  for (const Scalar& s : c.operands) {
    const auto* text = std::get_if<std::string>(&s);
    if (text == nullptr) {
      c.sorted_strings.clear();
      return;
    }
    c.sorted_strings.push_back(*text);
  }
  std::sort(c.sorted_strings.begin(), c.sorted_strings.end());
  for (const std::string& text : c.sorted_strings) {
    std::uint64_t packed = 0;
    if (!pack_short_string(text, packed)) {
      c.packed_strings.clear();
      break;
    }
    c.packed_strings.push_back(packed);
  }
  std::sort(c.packed_strings.begin(), c.packed_strings.end());
  if (c.packed_strings.empty()) return;
  for (std::size_t i = 0; i < c.territories.size(); ++i) {
    std::uint64_t packed = 0;
    if (!pack_short_string(c.territories[i].first, packed)) {
      c.packed_strings.clear();  // looked up as strings, territories too
      c.packed_territories.clear();
      return;
    }
    c.packed_territories.emplace_back(packed, static_cast<std::uint32_t>(i));
  }
  std::sort(c.packed_territories.begin(), c.packed_territories.end());
}

bool compile_leaf(CompileScope& s, Condition& c, const YamlEntry& op, const ConditionKeys& keys) {
  if (keys.field == nullptr) {
    s.check.error(op.key_pos, "operator " + quoted(op.key) + " needs a 'field'");
    return false;
  }
  c.field = resolve_field(s, keys.field->value);
  if (c.field < 0) return false;
  if (!s.field_ok[static_cast<std::size_t>(c.field)]) return false;  // reported at the field
  const FieldSpec& f = s.rules.fields[static_cast<std::size_t>(c.field)];
  if (!fits(c.op, f.type)) {
    s.check.error(op.key_pos, "operator " + quoted(op.key) + " does not fit field " +
                                  quoted(f.name) + " of type " + std::string(type_name(f.type)));
    return false;
  }
  if (!leaf_operands(s, c, op.value)) return false;
  if (f.type == FieldType::kCountry && (c.op == Op::kEquals || c.op == Op::kNotEquals ||
                                        c.op == Op::kIn || c.op == Op::kNotIn))
    add_territories(c);
  sort_string_operands(c);
  if (!c.instant_days.empty()) c.instant_days.resize(c.operands.size());
  return true;
}

bool compile_combinator(CompileScope& s, Condition& c, const YamlEntry& op,
                        const ConditionKeys& keys) {
  if (keys.field != nullptr) {
    s.check.error(keys.field->key_pos, "'field' does not go with " + quoted(op.key));
    return false;
  }
  if (c.op == Op::kNot) {
    auto child = compile_condition(s, op.value);
    if (child) c.children.push_back(std::move(*child));
    return child.has_value();
  }
  if (!op.value.is_sequence()) {
    s.check.error(op.value.pos, "expected a list of conditions");
    return false;
  }
  if (op.value.items.empty()) {
    s.check.error(op.value.pos, quoted(op.key) + " needs at least one condition");
    return false;
  }
  bool ok = true;
  for (const YamlNode& item : op.value.items) {
    auto child = compile_condition(s, item);
    if (child) c.children.push_back(std::move(*child));
    ok = ok && child.has_value();
  }
  return ok;
}

// An unknown key beside a condition: most likely a misspelt operator, unless
// it is closest to one of the rule's own keys or belongs to another kind of
// rule ("on_missing" in a score rule).
void report_unknown_key(CompileScope& s, const YamlEntry& entry, const vocabulary::Mapping& rule,
                        std::string_view where) {
  if (is_rule_key(entry.key)) {
    s.check.error(entry.key_pos, "unknown key " + quoted(entry.key) + " " + std::string(where));
    return;
  }
  std::vector<vocabulary::Term> candidates;
  for (const vocabulary::Key& key : rule.keys) candidates.push_back({key.name, key.description});
  candidates.push_back({vocabulary::kFieldKey, ""});
  for (const vocabulary::Operator& op : vocabulary::operators()) candidates.push_back(op.term);
  const std::string best =
      s.check.quiet() ? std::string() : std::string(vocabulary::suggestion(entry.key, candidates));
  const std::string hint = best.empty() ? "" : " (did you mean " + quoted(best) + "?)";
  if (!best.empty() && !find_op(best)) {
    s.check.error(entry.key_pos,
                  "unknown key " + quoted(entry.key) + " " + std::string(where) + hint);
  } else {
    s.check.error(entry.key_pos, "unknown operator " + quoted(entry.key) + hint);
  }
}

}  // namespace

ConditionKeys scan_condition_keys(CompileScope& s, const YamlNode& map,
                                  const vocabulary::Mapping& rule, std::string_view where) {
  ConditionKeys keys;
  for (const YamlEntry& entry : map.entries) {
    if (entry.key == vocabulary::kFieldKey) {
      keys.field = &entry;
    } else if (find_op(entry.key)) {
      keys.operators.push_back(&entry);
    } else if (rule.find(entry.key) == nullptr) {
      keys.unknown = true;
      report_unknown_key(s, entry, rule, where);
    }
  }
  return keys;
}

std::optional<Condition> compile_condition(CompileScope& s, const YamlNode& map,
                                           const ConditionKeys& keys, std::string_view where) {
  if (keys.operators.empty()) {
    if (!keys.unknown) {
      s.check.error(map.pos, "missing operator " + std::string(where) +
                                 " (expected one such as 'equals', 'in' or 'all')");
    }
    return std::nullopt;
  }
  if (keys.operators.size() > 1) {
    s.check.error(keys.operators[1]->key_pos,
                  "more than one operator in one condition (" + quoted(keys.operators[0]->key) +
                      ", " + quoted(keys.operators[1]->key) + "): combine them with 'all'");
    return std::nullopt;
  }
  const YamlEntry& op = *keys.operators[0];
  Condition c;
  c.op = *find_op(op.key);
  c.pos = op.key_pos;
  const bool ok = is_combinator(c.op) ? compile_combinator(s, c, op, keys)
                                      : compile_leaf(s, c, op, keys);
  if (!ok || keys.unknown) return std::nullopt;
  return c;
}

std::optional<Condition> compile_condition(CompileScope& s, const YamlNode& node) {
  if (!node.is_map()) {
    s.check.error(node.pos, "expected a condition (a map such as { field: F, equals: V })");
    return std::nullopt;
  }
  const ConditionKeys keys = scan_condition_keys(s, node, vocabulary::condition(), "in condition");
  return compile_condition(s, node, keys, "in condition");
}

}  // namespace shortlist::rules_detail
