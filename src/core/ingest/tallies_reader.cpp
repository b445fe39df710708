#include "core/ingest/tallies_reader.hpp"

#include <nlohmann/json.hpp>

#include "core/values/trim.hpp"

namespace npskit {

namespace {
constexpr std::string_view kBom = "\xEF\xBB\xBF";

std::string_view skip_bom_and_space(std::string_view s) {
  if (s.substr(0, 3) == kBom) s.remove_prefix(3);
  while (!s.empty() && (s[0] == ' ' || s[0] == '\t' || s[0] == '\r' || s[0] == '\n')) s.remove_prefix(1);
  return s;
}

// A count cell: digits only (a JSON number arrives here as its text).
std::optional<std::uint64_t> parse_count(std::string_view s) {
  s = trim_ascii(s);
  if (s.empty()) return std::uint64_t{0};  // an optional count left empty
  if (s.size() > 19) return std::nullopt;  // past 10^19 - 1: not a count this format carries
  std::uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return v;
}
}  // namespace

bool looks_like_tallies(std::string_view head) {
  const auto s = skip_bom_and_space(head);
  const std::string_view marker = kTalliesMarker;
  auto cell_ends = [&](std::size_t at) {
    return at < s.size() && (s[at] == ',' || s[at] == ';' || s[at] == '\t' || s[at] == '|' || s[at] == '\r' || s[at] == '\n');
  };
  if (s.substr(0, marker.size()) == marker && cell_ends(marker.size())) return true;
  if (s.size() > marker.size() + 2 && s[0] == '"' && s.substr(1, marker.size()) == marker && s[marker.size() + 1] == '"')
    return true;
  if (!s.empty() && (s[0] == '[' || s[0] == '{')) {
    // The first object's keys are within its first line or two; 4 KB is plenty.
    const auto start = head.substr(0, 4096);
    return start.find("\"npskit_tallies\"") != std::string_view::npos || start.find("\"npskit_partial\"") != std::string_view::npos;
  }
  return false;
}

void TalliesReader::begin_file(std::string name) {
  name_ = std::move(name);
  kind_ = Kind::unknown;
  csv_.reset();
  json_.clear();
  have_header_ = false;
  head_.clear();
  unit_seen_ = false;
  file_ = TallyTable{};
  error_.clear();
}

bool TalliesReader::fail(std::uint64_t line, const std::string& why) {
  if (error_.empty())
    error_ = (name_.empty() ? std::string() : name_ + ": ") + (line ? "line " + std::to_string(line) + ": " : std::string()) + why;
  return false;
}

bool TalliesReader::feed(std::string_view bytes) {
  if (!error_.empty()) return false;
  if (kind_ == Kind::unknown) {
    // CSV or JSON, and the CSV delimiter, are read off the file's first bytes,
    // which may arrive in pieces of any size: hold them until they say (so a
    // file reads the same whole or in chunks).
    head_.append(bytes);
    return start(false);
  }
  return feed_known(bytes);
}

bool TalliesReader::start(bool at_end) {
  std::string_view h = head_;
  const std::string_view bom = kBom;
  if (!at_end && h.size() < bom.size() && bom.substr(0, h.size()) == h) return true;  // maybe a BOM, cut short
  if (h.substr(0, bom.size()) == bom) h.remove_prefix(bom.size());
  const auto s = skip_bom_and_space(h);
  // Decided by the first non-space byte, and for CSV by the byte after the
  // marker (quoted or not); past kMaxHeadBytes of leading space, by what is here.
  const std::size_t at = std::string_view(kTalliesMarker).size() + (!s.empty() && s[0] == '"' ? 2 : 0);
  const bool enough = !s.empty() && (s[0] == '[' || s[0] == '{' || s.size() > at || s.find('\n') != std::string_view::npos);
  if (!enough && !at_end && head_.size() < kMaxHeadBytes) return true;
  if (s.empty()) {
    head_.clear();
    return true;  // nothing but space: end_file says the file is empty
  }
  if (s[0] == '[' || s[0] == '{') {
    kind_ = Kind::json;
  } else {
    kind_ = Kind::csv;
    const char delimiter = at < s.size() ? s[at] : ',';
    csv_ = std::make_unique<CsvReader>(delimiter == ';' || delimiter == '\t' || delimiter == '|' ? delimiter : ',');
  }
  const std::string held = std::string(h);
  head_.clear();
  return feed_known(held);
}

bool TalliesReader::feed_known(std::string_view bytes) {
  if (kind_ == Kind::json) {
    if (json_.size() + bytes.size() > kMaxJsonBytes) return fail(0, "JSON tallies larger than 1 GB: write them as CSV");
    json_.append(bytes);
    return true;
  }
  csv_->feed(bytes, [this](const CsvRecord& r) { on_csv(r); });
  return error_.empty();
}

void TalliesReader::on_csv(const CsvRecord& r) {
  if (!error_.empty()) return;
  if (r.over_limit != CsvLimit::none) {
    fail(r.line, "record too large for a tallies line");
    return;
  }
  if (r.unterminated_quote) {
    fail(r.line, "unterminated quoted field at end of file");
    return;
  }
  std::vector<std::string> cells(r.fields.begin(), r.fields.end());
  if (!have_header_) {
    if (!cells.empty() && cells[0].substr(0, 3) == kBom) cells[0].erase(0, 3);
    header(cells, r.line);
    return;
  }
  if (cells.size() == 1 && trim_ascii(cells[0]).empty()) return;  // a blank line
  if (cells.size() != columns_.size()) {
    fail(r.line, "has " + std::to_string(cells.size()) + " fields; the header has " + std::to_string(columns_.size()));
    return;
  }
  group(cells, r.line);
}

bool TalliesReader::header(const std::vector<std::string>& names, std::uint64_t line) {
  have_header_ = true;
  columns_.clear();
  for (const auto& n : names) columns_.emplace_back(trim_ascii(n));
  if (columns_.empty() || columns_[0] != kTalliesMarker)
    return fail(line, std::string("not a tallies file: the first column must be '") + kTalliesMarker + "'");
  unit_col_ = period_col_ = blank_col_ = rejected_col_ = -1;
  for (int& c : score_col_) c = -1;
  segment_cols_.clear();
  file_.segments.clear();
  for (std::size_t i = 1; i < columns_.size(); ++i) {
    const auto& n = columns_[i];
    const int at = static_cast<int>(i);
    for (std::size_t j = 0; j < i; ++j)
      if (columns_[j] == n) return fail(line, "column '" + n + "' appears twice");
    if (n == kTalliesUnitColumn) unit_col_ = at;
    else if (n == kTalliesPeriodColumn) period_col_ = at;
    else if (n == kTalliesBlankColumn) blank_col_ = at;
    else if (n == kTalliesRejectedColumn) rejected_col_ = at;
    else if (n.size() >= 2 && n.size() <= 3 && n[0] == 's' && is_reserved_tallies_column(n)) score_col_[std::stoi(n.substr(1))] = at;
    else if (n.empty()) return fail(line, "column " + std::to_string(i + 1) + " has no name");
    else {
      segment_cols_.push_back(at);
      file_.segments.push_back(n);
    }
  }
  if (unit_col_ < 0) return fail(line, std::string("missing column '") + kTalliesUnitColumn + "'");
  if (period_col_ < 0) return fail(line, std::string("missing column '") + kTalliesPeriodColumn + "'");
  for (int s = 0; s <= 10; ++s)
    if (score_col_[s] < 0) return fail(line, "missing column 's" + std::to_string(s) + "' (the count of score " + std::to_string(s) + ")");
  return true;
}

bool TalliesReader::group(const std::vector<std::string>& cells, std::uint64_t line) {
  ++records_;
  const auto version = trim_ascii(cells[0]);
  if (version != std::to_string(kTalliesVersion))
    return fail(line, std::string(kTalliesMarker) + " is '" + std::string(version) + "': this npskit reads version " +
                          std::to_string(kTalliesVersion));
  const auto unit_text = std::string(trim_ascii(cells[static_cast<std::size_t>(unit_col_)]));
  std::optional<Period> unit;
  if (unit_text != "none") {
    unit = parse_period(unit_text);
    if (!unit || unit_text != period_name(*unit))
      return fail(line, "period_unit is '" + unit_text + "': day, week, month, quarter or none");
  }
  if (!unit_seen_) {
    unit_seen_ = true;
    file_.unit = unit;
  } else if (unit != file_.unit) {
    return fail(line, "period_unit '" + unit_text + "' differs from the lines before ('" + unit_name(file_.unit) + "')");
  }
  GroupKey key;
  const auto period_text = trim_ascii(cells[static_cast<std::size_t>(period_col_)]);
  if (!period_text.empty()) {
    // Engines may print a date as a timestamp at midnight: take its day part.
    auto day_text = period_text.substr(0, 10);
    const auto rest = period_text.substr(day_text.size());
    const bool midnight = rest.empty() || rest == " 00:00:00" || rest == "T00:00:00" || rest == " 00:00:00.000" ||
                          rest == "T00:00:00.000" || rest == "T00:00:00Z" || rest == " 00:00:00+00";
    const auto day = midnight ? parse_iso_day(day_text) : std::nullopt;
    if (!day) return fail(line, "period '" + std::string(period_text) + "' is not a date (YYYY-MM-DD)");
    if (!unit) return fail(line, "period '" + std::string(period_text) + "' given but period_unit is none");
    if (period_start(*day, *unit) != *day)
      return fail(line, "period '" + std::string(period_text) + "' is not the first day of its " + unit_text +
                            " (expected " + period_label(period_start(*day, *unit), Period::day) + ")");
    key.period = *day;
  }
  for (int c : segment_cols_) key.values.emplace_back(trim_ascii(cells[static_cast<std::size_t>(c)]));
  GroupCounts counts;
  auto count = [&](int col, const char* what) -> std::optional<std::uint64_t> {
    if (col < 0) return std::uint64_t{0};
    auto v = parse_count(cells[static_cast<std::size_t>(col)]);
    if (!v) fail(line, std::string("column '") + what + "' is '" + cells[static_cast<std::size_t>(col)] +
                           "': a count must be a whole number >= 0");
    return v;
  };
  for (int s = 0; s <= 10; ++s) {
    const auto name = "s" + std::to_string(s);
    auto v = count(score_col_[s], name.c_str());
    if (!v) return false;
    counts.scores.add(s, *v);
  }
  auto blank = count(blank_col_, kTalliesBlankColumn);
  if (!blank) return false;
  auto rejected = count(rejected_col_, kTalliesRejectedColumn);
  if (!rejected) return false;
  counts.blank = *blank;
  counts.rejected = *rejected;
  file_.groups[std::move(key)] += counts;
  return true;
}

bool TalliesReader::parse_json() {
  using nlohmann::ordered_json;
  std::vector<ordered_json> objects;
  auto parsed = ordered_json::parse(json_, nullptr, false);
  if (!parsed.is_discarded()) {
    if (parsed.is_object() && parsed.contains("npskit_partial")) {  // tallies + comment counts
      if (parsed["npskit_partial"] != 1) return fail(0, "npskit_partial is not 1: this npskit reads version 1");
      if (parsed.contains("comments")) comment_partials_.push_back(std::move(parsed["comments"]));
      parsed = parsed.contains("tallies") ? std::move(parsed["tallies"]) : ordered_json::array();
      if (parsed.empty()) return fail(0, "a partial with no tallies (nothing was counted)");
    }
    if (parsed.is_object() && parsed.contains("data")) parsed = parsed["data"];  // ClickHouse FORMAT JSON
    if (parsed.is_object()) objects.push_back(std::move(parsed));
    else if (parsed.is_array()) objects.assign(parsed.begin(), parsed.end());
    else return fail(0, "JSON tallies must be an array of objects");
  } else {  // NDJSON: one object per line
    std::size_t start = 0, line = 0;
    while (start < json_.size()) {
      ++line;
      auto end = json_.find('\n', start);
      if (end == std::string::npos) end = json_.size();
      const auto text = trim_ascii(std::string_view(json_).substr(start, end - start));
      start = end + 1;
      if (text.empty()) continue;
      auto one = ordered_json::parse(text, nullptr, false);
      if (one.is_discarded() || !one.is_object()) return fail(line, "not a JSON object (tallies JSON is an array of objects or one object per line)");
      objects.push_back(std::move(one));
    }
  }
  std::uint64_t line = 0;
  for (const auto& o : objects) {
    ++line;
    if (!o.is_object()) return fail(line, "not a JSON object");
    std::vector<std::string> keys;
    for (auto it = o.begin(); it != o.end(); ++it) keys.push_back(it.key());
    if (!have_header_) {
      if (!header(keys, line)) return false;
    } else if (keys != columns_) {
      return fail(line, "its keys differ from the first object's");
    }
    std::vector<std::string> cells;
    for (auto it = o.begin(); it != o.end(); ++it) {
      const auto& v = it.value();
      if (v.is_null()) cells.emplace_back();
      else if (v.is_string()) cells.push_back(v.get<std::string>());
      else if (v.is_number_integer() || v.is_boolean()) cells.push_back(v.dump());
      else if (v.is_number_float()) {
        const double d = v.get<double>();
        // An engine may type a count as a float (12.0): whole values only.
        if (d >= 0 && d < 1e18 && d == static_cast<double>(static_cast<std::uint64_t>(d))) cells.push_back(std::to_string(static_cast<std::uint64_t>(d)));
        else cells.push_back(v.dump());
      } else return fail(line, "key '" + it.key() + "' holds " + v.type_name() + ", not a value");
    }
    if (!group(cells, line)) return false;
  }
  return true;
}

bool TalliesReader::end_file() {
  if (error_.empty() && kind_ == Kind::unknown) start(true);
  if (error_.empty()) {
    if (kind_ == Kind::csv) csv_->finish([this](const CsvRecord& r) { on_csv(r); });
    else if (kind_ == Kind::json) parse_json();
  }
  if (error_.empty() && !have_header_) fail(0, "empty tallies file");
  if (error_.empty()) {
    // A file with a header but no groups says nothing about the period unit.
    if (files_ > 0 && file_.segments != table_.segments) {
      fail(0, table_.merge(file_));
    } else if (files_ == 0 || table_.groups.empty()) {
      table_ = std::move(file_);
    } else if (!file_.groups.empty()) {
      if (auto problem = table_.merge(file_); !problem.empty()) fail(0, problem);
    }
  }
  file_ = TallyTable{};
  if (error_.empty()) ++files_;
  return error_.empty();
}

}  // namespace npskit
