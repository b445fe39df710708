#pragma once
// The columns a report names, by role: what the report writer (report_json,
// notices) reads instead of a file's Layout, so that one file (its layout) and
// a multi-file session (merged roles) are reported alike.
#include <optional>
#include <string>
#include <vector>

#include "core/ingest/layout.hpp"
#include "core/store/row_store.hpp"

namespace npskit {

struct ColumnsByRole {
  std::optional<std::string> score, date, comment, id, email, name;  // nullopt: no such column
  std::vector<std::string> score_tied_with;  // other columns that could be the score (the "score_tie" notice)
  std::vector<std::string> segments;
};

// One file: the roles its layout decided.
ColumnsByRole columns_by_role(const Layout& layout);

// A multi-file session (the one place its roles merge): for each role, the first
// file (in the order opened) whose layout names one wins; score_tied_with is that
// of the file whose score column is used; segments are every file's, in order of
// first appearance (the store's segment columns).
ColumnsByRole merged_roles(const RowStore& store);

}  // namespace npskit
