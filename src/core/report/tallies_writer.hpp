#pragma once
// Writes a TallyTable in the tallies format (docs/scale.md): CSV, or JSON (an
// array of objects with the same keys as the CSV columns). Groups in key order:
// undated first, then by period, then by segment values.
#include <nlohmann/json.hpp>
#include <string>

#include "core/ingest/tally_table.hpp"

namespace npskit {

std::string tallies_csv(const TallyTable& table);
std::string tallies_json(const TallyTable& table, bool compact = false);
// A partial: {"npskit_partial": 1, "tallies": [the JSON rows], "comments": {...}}
// (comments: comment_partial_json, report/comments_json.hpp), one line.
std::string partial_json(const TallyTable& table, const nlohmann::ordered_json& comments);

}  // namespace npskit
