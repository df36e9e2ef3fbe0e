// End to end: the shortlist as an xlsx workbook (SPEC 6 v1.1), read back
// with the tests' own zip reader (zip_entries.hpp): the cells as XML, the
// frozen header and its filter, the same bytes whatever the clock and
// --threads, temporary files only under $TMPDIR, nothing left by a failed
// run. tests/xlsx_openpyxl_test.sh reads it with a spreadsheet library.
//
// The inline applicants, worked out by hand: dev gives 0.5 a year.
//   X1  "=1+1"                years 35  17.5, rank 1, shortlisted
//   X2  controls, tab, LF     years 3   1.5, rank 2, shortlisted
// ops screens only those with 100 years or more: no one, so its sheet has
// its header alone.
#include <sys/wait.h>
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdlib>
#include <set>
#include <thread>

#include "test_support.hpp"
#include "zip_entries.hpp"

namespace {

namespace fs = std::filesystem;
using shortlist::test::read_file;
using shortlist::test::read_zip;
using shortlist::test::RunResult;
using shortlist::test::shell_quote;
using shortlist::test::source_dir;
using shortlist::test::TempDir;
using shortlist::test::zip_entry;

const std::string kRules = R"(shortlist: 1
call:
  id: XLSX
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
      - { id: years, field: years, each: "0.5" }
  - id: ops
    when: { field: years, at_least: 100 }
    require: []
)";

const std::string kApplicants =
    "[\n"
    "{\"id\": \"X1\", \"name\": \"=1+1\", \"years\": \"35\"},\n"
    "{\"id\": \"X2\", \"name\": \"a\\u0001b\\u007fc\\u0085d\\te\\nf\", \"years\": \"3\"}\n"
    "]\n";

const std::string kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// Screens kApplicants in `dir` with `args`; the run must succeed.
RunResult screen(const TempDir& dir, const std::string& args) {
  dir.write("rules.yaml", kRules);
  dir.write("in.json", kApplicants);
  RunResult r = shortlist::test::run_shortlist("screen -r rules.yaml in.json -q " + args, dir.path());
  INFO("stderr: " << r.err);
  REQUIRE(r.exit_code == 0);
  return r;
}

