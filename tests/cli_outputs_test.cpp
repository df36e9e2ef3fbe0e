// End to end: the shortlist file (SPEC 6) in every format, which statuses it
// lists and in what order, the formula guard, file modes, thread-independence
// (4.3), duplicates (4.4), ties, --profile and records that match no profile.
//
// The inline applicants and what the rules make of them, worked out by hand:
//
//   line id  track  years  dev (1 pt/year, >= 1 year, min 2, top 2)  ops (2 pt/year, min 2, top 1)
//    2   C1  ops    3                                                  6, rank 1, shortlisted
//    3   C2  dev    5      5, rank 1, shortlisted
//    4   C3  dev    2      2, rank 3, reserve
//    5   C4  dev    4      4, rank 2, shortlisted
//    6   C5  ops    1                                                  2, rank 2, reserve
//    7   C6  dev    0      ineligible
//    8   C7  sales  9      no profile
//    9   C8  dev    1      1, below-cutoff
//   10   C9  dev    1.5    1.5, below-cutoff
#include <sys/stat.h>
#include <catch2/catch.hpp>

#include "cli_test_support.hpp"
#include "test_support.hpp"

namespace {

namespace fs = std::filesystem;
using shortlist::test::JsonObject;
using shortlist::test::read_file;
using shortlist::test::RunResult;
using shortlist::test::shell_quote;
using shortlist::test::source_dir;
using shortlist::test::TempDir;
using Strings = std::vector<std::string>;

// The rules, with an optional `duplicates:` value and dev's include_ties.
std::string rules(const std::string& duplicates = "", bool include_ties = false) {
  return "shortlist: 1\n"
         "call:\n"
         "  id: OUTPUTS\n"
         "fields:\n"
         "  id:    { column: id }\n"
         "  name:  { column: name }\n"
         "  track: { column: track }\n"
         "  years: { column: years, type: number }\n" +
         (duplicates.empty() ? std::string() : "duplicates: " + duplicates + "\n") +
         "output:\n"
         "  columns: [name]\n"
         "profiles:\n"
         "  - id: dev\n"
         "    title: Developer\n"
         "    when: { field: track, equals: dev }\n"
         "    require:\n"
         "      - { id: experienced, field: years, at_least: 1 }\n"
         "    score:\n"
         "      - { id: years, field: years, each: 1 }\n"
         "    shortlist: { min_score: 2, top: 2, include_ties: " +
         (include_ties ? "true" : "false") +
         " }\n"
         "  - id: ops\n"
         "    title: Operator\n"
         "    when: { field: track, equals: ops }\n"
         "    require:\n"
         "      - { id: experienced, field: years, at_least: 1 }\n"
         "    score:\n"
         "      - { id: years, field: years, each: 2 }\n"
         "    shortlist: { min_score: 2, top: 1 }\n";
}

const std::string kApplicants =
    "id,name,track,years\n"
    "C1,Ann Lee,ops,3\n"
    "C2,Bo Chan,dev,5\n"
    "C3,Cy Diaz,dev,2\n"
    "C4,\"Doe, Jane\",dev,4\n"
    "C5,Eli Fox,ops,1\n"
    "C6,Fay Gu,dev,0\n"
    "C7,Gil Ho,sales,9\n"
    "C8,Hal Ito,dev,1\n"
    "C9,Ivy Ju,dev,1.5\n";

// Runs `screen -r rules.yaml a.csv ARGS` in a fresh folder holding both.
struct Screen {
  TempDir dir;
  RunResult result;
  Screen(const std::string& args, const std::string& csv = kApplicants,
         const std::string& rules_text = rules()) {
    dir.write("rules.yaml", rules_text);
    dir.write("a.csv", csv);
    result = shortlist::test::run_shortlist("screen -q -r rules.yaml a.csv " + args, dir.path());
    INFO("stderr: " << result.err);
    CHECK(result.exit_code == 0);
  }
  std::string file(const std::string& name) const { return read_file(dir.path() / name); }
  // The decisions as "line\tid\tprofile\tstatus\tscore\trank" rows.
  Strings decision_rows(const std::string& name) const {
    Strings rows;
    for (const JsonObject& d :
         shortlist::test::decision_lines(shortlist::test::parse_json_lines(file(name))))
      rows.push_back(shortlist::test::decision_row(d, "a.csv:"));
    return rows;
  }
};

const std::string kShortlistCsv =
    "profile,rank,id,score,status,name\n"
    "dev,1,C2,5,shortlisted,Bo Chan\n"
    "dev,2,C4,4,shortlisted,\"Doe, Jane\"\n"
    "ops,1,C1,6,shortlisted,Ann Lee\n";

const std::string kShortlistJson =
    "[\n"
    "{\"profile\":\"dev\",\"rank\":1,\"id\":\"C2\",\"score\":\"5\",\"status\":\"shortlisted\","
    "\"name\":\"Bo Chan\"},\n"
    "{\"profile\":\"dev\",\"rank\":2,\"id\":\"C4\",\"score\":\"4\",\"status\":\"shortlisted\","
    "\"name\":\"Doe, Jane\"},\n"
    "{\"profile\":\"ops\",\"rank\":1,\"id\":\"C1\",\"score\":\"6\",\"status\":\"shortlisted\","
    "\"name\":\"Ann Lee\"}\n"
    "]\n";

// Four names a spreadsheet would run as formulas; F1-F2 shortlisted, F3-F4 reserve.
const std::string kFormulas =
    "id,name,track,years\n"
    "F1,\"=HYPERLINK(\"\"x\"\")\",dev,5\n"
    "F2,@SUM(A1),dev,4\n"
    "F3,+cmd|' /C calc'!A0,dev,3\n"
    "F4,-2+3,dev,2\n";

mode_t file_mode(const fs::path& path) {
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  return st.st_mode & 07777;
}

// Sets the process umask for the lifetime of the object; the binary inherits it.
class Umask {
 public:
  explicit Umask(mode_t mask) : old_(::umask(mask)) {}
  ~Umask() { ::umask(old_); }
  Umask(const Umask&) = delete;
  Umask& operator=(const Umask&) = delete;

