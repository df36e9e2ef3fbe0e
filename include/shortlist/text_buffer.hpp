#pragma once
// A byte buffer for text built in many small pieces: a decision line is about
// a hundred appends. std::string's appends are calls into the C++ library
// (its members are compiled there, not here), each with a copy call of its
// own; TextBuffer's are inline, so that a literal's bytes are stored where it
// is appended. It grows as std::string does and keeps its room when cleared,
// so that a buffer used again allocates nothing.
#include <cstddef>
#include <cstring>
#include <memory>
#include <string_view>
#include <utility>

namespace shortlist {

class TextBuffer {
 public:
  TextBuffer() = default;
  TextBuffer(const TextBuffer& other) { append(other.data(), other.size()); }
  TextBuffer& operator=(const TextBuffer& other) {
    if (this != &other) {
      clear();
      append(other.data(), other.size());
    }
    return *this;
  }
  TextBuffer(TextBuffer&& other) noexcept { swap(other); }
  TextBuffer& operator=(TextBuffer&& other) noexcept {
    swap(other);
    return *this;
  }
  void swap(TextBuffer& other) noexcept {
    std::swap(data_, other.data_);
    std::swap(size_, other.size_);
    std::swap(capacity_, other.capacity_);
  }
  friend bool operator==(const TextBuffer& a, std::string_view b) { return a.view() == b; }

  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const char* data() const { return data_.get(); }
  char* data() { return data_.get(); }
  char& operator[](std::size_t i) { return data_[i]; }
  std::string_view view() const { return {data_.get(), size_}; }
  operator std::string_view() const { return view(); }  // NOLINT: used as text
  void clear() { size_ = 0; }
  void assign(std::string_view s) {
    clear();
    append(s.data(), s.size());
  }

  void append(const char* s, std::size_t n) {
    if (n > capacity_ - size_) {
      grow_and_append(s, n);  // `s` may be the buffer's own text
      return;
    }
    if (n != 0) std::memcpy(data_.get() + size_, s, n);
    size_ += n;
  }
  void append(std::size_t n, char c) {
    if (n > capacity_ - size_) grow(n);
    if (n != 0) std::memset(data_.get() + size_, c, n);
    size_ += n;
  }
  void append(std::string_view s) { append(s.data(), s.size()); }
  void push_back(char c) {
    if (size_ == capacity_) grow(1);
    data_[size_++] = c;
  }
  TextBuffer& operator+=(std::string_view s) {
    append(s.data(), s.size());
    return *this;
  }
  TextBuffer& operator+=(char c) {
    push_back(c);
    return *this;
  }

 private:
  // Makes room for `n` more bytes: at least twice the room there was.
  void grow(std::size_t n) { grow_and_append(nullptr, n); }
  // The same, then appends s[0, n) when `s` is given, read before the old
  // room is given back.
  void grow_and_append(const char* s, std::size_t n);

  std::unique_ptr<char[]> data_;
  std::size_t size_ = 0, capacity_ = 0;
};

}  // namespace shortlist
