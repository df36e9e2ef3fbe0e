// End to end: inputs built to exhaust the program. A rules file too big, one
// that expands without end (billion laughs) or nests too deep, regexes RE2
// refuses, a regex that backtracks exponentially elsewhere, and numbers of
// absurd magnitude: each gives a clean error or a clean `unreadable`, never a
// crash, a hang, unbounded memory or a rounded number (SPEC 3.5, 3.1;
// docs/behaviour.md, Numbers and Rules files).
#include <sys/wait.h>

#include <catch2/catch.hpp>

#include <cstdlib>

#include "cli_test_support.hpp"
#include "test_support.hpp"

namespace {

namespace fs = std::filesystem;
using shortlist::test::JsonObject;
using shortlist::test::read_file;
using shortlist::test::RunResult;
using shortlist::test::shell_quote;
using shortlist::test::TempDir;

const std::string kRules = R"(shortlist: 1
call:
  id: LIMITS
fields:
  id:    { column: id }
  years: { column: years, type: number }
profiles:
  - id: dev
    require:
      - { id: experienced, field: years, at_least: 2 }
    score:
      - { id: years, field: years, each: 1 }
)";

const std::string kCsv = "id,years\nA1,3\n";

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

bool starts_with(const std::string& text, const std::string& prefix) {
  return text.rfind(prefix, 0) == 0;
}

// Runs the binary in `dir` with its address space limited to 1 GiB
// (`ulimit -v`), so that a run that tried to expand a billion nodes would fail
// instead of finishing. ASan reserves terabytes of address space for its
// shadow memory, so a sanitized build runs without the limit.
RunResult run_limited(const std::string& args, const fs::path& dir) {
#if defined(__SANITIZE_ADDRESS__)
  return shortlist::test::run_shortlist(args, dir);
#else
  TempDir io;
  auto out = io.path() / "stdout";
  auto err = io.path() / "stderr";
  std::string cmd = "cd " + shell_quote(dir.string()) + " && ulimit -v 1048576 && " +
                    shell_quote(SHORTLIST_BINARY) + " " + args + " </dev/null >" +
                    shell_quote(out.string()) + " 2>" + shell_quote(err.string());
  int status = std::system(cmd.c_str());
  RunResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = read_file(out);
  r.err = read_file(err);
  return r;
#endif
}

// The decision lines of `record`, by id.
JsonObject decision_of(const std::vector<JsonObject>& record, const std::string& id) {
  for (const auto& d : shortlist::test::decision_lines(record))
    if (const auto* v = d.find("id"); v && v->is_string() && v->text == id) return d;
  FAIL("no decision for " << id);
  return {};
}

// The one check (or points entry) of a decision.
JsonObject only_item(const JsonObject& decision, const std::string& key) {
  auto items = shortlist::test::as_array(decision.at(key));
  REQUIRE(items.size() == 1);
  return shortlist::test::as_object(items[0]);
}

// Checks that `id`'s years value `literal` was unreadable: kept as written,
// with a reason, deciding nothing and never counting as 0 points (SPEC 3.2
// v1.1: the score rule sends the record to review, and it has no score).
void check_unreadable(const std::vector<JsonObject>& record, const std::string& id,
                      const std::string& literal) {
  INFO("record " << id << ", years " << literal.substr(0, 40));
  JsonObject d = decision_of(record, id);
  // Undetermined under the default on_missing: review.
  CHECK(d.str("status") == "review");
  JsonObject check = only_item(d, "checks");
  CHECK(check.str("rule") == "experienced");
  CHECK(check.str("outcome") == "unreadable");
  CHECK(check.str("value") == literal);
  CHECK_FALSE(check.str("reason").empty());
  JsonObject points = only_item(d, "points");
  CHECK(points.str("outcome") == "unreadable");
  CHECK(points.at("points").is_null());
  CHECK(d.at("score").is_null());
}

}  // namespace

// ---- rules files -----------------------------------------------------------------

TEST_CASE("limits: a rules file over 1 MiB is exit 3, naming the file", "[cli][limits]") {
  // A valid rules file followed by 11,000 comment lines of 100 bytes: 1.1 MB.
  std::string big = kRules;
  for (int i = 0; i < 11000; ++i) big += "#" + std::string(98, 'x') + "\n";
  REQUIRE(big.size() > (1u << 20));
  TempDir dir;
  dir.write("big.yaml", big);
  dir.write("a.csv", kCsv);
  RunResult r = run_limited("screen -r big.yaml a.csv", dir.path());
  INFO("stderr: " << r.err);
  CHECK(r.exit_code == 3);
  CHECK(starts_with(r.err, "big.yaml"));
  CHECK(contains(r.err, "1 MiB"));
  CHECK(r.out.empty());
}

