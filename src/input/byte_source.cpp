#include "input/byte_source.hpp"

#include <fcntl.h>
#include <openssl/evp.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>

namespace shortlist {
namespace {

// The first piece is at least this long, so that a byte-order mark or the gzip
// magic number is never split, whatever the chunk size.
constexpr std::size_t kMinFirstPiece = 4;

bool ends_with_gz(std::string_view path) {
  if (path.size() < 3) return false;
  auto tail = path.substr(path.size() - 3);
  return tail[0] == '.' && (tail[1] == 'g' || tail[1] == 'G') && (tail[2] == 'z' || tail[2] == 'Z');
}

// Windows-1252 differs from Latin-1 only in 0x80-0x9F. The five bytes it leaves
// undefined (0x81 0x8D 0x8F 0x90 0x9D) map to the C1 controls, as WHATWG does.
constexpr std::array<std::uint16_t, 32> kWindows1252High = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

}  // namespace

ByteSource::ByteSource(std::string path, Encoding encoding, std::size_t chunk_size, bool hash)
    : path_(std::move(path)), encoding_(encoding), chunk_size_(std::max<std::size_t>(chunk_size, 1)) {
  if (path_ == "-") {
    fd_ = STDIN_FILENO;
  } else {
    fd_ = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) fail(0, std::string("cannot open: ") + std::strerror(errno));
    owns_fd_ = true;
    struct stat st {};
    if (::fstat(fd_, &st) == 0 && S_ISDIR(st.st_mode)) {
      ::close(fd_);
      owns_fd_ = false;
      fail(0, "cannot open: it is a directory");
    }
  }
  if (hash) {
    digest_ = EVP_MD_CTX_new();
    if (digest_ == nullptr || EVP_DigestInit_ex(digest_, EVP_sha256(), nullptr) != 1) {
      EVP_MD_CTX_free(digest_);
      if (owns_fd_) ::close(fd_);
      fail(0, "cannot start SHA-256");
    }
  }
  // A regular file is read in place. One named .gz, or starting with gzip's
  // magic number, is inflated from read() chunks: inflating copies anyway.
  // Standard input is read even when it is a file: its offset need not be 0.
  if (owns_fd_ && !ends_with_gz(path_)) {
    mapped_ = MappedFile::map(fd_);
    if (mapped_ && mapped_->bytes().substr(0, 2) == "\x1F\x8B") mapped_.reset();
  }
  if (!mapped_) stored_.resize(std::max(chunk_size_, kMinFirstPiece));
}

ByteSource::~ByteSource() {
  if (zstream_ != nullptr) {
    inflateEnd(zstream_);
    delete zstream_;
  }
  EVP_MD_CTX_free(digest_);
  if (owns_fd_) ::close(fd_);
}

void ByteSource::fail(std::int64_t line, const std::string& message) const {
  throw InputError(path_, line, 0, message);
}

// Fills `out` unless the file ends first, so that every piece but the last is full.
std::size_t ByteSource::read_stored(char* out, std::size_t capacity, std::int64_t line) {
  std::size_t filled = 0;
  while (filled < capacity && !stored_eof_) {
    ssize_t n = ::read(fd_, out + filled, capacity - filled);
    if (n < 0) {
      if (errno == EINTR) continue;
      fail(line, std::string("read error: ") + std::strerror(errno));
    }
    if (n == 0) {
      stored_eof_ = true;
      break;
    }
    if (digest_ != nullptr) EVP_DigestUpdate(digest_, out + filled, static_cast<std::size_t>(n));
    filled += static_cast<std::size_t>(n);
    bytes_read_ += n;
  }
  return filled;
}

std::string_view ByteSource::next(std::int64_t line) {
  if (finished_) return {};
  if (!pending_error_.empty()) fail(line, pending_error_);
  std::string_view piece;
  if (!started_) {
    piece = first_piece(line);
  } else {
    piece = mapped_ ? next_mapped(chunk_size_)
            : gzip_ ? next_inflated(line, chunk_size_)
                    : next_stored(line);
  }
  // Pieces are full until the data ends, and the first one is longer than a
  // byte-order mark, so an empty piece means the end.
  if (piece.empty()) {
    finished_ = true;
    return {};
  }
  return encoding_ == Encoding::kUtf8 ? piece : transcode(piece);
}

std::string_view ByteSource::first_piece(std::int64_t line) {
  started_ = true;
  std::string_view piece = mapped_ ? next_mapped(std::max(chunk_size_, kMinFirstPiece))
                                   : first_stored_piece(line);
  if (encoding_ == Encoding::kUtf8 && piece.substr(0, 3) == "\xEF\xBB\xBF") piece.remove_prefix(3);
  return piece;
}

// The first piece read (and inflated, when it is gzip).
std::string_view ByteSource::first_stored_piece(std::int64_t line) {
  std::size_t n = read_stored(stored_.data(), stored_.size(), line);
  bool magic = n >= 2 && static_cast<unsigned char>(stored_[0]) == 0x1F &&
               static_cast<unsigned char>(stored_[1]) == 0x8B;
  // A .gz path, or gzip bytes under another name (standard input, say).
  gzip_ = ends_with_gz(path_) || magic;
  std::string_view piece(stored_.data(), n);
  if (gzip_) {
    start_inflating(line);
    zstream_->next_in = reinterpret_cast<Bytef*>(stored_.data());
    zstream_->avail_in = static_cast<uInt>(n);
    piece = next_inflated(line, inflated_.size());
  }
  return piece;
}

