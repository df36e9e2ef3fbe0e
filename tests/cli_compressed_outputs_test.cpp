// End to end: gzip-compressed outputs (SPEC 1 v1.1, docs/behaviour.md
// "Compressed outputs"). A `.gz` after -o's extension, and --decisions and
// --rejects named `.gz`, write the same text as the plain run, compressed;
// the compressed bytes are the same whatever --threads and the clock; and
// `verify`, `explain`, `report` and `fairness` read a compressed record as
// they read the plain one.
//
// The test decompresses and compresses with zlib itself, and checks the gzip
// header byte by byte against RFC 1952 and the documented choices (deflate,
// no flags, MTIME 0, XFL 0 for level 6, OS 255).
#include <sys/stat.h>
#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include "cli_test_support.hpp"
#include "gzip_test_support.hpp"
#include "test_support.hpp"

namespace {

namespace fs = std::filesystem;
using shortlist::test::gunzip;
using shortlist::test::gzip_member;
using shortlist::test::kGzipHeader;
using shortlist::test::read_file;
using shortlist::test::RunResult;
using shortlist::test::run_shortlist;
using shortlist::test::shell_quote;
using shortlist::test::source_dir;
using shortlist::test::TempDir;

// Two profiles; `name` is an output column. Fairness's groups come from a
// file of their own (g.csv), never from the rules.
const std::string kRules =
    "shortlist: 1\n"
    "call:\n"
    "  id: GZ\n"
    "fields:\n"
    "  id:    { column: id }\n"
    "  name:  { column: name }\n"
    "  track: { column: track }\n"
    "  years: { column: years, type: number }\n"
    "output:\n"
    "  columns: [name]\n"
    "profiles:\n"
    "  - id: dev\n"
    "    when: { field: track, equals: dev }\n"
    "    require:\n"
    "      - { id: experienced, field: years, at_least: 1 }\n"
    "    score:\n"
    "      - { id: years, field: years, each: 1 }\n"
    "    shortlist: { min_score: 2, top: 2 }\n"
    "  - id: ops\n"
    "    when: { field: track, equals: ops }\n"
    "    score:\n"
    "      - { id: years, field: years, each: 2 }\n"
    "    shortlist: { min_score: 2, top: 1 }\n";

// Line 8 has too few fields: an invalid record, so that rejects has a line.
const std::string kApplicants =
    "id,name,track,years\n"
    "C1,Ann Lee,ops,3\n"
    "C2,Bo Chan,dev,5\n"
    "C3,Cy Diaz,dev,2\n"
    "C4,\"Doe, Jane\",dev,4\n"
    "C5,Eli Fox,ops,1\n"
    "C6,Fay Gu,dev,0\n"
    "C7,Broken\n";

// By hand: dev C2 5 (rank 1), C4 4 (rank 2), C3 2 (rank 3, reserve), C6
// ineligible; ops C1 6 (rank 1), C5 2 (rank 2, reserve).
const std::string kShortlistCsv =
    "profile,rank,id,score,status,name\n"
    "dev,1,C2,5,shortlisted,Bo Chan\n"
    "dev,2,C4,4,shortlisted,\"Doe, Jane\"\n"
    "ops,1,C1,6,shortlisted,Ann Lee\n";

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

mode_t file_mode(const fs::path& path) {
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  return st.st_mode & 07777;
}

// A folder with the rules and applicants, and screen runs in it.
struct Folder {
  TempDir dir;
  Folder() {
    dir.write("rules.yaml", kRules);
    dir.write("a.csv", kApplicants);
  }
  RunResult screen(const std::string& args) const {
    RunResult r = run_shortlist("screen -q -r rules.yaml a.csv " + args, dir.path());
    INFO("screen " << args << "\nstderr: " << r.err);
    CHECK(r.exit_code == 0);
    return r;
  }
  RunResult run(const std::string& args) const { return run_shortlist(args, dir.path()); }
  std::string file(const std::string& name) const { return read_file(dir.path() / name); }
  bool exists(const std::string& name) const { return fs::exists(dir.path() / name); }
  std::size_t entries() const {
    std::size_t n = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir.path())) ++n;
    return n;
  }
};

}  // namespace

TEST_CASE("compressed: -o NAME.EXT.gz is the plain run's shortlist, gzip-compressed",
          "[cli][compressed]") {
  Folder f;
  f.screen("-o s.csv");
  REQUIRE(f.file("s.csv") == kShortlistCsv);
  for (const std::string ext : {"csv", "tsv", "json", "jsonl", "ndjson", "md"}) {
    INFO("extension ." << ext);
    f.screen("-o plain." + ext);
    f.screen("-o packed." + ext + ".gz");
    const std::string packed = f.file("packed." + ext + ".gz");
    CHECK(packed.substr(0, 10) == kGzipHeader);
    CHECK(gunzip(packed) == f.file("plain." + ext));
    CHECK_FALSE(f.file("plain." + ext).empty());
  }
}

