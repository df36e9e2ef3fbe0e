// Reading a regular file in place (src/input/mapped_file.cpp): the pieces are
// the file's bytes where they lie, hashed as read() chunks are; pages are
// given back behind the reading; and a file cut short under the mapping is
// refused rather than read as zeros, without the SIGBUS that would have
// killed the program.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "input/byte_source.hpp"
#include "input/mapped_file.hpp"
#include "shortlist/input.hpp"
#include "test_support.hpp"

namespace {

using shortlist::ByteSource;
using shortlist::Encoding;
using shortlist::InputError;
using shortlist::MappedFile;
using shortlist::test::TempDir;

// Resident KiB of the mapping that holds `address`, from /proc/self/smaps.
long resident_kib(const void* address) {
  std::ifstream smaps("/proc/self/smaps");
  const auto at = reinterpret_cast<std::uintptr_t>(address);
  std::string line;
  bool inside = false;
  while (std::getline(smaps, line)) {
    unsigned long begin = 0, end = 0;
    if (std::sscanf(line.c_str(), "%lx-%lx ", &begin, &end) == 2 &&
        line.find('-') < line.find(' ')) {
      inside = at >= begin && at < end;
      continue;
    }
    long kib = 0;
    if (inside && std::sscanf(line.c_str(), "Rss: %ld kB", &kib) == 1) return kib;
  }
  return -1;
}

}  // namespace

TEST_CASE("a mapped file is handed out in place, in pieces, hashed as stored", "[input][mapped]") {
  TempDir dir;
  // A byte-order mark, dropped from the text but not from the hash.
  const std::string text = "id,note\nA1,caf\xC3\xA9\n";
  const auto path = dir.write("a.csv", "\xEF\xBB\xBF" + text).string();
  ByteSource source(path, Encoding::kUtf8, 5);
  REQUIRE(source.mapping() != nullptr);
  const std::string_view file = source.mapping()->bytes();
  std::string read;
  for (std::string_view piece = source.next(1); !piece.empty(); piece = source.next(1)) {
    // In place: a view of the mapping, not a copy.
    CHECK(piece.data() >= file.data());
    CHECK(piece.data() + piece.size() <= file.data() + file.size());
    read += piece;
  }
  CHECK(read == text);
  CHECK(source.bytes_read() == static_cast<std::int64_t>(text.size() + 3));
  // sha256sum of the file's 20 bytes, worked out with coreutils.
  CHECK(source.sha256() == "2759d0035ba45a1dbce75c21695df046e2f7049f5f7ad33d000de99d05e494dc");
}

TEST_CASE("compressed input and standard input are read, not mapped", "[input][mapped]") {
  TempDir dir;
  // gzip's magic number under a plain name: inflated, so read.
  const auto magic = dir.write("a.csv", std::string("\x1F\x8B", 2) + "not really gzip").string();
  CHECK(ByteSource(magic, Encoding::kUtf8).mapping() == nullptr);
  const auto named = dir.write("b.csv.gz", "id\n1\n").string();
  CHECK(ByteSource(named, Encoding::kUtf8).mapping() == nullptr);
  CHECK(ByteSource("-", Encoding::kUtf8).mapping() == nullptr);
  const auto empty = dir.write("c.csv", "").string();
  CHECK(ByteSource(empty, Encoding::kUtf8).mapping() == nullptr);
}

TEST_CASE("reading a mapped file keeps a few MiB of it resident, not all of it",
          "[input][mapped]") {
  TempDir dir;
  const std::string line(1023, 'x');
  std::string text;
  for (int i = 0; i < 64 * 1024; ++i) text += line + '\n';  // 64 MiB
  const auto path = dir.write("big.csv", text).string();
  ByteSource source(path, Encoding::kUtf8);
  REQUIRE(source.mapping() != nullptr);
  std::size_t total = 0;
  long most = 0;
  for (std::string_view piece = source.next(1); !piece.empty(); piece = source.next(1)) {
    std::size_t newlines = 0;
    for (char c : piece) newlines += c == '\n';  // every byte touched
    CHECK(newlines == piece.size() / 1024);
    total += piece.size();
    most = std::max(most, resident_kib(source.mapping()->bytes().data()));
  }
  CHECK(total == text.size());
  // Given back 4 MiB at a time, behind the 1 MiB piece being read.
  CHECK(most > 0);
  CHECK(most <= 6 * 1024);
}

TEST_CASE("a file cut short under its mapping is refused, not read as zeros", "[input][mapped]") {
  const long page = ::sysconf(_SC_PAGESIZE);
  TempDir dir;
  const std::string text(static_cast<std::size_t>(3 * page), 'a');
  const auto path = dir.write("a.csv", text).string();

  SECTION("the mapping itself") {
    const int fd = ::open(path.c_str(), O_RDONLY);
    REQUIRE(fd >= 0);
    auto mapped = MappedFile::map(fd);
    REQUIRE(mapped);
    CHECK_NOTHROW(mapped->require_unchanged(path));
    REQUIRE(::truncate(path.c_str(), 100) == 0);
    // Past the new end: SIGBUS, caught; the page reads as zeros.
    const volatile char* last = mapped->bytes().data() + 2 * page + 5;
    CHECK(*last == '\0');
    CHECK(mapped->truncated());
    CHECK_THROWS_WITH(mapped->require_unchanged(path),
                      Catch::Contains("the file changed while it was read"));
    mapped.reset();
    ::close(fd);
  }
  SECTION("through the source, which checks when it hands out the last byte") {
    ByteSource source(path, Encoding::kUtf8, static_cast<std::size_t>(page));
    REQUIRE(source.mapping() != nullptr);
    CHECK(source.next(1).size() == static_cast<std::size_t>(page));
    REQUIRE(::truncate(path.c_str(), 100) == 0);
    // Hashing the next pages touches them.
    CHECK_THROWS_AS(
        [&] {
          while (!source.next(1).empty()) {
          }
        }(),
        InputError);
  }
  SECTION("a file changed in place, at the same size") {
    ByteSource source(path, Encoding::kUtf8, static_cast<std::size_t>(page), false);
    REQUIRE(source.mapping() != nullptr);
    CHECK(source.next(1).size() == static_cast<std::size_t>(page));
    // A modification time the file did not have when it was mapped.
    struct timespec times[2] = {{0, UTIME_OMIT}, {1'000'000'000, 0}};
    REQUIRE(::utimensat(AT_FDCWD, path.c_str(), times, 0) == 0);
    CHECK_THROWS_WITH(
        [&] {
          while (!source.next(1).empty()) {
          }
        }(),
        Catch::Contains("the file changed while it was read"));
  }
}
