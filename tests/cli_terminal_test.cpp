// End to end: what standard error looks like on a terminal and off one. The
// binary runs under a real pseudo-terminal made by script(1) (util-linux, in
// Debian's essential bsdutils package), which shows standard output and
// standard error together, with line ends as "\r\n"; and without one, its
// standard error a file. Colour (--color, NO_COLOR, TERM=dumb) and the
// progress bar (-q, --no-progress, CI) appear only where docs/behaviour.md
// says; rules-file diagnostics show their line with a caret everywhere.
//
// Each run starts from a known environment: NO_COLOR and CI unset and
// TERM=xterm, unless the test sets them, so that the runner's own (CI=true
// on most CI services) cannot change what a test sees.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <sys/wait.h>

#include "cli_test_support.hpp"
#include "test_support.hpp"

namespace {

namespace fs = std::filesystem;
using shortlist::test::read_file;
using shortlist::test::shell_quote;
using shortlist::test::TempDir;

// The codes docs/behaviour.md names: bold red "error:", green "shortlisted",
// and the carriage return and erase-line the progress bar is drawn with.
const std::string kRedError = "\x1b[1;31merror:\x1b[0m";
const std::string kGreenShortlisted = "\x1b[32mshortlisted\x1b[0m";
const std::string kEscape = "\x1b";

const std::string kRules = R"(shortlist: 1
call: { id: TERMINAL }
fields:
  id:    { column: id }
  years: { column: years, type: number }
profiles:
  - id: p
    require:
      - { id: experienced, field: years, at_least: 1 }
    score:
      - { id: years, field: years, each: 1 }
    shortlist: { top: 2 }
)";

// The key `type` misspelt on line 6: "    tpye: string" puts `tpye` at column 5.
const std::string kMisspeltRules = R"(shortlist: 1
call: { id: TERMINAL }
fields:
  id:
    column: id
    tpye: string
  years: { column: years, type: number }
profiles:
  - id: p
    score:
      - { id: years, field: years, each: 1 }
)";

const std::string kApplicants = "id,years\nA1,3\nA2,0\nA3,2\n";

// `n` applicants: some thousands make a run long enough to draw a bar on.
std::string applicants(int n) {
  std::string csv = "id,years\n";
  for (int i = 0; i < n; ++i) csv += "A" + std::to_string(i) + "," + std::to_string(i % 30) + "\n";
  return csv;
}

struct Shown {
  int exit_code = -1;
  std::string text;  ///< what the terminal showed, or standard error off one
  std::string out;   ///< standard output, off a terminal only
};

int exit_code_of(int status) { return WIFEXITED(status) ? WEXITSTATUS(status) : -1; }

// The command line of the binary: `env` sets the environment, after the
// runner's NO_COLOR and CI are removed.
std::string command(const std::string& env, const std::string& args) {
  return "env -u NO_COLOR -u CI TERM=xterm " + env + " " + shell_quote(SHORTLIST_BINARY) + " " +
         args;
}

// Runs shortlist under a pseudo-terminal: its standard output and error are
// the terminal.
Shown on_terminal(const TempDir& dir, const std::string& args, const std::string& env = "") {
  const std::string line = "cd " + shell_quote(dir.path().string()) + " && script -qfec " +
                           shell_quote(command(env, args)) + " /dev/null >terminal.txt 2>&1 </dev/null";
  Shown shown;
  shown.exit_code = exit_code_of(std::system(line.c_str()));
  shown.text = read_file(dir.path() / "terminal.txt");
  return shown;
}

