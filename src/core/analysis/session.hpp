#pragma once
// The dashboard's session: one or more files parsed once into a columnar row
// store in memory; then reports and row lists for any filter, period or segment
// without re-parsing. Files are merged by column name; a response whose id was
// already seen is counted once.
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/analysis/ingest_pipeline.hpp"
#include "core/analysis/row_counts.hpp"
#include "core/analysis/segment_dictionary.hpp"
#include "core/ingest/tallies_reader.hpp"
#include "core/text/comment_analytics.hpp"

namespace npskit {

// Rows as columns: one vector per field, strings in one arena.
class RowStore final : public RowSink {
 public:
  struct Text {
    std::uint32_t offset = 0, length = 0;
  };
  // A text column that costs nothing while every value is empty (most exports have
  // no name or e-mail column): rows past the stored ones read as empty.
  class TextColumn {
   public:
    void push(Text t) {
      if (t.length == 0 && values_.empty()) {
        ++rows_;
        return;
      }
      if (values_.empty()) values_.resize(rows_);
      values_.push_back(t);
      ++rows_;
    }
    Text operator[](std::size_t row) const { return row < values_.size() ? values_[row] : Text{}; }
    // Room for `rows` rows in all, once values are stored (nothing while all are empty).
    void reserve(std::size_t rows) {
      if (!values_.empty()) values_.reserve(rows);
    }

   private:
    std::vector<Text> values_;
    std::size_t rows_ = 0;
  };
  struct FileStats {
    std::string name;
    RowCounts counts;  // read, valid (score ok), blank_score, rejected, duplicates
    Layout layout;
  };
  static constexpr std::int32_t kNoDay = INT32_MIN;
  static constexpr std::int32_t kUnreadableDay = INT32_MIN + 1;
  static constexpr std::size_t kMaxStoredRejections = 100'000;

  void begin_file(std::string name);
  // Room for `rows` more rows and `text_bytes` more kept text, so that a big file
  // does not regrow (copy) every column and rehash the id table on the way.
  void reserve_more(std::size_t rows, std::size_t text_bytes, std::size_t ids);
  std::size_t ids() const { return ids_; }
  void on_layout(const Layout& layout) override;
  void on_row(const ResponseRow& row) override;
  void on_rejection(Rejection rejection) override;

  std::size_t size() const { return score.size(); }
  std::uint64_t records_read() const;  // all files, rejected and duplicate records included
  std::string_view text(Text t) const { return std::string_view(arena).substr(t.offset, t.length); }

  // Columns (public: the session's queries read them directly).
  std::vector<std::int8_t> score;  // 0..10, or -1 when blank
  std::vector<std::int32_t> day;   // days since 1970-01-01, kNoDay or kUnreadableDay
  std::vector<std::uint32_t> line;
  std::vector<std::uint16_t> file;
  TextColumn comment, id, email, name;
  std::vector<std::string> segment_names;
  std::vector<SegmentDictionary> dictionaries;
  std::vector<std::vector<std::uint32_t>> segments;  // [segment][row]
  std::vector<FileStats> files;
  std::vector<std::pair<std::uint16_t, Rejection>> rejections;
  // Rows whose date cell could not be read, with that cell (the first kMaxStoredRejections):
  // the session report lists the kept ones under "warnings", as the streaming report does.
  std::vector<std::pair<std::uint32_t, Text>> unreadable_dates;
  std::string arena;

 private:
  Text keep(std::string_view s);
  bool seen_before(std::uint64_t id_hash);
  void resize_id_table(std::size_t slots);  // a power of two, more than twice the ids
  void refresh_missing_segments();
  std::vector<int> file_segment_slot_;       // this file's segment i -> global segment
  std::vector<std::size_t> missing_segments_;  // global segments this file lacks
  // Hashes of the ids seen, in an open-addressing table (0 = empty slot): one per
  // row, so no node allocation per row.
  std::vector<std::uint64_t> id_slots_ = std::vector<std::uint64_t>(1024, 0);
  std::size_t ids_ = 0;
};

struct ParsedQuery;
// Rows one rows() call returns at most: exports page through them (offset).
inline constexpr std::uint64_t kMaxRowsPerPage = 10'000;

// A session holds raw exports (rows) or tallies files (docs/scale.md), never both:
// the first file's first bytes decide (looks_like_tallies), and a file of the other
// kind is refused. With tallies, report() is the tallies report (filters on segment
// values sum the matching groups), and rows() / comments() say what is not available.
class Session {
 public:
  explicit Session(IngestOptions options) : options_(std::move(options)) {}
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

