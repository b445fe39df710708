#pragma once
// A session query (report, rows, comments, themes: docs/js-api.md) read from
// JSON. Its own reader, apart from the options a session is opened with
// (session_options_from_json, options_json.hpp): how files are read is decided
// once, at opening; a query only chooses what to report. A query naming an
// ingest option ("score", "utcOffset", ...) is refused: "unknown query field 'score'".
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/analysis/query.hpp"

namespace npskit {

// Rows one rows() call returns at most: exports page through them (offset).
inline constexpr std::uint64_t kMaxRowsPerPage = 10'000;

struct SessionQuery {
  ReportOptions report;
  bool latest_per_person = false;
  int category = -1;  // -1 any; else Category
  std::string search;  // ASCII-lowercased
  bool with_comment = false;
  std::size_t offset = 0, limit = 100;
  bool insights = false;
  std::optional<std::string> theme, keyphrase;
  int sentiment = -1;  // -1 any; else SentimentLabel
  // Sharded sessions, latest per person (analysis/shard_partial.hpp): the rows
  // (ascending) whose person's latest response is in another shard. Set by the
  // shard, never read from JSON.
  std::shared_ptr<const std::vector<std::uint32_t>> latest_elsewhere;
  // Filters on the text of comments (theme, keyphrase, sentiment): they need the comment analyzer.
  bool by_text() const { return theme || keyphrase || sentiment >= 0; }
};

// "" or the problem, naming the field ("query field 'withComment' must be true or false").
std::string read_session_query(const nlohmann::json& query, SessionQuery& out);

}  // namespace npskit
