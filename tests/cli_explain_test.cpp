// End-to-end tests of `shortlist explain`: the sample call is screened once
// per test, and the explanations are checked against the decision record,
// which the test parses on its own with simdjson.
#include <simdjson.h>
#include <catch2/catch.hpp>

#include <cstdint>
#include <map>
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
      {"shortlisted", "Shortlisted: rank "}, {"reserve", "In reserve: rank "},
      {"below-cutoff", "Below the cut-off: score "}, {"ineligible", "Not eligible"},
      {"review", "For review"}, {"duplicate", "Not screened: duplicate"},
      {"no-profile", "Matched no profile."}};
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
        CHECK(r.out.find(c.value) != std::string::npos);
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
  CHECK(text.out.find("tech-specialist: Shortlisted: rank 1 of 10 shortlisted, score 31 "
                      "(cut-off 8).") != std::string::npos);

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
        "Not eligible: nationality [\"US\"] did not pass \"Citizen of an EU Member State\" "
        "(rule eu-citizen).");
}

TEST_CASE("explain without the recorded rules warns and names rules by id", "[cli][explain]") {
  TempDir dir;
  std::string decisions = screen_samples(dir);
  // Run from the temporary folder: the recorded relative rules path is not there.
  auto r = run_shortlist("explain decisions.jsonl --id AIO-0006", dir.path());
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.find("shortlist: warning: the rules are not available") != std::string::npos);
  CHECK(r.out.find("tech-specialist: Not eligible: the value [\"US\"] did not pass rule "
                   "eu-citizen.") != std::string::npos);
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
  CHECK(r.out.find("p: For review: rule both could not be decided: skills and cv were missing.\n") !=
        std::string::npos);
  CHECK(r.out.find("    both: missing, read {\"skills\":null,\"cv\":null}\n") != std::string::npos);
  CHECK(r.out.find("    s2: 0 (value missing)\n") != std::string::npos);
  CHECK(r.out.find("  Score: 3.25\n") != std::string::npos);
  CHECK(r.out.find("q: Below the cut-off: score 1.25 is under the profile's min_score.\n") !=
        std::string::npos);
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
  CHECK(r.out.find("score rule years could not be counted") != std::string::npos);
  CHECK(r.out.find("beyond the exact range") == std::string::npos);
}
