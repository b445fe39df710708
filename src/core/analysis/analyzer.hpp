#pragma once
// The whole streaming analysis in one object: feed bytes in chunks, finish, then
// ask for the report (or, after enough bytes, the inspection). Used by the CLI
// and by the wasm binding, so both give the same answers.
#include <nlohmann/json.hpp>
#include <string>

#include "core/analysis/ingest_pipeline.hpp"
#include "core/analysis/stream_analysis.hpp"

namespace npskit {

class Analyzer {
 public:
  Analyzer(IngestOptions ingest, ReportOptions report);
  bool feed(std::string_view bytes);
  bool finish();
  // Non-empty when the input or the options are unusable: one line naming the problem.
  const std::string& error() const;
  bool layout_known() const { return pipeline_.layout_known(); }
  // No column holds 0-10 scores: report() is unusable, inspection() still lists
  // the columns (with the error and a "no_score_column" notice).
  bool no_score_column() const { return pipeline_.no_score_column(); }
  const Layout& layout() const { return pipeline_.layout(); }
  nlohmann::ordered_json report() const;
  nlohmann::ordered_json inspection(std::size_t records) const;

 private:
  StreamAnalysis analysis_;
  IngestPipeline pipeline_;
  mutable std::string error_;
};

// How a file was read: source, header rows, columns with roles and reasons, and
// the first `records` data records as parsed.
nlohmann::ordered_json inspection_json(const IngestPipeline& pipeline, std::size_t records);

}  // namespace npskit
