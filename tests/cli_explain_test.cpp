// End-to-end tests of `shortlist explain`: the sample call is screened once
// per test, and the explanations are checked against the decision record,
// which the test parses on its own with simdjson, and against sentences
// worked out by hand from samples/applicants.csv and
// rules/eu-ai-office-2024.yaml (tests/data/eu_ai_office_2024_expected.md
// gives the reasoning per record): values as written and as read, times in
// the call's zone with the deadline itself, what counted in each score rule,
// --source, the rules found beside the decision record, and the warning when
// a recorded decision is not what the rules give its record.
#include <simdjson.h>
#include <catch2/catch.hpp>

#include <cstdint>
#include <map>
#include <cctype>
#include <filesystem>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "test_support.hpp"

namespace {

using shortlist::test::read_file;
using shortlist::test::run_shortlist;
using shortlist::test::shell_quote;
using shortlist::test::source_dir;
using shortlist::test::TempDir;

// Screens the samples from the project folder, so that the run line records
// the rules as "rules/eu-ai-office-2024.yaml", and returns the record's path.
std::string screen_samples(const TempDir& dir) {
  std::string decisions = (dir.path() / "decisions.jsonl").string();
  auto r = run_shortlist("screen -q -r rules/eu-ai-office-2024.yaml samples/applicants.csv "
                         "--decisions " + shell_quote(decisions),
                         source_dir());
  REQUIRE(r.exit_code == 0);
  return decisions;
}

struct Check {
  std::string rule, outcome, value;
};

struct Decision {
  std::string profile, status, reason;
  std::vector<Check> checks;
};

std::string member(simdjson::dom::element e, const char* key) {
  std::string_view s;
  return e[key].get_string().get(s) ? std::string() : std::string(s);
}

// The decision lines of the record, by applicant id.
std::map<std::string, std::vector<Decision>> decisions_by_id(const std::string& path) {
  std::map<std::string, std::vector<Decision>> out;
  simdjson::dom::parser parser;
  std::istringstream in(read_file(path));
  std::string line;
  while (std::getline(in, line)) {
    simdjson::dom::element e = parser.parse(line);
    if (member(e, "kind") != "decision" || member(e, "id").empty()) continue;
    Decision d{member(e, "profile"), member(e, "status"), member(e, "reason"), {}};
    for (auto c : e["checks"].get_array())
      d.checks.push_back({member(c, "rule"), member(c, "outcome"), simdjson::minify(c["value"])});
    out[member(e, "id")].push_back(d);
  }
  return out;
}

// The opening words of the sentence each status gets.
std::string status_words(const std::string& status) {
  static const std::map<std::string, std::string> kWords = {
      {"shortlisted", "Shortlisted for "}, {"reserve", "On the reserve list for "},
      {"below-cutoff", "Eligible for "}, {"ineligible", "Not eligible for "},
      {"review", "For review by a person"}, {"duplicate", "Not screened for "},
      {"no-profile", "Matched no profile: "}};
  return kWords.at(status);
}

// A decimal string as an integer count of millionths ("7.5" -> 7500000).
std::int64_t millionths(const std::string& s) {
  auto dot = s.find('.');
  std::string whole = s.substr(0, dot);
  std::string frac = dot == std::string::npos ? "" : s.substr(dot + 1);
  REQUIRE(frac.size() <= 6);
  frac.append(6 - frac.size(), '0');
  return std::stoll(whole) * 1000000 + std::stoll(frac);
}

std::string explain(const std::string& decisions, const std::string& id) {
  auto r = run_shortlist("explain " + shell_quote(decisions) + " --id " + id, source_dir());
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.empty());
  return r.out;
}

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// Hand-worked statuses of the samples: (id, profile) -> status.
std::multimap<std::string, std::pair<std::string, std::string>> expected_statuses() {
  std::multimap<std::string, std::pair<std::string, std::string>> out;
  std::istringstream in(read_file(source_dir() / "tests/data/eu_ai_office_2024_expected.tsv"));
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::vector<std::string> cells;
    std::stringstream row(line);
    std::string cell;
    while (std::getline(row, cell, '\t')) cells.push_back(cell);
    if (cells.size() >= 4) out.emplace(cells[1], std::make_pair(cells[2], cells[3]));
  }
  return out;
}

