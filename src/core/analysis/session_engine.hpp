#pragma once
// The dashboard's session, below its JSON face (report/session.hpp): one or more
// files parsed once into a RowStore (store/row_store.hpp), then queries answered
// as partials (row counts, tallies, comment analytics, pages of row indexes) for
// any filter, period or segment without re-parsing.
//
// A session holds raw exports (rows) or tallies files (docs/scale.md), never both:
// the first file's first bytes decide (looks_like_tallies), and a file of the other
// kind is refused.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/analysis/accumulator.hpp"
#include "core/analysis/columns_by_role.hpp"
#include "core/analysis/insight_cache.hpp"
#include "core/analysis/session_query.hpp"
#include "core/ingest/pipeline.hpp"
#include "core/ingest/row_counts.hpp"
#include "core/ingest/tallies_reader.hpp"
#include "core/store/row_filter.hpp"
#include "core/store/row_store.hpp"
#include "core/text/comment_analytics.hpp"

namespace npskit {

class SessionEngine {
 public:
  explicit SessionEngine(IngestOptions options) : options_(std::move(options)) {}
  // expected_bytes: the file's size when known (0 if not); it lets the session
  // reserve memory for the whole file once the first megabytes show its density.
  bool begin_file(const std::string& name, std::uint64_t expected_bytes = 0);
  bool feed(std::string_view bytes);
  bool end_file();
  // An .xlsx workbook, after begin_file: see IngestPipeline::begin_workbook.
  bool begin_workbook(std::uint64_t file_size);
  const ZipRequest* zip_request();
  void end_zip_request();  // false when the file was unusable (error() says why); the session stays usable
  const std::string& error() const { return error_; }
  std::uint64_t records_read() const { return tallies_mode() ? tallies_.records() : store_.records_read(); }  // for progress bars
  bool tallies_mode() const { return mode_ == Mode::tallies; }

  // What was read, for the JSON face.
  const RowStore& store() const { return store_; }
  const std::vector<SourceInfo>& sources() const { return sources_; }
  const std::vector<std::string>& file_errors() const { return file_errors_; }
  const TalliesReader& tallies() const { return tallies_; }
  const std::vector<std::uint64_t>& tallies_lines() const { return tallies_lines_; }  // per file

  // Rows mode. The query's filter compiled against the store's columns (the one
  // RowFilter); "" or the problem (an unknown filter column).
  std::string compile_filter(const SessionQuery& q, RowFilter& filter) const;
  // The rows the query keeps (valid score, filters, latest per person); counts gets
  // valid, filtered_out and (latest per person) duplicates. One byte per row (1 =
  // kept): cheaper to write and read than std::vector<bool>'s bits.
  std::vector<std::uint8_t> select(const SessionQuery& q, const RowFilter& filter, RowCounts& counts) const;

  // The report's partial: row counts (every file's, then the query's), the tallies
  // of the kept rows, and the rejections / date warnings to list.
  struct Tallies {
    std::string error;
    RowCounts counts;
    Accumulator tallies{0};
    std::vector<Rejection> rejections, warnings;
    // For shards' partials (shard_partial.hpp): filtered_out before latest per
    // person's duplicates are taken out of it, the first kept row's day (where
    // the trend's day window is centred), each warning's index in unreadable_dates.
    std::uint64_t filtered_out_before_latest = 0, latest_duplicates = 0;
    std::optional<std::int32_t> first_day;
    std::vector<std::size_t> warning_index;
  };
  Tallies tally(const SessionQuery& q) const;
  // Latest per person's duplicates leave filtered_out (they are counted as duplicates).
  static void take_latest_duplicates_out(RowCounts& counts, std::uint64_t latest_duplicates);

  // rows(): the kept rows passing the row-list filters (category, search, comment
  // text), newest first; only [offset, offset + limit) is ordered and returned.
  struct RowPage {
    std::string error;
    std::size_t total = 0;
    std::vector<std::size_t> rows;
    text::CommentAnalyzer* analyzer = nullptr;  // set when the query needs comment analysis (insights, text filters)
    std::string phrase;                         // the normalized keyphrase filtered on
  };
  RowPage find_rows(const SessionQuery& q) const;

  // comments(): the comment analytics of the kept rows (themes of the query).
  struct Comments {
    std::string error;
    std::unique_ptr<text::CommentAnalytics> analytics;
  };
  Comments comment_analytics(const SessionQuery& q) const;

  // The comment analyzer for the query's themes (cached while they are unchanged).
  text::CommentAnalyzer* analyzer_for(const SessionQuery& q, std::string& error) const;

  // For shards (shard_reader.hpp), which read a file's head only to decide its layout:
  // rows and rejections starting on a line <= `line` are not kept. Set before begin_file.
  void skip_rows_through_line(std::uint64_t line) { skip_through_line_ = line; }
  const IngestPipeline* pipeline() const { return pipeline_.get(); }
  SourceInfo& last_source() { return sources_.back(); }
  // The cross-shard id step: these rows (ascending) answer ids an earlier shard
  // holds; they leave the store and count as duplicates (RowStore::drop_rows).
  void drop_rows(const std::vector<std::uint32_t>& rows);
  // A shard's lines counted from its own start: add the lines before it.
  void shift_lines(std::int64_t delta) { store_.shift_lines(delta); }

 private:
  enum class Mode { undecided, rows, tallies };
  Mode mode_ = Mode::undecided;
  bool file_is_tallies_ = false;  // the file being read
  TalliesReader tallies_;
  std::vector<std::uint64_t> tallies_lines_;  // per file: the tallies lines it added (0 when refused)
  std::uint64_t tallies_lines_before_ = 0;
  IngestOptions options_;
  RowStore store_;
  // Size hint of the file being read (begin_file) and what its first bytes gave.
  std::uint64_t expected_bytes_ = 0, fed_bytes_ = 0;
  std::size_t rows_at_begin_ = 0, text_at_begin_ = 0, ids_at_begin_ = 0;
  bool reserved_ = false;
  std::unique_ptr<IngestPipeline> pipeline_;
  std::uint64_t skip_through_line_ = 0;
  std::unique_ptr<RowSink> gate_;  // between the pipeline and the store while lines are skipped
  std::vector<SourceInfo> sources_;
  std::vector<std::string> file_errors_;
  std::string error_;
  // Queries are const; what they learn of the comments is remembered here.
  mutable InsightCache cache_;
};

}  // namespace npskit
