#include "core/store/row_store.hpp"

#include <algorithm>

#include "core/values/hash.hpp"
#include "core/values/trim.hpp"

namespace npskit {

void RowStore::begin_file(std::string name) {
  files.push_back({std::move(name), {}, {}});
  file_segment_slot_.clear();
  missing_segments_.clear();
}

std::uint64_t RowStore::records_read() const {
  std::uint64_t total = 0;
  for (const auto& f : files) total += f.counts.read;
  return total;
}

void RowStore::on_layout(const Layout& layout) {
  files.back().layout = layout;
  file_segment_slot_.clear();
  for (int c : layout.segments) {
    const auto& col = layout.columns[static_cast<std::size_t>(c)].name;
    auto it = std::find(segment_names.begin(), segment_names.end(), col);
    if (it == segment_names.end()) {
      // A column new in this file: earlier rows had no such cell (blank). Only
      // when there are earlier rows: an unused "(blank)" would be listed as a
      // value of the column (a filter choice that matches nothing).
      segment_names.push_back(col);
      dictionaries.emplace_back();
      segments.emplace_back();
      if (size() > 0) segments.back().assign(size(), dictionaries.back().code(""));
      it = segment_names.end() - 1;
    }
    file_segment_slot_.push_back(static_cast<int>(it - segment_names.begin()));
  }
  refresh_missing_segments();
}

void RowStore::refresh_missing_segments() {
  missing_segments_.clear();
  for (std::size_t g = 0; g < segment_names.size(); ++g)
    if (std::find(file_segment_slot_.begin(), file_segment_slot_.end(), static_cast<int>(g)) == file_segment_slot_.end())
      missing_segments_.push_back(g);
}

namespace {
// The table's key of an id hash: 0 marks an empty slot, so 1 stands for it.
std::uint64_t id_key(std::uint64_t h) { return h == 0 ? 1 : h; }
std::size_t first_id_slot(std::uint64_t key, std::size_t mask) { return static_cast<std::size_t>(key ^ (key >> 31)) & mask; }
// The filter's word and two bits of a key: bits the table's slot does not use much.
std::uint64_t id_filter_bits(std::uint64_t key) { return (std::uint64_t{1} << ((key >> 20) & 63)) | (std::uint64_t{1} << ((key >> 26) & 63)); }
std::size_t id_filter_word(std::uint64_t key, std::size_t words) { return static_cast<std::size_t>(key >> 34) & (words - 1); }
}  // namespace

bool RowStore::id_filter_may_hold(std::uint64_t key) const {
  const auto bits = id_filter_bits(key);
  return (id_filter_[id_filter_word(key, id_filter_.size())] & bits) == bits;
}

void RowStore::id_filter_add(std::uint64_t key) { id_filter_[id_filter_word(key, id_filter_.size())] |= id_filter_bits(key); }

void RowStore::rebuild_id_filter() {
  id_filter_.assign(std::max<std::size_t>(64, id_slots_.size() / 16), 0);  // 4 bits per slot: 8+ per id
  for (auto key : id_slots_)
    if (key) id_filter_add(key);
  for (auto key : pending_keys_) id_filter_add(key);
}

bool RowStore::in_id_table(std::uint64_t key) const {
  const std::size_t mask = id_slots_.size() - 1;
  for (std::size_t i = first_id_slot(key, mask);; i = (i + 1) & mask) {
    if (id_slots_[i] == key) return true;
    if (id_slots_[i] == 0) return false;
  }
}

bool RowStore::in_pending_ids(std::uint64_t key) const {
  if (pending_slots_.empty()) return false;
  const std::size_t mask = pending_slots_.size() - 1;
  for (std::size_t i = first_id_slot(key, mask);; i = (i + 1) & mask) {
    if (pending_slots_[i] == key) return true;
    if (pending_slots_[i] == 0) return false;
  }
}

void RowStore::insert_pending_ids() {
  if (pending_keys_.empty()) return;
  std::size_t slots = id_slots_.size();
  while ((ids_ + pending_keys_.size() + 1) * 2 > slots) slots *= 2;  // keep the load under 1/2
  if (slots != id_slots_.size()) resize_id_table(slots);
  // In the order of their slots (by 1/1024th of the table), so that the batch
  // sweeps the table instead of jumping across it: a counting sort.
  const std::size_t mask = id_slots_.size() - 1;
  int shift = 0;
  while ((id_slots_.size() >> shift) > 1024) ++shift;
  std::vector<std::uint32_t> starts(1025, 0);
  for (auto key : pending_keys_) ++starts[(first_id_slot(key, mask) >> shift) + 1];
  for (std::size_t b = 1; b < starts.size(); ++b) starts[b] += starts[b - 1];
  pending_sorted_.resize(pending_keys_.size());
  for (auto key : pending_keys_) pending_sorted_[starts[first_id_slot(key, mask) >> shift]++] = key;
  for (std::size_t j = 0; j < pending_sorted_.size(); ++j) {
    const auto key = pending_sorted_[j];
#if defined(__GNUC__) || defined(__clang__)
    if (j + 16 < pending_sorted_.size()) __builtin_prefetch(&id_slots_[first_id_slot(pending_sorted_[j + 16], mask)]);  // no-op in wasm
#endif
    std::size_t i = first_id_slot(key, mask);
    while (id_slots_[i] != 0) i = (i + 1) & mask;
    id_slots_[i] = key;
  }
  ids_ += pending_keys_.size();
  // Empty the pending set: only the slots its keys took.
  const std::size_t pmask = pending_slots_.size() - 1;
  for (auto key : pending_keys_)
    for (std::size_t i = first_id_slot(key, pmask); pending_slots_[i] != 0; i = (i + 1) & pmask) pending_slots_[i] = 0;
  pending_keys_.clear();
}

bool RowStore::seen_before(std::uint64_t h) {
  const auto key = id_key(h);
  if (id_filter_may_hold(key) && (in_pending_ids(key) || in_id_table(key))) return true;
  id_filter_add(key);
  if (pending_slots_.empty()) pending_slots_.assign(kPendingIds * 2, 0);  // load <= 1/2
  const std::size_t pmask = pending_slots_.size() - 1;
  std::size_t i = first_id_slot(key, pmask);
  while (pending_slots_[i] != 0) i = (i + 1) & pmask;
  pending_slots_[i] = key;
  pending_keys_.push_back(key);
  if (pending_keys_.size() == kPendingIds) insert_pending_ids();
  return false;
}

void RowStore::reserve_more(std::size_t rows, std::size_t text_bytes, std::size_t more_ids) {
  const std::size_t n = size() + rows;
  score.reserve(n);
  day.reserve(n);
  line.reserve(n);
  file.reserve(n);
  for (auto* col : {&comment, &id, &email, &name}) col->reserve(n);
  for (auto& seg : segments) seg.reserve(n);
  arena.reserve(arena.size() + text_bytes);
  // The id table doubles when over half full: size it for the ids to come at once.
  std::size_t slots = id_slots_.size();
  while ((ids() + more_ids + 1) * 2 > slots) slots *= 2;
  if (slots != id_slots_.size()) resize_id_table(slots);
}

void RowStore::resize_id_table(std::size_t slots) {
  std::vector<std::uint64_t> old(slots, 0);
  old.swap(id_slots_);
  const std::size_t mask = id_slots_.size() - 1;
  for (auto key : old) {
    if (!key) continue;
    std::size_t i = first_id_slot(key, mask);
    while (id_slots_[i] != 0) i = (i + 1) & mask;
    id_slots_[i] = key;
  }
  rebuild_id_filter();
}

RowStore::Text RowStore::keep(std::string_view s) {
  // Offsets are 32-bit: past 4 GB of kept text, further text is left out
  // rather than wrapping around onto other rows' text.
  if (s.size() > UINT32_MAX - arena.size()) return {};
  Text t{static_cast<std::uint32_t>(arena.size()), static_cast<std::uint32_t>(s.size())};
  if (!s.empty()) arena.append(s);  // most rows have no e-mail or name: no call for them
  return t;
}

void RowStore::on_rejection(Rejection rejection) {
  auto& counts = files.back().counts;
  ++counts.read;
  ++counts.rejected;
  if (rejections.size() < kMaxStoredRejections) {
    if (rejection.column.size() > kMaxColumnInRejection)  // a header cell may be 1 MB; 100,000 copies would not fit
      rejection.column = utf8_prefix(rejection.column, kMaxColumnInRejection) + "…";
    rejections.emplace_back(static_cast<std::uint16_t>(files.size() - 1), std::move(rejection));
  }
}

void RowStore::on_row(const ResponseRow& row) {
  auto& counts = files.back().counts;
  ++counts.read;
  const std::string_view person = !row.id.empty() ? row.id : std::string_view{};
  if (!person.empty() && seen_before(fnv1a_64(person))) {
    ++counts.duplicates;  // the same response again (e.g. in two exports): counted once
    return;
  }
  if (row.score.status == ScoreStatus::blank) ++counts.blank_score;
  else ++counts.valid;
  if (row.date_unreadable && unreadable_dates.size() < kMaxStoredRejections)
    unreadable_dates.emplace_back(static_cast<std::uint32_t>(score.size()), keep(row.date_text));
  score.push_back(row.score.status == ScoreStatus::ok ? static_cast<std::int8_t>(row.score.score) : std::int8_t{-1});
  day.push_back(row.has_day ? static_cast<std::int32_t>(row.day) : row.date_unreadable ? kUnreadableDay : kNoDay);
  line.push_back(static_cast<std::uint32_t>(row.line));
  file.push_back(static_cast<std::uint16_t>(files.size() - 1));
  comment.push(keep(row.comment));
  id.push(keep(row.id));
  email.push(keep(row.email));
  name.push(keep(row.name));
  for (std::size_t s = 0; s < file_segment_slot_.size(); ++s) {
    const auto g = static_cast<std::size_t>(file_segment_slot_[s]);
    segments[g].push_back(dictionaries[g].code(row.segments[s]));
  }
  for (auto g : missing_segments_) segments[g].push_back(dictionaries[g].code(""));
}

}  // namespace npskit

