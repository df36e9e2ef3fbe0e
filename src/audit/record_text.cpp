// Reading a decision record's lines, plain or gzip-compressed (see
// record_text.hpp). The file is read in fixed pieces; when its first two
// bytes are the gzip magic number every piece is inflated, member after
// member, as src/input/byte_source.cpp does for inputs; else the pieces are
// the text. zlib's gzread would do the same but silently drop whatever
// follows the last member, and hand no text out before damage it found.
#include "audit/record_text.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <cerrno>
#include <cstring>

namespace shortlist {
namespace {

constexpr std::size_t kPieceSize = std::size_t{1} << 16;

}  // namespace

RecordText::RecordText(std::string path)
    : path_(std::move(path)), stored_(kPieceSize), inflated_(kPieceSize) {
  fd_ = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
  struct stat st {};
  if (fd_ >= 0 && (::fstat(fd_, &st) != 0 || S_ISDIR(st.st_mode))) {
    ::close(fd_);
    fd_ = -1;
  }
  if (fd_ < 0) throw InputError(path_, 0, 0, "cannot open the decision record");
}

RecordText::~RecordText() {
  if (zstream_ != nullptr) {
    inflateEnd(zstream_);
    delete zstream_;
  }
  ::close(fd_);
}

void RecordText::fail(const std::string& message) const {
  throw InputError(path_, number_ + 1, 0, message);
}

// Fills stored_ unless the file ends first.
std::size_t RecordText::read_stored() {
  std::size_t filled = 0;
  while (filled < stored_.size() && !stored_eof_) {
    const ssize_t n = ::read(fd_, stored_.data() + filled, stored_.size() - filled);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) fail(std::string("cannot read the decision record: ") + std::strerror(errno));
    if (n == 0) stored_eof_ = true;
    filled += static_cast<std::size_t>(n);
  }
  return filled;
}

// The next piece of text into piece_; false at the end.
bool RecordText::fill() {
  piece_ = {};
  at_ = 0;
  if (!pending_error_.empty()) fail(pending_error_);
  if (!started_) {
    started_ = true;
    const std::size_t n = read_stored();
    gzip_ = n >= 2 && static_cast<unsigned char>(stored_[0]) == 0x1F &&
            static_cast<unsigned char>(stored_[1]) == 0x8B;
    if (!gzip_) {
      piece_ = {stored_.data(), n};
      return n > 0;
    }
    zstream_ = new z_stream{};
    // 15 + 16: the largest window, gzip members only.
    if (inflateInit2(zstream_, 15 + 16) != Z_OK) {
      delete zstream_;
      zstream_ = nullptr;
      fail("cannot start gzip decompression");
    }
    zstream_->next_in = reinterpret_cast<Bytef*>(stored_.data());
    zstream_->avail_in = static_cast<uInt>(n);
    in_member_ = true;
    members_ = 1;
  } else if (!gzip_) {
    const std::size_t n = read_stored();
    piece_ = {stored_.data(), n};
    return n > 0;
  }
  return inflate_piece();
}

// Inflates until the piece is full or the data ends. The text inflated
// before damage is handed out first, the damage reported after it.
bool RecordText::inflate_piece() {
  zstream_->next_out = reinterpret_cast<Bytef*>(inflated_.data());
  zstream_->avail_out = static_cast<uInt>(inflated_.size());
  while (zstream_->avail_out > 0) {
    if (zstream_->avail_in == 0 && !stored_eof_) {
      const std::size_t n = read_stored();
      zstream_->next_in = reinterpret_cast<Bytef*>(stored_.data());
      zstream_->avail_in = static_cast<uInt>(n);
    }
    const bool no_more_input = zstream_->avail_in == 0 && stored_eof_;
    if (!in_member_) {
      if (no_more_input) break;  // the last member ended with the file
      inflateReset(zstream_);
      in_member_ = true;
      ++members_;
    }
    const int rc = inflate(zstream_, Z_NO_FLUSH);
    if (rc == Z_STREAM_END) {
      in_member_ = false;
    } else if (rc == Z_BUF_ERROR && no_more_input) {
      pending_error_ = "truncated gzip data: unexpected end of file";
      break;
    } else if (rc != Z_OK) {
      // A member after the first that fails at its magic number is not a
      // member: bytes appended to the compressed record.
      if (members_ > 1 && zstream_->total_in <= 2)
        pending_error_ = "bytes after the end of the gzip data that are not gzip data";
      else
        pending_error_ = std::string("corrupt gzip data: ") +
                         (zstream_->msg != nullptr ? zstream_->msg : zError(rc));
      break;
    }
  }
  const std::size_t produced = inflated_.size() - zstream_->avail_out;
  if (produced == 0 && !pending_error_.empty()) fail(pending_error_);
  piece_ = {inflated_.data(), produced};
  return produced > 0;
}

bool RecordText::next(std::string& line) {
  line.clear();
  bool taken = false;  // any byte, the '\n' included
  for (;;) {
    if (at_ == piece_.size() && !fill()) {
      if (taken) ++number_;
      return taken;
    }
    const std::size_t newline = piece_.find('\n', at_);
    if (newline != std::string_view::npos) {
      line.append(piece_.data() + at_, newline - at_);
      at_ = newline + 1;
      ++number_;
      return true;
    }
    line.append(piece_.data() + at_, piece_.size() - at_);
    at_ = piece_.size();
    taken = true;
  }
}

DecisionRecordError decision_record_error(const InputError& error) {
  std::string where = error.path();
  if (error.line() > 0) where += ":" + std::to_string(error.line());
  return DecisionRecordError(where + ": " + error.what());
}

}  // namespace shortlist
