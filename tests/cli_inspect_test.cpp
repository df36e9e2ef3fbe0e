// End to end: `inspect` (records as read, and typed with -r), csv-spectrum
// through the CLI, `validate` and `init`.
#include <catch2/catch.hpp>

#include <algorithm>

#include "cli_test_support.hpp"
#include "test_support.hpp"

namespace {

namespace fs = std::filesystem;
using shortlist::test::Json;
using shortlist::test::JsonObject;
using shortlist::test::read_file;
using shortlist::test::RunResult;
using shortlist::test::shell_quote;
using shortlist::test::source_dir;
using shortlist::test::split_lines;
using shortlist::test::TempDir;
using Strings = std::vector<std::string>;

RunResult run_in(const TempDir& dir, const std::string& args) {
  RunResult r = shortlist::test::run_shortlist(args, dir.path());
  INFO("stderr: " << r.err);
  CHECK(r.exit_code == 0);
  return r;
}

const std::string kTypedRules = R"(shortlist: 1
call:
  id: INSPECT
  timezone: Europe/Brussels
fields:
  id:          { column: applicant_id }
  nationality: { column: nationality, type: country, list: ";" }
  submitted:   { column: submitted_at, type: timestamp }
  born:        { column: born, type: date }
  years:       { column: years, type: number }
  degree:      { column: degree, type: ordinal, scale: [secondary, bachelor, master, doctorate],
                 aliases: { MSc: master } }
  remote:      { column: remote, type: boolean }
  cv:          { column: cv, type: text }
  skills:      { column: skills, type: text, list: ";" }
profiles:
  - id: any
)";

// A1: every field readable. A2: most missing, `years` unreadable.
// 2024-03-27 is in CET (UTC+1): 12:00 local is 11:00Z; 10:59:30+01:00 is 09:59:30Z.
const std::string kTypedCsv =
    "applicant_id,nationality,submitted_at,born,years,degree,remote,cv,skills\n"
    "A1,Deutschland;FRA,2024-03-27 12:00,1990-02-28,\"2,5\",MSc,ja,\xC3\x89valuation  de "
    "MOD\xC3\x88LES,"
    "Deep Learning; PyTorch\n"
    "A2,,2024-03-27T10:59:30+01:00,,five,,,,\n";

// Checks that member `name` of `object` is the JSON value `expected_json`.
void check_member(const JsonObject& object, const std::string& name,
                  const std::string& expected_json) {
  INFO("member " << name);
  Json expected = shortlist::test::parse_json(expected_json);
  const Json* actual = object.find(name);
  REQUIRE(actual != nullptr);
  CHECK(actual->type == expected.type);
  CHECK(actual->text == expected.text);
}

std::vector<fs::path> spectrum_csvs(const fs::path& dir) {
  std::vector<fs::path> out;
  for (const auto& entry : fs::directory_iterator(dir / "csvs"))
    if (entry.path().extension() == ".csv") out.push_back(entry.path());
  std::sort(out.begin(), out.end());
  return out;
}

// Checks that `fields` holds exactly the members of `expected` but `skip`, as strings.
void check_fields(const JsonObject& fields, const JsonObject& expected,
                  const std::string& skip = "") {
  std::size_t compared = 0;
  for (const auto& [key, value] : expected.members) {
    if (key == skip) continue;
    ++compared;
    INFO("column " << key);
    const Json* actual = fields.find(key);
    REQUIRE(actual != nullptr);
    CHECK(actual->is_string());
    CHECK(actual->text == value.text);
  }
  CHECK(fields.members.size() == compared + (skip.empty() ? 0 : 1));
}

}  // namespace

TEST_CASE("inspect: CSV records as read, every column a string", "[cli][inspect]") {
  TempDir dir;
  dir.write("a.csv", "id,name,years\nA1,Ann,3\nA2,\"Lee, Bo\",\n");
  RunResult r = run_in(dir, "inspect a.csv");
  CHECK(
      r.out ==
      "{\"source\":\"a.csv:2\",\"fields\":{\"id\":\"A1\",\"name\":\"Ann\",\"years\":\"3\"}}\n"
      "{\"source\":\"a.csv:3\",\"fields\":{\"id\":\"A2\",\"name\":\"Lee, Bo\",\"years\":\"\"}}\n");
}

TEST_CASE("inspect: a CSV record that cannot be read prints its reason", "[cli][inspect]") {
  TempDir dir;
  dir.write("a.csv", "id,name,years\nA1,Ann\nA2,Bo,4\n");
  RunResult r = run_in(dir, "inspect a.csv");
  auto lines = shortlist::test::parse_json_lines(r.out);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0].keys() == Strings{"source", "invalid"});
  CHECK(lines[0].str("source") == "a.csv:2");
  CHECK_FALSE(lines[0].str("invalid").empty());
  CHECK(split_lines(r.out)[1] ==
        "{\"source\":\"a.csv:3\",\"fields\":{\"id\":\"A2\",\"name\":\"Bo\",\"years\":\"4\"}}");
}

