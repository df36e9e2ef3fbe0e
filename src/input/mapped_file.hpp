#pragma once
// A regular file mapped into memory, read in place rather than copied out
// with read(): on a machine where the kernel copies 1 to 2 GB a second, a
// read() of every byte costs more than parsing a tenth of them (see
// docs/performance.md, "Reading the input in place").
//
// Two things make a mapping less forgiving than read():
//
// - Touched pages count as the program's memory until they are given back.
//   release_before() gives back the pages wholly before a point, a few MiB
//   at a time, so that what stays resident is the stretch being read, not
//   the file. Giving back is always safe: the pages are the file's, never
//   written, and a later touch reads them again from the page cache.
// - If the file shrinks while mapped, touching a page past its new end
//   raises SIGBUS, which would kill the program. A handler puts a page of
//   zeros in its place, marks the mapping, and lets the read go on;
//   require_unchanged() then refuses the input, as it refuses one whose
//   size or modification time moved while it was read. No decision made of
//   the bytes is written: the run fails before any output is put in place.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace shortlist {

class MappedFile {
 public:
  /// Maps the whole of `fd` if it is a regular file of at least one byte and
  /// the kernel agrees; nullptr otherwise (the caller reads instead).
  static std::unique_ptr<MappedFile> map(int fd);
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  std::string_view bytes() const { return {data_, size_}; }
  /// Gives back the pages wholly before `point` (a pointer into bytes()),
  /// once they add up to a few MiB.
  void release_before(const char* point);
  /// Throws InputError (with `path`) if the file shrank while mapped, or its
  /// size or modification time is not what it was when mapped.
  void require_unchanged(const std::string& path) const;
  /// Whether a touch past the file's end was caught (SIGBUS).
  bool truncated() const;

 private:
  MappedFile(int fd, const char* data, std::size_t size, std::int64_t mtime_ns, int slot);

  int fd_;
  const char* data_;
  std::size_t size_;
  std::int64_t mtime_ns_;
  int slot_;                 ///< its place among the mappings the handler knows
  const char* released_;     ///< pages before this are given back
};

}  // namespace shortlist
