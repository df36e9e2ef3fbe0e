// Checking `profiles` (SPEC 3, 3.4, 4.2): each profile's `when`, its knock-out
// `require` rules, its `score` rules and how its shortlist is cut and ordered.
#include <algorithm>
#include <array>
#include <tuple>
#include <unordered_map>

#include "rules/compile.hpp"
#include "shortlist/evaluate.hpp"

namespace shortlist::rules_detail {
namespace {

// The policies, in the order of their choices in the vocabulary.
constexpr std::array<OnMissing, 3> kOnMissing = {OnMissing::kReview, OnMissing::kPass,
                                                 OnMissing::kFail};
constexpr std::array<OnScoreDoubt, 2> kOnScoreDoubt = {OnScoreDoubt::kZero,
                                                       OnScoreDoubt::kReview};

// The choices of `key` in `rule` (on_missing, on_unreadable).
std::span<const vocabulary::Term> choices(const vocabulary::Mapping& rule, std::string_view key) {
  return rule.find(key)->choices;
}

std::string at(SourcePos pos) {
  return std::to_string(pos.line) + ":" + std::to_string(pos.column);
}

// Ids seen so far in one namespace (profiles, or the rules of one profile).
class IdSet {
 public:
  explicit IdSet(std::string kind) : kind_(std::move(kind)) {}

  // The id of `map` (key `id`), checked for presence and uniqueness.
  std::optional<std::string> read(CompileScope& s, const YamlNode& map, std::string_view where) {
    const YamlEntry* entry = s.check.required(map, "id", where);
    if (entry == nullptr) return std::nullopt;
    auto id = s.check.name(entry->value, kind_ + " id");
    if (!id) return std::nullopt;
    if (auto [first, fresh] = seen_.emplace(*id, entry->value.pos); !fresh) {
      s.check.error(entry->value.pos, "duplicate " + kind_ + " id " + quoted(*id) +
                                          " (first at " + at(first->second) + ")");
    }
    return id;
  }

