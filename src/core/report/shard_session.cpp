#include "core/report/shard_session.hpp"

#include <algorithm>

#include "core/analysis/theme_choice.hpp"
#include "core/report/comments_json.hpp"
#include "core/report/report_json.hpp"

namespace npskit {

using ojson = nlohmann::ordered_json;
using nlohmann::json;

namespace {
constexpr int kPartialVersion = 1;

ojson tally_counts(const Tally& t) { return t.counts; }
ojson rejection_json(const Rejection& r) { return {{"line", r.line}, {"column", r.column}, {"value", r.value}, {"reason", r.reason}}; }

// Reads partials without exceptions (the wasm build has none: a throw would abort
// it): a missing key or a wrong type clears ok and yields a null / zero.
struct Checked {
  bool ok = true;
  const json& at(const json& j, const char* key) {
    static const json null;
    if (!j.is_object()) return fail(null);
    auto it = j.find(key);
    return it == j.end() ? fail(null) : *it;
  }
  const json& at(const json& j, std::size_t i) {
    static const json null;
    return j.is_array() && i < j.size() ? j[i] : fail(null);
  }
  const json& array(const json& j) {
    static const json empty = json::array();
    return j.is_array() ? j : fail(empty);
  }
  template <class T>
  T number(const json& j) {
    if (!j.is_number()) return ok = false, T{};
    return j.get<T>();
  }
  std::string text(const json& j) { return j.is_string() ? j.get<std::string>() : (ok = false, std::string()); }
  bool flag(const json& j) { return j.is_boolean() ? j.get<bool>() : (ok = false); }
  std::vector<std::string> texts(const json& j) {
    std::vector<std::string> out;
    for (const auto& v : array(j)) out.push_back(text(v));
    return out;
  }
  Tally tally(const json& j) {
    Tally t;
    if (!j.is_array() || j.size() != t.counts.size()) return ok = false, t;
    for (std::size_t i = 0; i < t.counts.size(); ++i) t.counts[i] = number<std::uint64_t>(j[i]);
    return t;
  }
  Rejection rejection(const json& j) {
    return {number<std::uint64_t>(at(j, "line")), text(at(j, "column")), text(at(j, "value")), text(at(j, "reason"))};
  }

