// End to end: the inputs that made the old main silently wrong (SPEC v1.1), each
// screened through the built binary with the exact value that exposed it. A
// doubtful value now goes to a person (`review`), never to a guess; a count
// never pays for padding; a duplicate never displaces another profile's
// application; and a run never counts a record twice or wraps a score.
//
// Every expectation is worked out by hand from SPEC v1.1, docs/rules.md and
// docs/behaviour.md; the comment beside each shows how.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "cli_test_support.hpp"
#include "test_support.hpp"

namespace {

namespace fs = std::filesystem;
using shortlist::test::as_array;
using shortlist::test::as_object;
using shortlist::test::JsonObject;
using shortlist::test::read_file;
using shortlist::test::RunResult;
using shortlist::test::TempDir;
using Strings = std::vector<std::string>;

// One `screen` run: its exit, the decision record and the shortlist file.
struct Screened {
  RunResult result;
  std::vector<JsonObject> record;     // every line of --decisions
  std::vector<JsonObject> decisions;  // its decision lines
  std::string shortlist;              // -o s.csv
};

// Writes `rules` as rules.yaml and `input` as `input_name` in `dir`, runs
// `screen -q -r rules.yaml INPUT -o s.csv --decisions d.jsonl EXTRA` and
// requires exit 0.
Screened screen(const TempDir& dir, const std::string& rules, const std::string& input_name,
                const std::string& input, const std::string& extra = "") {
  dir.write("rules.yaml", rules);
  dir.write(input_name, input);
  Screened s;
  s.result = shortlist::test::run_shortlist("screen -q -r rules.yaml " + input_name +
                                                " -o s.csv --decisions d.jsonl " + extra,
                                            dir.path());
  INFO("stderr: " << s.result.err);
  REQUIRE(s.result.exit_code == 0);
  s.record = shortlist::test::parse_json_lines(read_file(dir.path() / "d.jsonl"));
  s.decisions = shortlist::test::decision_lines(s.record);
  s.shortlist = read_file(dir.path() / "s.csv");
  return s;
}

// The one decision of `source` for `profile` ("" for the null profile).
JsonObject decision(const Screened& s, const std::string& source, const std::string& profile) {
  std::vector<JsonObject> found;
  for (const JsonObject& d : s.decisions) {
    if (d.str("source") != source) continue;
    const auto p = d.at("profile");
    if (profile.empty() ? p.is_null() : (p.is_string() && p.text == profile)) found.push_back(d);
  }
  INFO("decision of " << source << " for profile '" << profile << "'");
  REQUIRE(found.size() == 1);
  return found.front();
}

// The entry of `rule` in a decision's `checks` or `points` array (`list`).
JsonObject entry(const JsonObject& d, const std::string& list, const std::string& rule) {
  std::vector<JsonObject> found;
  for (const auto& item : as_array(d.at(list))) {
    JsonObject o = as_object(item);
    if (o.str("rule") == rule) found.push_back(o);
  }
  INFO(list << " entry of rule " << rule << " in " << d.str("source"));
  REQUIRE(found.size() == 1);
  return found.front();
}

JsonObject check_of(const JsonObject& d, const std::string& rule) {
  return entry(d, "checks", rule);
}
JsonObject points_of(const JsonObject& d, const std::string& rule) {
  return entry(d, "points", rule);
}

// A status with no score and no rank: what a record left to a person shows.
void check_unranked(const JsonObject& d, const std::string& status) {
  INFO("decision " << d.str("source"));
  CHECK(d.str("status") == status);
  CHECK(d.at("rank").is_null());
}

void check_score_rank(const JsonObject& d, const std::string& status, const std::string& score,
                      const std::string& rank) {
  INFO("decision " << d.str("source"));
  CHECK(d.str("status") == status);
  CHECK(d.str("score") == score);
  CHECK(d.at("rank").text == rank);
}

bool starts_with(const std::string& s, const std::string& prefix) {
  return s.rfind(prefix, 0) == 0;
}
bool contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

// ---------------------------------------------------------------------------
// 1. Scored values that cannot be read.

// One number field scored 1 point a year; min_score 1 and room for ten.
std::string years_rules(const std::string& score_keys, const std::string& min_score = "1") {
  return "shortlist: 1\n"
         "call: { id: UNREADABLE }\n"
         "fields:\n"
         "  id:    { column: id }\n"
         "  years: { column: years, type: number }\n"
         "profiles:\n"
         "  - id: p\n"
         "    score:\n"
         "      - { id: years, field: years, each: 1" +
         score_keys +
         " }\n"
         "    shortlist: { min_score: " +
         min_score + ", top: 10 }\n";
}

// Line 2: a European thousands separator; 3: a spreadsheet formula; 4: a
// number; 5: a blank cell.
const std::string kYearsCsv =
    "id,years\n"
    "A1,\"1.234,5\"\n"
    "A2,=1+1\n"
    "A3,3\n"
    "A4,\n";

}  // namespace