TEST_CASE("inspect: an input without records is an input error, after the inputs before it",
          "[cli][inspect]") {
  // a.csv's record is printed; b.csv is a header alone: exit 4, named.
  TempDir dir;
  dir.write("a.csv", "id\nA1\n");
  dir.write("b.csv", "id\n");
  RunResult r = shortlist::test::run_shortlist("inspect a.csv b.csv", dir.path());
  CHECK(r.exit_code == 4);
  CHECK(r.out == "{\"source\":\"a.csv:2\",\"fields\":{\"id\":\"A1\"}}\n");
  CHECK(r.err == "b.csv: error: no records after the header\n");
}

TEST_CASE("inspect: JSON records with their values as they are", "[cli][inspect]") {
  TempDir dir;
  dir.write(
      "a.json",
      "[\n"
      "{\"id\":\"J1\",\"years\":3,\"score\":2.5,\"tags\":[\"a\",\"b\"],\"ok\":true,\"none\":null,"
      "\"edu\":{\"degree\":\"MSc\"}},\n"
      "{\"id\":\"J2\",\"name\":\"Zo\xC3\xAB \\\"Z\\\"\"}\n"
      "]\n");
  RunResult r = run_in(dir, "inspect a.json");
  CHECK(r.out ==
        "{\"source\":\"a.json:2:1\",\"fields\":{\"id\":\"J1\",\"years\":3,\"score\":2.5,\"tags\":["
        "\"a\",\"b\"],"
        "\"ok\":true,\"none\":null,\"edu\":{\"degree\":\"MSc\"}}}\n"
        "{\"source\":\"a.json:3:1\",\"fields\":{\"id\":\"J2\",\"name\":\"Zo\xC3\xAB \\\"Z\\\"\"}}\n");
}

TEST_CASE("inspect: a JSON number keeps every digit it was written with", "[cli][inspect]") {
  // 18 significant digits: more than a double holds, as many as a number field reads.
  TempDir dir;
  dir.write("a.jsonl", "{\"id\":\"N1\",\"amount\":123456789012.123456}\n");
  RunResult r = run_in(dir, "inspect a.jsonl");
  CHECK(r.out ==
        "{\"source\":\"a.jsonl:1\",\"fields\":{\"id\":\"N1\",\"amount\":123456789012.123456}}\n");
}

TEST_CASE("inspect -r: a JSON number is typed exactly, never through binary floating point",
          "[cli][inspect]") {
  // The same digits as a JSON string and as a JSON number give the same decimal.
  TempDir dir;
  dir.write("rules.yaml",
            "shortlist: 1\ncall:\n  id: EXACT\nfields:\n  id: { column: id }\n"
            "  amount: { column: amount, type: number }\nprofiles:\n  - id: any\n");
  dir.write("a.jsonl",
            "{\"id\":\"N1\",\"amount\":\"123456789012.123456\"}\n"
            "{\"id\":\"N2\",\"amount\":123456789012.123456}\n");
  RunResult r = run_in(dir, "inspect -r rules.yaml a.jsonl");
  auto lines = shortlist::test::parse_json_lines(r.out);
  REQUIRE(lines.size() == 2);
  for (const JsonObject& line : lines) {
    INFO(line.str("source"));
    check_member(shortlist::test::as_object(line.at("fields")), "amount",
                 R"("123456789012.123456")");
  }
}

TEST_CASE("inspect: JSON Lines and standard input name their source", "[cli][inspect]") {
  TempDir dir;
  RunResult r = shortlist::test::run_shortlist("inspect --input-format jsonl -", dir.path(),
                                               "{\"id\":\"L1\"}\n{\"id\":\"L2\",\"n\":1}\n");
  INFO("stderr: " << r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out ==
        "{\"source\":\"-:1\",\"fields\":{\"id\":\"L1\"}}\n"
        "{\"source\":\"-:2\",\"fields\":{\"id\":\"L2\",\"n\":1}}\n");
}

TEST_CASE("inspect -r: readable values typed and normalized", "[cli][inspect]") {
  TempDir dir;
  dir.write("rules.yaml", kTypedRules);
  dir.write("a.csv", kTypedCsv);
  RunResult r = run_in(dir, "inspect -r rules.yaml a.csv");
  auto lines = shortlist::test::parse_json_lines(r.out);
  REQUIRE(lines.size() == 2);
  const JsonObject& a1 = lines[0];
  CHECK(a1.str("source") == "a.csv:2");
  CHECK(a1.str("id") == "A1");
  JsonObject fields = shortlist::test::as_object(a1.at("fields"));
  check_member(fields, "id", R"("A1")");
  check_member(fields, "nationality", R"(["DE","FR"])");
  check_member(fields, "submitted", R"("2024-03-27T11:00:00Z")");
  check_member(fields, "born", R"("1990-02-28")");
  check_member(fields, "years", R"("2.5")");
  check_member(fields, "degree", R"("master")");
  check_member(fields, "remote", "true");
  check_member(fields, "cv", R"("evaluation de modeles")");
  check_member(fields, "skills", R"(["deep learning","pytorch"])");
  if (const Json* unreadable = a1.find("unreadable")) CHECK(unreadable->text == "{}");
}