// Runs shortlist with its standard output and error going to files.
Shown off_terminal(const TempDir& dir, const std::string& args, const std::string& env = "") {
  const std::string line = "cd " + shell_quote(dir.path().string()) + " && " + command(env, args) +
                           " >stdout.txt 2>stderr.txt </dev/null";
  Shown shown;
  shown.exit_code = exit_code_of(std::system(line.c_str()));
  shown.text = read_file(dir.path() / "stderr.txt");
  shown.out = read_file(dir.path() / "stdout.txt");
  return shown;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

// ---- colour -----------------------------------------------------------------

TEST_CASE("colour: on a terminal, errors and the summary are coloured", "[cli][terminal]") {
  TempDir dir;
  dir.write("rules.yaml", kRules);
  dir.write("bad.yaml", kMisspeltRules);
  dir.write("a.csv", kApplicants);
  const Shown error = on_terminal(dir, "screen -r bad.yaml a.csv -o s.csv");
  INFO(error.text);
  CHECK(error.exit_code == 3);
  // The location in bold, "error:" in bold red; the message itself plain.
  CHECK(contains(error.text, "\x1b[1mbad.yaml:6:5:\x1b[0m " + kRedError +
                                 " unknown key 'tpye' in field 'id' (did you mean 'type'?)"));
  const Shown usage = on_terminal(dir, "screen -r rules.yaml a.csv --status bogus");
  INFO(usage.text);
  CHECK(usage.exit_code == 2);
  CHECK(contains(usage.text, "shortlist: " + kRedError + " unknown status 'bogus'"));
  const Shown run = on_terminal(dir, "screen -r rules.yaml a.csv -o s.csv");
  INFO(run.text);
  CHECK(run.exit_code == 0);
  CHECK(contains(run.text, kGreenShortlisted));
  // Review and duplicate in yellow, right-aligned in 12 columns as without colour.
  CHECK(contains(run.text, "      \x1b[33mreview\x1b[0m"));
}

TEST_CASE("colour: none off a terminal, and the text is as before", "[cli][terminal]") {
  TempDir dir;
  dir.write("rules.yaml", kRules);
  dir.write("bad.yaml", kMisspeltRules);
  dir.write("a.csv", kApplicants);
  const Shown error = off_terminal(dir, "screen -r bad.yaml a.csv -o s.csv");
  CHECK(error.exit_code == 3);
  CHECK_FALSE(contains(error.text, kEscape));
  CHECK(contains(error.text,
                 "bad.yaml:6:5: error: unknown key 'tpye' in field 'id' (did you mean 'type'?)\n"));
  const Shown run = off_terminal(dir, "screen -r rules.yaml a.csv -o s.csv");
  INFO(run.text);
  CHECK(run.exit_code == 0);
  CHECK_FALSE(contains(run.text, kEscape));
  // A1 (3 years) and A3 (2) shortlisted, A2 (0 years) ineligible.
  CHECK(run.text ==
        "shortlist: 3 records from 1 input: 0 invalid, 0 matched no profile\n"
        "  profile  shortlisted      reserve below-cutoff   ineligible       review    duplicate\n"
        "  p                  2            0            0            1            0            0\n");
}

TEST_CASE("colour: NO_COLOR set and not empty, or TERM=dumb, turns it off on a terminal",
          "[cli][terminal]") {
  TempDir dir;
  dir.write("rules.yaml", kRules);
  dir.write("a.csv", kApplicants);
  const std::string args = "screen -r rules.yaml a.csv -o s.csv --status bogus";
  for (const std::string env : {"NO_COLOR=1", "NO_COLOR=0", "TERM=dumb"}) {
    const Shown shown = on_terminal(dir, args, env);
    INFO(env << ": " << shown.text);
    CHECK(shown.exit_code == 2);
    CHECK(contains(shown.text, "shortlist: error: unknown status 'bogus'"));
    CHECK_FALSE(contains(shown.text, kEscape));
  }
  // An empty NO_COLOR is as if unset (no-color.org).
  const Shown empty = on_terminal(dir, args, "NO_COLOR=");
  INFO(empty.text);
  CHECK(contains(empty.text, kRedError));
  // --color always wins over NO_COLOR: the user asked on the command line.
  const Shown always = on_terminal(dir, "--color always " + args, "NO_COLOR=1");
  CHECK(contains(always.text, kRedError));
}

TEST_CASE("colour: --color always and never, before or after the command", "[cli][terminal]") {
  TempDir dir;
  dir.write("rules.yaml", kRules);
  dir.write("a.csv", kApplicants);
  const std::string run = "-r rules.yaml a.csv -o s.csv";
  // Off a terminal, always colours; before the command and after it.
  for (const std::string& args : {"--color always screen " + run, "screen --color always " + run,
                                 "screen --color=always " + run}) {
    const Shown shown = off_terminal(dir, args);
    INFO(args << ": " << shown.text);
    CHECK(shown.exit_code == 0);
    CHECK(contains(shown.text, kGreenShortlisted));
  }
  // On a terminal, never does not.
  for (const std::string& args : {"--color never screen " + run, "screen --color never " + run}) {
    const Shown shown = on_terminal(dir, args);
    INFO(args << ": " << shown.text);
    CHECK(shown.exit_code == 0);
    CHECK(contains(shown.text, "shortlisted"));
    CHECK_FALSE(contains(shown.text, kEscape));
  }
  // Both: the one after the command wins.
  const Shown later = off_terminal(dir, "--color never screen --color always " + run);
  CHECK(contains(later.text, kGreenShortlisted));
  // auto off a terminal: none.
  const Shown auto_off = off_terminal(dir, "screen --color auto " + run);
  CHECK_FALSE(contains(auto_off.text, kEscape));
  // Any other word is a usage error.
  const Shown bad = off_terminal(dir, "screen --color sometimes " + run);
  CHECK(bad.exit_code == 2);
  CHECK(contains(bad.text, "--color"));
}

TEST_CASE("colour: validate --format json and github stay plain on a terminal",
          "[cli][terminal][ci]") {
  TempDir dir;
  dir.write("bad.yaml", kMisspeltRules);
  const Shown json = on_terminal(dir, "--color always validate bad.yaml --format json");
  INFO(json.text);
  CHECK(json.exit_code == 3);
  CHECK_FALSE(contains(json.text, kEscape));
  CHECK_FALSE(contains(json.text, " | "));  // no caret lines either
  CHECK(json.text.rfind("{\"rules\":\"bad.yaml\"", 0) == 0);
  const Shown github = on_terminal(dir, "--color always validate bad.yaml --format github");
  INFO(github.text);
  CHECK(github.exit_code == 3);
  CHECK(github.text ==
        "::error file=bad.yaml,line=6,col=5::unknown key 'tpye' in field 'id' (did you mean "
        "'type'?)\r\n");
}

// ---- carets -------------------------------------------------------------------

TEST_CASE("carets: a rules-file error shows its line and a caret under its column",
          "[cli][terminal]") {
  TempDir dir;
  dir.write("bad.yaml", kMisspeltRules);
  const Shown shown = off_terminal(dir, "validate bad.yaml");
  CHECK(shown.exit_code == 3);
  // Line 6 is "    tpye: string"; the number right-aligned in five columns.
  CHECK(shown.text ==
        "bad.yaml:6:5: error: unknown key 'tpye' in field 'id' (did you mean 'type'?)\n"
        "    6 |     tpye: string\n"
        "      |     ^\n");
  // screen shows it the same way.
  dir.write("a.csv", kApplicants);
  const Shown screen = off_terminal(dir, "screen -r bad.yaml a.csv");
  CHECK(screen.exit_code == 3);
  CHECK(screen.text == shown.text);
  // On a terminal, the caret in bold green.
  const Shown coloured = on_terminal(dir, "validate bad.yaml");
  INFO(coloured.text);
  CHECK(contains(coloured.text, "    6 |     tpye: string\r\n      |     \x1b[1;32m^\x1b[0m\r\n"));
}

TEST_CASE("carets: tabs kept, a UTF-8 letter one column, control bytes as '?'",
          "[cli][terminal]") {
  TempDir dir;
  // Line 4: two blanks, `id: { column: "`, then é (two bytes), a tab, `x",`,
  // a blank, and the misspelt `typ` at byte 25; after it a comment holding
  // an escape character, which must not reach the terminal.
  const std::string line4 = "  id: { column: \"\xc3\xa9\tx\", typ: string }  # \x1b[31m";
  dir.write("bad.yaml", "shortlist: 1\ncall: { id: TERMINAL }\nfields:\n" + line4 +
                            "\nprofiles:\n  - id: p\n");
  const Shown shown = off_terminal(dir, "validate bad.yaml");
  INFO(shown.text);
  CHECK(shown.exit_code == 3);
  // The caret line: a blank for each of the 17 characters before é, one for
  // é, the tab as a tab, then 4 blanks for `x", `.
  const std::string expected_lines =
      "    4 |   id: { column: \"\xc3\xa9\tx\", typ: string }  # ?[31m\n"
      "      | " + std::string(18, ' ') + "\t" + std::string(4, ' ') + "^\n";
  CHECK(contains(shown.text, "bad.yaml:4:25: error: unknown key 'typ' in field 'id' "
                             "(did you mean 'type'?)\n" + expected_lines));
}

TEST_CASE("carets: a byte that is not UTF-8 shown as '?', the caret under it", "[cli][terminal]") {
  TempDir dir;
  // Line 4 is "  # caf" then byte 0xE9 (Latin-1 é) at byte 8, then "!".
  dir.write("bad.yaml", "shortlist: 1\ncall: { id: TERMINAL }\nfields:\n  # caf\xe9!\n"
                        "  id: { column: id }\nprofiles:\n  - id: p\n");
  const Shown shown = off_terminal(dir, "validate bad.yaml");
  INFO(shown.text);
  CHECK(shown.exit_code == 3);
  CHECK(contains(shown.text, "bad.yaml:4:8: error: "));
  CHECK(contains(shown.text, "\n    4 |   # caf?!\n      |        ^\n"));
}

TEST_CASE("carets: none for an applicant file's errors",
          "[cli][terminal]") {
  TempDir dir;
  dir.write("rules.yaml", kRules);
  // No column for `years`: an input error at line 1 (the header), shown
  // without the header's text.
  dir.write("a.csv", "id,age\nA1,3\n");
  const Shown shown = off_terminal(dir, "screen -r rules.yaml a.csv");
  INFO(shown.text);
  CHECK(shown.exit_code == 4);
  CHECK_FALSE(contains(shown.text, " | "));
}

// ---- the progress bar -----------------------------------------------------------

TEST_CASE("progress: a bar on a terminal, cleared before the summary, and the same outputs",
          "[cli][terminal]") {
  TempDir dir;
  dir.write("rules.yaml", kRules);
  dir.write("a.csv", applicants(5000));
  // SHORTLIST_PROGRESS_DELAY_MS=0: the bar from the start of the run rather
  // than after a second (for tests only).
  const Shown shown = on_terminal(
      dir, "screen -r rules.yaml a.csv -o bar.csv --decisions bar.jsonl",
      "SHORTLIST_PROGRESS_DELAY_MS=0");
  INFO(shown.text);
  CHECK(shown.exit_code == 0);
  // Drawn over itself from the start of the line: records, the input's
  // size, MB/s.
  const auto bar = shown.text.find("\rshortlist: [");
  REQUIRE(bar != std::string::npos);
  const std::string drawn = shown.text.substr(bar, shown.text.find("\x1b[K", bar) - bar);
  CHECK(contains(drawn, " records"));
  // a.csv holds 42,229 bytes: the header (9), then for 5,000 records "A",
  // the number (23,890 digits), a comma, the years (8,330 digits) and a line
  // end: 0.04 MB.
  CHECK(contains(drawn, "/0.04 MB"));
  CHECK(contains(drawn, "MB/s"));
  // Cleared (carriage return, erase the line) right before the summary.
  CHECK(contains(shown.text, "\r\x1b[Kshortlist: 5000 records from 1 input"));
  // Off a terminal, no bar, and the same outputs.
  const Shown plain = off_terminal(dir, "screen -r rules.yaml a.csv -o plain.csv --decisions plain.jsonl",
                                   "SHORTLIST_PROGRESS_DELAY_MS=0");
  CHECK(plain.exit_code == 0);
  CHECK_FALSE(contains(plain.text, "\r"));
  CHECK_FALSE(contains(plain.text, kEscape));
  CHECK(read_file(dir.path() / "bar.csv") == read_file(dir.path() / "plain.csv"));
  CHECK(read_file(dir.path() / "bar.jsonl") == read_file(dir.path() / "plain.jsonl"));
}

TEST_CASE("progress: none with -q, --no-progress or CI set, nor before a second has passed",
          "[cli][terminal]") {
  TempDir dir;
  dir.write("rules.yaml", kRules);
  dir.write("a.csv", applicants(5000));
  const std::string run = "screen -r rules.yaml a.csv -o s.csv";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"-q", "SHORTLIST_PROGRESS_DELAY_MS=0"},
      {"--no-progress", "SHORTLIST_PROGRESS_DELAY_MS=0"},
      {"", "SHORTLIST_PROGRESS_DELAY_MS=0 CI=true"},
      {"", "SHORTLIST_PROGRESS_DELAY_MS=0 CI=1"}};
  for (const auto& [flag, env] : cases) {
    const Shown shown = on_terminal(dir, run + " " + flag, env);
    INFO(flag << " " << env << ": " << shown.text);
    CHECK(shown.exit_code == 0);
    CHECK_FALSE(contains(shown.text, "\rshortlist"));
    CHECK_FALSE(contains(shown.text, "\x1b[K"));
  }
  // An empty CI is as if unset.
  const Shown empty_ci = on_terminal(dir, run, "SHORTLIST_PROGRESS_DELAY_MS=0 CI=");
  CHECK(contains(empty_ci.text, "\rshortlist: ["));
  // Without the tests' variable, a run of four records ends long before the
  // second after which the bar would appear.
  dir.write("four.csv", kApplicants);
  const Shown quick = on_terminal(dir, "screen -r rules.yaml four.csv -o s.csv");
  INFO(quick.text);
  CHECK(quick.exit_code == 0);
  CHECK_FALSE(contains(quick.text, "\x1b[K"));
}

