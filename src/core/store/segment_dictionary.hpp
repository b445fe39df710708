#pragma once
// Dictionary encoding of one segment column's values: each distinct value gets a
// small code, so tallies live in flat vectors. Past kMaxSegmentValues distinct
// values the rest share the code of "(other)", which keeps memory bounded on a
// column that turns out to be high-cardinality deep into a file.
// This runs once per segment cell of every row (streaming analysis and session
// alike), so a value is interned by hash with no string built and no byte loop:
// its key is three words read with at most four loads (below), exact for
// values up to 16 bytes, which is what segment columns mostly hold (country,
// plan, channel); a longer value's key is its length and first and last 8 bytes,
// and a key match is confirmed by comparing the whole value.
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace npskit {

inline constexpr std::size_t kMaxSegmentValues = 1000;
// And at most this many bytes of values per column (1,000 values of up to a
// record's 1 MB would be 1 GB): a new value past it folds into "(other)" too.
inline constexpr std::size_t kMaxSegmentDictionaryBytes = 1u << 20;
inline constexpr std::string_view kOtherValue = "(other)";
inline constexpr std::string_view kBlankValue = "(blank)";

class SegmentDictionary {
 public:
  SegmentDictionary() : slots_(kFirstSlots, kEmpty) {}

  // The lookup is small enough to inline into a row loop (the store's on_row, the
  // accumulator); a value's first row (new_code) is out of line.
  std::uint32_t code(std::string_view value) {
    if (value.empty()) value = kBlankValue;
    const Key key = key_of(value);
    for (std::size_t i = slot_of(key);; i = (i + 1) & mask()) {
      const std::uint32_t c = slots_[i];
      if (c == kEmpty) return new_code(value, key);
      if (keys_[c] == key && (value.size() <= kExactKeyBytes || values_[c] == value)) return c;
    }
  }
  // Whether a new value of this size would get its own code (else: "(other)").
  // The session's store asks before it encodes a row it may drop later (row_store.hpp).
  bool has_room_for(std::string_view value) const {
    const std::size_t size = value.empty() ? kBlankValue.size() : value.size();
    return values_.size() < kMaxSegmentValues && bytes_ + size <= kMaxSegmentDictionaryBytes;
  }
  // The code a value has, without adding it (for filters); -1 if absent.
  std::int64_t find(std::string_view value) const {
    if (value.empty()) value = kBlankValue;
    const Key key = key_of(value);
    for (std::size_t i = slot_of(key);; i = (i + 1) & mask()) {
      const std::uint32_t c = slots_[i];
      if (c == kEmpty) return -1;
      if (keys_[c] == key && (value.size() <= kExactKeyBytes || values_[c] == value)) return c;
    }
  }
  const std::string& value(std::uint32_t code) const { return values_[code]; }
  std::size_t size() const { return values_.size(); }
  std::size_t bytes() const { return bytes_; }  // of all values (capped at kMaxSegmentDictionaryBytes for new ones)

 private:
  // A value's length and bytes, packed: for n >= 8 its first and last 8 bytes
  // (they overlap below 16), for 4..7 its first and last 4, below 4 its first,
  // middle and last byte. Together they hold every byte of a value of up to
  // kExactKeyBytes, so equal keys mean equal values there.
  struct Key {
    std::uint64_t a = 0, b = 0, size = 0;
    bool operator==(const Key&) const = default;
  };
  static constexpr std::size_t kExactKeyBytes = 16;
  static Key key_of(std::string_view v) {
    const char* p = v.data();
    const std::size_t n = v.size();
    Key k;
    k.size = n;
    if (n >= 8) {
      std::memcpy(&k.a, p, 8);
      std::memcpy(&k.b, p + n - 8, 8);
    } else if (n >= 4) {
      std::uint32_t lo, hi;
      std::memcpy(&lo, p, 4);
      std::memcpy(&hi, p + n - 4, 4);
      k.a = lo;
      k.b = hi;
    } else if (n > 0) {
      k.a = std::uint64_t{static_cast<unsigned char>(p[0])} | std::uint64_t{static_cast<unsigned char>(p[n / 2])} << 8 |
            std::uint64_t{static_cast<unsigned char>(p[n - 1])} << 16;
    }
    return k;
  }
  // Multiply-xor mixing of the key's words; the high bits pick the slot.
  // Hostile values: a lookup always compares the key (and a long value itself),
  // so a collision costs time, never a wrong code, and the 1,000-value cap
  // bounds a probe run.
  std::size_t slot_of(const Key& k) const {
    std::uint64_t h = (k.a * 0x9E3779B97F4A7C15ull) ^ (k.b * 0xC2B2AE3D27D4EB4Full) ^ k.size;
    h ^= h >> 32;
    h *= 0xD6E8FEB86659FD93ull;
    return static_cast<std::size_t>(h >> (64 - slot_bits_));
  }
  std::size_t mask() const { return slots_.size() - 1; }
  [[gnu::noinline]] std::uint32_t new_code(std::string_view value, const Key& key) {
    return has_room_for(value) ? add(value, key) : other_code();
  }
  std::uint32_t add(std::string_view v, const Key& key) {
    if ((values_.size() + 1) * 2 > slots_.size()) grow();  // keep the load under 1/2
    bytes_ += v.size();
    values_.emplace_back(v);
    keys_.push_back(key);
    const auto c = static_cast<std::uint32_t>(values_.size() - 1);
    place(c);
    return c;
  }
  void place(std::uint32_t c) {
    std::size_t i = slot_of(keys_[c]);
    while (slots_[i] != kEmpty) i = (i + 1) & mask();
    slots_[i] = c;
  }
  void grow() {
    slots_.assign(slots_.size() * 2, kEmpty);
    ++slot_bits_;
    for (std::uint32_t c = 0; c < keys_.size(); ++c) place(c);
  }
  std::uint32_t other_code() {
    const std::int64_t c = find(kOtherValue);
    return c >= 0 ? static_cast<std::uint32_t>(c) : add(kOtherValue, key_of(kOtherValue));
  }
  static constexpr std::uint32_t kEmpty = UINT32_MAX;
  static constexpr std::size_t kFirstSlots = 16;
  std::vector<std::string> values_;  // by code
  std::vector<Key> keys_;            // key_of(values_[code])
  std::vector<std::uint32_t> slots_;  // codes by hash slot, or kEmpty (linear probing)
  unsigned slot_bits_ = 4;            // slots_.size() == 1 << slot_bits_
  std::size_t bytes_ = 0;             // of all values
};

// The values of some segment columns as text, [column][code] -> value: how
// segment values travel to the comments writer and into partials (each part has
// its own codes, so only the text means the same across parts).
inline std::vector<std::vector<std::string>> segment_values_text(std::span<const SegmentDictionary> dictionaries) {
  std::vector<std::vector<std::string>> out;
  for (const auto& dict : dictionaries) {
    auto& values = out.emplace_back();
    for (std::uint32_t code = 0; code < dict.size(); ++code) values.push_back(dict.value(code));
  }
  return out;
}

}  // namespace npskit
