#pragma once
// Reading date/time cells in the forms survey tools export, and deciding a
// column's day/month order from its values.
#include <cstdint>
#include <optional>
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
};

// Recognized forms:
//   ISO 8601: 2024-01-31, 2024-01-31T14:05, 2024-01-31T14:05:09, with fractions
//     (.123456) and offsets (Z, +05:30, -0800); a space may replace the T.
//   YYYY/MM/DD [HH:MM[:SS]]
//   MM/DD/YYYY or DD/MM/YYYY [hh:mm[:ss] [AM|PM]] (order per `order`; unknown = month first)
//   DD.MM.YYYY [HH:MM[:SS]]
//   Unix seconds (9-10 digits) or milliseconds (12-13 digits) when `allow_unix`.
// Details:
// - Surrounding whitespace (ASCII, U+00A0, U+202F) is ignored.
// - ISO dates are strictly YYYY-MM-DD; other forms take 1-2 digit days/months
//   and a 4-digit year (two-digit years such as 03/04/24 are rejected).
// - Time: h[h]:mm[:ss[.fraction]] (the hour has two digits after 'T'); the
//   fraction separator may be '.' or ',', any number of digits, ignored.
//   Hours 0-23 (24:00 rejected), minutes 0-59; a leap second :60 is accepted and
//   counted as :59 so it stays in its day.
// - AM/PM (any case, space optional) in every form except after 'T'; hour must be
//   1-12 then; 12 AM = 00, 12 PM = 12.
// - Offsets only on ISO dates with a time: Z, UTC, +hh:mm, +hhmm, +hh (hours 00-23),
//   optionally after a space ("2024-01-31 14:05:09 +0000").
// - Slash and dotted dates may be followed by ", " before the time (the output of
//   JavaScript's toLocaleString).
// - Unix times are UTC: has_offset = true, offset_minutes = 0. Other digit-only
//   text (years, Excel serials, YYYYMMDD) is rejected.
std::optional<DateTime> parse_datetime(std::string_view text, DateOrder order, bool allow_unix);

// Observes a column's values and decides its slash-date order: day-first if some
// value has a first component > 12, month-first if some has a second component > 12.
// Only values starting A/B/YYYY count; ones with a component of 0 or > 31, or both
// components > 12, are ignored as junk.
class DateOrderSniffer {
 public:
  void observe(std::string_view text);
  DateOrder order() const;  // unknown if undecided (or contradictory)
 private:
  bool saw_day_first_ = false;
  bool saw_month_first_ = false;
};

// The bucket day of a timestamp: a value with an offset counts by its UTC instant,
// shifted by `view_offset_minutes` when given (--utc-offset); a naive value is
// taken as written.
std::int64_t bucket_day(const DateTime& dt, std::optional<int> view_offset_minutes);

// "+05:30" / "-08:00" / "+0530" / "Z" / "0" -> minutes; nullopt if malformed.
// Also "UTC", "z", "+5", "+05", "+5:30"; a sign is required otherwise; at most 23:59.
std::optional<int> parse_utc_offset(std::string_view text);

}  // namespace npskit
