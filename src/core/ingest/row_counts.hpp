#pragma once
#include <cstdint>

namespace npskit {

// Where every data record went: read = valid + blank_score + rejected + filtered_out.
struct RowCounts {
  std::uint64_t read = 0;
  std::uint64_t valid = 0;
  std::uint64_t blank_score = 0;
  std::uint64_t rejected = 0;
  std::uint64_t filtered_out = 0;
  std::uint64_t date_missing = 0;     // valid rows without a usable date (empty or unreadable cell)
  std::uint64_t date_unreadable = 0;  // of those, the rows whose date cell is not a date
  std::uint64_t duplicates = 0;       // dashboard sessions: same id seen again, counted once
};

// The warning listed for a kept row whose date cell is not a date (report "warnings").
inline constexpr const char* kUnreadableDateReason = "not a date: counted in the overall figures, left out of the trend";

}  // namespace npskit
