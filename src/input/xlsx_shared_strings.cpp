#include "input/xlsx_shared_strings.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "shortlist/output_error.hpp"

namespace shortlist {
namespace {

constexpr std::size_t kCacheSlots = 4096;
constexpr std::size_t kWriteBuffer = std::size_t{1} << 20;

// A file under $TMPDIR (else /tmp) that no name points to: it disappears
// with the process, however the process ends.
int unlinked_temp_file() {
  const char* dir = std::getenv("TMPDIR");
  std::string pattern = (dir != nullptr && *dir != '\0' ? std::string(dir) : "/tmp");
  pattern += "/shortlist-strings-XXXXXX";
  const int fd = ::mkstemp(pattern.data());
  if (fd < 0) {
    throw OutputError("cannot create a temporary file in '" + pattern.substr(0, pattern.rfind('/')) +
                      "' for the workbook's shared strings: " + std::strerror(errno));
  }
  ::unlink(pattern.c_str());
  return fd;
}

void write_all(int fd, const char* data, std::size_t size) {
  while (size > 0) {
    const ssize_t n = ::write(fd, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0)
      throw OutputError(std::string("cannot write the workbook's shared strings to $TMPDIR: ") +
                        std::strerror(errno));
    data += n;
    size -= static_cast<std::size_t>(n);
  }
}

void read_all(int fd, char* into, std::size_t size, std::uint64_t at) {
  while (size > 0) {
    const ssize_t n = ::pread(fd, into, size, static_cast<off_t>(at));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0)
      throw OutputError(std::string("cannot read the workbook's shared strings back: ") +
                        (n == 0 ? "the temporary file is short" : std::strerror(errno)));
    into += n;
    size -= static_cast<std::size_t>(n);
    at += static_cast<std::uint64_t>(n);
  }
}

}  // namespace

SharedStrings::SharedStrings(std::size_t budget) : budget_(budget) {}

SharedStrings::~SharedStrings() {
  if (text_fd_ >= 0) ::close(text_fd_);
  if (ends_fd_ >= 0) ::close(ends_fd_);
}

void SharedStrings::add(std::string_view text) {
  text_ += text;
  text_total_ += text.size();
  ends_.push_back(text_total_);
  ++count_;
  if (text_fd_ >= 0) {
    if (text_.size() + ends_.size() * sizeof(std::uint64_t) >= kWriteBuffer) flush();
  } else if (text_.size() + ends_.size() * sizeof(std::uint64_t) > budget_) {
    spill();
  }
}

void SharedStrings::spill() {
  text_fd_ = unlinked_temp_file();
  ends_fd_ = unlinked_temp_file();
  flush();
  text_.shrink_to_fit();
  ends_.shrink_to_fit();
  cache_.resize(kCacheSlots);
}

void SharedStrings::flush() {
  write_all(text_fd_, text_.data(), text_.size());
  write_all(ends_fd_, reinterpret_cast<const char*>(ends_.data()),
            ends_.size() * sizeof(std::uint64_t));
  text_written_ += text_.size();
  ends_written_ += ends_.size();
  text_.clear();
  ends_.clear();
}

void SharedStrings::finish() {
  if (text_fd_ >= 0) {
    flush();
    text_ = std::string();
    ends_ = std::vector<std::uint64_t>();
  }
}

std::uint64_t SharedStrings::read_end(std::size_t index) {
  std::uint64_t end = 0;
  read_all(ends_fd_, reinterpret_cast<char*>(&end), sizeof end, index * sizeof end);
  return end;
}

std::string_view SharedStrings::get(std::size_t index) {
  if (text_fd_ < 0) {
    const std::uint64_t begin = index == 0 ? 0 : ends_[index - 1];
    return std::string_view(text_).substr(begin, ends_[index] - begin);
  }
  Slot& slot = cache_[index % kCacheSlots];
  if (slot.index != index) {
    const std::uint64_t begin = index == 0 ? 0 : read_end(index - 1);
    const std::uint64_t end = read_end(index);
    slot.text.resize(end - begin);
    read_all(text_fd_, slot.text.data(), slot.text.size(), begin);
    slot.index = index;
  }
  return slot.text;
}

}  // namespace shortlist