TEST_CASE("never silently wrong: an unreadable scored value goes to review, unranked",
          "[cli][v1.1]") {
  TempDir dir;
  Screened s = screen(dir, years_rules(""), "a.csv", kYearsCsv);
  // `1.234,5` and `=1+1` fit no `[+-]digits[(.|,)digits]` (SPEC 3.1): unreadable.
  // A score rule's on_unreadable defaults to review (3.2): status review, no
  // score (it is unknown, never 0), no rank; reason names the rule and the value.
  for (const auto& [source, cell] : {std::pair<std::string, std::string>{"a.csv:2", "1.234,5"},
                                     std::pair<std::string, std::string>{"a.csv:3", "=1+1"}}) {
    JsonObject d = decision(s, source, "p");
    check_unranked(d, "review");
    CHECK(d.at("score").is_null());
    CHECK(starts_with(d.str("reason"), "score years: "));
    CHECK(contains(d.str("reason"), cell));
    JsonObject p = points_of(d, "years");
    CHECK(p.at("points").is_null());  // not "0": it was never counted
    CHECK(p.str("outcome") == "unreadable");
    CHECK(p.str("written") == cell);
    CHECK(p.str("reason") == "not a number: '" + cell + "'");
  }
  // A3: 3 x 1 = 3 >= 1, the only eligible record at or above the cut-off: rank 1.
  check_score_rank(decision(s, "a.csv:4", "p"), "shortlisted", "3", "1");
  // A4: blank is missing; on_missing defaults to zero: 0 points, 0 < 1.
  JsonObject a4 = decision(s, "a.csv:5", "p");
  check_unranked(a4, "below-cutoff");
  CHECK(a4.str("score") == "0");
  CHECK(points_of(a4, "years").str("points") == "0");
  CHECK(points_of(a4, "years").str("outcome") == "missing");
  // The shortlist holds A3 only: a review record is never shortlisted.
  CHECK(s.shortlist ==
        "profile,rank,id,score,status\n"
        "p,1,A3,3,shortlisted\n");
}

TEST_CASE("never silently wrong: on_unreadable: zero keeps the 0 points, explicitly",
          "[cli][v1.1]") {
  TempDir dir;
  // min_score 0, so a 0 is enough to be shortlisted, as in the old main.
  Screened s = screen(dir, years_rules(", on_unreadable: zero", "0"), "a.csv", kYearsCsv);
  // Order [score desc, id asc] (no `submitted` field): A3 (3) rank 1, then the
  // zeros A1, A2, A4 by id: ranks 2, 3, 4.
  check_score_rank(decision(s, "a.csv:4", "p"), "shortlisted", "3", "1");
  JsonObject a1 = decision(s, "a.csv:2", "p");
  check_score_rank(a1, "shortlisted", "0", "2");
  JsonObject p = points_of(a1, "years");
  CHECK(p.str("points") == "0");
  CHECK(p.str("outcome") == "unreadable");  // the record still says why it is 0
  CHECK(p.str("written") == "1.234,5");
  CHECK(p.str("reason") == "not a number: '1.234,5'");
  check_score_rank(decision(s, "a.csv:3", "p"), "shortlisted", "0", "3");
  check_score_rank(decision(s, "a.csv:5", "p"), "shortlisted", "0", "4");
}

TEST_CASE("never silently wrong: on_missing: review sends a blank scored value to review",
          "[cli][v1.1]") {
  TempDir dir;
  Screened s = screen(dir, years_rules(", on_missing: review"), "a.csv", kYearsCsv);
  // A4's blank is missing and the rule says review: no score, no rank.
  JsonObject a4 = decision(s, "a.csv:5", "p");
  check_unranked(a4, "review");
  CHECK(a4.at("score").is_null());
  CHECK(starts_with(a4.str("reason"), "score years: "));
  CHECK(contains(a4.str("reason"), "missing"));
  CHECK(points_of(a4, "years").at("points").is_null());
  CHECK(points_of(a4, "years").str("outcome") == "missing");
  // The unreadable ones still follow the default on_unreadable: review.
  check_unranked(decision(s, "a.csv:2", "p"), "review");
  check_score_rank(decision(s, "a.csv:4", "p"), "shortlisted", "3", "1");
  CHECK(s.shortlist ==
        "profile,rank,id,score,status\n"
        "p,1,A3,3,shortlisted\n");
}

TEST_CASE("never silently wrong: a require rule's on_unreadable is fail, pass or review",
          "[cli][v1.1]") {
  TempDir dir;
  // Four profiles, one require rule each, no score rules (score = the empty sum, 0).
  const std::string rules = R"(shortlist: 1
call: { id: REQUIRE-UNREADABLE }
fields:
  id:    { column: id }
  years: { column: years, type: number }
profiles:
  - id: p-fail
    require: [{ id: experienced, field: years, at_least: 1, on_unreadable: fail }]
  - id: p-pass
    require: [{ id: experienced, field: years, at_least: 1, on_unreadable: pass }]
  - id: p-review
    require: [{ id: experienced, field: years, at_least: 1, on_unreadable: review }]
  - id: p-default
    require: [{ id: experienced, field: years, at_least: 1 }]
)";
  Screened s = screen(dir, rules, "a.csv", "id,years\nA1,\"1.234,5\"\n");
  auto check_unreadable = [](const JsonObject& d) {
    JsonObject c = check_of(d, "experienced");
    CHECK(c.str("outcome") == "unreadable");
    CHECK(c.str("written") == "1.234,5");
    CHECK(c.str("reason") == "not a number: '1.234,5'");
  };
  // fail: ineligible, never scored.
  JsonObject fail = decision(s, "a.csv:2", "p-fail");
  check_unranked(fail, "ineligible");
  CHECK(fail.at("score").is_null());
  check_unreadable(fail);
  // pass: eligible; no min_score, no top: shortlisted, rank 1 of 1, score 0.
  JsonObject pass = decision(s, "a.csv:2", "p-pass");
  check_score_rank(pass, "shortlisted", "0", "1");
  check_unreadable(pass);
  // review, and the default (review): reason "undetermined: RULE".
  for (const char* profile : {"p-review", "p-default"}) {
    JsonObject d = decision(s, "a.csv:2", profile);
    check_unranked(d, "review");
    CHECK(d.str("reason") == "undetermined: experienced");
    check_unreadable(d);
  }
}

