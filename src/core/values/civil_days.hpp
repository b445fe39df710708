#pragma once
// Days since 1970-01-01 <-> (year, month, day), proleptic Gregorian: the one
// calendar conversion of the core. Header-only and dependency-free so the
// widget's survey library (which links no other part of the core) uses it too.
// Howard Hinnant, "chrono-Compatible Low-Level Date Algorithms": eras of 400
// years starting on March 1st, so the leap day is the last day of the year.
#include <cstdint>

namespace npskit {

struct CivilDate {
  int year;
  unsigned month;  // 1..12
  unsigned day;    // 1..31
};

constexpr std::int64_t days_from_civil(int y_in, unsigned m, unsigned d) {
  const std::int64_t y = static_cast<std::int64_t>(y_in) - (m <= 2 ? 1 : 0);
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;                                // [0, 399]
  const std::int64_t mp = m > 2 ? m - 3 : m + 9;                         // March = 0
  const std::int64_t doy = (153 * mp + 2) / 5 + static_cast<std::int64_t>(d) - 1;  // [0, 365]
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;        // [0, 146096]
  return era * 146097 + doe - 719468;
}

constexpr CivilDate civil_from_days(std::int64_t days) {
  const std::int64_t z = days + 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  // Within an era every quantity fits 32 unsigned bits: 32-bit division keeps
  // the widget's survey module small (wasm has no cheap 64-bit divide).
  const auto doe = static_cast<std::uint32_t>(z - era * 146097);                  // [0, 146096]
  const std::uint32_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  // [0, 399]
  const std::uint32_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);                // [0, 365]
  const std::uint32_t mp = (5 * doy + 2) / 153;                                    // [0, 11]
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2 ? 1 : 0);
  return CivilDate{static_cast<int>(y), m, d};
}

}  // namespace npskit