TEST_CASE("limits: billion laughs is exit 3 within 1 GiB of address space", "[cli][limits]") {
  // Nine strings, then nine levels each of nine aliases of the level below:
  // 9^10 (3.5 billion) strings once expanded, tens of GiB as nodes.
  std::string rules =
      "shortlist: 1\n"
      "call:\n"
      "  id: LAUGHS\n"
      "fields:\n"
      "  id: { column: id }\n"
      "sets:\n"
      "  l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  for (int level = 1; level <= 9; ++level) {
    std::string below = "*l" + std::to_string(level - 1);
    std::string name = "l" + std::to_string(level);
    rules += "  " + name + ": &" + name + " [";
    for (int k = 0; k < 9; ++k) rules += (k ? ", " : "") + below;
    rules += "]\n";
  }
  rules += "profiles:\n  - id: dev\n    when: { field: id, in: l9 }\n";
  TempDir dir;
  dir.write("laughs.yaml", rules);
  dir.write("a.csv", kCsv);
  RunResult r = run_limited("screen -r laughs.yaml a.csv", dir.path());
  INFO("stderr: " << r.err);
  CHECK(r.exit_code == 3);
  CHECK(starts_with(r.err, "laughs.yaml:"));
  CHECK(r.out.empty());

  RunResult v = run_limited("validate laughs.yaml", dir.path());
  INFO("validate stderr: " << v.err);
  CHECK(v.exit_code == 3);
  CHECK(contains(v.err, "laughs.yaml:"));

  // The limit itself does not stop an ordinary run.
  dir.write("rules.yaml", kRules);
  RunResult ok = run_limited("screen -r rules.yaml a.csv -q --threads 2", dir.path());
  INFO("ordinary run stderr: " << ok.err);
  CHECK(ok.exit_code == 0);
}

TEST_CASE("limits: a rules file nesting 100 deep is exit 3 at its line", "[cli][limits]") {
  // Line 14 holds a set whose value is 100 nested flow sequences.
  std::string rules = kRules + "sets:\n  deep: " + std::string(100, '[') + "x" +
                      std::string(100, ']') + "\n";
  TempDir dir;
  dir.write("deep.yaml", rules);
  dir.write("a.csv", kCsv);
  RunResult r = run_limited("screen -r deep.yaml a.csv", dir.path());
  INFO("stderr: " << r.err);
  CHECK(r.exit_code == 3);
  CHECK(starts_with(r.err, "deep.yaml:14:"));
  CHECK(r.out.empty());
}

// ---- regular expressions -----------------------------------------------------------

TEST_CASE("limits: regexes RE2 refuses are exit 3 at each regex's line and column",
          "[cli][limits]") {
  const std::string rules =
      "shortlist: 1\n"                                           // 1
      "call:\n"                                                  // 2
      "  id: REGEX\n"                                            // 3
      "fields:\n"                                                // 4
      "  id:   { column: id }\n"                                 // 5
      "  name: { column: name }\n"                               // 6
      "profiles:\n"                                              // 7
      "  - id: dev\n"                                            // 8
      "    require:\n"                                           // 9
      "      - { id: back, field: name, matches: '(a)\\1' }\n"   // 10: the quote is column 43
      "      - { id: ahead, field: name, matches: '(?=a)' }\n";  // 11: column 44
  TempDir dir;
  dir.write("re.yaml", rules);
  dir.write("a.csv", "id,name\nA1,aa\n");
  RunResult r = shortlist::test::run_shortlist("screen -r re.yaml a.csv", dir.path());
  INFO("stderr: " << r.err);
  CHECK(r.exit_code == 3);
  // Both reported in one run (SPEC 3.5).
  CHECK(contains(r.err, "re.yaml:10:43: error: "));
  CHECK(contains(r.err, "re.yaml:11:44: error: "));
  CHECK(contains(r.err, "(a)\\1"));
  CHECK(contains(r.err, "(?=a)"));
  CHECK(r.out.empty());
}

