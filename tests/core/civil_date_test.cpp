#include <catch2/catch.hpp>

#include <string>

#include "core/values/civil_date.hpp"

using namespace npskit;

namespace {
std::int64_t day(int y, unsigned m, unsigned d) { return days_from_civil(y, m, d); }
}  // namespace

TEST_CASE("civil: known day numbers", "[civil]") {
  CHECK(day(1970, 1, 1) == 0);
  CHECK(day(1969, 12, 31) == -1);
  CHECK(day(2000, 2, 29) == 11016);
  CHECK(day(2000, 3, 1) == 11017);
  CHECK(day(2024, 1, 1) == 19723);     // 1704067200 / 86400
  CHECK(day(2024, 1, 31) == 19753);
  CHECK(day(1960, 1, 1) == -3653);     // 10 years holding 3 leap days
  CHECK(day(1900, 1, 1) == -25567);
  CHECK(day(1600, 2, 29) == -135081);
  CHECK(day(1, 1, 1) == -719162);
  CHECK(day(9999, 12, 31) == 2932896);
}

TEST_CASE("civil: civil_from_days inverts days_from_civil", "[civil]") {
  const CivilDate c = civil_from_days(19753);
  CHECK(c.year == 2024);
  CHECK(c.month == 1u);
  CHECK(c.day == 31u);
  const CivilDate b = civil_from_days(-1);
  CHECK((b.year == 1969 && b.month == 12u && b.day == 31u));
  const CivilDate l = civil_from_days(-135081);
  CHECK((l.year == 1600 && l.month == 2u && l.day == 29u));

  // Round trip over every day from 1600 to 2400, checking each is the next one.
  std::int64_t expected = day(1600, 1, 1);
  for (int y = 1600; y <= 2400; ++y)
    for (unsigned m = 1; m <= 12; ++m)
      for (unsigned d = 1; d <= 31; ++d) {
        if (!is_valid_civil(y, m, d)) continue;
        const std::int64_t n = day(y, m, d);
        REQUIRE(n == expected++);
        const CivilDate back = civil_from_days(n);
        REQUIRE((back.year == y && back.month == m && back.day == d));
      }
}

TEST_CASE("civil: validity and leap years", "[civil]") {
  CHECK(is_valid_civil(2024, 2, 29));
  CHECK_FALSE(is_valid_civil(2023, 2, 29));
  CHECK(is_valid_civil(2000, 2, 29));   // divisible by 400
  CHECK_FALSE(is_valid_civil(1900, 2, 29));  // divisible by 100 only
  CHECK_FALSE(is_valid_civil(2100, 2, 29));
  CHECK(is_valid_civil(2024, 4, 30));
  CHECK_FALSE(is_valid_civil(2024, 4, 31));
  CHECK(is_valid_civil(2024, 12, 31));
  CHECK_FALSE(is_valid_civil(2024, 13, 1));
  CHECK_FALSE(is_valid_civil(2024, 0, 1));
  CHECK_FALSE(is_valid_civil(2024, 1, 0));
  CHECK_FALSE(is_valid_civil(2024, 1, 32));
}

TEST_CASE("civil: period names", "[civil]") {
  CHECK(parse_period("day") == Period::day);
  CHECK(parse_period("week") == Period::week);
  CHECK(parse_period("month") == Period::month);
  CHECK(parse_period("quarter") == Period::quarter);
  CHECK(parse_period("Month") == Period::month);
  CHECK(parse_period("QUARTER") == Period::quarter);
  CHECK_FALSE(parse_period("year"));
  CHECK_FALSE(parse_period(""));
  CHECK_FALSE(parse_period("months"));
  CHECK_FALSE(parse_period(" day"));
  for (Period p : {Period::day, Period::week, Period::month, Period::quarter})
    CHECK(parse_period(period_name(p)) == p);
  CHECK(period_name(Period::week) == "week");
}

