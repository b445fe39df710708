#include "core/ingest/xlsx_dates.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "core/values/civil_date.hpp"

namespace npskit {

XlsxNumberKind builtin_format_kind(unsigned id) {
  if ((id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) || (id >= 50 && id <= 58)) return XlsxNumberKind::date;
  if ((id >= 18 && id <= 21) || (id >= 45 && id <= 47)) return XlsxNumberKind::time;
  return XlsxNumberKind::number;
}

XlsxNumberKind format_code_kind(std::string_view code) {
  bool day_or_year = false, month = false, hour_or_second = false;
  for (std::size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (c == ';') break;  // only the first section (positive numbers) matters
    if (c == '"') {
      const auto close = code.find('"', i + 1);
      if (close == std::string_view::npos) break;
      i = close;
    } else if (c == '[') {
      const auto close = code.find(']', i + 1);
      if (close == std::string_view::npos) break;
      // [h], [mm], [ss]: elapsed time. [$-409], [Red]: not format letters.
      const auto inner = code.substr(i + 1, close - i - 1);
      if (!inner.empty() && (inner[0] == 'h' || inner[0] == 'H' || inner[0] == 's' || inner[0] == 'S'))
        hour_or_second = true;
      i = close;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;  // the next character is literal (or padding)
    } else {
      switch (c) {
        case 'd': case 'D': case 'y': case 'Y': day_or_year = true; break;
        case 'm': case 'M': month = true; break;
        case 'h': case 'H': case 's': case 'S': hour_or_second = true; break;
        default: break;
      }
    }
  }
  if (day_or_year || (month && !hour_or_second)) return XlsxNumberKind::date;
  if (hour_or_second) return XlsxNumberKind::time;
  return XlsxNumberKind::number;
}

std::optional<std::string> serial_to_text(std::string_view serial, XlsxNumberKind kind, bool date1904) {
  if (kind == XlsxNumberKind::number || serial.empty() || serial.size() > 40) return std::nullopt;
  char buf[48];
  serial.copy(buf, serial.size());
  buf[serial.size()] = '\0';
  char* end = nullptr;
  const double value = std::strtod(buf, &end);
  if (end != buf + serial.size() || !std::isfinite(value) || value < 0 || value >= 2958466) return std::nullopt;
  // Excel keeps times to the millisecond; npskit to the second.
  auto seconds = static_cast<std::int64_t>(std::llround(value * 86400.0));
  std::int64_t whole_days = seconds / 86400;
  const std::int64_t second_of_day = seconds % 86400;
  char time[16];
  std::snprintf(time, sizeof time, "%02d:%02d:%02d", static_cast<int>(second_of_day / 3600),
                static_cast<int>(second_of_day / 60 % 60), static_cast<int>(second_of_day % 60));
  if (kind == XlsxNumberKind::time && value < 1) return std::string(time);
  std::int64_t days;  // since 1970-01-01
  if (date1904) {
    days = days_from_civil(1904, 1, 1) + whole_days;
  } else {
    if (whole_days == 0) return std::string(time);  // "1900-01-00": a time of day
    if (whole_days == 60) return whole_days * 86400 == seconds ? std::string("1900-02-29")
                                                              : std::string("1900-02-29T") + time;
    // Serials from 61 on count from 1899-12-30 (Lotus' leap day makes up the one).
    days = days_from_civil(1899, 12, whole_days < 60 ? 31 : 30) + whole_days;
  }
  const auto d = civil_from_days(days);
  char date[32];
  std::snprintf(date, sizeof date, "%04d-%02u-%02u", d.year, d.month, d.day);
  if (second_of_day == 0 && kind == XlsxNumberKind::date) return std::string(date);
  return std::string(date) + "T" + time;
}

}  // namespace npskit
