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

struct Accumulator {
  Tally overall;
  std::vector<std::vector<Tally>> segments;  // [segment column][value code]
  std::map<std::int64_t, Tally> by_day;      // day -> tally (rows with a date)
  std::unordered_map<std::uint64_t, Tally> cross;  // (code_a << 32 | code_b) -> tally
  int cross_a = -1, cross_b = -1;                  // segment positions, or -1

  explicit Accumulator(std::size_t segment_columns = 0) : segments(segment_columns) {}

  void add(int score, const std::uint32_t* codes, bool has_day, std::int64_t day) {
    overall.add(score);
    for (std::size_t s = 0; s < segments.size(); ++s) {
      auto& column = segments[s];
      if (codes[s] >= column.size()) column.resize(codes[s] + 1);
      column[codes[s]].add(score);
    }
    if (has_day) {
      if (day != last_day_ || !last_tally_) {
        last_day_ = day;
        last_tally_ = &by_day[day];  // std::map nodes are stable
      }
      last_tally_->add(score);
    }
    if (cross_a >= 0) {
      const std::uint64_t key = (std::uint64_t{codes[cross_a]} << 32) | codes[cross_b];
      cross[key].add(score);
    }
  }

 private:
  std::int64_t last_day_ = 0;
  Tally* last_tally_ = nullptr;
};

}  // namespace npskit