const char* kTech = "\"Technology specialist (contract agent, FG IV)\"";

}  // namespace

TEST_CASE("explain names every failed or undetermined rule and the value read, for every applicant",
          "[cli][explain]") {
  TempDir dir;
  std::string decisions = screen_samples(dir);
  auto by_id = decisions_by_id(decisions);
  REQUIRE(by_id.size() >= 60);  // the samples hold 68 records, one id repeated
  for (const auto& [id, list] : by_id) {
    INFO("id " << id);
    auto r = run_shortlist("explain " + shell_quote(decisions) + " --id " + shell_quote(id),
                           source_dir());
    REQUIRE(r.exit_code == 0);
    CHECK(r.err.empty());  // the recorded rules are found and unchanged
    for (const auto& d : list) {
      std::string profile = d.profile.empty() ? "(no profile)" : d.profile;
      CHECK(r.out.find(profile + ": " + status_words(d.status)) != std::string::npos);
      for (const auto& c : d.checks) {
        if (c.outcome == "pass") continue;
        INFO("rule " << c.rule << " " << c.outcome);
        CHECK(r.out.find(c.rule) != std::string::npos);
        // A rule that decided is named in the decision's sentence, "(rule ID)".
        bool deciding = (d.status == "ineligible" && c.outcome == "fail") ||
                        d.reason.find(c.rule) != std::string::npos;
        if (deciding) CHECK(r.out.find("(rule " + c.rule + ")") != std::string::npos);
      }
    }
  }
}

TEST_CASE("explain of a shortlisted applicant gives rank, score and points that add up",
          "[cli][explain]") {
  TempDir dir;
  std::string decisions = screen_samples(dir);
  // tests/data/eu_ai_office_2024_expected.tsv: AIO-0005 is tech-specialist rank 1,
  // score 31; ten tech specialists are shortlisted; the rules say min_score 8, top 10.
  auto text = run_shortlist("explain " + shell_quote(decisions) + " --id AIO-0005", source_dir());
  REQUIRE(text.exit_code == 0);
  CHECK(text.out.find("tech-specialist: Shortlisted for \"Technology specialist (contract agent, "
                      "FG IV)\": rank 1 of the 10 shortlisted, with a score of 31 (the cut-off "
                      "is 8).") != std::string::npos);

  auto json = run_shortlist("explain " + shell_quote(decisions) + " --id AIO-0005 --format json",
                            source_dir());
  REQUIRE(json.exit_code == 0);
  simdjson::dom::parser parser;
  simdjson::dom::element doc = parser.parse(json.out);
  bool found = false;
  for (auto d : doc["decisions"].get_array()) {
    if (member(d, "profile") != "tech-specialist") continue;
    found = true;
    std::int64_t total = 0;
    for (auto p : d["points"].get_array()) total += millionths(member(p, "points"));
    CHECK(total == millionths("31"));
    CHECK(member(d, "score") == "31");
    CHECK(member(d, "cutoff") == "8");
    CHECK(std::int64_t(d["rank"]) == 1);
    CHECK(std::int64_t(d["shortlisted"]) == 10);
    CHECK(std::int64_t(d["top"]) == 10);
  }
  CHECK(found);
}

TEST_CASE("explain --format json prints one JSON object", "[cli][explain]") {
  TempDir dir;
  std::string decisions = screen_samples(dir);
  auto r = run_shortlist("explain " + shell_quote(decisions) + " --id AIO-0006 --format json",
                         source_dir());
  REQUIRE(r.exit_code == 0);
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  REQUIRE_FALSE(parser.parse(r.out).get(doc));  // one document: trailing text is an error
  REQUIRE(doc.is_object());
  CHECK(member(doc, "id") == "AIO-0006");
  // AIO-0006 is a US national: ineligible as a tech specialist (expected.tsv).
  simdjson::dom::element first = doc["decisions"].at(0);
  CHECK(member(first, "status") == "ineligible");
  CHECK(member(first, "summary") ==
        "Not eligible for \"Technology specialist (contract agent, FG IV)\": \"Citizen of an EU "
        "Member State\" (rule eu-citizen) is not met: nationality was written \"US\", read as "
        "United States (US). If a value was read wrongly, ask for a review: a person can "
        "correct it.");
}