 private:
  const json& fail(const json& v) {
    ok = false;
    return v;
  }
};
ojson optional_name(const std::optional<std::string>& s) { return s ? ojson(*s) : ojson(nullptr); }
std::optional<std::string> name_of(const json& j, Checked& c) {
  if (j.is_null()) return std::nullopt;
  return c.text(j);
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
          {"latest_duplicates", p.latest_duplicates},
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
  if (!j.is_object() || !j.contains("partial") || j["partial"] != kPartialVersion) return "not a shard partial of this version";
  Checked c;
  if (j.contains("error")) {
    p.error = c.text(j["error"]);
    return c.ok ? "" : "a shard partial is malformed";
  }
  const auto& s = c.at(j, "source");
  p.source.format = static_cast<Format>(std::clamp(c.number<int>(c.at(s, "format")), 0, static_cast<int>(Format::xlsx)));
  p.source.encoding = static_cast<Encoding>(std::clamp(c.number<int>(c.at(s, "encoding")), 0, static_cast<int>(Encoding::utf16be)));
  p.source.windows1252_fallback = c.flag(c.at(s, "windows1252_fallback"));
  p.source.delimiter = static_cast<char>(c.number<int>(c.at(s, "delimiter")));
  p.source.header_rows = c.number<std::size_t>(c.at(s, "header_rows"));
  p.source.bytes = c.number<std::uint64_t>(c.at(s, "bytes"));
  p.source.empty_records = c.number<std::uint64_t>(c.at(s, "empty_records"));
  p.source.json_ignored_keys = c.number<std::uint64_t>(c.at(s, "json_ignored_keys"));
  const auto& cols = c.at(j, "columns");
  p.columns.score = name_of(c.at(cols, "score"), c);
  p.columns.date = name_of(c.at(cols, "date"), c);
  p.columns.comment = name_of(c.at(cols, "comment"), c);
  p.columns.id = name_of(c.at(cols, "id"), c);
  p.columns.email = name_of(c.at(cols, "email"), c);
  p.columns.name = name_of(c.at(cols, "name"), c);
  p.columns.score_tied_with = c.texts(c.at(cols, "score_tied_with"));
  p.columns.segments = c.texts(c.at(cols, "segments"));
  const auto& n = c.array(c.at(j, "counts"));
  if (n.size() != 8) return "a shard partial's counts are incomplete";
  p.counts = {c.number<std::uint64_t>(n[0]), c.number<std::uint64_t>(n[1]), c.number<std::uint64_t>(n[2]),
              c.number<std::uint64_t>(n[3]), c.number<std::uint64_t>(n[4]), c.number<std::uint64_t>(n[5]),
              c.number<std::uint64_t>(n[6]), c.number<std::uint64_t>(n[7])};
  p.latest_duplicates = c.number<std::uint64_t>(c.at(j, "latest_duplicates"));
  p.overall = c.tally(c.at(j, "overall"));
  if (const auto& d = c.at(j, "first_day"); !d.is_null()) p.first_day = c.number<std::int32_t>(d);
  for (const auto& d : c.array(c.at(j, "days"))) p.days.emplace_back(c.number<std::int64_t>(c.at(d, std::size_t{0})), c.tally(c.at(d, 1)));
  p.days_left_out = c.number<std::uint64_t>(c.at(j, "days_left_out"));
  for (const auto& column : c.array(c.at(j, "values"))) p.values.push_back(c.texts(column));
  for (const auto& column : c.array(c.at(j, "segments"))) {
    auto& cells = p.segments.emplace_back();
    if (p.segments.size() > p.values.size()) return "a shard partial's segments do not match its values";
    for (const auto& cell : c.array(column)) {
      const auto code = c.number<std::uint32_t>(c.at(cell, std::size_t{0}));
      if (code >= p.values[p.segments.size() - 1].size()) return "a shard partial's segment code is out of range";
      cells.emplace_back(code, c.tally(c.at(cell, 1)));
    }
  }
  if (p.segments.size() != p.values.size()) return "a shard partial's segments do not match its values";
  p.cross_a = c.number<int>(c.at(j, "cross_a"));
  p.cross_b = c.number<int>(c.at(j, "cross_b"));
  const auto columns = static_cast<int>(p.values.size());
  if (p.cross_a >= columns || p.cross_b >= columns || (p.cross_a < 0) != (p.cross_b < 0)) return "a shard partial's cross is out of range";
  for (const auto& cell : c.array(c.at(j, "cross"))) {
    const auto key = c.number<std::uint64_t>(c.at(cell, std::size_t{0}));
    if (p.cross_a < 0 || (key >> 32) >= p.values[static_cast<std::size_t>(p.cross_a)].size() ||
        (key & 0xFFFFFFFFu) >= p.values[static_cast<std::size_t>(p.cross_b)].size())
      return "a shard partial's cross code is out of range";
    p.cross.emplace_back(key, c.tally(c.at(cell, 1)));
  }
  p.cross_left_out = c.number<std::uint64_t>(c.at(j, "cross_left_out"));
  for (const auto& r : c.array(c.at(j, "rejections"))) p.rejections.push_back(c.rejection(r));
  p.rejections_stored = c.number<std::uint64_t>(c.at(j, "rejections_stored"));
  for (const auto& w : c.array(c.at(j, "warnings"))) p.warnings.emplace_back(c.number<std::uint64_t>(c.at(w, std::size_t{0})), c.rejection(c.at(w, 1)));
  p.unreadable_stored = c.number<std::uint64_t>(c.at(j, "unreadable_stored"));
  return c.ok ? "" : "a shard partial is malformed";
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
  Checked c;
  plan.file_size = c.number<std::uint64_t>(c.at(j, "file_size"));
  plan.head_end = c.number<std::uint64_t>(c.at(j, "head_end"));
  plan.head_lines = c.number<std::uint64_t>(c.at(j, "head_lines"));
  plan.delimiter = static_cast<char>(c.number<int>(c.at(j, "delimiter")));
  plan.starts.clear();
  for (const auto& v : c.array(c.at(j, "starts"))) plan.starts.push_back(c.number<std::uint64_t>(v));
  const auto& why = c.at(j, "single_reason");
  plan.single_reason = why.is_string() ? why.get<std::string>() : "";
  if (!c.ok) return "not a shard plan (planJson gives one)";
  if (plan.starts.empty() || plan.starts.front() != 0 || !std::is_sorted(plan.starts.begin(), plan.starts.end()) ||
      plan.starts.size() > kMaxShards)
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
    q.latest_elsewhere = std::make_shared<const std::vector<std::uint32_t>>(u32_list(latest_elsewhere));
  return partial_json(npskit::report_partial(*this, q));
}

ojson ShardSession::rows_partial(const json& query, std::string_view latest_elsewhere) const {
  SessionQuery q;
  if (auto problem = read_session_query(query, q); !problem.empty()) return {{"error", problem}};
  if (q.latest_per_person && !latest_elsewhere.empty())
    q.latest_elsewhere = std::make_shared<const std::vector<std::uint32_t>>(u32_list(latest_elsewhere));
  q.limit += q.offset;  // the whole page could come from this shard
  q.offset = 0;
  std::vector<std::int32_t> days;
  auto page = rows_for(q, &days);
  if (page.contains("error") || page.contains("not_available")) return page;
  return {{"total", page["total"]}, {"rows", std::move(page["rows"])}, {"days", days}};
}

ojson ShardSession::comments_partial(const json& query, std::string_view latest_elsewhere) const {
  SessionQuery q;
  if (auto problem = read_session_query(query, q); !problem.empty()) return {{"error", problem}};
  if (q.latest_per_person && !latest_elsewhere.empty())
    q.latest_elsewhere = std::make_shared<const std::vector<std::uint32_t>>(u32_list(latest_elsewhere));
  auto result = comment_analytics(q);
  if (!result.analytics) return {{"error", result.error}};
  text::CommentReportContext context;
  context.segment_columns = store().segment_names;
  context.segment_values = segment_values_text(store().dictionaries);
  auto partial = comment_partial_json(*result.analytics, context);
  // Its "segments" lists only the columns its comments reached (none for a shard
  // without a comment): the merge takes the columns from here.
  partial["segment_columns"] = store().segment_names;
  return partial;
}

std::string ShardSession::person_texts(std::string_view rows) const { return npskit::person_texts(*this, u32_list(rows)); }

std::string ShardSession::latest_candidates(const json& query) const {
  SessionQuery q;
  if (!read_session_query(query, q).empty()) return {};
  return npskit::latest_candidates(*this, q);
}

ojson check_shards_json(const ShardPlan& plan, const json& extents) {
  std::vector<ShardExtent> list;
  Checked c;
  for (const auto& e : c.array(extents))
    list.push_back({c.number<std::uint64_t>(c.at(e, "start")), c.number<std::uint64_t>(c.at(e, "next")),
                    c.number<std::uint64_t>(c.at(e, "lines"))});
  if (!c.ok || list.size() != plan.starts.size()) return {{"error", "the extents must be every shard's extentJson, in order"}};
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

namespace {
// The shape merge_info reads (a shard's Session::info), checked first: no throw.
bool info_shape_ok(const ojson& i, const ojson& first) {
  auto is_count = [](const ojson& v) { return v.is_number_unsigned(); };
  if (!i.is_object() || !i.contains("files") || !i["files"].is_array() || i["files"].size() != 1 || !i.contains("segments") ||
      !i["segments"].is_array() || i["segments"].size() != first["segments"].size() || !is_count(i.value("rows", ojson())))
    return false;
  const auto& f = i["files"][0];
  if (!f.is_object() || !f.contains("rows") || !f["rows"].is_object() || !f.contains("source") || !f.contains("error")) return false;
  for (const auto& [key, v] : f["rows"].items())
    if (!is_count(v) || !first["files"][0]["rows"].contains(key)) return false;
  if (f["rows"].size() != first["files"][0]["rows"].size()) return false;
  if (f["source"].is_object())
    for (const char* key : {"bytes", "empty_records"})
      if (!f["source"].contains(key) || !is_count(f["source"][key])) return false;
  for (const auto& seg : i["segments"]) {
    if (!seg.is_object() || !seg.contains("values") || !seg["values"].is_array()) return false;
    for (const auto& v : seg["values"])
      if (!v.is_string()) return false;
  }
  const auto& range = i.value("date_range", ojson());
  return range.is_null() || (range.is_array() && range.size() == 2 && range[0].is_string() && range[1].is_string());
}
}  // namespace

ojson merge_info(const std::vector<ojson>& infos) {
  if (infos.empty()) return {{"error", "no shards"}};
  for (const auto& i : infos)
    if (!info_shape_ok(i, infos.front())) return {{"error", "not a shard's info"}};
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
    if (source.is_object() && f["source"].is_object() && source.contains("encoding")) {
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
    if (!p.is_object() || !p.contains("rows") || !p.contains("days") || !p.contains("total") || !p["rows"].is_array() ||
        !p["days"].is_array() || p["rows"].size() != p["days"].size() || !p["total"].is_number_unsigned())
      return {{"error", "not a shard's rows"}};
    total += p["total"].get<std::uint64_t>();
    for (std::size_t i = 0; i < p["days"].size(); ++i) {
      if (!p["days"][i].is_number_integer()) return {{"error", "not a shard's rows"}};
      listed.push_back({p["days"][i].get<std::int32_t>(), k, i});
    }
  }
  // As SessionEngine::find_rows: newest first, then in file order (shard, then its own order).
  std::stable_sort(listed.begin(), listed.end(), [](const Listed& a, const Listed& b) { return a.day > b.day; });
  ojson rows = ojson::array();
  for (std::size_t i = q.offset; i < listed.size() && i < q.offset + q.limit; ++i)
    rows.push_back(partials[listed[i].shard]["rows"][listed[i].index]);
  return {{"total", total}, {"offset", q.offset}, {"rows", rows}};
}

}  // namespace npskit

namespace npskit {

ojson merge_comments(const std::vector<ojson>& partials, const json& query) {
  SessionQuery q;
  if (auto problem = read_session_query(query, q); !problem.empty()) return {{"error", problem}};
  std::string problem;
  auto themes = theme_choice(q.report.themes ? &*q.report.themes : nullptr, problem);
  if (!themes) return {{"error", problem}};
  for (const auto& p : partials)
    if (p.is_object() && p.contains("error")) return p;
  // Every shard names the same segment columns in "segment_columns". Its "segments"
  // lists them only once one of its comments was counted (none in a shard without
  // a comment), as one session's answer does: so the merge breaks comments down by
  // segment when some shard counted a comment, never because the first one did.
  std::vector<std::string> columns;
  bool counted = false;
  for (std::size_t k = 0; k < partials.size(); ++k) {
    const auto& p = partials[k];
    if (!p.is_object() || !p.contains("segment_columns") || !p["segment_columns"].is_array())
      return {{"error", "a shard's comments partial does not name its segment columns"}};
    std::vector<std::string> named;
    for (const auto& c : p["segment_columns"]) {
      if (!c.is_string()) return {{"error", "a shard's comments partial names a segment column that is not text"}};
      named.push_back(c.get<std::string>());
    }
    if (k == 0) columns = std::move(named);
    else if (named != columns) return {{"error", "the shards' comments partials name different segment columns"}};
    counted = counted || (p.contains("segments") && p["segments"].is_object() && !p["segments"].empty());
  }
  if (!counted) columns.clear();
  text::CommentAnalyticsOptions options;
  options.period = q.report.period;
  text::CommentAnalytics analytics(std::move(*themes), options);
  std::vector<std::vector<std::string>> values;
  for (const auto& p : partials)
    if (auto problem = analytics.merge_partial(p, columns, values); !problem.empty()) return {{"error", problem}};
  // Which rare phrases a full counter prunes depends on the order they came in.
  if (analytics.keyphrases().pruned())
    return {{"cannot_shard_exactly", "the comments hold more distinct key phrases than the counter keeps, and which rare ones "
                                     "it prunes depends on their order"}};
  // So does which periods the theme trends leave out past their cap: at or past it,
  // a shard or one session may have left some out (analytics.cpp count()).
  const std::size_t max_periods =
      std::max<std::size_t>(1, text::kMaxThemeTrendCells / std::max<std::size_t>(1, analytics.themes().size()));
  if (analytics.periods().size() >= max_periods)
    return {{"cannot_shard_exactly", "the theme trends reach their cap of " + std::to_string(text::kMaxThemeTrendCells) +
                                     " period x theme cells, and which periods they leave out depends on the order they came in"}};
  text::CommentReportContext context;
  context.confidence = q.report.confidence;
  context.multiple_comparisons = q.report.multiple_comparisons;
  context.segment_columns = columns;
  context.segment_values = std::move(values);
  context.segment_values.resize(columns.size());
  return comments_json(analytics, context);
}

}  // namespace npskit