TEST_CASE("compressed: -f FORMAT -o NAME.gz compresses, standard output stays plain",
          "[cli][compressed]") {
  Folder f;
  RunResult json = f.screen("-f json");
  REQUIRE(has(json.out, "\"id\":\"C2\""));
  f.screen("-f json -o s.gz");
  CHECK(gunzip(f.file("s.gz")) == json.out);
  // -f wins over the extension before the .gz; the .gz still compresses.
  f.screen("-f md -o s.csv.gz");
  CHECK(gunzip(f.file("s.csv.gz")) == f.screen("-f md").out);
  // Standard output is never compressed, with a compressed record beside it.
  RunResult out = f.screen("--decisions d.jsonl.gz");
  CHECK(out.out == kShortlistCsv);
}

TEST_CASE("compressed: --decisions and --rejects NAME.gz are the plain ones, compressed, mode 0600",
          "[cli][compressed]") {
  const mode_t old_mask = ::umask(022);
  Folder f;
  f.screen("-o s.csv --decisions d.jsonl --rejects r.jsonl");
  f.screen("-o s2.csv --decisions d.jsonl.gz --rejects r.jsonl.gz");
  ::umask(old_mask);
  const std::string record = f.file("d.jsonl");
  REQUIRE(has(record, "\"kind\":\"run\""));
  REQUIRE(has(f.file("r.jsonl"), "\"source\":\"a.csv:8\""));
  CHECK(f.file("d.jsonl.gz").substr(0, 10) == kGzipHeader);
  CHECK(f.file("r.jsonl.gz").substr(0, 10) == kGzipHeader);
  CHECK(gunzip(f.file("d.jsonl.gz")) == record);
  CHECK(gunzip(f.file("r.jsonl.gz")) == f.file("r.jsonl"));
  CHECK(f.file("s2.csv") == f.file("s.csv"));
  CHECK(file_mode(f.dir.path() / "d.jsonl.gz") == 0600);
  CHECK(file_mode(f.dir.path() / "r.jsonl.gz") == 0600);
}

TEST_CASE("compressed: the same bytes whatever --threads and the clock", "[cli][compressed]") {
  // The samples give a record of several hundred kB: many blocks of deflate.
  TempDir out;
  const std::string args =
      "screen -q -r rules/eu-ai-office-2024.yaml samples/applicants.csv samples/applicants.jsonl "
      "--status shortlisted,reserve,below-cutoff,ineligible,review,duplicate";
  auto run = [&](const std::string& tag, int threads) {
    const fs::path s = out.path() / ("s" + tag + ".jsonl.gz");
    const fs::path d = out.path() / ("d" + tag + ".jsonl.gz");
    const fs::path r = out.path() / ("r" + tag + ".jsonl.gz");
    RunResult result = run_shortlist(args + " --threads " + std::to_string(threads) + " -o " +
                                         shell_quote(s.string()) + " --decisions " +
                                         shell_quote(d.string()) + " --rejects " +
                                         shell_quote(r.string()),
                                     source_dir());
    INFO("stderr: " << result.err);
    REQUIRE(result.exit_code == 0);
    return std::vector<std::string>{read_file(s), read_file(d), read_file(r)};
  };
  const auto one = run("1", 1);
  // A second later: a header with the time in it would differ.
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  const auto four = run("4", 4);
  const auto again = run("1b", 1);
  REQUIRE(gunzip(one[1]).size() > (std::size_t{1} << 17));
  for (std::size_t i = 0; i < one.size(); ++i) {
    INFO("output " << i);
    CHECK(one[i].substr(0, 10) == kGzipHeader);
    CHECK(one[i] == four[i]);
    CHECK(one[i] == again[i]);
  }
}

TEST_CASE("compressed: verify, explain, report and fairness read a compressed record as the plain one",
          "[cli][compressed]") {
  Folder f;
  f.dir.write("g.csv", "id,sex\nC1,F\nC2,M\nC3,F\nC4,M\nC5,M\nC6,F\n");
  f.screen("--decisions d.jsonl");
  f.screen("--decisions d.jsonl.gz");
  // The same text compressed elsewhere: renamed (no .gz), and in two gzip
  // members, cut in the middle of a line, as `cat a.gz b.gz` makes.
  const std::string record = f.file("d.jsonl");
  const std::size_t cut = record.size() / 2;
  f.dir.write("renamed.jsonl", f.file("d.jsonl.gz"));
  f.dir.write("two.jsonl.gz", gzip_member(record.substr(0, cut)) + gzip_member(record.substr(cut)));

  const std::vector<std::string> commands = {
      "verify RECORD -r rules.yaml a.csv",
      "explain RECORD --id C3",
      "explain RECORD --id C1 --format json",
      "report RECORD -f md",
      "report RECORD",
      "fairness RECORD --groups g.csv --by sex",
  };
  for (const std::string& command : commands) {
    auto with = [&](const std::string& name) {
      std::string text = command;
      text.replace(text.find("RECORD"), 6, name);
      return text;
    };
    RunResult plain = f.run(with("d.jsonl"));
    INFO(with("d.jsonl") << "\nstderr: " << plain.err);
    REQUIRE(plain.exit_code == 0);
    REQUIRE_FALSE(plain.out.empty());
    for (const std::string name : {"d.jsonl.gz", "renamed.jsonl", "two.jsonl.gz"}) {
      RunResult packed = f.run(with(name));
      INFO(with(name) << "\nstderr: " << packed.err);
      CHECK(packed.exit_code == 0);
      // A report may name the record it was made from.
      auto as_plain = [&](std::string text) {
        for (std::size_t at = text.find(name); at != std::string::npos; at = text.find(name, at))
          text.replace(at, name.size(), "d.jsonl");
        return text;
      };
      CHECK(as_plain(packed.out) == plain.out);
      CHECK(as_plain(packed.err) == plain.err);
    }
  }
}

