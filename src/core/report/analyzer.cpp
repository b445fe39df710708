#include "core/report/analyzer.hpp"

#include "core/report/tallies_report.hpp"
#include "core/report/notices.hpp"
#include "core/report/report_json.hpp"
#include "core/values/trim.hpp"

namespace npskit {

using json = nlohmann::ordered_json;

Analyzer::Analyzer(IngestOptions ingest, ReportOptions report)
    : report_options_(report),
      analysis_(std::move(report)),
      preview_(analysis_),
      pipeline_(std::move(ingest), report_options_.session_preview ? static_cast<RowSink&>(preview_) : analysis_) {}

namespace {
constexpr std::size_t kSniffBytes = 64;  // enough to see "npskit_tallies," or a JSON object's first key
}  // namespace

bool Analyzer::decide() {
  const bool tallies = looks_like_tallies(head_);
  if (more_files_ && !tallies) {
    error_ = "not a tallies file: only tallies files add up (a raw export is analyzed alone)";
    return false;
  }
  if (mode_ == Mode::undecided) mode_ = tallies ? Mode::tallies : Mode::rows;
  std::string head;
  head.swap(head_);
  if (mode_ == Mode::tallies) {
    if (!more_files_) tallies_.begin_file("");
    return tallies_.feed(head);
  }
  return pipeline_.feed(head) && analysis_.error().empty();
}

bool Analyzer::feed(std::string_view bytes) {
  if (!error_.empty()) return false;
  if (!head_decided_) {
    head_.append(bytes);
    if (head_.size() < kSniffBytes) return true;
    head_decided_ = true;
    return decide();
  }
  if (mode_ == Mode::tallies) return tallies_.feed(bytes);
  return pipeline_.feed(bytes) && analysis_.error().empty();
}

bool Analyzer::finish() {
  if (!error_.empty()) return false;
  if (!head_decided_) {
    head_decided_ = true;
    if (!decide()) return false;
  }
  if (mode_ == Mode::tallies) return tallies_.end_file();
  return pipeline_.finish() && analysis_.error().empty();
}

bool Analyzer::next_file() {
  if (mode_ != Mode::tallies) {
    error_ = "only tallies files add up: give one raw export (or turn each into tallies with npskit tally, then merge)";
    return false;
  }
  more_files_ = true;
  head_decided_ = false;
  tallies_.begin_file("");
  return true;
}

const std::string& Analyzer::error() const {
  if (!error_.empty()) return error_;
  if (mode_ == Mode::tallies) {
    fallback_error_ = clip_message(tallies_.error());
    return fallback_error_;
  }
  fallback_error_ = clip_message(pipeline_.failed() ? pipeline_.error() : analysis_.error());
  return fallback_error_;
}

json Analyzer::report() const {
  if (mode_ == Mode::tallies)
    return tallies_report(tallies_.table(), report_options_,
                          {tallies_.files(), tallies_.records(), &tallies_.comment_partials()});
  const auto columns = columns_by_role(pipeline_.layout());
  auto out = build_report({pipeline_.source(), columns, analysis_.options(), analysis_.counts(), analysis_.rejections(),
                           analysis_.warnings(), analysis_.tallies(), analysis_.dictionaries(), analysis_.comments()});
  if (report_options_.session_preview) out["session_preview"] = preview_.json(*report_options_.session_preview, pipeline_, error());
  return out;
}

json Analyzer::inspection(std::size_t records) const {
  if (mode_ == Mode::tallies) {
    const auto& t = tallies_.table();
    return {{"source", {{"format", "tallies"}, {"version", kTalliesVersion}}},
            {"segments", t.segments},
            {"period_unit", unit_name(t.unit)},
            {"groups", t.groups.size()}};
  }
  return inspection_json(pipeline_, records);
}

namespace {
const char* date_order_name(const Layout& L) {
  if (L.date < 0) return nullptr;
  if (L.date_is_unix) return "unix";
  if (L.date_is_serial) return "serial";
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
  out["notices"] = json::array();  // filled below, after the records
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
  auto notices = inspection_notices(L, pipeline.sample(), pipeline.no_score_column());
  for (auto& n : source_notices(pipeline.source())) notices.push_back(std::move(n));
  out["notices"] = notices_json(notices);
  if (pipeline.failed()) out["error"] = pipeline.error();
  return out;
}

}  // namespace npskit
