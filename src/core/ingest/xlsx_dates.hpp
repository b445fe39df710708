#pragma once
// Which number formats mark a cell as a date or time, and the text a date serial
// becomes. Spreadsheets store dates as numbers (days since an epoch) and only the
// cell's number format says "this is a date"; npskit turns such cells into ISO
// text, which the one date rule (values/datetime) then reads like any CSV date.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace npskit {

enum class XlsxNumberKind : std::uint8_t { number, date, time };

// Built-in format ids (ECMA-376 Part 1, 18.8.30): 14-17 and 22 dates, 18-21 and
// 45-47 times; 27-36 and 50-58 are East Asian locale dates.
XlsxNumberKind builtin_format_kind(unsigned id);
// A custom format code: a date when its first section holds d, y (or m without h/s)
// outside "quoted text", [brackets] and \escapes; a time when it holds h or s only.
XlsxNumberKind format_code_kind(std::string_view code);

// The text for a serial in a date or time format: "2025-03-04", "2025-03-04T17:06:07"
// or "17:06:07". 1900 system: serial 1 is 1900-01-01 and 60 is Lotus' fictitious
// 1900-02-29 (given as that text, so it reads as unreadable, not as another day).
// 1904 system: serial 0 is 1904-01-01. Nullopt when the serial is no number or out
// of range (the cell keeps its number text).
std::optional<std::string> serial_to_text(std::string_view serial, XlsxNumberKind kind, bool date1904);

}  // namespace npskit
