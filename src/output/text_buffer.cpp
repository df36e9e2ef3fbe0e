#include "shortlist/text_buffer.hpp"

#include <algorithm>

namespace shortlist {

void TextBuffer::grow(std::size_t n) {
  const std::size_t capacity = std::max({capacity_ * 2, size_ + n, std::size_t{256}});
  // Not value-initialized: only the first size_ bytes are ever read.
  std::unique_ptr<char[]> data(new char[capacity]);
  if (size_ != 0) std::memcpy(data.get(), data_.get(), size_);
  data_ = std::move(data);
  capacity_ = capacity;
}

}  // namespace shortlist
