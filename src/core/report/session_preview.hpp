#pragma once
// The session's first answers from a streaming pass (the dashboard's "numbers
// first", docs/dashboard.md): a RowSink in front of the streaming analysis that
// also gathers what Session::info() reports (counts, segment values in the
// session's order, the date range) and looks for repeated response ids.
//
// Exact when the session over the same bytes would keep every row: no id seen
// twice (64-bit hashes: two equal hashes, even of distinct ids, count as "maybe",
// and the caller waits for the session) and no segment value folded into
// "(other)" (which values get a code can depend on rows the session drops or
// keeps in another order). Then the streaming report equals session.report()
// for the same query (bench/session-parity.sh) and info() equals session.info()
// (tests/core/session_preview_test.cpp).
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/ingest/pipeline.hpp"
#include "core/ingest/response_row.hpp"
#include "core/ingest/row_counts.hpp"
#include "core/store/segment_dictionary.hpp"

namespace npskit {

class StreamAnalysis;

class SessionPreview final : public RowSink {
 public:
  // Rows go on to the streaming analysis, whose segment dictionaries stand in for
  // most of the preview's own work (see note_segment).
  explicit SessionPreview(StreamAnalysis& to);

  void on_layout(const Layout& layout) override;
  void on_row(const ResponseRow& row) override;
  void on_rejection(Rejection rejection) override;

  // { exact, why (when not exact), info: what Session::info() gives for the file
  // `name` read this way }. pipeline: the one that fed this sink, after finish().
  nlohmann::ordered_json json(const std::string& name, const IngestPipeline& pipeline, const std::string& error) const;

  // Known before the end of the file not to be exact: a value folded, or an id seen
  // again soon enough to still be in recent_ids_. A file whose ids repeat far apart
  // is only found out at the end (json()).
  bool known_inexact() const { return folded_ || repeat_seen_; }
  // { exact: false, why, stopped: true } for a read stopped once known_inexact():
  // no info, since the counts are of part of the file.
  nlohmann::ordered_json stopped_json() const;

 private:
  StreamAnalysis& to_;
  RowCounts counts_;
  std::uint64_t rows_ = 0;
  std::vector<std::string> segment_names_;
  // The segment values in the store's order (first use over every kept row) and the
  // store's folding. Coding every row's values here was ~55 ms of 1M rows in wasm on
  // top of the streaming analysis, which codes the same values of every row with a
  // score. So a row with a score brings its value here only when the analysis's
  // dictionary grew on it (a value new to it, hence maybe to this one); a row
  // without a score (the analysis skips it) brings its values itself. The store's
  // dictionary sees the same new values in the same order, so this one gets the same
  // codes and folds where it does. Not when a filter put values in the analysis's
  // dictionaries before any row (stream_dicts_ is then null): every row codes here.
  void note_segment(std::size_t s, std::string_view value);
  std::vector<SegmentDictionary> dicts_;
  const std::vector<SegmentDictionary>* stream_dicts_ = nullptr;
  std::vector<std::size_t> segments_seen_;  // the analysis's dictionary sizes after the last row
  bool folded_ = false;                     // some value went to "(other)"
  std::int32_t first_day_ = INT32_MAX, last_day_ = INT32_MIN;
  std::vector<std::uint64_t> id_hashes_;  // one per row with an id
  // The last id hash seen per slot (hash modulo the size, direct-mapped, 512 KB):
  // a repeat found here settles the verdict while the file is still being read, so
  // that a caller can stop (a file with ids that repeat in the same wave, or
  // soon after). Cost: one cached load and store per id.
  static constexpr std::size_t kRecentIds = std::size_t{1} << 16;
  std::vector<std::uint64_t> recent_ids_;
  bool repeat_seen_ = false;
  std::uint64_t seed_;
};

}  // namespace npskit
