#include "core/report/tallies_writer.hpp"

#include <nlohmann/json.hpp>

namespace npskit {

namespace {
// RFC 4180: quote a cell holding a delimiter, a quote, a line break or edge spaces.
void put_cell(std::string& out, std::string_view cell) {
  const bool quote = cell.find_first_of(",\"\r\n") != std::string_view::npos ||
                     (!cell.empty() && (cell.front() == ' ' || cell.back() == ' '));
  if (!quote) {
    out.append(cell);
    return;
  }
  out.push_back('"');
  for (char c : cell) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

std::string period_text(const GroupKey& key) { return key.period ? period_label(*key.period, Period::day) : std::string(); }
}  // namespace

std::string tallies_csv(const TallyTable& table) {
  std::string out = std::string(kTalliesMarker) + "," + kTalliesUnitColumn + "," + kTalliesPeriodColumn;
  for (const auto& s : table.segments) {
    out.push_back(',');
    put_cell(out, s);
  }
  for (int s = 0; s <= 10; ++s) out += ",s" + std::to_string(s);
  out += std::string(",") + kTalliesBlankColumn + "," + kTalliesRejectedColumn + "\n";
  const auto unit = unit_name(table.unit);
  for (const auto& [key, counts] : table.groups) {
    out += std::to_string(kTalliesVersion) + "," + unit + "," + period_text(key);
    for (const auto& v : key.values) {
      out.push_back(',');
      put_cell(out, v);
    }
    for (auto c : counts.scores.counts) out += "," + std::to_string(c);
    out += "," + std::to_string(counts.blank) + "," + std::to_string(counts.rejected) + "\n";
  }
  return out;
}

namespace {
nlohmann::ordered_json rows_json(const TallyTable& table) {
  using json = nlohmann::ordered_json;
  json rows = json::array();
  const auto unit = unit_name(table.unit);
  for (const auto& [key, counts] : table.groups) {
    json row;
    row[kTalliesMarker] = kTalliesVersion;
    row[kTalliesUnitColumn] = unit;
    row[kTalliesPeriodColumn] = period_text(key);
    for (std::size_t s = 0; s < table.segments.size(); ++s) row[table.segments[s]] = key.values[s];
    for (int s = 0; s <= 10; ++s) row["s" + std::to_string(s)] = counts.scores.counts[static_cast<std::size_t>(s)];
    row[kTalliesBlankColumn] = counts.blank;
    row[kTalliesRejectedColumn] = counts.rejected;
    rows.push_back(std::move(row));
  }
  return rows;
}
}  // namespace

std::string tallies_json(const TallyTable& table, bool compact) {
  return rows_json(table).dump(compact ? -1 : 1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

std::string partial_json(const TallyTable& table, const nlohmann::ordered_json& comments) {
  nlohmann::ordered_json out = {{"npskit_partial", 1}, {"tallies", rows_json(table)}};
  if (!comments.is_null()) out["comments"] = comments;
  return out.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace npskit
