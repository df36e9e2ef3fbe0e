// End to end: hostile text in the applicant fields a shortlist shows (the id
// and `output.columns`) cannot run as a spreadsheet formula (SPEC 6), break a
// Markdown table or inject HTML (docs/behaviour.md, Writing), or make a JSON
// output unparsable or not UTF-8; text read as Latin-1 comes out as UTF-8.
#include <catch2/catch.hpp>

#include "cli_test_support.hpp"
#include "test_support.hpp"

namespace {

namespace fs = std::filesystem;
using namespace std::string_literals;
using shortlist::test::JsonObject;
using shortlist::test::read_file;
using shortlist::test::RunResult;
using shortlist::test::TempDir;

// Each record scores minus its years, so scores are negative numbers that
// begin with '-' like a formula, and ranks follow the years: 1 year is rank 1.
const std::string kRules = R"(shortlist: 1
call:
  id: INJECTION
fields:
  id:    { column: id }
  name:  { column: name }
  years: { column: years, type: number }
output:
  columns: [name]
profiles:
  - id: dev
    require:
      - { id: named, field: name, present: true }
    score:
      - { id: years, field: years, each: -1 }
)";

// Formula payloads as JSON strings (so that tab and CR can lead a value).
// Values are trimmed when read (SPEC 3.1), so "\t=1+1" reaches the output as
// "=1+1" and "\tTAB" as "TAB": no cell can begin with a tab or CR, but what
// follows them is guarded like any other value.
const std::string kFormulas = R"json([
{"id": "=HYPERLINK(\"http://evil\",\"x\")", "name": "@SUM(A1:A9)", "years": "1"},
{"id": "+cmd|' /C calc'!A0", "name": "-2+3", "years": "2"},
{"id": "\t=1+1", "name": "\tTAB", "years": "3"},
{"id": "\r@SUM(B1)", "name": "\rCR", "years": "4"}
]
)json";

bool valid_utf8(const std::string& bytes) {
  return simdjson::validate_utf8(bytes.data(), bytes.size());
}

// Screens `input` (written as `name`) with kRules and `args`; the run must succeed.
RunResult screen(const TempDir& dir, const std::string& name, const std::string& input,
                 const std::string& args) {
  dir.write("rules.yaml", kRules);
  dir.write(name, input);
  RunResult r = shortlist::test::run_shortlist("screen -r rules.yaml " + name + " -q " + args,
                                               dir.path());
  INFO("stderr: " << r.err);
  REQUIRE(r.exit_code == 0);
  return r;
}

}  // namespace

// ---- spreadsheets ------------------------------------------------------------------

TEST_CASE("injection: CSV shortlist cells that start a formula get a leading quote",
          "[cli][injection]") {
  TempDir dir;
  RunResult r = screen(dir, "in.json", kFormulas, "-f csv");
  // The HYPERLINK cell holds quotes, so it is also quoted, "" doubled; the
  // scores -1..-4 and the ranks are numbers and keep their '-'.
  CHECK(r.out ==
        "profile,rank,id,score,status,name\n"
        "dev,1,\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\",-1,shortlisted,'@SUM(A1:A9)\n"
        "dev,2,'+cmd|' /C calc'!A0,-2,shortlisted,'-2+3\n"
        "dev,3,'=1+1,-3,shortlisted,TAB\n"
        "dev,4,'@SUM(B1),-4,shortlisted,CR\n");
}

TEST_CASE("injection: TSV shortlist cells that start a formula get a leading quote",
          "[cli][injection]") {
  TempDir dir;
  RunResult r = screen(dir, "in.json", kFormulas, "-f tsv");
  CHECK(r.out ==
        "profile\trank\tid\tscore\tstatus\tname\n"
        "dev\t1\t\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"\t-1\tshortlisted\t'@SUM(A1:A9)\n"
        "dev\t2\t'+cmd|' /C calc'!A0\t-2\tshortlisted\t'-2+3\n"
        "dev\t3\t'=1+1\t-3\tshortlisted\tTAB\n"
        "dev\t4\t'@SUM(B1)\t-4\tshortlisted\tCR\n");
}

