#pragma once
// What a report is asked for: period, confidence, filters, cross segments.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/stats/multiple_comparisons.hpp"
#include "core/store/row_filter.hpp"
#include "core/values/civil_date.hpp"

namespace npskit {

struct ReportOptions {
  Period period = Period::month;
  bool period_given = false;  // asked for, not the default (tallies default to their own period)
  double confidence = 0.95;
  // How a family of tests (trend points, a column's segment values) is judged together.
  Adjustment multiple_comparisons = kDefaultAdjustment;
  std::optional<std::pair<std::string, std::string>> cross;
  Filters filters;
  std::size_t max_rejections = 100;
  std::optional<std::string> utc_offset_text;  // echoed in the report
  bool comments = false;  // comment analytics: themes, keyphrases, sentiment (adds time)
  // User themes (docs/comments.md) merged into the built-in ones: the JSON as given,
  // read once (never dumped to text and parsed again).
  std::optional<nlohmann::json> themes;
  // analyze() only (option sessionPreview: {name}): the report also carries
  // "session_preview" (report/session_preview.hpp) for a session of that file name.
  std::optional<std::string> session_preview;
  // sessionPreview.stopEarly: the reader may stop once the preview is known not to be
  // exact (Analyzer::preview_settled), and the caller then takes only the preview's
  // verdict (Analyzer::stopped_preview_json), never the report of a partial read.
  bool session_preview_stops_early = false;
};

}  // namespace npskit
