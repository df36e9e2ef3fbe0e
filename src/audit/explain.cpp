// Turning recorded decisions into plain words. The record says what happened
// (outcomes, values as read and as written, points); the rules, when they are
// at hand, add what each rule asks (its text, its bound), the fields' types
// (to word a value: a country by name, a time in the call's zone) and the
// profile's title, cut-off and `top`; the record read again adds what counted
// in each score rule and the check that the rules still give this decision.
#include "shortlist/explain.hpp"

#include <simdjson.h>

#include <algorithm>

#include "audit/explain_evidence.hpp"
#include "audit/explain_sentences.hpp"
#include "audit/plain_words.hpp"

namespace shortlist {
namespace {

const Profile* find_profile(const Rules* rules, const std::string& id) {
  if (!rules) return nullptr;
  for (const auto& p : rules->profiles)
    if (p.id == id) return &p;
  return nullptr;
}

template <class Rule>
const Rule* find_rule(const std::vector<Rule>& rules, const std::string& id) {
  for (const auto& r : rules)
    if (r.id == id) return &r;
  return nullptr;
}

const FieldSpec* find_field(const Rules* rules, std::string_view name) {
  if (!rules) return nullptr;
  for (const auto& f : rules->fields)
    if (f.name == name) return &f;
  return nullptr;
}

// A recorded "written" value: a string's text; nullopt for null or absent.
std::optional<std::string> written_text(const std::optional<simdjson::dom::element>& written) {
  if (!written || written->is_null()) return std::nullopt;
  const simdjson::dom::element e = *written;
  std::string_view s;
  if (!e.get_string().get(s)) return std::string(s);
  return simdjson::minify(e);
}

// The words of one field's value: as written, and as read when reading it
// changed more than case and spacing (a code, a time zone, a scale entry).
ValueWords value_words(const std::string& name, simdjson::dom::element read,
                       const std::optional<simdjson::dom::element>& written, const Rules* rules) {
  ValueWords w;
  w.field = name;
  w.written = written_text(written);
  w.no_value = read.is_null();
  const FieldSpec* field = find_field(rules, name);
  if (!field) {
    // Without the rules the type is unknown: strings as they are, lists joined.
    simdjson::dom::array items;
    if (!read.get_array().get(items)) {
      for (auto item : items) {
        std::string_view s;
        w.read += (w.read.empty() ? "" : ", ") +
                  (item.get_string().get(s) ? simdjson::minify(item) : std::string(s));
      }
    } else if (!read.is_null()) {
      std::string_view s;
      w.read = read.get_string().get(s) ? simdjson::minify(read) : std::string(s);
    }
  } else if (field->type != FieldType::kText && field->type != FieldType::kString) {
    w.read = plain::recorded_value(*field, read, rules->call);
  }
  if (w.written && (w.read == *w.written || w.read == "\"" + *w.written + "\"")) w.read.clear();
  return w;
}

// Every field a check or a doubtful score rule read: one, or an object of them.
std::vector<ValueWords> values_of(const std::string& value_json, const std::string& written_json,
                                  const std::string& single_field, const Rules* rules) {
  std::vector<ValueWords> out;
  if (value_json.empty()) return out;
  simdjson::dom::parser p1, p2;
  simdjson::dom::element value, written;
  if (p1.parse(value_json).get(value)) return out;
  if (p2.parse(written_json.empty() ? std::string("null") : written_json).get(written))
    return out;
  simdjson::dom::object fields;
  if (single_field.empty() && !value.get_object().get(fields)) {
    simdjson::dom::object written_fields;
    const bool have_written = !written.get_object().get(written_fields);
    for (auto f : fields) {
      std::optional<simdjson::dom::element> w;
      simdjson::dom::element e;
      if (have_written && !written_fields[f.key].get(e)) w = e;
      out.push_back(value_words(std::string(f.key), f.value, w, rules));
    }
    return out;
  }
  out.push_back(value_words(single_field.empty() ? "the value" : single_field, value,
                            std::optional(written), rules));
  return out;
}

std::string field_name(const Rules* rules, int field) {
  if (!rules || field < 0) return {};
  return rules->fields[static_cast<std::size_t>(field)].name;
}

// The bound of a rule whose condition is one comparison ("at least 1").
std::string required_words(const RequireRule* rule, const Rules* rules) {
  if (!rule || !rules) return {};
  return plain::requirement(rule->condition, *rules);
}

const Rescreened* record_again(const std::vector<Rescreened>& again, const std::string& source) {
  for (const auto& r : again)
    if (r.source == source && r.found) return &r;
  return nullptr;
}

DecisionExplanation explain_one(const RecordedDecision& r, const RecordedApplicant& a,
                                const Rules* rules, const std::vector<Rescreened>& again) {
  DecisionExplanation d;
  const Profile* profile = find_profile(rules, r.profile);
  const Rescreened* record = record_again(again, r.source);
  d.source = r.source;
  d.profile = r.profile;
  if (profile) d.title = profile->title;
  d.status = r.status;
  for (const auto& c : r.checks) {
    const RequireRule* rule = profile ? find_rule(profile->require, c.rule) : nullptr;
    CheckExplanation e{c.rule, rule ? rule->text : "", c.outcome, c.value_json, c.written_json,
                       c.reason, {}, {}, {}};
    const std::string single =
        rule && rule->reads.size() == 1 ? field_name(rules, rule->reads.front()) : "";
    e.values = values_of(c.value_json, c.written_json, single, rules);
    e.required = required_words(rule, rules);
    if (rule && record) e.found = phrases_found(rule->condition, record->values);
    d.checks.push_back(std::move(e));
  }
  for (const auto& p : r.points) {
    const ScoreRule* rule = profile ? find_rule(profile->score, p.rule) : nullptr;
    PointsExplanation e;
    e.rule = p.rule;
    e.text = rule ? rule->text : "";
    e.points = p.points;
    e.outcome = p.outcome;
    e.value_json = p.value_json;
    e.written_json = p.written_json;
    e.reason = p.reason;
    if (rule) e.field = field_name(rules, rule->reads.size() == 1 ? rule->reads.front() : -1);
    if (rule && record && p.points) add_score_evidence(e, *rule, record->values);
    d.points.push_back(std::move(e));
  }
  d.score = r.score;
  d.rank = r.rank;
  if (profile && profile->shortlist.min_score) d.cutoff = profile->shortlist.min_score->to_string();
  if (profile) d.top = profile->shortlist.top;
  if (auto it = a.shortlisted.find(r.profile); it != a.shortlisted.end()) d.shortlisted = it->second;
  for (const auto& g : again) {
    if (g.source != r.source) continue;
    if (!g.found) {
      d.recheck_note = g.note;
      break;
    }
    const std::string prefix = (r.profile.empty() ? std::string("no profile") : r.profile) + ": ";
    std::vector<RecordedDecision> one{r};
    for (auto& line : rescreen_differences(*rules, g, one))
      if (line.starts_with(prefix)) d.differences.push_back(line.substr(prefix.size()));
    d.recheck = d.differences.empty() ? "agrees" : "differs";
    break;
  }
  d.summary = summary_sentence(d, r.reason, rules, record ? &record->values : nullptr);
  return d;
}

}  // namespace

Explanation explain(const std::string& id, const RecordedApplicant& applicant, const Rules* rules,
                    const std::vector<Rescreened>& again) {
  Explanation e;
  e.id = id;
  e.rules_known = rules != nullptr;
  if (rules) {
    e.timezone = rules->call.timezone_name;
    if (rules->call.deadline) e.deadline = plain::instant(*rules->call.deadline, rules->call);
  }
  for (const auto& r : applicant.decisions)
    e.decisions.push_back(explain_one(r, applicant, rules, again));
  return e;
}

}  // namespace shortlist
