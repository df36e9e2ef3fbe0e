// End to end: one test per class of broken record (SPEC 4.1). Each broken
// record is an `invalid` decision at its own line with its reason, is a line
// of the rejects file with its raw text, and the records around it are still
// read and screened; nothing is lost: records read = distinct decision
// sources = the summary's records.
//
// Every input is written inline, and the expected records, reasons and raw
// texts are worked out from it by hand in the comments.
#include <catch2/catch.hpp>

#include "cli_test_support.hpp"
#include "test_support.hpp"

namespace {

namespace fs = std::filesystem;
using shortlist::test::JsonObject;
using shortlist::test::read_file;
using shortlist::test::shell_quote;
using shortlist::test::TempDir;
using Strings = std::vector<std::string>;

// years >= 2 to be eligible; the score is the years; `name` is in the shortlist.
const std::string kRules = R"(shortlist: 1
call:
  id: BROKEN
fields:
  id:    { column: id }
  name:  { column: name }
  years: { column: years, type: number }
output:
  columns: [name]
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

struct Screened {
  std::vector<JsonObject> decisions;  // decision lines only
  std::vector<JsonObject> record;     // every line of the decision record
  std::vector<JsonObject> rejects;
  std::string shortlist;
  std::string err;
};

// Screens `bytes` written as `name`, with `extra` options; exit 0 is required.
Screened screen(const std::string& name, const std::string& bytes, const std::string& extra = "") {
  TempDir dir;
  dir.write("rules.yaml", kRules);
  dir.write(name, bytes);
  auto result = shortlist::test::run_shortlist(
      "screen -r rules.yaml " + shell_quote(name) + " " + extra +
          " -o shortlist.csv --decisions decisions.jsonl --rejects rejects.jsonl",
      dir.path());
  INFO("stderr: " << result.err);
  REQUIRE(result.exit_code == 0);
  Screened s;
  s.err = result.err;
  s.record = shortlist::test::parse_json_lines(read_file(dir.path() / "decisions.jsonl"));
  s.decisions = shortlist::test::decision_lines(s.record);
  s.rejects = shortlist::test::parse_json_lines(read_file(dir.path() / "rejects.jsonl"));
  s.shortlist = read_file(dir.path() / "shortlist.csv");
  return s;
}

// records read = distinct decision sources = the summary's records, and the
// summary's invalid count is the number of rejects.
void check_nothing_lost(const Screened& s, std::int64_t records, std::int64_t invalid) {
  CHECK(static_cast<std::int64_t>(shortlist::test::distinct_sources(s.record).size()) == records);
  JsonObject summary = shortlist::test::line_of_kind(s.record, "summary");
  CHECK(summary.at("records").text == std::to_string(records));
  CHECK(summary.at("invalid").text == std::to_string(invalid));
  CHECK(static_cast<std::int64_t>(s.rejects.size()) == invalid);
}

// The decision at `source`; the test fails if there is not exactly one.
JsonObject decision_at(const Screened& s, const std::string& source) {
  std::vector<JsonObject> found;
  for (const JsonObject& d : s.decisions)
    if (d.str("source") == source) found.push_back(d);
  INFO("decision at " << source);
  REQUIRE(found.size() == 1);
  return found.front();
}

// An invalid decision at `source` with `reason`, and its reject line.
JsonObject check_invalid(const Screened& s, const std::string& source, const std::string& reason) {
  JsonObject d = decision_at(s, source);
  CHECK(d.str("status") == "invalid");
  CHECK(d.str("reason") == reason);
  for (const JsonObject& r : s.rejects) {
    if (r.str("source") != source) continue;
    CHECK(r.str("reason") == reason);
    return r;
  }
  FAIL("no reject line for " << source);
  return {};
}

void check_status(const Screened& s, const std::string& source, const std::string& id,
                  const std::string& status) {
  JsonObject d = decision_at(s, source);
  CHECK(d.str("id") == id);
  CHECK(d.str("status") == status);
}

std::string repeat(const std::string& piece, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += piece;
  return out;
}

}  // namespace

TEST_CASE("broken record: a quote never closed spoils only its first line", "[cli][broken]") {
  // Line 3's quote is never closed: line 3 alone is invalid, and lines 4 and 5
  // are read again as records. 4 records: A1 (3 years), A2 invalid, A3 (5), A4 (1).
  auto s = screen("in.csv",
                  "id,name,years\n"
                  "A1,Ann,3\n"
                  "A2,\"Bob,4\n"
                  "A3,Cy,5\n"
                  "A4,Di,1\n");
  check_nothing_lost(s, 4, 1);
  JsonObject r = check_invalid(s, "in.csv:3", "unterminated quoted field in field 2 (\"name\") at byte column 4");
  CHECK(r.at("column").text == "4");
  CHECK(r.str("raw") == "A2,\"Bob,4");
  check_status(s, "in.csv:2", "A1", "shortlisted");
  check_status(s, "in.csv:4", "A3", "shortlisted");
  check_status(s, "in.csv:5", "A4", "ineligible");
  // Ranked by score: A3 (5) then A1 (3).
  CHECK(s.shortlist ==
        "profile,rank,id,score,status,name\n"
        "dev,1,A3,5,shortlisted,Cy\n"
        "dev,2,A1,3,shortlisted,Ann\n");
}

