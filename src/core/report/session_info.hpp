#pragma once
// The one writer of a session's info (Session::info, docs/js-api.md): what was
// read, per file, and what the dashboard's filters offer. A session builds it
// from its store; the session preview (report/session_preview.hpp) from a
// streaming pass over the same bytes, so both are the same JSON by construction.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/analysis/columns_by_role.hpp"
#include "core/ingest/layout.hpp"
#include "core/ingest/pipeline.hpp"
#include "core/ingest/row_counts.hpp"
#include "core/store/segment_dictionary.hpp"

namespace npskit {

struct InfoFile {
  const std::string& name;
  const SourceInfo* source;  // null: not known (an empty session)
  const Layout& layout;
  const RowCounts& counts;   // read, valid, blank_score, rejected, duplicates
  const std::string* error;  // null or empty: none
};

struct InfoInputs {
  std::vector<InfoFile> files;
  std::uint64_t rows;  // rows kept (scored or blank): the store's size
  const std::vector<std::string>& segment_names;
  const std::vector<SegmentDictionary>& dictionaries;  // per segment column, values in code order
  std::optional<std::pair<std::int32_t, std::int32_t>> days;  // first and last day of a readable date
  const ColumnsByRole& roles;
};

nlohmann::ordered_json session_info_json(const InfoInputs& in);
// {score, date, comment, id, email, name, segments}: a column name or null per role.
nlohmann::ordered_json roles_json(const ColumnsByRole& roles);

}  // namespace npskit
