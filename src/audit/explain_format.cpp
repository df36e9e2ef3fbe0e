// Writing an explanation as text for a person or as one JSON object for a program.
#include "shortlist/explain.hpp"
#include "shortlist/json_writer.hpp"
#include "audit/explain_sentences.hpp"

namespace shortlist {
namespace {

std::string outcome_words(const std::string& outcome) {
  if (outcome == "pass") return "met";
  if (outcome == "fail") return "not met";
  if (outcome == "missing") return "not given";
  if (outcome == "unreadable") return "could not be read";
  if (outcome == "undetermined") return "not shown either way";
  return outcome;
}

std::string quoted_list(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "\"" : ", \"") + i + "\"";
  return out;
}

void append_check_text(std::string& out, const CheckExplanation& c) {
  out += "    " + c.rule;
  if (!c.text.empty()) out += " (" + c.text + ")";
  out += ": " + outcome_words(c.outcome);
  if (!c.reason.empty()) out += " (" + c.reason + ")";
  out += '\n';
  if (c.values.empty()) {
    out += "      read " + c.value_json;
    if (c.written_json != "null" && c.written_json != c.value_json)
      out += " from " + c.written_json;
    out += '\n';
  }
  for (const auto& w : c.values) out += "      " + value_clause(w) + '\n';
  if (!c.required.empty()) out += "      required: " + c.required + '\n';
  if (!c.found.empty()) out += "      found: " + quoted_list(c.found) + '\n';
}

void append_points_text(std::string& out, const PointsExplanation& p) {
  out += "    " + p.rule;
  if (!p.text.empty()) out += " (" + p.text + ")";
  out += ": " + p.points.value_or("not counted, for review");
  if (!p.outcome.empty()) {
    out += " (value " + outcome_words(p.outcome);
    if (!p.written_json.empty() && p.written_json != "null") out += " " + p.written_json;
    if (!p.reason.empty()) out += ": " + p.reason;
    out += ')';
  }
  out += '\n';
  if (!p.evidence) return;
  if (!p.counted.empty())
    out += "      " + std::string(p.calculation.empty() ? "found: " : "counted: ") +
           quoted_list(p.counted) + '\n';
  else if (p.calculation.empty() && p.outcome.empty())
    out += "      none of its phrases was found\n";
  for (const auto& n : p.not_counted) out += "      not counted: \"" + n.item + "\" (" + n.why + ")\n";
  if (!p.calculation.empty())
    out += "      " + (p.field.empty() ? std::string() : p.field + ": ") + p.calculation + '\n';
}

void append_totals_text(std::string& out, const DecisionExplanation& d) {
  if (d.score) {
    out += "  Score: " + *d.score;
    if (d.cutoff) out += " (cut-off " + *d.cutoff + ")";
    out += '\n';
  }
  if (d.rank) {
    out += "  Rank: " + std::to_string(*d.rank);
    if (d.shortlisted) out += "; shortlist size " + std::to_string(*d.shortlisted);
    if (d.top) out += " (top " + std::to_string(*d.top) + ")";
    out += '\n';
  }
}

void append_recheck_text(std::string& out, const DecisionExplanation& d, bool rules_known) {
  if (d.recheck == "agrees") {
    out += "  Checked: screened again, this record gets the same decision from these rules "
           "(its rank and any duplicate depend on the other records; 'verify' checks those).\n";
  } else if (d.recheck == "differs") {
    out += "  WARNING: the recorded decision is not what these rules give this record:\n";
    for (const auto& line : d.differences) out += "    " + line + '\n';
  } else {
    out += "  Not checked against the rules: " +
           (!rules_known ? std::string("the rules are not at hand")
            : d.recheck_note.empty() ? std::string("the record could not be read again")
                                     : d.recheck_note) +
           ".\n";
  }
}

void append_decision_text(std::string& out, const DecisionExplanation& d, bool rules_known) {
  out += (d.profile.empty() ? std::string("(no profile)") : d.profile) + ": " + d.summary + '\n';
  out += "  Record: " + d.source + ", status " + d.status + '\n';
  if (!d.checks.empty()) {
    out += "  Requirements:\n";
    for (const auto& c : d.checks) append_check_text(out, c);
  }
  if (!d.points.empty()) {
    out += "  Points:\n";
    for (const auto& p : d.points) append_points_text(out, p);
  } else if (d.status == "ineligible") {
    out += "  Points: none (not scored: a requirement was not met)\n";
  }
  append_totals_text(out, d);
  append_recheck_text(out, d, rules_known);
}

void append_opt_string(std::string& out, const char* key, const std::optional<std::string>& s) {
  out += ",\"";
  out += key;
  out += "\":";
  if (s)
    append_json_string(out, *s);
  else
    out += "null";
}

void append_opt_int(std::string& out, const char* key, const std::optional<std::int64_t>& n) {
  out += ",\"";
  out += key;
  out += "\":";
  out += n ? std::to_string(*n) : "null";
}

void append_strings_json(std::string& out, const char* key, const std::vector<std::string>& items) {
  out += ",\"";
  out += key;
  out += "\":[";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += ',';
    append_json_string(out, items[i]);
  }
  out += ']';
}

