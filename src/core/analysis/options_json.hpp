#pragma once
// Analysis options from a JSON object: the one reader of options, used by the
// wasm binding directly and by the CLI (which turns its flags into this JSON), so
// both faces accept the same things with the same errors.
//   { score, date, comment, id, email, name: "column", segments: ["column"],
//     period: "day|week|month|quarter", confidence: 0.95, utcOffset: "+05:30",
//     cross: ["a", "b"], maxRejections: 100, sheet: "name" (.xlsx),
//     filters: { from: "YYYY-MM-DD", to: "YYYY-MM-DD", where: [{column, op: "eq|ne", value}] } }
#include <nlohmann/json.hpp>
#include <string>

#include "core/analysis/ingest_pipeline.hpp"
#include "core/analysis/query.hpp"

namespace npskit {

struct ParsedOptions {
  IngestOptions ingest;
  ReportOptions report;
  std::string error;  // non-empty: names the bad field and why
};

ParsedOptions options_from_json(const nlohmann::json& options);

}  // namespace npskit
