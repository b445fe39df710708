#include <catch2/catch.hpp>

#include <optional>
#include <string>

#include "core/values/civil_date.hpp"
#include "core/values/datetime.hpp"

using namespace npskit;

namespace {

constexpr std::int64_t jan31_2024 = 1706659200;  // 2024-01-31T00:00:00 = day 19753 * 86400
constexpr std::int64_t jan31_140509 = jan31_2024 + 14 * 3600 + 5 * 60 + 9;  // 1706709909

// A naive (offset-free) parse; fails the test if the text is rejected.
std::int64_t naive(std::string_view text, DateOrder order = DateOrder::unknown) {
  const auto dt = parse_datetime(text, order, false);
  INFO(text);
  REQUIRE(dt);
  CHECK_FALSE(dt->has_offset);
  return dt->seconds;
}

bool rejected(std::string_view text, DateOrder order = DateOrder::unknown, bool allow_unix = true) {
  return !parse_datetime(text, order, allow_unix).has_value();
}

std::int64_t at(int y, unsigned m, unsigned d, int hh = 0, int mm = 0, int ss = 0) {
  return days_from_civil(y, m, d) * 86400 + hh * 3600 + mm * 60 + ss;
}

}  // namespace

TEST_CASE("datetime: ISO dates and date-times", "[datetime]") {
  CHECK(naive("2024-01-31") == jan31_2024);
  CHECK(naive("2024-01-31T14:05") == jan31_140509 - 9);
  CHECK(naive("2024-01-31T14:05:09") == jan31_140509);
  CHECK(naive("2024-01-31 14:05:09") == jan31_140509);
  CHECK(naive("2024-01-31 14:05") == jan31_140509 - 9);
  CHECK(naive("2024-01-31t14:05:09") == jan31_140509);
  CHECK(naive("2024-01-31 9:05") == at(2024, 1, 31, 9, 5));  // one-digit hour after a space
  CHECK(naive("2024-01-31  14:05:09") == jan31_140509);     // extra spaces between parts
  CHECK(naive("1970-01-01T00:00:00") == 0);
  CHECK(naive("1969-12-31T23:59:59") == -1);
  CHECK(naive("2024-02-29") == at(2024, 2, 29));
}

TEST_CASE("datetime: fractions are parsed and ignored", "[datetime]") {
  CHECK(naive("2024-01-31T14:05:09.1") == jan31_140509);
  CHECK(naive("2024-01-31T14:05:09.123") == jan31_140509);
  CHECK(naive("2024-01-31T14:05:09.123456") == jan31_140509);
  CHECK(naive("2024-01-31T14:05:09.123456789012345678") == jan31_140509);
  CHECK(naive("2024-01-31T14:05:09,5") == jan31_140509);
  CHECK(naive("2024-01-31 14:05:09.999") == jan31_140509);  // not rounded up
}

TEST_CASE("datetime: ISO offsets", "[datetime]") {
  auto dt = parse_datetime("2024-01-31T14:05:09Z", DateOrder::unknown, false);
  REQUIRE(dt);
  CHECK(dt->has_offset);
  CHECK(dt->offset_minutes == 0);
  CHECK(dt->seconds == jan31_140509);
  CHECK(dt->utc_seconds() == jan31_140509);

  dt = parse_datetime("2024-01-31T14:05:09+05:30", DateOrder::unknown, false);
  REQUIRE(dt);
  CHECK(dt->has_offset);
  CHECK(dt->offset_minutes == 330);
  CHECK(dt->seconds == jan31_140509);  // wall time as written
  CHECK(dt->utc_seconds() == 1706690109);

  dt = parse_datetime("2024-01-31T14:05:09-0800", DateOrder::unknown, false);
  REQUIRE(dt);
  CHECK(dt->offset_minutes == -480);
  CHECK(dt->utc_seconds() == 1706738709);

  dt = parse_datetime("2024-01-31T14:05:09.123456+05", DateOrder::unknown, false);
  REQUIRE(dt);
  CHECK(dt->offset_minutes == 300);

  dt = parse_datetime("2024-01-31T14:05-03:00", DateOrder::unknown, false);
  REQUIRE(dt);
  CHECK(dt->offset_minutes == -180);
  CHECK(dt->seconds == jan31_140509 - 9);

  dt = parse_datetime("2024-01-31 14:05:09 +0000", DateOrder::unknown, false);
  REQUIRE(dt);
  CHECK(dt->has_offset);
  CHECK(dt->offset_minutes == 0);

  dt = parse_datetime("2024-01-31 14:05:09 UTC", DateOrder::unknown, false);
  REQUIRE(dt);
  CHECK(dt->has_offset);
  CHECK(dt->offset_minutes == 0);

  dt = parse_datetime("2024-01-31T14:05:09z", DateOrder::unknown, false);
  REQUIRE(dt);
  CHECK(dt->has_offset);

  dt = parse_datetime("2024-01-31T14:05:09-00:00", DateOrder::unknown, false);
  REQUIRE(dt);
  CHECK(dt->has_offset);
  CHECK(dt->offset_minutes == 0);
}

