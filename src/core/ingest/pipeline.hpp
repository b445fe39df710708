#pragma once
// Bytes in, ResponseRows out: decode (BOM, UTF-16, Windows-1252 fallback), sniff
// the format (CSV delimiter / JSON / NDJSON), read records, decide the layout
// from a sample of the first records, then stream every record to a RowSink.
// Memory stays flat: only the sample and one record are held.
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ingest/response_row.hpp"
#include "core/ingest/csv_reader.hpp"
#include "core/ingest/encoding.hpp"
#include "core/ingest/xlsx_reader.hpp"
#include "core/ingest/json_reader.hpp"
#include "core/ingest/layout.hpp"

namespace npskit {

struct IngestOptions {
  ColumnOverrides columns;
  std::optional<int> view_utc_offset_minutes;  // --utc-offset
  std::size_t sample_records = 1000;           // records used to detect the layout
  std::optional<std::string> sheet;            // workbooks: the sheet to read (default: the first with a score column)
  // Text the format and the CSV delimiter are sniffed from (exactly this much, or
  // the whole text when shorter: the decision never depends on how the bytes were
  // chunked). Shards (ingest/shard_plan.hpp) rely on that; tests make it small.
  std::size_t format_sniff_bytes = 64 * 1024;
};

enum class Format { unknown, csv, json, ndjson, xlsx };
const char* format_name(Format f);

struct SourceInfo {
  Format format = Format::unknown;
  Encoding encoding = Encoding::utf8;
  bool windows1252_fallback = false;  // some cells were not UTF-8 and were read as Windows-1252
  char delimiter = 0;                 // CSV only
  std::size_t header_rows = 0;
  std::uint64_t bytes = 0;
  std::uint64_t empty_records = 0;    // records with every cell empty (skipped, counted)
  std::uint64_t json_ignored_keys = 0;
  std::string sheet;                  // xlsx: the sheet read
  std::vector<std::string> sheets;    // xlsx: every sheet of the workbook, in its order
};

class IngestPipeline {
 public:
  IngestPipeline(IngestOptions options, RowSink& sink);
  ~IngestPipeline();
  // Returns false once the input is unusable; error() says why.
  bool feed(std::string_view bytes);
  bool finish();

  // An .xlsx workbook (looks_like_zip() on its first bytes) is read by random
  // access instead of feed(file bytes): begin_workbook, then serve zip_request()s
  // (xlsx_reader.hpp: the host reads and inflates, feed() takes the bytes answering
  // the request, end_zip_request() closes it) until it returns null; then finish().
  // The first sheet with a score column is used (or options.sheet).
  bool begin_workbook(std::uint64_t file_size);
  const ZipRequest* zip_request();
  void end_zip_request();
  bool reading_workbook() const { return xlsx_ != nullptr; }

  bool failed() const { return !error_.empty(); }
  const std::string& error() const { return error_; }
  const SourceInfo& source() const { return source_; }
  const Layout& layout() const { return layout_; }
  bool layout_known() const { return layout_known_; }
  // The layout was decided but holds no score column (error() says so; layout()
  // still lists every column).
  bool no_score_column() const { return no_score_column_; }
  // The first records as read (header rows first, for CSV): what `inspect` shows.
  const std::vector<SampleRecord>& sample() const { return sample_; }
  // Shards (analysis/shard_reader.hpp): the CSV reader's position between chunks
  // (null until the format is known, or for other formats), and JSON keys ignored so far.
  const CsvReader* csv_reader() const { return csv_.get(); }
  std::uint64_t json_ignored_keys() const { return json_table_.ignored_keys(); }

 private:
  void on_text(std::string_view text);
  void start_format(std::string_view head);
  void on_record(std::uint64_t line, const std::string_view* fields, std::size_t count, bool unterminated,
                 std::string_view error);
  [[gnu::noinline]] void sample_record(std::uint64_t line, const std::string_view* fields, std::size_t count,
                                       bool unterminated, std::string_view error);
  void decide_layout();
  bool keep_trying_sheets();  // false: this sheet's sample holds no layout, and another sheet is left to try
  void next_sheet();
  std::string no_usable_sheet_error() const;
  void process(std::uint64_t line, const std::string_view* fields, std::size_t count, bool unterminated,
               std::string_view error);
  std::string_view cell_utf8(std::string_view raw, std::string& scratch);

  IngestOptions options_;
  RowSink& sink_;
  std::string error_;
  SourceInfo source_;
  Utf8Decoder decoder_;
  std::string head_;         // text held until the format is known
  bool format_known_ = false;
  std::unique_ptr<CsvReader> csv_;
  JsonTable json_table_;
  std::unique_ptr<NdjsonReader> ndjson_;
  std::string json_document_;
  std::vector<SampleRecord> sample_;
  bool layout_known_ = false;
  bool no_score_column_ = false;
  bool text_known_valid_ = false;  // every chunk so far was valid UTF-8: cells need no check
  bool invalid_chunk_seen_ = false;  // some chunk so far was not valid UTF-8
  std::string utf8_split_tail_;    // a character cut off at the end of the last chunk
  std::size_t sample_limit_ = 0;
  std::size_t sample_bytes_ = 0;  // cell bytes held in sample_
  Layout layout_;
  std::vector<std::string_view> segment_cells_;
  std::string scratch_[6];
  std::vector<std::string> segment_scratch_;
  std::vector<std::string_view> replay_fields_;
  // Workbooks: the reader, the sheets in the order they are tried, and where we are.
  std::unique_ptr<XlsxReader> xlsx_;
  std::vector<std::size_t> sheet_order_;
  std::size_t sheet_tried_ = 0;
  bool sheet_open_ = false, sheet_rejected_ = false;
  std::string first_sheet_error_;
};

}  // namespace npskit
