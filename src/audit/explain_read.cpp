// Reading the decision record for `explain`: one pass, one reused parser,
// only the asked id's lines kept. The record may be compressed
// (record_text.hpp).
#include <simdjson.h>

#include "audit/record_text.hpp"
#include "shortlist/explain.hpp"

namespace shortlist {
namespace {

std::string string_or_empty(simdjson::dom::element e, const char* key) {
  std::string_view s;
  if (e[key].get_string().get(s)) return {};
  return std::string(s);
}

// The member `key` of `e` as compact JSON, or `absent`.
std::string json_or(simdjson::dom::element e, const char* key, const char* absent) {
  simdjson::dom::element value;
  return e[key].get(value) ? std::string(absent) : simdjson::minify(value);
}

std::vector<RecordedCheck> read_checks(simdjson::dom::element line) {
  std::vector<RecordedCheck> out;
  simdjson::dom::array checks;
  if (line["checks"].get_array().get(checks)) return out;
  for (auto c : checks) {
    RecordedCheck& r = out.emplace_back();
    r.rule = string_or_empty(c, "rule");
    r.outcome = string_or_empty(c, "outcome");
    r.value_json = json_or(c, "value", "null");
    r.written_json = json_or(c, "written", "null");
    r.reason = string_or_empty(c, "reason");
  }
  return out;
}

std::vector<RecordedPoints> read_points(simdjson::dom::element line) {
  std::vector<RecordedPoints> out;
  simdjson::dom::array points;
  if (line["points"].get_array().get(points)) return out;
  for (auto p : points) {
    RecordedPoints& r = out.emplace_back();
    r.rule = string_or_empty(p, "rule");
    std::string_view given;
    if (!p["points"].get_string().get(given)) r.points = std::string(given);
    r.outcome = string_or_empty(p, "outcome");
    r.value_json = json_or(p, "value", "");
    r.written_json = json_or(p, "written", "");
    r.reason = string_or_empty(p, "reason");
  }
  return out;
}

RecordedDecision read_decision(simdjson::dom::element line) {
  RecordedDecision d;
  d.source = string_or_empty(line, "source");
  std::string_view id;
  if (!line["id"].get_string().get(id)) d.id = std::string(id);
  d.profile = string_or_empty(line, "profile");
  d.status = string_or_empty(line, "status");
  std::string_view score;
  if (!line["score"].get_string().get(score)) d.score = std::string(score);
  std::int64_t rank = 0;
  if (!line["rank"].get_int64().get(rank)) d.rank = rank;
  d.checks = read_checks(line);
  d.points = read_points(line);
  d.checks_json = json_or(line, "checks", "[]");
  d.points_json = json_or(line, "points", "[]");
  d.reason = string_or_empty(line, "reason");
  return d;
}

void read_summary(simdjson::dom::element line, RecordedApplicant& out) {
  simdjson::dom::object profiles;
  if (line["profiles"].get_object().get(profiles)) return;
  for (auto field : profiles) {
    std::int64_t n = 0;
    if (!field.value["shortlisted"].get_int64().get(n)) out.shortlisted[std::string(field.key)] = n;
  }
}

}  // namespace

RecordedApplicant read_applicant(const std::string& path, const ApplicantQuery& query) {
  try {
    RecordText in(path);
    RecordedApplicant out;
    simdjson::dom::parser parser;
    std::string text;
    while (in.next(text)) {
      if (text.empty()) continue;
      simdjson::dom::element line;
      if (parser.parse(text).get(line) || !line.is_object())
        throw DecisionRecordError(path + ":" + std::to_string(in.number()) +
                                  ": not a decision record line (expected a JSON object)");
      std::string kind = string_or_empty(line, "kind");
      if (kind == "decision") {
        std::string_view key;
        const bool wanted = query.source.empty()
                                ? !line["id"].get_string().get(key) && key == query.id
                                : !line["source"].get_string().get(key) && key == query.source;
        if (wanted) out.decisions.push_back(read_decision(line));
      } else if (kind == "run") {
        simdjson::dom::element rules;
        if (!line["rules"].get(rules)) {
          out.rules_path = string_or_empty(rules, "path");
          out.rules_sha256 = string_or_empty(rules, "sha256");
        }
      } else if (kind == "summary") {
        read_summary(line, out);
      }
    }
    return out;
  } catch (const InputError& e) {
    throw decision_record_error(e);
  }
}

}  // namespace shortlist
