#include "core/analysis/options_json.hpp"

#include <algorithm>

#include "core/analysis/field_reader.hpp"
#include "core/values/datetime.hpp"

namespace npskit {

using nlohmann::json;

namespace {
bool read_day(FieldReader& r, const char* key, std::optional<std::int64_t>& out) {
  std::optional<std::string> text;
  if (!r.text(key, text, "a date like 2024-01-31")) return false;
  if (!text) return true;
  out = parse_iso_day(*text);
  if (!out) return r.fail(key, "a date like 2024-01-31, not '" + utf8_prefix(*text, 40) + "'");
  return true;
}

bool read_names(FieldReader& r, const char* key, std::optional<std::vector<std::string>>& out, std::size_t max) {
  const auto* v = r.find(key);
  if (!v) return true;
  const std::string what = "a list of at most " + std::to_string(max) + " column names";
  if (!v->is_array() || v->size() > max) return r.fail(key, what);
  out.emplace();
  for (const auto& s : *v) {
    if (!s.is_string()) return r.fail(key, what);
    out->push_back(s.get<std::string>());
  }
  return true;
}
}  // namespace

const std::initializer_list<const char*> kReportOptionKeys = {"period", "confidence", "cross", "maxRejections",
                                                               "filters", "themes", "multipleComparisons"};

bool read_report_options(FieldReader& r, ReportOptions& out) {
  if (const auto* v = r.find("period")) {
    auto period = v->is_string() ? parse_period(v->get<std::string>()) : std::nullopt;
    if (!period) return r.fail("period", "day, week, month or quarter");
    out.period = *period;
    out.period_given = true;  // tallies default to their own period unless one is asked for
  }
  if (const auto* v = r.find("multipleComparisons")) {
    auto method = v->is_string() ? parse_adjustment(v->get<std::string>()) : std::nullopt;
    if (!method) return r.fail("multipleComparisons", "holm, bh or none");
    out.multiple_comparisons = *method;
  }
  if (!r.number_between("confidence", out.confidence, 0, 1, "a number between 0 and 1, like 0.95")) return false;
  if (const auto* v = r.find("cross")) {
    if (!v->is_array() || v->size() != 2 || !(*v)[0].is_string() || !(*v)[1].is_string())
      return r.fail("cross", "two segment column names");
    out.cross = std::make_pair((*v)[0].get<std::string>(), (*v)[1].get<std::string>());
  }
  if (!r.whole("maxRejections", out.max_rejections, kMaxListedRejections)) return false;
  if (const auto* v = r.find("themes")) {
    if (!v->is_object() && !v->is_array()) return r.fail("themes", "{\"themes\": [{\"name\": ..., \"terms\": [...]}]}");
    out.themes = *v;
    out.comments = true;
  }
  if (const auto* f = r.find("filters")) {
    if (!f->is_object()) return r.fail("filters", "an object");
    FieldReader fr(*f, r.noun(), r.prefix() + "filters.");
    if (!fr.only({{"from", "to", "where"}}) || !read_day(fr, "from", out.filters.from_day) ||
        !read_day(fr, "to", out.filters.to_day))
      return r.fail_with(fr);
    if (const auto* w = fr.find("where")) {
      constexpr const char* what = "a list of {column, op: \"eq\" or \"ne\", value} (strings)";
      if (!w->is_array()) return fr.fail("where", what) || r.fail_with(fr);
      for (const auto& cond : *w) {
        if (!cond.is_object()) return fr.fail("where", what) || r.fail_with(fr);
        FieldReader cr(cond, r.noun(), r.prefix() + "filters.where[].");
        std::optional<std::string> column, op, value;
        if (!cr.only({{"column", "op", "value"}}) || !cr.text("column", column) || !cr.text("op", op, "\"eq\" or \"ne\"") ||
            !cr.text("value", value))
          return r.fail_with(cr);
        if (!column) return cr.fail("column", "a column name (a string)") || r.fail_with(cr);
        if (!value) return cr.fail("value", "a string") || r.fail_with(cr);
        if (op && *op != "eq" && *op != "ne") return cr.fail("op", "\"eq\" or \"ne\", not '" + utf8_prefix(*op, 40) + "'") || r.fail_with(cr);
        out.filters.where.push_back({*column, !op || *op == "eq", *value});
      }
    }
  }
  return true;
}

ParsedOptions options_from_json(const json& o) {
  ParsedOptions p;
  if (o.is_null()) return p;
  if (!o.is_object()) {
    p.error = "options must be an object";
    return p;
  }
  FieldReader r(o, "option");
  auto& cols = p.ingest.columns;
  const bool ok =
      r.only({{"score", "date", "comment", "id", "email", "name", "segments", "utcOffset", "comments", "sheet", "sessionPreview"},
              kReportOptionKeys}) &&
      r.text("sheet", p.ingest.sheet, "a sheet name (a string)") &&
      r.text("score", cols.score, "a column name (a string)") && r.text("date", cols.date, "a column name (a string)") &&
      r.text("comment", cols.comment, "a column name (a string)") && r.text("id", cols.id, "a column name (a string)") &&
      r.text("email", cols.email, "a column name (a string)") && r.text("name", cols.name, "a column name (a string)") &&
      read_names(r, "segments", cols.segments, kMaxSegmentColumns) && r.flag("comments", p.report.comments) &&
      read_report_options(r, p.report);
  if (ok) {
    if (const auto* v = r.find("utcOffset")) {
      auto minutes = v->is_string() ? parse_utc_offset(v->get<std::string>()) : std::nullopt;
      if (!minutes) r.fail("utcOffset", "an offset like +05:30 or -08:00");
      else {
        p.ingest.view_utc_offset_minutes = *minutes;
        p.report.utc_offset_text = utc_offset_text(*minutes);
      }
    }
  }
  if (const auto* v = ok ? r.find("sessionPreview") : nullptr) {
    bool valid = v->is_object() && v->contains("name") && (*v)["name"].is_string();
    if (valid)
      for (const auto& [key, value] : v->items())
        if (key != "name" && !(key == "stopEarly" && value.is_boolean())) valid = false;
    if (!valid)
      r.fail("sessionPreview", "{\"name\": the file's name, \"stopEarly\": true or false} (the dashboard's numbers first)");
    else {
      p.report.session_preview = (*v)["name"].get<std::string>();
      p.report.session_preview_stops_early = v->value("stopEarly", false);
    }
  }
  // "themes" implies comment analytics, even with comments: false before it.
  if (p.report.themes) p.report.comments = true;
  p.error = r.error();
  return p;
}

ParsedOptions session_options_from_json(const json& o) {
  // A report option given here would have been dropped in silence (a session is
  // asked per query): refused, saying where it goes.
  if (o.is_object())
    for (auto it = o.begin(); it != o.end(); ++it) {
      if (it->is_null()) continue;
      const std::string& key = it.key();
      if (key == "sessionPreview") {
        ParsedOptions p;
        p.error = "option 'sessionPreview' is for analyze() (the dashboard's numbers first), not for a session";
        return p;
      }
      const bool per_query = key == "comments" || std::any_of(kReportOptionKeys.begin(), kReportOptionKeys.end(),
                                                              [&](const char* k) { return key == k; });
      if (per_query) {
        ParsedOptions p;
        p.error = "option '" + key + "' is asked per query (report, rows, comments), not when a session is opened";
        return p;
      }
    }
  return options_from_json(o);
}

}  // namespace npskit
