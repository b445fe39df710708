#include "core/analysis/columns_by_role.hpp"

namespace npskit {

namespace {
// Fills each role of `out` still empty from `L`.
void take_roles(const Layout& L, ColumnsByRole& out) {
  auto take = [&](int index, std::optional<std::string>& slot) {
    if (index >= 0 && !slot) slot = L.columns[static_cast<std::size_t>(index)].name;
  };
  if (L.score >= 0 && !out.score) out.score_tied_with = L.score_tied_with;
  take(L.score, out.score);
  take(L.date, out.date);
  take(L.comment, out.comment);
  take(L.id, out.id);
  take(L.email, out.email);
  take(L.name, out.name);
}
}  // namespace

ColumnsByRole columns_by_role(const Layout& layout) {
  ColumnsByRole out;
  take_roles(layout, out);
  for (int c : layout.segments) out.segments.push_back(layout.columns[static_cast<std::size_t>(c)].name);
  return out;
}

ColumnsByRole merged_roles(const RowStore& store) {
  ColumnsByRole out;
  for (const auto& f : store.files) take_roles(f.layout, out);
  out.segments = store.segment_names;
  return out;
}

}  // namespace npskit
