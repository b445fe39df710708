#pragma once
// Dictionary encoding of one segment column's values: each distinct value gets a
// small code, so tallies live in flat vectors. Past kMaxSegmentValues distinct
// values the rest share the code of "(other)", which keeps memory bounded on a
// column that turns out to be high-cardinality deep into a file.
// The lookup is the core's StringIndex (values/string_index.hpp) over the values
// held here: no std::string is built per row (this runs once per segment cell of
// every row), in front of it a scan for the few-values case.
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/values/string_index.hpp"

namespace npskit {

inline constexpr std::size_t kMaxSegmentValues = 1000;
// And at most this many bytes of values per column (1,000 values of up to a
// record's 1 MB would be 1 GB): a new value past it folds into "(other)" too.
inline constexpr std::size_t kMaxSegmentDictionaryBytes = 1u << 20;
inline constexpr std::string_view kOtherValue = "(other)";
inline constexpr std::string_view kBlankValue = "(blank)";

class SegmentDictionary {
 public:
  SegmentDictionary() : index_(32) {}

  std::uint32_t code(std::string_view value) {
    if (value.empty()) value = kBlankValue;
    if (has_last_ && value == values_[last_code_]) return last_code_;  // runs of equal values are common
    // Segment columns mostly hold a handful of values: a scan over packed
    // prefixes beats hashing there (lengths and first 8 bytes compared at once).
    if (values_.size() <= kLinearScanMax) {
      const std::uint64_t key = prefix_key(value);
      for (std::uint32_t c = 0; c < values_.size(); ++c) {
        if (prefixes_[c] == key && values_[c].size() == value.size() &&
            (value.size() <= 8 || values_[c] == value)) {
          last_code_ = c;
          has_last_ = true;
          return c;
        }
      }
    }
    std::uint32_t c;
    const std::int64_t found = values_.size() <= kLinearScanMax ? -1 : find(value);
    if (found >= 0) c = static_cast<std::uint32_t>(found);
    else if (values_.size() < kMaxSegmentValues && bytes_ + value.size() <= kMaxSegmentDictionaryBytes) c = add(value);
    else c = other_code();
    last_code_ = c;
    has_last_ = true;
    return c;
  }
  // The code a value has, without adding it (for filters); -1 if absent.
  std::int64_t find(std::string_view value) const {
    if (value.empty()) value = kBlankValue;
    const std::uint32_t c = index_.find(value, key_of());
    return c == StringIndex::kAbsent ? -1 : static_cast<std::int64_t>(c);
  }
  const std::string& value(std::uint32_t code) const { return values_[code]; }
  std::size_t size() const { return values_.size(); }

 private:
  static constexpr std::size_t kLinearScanMax = 16;
  static std::uint64_t prefix_key(std::string_view s) {
    std::uint64_t k = 0;
    std::memcpy(&k, s.data(), s.size() < 8 ? s.size() : 8);
    return k ^ (static_cast<std::uint64_t>(s.size()) << 56);
  }
  struct KeyOf {  // hands StringIndex the key of a code
    const std::vector<std::string>* values;
    std::string_view operator()(std::uint32_t code) const { return (*values)[code]; }
  };
  KeyOf key_of() const { return {&values_}; }
  std::uint32_t add(std::string_view v) {
    bytes_ += v.size();
    values_.emplace_back(v);
    prefixes_.push_back(prefix_key(v));
    const auto code = static_cast<std::uint32_t>(values_.size() - 1);
    index_.insert(code, key_of());
    return code;
  }
  std::uint32_t other_code() {
    const std::int64_t c = find(kOtherValue);
    return c >= 0 ? static_cast<std::uint32_t>(c) : add(kOtherValue);
  }
  std::vector<std::string> values_;
  std::vector<std::uint64_t> prefixes_;  // prefix_key of each value
  StringIndex index_;  // value -> code
  std::size_t bytes_ = 0;  // of all values
  std::uint32_t last_code_ = 0;
  bool has_last_ = false;
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
