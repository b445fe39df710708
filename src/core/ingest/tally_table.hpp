#pragma once
// A table of tallies: the "partial" of DESIGN.md as data. One group per (period,
// segment values), each holding a Tally of the 11 scores plus the rows that had
// no usable score. Tables with the same columns merge by addition, so a file, a
// chunk, a shard and a SQL GROUP BY result are the same object. The file format
// (docs/scale.md, "The tallies format") is read by tallies_reader and written by
// report/tallies_writer.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/stats/tally.hpp"
#include "core/values/civil_date.hpp"

namespace npskit {

inline constexpr int kTalliesVersion = 1;
// Column names of the format; every other column is a segment.
inline constexpr const char* kTalliesMarker = "npskit_tallies";  // first column; its value is the version
inline constexpr const char* kTalliesUnitColumn = "period_unit";   // day|week|month|quarter|none
inline constexpr const char* kTalliesPeriodColumn = "period";      // the period's first day, YYYY-MM-DD, or ""
inline constexpr const char* kTalliesBlankColumn = "blank";        // rows whose score cell was empty
inline constexpr const char* kTalliesRejectedColumn = "rejected";  // rows whose score was not a 0-10 whole number
bool is_reserved_tallies_column(const std::string& name);  // also s0..s10

struct GroupCounts {
  Tally scores;
  std::uint64_t blank = 0;
  std::uint64_t rejected = 0;
  GroupCounts& operator+=(const GroupCounts& o) {
    scores += o.scores;
    blank += o.blank;
    rejected += o.rejected;
    return *this;
  }
  friend bool operator==(const GroupCounts&, const GroupCounts&) = default;
};

struct GroupKey {
  std::optional<std::int64_t> period;  // first day of the period; none when undated
  std::vector<std::string> values;     // one per segment column, "" when blank
  // Spelled out: libc++ 13 (the wasm build) has no <=> for optional and vector.
  friend bool operator<(const GroupKey& a, const GroupKey& b) {
    return a.period != b.period ? a.period < b.period : a.values < b.values;
  }
  friend bool operator==(const GroupKey& a, const GroupKey& b) { return a.period == b.period && a.values == b.values; }
};

struct TallyTable {
  std::vector<std::string> segments;  // segment column names, in order
  std::optional<Period> unit;         // none: the tallies have no period
  std::map<GroupKey, GroupCounts> groups;

  // Adds another table's groups. Their columns and period unit must match: the
  // problem in one line otherwise ("" when merged).
  std::string merge(const TallyTable& other);
  GroupCounts total() const;
};

// "day", "week", "month", "quarter", or "none" for no period.
std::string unit_name(const std::optional<Period>& unit);

}  // namespace npskit
