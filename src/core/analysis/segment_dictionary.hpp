#pragma once
// Dictionary encoding of one segment column's values: each distinct value gets a
// small code, so tallies live in flat vectors. Past kMaxSegmentValues distinct
// values the rest share the code of "(other)", which keeps memory bounded on a
// column that turns out to be high-cardinality deep into a file.
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace npskit {

inline constexpr std::size_t kMaxSegmentValues = 1000;
inline constexpr std::string_view kOtherValue = "(other)";
inline constexpr std::string_view kBlankValue = "(blank)";

class SegmentDictionary {
 public:
  std::uint32_t code(std::string_view value) {
    if (value.empty()) value = kBlankValue;
    if (value == last_value_ && has_last_) return last_code_;  // runs of equal values are common
    key_.assign(value);
    auto it = index_.find(key_);
    std::uint32_t c;
    if (it != index_.end()) {
      c = it->second;
    } else if (values_.size() < kMaxSegmentValues) {
      c = add(key_);
    } else {
      c = other_code();
    }
    last_value_ = values_[c];
    last_code_ = c;
    has_last_ = true;
    return c;
  }
  // The code a value has, without adding it (for filters); npos if absent.
  std::int64_t find(std::string_view value) const {
    auto it = index_.find(std::string(value.empty() ? kBlankValue : value));
    return it == index_.end() ? -1 : it->second;
  }
  const std::string& value(std::uint32_t code) const { return values_[code]; }
  std::size_t size() const { return values_.size(); }

 private:
  std::uint32_t add(const std::string& v) {
    values_.push_back(v);
    index_.emplace(v, static_cast<std::uint32_t>(values_.size() - 1));
    has_last_ = false;  // values_ may have reallocated: last_value_ would dangle
    return static_cast<std::uint32_t>(values_.size() - 1);
  }
  std::uint32_t other_code() {
    auto it = index_.find(std::string(kOtherValue));
    return it != index_.end() ? it->second : add(std::string(kOtherValue));
  }
  std::vector<std::string> values_;
  std::unordered_map<std::string, std::uint32_t> index_;
  std::string key_;
  std::string_view last_value_;
  std::uint32_t last_code_ = 0;
  bool has_last_ = false;
};

}  // namespace npskit
