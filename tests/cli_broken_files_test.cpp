// End to end: broken input files. Each one stops the run with the exit code of
// SPEC 2 and a message naming the file (with line:col where there is a place to
// point at), and, as SPEC 1 says, leaves every output that existed before the
// run exactly as it was, with no temporary `.NAME.shortlist-*` file behind.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <thread>

#include "cli_test_support.hpp"
#include "test_support.hpp"

namespace {

namespace fs = std::filesystem;
using namespace std::string_literals;
using shortlist::test::folder_entries;
using shortlist::test::read_file;
using shortlist::test::RunResult;
using shortlist::test::TempDir;

const std::string kRules = R"(shortlist: 1
call:
  id: BROKEN-FILES
fields:
  id:    { column: id }
  name:  { column: name }
  years: { column: years, type: number }
profiles:
  - id: dev
    require:
      - { id: experienced, field: years, at_least: 2 }
)";

// The first bytes of a real 1x1 RGBA PNG: the signature (with its CR LF, SUB
// and LF) and the IHDR chunk, NULs included.
const std::string kPng =
    "\x89PNG\r\n\x1a\n"
    "\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"s;

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

bool starts_with(const std::string& text, const std::string& prefix) {
  return text.rfind(prefix, 0) == 0;
}

// A folder with the rules and three outputs written before the run.
struct Folder {
  TempDir dir;
  std::set<std::string> before;

  Folder() {
    dir.write("rules.yaml", kRules);
    dir.write("shortlist.csv", "old shortlist\n");
    dir.write("decisions.jsonl", "old decisions\n");
    dir.write("rejects.jsonl", "old rejects\n");
  }
  // Screens `inputs` into the three outputs.
  RunResult screen(const std::string& inputs) {
    before = folder_entries(dir.path());
    return shortlist::test::run_shortlist(
        "screen -r rules.yaml " + inputs +
            " -o shortlist.csv --decisions decisions.jsonl --rejects rejects.jsonl",
        dir.path());
  }
  void check_untouched() const {
    CHECK(read_file(dir.path() / "shortlist.csv") == "old shortlist\n");
    CHECK(read_file(dir.path() / "decisions.jsonl") == "old decisions\n");
    CHECK(read_file(dir.path() / "rejects.jsonl") == "old rejects\n");
    auto after = folder_entries(dir.path());
    for (const auto& name : after) {
      INFO("entry " << name);
      CHECK_FALSE(contains(name, ".shortlist-"));
    }
    CHECK(after == before);
  }
};