 private:
  mode_t old_;
};

// The shortlist, decisions and rejects of one run with `--threads N`.
struct ThreadedOutputs {
  std::string shortlist, decisions, rejects;
};

ThreadedOutputs run_threaded(const std::string& args, const fs::path& working_dir, int threads) {
  TempDir out;
  fs::path s = out.path() / "s.csv", d = out.path() / "d.jsonl", r = out.path() / "r.jsonl";
  RunResult result = shortlist::test::run_shortlist(
      args + " --threads " + std::to_string(threads) + " -o " + shell_quote(s.string()) +
          " --decisions " + shell_quote(d.string()) + " --rejects " + shell_quote(r.string()),
      working_dir);
  INFO("stderr: " << result.err);
  REQUIRE(result.exit_code == 0);
  return {read_file(s), read_file(d), read_file(r)};
}

void check_same_for_1_and_4_threads(const std::string& args, const fs::path& working_dir) {
  ThreadedOutputs one = run_threaded(args, working_dir, 1);
  ThreadedOutputs four = run_threaded(args, working_dir, 4);
  CHECK_FALSE(one.shortlist.empty());
  CHECK_FALSE(one.decisions.empty());
  CHECK(one.shortlist == four.shortlist);
  CHECK(one.decisions == four.decisions);
  CHECK(one.rejects == four.rejects);
}

}  // namespace

TEST_CASE("outputs: the inline applicants get the hand-worked decisions", "[cli][outputs]") {
  // With one thread the profiles are ranked in turn, with two side by side;
  // each entry's rank must come back from its own profile's ranking.
  for (const char* threads : {"1", "2"}) {
    INFO("threads " << threads);
    Screen s(std::string("--decisions d.jsonl --threads ") + threads);
    CHECK(s.decision_rows("d.jsonl") == Strings{
                                            "2\tC1\tops\tshortlisted\t6\t1",
                                            "3\tC2\tdev\tshortlisted\t5\t1",
                                            "4\tC3\tdev\treserve\t2\t3",
                                            "5\tC4\tdev\tshortlisted\t4\t2",
                                            "6\tC5\tops\treserve\t2\t2",
                                            "7\tC6\tdev\tineligible\t\t",
                                            "8\tC7\tnull\tno-profile\t\t",
                                            "9\tC8\tdev\tbelow-cutoff\t1\t",
                                            "10\tC9\tdev\tbelow-cutoff\t1.5\t",
                                        });
  }
}

TEST_CASE("outputs: the shortlist as CSV on standard output by default", "[cli][outputs]") {
  Screen s("");
  CHECK(s.result.out == kShortlistCsv);
}

TEST_CASE("outputs: the shortlist as TSV", "[cli][outputs]") {
  Screen s("-f tsv");
  CHECK(s.result.out ==
        "profile\trank\tid\tscore\tstatus\tname\n"
        "dev\t1\tC2\t5\tshortlisted\tBo Chan\n"
        "dev\t2\tC4\t4\tshortlisted\tDoe, Jane\n"
        "ops\t1\tC1\t6\tshortlisted\tAnn Lee\n");
}

TEST_CASE("outputs: the shortlist as JSON", "[cli][outputs]") {
  Screen s("--format json");
  CHECK(s.result.out == kShortlistJson);
}

