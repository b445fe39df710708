#include "core/analysis/options_json.hpp"

#include "core/report/report_json.hpp"
#include "core/values/datetime.hpp"

namespace npskit {

using nlohmann::json;

namespace {
// Reads an optional string field; records an error naming the field otherwise.
bool read_string(const json& o, const char* key, std::optional<std::string>& out, std::string& error) {
  auto it = o.find(key);
  if (it == o.end() || it->is_null()) return true;
  if (!it->is_string()) {
    error = std::string("option '") + key + "' must be a column name (a string)";
    return false;
  }
  out = it->get<std::string>();
  return true;
}

bool read_day(const json& o, const char* key, std::optional<std::int64_t>& out, std::string& error) {
  std::optional<std::string> text;
  if (!read_string(o, key, text, error)) return false;
  if (!text) return true;
  out = parse_iso_day(*text);
  if (!out) error = std::string("filter '") + key + "' must be a date like 2024-01-31, not '" + *text + "'";
  return out.has_value();
}
}  // namespace

ParsedOptions options_from_json(const json& o) {
  ParsedOptions p;
  std::string& err = p.error;
  if (o.is_null()) return p;
  if (!o.is_object()) {
    err = "options must be an object";
    return p;
  }
  static const char* known[] = {"score", "date", "comment", "id", "email", "name", "segments", "period",
                                "confidence", "utcOffset", "cross", "maxRejections", "filters",
                                "comments", "themes", "sheet", "multipleComparisons"};
  for (auto it = o.begin(); it != o.end(); ++it) {
    bool ok = false;
    for (auto k : known) ok = ok || it.key() == k;
    if (!ok) {
      err = "unknown option '" + it.key() + "'";
      return p;
    }
  }
  auto& cols = p.ingest.columns;
  if (!read_string(o, "score", cols.score, err) || !read_string(o, "date", cols.date, err) ||
      !read_string(o, "comment", cols.comment, err) || !read_string(o, "id", cols.id, err) ||
      !read_string(o, "email", cols.email, err) || !read_string(o, "name", cols.name, err) ||
      !read_string(o, "sheet", p.ingest.sheet, err))
    return p;
  if (auto it = o.find("segments"); it != o.end() && !it->is_null()) {
    if (!it->is_array()) {
      err = "option 'segments' must be a list of column names";
      return p;
    }
    cols.segments.emplace();
    for (const auto& s : *it) {
      if (!s.is_string()) {
        err = "option 'segments' must be a list of column names";
        return p;
      }
      cols.segments->push_back(s.get<std::string>());
    }
  }
  if (auto it = o.find("period"); it != o.end() && !it->is_null()) {
    auto period = it->is_string() ? parse_period(it->get<std::string>()) : std::nullopt;
    if (!period) {
      err = "option 'period' must be day, week, month or quarter";
      return p;
    }
    p.report.period = *period;
    p.report.period_given = true;
  }
  if (auto it = o.find("confidence"); it != o.end() && !it->is_null()) {
    if (!it->is_number() || it->get<double>() <= 0 || it->get<double>() >= 1) {
      err = "option 'confidence' must be a number between 0 and 1, like 0.95";
      return p;
    }
    p.report.confidence = it->get<double>();
  }
  if (auto it = o.find("multipleComparisons"); it != o.end() && !it->is_null()) {
    auto method = it->is_string() ? parse_adjustment(it->get<std::string>()) : std::nullopt;
    if (!method) {
      err = "option 'multipleComparisons' must be holm, bh or none";
      return p;
    }
    p.report.multiple_comparisons = *method;
  }
  if (auto it = o.find("utcOffset"); it != o.end() && !it->is_null()) {
    auto minutes = it->is_string() ? parse_utc_offset(it->get<std::string>()) : std::nullopt;
    if (!minutes) {
      err = "option 'utcOffset' must look like +05:30 or -08:00";
      return p;
    }
    p.ingest.view_utc_offset_minutes = *minutes;
    p.report.utc_offset_text = utc_offset_text(*minutes);
  }
  if (auto it = o.find("cross"); it != o.end() && !it->is_null()) {
    if (!it->is_array() || it->size() != 2 || !(*it)[0].is_string() || !(*it)[1].is_string()) {
      err = "option 'cross' must name two segment columns";
      return p;
    }
    p.report.cross = std::make_pair((*it)[0].get<std::string>(), (*it)[1].get<std::string>());
  }
  if (auto it = o.find("maxRejections"); it != o.end() && !it->is_null()) {
    if (!it->is_number_integer() || it->get<long long>() < 0) {
      err = "option 'maxRejections' must be a whole number >= 0";
      return p;
    }
    p.report.max_rejections = it->get<std::size_t>();
  }
  if (auto it = o.find("comments"); it != o.end() && !it->is_null()) {
    if (!it->is_boolean()) {
      err = "option 'comments' must be true or false";
      return p;
    }
    p.report.comments = it->get<bool>();
  }
  if (auto it = o.find("themes"); it != o.end() && !it->is_null()) {
    if (!it->is_object() && !it->is_array()) {
      err = "option 'themes' must be {\"themes\": [{\"name\": ..., \"terms\": [...]}]}";
      return p;
    }
    p.report.themes_json = it->dump();
    p.report.comments = true;
  }
  if (auto it = o.find("filters"); it != o.end() && !it->is_null()) {
    const json& f = *it;
    if (!f.is_object()) {
      err = "option 'filters' must be an object";
      return p;
    }
    if (!read_day(f, "from", p.report.filters.from_day, err) || !read_day(f, "to", p.report.filters.to_day, err))
      return p;
    if (auto w = f.find("where"); w != f.end() && !w->is_null()) {
      if (!w->is_array()) {
        err = "filter 'where' must be a list of {column, op, value}";
        return p;
      }
      for (const auto& cond : *w) {
        if (!cond.is_object() || !cond.contains("column") || !cond["column"].is_string() || !cond.contains("value") ||
            !cond["value"].is_string()) {
          err = "each 'where' filter needs a column and a value (strings)";
          return p;
        }
        if (cond.contains("op") && !cond["op"].is_string()) {
          err = "filter op must be 'eq' or 'ne'";
          return p;
        }
        const std::string op = cond.value("op", "eq");
        if (op != "eq" && op != "ne") {
          err = "filter op must be 'eq' or 'ne', not '" + op + "'";
          return p;
        }
        p.report.filters.where.push_back({cond["column"].get<std::string>(), op == "eq", cond["value"].get<std::string>()});
      }
    }
  }
  return p;
}

}  // namespace npskit
