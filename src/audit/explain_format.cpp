// Writing an explanation as text for a person or as one JSON object for a program.
#include "shortlist/explain.hpp"
#include "shortlist/json_writer.hpp"

namespace shortlist {
namespace {

void append_check_text(std::string& out, const CheckExplanation& c) {
  out += "    " + c.rule;
  if (!c.text.empty()) out += " (" + c.text + ")";
  out += ": " + c.outcome + ", read " + c.value_json;
  if (c.written_json != "null" && c.written_json != c.value_json)
    out += " from " + c.written_json;
  if (!c.reason.empty()) out += " (" + c.reason + ")";
  out += '\n';
}

void append_points_text(std::string& out, const PointsExplanation& p) {
  out += "    " + p.rule + ": " + p.points.value_or("not counted, for review");
  if (!p.outcome.empty()) {
    out += " (value " + p.outcome;
    if (!p.written_json.empty() && p.written_json != "null") out += " " + p.written_json;
    if (!p.reason.empty()) out += ": " + p.reason;
    out += ')';
  }
  out += '\n';
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

void append_decision_text(std::string& out, const DecisionExplanation& d) {
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
    out += "  Points: none (not scored: a requirement failed)\n";
  }
  append_totals_text(out, d);
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

void append_check_json(std::string& out, const CheckExplanation& c) {
  out += "{\"rule\":";
  append_json_string(out, c.rule);
  append_opt_string(out, "text", c.text.empty() ? std::nullopt : std::optional(c.text));
  out += ",\"outcome\":";
  append_json_string(out, c.outcome);
  out += ",\"value\":" + c.value_json;  // already JSON, as recorded
  out += ",\"written\":" + c.written_json;
  if (!c.reason.empty()) append_opt_string(out, "reason", c.reason);
  out += '}';
}

void append_points_json(std::string& out, const PointsExplanation& p) {
  out += "{\"rule\":";
  append_json_string(out, p.rule);
  append_opt_string(out, "points", p.points);
  if (!p.outcome.empty()) append_opt_string(out, "outcome", p.outcome);
  if (!p.value_json.empty()) out += ",\"value\":" + p.value_json;
  if (!p.written_json.empty()) out += ",\"written\":" + p.written_json;
  if (!p.reason.empty()) append_opt_string(out, "reason", p.reason);
  out += '}';
}

void append_decision_json(std::string& out, const DecisionExplanation& d) {
  out += "{\"source\":";
  append_json_string(out, d.source);
  append_opt_string(out, "profile", d.profile.empty() ? std::nullopt : std::optional(d.profile));
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
  out += '}';
}

}  // namespace

std::string explanation_text(const Explanation& e) {
  std::string out = "Applicant " + e.id + '\n';
  for (const auto& d : e.decisions) {
    out += '\n';
    append_decision_text(out, d);
  }
  // Values and reasons come from applicants' data: never pass a terminal control
  // sequence through to the screen.
  for (char& c : out)
    if ((static_cast<unsigned char>(c) < 0x20 && c != '\n') || c == '\x7f') c = '?';
  return out;
}

std::string explanation_json(const Explanation& e) {
  std::string out = "{\"id\":";
  append_json_string(out, e.id);
  out += ",\"rules\":";
  out += e.rules_known ? "true" : "false";
  out += ",\"decisions\":[";
  for (std::size_t i = 0; i < e.decisions.size(); ++i) {
    if (i) out += ',';
    append_decision_json(out, e.decisions[i]);
  }
  out += "]}\n";
  return out;
}

}  // namespace shortlist