// ---------------------------------------------------------------------------
// 2. %Y is four digits; several formats; %y refused; no such date.

namespace {

const std::string kDateRules = R"(shortlist: 1
call:
  id: YEARS
  deadline: 2024-03-27T12:00
  timezone: Europe/Brussels
fields:
  id:        { column: id }
  submitted: { column: submitted, type: date, format: "%d/%m/%Y" }
  born:      { column: born, type: date, format: ["%d/%m/%Y", "%d %B %Y"] }
profiles:
  - id: p
    require:
      - { id: on-time, field: submitted, not_after: call.deadline }
      - { id: adult, field: born, at_most: 2006-03-27 }
)";

}  // namespace

TEST_CASE("never silently wrong: a two- or three-digit %Y year is unreadable, never year 24",
          "[cli][v1.1]") {
  TempDir dir;
  Screened s = screen(dir, kDateRules, "a.csv",
                      "id,submitted,born\n"
                      "Y1,28/3/24,15/06/1985\n"
                      "Y2,26/03/2024,15/06/85\n");
  // Y1: `24` is not four digits: unreadable (not 0024-03-28, which would pass
  // the 2024 deadline). on_unreadable defaults to review.
  JsonObject y1 = decision(s, "a.csv:2", "p");
  check_unranked(y1, "review");
  CHECK(y1.str("reason") == "undetermined: on-time");
  CHECK(check_of(y1, "on-time").str("outcome") == "unreadable");
  CHECK(check_of(y1, "on-time").str("written") == "28/3/24");
  CHECK(check_of(y1, "adult").str("outcome") == "pass");
  CHECK(check_of(y1, "adult").str("value") == "1985-06-15");
  // Y2: `85` is not four digits: unreadable (not year 85), review.
  JsonObject y2 = decision(s, "a.csv:3", "p");
  check_unranked(y2, "review");
  CHECK(y2.str("reason") == "undetermined: adult");
  CHECK(check_of(y2, "on-time").str("outcome") == "pass");
  CHECK(check_of(y2, "on-time").str("value") == "2024-03-26");
  CHECK(check_of(y2, "adult").str("outcome") == "unreadable");
  CHECK(check_of(y2, "adult").str("written") == "15/06/85");
}

TEST_CASE("never silently wrong: several formats and ISO 8601 read the same date",
          "[cli][v1.1]") {
  TempDir dir;
  Screened s = screen(dir, kDateRules, "a.csv",
                      "id,submitted,born\n"
                      "Y3,26/3/2024,15 June 1985\n"
                      "Y4,2024-03-26,1985-06-15\n");
  // `26/3/2024`: %m is one or two digits. `15 June 1985`: the second format.
  // ISO 8601 is always accepted. All read: 2024-03-26 (a day wholly before the
  // deadline) and 1985-06-15 (<= 2006-03-27): both pass, both shortlisted.
  for (const char* source : {"a.csv:2", "a.csv:3"}) {
    JsonObject d = decision(s, source, "p");
    CHECK(d.str("status") == "shortlisted");
    CHECK(check_of(d, "on-time").str("outcome") == "pass");
    CHECK(check_of(d, "on-time").str("value") == "2024-03-26");
    CHECK(check_of(d, "adult").str("outcome") == "pass");
    CHECK(check_of(d, "adult").str("value") == "1985-06-15");
  }
  CHECK(check_of(decision(s, "a.csv:2", "p"), "adult").str("written") == "15 June 1985");
}

TEST_CASE("never silently wrong: 31/06/2025 is unreadable, 'no such date'", "[cli][v1.1]") {
  TempDir dir;
  Screened s = screen(dir, kDateRules, "a.csv",
                      "id,submitted,born\n"
                      "Y5,26/03/2024,31/06/2025\n");
  // June has 30 days: no such date, never rolled over to 1 July (which would
  // fail `at_most: 2006-03-27`). Unreadable, review.
  JsonObject d = decision(s, "a.csv:2", "p");
  check_unranked(d, "review");
  CHECK(d.str("reason") == "undetermined: adult");
  JsonObject c = check_of(d, "adult");
  CHECK(c.str("outcome") == "unreadable");
  CHECK(c.str("written") == "31/06/2025");
  CHECK(contains(c.str("reason"), "no such date"));
}