TEST_CASE("injection: the formula guard also holds for a CSV input written to -o file.csv",
          "[cli][injection]") {
  // The same payloads read from CSV (RFC 4180 quoting), the shortlist to a file.
  const std::string csv =
      "id,name,years\n"
      "\"=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\",@SUM(A1:A9),1\n"
      "+cmd|' /C calc'!A0,-2+3,2\n";
  TempDir dir;
  screen(dir, "in.csv", csv, "-o out.csv");
  CHECK(read_file(dir.path() / "out.csv") ==
        "profile,rank,id,score,status,name\n"
        "dev,1,\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\",-1,shortlisted,'@SUM(A1:A9)\n"
        "dev,2,'+cmd|' /C calc'!A0,-2,shortlisted,'-2+3\n");
}

// ---- Markdown ----------------------------------------------------------------------

TEST_CASE("injection: Markdown cells cannot break the table or carry HTML", "[cli][injection]") {
  const std::string json = R"json([
{"id": "M|1", "name": "a|b `code`\nline2\r\nline3 <script>alert(1)</script> & &amp;", "years": "1"},
{"id": "<img src=x onerror=alert(2)>", "name": "|||", "years": "2"}
]
)json";
  TempDir dir;
  RunResult r = screen(dir, "in.json", json, "-f md");
  // '|' -> '\|', '`' -> '\`', each line break (CR LF as one) -> <br>,
  // '<' '>' '&' -> entities.
  CHECK(r.out ==
        "## dev\n"
        "\n"
        "| rank | id | score | status | name |\n"
        "| ---: | --- | ---: | --- | --- |\n"
        "| 1 | M\\|1 | -1 | shortlisted | a\\|b \\`code\\`<br>line2<br>line3 "
        "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &amp;amp; |\n"
        "| 2 | &lt;img src=x onerror=alert(2)&gt; | -2 | shortlisted | \\|\\|\\| |\n");
  // Every row is one line with exactly six unescaped '|'.
  auto lines = shortlist::test::split_lines(r.out);
  REQUIRE(lines.size() == 6);
  for (std::size_t i = 2; i < lines.size(); ++i) {
    int bars = 0;
    for (std::size_t k = 0; k < lines[i].size(); ++k)
      if (lines[i][k] == '|' && (k == 0 || lines[i][k - 1] != '\\')) ++bars;
    INFO("line " << lines[i]);
    CHECK(bars == 6);
  }
}

TEST_CASE("injection: control characters are shown as U+FFFD in csv, tsv and md cells",
          "[cli][injection]") {
  // SPEC 6 v1.1. C1's name holds U+0001, U+001B (ESC, which could recolour a
  // terminal that cats the file), U+007F and U+0085 (a C1 control); tab and
  // the line break are kept (quoted in csv, <br> in md). The decision record
  // keeps them all, escaped.
  const std::string json =
      "[\n"
      "{\"id\": \"C\\u00011\", \"name\": \"a\\u0001b\\u001b[31mc\\u007fd\\u0085e\\tf\\ng\", "
      "\"years\": \"1\"}\n"
      "]\n";
  const std::string r = "\xEF\xBF\xBD";  // U+FFFD in UTF-8
  const std::string id = "C" + r + "1";
  const std::string name_cells = "a" + r + "b" + r + "[31mc" + r + "d" + r + "e";
  TempDir dir;
  RunResult csv = screen(dir, "in.json", json, "-o out.csv --decisions d.jsonl");
  CHECK(read_file(dir.path() / "out.csv") ==
        "profile,rank,id,score,status,name\n"
        "dev,1," + id + ",-1,shortlisted,\"" + name_cells + "\tf\ng\"\n");
  RunResult tsv = screen(dir, "in.json", json, "-f tsv");
  CHECK(tsv.out ==
        "profile\trank\tid\tscore\tstatus\tname\n"
        "dev\t1\t" + id + "\t-1\tshortlisted\t\"" + name_cells + "\tf\ng\"\n");
  RunResult md = screen(dir, "in.json", json, "-f md");
  CHECK(md.out ==
        "## dev\n"
        "\n"
        "| rank | id | score | status | name |\n"
        "| ---: | --- | ---: | --- | --- |\n"
        "| 1 | " + id + " | -1 | shortlisted | " + name_cells + "\tf<br>g |\n");
  // The record keeps the characters themselves, escaped.
  std::string decisions = read_file(dir.path() / "d.jsonl");
  CHECK(decisions.find(R"(C\u00011)") != std::string::npos);
  CHECK(decisions.find(R"(a\u0001b\u001b[31mc)") != std::string::npos);
  CHECK(decisions.find(r) == std::string::npos);
}