TEST_CASE("datetime: year-first slash dates", "[datetime]") {
  CHECK(naive("2024/01/31") == jan31_2024);
  CHECK(naive("2024/1/5") == at(2024, 1, 5));
  CHECK(naive("2024/01/31 14:05") == jan31_140509 - 9);
  CHECK(naive("2024/01/31 14:05:09") == jan31_140509);
  CHECK(naive("2024/01/31 2:05:09 PM") == jan31_140509);
  // The order argument does not apply: the year comes first.
  CHECK(naive("2024/03/04", DateOrder::day_first) == at(2024, 3, 4));
}

TEST_CASE("datetime: month-first and day-first slash dates", "[datetime]") {
  CHECK(naive("01/31/2024") == jan31_2024);
  CHECK(naive("1/31/2024") == jan31_2024);
  CHECK(naive("03/04/2024") == at(2024, 3, 4));  // unknown = month first
  CHECK(naive("03/04/2024", DateOrder::month_first) == at(2024, 3, 4));
  CHECK(naive("03/04/2024", DateOrder::day_first) == at(2024, 4, 3));
  CHECK(naive("31/01/2024", DateOrder::day_first) == jan31_2024);
  CHECK(naive("1/5/2024 9:05") == at(2024, 1, 5, 9, 5));
  CHECK(naive("01/31/2024 14:05:09") == jan31_140509);
  CHECK(naive("01/31/2024 14:05") == jan31_140509 - 9);
  CHECK(naive("01/31/2024 02:05:09 PM") == jan31_140509);
  CHECK(naive("1/31/2024, 2:05:09 PM") == jan31_140509);  // JS toLocaleString (en-US)
  CHECK(naive("1/31/2024, 2:05:09\xE2\x80\xAFPM") == jan31_140509);  // ICU's U+202F before PM
  CHECK(naive("01/31/2024 2:05pm") == jan31_140509 - 9);
  CHECK(naive("31/01/2024 14:05:09", DateOrder::day_first) == jan31_140509);
  // A day that only exists one way round is rejected the other way.
  CHECK(rejected("31/01/2024", DateOrder::month_first));
  CHECK(rejected("31/01/2024", DateOrder::unknown));
  CHECK(rejected("01/31/2024", DateOrder::day_first));
}

