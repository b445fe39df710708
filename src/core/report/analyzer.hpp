#pragma once
// The whole streaming analysis in one object: feed bytes in chunks, finish, then
// ask for the report (or, after enough bytes, the inspection). Used by the CLI
// and by the wasm binding, so both give the same answers. A tallies file
// (docs/scale.md) is recognized by its first bytes and read as such; several
// tallies files add up (next_file).
#include <nlohmann/json.hpp>
#include <string>

#include "core/ingest/pipeline.hpp"
#include "core/report/session_preview.hpp"
#include "core/analysis/stream_analysis.hpp"
#include "core/ingest/tallies_reader.hpp"

namespace npskit {

class Analyzer {
 public:
  Analyzer(IngestOptions ingest, ReportOptions report);
  bool feed(std::string_view bytes);
  bool finish();
  // An .xlsx workbook: see IngestPipeline::begin_workbook (feed() then takes the
  // bytes answering zip_request()).
  bool begin_workbook(std::uint64_t file_size) {
    mode_ = Mode::rows;  // a workbook is rows, never tallies: no head to sniff
    head_decided_ = true;
    return pipeline_.begin_workbook(file_size);
  }
  const ZipRequest* zip_request() { return pipeline_.zip_request(); }
  void end_zip_request() { pipeline_.end_zip_request(); }
  // After finish() on a tallies file: read one more tallies file into the same sum
  // (false, with error(), for raw exports: their rows do not merge by addition).
  bool next_file();
  bool is_tallies() const { return mode_ == Mode::tallies; }
  // Non-empty when the input or the options are unusable: one line naming the problem.
  const std::string& error() const;
  bool layout_known() const { return mode_ == Mode::rows && pipeline_.layout_known(); }
  // No column holds 0-10 scores: report() is unusable, inspection() still lists
  // the columns (with the error and a "no_score_column" notice).
  bool no_score_column() const { return mode_ == Mode::rows && pipeline_.no_score_column(); }
  const Layout& layout() const { return pipeline_.layout(); }
  nlohmann::ordered_json report() const;
  // sessionPreview with stopEarly: whether reading may stop now, the preview being
  // known not to be exact; then stopped_preview_json() is the whole answer.
  bool preview_settled() const {
    return report_options_.session_preview && report_options_.session_preview_stops_early && mode_ == Mode::rows &&
           preview_.known_inexact();
  }
  nlohmann::ordered_json stopped_preview_json() const { return preview_.stopped_json(); }
  nlohmann::ordered_json inspection(std::size_t records) const;

 private:
  enum class Mode { undecided, rows, tallies };
  bool decide();  // looks at head_, then feeds it to the reader chosen
  Mode mode_ = Mode::undecided;
  bool more_files_ = false;  // next_file() was called: only tallies may follow
  std::string head_;         // first bytes, until the format is known
  TalliesReader tallies_;
  ReportOptions report_options_;
  StreamAnalysis analysis_;
  SessionPreview preview_;  // in front of analysis_ when report options ask for session_preview
  IngestPipeline pipeline_;
  std::string error_;                   // the analyzer's own problems (format mix-ups)
  mutable std::string fallback_error_;  // the reader's problem, as error() returns it
  bool head_decided_ = false;
};

// How a file was read: source, header rows, columns with roles and reasons, and
// the first `records` data records as parsed.
nlohmann::ordered_json inspection_json(const IngestPipeline& pipeline, std::size_t records);

}  // namespace npskit
