// End to end: `shortlist screen` reading XLSX workbooks (SPEC 1 v1.1). The
// sample workbook holds the applicants of samples/applicants.csv (made from
// it by tests/data/xlsx/make_workbooks.py with openpyxl, numbers as number
// cells), so its decisions must be the CSV's, apart from the sources.
#include <catch2/catch.hpp>

#include "cli_test_support.hpp"
#include "test_support.hpp"

namespace {

namespace fs = std::filesystem;
using shortlist::test::JsonObject;
using shortlist::test::read_file;
using shortlist::test::run_shortlist;
using shortlist::test::shell_quote;
using shortlist::test::source_dir;
using shortlist::test::split_lines;
using shortlist::test::TempDir;

const std::string kRules = "rules/eu-ai-office-2024.yaml";

// A decision line without its source: what must not depend on the format.
std::string without_source(std::string line) {
  const auto at = line.find(",\"source\":\"");
  REQUIRE(at != std::string::npos);
  const auto end = line.find('"', at + 11);
  return line.erase(at, end + 1 - at);
}

std::string source_of(const std::string& line) {
  return shortlist::test::parse_object(line).str("source");
}

// Rules for raw-cells.xlsx (id, text, number): a requirement on the number.
const std::string kRawRules = R"(shortlist: 1
call: { id: RAW }
fields:
  id:     { column: id }
  number: { column: number, type: number }
profiles:
  - id: p
    require: [{ id: enough, field: number, at_least: 5 }]
)";

}  // namespace

TEST_CASE("screen: samples/applicants.xlsx decides as samples/applicants.csv", "[cli][xlsx]") {
  TempDir dir;
  const fs::path root = source_dir();
  auto csv = run_shortlist("screen -q -r " + kRules + " samples/applicants.csv -o " +
                               shell_quote((dir.path() / "c.csv").string()) + " --decisions " +
                               shell_quote((dir.path() / "c.jsonl").string()),
                           root);
  auto xlsx = run_shortlist("screen -q -r " + kRules + " samples/applicants.xlsx -o " +
                                shell_quote((dir.path() / "x.csv").string()) + " --decisions " +
                                shell_quote((dir.path() / "x.jsonl").string()),
                            root);
  INFO(csv.err << xlsx.err);
  REQUIRE(csv.exit_code == 0);
  REQUIRE(xlsx.exit_code == 0);
  CHECK(read_file(dir.path() / "x.csv") == read_file(dir.path() / "c.csv"));

  const auto c = split_lines(read_file(dir.path() / "c.jsonl"));
  const auto x = split_lines(read_file(dir.path() / "x.jsonl"));
  REQUIRE(c.size() == x.size());
  REQUIRE(c.size() == 72);  // run, 70 decisions, summary
  // The run line names the workbook and how it was read.
  const JsonObject run = shortlist::test::parse_object(x.front());
  CHECK(x.front().find(R"("path":"samples/applicants.xlsx")") != std::string::npos);
  CHECK(x.front().find(R"("records":68,"format":"xlsx"})") != std::string::npos);
  CHECK(x.back() == c.back());
  // Decisions in the same order, the same in everything but the source;
  // a workbook's source is its row: the header is row 1, the n-th
  // applicant row n + 1 (the CSV's line numbers differ after AIO-0015's
  // cv_summary, which spans three lines).
  std::string previous_id;
  int row = 1;
  for (std::size_t i = 1; i + 1 < c.size(); ++i) {
    INFO("decision " << i << ": " << c[i]);
    CHECK(without_source(x[i]) == without_source(c[i]));
    const std::string id = shortlist::test::parse_object(c[i]).str("id");
    if (id != previous_id) ++row;  // two applicants apply to both profiles
    previous_id = id;
    CHECK(source_of(x[i]) == "samples/applicants.xlsx:" + std::to_string(row));
  }
  CHECK(row == 69);
}