TEST_CASE("never silently wrong: %y in a format is a rules error with its position",
          "[cli][v1.1]") {
  TempDir dir;
  dir.write("rules.yaml",
            "shortlist: 1\n"          // 1
            "call: { id: YY }\n"      // 2
            "fields:\n"               // 3
            "  id: { column: id }\n"  // 4
            "  born:\n"               // 5
            "    column: born\n"      // 6
            "    type: date\n"        // 7
            "    format: \"%d/%m/%y\"\n"  // 8: `    format: ` is 12 bytes, the value at 13
            "profiles:\n"
            "  - id: p\n"
            "    require: [{ id: adult, field: born, at_most: 2006-03-27 }]\n");
  dir.write("a.csv", "id,born\nY1,15/06/85\n");
  RunResult v = shortlist::test::run_shortlist("validate rules.yaml", dir.path());
  INFO("validate stdout: " << v.out << "\nstderr: " << v.err);
  CHECK(v.exit_code == 3);
  bool found = false;
  for (const auto& line : shortlist::test::split_lines(v.out + v.err))
    if (starts_with(line, "rules.yaml:8:13: error:") && contains(line, "%y")) found = true;
  CHECK(found);
  // screen checks the rules first: the same exit, no record screened.
  RunResult r = shortlist::test::run_shortlist("screen -q -r rules.yaml a.csv --decisions d.jsonl",
                                               dir.path());
  CHECK(r.exit_code == 3);
  CHECK_FALSE(fs::exists(dir.path() / "d.jsonl"));
}

// ---------------------------------------------------------------------------
// 3. A date against a noon deadline.

TEST_CASE("never silently wrong: a date alone does not prove a noon deadline was met",
          "[cli][v1.1]") {
  TempDir dir;
  const std::string rules = R"(shortlist: 1
call:
  id: NOON
  deadline: 2024-03-27T12:00
  timezone: Europe/Brussels
fields:
  id:        { column: id }
  submitted: { column: submitted, type: date, format: "%d/%m/%Y" }
profiles:
  - id: deadline
    require:
      - { id: on-time, field: submitted, not_after: call.deadline }
  - id: literal
    require:
      - { id: before-noon, field: submitted, before: 2024-03-27T12:00 }
)";
  Screened s = screen(dir, rules, "a.csv",
                      "id,submitted\n"
                      "N1,27/03/2024\n"
                      "N2,26/03/2024\n"
                      "N3,28/03/2024\n");
  // The day is 2024-03-27T00:00 to 2024-03-28T00:00 Brussels time; the
  // instant, 12:00 Brussels, is inside it: undetermined -> review, whichever
  // of call.deadline or the literal (also Brussels local time) it is.
  // 26 March ends before the instant: pass; 28 March starts after it: fail.
  for (const auto& [profile, rule] : {std::pair<std::string, std::string>{"deadline", "on-time"},
                                      std::pair<std::string, std::string>{"literal",
                                                                          "before-noon"}}) {
    INFO("profile " << profile);
    JsonObject n1 = decision(s, "a.csv:2", profile);
    check_unranked(n1, "review");
    CHECK(n1.str("reason") == "undetermined: " + rule);
    JsonObject c1 = check_of(n1, rule);
    CHECK(c1.str("outcome") == "undetermined");
    CHECK(c1.str("value") == "2024-03-27");
    CHECK(c1.str("written") == "27/03/2024");
    CHECK_FALSE(c1.str("reason").empty());

    JsonObject n2 = decision(s, "a.csv:3", profile);
    CHECK(n2.str("status") == "shortlisted");
    CHECK(check_of(n2, rule).str("outcome") == "pass");
    CHECK(check_of(n2, rule).str("value") == "2024-03-26");

    JsonObject n3 = decision(s, "a.csv:4", profile);
    check_unranked(n3, "ineligible");
    CHECK(check_of(n3, rule).str("outcome") == "fail");
    CHECK(check_of(n3, rule).str("value") == "2024-03-28");
  }
}

// ---------------------------------------------------------------------------
// 4. Padding does not pay.

namespace {

const std::string kPaddingRules = R"(shortlist: 1
call: { id: PADDING }
fields:
  id:     { column: id }
  skills: { column: skills, type: text, list: ";" }
  cv:     { column: cv, type: text }
sets:
  ai_skills: [machine learning, PyTorch, TensorFlow]
  assets:    [red teaming, Red-Teaming, bias]
profiles:
  - id: p
    score:
      - { id: ai-skills, field: skills, count_in: ai_skills, each: 2, max: 10 }
      - { id: assets, field: cv, count_phrases: assets, each: 3 }
)";

}  // namespace

TEST_CASE("never silently wrong: one skill written five ways counts once", "[cli][v1.1]") {
  TempDir dir;
  Screened s = screen(dir, kPaddingRules, "a.csv",
                      "id,skills,cv\n"
                      "P1,PyTorch;pytorch;PYTORCH;Py-Torch;PyTorch,\n"
                      "P2,PyTorch;TensorFlow;tensorflow;Excel,\n");
  // P1: the five items are one on their letters and digits ("pytorch"), and
  // in the set: 1 x 2 = 2 (five would have been 10). cv blank: 0 (on_missing zero).
  JsonObject p1 = decision(s, "a.csv:2", "p");
  CHECK(points_of(p1, "ai-skills").str("points") == "2");
  CHECK(p1.str("score") == "2");
  // P2: PyTorch, TensorFlow (twice, one item); Excel is not in the set: 2 x 2 = 4.
  JsonObject p2 = decision(s, "a.csv:3", "p");
  CHECK(points_of(p2, "ai-skills").str("points") == "4");
  CHECK(p2.str("score") == "4");
}

