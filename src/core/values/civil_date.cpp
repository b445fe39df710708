#include "core/values/civil_date.hpp"

#include <cstddef>

#include "core/values/ascii.hpp"
#include "core/values/civil_days.hpp"

namespace npskit {
namespace {

// Floor division and modulo: days before 1970 are negative and must still fall
// into the right week.
constexpr std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  const std::int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}
constexpr std::int64_t floor_mod(std::int64_t a, std::int64_t b) { return a - floor_div(a, b) * b; }

constexpr bool is_leap(std::int64_t y) { return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0); }

constexpr unsigned last_day_of_month(std::int64_t y, unsigned m) {
  constexpr unsigned char days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29u : days[m - 1];
}

// 0 = Monday .. 6 = Sunday; 1970-01-01 was a Thursday (3).
constexpr std::int64_t weekday_from_monday(std::int64_t days) { return floor_mod(days + 3, 7); }

constexpr bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Small fixed-size text builder: labels are short, so no reallocation games.
struct LabelBuffer {
  char text[32];
  std::size_t size = 0;

  void put(char c) { text[size++] = c; }
  void put_padded(std::int64_t value, int width) {
    char digits[24];
    int n = 0;
    std::uint64_t v = static_cast<std::uint64_t>(value);
    do {
      digits[n++] = static_cast<char>('0' + v % 10);
      v /= 10;
    } while (v != 0);
    for (int i = n; i < width; ++i) put('0');
    while (n > 0) put(digits[--n]);
  }
  // Years take at least four digits; negative (astronomical) years get a leading '-'.
  void put_year(std::int64_t year) {
    if (year < 0) {
      put('-');
      year = -year;
    }
    put_padded(year, 4);
  }
  std::string str() const { return std::string(text, size); }
};

}  // namespace

bool is_valid_civil(int y, unsigned m, unsigned d) {
  return m >= 1 && m <= 12 && d >= 1 && d <= last_day_of_month(y, m);
}

std::optional<Period> parse_period(std::string_view name) {
  // Case-insensitive so "--period Month" works; the canonical names are lower case.
  if (equals_ascii_nocase(name, "day")) return Period::day;
  if (equals_ascii_nocase(name, "week")) return Period::week;
  if (equals_ascii_nocase(name, "month")) return Period::month;
  if (equals_ascii_nocase(name, "quarter")) return Period::quarter;
  return std::nullopt;
}

std::string_view period_name(Period p) {
  switch (p) {
    case Period::day: return "day";
    case Period::week: return "week";
    case Period::month: return "month";
    case Period::quarter: return "quarter";
  }
  return "day";
}

std::int64_t period_start(std::int64_t days, Period p) {
  switch (p) {
    case Period::day: return days;
    case Period::week: return days - weekday_from_monday(days);
    case Period::month: {
      const CivilDate c = civil_from_days(days);
      return days_from_civil(c.year, c.month, 1);
    }
    case Period::quarter: {
      const CivilDate c = civil_from_days(days);
      return days_from_civil(c.year, (c.month - 1) / 3 * 3 + 1, 1);
    }
  }
  return days;
}

std::string period_label(std::int64_t days, Period p) {
  LabelBuffer out;
  switch (p) {
    case Period::day: {
      const CivilDate c = civil_from_days(days);
      out.put_year(c.year);
      out.put('-');
      out.put_padded(c.month, 2);
      out.put('-');
      out.put_padded(c.day, 2);
      break;
    }
    case Period::week: {
      // The ISO week-year is the calendar year of the week's Thursday, and week 1 is
      // the week holding that year's first Thursday.
      const std::int64_t thursday = period_start(days, Period::week) + 3;
      const int week_year = civil_from_days(thursday).year;
      const std::int64_t week = (thursday - days_from_civil(week_year, 1, 1)) / 7 + 1;
      out.put_year(week_year);
      out.put('-');
      out.put('W');
      out.put_padded(week, 2);
      break;
    }
    case Period::month: {
      const CivilDate c = civil_from_days(days);
      out.put_year(c.year);
      out.put('-');
      out.put_padded(c.month, 2);
      break;
    }
    case Period::quarter: {
      const CivilDate c = civil_from_days(days);
      out.put_year(c.year);
      out.put('-');
      out.put('Q');
      out.put(static_cast<char>('1' + (c.month - 1) / 3));
      break;
    }
  }
  return out.str();
}

std::optional<std::int64_t> parse_iso_day(std::string_view text) {
  // Exactly YYYY-MM-DD: it names filter bounds, so no leniency.
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
    if (!is_digit(text[i])) return std::nullopt;
  auto num = [&](std::size_t at, std::size_t len) {
    int v = 0;
    for (std::size_t i = at; i < at + len; ++i) v = v * 10 + (text[i] - '0');
    return v;
  };
  const int y = num(0, 4);
  const unsigned m = static_cast<unsigned>(num(5, 2));
  const unsigned d = static_cast<unsigned>(num(8, 2));
  if (!is_valid_civil(y, m, d)) return std::nullopt;
  return days_from_civil(y, m, d);
}

}  // namespace npskit
