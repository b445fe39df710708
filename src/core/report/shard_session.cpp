#include "core/report/shard_session.hpp"

#include "core/report/report_json.hpp"

namespace npskit {

using ojson = nlohmann::ordered_json;
using nlohmann::json;

namespace {
constexpr int kPartialVersion = 1;

ojson tally_counts(const Tally& t) { return t.counts; }
Tally tally_of(const json& j) {
  Tally t;
  if (j.is_array())
    for (std::size_t i = 0; i < t.counts.size() && i < j.size(); ++i) t.counts[i] = j[i].get<std::uint64_t>();
  return t;
}
ojson rejection_json(const Rejection& r) { return {{"line", r.line}, {"column", r.column}, {"value", r.value}, {"reason", r.reason}}; }
Rejection rejection_of(const json& j) {
  return {j.value("line", std::uint64_t{0}), j.value("column", ""), j.value("value", ""), j.value("reason", "")};
}
ojson optional_name(const std::optional<std::string>& s) { return s ? ojson(*s) : ojson(nullptr); }
std::optional<std::string> name_of(const json& j) {
  return j.is_string() ? std::optional<std::string>(j.get<std::string>()) : std::nullopt;
}

ojson partial_json(const ReportPartial& p) {
  if (!p.error.empty()) return {{"partial", kPartialVersion}, {"error", p.error}};
  const auto& s = p.source;
  const auto& c = p.columns;
  const auto& n = p.counts;
  ojson days = ojson::array(), segments = ojson::array(), cross = ojson::array(), rejections = ojson::array(),
        warnings = ojson::array();
  for (const auto& [day, t] : p.days) days.push_back({day, tally_counts(t)});
  for (const auto& column : p.segments) {
    ojson cells = ojson::array();
    for (const auto& [code, t] : column) cells.push_back({code, tally_counts(t)});
    segments.push_back(std::move(cells));
  }
  for (const auto& [key, t] : p.cross) cross.push_back({key, tally_counts(t)});
  for (const auto& r : p.rejections) rejections.push_back(rejection_json(r));
  for (const auto& [i, w] : p.warnings) warnings.push_back({i, rejection_json(w)});
  return {{"partial", kPartialVersion},
          {"source", {{"format", static_cast<int>(s.format)}, {"encoding", static_cast<int>(s.encoding)},
                      {"windows1252_fallback", s.windows1252_fallback}, {"delimiter", static_cast<int>(s.delimiter)},
                      {"header_rows", s.header_rows}, {"bytes", s.bytes}, {"empty_records", s.empty_records},
                      {"json_ignored_keys", s.json_ignored_keys}}},
          {"columns", {{"score", optional_name(c.score)}, {"date", optional_name(c.date)}, {"comment", optional_name(c.comment)},
                       {"id", optional_name(c.id)}, {"email", optional_name(c.email)}, {"name", optional_name(c.name)},
                       {"score_tied_with", c.score_tied_with}, {"segments", c.segments}}},
          {"counts", {n.read, n.valid, n.blank_score, n.rejected, n.filtered_out, n.date_missing, n.date_unreadable, n.duplicates}},
          {"overall", tally_counts(p.overall)},
          {"first_day", p.first_day ? ojson(*p.first_day) : ojson(nullptr)},
          {"days", days},
          {"days_left_out", p.days_left_out},
          {"values", p.values},
          {"segments", segments},
          {"cross_a", p.cross_a},
          {"cross_b", p.cross_b},
          {"cross", cross},
          {"cross_left_out", p.cross_left_out},
          {"rejections", rejections},
          {"rejections_stored", p.rejections_stored},
          {"warnings", warnings},
          {"unreadable_stored", p.unreadable_stored}};
}

// "" or the problem (a partial from another version, or not a partial).
std::string partial_of(const json& j, ReportPartial& p) {
  if (!j.is_object() || j.value("partial", 0) != kPartialVersion) return "not a shard partial of this version";
  if (j.contains("error")) {
    p.error = j["error"].get<std::string>();
    return "";
  }
  try {
    const auto& s = j.at("source");
    p.source.format = static_cast<Format>(s.at("format").get<int>());
    p.source.encoding = static_cast<Encoding>(s.at("encoding").get<int>());
    p.source.windows1252_fallback = s.at("windows1252_fallback").get<bool>();
    p.source.delimiter = static_cast<char>(s.at("delimiter").get<int>());
    p.source.header_rows = s.at("header_rows").get<std::size_t>();
    p.source.bytes = s.at("bytes").get<std::uint64_t>();
    p.source.empty_records = s.at("empty_records").get<std::uint64_t>();
    p.source.json_ignored_keys = s.at("json_ignored_keys").get<std::uint64_t>();
    const auto& c = j.at("columns");
    p.columns.score = name_of(c.at("score"));
    p.columns.date = name_of(c.at("date"));
    p.columns.comment = name_of(c.at("comment"));
    p.columns.id = name_of(c.at("id"));
    p.columns.email = name_of(c.at("email"));
    p.columns.name = name_of(c.at("name"));
    p.columns.score_tied_with = c.at("score_tied_with").get<std::vector<std::string>>();
    p.columns.segments = c.at("segments").get<std::vector<std::string>>();
    const auto n = j.at("counts").get<std::vector<std::uint64_t>>();
    if (n.size() != 8) return "a shard partial's counts are incomplete";
    p.counts = {n[0], n[1], n[2], n[3], n[4], n[5], n[6], n[7]};
    p.overall = tally_of(j.at("overall"));
    if (!j.at("first_day").is_null()) p.first_day = j["first_day"].get<std::int32_t>();
    for (const auto& d : j.at("days")) p.days.emplace_back(d.at(0).get<std::int64_t>(), tally_of(d.at(1)));
    p.days_left_out = j.at("days_left_out").get<std::uint64_t>();
    p.values = j.at("values").get<std::vector<std::vector<std::string>>>();
    for (const auto& column : j.at("segments")) {
      auto& cells = p.segments.emplace_back();
      for (const auto& cell : column) {
        const auto code = cell.at(0).get<std::uint32_t>();
        if (code >= p.values[p.segments.size() - 1].size()) return "a shard partial's segment code is out of range";
        cells.emplace_back(code, tally_of(cell.at(1)));
      }
    }
    if (p.segments.size() != p.values.size()) return "a shard partial's segments do not match its values";
    p.cross_a = j.at("cross_a").get<int>();
    p.cross_b = j.at("cross_b").get<int>();
    const auto columns = static_cast<int>(p.values.size());
    if (p.cross_a >= columns || p.cross_b >= columns) return "a shard partial's cross is out of range";
    for (const auto& cell : j.at("cross")) {
      const auto key = cell.at(0).get<std::uint64_t>();
      if (p.cross_a < 0 || (key >> 32) >= p.values[static_cast<std::size_t>(p.cross_a)].size() ||
          (key & 0xFFFFFFFFu) >= p.values[static_cast<std::size_t>(p.cross_b)].size())
        return "a shard partial's cross code is out of range";
      p.cross.emplace_back(key, tally_of(cell.at(1)));
    }
    p.cross_left_out = j.at("cross_left_out").get<std::uint64_t>();
    for (const auto& r : j.at("rejections")) p.rejections.push_back(rejection_of(r));
    p.rejections_stored = j.at("rejections_stored").get<std::uint64_t>();
    for (const auto& w : j.at("warnings")) p.warnings.emplace_back(w.at(0).get<std::uint64_t>(), rejection_of(w.at(1)));
    p.unreadable_stored = j.at("unreadable_stored").get<std::uint64_t>();
  } catch (const json::exception& e) {
    return std::string("a shard partial is malformed: ") + e.what();
  }
  return "";
}
}  // namespace

ojson plan_json(const ShardPlan& plan) {
  return {{"file_size", plan.file_size},
          {"head_end", plan.head_end},
          {"head_lines", plan.head_lines},
          {"delimiter", static_cast<int>(plan.delimiter)},
          {"starts", plan.starts},
          {"single_reason", plan.single_reason.empty() ? ojson(nullptr) : ojson(plan.single_reason)}};
}

std::string plan_from_json(const json& j, ShardPlan& plan) {
  try {
    plan.file_size = j.at("file_size").get<std::uint64_t>();
    plan.head_end = j.at("head_end").get<std::uint64_t>();
    plan.head_lines = j.at("head_lines").get<std::uint64_t>();
    plan.delimiter = static_cast<char>(j.at("delimiter").get<int>());
    plan.starts = j.at("starts").get<std::vector<std::uint64_t>>();
    plan.single_reason = j.at("single_reason").is_string() ? j["single_reason"].get<std::string>() : "";
  } catch (const json::exception& e) {
    return std::string("not a shard plan: ") + e.what();
  }
  if (plan.starts.empty() || plan.starts.front() != 0 || !std::is_sorted(plan.starts.begin(), plan.starts.end()))
    return "not a shard plan: starts must begin at 0 and ascend";
  return "";
}

ShardSession::ShardSession(IngestOptions options, const ShardPlan& plan, std::size_t shard, const ShardRange& range,
                           const std::string& name)
    : Session(std::move(options)), reader_(*this, plan, shard, range, name) {}

ojson ShardSession::extent_json() const {
  const auto& e = reader_.extent();
  return {{"start", e.start}, {"next", e.next}, {"lines", e.lines},
          {"error", error().empty() ? ojson(nullptr) : ojson(error())}};
}

void ShardSession::settle(std::int64_t line_shift, const std::vector<std::uint32_t>& duplicate_rows) {
  if (line_shift != 0) shift_lines(line_shift);
  drop_rows(duplicate_rows);
}

ojson ShardSession::report_partial(const json& query, std::string_view latest_elsewhere) const {
  SessionQuery q;
  if (auto problem = read_session_query(query, q); !problem.empty()) return {{"partial", kPartialVersion}, {"error", problem}};
  if (q.latest_per_person && !latest_elsewhere.empty())
    q.latest_elsewhere = std::make_shared<const std::vector<std::uint64_t>>(u64_list(latest_elsewhere));
  return partial_json(npskit::report_partial(*this, q));
}

ojson ShardSession::rows_partial(const json& query, std::string_view latest_elsewhere) const {
  SessionQuery q;
  if (auto problem = read_session_query(query, q); !problem.empty()) return {{"error", problem}};
  if (q.latest_per_person && !latest_elsewhere.empty())
    q.latest_elsewhere = std::make_shared<const std::vector<std::uint64_t>>(u64_list(latest_elsewhere));
  q.limit += q.offset;  // the whole page could come from this shard
  q.offset = 0;
  std::vector<std::int32_t> days;
  auto page = rows_for(q, &days);
  if (page.contains("error") || page.contains("not_available")) return page;
  return {{"total", page["total"]}, {"rows", std::move(page["rows"])}, {"days", days}};
}

std::string ShardSession::latest_candidates(const json& query) const {
  SessionQuery q;
  if (!read_session_query(query, q).empty()) return {};
  return npskit::latest_candidates(*this, q);
}

ojson check_shards_json(const ShardPlan& plan, const json& extents) {
  std::vector<ShardExtent> list;
  for (const auto& e : extents)
    list.push_back({e.value("start", std::uint64_t{0}), e.value("next", std::uint64_t{0}), e.value("lines", std::uint64_t{0})});
  const auto check = check_shards(plan, list);
  if (check.reread)
    return {{"reread", *check.reread}, {"range", {{"begin", check.range.begin}, {"end", check.range.end}}}};
  return {{"reread", nullptr}, {"line_shift", check.line_shift}};
}

ojson merge_report(const std::vector<json>& partials, const json& query) {
  SessionQuery q;
  if (auto problem = read_session_query(query, q); !problem.empty()) return {{"error", problem}};
  std::vector<ReportPartial> list(partials.size());
  for (std::size_t k = 0; k < partials.size(); ++k)
    if (auto problem = partial_of(partials[k], list[k]); !problem.empty()) return {{"error", problem}};
  auto m = merge_report_partials(list, q);
  if (!m.error.empty()) return {{"error", m.error}};
  if (!m.inexact.empty()) return {{"cannot_shard_exactly", m.inexact}};
  if (!m.columns.score) m.columns.score = "";  // as Session::report
  return build_report({m.source, m.columns, q.report, m.counts, m.rejections, m.warnings, m.tallies, m.dictionaries});
}

}  // namespace npskit

