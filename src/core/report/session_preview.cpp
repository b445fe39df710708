#include "core/report/session_preview.hpp"

#include <algorithm>

#include "core/analysis/columns_by_role.hpp"
#include "core/report/session_info.hpp"
#include "core/store/id_hash.hpp"
#include "core/store/row_store.hpp"

namespace npskit {

SessionPreview::SessionPreview(RowSink& to) : to_(to), seed_(RowStore::fresh_id_seed()) {}

void SessionPreview::on_layout(const Layout& layout) {
  segment_names_.clear();
  for (int c : layout.segments) segment_names_.push_back(layout.columns[static_cast<std::size_t>(c)].name);
  dicts_.assign(layout.segments.size(), {});
  to_.on_layout(layout);
}

void SessionPreview::on_row(const ResponseRow& row) {
  ++counts_.read;
  ++rows_;
  if (row.score.status == ScoreStatus::blank) ++counts_.blank_score;
  else ++counts_.valid;
  for (std::size_t s = 0; s < dicts_.size(); ++s) {
    auto& dict = dicts_[s];
    if (!dict.has_room_for(row.segments[s]) && dict.find(row.segments[s]) < 0) folded_ = true;
    dict.code(row.segments[s]);
  }
  if (row.has_day) {
    const auto d = static_cast<std::int32_t>(row.day);
    first_day_ = std::min(first_day_, d);
    last_day_ = std::max(last_day_, d);
  }
  if (!row.id.empty()) id_hashes_.push_back(id_hash(row.id, seed_));
  to_.on_row(row);
}

void SessionPreview::on_rejection(Rejection rejection) {
  ++counts_.read;
  ++counts_.rejected;
  to_.on_rejection(std::move(rejection));
}

nlohmann::ordered_json SessionPreview::json(const std::string& name, const IngestPipeline& pipeline,
                                            const std::string& error) const {
  std::string why;
  if (!error.empty()) why = "the file could not be read";
  else if (folded_) why = "a segment column has more values than the session keeps apart";
  else {
    auto hashes = id_hashes_;
    std::sort(hashes.begin(), hashes.end());
    if (std::adjacent_find(hashes.begin(), hashes.end()) != hashes.end()) why = "some response ids may repeat";
  }
  const auto roles = columns_by_role(pipeline.layout());
  InfoInputs in{{}, rows_, segment_names_, dicts_, std::nullopt, roles};
  in.files.push_back({name, &pipeline.source(), pipeline.layout(), counts_, &error});
  if (first_day_ <= last_day_) in.days = std::make_pair(first_day_, last_day_);
  nlohmann::ordered_json out = {{"exact", why.empty()}};
  if (!why.empty()) out["why"] = why;
  out["info"] = session_info_json(in);
  return out;
}

}  // namespace npskit
