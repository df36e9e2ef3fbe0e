// Reading a decision record's lines through zlib's gzFile, which inflates a
// gzip stream (members one after the other) and reads any other file as it is
// (see record_text.hpp).
#include "audit/record_text.hpp"

#include <zlib.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace shortlist {
namespace {

constexpr std::size_t kBufferSize = std::size_t{1} << 16;

}  // namespace

RecordText::RecordText(std::string path) : path_(std::move(path)) {
  std::error_code ec;
  if (!std::filesystem::is_directory(path_, ec)) file_ = gzopen(path_.c_str(), "rbe");
  if (file_ == nullptr) throw InputError(path_, 0, 0, "cannot open the decision record");
  gzbuffer(file_, static_cast<unsigned>(kBufferSize));
  buffer_.resize(kBufferSize);
}

RecordText::~RecordText() { gzclose_r(file_); }

// Reads the next piece of text into the buffer; false at the end. Text read
// before damage is handed out before the damage is reported, so that the
// error names the line the damage cuts.
bool RecordText::fill() {
  at_ = end_ = 0;
  if (!pending_error_.empty()) throw InputError(path_, number_ + 1, 0, pending_error_);
  errno = 0;
  const int n = gzread(file_, buffer_.data(), static_cast<unsigned>(buffer_.size()));
  int code = Z_OK;
  const char* message = gzerror(file_, &code);
  if (code != Z_OK) {
    if (code == Z_BUF_ERROR) {
      pending_error_ = "truncated gzip data: unexpected end of file";
    } else if (code == Z_ERRNO) {
      pending_error_ = std::string("cannot read the decision record: ") + std::strerror(errno);
    } else {
      // zlib's message begins with the path it was given.
      std::string_view what = message != nullptr ? message : "";
      const std::string prefix = path_ + ": ";
      if (what.substr(0, prefix.size()) == prefix) what.remove_prefix(prefix.size());
      pending_error_ = "corrupt gzip data: " + std::string(what);
    }
  }
  if (n <= 0) {
    if (!pending_error_.empty()) throw InputError(path_, number_ + 1, 0, pending_error_);
    return false;
  }
  end_ = static_cast<std::size_t>(n);
  return true;
}

bool RecordText::next(std::string& line) {
  line.clear();
  bool taken = false;  // any byte, the '\n' included
  for (;;) {
    if (at_ == end_ && !fill()) {
      if (taken) ++number_;
      return taken;
    }
    const char* start = buffer_.data() + at_;
    const auto* newline = static_cast<const char*>(std::memchr(start, '\n', end_ - at_));
    if (newline != nullptr) {
      line.append(start, newline);
      at_ += static_cast<std::size_t>(newline - start) + 1;
      ++number_;
      return true;
    }
    line.append(start, end_ - at_);
    at_ = end_;
    taken = true;
  }
}

DecisionRecordError decision_record_error(const InputError& error) {
  std::string where = error.path();
  if (error.line() > 0) where += ":" + std::to_string(error.line());
  return DecisionRecordError(where + ": " + error.what());
}

}  // namespace shortlist