// Screens the samples with every status listed (the largest shortlist they give).
std::string screen_samples(const TempDir& dir, const std::string& name, const std::string& args) {
  const std::string rules = (source_dir() / "rules/eu-ai-office-2024.yaml").string();
  const std::string input = (source_dir() / "samples/applicants.csv").string();
  RunResult r = shortlist::test::run_shortlist(
      "screen -q -r " + shell_quote(rules) + " " + shell_quote(input) +
          " --status shortlisted,reserve,below-cutoff,ineligible,review,duplicate -o " + name +
          " " + args,
      dir.path());
  INFO("stderr: " << r.err);
  REQUIRE(r.exit_code == 0);
  return read_file(dir.path() / name);
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("xlsx: one sheet per profile, numbers as numbers, text as strings", "[cli][xlsx]") {
  TempDir dir;
  screen(dir, "-o s.xlsx");
  const auto zip = read_zip(read_file(dir.path() / "s.xlsx"));
  const std::string& workbook = zip_entry(zip, "xl/workbook.xml").data;
  CHECK(contains(workbook, R"(<sheet name="dev" sheetId="1")"));
  CHECK(contains(workbook, R"(<sheet name="ops" sheetId="2")"));
  const std::string& dev = zip_entry(zip, "xl/worksheets/sheet1.xml").data;
  INFO(dev);
  // The header, frozen (the pane at A2) and filtered over every row.
  CHECK(contains(dev, R"(<c r="A1" s="1" t="inlineStr"><is><t>profile</t></is></c>)"));
  CHECK(contains(dev, R"(<c r="F1" s="1" t="inlineStr"><is><t>name</t></is></c>)"));
  CHECK(contains(dev, R"(<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>)"));
  CHECK(contains(dev, R"(<autoFilter ref="A1:F3"/>)"));
  // X1: rank and score are number cells; its name is a string, not a formula.
  CHECK(contains(dev, R"(<c r="A2" t="inlineStr"><is><t>dev</t></is></c>)"));
  CHECK(contains(dev, R"(<c r="B2"><v>1</v></c>)"));
  CHECK(contains(dev, R"(<c r="C2" t="inlineStr"><is><t>X1</t></is></c>)"));
  CHECK(contains(dev, R"(<c r="D2"><v>17.5</v></c>)"));
  CHECK(contains(dev, R"(<c r="E2" t="inlineStr"><is><t>shortlisted</t></is></c>)"));
  CHECK(contains(dev, R"(<c r="F2" t="inlineStr"><is><t>=1+1</t></is></c>)"));
  CHECK(contains(dev, R"(<c r="B3"><v>2</v></c>)"));
  CHECK(contains(dev, R"(<c r="D3"><v>1.5</v></c>)"));
  CHECK_FALSE(contains(dev, "<f>"));
  CHECK_FALSE(contains(dev, "r=\"A4\""));
  // ops: the header alone, filtered.
  const std::string& ops = zip_entry(zip, "xl/worksheets/sheet2.xml").data;
  CHECK(contains(ops, R"(<autoFilter ref="A1:F1"/>)"));
  CHECK(contains(ops, R"(<c r="A1" s="1" t="inlineStr"><is><t>profile</t></is></c>)"));
  CHECK_FALSE(contains(ops, "r=\"A2\""));
}

TEST_CASE("xlsx: control characters are shown as U+FFFD, tab and line break kept",
          "[cli][xlsx][injection]") {
  // SPEC 6 v1.1: U+0001, U+007F and U+0085 as U+FFFD, as in csv, tsv and md;
  // the decision record keeps them (cli_injection_test.cpp).
  TempDir dir;
  screen(dir, "-o s.xlsx");
  const std::string dev = zip_entry(read_zip(read_file(dir.path() / "s.xlsx")), "xl/worksheets/sheet1.xml").data;
  CHECK(contains(dev, "<c r=\"F3\" t=\"inlineStr\"><is><t>a" + kReplacement + "b" + kReplacement +
                          "c" + kReplacement + "d\te\nf</t></is></c>"));
  CHECK_FALSE(contains(dev, "\x01"));
  CHECK_FALSE(contains(dev, "\x7F"));
  CHECK_FALSE(contains(dev, "\xC2\x85"));
}

TEST_CASE("xlsx: -f xlsx chooses it, to a file or to standard output", "[cli][xlsx]") {
  TempDir dir;
  screen(dir, "-o s.xlsx");
  const std::string expected = read_file(dir.path() / "s.xlsx");
  RunResult out = screen(dir, "-f xlsx");
  CHECK(out.out == expected);
  RunResult dash = screen(dir, "-f xlsx -o -");
  CHECK(dash.out == expected);
  screen(dir, "-f xlsx -o named.anything");
  CHECK(read_file(dir.path() / "named.anything") == expected);
}

TEST_CASE("xlsx: the same run gives the same bytes, whatever the clock, time zone and --threads",
          "[cli][xlsx][determinism]") {
  TempDir dir;
  const std::string first = screen_samples(dir, "a.xlsx", "--threads 1");
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  const std::string later = screen_samples(dir, "b.xlsx", "--threads 1");
  const std::string threads = screen_samples(dir, "c.xlsx", "--threads 4");
  // Another time zone, through the environment.
  const std::string rules = (source_dir() / "rules/eu-ai-office-2024.yaml").string();
  const std::string input = (source_dir() / "samples/applicants.csv").string();
  const std::string command =
      "cd " + shell_quote(dir.path().string()) + " && TZ=Pacific/Kiritimati " +
      shell_quote(SHORTLIST_BINARY) + " screen -q -r " + shell_quote(rules) + " " +
      shell_quote(input) +
      " --status shortlisted,reserve,below-cutoff,ineligible,review,duplicate -o d.xlsx";
  REQUIRE(std::system(command.c_str()) == 0);
  CHECK(first.size() > 1000);
  CHECK(first == later);
  CHECK(first == threads);
  CHECK(first == read_file(dir.path() / "d.xlsx"));
  // Why: every zip entry is dated 1980-01-01 00:00, and so is the document.
  const auto zip = read_zip(first);
  CHECK(zip.size() >= 9);
  for (const auto& entry : zip) {
    INFO(entry.name);
    CHECK(entry.dos_date == ((1980 - 1980) << 9 | 1 << 5 | 1));
    CHECK(entry.dos_time == 0);
  }
  const std::string& core = zip_entry(zip, "docProps/core.xml").data;
  CHECK(contains(core, R"(<dcterms:created xsi:type="dcterms:W3CDTF">1980-01-01T00:00:00Z</dcterms:created>)"));
  CHECK(contains(core, R"(<dcterms:modified xsi:type="dcterms:W3CDTF">1980-01-01T00:00:00Z</dcterms:modified>)"));
}

TEST_CASE("xlsx: temporary files go under TMPDIR and are gone, as is everything of a failed run",
          "[cli][xlsx]") {
  TempDir dir;
  dir.write("rules.yaml", kRules);
  dir.write("in.json", kApplicants);
  dir.write("empty.csv", "");  // read after in.json, once the outputs are open: an input error
  fs::create_directory(dir.path() / "tmp");
  const auto run = [&](const std::string& args) {
    const std::string command = "cd " + shell_quote(dir.path().string()) + " && TMPDIR=" +
                                shell_quote((dir.path() / "tmp").string()) + " " +
                                shell_quote(SHORTLIST_BINARY) + " screen -q -r rules.yaml " +
                                args + " >/dev/null 2>&1";
    const int status = std::system(command.c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  };
  const auto names = [&] {
    std::set<std::string> out;
    for (const auto& e : fs::directory_iterator(dir.path())) out.insert(e.path().filename().string());
    return out;
  };
  CHECK(run("in.json -o s.xlsx") == 0);
  CHECK(fs::is_empty(dir.path() / "tmp"));
  CHECK(names() == std::set<std::string>{"empty.csv", "in.json", "rules.yaml", "s.xlsx", "tmp"});
  const std::string before = read_file(dir.path() / "s.xlsx");
  // A failed run leaves the old file as it was, and no temporary file.
  CHECK(run("in.json empty.csv -o s.xlsx --status shortlisted,ineligible") == 4);
  CHECK(read_file(dir.path() / "s.xlsx") == before);
  CHECK(fs::is_empty(dir.path() / "tmp"));
  CHECK(names() == std::set<std::string>{"empty.csv", "in.json", "rules.yaml", "s.xlsx", "tmp"});
  // To standard output, the workbook waits under TMPDIR, then is gone too.
  CHECK(run("in.json -f xlsx") == 0);
  CHECK(fs::is_empty(dir.path() / "tmp"));
}

TEST_CASE("xlsx: -f suggests xlsx for a near miss", "[cli][xlsx]") {
  TempDir dir;
  dir.write("rules.yaml", kRules);
  dir.write("in.json", kApplicants);
  RunResult r = shortlist::test::run_shortlist("screen -r rules.yaml in.json -f xlsz", dir.path());
  CHECK(r.exit_code == 2);
  CHECK(contains(r.err, "unknown format 'xlsz' (expected csv, tsv, json, jsonl, md or xlsx; did you mean 'xlsx'?)"));
}