namespace npskit {

ojson merge_info(const std::vector<ojson>& infos) {
  if (infos.empty()) return {{"error", "no shards"}};
  for (const auto& i : infos)
    if (!i.is_object() || !i.contains("files") || !i["files"].is_array() || i["files"].size() != 1 || !i.contains("segments"))
      return {{"error", "not a shard's info"}};
  ojson out = infos.front();
  auto& file = out["files"][0];
  std::uint64_t rows = 0;
  std::vector<std::vector<std::vector<std::string>>> values(infos.size());
  for (std::size_t k = 0; k < infos.size(); ++k) {
    const auto& f = infos[k]["files"][0];
    rows += infos[k].value("rows", std::uint64_t{0});
    for (const auto& seg : infos[k]["segments"]) values[k].push_back(seg.at("values").get<std::vector<std::string>>());
    if (k == 0) continue;
    auto& source = file["source"];
    if (source.is_object() && f["source"].is_object()) {
      for (const char* key : {"bytes", "empty_records"})
        source[key] = source[key].get<std::uint64_t>() + f["source"][key].get<std::uint64_t>();
      if (f["source"]["encoding"] == "windows-1252") source["encoding"] = "windows-1252";  // some cells were not UTF-8
    }
    for (auto& [key, count] : file["rows"].items()) count = count.get<std::uint64_t>() + f["rows"][key].get<std::uint64_t>();
    if (file["error"].is_null() && !f["error"].is_null()) file["error"] = f["error"];
    const auto& range = infos[k]["date_range"];
    if (!range.is_null()) {
      auto& merged = out["date_range"];
      if (merged.is_null()) merged = range;
      else {  // YYYY-MM-DD labels order as text
        if (range[0].get<std::string>() < merged[0].get<std::string>()) merged[0] = range[0];
        if (range[1].get<std::string>() > merged[1].get<std::string>()) merged[1] = range[1];
      }
    }
  }
  out["rows"] = rows;
  std::vector<const std::vector<std::vector<std::string>>*> lists;
  for (const auto& v : values) lists.push_back(&v);
  auto merged = merge_segment_values(lists);
  if (!merged.inexact.empty()) return {{"cannot_shard_exactly", merged.inexact}};
  for (std::size_t s = 0; s < merged.dictionaries.size(); ++s) {
    ojson list = ojson::array();
    for (std::uint32_t c = 0; c < merged.dictionaries[s].size(); ++c) list.push_back(merged.dictionaries[s].value(c));
    out["segments"][s]["values"] = list;
  }
  return out;
}

}  // namespace npskit