TEST_CASE("never silently wrong: set entries that normalize alike are one phrase",
          "[cli][v1.1]") {
  TempDir dir;
  Screened s = screen(dir, kPaddingRules, "a.csv",
                      "id,skills,cv\n"
                      "P3,,Led red teaming exercises.\n"
                      "P4,,Red-teaming and bias audits\n");
  // `red teaming` and `Red-Teaming` both normalize to "red teaming": one phrase.
  // P3: that phrase only: 1 x 3 = 3 (not 6).
  JsonObject p3 = decision(s, "a.csv:2", "p");
  CHECK(points_of(p3, "assets").str("points") == "3");
  CHECK(p3.str("score") == "3");
  // P4: "red teaming" and "bias": 2 x 3 = 6 (not 9).
  JsonObject p4 = decision(s, "a.csv:3", "p");
  CHECK(points_of(p4, "assets").str("points") == "6");
  CHECK(p4.str("score") == "6");
}

TEST_CASE("never silently wrong: validate warns of set entries that normalize alike",
          "[cli][v1.1]") {
  TempDir dir;
  dir.write("rules.yaml", kPaddingRules);
  RunResult v = shortlist::test::run_shortlist("validate rules.yaml", dir.path());
  INFO("stdout: " << v.out << "\nstderr: " << v.err);
  CHECK(v.exit_code == 0);
  bool found = false;
  for (const auto& line : shortlist::test::split_lines(v.out + v.err))
    if (contains(line, "warning") && contains(line, "red teaming") && contains(line, "Red-Teaming"))
      found = true;
  CHECK(found);
}

// ---------------------------------------------------------------------------
// 5. Duplicates are per profile.

namespace {

std::string duplicate_rules(const std::string& policy) {
  return "shortlist: 1\n"
         "call: { id: DUPLICATES }\n"
         "fields:\n"
         "  id:    { column: id }\n"
         "  track: { column: track }\n"
         "  years: { column: years, type: number }\n" +
         (policy.empty() ? std::string() : "duplicates: " + policy + "\n") +
         "profiles:\n"
         "  - id: dev\n"
         "    when: { field: track, equals: dev }\n"
         "    score: [{ id: years, field: years, each: 1 }]\n"
         "  - id: ops\n"
         "    when: { field: track, equals: ops }\n"
         "    score: [{ id: years, field: years, each: 2 }]\n";
}

}  // namespace

TEST_CASE("never silently wrong: a record no profile screens never displaces an application",
          "[cli][v1.1]") {
  for (const std::string policy : {"first", ""}) {
    INFO("duplicates: " << (policy.empty() ? "(default review)" : policy));
    TempDir dir;
    Screened s = screen(dir, duplicate_rules(policy), "a.csv",
                        "id,track,years\n"
                        "D1,sales,9\n"
                        "D1,dev,3\n");
    // Line 2 matches no profile: no-profile, and takes no part in duplicates.
    CHECK(decision(s, "a.csv:2", "").str("status") == "no-profile");
    // Line 3 is dev's only D1: screened normally, 3 x 1 = 3, rank 1.
    check_score_rank(decision(s, "a.csv:3", "dev"), "shortlisted", "3", "1");
  }
}

TEST_CASE("never silently wrong: one id applying to two profiles is no duplicate",
          "[cli][v1.1]") {
  for (const std::string policy : {"first", "last", ""}) {
    INFO("duplicates: " << (policy.empty() ? "(default review)" : policy));
    TempDir dir;
    Screened s = screen(dir, duplicate_rules(policy), "a.csv",
                        "id,track,years\n"
                        "E1,dev,3\n"
                        "E1,ops,2\n");
    // Each profile screens one E1: dev 3 x 1 = 3, ops 2 x 2 = 4; each rank 1.
    check_score_rank(decision(s, "a.csv:2", "dev"), "shortlisted", "3", "1");
    check_score_rank(decision(s, "a.csv:3", "ops"), "shortlisted", "4", "1");
  }
}

TEST_CASE("never silently wrong: one id twice in one profile is still a duplicate",
          "[cli][v1.1]") {
  const std::string csv =
      "id,track,years\n"
      "F1,dev,3\n"
      "F1,dev,5\n";
  {
    INFO("duplicates: first");
    TempDir dir;
    Screened s = screen(dir, duplicate_rules("first"), "a.csv", csv);
    // The first is kept and screened (3, rank 1); the second is dropped.
    check_score_rank(decision(s, "a.csv:2", "dev"), "shortlisted", "3", "1");
    JsonObject second = decision(s, "a.csv:3", "dev");
    check_unranked(second, "duplicate");
    CHECK(second.at("score").is_null());
  }
  {
    INFO("duplicates: review (default)");
    TempDir dir;
    Screened s = screen(dir, duplicate_rules(""), "a.csv", csv);
    // Both review with reason duplicate-id, keeping their scores (docs/behaviour.md).
    JsonObject first = decision(s, "a.csv:2", "dev");
    JsonObject second = decision(s, "a.csv:3", "dev");
    check_unranked(first, "review");
    check_unranked(second, "review");
    CHECK(first.str("reason") == "duplicate-id");
    CHECK(second.str("reason") == "duplicate-id");
    CHECK(first.str("score") == "3");
    CHECK(second.str("score") == "5");
    CHECK(s.shortlist == "profile,rank,id,score,status\n");
  }
}

// ---------------------------------------------------------------------------
// 6. Territories of Member States.