TEST_CASE("outputs: the shortlist as JSON Lines", "[cli][outputs]") {
  Screen s("-f jsonl");
  CHECK(s.result.out ==
        "{\"profile\":\"dev\",\"rank\":1,\"id\":\"C2\",\"score\":\"5\",\"status\":\"shortlisted\","
        "\"name\":\"Bo Chan\"}\n"
        "{\"profile\":\"dev\",\"rank\":2,\"id\":\"C4\",\"score\":\"4\",\"status\":\"shortlisted\","
        "\"name\":\"Doe, Jane\"}\n"
        "{\"profile\":\"ops\",\"rank\":1,\"id\":\"C1\",\"score\":\"6\",\"status\":\"shortlisted\","
        "\"name\":\"Ann Lee\"}\n");
}

TEST_CASE("outputs: the shortlist as Markdown, one table per profile", "[cli][outputs]") {
  Screen s("-f md");
  CHECK(s.result.out ==
        "## dev: Developer\n"
        "\n"
        "| rank | id | score | status | name |\n"
        "| ---: | --- | ---: | --- | --- |\n"
        "| 1 | C2 | 5 | shortlisted | Bo Chan |\n"
        "| 2 | C4 | 4 | shortlisted | Doe, Jane |\n"
        "\n"
        "## ops: Operator\n"
        "\n"
        "| rank | id | score | status | name |\n"
        "| ---: | --- | ---: | --- | --- |\n"
        "| 1 | C1 | 6 | shortlisted | Ann Lee |\n");
}

TEST_CASE("outputs: -o file.json picks JSON from the extension", "[cli][outputs]") {
  Screen t("-o shortlist.json");
  CHECK(t.result.out.empty());
  CHECK(t.file("shortlist.json") == kShortlistJson);
}

TEST_CASE("outputs: --status shortlisted,reserve lists both in rank order", "[cli][outputs]") {
  Screen s("--status shortlisted,reserve");
  CHECK(s.result.out ==
        "profile,rank,id,score,status,name\n"
        "dev,1,C2,5,shortlisted,Bo Chan\n"
        "dev,2,C4,4,shortlisted,\"Doe, Jane\"\n"
        "dev,3,C3,2,reserve,Cy Diaz\n"
        "ops,1,C1,6,shortlisted,Ann Lee\n"
        "ops,2,C5,2,reserve,Eli Fox\n");
}

TEST_CASE("outputs: --status below-cutoff alone lists those rows in input order",
          "[cli][outputs]") {
  // C8 (1) comes before C9 (1.5) in the input, though it scores less.
  Screen s("--status below-cutoff");
  CHECK(s.result.out ==
        "profile,rank,id,score,status,name\n"
        "dev,,C8,1,below-cutoff,Hal Ito\n"
        "dev,,C9,1.5,below-cutoff,Ivy Ju\n");
}

TEST_CASE("outputs: unranked rows follow the ranked ones, in input order", "[cli][outputs]") {
  Screen s("--status below-cutoff,ineligible,shortlisted");
  CHECK(s.result.out ==
        "profile,rank,id,score,status,name\n"
        "dev,1,C2,5,shortlisted,Bo Chan\n"
        "dev,2,C4,4,shortlisted,\"Doe, Jane\"\n"
        "dev,,C6,,ineligible,Fay Gu\n"
        "dev,,C8,1,below-cutoff,Hal Ito\n"
        "dev,,C9,1.5,below-cutoff,Ivy Ju\n"
        "ops,1,C1,6,shortlisted,Ann Lee\n");
}

TEST_CASE("outputs: formula-like cells get a leading quote in CSV", "[cli][outputs]") {
  Screen s("--status shortlisted,reserve", kFormulas);
  CHECK(s.result.out ==
        "profile,rank,id,score,status,name\n"
        "dev,1,F1,5,shortlisted,\"'=HYPERLINK(\"\"x\"\")\"\n"
        "dev,2,F2,4,shortlisted,'@SUM(A1)\n"
        "dev,3,F3,3,reserve,'+cmd|' /C calc'!A0\n"
        "dev,4,F4,2,reserve,'-2+3\n");
}

TEST_CASE("outputs: formula-like cells get a leading quote in TSV", "[cli][outputs]") {
  Screen s("--status shortlisted,reserve -f tsv", kFormulas);
  CHECK(s.result.out ==
        "profile\trank\tid\tscore\tstatus\tname\n"
        "dev\t1\tF1\t5\tshortlisted\t\"'=HYPERLINK(\"\"x\"\")\"\n"
        "dev\t2\tF2\t4\tshortlisted\t'@SUM(A1)\n"
        "dev\t3\tF3\t3\treserve\t'+cmd|' /C calc'!A0\n"
        "dev\t4\tF4\t2\treserve\t'-2+3\n");
}

