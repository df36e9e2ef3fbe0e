// End to end: nothing is lost (SPEC 4.1, 5). For every input the CLI tests
// use, the records read equal the distinct `source` values among the decision
// lines, the run line's `records` and the summary's `records`; a record that
// cannot be read is an `invalid` decision and a line of the rejects file.
#include <catch2/catch.hpp>

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
  id: ACCOUNTING
fields:
  id:    { column: id }
  name:  { column: name }
  years: { column: years, type: number }
profiles:
  - id: dev
    require:
      - { id: experienced, field: years, at_least: 2 }
    score:
      - { id: years, field: years, each: 1 }
    shortlist:
      min_score: 0
      top: 10
)";

// Line 1 header; 2 fine; 3 too few fields; 4 too many; 5 invalid UTF-8; 6 fine.
const std::string kBadCsv =
    "id,name,years\n"
    "A1,Ann,3\n"
    "A2,Bob\n"
    "A3,Cy,4,extra\n"
    "A4,Di,\xff\xfe\n"
    "A5,Ed,1\n";

// A JSON array: objects start on lines 2 and 4; line 3 holds a number.
const std::string kBadJson =
    "[\n"
    "  {\"id\": \"J1\", \"name\": \"Jo\", \"years\": \"3\"},\n"
    "  42,\n"
    "  {\"id\": \"J2\", \"name\": \"Kim\", \"years\": 5}\n"
    "]\n";

// JSON Lines: 1 fine; 2 not JSON; 3 fine; 4 an array, not an object; 5 invalid UTF-8.
const std::string kBadJsonl =
    "{\"id\":\"L1\",\"name\":\"Lu\",\"years\":\"2\"}\n"
    "{\"id\":\"L2\", \"name\": \n"
    "{\"id\":\"L3\",\"name\":\"Mo\",\"years\":1}\n"
    "[1,2]\n"
    "{\"id\":\"L4\",\"name\":\"N\xff\",\"years\":3}\n";

// What one run gave: exit code, the decision record and the rejects, parsed.
struct Screened {
  RunResult result;
  std::vector<JsonObject> record;
  std::vector<JsonObject> rejects;
};

Screened screen(const fs::path& dir, const std::string& rules, const std::string& inputs) {
  Screened s;
  s.result = shortlist::test::run_shortlist(
      "screen -r " + shell_quote(rules) + " " + inputs +
          " --decisions out/decisions.jsonl --rejects out/rejects.jsonl",
      dir);
  INFO("stderr: " << s.result.err);
  REQUIRE(s.result.exit_code == 0);
  s.record = shortlist::test::parse_json_lines(read_file(dir / "out/decisions.jsonl"));
  s.rejects = shortlist::test::parse_json_lines(read_file(dir / "out/rejects.jsonl"));
  return s;
}

Screened screen_inline(const TempDir& dir, const std::string& name, const std::string& bytes) {
  dir.write("rules.yaml", kRules);
  dir.write(name, bytes);
  fs::create_directories(dir.path() / "out");
  return screen(dir.path(), "rules.yaml", shell_quote(name));
}

// records read = distinct sources = run line's records (summed) = summary's records.
void check_nothing_lost(const Screened& s, std::int64_t expected_records) {
  auto sources = shortlist::test::distinct_sources(s.record);
  CHECK(static_cast<std::int64_t>(sources.size()) == expected_records);
  JsonObject run = shortlist::test::line_of_kind(s.record, "run");
  std::int64_t run_records = 0;
  for (const auto& input : shortlist::test::as_array(run.at("inputs")))
    run_records += std::stoll(shortlist::test::as_object(input).at("records").text);
  CHECK(run_records == expected_records);
  JsonObject summary = shortlist::test::line_of_kind(s.record, "summary");
  CHECK(summary.at("records").text == std::to_string(expected_records));
}

// The invalid decisions as (source, reason present) and their shape.
std::vector<std::string> invalid_sources(const Screened& s) {
  std::vector<std::string> out;
  for (const JsonObject& d : shortlist::test::decision_lines(s.record)) {
    if (d.str("status") != "invalid") continue;
    INFO("invalid decision " << d.str("source"));
    CHECK(d.keys() == std::vector<std::string>{"kind", "source", "status", "reason"});
    CHECK_FALSE(d.str("reason").empty());
    out.push_back(d.str("source"));
  }
  return out;
}