// ---- JSON and UTF-8 ----------------------------------------------------------------

TEST_CASE("injection: NUL and control characters are escaped in JSON outputs",
          "[cli][injection]") {
  // Z1's id holds U+0000; its name U+0001, U+001F, U+007F and U+2028.
  const std::string json =
      "[\n"
      "{\"id\": \"Z\\u0000Z\", \"name\": \"a\\u0001b\\u001fc\\u007fd\\u2028e\", \"years\": \"1\"}\n"
      "]\n";
  const std::string id = "Z\0Z"s;
  const std::string name = "a\x01" "b\x1f" "c\x7f" "d\xe2\x80\xa8" "e";
  TempDir dir;
  dir.write("rules.yaml", kRules);
  dir.write("in.json", json);
  for (const std::string format : {"jsonl", "json"}) {
    RunResult r = shortlist::test::run_shortlist(
        "screen -r rules.yaml in.json -q -f " + format + " --decisions d.jsonl", dir.path());
    INFO("format " << format << ", stderr: " << r.err);
    REQUIRE(r.exit_code == 0);
    std::string decisions = read_file(dir.path() / "d.jsonl");
    for (const std::string* text : {&r.out, &decisions}) {
      CHECK(valid_utf8(*text));
      // Escaped, not raw: no byte below 0x20 but the line feeds.
      std::size_t raw_controls = 0;
      for (char c : *text)
        if (static_cast<unsigned char>(c) < 0x20 && c != '\n') ++raw_controls;
      CHECK(raw_controls == 0);
    }
    CHECK(r.out.find(R"("id":"Z\u0000Z")") != std::string::npos);
    CHECK(r.out.find(R"("name":"a\u0001b\u001fc)") != std::string::npos);

    JsonObject row = format == "jsonl"
                         ? shortlist::test::parse_object(r.out)
                         : shortlist::test::as_object(
                               shortlist::test::as_array(shortlist::test::parse_json(r.out)).at(0));
    CHECK(row.str("id") == id);
    CHECK(row.str("name") == name);

    auto record = shortlist::test::parse_json_lines(decisions);
    auto lines = shortlist::test::decision_lines(record);
    REQUIRE(lines.size() == 1);
    CHECK(lines[0].str("id") == id);
    auto check = shortlist::test::as_object(shortlist::test::as_array(lines[0].at("checks")).at(0));
    CHECK(check.str("value") == name);
  }
}

TEST_CASE("injection: a lone surrogate makes its record invalid, accounted for, outputs UTF-8",
          "[cli][injection]") {
  // "\ud800" and "\udc00" name no character, so they cannot become UTF-8:
  // those records are invalid (bad JSON, SPEC 4.1). A proper pair is fine.
  const std::string json =
      "[\n"
      "{\"id\": \"S1\", \"name\": \"ok\", \"years\": \"1\"},\n"       // line 2
      "{\"id\": \"S2\", \"name\": \"x\\ud800y\", \"years\": \"2\"},\n"  // line 3
      "{\"id\": \"S3\", \"name\": \"\\udc00\", \"years\": \"3\"},\n"    // line 4
      "{\"id\": \"S4\", \"name\": \"\\ud83d\\ude00\", \"years\": \"4\"}\n"  // line 5: U+1F600
      "]\n";
  TempDir dir;
  RunResult r = screen(dir, "in.json", json, "-f jsonl --decisions d.jsonl --rejects r.jsonl");
  std::string decisions = read_file(dir.path() / "d.jsonl");
  std::string rejects = read_file(dir.path() / "r.jsonl");
  for (const std::string* text : {&r.out, &decisions, &rejects}) CHECK(valid_utf8(*text));

  auto record = shortlist::test::parse_json_lines(decisions);
  auto lines = shortlist::test::decision_lines(record);
  REQUIRE(lines.size() == 4);
  for (std::size_t i = 0; i < 4; ++i)
    CHECK(lines[i].str("source") == "in.json:" + std::to_string(i + 2) + ":1");
  CHECK(lines[0].str("status") == "shortlisted");
  CHECK(lines[1].str("status") == "invalid");
  CHECK(lines[2].str("status") == "invalid");
  CHECK(lines[3].str("status") == "shortlisted");
  CHECK(shortlist::test::line_of_kind(record, "summary").at("invalid").text == "2");

  auto rejected = shortlist::test::parse_json_lines(rejects);
  REQUIRE(rejected.size() == 2);
  CHECK(rejected[0].str("source") == "in.json:3:1");
  CHECK(rejected[1].str("source") == "in.json:4:1");
  // The raw text is kept as written: the escape is six ASCII characters.
  CHECK(rejected[0].str("raw").find("x\\ud800y") != std::string::npos);

  // The shortlist: S1 (score -1) then S4 (-4) with its emoji as UTF-8.
  auto rows = shortlist::test::parse_json_lines(r.out);
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].str("id") == "S1");
  CHECK(rows[1].str("id") == "S4");
  CHECK(rows[1].str("name") == "\xf0\x9f\x98\x80");
}