TEST_CASE("broken record: a stray quote closed lines later spoils only its first line", "[cli][broken]") {
  // Line 3's quote pairs with the quote inside line 5's name, which text
  // follows: the quoting is broken, line 3 is invalid, and lines 4 and 5 are
  // read again, where that quote is part of an unquoted field.
  auto s = screen("in.csv",
                  "id,name,years\n"
                  "A1,Ann,3\n"
                  "A2,\"Bob,4\n"
                  "A3,Cy,5\n"
                  "A4,Di \"D\" Lee,2\n");
  check_nothing_lost(s, 4, 1);
  JsonObject r = check_invalid(
      s, "in.csv:3",
      "text after the closing quote (line 5, byte column 8) of the quoted field that opens in field 2 "
      "(\"name\") at byte column 4");
  CHECK(r.str("raw") == "A2,\"Bob,4");
  check_status(s, "in.csv:4", "A3", "shortlisted");
  check_status(s, "in.csv:5", "A4", "shortlisted");
  CHECK(s.shortlist.find("A4,2,shortlisted,\"Di \"\"D\"\" Lee\"\n") != std::string::npos);
}

TEST_CASE("broken record: too few and too many fields", "[cli][broken]") {
  auto s = screen("in.csv",
                  "id,name,years\n"
                  "A1,Ann,3\n"
                  "A2,Bob\n"
                  "A3,Cy,4,extra\n"
                  "A4,Di,2\n");
  check_nothing_lost(s, 4, 2);
  CHECK(check_invalid(s, "in.csv:3", "2 fields, expected 3").str("raw") == "A2,Bob");
  CHECK(check_invalid(s, "in.csv:4", "4 fields, expected 3").str("raw") == "A3,Cy,4,extra");
  check_status(s, "in.csv:2", "A1", "shortlisted");
  check_status(s, "in.csv:5", "A4", "shortlisted");
}

TEST_CASE("broken record: invalid UTF-8 in a utf-8 file, raw bytes kept in base64", "[cli][broken]") {
  // Byte 0xFF is the 5th of line 3. JSON cannot hold it: `raw` shows U+FFFD
  // and `raw_base64` has the bytes 41 32 2C 42 FF 62 2C 33, which encode
  // (6 bits at a time) as QTIs Qv9i LDM=.
  auto s = screen("in.csv",
                  "id,name,years\n"
                  "A1,Ann,3\n"
                  "A2,B\xff"
                  "b,3\n"
                  "A3,Cy,4\n");
  check_nothing_lost(s, 3, 1);
  JsonObject r = check_invalid(s, "in.csv:3", "invalid UTF-8 in field 2 (\"name\") at byte column 5");
  CHECK(r.at("column").text == "5");
  CHECK(r.str("raw") == "A2,B\xEF\xBF\xBD"
                        "b,3");
  CHECK(r.str("raw_base64") == "QTIsQv9iLDM=");
  check_status(s, "in.csv:4", "A3", "shortlisted");
}

TEST_CASE("broken record: a NUL byte", "[cli][broken]") {
  const std::string bytes("id,name,years\nA1,Ann,3\nA2,B\0b,3\nA3,Cy,4\n", 40);
  auto s = screen("in.csv", bytes);
  check_nothing_lost(s, 3, 1);
  JsonObject r = check_invalid(s, "in.csv:3", "NUL byte in field 2 (\"name\") at byte column 5");
  // A NUL is valid UTF-8: JSON carries it as \u0000 and no base64 is needed.
  CHECK(r.str("raw") == std::string("A2,B\0b,3", 8));
  CHECK(r.find("raw_base64") == nullptr);
  check_status(s, "in.csv:4", "A3", "shortlisted");
}