TEST_CASE("datetime: AM and PM", "[datetime]") {
  CHECK(naive("01/31/2024 12:00 AM") == at(2024, 1, 31, 0, 0));    // midnight
  CHECK(naive("01/31/2024 12:30:15 AM") == at(2024, 1, 31, 0, 30, 15));
  CHECK(naive("01/31/2024 12:00 PM") == at(2024, 1, 31, 12, 0));   // noon
  CHECK(naive("01/31/2024 1:00 AM") == at(2024, 1, 31, 1, 0));
  CHECK(naive("01/31/2024 1:00 PM") == at(2024, 1, 31, 13, 0));
  CHECK(naive("01/31/2024 11:59:59 PM") == at(2024, 1, 31, 23, 59, 59));
  CHECK(naive("01/31/2024 11:59:59 am") == at(2024, 1, 31, 11, 59, 59));
  CHECK(naive("2024-01-31 2:05 PM") == at(2024, 1, 31, 14, 5));
  CHECK(naive("31.01.2024 2:05 PM") == at(2024, 1, 31, 14, 5));
  CHECK(rejected("01/31/2024 0:30 AM"));   // no hour 0 on a 12-hour clock
  CHECK(rejected("01/31/2024 13:00 PM"));
  CHECK(rejected("01/31/2024 13:00 AM"));
  CHECK(rejected("01/31/2024 11:00 XM"));
  CHECK(rejected("01/31/2024 11:00 P"));
  CHECK(rejected("01/31/2024 11:00 PM PM"));
  CHECK(rejected("2024-01-31T02:05 PM"));  // no AM/PM in the T form
}

TEST_CASE("datetime: dotted day-first dates", "[datetime]") {
  CHECK(naive("31.01.2024") == jan31_2024);
  CHECK(naive("31.01.2024 14:05") == jan31_140509 - 9);
  CHECK(naive("31.01.2024 14:05:09") == jan31_140509);
  CHECK(naive("31.01.2024, 14:05:09") == jan31_140509);  // JS toLocaleString (de-DE)
  CHECK(naive("5.1.2024") == at(2024, 1, 5));
  // Always day-first, whatever the column's slash order.
  CHECK(naive("03.04.2024", DateOrder::month_first) == at(2024, 4, 3));
  CHECK(rejected("01.31.2024"));
}

TEST_CASE("datetime: Unix times", "[datetime]") {
  auto dt = parse_datetime("1700000000", DateOrder::unknown, true);  // 2023-11-14T22:13:20Z
  REQUIRE(dt);
  CHECK(dt->seconds == 1700000000);
  CHECK(dt->has_offset);
  CHECK(dt->offset_minutes == 0);
  CHECK(dt->seconds == at(2023, 11, 14, 22, 13, 20));

  dt = parse_datetime("1700000000123", DateOrder::unknown, true);  // milliseconds
  REQUIRE(dt);
  CHECK(dt->seconds == 1700000000);
  CHECK(dt->has_offset);

  dt = parse_datetime("123456789", DateOrder::unknown, true);  // 9 digits: 1973-11-29T21:33:09Z
  REQUIRE(dt);
  CHECK(dt->seconds == at(1973, 11, 29, 21, 33, 9));

  dt = parse_datetime("170000000999", DateOrder::unknown, true);  // 12 digits of ms
  REQUIRE(dt);
  CHECK(dt->seconds == 170000000);  // 1975-05-22T14:13:20Z, the .999 dropped
  CHECK(dt->seconds == at(1975, 5, 22, 14, 13, 20));

  dt = parse_datetime(" 1700000000 ", DateOrder::unknown, true);
  REQUIRE(dt);
  CHECK(dt->seconds == 1700000000);

  // Not when disallowed, and not at other lengths (years, Excel serials, YYYYMMDD).
  CHECK(rejected("1700000000", DateOrder::unknown, false));
  CHECK(rejected("1700000000123", DateOrder::unknown, false));
  for (const char* bad : {"0", "45321", "2024", "20240131", "12345678901", "12345678901234",
                          "-1700000000", "+1700000000", "1700000000.5", "1.7e9"}) {
    INFO(bad);
    CHECK(rejected(bad));
  }
}

TEST_CASE("datetime: surrounding whitespace", "[datetime]") {
  CHECK(naive("  2024-01-31  ") == jan31_2024);
  CHECK(naive("\t2024-01-31T14:05:09\r\n") == jan31_140509);
  CHECK(naive("\xC2\xA0" "01/31/2024" "\xC2\xA0") == jan31_2024);
}