  nlohmann::ordered_json info() const;
  // query: { period, confidence, cross, filters, maxRejections, latestPerPerson }
  nlohmann::ordered_json report(const nlohmann::json& query) const;
  // query adds: { category, search, withComment, offset, limit,
  //   insights: true  -> each row gets {sentiment: {compound, label}, themes, spans: [{begin, end, theme, text}]}
  //                      (offsets in UTF-16 code units of the comment: JS string indexes),
  //   theme: "name"    -> rows whose comment mentions that theme,
  //   keyphrase: "text" -> rows whose comment contains that phrase (normalized tokens;
  //                      with insights, its spans are in insights.keyphrase_spans),
  //   sentiment: "positive" | "neutral" | "negative",
  //   themes: {...}    -> user theme JSON (docs/comments.md) for the theme filter and insights }
  nlohmann::ordered_json rows(const nlohmann::json& query) const;
  // The "comments" section of the report (docs/comments.md) over the rows the query's
  // filters keep: the same as the streaming report with {comments: true}. query: as
  // report(), plus themes: {...} (user theme JSON). Re-tokenizes every kept comment.
  nlohmann::ordered_json comments(const nlohmann::json& query) const;
  // The theme dictionary in use with that query's `themes`: {"themes": [{name, label, terms}]}.
  nlohmann::ordered_json themes(const nlohmann::json& query) const;

 private:
  std::vector<bool> select(const ParsedQuery& query, RowCounts& counts) const;
  // Parses a query and checks its filter columns exist; "" or the problem.
  std::string parse_checked_query(const nlohmann::json& query, ParsedQuery& q) const;
  // The stored id / e-mail / name column a filter names, or null.
  const RowStore::TextColumn* person_column(const std::string& name) const;
  // The built-in themes merged with the query's `themes` JSON; the last one is cached
  // (with an analyzer built on it) while the JSON is unchanged. Null + error when invalid.
  text::CommentAnalyzer* analyzer_for(const ParsedQuery& query, std::string& error) const;
  mutable std::optional<std::string> themes_key_;
  mutable std::unique_ptr<text::CommentAnalyzer> analyzer_;
  // Per-row insight cache for that dictionary (when it has <= 64 themes), filled by
  // comments() and by the theme / sentiment filters of rows(): the sentiment label
  // (kUnknown: not analyzed yet; kNoWords: empty comment) and a bit per theme.
  static constexpr std::int8_t kUnknown = -2, kNoWords = -1;
  mutable std::vector<std::int8_t> row_label_;
  mutable std::vector<std::uint64_t> row_themes_;
  mutable std::vector<double> row_compound_;  // so comments() need not score a row again
  bool row_cache_usable() const;
  // Rows whose comment holds the keyphrase last filtered on (-1: not looked at yet),
  // so paging through a keyphrase's comments does not re-tokenize every row.
  mutable std::string phrase_key_;
  mutable std::vector<std::int8_t> row_has_phrase_;
  void use_phrase_cache(const std::string& phrase) const;
  void remember(std::size_t row, const text::CommentInsight& insight) const;
  // Tallies mode: the reports come from the tallies alone (no row store).
  nlohmann::ordered_json tallies_report_for(const ParsedQuery& q, bool comments) const;
  nlohmann::ordered_json tallies_info() const;
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
  std::vector<SourceInfo> sources_;
  std::vector<std::string> file_errors_;
  std::string error_;
};

}  // namespace npskit
