#include "core/analysis/analyzer.hpp"

#include "core/report/report_json.hpp"
#include "core/values/trim.hpp"

namespace npskit {

using json = nlohmann::ordered_json;

Analyzer::Analyzer(IngestOptions ingest, ReportOptions report)
    : analysis_(std::move(report)), pipeline_(std::move(ingest), analysis_) {}

bool Analyzer::feed(std::string_view bytes) { return pipeline_.feed(bytes) && analysis_.error().empty(); }
bool Analyzer::finish() { return pipeline_.finish() && analysis_.error().empty(); }

const std::string& Analyzer::error() const {
  error_ = clip_message(pipeline_.failed() ? pipeline_.error() : analysis_.error());
  return error_;
}

json Analyzer::report() const {
  return build_report({pipeline_.source(), pipeline_.layout(), analysis_.options(), analysis_.counts(),
                       analysis_.rejections(), analysis_.warnings(), analysis_.tallies(), analysis_.dictionaries(),
                       analysis_.comments()});
}

json Analyzer::inspection(std::size_t records) const { return inspection_json(pipeline_, records); }

namespace {
const char* date_order_name(const Layout& L) {
  if (L.date < 0) return nullptr;
  if (L.date_is_unix) return "unix";
  switch (L.date_order) {
    case DateOrder::day_first: return "day_first";
    case DateOrder::month_first: return "month_first";
    case DateOrder::unknown: break;
  }
  return "unknown";
}
}  // namespace

json inspection_json(const IngestPipeline& pipeline, std::size_t records) {
  const auto& L = pipeline.layout();
  json out;
  out["source"] = source_json(pipeline.source());
  json columns = json::array();
  for (std::size_t i = 0; i < L.columns.size(); ++i) {
    const auto& c = L.columns[i];
    columns.push_back({{"index", i}, {"name", c.name}, {"header", c.header_text}, {"role", role_name(c.role)}, {"why", c.why}});
  }
  out["columns"] = columns;
  const char* order = date_order_name(L);
  out["date_format"] = order ? json(order) : json(nullptr);
  json header = json::array();
  json list = json::array();
  std::size_t headers_left = L.header_rows;
  for (const auto& r : pipeline.sample()) {
    if (headers_left > 0 && r.error.empty()) {
      header.push_back({{"line", r.line}, {"cells", r.fields}});
      --headers_left;
      continue;
    }
    if (list.size() >= records) continue;
    json fields = json::object();
    for (std::size_t i = 0; i < r.fields.size() && i < L.columns.size(); ++i) fields[L.columns[i].name] = r.fields[i];
    json rec = {{"line", r.line}, {"fields", fields}};
    if (!r.error.empty()) rec["error"] = r.error;
    if (r.fields.size() > L.columns.size()) rec["extra_fields"] = r.fields.size() - L.columns.size();
    list.push_back(std::move(rec));
  }
  out["header_rows"] = header;
  out["records"] = list;
  return out;
}

}  // namespace npskit
