#include "core/ingest/tally_table.hpp"

namespace npskit {

bool is_reserved_tallies_column(const std::string& name) {
  if (name == kTalliesMarker || name == kTalliesUnitColumn || name == kTalliesPeriodColumn ||
      name == kTalliesBlankColumn || name == kTalliesRejectedColumn)
    return true;
  for (int s = 0; s <= 10; ++s)
    if (name == "s" + std::to_string(s)) return true;
  return false;
}

std::string unit_name(const std::optional<Period>& unit) { return unit ? std::string(period_name(*unit)) : "none"; }

namespace {
std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ",") + n;
  return out.empty() ? "(none)" : out;
}
}  // namespace

std::string TallyTable::merge(const TallyTable& other) {
  if (other.segments != segments)
    return "tallies by different columns cannot be added: " + joined(segments) + " vs " + joined(other.segments);
  if (other.unit != unit)
    return "tallies by different periods cannot be added: " + unit_name(unit) + " vs " + unit_name(other.unit);
  for (const auto& [key, counts] : other.groups) groups[key] += counts;
  return {};
}

GroupCounts TallyTable::total() const {
  GroupCounts t;
  for (const auto& [key, counts] : groups) t += counts;
  return t;
}

}  // namespace npskit