TEST_CASE("outputs: formula-like cells are left as they are in JSON", "[cli][outputs]") {
  Screen s("--status shortlisted,reserve -f jsonl", kFormulas);
  auto rows = shortlist::test::parse_json_lines(s.result.out);
  Strings names;
  for (const JsonObject& row : rows) names.push_back(row.str("name"));
  CHECK(names == Strings{"=HYPERLINK(\"x\")", "@SUM(A1)", "+cmd|' /C calc'!A0", "-2+3"});
}

TEST_CASE("outputs: decisions and rejects are created 0600, the shortlist 0644 under umask 022",
          "[cli][outputs]") {
  Umask mask(022);
  Screen s("-o s.csv --decisions d.jsonl --rejects r.jsonl",
           kApplicants + "C10,Broken\n");  // one invalid record, so rejects has a line
  CHECK(file_mode(s.dir.path() / "d.jsonl") == 0600);
  CHECK(file_mode(s.dir.path() / "r.jsonl") == 0600);
  CHECK(file_mode(s.dir.path() / "s.csv") == 0644);
  CHECK_FALSE(s.file("r.jsonl").empty());
}

TEST_CASE("outputs: an existing decision record is replaced with mode 0600", "[cli][outputs]") {
  Umask mask(022);
  TempDir dir;
  auto d = dir.write("d.jsonl", "old\n");
  REQUIRE(::chmod(d.c_str(), 0644) == 0);
  dir.write("rules.yaml", rules());
  dir.write("a.csv", kApplicants);
  RunResult r = shortlist::test::run_shortlist("screen -q -r rules.yaml a.csv --decisions d.jsonl",
                                               dir.path());
  REQUIRE(r.exit_code == 0);
  CHECK(file_mode(d) == 0600);
  CHECK(read_file(d) != "old\n");
}

TEST_CASE("outputs: --threads 1 and 4 give byte-identical outputs on the samples",
          "[cli][outputs]") {
  // The samples plus a second input with an invalid record, so rejects are compared too.
  TempDir extra;
  auto csv = read_file(source_dir() / "samples/applicants.csv");
  auto header = csv.substr(0, csv.find('\n') + 1);
  auto path = extra.write("extra.csv", header + "AIO-9001,Too Few,Fields\n");
  check_same_for_1_and_4_threads(
      "screen -q -r rules/eu-ai-office-2024.yaml samples/applicants.csv samples/applicants.jsonl " +
          shell_quote(path.string()) +
          " --status shortlisted,reserve,below-cutoff,ineligible,review,duplicate",
      source_dir());
}

TEST_CASE("outputs: --threads 1 and 4 give byte-identical outputs on hr-job-change",
          "[cli][outputs]") {
  fs::path data;
  if (!shortlist::test::shared_dir().empty())
    data = shortlist::test::shared_dir() / "datasets/hr-job-change/aug_train.csv";
  if (data.empty() || !fs::exists(data)) {
    WARN("hr-job-change dataset not found beside the project; skipped");
    return;
  }
  TempDir dir;
  dir.write("hr.yaml",
            "shortlist: 1\n"
            "call:\n"
            "  id: HR-JOB-CHANGE\n"
            "fields:\n"
            "  id:         { column: enrollee_id }\n"
            "  city:       { column: city }\n"
            "  experience: { column: experience, type: number, map: { \"<1\": 0, \">20\": 21 } }\n"
            "  hours:      { column: training_hours, type: number }\n"
            "output:\n"
            "  columns: [city]\n"
            "profiles:\n"
            "  - id: analyst\n"
            "    require:\n"
            "      - { id: two-years, field: experience, at_least: 2 }\n"
            "    score:\n"
            "      - { id: experience, field: experience, each: 1, max: 15 }\n"
            "      - { id: training, field: hours, each: 0.01 }\n"
            "    shortlist: { min_score: 10, top: 500, include_ties: true }\n");
  check_same_for_1_and_4_threads("screen -q -r hr.yaml " + shell_quote(data.string()) +
                                     " --status shortlisted,reserve,below-cutoff,review",
                                 dir.path());
}

TEST_CASE("outputs: duplicates: first screens the first record of an id", "[cli][outputs]") {
  const std::string csv = "id,name,track,years\nD1,Ann,dev,3\nD2,Bob,dev,4\nD1,Ann again,dev,6\n";
  Screen s("--decisions d.jsonl", csv, rules("first"));
  CHECK(s.decision_rows("d.jsonl") == Strings{"2\tD1\tdev\tshortlisted\t3\t2",
                                              "3\tD2\tdev\tshortlisted\t4\t1",
                                              "4\tD1\tdev\tduplicate\t\t"});
}