TEST_CASE("explain without the recorded rules warns and names rules by id", "[cli][explain]") {
  TempDir dir;
  std::string decisions = screen_samples(dir);
  // Run from the temporary folder: the recorded relative rules path is not there.
  auto r = run_shortlist("explain decisions.jsonl --id AIO-0006", dir.path());
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.find("shortlist: warning: the rules are not available") != std::string::npos);
  CHECK(r.out.find("tech-specialist: Not eligible for \"tech-specialist\": rule eu-citizen is "
                   "not met: the value was written \"US\". If a value") != std::string::npos);
  CHECK(r.out.find("  Not checked against the rules: the rules are not at hand.\n") !=
        std::string::npos);
  // With -r the texts come back.
  auto with = run_shortlist("explain decisions.jsonl --id AIO-0006 -r " +
                                shell_quote((source_dir() / "rules/eu-ai-office-2024.yaml").string()),
                            dir.path());
  REQUIRE(with.exit_code == 0);
  CHECK(with.err.empty());
  CHECK(with.out.find("\"Citizen of an EU Member State\" (rule eu-citizen)") != std::string::npos);
}

TEST_CASE("explain exit codes: unknown id 1, unreadable record 4, usage 2", "[cli][explain]") {
  TempDir dir;
  std::string decisions = screen_samples(dir);
  auto unknown = run_shortlist("explain " + shell_quote(decisions) + " --id NOBODY", source_dir());
  CHECK(unknown.exit_code == 1);
  CHECK(unknown.err.find("shortlist: error: no decision for id 'NOBODY' in ") != std::string::npos);
  auto missing = run_shortlist("explain no-such-file.jsonl --id AIO-0005", dir.path());
  CHECK(missing.exit_code == 4);
  dir.write("bad.jsonl", "{\"kind\":\"run\"}\nnot json\n");
  auto bad = run_shortlist("explain bad.jsonl --id AIO-0005", dir.path());
  CHECK(bad.exit_code == 4);
  CHECK(bad.err.find("bad.jsonl:2:") != std::string::npos);
  CHECK(run_shortlist("explain " + shell_quote(decisions), source_dir()).exit_code == 2);
  CHECK(run_shortlist("explain " + shell_quote(decisions) + " --id AIO-0005 --format xml",
                      source_dir())
            .exit_code == 2);
}

TEST_CASE("explain words a hand-written record without its rules", "[cli][explain]") {
  TempDir dir;
  dir.write("d.jsonl",
            "{\"kind\":\"run\",\"rules\":{\"path\":\"gone.yaml\",\"sha256\":\"00\"}}\n"
            "{\"kind\":\"decision\",\"source\":\"a.csv:2\",\"id\":\"X1\",\"profile\":\"p\","
            "\"status\":\"review\",\"score\":\"3.25\",\"rank\":null,\"checks\":["
            "{\"rule\":\"r1\",\"outcome\":\"pass\",\"value\":\"a\"},"
            "{\"rule\":\"both\",\"outcome\":\"missing\",\"value\":{\"skills\":null,\"cv\":null}}],"
            "\"points\":[{\"rule\":\"s1\",\"points\":\"1.25\"},"
            "{\"rule\":\"s2\",\"points\":\"0\",\"outcome\":\"missing\"}],"
            "\"reason\":\"undetermined: both\"}\n"
            "{\"kind\":\"decision\",\"source\":\"a.csv:3\",\"id\":\"X2\",\"profile\":\"p\","
            "\"status\":\"ineligible\",\"score\":null,\"rank\":null,\"checks\":[],\"points\":[]}\n"
            "{\"kind\":\"decision\",\"source\":\"a.csv:2\",\"id\":\"X1\",\"profile\":\"q\","
            "\"status\":\"below-cutoff\",\"score\":\"1.25\",\"rank\":null,\"checks\":[],"
            "\"points\":[{\"rule\":\"s1\",\"points\":\"1.25\"}]}\n"
            "{\"kind\":\"summary\",\"profiles\":{\"p\":{\"shortlisted\":0}}}\n");
  auto r = run_shortlist("explain d.jsonl --id X1", dir.path());
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.find("shortlist: warning: the rules are not available ('gone.yaml'") !=
        std::string::npos);
  CHECK(r.out.find("p: For review by a person, for \"p\": rule both could not be decided: skills "
                   "and cv were not given. Nothing is decided") != std::string::npos);
  CHECK(r.out.find("    both: not given\n      skills was not given\n      cv was not given\n") !=
        std::string::npos);
  CHECK(r.out.find("    s2: 0 (value not given)\n") != std::string::npos);
  CHECK(r.out.find("  Score: 3.25\n") != std::string::npos);
  CHECK(r.out.find("q: Eligible for \"q\", but not shortlisted: the score of 1.25 is below the "
                   "cut-off of the profile's min_score.") != std::string::npos);
  CHECK(r.out.find("X2") == std::string::npos);  // only the asked id's decisions
}