 private:
  std::string kind_;
  std::unordered_map<std::string, SourcePos> seen_;
};

std::string rule_where(std::string_view kind, const std::optional<std::string>& id) {
  return "in " + std::string(kind) + (id ? " " + quoted(*id) : "");
}

// A knock-out that fails on a value it could not see rejects applicants no
// person has looked at: a blank cell or a typo is not evidence against them.
void warn_of_fail_policies(CompileScope& s, const RequireRule& r) {
  if (r.on_missing == OnMissing::kFail) {
    s.check.warning(r.on_missing_pos,
                    "rule " + quoted(r.id) +
                        ": 'on_missing: fail' rejects applicants whose value is missing, "
                        "unseen by a person ('review', the default, sends them to one)");
  }
  if (r.on_unreadable == OnMissing::kFail) {
    s.check.warning(r.on_unreadable_pos,
                    "rule " + quoted(r.id) +
                        ": 'on_unreadable: fail' rejects applicants whose value cannot be read "
                        "(a typo, another format), unseen by a person ('review', the default, "
                        "sends them to one)");
  }
}

std::optional<RequireRule> compile_require(CompileScope& s, const YamlNode& node, IdSet& ids) {
  if (!s.check.expect_map(node)) return std::nullopt;
  const std::int64_t errors_before = s.check.error_count();
  RequireRule r;
  r.pos = node.pos;
  const auto id = ids.read(s, node, "in rule");
  r.id = id.value_or("");
  const std::string where = rule_where("rule", id);
  if (const YamlEntry* text = node.find("text")) r.text = s.check.text(text->value).value_or("");
  for (auto [key, policy, pos] : {std::tuple{"on_missing", &r.on_missing, &r.on_missing_pos},
                                   std::tuple{"on_unreadable", &r.on_unreadable,
                                              &r.on_unreadable_pos}}) {
    if (const YamlEntry* entry = node.find(key)) {
      auto index = s.check.choice(entry->value, key, choices(vocabulary::require_rule(), key));
      if (index) *policy = kOnMissing[*index];
      *pos = entry->value.pos;
    }
  }
  const ConditionKeys keys = scan_condition_keys(s, node, vocabulary::require_rule(), where);
  auto condition = compile_condition(s, node, keys, where);
  if (!condition || s.check.error_count() != errors_before) return std::nullopt;
  r.condition = std::move(*condition);
  warn_of_fail_policies(s, r);
  return r;
}

// A condition plus `points`.
bool compile_points(CompileScope& s, const YamlNode& node, const ConditionKeys& keys,
                    const std::string& where, ScoreRule& r) {
  for (std::string_view key : {"each", "count_in", "count_phrases"}) {
    if (const YamlEntry* entry = node.find(key)) {
      s.check.error(entry->key_pos, quoted(key) + " does not go with a condition (use 'points')");
    }
  }
  r.kind = ScoreRule::Kind::kPoints;
  if (const YamlEntry* points = s.check.required(node, "points", where)) {
    r.points = s.check.decimal(points->value).value_or(Decimal());
  }
  auto condition = compile_condition(s, node, keys, where);
  if (condition) r.condition = std::move(*condition);
  return condition.has_value();
}

// count_phrases on a text field.
bool compile_count_phrases(CompileScope& s, const YamlNode& node, const FieldSpec& f,
                           ScoreRule& r) {
  const YamlEntry& phrases = *node.find("count_phrases");
  if (const YamlEntry* count_in = node.find("count_in")) {
    s.check.error(count_in->key_pos, "'count_in' does not go with 'count_phrases'");
  }
  if (f.type != FieldType::kText) {
    s.check.error(phrases.key_pos, "'count_phrases' does not fit field " + quoted(f.name) +
                                       " of type " + std::string(type_name(f.type)));
    return false;
  }
  r.kind = ScoreRule::Kind::kCountPhrases;
  auto literals = list_operand(s, phrases.value, r.field);
  if (literals) r.phrases = compile_phrases(s, *literals);
  return literals.has_value();
}

// `each` on a number field or a list field (counting items, maybe only some).
bool compile_each_kind(CompileScope& s, const YamlNode& node, const YamlEntry& each,
                       const FieldSpec& f, ScoreRule& r) {
  const YamlEntry* count_in = node.find("count_in");
  if (f.is_list()) {
    r.kind = ScoreRule::Kind::kEachItem;
    if (count_in == nullptr) return true;
    auto literals = list_operand(s, count_in->value, r.field);
    auto scalars = literals ? convert_literals(s, r.field, *literals) : std::nullopt;
    if (!scalars) return false;
    for (const Scalar& entry : *scalars) r.count_in_keys.insert(distinct_key(entry));
    r.count_in = std::move(*scalars);
    return true;
  }
  if (f.type == FieldType::kNumber) {
    r.kind = ScoreRule::Kind::kEachNumber;
    if (count_in == nullptr) return true;
    s.check.error(count_in->key_pos, "'count_in' needs a list field; field " + quoted(f.name) +
                                         " has no 'list' separator");
    return false;
  }
  s.check.error(each.key_pos, "'each' does not fit field " + quoted(f.name) + " of type " +
                                  std::string(type_name(f.type)) +
                                  ": it needs a number field, a list field or 'count_phrases'");
  return false;
}

// `each: P` on a field, without a condition.
bool compile_each(CompileScope& s, const YamlNode& node, const std::string& where,
                  ScoreRule& r) {
  const YamlEntry* each = node.find("each");
  if (const YamlEntry* points = node.find("points")) {
    s.check.error(points->key_pos, "'points' needs a condition such as 'equals'");
    return false;
  }
  if (each == nullptr) {
    s.check.error(node.pos, "missing 'each', or a condition with 'points', " + where);
    return false;
  }
  auto each_value = s.check.decimal(each->value);
  r.each = each_value.value_or(Decimal());
  const YamlEntry* field = s.check.required(node, "field", where);
  if (field == nullptr) return false;
  r.field = resolve_field(s, field->value);
  if (r.field < 0 || !s.field_ok[static_cast<std::size_t>(r.field)]) return false;
  const FieldSpec& f = s.rules.fields[static_cast<std::size_t>(r.field)];
  const bool ok = node.find("count_phrases") != nullptr ? compile_count_phrases(s, node, f, r)
                                                        : compile_each_kind(s, node, *each, f, r);
  return ok && each_value.has_value();
}

std::optional<ScoreRule> compile_score(CompileScope& s, const YamlNode& node, IdSet& ids) {
  if (!s.check.expect_map(node)) return std::nullopt;
  const std::int64_t errors_before = s.check.error_count();
  ScoreRule r;
  r.pos = node.pos;
  const auto id = ids.read(s, node, "in score rule");
  r.id = id.value_or("");
  const std::string where = rule_where("score rule", id);
  if (const YamlEntry* text = node.find("text")) r.text = s.check.text(text->value).value_or("");
  for (auto [key, policy] : {std::pair{"on_missing", &r.on_missing},
                             std::pair{"on_unreadable", &r.on_unreadable}}) {
    if (const YamlEntry* entry = node.find(key)) {
      auto index = s.check.choice(entry->value, key, choices(vocabulary::score_rule(), key));
      if (index) *policy = kOnScoreDoubt[*index];
    }
  }
  if (const YamlEntry* max = node.find("max")) r.max = s.check.decimal(max->value);
  const ConditionKeys keys = scan_condition_keys(s, node, vocabulary::score_rule(), where);
  if (!keys.operators.empty()) {
    compile_points(s, node, keys, where, r);
  } else if (!keys.unknown) {
    compile_each(s, node, where, r);
  }
  if (s.check.error_count() != errors_before) return std::nullopt;
  return r;
}

std::optional<OrderKey> compile_order_key(CompileScope& s, const YamlNode& node) {
  auto text = s.check.text(node);
  if (!text) return std::nullopt;
  std::vector<std::string> words;
  for (std::size_t i = 0; i < text->size();) {
    const std::size_t start = text->find_first_not_of(" \t", i);
    if (start == std::string::npos) break;
    const std::size_t end = std::min(text->find_first_of(" \t", start), text->size());
    words.push_back(text->substr(start, end - start));
    i = end;
  }
  if (words.size() != 2) {
    s.check.error(node.pos, "expected 'score' or a field name then asc or desc: " + quoted(*text));
    return std::nullopt;
  }
  OrderKey key;
  if (words[0] != "score") {
    key.source = OrderKey::Source::kField;
    key.field = s.field_index(words[0]);
    if (key.field < 0) {
      const auto names = [&] {
        std::vector<std::string> out{"score"};
        for (const FieldSpec& f : s.rules.fields) out.push_back(f.name);
        return out;
      };
      s.check.error(node.pos, "unknown field " + quoted(words[0]) + s.check.hint(words[0], names));
      return std::nullopt;
    }
    if (s.rules.fields[static_cast<std::size_t>(key.field)].is_list()) {
      s.check.error(node.pos, "cannot order by " + quoted(words[0]) + ": it is a list field");
      return std::nullopt;
    }
  }
  YamlNode direction{YamlNode::Kind::kScalar, node.pos, words[1], {}, {}};
  auto index = s.check.choice(direction, "order", vocabulary::directions());
  if (!index) return std::nullopt;
  key.descending = *index == 1;
  return key;
}

// [score desc, submitted asc, id asc], without `submitted` when there is none.
std::vector<OrderKey> default_order(const Rules& rules) {
  std::vector<OrderKey> order;
  order.push_back({OrderKey::Source::kScore, -1, true});
  if (rules.submitted_field >= 0) {
    order.push_back({OrderKey::Source::kField, rules.submitted_field, false});
  }
  order.push_back({OrderKey::Source::kField, rules.id_field, false});
  return order;
}

void compile_order(CompileScope& s, const YamlEntry& entry, ShortlistSpec& out) {
  if (!s.check.expect_list(entry.value)) return;
  if (entry.value.items.empty()) {
    s.check.error(entry.value.pos, "expected at least one order key");
    return;
  }
  for (const YamlNode& item : entry.value.items) {
    if (auto key = compile_order_key(s, item)) out.order.push_back(*key);
  }
}

void compile_shortlist(CompileScope& s, const YamlNode& profile, const std::string& where,
                       ShortlistSpec& out) {
  const YamlEntry* entry = profile.find("shortlist");
  if (entry != nullptr && s.check.expect_map(entry->value)) {
    const YamlNode& map = entry->value;
    s.check.check_keys(map, vocabulary::shortlist(), "in shortlist of " + where.substr(3));
    if (const YamlEntry* min = map.find("min_score")) out.min_score = s.check.decimal(min->value);
    if (const YamlEntry* top = map.find("top")) out.top = s.check.count(top->value);
    if (const YamlEntry* ties = map.find("include_ties")) {
      out.include_ties = s.check.boolean(ties->value).value_or(false);
    }
    if (const YamlEntry* order = map.find("order")) compile_order(s, *order, out);
  }
  if (out.order.empty()) out.order = default_order(s.rules);
}

// A list of rules under `key`, each compiled by `compile_one`.
template <typename Rule, typename Compile>
void compile_rule_list(CompileScope& s, const YamlNode& profile, std::string_view key,
                       std::vector<Rule>& out, Compile compile_one) {
  const YamlEntry* entry = profile.find(key);
  if (entry == nullptr || !s.check.expect_list(entry->value)) return;
  for (const YamlNode& item : entry->value.items) {
    if (auto rule = compile_one(item)) out.push_back(std::move(*rule));
  }
}

void compile_profile(CompileScope& s, const YamlNode& node, IdSet& profile_ids) {
  if (!s.check.expect_map(node)) return;
  Profile& p = s.rules.profiles.emplace_back();
  p.pos = node.pos;
  const auto id = profile_ids.read(s, node, "in profile");
  p.id = id.value_or("");
  const std::string where = rule_where("profile", id);
  s.check.check_keys(node, vocabulary::profile(), where);
  if (const YamlEntry* title = node.find("title")) {
    p.title = s.check.text(title->value).value_or("");
  }
  if (const YamlEntry* when = node.find("when")) p.when = compile_condition(s, when->value);
  // Require and score rules share one namespace: the decision record names them.
  IdSet rule_ids("rule");
  compile_rule_list(s, node, "require", p.require,
                    [&](const YamlNode& item) { return compile_require(s, item, rule_ids); });
  compile_rule_list(s, node, "score", p.score,
                    [&](const YamlNode& item) { return compile_score(s, item, rule_ids); });
  compile_shortlist(s, node, where, p.shortlist);
}

}  // namespace

void compile_profiles(CompileScope& s, const YamlEntry& profiles) {
  if (!s.check.expect_list(profiles.value)) return;
  if (profiles.value.items.empty()) {
    s.check.error(profiles.value.pos, "expected at least one profile");
    return;
  }
  IdSet ids("profile");
  for (const YamlNode& item : profiles.value.items) compile_profile(s, item, ids);
}

}  // namespace shortlist::rules_detail