TEST_CASE("outputs: duplicates: last screens the last record of an id", "[cli][outputs]") {
  const std::string csv = "id,name,track,years\nD1,Ann,dev,3\nD2,Bob,dev,4\nD1,Ann again,dev,6\n";
  Screen s("--decisions d.jsonl", csv, rules("last"));
  CHECK(s.decision_rows("d.jsonl") == Strings{"2\tD1\tdev\tduplicate\t\t",
                                              "3\tD2\tdev\tshortlisted\t4\t2",
                                              "4\tD1\tdev\tshortlisted\t6\t1"});
}

TEST_CASE("outputs: duplicates: review sends every record of the id to review with its score",
          "[cli][outputs]") {
  const std::string csv = "id,name,track,years\nD1,Ann,dev,3\nD2,Bob,dev,4\nD1,Ann again,dev,6\n";
  Screen s("--decisions d.jsonl", csv, rules("review"));
  CHECK(s.decision_rows("d.jsonl") == Strings{"2\tD1\tdev\treview\t3\t",
                                              "3\tD2\tdev\tshortlisted\t4\t1",
                                              "4\tD1\tdev\treview\t6\t"});
  for (const JsonObject& d :
       shortlist::test::decision_lines(shortlist::test::parse_json_lines(s.file("d.jsonl"))))
    if (d.str("id") == "D1") CHECK(d.str("reason") == "duplicate-id");
}

TEST_CASE("outputs: a duplicate taken out of the ranking leaves its place, with -o alone",
          "[cli][outputs]") {
  // D1 scores 6, then 5 again; D2 4, D3 3; top 2. Without a decision record
  // the ranking learns of the verdicts on its own: a record they take out
  // must neither hold a place nor push another down.
  const std::string csv =
      "id,name,track,years\nD1,Ann,dev,6\nD2,Bob,dev,4\nD3,Cy,dev,3\nD1,Ann again,dev,5\n";
  const std::string header = "profile,rank,id,score,status,name\n";
  CHECK(Screen("-o s.csv", csv, rules("first")).file("s.csv") ==
        header + "dev,1,D1,6,shortlisted,Ann\ndev,2,D2,4,shortlisted,Bob\n");
  CHECK(Screen("-o s.csv", csv, rules("last")).file("s.csv") ==
        header + "dev,1,D1,5,shortlisted,Ann again\ndev,2,D2,4,shortlisted,Bob\n");
  CHECK(Screen("-o s.csv", csv, rules("review")).file("s.csv") ==
        header + "dev,1,D2,4,shortlisted,Bob\ndev,2,D3,3,shortlisted,Cy\n");
}

// Rules whose CV and years only scores read, after one knock-out: the
// fields a record the knock-out rejects never has typed.
const std::string kLateTypingRules =
    "shortlist: 1\n"
    "call: { id: LATE }\n"
    "fields:\n"
    "  id:          { column: id }\n"
    "  name:        { column: name }\n"
    "  years:       { column: years, type: number }\n"
    "  nationality: { column: nationality, type: country }\n"
    "  cv:          { column: cv, type: text }\n"
    "output: { columns: [name] }\n"
    "profiles:\n"
    "  - id: dev\n"
    "    require:\n"
    "      - { id: eu, field: nationality, in: [DE, FR] }\n"
    "    score:\n"
    "      - { id: cv, field: cv, count_phrases: [red teaming], each: 3 }\n"
    "      - { id: years, field: years, each: 1 }\n"
    "    shortlist: { top: 3 }\n";

TEST_CASE("outputs: fields only scores read are typed for each record scored, with -o alone",
          "[cli][outputs]") {
  // Without a decision record the CV is typed only for records that pass
  // the knock-out. X2 fails it; X3, after it, must be scored on its own CV
  // (none: 0 points), not on one read for an earlier record.
  const std::string& rules_text = kLateTypingRules;
  const std::string csv =
      "id,name,years,nationality,cv\n"
      "X1,Ann,2,DE,red teaming and more red teaming\n"
      "X2,Bob,9,US,red teaming\n"
      "X3,Cy,1,FR,\n"
      "X4,Di,4,DE,nothing here\n";
  // X1 3 + 2 = 5, X4 0 + 4 = 4, X3 0 + 1 = 1.
  const std::string expected =
      "profile,rank,id,score,status,name\n"
      "dev,1,X1,5,shortlisted,Ann\ndev,2,X4,4,shortlisted,Di\ndev,3,X3,1,shortlisted,Cy\n";
  for (const char* threads : {"1", "2"}) {
    INFO("threads " << threads);
    CHECK(Screen(std::string("--threads ") + threads + " -o s.csv", csv, rules_text).file("s.csv") ==
          expected);
    CHECK(Screen(std::string("--threads ") + threads + " -o s.csv --decisions d.jsonl", csv,
                 rules_text)
              .file("s.csv") == expected);
  }
}