TEST_CASE("broken record: a field over 1 MiB", "[cli][broken]") {
  // The name is 1 MiB + 1 bytes. The rejects keep the first 64 KiB of the
  // record: "A2," and 65,533 x.
  const std::string name((std::size_t{1} << 20) + 1, 'x');
  auto s = screen("in.csv", "id,name,years\nA1,Ann,3\nA2," + name + ",3\nA3,Cy,4\n");
  check_nothing_lost(s, 3, 1);
  JsonObject r = check_invalid(s, "in.csv:3", "field longer than 1 MiB in field 2 (\"name\") at byte column 4");
  CHECK(r.str("raw") == "A2," + std::string(65'533, 'x'));
  check_status(s, "in.csv:2", "A1", "shortlisted");
  check_status(s, "in.csv:4", "A3", "shortlisted");
}

TEST_CASE("broken record: a CSV line over 16 MiB without a line end", "[cli][broken]") {
  // 17 x 1,024 fields of 1 KiB: each under the field limit, 17 MiB in all
  // before the line ends. The record is skipped to its line end; A3 follows.
  const std::string kib(1024, 'k');
  const std::string line = "A2" + repeat("," + kib, 17 * 1024);
  auto s = screen("in.csv", "id,name,years\nA1,Ann,3\n" + line + "\nA3,Cy,4\n");
  check_nothing_lost(s, 3, 1);
  JsonObject r = check_invalid(s, "in.csv:3", "line longer than 16 MiB");
  CHECK(r.str("raw") == line.substr(0, 65'536));
  check_status(s, "in.csv:4", "A3", "shortlisted");
}

TEST_CASE("broken record: a JSON Lines line over 16 MiB", "[cli][broken]") {
  // One object of 17 MiB on line 2; JSON Lines lines are capped at 8 MiB.
  const std::string big = "{\"id\":\"L2\",\"name\":\"" + std::string(std::size_t{17} << 20, 'n') + "\",\"years\":3}";
  auto s = screen("in.jsonl",
                  "{\"id\":\"L1\",\"name\":\"Lu\",\"years\":3}\n" + big +
                      "\n{\"id\":\"L3\",\"name\":\"Mo\",\"years\":4}\n");
  check_nothing_lost(s, 3, 1);
  JsonObject r = check_invalid(s, "in.jsonl:2", "line longer than 8 MiB");
  CHECK(r.str("raw") == big.substr(0, 65'536));
  check_status(s, "in.jsonl:1", "L1", "shortlisted");
  check_status(s, "in.jsonl:3", "L3", "shortlisted");
}

TEST_CASE("broken record: JSON Lines lines that are not JSON objects", "[cli][broken]") {
  // Line 1 and 7 are objects; 2-5 are JSON but not objects; 6 is not JSON.
  auto s = screen("in.jsonl",
                  "{\"id\":\"L1\",\"name\":\"Lu\",\"years\":3}\n"
                  "[1,2]\n"
                  "42\n"
                  "\"text\"\n"
                  "null\n"
                  "{\"id\":\"L6\", \"name\":\n"
                  "{\"id\":\"L7\",\"name\":\"Mo\",\"years\":4}\n");
  check_nothing_lost(s, 7, 5);
  CHECK(check_invalid(s, "in.jsonl:2", "not a JSON object but an array").str("raw") == "[1,2]");
  CHECK(check_invalid(s, "in.jsonl:3", "not a JSON object but a number").str("raw") == "42");
  CHECK(check_invalid(s, "in.jsonl:4", "not a JSON object but a string").str("raw") == "\"text\"");
  CHECK(check_invalid(s, "in.jsonl:5", "not a JSON object but null").str("raw") == "null");
  JsonObject bad = decision_at(s, "in.jsonl:6");
  CHECK(bad.str("status") == "invalid");
  CHECK(bad.str("reason").rfind("invalid JSON: ", 0) == 0);
  check_status(s, "in.jsonl:1", "L1", "shortlisted");
  check_status(s, "in.jsonl:7", "L7", "shortlisted");
}

TEST_CASE("broken record: --encoding latin1 and windows-1252 transcode instead of refusing",
          "[cli][broken]") {
  // 0xE9 is é (C3 A9) in both; 0x80 is U+0080 (C2 80) in Latin-1 and the euro
  // sign (E2 82 AC) in Windows-1252.
  const std::string bytes = "id,name,years\nA1,Jos\xe9,3\nA2,\x80uro,4\n";
  SECTION("utf-8 refuses both records") {
    auto s = screen("in.csv", bytes);
    check_nothing_lost(s, 2, 2);
    check_invalid(s, "in.csv:2", "invalid UTF-8 in field 2 (\"name\") at byte column 7");
    check_invalid(s, "in.csv:3", "invalid UTF-8 in field 2 (\"name\") at byte column 4");
  }
  SECTION("latin1") {
    auto s = screen("in.csv", bytes, "--encoding latin1");
    check_nothing_lost(s, 2, 0);
    // U+0080 is a C1 control: the csv shows it as U+FFFD (SPEC 6 v1.1).
    CHECK(s.shortlist ==
          "profile,rank,id,score,status,name\n"
          "dev,1,A2,4,shortlisted,\xEF\xBF\xBDuro\n"
          "dev,2,A1,3,shortlisted,Jos\xC3\xA9\n");
  }
  SECTION("windows-1252") {
    auto s = screen("in.csv", bytes, "--encoding windows-1252");
    check_nothing_lost(s, 2, 0);
    CHECK(s.shortlist ==
          "profile,rank,id,score,status,name\n"
          "dev,1,A2,4,shortlisted,\xE2\x82\xAC"
          "uro\n"
          "dev,2,A1,3,shortlisted,Jos\xC3\xA9\n");
  }
}