TEST_CASE("progress: from standard input, records and MB/s without a fraction",
          "[cli][terminal]") {
  TempDir dir;
  dir.write("rules.yaml", kRules);
  dir.write("a.csv", applicants(5000));
  const Shown shown = on_terminal(dir, "screen -r rules.yaml --input-format csv - -o s.csv <a.csv",
                                  "SHORTLIST_PROGRESS_DELAY_MS=0");
  INFO(shown.text);
  CHECK(shown.exit_code == 0);
  const auto bar = shown.text.find("\rshortlist: ");
  REQUIRE(bar != std::string::npos);
  const std::string drawn = shown.text.substr(bar, shown.text.find("\x1b[K", bar) - bar);
  CHECK(contains(drawn, " records"));
  CHECK(contains(drawn, "MB/s"));
  CHECK_FALSE(contains(shown.text, "\rshortlist: ["));  // no total: no bar, no percentage
  CHECK_FALSE(contains(shown.text, "left"));
}

TEST_CASE("progress: Ctrl-C clears the bar before saying that the run stopped",
          "[cli][terminal]") {
  // The input comes from a pipe that stays open 3 s after its records: the
  // run waits in a read when SIGINT comes at 1 s, and stops when the read
  // returns. The bar has been drawn by then, and must be gone.
  TempDir dir;
  dir.write("rules.yaml", kRules);
  dir.write("a.csv", applicants(2000));
  const std::string args = "screen -r rules.yaml --input-format csv - -o s.csv";
  const std::string line =
      "cd " + shell_quote(dir.path().string()) + " && script -qfec " +
      shell_quote("{ cat a.csv; sleep 3; } | timeout --preserve-status -s INT 1 " +
                  command("SHORTLIST_PROGRESS_DELAY_MS=0", args)) +
      " /dev/null >terminal.txt 2>&1 </dev/null";
  const int code = exit_code_of(std::system(line.c_str()));
  const std::string text = read_file(dir.path() / "terminal.txt");
  INFO(text);
  CHECK(code == 130);
  CHECK(contains(text, "\rshortlist: "));
  CHECK(contains(text, "\r\x1b[Kshortlist: interrupted; no output written"));
  CHECK_FALSE(fs::exists(dir.path() / "s.csv"));
}

TEST_CASE("xlsx: a workbook is not written to a terminal, and is off one", "[cli][terminal][xlsx]") {
  TempDir dir;
  dir.write("rules.yaml", kRules);
  dir.write("a.csv", kApplicants);
  const Shown on = on_terminal(dir, "screen -r rules.yaml a.csv -q -f xlsx --color never");
  CHECK(on.exit_code == 2);
  CHECK(contains(on.text, "shortlist: error: an xlsx shortlist is not written to a terminal; name "
                          "a file with -o, or redirect standard output"));
  CHECK_FALSE(contains(on.text, "PK"));
  // Redirected, the same command writes the workbook (a zip: "PK\3\4").
  const Shown off = off_terminal(dir, "screen -r rules.yaml a.csv -q -f xlsx");
  CHECK(off.exit_code == 0);
  CHECK(off.out.starts_with("PK\x03\x04"));
  // On a terminal, -o names a file: written.
  CHECK(on_terminal(dir, "screen -r rules.yaml a.csv -q -o s.xlsx").exit_code == 0);
  CHECK(read_file(dir.path() / "s.xlsx") == off.out);
}