TEST_CASE("injection: a Latin-1 file read with --encoding latin1 comes out as UTF-8",
          "[cli][injection]") {
  // 0xE9 is é (UTF-8 C3 A9), 0xFC is ü (C3 BC) in Latin-1.
  const std::string csv = "id,name,years\nL\xe9" "1,Ren\xe9" "e M\xfcller,1\n";
  const std::string id = "L\xc3\xa9" "1";
  const std::string name = "Ren\xc3\xa9" "e M\xc3\xbcller";
  TempDir dir;
  RunResult r = screen(dir, "in.csv", csv, "--encoding latin1 --decisions d.jsonl");
  CHECK(r.out == "profile,rank,id,score,status,name\ndev,1," + id + ",-1,shortlisted," + name +
                     "\n");
  std::string decisions = read_file(dir.path() / "d.jsonl");
  CHECK(valid_utf8(decisions));
  auto lines = shortlist::test::decision_lines(shortlist::test::parse_json_lines(decisions));
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].str("id") == id);

  // Read as UTF-8, the same bytes are invalid: a rejected record, and the
  // outputs still valid UTF-8.
  RunResult as_utf8 = shortlist::test::run_shortlist(
      "screen -r rules.yaml in.csv -q --decisions d.jsonl --rejects r.jsonl", dir.path());
  INFO("stderr: " << as_utf8.err);
  REQUIRE(as_utf8.exit_code == 0);
  std::string rejects = read_file(dir.path() / "r.jsonl");
  decisions = read_file(dir.path() / "d.jsonl");
  CHECK(valid_utf8(rejects));
  CHECK(valid_utf8(decisions));
  auto again = shortlist::test::decision_lines(shortlist::test::parse_json_lines(decisions));
  REQUIRE(again.size() == 1);
  CHECK(again[0].str("status") == "invalid");
  CHECK(shortlist::test::parse_json_lines(rejects).size() == 1);
}
