// Turning recorded decisions into plain words. The record says what happened
// (outcomes, values, points); the rules, when they are at hand, add what each
// rule asks (its text), which fields it read, the cut-off and `top`.
#include "shortlist/explain.hpp"

#include <simdjson.h>

#include <algorithm>

#include "shortlist/evaluate.hpp"

namespace shortlist {
namespace {

const Profile* find_profile(const Rules* rules, const std::string& id) {
  if (!rules) return nullptr;
  for (const auto& p : rules->profiles)
    if (p.id == id) return &p;
  return nullptr;
}

const RequireRule* find_require(const Profile* profile, const std::string& id) {
  if (!profile) return nullptr;
  for (const auto& r : profile->require)
    if (r.id == id) return &r;
  return nullptr;
}

// The field a require rule reads, when it reads exactly one; "" otherwise.
std::string single_field(const Rules* rules, const RequireRule* rule) {
  if (!rules || !rule) return {};
  // `reads` holds each field once, in the order first read.
  if (rule->reads.size() != 1) return {};
  return rules->fields[static_cast<std::size_t>(rule->reads.front())].name;
}

// "nationality [\"US\"]", "skills null, cv \"...\"" or "the value [\"US\"]".
std::string value_phrase(const CheckExplanation& c, const std::string& field) {
  if (!c.value_json.empty() && c.value_json.front() == '{') {
    simdjson::dom::parser parser;
    simdjson::dom::object fields;
    if (!parser.parse(c.value_json).get_object().get(fields)) {
      std::string out;
      for (auto f : fields) {
        if (!out.empty()) out += ", ";
        out += std::string(f.key) + " " + simdjson::minify(f.value);
      }
      return out;
    }
  }
  return (field.empty() ? std::string("the value") : field) + " " + c.value_json;
}

// "\"Citizen of an EU Member State\" (rule eu-citizen)" or "rule eu-citizen".
std::string rule_phrase(const CheckExplanation& c) {
  if (c.text.empty()) return "rule " + c.rule;
  return "\"" + c.text + "\" (rule " + c.rule + ")";
}

// The fields recorded as null in a value over several fields ("skills and cv").
std::string missing_fields(const std::string& value_json) {
  simdjson::dom::parser parser;
  simdjson::dom::object fields;
  if (parser.parse(value_json).get_object().get(fields)) return {};
  std::vector<std::string> names;
  for (auto f : fields)
    if (f.value.is_null()) names.emplace_back(f.key);
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i)
    out += (i == 0 ? "" : i + 1 == names.size() ? " and " : ", ") + names[i];
  return out;
}

// Why a check was not decided: the value was missing, could not be read, or
// was read but proves nothing either way.
std::string undetermined_phrase(const CheckExplanation& c, const std::string& field) {
  if (c.outcome == "unreadable")
    return value_phrase(c, field) + " could not be read (" + c.reason + ")";
  if (c.outcome == "undetermined")
    return value_phrase(c, field) + " does not show it either way (" + c.reason + ")";
  std::string names = c.value_json.starts_with('{') ? missing_fields(c.value_json) : "";
  if (!names.empty())
    return names + (names.find(" and ") == std::string::npos ? " was" : " were") + " missing";
  return (field.empty() ? std::string("the value") : field) + " was missing";
}

std::string join(const std::vector<std::string>& parts, const std::string& sep) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : sep) + p;
  return out;
}

struct Context {
  const Rules* rules;
  const Profile* profile;
};

std::string ineligible_sentence(const DecisionExplanation& d, const Context& ctx) {
  std::vector<std::string> parts;
  for (const auto& c : d.checks) {
    std::string field = single_field(ctx.rules, find_require(ctx.profile, c.rule));
    if (c.outcome == "fail") parts.push_back(value_phrase(c, field) + " did not pass " + rule_phrase(c));
  }
  if (parts.empty()) {
    // No rule failed outright: a missing value under `on_missing: fail`, or
    // an unreadable one under `on_unreadable: fail`.
    for (const auto& c : d.checks) {
      if (c.outcome != "missing" && c.outcome != "unreadable") continue;
      const RequireRule* rule = find_require(ctx.profile, c.rule);
      const OnMissing policy = !rule                        ? OnMissing::kFail
                               : c.outcome == "missing"     ? rule->on_missing
                                                            : rule->on_unreadable;
      if (policy != OnMissing::kFail) continue;
      std::string why = undetermined_phrase(c, single_field(ctx.rules, rule));
      parts.push_back(rule ? why + ", which counts as failing " + rule_phrase(c)
                           : why + " for " + rule_phrase(c));
    }
  }
  if (parts.empty()) return "Not eligible.";
  return "Not eligible: " + join(parts, "; ") + ".";
}

// The require rules a review reason names. The reason's parts are joined with
// "; ": "undetermined: a, b" for require rules comes first, then parts for
// score rules, which quote applicant data. So only the first part is read;
// everything else comes from the checks and points themselves, never from
// text an applicant could have written.
std::string listed_rules(const std::string& reason) {
  static constexpr std::string_view kUndetermined = "undetermined: ";
  if (!reason.starts_with(kUndetermined)) return {};
  const std::size_t end = reason.find("; ");
  return ", " + reason.substr(kUndetermined.size(), end == std::string::npos
                                                        ? std::string::npos
                                                        : end - kUndetermined.size()) +
         ", ";
}

