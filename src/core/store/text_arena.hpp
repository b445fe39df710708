#pragma once
// The row store's kept text (comments, ids, e-mails, names, unreadable date
// cells): one growing byte buffer that rows point into by offset and length.
// Not a std::string because the store appends four or five short texts a row:
// std::string::append is an out-of-line call with its own checks, this append is
// a capacity test and a memcpy inlined into the row loop (the session's open
// spent ~170 instructions a row in append calls). Growth doubles, as a string's
// would; the bytes past size() are never read.
#include <algorithm>
#include <cstddef>
#include <cstring>
#include <memory>
#include <string_view>
#include <utility>

namespace npskit {

class TextArena {
 public:
  std::size_t size() const { return size_; }
  std::string_view view() const { return {data_.get(), size_}; }
  // Room for `bytes` in all (no allocation if there is room already).
  void reserve(std::size_t bytes) {
    if (bytes > capacity_) reallocate(bytes);
  }
  void append(std::string_view s) {
    const std::size_t n = s.size();
    if (n == 0) return;
    if (n > capacity_ - size_) grow_for(n);
    std::memcpy(data_.get() + size_, s.data(), n);
    size_ += n;
  }
  void swap(TextArena& other) noexcept {
    std::swap(data_, other.data_);
    std::swap(size_, other.size_);
    std::swap(capacity_, other.capacity_);
  }

 private:
  [[gnu::noinline]] void grow_for(std::size_t more) { reallocate(std::max(size_ + more, 2 * capacity_)); }
  void reallocate(std::size_t capacity) {
    std::unique_ptr<char[]> fresh(new char[capacity]);
    if (size_ > 0) std::memcpy(fresh.get(), data_.get(), size_);
    data_ = std::move(fresh);
    capacity_ = capacity;
  }
  std::unique_ptr<char[]> data_;
  std::size_t size_ = 0, capacity_ = 0;
};

}  // namespace npskit
