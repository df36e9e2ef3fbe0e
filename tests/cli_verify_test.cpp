// End to end: `shortlist verify` (SPEC 5) passes on an untouched run and names
// what changed when one byte of the input, the rules or the decision record did.
//
// The inline applicants and what the rules make of them, worked out by hand
// (one profile, dev: years >= 1, 1 point a year, min_score 2, top 2):
//
//   line id  years  score  rank  status
//    2   A1  5      5      1     shortlisted
//    3   A2  3      3      2     shortlisted
//    4   A3  2      2      3     reserve
//    5   A4  0      -      -     ineligible
//
// With A2's years changed from 3 to 1: A2 scores 1, below the cut-off, and A3
// moves up to rank 2, shortlisted.
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <string>

#include "cli_test_support.hpp"
#include "test_support.hpp"

namespace {

using shortlist::test::read_file;
using shortlist::test::RunResult;
using shortlist::test::sha256_hex;
using shortlist::test::TempDir;

const std::string kRules =
    "shortlist: 1\n"
    "call:\n"
    "  id: VERIFY\n"
    "fields:\n"
    "  id:    { column: id }\n"
    "  years: { column: years, type: number }\n"
    "profiles:\n"
    "  - id: dev\n"
    "    title: Developer\n"
    "    require:\n"
    "      - { id: experienced, field: years, at_least: 1 }\n"
    "    score:\n"
    "      - { id: years, field: years, each: 1 }\n"
    "    shortlist: { min_score: 2, top: 2 }\n";

const std::string kApplicants =
    "id,years\n"
    "A1,5\n"
    "A2,3\n"
    "A3,2\n"
    "A4,0\n";

// A folder with the rules, the applicants and the decision record of a screen run.
struct ScreenedRun {
  TempDir dir;
  ScreenedRun() {
    dir.write("rules.yaml", kRules);
    dir.write("a.csv", kApplicants);
    RunResult r = shortlist::test::run_shortlist(
        "screen -q -r rules.yaml a.csv -o shortlist.csv --decisions decisions.jsonl", dir.path());
    INFO("stderr: " << r.err);
    REQUIRE(r.exit_code == 0);
  }
  RunResult verify() const {
    return shortlist::test::run_shortlist("verify decisions.jsonl -r rules.yaml a.csv",
                                          dir.path());
  }
  // Replaces the one occurrence of `from` in file `name` with `to`.
  void edit(const std::string& name, const std::string& from, const std::string& to) const {
    std::string text = read_file(dir.path() / name);
    auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    REQUIRE(text.find(from, at + 1) == std::string::npos);
    dir.write(name, text.replace(at, from.size(), to));
  }
};

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST_CASE("verify passes on an untouched run", "[cli][verify]") {
  ScreenedRun run;
  RunResult r = run.verify();
  INFO("stdout: " << r.out << "stderr: " << r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out == "verify: OK: 4 decisions reproduce; the rules and 1 input match their hashes\n");
}

// Runs the built binary in `dir` with the rules piped to it: `cat rules.yaml |
// shortlist ARGS`, ARGS naming the rules /dev/stdin. A pipe can be read once.
RunResult run_with_rules_piped(const TempDir& dir, const std::string& args) {
  using shortlist::test::shell_quote;
  const std::string cmd = "cd " + shell_quote(dir.path().string()) + " && cat rules.yaml | " +
                          shell_quote(SHORTLIST_BINARY) + " " + args + " >stdout 2>stderr";
  const int status = std::system(cmd.c_str());
  RunResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = read_file(dir.path() / "stdout");
  r.err = read_file(dir.path() / "stderr");
  return r;
}

TEST_CASE("rules read from a pipe: the record and the summary hash the bytes read, and verify "
          "passes",
          "[cli][verify]") {
  // The rules' SHA-256 is of the bytes the rules were loaded from. Read a
  // second time, a pipe gives nothing: the record named the hash of no bytes
  // (e3b0c442...), which no rules file has.
  TempDir dir;
  dir.write("rules.yaml", kRules);
  dir.write("a.csv", kApplicants);
  RunResult screened = run_with_rules_piped(
      dir, "screen -q -r /dev/stdin a.csv -o shortlist.csv --decisions decisions.jsonl "
           "--summary summary.json");
  INFO("stderr: " << screened.err);
  REQUIRE(screened.exit_code == 0);
  const std::string recorded = "\"sha256\":\"" + sha256_hex(kRules) + "\"";
  const std::string record = read_file(dir.path() / "decisions.jsonl");
  const std::string run_line = record.substr(0, record.find('\n'));
  CHECK(has(run_line, "\"rules\":{\"path\":\"/dev/stdin\"," + recorded + "}"));
  CHECK(has(read_file(dir.path() / "summary.json"), recorded));
  RunResult verified = run_with_rules_piped(dir, "verify decisions.jsonl -r /dev/stdin a.csv");
  INFO("stdout: " << verified.out << "stderr: " << verified.err);
  CHECK(verified.exit_code == 0);
  CHECK(has(verified.out, "verify: OK: 4 decisions reproduce"));
}

TEST_CASE("verify names the input and the decisions after one byte of it changed",
          "[cli][verify]") {
  ScreenedRun run;
  std::string before = sha256_hex(kApplicants);
  run.edit("a.csv", "A2,3", "A2,1");
  std::string after = sha256_hex(read_file(run.dir.path() / "a.csv"));
  RunResult r = run.verify();
  INFO("stdout: " << r.out << "stderr: " << r.err);
  CHECK(r.exit_code == 1);
  CHECK(has(r.out, "a.csv: sha256 differs from the run's (recorded " + before + ", now " +
                       after + ")\n"));
  CHECK(has(r.out, "a.csv:3 (A2, dev): status: recorded \"shortlisted\", recomputed "
                   "\"below-cutoff\"\n"));
  CHECK(has(r.out, "a.csv:3 (A2, dev): score: recorded \"3\", recomputed \"1\"\n"));
  CHECK(has(r.out, "a.csv:4 (A3, dev): status: recorded \"reserve\", recomputed "
                   "\"shortlisted\"\n"));
  CHECK(has(r.out, "a.csv:4 (A3, dev): rank: recorded 3, recomputed 2\n"));
  CHECK(has(r.out, "summary: profiles.dev.reserve: recorded 1, recomputed 0\n"));
  // The verdict, last: the input's hash, A2 and A3, and the summary's reserve
  // (1 -> 0) and below-cutoff (0 -> 1) counts.
  CHECK(r.out.ends_with("\nverify: FAILED: changed since the run (SHA-256): a.csv; 2 of 4 decisions "
                        "differ; the summary line (2 fields)\n"));
}

TEST_CASE("verify names the rules file after one byte of it changed", "[cli][verify]") {
  ScreenedRun run;
  // The profile's title is not in the decision record: only the hash tells.
  run.edit("rules.yaml", "Developer", "DevelopeR");
  RunResult r = run.verify();
  INFO("stdout: " << r.out << "stderr: " << r.err);
  CHECK(r.exit_code == 1);
  std::string after = sha256_hex(read_file(run.dir.path() / "rules.yaml"));
  CHECK(r.out == "rules.yaml: sha256 differs from the run's (recorded " + sha256_hex(kRules) +
                     ", now " + after + ")\n"
                     "verify: FAILED: changed since the run (SHA-256): rules.yaml; the 4 "
                     "decisions are the same\n");
}

TEST_CASE("verify names the decision whose recorded status was edited", "[cli][verify]") {
  ScreenedRun run;
  run.edit("decisions.jsonl", "\"status\":\"reserve\"", "\"status\":\"shortlisted\"");
  RunResult r = run.verify();
  INFO("stdout: " << r.out << "stderr: " << r.err);
  CHECK(r.exit_code == 1);
  CHECK(r.out ==
        "a.csv:4 (A3, dev): status: recorded \"shortlisted\", recomputed \"reserve\"\n"
        "verify: FAILED: 1 of 4 decisions differ\n");
}

TEST_CASE("verify pairs decisions by source: a deleted line is one missing decision",
          "[cli][verify]") {
  ScreenedRun run;
  std::string text = read_file(run.dir.path() / "decisions.jsonl");
  auto at = text.find("{\"kind\":\"decision\",\"source\":\"a.csv:3\"");
  REQUIRE(at != std::string::npos);
  text.erase(at, text.find('\n', at) + 1 - at);
  run.dir.write("decisions.jsonl", text);
  RunResult r = run.verify();
  INFO("stdout: " << r.out << "stderr: " << r.err);
  CHECK(r.exit_code == 1);
  CHECK(r.out ==
        "a.csv:3 (A2, dev): recomputed, but missing from the decision record\n"
        "verify: FAILED: 0 of 3 decisions differ, 1 missing from the record\n");
}

TEST_CASE("verify exits 4 when the decision record is missing", "[cli][verify]") {
  ScreenedRun run;
  RunResult r = shortlist::test::run_shortlist("verify nope.jsonl -r rules.yaml a.csv",
                                               run.dir.path());
  CHECK(r.exit_code == 4);
  CHECK(has(r.err, "shortlist: error: nope.jsonl: "));
  CHECK(r.out.empty());
}

TEST_CASE("verify exits 4 when the first line is not a run line", "[cli][verify]") {
  ScreenedRun run;
  run.dir.write("other.jsonl", "{\"kind\":\"summary\",\"records\":0}\n");
  RunResult r = shortlist::test::run_shortlist("verify other.jsonl -r rules.yaml a.csv",
                                               run.dir.path());
  CHECK(r.exit_code == 4);
  CHECK(has(r.err, "shortlist: error: other.jsonl: "));
}

TEST_CASE("verify passes on an untouched screening of the samples", "[cli][verify]") {
  TempDir dir;
  std::string decisions = shortlist::test::shell_quote((dir.path() / "d.jsonl").string());
  std::string args = " -r rules/eu-ai-office-2024.yaml samples/applicants.csv";
  RunResult s = shortlist::test::run_shortlist(
      "screen -q" + args + " -o " +
          shortlist::test::shell_quote((dir.path() / "s.csv").string()) + " --decisions " +
          decisions,
      shortlist::test::source_dir());
  INFO("screen stderr: " << s.err);
  REQUIRE(s.exit_code == 0);
  RunResult r = shortlist::test::run_shortlist("verify " + decisions + args + " --threads 1",
                                               shortlist::test::source_dir());
  INFO("stdout: " << r.out << "stderr: " << r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out.starts_with("verify: OK: 70 decisions reproduce; "));
}

}  // namespace

