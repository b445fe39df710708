#include "core/report/session_preview.hpp"

#include <algorithm>

#include "core/analysis/columns_by_role.hpp"
#include "core/analysis/stream_analysis.hpp"
#include "core/report/session_info.hpp"
#include "core/store/id_hash.hpp"
#include "core/store/key_sort.hpp"
#include "core/store/row_store.hpp"

namespace npskit {

namespace {
constexpr const char* kWhyFolded = "a segment column has more values than the session keeps apart";
constexpr const char* kWhyRepeats = "some response ids may repeat";

// Whether two of the hashes are equal: sorted (store/key_sort.hpp, as the store
// sorts its ids), equal ones are neighbours. std::sort of every hash was ~150 ms of
// 1M ids in wasm.
bool any_repeats(const std::vector<std::uint64_t>& hashes) {
  std::vector<std::uint64_t> sorted;
  sort_by_key(hashes, sorted, [](std::uint64_t a, std::uint64_t b) { return a < b; });
  return std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end();
}
}  // namespace

SessionPreview::SessionPreview(StreamAnalysis& to) : to_(to), seed_(RowStore::fresh_id_seed()) {}

void SessionPreview::on_layout(const Layout& layout) {
  segment_names_.clear();
  for (int c : layout.segments) segment_names_.push_back(layout.columns[static_cast<std::size_t>(c)].name);
  dicts_.assign(layout.segments.size(), {});
  to_.on_layout(layout);
  stream_dicts_ = to_.dictionaries().size() == dicts_.size() ? &to_.dictionaries() : nullptr;
  if (stream_dicts_)
    for (const auto& d : *stream_dicts_)
      if (d.size() != 0) stream_dicts_ = nullptr;  // a filter's values, used by no row yet
  segments_seen_.assign(dicts_.size(), 0);
  // Here, not in the constructor: every Analyzer holds a preview, used or not.
  if (recent_ids_.empty()) recent_ids_.assign(kRecentIds, 0);
}

void SessionPreview::note_segment(std::size_t s, std::string_view value) {
  auto& dict = dicts_[s];
  if (!dict.has_room_for(value) && dict.find(value) < 0) folded_ = true;
  dict.code(value);
}

void SessionPreview::on_row(const ResponseRow& row) {
  ++counts_.read;
  ++rows_;
  const bool blank = row.score.status == ScoreStatus::blank;
  if (blank) ++counts_.blank_score;
  else ++counts_.valid;
  if (blank || !stream_dicts_)
    for (std::size_t s = 0; s < dicts_.size(); ++s) note_segment(s, row.segments[s]);
  if (row.has_day) {
    const auto d = static_cast<std::int32_t>(row.day);
    first_day_ = std::min(first_day_, d);
    last_day_ = std::max(last_day_, d);
  }
  if (!row.id.empty()) {
    const std::uint64_t h = id_hash(row.id, seed_);
    id_hashes_.push_back(h);
    // | 1: an empty slot (0) never matches. Two hashes that differ only in bit 0
    // then match, which says "may repeat", as equal hashes do.
    auto& slot = recent_ids_[h & (kRecentIds - 1)];
    if (slot == (h | 1)) repeat_seen_ = true;
    slot = h | 1;
  }
  to_.on_row(row);
  if (!blank && stream_dicts_)
    for (std::size_t s = 0; s < dicts_.size(); ++s) {
      const std::size_t now = (*stream_dicts_)[s].size();
      if (now == segments_seen_[s]) continue;
      segments_seen_[s] = now;
      note_segment(s, row.segments[s]);
    }
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
  else if (folded_) why = kWhyFolded;
  else if (repeat_seen_ || any_repeats(id_hashes_)) why = kWhyRepeats;
  const auto roles = columns_by_role(pipeline.layout());
  InfoInputs in{{}, rows_, segment_names_, dicts_, std::nullopt, roles};
  in.files.push_back({name, &pipeline.source(), pipeline.layout(), counts_, &error});
  if (first_day_ <= last_day_) in.days = std::make_pair(first_day_, last_day_);
  nlohmann::ordered_json out = {{"exact", why.empty()}};
  if (!why.empty()) out["why"] = why;
  out["info"] = session_info_json(in);
  return out;
}

nlohmann::ordered_json SessionPreview::stopped_json() const {
  return {{"exact", false}, {"why", folded_ ? kWhyFolded : kWhyRepeats}, {"stopped", true}};
}

}  // namespace npskit