TEST_CASE("screen: a workbook on standard input, and verify and explain of a workbook's run",
          "[cli][xlsx]") {
  TempDir dir;
  const fs::path root = source_dir();
  const std::string decisions = shell_quote((dir.path() / "d.jsonl").string());
  auto piped = run_shortlist("screen -q -r " + kRules + " --input-format xlsx - -o " +
                                 shell_quote((dir.path() / "p.csv").string()),
                             root, read_file(root / "samples/applicants.xlsx"));
  INFO(piped.err);
  REQUIRE(piped.exit_code == 0);
  auto file = run_shortlist("screen -q -r " + kRules + " samples/applicants.xlsx -o " +
                                shell_quote((dir.path() / "f.csv").string()) + " --decisions " +
                                decisions,
                            root);
  REQUIRE(file.exit_code == 0);
  CHECK(read_file(dir.path() / "p.csv") == read_file(dir.path() / "f.csv"));

  auto verify = run_shortlist("verify -r " + kRules + " " + decisions + " samples/applicants.xlsx",
                              root);
  INFO(verify.out << verify.err);
  CHECK(verify.exit_code == 0);
  CHECK(verify.out.find("70 decisions reproduce") != std::string::npos);

  // AIO-0015 is the 15th applicant: row 16 of the sheet.
  auto explain = run_shortlist("explain " + decisions + " --source samples/applicants.xlsx:16", root);
  INFO(explain.err);
  CHECK(explain.exit_code == 0);
  CHECK(explain.out.rfind("Applicant AIO-0015\n", 0) == 0);
  CHECK(explain.out.find("Record: samples/applicants.xlsx:16,") != std::string::npos);
}

TEST_CASE("screen: --sheet is recorded, and verify reads the same sheet", "[cli][xlsx]") {
  TempDir dir;
  dir.write("rules.yaml", R"(shortlist: 1
call: { id: SHEET }
fields:
  id:   { column: id }
  name: { column: name }
profiles:
  - id: p
    require: [{ id: named, field: name, present: true }]
)");
  fs::copy_file(source_dir() / "tests/data/xlsx/strings.xlsx", dir.path() / "book.xlsx");
  auto r = run_shortlist("screen -q -r rules.yaml book.xlsx --sheet Applicants --decisions d.jsonl -o s.csv",
                         dir.path());
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const auto lines = split_lines(read_file(dir.path() / "d.jsonl"));
  REQUIRE(lines.size() == 4);
  CHECK(lines[0].find(R"("path":"book.xlsx","sha256":)") != std::string::npos);
  CHECK(lines[0].find(R"("records":2,"format":"xlsx","sheet":"Applicants"})") != std::string::npos);
  CHECK(source_of(lines[1]) == "book.xlsx:4");
  CHECK(source_of(lines[2]) == "book.xlsx:6");
  auto verify = run_shortlist("verify -r rules.yaml d.jsonl book.xlsx", dir.path());
  INFO(verify.out << verify.err);
  CHECK(verify.exit_code == 0);

  // Without --sheet the first sheet, Cover, has one cell: no column 'name'.
  auto cover = run_shortlist("screen -q -r rules.yaml book.xlsx -o t.csv", dir.path());
  CHECK(cover.exit_code == 4);
  CHECK(cover.err ==
        "book.xlsx:1:1: error: no column for field 'id' (expected 'id') 'name' (expected 'name')\n");
  CHECK_FALSE(fs::exists(dir.path() / "t.csv"));
}