TEST_CASE("compressed: a truncated, corrupt or appended-to record is an error naming the file, exit 4",
          "[cli][compressed]") {
  Folder f;
  f.dir.write("g.csv", "id,sex\nC1,F\nC2,M\nC3,F\nC4,M\nC5,M\nC6,F\n");
  f.screen("--decisions d.jsonl.gz");
  const std::string packed = f.file("d.jsonl.gz");
  REQUIRE(packed.size() > 100);
  // Cut: the first half of the bytes. Corrupt: the trailer's CRC-32 changed,
  // so that every byte of text inflates and only the check fails.
  f.dir.write("cut.jsonl.gz", packed.substr(0, packed.size() / 2));
  std::string corrupt = packed;
  corrupt[corrupt.size() - 8] = static_cast<char>(corrupt[corrupt.size() - 8] ^ 0x55);
  f.dir.write("bad.jsonl.gz", corrupt);
  // Appended: a plain decision line after the compressed record.
  f.dir.write("more.jsonl.gz", packed + "{\"kind\":\"decision\",\"source\":\"a.csv:9\"}\n");

  const std::vector<std::string> commands = {
      "verify RECORD -r rules.yaml a.csv",
      "explain RECORD --id C6",
      "report RECORD -f md",
      "fairness RECORD --groups g.csv --by sex",
  };
  for (const std::string& command : commands) {
    for (const auto& [name, what] :
         {std::pair<std::string, std::string>{"cut.jsonl.gz", "truncated gzip data"},
          {"bad.jsonl.gz", "corrupt gzip data"},
          {"more.jsonl.gz", "bytes after the end of the gzip data"}}) {
      std::string text = command;
      text.replace(text.find("RECORD"), 6, name);
      RunResult r = f.run(text);
      INFO(text << "\nstdout: " << r.out << "\nstderr: " << r.err);
      CHECK(r.exit_code == 4);
      CHECK(has(r.err, name + ":"));
      CHECK(has(r.err, what));
      CHECK_FALSE(has(r.out, "verify: OK"));
    }
  }
}

TEST_CASE("compressed: a .gz record read from a truncated stream names the line it cuts",
          "[cli][compressed]") {
  Folder f;
  f.screen("--decisions d.jsonl");
  const std::string record = f.file("d.jsonl");
  // Lines 1 and 2 whole, then 5 bytes of line 3, compressed and cut before
  // the end of the member: the decompressed text ends inside line 3.
  const std::size_t two = record.find('\n', record.find('\n') + 1) + 1;
  std::string member = gzip_member(record.substr(0, two + 5));
  // Without its 8-byte trailer and with a second member cut short.
  const std::string rest = gzip_member(record.substr(two + 5));
  f.dir.write("cut.jsonl.gz", member + rest.substr(0, 12));
  RunResult r = f.run("report cut.jsonl.gz -f md");
  INFO("stderr: " << r.err);
  CHECK(r.exit_code == 4);
  CHECK(has(r.err, "cut.jsonl.gz:3: truncated gzip data"));
}

TEST_CASE("compressed: -o NAME.gz names no format without -f, exit 2, nothing written",
          "[cli][compressed]") {
  Folder f;
  struct Case {
    std::string args, says;
  };
  for (const Case& c : {Case{"-o s.gz", "'.gz' alone names no shortlist format"},
                        Case{"-o s.xlsx.gz", "xlsx is not written gzip-compressed"},
                        Case{"-o s.tar.gz", "the extension '.tar.gz' names no shortlist format"},
                        Case{"-o s.gz --decisions d.jsonl.gz", "'.gz' alone"}}) {
    RunResult r = f.run("screen -q -r rules.yaml a.csv " + c.args);
    INFO(c.args << "\nstderr: " << r.err);
    CHECK(r.exit_code == 2);
    CHECK(has(r.err, c.says));
    CHECK(has(r.err, "known: .csv .tsv .json .jsonl .ndjson .md, each optionally followed by .gz"));
    CHECK(f.entries() == 2);  // rules.yaml and a.csv only
  }
}

TEST_CASE("compressed: a run that fails leaves no compressed output, not even a part",
          "[cli][compressed]") {
  Folder f;
  RunResult r = f.run(
      "screen -q -r rules.yaml a.csv missing.csv -o s.csv.gz --decisions d.jsonl.gz "
      "--rejects r.jsonl.gz");
  INFO("stderr: " << r.err);
  CHECK(r.exit_code == 4);
  CHECK(f.entries() == 2);  // rules.yaml and a.csv only: no output, no temporary file
}
