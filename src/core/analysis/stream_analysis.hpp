#pragma once
// The one-pass analysis behind `npskit analyze` and `analyze()`: filters each
// row, dictionary-encodes its segments and adds it to the tallies. Holds no rows,
// so memory is flat whatever the file size.
#include <memory>
#include <string>
#include <vector>

#include "core/analysis/accumulator.hpp"
#include "core/analysis/query.hpp"
#include "core/ingest/response_row.hpp"
#include "core/ingest/row_counts.hpp"
#include "core/store/row_filter.hpp"
#include "core/store/segment_dictionary.hpp"
#include "core/text/comment_analytics.hpp"

namespace npskit {

class StreamAnalysis final : public RowSink {
 public:
  explicit StreamAnalysis(ReportOptions options) : options_(std::move(options)) {}

  void on_layout(const Layout& layout) override;
  void on_row(const ResponseRow& row) override;
  void on_rejection(Rejection rejection) override;

  // Non-empty when the options do not fit the file (unknown filter or cross column).
  const std::string& error() const { return error_; }
  const ReportOptions& options() const { return options_; }
  const RowCounts& counts() const { return counts_; }
  const std::vector<Rejection>& rejections() const { return rejections_; }
  // Rows kept in the overall figures but left out of the trend (unreadable date).
  const std::vector<Rejection>& warnings() const { return warnings_; }
  const Accumulator& tallies() const { return acc_; }
  const std::vector<SegmentDictionary>& dictionaries() const { return dicts_; }
  // Null unless options.comments asked for comment analytics.
  const text::CommentAnalytics* comments() const { return comments_.get(); }

 private:
  ReportOptions options_;
  std::string error_;
  RowCounts counts_;
  std::vector<Rejection> rejections_;
  std::vector<Rejection> warnings_;
  std::string date_column_;
  std::vector<SegmentDictionary> dicts_;
  std::vector<std::uint32_t> codes_;
  RowFilter filter_;
  bool no_filter_ = true;  // filter_.empty(), decided once in on_layout (on_row asks it per row)
  Accumulator acc_;
  std::unique_ptr<text::CommentAnalytics> comments_;
};

// Resolves a column name to its position among the layout's segments, or -1.
int segment_position(const Layout& layout, const std::string& column);

}  // namespace npskit
