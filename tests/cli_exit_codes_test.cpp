// End to end: the exit codes of SPEC 2, the messages that name the file (and
// for rules the line and column), and that a failed run creates or changes no
// output file (SPEC 1).
#include <catch2/catch.hpp>

#include "cli_test_support.hpp"
#include "test_support.hpp"

namespace {

namespace fs = std::filesystem;
using shortlist::test::read_file;
using shortlist::test::RunResult;
using shortlist::test::shell_quote;
using shortlist::test::source_dir;
using shortlist::test::TempDir;

const std::string kRules = R"(shortlist: 1
call:
  id: EXIT-CODES
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
)";

const std::string kCsv = "id,name,years\nA1,Ann,3\nA2,Bob,1\n";

// A run from the project root on the sample data, with `args` appended.
RunResult on_samples(const std::string& args) {
  return shortlist::test::run_shortlist(
      "screen -r rules/eu-ai-office-2024.yaml samples/applicants.csv " + args, source_dir());
}

// A run in `dir` with rules.yaml and a.csv written there.
RunResult in_dir(const TempDir& dir, const std::string& args, const std::string& rules = kRules,
                 const std::string& stdin_text = "") {
  dir.write("rules.yaml", rules);
  dir.write("a.csv", kCsv);
  return shortlist::test::run_shortlist(args, dir.path(), stdin_text);
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// Output files that exist before a failing run, and the check that the run
// left them (and the folder) exactly as they were.
struct Outputs {
  explicit Outputs(const TempDir& dir) : dir_(dir) {
    dir_.write("rules.yaml", kRules);
    dir_.write("a.csv", kCsv);
    dir_.write("shortlist.csv", "old shortlist\n");
    dir_.write("decisions.jsonl", "old decisions\n");
    before_ = shortlist::test::folder_entries(dir_.path());
  }
  void check_untouched() const {
    CHECK(read_file(dir_.path() / "shortlist.csv") == "old shortlist\n");
    CHECK(read_file(dir_.path() / "decisions.jsonl") == "old decisions\n");
    // No rejects file, no temporary `.NAME.shortlist-XXXXXX` left behind.
    CHECK(shortlist::test::folder_entries(dir_.path()) == before_);
  }

 private:
  const TempDir& dir_;
  std::set<std::string> before_;
};

const std::string kOutputArgs =
    " -o shortlist.csv --decisions decisions.jsonl --rejects rejects.jsonl";

}  // namespace

// ---- 0 and 1 -------------------------------------------------------------------

TEST_CASE("exit 0: the samples screened without --strict", "[cli][exit]") {
  RunResult r = on_samples("-q");
  INFO("stderr: " << r.err);
  CHECK(r.exit_code == 0);
}

TEST_CASE("exit 1: --strict on the samples, which hold review records", "[cli][exit]") {
  RunResult r = on_samples("--strict -q");
  INFO("stderr: " << r.err);
  CHECK(r.exit_code == 1);
  // The check failing is not an error: the shortlist is still written.
  CHECK(r.out.rfind("profile,rank,id,score,status,name\n", 0) == 0);
}

TEST_CASE("exit 1: --strict with an invalid record and no review", "[cli][exit]") {
  // A1 is ineligible (1 < 2 years), the second record has too few fields.
  TempDir dir;
  dir.write("rules.yaml", kRules);
  dir.write("b.csv", "id,name,years\nA1,Ann,1\nA2,Bob\n");
  RunResult r =
      shortlist::test::run_shortlist("screen -r rules.yaml b.csv --strict -q", dir.path());
  CHECK(r.exit_code == 1);
}

TEST_CASE("exit 0: --strict when every record is decided", "[cli][exit]") {
  TempDir dir;
  RunResult r = in_dir(dir, "screen -r rules.yaml a.csv --strict -q");
  INFO("stderr: " << r.err);
  CHECK(r.exit_code == 0);
}

// ---- 2: usage ------------------------------------------------------------------

TEST_CASE("exit 2: an unknown option", "[cli][exit]") {
  RunResult r = on_samples("--frobnicate");
  CHECK(r.exit_code == 2);
  CHECK(contains(r.err, "--frobnicate"));
}