TEST_CASE("outputs: with a decision record the fields only scores read are typed per record scored",
          "[cli][outputs]") {
  // A knock-out leaves the CV and the years of X2 unread, since its line
  // lists no points; X3, after it, must be scored on its own values (no CV:
  // 0 points, missing) and X4 on its own unreadable years, never on X2's.
  const std::string& rules_text = kLateTypingRules;
  const std::string csv =
      "id,name,years,nationality,cv\n"
      "X1,Ann,2,DE,red teaming and more red teaming\n"
      "X2,Bob,lots,US,red teaming\n"
      "X3,Cy,1,FR,\n"
      "X4,Di,lots,DE,nothing here\n";
  for (const char* threads : {"1", "2"}) {
    INFO("threads " << threads);
    Screen s(std::string("--threads ") + threads + " --decisions d.jsonl", csv, rules_text);
    // X1: 3 + 2 = 5; X3: 0 + 1 = 1; X4: its years cannot be read, so a person decides.
    CHECK(s.decision_rows("d.jsonl") == Strings{"2\tX1\tdev\tshortlisted\t5\t1",
                                                "3\tX2\tdev\tineligible\t\t",
                                                "4\tX3\tdev\tshortlisted\t1\t2",
                                                "5\tX4\tdev\treview\t\t"});
    const auto lines =
        shortlist::test::decision_lines(shortlist::test::parse_json_lines(s.file("d.jsonl")));
    REQUIRE(lines.size() == 4);
    CHECK(lines[1].at("checks").text ==
          R"([{"rule":"eu","outcome":"fail","value":"US","written":"US"}])");
    CHECK(lines[1].at("points").text == "[]");
    CHECK(lines[2].at("points").text ==
          R"([{"rule":"cv","points":"0","outcome":"missing","value":null,"written":null},)"
          R"({"rule":"years","points":"1"}])");
    const std::string x4 = lines[3].at("points").text;
    CHECK(x4.find(R"({"rule":"cv","points":"0"})") != std::string::npos);
    CHECK(x4.find(R"({"rule":"years","points":null,"outcome":"unreadable","value":"lots","written":"lots")") !=
          std::string::npos);
  }
}

TEST_CASE("outputs: include_ties: true shortlists everyone tied with the last place",
          "[cli][outputs]") {
  const std::string csv = "id,name,track,years\nT1,A,dev,5\nT2,B,dev,3\nT3,C,dev,3\nT4,D,dev,2\n";
  Screen s("--decisions d.jsonl", csv, rules("", true));
  CHECK(s.decision_rows("d.jsonl") ==
        Strings{"2\tT1\tdev\tshortlisted\t5\t1", "3\tT2\tdev\tshortlisted\t3\t2",
                "4\tT3\tdev\tshortlisted\t3\t3", "5\tT4\tdev\treserve\t2\t4"});
}

TEST_CASE("outputs: include_ties: false keeps a tie beyond top in reserve", "[cli][outputs]") {
  const std::string csv = "id,name,track,years\nT1,A,dev,5\nT2,B,dev,3\nT3,C,dev,3\nT4,D,dev,2\n";
  Screen s("--decisions d.jsonl", csv, rules("", false));
  CHECK(s.decision_rows("d.jsonl") ==
        Strings{"2\tT1\tdev\tshortlisted\t5\t1", "3\tT2\tdev\tshortlisted\t3\t2",
                "4\tT3\tdev\treserve\t3\t3", "5\tT4\tdev\treserve\t2\t4"});
}

TEST_CASE("outputs: --profile screens only the profiles named", "[cli][outputs]") {
  Screen s("--profile ops --decisions d.jsonl");
  CHECK(s.result.out == "profile,rank,id,score,status,name\nops,1,C1,6,shortlisted,Ann Lee\n");
  auto record = shortlist::test::parse_json_lines(s.file("d.jsonl"));
  auto profiles =
      shortlist::test::as_array(shortlist::test::line_of_kind(record, "run").at("profiles"));
  REQUIRE(profiles.size() == 1);
  CHECK(profiles[0].text == "ops");
  // Records that only dev would screen are matched by no screened profile.
  CHECK(s.decision_rows("d.jsonl") == Strings{
                                          "2\tC1\tops\tshortlisted\t6\t1",
                                          "3\tC2\tnull\tno-profile\t\t",
                                          "4\tC3\tnull\tno-profile\t\t",
                                          "5\tC4\tnull\tno-profile\t\t",
                                          "6\tC5\tops\treserve\t2\t2",
                                          "7\tC6\tnull\tno-profile\t\t",
                                          "8\tC7\tnull\tno-profile\t\t",
                                          "9\tC8\tnull\tno-profile\t\t",
                                          "10\tC9\tnull\tno-profile\t\t",
                                      });
  auto summary =
      shortlist::test::as_object(shortlist::test::line_of_kind(record, "summary").at("profiles"));
  CHECK(summary.keys() == Strings{"ops"});
}