TEST_CASE("never silently wrong: a territory of a Member State is undetermined for EU",
          "[cli][v1.1]") {
  TempDir dir;
  const std::string rules = R"(shortlist: 1
call: { id: TERRITORIES }
fields:
  id:          { column: id }
  nationality: { column: nationality, type: country, list: ";" }
profiles:
  - id: p
    require:
      - { id: eu-citizen, field: nationality, in: EU }
)";
  Screened s = screen(dir, rules, "a.csv",
                      "id,nationality\n"
                      "T1,Réunion\n"
                      "T2,Guadeloupe\n"
                      "T3,Martinique\n"
                      "T4,Mayotte\n"
                      "T5,Curaçao\n"
                      "T6,Aruba\n"
                      "T7,Åland\n"
                      "T8,Réunion;Deutschland\n"
                      "T9,Réunion;US\n");
  // Each name reads as its own ISO code, which belongs to a Member State
  // (SPEC 3.1): undetermined for `in: EU`, reason naming the state, review.
  struct Territory {
    std::string source, written, code, state;
  };
  for (const Territory& t : std::vector<Territory>{{"a.csv:2", "Réunion", "RE", "FR"},
                                                  {"a.csv:3", "Guadeloupe", "GP", "FR"},
                                                  {"a.csv:4", "Martinique", "MQ", "FR"},
                                                  {"a.csv:5", "Mayotte", "YT", "FR"},
                                                  {"a.csv:6", "Curaçao", "CW", "NL"},
                                                  {"a.csv:7", "Aruba", "AW", "NL"},
                                                  {"a.csv:8", "Åland", "AX", "FI"}}) {
    INFO(t.written);
    JsonObject d = decision(s, t.source, "p");
    check_unranked(d, "review");  // never ineligible
    CHECK(d.str("reason") == "undetermined: eu-citizen");
    JsonObject c = check_of(d, "eu-citizen");
    CHECK(c.str("outcome") == "undetermined");
    CHECK(c.at("value").text == "[\"" + t.code + "\"]");
    CHECK(c.str("written") == t.written);
    CHECK(c.str("reason") == t.code + ": territory of " + t.state);
  }
  // T8: DE is in the EU, which decides: pass; the only eligible record, rank 1.
  JsonObject t8 = decision(s, "a.csv:9", "p");
  check_score_rank(t8, "shortlisted", "0", "1");
  CHECK(check_of(t8, "eu-citizen").str("outcome") == "pass");
  CHECK(check_of(t8, "eu-citizen").at("value").text == R"(["RE","DE"])");
  // T9: US is not in the EU, RE proves nothing: undetermined, review.
  JsonObject t9 = decision(s, "a.csv:10", "p");
  check_unranked(t9, "review");
  CHECK(t9.str("reason") == "undetermined: eu-citizen");
  JsonObject c9 = check_of(t9, "eu-citizen");
  CHECK(c9.str("outcome") == "undetermined");
  CHECK(c9.at("value").text == R"(["RE","US"])");
  CHECK(c9.str("reason") == "RE: territory of FR");
}

// ---------------------------------------------------------------------------
// 7. Smaller breaches.

namespace {

const std::string kSmallRules = R"(shortlist: 1
call: { id: SMALL }
fields:
  id:    { column: id }
  name:  { column: name }
  track: { column: track }
  years: { column: years, type: number }
profiles:
  - id: dev
    when: { field: track, equals: dev }
    score: [{ id: years, field: years, each: 1 }]
)";

}  // namespace

TEST_CASE("never silently wrong: the same input twice is a usage error", "[cli][v1.1]") {
  TempDir dir;
  dir.write("rules.yaml", kSmallRules);
  dir.write("a.csv", "id,name,track,years\nG1,Ann,dev,3\n");
  fs::create_symlink("a.csv", dir.path() / "b.csv");
  // Same path; the same path spelt with `./`; a symlink to it (same inode).
  for (const std::string inputs : {"a.csv a.csv", "a.csv ./a.csv", "a.csv b.csv"}) {
    INFO("inputs: " << inputs);
    RunResult r = shortlist::test::run_shortlist(
        "screen -q -r rules.yaml " + inputs + " -o s.csv --decisions d.jsonl", dir.path());
    INFO("stderr: " << r.err);
    CHECK(r.exit_code == 2);
    CHECK_FALSE(r.err.empty());
    CHECK_FALSE(fs::exists(dir.path() / "d.jsonl"));  // nothing written on failure
    CHECK_FALSE(fs::exists(dir.path() / "s.csv"));
  }
}

