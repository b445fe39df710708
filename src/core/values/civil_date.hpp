#pragma once
// Calendar arithmetic on days since 1970-01-01 (proleptic Gregorian), and the
// period buckets of a trend: day, ISO week, month, quarter.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/values/civil_days.hpp"  // CivilDate, days_from_civil, civil_from_days

namespace npskit {

bool is_valid_civil(int y, unsigned m, unsigned d);

enum class Period { day, week, month, quarter };
std::optional<Period> parse_period(std::string_view name);  // "day" "week" "month" "quarter" (ASCII case-insensitive)
std::string_view period_name(Period p);

// The first day of the period holding `days` (weeks start on Monday, ISO 8601).
std::int64_t period_start(std::int64_t days, Period p);
// The label of the period holding `days`: "2024-01-31", "2024-W05" (ISO week-year),
// "2024-01", "2024-Q1". Years are zero-padded to 4 digits; negative years get a '-'.
std::string period_label(std::int64_t days, Period p);
// "2024-01-31" -> days; nullopt if malformed. Strict: exactly YYYY-MM-DD, a real
// calendar day, no surrounding whitespace.
std::optional<std::int64_t> parse_iso_day(std::string_view text);

}  // namespace npskit