TEST_CASE("verify pairs JSON array records by line and column", "[cli][verify]") {
  // Two records on one line (sources a.json:2:1 and a.json:2:25: the first
  // object takes 23 bytes and a comma): each is
  // paired with its own recomputed decision, so a change to the second is
  // found there, not on the first.
  TempDir dir;
  dir.write("rules.yaml", kRules);
  dir.write("a.json",
            "[\n"
            "{\"id\":\"J1\",\"years\":\"5\"},{\"id\":\"J2\",\"years\":\"3\"},\n"
            "{\"id\":\"J3\",\"years\":\"0\"}\n"
            "]\n");
  RunResult s = shortlist::test::run_shortlist(
      "screen -q -r rules.yaml a.json --decisions decisions.jsonl", dir.path());
  REQUIRE(s.exit_code == 0);
  RunResult same =
      shortlist::test::run_shortlist("verify decisions.jsonl -r rules.yaml a.json", dir.path());
  INFO(same.out << same.err);
  CHECK(same.exit_code == 0);
  CHECK(same.out == "verify: OK: 3 decisions reproduce; the rules and 1 input match their hashes\n");

  std::string text = read_file(dir.path() / "decisions.jsonl");
  const std::string from = "\"source\":\"a.json:2:25\",\"id\":\"J2\",\"profile\":\"dev\",\"status\":\"shortlisted\"";
  auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  dir.write("decisions.jsonl",
            text.replace(at, from.size(),
                         "\"source\":\"a.json:2:25\",\"id\":\"J2\",\"profile\":\"dev\",\"status\":\"reserve\""));
  RunResult changed =
      shortlist::test::run_shortlist("verify decisions.jsonl -r rules.yaml a.json", dir.path());
  INFO(changed.out);
  CHECK(changed.exit_code == 1);
  CHECK(has(changed.out,
            "a.json:2:25 (J2, dev): status: recorded \"reserve\", recomputed \"shortlisted\"\n"));
  CHECK(changed.out.ends_with("\nverify: FAILED: 1 of 3 decisions differ\n"));
}