TEST_CASE("never silently wrong: two objects on one JSON line are two sources", "[cli][v1.1]") {
  TempDir dir;
  // Line 2: two spaces, then `{"id":"J1","name":"Zoë","years":"3","track":"dev"}`
  // at byte 3. That object: { "id" : "J1" , "name" : "Zoë" , "years" : "3" ,
  // "track" : "dev" } = 1+4+1+4+1+6+1+6+1+7+1+3+1+7+1+5+1 = 51 bytes ("Zoë" is
  // 6 bytes: ë is two), bytes 3..53; `,` at 54, a space at 55, `{` at byte 56
  // (character 55).
  const std::string json =
      "[\n"
      "  {\"id\":\"J1\",\"name\":\"Zoë\",\"years\":\"3\",\"track\":\"dev\"}, "
      "{\"id\":\"J2\",\"name\":\"Al\",\"years\":\"4\",\"track\":\"dev\"}\n"
      "]\n";
  Screened s = screen(dir, kSmallRules, "a.json", json);
  CHECK(s.decisions.size() == 2);
  // J2 (4) ranks before J1 (3).
  check_score_rank(decision(s, "a.json:2:3", "dev"), "shortlisted", "3", "2");
  check_score_rank(decision(s, "a.json:2:56", "dev"), "shortlisted", "4", "1");
  CHECK(decision(s, "a.json:2:56", "dev").str("id") == "J2");
  // records read = distinct sources = 2, in the run line and the summary.
  CHECK(shortlist::test::distinct_sources(s.record).size() == 2);
  JsonObject run = shortlist::test::line_of_kind(s.record, "run");
  auto inputs = as_array(run.at("inputs"));
  REQUIRE(inputs.size() == 1);
  CHECK(as_object(inputs.front()).at("records").text == "2");
  CHECK(shortlist::test::line_of_kind(s.record, "summary").at("records").text == "2");
}

namespace {

// `n` score rules `each: 999999999999` on one number field.
std::string huge_rules(int n) {
  std::string rules =
      "shortlist: 1\n"
      "call: { id: HUGE }\n"
      "fields:\n"
      "  id:    { column: id }\n"
      "  years: { column: years, type: number }\n"
      "profiles:\n"
      "  - id: p\n"
      "    score:\n";
  for (int i = 1; i <= n; ++i)
    rules += "      - { id: r" + std::to_string(i) + ", field: years, each: 999999999999 }\n";
  return rules;
}

}  // namespace

TEST_CASE("never silently wrong: a score beyond the exact range is review, never wrapped",
          "[cli][v1.1]") {
  // Each rule: 999999999999 x 999999999999 = (10^12 - 1)^2
  //          = 10^24 - 2*10^12 + 1 = 999999999998000000000001 points,
  // about 10^36 units of 10^-12: one product fits a signed 128-bit count
  // (max 2^127 - 1 = 170141183460469231731687303715884105727, about 1.7014e38).
  // 170 of them: 169999999999660000000000170 points = about 1.69999999999660e38
  // units, still below 2^127: exact. 171: about 1.70999999999658e38 units,
  // above 2^127 - 1: the sum leaves the range.
  const std::string product = "999999999998000000000001";
  {
    TempDir dir;
    Screened s = screen(dir, huge_rules(170), "a.csv", "id,years\nH1,999999999999\n");
    JsonObject d = decision(s, "a.csv:2", "p");
    check_score_rank(d, "shortlisted", "169999999999660000000000170", "1");
    CHECK(points_of(d, "r1").str("points") == product);
    CHECK(points_of(d, "r170").str("points") == product);
  }
  {
    TempDir dir;
    Screened s = screen(dir, huge_rules(171), "a.csv", "id,years\nH1,999999999999\n");
    JsonObject d = decision(s, "a.csv:2", "p");
    check_unranked(d, "review");
    CHECK(d.at("score").is_null());  // no wrapped (negative) or rounded score
    CHECK(d.str("reason") == "score out of range");
    CHECK(points_of(d, "r171").str("points") == product);
    CHECK(s.shortlist == "profile,rank,id,score,status\n");
  }
}

TEST_CASE("never silently wrong: --strict counts records that match no profile",
          "[cli][v1.1]") {
  TempDir dir;
  dir.write("rules.yaml", kSmallRules);
  // K1 is dev's; K2 and K3 (sales) match no profile.
  dir.write("a.csv",
            "id,name,track,years\n"
            "K1,Ann,dev,3\n"
            "K2,Bo,sales,4\n"
            "K3,Cy,sales,5\n");
  RunResult plain = shortlist::test::run_shortlist("screen -r rules.yaml a.csv -o s.csv", dir.path());
  INFO("plain stderr: " << plain.err);
  CHECK(plain.exit_code == 0);
  RunResult strict =
      shortlist::test::run_shortlist("screen --strict -r rules.yaml a.csv -o s.csv", dir.path());
  INFO("strict stderr: " << strict.err);
  CHECK(strict.exit_code == 1);
  // The lines --strict adds to standard error: one names no-profile and its count, 2.
  Strings plain_lines = shortlist::test::split_lines(plain.err);
  bool found = false;
  for (const auto& line : shortlist::test::split_lines(strict.err)) {
    if (std::find(plain_lines.begin(), plain_lines.end(), line) != plain_lines.end()) continue;
    if (contains(line, "no-profile") && contains(line, "2")) found = true;
  }
  CHECK(found);
}

TEST_CASE("never silently wrong: a zero-width space between two words breaks them",
          "[cli][v1.1]") {
  TempDir dir;
  const std::string rules = R"(shortlist: 1
call: { id: ZWSP }
fields:
  id: { column: id }
  cv: { column: cv, type: text }
profiles:
  - id: p
    score:
      - { id: ml, field: cv, count_phrases: [machine learning], each: 5 }
)";
  // "machine" U+200B (E2 80 8B) "learning": two words, the phrase: 1 x 5 = 5.
  Screened s = screen(dir, rules, "a.csv",
                      "id,cv\n"
                      "Z1,machine\xE2\x80\x8Blearning\n");
  JsonObject d = decision(s, "a.csv:2", "p");
  CHECK(points_of(d, "ml").str("points") == "5");
  check_score_rank(d, "shortlisted", "5", "1");
}

