// The opening sentence of an explained decision (see explain_sentences.hpp).
// Causes come from the checks and points themselves, never from the text of
// a recorded reason, which can quote an applicant's own words.
#include "audit/explain_sentences.hpp"

#include <algorithm>

#include "audit/plain_words.hpp"
#include "shortlist/evaluate.hpp"

namespace shortlist {
namespace {

std::string join(const std::vector<std::string>& parts, const std::string& sep,
                 const std::string& last) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i)
    out += (i == 0 ? "" : i + 1 == parts.size() ? last : sep) + parts[i];
  return out;
}

// A long CV summary is cut for the sentence; the whole is in the details.
std::string shortened(const std::string& s) {
  constexpr std::size_t kMax = 80;
  if (s.size() <= kMax) return s;
  std::size_t cut = kMax;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return s.substr(0, cut) + "…";
}

std::string rule_words(const std::string& text, const std::string& id) {
  return text.empty() ? "rule " + id : "\"" + text + "\" (rule " + id + ")";
}

// "\"Technology specialist (FG IV)\"", or the profile's id without rules.
std::string for_profile(const DecisionExplanation& d) {
  return "\"" + (d.title.empty() ? d.profile : d.title) + "\"";
}

// Why a check failed: each value, then the bound it did not meet.
std::string failed_clause(const CheckExplanation& c) {
  std::vector<std::string> values;
  for (const auto& w : c.values) values.push_back(value_clause(w));
  std::string out = rule_words(c.text, c.rule) + " is not met";
  if (!values.empty()) out += ": " + join(values, "; ", "; and ");
  if (!c.required.empty()) out += ", and it must be " + c.required;
  return out;
}

// Why a value decided nothing: not given, not readable, or not proving it.
std::string doubt_clause(const std::string& outcome, const std::vector<ValueWords>& values,
                         const std::string& reason) {
  if (outcome == "missing" || (outcome != "unreadable" && outcome != "undetermined")) {
    // Blank, or written as one of the field's `missing:` markers ("N/A",
    // "See attached CV"), which the rules count as no value.
    std::vector<std::string> missing, markers;
    for (const auto& w : values) {
      if (!w.written)
        missing.push_back(w.field);
      else if (w.no_value)
        markers.push_back(w.field + " was written \"" + shortened(*w.written) + "\"");
    }
    std::string out;
    if (!missing.empty())
      out = join(missing, ", ", " and ") + (missing.size() == 1 ? " was" : " were") + " not given";
    if (!markers.empty())
      out += (out.empty() ? "" : "; ") + join(markers, "; ", "; and ") +
             ", which the rules count as no value";
    return out.empty() ? "a value was not given" : out;
  }
  std::vector<std::string> given;
  for (const auto& w : values)
    if (w.written) given.push_back(value_clause(w));
  const std::string what = given.empty() ? std::string("the value") : join(given, "; ", "; and ");
  if (outcome == "unreadable") return what + ", which could not be read (" + reason + ")";
  return what + ", which does not show it either way (" + reason + ")";
}

// The require rules the review reason names, "undetermined: a, b; ...": only
// the first part, which lists rule ids, is read.
std::vector<std::string> listed_rules(const std::string& reason) {
  static constexpr std::string_view kUndetermined = "undetermined: ";
  std::vector<std::string> out;
  if (!reason.starts_with(kUndetermined)) return out;
  std::string list = reason.substr(kUndetermined.size(), reason.find("; ") - kUndetermined.size());
  std::size_t at = 0;
  while (at <= list.size()) {
    const std::size_t comma = std::min(list.find(", ", at), list.size());
    out.push_back(list.substr(at, comma - at));
    at = comma + 2;
  }
  return out;
}

std::string ineligible_sentence(const DecisionExplanation& d, const Rules* rules) {
  std::vector<std::string> parts;
  for (const auto& c : d.checks)
    if (c.outcome == "fail") parts.push_back(failed_clause(c));
  if (parts.empty()) {
    // No rule failed outright: a doubtful value under `on_missing: fail` or
    // `on_unreadable: fail`, which counts as failing.
    for (const auto& c : d.checks) {
      if (c.outcome != "missing" && c.outcome != "unreadable") continue;
      const Profile* profile = nullptr;
      if (rules)
        for (const auto& p : rules->profiles)
          if (p.id == d.profile) profile = &p;
      const RequireRule* rule = nullptr;
      if (profile)
        for (const auto& r : profile->require)
          if (r.id == c.rule) rule = &r;
      const OnMissing policy = !rule ? OnMissing::kFail
                               : c.outcome == "missing" ? rule->on_missing
                                                        : rule->on_unreadable;
      if (policy != OnMissing::kFail) continue;
      parts.push_back(rule_words(c.text, c.rule) + " counts as not met, since " +
                      doubt_clause(c.outcome, c.values, c.reason));
    }
  }
  std::string out = "Not eligible for " + for_profile(d);
  if (!parts.empty()) out += ": " + join(parts, "; ", "; and also ");
  return out + ". If a value was read wrongly, ask for a review: a person can correct it.";
}