TEST_CASE("verify --format github: one annotation per difference, on the file and line",
          "[cli][verify][ci]") {
  ScreenedRun run;
  run.edit("decisions.jsonl", "\"status\":\"reserve\"", "\"status\":\"shortlisted\"");
  run.edit("rules.yaml", "Developer", "DevelopeR");
  RunResult r = shortlist::test::run_shortlist(
      "verify decisions.jsonl -r rules.yaml a.csv --format github", run.dir.path());
  INFO("stdout: " << r.out << "stderr: " << r.err);
  CHECK(r.exit_code == 1);
  const std::string after = sha256_hex(read_file(run.dir.path() / "rules.yaml"));
  // The verdict's "," and ":" stay as they are in a message; only "%", CR
  // and LF are escaped there.
  CHECK(r.out ==
        "::error file=rules.yaml::rules.yaml: sha256 differs from the run's (recorded " +
            sha256_hex(kRules) + ", now " + after + ")\n"
            "::error file=a.csv,line=4::a.csv:4 (A3, dev): status: recorded \"shortlisted\", "
            "recomputed \"reserve\"\n"
            "::error::verify: FAILED: changed since the run (SHA-256): rules.yaml; 1 of 4 decisions "
            "differ\n");
  // Passing: the verdict as a plain line, no annotation.
  run.edit("rules.yaml", "DevelopeR", "Developer");
  run.edit("decisions.jsonl", "\"status\":\"shortlisted\",\"score\":\"2\"",
           "\"status\":\"reserve\",\"score\":\"2\"");
  RunResult ok = shortlist::test::run_shortlist(
      "verify decisions.jsonl -r rules.yaml a.csv --format github", run.dir.path());
  INFO("stdout: " << ok.out << "stderr: " << ok.err);
  CHECK(ok.exit_code == 0);
  CHECK(ok.out == "verify: OK: 4 decisions reproduce; the rules and 1 input match their hashes\n");
}

