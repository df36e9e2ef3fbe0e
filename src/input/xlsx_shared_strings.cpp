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
// A window holds at most this many strings, and this much of their text.
constexpr std::size_t kWindowStrings = 8192;
constexpr std::size_t kWindowText = std::size_t{1} << 20;

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

void SharedStrings::read_window(std::size_t first) {
  // The end of the string before `first`, then the ends of the window's.
  const std::size_t count = std::min(kWindowStrings, count_ - first);
  std::vector<std::uint64_t>& ends = window_ends_;
  ends.resize(count + 1);
  if (first == 0) {
    ends[0] = 0;
    read_all(ends_fd_, reinterpret_cast<char*>(ends.data() + 1), count * sizeof(std::uint64_t), 0);
  } else {
    read_all(ends_fd_, reinterpret_cast<char*>(ends.data()), (count + 1) * sizeof(std::uint64_t),
             (first - 1) * sizeof(std::uint64_t));
  }
  // As many strings as fit in the text's room, and at least the first.
  std::size_t keep = 1;
  while (keep < count && ends[keep + 1] - ends[0] <= kWindowText) ++keep;
  window_first_ = first;
  window_begin_ = ends[0];
  window_text_.resize(ends[keep] - ends[0]);
  read_all(text_fd_, window_text_.data(), window_text_.size(), window_begin_);
  ends.erase(ends.begin());
  ends.resize(keep);
}

std::string_view SharedStrings::get(std::size_t index) {
  if (text_fd_ < 0) {
    const std::uint64_t begin = index == 0 ? 0 : ends_[index - 1];
    return std::string_view(text_).substr(begin, ends_[index] - begin);
  }
  Slot& slot = cache_[index % kCacheSlots];
  if (slot.index == index) return slot.text;
  slot.index = index;
  if (index < window_first_) {
    // Behind the window: a string met again after the cache lost it. It is
    // read alone, and the window stays where the sheet's new strings are.
    std::uint64_t ends[2] = {0, 0};
    if (index == 0)
      read_all(ends_fd_, reinterpret_cast<char*>(&ends[1]), sizeof ends[1], 0);
    else
      read_all(ends_fd_, reinterpret_cast<char*>(ends), sizeof ends, (index - 1) * sizeof ends[0]);
    slot.text.resize(ends[1] - ends[0]);
    read_all(text_fd_, slot.text.data(), slot.text.size(), ends[0]);
    return slot.text;
  }
  if (index - window_first_ >= window_ends_.size()) read_window(index);
  const std::size_t at = index - window_first_;
  const std::uint64_t begin = at == 0 ? window_begin_ : window_ends_[at - 1];
  slot.text.assign(window_text_, begin - window_begin_, window_ends_[at] - begin);
  return slot.text;
}

}  // namespace shortlist
