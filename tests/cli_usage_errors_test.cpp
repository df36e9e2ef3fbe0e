// End to end: usage errors (exit 2) name what was probably meant and point to
// the help of the command they belong to: a misspelt option (`--frmat`), an
// option of another command, a misspelt value of an option that takes a fixed
// set (`--format jsonn`, `--status shortlistd`), and a command's own usage
// checks.
#include <catch2/catch.hpp>

#include "cli_test_support.hpp"
#include "test_support.hpp"

namespace {

using shortlist::test::RunResult;
using shortlist::test::source_dir;
using shortlist::test::split_lines;

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

RunResult run(const std::string& args) {
  RunResult r = shortlist::test::run_shortlist(args, source_dir());
  INFO("shortlist " << args << "\nstderr: " << r.err);
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  return r;
}

// The last line of stderr.
std::string last_line(const std::string& err) {
  auto lines = split_lines(err);
  REQUIRE(!lines.empty());
  return lines.back();
}

const std::string kScreen = "screen -r rules/eu-ai-office-2024.yaml samples/applicants.csv ";

}  // namespace

TEST_CASE("usage: a misspelt option of screen is named with the likely one", "[cli][usage]") {
  RunResult r = run(kScreen + "--frmat csv");
  CHECK(r.err ==
        "shortlist screen: error: unknown option '--frmat' (did you mean '--format'?)\n"
        "Run 'shortlist screen --help' for usage.\n");
}

TEST_CASE("usage: a misspelt option with '=VALUE' is named without the value", "[cli][usage]") {
  RunResult r = run(kScreen + "--fromat=csv");
  CHECK(r.err ==
        "shortlist screen: error: unknown option '--fromat' (did you mean '--format'?)\n"
        "Run 'shortlist screen --help' for usage.\n");
  RunResult d = run(kScreen + "--decision=d.jsonl");
  CHECK(contains(d.err, "unknown option '--decision' (did you mean '--decisions'?)"));
}

TEST_CASE("usage: a misspelt option of validate is named with validate's option",
          "[cli][usage]") {
  RunResult r = run("validate rules/eu-ai-office-2024.yaml --frmat json");
  CHECK(contains(r.err,
                 "shortlist validate: error: unknown option '--frmat' (did you mean '--format'?)"));
  CHECK(last_line(r.err) == "Run 'shortlist validate --help' for usage.");
  RunResult i = run("validate rules/eu-ai-office-2024.yaml --inptu samples/applicants.csv");
  CHECK(contains(i.err, "unknown option '--inptu' (did you mean '--input'?)"));
}

TEST_CASE("usage: an option of another command is unknown, with no far-fetched suggestion",
          "[cli][usage]") {
  // validate has no --decisions, and none of its options is one or two edits from it.
  RunResult r = run("validate rules/eu-ai-office-2024.yaml --decisions d.jsonl");
  CHECK(contains(r.err, "shortlist validate: error: unknown option '--decisions'\n"));
  CHECK(!contains(r.err, "did you mean"));
  CHECK(last_line(r.err) == "Run 'shortlist validate --help' for usage.");
}

TEST_CASE("usage: an unknown single-letter option suggests nothing", "[cli][usage]") {
  // Every one-letter option is one edit from every other: a guess would be noise.
  RunResult r = run(kScreen + "-x");
  CHECK(contains(r.err, "shortlist screen: error: unknown option '-x'\n"));
  CHECK(!contains(r.err, "did you mean"));
}

TEST_CASE("usage: CLI11's own errors in a command point to that command's help",
          "[cli][usage]") {
  // -r is required; --threads is checked against its range.
  RunResult missing = run("screen samples/applicants.csv");
  CHECK(contains(missing.err, "shortlist screen: error: "));
  CHECK(contains(missing.err, "--rules"));
  CHECK(last_line(missing.err) == "Run 'shortlist screen --help' for usage.");
  RunResult range = run(kScreen + "--threads 5000");
  CHECK(contains(range.err, "shortlist screen: error: "));
  CHECK(last_line(range.err) == "Run 'shortlist screen --help' for usage.");
  RunResult extra = run("explain");
  CHECK(last_line(extra.err) == "Run 'shortlist explain --help' for usage.");
}

