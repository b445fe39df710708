#pragma once
// How figures are rounded for the reports: half away from zero to a fixed number
// of decimals, in double arithmetic (round(x * 100) / 100), and a figure that
// rounds to zero is 0, never -0 (a JSON writer would print "-0.0", which reads as
// a different figure from 0 to a person and to a diff). One rule for every report
// writer (report/, text/ comment analytics, analysis/ session answers).
#include <cmath>
#include <cstdint>

namespace npskit {

template <int Decimals>
double round_decimals(double x) {
  static_assert(Decimals >= 0 && Decimals <= 15);
  constexpr double scale = [] {
    double s = 1;
    for (int i = 0; i < Decimals; ++i) s *= 10;  // exact: powers of ten up to 1e22 are doubles
    return s;
  }();
  const double r = std::round(x * scale) / scale;
  return r == 0.0 ? 0.0 : r;
}

// 100 * part / whole, rounded to 2 decimals; 0 when whole is 0.
inline double percent_2dp(std::uint64_t part, std::uint64_t whole) {
  return whole == 0 ? 0.0 : round_decimals<2>(100.0 * static_cast<double>(part) / static_cast<double>(whole));
}

}  // namespace npskit