TEST_CASE("datetime: range validation", "[datetime]") {
  for (const char* bad : {"2024-13-01", "2024-00-10", "2024-01-00", "2024-01-32", "2024-02-30",
                          "2023-02-29", "2100-02-29", "2024-04-31", "2024-01-31T24:00",
                          "2024-01-31T24:00:00", "2024-01-31T23:60", "2024-01-31T23:59:61",
                          "2024-01-31T25:00", "13/01/2024", "00/10/2024", "12/00/2024",
                          "32.01.2024", "31.13.2024", "29.02.2023",
                          "2024-01-31T14:05+24:00", "2024-01-31T14:05+05:60"}) {
    INFO(bad);
    CHECK(rejected(bad));
  }
  CHECK(naive("2024-02-29") == at(2024, 2, 29));
  CHECK(naive("2000-02-29") == at(2000, 2, 29));
  CHECK(naive("2024-01-31T23:59:59") == at(2024, 1, 31, 23, 59, 59));
  CHECK(naive("2024-01-31T00:00") == jan31_2024);
}

TEST_CASE("datetime: a leap second counts as :59 of the same day", "[datetime]") {
  CHECK(naive("2016-12-31T23:59:60") == at(2016, 12, 31, 23, 59, 59));
  const auto dt = parse_datetime("2016-12-31T23:59:60Z", DateOrder::unknown, false);
  REQUIRE(dt);
  CHECK(bucket_day(*dt, std::nullopt) == days_from_civil(2016, 12, 31));
}

TEST_CASE("datetime: malformed text is rejected", "[datetime]") {
  for (const char* bad : {"", "   ", "yesterday", "n/a", "2024", "2024-01", "2024-1-31", "2024-01-1",
                          "24-01-31", "2024-01-31abc", "2024-01-31T", "2024-01-31T14",
                          "2024-01-31T14:5", "2024-01-31T14:05:9", "2024-01-31T9:05",
                          "2024-01-31T14:05:09.", "2024-01-31T14:05.5", "2024-01-31T14:05:09+",
                          "2024-01-31T14:05:09+5", "2024-01-31T14:05:09+05:3",
                          "2024-01-31T14:05:09+053", "2024-01-31T14:05:09 EST",
                          "2024-01-31Z", "2024-01-31 Z", "2024-01-31T14:05:09ZZ",
                          "03/04/24", "3/4/24 10:00", "31.01.24", "01-31-2024", "31-01-2024",
                          "2024/01/31T14:05", "01/31/2024T14:05", "01/31/2024 14:05 GMT+",
                          "01/31/2024 14:05 GMT+24", "01/31/2024 14:05 GMT+5:3", "01/31/2024 14:05 GMT 5",
                          "01/31/2024 14:05 PST", "01/31/2024 GMT+1", "2024.01.31", "2024/001/31", "001/31/2024",
                          "01/31/02024", "01/31/2024,14:05", "2024-01-31, 14:05",
                          "20240131T140509Z", "2024-W05-3", "14:05:09", "01/31/2024 14"}) {
    INFO(bad);
    CHECK(rejected(bad));
  }
  // An embedded NUL is not whitespace.
  CHECK(rejected(std::string_view("2024-01-31\0", 11)));
}

TEST_CASE("datetime: the date order sniffer", "[datetime]") {
  SECTION("undecided without evidence") {
    DateOrderSniffer s;
    CHECK(s.order() == DateOrder::unknown);
    s.observe("03/04/2024");
    s.observe("12/12/2024 10:00");
    s.observe("2024-01-31");
    s.observe("31.01.2024");  // dotted dates are always day-first: no evidence for slashes
    s.observe("");
    CHECK(s.order() == DateOrder::unknown);
  }
  SECTION("a first component > 12 means day-first") {
    DateOrderSniffer s;
    s.observe("03/04/2024");
    s.observe("31/01/2024 14:05");
    CHECK(s.order() == DateOrder::day_first);
  }
  SECTION("a second component > 12 means month-first") {
    DateOrderSniffer s;
    s.observe(" 1/31/2024, 2:05 PM");
    s.observe("03/04/2024");
    CHECK(s.order() == DateOrder::month_first);
  }
  SECTION("contradictory evidence is unknown") {
    DateOrderSniffer s;
    s.observe("31/01/2024");
    s.observe("01/31/2024");
    CHECK(s.order() == DateOrder::unknown);
  }
  SECTION("junk and non-slash values are ignored") {
    DateOrderSniffer s;
    s.observe("13/13/2024");   // both > 12: neither order
    s.observe("32/01/2024");   // no month or day 32
    s.observe("00/13/2024");
    s.observe("2024/01/31");   // year first
    s.observe("13/01/2024abc");
    s.observe("13.01.2024");
    CHECK(s.order() == DateOrder::unknown);
    s.observe("13/01/2024");
    CHECK(s.order() == DateOrder::day_first);
  }
}