TEST_CASE("exit 2: screen without -r", "[cli][exit]") {
  RunResult r = shortlist::test::run_shortlist("screen samples/applicants.csv", source_dir());
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
}

TEST_CASE("exit 2: an unknown --status", "[cli][exit]") {
  RunResult r = on_samples("--status shortlisted,hired");
  CHECK(r.exit_code == 2);
  CHECK(contains(r.err, "hired"));
  CHECK(r.out.empty());
}

TEST_CASE("exit 2: an unknown --profile", "[cli][exit]") {
  RunResult r = on_samples("--profile intern");
  CHECK(r.exit_code == 2);
  CHECK(contains(r.err, "intern"));
  CHECK(r.out.empty());
}

TEST_CASE("exit 2: --format xml", "[cli][exit]") {
  RunResult r = on_samples("--format xml");
  CHECK(r.exit_code == 2);
  CHECK(contains(r.err, "xml"));
  CHECK(r.out.empty());
}

// ---- 3: rules ------------------------------------------------------------------

TEST_CASE("exit 3: a YAML syntax error, with the file named", "[cli][exit]") {
  TempDir dir;
  // Line 4 opens a flow mapping that is never closed.
  RunResult r = in_dir(dir, "screen -r rules.yaml a.csv",
                       "shortlist: 1\ncall:\n  id: BROKEN\nfields: { id: { column: id }\n"
                       "profiles:\n  - id: dev\n");
  CHECK(r.exit_code == 3);
  CHECK(r.err.rfind("rules.yaml:", 0) == 0);
  CHECK(r.out.empty());
}

TEST_CASE("exit 3: an unknown top-level key, at its line and column", "[cli][exit]") {
  TempDir dir;
  // `colour` is the first key of the last line, line 14 (kRules has 13).
  RunResult r = in_dir(dir, "screen -r rules.yaml a.csv", kRules + "colour: red\n");
  CHECK(r.exit_code == 3);
  CHECK(contains(r.err, "rules.yaml:14:1: error: "));
  CHECK(contains(r.err, "colour"));
}

TEST_CASE("exit 3: an unknown operator, with a suggestion at its line and column", "[cli][exit]") {
  const std::string rules =
      "shortlist: 1\n"                              // 1
      "call:\n"                                     // 2
      "  id: EXIT-CODES\n"                          // 3
      "fields:\n"                                   // 4
      "  id:    { column: id }\n"                   // 5
      "  name:  { column: name }\n"                 // 6
      "  years: { column: years, type: number }\n"  // 7
      "profiles:\n"                                 // 8
      "  - id: dev\n"                               // 9
      "    require:\n"                              // 10
      "      - id: experienced\n"                   // 11
      "        field: years\n"                      // 12
      "        atleast: 2\n";                       // 13: `atleast` starts in column 9
  TempDir dir;
  RunResult r = in_dir(dir, "screen -r rules.yaml a.csv", rules);
  CHECK(r.exit_code == 3);
  CHECK(contains(r.err,
                 "rules.yaml:13:9: error: unknown operator 'atleast' (did you mean 'at_least'?)"));
}

TEST_CASE("exit 3: validate on the same unknown operator", "[cli][exit]") {
  TempDir dir;
  std::string rules = kRules;
  rules.replace(rules.find("at_least"), 8, "atleast");
  RunResult r = in_dir(dir, "validate rules.yaml", rules);
  CHECK(r.exit_code == 3);
  // Line 11 is "      - { id: experienced, field: years, atleast: 2 }".
  CHECK(contains(r.err,
                 "rules.yaml:11:42: error: unknown operator 'atleast' (did you mean 'at_least'?)"));
}

// ---- 4: input ------------------------------------------------------------------

TEST_CASE("exit 4: an input file that does not exist", "[cli][exit]") {
  TempDir dir;
  RunResult r = in_dir(dir, "screen -r rules.yaml nope.csv");
  CHECK(r.exit_code == 4);
  CHECK(contains(r.err, "nope.csv"));
  CHECK(r.out.empty());
}

TEST_CASE("exit 4: an input with an unknown extension", "[cli][exit]") {
  TempDir dir;
  dir.write("a.xls", kCsv);
  RunResult r = in_dir(dir, "screen -r rules.yaml a.xls");
  CHECK(r.exit_code == 4);
  CHECK(contains(r.err, "a.xls"));
  CHECK(r.out.empty());
}