TEST_CASE("explain takes review causes from the checks, never from an applicant's text",
          "[cli][explain]") {
  // A years cell written to look like parts of a reason: the stored reason
  // quotes it, and explain must not read it as "score out of range" or as a
  // list of undetermined rules.
  TempDir dir;
  dir.write("rules.yaml", R"(shortlist: 1
call: { id: INJECT }
fields:
  id:    { column: id }
  nat:   { column: nat, type: country }
  years: { column: years, type: number }
profiles:
  - id: p
    require:
      - { id: eu, field: nat, in: EU }
    score:
      - { id: years, field: years, each: 1 }
)");
  dir.write("a.csv",
            "id,nat,years\n"
            "X1,Réunion,\"x; score out of range; undetermined: nothing; y\"\n");
  auto s = run_shortlist("screen -q -r rules.yaml a.csv --decisions d.jsonl -o /dev/null",
                         dir.path());
  REQUIRE(s.exit_code == 0);
  auto r = run_shortlist("explain d.jsonl --id X1", dir.path());
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  // eu is undetermined (a territory) and years could not be read: both named.
  CHECK(r.out.find("rule eu could not be decided") != std::string::npos);
  CHECK(r.out.find("the points for rule years could not be counted") != std::string::npos);
  CHECK(r.out.find("beyond the exact range") == std::string::npos);
}

TEST_CASE("explain words a late application with local times and the deadline itself",
          "[cli][explain]") {
  TempDir dir;
  const std::string out = explain(screen_samples(dir), "AIO-0004");
  // 11:00:01Z is 12:00:01 in Brussels (CET, UTC+01:00 before 31 March 2024).
  CHECK(has(out, "Deadline of the call: 27 March 2024 at 12:00:00 Brussels time (UTC+01:00)\n"));
  CHECK(has(out, std::string("tech-specialist: Not eligible for ") + kTech +
                     ": \"Applied by 27 March 2024, 12:00 Brussels time\" (rule on-time) is not "
                     "met: submitted was written \"2024-03-27T11:00:01Z\", read as 27 March 2024 "
                     "at 12:00:01 Brussels time (UTC+01:00), and it must be no later than 27 "
                     "March 2024 at 12:00:00 Brussels time (UTC+01:00), the call's deadline. If "
                     "a value was read wrongly, ask for a review: a person can correct it.\n"));
  // The value as written and as read: a country by its name, not a code alone.
  CHECK(has(out, "      nationality was written \"România\", read as Romania (RO)\n"));
  CHECK(has(out, "    on-time (Applied by 27 March 2024, 12:00 Brussels time): not met\n"));
  CHECK(has(out, "  Checked: screened again, this record gets the same decision"));
}

TEST_CASE("explain shows a time written with another offset in the call's zone",
          "[cli][explain]") {
  TempDir dir;
  const std::string out = explain(screen_samples(dir), "AIO-0005");
  // 12:59 at +02:00 is 10:59Z, 11:59 in Brussels: on time.
  CHECK(has(out, "      submitted was written \"2024-03-27T12:59:00+02:00\", read as 27 March "
                 "2024 at 11:59:00 Brussels time (UTC+01:00)\n"));
  CHECK(has(out, "      required: no later than 27 March 2024 at 12:00:00 Brussels time "
                 "(UTC+01:00), the call's deadline\n"));
  CHECK(has(out, "      nationality was written \"Sverige\", read as Sweden (SE)\n"));
}