TEST_CASE("a column missing from a workbook is reported at the header's row, not 1:1",
          "[cli][xlsx]") {
  // The sheet Applicants of strings.xlsx has its header on row 3 (B3:D3:
  // id, name, note); rows 1 and 2 are empty.
  TempDir dir;
  dir.write("rules.yaml", R"(shortlist: 1
call: { id: SHEET }
fields:
  id:    { column: id }
  years: { column: years, type: number }
profiles:
  - id: p
    require: [{ id: experienced, field: years, at_least: 2 }]
)");
  fs::copy_file(source_dir() / "tests/data/xlsx/strings.xlsx", dir.path() / "book.xlsx");
  auto screen = run_shortlist("screen -q -r rules.yaml book.xlsx --sheet Applicants -o t.csv", dir.path());
  CHECK(screen.exit_code == 4);
  CHECK(screen.err == "book.xlsx:3:1: error: no column for field 'years' (expected 'years')\n");
  CHECK_FALSE(fs::exists(dir.path() / "t.csv"));

  auto inspect = run_shortlist("inspect -r rules.yaml book.xlsx --sheet Applicants", dir.path());
  CHECK(inspect.exit_code == 4);
  CHECK(inspect.err.find("book.xlsx:3:1: error: no column for field 'years'") != std::string::npos);

  auto validate = run_shortlist("validate rules.yaml --input book.xlsx --sheet Applicants", dir.path());
  CHECK(validate.exit_code == 1);
  CHECK(validate.err.find("book.xlsx:3:1: error: no column for field 'years' (expected 'years')") !=
        std::string::npos);
  // The columns no field uses are named at the same row; the empty cell A3,
  // left of the header, names no column and draws no warning.
  CHECK(validate.err.find("book.xlsx:3:1: warning: column 'name' is not used by any field") !=
        std::string::npos);
  CHECK(validate.err.find("column ''") == std::string::npos);
}

TEST_CASE("screen: an error cell or a formula never computed goes to review", "[cli][xlsx]") {
  TempDir dir;
  dir.write("rules.yaml", kRawRules);
  fs::copy_file(source_dir() / "tests/data/xlsx/raw-cells.xlsx", dir.path() / "raw.xlsx");
  auto r = run_shortlist("screen -q -r rules.yaml raw.xlsx --decisions d.jsonl -o s.csv --rejects rej.jsonl",
                         dir.path());
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  std::vector<std::string> got;
  for (const auto& line : split_lines(read_file(dir.path() / "d.jsonl"))) {
    const JsonObject o = shortlist::test::parse_object(line);
    if (o.str("kind") == "decision") got.push_back(o.str("source") + " " + o.str("status"));
  }
  // r1: 7, at least 5; r2: #N/A; r3: =1+1 never computed; r4: TRUE is no
  // number; rows 8 and 9 cannot be read (a value right of the header, a
  // shared string that is not there).
  const std::vector<std::string> expected = {
      "raw.xlsx:2 shortlisted", "raw.xlsx:3 review",  "raw.xlsx:5 review",
      "raw.xlsx:6 review",      "raw.xlsx:8 invalid", "raw.xlsx:9 invalid"};
  CHECK(got == expected);
  const auto rejects = split_lines(read_file(dir.path() / "rej.jsonl"));
  REQUIRE(rejects.size() == 2);
  CHECK(rejects[0] ==
        R"x({"source":"raw.xlsx:8","field":5,"reason":"a value in the cell E8, right of the header's last column (C)","raw":"r5,,,,stray note"})x");
}

TEST_CASE("screen: a broken workbook is exit 4, naming it, and writes nothing", "[cli][xlsx]") {
  TempDir dir;
  dir.write("rules.yaml", kRawRules);
  const std::string good = read_file(source_dir() / "tests/data/xlsx/raw-cells.xlsx");
  dir.write("cut.xlsx", good.substr(0, good.size() / 2));
  fs::copy_file(source_dir() / "tests/data/xlsx/zip-bomb.xlsx", dir.path() / "bomb.xlsx");
  for (const std::string name : {"cut.xlsx", "bomb.xlsx"}) {
    INFO(name);
    auto r = run_shortlist("screen -q -r rules.yaml " + name + " -o s.csv --decisions d.jsonl",
                           dir.path());
    CHECK(r.exit_code == 4);
    CHECK(r.err.rfind(name + ": error: ", 0) == 0);
    CHECK_FALSE(fs::exists(dir.path() / "s.csv"));
    CHECK_FALSE(fs::exists(dir.path() / "d.jsonl"));
  }
  auto missing = run_shortlist("screen -q -r rules.yaml raw.xlsx --sheet Nope", dir.path());
  CHECK(missing.exit_code == 4);
}

TEST_CASE("screen: --sheet without a workbook is a usage error", "[cli][xlsx]") {
  TempDir dir;
  dir.write("rules.yaml", kRawRules);
  dir.write("a.csv", "id,number\n1,7\n");
  auto r = run_shortlist("screen -q -r rules.yaml a.csv --sheet Applicants", dir.path());
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("--sheet 'Applicants' is for XLSX inputs, and none is given") !=
        std::string::npos);
}