// ---------------------------------------------------------------------------
// 8. The sample call's own rules rejected qualified applicants. The same
// values, through rules/eu-ai-office-2024.yaml: each rule the issue named
// now passes. The other cells are chosen to pass every other rule, so that
// each row tests one thing.

TEST_CASE("never silently wrong: the sample call's rules read these applications fairly",
          "[cli][v1.1]") {
  TempDir dir;
  const std::string header =
      "applicant_id,full_name,email,nationality,submitted_at,profile,degree,"
      "years_ai_experience,skills,cv_summary,languages,work_experience_years,"
      "coordination_years,interest_in_ai\n";
  // A specialist's row: skills, CV, years and profile vary.
  const auto tech = [](const std::string& id, const std::string& profile,
                       const std::string& years, const std::string& skills,
                       const std::string& cv) {
    return id + ",Ann," + id + "@example.eu,FR,2024-03-20T10:00:00Z," + profile + ",MSc," +
           years + "," + skills + ",\"" + cv + "\",French,,,\n";
  };
  // An assistant's row: nationality blank, so that only the languages can
  // pass eu-language (a national of a Member State passes it anyway).
  const auto assistant = [](const std::string& id, const std::string& profile,
                            const std::string& languages) {
    return id + ",Bea," + id + "@example.eu,,2024-03-20T10:00:00Z," + profile +
           ",BA,,,Procurement and events.," + languages + ",4,2,yes\n";
  };
  const std::string csv =
      header +
      tech("E1", "tech-specialist", "4", "Computer vision;NLP;Neural networks",
           "Neural networks for computer vision in radiology.") +              // line 2
      tech("E2", "tech-specialist", "4", "ML;DL",
           "Senior ML engineer (LLMs, transformers)") +                       // line 3
      tech("E3", "tech-specialist", "8", "Python",
           "Huit ans d'apprentissage automatique et d'apprentissage profond") +  // line 4
      tech("E4", "tech-specialist", "4", "PyTorch",
           "Model evaluation for banks. Publications: see attached list") +    // line 5
      tech("E5", "tech-specialist", "4", "PyTorch",
           "PhD in deep learning, to be completed in June 2024") +             // line 6
      tech("E6", "tech-specialist", "5+", "PyTorch", "Deep learning engineer") +    // line 7
      tech("E7", "tech-specialist", "5 years", "PyTorch", "Deep learning engineer") +  // line 8
      tech("E8", "Tech-Specialist", "4", "PyTorch", "Deep learning engineer") +     // line 9
      tech("E9", "tech specialist", "4", "PyTorch", "Deep learning engineer") +     // line 10
      assistant("E10", "admin-assistant", "English (C1);French (B2)") +            // line 11
      assistant("E11", "admin-assistant", "Ελληνικά;Αγγλικά") +                     // line 12
      assistant("E12", "Assistant", "English");                                    // line 13
  dir.write("rules.yaml", read_file(shortlist::test::source_dir() / "rules/eu-ai-office-2024.yaml"));
  dir.write("a.csv", csv);
  RunResult r = shortlist::test::run_shortlist(
      "screen -q -r rules.yaml a.csv -o s.csv --decisions d.jsonl", dir.path());
  INFO("stderr: " << r.err);
  REQUIRE(r.exit_code == 0);
  Screened s;
  s.record = shortlist::test::parse_json_lines(read_file(dir.path() / "d.jsonl"));
  s.decisions = shortlist::test::decision_lines(s.record);

  // ai-field: each skills list or CV names one of the call's AI areas.
  for (const char* source : {"a.csv:2", "a.csv:3", "a.csv:4"}) {
    INFO(source);
    CHECK(check_of(decision(s, source, "tech-specialist"), "ai-field").str("outcome") == "pass");
  }
  // cv-provided: a summary that merely contains a placeholder's words.
  for (const char* source : {"a.csv:5", "a.csv:6"}) {
    INFO(source);
    CHECK(check_of(decision(s, source, "tech-specialist"), "cv-provided").str("outcome") ==
          "pass");
  }
  // ai-experience: "5+" and "5 years" are 5 years (suffixes).
  for (const char* source : {"a.csv:7", "a.csv:8"}) {
    INFO(source);
    JsonObject c = check_of(decision(s, source, "tech-specialist"), "ai-experience");
    CHECK(c.str("outcome") == "pass");
    CHECK(c.str("value") == "5");
  }
  // Profiles read loosely: each of these rows is screened by its profile,
  // and every one of E1-E9 passes every rule of it (none is ineligible).
  for (int line = 2; line <= 10; ++line) {
    const std::string source = "a.csv:" + std::to_string(line);
    INFO(source);
    CHECK(decision(s, source, "tech-specialist").str("status") != "ineligible");
  }
  // eu-language: levels in brackets and names in Greek are official EU
  // languages; E12's "Assistant" reaches the assistants' profile.
  for (const char* source : {"a.csv:11", "a.csv:12", "a.csv:13"}) {
    INFO(source);
    JsonObject d = decision(s, source, "admin-assistant");
    CHECK(check_of(d, "eu-language").str("outcome") == "pass");
    // The blank nationality sends them to review, never to ineligible.
    CHECK(d.str("status") == "review");
    CHECK(d.str("reason") == "undetermined: eu-citizen");
  }
}
