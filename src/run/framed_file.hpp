#pragma once
// Temporary files of length-prefixed byte records: the spool of decisions and the
// sorted runs of the external sorter. Buffered; a failed write, a failed read
// and a file that ends inside a record throw.
#include <bit>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace shortlist {

/// Appends framed records ([u32 length][bytes]) to a new file.
class FramedWriter {
 public:
  /// A file whose size is known before it is written (a sort's run) is
  /// given `size` bytes at once and nothing past them; see reserve_ahead.
  explicit FramedWriter(const std::filesystem::path& path, std::int64_t size = 0);
  ~FramedWriter();
  FramedWriter(const FramedWriter&) = delete;
  FramedWriter& operator=(const FramedWriter&) = delete;
  /// Writes one record made of the concatenation of `a` and `b`.
  void write(std::string_view a, std::string_view b = {});
  /// Writes bytes that are already framed (see append_framed).
  void write_framed(std::string_view bytes);
  /// Flushes and closes; throws if any write failed.
  void close();

 private:
  std::FILE* file_ = nullptr;
  std::filesystem::path path_;
  // Reserves the file's blocks past its end before a direct write of n bytes.
  void reserve_ahead(int fd, std::size_t n);
  static constexpr std::int64_t kReserveStep = std::int64_t{32} << 20;

  int direct_failed_ = 0;  // errno of a failed direct write (write_framed)
  std::int64_t size_ = 0;      // the file's size when known beforehand, or 0
  std::int64_t reserved_ = 0;  // bytes of the file reserved so far
  bool reserving_ = true;      // false once the file system says it cannot
};

/// Reads back the records of a FramedWriter's file, in order.
class FramedReader {
 public:
  /// `buffer_size` bytes of read-ahead: the external sorter reads many runs at
  /// once and keeps it small, so that memory does not grow with their number.
  explicit FramedReader(const std::filesystem::path& path, std::size_t buffer_size = 1 << 20);
  ~FramedReader();
  FramedReader(const FramedReader&) = delete;
  FramedReader& operator=(const FramedReader&) = delete;
  /// The next record, as a view into the reader's buffer that stays valid
  /// until the following call; false at the end.
  bool next(std::string_view& out);
  /// The next record, copied into `out`; false at the end.
  bool next(std::string& out);
  /// Passes over `n` bytes that are not framed (a file's own header); throws
  /// when the file ends first.
  void skip(std::size_t n);

 private:
  // Makes `n` bytes past pos_ readable, reading more of the file (and moving
  // what is left to the front); false if the file ends first.
  bool have(std::size_t n);

  std::FILE* file_ = nullptr;
  std::filesystem::path path_;
  // Records are handed out straight from this buffer, not copied out of
  // stdio's: the whole file is read in pieces of its size (or of one record,
  // when that is longer). It is not zeroed: its pages are first touched by
  // the reads that fill them, so that a file of a few rows read through a
  // buffer of 1 MiB costs the pages of a few rows, not 256 page faults.
  std::unique_ptr<char[]> buffer_;
  std::size_t size_ = 0;
  std::size_t pos_ = 0, end_ = 0;
};

/// Appends integers and strings to a byte buffer in a fixed little-endian form.
// Scratch files hold integers little-endian, whatever the machine: the
// same function turns a native integer into its stored form and back.
constexpr std::uint64_t little_endian(std::uint64_t u) {
  if constexpr (std::endian::native == std::endian::little) return u;
  std::uint64_t r = 0;
  for (int i = 0; i < 8; ++i) r = (r << 8) | ((u >> (8 * i)) & 0xFF);
  return r;
}

// Both are inline: the spool writes and reads several integers per record.
// A ByteWriter appends to a std::string or a TextBuffer.
template <class Out>
class ByteWriter {
 public:
  explicit ByteWriter(Out& out) : out_(out) {}
  void u8(std::uint8_t v) { out_ += static_cast<char>(v); }
  void i64(std::int64_t v) {
    const std::uint64_t u = little_endian(static_cast<std::uint64_t>(v));
    char bytes[8];
    std::memcpy(bytes, &u, 8);
    out_.append(bytes, 8);
  }
  void str(std::string_view s) {
    i64(static_cast<std::int64_t>(s.size()));
    out_.append(s);
  }
  /// A string that `fill` appends to the buffer in place, behind its length
  /// (read back by ByteReader::str like any other).
  template <class F>
  void str_in_place(F fill) {
    const std::size_t at = out_.size();
    i64(0);
    fill(out_);
    const auto n = static_cast<std::uint64_t>(out_.size() - at - 8);
    for (std::size_t i = 0; i < 8; ++i) out_[at + i] = static_cast<char>((n >> (8 * i)) & 0xFF);
  }

 private:
  Out& out_;
};

/// Reads what ByteWriter wrote. Reading past the end throws std::out_of_range.
class ByteReader {
 public:
  explicit ByteReader(std::string_view in) : in_(in) {}
  std::uint8_t u8() { return static_cast<std::uint8_t>(take(1)[0]); }
  std::int64_t i64() {
    std::uint64_t u = 0;
    std::memcpy(&u, take(8).data(), 8);
    return static_cast<std::int64_t>(little_endian(u));
  }
  std::string_view str() { return take(static_cast<std::size_t>(i64())); }
  /// Whatever is left.
  std::string_view rest() { return take(in_.size()); }
  bool at_end() const { return in_.empty(); }

 private:
  std::string_view take(std::size_t n) {
    if (n > in_.size()) past_the_end();
    auto r = in_.substr(0, n);
    in_.remove_prefix(n);
    return r;
  }
  [[noreturn]] static void past_the_end();
  std::string_view in_;
};

/// The bytes before each frame's body: its length, little-endian.
inline constexpr std::size_t kFrameHeader = 4;

/// Appends a frame to `out` whose body `fill` appends: the same bytes
/// FramedWriter::write would produce, built off the writing thread.
template <class Out, class F>
void append_framed(Out& out, F fill) {
  std::size_t at = out.size();
  out.append(4, '\0');
  fill(out);
  std::size_t n = out.size() - at - 4;
  for (int i = 0; i < 4; ++i) out[at + static_cast<std::size_t>(i)] = static_cast<char>((n >> (8 * i)) & 0xFF);
}

/// The next frame of `rest` (as append_framed wrote it), taken off it.
inline std::string_view take_frame(std::string_view& rest) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < 4; ++i) n |= std::size_t{static_cast<unsigned char>(rest[i])} << (8 * i);
  const std::string_view frame = rest.substr(4, n);
  rest.remove_prefix(4 + n);
  return frame;
}

/// Appends `v` so that the byte order of the results is the numeric order
/// (to a std::string or a TextBuffer).
template <class Out>
void append_ordered_u64(Out& out, std::uint64_t v) {
  char bytes[8];
  for (std::size_t i = 0; i < 8; ++i) bytes[i] = static_cast<char>((v >> (8 * (7 - i))) & 0xFF);
  out.append(bytes, 8);
}

}  // namespace shortlist
