#pragma once
// Reading date/time cells in the forms survey tools export, and deciding a
// column's day/month order from its values.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace npskit {

// Which component comes first in slash dates like 03/04/2024. Dotted dates
// (DD.MM.YYYY) are always day-first; ISO dates are year-first.
enum class DateOrder { unknown, month_first, day_first };

struct DateTime {
  std::int64_t seconds;    // seconds since 1970-01-01T00:00, as written (local wall time)
  bool has_offset;         // the text carried Z or +hh:mm / -hhmm (or was a Unix time)
  int offset_minutes;      // the offset written (0 for Z and Unix times)
  // The UTC instant when has_offset, else the wall time as written.
  std::int64_t utc_seconds() const { return has_offset ? seconds - offset_minutes * 60LL : seconds; }
  bool operator==(const DateTime&) const = default;
};

// Recognized forms:
//   ISO 8601: 2024-01-31, 2024-01-31T14:05, 2024-01-31T14:05:09, with fractions
//     (.123456) and offsets (Z, +05:30, -0800); a space may replace the T.
//   YYYY/MM/DD [HH:MM[:SS]]
//   MM/DD/YYYY or DD/MM/YYYY [hh:mm[:ss] [AM|PM]] (order per `order`; unknown = month first)
//   DD.MM.YYYY [HH:MM[:SS]]
//   The month as an English word (full, 3-letter or "Sept", any case): "Jul 21, 2024",
//     "21 July 2024", "21-Jul-2024" / "21-Jul-24" (DD-MON-YY), optionally after a
//     weekday ("Sunday, July 21, 2024", "Mon, 21 Jul 2024 10:00:00 GMT") and with
//     JavaScript's Date.toString zone name ("Tue Mar 05 2024 14:00:00 GMT+0000
//     (Coordinated Universal Time)": the name in parentheses is ignored).
//   Unix seconds (9-10 digits) or milliseconds (12-13 digits) when `allow_unix`.
// Details:
// - Surrounding whitespace (ASCII, U+00A0, U+202F) is ignored.
// - ISO dates are strictly YYYY-MM-DD; other forms take 1-2 digit days/months
//   and a 4-digit year. Two-digit years (3/4/25, Microsoft Forms) only in slash
//   dates and only with `two_digit_years` (decided per column, like the order):
//   00-69 are 2000-2069, 70-99 are 1970-1999.
// - Time: h[h]:mm[:ss[.fraction]] (the hour has two digits after 'T'); the
//   fraction separator may be '.' or ',', any number of digits, ignored.
//   Hours 0-23 (24:00 rejected), minutes 0-59; a leap second :60 is accepted and
//   counted as :59 so it stays in its day.
// - AM/PM (any case, space optional) in every form except after 'T'; hour must be
//   1-12 then; 12 AM = 00, 12 PM = 12.
// - Offsets on any date with a time, after the time (and after AM/PM): Z, UTC,
//   GMT, +hh:mm, +hhmm, +hh (hours 00-23), and UTC/GMT followed by a sign and
//   1-2 digit hours ("GMT+1", "GMT-5", "GMT+5:30": Google Forms), optionally after
//   a space ("2024-01-31 14:05:09 +0000", "2025/03/04 5:06:07 PM GMT+1").
// - Slash and dotted dates may be followed by ", " before the time (the output of
//   JavaScript's toLocaleString).
// - Unix times are UTC: has_offset = true, offset_minutes = 0. Other digit-only
//   text (years, Excel serials, YYYYMMDD) is rejected.
std::optional<DateTime> parse_datetime(std::string_view text, DateOrder order, bool allow_unix,
                                       bool two_digit_years = false);

// parse_datetime's first step: ISO 8601 at fixed positions,
// YYYY-MM-DD[(T| )HH:MM[:SS[.fff]]][Z|±HH:MM|±HHMM|±HH]; nullopt for anything else
// (the general reader then decides). parse_iso_fast reads the commonest shapes a
// word at a time and hands the rest to parse_iso_fixed, the reference: both give
// the same result on every input (the date fuzz target compares them).
std::optional<DateTime> parse_iso_fast(std::string_view text);
std::optional<DateTime> parse_iso_fixed(std::string_view text);

// Spreadsheet serial dates (days since 1899-12-30, fraction = time of day), as a
// CSV saved from a sheet whose date cells lost their format holds them:
// "45720" or "45720.7125". Only 5-digit day numbers from kMinSerialDay (1954-10-03)
// to kMaxSerialDay (2119-01-08); the time is naive (no offset).
inline constexpr int kMinSerialDay = 20000, kMaxSerialDay = 80000;
std::optional<DateTime> parse_spreadsheet_serial(std::string_view text);

// How one date column is read: decided once per column (layout) from its values.
struct DateColumnFormat {
  DateOrder order = DateOrder::unknown;
  bool two_digit_years = false;
  enum class Numbers { none, unix_seconds, spreadsheet_serial } numbers = Numbers::none;  // digit-only cells
};
std::optional<DateTime> parse_date_cell_text(std::string_view text, const DateColumnFormat& format);
// The same, with the ISO timestamps most exports write tried inline first (as
// parse_datetime does; a serial-number column never reads ISO).
inline std::optional<DateTime> parse_date_cell(std::string_view text, const DateColumnFormat& format) {
  if (format.numbers != DateColumnFormat::Numbers::spreadsheet_serial && text.size() >= 10 &&
      static_cast<unsigned char>(text[0] - '0') <= 9)
    if (auto fast = parse_iso_fast(text)) return fast;
  return parse_date_cell_text(text, format);
}

// Observes a column's values and decides its slash-date order: day-first if some
// value has a first component > 12, month-first if some has a second component > 12.
// Only values starting A/B/YYYY or A/B/YY count; ones with a component of 0 or > 31, or both
// components > 12, are ignored as junk.
class DateOrderSniffer {
 public:
  void observe(std::string_view text);
  DateOrder order() const;  // unknown if undecided (or contradictory)
  // The column writes slash dates with two-digit years (3/4/25) and never four.
  bool two_digit_years() const { return saw_two_digit_year_ && !saw_four_digit_year_; }
 private:
  bool saw_day_first_ = false;
  bool saw_month_first_ = false;
  bool saw_two_digit_year_ = false;
  bool saw_four_digit_year_ = false;
};

// The bucket day of a timestamp: a value with an offset counts by its UTC instant,
// shifted by `view_offset_minutes` when given (--utc-offset); a naive value is
// taken as written.
// Inline: it runs for every dated row, and the division by a constant then
// becomes a multiply.
inline std::int64_t bucket_day(const DateTime& dt, std::optional<int> view_offset_minutes) {
  std::int64_t t = dt.seconds;
  if (dt.has_offset) {
    t = dt.utc_seconds();
    if (view_offset_minutes) t += *view_offset_minutes * 60LL;
  }
  constexpr std::int64_t kDay = 86400;
  const std::int64_t q = t / kDay;
  return (t % kDay != 0 && t < 0) ? q - 1 : q;  // floor
}

// "+05:30" / "-08:00" / "+0530" / "Z" / "0" -> minutes; nullopt if malformed.
// Also "UTC", "z", "+5", "+05", "+5:30"; a sign is required otherwise; at most 23:59.
std::optional<int> parse_utc_offset(std::string_view text);
// The offset as the report echoes it: "+05:30", "-08:00".
std::string utc_offset_text(int minutes);

}  // namespace npskit
