#pragma once
// An open-addressing index from string keys to small codes (0, 1, 2, ...): the
// one hash table of the core for string lookups on hot paths (stop words, the
// sentiment lexicon, segment values). It stores only the codes; the keys stay
// with their owner (a vector of strings or string_views), which hands them back
// through `key_of(code)`, so no key is copied and a lookup builds no string.
// Linear probing over a power-of-two number of slots, load kept under 1/2,
// FNV-1a (values/hash.hpp). No deletion: none of its users needs it.
// Hostile keys: a lookup always compares the key itself, so a collision costs
// time, never a wrong answer.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "core/values/hash.hpp"

namespace npskit {

class StringIndex {
 public:
  static constexpr std::uint32_t kAbsent = UINT32_MAX;

  // Room for `expected` keys before the first growth.
  explicit StringIndex(std::size_t expected = 8) : slots_(slots_for(expected), kAbsent) {}

  // The code stored under `key`, or kAbsent. key_of(code) -> string_view.
  template <class KeyOf>
  std::uint32_t find(std::string_view key, const KeyOf& key_of) const {
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = slot_hash(key) & mask;; i = (i + 1) & mask) {
      const std::uint32_t c = slots_[i];
      if (c == kAbsent || key_of(c) == key) return c;
    }
  }

  // Stores `code`, whose key key_of(code) must not be in the index yet.
  template <class KeyOf>
  void insert(std::uint32_t code, const KeyOf& key_of) {
    if ((size_ + 1) * 2 > slots_.size()) {  // keep the load under 1/2
      std::vector<std::uint32_t> old(slots_.size() * 2, kAbsent);
      old.swap(slots_);
      for (std::uint32_t c : old)
        if (c != kAbsent) place(c, key_of(c));
    }
    place(code, key_of(code));
    ++size_;
  }

  std::size_t size() const { return size_; }

 private:
  static std::size_t slots_for(std::size_t expected) {
    std::size_t n = 16;
    while (n < expected * 2) n <<= 1;
    return n;
  }
  static std::size_t slot_hash(std::string_view s) {
    const std::uint64_t h = fnv1a_64(s);
    return static_cast<std::size_t>(h ^ (h >> 29));  // fold the high bits into the masked low ones
  }
  void place(std::uint32_t code, std::string_view key) {
    const std::size_t mask = slots_.size() - 1;
    std::size_t i = slot_hash(key) & mask;
    while (slots_[i] != kAbsent) i = (i + 1) & mask;
    slots_[i] = code;
  }
  std::vector<std::uint32_t> slots_;  // codes, or kAbsent
  std::size_t size_ = 0;
};

}  // namespace npskit
