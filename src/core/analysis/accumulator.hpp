#pragma once
// The tallies one pass over the rows builds: overall, per segment value, per
// day (rolled up into weeks/months/quarters when the report is made) and per
// cross-segment cell. Every figure in the report derives from these by addition.
#include <cstdint>
#include <map>
#include <unordered_map>
#include <vector>

#include "core/stats/tally.hpp"

namespace npskit {

// Tallies per day: a flat window of days around the first one seen (surveys span
// months or years), plus a map for far-off outliers so hostile dates cannot make
// the window huge. The map holds at most kMaxOutlierDays days: a response on a
// further distinct far-off day is not in the trend and is counted in left_out()
// (one row per day from year 1 to 9999 would otherwise hold 3.6M days).
class DayTallies {
 public:
  static constexpr std::int64_t kWindowDays = 40'000;  // ~110 years
  static constexpr std::size_t kMaxOutlierDays = 10'000;

  // The day's tally, or null when the day cannot be held (then its `responses`
  // are counted as left out: one row, or a whole tallies group).
  // Inline for a day inside the window (nearly every row); the rest out of line.
  Tally* at(std::int64_t day, std::uint64_t responses = 1) {
    const std::int64_t i = day - base_;
    if (!window_.empty() && i >= 0 && i < kWindowDays) return &window_[static_cast<std::size_t>(i)];
    return at_first_or_outlier(day, responses);
  }
  [[gnu::noinline]] Tally* at_first_or_outlier(std::int64_t day, std::uint64_t responses) {
    if (window_.empty()) base_ = day - kWindowDays / 2;
    const std::int64_t i = day - base_;
    if (i >= 0 && i < kWindowDays) {
      if (window_.empty()) window_.resize(static_cast<std::size_t>(kWindowDays));
      return &window_[static_cast<std::size_t>(i)];
    }
    if (auto it = outliers_.find(day); it != outliers_.end()) return &it->second;
    if (outliers_.size() >= kMaxOutlierDays) {
      left_out_ += responses;
      return nullptr;
    }
    return &outliers_[day];
  }
  // Responses with a date that no day tally could hold.
  std::uint64_t left_out() const { return left_out_; }
  // Days with answers, in order.
  std::map<std::int64_t, Tally> sorted() const {
    std::map<std::int64_t, Tally> out(outliers_);
    for (std::size_t i = 0; i < window_.size(); ++i)
      if (window_[i].n() > 0) out[base_ + static_cast<std::int64_t>(i)] += window_[i];
    return out;
  }

 private:
  std::int64_t base_ = 0;
  std::vector<Tally> window_;
  std::map<std::int64_t, Tally> outliers_;
  std::uint64_t left_out_ = 0;
};

// Cells of a cross of two segment columns tallied at most (two 1,000-value
// columns could make 1M cells). A response in a further new cell is counted in
// cross_left_out, and the report says so.
inline constexpr std::size_t kMaxCrossCells = 2'500;

struct Accumulator {
  Tally overall;
  std::vector<std::vector<Tally>> segments;  // [segment column][value code]
  DayTallies by_day;                         // rows with a date
  std::unordered_map<std::uint64_t, Tally> cross;  // (code_a << 32 | code_b) -> tally
  int cross_a = -1, cross_b = -1;                  // segment positions, or -1
  std::uint64_t cross_left_out = 0;                // responses in cells past kMaxCrossCells

  explicit Accumulator(std::size_t segment_columns = 0) : segments(segment_columns) {}

  // One response (a row).
  void add(int score, const std::uint32_t* codes, bool has_day, std::int64_t day) {
    overall.add(score);
    std::vector<Tally>* const columns = segments.data();
    const std::size_t count = segments.size();  // held: the stores below may alias it otherwise
    for (std::size_t s = 0; s < count; ++s) {
      auto& column = columns[s];
      const std::uint32_t code = codes[s];
      (code < column.size() ? column[code] : grown_cell(column, code)).add(score);
    }
    if (has_day) {
      if (Tally* t = by_day.at(day)) t->add(score);
    }
    if (cross_a >= 0) {
      if (Tally* t = cross_cell(codes, 1)) t->add(score);
    }
  }

  // A group of responses already tallied (a tallies file's row): the same cells.
  void add(const Tally& group, const std::uint32_t* codes, bool has_day, std::int64_t day) {
    overall += group;
    for (std::size_t s = 0; s < segments.size(); ++s) segment_cell(s, codes[s]) += group;
    if (has_day) {
      if (Tally* t = by_day.at(day, group.n())) *t += group;
    }
    if (cross_a >= 0) {
      if (Tally* t = cross_cell(codes, group.n())) *t += group;
    }
  }

 private:
  // A value's first row: its column grows (out of line, so add() stays lean).
  [[gnu::noinline]] static Tally& grown_cell(std::vector<Tally>& column, std::uint32_t code) {
    column.resize(code + 1);
    return column[code];
  }
  Tally& segment_cell(std::size_t s, std::uint32_t code) {
    auto& column = segments[s];
    if (code >= column.size()) column.resize(code + 1);
    return column[code];
  }
  // The cross cell of these codes, or null past kMaxCrossCells (then counted as left out).
  [[gnu::noinline]] Tally* cross_cell(const std::uint32_t* codes, std::uint64_t responses) {
    const std::uint64_t key = (std::uint64_t{codes[cross_a]} << 32) | codes[cross_b];
    if (auto it = cross.find(key); it != cross.end()) return &it->second;
    if (cross.size() < kMaxCrossCells) return &cross[key];
    cross_left_out += responses;
    return nullptr;
  }
};

}  // namespace npskit