TEST_CASE("usage: errors before any command point to the top-level help", "[cli][usage]") {
  RunResult r = run("--verison");
  CHECK(contains(r.err, "shortlist: error: unknown option '--verison' (did you mean '--version'?)"));
  CHECK(last_line(r.err) == "Run 'shortlist --help' for usage.");
  RunResult none = run("");
  CHECK(last_line(none.err) == "Run 'shortlist --help' for usage.");
  RunResult command = run("scren");
  CHECK(last_line(command.err) == "Run 'shortlist --help' for usage.");
}

TEST_CASE("usage: a command's own usage errors point to its help", "[cli][usage]") {
  // screen's check of --summary's name, fairness's of --format, report's of --format.
  RunResult summary = run(kScreen + "--summary s.txt");
  CHECK(contains(summary.err, "--summary 's.txt'"));
  CHECK(last_line(summary.err) == "Run 'shortlist screen --help' for usage.");
  RunResult init = run("init --example nope");
  CHECK(last_line(init.err) == "Run 'shortlist init --help' for usage.");
}

TEST_CASE("usage: misspelt values of options with a fixed set are named with the likely one",
          "[cli][usage]") {
  struct Case {
    std::string args, message, help;
  };
  const std::vector<Case> cases = {
      {kScreen + "--format jsonn",
       "unknown format 'jsonn' (expected csv, tsv, json, jsonl, md or xlsx; did you mean 'json'?)",
       "screen"},
      {kScreen + "--input-format cvs",
       "unknown input format 'cvs' (expected csv, tsv, json, jsonl or xlsx; did you mean 'csv'?)",
       "screen"},
      {kScreen + "--encoding latin-1",
       "unknown encoding 'latin-1' (expected utf-8, latin1 or windows-1252; did you mean "
       "'latin1'?)",
       "screen"},
      {kScreen + "--status shortlisted,reserv",
       "unknown status 'reserv' for --status (expected shortlisted, reserve, below-cutoff, "
       "ineligible, review or duplicate; did you mean 'reserve'?)",
       "screen"},
      {kScreen + "--status shortlistd",
       "(expected shortlisted, reserve, below-cutoff, ineligible, review or duplicate; did you "
       "mean 'shortlisted'?)",
       "screen"},
      {"validate rules/eu-ai-office-2024.yaml --format jsno",
       "unknown format 'jsno' (expected text, json or github; did you mean 'json'?)", "validate"},
      {"verify --format gihtub -r rules/eu-ai-office-2024.yaml d.jsonl samples/applicants.csv",
       "unknown format 'gihtub' (expected text, json or github; did you mean 'github'?)",
       "verify"},
      {"report --format htm d.jsonl",
       "unknown format 'htm' (expected html or md; did you mean 'html'?)", "report"},
      {"inspect --input-format tsc samples/applicants.csv",
       "unknown input format 'tsc' (expected csv, tsv, json, jsonl or xlsx; did you mean 'tsv'?)",
       "inspect"},
  };
  for (const Case& c : cases) {
    RunResult r = run(c.args);
    INFO(c.args << "\nstderr: " << r.err);
    CHECK(contains(r.err, c.message));
    CHECK(last_line(r.err) == "Run 'shortlist " + c.help + " --help' for usage.");
  }
}

TEST_CASE("usage: a value far from every known one gets no suggestion", "[cli][usage]") {
  RunResult r = run(kScreen + "--format xml");
  CHECK(contains(r.err, "unknown format 'xml' (expected csv, tsv, json, jsonl, md or xlsx)\n"));
  CHECK(!contains(r.err, "did you mean"));
}
