#include "core/stats/tally.hpp"

namespace npskit {

std::uint64_t Tally::n() const {
  std::uint64_t total = 0;
  for (auto c : counts) total += c;
  return total;
}
std::uint64_t Tally::promoters() const { return counts[9] + counts[10]; }
std::uint64_t Tally::passives() const { return counts[7] + counts[8]; }
std::uint64_t Tally::detractors() const {
  std::uint64_t total = 0;
  for (int s = 0; s <= 6; ++s) total += counts[static_cast<std::size_t>(s)];
  return total;
}
double Tally::nps() const {
  const auto total = n();
  if (total == 0) return 0.0;
  return 100.0 * (static_cast<double>(promoters()) - static_cast<double>(detractors())) /
         static_cast<double>(total);
}

}  // namespace npskit