std::string_view ByteSource::next_stored(std::int64_t line) {
  std::size_t n = read_stored(stored_.data(), chunk_size_, line);
  return {stored_.data(), n};
}

// The next `want` bytes of the mapping, in place, hashed as read() chunks are.
std::string_view ByteSource::next_mapped(std::size_t want) {
  const std::string_view bytes = mapped_->bytes();
  // The pieces handed out before are no longer the caller's.
  if (!keep_mapped_) mapped_->release_before(bytes.data() + mapped_pos_);
  const std::string_view piece = bytes.substr(mapped_pos_, want);
  mapped_pos_ += piece.size();
  bytes_read_ += static_cast<std::int64_t>(piece.size());
  if (digest_ != nullptr) EVP_DigestUpdate(digest_, piece.data(), piece.size());
  if (mapped_pos_ == bytes.size()) {
    stored_eof_ = true;
    // Every byte has been handed out: had the file shrunk or changed on the
    // way, some of them were not the file's.
    mapped_->require_unchanged(path_);
  }
  return piece;
}

void ByteSource::start_inflating(std::int64_t line) {
  zstream_ = new z_stream{};
  // 15 + 32: the largest window, and a gzip or zlib header detected by itself.
  if (inflateInit2(zstream_, 15 + 32) != Z_OK) {
    delete zstream_;
    zstream_ = nullptr;
    fail(line, "cannot start gzip decompression");
  }
  in_member_ = true;
  inflated_.resize(std::max(chunk_size_, kMinFirstPiece));
}

// Inflates until the output piece is full or the data ends. Concatenated gzip
// members (as `cat a.gz b.gz` makes) are read one after the other, like gzip -d.
// At the end of the file inflate() is still called until it can make no
// progress: it may hold input it has taken but not yet decoded (when the last
// piece filled up), and that input may still decode, or be found corrupt.
std::string_view ByteSource::next_inflated(std::int64_t line, std::size_t want) {
  zstream_->next_out = reinterpret_cast<Bytef*>(inflated_.data());
  zstream_->avail_out = static_cast<uInt>(want);
  while (zstream_->avail_out > 0) {
    if (zstream_->avail_in == 0 && !stored_eof_) {
      std::size_t n = read_stored(stored_.data(), chunk_size_, line);
      zstream_->next_in = reinterpret_cast<Bytef*>(stored_.data());
      zstream_->avail_in = static_cast<uInt>(n);
    }
    const bool no_more_input = zstream_->avail_in == 0 && stored_eof_;
    if (!in_member_) {
      if (no_more_input) break;  // the last member ended with the file
      inflateReset(zstream_);
      in_member_ = true;
    }
    int rc = inflate(zstream_, Z_NO_FLUSH);
    if (rc == Z_STREAM_END) {
      in_member_ = false;
    } else if (rc == Z_BUF_ERROR && no_more_input) {
      pending_error_ = "truncated gzip data: unexpected end of file";
      break;
    } else if (rc != Z_OK) {
      pending_error_ = "corrupt gzip data: ";
      pending_error_ += zstream_->msg != nullptr ? zstream_->msg : zError(rc);
      break;
    }
  }
  std::size_t produced = want - zstream_->avail_out;
  // What was inflated before the damage is handed out first, so that the error
  // comes with the line the reader had reached.
  if (produced == 0 && !pending_error_.empty()) fail(line, pending_error_);
  return {inflated_.data(), produced};
}

std::string_view ByteSource::transcode(std::string_view bytes) {
  transcoded_.clear();
  for (char c : bytes) {
    auto b = static_cast<unsigned char>(c);
    if (b < 0x80) {
      transcoded_.push_back(c);
    } else if (encoding_ == Encoding::kWindows1252 && b < 0xA0) {
      append_utf8(transcoded_, kWindows1252High[b - 0x80u]);
    } else {
      append_utf8(transcoded_, b);
    }
  }
  return transcoded_;
}

std::string ByteSource::sha256() {
  if (!sha256_.empty()) return sha256_;
  while (!stored_eof_) {
    if (mapped_)
      next_mapped(chunk_size_);
    else
      read_stored(stored_.data(), stored_.size(), 0);
  }
  finished_ = true;
  if (digest_ == nullptr) return sha256_;
  std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
  unsigned int length = 0;
  if (EVP_DigestFinal_ex(digest_, md.data(), &length) != 1) fail(0, "cannot finish SHA-256");
  static constexpr char kHex[] = "0123456789abcdef";
  for (unsigned int i = 0; i < length; ++i) {
    sha256_.push_back(kHex[md[i] >> 4]);
    sha256_.push_back(kHex[md[i] & 0x0F]);
  }
  return sha256_;
}

}  // namespace shortlist
