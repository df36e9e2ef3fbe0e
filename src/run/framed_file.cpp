#include "run/framed_file.hpp"

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cstring>
#include <stdexcept>

#include <fcntl.h>
#include <unistd.h>

#include "shortlist/output_error.hpp"

namespace shortlist {
namespace {
constexpr std::size_t kBufferSize = 1 << 20;
// Framed bytes at least this long are written to the file directly.
constexpr std::size_t kDirectWrite = 64 << 10;

std::string describe(const std::filesystem::path& path, const char* what) {
  return path.string() + ": " + what + ": " + std::strerror(errno);
}

// A scratch file is only ever used by one thread at a time: glibc's
// unlocked stdio spares a lock per call, which is per entry of a sort.
std::size_t put(const void* data, std::size_t n, std::FILE* file) {
#if defined(__GLIBC__)
  return fwrite_unlocked(data, 1, n, file);
#else
  return std::fwrite(data, 1, n, file);
#endif
}

std::size_t get(void* data, std::size_t n, std::FILE* file) {
#if defined(__GLIBC__)
  return fread_unlocked(data, 1, n, file);
#else
  return std::fread(data, 1, n, file);
#endif
}
}  // namespace

FramedWriter::FramedWriter(const std::filesystem::path& path, std::int64_t size)
    : path_(path), size_(size) {
  file_ = std::fopen(path.c_str(), "wb");
  if (!file_) throw OutputError(describe(path, "cannot create temporary file"));
  std::setvbuf(file_, nullptr, _IOFBF, kBufferSize);
}

FramedWriter::~FramedWriter() {
  if (file_) std::fclose(file_);
}

void FramedWriter::write(std::string_view a, std::string_view b) {
  auto n = static_cast<std::uint32_t>(a.size() + b.size());
  unsigned char len[4] = {static_cast<unsigned char>(n), static_cast<unsigned char>(n >> 8),
                          static_cast<unsigned char>(n >> 16),
                          static_cast<unsigned char>(n >> 24)};
  put(len, 4, file_);
  // An empty view may hold a null pointer, which fwrite must not be given.
  if (!a.empty()) put(a.data(), a.size(), file_);
  if (!b.empty()) put(b.data(), b.size(), file_);
}

void FramedWriter::write_framed(std::string_view bytes) {
  // A batch of a reader's records (often hundreds of KB) goes to the file
  // itself rather than through stdio's buffer, which would copy all of it
  // once more: 2 % of a --decisions run.
  if (bytes.size() < kDirectWrite) {
    if (!bytes.empty()) put(bytes.data(), bytes.size(), file_);
    return;
  }
  // After a failure nothing more is written; close() reports it.
  if (direct_failed_ || std::fflush(file_) != 0) return;
  const int fd = fileno(file_);
  reserve_ahead(fd, bytes.size());
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      direct_failed_ = n < 0 ? errno : EIO;
      return;
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
}

// The file's blocks are reserved ahead of the writes, kReserveStep at a
// time, with room the file's size does not count (FALLOC_FL_KEEP_SIZE). A
// file written in pieces otherwise has each piece's blocks found one page
// at a time as it is written, and all of them allocated when it is cut or
// closed: the spool of a decision record (hundreds of MB) was written a
// tenth faster end to end with its blocks reserved (docs/performance.md).
// A file whose size is known beforehand has just that reserved: room past
// the end is given back when the file is closed, and on a file system
// mounted with `discard` giving back blocks waits for the disk to discard
// them (32 MiB for every run of a sort: milliseconds each, while a core
// stood idle). A file system that cannot reserve is simply not asked again;
// the writes themselves say whether there is room.
void FramedWriter::reserve_ahead(int fd, std::size_t n) {
#if defined(__linux__)
  if (!reserving_) return;
  const off_t at = ::lseek(fd, 0, SEEK_CUR);
  if (at < 0) {
    reserving_ = false;
    return;
  }
  const auto end = static_cast<std::int64_t>(at) + static_cast<std::int64_t>(n);
  if (end <= reserved_) return;
  const std::int64_t want = size_ >= end ? size_ : end + kReserveStep;
  if (::fallocate(fd, FALLOC_FL_KEEP_SIZE, static_cast<off_t>(reserved_),
                  static_cast<off_t>(want - reserved_)) != 0) {
    reserving_ = false;
    return;
  }
  reserved_ = want;
#else
  (void)fd;
  (void)n;
#endif
}

void FramedWriter::close() {
  if (!file_) return;
  bool failed = std::ferror(file_) != 0 || direct_failed_ != 0;
#if defined(__linux__)
  // What was reserved past the last byte is given back: the file is cut at
  // its own size, which frees the blocks past it.
  if (reserved_ > 0 && !failed && std::fflush(file_) == 0) {
    const int fd = fileno(file_);
    const off_t size = ::lseek(fd, 0, SEEK_CUR);
    failed |= size < 0 || (size < reserved_ && ::ftruncate(fd, size) != 0);
  }
#endif
  failed |= std::fclose(file_) != 0;
  file_ = nullptr;
  if (direct_failed_) errno = direct_failed_;
  if (failed) throw OutputError(describe(path_, "cannot write temporary file"));
}

FramedReader::FramedReader(const std::filesystem::path& path, std::size_t buffer_size)
    : path_(path),
      buffer_(std::make_unique_for_overwrite<char[]>(std::max<std::size_t>(buffer_size, 64))),
      size_(std::max<std::size_t>(buffer_size, 64)) {
  file_ = std::fopen(path.c_str(), "rb");
  if (!file_) throw OutputError(describe(path, "cannot read temporary file"));
  std::setvbuf(file_, nullptr, _IONBF, 0);  // read in pieces of buffer_ itself
}

FramedReader::~FramedReader() {
  if (file_) std::fclose(file_);
}

bool FramedReader::have(std::size_t n) {
  if (end_ - pos_ >= n) return true;
  // What is left of the last piece goes to the front; the buffer keeps its size.
  std::memmove(buffer_.get(), buffer_.get() + pos_, end_ - pos_);
  end_ -= pos_;
  pos_ = 0;
  if (size_ < n) {
    auto larger = std::make_unique_for_overwrite<char[]>(n);
    std::memcpy(larger.get(), buffer_.get(), end_);
    buffer_ = std::move(larger);
    size_ = n;
  }
  while (end_ < n) {
    const std::size_t got = get(buffer_.get() + end_, size_ - end_, file_);
    if (got == 0) {
      if (std::ferror(file_) != 0) throw OutputError(describe(path_, "cannot read temporary file"));
      return false;
    }
    end_ += got;
  }
  return true;
}

bool FramedReader::next(std::string_view& out) {
  if (!have(4)) {
    if (end_ != pos_) throw OutputError(path_.string() + ": temporary file is truncated");
    return false;
  }
  const auto* len = reinterpret_cast<const unsigned char*>(buffer_.get() + pos_);
  const std::size_t n = len[0] | (std::size_t{len[1]} << 8) | (std::size_t{len[2]} << 16) |
                        (std::size_t{len[3]} << 24);
  if (!have(4 + n)) throw OutputError(path_.string() + ": temporary file is truncated");
  out = std::string_view(buffer_.get() + pos_ + 4, n);
  pos_ += 4 + n;
  return true;
}

void FramedReader::skip(std::size_t n) {
  if (!have(n)) throw OutputError(path_.string() + ": temporary file is truncated");
  pos_ += n;
}

bool FramedReader::next(std::string& out) {
  std::string_view record;
  if (!next(record)) return false;
  out.assign(record);
  return true;
}

void ByteReader::past_the_end() { throw std::out_of_range("ByteReader: past the end"); }

}  // namespace shortlist