TEST_CASE("explain says what counted in each score rule and what did not", "[cli][explain]") {
  TempDir dir;
  const std::string out = explain(screen_samples(dir), "AIO-0001");
  // tests/data/eu_ai_office_2024_expected.md, line 2: 4 + 9 + 6 = 19, rank 5.
  CHECK(has(out, std::string("tech-specialist: Shortlisted for ") + kTech +
                     ": rank 5 of the 10 shortlisted, with a score of 19 (the cut-off is 8).\n"));
  CHECK(has(out, "    ai-skills (Skills in the call's AI areas, 2 points each, up to 10): 4\n"
                 "      counted: \"Machine Learning\", \"PyTorch\"\n"
                 "      not counted: \"Red teaming\" (not in the rule's list)\n"
                 "      skills: 2 × 2 = 4\n"));
  CHECK(has(out, "    asset-testing-evaluation (Strong asset - model testing and evaluation): 3\n"
                 "      found: \"model evaluation\"\n"));
  CHECK(has(out, "    asset-bias (Strong asset - bias): 3\n      found: \"bias\"\n"));
  CHECK(has(out, "    asset-alignment (Strong asset - alignment): 0\n"
                 "      none of its phrases was found\n"));
  CHECK(has(out, "    years (One point a year of AI experience up to 10): 6\n"
                 "      ai_years: 6 × 1 = 6\n"));
  // The doctorate rule reads no phrases: nothing beyond its points.
  CHECK(has(out, "    doctorate (Doctorate): 0\n  Score: 19"));
}

TEST_CASE("explain words a review with the value that could not be read", "[cli][explain]") {
  TempDir dir;
  const std::string out = explain(screen_samples(dir), "AIO-0011");
  // "Bachelor of Magic" is no scale entry nor alias (expected.md, line 12).
  CHECK(has(out, std::string("tech-specialist: For review by a person, for ") + kTech +
                     ": \"University degree (at least three years of studies)\" (rule degree) "
                     "could not be decided: degree was written \"Bachelor of Magic\", which could "
                     "not be read ("));
  CHECK(has(out, "the points for \"Doctorate\" (rule doctorate) could not be counted: degree was "
                 "written \"Bachelor of Magic\", which could not be read ("));
  CHECK(has(out, "Nothing is decided until a person checks this; a corrected value can be "
                 "screened again.\n"));
}

TEST_CASE("explain for every sample applicant reads as sentences a person can act on",
          "[cli][explain]") {
  TempDir dir;
  const std::string decisions = screen_samples(dir);
  const auto expected = expected_statuses();
  REQUIRE(expected.size() == 70);
  // What each status's sentence must tell the reader to act on.
  const std::map<std::string, std::vector<std::string>> kMust = {
      {"shortlisted", {"Shortlisted for ", "rank ", "with a score of "}},
      {"reserve", {"On the reserve list for ", "after the ", "can be if a shortlisted one"}},
      {"below-cutoff", {"Eligible for ", "below the cut-off of "}},
      {"ineligible", {"Not eligible for ", " is not met: ", "ask for a review"}},
      {"review", {"For review by a person", "Nothing is decided until a person checks"}},
      {"no-profile", {"Matched no profile: ", "a person can assign it to a profile"}},
  };
  std::set<std::string> ids;
  for (const auto& [id, _] : expected) ids.insert(id);
  for (const std::string& id : ids) {
    INFO("id " << id);
    const std::string out = explain(decisions, id);
    auto range = expected.equal_range(id);
    for (auto it = range.first; it != range.second; ++it) {
      const std::string profile = it->second.first == "null" ? "(no profile)" : it->second.first;
      const std::string& status = it->second.second;
      INFO("profile " << profile << ", status " << status);
      // The sentence is the line that begins with the profile.
      const std::size_t at = out.find("\n" + profile + ": ");
      REQUIRE(at != std::string::npos);
      const std::string sentence =
          out.substr(at + profile.size() + 3, out.find('\n', at + 1) - at - profile.size() - 3);
      CHECK(std::isupper(static_cast<unsigned char>(sentence.front())));
      CHECK(sentence.back() == '.');
      if (kMust.count(status))
        for (const auto& words : kMust.at(status)) CHECK(has(sentence, words));
      // No machine forms: no JSON, no bare UTC instants, no profile id alone.
      CHECK_FALSE(has(sentence, "[\""));
      CHECK_FALSE(has(sentence, "{\""));
      CHECK_FALSE(std::regex_search(sentence, std::regex(R"(read as \d{4}-\d\d-\d\dT)")));
    }
    CHECK(has(out, "Checked: screened again"));
    CHECK_FALSE(has(out, "WARNING"));
  }
}