std::string review_sentence(const DecisionExplanation& d, const std::string& reason,
                            const Context& ctx) {
  if (reason == "duplicate-id")
    return "For review: another record has the same id (duplicate-id), so a person decides.";
  if (reason == "missing-id")
    return "For review: the record has no id (missing-id), so it cannot be tied to a person.";
  const std::string listed = listed_rules(reason);
  std::vector<std::string> parts;
  for (const auto& c : d.checks) {
    if (c.outcome != "missing" && c.outcome != "unreadable" && c.outcome != "undetermined")
      continue;
    const RequireRule* rule = find_require(ctx.profile, c.rule);
    if (!listed.empty() ? listed.find(", " + c.rule + ", ") == std::string::npos
                        : rule && c.outcome != "undetermined" &&
                              (c.outcome == "missing" ? rule->on_missing
                                                      : rule->on_unreadable) != OnMissing::kReview)
      continue;
    parts.push_back(rule_phrase(c) + " could not be decided: " +
                    undetermined_phrase(c, single_field(ctx.rules, rule)));
  }
  for (const auto& p : d.points) {
    if (p.points) continue;  // counted
    std::string why = p.outcome == "missing" ? "its value was missing"
                      : p.outcome == "unreadable"
                          ? "its value " + p.written_json + " could not be read (" + p.reason + ")"
                          : p.written_json + " does not show it either way (" + p.reason + ")";
    parts.push_back("score rule " + p.rule + " could not be counted: " + why);
  }
  // Every score rule counted, yet no score: the sum left the exact range.
  const bool all_counted = std::all_of(d.points.begin(), d.points.end(),
                                       [](const PointsExplanation& p) { return p.points; });
  if (!d.score && !d.points.empty() && all_counted)
    parts.push_back("the score is beyond the exact range scores are kept in");
  if (parts.empty()) return "For review" + (reason.empty() ? std::string() : ": " + reason) + ".";
  return "For review: " + join(parts, "; ") + ".";
}

std::string cutoff_note(const DecisionExplanation& d) {
  return d.cutoff ? " (cut-off " + *d.cutoff + ")" : std::string();
}

std::string ranked_sentence(const DecisionExplanation& d, bool shortlisted) {
  std::string out = shortlisted ? "Shortlisted: rank " : "In reserve: rank ";
  out += d.rank ? std::to_string(*d.rank) : std::string("unknown");
  if (d.shortlisted)
    out += (shortlisted ? " of " : ", after the ") + std::to_string(*d.shortlisted) + " shortlisted";
  return out + ", score " + d.score.value_or("unknown") + cutoff_note(d) + ".";
}

std::string summary_sentence(const DecisionExplanation& d, const std::string& reason,
                             const Context& ctx) {
  const std::string& s = d.status;
  if (s == "shortlisted") return ranked_sentence(d, true);
  if (s == "reserve") return ranked_sentence(d, false);
  if (s == "below-cutoff")
    return "Below the cut-off: score " + d.score.value_or("unknown") + " is under " +
           d.cutoff.value_or("the profile's min_score") + ".";
  if (s == "ineligible") return ineligible_sentence(d, ctx);
  if (s == "review") return review_sentence(d, reason, ctx);
  if (s == "duplicate") return "Not screened: duplicate of another record with the same id.";
  if (s == "no-profile") return "Matched no profile.";
  return "Status " + s + ".";
}

DecisionExplanation explain_one(const RecordedDecision& r, const RecordedApplicant& a,
                                const Rules* rules) {
  DecisionExplanation d;
  Context ctx{rules, find_profile(rules, r.profile)};
  d.source = r.source;
  d.profile = r.profile;
  d.status = r.status;
  for (const auto& c : r.checks) {
    const RequireRule* rule = find_require(ctx.profile, c.rule);
    d.checks.push_back(
        {c.rule, rule ? rule->text : "", c.outcome, c.value_json, c.written_json, c.reason});
  }
  for (const auto& p : r.points)
    d.points.push_back({p.rule, p.points, p.outcome, p.value_json, p.written_json, p.reason});
  d.score = r.score;
  d.rank = r.rank;
  if (ctx.profile && ctx.profile->shortlist.min_score)
    d.cutoff = ctx.profile->shortlist.min_score->to_string();
  if (ctx.profile) d.top = ctx.profile->shortlist.top;
  if (auto it = a.shortlisted.find(r.profile); it != a.shortlisted.end()) d.shortlisted = it->second;
  d.summary = summary_sentence(d, r.reason, ctx);
  return d;
}

}  // namespace

Explanation explain(const std::string& id, const RecordedApplicant& applicant, const Rules* rules) {
  Explanation e;
  e.id = id;
  e.rules_known = rules != nullptr;
  for (const auto& r : applicant.decisions) e.decisions.push_back(explain_one(r, applicant, rules));
  return e;
}

}  // namespace shortlist
