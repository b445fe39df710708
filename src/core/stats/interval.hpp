#pragma once
// The NPS confidence interval and significance of differences, by the adjusted
// Wald method (Rocks 2016, The American Statistician):
//   n' = n + 3, p' = (P + 3/4)/n', d' = (D + 3/4)/n', nps' = p' - d',
//   var' = p' + d' - nps'^2, CI = nps' +/- z*sqrt(var'/n')   (shown x100).
#include <optional>

#include "core/stats/tally.hpp"

namespace npskit {

// Groups smaller than this are reported but not judged significant.
inline constexpr std::uint64_t kMinGroupForSignificance = 30;

// Two-sided z for a confidence level (0.90, 0.95, 0.99, or any in (0, 1)).
double z_for_confidence(double confidence);

// Two-sided p-value of a standard normal test statistic: P(|Z| >= |z|).
double two_sided_p(double z);

struct AdjustedWald {
  double n_adj;     // n + 3
  double nps_adj;   // p' - d', in [-1, 1]
  double variance;  // p' + d' - nps'^2
};
AdjustedWald adjusted_wald(const Tally& t);

struct Interval {
  double low;     // x100, clamped to [-100, 100]
  double high;
  double margin;  // half-width x100 (before clamping)
};
Interval nps_interval(const Tally& t, double confidence = 0.95);

struct Difference {
  double diff;        // a.nps() - b.nps(), in points
  double z;           // test statistic on the adjusted values
  double p;           // two-sided p-value of z
  // p once adjusted for the other tests of its family (multiple_comparisons.hpp);
  // p itself for a test judged alone; none when a group is too small to judge.
  std::optional<double> p_adjusted;
  bool significant;   // p_adjusted < 1 - confidence (so never when too_small)
  bool too_small;     // a group has n < kMinGroupForSignificance
};
// For two independent groups (not for the same respondents measured twice),
// judged alone. A test that is one of many (every period against the one before,
// every segment value against the rest) must be judged with its family:
// judge_family() in multiple_comparisons.hpp.
Difference compare(const Tally& a, const Tally& b, double confidence = 0.95);

// Responses needed for an interval half-width of `margin_points` (in NPS points),
// assuming the variance of `expected` (or the worst case 1.0 when it is empty).
std::uint64_t sample_size_for_margin(double margin_points, double confidence = 0.95,
                                     const Tally& expected = {});

}  // namespace npskit
