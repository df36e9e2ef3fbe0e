// End to end: an output that names an input, the rules file or another output
// is refused with exit 2 before anything is read (docs/behaviour.md, Writing),
// and the file it named is left byte for byte as it was.
#include <algorithm>

#include <catch2/catch.hpp>

#include "cli_test_support.hpp"
#include "test_support.hpp"

namespace {

namespace fs = std::filesystem;
using shortlist::test::folder_entries;
using shortlist::test::read_file;
using shortlist::test::RunResult;
using shortlist::test::TempDir;

const std::string kRules = R"(shortlist: 1
call:
  id: OUTPUT-PATHS
fields:
  id:    { column: id }
  years: { column: years, type: number }
profiles:
  - id: dev
    require:
      - { id: experienced, field: years, at_least: 2 }
)";

const std::string kCsv = "id,years\nA1,3\nA2,1\n";

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// A folder with rules.yaml and a.csv, and the check that a refused run left
// both (and the folder's entries) exactly as they were.
struct Setup {
  TempDir dir;
  std::set<std::string> before;
  Setup() {
    dir.write("rules.yaml", kRules);
    dir.write("a.csv", kCsv);
  }
  RunResult run(const std::string& args) {
    before = folder_entries(dir.path());
    return shortlist::test::run_shortlist(args, dir.path());
  }
  void check_refused(const RunResult& r, const std::string& message) const {
    INFO("stderr: " << r.err);
    CHECK(r.exit_code == 2);
    CHECK(contains(r.err, "shortlist: error: " + message));
    CHECK(r.out.empty());
    CHECK(read_file(dir.path() / "a.csv") == kCsv);
    CHECK(read_file(dir.path() / "rules.yaml") == kRules);
    // Nothing created: no output, no `.NAME.shortlist-XXXXXX` left behind.
    CHECK(folder_entries(dir.path()) == before);
  }
};

}  // namespace

TEST_CASE("output paths: -o naming the input is refused", "[cli][output-paths]") {
  Setup s;
  RunResult r = s.run("screen -r rules.yaml a.csv -o a.csv");
  s.check_refused(r, "-o 'a.csv' is also the input 'a.csv'");
}

TEST_CASE("output paths: --decisions naming the input through ./ is refused",
          "[cli][output-paths]") {
  Setup s;
  RunResult r = s.run("screen -r rules.yaml a.csv --decisions ./a.csv");
  s.check_refused(r, "--decisions './a.csv' is also the input 'a.csv'");
}

TEST_CASE("output paths: an output naming the second input through sub/.. is refused",
          "[cli][output-paths]") {
  Setup s;
  s.dir.write("sub/b.csv", "id,years\nB1,4\n");
  RunResult r = s.run("screen -r rules.yaml a.csv sub/b.csv --rejects sub/../sub/b.csv");
  s.check_refused(r, "--rejects 'sub/../sub/b.csv' is also the input 'sub/b.csv'");
  CHECK(read_file(s.dir.path() / "sub/b.csv") == "id,years\nB1,4\n");
}

TEST_CASE("output paths: --rejects naming the rules file is refused", "[cli][output-paths]") {
  Setup s;
  RunResult r = s.run("screen -r rules.yaml a.csv --rejects rules.yaml");
  s.check_refused(r, "--rejects 'rules.yaml' is also the rules file 'rules.yaml'");
}

TEST_CASE("output paths: an output that is a symlink to the input is refused",
          "[cli][output-paths]") {
  Setup s;
  fs::create_symlink("a.csv", s.dir.path() / "link.csv");
  RunResult r = s.run("screen -r rules.yaml a.csv -o link.csv");
  s.check_refused(r, "-o 'link.csv' is also the input 'a.csv'");
  CHECK(fs::is_symlink(s.dir.path() / "link.csv"));
}

TEST_CASE("output paths: an output that is a hard link to the rules file is refused",
          "[cli][output-paths]") {
  Setup s;
  fs::create_hard_link(s.dir.path() / "rules.yaml", s.dir.path() / "d.jsonl");
  RunResult r = s.run("screen -r rules.yaml a.csv --decisions d.jsonl");
  s.check_refused(r, "--decisions 'd.jsonl' is also the rules file 'rules.yaml'");
}

TEST_CASE("output paths: two outputs naming one new file are refused", "[cli][output-paths]") {
  Setup s;
  RunResult r = s.run("screen -r rules.yaml a.csv -o out.csv --decisions out.csv");
  s.check_refused(r, "-o 'out.csv' and --decisions 'out.csv' name the same file");
  CHECK_FALSE(fs::exists(s.dir.path() / "out.csv"));
}