TEST_CASE("datetime: bucket_day", "[datetime]") {
  const std::int64_t jan31 = days_from_civil(2024, 1, 31);
  SECTION("a naive value counts as written, whatever the view offset") {
    const auto dt = parse_datetime("2024-01-31T23:30", DateOrder::unknown, false);
    REQUIRE(dt);
    CHECK(bucket_day(*dt, std::nullopt) == jan31);
    CHECK(bucket_day(*dt, 600) == jan31);
    CHECK(bucket_day(*dt, -600) == jan31);
  }
  SECTION("a value with an offset counts by its UTC instant") {
    // 23:30 at -02:00 is 01:30 UTC on Feb 1.
    const auto dt = parse_datetime("2024-01-31T23:30:00-02:00", DateOrder::unknown, false);
    REQUIRE(dt);
    CHECK(bucket_day(*dt, std::nullopt) == jan31 + 1);
    CHECK(bucket_day(*dt, 0) == jan31 + 1);
    CHECK(bucket_day(*dt, -300) == jan31);        // 20:30 at -05:00
    CHECK(bucket_day(*dt, 23 * 60) == jan31 + 2);  // 00:30 on Feb 2 at +23:00
  }
  SECTION("Unix times are UTC") {
    const auto dt = parse_datetime("1700000000", DateOrder::unknown, true);  // 22:13:20Z
    REQUIRE(dt);
    CHECK(bucket_day(*dt, std::nullopt) == days_from_civil(2023, 11, 14));
    CHECK(bucket_day(*dt, 330) == days_from_civil(2023, 11, 15));  // 03:43:20 at +05:30
  }
  SECTION("floor division before 1970") {
    CHECK(bucket_day(DateTime{-1, false, 0}, std::nullopt) == -1);
    CHECK(bucket_day(DateTime{-86400, false, 0}, std::nullopt) == -1);
    CHECK(bucket_day(DateTime{-86401, false, 0}, std::nullopt) == -2);
    const auto dt = parse_datetime("1970-01-01T00:30+01:00", DateOrder::unknown, false);  // -1800 UTC
    REQUIRE(dt);
    CHECK(bucket_day(*dt, std::nullopt) == -1);
    CHECK(bucket_day(*dt, 60) == 0);
    const auto old = parse_datetime("1965-06-15 14:05:09", DateOrder::unknown, false);
    REQUIRE(old);
    CHECK(old->seconds == -143459691);
    CHECK(bucket_day(*old, std::nullopt) == days_from_civil(1965, 6, 15));
  }
}

TEST_CASE("datetime: parse_utc_offset", "[datetime]") {
  CHECK(parse_utc_offset("+05:30") == 330);
  CHECK(parse_utc_offset("-08:00") == -480);
  CHECK(parse_utc_offset("+0530") == 330);
  CHECK(parse_utc_offset("-0800") == -480);
  CHECK(parse_utc_offset("Z") == 0);
  CHECK(parse_utc_offset("z") == 0);
  CHECK(parse_utc_offset("0") == 0);
  CHECK(parse_utc_offset("UTC") == 0);
  CHECK(parse_utc_offset("+05") == 300);
  CHECK(parse_utc_offset("+5") == 300);
  CHECK(parse_utc_offset("-3") == -180);
  CHECK(parse_utc_offset("+5:30") == 330);
  CHECK(parse_utc_offset("+00:00") == 0);
  CHECK(parse_utc_offset("-00:00") == 0);
  CHECK(parse_utc_offset("+14:00") == 840);
  CHECK(parse_utc_offset("-12:00") == -720);
  CHECK(parse_utc_offset(" +01:00 ") == 60);
  for (const char* bad : {"", "05:30", "0530", "+", "-", "+5:3", "+05:3", "+530", "+053",
                          "+05:60", "+24:00", "+123", "+05:30:00", "UTC+1", "GMT", "00",
                          "+ 05:00", "+05 :30", "abc", "Z0"}) {
    INFO(bad);
    CHECK_FALSE(parse_utc_offset(bad));
  }
}