TEST_CASE("outputs: a record matching no profile gets one decision and no shortlist row",
          "[cli][outputs]") {
  Screen s(
      "--decisions d.jsonl --status shortlisted,reserve,below-cutoff,ineligible,review,duplicate");
  Strings c7;
  for (const JsonObject& d :
       shortlist::test::decision_lines(shortlist::test::parse_json_lines(s.file("d.jsonl"))))
    if (d.str("source") == "a.csv:8") c7.push_back(shortlist::test::decision_row(d, "a.csv:"));
  CHECK(c7 == Strings{"8\tC7\tnull\tno-profile\t\t"});
  CHECK(s.result.out.find("C7") == std::string::npos);
}

// Without a decision record, a value's text is kept only when it cannot be
// read; the shortlist's columns still show it as written.
TEST_CASE("screen without --decisions lists an unreadable value as written", "[cli][outputs]") {
  TempDir dir;
  dir.write("rules.yaml", R"(shortlist: 1
call: { id: WRITTEN }
fields:
  id:    { column: id }
  years: { column: years, type: number }
profiles:
  - id: p
    require:
      - { id: some-years, field: years, at_least: 1, on_unreadable: review }
    shortlist: { top: 5 }
output:
  columns: [years]
)");
  dir.write("a.csv", "id,years\nA1,2\nA2,  five \nA3,3\n");
  auto r = shortlist::test::run_shortlist(
      "screen -q -r rules.yaml a.csv --status shortlisted,review -o s.csv", dir.path());
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  // A1 and A3 tie at score 0 and are ranked by id; A2's "five" cannot be
  // read, so it goes to review and is listed after them, as written. Its
  // score is still known (no score rule is in doubt): 0.
  CHECK(shortlist::test::read_file(dir.path() / "s.csv") ==
        "profile,rank,id,score,status,years\n"
        "p,1,A1,0,shortlisted,2\n"
        "p,2,A3,0,shortlisted,3\n"
        "p,,A2,0,review,  five \n");
}

// ---- --summary FILE (SPEC 1 v1.1) --------------------------------------------------
//
// From the table at the top: dev 2 shortlisted (C2 C4), 1 reserve (C3), 2
// below-cutoff (C8 C9), 1 ineligible (C6); ops 1 shortlisted (C1), 1 reserve
// (C5); C7 matches no profile; 9 records, none invalid.

TEST_CASE("outputs: --summary s.json writes the run's counts as one JSON object", "[cli][outputs][ci]") {
  Screen s("-o s.csv --summary s.json");
  const std::string expected =
      "{\"call\":{\"id\":\"OUTPUTS\",\"title\":\"\"},"
      "\"rules\":{\"path\":\"rules.yaml\",\"sha256\":\"" + shortlist::test::sha256_hex(rules()) + "\"},"
      "\"records\":9,\"invalid\":0,\"no-profile\":1,"
      "\"inputs\":[{\"path\":\"a.csv\",\"records\":9}],"
      "\"profiles\":["
      "{\"id\":\"dev\",\"title\":\"Developer\",\"shortlisted\":2,\"reserve\":1,\"below-cutoff\":2,"
      "\"ineligible\":1,\"review\":0,\"duplicate\":0},"
      "{\"id\":\"ops\",\"title\":\"Operator\",\"shortlisted\":1,\"reserve\":1,\"below-cutoff\":0,"
      "\"ineligible\":0,\"review\":0,\"duplicate\":0}]}\n";
  CHECK(s.file("s.json") == expected);
  // The shortlist is written as well, and nothing about the summary on stdout.
  CHECK(s.file("s.csv") == kShortlistCsv);
  CHECK(s.result.out.empty());
}

