#include "core/values/datetime.hpp"

#include <algorithm>
#include <bit>
#include <cstring>
#include <cstddef>
#include <cstdio>
#include <cstdlib>

#include "core/values/civil_date.hpp"
#include "core/values/pattern16.hpp"
#include "core/values/trim.hpp"

namespace npskit {
namespace {

constexpr std::int64_t seconds_per_day = 86400;

constexpr bool is_digit(char c) { return c >= '0' && c <= '9'; }

// 24 -> 2024, 69 -> 2069, 70 -> 1970: the pivot of Excel and most spreadsheets.
constexpr int expand_two_digit_year(int yy) { return yy < 70 ? 2000 + yy : 1900 + yy; }

// A forward-only reader over a trimmed cell.
struct Cursor {
  std::string_view s;
  std::size_t i = 0;

  bool done() const { return i == s.size(); }
  bool at(char c) const { return i < s.size() && s[i] == c; }
  bool eat(char c) {
    if (!at(c)) return false;
    ++i;
    return true;
  }
  // Reads min..max digits into `value`; false (nothing consumed) if fewer than min.
  bool digits(int min, int max, int& value) {
    std::size_t j = i;
    int v = 0;
    while (j < s.size() && static_cast<int>(j - i) < max && is_digit(s[j])) v = v * 10 + (s[j++] - '0');
    if (static_cast<int>(j - i) < min) return false;
    value = v;
    i = j;
    return true;
  }
  // Skips spaces, tabs and no-break spaces inside the cell; returns how many bytes.
  std::size_t skip_space() {
    const std::size_t from = i;
    for (;;) {
      if (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
      else if (const std::size_t k = nbsp_length_front(s.substr(i))) i += k;
      else return i - from;
    }
  }
};

enum class DateForm { iso, year_slash, slash, dotted, named };

struct ParsedDate {
  std::int64_t days;
  DateForm form;
};

// The date part of any non-Unix form, validated against the calendar.
std::optional<ParsedDate> parse_date(Cursor& c, DateOrder order, bool two_digit_years) {
  int first = 0, second = 0, third = 0;
  const std::size_t start = c.i;
  if (!c.digits(1, 4, first)) return std::nullopt;
  const std::size_t width = c.i - start;
  if (width == 3) return std::nullopt;  // neither a year nor a day/month
  const bool four = width == 4;

  int y = 0, m = 0, d = 0;
  DateForm form;
  if (four && c.eat('-')) {  // ISO: strictly YYYY-MM-DD
    if (!c.digits(2, 2, second) || !c.eat('-') || !c.digits(2, 2, third)) return std::nullopt;
    y = first, m = second, d = third, form = DateForm::iso;
  } else if (four && c.eat('/')) {  // YYYY/M/D
    if (!c.digits(1, 2, second) || !c.eat('/') || !c.digits(1, 2, third)) return std::nullopt;
    y = first, m = second, d = third, form = DateForm::year_slash;
  } else if (!four && c.eat('/')) {  // M/D/YYYY or D/M/YYYY; M/D/YY only when the column says so
    if (!c.digits(1, 2, second) || !c.eat('/')) return std::nullopt;
    if (!c.digits(4, 4, y)) {
      if (!two_digit_years || !c.digits(2, 2, y) || (!c.done() && is_digit(c.s[c.i]))) return std::nullopt;
      y = expand_two_digit_year(y);
    }
    const bool day_first = order == DateOrder::day_first;
    m = day_first ? second : first;
    d = day_first ? first : second;
    form = DateForm::slash;
  } else if (!four && c.eat('.')) {  // D.M.YYYY, always day-first
    if (!c.digits(1, 2, second) || !c.eat('.') || !c.digits(4, 4, y)) return std::nullopt;
    d = first, m = second, form = DateForm::dotted;
  } else {
    return std::nullopt;
  }
  if (!is_valid_civil(y, static_cast<unsigned>(m), static_cast<unsigned>(d))) return std::nullopt;
  return ParsedDate{days_from_civil(y, static_cast<unsigned>(m), static_cast<unsigned>(d)), form};
}

// English month names, full or abbreviated ("Sept" too), any case, an optional
// '.' after an abbreviation: 1..12, or 0 (nothing consumed) if none.
int read_month_name(Cursor& c) {
  static constexpr std::string_view kMonths[] = {"january", "february", "march",     "april",   "may",      "june",
                                                 "july",    "august",   "september", "october", "november", "december"};
  std::size_t j = c.i;
  while (j < c.s.size() && ((c.s[j] | 0x20) >= 'a' && (c.s[j] | 0x20) <= 'z')) ++j;
  const std::size_t len = j - c.i;
  if (len < 3) return 0;
  for (int m = 0; m < 12; ++m) {
    const auto name = kMonths[m];
    if (len > name.size()) continue;
    bool same = true;
    for (std::size_t k = 0; k < len && same; ++k) same = (c.s[c.i + k] | 0x20) == name[k];
    // The whole name, its 3-letter abbreviation, or "Sept".
    if (same && (len == name.size() || len == 3 || (m == 8 && len == 4))) {
      c.i = j;
      if (len < name.size()) c.eat('.');
      return m + 1;
    }
  }
  return 0;
}

// Dates with the month written as a word, as exports made for people show them:
//   "Jul 21, 2024", "July 21 2024", "21 Jul 2024", "21-Jul-2024", "21-Jul-24",
// optionally after a weekday ("Sunday, July 21, 2024", "Mon, 21 Jul 2024" as in
// e-mail and HTTP dates, "Tue Mar 05 2024" as JavaScript's Date.toString writes).
// The month word makes the order unambiguous; a two-digit year only in the
// dashed form (Excel and Oracle's DD-MON-YY), with the usual 1970 pivot.
std::optional<ParsedDate> parse_named_date(Cursor& c) {
  // A weekday: a word that is not a month, then ',' and/or spaces.
  if (c.i < c.s.size() && (c.s[c.i] | 0x20) >= 'a' && (c.s[c.i] | 0x20) <= 'z') {
    Cursor probe = c;
    if (read_month_name(probe) == 0) {
      std::size_t j = c.i;
      while (j < c.s.size() && ((c.s[j] | 0x20) >= 'a' && (c.s[j] | 0x20) <= 'z')) ++j;
      if (j - c.i < 3 || j - c.i > 9) return std::nullopt;
      c.i = j;
      c.eat('.');
      c.eat(',');
      if (c.skip_space() == 0) return std::nullopt;
    }
  }
  int y = 0, m = 0, d = 0;
  if ((m = read_month_name(c)) != 0) {  // Month D[,] YYYY
    if (c.skip_space() == 0 || !c.digits(1, 2, d)) return std::nullopt;
    c.eat(',');
    if (c.skip_space() == 0 || !c.digits(4, 4, y)) return std::nullopt;
  } else {
    if (!c.digits(1, 2, d)) return std::nullopt;
    if (c.eat('-')) {  // D-Mon-YYYY or D-Mon-YY
      if ((m = read_month_name(c)) == 0 || !c.eat('-')) return std::nullopt;
      const std::size_t at = c.i;
      if (!c.digits(2, 4, y) || c.i - at == 3) return std::nullopt;
      if (c.i - at == 2) y = expand_two_digit_year(y);
    } else {  // D Month[,] YYYY
      if (c.skip_space() == 0 || (m = read_month_name(c)) == 0) return std::nullopt;
      c.eat(',');
      if (c.skip_space() == 0 || !c.digits(4, 4, y)) return std::nullopt;
    }
  }
  if (!c.done() && is_digit(c.s[c.i])) return std::nullopt;
  if (!is_valid_civil(y, static_cast<unsigned>(m), static_cast<unsigned>(d))) return std::nullopt;
  return ParsedDate{days_from_civil(y, static_cast<unsigned>(m), static_cast<unsigned>(d)), DateForm::named};
}

// Reads " AM" / "pm" (case-insensitive) if present: 0 none, 1 AM, 2 PM.
int parse_meridiem(Cursor& c) {
  if (c.i + 2 > c.s.size()) return 0;
  const char a = c.s[c.i], m = c.s[c.i + 1];
  if (m != 'm' && m != 'M') return 0;
  const int kind = (a == 'a' || a == 'A') ? 1 : (a == 'p' || a == 'P') ? 2 : 0;
  if (kind != 0) c.i += 2;
  return kind;
}

// An offset inside a cell: Z, ±hh, ±hhmm, ±hh:mm (hours 00-23, minutes 00-59), or
// UTC / GMT alone or followed by ±h[h][:mm] (Google Forms: "GMT+1", "GMT-5", "GMT+5:30").
std::optional<int> parse_cell_offset(Cursor& c) {
  if (c.eat('Z') || c.eat('z')) return 0;
  bool named = false;
  if (c.s.substr(c.i, 3) == "UTC" || c.s.substr(c.i, 3) == "GMT") {
    c.i += 3;
    if (c.done()) return 0;
    named = true;
  }
  const int sign = c.eat('+') ? 1 : c.eat('-') ? -1 : 0;
  if (sign == 0) return std::nullopt;
  int h = 0, m = 0;
  if (!c.digits(named ? 1 : 2, 2, h)) return std::nullopt;
  if (c.eat(':')) {
    if (!c.digits(2, 2, m)) return std::nullopt;
  } else {
    c.digits(2, 2, m);  // optional minutes in basic format
  }
  if (h > 23 || m > 59) return std::nullopt;
  return sign * (h * 60 + m);
}

struct TimeOfDay {
  std::int64_t seconds;
  bool has_offset;
  int offset_minutes;
};

// The time part after the date, up to the end of the cell. `t_form` is true after
// an ISO 'T' (2-digit hour, no AM/PM).
std::optional<TimeOfDay> parse_time(Cursor& c, bool t_form, bool offsets_allowed) {
  int h = 0, mi = 0, se = 0;
  if (!c.digits(t_form ? 2 : 1, 2, h) || !c.eat(':') || !c.digits(2, 2, mi)) return std::nullopt;
  if (c.eat(':')) {
    if (!c.digits(2, 2, se)) return std::nullopt;
    if (c.at('.') || c.at(',')) {  // fraction: any number of digits, parsed but unused
      ++c.i;
      int ignored = 0;
      if (!c.digits(1, 1, ignored)) return std::nullopt;
      while (!c.done() && is_digit(c.s[c.i])) ++c.i;
    }
  }
  c.skip_space();

  TimeOfDay out{0, false, 0};
  const int meridiem = t_form ? 0 : parse_meridiem(c);
  if (meridiem != 0) {
    if (h < 1 || h > 12) return std::nullopt;
    h = h % 12 + (meridiem == 2 ? 12 : 0);  // 12 AM = 00, 12 PM = 12
    c.skip_space();
  }
  if (offsets_allowed && !c.done()) {
    const auto offset = parse_cell_offset(c);
    if (!offset) return std::nullopt;
    out.has_offset = true;
    out.offset_minutes = *offset;
  }
  if (!c.done()) return std::nullopt;
  // 24:00 is rejected; a leap second :60 counts as :59 so it stays in its minute and day.
  if (h > 23 || mi > 59 || se > 60) return std::nullopt;
  if (se == 60) se = 59;
  out.seconds = h * 3600LL + mi * 60LL + se;
  return out;
}

// Digits only: Unix seconds (9-10 digits) or milliseconds (12-13 digits). Shorter
// numbers (Excel serials, years) are not dates.
std::optional<DateTime> parse_unix(std::string_view s) {
  const std::size_t n = s.size();
  if (n != 9 && n != 10 && n != 12 && n != 13) return std::nullopt;
  std::int64_t v = 0;
  for (char ch : s) v = v * 10 + (ch - '0');
  if (n >= 12) v /= 1000;  // non-negative, so truncation is the floor
  return DateTime{v, true, 0};
}

bool all_digits(std::string_view s) {
  for (char ch : s)
    if (!is_digit(ch)) return false;
  return true;
}

}  // namespace

// The common case, at fixed positions: YYYY-MM-DD[(T| )HH:MM[:SS[.fff]]][Z|+HH:MM|+HHMM].
// Returns nullopt for anything else, and the general reader then decides.
// Why: a million-row export spends most of its date time here.
std::optional<DateTime> parse_iso_fixed(std::string_view s) {
  const auto n = s.size();
  // Two digits at `at`, or -1. Unsigned differences: one compare per digit, and
  // small enough to inline at each of its eight uses (profiled: the call cost more).
  auto d2 = [&](std::size_t at) __attribute__((always_inline)) -> int {
    if (at + 1 >= n) return -1;
    const unsigned hi = static_cast<unsigned char>(s[at]) - unsigned{'0'};
    const unsigned lo = static_cast<unsigned char>(s[at + 1]) - unsigned{'0'};
    return (hi > 9 || lo > 9) ? -1 : static_cast<int>(hi * 10 + lo);
  };
  if (n < 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  const int y1 = d2(0), y2 = d2(2), mo = d2(5), d = d2(8);
  if (y1 < 0 || y2 < 0 || mo < 1 || mo > 12 || d < 1) return std::nullopt;
  const int y = y1 * 100 + y2;
  if (!is_valid_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d))) return std::nullopt;
  // Consecutive rows mostly share a day: remember the last conversion.
  static thread_local int last_key = -1;
  static thread_local std::int64_t last_days = 0;
  const int key = (y * 16 + mo) * 32 + d;
  if (key != last_key) {
    last_days = days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
    last_key = key;
  }
  std::int64_t t = last_days * seconds_per_day;
  if (n == 10) return DateTime{t, false, 0};
  if ((s[10] != 'T' && s[10] != ' ') || n < 16 || s[13] != ':') return std::nullopt;
  const int hh = d2(11), mm = d2(14);
  if (hh < 0 || hh > 23 || mm < 0 || mm > 59) return std::nullopt;
  t += hh * 3600 + mm * 60;
  std::size_t i = 16;
  if (i < n && s[i] == ':') {
    const int ss = d2(i + 1);
    if (ss < 0 || ss > 60) return std::nullopt;
    t += ss == 60 ? 59 : ss;
    i += 3;
    if (i < n && (s[i] == '.' || s[i] == ',')) {
      std::size_t k = i + 1;
      while (k < n && is_digit(s[k])) ++k;
      if (k == i + 1) return std::nullopt;
      i = k;
    }
  }
  if (i == n) return DateTime{t, false, 0};
  if (s[i] == 'Z' && i + 1 == n) return DateTime{t, true, 0};
  if (s[i] != '+' && s[i] != '-') return std::nullopt;
  const int sign = s[i] == '+' ? 1 : -1;
  const int oh = d2(i + 1);
  int om = 0;
  if (oh < 0 || oh > 23) return std::nullopt;
  if (i + 3 == n) {
    om = 0;
  } else if (i + 6 == n && s[i + 3] == ':') {
    om = d2(i + 4);
  } else if (i + 5 == n) {
    om = d2(i + 3);
  } else {
    return std::nullopt;
  }
  if (om < 0 || om > 59) return std::nullopt;
  return DateTime{t, true, sign * (oh * 60 + om)};
}

namespace {

// 8 bytes as a little-endian word: byte i of the text is bits 8i..8i+7.
inline std::uint64_t load_le64(const char* p) {
  std::uint64_t w;
  std::memcpy(&w, p, 8);
  if constexpr (std::endian::native == std::endian::big) w = __builtin_bswap64(w);
  return w;
}

// Eight bytes "ab?cd!ef" whose a..f are ASCII digits (already checked) as the
// numbers ab, cd and ef, with a few word operations: ab*10+cd per pair, bytes
// times 10 stay below 256, so no byte carries into the next.
inline void two_digit_triplet(std::uint64_t w, int& x, int& y, int& z) {
  const std::uint64_t t = w & 0x0F0F000F0F000F0Full;  // the digits' values (bytes 0, 1, 3, 4, 6, 7)
  const std::uint64_t v = t * 10 + (t >> 8);           // byte i: 10 * digit i + digit i+1
  x = static_cast<int>(v & 0xFF);
  y = static_cast<int>((v >> 24) & 0xFF);
  z = static_cast<int>((v >> 48) & 0xFF);
}

// Days since 1970 of a valid date, by year: rows mostly share a year, so the
// year's first day and leap flag are kept and the rest is a table look-up.
inline std::int64_t days_in_year_cache(int y, int mo, int d, bool& leap) {
  static thread_local int cached_year = -1;
  static thread_local std::int64_t cached_jan1 = 0;
  static thread_local bool cached_leap = false;
  if (y != cached_year) {
    cached_year = y;
    cached_jan1 = days_from_civil(y, 1, 1);
    cached_leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
  }
  leap = cached_leap;
  static constexpr std::uint16_t kBeforeMonth[13] = {0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
  return cached_jan1 + kBeforeMonth[mo] + (leap && mo > 2 ? 1 : 0) + d - 1;
}

}  // namespace

// The shapes nearly every export writes, "YYYY-MM-DD(T| )HH:MM:SS" then nothing,
// Z or ±HH:MM (19, 20 or 25 bytes): every digit and separator checked by two
// 16-byte pattern compares (the first 16 bytes and the last 16, overlapping),
// the numbers then read a word at a time; anything else goes to the
// fixed-position reader, the reference (both give the same result on every
// input: tests/fuzz/fuzz_date.cpp checks it).
std::optional<DateTime> parse_iso_fast(std::string_view s) {
  static constexpr Pattern16 kHead = make_pattern16("dddd-dd-ddTdd:dd", {{10, ' '}});      // bytes 0..15
  static constexpr Pattern16 kTail19 = make_pattern16("d-dd-ddTdd:dd:dd", {{7, ' '}});     // bytes 3..18
  static constexpr Pattern16 kTail20 = make_pattern16("-dd-ddTdd:dd:ddZ", {{6, ' '}});     // bytes 4..19
  static constexpr Pattern16 kTail25 = make_pattern16("dTdd:dd:dd+dd:dd", {{1, ' '}, {10, '-'}});  // bytes 9..24
  const std::size_t n = s.size();
  const Pattern16* const tail = n == 25 ? &kTail25 : n == 20 ? &kTail20 : n == 19 ? &kTail19 : nullptr;
  if (tail && matches_pattern16(s.data(), kHead) && matches_pattern16(s.data() + n - 16, *tail)) {
    int yy, mo, d, hh, mm, ss;
    two_digit_triplet(load_le64(s.data() + 2), yy, mo, d);
    two_digit_triplet(load_le64(s.data() + 11), hh, mm, ss);
    if (mo >= 1 && mo <= 12 && d >= 1 && hh <= 23 && mm <= 59 && ss <= 60) {
      const int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + yy;
      bool leap;
      const std::int64_t days = days_in_year_cache(y, mo, d, leap);
      static constexpr std::uint8_t kMonthDays[13] = {0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
      if (d <= kMonthDays[mo] + (leap && mo == 2 ? 1 : 0)) {
        const std::int64_t t = days * seconds_per_day + hh * 3600 + mm * 60 + (ss == 60 ? 59 : ss);
        if (n != 25) return DateTime{t, n == 20, 0};  // nothing after the seconds, or Z
        int oh, om, ignored;
        two_digit_triplet(load_le64(s.data() + 17), ignored, oh, om);
        if (oh <= 23 && om <= 59) return DateTime{t, true, (s[19] == '+' ? 1 : -1) * (oh * 60 + om)};
      }
    }
  }
  return parse_iso_fixed(s);
}

std::optional<DateTime> parse_datetime(std::string_view text, DateOrder order, bool allow_unix, bool two_digit_years) {
  if (text.size() >= 10 && is_digit(text[0])) {
    if (auto fast = parse_iso_fast(text)) return fast;
  }
  const std::string_view s = trim_cell(text);
  if (s.empty()) return std::nullopt;
  if (all_digits(s)) return allow_unix ? parse_unix(s) : std::nullopt;

  Cursor c{s};
  auto date = parse_date(c, order, two_digit_years);
  if (!date) {
    c.i = 0;
    // JavaScript's Date.toString ends with the zone's name: "... GMT+0000
    // (Coordinated Universal Time)"; the offset before it says all.
    if (s.back() == ')')
      if (const auto open = s.rfind(" ("); open != std::string_view::npos) c.s = trim_cell(s.substr(0, open));
    date = parse_named_date(c);
  }
  if (!date) return std::nullopt;
  const std::int64_t day_seconds = date->days * seconds_per_day;
  if (c.done()) return DateTime{day_seconds, false, 0};

  const bool iso = date->form == DateForm::iso;
  bool t_form = false;
  if (iso && (c.eat('T') || c.eat('t'))) {
    t_form = true;
  } else {
    // "31.01.2024, 14:05" and "1/31/2024, 2:05 PM" are what JS toLocaleString writes.
    if (!iso) c.eat(',');
    if (c.skip_space() == 0) return std::nullopt;
  }
  const auto time = parse_time(c, t_form, true);
  if (!time) return std::nullopt;
  return DateTime{day_seconds + time->seconds, time->has_offset, time->offset_minutes};
}

void DateOrderSniffer::observe(std::string_view text) {
  // Only the A/B/YYYY (or A/B/YY) prefix matters; the rest of the cell is not checked.
  Cursor c{trim_cell(text)};
  int a = 0, b = 0, y = 0;
  if (!c.digits(1, 2, a) || !c.eat('/') || !c.digits(1, 2, b) || !c.eat('/')) return;
  const std::size_t year_at = c.i;
  if (!c.digits(2, 4, y) || c.i - year_at == 3) return;
  if (!c.done() && !(c.at(' ') || c.at('\t') || c.at(','))) return;
  if (a < 1 || b < 1) return;
  (c.i - year_at == 2 ? saw_two_digit_year_ : saw_four_digit_year_) = true;
  if (a > 12 && a <= 31 && b <= 12) saw_day_first_ = true;
  if (b > 12 && b <= 31 && a <= 12) saw_month_first_ = true;
}

DateOrder DateOrderSniffer::order() const {
  if (saw_day_first_ == saw_month_first_) return DateOrder::unknown;  // none, or contradictory
  return saw_day_first_ ? DateOrder::day_first : DateOrder::month_first;
}

std::optional<DateTime> parse_spreadsheet_serial(std::string_view text) {
  const std::string_view s = trim_cell(text);
  Cursor c{s};
  int days = 0;
  if (!c.digits(5, 5, days) || days < kMinSerialDay || days >= kMaxSerialDay) return std::nullopt;
  double fraction = 0;
  if (c.eat('.')) {
    double scale = 0.1;
    const std::size_t from = c.i;
    for (; !c.done() && is_digit(c.s[c.i]); ++c.i, scale /= 10) fraction += (c.s[c.i] - '0') * scale;
    if (c.i == from) return std::nullopt;
  }
  if (!c.done()) return std::nullopt;
  // Serial 25569 is 1970-01-01 (day 1 is 1900-01-01, and 1900 counts a 29 February
  // that never was: from serial 61 on, day 0 is 1899-12-30).
  const auto seconds = static_cast<std::int64_t>(fraction * seconds_per_day + 0.5);
  return DateTime{(days - 25569) * seconds_per_day + std::min<std::int64_t>(seconds, seconds_per_day - 1), false, 0};
}

std::optional<DateTime> parse_date_cell_text(std::string_view text, const DateColumnFormat& format) {
  switch (format.numbers) {
    case DateColumnFormat::Numbers::spreadsheet_serial: return parse_spreadsheet_serial(text);
    case DateColumnFormat::Numbers::unix_seconds: return parse_datetime(text, format.order, true, format.two_digit_years);
    case DateColumnFormat::Numbers::none: break;
  }
  return parse_datetime(text, format.order, false, format.two_digit_years);
}

std::optional<int> parse_utc_offset(std::string_view text) {
  const std::string_view s = trim_cell(text);
  if (s == "Z" || s == "z" || s == "0" || s == "UTC") return 0;
  Cursor c{s};
  const int sign = c.eat('+') ? 1 : c.eat('-') ? -1 : 0;
  if (sign == 0) return std::nullopt;
  int h = 0, m = 0;
  // "+5", "+05", "+0530", "+05:30", "+5:30"
  const std::size_t hour_start = c.i;
  if (!c.digits(1, 2, h)) return std::nullopt;
  const bool two_digit_hour = c.i - hour_start == 2;
  if (c.eat(':')) {
    if (!c.digits(2, 2, m)) return std::nullopt;
  } else if (!c.done()) {
    if (!two_digit_hour || !c.digits(2, 2, m)) return std::nullopt;
  }
  if (!c.done() || h > 23 || m > 59) return std::nullopt;
  return sign * (h * 60 + m);
}

std::string utc_offset_text(int minutes) {
  const char sign = minutes < 0 ? '-' : '+';
  const int m = std::abs(minutes);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%c%02d:%02d", sign, m / 60, m % 60);
  return buf;
}

}  // namespace npskit