TEST_CASE("explain --source finds a record without an id", "[cli][explain]") {
  TempDir dir;
  std::string csv = read_file(source_dir() / "samples/applicants.csv");
  // Line 3 is AIO-0002: remove its id.
  csv.replace(csv.find("AIO-0002,"), 9, ",");
  dir.write("a.csv", csv);
  std::filesystem::copy_file(source_dir() / "rules/eu-ai-office-2024.yaml",
                             dir.path() / "rules.yaml");
  auto s = run_shortlist("screen -q -r rules.yaml a.csv --decisions d.jsonl -o /dev/null",
                         dir.path());
  REQUIRE(s.exit_code == 0);
  auto r = run_shortlist("explain d.jsonl --source a.csv:3", dir.path());
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(has(r.out, "Applicant without an id\n"));
  CHECK(has(r.out, std::string("tech-specialist: For review by a person, for ") + kTech +
                       ": the application has no id, so it cannot be tied to a person"));
  CHECK(has(r.out, "  Record: a.csv:3, status review\n"));
  auto none = run_shortlist("explain d.jsonl --source a.csv:999", dir.path());
  CHECK(none.exit_code == 1);
  CHECK(has(none.err, "no decision for source 'a.csv:999'"));
  // One of --id and --source, not both, not neither.
  CHECK(run_shortlist("explain d.jsonl --id X --source a.csv:3", dir.path()).exit_code == 2);
  CHECK(run_shortlist("explain d.jsonl", dir.path()).exit_code == 2);
}

TEST_CASE("explain finds the rules and inputs beside the decision record", "[cli][explain]") {
  TempDir dir;
  std::filesystem::create_directories(dir.path() / "run" / "in");
  std::filesystem::copy_file(source_dir() / "rules/eu-ai-office-2024.yaml",
                             dir.path() / "run" / "rules.yaml");
  std::filesystem::copy_file(source_dir() / "samples/applicants.csv",
                             dir.path() / "run" / "in" / "applicants.csv");
  auto s = run_shortlist("screen -q -r rules.yaml in/applicants.csv --decisions d.jsonl "
                         "-o /dev/null",
                         dir.path() / "run");
  REQUIRE(s.exit_code == 0);
  // The auditor keeps the record, the rules and the input together in one
  // folder, and runs explain from elsewhere.
  std::filesystem::create_directories(dir.path() / "kept");
  for (const char* f : {"d.jsonl", "rules.yaml", "in/applicants.csv"})
    std::filesystem::copy_file(dir.path() / "run" / f,
                               dir.path() / "kept" / std::filesystem::path(f).filename());
  std::filesystem::remove_all(dir.path() / "run");
  auto r = run_shortlist("explain kept/d.jsonl --id AIO-0001", dir.path());
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.empty());
  CHECK(has(r.out, "      counted: \"Machine Learning\", \"PyTorch\"\n"));
  CHECK(has(r.out, "  Checked: screened again"));
}

TEST_CASE("explain warns and exits 1 when a recorded decision is not what the rules give",
          "[cli][explain]") {
  TempDir dir;
  const std::string decisions = screen_samples(dir);
  std::string text = read_file(decisions);
  // AIO-0004 is ineligible (late); a hand edit makes it shortlisted.
  const std::size_t line = text.find("\"id\":\"AIO-0004\"");
  REQUIRE(line != std::string::npos);
  const std::size_t status = text.find("\"status\":\"ineligible\"", line);
  REQUIRE(status != std::string::npos);
  text.replace(status, 21, "\"status\":\"shortlisted\"");
  const std::string edited = (dir.path() / "edited.jsonl").string();
  dir.write("edited.jsonl", text);
  // The input and rules are found relative to the project folder.
  auto r = run_shortlist("explain " + shell_quote(edited) + " --id AIO-0004", source_dir());
  INFO(r.out << r.err);
  CHECK(r.exit_code == 1);
  CHECK(has(r.err, "shortlist: warning: samples/applicants.csv:5: tech-specialist: status: "
                   "recorded \"shortlisted\", the rules give \"ineligible\"\n"));
  CHECK(has(r.out, "  WARNING: the recorded decision is not what these rules give this record:\n"
                   "    status: recorded \"shortlisted\", the rules give \"ineligible\"\n"));
  // The unedited record explains without a warning.
  auto clean = run_shortlist("explain " + shell_quote(decisions) + " --id AIO-0004",
                             source_dir());
  CHECK(clean.exit_code == 0);
  CHECK(clean.err.empty());
}