TEST_CASE("outputs: --summary s.md writes a Markdown table for a CI step summary", "[cli][outputs][ci]") {
  Screen s("-o s.csv --summary s.md");
  CHECK(s.file("s.md") ==
        "## Screening: OUTPUTS\n"
        "\n"
        "9 records from 1 input: 0 invalid, 1 matched no profile.\n"
        "\n"
        "| profile | shortlisted | reserve | below-cutoff | ineligible | review | duplicate |\n"
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n"
        "| dev | 2 | 1 | 2 | 1 | 0 | 0 |\n"
        "| ops | 1 | 1 | 0 | 0 | 0 | 0 |\n"
        "\n"
        "- rules: rules.yaml (SHA-256 " + shortlist::test::sha256_hex(rules()) + ")\n"
        "- input: a.csv, 9 records\n");
}

TEST_CASE("outputs: --summary with another extension is a usage error, and nothing is written",
          "[cli][outputs][ci]") {
  TempDir dir;
  dir.write("rules.yaml", rules());
  dir.write("a.csv", kApplicants);
  RunResult r = shortlist::test::run_shortlist(
      "screen -q -r rules.yaml a.csv -o s.csv --summary s.txt", dir.path());
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("s.txt") != std::string::npos);
  CHECK_FALSE(fs::exists(dir.path() / "s.csv"));
  CHECK_FALSE(fs::exists(dir.path() / "s.txt"));
  // Nor may it overwrite an input.
  RunResult clash = shortlist::test::run_shortlist(
      "screen -q -r rules.yaml a.csv --summary a.csv.md --decisions a.csv.md", dir.path());
  CHECK(clash.exit_code == 2);
}

TEST_CASE("outputs: a hint to try --encoding when most invalid records are not UTF-8",
          "[cli][outputs][ci]") {
  // Two of three names are Latin-1 (0xE9 for é): two invalid records, both
  // for their encoding. A file with one stray quote gets no hint.
  TempDir dir;
  dir.write("rules.yaml", rules());
  dir.write("l.csv", "id,name,track,years\nL1,Ren\xe9,dev,3\nL2,Jos\xe9,dev,2\nL3,Ann,dev,4\n");
  RunResult r = shortlist::test::run_shortlist("screen -r rules.yaml l.csv -o s.csv", dir.path());
  INFO("stderr: " << r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.err.find("hint: 2 of the 2 invalid records are not valid UTF-8") != std::string::npos);
  CHECK(r.err.find("--encoding windows-1252") != std::string::npos);

  dir.write("q.csv", "id,name,track,years\nQ1,\"Ann,dev,3\nQ2,Bo,dev,2\n");
  RunResult q = shortlist::test::run_shortlist("screen -r rules.yaml q.csv -o s.csv", dir.path());
  CHECK(q.err.find("hint") == std::string::npos);
  // Read as Windows-1252, the Latin-1 file has nothing invalid, and no hint.
  RunResult w = shortlist::test::run_shortlist(
      "screen -r rules.yaml l.csv -o s.csv --encoding windows-1252", dir.path());
  CHECK(w.err.find("hint") == std::string::npos);
}

TEST_CASE("outputs: an -o extension that names no format is a usage error, nothing written",
          "[cli][outputs]") {
  // SPEC 1 v1.1: without -f, an extension the tool does not know is exit 2;
  // before, `-o shortlist.xlsx` wrote CSV under that name.
  TempDir dir;
  const std::string rules_path = (source_dir() / "rules/eu-ai-office-2024.yaml").string();
  const std::string input = (source_dir() / "samples/applicants.csv").string();
  const auto screen = [&](const std::string& args) {
    return shortlist::test::run_shortlist("screen -q -r " + shell_quote(rules_path) + " " + shell_quote(input) +
                             " " + args,
                         dir.path());
  };
  for (const std::string name : {"s.xls", "s.txt", "s.gz", "s.txt.gz"}) {
    INFO(name);
    RunResult r = screen("-o " + name + " --decisions d.jsonl");
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("-o '" + name + "': ") != std::string::npos);
    CHECK(r.err.find("(known: .csv .tsv .json .jsonl .ndjson .md, each optionally followed by "
                     ".gz, or .xlsx; or choose one with -f)") != std::string::npos);
    CHECK(r.err.find("Run 'shortlist screen --help' for usage.") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(dir.path() / name));
    CHECK_FALSE(std::filesystem::exists(dir.path() / "d.jsonl"));
  }
  // -f chooses the format whatever the name; no extension at all is CSV.
  RunResult chosen = screen("-o s.txt -f tsv");
  CHECK(chosen.exit_code == 0);
  CHECK(read_file(dir.path() / "s.txt").starts_with("profile\trank\tid\tscore\tstatus"));
  RunResult plain = screen("-o shortlist");
  CHECK(plain.exit_code == 0);
  CHECK(read_file(dir.path() / "shortlist").starts_with("profile,rank,id,score,status"));
}