void append_value_words_json(std::string& out, const ValueWords& w) {
  out += "{\"field\":";
  append_json_string(out, w.field);
  append_opt_string(out, "written", w.written);
  append_opt_string(out, "read", w.read.empty() ? std::nullopt : std::optional(w.read));
  out += '}';
}

void append_check_json(std::string& out, const CheckExplanation& c) {
  out += "{\"rule\":";
  append_json_string(out, c.rule);
  append_opt_string(out, "text", c.text.empty() ? std::nullopt : std::optional(c.text));
  out += ",\"outcome\":";
  append_json_string(out, c.outcome);
  out += ",\"value\":" + c.value_json;  // already JSON, as recorded
  out += ",\"written\":" + c.written_json;
  if (!c.reason.empty()) append_opt_string(out, "reason", c.reason);
  out += ",\"values\":[";
  for (std::size_t i = 0; i < c.values.size(); ++i) {
    if (i) out += ',';
    append_value_words_json(out, c.values[i]);
  }
  out += ']';
  append_opt_string(out, "required", c.required.empty() ? std::nullopt : std::optional(c.required));
  append_strings_json(out, "found", c.found);
  out += '}';
}

void append_points_json(std::string& out, const PointsExplanation& p) {
  out += "{\"rule\":";
  append_json_string(out, p.rule);
  append_opt_string(out, "text", p.text.empty() ? std::nullopt : std::optional(p.text));
  append_opt_string(out, "points", p.points);
  if (!p.outcome.empty()) append_opt_string(out, "outcome", p.outcome);
  if (!p.value_json.empty()) out += ",\"value\":" + p.value_json;
  if (!p.written_json.empty()) out += ",\"written\":" + p.written_json;
  if (!p.reason.empty()) append_opt_string(out, "reason", p.reason);
  if (p.evidence) {
    append_strings_json(out, "counted", p.counted);
    out += ",\"not_counted\":[";
    for (std::size_t i = 0; i < p.not_counted.size(); ++i) {
      if (i) out += ',';
      out += "{\"item\":";
      append_json_string(out, p.not_counted[i].item);
      out += ",\"why\":";
      append_json_string(out, p.not_counted[i].why);
      out += '}';
    }
    out += ']';
    append_opt_string(out, "calculation",
                      p.calculation.empty() ? std::nullopt : std::optional(p.calculation));
  }
  out += '}';
}

void append_decision_json(std::string& out, const DecisionExplanation& d) {
  out += "{\"source\":";
  append_json_string(out, d.source);
  append_opt_string(out, "profile", d.profile.empty() ? std::nullopt : std::optional(d.profile));
  append_opt_string(out, "title", d.title.empty() ? std::nullopt : std::optional(d.title));
  append_opt_string(out, "status", d.status);
  append_opt_string(out, "summary", d.summary);
  out += ",\"checks\":[";
  for (std::size_t i = 0; i < d.checks.size(); ++i) {
    if (i) out += ',';
    append_check_json(out, d.checks[i]);
  }
  out += "],\"points\":[";
  for (std::size_t i = 0; i < d.points.size(); ++i) {
    if (i) out += ',';
    append_points_json(out, d.points[i]);
  }
  out += ']';
  append_opt_string(out, "score", d.score);
  append_opt_string(out, "cutoff", d.cutoff);
  append_opt_int(out, "rank", d.rank);
  append_opt_int(out, "shortlisted", d.shortlisted);
  append_opt_int(out, "top", d.top);
  out += ",\"recheck\":{\"state\":";
  append_json_string(out, d.recheck);
  append_strings_json(out, "differences", d.differences);
  append_opt_string(out, "note",
                    d.recheck_note.empty() ? std::nullopt : std::optional(d.recheck_note));
  out += "}}";
}

}  // namespace

std::string explanation_text(const Explanation& e) {
  std::string out = "Applicant " + (e.id.empty() ? std::string("without an id") : e.id) + '\n';
  if (!e.deadline.empty()) out += "Deadline of the call: " + e.deadline + '\n';
  for (const auto& d : e.decisions) {
    out += '\n';
    append_decision_text(out, d, e.rules_known);
  }
  // Values and reasons come from applicants' data: never pass a terminal control
  // sequence through to the screen.
  for (char& c : out)
    if ((static_cast<unsigned char>(c) < 0x20 && c != '\n') || c == '\x7f') c = '?';
  return out;
}

std::string explanation_json(const Explanation& e) {
  std::string out = "{\"id\":";
  if (e.id.empty())
    out += "null";
  else
    append_json_string(out, e.id);
  out += ",\"rules\":";
  out += e.rules_known ? "true" : "false";
  append_opt_string(out, "deadline", e.deadline.empty() ? std::nullopt : std::optional(e.deadline));
  append_opt_string(out, "timezone", e.timezone.empty() ? std::nullopt : std::optional(e.timezone));
  out += ",\"decisions\":[";
  for (std::size_t i = 0; i < e.decisions.size(); ++i) {
    if (i) out += ',';
    append_decision_json(out, e.decisions[i]);
  }
  out += "]}\n";
  return out;
}

}  // namespace shortlist
