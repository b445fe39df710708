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
#include <utility>
#include <vector>

#include "core/ingest/pipeline.hpp"
#include "core/ingest/response_row.hpp"
#include "core/ingest/row_counts.hpp"
#include "core/store/segment_dictionary.hpp"

namespace npskit {

class SessionPreview final : public RowSink {
 public:
  explicit SessionPreview(RowSink& to);

  void on_layout(const Layout& layout) override;
  void on_row(const ResponseRow& row) override;
  void on_rejection(Rejection rejection) override;

  // { exact, why (when not exact), info: what Session::info() gives for the file
  // `name` read this way }. pipeline: the one that fed this sink, after finish().
  nlohmann::ordered_json json(const std::string& name, const IngestPipeline& pipeline, const std::string& error) const;

 private:
  RowSink& to_;
  RowCounts counts_;
  std::uint64_t rows_ = 0;
  std::vector<std::string> segment_names_;
  std::vector<SegmentDictionary> dicts_;  // fed by every kept row, as the store's
  bool folded_ = false;                   // some value went to "(other)"
  std::int32_t first_day_ = INT32_MAX, last_day_ = INT32_MIN;
  std::vector<std::uint64_t> id_hashes_;  // one per row with an id
  std::uint64_t seed_;
};

}  // namespace npskit
