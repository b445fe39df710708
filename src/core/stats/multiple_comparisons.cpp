#include "core/stats/multiple_comparisons.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace npskit {

std::optional<Adjustment> parse_adjustment(std::string_view name) {
  if (name == "holm") return Adjustment::holm;
  if (name == "bh") return Adjustment::benjamini_hochberg;
  if (name == "none") return Adjustment::none;
  return std::nullopt;
}

const char* adjustment_name(Adjustment method) {
  switch (method) {
    case Adjustment::holm: return "holm";
    case Adjustment::benjamini_hochberg: return "bh";
    case Adjustment::none: break;
  }
  return "none";
}

std::vector<double> adjust_p_values(std::span<const double> p, Adjustment method) {
  const std::size_t m = p.size();
  std::vector<double> out(p.begin(), p.end());
  if (method == Adjustment::none || m <= 1) return out;
  std::vector<std::size_t> order(m);
  std::iota(order.begin(), order.end(), std::size_t{0});
  // Stable: equal p-values keep their input order, so the output does not depend on the sort.
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return p[a] < p[b]; });
  const double md = static_cast<double>(m);
  if (method == Adjustment::holm) {
    double running = 0.0;  // step-down: an adjusted p-value never falls below an earlier one
    for (std::size_t rank = 0; rank < m; ++rank) {
      const double adjusted = std::min(1.0, (md - static_cast<double>(rank)) * p[order[rank]]);
      running = std::max(running, adjusted);
      out[order[rank]] = running;
    }
  } else {  // Benjamini-Hochberg, step-up: from the largest p-value down
    double running = 1.0;
    for (std::size_t rank = m; rank-- > 0;) {
      const double adjusted = std::min(1.0, md * p[order[rank]] / static_cast<double>(rank + 1));
      running = std::min(running, adjusted);
      out[order[rank]] = running;
    }
  }
  return out;
}

void judge_family(std::span<Difference> family, double confidence, Adjustment method) {
  std::vector<double> p;
  std::vector<std::size_t> judged;  // indexes of the comparisons with groups large enough
  for (std::size_t i = 0; i < family.size(); ++i) {
    if (family[i].too_small) continue;
    judged.push_back(i);
    p.push_back(family[i].p);
  }
  const auto adjusted = adjust_p_values(p, method);
  const double alpha = 1.0 - confidence;
  for (std::size_t k = 0; k < judged.size(); ++k) {
    Difference& d = family[judged[k]];
    d.p_adjusted = adjusted[k];
    d.significant = adjusted[k] < alpha;
  }
}

double round_p_value(double p) {
  if (!(p > 0)) return 0.0;
  const double scale = std::pow(10.0, 3 - std::floor(std::log10(p)));
  return std::round(p * scale) / scale;
}

}  // namespace npskit