TEST_CASE("datetime: zones after the time in every form (Google Forms GMT+h, UTC, Z)", "[datetime][zones]") {
  auto utc = [](std::string_view text, DateOrder order = DateOrder::unknown) {
    auto dt = parse_datetime(text, order, false);
    REQUIRE(dt);
    CHECK(dt->has_offset);
    return dt->utc_seconds();
  };
  // Google Forms' CSV: year first, 12-hour clock, the form owner's zone.
  CHECK(utc("2025/03/04 5:06:07 PM GMT+1") == at(2025, 3, 4, 16, 6, 7));
  CHECK(utc("2025/03/04 5:06:07 PM GMT-5") == at(2025, 3, 4, 22, 6, 7));
  CHECK(utc("2025/03/04 5:06:07 AM GMT+5:30") == at(2025, 3, 3, 23, 36, 7));
  CHECK(utc("2025/03/04 5:06:07 PM GMT") == at(2025, 3, 4, 17, 6, 7));
  CHECK(utc("2025/03/04 12:30:00 AM GMT+10") == at(2025, 3, 3, 14, 30, 0));
  // UTC / Z suffixes on ISO and slash dates.
  CHECK(utc("2025-03-04 17:06:07 UTC") == at(2025, 3, 4, 17, 6, 7));
  CHECK(utc("2025-03-04 17:06:07 UTC+2") == at(2025, 3, 4, 15, 6, 7));
  CHECK(utc("3/4/2025 17:06:07 UTC") == at(2025, 3, 4, 17, 6, 7));
  CHECK(utc("3/4/2025 17:06:07Z") == at(2025, 3, 4, 17, 6, 7));
  CHECK(utc("4/3/2025 5:06 PM +01:00", DateOrder::day_first) == at(2025, 3, 4, 16, 6));
  // The wall time and the offset written are kept.
  auto dt = parse_datetime("2025/03/04 5:06:07 PM GMT+5:30", DateOrder::unknown, false);
  REQUIRE(dt);
  CHECK(dt->seconds == at(2025, 3, 4, 17, 6, 7));
  CHECK(dt->offset_minutes == 330);
  // A month that differs by zone: 00:20 on 1 March in Berlin is February in UTC.
  CHECK(bucket_day(*parse_datetime("2025/03/01 12:20:00 AM GMT+1", DateOrder::unknown, false), std::nullopt) ==
        days_from_civil(2025, 2, 28));
}

