#pragma once
// Analysis options from a JSON object: the one reader of options, used by the
// wasm binding directly and by the CLI (which turns its flags into this JSON), so
// both faces accept the same things with the same errors.
//   { score, date, comment, id, email, name: "column", segments: ["column"],
//     period: "day|week|month|quarter", confidence: 0.95, utcOffset: "+05:30",
//     cross: ["a", "b"], maxRejections: 100, sheet: "name" (.xlsx),
//     filters: { from: "YYYY-MM-DD", to: "YYYY-MM-DD", where: [{column, op: "eq|ne", value}] } }
#include <nlohmann/json.hpp>
#include <initializer_list>
#include <string>

#include "core/ingest/pipeline.hpp"
#include "core/analysis/query.hpp"

namespace npskit {

struct ParsedOptions {
  IngestOptions ingest;
  ReportOptions report;
  std::string error;  // non-empty: names the bad field and why
};

ParsedOptions options_from_json(const nlohmann::json& options);
// The options a session is opened with (openSession): how its files are read
// (columns, segments, utcOffset, sheet) and nothing else. A report option
// (period, filters, comments, ...) is refused by name: a session is asked per
// query (session_query.hpp), where it would otherwise be dropped in silence.
ParsedOptions session_options_from_json(const nlohmann::json& options);

class FieldReader;
// The fields every report is asked with (options and session queries alike):
// period, confidence, cross, maxRejections, filters, themes. Returns false with
// the reader's error set at the first bad one.
bool read_report_options(FieldReader& reader, ReportOptions& out);
extern const std::initializer_list<const char*> kReportOptionKeys;
// Rejections a report lists at most (all are counted).
inline constexpr std::uint64_t kMaxListedRejections = 100'000;

}  // namespace npskit
