// End to end: CSV text is cut into blocks that workers parse (src/input/
// csv_blocks.cpp), and no cut may change a decision. These inputs put a
// quoted field over several lines, CRLF line ends, multi-byte characters, an
// empty line, a record without a final line end and broken records where
// blocks and read chunks end: with the undocumented --block-size of 1 to 40
// bytes (which makes the read chunks as small), every edge falls once inside
// each of them. Every run must give the bytes of the run with one thread and
// the default block size; that run's decisions are checked against what the
// files hold, worked out by hand.
#include <catch2/catch.hpp>

#include "cli_test_support.hpp"
#include "test_support.hpp"

namespace {

using shortlist::test::read_file;
using shortlist::test::TempDir;

const std::string kRules = R"(shortlist: 1
call: { id: EDGES }
fields:
  id:    { column: id }
  note:  { column: note, type: text }
  years: { column: years, type: number }
profiles:
  - id: p
    require:
      - { id: two-years, field: years, at_least: 2 }
    score:
      - { id: years, field: years, each: 1 }
    shortlist: { top: 3 }
)";

// Line numbers are in the comments; CRLF and LF line ends are mixed.
const std::string kWellFormed =
    "id,note,years\r\n"                 // 1
    "A1,plain,3\r\n"                    // 2
    "A2,\"two\r\nlines, a comma\",5\r\n"  // 3-4: a quoted CRLF
    "A3,\"a \"\" quote\",2\n"           // 5
    "\n"                                // 6: empty, no record
    "A4,caf\xC3\xA9 \xE4\xB8\xAD \xF0\x9F\x98\x80,4\r\n"  // 7: 2-, 3- and 4-byte UTF-8
    "A5,37\xC2\xB0" "36'37.8\"N,1\n"    // 8: a quote inside an unquoted field is data
    "A6,\"a\nb\nc\",6\n"                // 9-11: a field over three lines
    "A7,only two fields\n"              // 12: invalid, 2 fields
    "A8,\"bad\"x,2\n"                   // 13: invalid, text after the closing quote
    "A9,\"\xFF\",1\n"                   // 14: invalid UTF-8
    "A10,last,7";                       // 15: no final line end

// A quoted field that runs over a line end and is then broken: the reader
// takes its first line alone and reads the next one again (csv_reader.cpp),
// so cutting stops there and one reader reads on.
const std::string kBroken =
    "id,note,years\n"                   // 1
    "B1,ok,3\n"                         // 2
    "B2,\"starts here\n"                // 3: invalid, the broken record's first line
    "and \"closes\" badly,4\n"          // 4: read again: invalid, 2 fields
    "B3,fine,5\n";                      // 5

struct Outputs {
  std::string shortlist, decisions, rejects;
};

Outputs screen(const TempDir& dir, const std::string& extra) {
  auto r = shortlist::test::run_shortlist(
      "screen -q -r rules.yaml a.csv b.csv --status shortlisted,reserve -o s.csv "
      "--decisions d.jsonl --rejects r.csv " + extra,
      dir.path());
  INFO(extra << ": " << r.err);
  REQUIRE(r.exit_code == 0);
  return {read_file(dir.path() / "s.csv"), read_file(dir.path() / "d.jsonl"),
          read_file(dir.path() / "r.csv")};
}

}  // namespace

TEST_CASE("records across block and chunk edges decide as with one thread", "[cli][blocks]") {
  TempDir dir;
  dir.write("rules.yaml", kRules);
  dir.write("a.csv", kWellFormed);
  dir.write("b.csv", kBroken);
  const Outputs reference = screen(dir, "--threads 1");

  // The reference, worked out from the files: every record with its line
  // and its status, in input order.
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"a.csv:2", "reserve"},      {"a.csv:3", "shortlisted"}, {"a.csv:5", "reserve"},
      {"a.csv:7", "reserve"},      {"a.csv:8", "ineligible"},  {"a.csv:9", "shortlisted"},
      {"a.csv:12", "invalid"},     {"a.csv:13", "invalid"},    {"a.csv:14", "invalid"},
      {"a.csv:15", "shortlisted"}, {"b.csv:2", "reserve"},     {"b.csv:3", "invalid"},
      {"b.csv:4", "invalid"},      {"b.csv:5", "reserve"}};
  const auto lines = shortlist::test::parse_json_lines(reference.decisions);
  std::vector<std::pair<std::string, std::string>> found;
  for (const auto& line : lines)
    if (line.find("source") != nullptr) found.emplace_back(line.str("source"), line.str("status"));
  CHECK(found == expected);
  // Scores 7 (A10), 6 (A6), 5 (A2) are the top 3; then 5 (B3), 4, 3, 3, 2.
  CHECK(reference.shortlist ==
        "profile,rank,id,score,status\n"
        "p,1,A10,7,shortlisted\n"
        "p,2,A6,6,shortlisted\n"
        "p,3,A2,5,shortlisted\n"
        "p,4,B3,5,reserve\n"
        "p,5,A4,4,reserve\n"
        "p,6,A1,3,reserve\n"
        "p,7,B1,3,reserve\n"
        "p,8,A3,2,reserve\n");
  // The rejects file: one JSON line per invalid record, in input order.
  std::vector<std::string> rejected;
  for (const auto& line : shortlist::test::parse_json_lines(reference.rejects))
    rejected.push_back(line.str("source"));
  CHECK(rejected == std::vector<std::string>{"a.csv:12", "a.csv:13", "a.csv:14", "b.csv:3", "b.csv:4"});

  for (int block = 1; block <= 40; ++block) {
    for (int threads : {1, 2, 4}) {
      if (threads != 2 && block % 7 != 0) continue;  // every size with 2 threads; some with 1 and 4
      const std::string extra =
          "--threads " + std::to_string(threads) + " --block-size " + std::to_string(block);
      INFO(extra);
      const Outputs run = screen(dir, extra);
      CHECK(run.shortlist == reference.shortlist);
      CHECK(run.decisions == reference.decisions);
      CHECK(run.rejects == reference.rejects);
    }
  }
}

TEST_CASE("screen's block size option is not in its help", "[cli][blocks]") {
  TempDir dir;
  auto r = shortlist::test::run_shortlist("screen --help", dir.path());
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("block-size") == std::string::npos);
}