std::string review_sentence(const DecisionExplanation& d, const std::string& reason) {
  const std::string head = "For review by a person, for " + for_profile(d) + ": ";
  if (reason == "duplicate-id")
    return head + "another application has the same id, so a person decides which one counts. "
                  "Nothing is decided until a person checks this.";
  if (reason == "missing-id")
    return head + "the application has no id, so it cannot be tied to a person. Nothing is "
                  "decided until a person checks this and identifies the applicant.";
  const std::vector<std::string> listed = listed_rules(reason);
  std::vector<std::string> parts;
  for (const auto& c : d.checks) {
    if (c.outcome != "missing" && c.outcome != "unreadable" && c.outcome != "undetermined")
      continue;
    if (!listed.empty() && std::find(listed.begin(), listed.end(), c.rule) == listed.end())
      continue;
    parts.push_back(rule_words(c.text, c.rule) + " could not be decided: " +
                    doubt_clause(c.outcome, c.values, c.reason));
  }
  for (const auto& p : d.points) {
    if (p.points) continue;  // counted
    ValueWords w;
    w.field = p.field.empty() ? "its value" : p.field;
    if (!p.written_json.empty() && p.written_json != "null") {
      w.written = p.written_json;
      if (w.written->size() >= 2 && w.written->front() == '"')
        w.written = w.written->substr(1, w.written->size() - 2);
    }
    parts.push_back("the points for " + rule_words(p.text, p.rule) + " could not be counted: " +
                    doubt_clause(p.outcome, {w}, p.reason));
  }
  const bool all_counted = std::all_of(d.points.begin(), d.points.end(),
                                       [](const PointsExplanation& p) { return p.points; });
  if (!d.score && !d.points.empty() && all_counted)
    parts.push_back("the score is beyond the exact range scores are kept in");
  if (parts.empty()) return head + (reason.empty() ? "no cause was recorded." : reason + ".");
  return head + join(parts, "; ", "; and ") +
         ". Nothing is decided until a person checks this; a corrected value can be screened "
         "again.";
}

std::string cutoff_words(const DecisionExplanation& d) {
  return d.cutoff ? " (the cut-off is " + *d.cutoff + ")" : std::string();
}

std::string ranked_sentence(const DecisionExplanation& d, bool shortlisted) {
  const std::string rank = d.rank ? std::to_string(*d.rank) : std::string("unknown");
  std::string out = shortlisted ? "Shortlisted for " + for_profile(d) + ": rank " + rank
                                : "On the reserve list for " + for_profile(d) + ": rank " + rank;
  if (d.shortlisted)
    out += (shortlisted ? " of the " : ", after the ") + std::to_string(*d.shortlisted) +
           " shortlisted";
  out += ", with a score of " + d.score.value_or("unknown") + cutoff_words(d) + ".";
  if (!shortlisted)
    out += " A reserve applicant is not invited now, and can be if a shortlisted one drops out.";
  return out;
}

std::string no_profile_sentence(const Rules* rules, const std::vector<TypedValue>* values) {
  std::string out = "Matched no profile: the application does not say which of the call's "
                    "profiles it is for";
  if (rules && values) {
    std::vector<int> fields;
    for (const auto& p : rules->profiles)
      if (p.when) condition_fields(*p.when, fields);
    std::vector<std::string> said;
    std::vector<int> done;
    for (int f : fields) {
      if (std::find(done.begin(), done.end(), f) != done.end()) continue;
      done.push_back(f);
      const TypedValue& v = (*values)[static_cast<std::size_t>(f)];
      const std::string& name = rules->fields[static_cast<std::size_t>(f)].name;
      said.push_back(v.raw.empty() ? name + " was not given"
                                   : name + " was written \"" + shortened(v.raw) + "\"");
    }
    if (!said.empty()) out += " (" + join(said, ", ", " and ") + ")";
  }
  return out + ". It was not screened; a person can assign it to a profile.";
}

}  // namespace

std::string value_clause(const ValueWords& w) {
  if (!w.written) return w.field + " was not given";
  std::string out = w.field + " was written \"" + shortened(*w.written) + "\"";
  if (!w.read.empty()) out += ", read as " + w.read;
  return out;
}

std::string summary_sentence(const DecisionExplanation& d, const std::string& reason,
                             const Rules* rules, const std::vector<TypedValue>* values) {
  const std::string& s = d.status;
  if (s == "shortlisted") return ranked_sentence(d, true);
  if (s == "reserve") return ranked_sentence(d, false);
  if (s == "below-cutoff")
    return "Eligible for " + for_profile(d) + ", but not shortlisted: the score of " +
           d.score.value_or("unknown") + " is below the cut-off of " +
           d.cutoff.value_or("the profile's min_score") + ". The points below show what counted.";
  if (s == "ineligible") return ineligible_sentence(d, rules);
  if (s == "review") return review_sentence(d, reason);
  if (s == "duplicate")
    return "Not screened for " + for_profile(d) +
           ": another application with the same id was screened instead (duplicate).";
  if (s == "no-profile") return no_profile_sentence(rules, values);
  return "Status " + s + ".";
}

}  // namespace shortlist