TEST_CASE("screen: an XLSX shortlist reads back, sheet by sheet, as the CSV shortlist",
          "[cli][xlsx]") {
  // The writer and the reader agree: every profile's sheet, read as an
  // input, holds that profile's rows of the CSV shortlist, ranks and scores
  // (number cells) reading as the CSV's decimals, empty cells as empty.
  TempDir dir;
  const fs::path root = source_dir();
  const std::string statuses = " --status shortlisted,reserve,below-cutoff,ineligible,review";
  for (const char* ext : {"csv", "xlsx"}) {
    auto r = run_shortlist("screen -q -r " + kRules + " samples/applicants.csv" + statuses +
                               " -o " + shell_quote((dir.path() / (std::string("s.") + ext)).string()),
                           root);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
  }
  const auto csv = shortlist::test::tiny_csv(read_file(dir.path() / "s.csv"));
  REQUIRE(csv.size() > 1);
  std::size_t compared = 0;
  for (const std::string profile : {"tech-specialist", "admin-assistant"}) {
    auto r = run_shortlist("inspect --sheet " + profile + " s.xlsx", dir.path());
    INFO(profile << ": " << r.err);
    REQUIRE(r.exit_code == 0);
    std::vector<std::vector<std::string>> expected;
    for (std::size_t i = 1; i < csv.size(); ++i)
      if (csv[i][0] == profile) expected.push_back(csv[i]);
    const auto lines = split_lines(r.out);
    REQUIRE(lines.size() == expected.size());
    for (std::size_t i = 0; i < lines.size(); ++i) {
      const JsonObject row = shortlist::test::parse_object(lines[i]);
      CHECK(row.str("source") == "s.xlsx:" + std::to_string(i + 2));
      const JsonObject fields = shortlist::test::as_object(row.at("fields"));
      std::vector<std::string> got;
      for (const std::string& column : csv[0]) got.push_back(fields.str(column));
      CHECK(got == expected[i]);
      ++compared;
    }
  }
  CHECK(compared == csv.size() - 1);
}

TEST_CASE("screen: output names in capitals name their formats as lower case ones do",
          "[cli][xlsx]") {
  // SHORTLIST.CSV and S.XLSX, as Windows tools name files, are CSV and a
  // workbook; S.CSV.GZ is compressed CSV.
  TempDir dir;
  const fs::path root = source_dir();
  auto run = [&](const std::string& name) {
    auto r = run_shortlist("screen -q -r " + kRules + " samples/applicants.csv -o " +
                               shell_quote((dir.path() / name).string()),
                           root);
    INFO(name << ": " << r.err);
    CHECK(r.exit_code == 0);
    return read_file(dir.path() / name);
  };
  const std::string plain = run("plain.csv");
  CHECK(run("SHORTLIST.CSV") == plain);
  CHECK(run("S.XLSX").rfind("PK\x03\x04", 0) == 0);  // a zip archive
  CHECK(run("S.CSV.GZ").rfind("\x1f\x8b", 0) == 0);  // gzip
}
