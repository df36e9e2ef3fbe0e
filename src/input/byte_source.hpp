#pragma once
// The bytes of one input, as the readers see them: a file or standard input, read
// in fixed chunks, gunzipped when compressed, transcoded to UTF-8 when the input is
// Latin-1 or Windows-1252. A regular file that is not gzipped is mapped into
// memory and handed out in place (mapped_file.hpp) rather than read. The SHA-256
// and the byte count are of the bytes as stored (the compressed bytes of a .gz),
// because that is what an auditor can hash again with sha256sum.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "input/mapped_file.hpp"
#include "shortlist/input.hpp"

struct z_stream_s;
struct evp_md_ctx_st;

namespace shortlist {

class ByteSource {
 public:
  /// Bytes read from the file at a time (and the most inflated at a time).
  static constexpr std::size_t kDefaultChunkSize = std::size_t{1} << 20;

  /// Opens `path` ("-" = standard input). Throws InputError if it cannot.
  /// Small `chunk_size`s exist for tests of records that span chunks. Without
  /// `hash`, sha256() gives "".
  ByteSource(std::string path, Encoding encoding, std::size_t chunk_size = kDefaultChunkSize,
             bool hash = true);
  ~ByteSource();
  ByteSource(const ByteSource&) = delete;
  ByteSource& operator=(const ByteSource&) = delete;

  /// The next piece of text, in UTF-8 unless the encoding is UTF-8 and the file
  /// is not. Every piece but the last is full (chunk_size bytes before
  /// transcoding), and a UTF-8 byte-order mark at the very start is dropped. The
  /// view is valid until the next call; empty at the end. `line` is the line the
  /// reader has reached, for the message of an InputError (corrupt gzip data,
  /// read error).
  std::string_view next(std::int64_t line);
  /// Reads whatever is left of the stored bytes and returns the lower-case hex
  /// SHA-256 of them all ("" when not hashing). next() returns nothing afterwards.
  std::string sha256();
  /// Bytes read from the file so far, as stored.
  std::int64_t bytes_read() const { return bytes_read_; }
  /// The path as given.
  const std::string& path() const { return path_; }
  /// The encoding text is transcoded from.
  Encoding encoding() const { return encoding_; }
  /// The file's mapping when it is read in place, else nullptr.
  MappedFile* mapping() const { return mapped_.get(); }
  /// Of a mapped file: the bytes handed out so far, as stored.
  std::string_view mapped_read() const {
    return mapped_ ? mapped_->bytes().substr(0, mapped_pos_) : std::string_view();
  }
  /// With `keep`, the pieces of a mapped file stay valid after the next call,
  /// until the caller gives them back through mapping()->release_before();
  /// without it (as at first), pages before the piece handed out are given
  /// back as reading moves on.
  void keep_mapped(bool keep) { keep_mapped_ = keep; }

 private:
  std::size_t read_stored(char* out, std::size_t capacity, std::int64_t line);
  std::string_view next_stored(std::int64_t line);
  std::string_view next_mapped(std::size_t want);
  std::string_view first_piece(std::int64_t line);
  std::string_view first_stored_piece(std::int64_t line);
  std::string_view next_inflated(std::int64_t line, std::size_t want);
  void start_inflating(std::int64_t line);
  std::string_view transcode(std::string_view bytes);
  [[noreturn]] void fail(std::int64_t line, const std::string& message) const;

  std::string path_;
  Encoding encoding_;
  std::size_t chunk_size_;
  int fd_ = -1;
  bool owns_fd_ = false;
  bool started_ = false;      // the first piece has been read
  bool stored_eof_ = false;   // the file has no more bytes
  bool finished_ = false;     // next() has nothing more to give
  bool gzip_ = false;
  bool in_member_ = false;    // inside a gzip member that has not ended
  std::int64_t bytes_read_ = 0;
  std::vector<char> stored_;   // bytes as read from the file
  std::vector<char> inflated_; // gunzipped bytes
  std::string transcoded_;     // Latin-1/Windows-1252 turned into UTF-8
  z_stream_s* zstream_ = nullptr;
  evp_md_ctx_st* digest_ = nullptr;
  std::string pending_error_;  // gzip damage found after some good output
  std::string sha256_;         // once computed
  std::unique_ptr<MappedFile> mapped_;  // the file, when read in place
  std::size_t mapped_pos_ = 0;          // bytes of it handed out
  bool keep_mapped_ = false;
};

}  // namespace shortlist
