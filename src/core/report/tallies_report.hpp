#pragma once
// The report (docs/report.md) from tallies instead of rows: the same builder and
// the same statistics (src/core/stats), fed with the groups' Tally sums. What
// needs the rows themselves (comment analytics, the list of rejected rows,
// close-the-loop lists, latest response per person) is marked not available.
#include <nlohmann/json.hpp>
#include <memory>
#include <string>
#include <vector>

#include "core/analysis/query.hpp"
#include "core/ingest/tally_table.hpp"
#include "core/text/comment_analytics.hpp"

namespace npskit {

struct TalliesSource {
  std::size_t files = 0;
  std::uint64_t lines = 0;  // tallies lines read
  // Comment counts of partial files (npskit tally --comments), added up into the
  // report's "comments" section when every file carries them.
  const std::vector<nlohmann::ordered_json>* comment_partials = nullptr;
};

// Unless options.period_given, the trend uses the tallies' own period. The report, or {"error": "..."} when the options do not fit
// the tallies (a period finer than theirs, a filter date inside a period, an
// unknown column).
nlohmann::ordered_json tallies_report(const TallyTable& table, const ReportOptions& options,
                                      const TalliesSource& source);

// The comment partials of every part added up (themes: the built-in ones plus
// options.themes, as the parts were made with). problem is set when they
// cannot be added. comments_json(*analytics, context) is the report's comments section;
// comment_partial_json(*analytics, context) the merged partial.
struct MergedComments {
  std::unique_ptr<text::CommentAnalytics> analytics;
  text::CommentReportContext context;
  std::string problem;
};
MergedComments add_comment_partials(const std::vector<nlohmann::ordered_json>& partials, const TallyTable& table,
                                   const ReportOptions& options);

// Why a row-level feature is missing from a tallies report: one sentence, shown next to it.
inline constexpr const char* kNotAvailableForTallies =
    "not available for tallies: it needs the individual responses; analyze the raw export for it";

}  // namespace npskit