TEST_CASE("datetime: two-digit years only when the column says so (Microsoft Forms 3/4/25)", "[datetime][two-digit]") {
  CHECK_FALSE(parse_datetime("3/4/25 17:06:07", DateOrder::unknown, false));
  auto dt = parse_datetime("3/4/25 17:06:07", DateOrder::unknown, false, true);
  REQUIRE(dt);
  CHECK(dt->seconds == at(2025, 3, 4, 17, 6, 7));
  CHECK_FALSE(dt->has_offset);
  CHECK(parse_datetime("4/3/25 17:06", DateOrder::day_first, false, true)->seconds == at(2025, 3, 4, 17, 6));
  CHECK(parse_datetime("12/31/99", DateOrder::unknown, false, true)->seconds == at(1999, 12, 31));
  CHECK(parse_datetime("1/1/69", DateOrder::unknown, false, true)->seconds == at(2069, 1, 1));
  // Four-digit years still read; three digits never; ISO never takes two digits.
  CHECK(parse_datetime("3/4/2025", DateOrder::unknown, false, true)->seconds == at(2025, 3, 4));
  CHECK_FALSE(parse_datetime("3/4/202", DateOrder::unknown, false, true));
  CHECK_FALSE(parse_datetime("25-03-04", DateOrder::unknown, false, true));
  CHECK_FALSE(parse_datetime("3/4/25x", DateOrder::unknown, false, true));

  SECTION("the sniffer decides it per column, with the day/month order") {
    DateOrderSniffer s;
    s.observe("3/4/25 17:06:07");
    s.observe("3/14/25 9:00:00");
    CHECK(s.two_digit_years());
    CHECK(s.order() == DateOrder::month_first);
    s.observe("3/15/2025 9:00:00");  // one four-digit year: the column is not a two-digit one
    CHECK_FALSE(s.two_digit_years());
    DateOrderSniffer day_first;
    day_first.observe("13/01/24");
    CHECK(day_first.order() == DateOrder::day_first);
    CHECK(day_first.two_digit_years());
  }
}

TEST_CASE("datetime: spreadsheet serial dates", "[datetime][serial]") {
  CHECK(parse_spreadsheet_serial("45720")->seconds == at(2025, 3, 4));
  CHECK(parse_spreadsheet_serial("25569")->seconds == at(1970, 1, 1));
  CHECK(parse_spreadsheet_serial("45720.5")->seconds == at(2025, 3, 4, 12, 0, 0));
  CHECK(parse_spreadsheet_serial(" 45720.7125 ")->seconds == at(2025, 3, 4, 17, 6, 0));
  CHECK(parse_spreadsheet_serial("45720.99999999")->seconds == at(2025, 3, 4, 23, 59, 59));  // stays in its day
  CHECK_FALSE(parse_spreadsheet_serial("45720.5")->has_offset);
  for (const char* bad : {"", "9", "1234", "19999", "80000", "123456", "45720.", "45720,5", "-45720", "4572O", "2025-03-04"}) {
    INFO(bad);
    CHECK_FALSE(parse_spreadsheet_serial(bad));
  }
  DateColumnFormat serial;
  serial.numbers = DateColumnFormat::Numbers::spreadsheet_serial;
  CHECK(parse_date_cell("45720", serial)->seconds == at(2025, 3, 4));
  CHECK_FALSE(parse_date_cell("45720", DateColumnFormat{}));  // not without the column's say-so
}

TEST_CASE("datetime: month names (Jotform, e-mail and JavaScript dates, DD-MON-YY)", "[datetime]") {
  CHECK(naive("Jul 21, 2024") == at(2024, 7, 21));
  CHECK(naive("July 21 2024") == at(2024, 7, 21));
  CHECK(naive("jul. 21, 2024") == at(2024, 7, 21));
  CHECK(naive("Sept 3, 2024") == at(2024, 9, 3));
  CHECK(naive("21 Jul 2024") == at(2024, 7, 21));
  CHECK(naive("21 July, 2024") == at(2024, 7, 21));
  CHECK(naive("21-Jul-2024") == at(2024, 7, 21));
  CHECK(naive("21-JUL-24") == at(2024, 7, 21));
  CHECK(naive("21-Jul-75") == at(1975, 7, 21));
  CHECK(naive("May 5, 2024 2:05 PM") == at(2024, 5, 5, 14, 5));
  CHECK(naive("Jul 21, 2024, 10:15:22") == at(2024, 7, 21, 10, 15, 22));
  CHECK(naive("Sunday, July 21, 2024") == at(2024, 7, 21));
  // Weekday forms carry their zone: e-mail / HTTP dates and Date.toString.
  const auto mail = parse_datetime("Mon, 22 Jul 2024 10:00:00 GMT", DateOrder::unknown, false);
  REQUIRE(mail);
  CHECK(mail->has_offset);
  CHECK(mail->utc_seconds() == at(2024, 7, 22, 10));
  const auto js = parse_datetime("Tue Mar 05 2024 14:00:00 GMT+0100 (Central European Standard Time)", DateOrder::unknown, false);
  REQUIRE(js);
  CHECK(js->utc_seconds() == at(2024, 3, 5, 13));
  const auto rfc = parse_datetime("Tue, 05 Mar 2024 14:00:00 +0000", DateOrder::unknown, false);
  REQUIRE(rfc);
  CHECK(rfc->utc_seconds() == at(2024, 3, 5, 14));

  // Not dates: no day, no year, a 3-digit year, an impossible day, text after it,
  // a word that is neither a weekday nor a month, a name too short to be a month.
  CHECK(rejected("Mar 2024"));
  CHECK(rejected("Jul 21"));
  CHECK(rejected("21-Jul-202"));
  CHECK(rejected("Feb 30, 2024"));
  CHECK(rejected("May 5, 2024 was great"));
  CHECK(rejected("Great 21 Jul 2024x"));
  CHECK(rejected("Ju 21, 2024"));
  CHECK(rejected("Julyy 21, 2024"));
  CHECK(rejected("21 Jul 20245"));
  CHECK(rejected("Tue Mar 05 2024 14:00:00 GMT+0100 (unclosed"));
}

