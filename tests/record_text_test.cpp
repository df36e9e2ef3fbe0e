// Reading a decision record's lines, plain or gzip-compressed: the lines as
// std::getline gives them, compression told by the magic number (a renamed
// file reads), members one after the other, and damage reported with the
// file and the line it cuts.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "audit/record_text.hpp"
#include "gzip_test_support.hpp"
#include "test_support.hpp"

using shortlist::InputError;
using shortlist::RecordText;
using shortlist::test::gzip_member;
using shortlist::test::TempDir;
using Lines = std::vector<std::string>;

namespace {

Lines lines_of(const std::string& path) {
  RecordText text(path);
  Lines out;
  std::string line;
  std::int64_t n = 0;
  while (text.next(line)) {
    out.push_back(line);
    CHECK(text.number() == ++n);
  }
  CHECK_FALSE(text.next(line));  // and stays at the end
  return out;
}

// The InputError reading all of `path` throws.
InputError error_of(const std::string& path) {
  try {
    RecordText text(path);
    std::string line;
    while (text.next(line)) {
    }
  } catch (const InputError& e) {
    return e;
  }
  FAIL("no error reading " << path);
  return InputError("", 0, 0, "");
}

}  // namespace

TEST_CASE("record text: plain lines as std::getline gives them", "[record_text]") {
  TempDir dir;
  CHECK(lines_of(dir.write("a", "one\ntwo\n").string()) == Lines{"one", "two"});
  CHECK(lines_of(dir.write("b", "one\n\nthree").string()) == Lines{"one", "", "three"});
  CHECK(lines_of(dir.write("c", "").string()).empty());
  CHECK(lines_of(dir.write("d", "\n").string()) == Lines{""});
  CHECK(lines_of(dir.write("e", "a\r\nb\r\n").string()) == Lines{"a\r", "b\r"});
  // Longer than the reader's buffer (64 KiB).
  const std::string wide(200000, 'x');
  CHECK(lines_of(dir.write("f", "1\n" + wide + "\n3\n").string()) == Lines{"1", wide, "3"});
}

TEST_CASE("record text: gzip is read by its magic number, members one after the other",
          "[record_text]") {
  TempDir dir;
  const std::string text = "{\"kind\":\"run\"}\n{\"kind\":\"decision\"}\n{\"kind\":\"summary\"}\n";
  const Lines expected = {"{\"kind\":\"run\"}", "{\"kind\":\"decision\"}", "{\"kind\":\"summary\"}"};
  CHECK(lines_of(dir.write("d.jsonl.gz", gzip_member(text)).string()) == expected);
  CHECK(lines_of(dir.write("renamed.jsonl", gzip_member(text)).string()) == expected);
  // Cut inside the second line.
  const std::string two = gzip_member(text.substr(0, 20)) + gzip_member(text.substr(20));
  CHECK(lines_of(dir.write("two.gz", two).string()) == expected);
  // A plain record under a .gz name (as versions before compressed outputs
  // wrote one) is read as it is.
  CHECK(lines_of(dir.write("plain.jsonl.gz", text).string()) == expected);
}

TEST_CASE("record text: a truncated stream is an error at the line it cuts", "[record_text]") {
  TempDir dir;
  const std::string text = "line one\nline two\nline three\n";
  // Lines 1 and 2 and 4 bytes of line 3, then a member cut after its header.
  const std::string bytes = gzip_member(text.substr(0, 22)) + gzip_member(text.substr(22)).substr(0, 11);
  const auto path = dir.write("cut.gz", bytes).string();
  RecordText reader(path);
  std::string line;
  REQUIRE(reader.next(line));
  CHECK(line == "line one");
  REQUIRE(reader.next(line));
  CHECK(line == "line two");
  try {
    reader.next(line);
    FAIL("no error");
  } catch (const InputError& e) {
    CHECK(e.path() == path);
    CHECK(e.line() == 3);
    CHECK(std::string(e.what()) == "truncated gzip data: unexpected end of file");
  }
  // A single member cut short.
  const std::string one = gzip_member(text);
  const InputError half = error_of(dir.write("half.gz", one.substr(0, one.size() - 4)).string());
  CHECK(std::string(half.what()).find("truncated gzip data") == 0);
}

TEST_CASE("record text: a corrupt stream is an error naming the file", "[record_text]") {
  TempDir dir;
  std::string bytes = gzip_member("line one\nline two\n");
  bytes[bytes.size() - 6] = static_cast<char>(bytes[bytes.size() - 6] ^ 0x01);  // the CRC-32
  const auto path = dir.write("bad.gz", bytes).string();
  const InputError e = error_of(path);
  CHECK(e.path() == path);
  CHECK(e.line() >= 1);
  CHECK(std::string(e.what()) == "corrupt gzip data: incorrect data check");
}

TEST_CASE("record text: bytes appended after the last member are an error, not dropped",
          "[record_text]") {
  // zlib's gzread and gzip -d (with a warning) ignore them: an auditor would
  // not see lines appended in plain text after a compressed record.
  TempDir dir;
  const std::string bytes = gzip_member("{\"kind\":\"run\"}\n") + "{\"kind\":\"decision\"}\n";
  const auto path = dir.write("more.jsonl.gz", bytes).string();
  RecordText reader(path);
  std::string line;
  REQUIRE(reader.next(line));
  CHECK(line == "{\"kind\":\"run\"}");
  try {
    reader.next(line);
    FAIL("no error");
  } catch (const InputError& e) {
    CHECK(e.path() == path);
    CHECK(e.line() == 2);
    CHECK(std::string(e.what()) == "bytes after the end of the gzip data that are not gzip data");
  }
}

TEST_CASE("record text: a file that cannot be opened", "[record_text]") {
  TempDir dir;
  for (const std::string& path : {(dir.path() / "none.jsonl").string(), dir.path().string()}) {
    try {
      RecordText text(path);
      FAIL("opened " << path);
    } catch (const InputError& e) {
      CHECK(e.path() == path);
      CHECK(e.line() == 0);
      CHECK(std::string(e.what()) == "cannot open the decision record");
    }
  }
  const auto error = shortlist::decision_record_error(InputError("d.jsonl.gz", 7, 0, "truncated"));
  CHECK(std::string(error.what()) == "d.jsonl.gz:7: truncated");
}