TEST_CASE("verify --format json: one object with the verdict, counts and differences",
          "[cli][verify][ci]") {
  ScreenedRun run;
  run.edit("decisions.jsonl", "\"status\":\"reserve\"", "\"status\":\"shortlisted\"");
  RunResult r = shortlist::test::run_shortlist(
      "verify decisions.jsonl -r rules.yaml a.csv --format json", run.dir.path());
  INFO("stdout: " << r.out << "stderr: " << r.err);
  CHECK(r.exit_code == 1);
  CHECK(r.err.empty());
  auto o = shortlist::test::parse_object(r.out);
  CHECK(o.str("verdict") == "FAILED");
  CHECK(o.str("summary") == "verify: FAILED: 1 of 4 decisions differ");
  CHECK(o.at("compared").text == "4");
  CHECK(o.at("differ").text == "1");
  CHECK(o.at("missing").text == "0");
  CHECK(o.at("extra").text == "0");
  CHECK(shortlist::test::as_array(o.at("changed_files")).empty());
  auto differences = shortlist::test::as_array(o.at("differences"));
  REQUIRE(differences.size() == 1);
  auto d = shortlist::test::as_object(differences[0]);
  CHECK(d.str("kind") == "field");
  CHECK(d.str("subject") == "a.csv:4 (A3, dev)");
  CHECK(d.str("field") == "status");
  CHECK(d.str("recorded") == "shortlisted");   // the value itself, not its JSON text
  CHECK(d.str("recomputed") == "reserve");
}

TEST_CASE("verify and validate refuse an unknown --format: usage error, exit 2",
          "[cli][verify][ci]") {
  ScreenedRun run;
  RunResult v = shortlist::test::run_shortlist(
      "verify decisions.jsonl -r rules.yaml a.csv --format xml", run.dir.path());
  CHECK(v.exit_code == 2);
  CHECK(has(v.err, "xml"));
  CHECK(v.out.empty());
  RunResult w = shortlist::test::run_shortlist("validate rules.yaml --format xml", run.dir.path());
  CHECK(w.exit_code == 2);
  CHECK(has(w.err, "xml"));
}
