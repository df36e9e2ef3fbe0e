// The gzip-compressing output stream (see gzip_output.hpp for why its bytes
// never vary). Its buffer is the put area of a streambuf of kBlockSize bytes:
// deflate sees the text only when the area is full, and once more at the end,
// so the blocks it is given are cut at the same places whatever sizes the
// text was written in.
#include "shortlist/gzip_output.hpp"

#include <zlib.h>

#include <streambuf>
#include <vector>

#include "shortlist/output_error.hpp"

namespace shortlist {

// Case aside, as for inputs: Windows tools name files SHORTLIST.CSV.GZ.
bool names_gzip(std::string_view path) {
  if (path.size() < 3) return false;
  const std::string_view tail = path.substr(path.size() - 3);
  return tail[0] == '.' && (tail[1] == 'g' || tail[1] == 'G') && (tail[2] == 'z' || tail[2] == 'Z');
}

std::string_view without_gz(std::string_view path) {
  return names_gzip(path) ? path.substr(0, path.size() - 3) : path;
}

class GzipOstream::Deflater : public std::streambuf {
 public:
  explicit Deflater(std::ostream& sink) : sink_(sink), text_(kBlockSize), packed_(kBlockSize) {
    // 15 + 16: the largest window, with a gzip header and trailer; memory
    // level 8 and the default strategy are zlib's defaults.
    if (deflateInit2(&z_, kLevel, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
      throw OutputError("cannot start gzip compression");
    // No time, no name, and OS 255 (unknown) in the header, rather than
    // zlib's default for the host.
    header_.time = 0;
    header_.os = 255;
    deflateSetHeader(&z_, &header_);
    setp(text_.data(), text_.data() + text_.size());
  }
  ~Deflater() override { deflateEnd(&z_); }
  Deflater(const Deflater&) = delete;
  Deflater& operator=(const Deflater&) = delete;

  bool finish() {
    if (!finished_) {
      finished_ = true;
      failed_ |= !deflate_text(Z_FINISH);
      setp(nullptr, nullptr);
      sink_.flush();
    }
    return !failed_ && sink_.good();
  }

 protected:
  int_type overflow(int_type c) override {
    if (finished_ || !deflate_text(Z_NO_FLUSH)) return traits_type::eof();
    setp(text_.data(), text_.data() + text_.size());
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(c);
      pbump(1);
    }
    return traits_type::not_eof(c);
  }
  // A flush leaves the text where it is: flushing deflate would make the
  // bytes depend on where flushes fell. finish() writes everything.
  int sync() override { return 0; }

 private:
  // Deflates the text of the put area into the sink.
  bool deflate_text(int flush) {
    z_.next_in = reinterpret_cast<Bytef*>(pbase());
    z_.avail_in = static_cast<uInt>(pptr() - pbase());
    for (;;) {
      z_.next_out = reinterpret_cast<Bytef*>(packed_.data());
      z_.avail_out = static_cast<uInt>(packed_.size());
      const int rc = deflate(&z_, flush);
      const auto produced = static_cast<std::streamsize>(packed_.size() - z_.avail_out);
      if (rc == Z_STREAM_ERROR || (produced > 0 && !sink_.write(packed_.data(), produced))) {
        failed_ = true;
        return false;
      }
      if (flush == Z_FINISH ? rc == Z_STREAM_END : z_.avail_out > 0) return true;
    }
  }

  std::ostream& sink_;
  z_stream z_{};
  gz_header header_{};
  std::vector<char> text_;
  std::vector<char> packed_;
  bool finished_ = false;
  bool failed_ = false;
};

GzipOstream::GzipOstream(std::ostream& sink)
    : std::ostream(nullptr), deflater_(std::make_unique<Deflater>(sink)) {
  rdbuf(deflater_.get());
}

GzipOstream::~GzipOstream() = default;

bool GzipOstream::finish() {
  const bool ok = deflater_->finish() && good();
  if (!ok) setstate(std::ios::badbit);
  return ok;
}

}  // namespace shortlist
