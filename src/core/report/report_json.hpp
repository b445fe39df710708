#pragma once
// Builds the report object (docs/report.md) from the tallies of an analysis.
#include <nlohmann/json.hpp>
#include <vector>

#include "core/analysis/accumulator.hpp"
#include "core/analysis/columns_by_role.hpp"
#include "core/ingest/pipeline.hpp"
#include "core/analysis/query.hpp"
#include "core/ingest/row_counts.hpp"
#include "core/store/segment_dictionary.hpp"
#include "core/stats/interval.hpp"
#include "core/text/comment_analytics.hpp"

namespace npskit {

struct ReportInputs {
  const SourceInfo& source;
  const ColumnsByRole& columns;  // the columns named, by role (one file's layout, or a session's merged roles)
  const ReportOptions& options;
  const RowCounts& counts;
  const std::vector<Rejection>& rejections;
  const std::vector<Rejection>& warnings;
  const Accumulator& tallies;
  const std::vector<SegmentDictionary>& dictionaries;
  const text::CommentAnalytics* comments = nullptr;  // set when comment analytics ran
};

// Trend points a report lists at most (the latest); earlier ones are counted in
// trend.left_out. 10,000 days is 27 years of daily points.
inline constexpr std::size_t kMaxTrendPoints = 10'000;

nlohmann::ordered_json build_report(const ReportInputs& in);

// The figures of one tally: n, counts, shares, NPS, intervals, histogram.
nlohmann::ordered_json tally_json(const Tally& t, double confidence, bool with_histogram);
nlohmann::ordered_json source_json(const SourceInfo& source);
// A comparison of two groups: diff, z, p, p_adjusted, significant, too_small.
nlohmann::ordered_json difference_json(const Difference& d);
// [low, high] of an interval, two decimals (values/rounding.hpp): the one
// writer of an interval, for the report and its comments section alike.
nlohmann::ordered_json interval_json(const Interval& i);

}  // namespace npskit