TEST_CASE("exit 4: a CSV header lacking a mapped column names the field", "[cli][exit]") {
  TempDir dir;
  dir.write("b.csv", "id,name\nA1,Ann\n");
  RunResult r = in_dir(dir, "screen -r rules.yaml b.csv");
  CHECK(r.exit_code == 4);
  CHECK(r.err.rfind("b.csv:1:", 0) == 0);
  CHECK(contains(r.err, "'years'"));
  CHECK(r.out.empty());
}

TEST_CASE("exit 4: standard input without --input-format", "[cli][exit]") {
  TempDir dir;
  RunResult r = in_dir(dir, "screen -r rules.yaml -", kRules, kCsv);
  CHECK(r.exit_code == 4);
  CHECK(r.out.empty());
}

TEST_CASE("exit 4 leaves existing outputs untouched: input missing", "[cli][exit]") {
  TempDir dir;
  Outputs outputs(dir);
  RunResult r =
      shortlist::test::run_shortlist("screen -r rules.yaml nope.csv" + kOutputArgs, dir.path());
  CHECK(r.exit_code == 4);
  outputs.check_untouched();
}

TEST_CASE("exit 4 leaves existing outputs untouched: second input lacks a column", "[cli][exit]") {
  // The first input is screened before the second one is found wanting.
  TempDir dir;
  Outputs outputs(dir);
  dir.write("b.csv", "id,name\nA3,Cy\n");
  RunResult r =
      shortlist::test::run_shortlist("screen -r rules.yaml a.csv b.csv" + kOutputArgs, dir.path());
  std::filesystem::remove(dir.path() / "b.csv");
  CHECK(r.exit_code == 4);
  outputs.check_untouched();
}

// ---- 5: output -----------------------------------------------------------------

TEST_CASE("exit 5: -o into a folder that does not exist", "[cli][exit]") {
  TempDir dir;
  RunResult r = in_dir(dir, "screen -r rules.yaml a.csv -o missing/shortlist.csv");
  CHECK(r.exit_code == 5);
  CHECK(contains(r.err, "missing/shortlist.csv"));
  CHECK_FALSE(fs::exists(dir.path() / "missing"));
}

TEST_CASE("exit 5: --decisions into a folder nobody can write, root included", "[cli][exit]") {
  // Files cannot be created in /proc, whoever asks.
  TempDir dir;
  RunResult r =
      in_dir(dir, "screen -r rules.yaml a.csv --decisions /proc/shortlist-decisions.jsonl");
  CHECK(r.exit_code == 5);
  CHECK(contains(r.err, "/proc/shortlist-decisions.jsonl"));
}

TEST_CASE("exit 5 leaves existing outputs untouched: rejects unwritable", "[cli][exit]") {
  TempDir dir;
  Outputs outputs(dir);
  RunResult r = shortlist::test::run_shortlist(
      "screen -r rules.yaml a.csv -o shortlist.csv --decisions decisions.jsonl "
      "--rejects /proc/shortlist-missing/rejects.jsonl",
      dir.path());
  CHECK(r.exit_code == 5);
  outputs.check_untouched();
}

TEST_CASE("exit 5 leaves existing outputs untouched: -o names a folder", "[cli][exit]") {
  // The shortlist cannot replace a folder; the decision record, which could be
  // written, must not be replaced either.
  TempDir dir;
  std::filesystem::create_directory(dir.path() / "folder");
  Outputs outputs(dir);
  RunResult r = shortlist::test::run_shortlist(
      "screen -r rules.yaml a.csv -o folder --decisions decisions.jsonl", dir.path());
  CHECK(r.exit_code == 5);
  CHECK(std::filesystem::is_directory(dir.path() / "folder"));
  CHECK(shortlist::test::folder_entries(dir.path() / "folder").empty());
  outputs.check_untouched();
}

TEST_CASE("exit 2: a misspelt command is named with the likely one", "[cli][exit]") {
  RunResult r = shortlist::test::run_shortlist("scren -r rules.yaml a.csv", source_dir());
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK(contains(r.err, "shortlist: error: unknown command 'scren' (did you mean 'screen'?)"));
}