TEST_CASE("output paths: two outputs naming one existing file are refused and leave it alone",
          "[cli][output-paths]") {
  Setup s;
  s.dir.write("d.jsonl", "old decisions\n");
  RunResult r = s.run("screen -r rules.yaml a.csv --decisions d.jsonl --rejects ./d.jsonl");
  s.check_refused(r, "--decisions 'd.jsonl' and --rejects './d.jsonl' name the same file");
  CHECK(read_file(s.dir.path() / "d.jsonl") == "old decisions\n");
}

TEST_CASE("output paths: a symlink to a file not there yet and that file are one output",
          "[cli][output-paths]") {
  // L.csv -> T.out, which does not exist: -o L.csv would create T.out.
  Setup s;
  fs::create_symlink("T.out", s.dir.path() / "L.csv");
  RunResult r = s.run("screen -r rules.yaml a.csv -o L.csv --decisions T.out");
  s.check_refused(r, "-o 'L.csv' and --decisions 'T.out' name the same file");
  CHECK_FALSE(fs::exists(s.dir.path() / "T.out"));
}

TEST_CASE("output paths: the refusal comes before the rules are read", "[cli][output-paths]") {
  // The rules file is not valid YAML; a run that read it would exit 3.
  Setup s;
  s.dir.write("rules.yaml", "shortlist: [\n");
  RunResult r = s.run("screen -r rules.yaml a.csv -o a.csv");
  INFO("stderr: " << r.err);
  CHECK(r.exit_code == 2);
  CHECK(contains(r.err, "-o 'a.csv' is also the input 'a.csv'"));
  CHECK_FALSE(contains(r.err, "rules.yaml:"));
  CHECK(read_file(s.dir.path() / "a.csv") == kCsv);
}

TEST_CASE("output paths: distinct outputs, and - for input and output, still run",
          "[cli][output-paths]") {
  Setup s;
  RunResult r = s.run(
      "screen -r rules.yaml a.csv -o out.csv --decisions d.jsonl --rejects r.jsonl -q");
  INFO("stderr: " << r.err);
  CHECK(r.exit_code == 0);
  // A1 has 3 years (>= 2): the one shortlisted record; A2 is ineligible.
  CHECK(read_file(s.dir.path() / "out.csv") ==
        "profile,rank,id,score,status\ndev,1,A1,0,shortlisted\n");
  CHECK(fs::exists(s.dir.path() / "d.jsonl"));
  CHECK(read_file(s.dir.path() / "r.jsonl").empty());
  CHECK(read_file(s.dir.path() / "a.csv") == kCsv);

  // Standard input and standard output are not paths: `-` and `-o -` never clash.
  RunResult piped = shortlist::test::run_shortlist(
      "screen -r rules.yaml - --input-format csv -o - -q", s.dir.path(), kCsv);
  INFO("stderr: " << piped.err);
  CHECK(piped.exit_code == 0);
  CHECK(piped.out == "profile,rank,id,score,status\ndev,1,A1,0,shortlisted\n");
}

TEST_CASE("output paths: --decisions - writes the decision record to standard output, no file",
          "[cli][output-paths]") {
  Setup s;
  RunResult r = s.run("screen -r rules.yaml a.csv -o out.csv --decisions - -q");
  INFO("stderr: " << r.err);
  REQUIRE(r.exit_code == 0);
  // The run line, one line per record in input order (A1 passes its one
  // check, 3 >= 2; A2 fails it, 1 < 2), the summary line.
  std::vector<std::string> lines;
  std::size_t start = 0;
  for (std::size_t end; (end = r.out.find('\n', start)) != std::string::npos; start = end + 1)
    lines.push_back(r.out.substr(start, end - start));
  CHECK(start == r.out.size());  // every line ends with a line feed
  REQUIRE(lines.size() == 4);
  CHECK(contains(lines[0], "\"kind\":\"run\""));
  CHECK(contains(lines[1], "\"id\":\"A1\""));
  CHECK(contains(lines[1], "\"status\":\"shortlisted\""));
  CHECK(contains(lines[2], "\"id\":\"A2\""));
  CHECK(contains(lines[2], "\"status\":\"ineligible\""));
  CHECK(contains(lines[3], "\"kind\":\"summary\""));
  CHECK(read_file(s.dir.path() / "out.csv") ==
        "profile,rank,id,score,status\ndev,1,A1,0,shortlisted\n");
  // Nothing named `-` (or anything else but out.csv) was left in the folder.
  std::set<std::string> expected = s.before;
  expected.insert("out.csv");
  CHECK(folder_entries(s.dir.path()) == expected);

  // The record on standard output is the record a file gets.
  RunResult to_file = shortlist::test::run_shortlist(
      "screen -r rules.yaml a.csv -o out2.csv --decisions d.jsonl -q", s.dir.path());
  REQUIRE(to_file.exit_code == 0);
  CHECK(read_file(s.dir.path() / "d.jsonl") == r.out);
}