TEST_CASE("explain --format json keeps the words, what counted and the check", "[cli][explain]") {
  TempDir dir;
  const std::string decisions = screen_samples(dir);
  auto r = run_shortlist("explain " + shell_quote(decisions) + " --id AIO-0001 --format json",
                         source_dir());
  REQUIRE(r.exit_code == 0);
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  REQUIRE_FALSE(parser.parse(r.out).get(doc));
  std::string_view s;
  REQUIRE_FALSE(doc["deadline"].get(s));
  CHECK(s == "27 March 2024 at 12:00:00 Brussels time (UTC+01:00)");
  REQUIRE_FALSE(doc["timezone"].get(s));
  CHECK(s == "Europe/Brussels");
  simdjson::dom::element d = doc["decisions"].at(0);
  REQUIRE_FALSE(d["title"].get(s));
  CHECK(s == "Technology specialist (contract agent, FG IV)");
  REQUIRE_FALSE(d.at_pointer("/recheck/state").get(s));
  CHECK(s == "agrees");
  bool checked_nationality = false, checked_skills = false;
  for (auto c : d["checks"].get_array()) {
    if (std::string_view(c["rule"].get_string()) != "eu-citizen") continue;
    auto v = c["values"].at(0);
    CHECK(std::string_view(v["field"].get_string()) == "nationality");
    CHECK(std::string_view(v["written"].get_string()) == "FR;US");
    CHECK(std::string_view(v["read"].get_string()) == "France (FR), United States (US)");
    checked_nationality = true;
  }
  for (auto p : d["points"].get_array()) {
    if (std::string_view(p["rule"].get_string()) != "ai-skills") continue;
    CHECK(simdjson::minify(p["counted"]) == "[\"Machine Learning\",\"PyTorch\"]");
    CHECK(simdjson::minify(p["not_counted"]) ==
          "[{\"item\":\"Red teaming\",\"why\":\"not in the rule's list\"}]");
    CHECK(std::string_view(p["calculation"].get_string()) == "2 × 2 = 4");
    CHECK(std::string_view(p["text"].get_string()) ==
          "Skills in the call's AI areas, 2 points each, up to 10");
    checked_skills = true;
  }
  CHECK(checked_nationality);
  CHECK(checked_skills);
}

TEST_CASE("explain for every applicant of the other samples reads as sentences too",
          "[cli][explain]") {
  // The messy applicants and the second example's: each decision's sentence
  // opens with its status in words, ends a sentence, holds no JSON, and the
  // record is checked against the rules.
  const std::vector<std::pair<std::string, std::string>> kRuns = {
      {"rules/eu-ai-office-2024.yaml", "samples/messy-applicants.csv"},
      {"rules/hospital-nurses-2025.yaml", "samples/hospital-nurses-2025-applicants.csv"}};
  for (const auto& [rules, input] : kRuns) {
    INFO(input);
    TempDir dir;
    const std::string decisions = (dir.path() / "d.jsonl").string();
    REQUIRE(run_shortlist("screen -q -r " + rules + " " + input + " --decisions " +
                              shell_quote(decisions) + " -o /dev/null",
                          source_dir())
                .exit_code == 0);
    const auto by_id = decisions_by_id(decisions);
    REQUIRE(by_id.size() >= 10);
    for (const auto& [id, list] : by_id) {
      INFO("id " << id);
      const std::string out = explain(decisions, shell_quote(id));
      for (const auto& d : list) {
        const std::string head = "\n" + (d.profile.empty() ? "(no profile)" : d.profile) + ": ";
        const std::size_t at = out.find(head + status_words(d.status));
        REQUIRE(at != std::string::npos);
        const std::string sentence = out.substr(at + 1, out.find('\n', at + 1) - at - 1);
        CHECK(sentence.back() == '.');
        CHECK_FALSE(has(sentence, "[\""));
        CHECK_FALSE(has(sentence, "{\""));
      }
      CHECK(has(out, "Checked: screened again"));
    }
  }
}