std::vector<std::string> reject_sources(const Screened& s) {
  std::vector<std::string> out;
  for (const JsonObject& r : s.rejects) {
    INFO("reject " << r.str("source"));
    CHECK_FALSE(r.str("reason").empty());
    CHECK(r.at("raw").is_string());
    out.push_back(r.str("source"));
  }
  return out;
}

using Strings = std::vector<std::string>;

}  // namespace

TEST_CASE("accounting: the sample CSV, 68 records, none invalid", "[cli][accounting]") {
  fs::path dir = shortlist::test::source_dir();
  TempDir out;
  Screened s;
  s.result = shortlist::test::run_shortlist(
      "screen -r rules/eu-ai-office-2024.yaml samples/applicants.csv --decisions " +
          shell_quote((out.path() / "d.jsonl").string()) + " --rejects " +
          shell_quote((out.path() / "r.jsonl").string()),
      dir);
  REQUIRE(s.result.exit_code == 0);
  s.record = shortlist::test::parse_json_lines(read_file(out.path() / "d.jsonl"));
  check_nothing_lost(s, 68);
  CHECK(invalid_sources(s).empty());
  CHECK(read_file(out.path() / "r.jsonl").empty());
}

TEST_CASE("accounting: the sample JSON Lines, 68 records, none invalid", "[cli][accounting]") {
  fs::path dir = shortlist::test::source_dir();
  TempDir out;
  Screened s;
  s.result = shortlist::test::run_shortlist(
      "screen -r rules/eu-ai-office-2024.yaml samples/applicants.jsonl --decisions " +
          shell_quote((out.path() / "d.jsonl").string()) + " --rejects " +
          shell_quote((out.path() / "r.jsonl").string()),
      dir);
  REQUIRE(s.result.exit_code == 0);
  s.record = shortlist::test::parse_json_lines(read_file(out.path() / "d.jsonl"));
  check_nothing_lost(s, 68);
  CHECK(invalid_sources(s).empty());
  CHECK(read_file(out.path() / "r.jsonl").empty());
}

TEST_CASE("accounting: CSV rows with wrong field counts or bad UTF-8 are invalid, not lost",
          "[cli][accounting]") {
  TempDir dir;
  Screened s = screen_inline(dir, "a.csv", kBadCsv);
  check_nothing_lost(s, 5);
  const Strings bad = {"a.csv:3", "a.csv:4", "a.csv:5"};
  CHECK(invalid_sources(s) == bad);
  CHECK(reject_sources(s) == bad);
  CHECK(shortlist::test::line_of_kind(s.record, "summary").at("invalid").text == "3");
}

TEST_CASE("accounting: a CSV reject carries the record's raw text", "[cli][accounting]") {
  TempDir dir;
  Screened s = screen_inline(dir, "a.csv", kBadCsv);
  REQUIRE(s.rejects.size() == 3);
  CHECK(s.rejects[0].str("raw") == "A2,Bob");
  CHECK(s.rejects[1].str("raw") == "A3,Cy,4,extra");
  // The invalid bytes cannot appear in JSON as they are; the rest of the line does.
  CHECK(s.rejects[2].str("raw").rfind("A4,Di,", 0) == 0);
}

TEST_CASE("accounting: a JSON array element that is not an object is invalid, not lost",
          "[cli][accounting]") {
  TempDir dir;
  Screened s = screen_inline(dir, "a.json", kBadJson);
  check_nothing_lost(s, 3);
  // A JSON array's sources carry the element's column (SPEC 5 v1.1).
  CHECK(invalid_sources(s) == Strings{"a.json:3:3"});
  CHECK(reject_sources(s) == Strings{"a.json:3:3"});
  CHECK(shortlist::test::distinct_sources(s.record) ==
        std::set<std::string>{"a.json:2:3", "a.json:3:3", "a.json:4:3"});
}