namespace npskit {

void RowStore::shift_lines(std::int64_t delta) {
  for (auto& l : line) l = static_cast<std::uint32_t>(static_cast<std::int64_t>(l) + delta);
  for (auto& [f, r] : rejections) r.line = static_cast<std::uint64_t>(static_cast<std::int64_t>(r.line) + delta);
}

void RowStore::drop_rows(const std::vector<std::uint32_t>& rows) {
  if (rows.empty()) return;
  const std::size_t n = size();
  std::vector<std::uint8_t> drop(n, 0);
  for (auto r : rows)
    if (r < n && !drop[r]) {
      drop[r] = 1;
      auto& counts = files[file[r]].counts;
      ++counts.duplicates;
      if (score[r] < 0) --counts.blank_score;
      else --counts.valid;
    }
  std::vector<std::uint32_t> new_index(n, UINT32_MAX);
  std::size_t w = 0;
  for (std::size_t r = 0; r < n; ++r)
    if (!drop[r]) new_index[r] = static_cast<std::uint32_t>(w++);
  auto compact = [&](auto& column) {
    std::size_t to = 0;
    for (std::size_t r = 0; r < n; ++r)
      if (!drop[r]) column[to++] = column[r];
    column.resize(to);
  };
  compact(score);
  compact(day);
  compact(line);
  compact(file);
  for (auto* col : {&comment, &id, &email, &name}) {
    TextColumn kept;
    for (std::size_t r = 0; r < n; ++r)
      if (!drop[r]) kept.push((*col)[r]);
    *col = std::move(kept);
  }
  for (std::size_t g = 0; g < segments.size(); ++g) {
    SegmentDictionary rebuilt;
    auto& codes = segments[g];
    std::size_t to = 0;
    for (std::size_t r = 0; r < n; ++r)
      if (!drop[r]) codes[to++] = rebuilt.code(dictionaries[g].value(codes[r]));
    codes.resize(to);
    dictionaries[g] = std::move(rebuilt);
  }
  std::size_t to = 0;
  for (auto& entry : unreadable_dates)
    if (!drop[entry.first]) unreadable_dates[to++] = {new_index[entry.first], entry.second};
  unreadable_dates.erase(unreadable_dates.begin() + static_cast<std::ptrdiff_t>(to), unreadable_dates.end());
}

}  // namespace npskit