TEST_CASE("inspect -r: missing values are null, unreadable ones give their reason",
          "[cli][inspect]") {
  TempDir dir;
  dir.write("rules.yaml", kTypedRules);
  dir.write("a.csv", kTypedCsv);
  RunResult r = run_in(dir, "inspect -r rules.yaml a.csv");
  auto lines = shortlist::test::parse_json_lines(r.out);
  REQUIRE(lines.size() == 2);
  const JsonObject& a2 = lines[1];
  CHECK(a2.str("source") == "a.csv:3");
  CHECK(a2.str("id") == "A2");
  JsonObject fields = shortlist::test::as_object(a2.at("fields"));
  check_member(fields, "nationality", "null");
  check_member(fields, "submitted", R"("2024-03-27T09:59:30Z")");
  check_member(fields, "born", "null");
  check_member(fields, "degree", "null");
  check_member(fields, "remote", "null");
  check_member(fields, "cv", "null");
  check_member(fields, "skills", "null");
  JsonObject unreadable = shortlist::test::as_object(a2.at("unreadable"));
  CHECK(unreadable.keys() == Strings{"years"});
  CHECK(unreadable.str("years") == "not a number: 'five'");
}

TEST_CASE("inspect: csv-spectrum through the CLI gives each CSV's JSON twin", "[cli][inspect]") {
  fs::path shared = shortlist::test::shared_dir();
  fs::path dir = shared.empty() ? fs::path() : shared / "conformance/csv-spectrum";
  if (dir.empty() || !fs::is_directory(dir)) {
    WARN("csv-spectrum not found beside the project; skipped");
    return;
  }
  auto csvs = spectrum_csvs(dir);
  REQUIRE(csvs.size() >= 12);
  for (const fs::path& csv : csvs) {
    std::string name = csv.stem().string();
    INFO("csv-spectrum " << name);
    RunResult r =
        shortlist::test::run_shortlist("inspect " + shell_quote("csvs/" + name + ".csv"), dir);
    INFO("stderr: " << r.err);
    CHECK(r.exit_code == 0);
    auto lines = shortlist::test::parse_json_lines(r.out);
    Json expected = shortlist::test::parse_json(read_file(dir / "json" / (name + ".json")));
    if (expected.type == simdjson::dom::element_type::OBJECT) {
      // The suite's known flaw: a single object, with another phone number than the CSV's.
      REQUIRE(lines.size() == 1);
      check_fields(shortlist::test::as_object(lines[0].at("fields")),
                   shortlist::test::as_object(expected), "Contact Phone Number");
      continue;
    }
    auto rows = shortlist::test::as_array(expected);
    REQUIRE(lines.size() == rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
      INFO("record " << i + 1);
      check_fields(shortlist::test::as_object(lines[i].at("fields")),
                   shortlist::test::as_object(rows[i]));
    }
  }
}

TEST_CASE("validate: the sample rules are valid", "[cli][inspect]") {
  RunResult r =
      shortlist::test::run_shortlist("validate rules/eu-ai-office-2024.yaml", source_dir());
  INFO("stderr: " << r.err);
  CHECK(r.exit_code == 0);
}

TEST_CASE("validate --input: the sample CSV has every mapped column", "[cli][inspect]") {
  RunResult r = shortlist::test::run_shortlist(
      "validate rules/eu-ai-office-2024.yaml --input samples/applicants.csv", source_dir());
  INFO("stderr: " << r.err);
  CHECK(r.exit_code == 0);
}

TEST_CASE("validate --input: a CSV lacking a mapped column exits 1 and names the field",
          "[cli][inspect]") {
  // The sample header without years_ai_experience, which the field ai_years reads.
  TempDir dir;
  dir.write(
      "b.csv",
      "applicant_id,full_name,email,nationality,submitted_at,profile,degree,skills,cv_summary,"
      "languages,work_experience_years,coordination_years,interest_in_ai\n"
      "AIO-9000,Test Person,t@example.org,DE,2024-03-01T10:00:00Z,tech-specialist,MSc,,,,,,\n");
  RunResult r = shortlist::test::run_shortlist(
      "validate " + shell_quote((source_dir() / "rules/eu-ai-office-2024.yaml").string()) +
          " --input b.csv",
      dir.path());
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("b.csv") != std::string::npos);
  CHECK(r.err.find("'ai_years'") != std::string::npos);
}

TEST_CASE("init: prints the sample rules file byte for byte", "[cli][inspect]") {
  TempDir dir;
  RunResult r = run_in(dir, "init");
  CHECK(r.out == read_file(source_dir() / "rules/eu-ai-office-2024.yaml"));
}