TEST_CASE("accounting: JSON Lines with bad JSON, a non-object and bad UTF-8 are invalid, not lost",
          "[cli][accounting]") {
  TempDir dir;
  Screened s = screen_inline(dir, "a.jsonl", kBadJsonl);
  check_nothing_lost(s, 5);
  const Strings bad = {"a.jsonl:2", "a.jsonl:4", "a.jsonl:5"};
  CHECK(invalid_sources(s) == bad);
  CHECK(reject_sources(s) == bad);
  REQUIRE(s.rejects.size() == 3);
  CHECK(s.rejects[0].str("raw") == "{\"id\":\"L2\", \"name\": ");
  CHECK(s.rejects[1].str("raw") == "[1,2]");
}

TEST_CASE("accounting: valid records of a bad input are still screened", "[cli][accounting]") {
  // a.csv: A1 has 3 years (>= 2: eligible, score 3), A5 has 1 (ineligible).
  TempDir dir;
  Screened s = screen_inline(dir, "a.csv", kBadCsv);
  Strings rows;
  for (const JsonObject& d : shortlist::test::decision_lines(s.record))
    if (d.str("status") != "invalid") rows.push_back(shortlist::test::decision_row(d, "a.csv:"));
  CHECK(rows == Strings{"2\tA1\tdev\tshortlisted\t3\t1", "6\tA5\tdev\tineligible\t\t"});
}

TEST_CASE("accounting: several inputs are counted per input and named in each source",
          "[cli][accounting]") {
  TempDir dir;
  dir.write("rules.yaml", kRules);
  dir.write("a.csv", kBadCsv);
  dir.write("b.jsonl", kBadJsonl);
  fs::create_directories(dir.path() / "out");
  Screened s = screen(dir.path(), "rules.yaml", "a.csv b.jsonl");
  check_nothing_lost(s, 10);
  JsonObject run = shortlist::test::line_of_kind(s.record, "run");
  auto inputs = shortlist::test::as_array(run.at("inputs"));
  REQUIRE(inputs.size() == 2);
  JsonObject a = shortlist::test::as_object(inputs[0]), b = shortlist::test::as_object(inputs[1]);
  CHECK(a.str("path") == "a.csv");
  CHECK(a.at("records").text == "5");
  CHECK(a.str("sha256") == shortlist::test::sha256_hex(kBadCsv));
  CHECK(b.str("path") == "b.jsonl");
  CHECK(b.at("records").text == "5");
  CHECK(b.str("sha256") == shortlist::test::sha256_hex(kBadJsonl));
  Strings sources;
  for (const JsonObject& d : shortlist::test::decision_lines(s.record))
    sources.push_back(d.str("source"));
  CHECK(sources == Strings{"a.csv:2", "a.csv:3", "a.csv:4", "a.csv:5", "a.csv:6", "b.jsonl:1",
                           "b.jsonl:2", "b.jsonl:3", "b.jsonl:4", "b.jsonl:5"});
  CHECK(invalid_sources(s) ==
        Strings{"a.csv:3", "a.csv:4", "a.csv:5", "b.jsonl:2", "b.jsonl:4", "b.jsonl:5"});
  CHECK(shortlist::test::line_of_kind(s.record, "summary").at("invalid").text == "6");
}

TEST_CASE("accounting: standard input is named '-' in sources", "[cli][accounting]") {
  TempDir dir;
  dir.write("rules.yaml", kRules);
  fs::create_directories(dir.path() / "out");
  Screened s;
  s.result = shortlist::test::run_shortlist(
      "screen -r rules.yaml --input-format csv - --decisions out/d.jsonl --rejects out/r.jsonl",
      dir.path(), kBadCsv);
  INFO("stderr: " << s.result.err);
  REQUIRE(s.result.exit_code == 0);
  s.record = shortlist::test::parse_json_lines(read_file(dir.path() / "out/d.jsonl"));
  check_nothing_lost(s, 5);
  CHECK(invalid_sources(s) == Strings{"-:3", "-:4", "-:5"});
  JsonObject run = shortlist::test::line_of_kind(s.record, "run");
  auto inputs = shortlist::test::as_array(run.at("inputs"));
  REQUIRE(inputs.size() == 1);
  CHECK(shortlist::test::as_object(inputs[0]).str("path") == "-");
}