namespace npskit {

ojson merge_rows(const std::vector<ojson>& partials, const json& query) {
  SessionQuery q;
  if (auto problem = read_session_query(query, q); !problem.empty()) return {{"error", problem}};
  struct Listed {
    std::int32_t day;
    std::size_t shard, index;
  };
  std::vector<Listed> listed;
  std::uint64_t total = 0;
  for (std::size_t k = 0; k < partials.size(); ++k) {
    const auto& p = partials[k];
    if (p.contains("error") || p.contains("not_available")) return p;
    if (!p.contains("rows") || !p.contains("days") || p["rows"].size() != p["days"].size()) return {{"error", "not a shard's rows"}};
    total += p["total"].get<std::uint64_t>();
    for (std::size_t i = 0; i < p["days"].size(); ++i) listed.push_back({p["days"][i].get<std::int32_t>(), k, i});
  }
  // As SessionEngine::find_rows: newest first, then in file order (shard, then its own order).
  std::stable_sort(listed.begin(), listed.end(), [](const Listed& a, const Listed& b) { return a.day > b.day; });
  ojson rows = ojson::array();
  for (std::size_t i = q.offset; i < listed.size() && i < q.offset + q.limit; ++i)
    rows.push_back(partials[listed[i].shard]["rows"][listed[i].index]);
  return {{"total", total}, {"offset", q.offset}, {"rows", rows}};
}

}  // namespace npskit
