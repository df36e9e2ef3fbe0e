#pragma once
// Gzip-compressed outputs (SPEC 1 v1.1: a `.gz` after -o's extension; the
// decision record and the rejects named `.gz`): an std::ostream whose bytes
// are deflated into another stream.
//
// The compressed bytes are the same for the same text, whatever the clock,
// the host or the number of threads (SPEC 4.3), so that auditors can compare
// outputs byte for byte: the gzip header holds no time (MTIME 0), no file
// name and the fixed OS byte 255 ("unknown"); the level and the other
// parameters of deflate are constants; and deflate is handed the text in
// blocks of a fixed size, whatever sizes it was written in, so that its
// output depends on nothing but the text (and the zlib version). Flushing
// the stream does not flush deflate, which would put markers into the data
// wherever a flush happened to fall.
#include <memory>
#include <ostream>
#include <string_view>

namespace shortlist {

/// Whether an output named `path` is written gzip-compressed: its name ends
/// in ".gz" (SPEC 1 v1.1: a `.gz` target name always means gzip).
bool names_gzip(std::string_view path);

/// `path` without a final ".gz": the name whose extension says the format.
std::string_view without_gz(std::string_view path);

class GzipOstream : public std::ostream {
 public:
  /// The deflate level (zlib's 0 to 9), gzip's default: the compressed bytes
  /// depend on it, so it never changes with the host or the options.
  static constexpr int kLevel = 6;
  /// Text handed to deflate at a time.
  static constexpr std::size_t kBlockSize = std::size_t{1} << 16;

  /// Writes the gzip header and what is written to this stream, compressed,
  /// into `sink`. Throws OutputError if zlib cannot start.
  explicit GzipOstream(std::ostream& sink);
  ~GzipOstream() override;
  GzipOstream(const GzipOstream&) = delete;
  GzipOstream& operator=(const GzipOstream&) = delete;

  /// Compresses what is left and writes the gzip trailer into the sink;
  /// false when writing failed at any point. Nothing may be written after it.
  bool finish();

 private:
  class Deflater;
  std::unique_ptr<Deflater> deflater_;
};

}  // namespace shortlist
