#include "core/stats/interval.hpp"

#include <algorithm>
#include <cmath>

namespace npskit {

namespace {
// Inverse of the standard normal CDF (Acklam's rational approximation, refined
// by one Newton step): accurate to ~1e-15, enough to reproduce table z values.
double inverse_normal_cdf(double p) {
  static constexpr double a[] = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                                 1.383577518672690e+02,  -3.066479806614716e+01, 2.506628277459239e+00};
  static constexpr double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                                 6.680131188771972e+01,  -1.328068155288572e+01};
  static constexpr double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                                 -2.549732539343734e+00, 4.374664141464968e+00,  2.938163982698783e+00};
  static constexpr double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                                 3.754408661907416e+00};
  constexpr double p_low = 0.02425;
  double x;
  if (p < p_low) {
    const double q = std::sqrt(-2 * std::log(p));
    x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  } else if (p <= 1 - p_low) {
    const double q = p - 0.5, r = q * q;
    x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
        (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  } else {
    const double q = std::sqrt(-2 * std::log(1 - p));
    x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  // One Newton step on erfc for full double precision.
  const double e = 0.5 * std::erfc(-x / std::sqrt(2.0)) - p;
  const double u = e * std::sqrt(2 * M_PI) * std::exp(x * x / 2);
  return x - u / (1 + x * u / 2);
}
}  // namespace

double z_for_confidence(double confidence) {
  confidence = std::clamp(confidence, 1e-9, 1 - 1e-12);
  return inverse_normal_cdf(0.5 + confidence / 2);
}

double two_sided_p(double z) {
  if (std::isnan(z)) return 1.0;
  return std::min(1.0, std::erfc(std::fabs(z) / std::sqrt(2.0)));  // erfc(inf) = 0
}

AdjustedWald adjusted_wald(const Tally& t) {
  const double n_adj = static_cast<double>(t.n()) + 3.0;
  const double p = (static_cast<double>(t.promoters()) + 0.75) / n_adj;
  const double d = (static_cast<double>(t.detractors()) + 0.75) / n_adj;
  const double nps = p - d;
  return {n_adj, nps, p + d - nps * nps};
}

Interval nps_interval(const Tally& t, double confidence) {
  const auto w = adjusted_wald(t);
  const double half = z_for_confidence(confidence) * std::sqrt(w.variance / w.n_adj);
  return {std::max(-100.0, 100.0 * (w.nps_adj - half)), std::min(100.0, 100.0 * (w.nps_adj + half)),
          100.0 * half};
}

Difference compare(const Tally& a, const Tally& b, double confidence) {
  const auto wa = adjusted_wald(a);
  const auto wb = adjusted_wald(b);
  const double se = std::sqrt(wa.variance / wa.n_adj + wb.variance / wb.n_adj);
  const double z = se > 0 ? (wa.nps_adj - wb.nps_adj) / se : 0.0;
  const bool too_small = a.n() < kMinGroupForSignificance || b.n() < kMinGroupForSignificance;
  const double p = two_sided_p(z);
  // p < alpha is |z| > z(confidence), said the way judge_family() says it.
  const double alpha = 1.0 - confidence;
  return {a.nps() - b.nps(), z, p, too_small ? std::nullopt : std::optional<double>(p), !too_small && p < alpha,
          too_small};
}

std::uint64_t sample_size_for_margin(double margin_points, double confidence, const Tally& expected) {
  if (margin_points <= 0) return 0;
  const double variance = expected.n() == 0 ? 1.0 : adjusted_wald(expected).variance;
  const double z = z_for_confidence(confidence);
  const double d = margin_points / 100.0;
  const double n = variance * z * z / (d * d) - 3.0;
  return n <= 0 ? 0 : static_cast<std::uint64_t>(std::ceil(n));
}

}  // namespace npskit
