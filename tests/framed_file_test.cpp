// Scratch files of framed records (run/framed_file.hpp): what FramedWriter
// writes, FramedReader gives back record by record, also records longer than
// its buffer; a file cut inside a record is an error, never an early end.
#include <catch2/catch.hpp>

#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <string>
#include <vector>

#include "run/framed_file.hpp"
#include "shortlist/output_error.hpp"
#include "test_support.hpp"

using shortlist::FramedReader;
using shortlist::FramedWriter;
using shortlist::test::TempDir;

namespace {

// Records of every length from 0 to 300 bytes, and one of 100,000.
std::vector<std::string> records() {
  std::vector<std::string> out;
  for (std::size_t n = 0; n <= 300; n += 7) out.emplace_back(n, static_cast<char>('a' + n % 26));
  out.emplace_back(100'000, 'z');
  out.emplace_back("after the long one");
  return out;
}

std::filesystem::path write_all(const TempDir& dir, const std::vector<std::string>& recs) {
  const auto path = dir.path() / "frames";
  FramedWriter out(path);
  for (const auto& r : recs) out.write(r.substr(0, r.size() / 2), r.substr(r.size() / 2));
  out.close();
  return path;
}

}  // namespace

TEST_CASE("framed records come back as written, through a buffer smaller than some", "[framed]") {
  TempDir dir;
  const auto recs = records();
  const auto path = write_all(dir, recs);
  for (std::size_t buffer : {std::size_t{64}, std::size_t{1000}, std::size_t{1} << 20}) {
    INFO("buffer " << buffer);
    FramedReader in(path, buffer);
    std::vector<std::string> got;
    std::string_view record;
    while (in.next(record)) got.emplace_back(record);
    CHECK(got == recs);
  }
}

TEST_CASE("a framed file cut inside a record is an error", "[framed]") {
  TempDir dir;
  const auto recs = records();
  const auto path = write_all(dir, recs);
  const auto size = std::filesystem::file_size(path);
  // Cut inside the last record's bytes, then inside its length.
  for (std::uintmax_t cut : {std::uintmax_t{5}, recs.back().size() + 2}) {
    INFO("cut " << cut << " bytes off");
    std::filesystem::resize_file(path, size - cut);
    FramedReader in(path, 64);
    std::string_view record;
    CHECK_THROWS_AS([&] { while (in.next(record)) {} }(), shortlist::OutputError);
    std::filesystem::resize_file(path, size);  // back, for the next cut (zeros)
  }
}

TEST_CASE("framed bytes written directly and through the buffer keep their order", "[framed]") {
  // write_framed sends chunks of 64 KiB or more to the file itself, past
  // stdio's buffer: what the buffer holds must reach the file first.
  TempDir dir;
  const auto path = dir.path() / "frames";
  std::vector<std::string> expected;
  {
    FramedWriter out(path);
    for (std::size_t round = 0; round < 4; ++round) {
      out.write("small " + std::to_string(round));
      expected.push_back("small " + std::to_string(round));
      std::string chunk;  // many records, framed in one chunk well over 64 KiB
      for (std::size_t i = 0; i < 2000; ++i) {
        const std::string rec = std::to_string(round) + ":" + std::string(60, static_cast<char>('a' + i % 26));
        shortlist::append_framed(chunk, [&](std::string& r) { r += rec; });
        expected.push_back(rec);
      }
      REQUIRE(chunk.size() > (64u << 10));
      out.write_framed(chunk);
      std::string little;  // and a chunk small enough for the buffer
      shortlist::append_framed(little, [&](std::string& r) { r += "little"; });
      out.write_framed(little);
      expected.emplace_back("little");
    }
    out.close();
  }
  FramedReader in(path);
  std::vector<std::string> got;
  std::string_view record;
  while (in.next(record)) got.emplace_back(record);
  CHECK(got == expected);
}

TEST_CASE("blocks reserved ahead of direct writes are given back at close", "[framed]") {
  // write_framed reserves the file's blocks tens of MB ahead of what it
  // writes (fallocate, FALLOC_FL_KEEP_SIZE); close() must free what was not
  // used, or a decision record of 1 KB would keep 32 MB of disk.
  TempDir dir;
  const auto path = dir.path() / "frames";
  std::string chunk;
  for (int i = 0; i < 2000; ++i)
    shortlist::append_framed(chunk, [](std::string& r) { r += std::string(100, 'r'); });
  const auto blocks_bytes = [&] {
    struct stat st{};
    REQUIRE(::stat(path.c_str(), &st) == 0);
    return static_cast<std::int64_t>(st.st_blocks) * 512;
  };
  FramedWriter out(path);
  out.write_framed(chunk);
  out.write_framed(chunk);
  const std::int64_t size = 2 * static_cast<std::int64_t>(chunk.size());
  // Where the file system can reserve, more is held than written.
  const bool reserved = blocks_bytes() > size + (1 << 20);
  out.close();
  CHECK(static_cast<std::int64_t>(std::filesystem::file_size(path)) == size);
  CHECK(blocks_bytes() < size + (1 << 20));
  if (!reserved) WARN("this file system did not reserve blocks ahead; only the size was checked");
  FramedReader in(path);
  std::string_view record;
  std::size_t n = 0;
  while (in.next(record)) ++n;
  CHECK(n == 4000);
}

TEST_CASE("a file whose size is known has just that much reserved", "[framed]") {
  // A sort's run knows its size before it is written: its blocks are
  // reserved at once, and nothing past them, so that close() has nothing to
  // give back (on a file system mounted with discard, giving blocks back
  // waits for the disk). A size told too small still writes every byte, and
  // what was reserved past them is given back.
  TempDir dir;
  std::string chunk;
  for (int i = 0; i < 2000; ++i)
    shortlist::append_framed(chunk, [](std::string& r) { r += std::string(100, 'k'); });
  const std::int64_t size = 2 * static_cast<std::int64_t>(chunk.size());
  for (const std::int64_t told : {size, size / 4}) {
    INFO("size told " << told << " of " << size);
    const auto path = dir.path() / ("frames-" + std::to_string(told));
    const auto blocks_bytes = [&] {
      struct stat st{};
      REQUIRE(::stat(path.c_str(), &st) == 0);
      return static_cast<std::int64_t>(st.st_blocks) * 512;
    };
    FramedWriter out(path, told);
    out.write_framed(chunk);
    if (told == size) {
      // Reserved up to the size told, not tens of MB past it.
      CHECK(blocks_bytes() < size + (1 << 20));
    }
    out.write_framed(chunk);
    out.close();
    CHECK(static_cast<std::int64_t>(std::filesystem::file_size(path)) == size);
    CHECK(blocks_bytes() < size + (1 << 20));
    FramedReader in(path);
    std::string_view record;
    std::size_t n = 0;
    while (in.next(record))
      if (record == std::string(100, 'k')) ++n;
    CHECK(n == 4000);
  }
}

TEST_CASE("a direct write that fails makes close() throw", "[framed]") {
  // A file size limit of 100 KiB (RLIMIT_FSIZE), set in a child process so
  // that no other test sees it: write() then fails with EFBIG, as on a full
  // disk, and close() must say so rather than leave a short file unnoticed.
  TempDir dir;
  const auto path = dir.path() / "frames";
  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    std::signal(SIGXFSZ, SIG_IGN);
    rlimit limit{100 << 10, 100 << 10};
    if (setrlimit(RLIMIT_FSIZE, &limit) != 0) _exit(3);
    try {
      FramedWriter out(path);
      std::string chunk;
      for (int i = 0; i < 4000; ++i)
        shortlist::append_framed(chunk, [](std::string& r) { r += std::string(60, 'x'); });
      out.write_framed(chunk);
      out.close();
    } catch (const shortlist::OutputError&) {
      _exit(0);
    }
    _exit(1);
  }
  int status = 0;
  REQUIRE(waitpid(child, &status, 0) == child);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
}
