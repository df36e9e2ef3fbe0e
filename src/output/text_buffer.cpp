#include "shortlist/text_buffer.hpp"

#include <algorithm>

namespace shortlist {

void TextBuffer::grow_and_append(const char* s, std::size_t n) {
  const std::size_t capacity = std::max({capacity_ * 2, size_ + n, std::size_t{256}});
  // Not value-initialized: only the first size_ bytes are ever read.
  std::unique_ptr<char[]> data(new char[capacity]);
  if (size_ != 0) std::memcpy(data.get(), data_.get(), size_);
  if (s != nullptr && n != 0) {
    std::memcpy(data.get() + size_, s, n);
    size_ += n;
  }
  data_ = std::move(data);
  capacity_ = capacity;
}

}  // namespace shortlist
