#pragma once
// An open-addressing index from string keys to small codes (0, 1, 2, ...): the
// one hash table of the core for string lookups on hot paths (stop words, the
// sentiment lexicon). It stores only the codes; the keys stay
// with their owner (a vector of strings or string_views), which hands them back
// through `key_of(code)`, so no key is copied and a lookup builds no string.
// Linear probing over a power-of-two number of slots, load kept under 1/2,
// FNV-1a (values/hash.hpp); each slot keeps 32 bits of the key's hash beside
// its code, so a probe past another key rarely has to load that key. No
// deletion: none of its users needs it.
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
  explicit StringIndex(std::size_t expected = 8) : slots_(slots_for(expected), kEmpty) {}

  // The code stored under `key`, or kAbsent.
  template <class KeyOf>
  std::uint32_t find(std::string_view key, const KeyOf& key_of) const {
    const std::uint64_t h = fnv1a_64(key);
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = start(h) & mask;; i = (i + 1) & mask) {
      const std::uint64_t slot = slots_[i];
      if (slot == kEmpty) return kAbsent;
      // The tag (high hash bits) rules out almost every other key without
      // touching it: only a probable match loads the key to compare.
      if ((slot >> 32) == tag(h) && key_of(code_of(slot)) == key) return code_of(slot);
    }
  }

  // Stores `code`, whose key key_of(code) must not be in the index yet.
  template <class KeyOf>
  void insert(std::uint32_t code, const KeyOf& key_of) {
    if ((size_ + 1) * 2 > slots_.size()) {  // keep the load under 1/2
      std::vector<std::uint64_t> old(slots_.size() * 2, kEmpty);
      old.swap(slots_);
      for (std::uint64_t slot : old)
        if (slot != kEmpty) place(code_of(slot), fnv1a_64(key_of(code_of(slot))));
    }
    place(code, fnv1a_64(key_of(code)));
    ++size_;
  }

  std::size_t size() const { return size_; }

 private:
  // A slot: the key's tag in the high 32 bits, its code in the low 32; kEmpty
  // when free (no key has code UINT32_MAX: that is kAbsent).
  static constexpr std::uint64_t kEmpty = UINT64_MAX;
  static std::size_t slots_for(std::size_t expected) {
    std::size_t n = 16;
    while (n < expected * 2) n <<= 1;
    return n;
  }
  static std::size_t start(std::uint64_t h) { return static_cast<std::size_t>(h ^ (h >> 29)); }  // high bits into the masked low ones
  static std::uint64_t tag(std::uint64_t h) { return h >> 32; }
  static std::uint32_t code_of(std::uint64_t slot) { return static_cast<std::uint32_t>(slot); }
  void place(std::uint32_t code, std::uint64_t h) {
    const std::size_t mask = slots_.size() - 1;
    std::size_t i = start(h) & mask;
    while (slots_[i] != kEmpty) i = (i + 1) & mask;
    slots_[i] = tag(h) << 32 | code;
  }
  std::vector<std::uint64_t> slots_;  // tag << 32 | code, or kEmpty
  std::size_t size_ = 0;
};

}  // namespace npskit