TEST_CASE("output paths: --rejects - writes the rejects to standard output",
          "[cli][output-paths]") {
  Setup s;
  s.dir.write("b.csv", "id,years\nB1,3,extra\n");
  RunResult r = s.run("screen -r rules.yaml b.csv -o out.csv --rejects - -q");
  INFO("stderr: " << r.err);
  CHECK(r.exit_code == 0);
  // One record with three fields where the header has two.
  CHECK(std::count(r.out.begin(), r.out.end(), '\n') == 1);
  CHECK(contains(r.out, "\"source\":\"b.csv:2\""));
  CHECK_FALSE(fs::exists(s.dir.path() / "-"));
}

TEST_CASE("output paths: --decisions - on a full standard output stops with exit 5",
          "[cli][output-paths]") {
  if (!fs::exists("/dev/full")) {
    WARN("no /dev/full here");
    return;
  }
  // 6,000 records: the decision record is written in several batches, each
  // by the thread that formatted it, in turn; every one of them fails.
  Setup s;
  std::string csv = "id,years\n";
  for (int i = 0; i < 6000; ++i) csv += "M" + std::to_string(i) + "," + std::to_string(i % 5) + "\n";
  s.dir.write("many.csv", csv);
  for (const char* threads : {"1", "2"}) {
    INFO("threads " << threads);
    const auto err = s.dir.path() / "stderr";
    RunResult r = s.run(std::string("screen -q --threads ") + threads +
                        " -r rules.yaml many.csv -o out.csv --decisions - >/dev/full 2>" +
                        shortlist::test::shell_quote(err.string()) + "; (exit $?)");
    CHECK(r.exit_code == 5);
    CHECK(read_file(err) == "shortlist: error: /dev/stdout: cannot write: No space left on device\n");
    // The shortlist is not written when the record could not be.
    CHECK_FALSE(fs::exists(s.dir.path() / "out.csv"));
  }
}

TEST_CASE("output paths: two outputs on standard output are refused", "[cli][output-paths]") {
  Setup s;
  // -o is standard output when not given.
  s.check_refused(s.run("screen -r rules.yaml a.csv --decisions -"),
                  "the shortlist (-o) and --decisions would both write to standard output; "
                  "name a file for all but one");
  s.check_refused(s.run("screen -r rules.yaml a.csv -o - --rejects -"),
                  "the shortlist (-o) and --rejects would both write to standard output");
  s.check_refused(s.run("screen -r rules.yaml a.csv -o x.csv --decisions - --rejects -"),
                  "--decisions and --rejects would both write to standard output");
  s.check_refused(s.run("screen -r rules.yaml a.csv --decisions - --rejects -"),
                  "the shortlist (-o), --decisions and --rejects would all write to standard output");
  // /dev/stdout and /dev/fd/1 are this process's standard output as `-` is.
  s.check_refused(s.run("screen -r rules.yaml a.csv --decisions /dev/stdout"),
                  "the shortlist (-o) and --decisions would both write to standard output");
  s.check_refused(s.run("screen -r rules.yaml a.csv -o /dev/fd/1 --rejects -"),
                  "the shortlist (-o) and --rejects would both write to standard output");
}

TEST_CASE("output paths: an output that is a symlink to another file is written through it",
          "[cli][output-paths]") {
  // Renaming over the link would replace the link itself with a regular file
  // and leave its target stale; for `-o /dev/stdout` run as root, it would
  // replace the system's /dev/stdout link. The target is what the user named.
  Setup s;
  s.dir.write("target.csv", "old shortlist\n");
  fs::create_symlink("target.csv", s.dir.path() / "out.csv");
  RunResult r = s.run("screen -r rules.yaml a.csv -o out.csv -q");
  INFO("stderr: " << r.err);
  CHECK(r.exit_code == 0);
  CHECK(fs::is_symlink(s.dir.path() / "out.csv"));
  CHECK(read_file(s.dir.path() / "target.csv") ==
        "profile,rank,id,score,status\ndev,1,A1,0,shortlisted\n");
  CHECK(folder_entries(s.dir.path()) == s.before);
}
