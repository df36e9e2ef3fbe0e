#pragma once
// What the fuzz targets share: the fuzz bytes as a file the readers can open
// (they read from a path, never from memory), a stable hash to draw reading
// options from, a check that crashes, and the comparison of two readings.
//
// Options are drawn from a hash of the input rather than from a leading
// "options byte" so that every seed (a sample CSV, a conformance file) is a
// real input as it stands, and a crash file reproduces on its own: the same
// bytes always give the same options, under libFuzzer and the regression
// driver alike.
#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "input/byte_source.hpp"
#include "input/readers.hpp"
#include "shortlist/input.hpp"
#include "shortlist/record.hpp"

/// Crashes with the failed condition named: a broken invariant is a finding.
#define SHORTLIST_FUZZ_CHECK(condition)                                                  \
  ((condition) ? static_cast<void>(0)                                                   \
               : ::shortlist::fuzz::broken(#condition, __FILE__, __LINE__))

namespace shortlist::fuzz {

/// Reports a broken invariant and stops the process as a crash.
[[noreturn]] inline void broken(const char* condition, const char* file, int line) {
  std::fprintf(stderr, "%s:%d: fuzz invariant broken: %s\n", file, line, condition);
  __builtin_trap();
}

/// FNV-1a over the input: options drawn from it are the same on every run.
inline std::uint64_t hash_bytes(const std::uint8_t* data, std::size_t size) {
  std::uint64_t h = 0xcbf29ce484222325u;
  for (std::size_t i = 0; i < size; ++i) h = (h ^ data[i]) * 0x100000001b3u;
  return h;
}

/// An anonymous in-memory file holding the current input, opened by path
/// (/proc/self/fd/N): each open gets its own offset, as a real file would.
class MemoryFile {
 public:
  MemoryFile() : fd_(::memfd_create("shortlist-fuzz", MFD_CLOEXEC)) {
    if (fd_ < 0) broken("memfd_create succeeds", __FILE__, __LINE__);
    path_ = "/proc/self/fd/" + std::to_string(fd_);
  }
  ~MemoryFile() { ::close(fd_); }
  MemoryFile(const MemoryFile&) = delete;
  MemoryFile& operator=(const MemoryFile&) = delete;

  /// Replaces the file's content with `size` bytes.
  void assign(const std::uint8_t* data, std::size_t size) {
    if (::ftruncate(fd_, 0) != 0) broken("ftruncate succeeds", __FILE__, __LINE__);
    std::size_t done = 0;
    while (done < size) {
      ssize_t n = ::pwrite(fd_, data + done, size - done, static_cast<off_t>(done));
      if (n <= 0) broken("pwrite succeeds", __FILE__, __LINE__);
      done += static_cast<std::size_t>(n);
    }
  }
  /// A path that opens the file from its start.
  const std::string& path() const { return path_; }

 private:
  int fd_;
  std::string path_;
};

/// The one file of the process (targets are run one input at a time).
inline MemoryFile& input_file() {
  static MemoryFile file;
  return file;
}

/// What reading a whole input gave: the records, or the error that stopped it.
struct Reading {
  std::vector<Record> records;
  bool failed = false;      ///< an InputError was thrown
  std::string error;        ///< its message (without the line: that may differ by chunk)
};

/// Reads every record of `reader` (a factory call that may throw) into a Reading,
/// checking what must hold of any record whatever the input.
template <typename Open>
Reading read_all(Open open) {
  Reading out;
  try {
    std::unique_ptr<RecordReader> reader = open();
    Record record;
    std::int64_t last_line = 0;
    while (reader->next(record)) {
      SHORTLIST_FUZZ_CHECK(record.line >= 1);
      SHORTLIST_FUZZ_CHECK(record.line >= last_line);
      last_line = record.line;
      if (record.invalid) {
        SHORTLIST_FUZZ_CHECK(!record.reason.empty());
      } else {
        SHORTLIST_FUZZ_CHECK(record.names.size() == record.values.size());
        SHORTLIST_FUZZ_CHECK(record.top_level <= record.names.size());
      }
      out.records.push_back(record);
    }
    SHORTLIST_FUZZ_CHECK(reader->sha256().size() == 64);
  } catch (const InputError& e) {
    out.failed = true;
    out.error = e.what();
  }
  return out;
}

/// Whether two values read the same.
inline bool same_value(const RawValue& a, const RawValue& b) {
  return a.kind == b.kind && a.text == b.text && a.items == b.items;
}

/// Whether two records read the same. An invalid record's values are whatever
/// was read before the problem, so only its reason and place are compared.
inline bool same_record(const Record& a, const Record& b) {
  if (a.line != b.line || a.invalid != b.invalid) return false;
  if (a.invalid) return a.reason == b.reason && a.field == b.field && a.column == b.column && a.raw == b.raw;
  if (a.names != b.names || a.top_level != b.top_level || a.values.size() != b.values.size())
    return false;
  for (std::size_t i = 0; i < a.values.size(); ++i)
    if (!same_value(a.values[i], b.values[i])) return false;
  return true;
}

/// Checks that two readings of the same bytes agree: the chunk size must never
/// change what is read. Records read before an error are not compared, since
/// the error may come earlier or later in the stream with other chunk sizes.
inline void check_same_reading(const Reading& a, const Reading& b) {
  SHORTLIST_FUZZ_CHECK(a.failed == b.failed);
  if (a.failed) {
    SHORTLIST_FUZZ_CHECK(a.error == b.error);
    return;
  }
  SHORTLIST_FUZZ_CHECK(a.records.size() == b.records.size());
  for (std::size_t i = 0; i < a.records.size(); ++i)
    SHORTLIST_FUZZ_CHECK(same_record(a.records[i], b.records[i]));
}

/// The chunk size of the first reading: larger than any input fuzz/run.sh lets
/// the fuzzer make (-max_len ≤ 16 KiB), so the input comes in one piece as with
/// ByteSource's default, without zero-filling a 1 MiB buffer on every reading.
inline constexpr std::size_t kWholeChunk = std::size_t{64} << 10;

/// A small chunk size for the second reading of an input, so that records,
/// quotes, escapes and UTF-8 sequences are split across chunks.
inline std::size_t small_chunk(std::uint64_t hash, std::size_t size) {
  static constexpr std::size_t kChunks[] = {1, 2, 3, 4, 5, 7, 16, 61};
  std::size_t chunk = kChunks[hash % 8];
  // One byte per read() costs a system call a byte: keep larger inputs quick.
  if (size > 1024 && chunk < 16) chunk *= 16;
  return chunk;
}

/// The encoding drawn for an input: mostly UTF-8, the other two now and then.
inline Encoding drawn_encoding(std::uint64_t hash) {
  switch ((hash >> 8) % 8) {
    case 0: return Encoding::kLatin1;
    case 1: return Encoding::kWindows1252;
    default: return Encoding::kUtf8;
  }
}

}  // namespace shortlist::fuzz