TEST_CASE("limits: (a+)+$ over 100,000 a's ends, with the right outcomes", "[cli][limits]") {
  // A backtracking engine takes exponential time on A1 (a's, then a 'b');
  // RE2 is linear. A1 has no run of a's at the end: fail, ineligible. A2 is
  // all a's: pass, shortlisted with score 0 (there are no score rules).
  const std::string rules =
      "shortlist: 1\n"
      "call:\n"
      "  id: REDOS\n"
      "fields:\n"
      "  id:   { column: id }\n"
      "  name: { column: name }\n"
      "profiles:\n"
      "  - id: dev\n"
      "    require:\n"
      "      - { id: tail, field: name, matches: '(a+)+$' }\n";
  const std::string as(100000, 'a');
  TempDir dir;
  dir.write("redos.yaml", rules);
  dir.write("a.csv", "id,name\nA1," + as + "b\nA2," + as + "\n");
  RunResult r = shortlist::test::run_shortlist(
      "screen -r redos.yaml a.csv -q --decisions d.jsonl", dir.path());
  INFO("stderr: " << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out == "profile,rank,id,score,status\ndev,1,A2,0,shortlisted\n");
  auto record = shortlist::test::parse_json_lines(read_file(dir.path() / "d.jsonl"));
  JsonObject a1 = decision_of(record, "A1");
  CHECK(a1.str("status") == "ineligible");
  CHECK(only_item(a1, "checks").str("outcome") == "fail");
  JsonObject a2 = decision_of(record, "A2");
  CHECK(a2.str("status") == "shortlisted");
  CHECK(only_item(a2, "checks").str("outcome") == "pass");
}

// ---- numbers -----------------------------------------------------------------------

TEST_CASE("limits: CSV numbers of absurd magnitude or form are unreadable, never rounded",
          "[cli][limits]") {
  const std::string digits400(400, '9');
  const std::vector<std::string> literals = {"1e999999999", "1e-999999", digits400, "NaN",
                                             "Infinity",    "-inf",      "0x10"};
  // N0 is a control: 3 years, which passes and scores 3.
  std::string csv = "id,years\nN0,3\n";
  for (std::size_t i = 0; i < literals.size(); ++i)
    csv += "N" + std::to_string(i + 1) + "," + literals[i] + "\n";
  TempDir dir;
  dir.write("rules.yaml", kRules);
  dir.write("n.csv", csv);
  RunResult r = shortlist::test::run_shortlist(
      "screen -r rules.yaml n.csv -q --decisions d.jsonl", dir.path());
  INFO("stderr: " << r.err);
  REQUIRE(r.exit_code == 0);
  auto record = shortlist::test::parse_json_lines(read_file(dir.path() / "d.jsonl"));
  REQUIRE(shortlist::test::decision_lines(record).size() == 8);
  JsonObject n0 = decision_of(record, "N0");
  CHECK(n0.str("status") == "shortlisted");
  CHECK(n0.str("score") == "3");
  for (std::size_t i = 0; i < literals.size(); ++i)
    check_unreadable(record, "N" + std::to_string(i + 1), literals[i]);
}

TEST_CASE("limits: JSON numbers 1e400 and a 400-digit literal are unreadable, not invalid",
          "[cli][limits]") {
  // Both are valid JSON (RFC 8259's grammar has no limit); only the number
  // type cannot hold them. The records are readable, so they are decided, with
  // the field unreadable and the literal kept as written (SPEC 3.1).
  const std::string digits400(400, '1');
  const std::string json = "[\n"
                           "{\"id\": \"J1\", \"years\": 1e400},\n"
                           "{\"id\": \"J2\", \"years\": " + digits400 + "}\n"
                           "]\n";
  TempDir dir;
  dir.write("rules.yaml", kRules);
  dir.write("n.json", json);
  RunResult r = shortlist::test::run_shortlist(
      "screen -r rules.yaml n.json -q --decisions d.jsonl", dir.path());
  INFO("stderr: " << r.err);
  REQUIRE(r.exit_code == 0);
  auto record = shortlist::test::parse_json_lines(read_file(dir.path() / "d.jsonl"));
  auto lines = shortlist::test::decision_lines(record);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0].str("source") == "n.json:2:1");
  CHECK(lines[1].str("source") == "n.json:3:1");
  check_unreadable(record, "J1", "1e400");
  check_unreadable(record, "J2", digits400);
}