TEST_CASE("datetime: the word-at-a-time ISO reader equals the fixed-position reference on every one-byte change", "[datetime][iso-fast]") {
  // The three shapes it reads itself (19, 20 and 25 bytes) and neighbours it must
  // hand over: each byte of each template replaced by every byte value, so every
  // digit, separator, range and length check is crossed at every position.
  const char* templates[] = {"2024-02-29T23:59:60+05:30", "1999-12-31 00:00:00Z", "2023-02-28T12:34:56", "2000-01-01T00:00:00-23:59",
                             "2024-01-31T14:05:09.123Z", "2024-01-31T14:05+0530", "0000-03-01T10:00:00Z", "9999-12-31T23:59:59+00:00"};
  std::size_t compared = 0, read = 0;
  for (const std::string base : templates) {
    for (std::size_t i = 0; i < base.size(); ++i) {
      for (int b = 0; b < 256; ++b) {
        std::string t = base;
        t[i] = static_cast<char>(b);
        const auto fast = parse_iso_fast(t), reference = parse_iso_fixed(t);
        INFO(t);
        REQUIRE(fast == reference);
        ++compared;
        read += fast.has_value();
      }
    }
    for (std::size_t cut = 0; cut <= base.size(); ++cut) REQUIRE(parse_iso_fast(base.substr(0, cut)) == parse_iso_fixed(base.substr(0, cut)));
  }
  CHECK(compared > 40'000);
  CHECK(read > 500);  // most changes break the text; enough are still dates to compare values
  // And the values themselves, computed by hand (days_from_civil is tested on its own).
  CHECK(parse_iso_fast("2024-02-29T23:59:60+05:30") == DateTime{at(2024, 2, 29, 23, 59, 59), true, 330});
  CHECK(parse_iso_fast("2000-01-01T00:00:00-23:59") == DateTime{946684800, true, -(23 * 60 + 59)});
  CHECK(parse_iso_fast("2024-01-31 14:05:09Z") == DateTime{jan31_140509, true, 0});
  CHECK(parse_iso_fast("2024-01-31T14:05:09") == DateTime{jan31_140509, false, 0});
  CHECK_FALSE(parse_iso_fast("2023-02-29T00:00:00"));  // not a leap year
  CHECK_FALSE(parse_iso_fast("1900-02-29T00:00:00"));  // divisible by 100, not by 400
  CHECK(parse_iso_fast("1600-02-29T00:00:00"));        // divisible by 400
  // Years change between rows (the reader keeps the last year's first day).
  for (int y : {2024, 2023, 2024, 1970, 1969, 0, 9999, 2024})
    CHECK(parse_iso_fast(std::to_string(10000 + y).substr(1) + "-03-01T00:00:00") == DateTime{at(y, 3, 1), false, 0});
}