TEST_CASE("civil: day and month and quarter labels and starts", "[civil]") {
  const std::int64_t d = day(2024, 1, 31);
  CHECK(period_label(d, Period::day) == "2024-01-31");
  CHECK(period_label(d, Period::month) == "2024-01");
  CHECK(period_label(d, Period::quarter) == "2024-Q1");
  CHECK(period_start(d, Period::day) == d);
  CHECK(period_start(d, Period::month) == day(2024, 1, 1));
  CHECK(period_start(d, Period::quarter) == day(2024, 1, 1));

  CHECK(period_label(day(2024, 3, 31), Period::quarter) == "2024-Q1");
  CHECK(period_label(day(2024, 4, 1), Period::quarter) == "2024-Q2");
  CHECK(period_label(day(2024, 9, 30), Period::quarter) == "2024-Q3");
  CHECK(period_label(day(2024, 12, 31), Period::quarter) == "2024-Q4");
  CHECK(period_start(day(2024, 8, 15), Period::quarter) == day(2024, 7, 1));
  CHECK(period_start(day(2024, 12, 31), Period::quarter) == day(2024, 10, 1));
  CHECK(period_start(day(2024, 2, 29), Period::month) == day(2024, 2, 1));
  CHECK(period_label(day(2024, 12, 5), Period::month) == "2024-12");
}

TEST_CASE("civil: ISO weeks and week-years", "[civil]") {
  // Hand-checked: weeks start Monday; week 1 holds the year's first Thursday.
  CHECK(period_label(day(2024, 1, 31), Period::week) == "2024-W05");
  CHECK(period_label(day(2024, 1, 1), Period::week) == "2024-W01");  // a Monday
  CHECK(period_label(day(2024, 12, 30), Period::week) == "2025-W01");
  CHECK(period_label(day(2021, 1, 3), Period::week) == "2020-W53");
  CHECK(period_label(day(2020, 12, 31), Period::week) == "2020-W53");
  CHECK(period_label(day(2026, 1, 1), Period::week) == "2026-W01");  // a Thursday
  CHECK(period_label(day(2008, 12, 29), Period::week) == "2009-W01");
  CHECK(period_label(day(2010, 1, 3), Period::week) == "2009-W53");
  CHECK(period_label(day(2015, 12, 31), Period::week) == "2015-W53");
  CHECK(period_label(day(2016, 1, 3), Period::week) == "2015-W53");   // a Sunday
  CHECK(period_label(day(2016, 1, 4), Period::week) == "2016-W01");   // the next Monday

  CHECK(period_start(day(2024, 1, 31), Period::week) == day(2024, 1, 29));
  CHECK(period_start(day(2024, 1, 29), Period::week) == day(2024, 1, 29));
  CHECK(period_start(day(2024, 2, 4), Period::week) == day(2024, 1, 29));  // Sunday
  CHECK(period_start(day(2021, 1, 3), Period::week) == day(2020, 12, 28));
}

TEST_CASE("civil: days before 1970 use floor arithmetic", "[civil]") {
  // 1970-01-01 is a Thursday, so its week began on Monday 1969-12-29 (day -3).
  CHECK(period_start(0, Period::week) == -3);
  CHECK(period_start(-1, Period::week) == -3);
  CHECK(period_start(-3, Period::week) == -3);
  CHECK(period_start(-4, Period::week) == -10);  // Sunday 1969-12-28
  CHECK(period_label(-1, Period::week) == "1970-W01");
  CHECK(period_label(-1, Period::day) == "1969-12-31");
  CHECK(period_label(day(1965, 6, 15), Period::week) == "1965-W24");
  CHECK(period_start(day(1965, 6, 15), Period::week) == day(1965, 6, 14));
  CHECK(period_start(day(1965, 6, 15), Period::quarter) == day(1965, 4, 1));
  CHECK(period_label(day(1965, 6, 15), Period::quarter) == "1965-Q2");
  CHECK(period_label(day(1, 1, 1), Period::day) == "0001-01-01");
  CHECK(period_label(day(0, 3, 1), Period::month) == "0000-03");
  CHECK(period_label(day(-1, 12, 31), Period::day) == "-0001-12-31");
}

TEST_CASE("civil: parse_iso_day", "[civil]") {
  CHECK(parse_iso_day("2024-01-31") == day(2024, 1, 31));
  CHECK(parse_iso_day("1970-01-01") == 0);
  CHECK(parse_iso_day("1969-12-31") == -1);
  CHECK(parse_iso_day("2024-02-29") == day(2024, 2, 29));
  for (const char* bad : {"", "2024-1-31", "2024-01-1", "24-01-31", "2024/01/31", "2024-02-30",
                          "2023-02-29", "2024-13-01", "2024-00-10", "2024-01-00", " 2024-01-31",
                          "2024-01-31 ", "2024-01-31T00:00", "2024-0a-31", "abcd-ef-gh",
                          "+024-01-31"}) {
    INFO(bad);
    CHECK_FALSE(parse_iso_day(bad));
  }
}
