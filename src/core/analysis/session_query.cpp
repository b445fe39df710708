#include "core/analysis/session_query.hpp"

#include <limits>
#include <vector>

#include "core/analysis/field_reader.hpp"
#include "core/analysis/options_json.hpp"
#include "core/text/sentiment.hpp"
#include "core/values/ascii.hpp"

namespace npskit {

using nlohmann::json;

namespace {
const std::initializer_list<const char*> kQueryOnlyKeys = {"latestPerPerson", "category", "search", "withComment", "offset",
                                                          "limit", "insights", "theme", "keyphrase", "sentiment", "segments"};
}  // namespace

// The one reader of session queries (report, rows, comments, themes): the report
// fields every face shares (read_report_options) plus the row-list fields; every
// field type- and range-checked, unknown fields refused, messages naming the
// field ("query field 'withComment' must be true or false").
std::string read_session_query(const json& q, SessionQuery& out) {
  if (q.is_null()) return {};
  if (!q.is_object()) return "a query must be an object";
  FieldReader r(q, "query field");
  std::optional<std::vector<std::string>> segments;  // sent by the dashboard; every segment is reported anyway
  std::optional<std::string> category, search;
  if (!r.only({kReportOptionKeys, kQueryOnlyKeys}) || !read_report_options(r, out.report) ||
      !r.flag("latestPerPerson", out.latest_per_person) || !r.text("category", category, "detractor, passive or promoter") ||
      !r.text("search", search) || !r.flag("withComment", out.with_comment) ||
      !r.whole("offset", out.offset, std::numeric_limits<std::uint32_t>::max()) ||
      !r.whole("limit", out.limit, kMaxRowsPerPage) || !r.flag("insights", out.insights) ||
      !r.text("theme", out.theme) || !r.text("keyphrase", out.keyphrase))
    return r.error();
  if (const auto* v = r.find("segments")) {
    if (!v->is_array()) return r.fail("segments", "a list of column names"), r.error();
    for (const auto& s : *v)
      if (!s.is_string()) return r.fail("segments", "a list of column names"), r.error();
  }
  if (category) {
    out.category = *category == "detractor" ? 0 : *category == "passive" ? 1 : *category == "promoter" ? 2 : -2;
    if (out.category == -2) return r.fail("category", "detractor, passive or promoter"), r.error();
  }
  if (search) out.search = lower_ascii(*search);
  std::optional<std::string> sentiment;
  if (!r.text("sentiment", sentiment, "positive, neutral or negative")) return r.error();
  if (sentiment) {
    const auto& v = *sentiment;
    out.sentiment = v == "negative" ? static_cast<int>(text::SentimentLabel::negative)
                    : v == "neutral" ? static_cast<int>(text::SentimentLabel::neutral)
                    : v == "positive" ? static_cast<int>(text::SentimentLabel::positive) : -2;
    if (out.sentiment == -2) return r.fail("sentiment", "positive, neutral or negative"), r.error();
  }
  return {};
}

}  // namespace npskit