// `text` compressed as one gzip member, with zlib.
std::string gzip(const std::string& text) {
  z_stream z{};
  REQUIRE(deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) ==
          Z_OK);
  std::string out(deflateBound(&z, static_cast<uLong>(text.size())) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  z.avail_in = static_cast<uInt>(text.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  REQUIRE(deflate(&z, Z_FINISH) == Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

}  // namespace

// ---- empty -----------------------------------------------------------------------

TEST_CASE("broken files: an empty CSV file is exit 4", "[cli][broken-files]") {
  Folder f;
  f.dir.write("empty.csv", "");
  RunResult r = f.screen("empty.csv");
  INFO("stderr: " << r.err);
  CHECK(r.exit_code == 4);
  CHECK(starts_with(r.err, "empty.csv: error: empty file"));
  f.check_untouched();
}

TEST_CASE("broken files: an empty JSON file is exit 4", "[cli][broken-files]") {
  Folder f;
  f.dir.write("empty.json", "");
  RunResult r = f.screen("empty.json");
  INFO("stderr: " << r.err);
  CHECK(r.exit_code == 4);
  CHECK(starts_with(r.err, "empty.json: error: empty file"));
  f.check_untouched();
}

TEST_CASE("broken files: an empty JSON Lines file is exit 4", "[cli][broken-files]") {
  Folder f;
  f.dir.write("empty.jsonl", "");
  RunResult r = f.screen("empty.jsonl");
  INFO("stderr: " << r.err);
  CHECK(r.exit_code == 4);
  CHECK(starts_with(r.err, "empty.jsonl: error: empty file"));
  f.check_untouched();
}

// ---- no records ------------------------------------------------------------------

TEST_CASE("broken files: a CSV file with only its header is exit 4, no records",
          "[cli][broken-files]") {
  Folder f;
  f.dir.write("header.csv", "id,name,years\n");
  RunResult r = f.screen("header.csv");
  INFO("stderr: " << r.err);
  CHECK(r.exit_code == 4);
  CHECK(starts_with(r.err, "header.csv: error: "));
  CHECK(contains(r.err, "no records"));
  f.check_untouched();
}

TEST_CASE("broken files: a JSON file holding [] is exit 4, no records", "[cli][broken-files]") {
  Folder f;
  f.dir.write("none.json", "[ ]\n");
  RunResult r = f.screen("none.json");
  INFO("stderr: " << r.err);
  CHECK(r.exit_code == 4);
  CHECK(starts_with(r.err, "none.json: error: "));
  CHECK(contains(r.err, "no records"));
  f.check_untouched();
}

TEST_CASE("broken files: a JSON Lines file of blank lines is exit 4, no records",
          "[cli][broken-files]") {
  Folder f;
  f.dir.write("blank.jsonl", "\n\n   \n\t\n");
  RunResult r = f.screen("blank.jsonl");
  INFO("stderr: " << r.err);
  CHECK(r.exit_code == 4);
  CHECK(starts_with(r.err, "blank.jsonl: error: "));
  CHECK(contains(r.err, "no records"));
  f.check_untouched();
}

// ---- binary ----------------------------------------------------------------------

TEST_CASE("broken files: PNG bytes named .csv are exit 4 at the header's 1:1", "[cli][broken-files]") {
  // The header line is "\x89PNG": byte 0x89 cannot start a UTF-8 character.
  Folder f;
  f.dir.write("image.csv", kPng);
  RunResult r = f.screen("image.csv");
  INFO("stderr: " << r.err);
  CHECK(r.exit_code == 4);
  CHECK(starts_with(r.err, "image.csv:1:1: error: "));
  CHECK(contains(r.err, "UTF-8"));
  f.check_untouched();
}

TEST_CASE("broken files: PNG bytes named .json are exit 4 at 1:1, not a JSON array",
          "[cli][broken-files]") {
  // A JSON input is one array; a file whose first byte is not '[' is not a
  // broken record but no JSON input at all.
  Folder f;
  f.dir.write("image.json", kPng);
  RunResult r = f.screen("image.json");
  INFO("stderr: " << r.err);
  CHECK(r.exit_code == 4);
  CHECK(starts_with(r.err, "image.json:1:1: error: "));
  CHECK(contains(r.err, "'['"));
  f.check_untouched();
}

TEST_CASE("broken files: a JSON file holding one object, not an array, is exit 4 at its brace",
          "[cli][broken-files]") {
  // Line 1 is blank; the '{' is the third character of line 2.
  Folder f;
  f.dir.write("object.json", "\n  {\"id\": \"A1\", \"name\": \"Ann\", \"years\": \"3\"}\n");
  RunResult r = f.screen("object.json");
  INFO("stderr: " << r.err);
  CHECK(r.exit_code == 4);
  CHECK(starts_with(r.err, "object.json:2:3: error: "));
  CHECK(contains(r.err, "'['"));
  f.check_untouched();
}

TEST_CASE("broken files: PNG bytes named .jsonl are three invalid records, none lost",
          "[cli][broken-files]") {
  // JSON Lines has no file-level frame: each physical line is a record, and
  // one that is not JSON is invalid (SPEC 4.1). The bytes hold two line feeds,
  // so three lines: "\x89PNG\r" (invalid UTF-8), "\x1a", and the IHDR chunk.
  Folder f;
  f.dir.write("image.jsonl", kPng);
  RunResult r = f.screen("image.jsonl");
  INFO("stderr: " << r.err);
  REQUIRE(r.exit_code == 0);
  std::string decisions = read_file(f.dir.path() / "decisions.jsonl");
  std::string rejects = read_file(f.dir.path() / "rejects.jsonl");
  CHECK(simdjson::validate_utf8(decisions.data(), decisions.size()));
  CHECK(simdjson::validate_utf8(rejects.data(), rejects.size()));
  auto record = shortlist::test::parse_json_lines(decisions);
  auto lines = shortlist::test::decision_lines(record);
  REQUIRE(lines.size() == 3);
  for (std::size_t i = 0; i < 3; ++i) {
    CHECK(lines[i].str("source") == "image.jsonl:" + std::to_string(i + 1));
    CHECK(lines[i].str("status") == "invalid");
    CHECK_FALSE(lines[i].str("reason").empty());
  }
  auto rejected = shortlist::test::parse_json_lines(rejects);
  REQUIRE(rejected.size() == 3);
  CHECK(rejected[1].str("raw") == "\x1a");
  CHECK(shortlist::test::line_of_kind(record, "summary").at("invalid").text == "3");
  CHECK(read_file(f.dir.path() / "shortlist.csv") == "profile,rank,id,score,status\n");
}

// ---- truncated -------------------------------------------------------------------

TEST_CASE("broken files: a gzip file cut in half is exit 4, truncated", "[cli][broken-files]") {
  std::string csv = "id,name,years\n";
  for (int i = 0; i < 300; ++i)
    csv += "A" + std::to_string(i) + ",Name " + std::to_string(i * 7919) + "," +
           std::to_string(i % 9) + "\n";
  std::string whole = gzip(csv);
  Folder f;
  f.dir.write("cut.csv.gz", whole.substr(0, whole.size() / 2));
  RunResult r = f.screen("cut.csv.gz");
  INFO("stderr: " << r.err);
  CHECK(r.exit_code == 4);
  CHECK(starts_with(r.err, "cut.csv.gz:"));
  CHECK(contains(r.err, "truncated"));
  f.check_untouched();

  // The whole file screens: the cut, not the data, was the problem.
  f.dir.write("whole.csv.gz", whole);
  RunResult ok = shortlist::test::run_shortlist("screen -r rules.yaml whole.csv.gz -q",
                                                f.dir.path());
  INFO("stderr: " << ok.err);
  CHECK(ok.exit_code == 0);
}

TEST_CASE("broken files: a gzip file cut while blocks are out to threads is exit 4 and says truncated",
          "[cli][broken-files]") {
  // Tiny blocks and two threads: when the cut is found, blocks read before
  // it are still queued or being decided. They must be finished (or
  // dropped) while the reader they came from still exists; run under
  // AddressSanitizer, this once read a freed reader.
  std::string csv = "id,name,years\n";
  for (int i = 0; i < 20000; ++i)
    csv += "A" + std::to_string(i) + ",Name " + std::to_string(i * 7919) + "," +
           std::to_string(i % 9) + "\n";
  const std::string whole = gzip(csv);
  Folder f;
  f.dir.write("cut.csv.gz", whole.substr(0, whole.size() * 3 / 5));
  for (int threads : {2, 4}) {
    RunResult r = f.screen("cut.csv.gz --block-size 1024 --threads " + std::to_string(threads));
    INFO(threads << " threads, stderr: " << r.err);
    CHECK(r.exit_code == 4);
    CHECK(starts_with(r.err, "cut.csv.gz:"));
    CHECK(contains(r.err, "truncated"));
    f.check_untouched();
  }
}

// ---- gone ------------------------------------------------------------------------

TEST_CASE("broken files: an input deleted while the one before is read is exit 4",
          "[cli][broken-files]") {
  // Inputs are opened one after the other. The first is a FIFO whose writer
  // deletes the second input before it closes the FIFO, so the second goes
  // away after the run started and before it is opened.
  Folder f;
  const fs::path fifo = f.dir.path() / "first.csv";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  const fs::path second = f.dir.write("second.csv", "id,name,years\nB1,Bo,4\n");
  std::atomic<bool> fed{false};
  std::thread writer([&] {
    // Non-blocking open fails until the run opens the FIFO for reading; give
    // up after 30 s so that a run that never opens it cannot hang the test.
    int fd = -1;
    for (int i = 0; i < 3000 && fd < 0; ++i) {
      fd = ::open(fifo.c_str(), O_WRONLY | O_NONBLOCK);
      if (fd < 0) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    if (fd < 0) return;
    ::fcntl(fd, F_SETFL, 0);
    const std::string csv = "id,name,years\nA1,Ann,3\n";
    bool written = ::write(fd, csv.data(), csv.size()) == static_cast<ssize_t>(csv.size());
    std::error_code ignored;
    fs::remove(second, ignored);
    ::close(fd);
    fed = written;
  });
  RunResult r = f.screen("first.csv second.csv");
  writer.join();
  REQUIRE(fed);
  INFO("stderr: " << r.err);
  CHECK(r.exit_code == 4);
  CHECK(starts_with(r.err, "second.csv: error: "));
  // The folder lost second.csv, as the writer meant; nothing else changed.
  f.before.erase("second.csv");
  f.check_untouched();
}

// ---- unreadable ------------------------------------------------------------------

TEST_CASE("broken files: a folder given as input is exit 4", "[cli][broken-files]") {
  // A file made unreadable with chmod 000 would do as well, but the tests run
  // as root, who reads it anyway; a folder cannot be read as a file by anyone.
  Folder f;
  fs::create_directory(f.dir.path() / "folder.csv");
  RunResult r = f.screen("folder.csv");
  INFO("stderr: " << r.err);
  CHECK(r.exit_code == 4);
  CHECK(starts_with(r.err, "folder.csv: error: "));
  f.check_untouched();
}
