// libFuzzer target: date/time parsing (every order, with and without Unix
// times), the day-order sniffer, UTC offsets, strict ISO days and the period
// labels of whatever day comes out. Checks: no crash / UB / overflow, and
// round trips (an ISO day read back from its own label), the ISO fast path
// equal to its reference, and the 16-byte pattern check (SIMD) equal to its
// byte loop on the input's every 16-byte window, against the ISO patterns and
// one made of the input's own first bytes.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/values/civil_date.hpp"
#include "core/values/datetime.hpp"
#include "core/values/pattern16.hpp"

using namespace npskit;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  DateOrderSniffer sniffer;
  sniffer.observe(text);
  (void)sniffer.order();
  // The word-at-a-time ISO reader agrees with the fixed-position reference.
  if (parse_iso_fast(text) != parse_iso_fixed(text)) std::abort();
  if (size >= 16) {
    static constexpr Pattern16 kIso[] = {make_pattern16("dddd-dd-ddTdd:dd", {{10, ' '}}),
                                         make_pattern16("dTdd:dd:dd+dd:dd", {{1, ' '}, {10, '-'}}),
                                         make_pattern16("-dd-ddTdd:dd:ddZ", {{6, ' '}})};
    char text16[17] = {};
    for (int i = 0; i < 16; ++i) text16[i] = static_cast<char>(data[i]);
    const Pattern16 own = make_pattern16(text16, {{data[0] & 15, static_cast<char>(data[1])}});
    for (std::size_t at = 0; at + 16 <= size; ++at) {
      const char* window = text.data() + at;
      for (const Pattern16& p : kIso)
        if (matches_pattern16(window, p) != matches_pattern16_scalar(window, p)) std::abort();
      if (matches_pattern16(window, own) != matches_pattern16_scalar(window, own)) std::abort();
    }
  }
  const auto offset = parse_utc_offset(text);
  if (offset && (*offset < -24 * 60 || *offset > 24 * 60)) std::abort();
  for (auto order : {DateOrder::unknown, DateOrder::month_first, DateOrder::day_first}) {
    for (int mode = 0; mode < 4; ++mode) {
      const bool unix_time = mode & 1, two_digit_years = mode & 2;
      const auto dt = parse_datetime(text, order, unix_time, two_digit_years);
      if (!dt) continue;
      if (dt->has_offset && (dt->offset_minutes < -24 * 60 || dt->offset_minutes > 24 * 60)) std::abort();
      (void)dt->utc_seconds();
      for (std::optional<int> view : {std::optional<int>{}, std::optional<int>{330}, std::optional<int>{-720}}) {
        const auto day = bucket_day(*dt, view);
        for (auto p : {Period::day, Period::week, Period::month, Period::quarter}) {
          (void)period_start(day, p);
          (void)period_label(day, p);
        }
      }
    }
  }
  if (const auto serial = parse_spreadsheet_serial(text)) {
    const auto day = bucket_day(*serial, std::nullopt);
    if (day < kMinSerialDay - 25569 || day >= kMaxSerialDay - 25569) std::abort();  // stays in its range
  }
  (void)sniffer.two_digit_years();
  if (const auto day = parse_iso_day(text)) {
    const auto c = civil_from_days(*day);
    if (!is_valid_civil(c.year, c.month, c.day)) std::abort();
    if (parse_iso_day(period_label(*day, Period::day)) != day) std::abort();
  }
  (void)parse_period(text);
  return 0;
}
