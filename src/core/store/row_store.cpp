#include "core/store/row_store.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstring>

#include "core/store/id_hash.hpp"
#include "core/store/key_sort.hpp"
#include "core/values/trim.hpp"

namespace npskit {

void RowStore::begin_file(std::string name) {
  check_pending_ids();
  cap_rows_left_ = 0;  // new columns may come: the budget is refreshed at the next row
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
  cap_rows_left_ = 0;
  // A new column's dictionary holds "(blank)" for the rows before: a value the
  // region's rows did not bring.
  if (pending_ids_.empty()) start_pending_region();
  else dictionary_sizes_.resize(dictionaries.size(), 0);
}

void RowStore::refresh_missing_segments() {
  missing_segments_.clear();
  for (std::size_t g = 0; g < segment_names.size(); ++g)
    if (std::find(file_segment_slot_.begin(), file_segment_slot_.end(), static_cast<int>(g)) == file_segment_slot_.end())
      missing_segments_.push_back(g);
}

namespace {
// An id's key: its 64-bit hash, mixed (murmur3's finalizer, a bijection: the
// same collisions as the hash) so that the top bits, which pick the slot and the
// sort's bucket, depend on every byte. 0 marks an empty slot: 1 stands for it.
std::uint64_t id_key(std::uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ull;
  h ^= h >> 33;
  return h == 0 ? 1 : h;
}

// Removes the elements at `rows` (ascending, no repeats) from a column.
template <class Column>
void erase_sorted(Column& column, const std::vector<std::uint32_t>& rows) {
  if (rows.empty()) return;
  auto to = column.begin() + rows[0];
  for (std::size_t k = 0; k < rows.size(); ++k) {
    const std::size_t from = rows[k] + 1, end = k + 1 < rows.size() ? rows[k + 1] : column.size();
    to = std::move(column.begin() + static_cast<std::ptrdiff_t>(from), column.begin() + static_cast<std::ptrdiff_t>(end), to);
  }
  column.erase(to, column.end());
}


}  // namespace

// A seed nobody can know when crafting a file: the clocks' ticks, a count of
// stores and a static's address, mixed (murmur3's finalizer).
std::uint64_t RowStore::fresh_id_seed() {
  static std::atomic<std::uint64_t> stores{0};
  auto h = static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count()) ^
           static_cast<std::uint64_t>(std::chrono::system_clock::now().time_since_epoch().count()) * 0x9E3779B97F4A7C15ull ^
           (stores.fetch_add(1) + 1) * 0xC2B2AE3D27D4EB4Full ^ reinterpret_cast<std::uintptr_t>(&stores);
  return id_key(h);
}

std::uint64_t RowStore::id_key_for_tests(std::string_view person) const { return id_key(id_hash(person, id_seed_)); }


void RowStore::TextColumn::erase_rows(const std::vector<std::uint32_t>& rows) {
  if (values_.empty()) rows_ -= rows.size();  // all empty: only the count changes
  else {
    erase_sorted(values_, rows);
    rows_ = values_.size();
  }
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
  if (per_row_ids_) make_room_for_ids(more_ids);  // the table grows once, not doubling on the way
  else pending_ids_.reserve(pending_ids_.size() + more_ids);
}

std::size_t RowStore::find_known(std::uint64_t key, std::string_view id_text) const {
  const std::size_t mask = known_.size() - 1;
  for (std::size_t i = key >> (64 - known_bits_);; i = (i + 1) & mask) {
    const auto& e = known_[i];
    // An id whose text was not kept (past max_text_bytes) matches by its key alone.
    if (e.key == 0 || (e.key == key && (e.id.length == 0 || text(e.id) == id_text))) return i;
  }
}

void RowStore::make_room_for_ids(std::size_t more) {
  if (known_.empty() && !known_sorted_.empty()) {  // from the sorted list to the table, once
    std::vector<PendingId> sorted;
    sorted.swap(known_sorted_);
    std::size_t slots = 1024;
    while ((sorted.size() + more + 1) * 2 > slots) slots *= 2;
    resize_known(slots);
    const std::size_t mask = known_.size() - 1;
    for (const auto& e : sorted) {  // in key order: a sweep
      std::size_t i = e.key >> (64 - known_bits_);
      while (known_[i].key != 0) i = (i + 1) & mask;
      known_[i] = e;
    }
    return;
  }
  std::size_t slots = std::max<std::size_t>(known_.size(), 1024);
  while ((known_count_ + more + 1) * 2 > slots) slots *= 2;  // load under 1/2
  if (slots != known_.size()) resize_known(slots);
}

void RowStore::resize_known(std::size_t slots) {
  std::vector<PendingId> old(slots, PendingId{0, {}});
  old.swap(known_);
  known_bits_ = 0;
  while ((std::size_t{1} << known_bits_) < slots) ++known_bits_;
  // The old table in slot order is nearly in key order: the inserts sweep too.
  const std::size_t mask = known_.size() - 1;
  for (const auto& e : old) {
    if (e.key == 0) continue;
    std::size_t i = e.key >> (64 - known_bits_);
    while (known_[i].key != 0) i = (i + 1) & mask;
    known_[i] = e;
  }
}

void RowStore::start_pending_region() {
  pending_from_ = size();
  dictionary_sizes_.resize(dictionaries.size());
  for (std::size_t g = 0; g < dictionaries.size(); ++g) dictionary_sizes_[g] = static_cast<std::uint32_t>(dictionaries[g].size());
}

void RowStore::end_file() { check_pending_ids(); }

void RowStore::check_pending_ids() {
  if (pending_ids_.empty()) {
    start_pending_region();
    return;
  }
  // ids sorted by key, ties in row order (= arena order of the id texts).
  sort_by_key(pending_ids_, sort_buffer_, [](const PendingId& a, const PendingId& b) {
    return a.key != b.key ? a.key < b.key : a.id.offset < b.id.offset;
  });
  const std::size_t m = sort_buffer_.size();
  std::vector<PendingId>().swap(pending_ids_);
  std::vector<std::uint32_t> duplicate_offsets;
  if (known_.empty() && known_sorted_.size() <= 16 * m) {
    merge_into_known(duplicate_offsets);  // O(known + m): at most 17 steps per id of this file
  } else {
    // The known ids far outnumber this file's (or the table is in use): probe the
    // table in key order (its slots are the keys' top bits, so the probes sweep it).
    make_room_for_ids(m);
    for (const auto& p : sort_buffer_) {
      const auto slot = find_known(p.key, text(p.id));
      if (known_[slot].key != 0) duplicate_offsets.push_back(p.id.offset);
      else {
        known_[slot] = p;
        ++known_count_;
      }
    }
  }
  std::vector<PendingId>().swap(sort_buffer_);
  if (!duplicate_offsets.empty()) {
    // Their rows: the id texts lie in the arena in row order.
    std::sort(duplicate_offsets.begin(), duplicate_offsets.end());
    std::vector<std::uint32_t> rows;
    rows.reserve(duplicate_offsets.size());
    std::size_t k = 0;
    for (std::size_t r = pending_from_; r < size() && k < duplicate_offsets.size(); ++r) {
      const auto t = id[r];
      if (t.length != 0 && t.offset == duplicate_offsets[k]) {
        rows.push_back(static_cast<std::uint32_t>(r));
        ++k;
      }
    }
    take_out_duplicates(rows);
  }
  start_pending_region();
}

// The sorted pending ids (sort_buffer_) and the sorted known ids, merged into the
// known ids; a pending id whose text an id of the same key has (known, or
// earlier in this file) is a duplicate. The first file needs no second list: its
// sorted ids, less the duplicates, become the known ids.
void RowStore::merge_into_known(std::vector<std::uint32_t>& duplicate_offsets) {
  if (known_sorted_.empty()) {  // the first file: compare each id with the kept ones of its key just before it
    auto& in = sort_buffer_;
    std::size_t w = 0;
    for (std::size_t j = 0; j < in.size(); ++j) {
      const PendingId e = in[j];
      bool seen = false;
      for (std::size_t x = w; x > 0 && in[x - 1].key == e.key && !seen; --x)
        seen = in[x - 1].id.length == 0 || text(in[x - 1].id) == text(e.id);
      if (seen) duplicate_offsets.push_back(e.id.offset);
      else in[w++] = e;
    }
    in.resize(w);
    in.shrink_to_fit();  // 16 bytes per distinct id, kept
    known_sorted_.swap(in);
    known_count_ = known_sorted_.size();
    return;
  }
  const auto& in = sort_buffer_;
  const auto& known = known_sorted_;
  std::vector<PendingId> merged;
  merged.reserve(known.size() + in.size());
  std::size_t k = 0;
  for (std::size_t j = 0; j < in.size();) {
    const auto key = in[j].key;
    while (k < known.size() && known[k].key < key) merged.push_back(known[k++]);
    const std::size_t run = merged.size();  // the entries of this key start here
    while (k < known.size() && known[k].key == key) merged.push_back(known[k++]);
    for (; j < in.size() && in[j].key == key; ++j) {
      const auto id_text = text(in[j].id);
      bool seen = false;
      for (std::size_t x = run; x < merged.size() && !seen; ++x) seen = merged[x].id.length == 0 || text(merged[x].id) == id_text;
      if (seen) duplicate_offsets.push_back(in[j].id.offset);
      else merged.push_back(in[j]);
    }
  }
  while (k < known.size()) merged.push_back(known[k++]);
  known_sorted_.swap(merged);
  known_count_ = known_sorted_.size();
}

// Rows of the pending region leave the store as duplicates, as if they had been
// seen on arrival: their counts move to duplicates, the columns close up, and
// the segment values first used in the region get their codes again in order of
// first use by the rows kept (codes before the region stay: its rows came later).
void RowStore::take_out_duplicates(std::vector<std::uint32_t>& rows) {
  for (auto r : rows) {
    auto& counts = files[file[r]].counts;
    ++counts.duplicates;
    if (score[r] < 0) --counts.blank_score;
    else --counts.valid;
    arena_garbage_ += comment[r].length + id[r].length + email[r].length + name[r].length;
  }
  // Unreadable dates at or after the first row out: drop or renumber.
  {
    auto it = std::lower_bound(unreadable_dates.begin(), unreadable_dates.end(), rows.front(),
                               [](const auto& entry, std::uint32_t r) { return entry.first < r; });
    auto to = it;
    std::size_t k = 0;
    for (; it != unreadable_dates.end(); ++it) {
      while (k < rows.size() && rows[k] < it->first) ++k;
      if (k < rows.size() && rows[k] == it->first) {
        arena_garbage_ += it->second.length;
        continue;
      }
      *to++ = {it->first - static_cast<std::uint32_t>(k), it->second};
    }
    unreadable_dates.erase(to, unreadable_dates.end());
  }
  erase_sorted(score, rows);
  erase_sorted(day, rows);
  erase_sorted(line, rows);
  erase_sorted(file, rows);
  for (auto* col : {&comment, &id, &email, &name}) col->erase_rows(rows);
  for (std::size_t g = 0; g < segments.size(); ++g) {
    auto& codes = segments[g];
    erase_sorted(codes, rows);
    const std::uint32_t before = g < dictionary_sizes_.size() ? dictionary_sizes_[g] : 0;
    const auto& old = dictionaries[g];
    if (old.size() == before) continue;  // no value new in the region
    SegmentDictionary rebuilt;
    for (std::uint32_t c = 0; c < before; ++c) rebuilt.code(old.value(c));  // the same codes, in order
    std::vector<std::uint32_t> recoded(old.size() - before, UINT32_MAX);
    for (std::size_t r = pending_from_; r < codes.size(); ++r) {
      const auto c = codes[r];
      if (c < before) continue;
      auto& now = recoded[c - before];
      if (now == UINT32_MAX) now = rebuilt.code(old.value(c));
      codes[r] = now;
    }
    dictionaries[g] = std::move(rebuilt);
  }
}

std::size_t RowStore::row_text_bytes(const ResponseRow& row) {
  return row.comment.size() + row.id.size() + row.email.size() + row.name.size() + (row.date_unreadable ? row.date_text.size() : 0);
}

// The text of the duplicates taken out stays in the arena (nothing refers to it)
// until the arena nears its cap: then it goes, the rest keeps its order (a row's
// date cell, comment, id, e-mail, name, as on_row keeps them).
void RowStore::compact_arena() {
  TextArena fresh;
  fresh.reserve(arena.size() - std::min(arena.size(), arena_garbage_));
  auto move_text = [&](Text t) {
    if (t.length == 0) return Text{};
    const Text moved{static_cast<std::uint32_t>(fresh.size()), t.length};
    fresh.append(text(t));
    return moved;
  };
  std::vector<std::pair<std::uint32_t, std::uint32_t>> id_moves;  // old offset -> new, ascending
  TextColumn comments, ids, emails, names;
  std::size_t u = 0;
  for (std::size_t r = 0; r < size(); ++r) {
    if (u < unreadable_dates.size() && unreadable_dates[u].first == r) {
      unreadable_dates[u].second = move_text(unreadable_dates[u].second);
      ++u;
    }
    comments.push(move_text(comment[r]));
    const Text old_id = id[r], new_id = move_text(old_id);
    if (old_id.length) id_moves.emplace_back(old_id.offset, new_id.offset);
    ids.push(new_id);
    emails.push(move_text(email[r]));
    names.push(move_text(name[r]));
  }
  // The known ids point at their first row's id text; one of a row a shard took
  // out (drop_rows) has no row: its text is kept at the end.
  auto remap = [&](PendingId& e) {
    if (e.key == 0) return;
    auto it = std::lower_bound(id_moves.begin(), id_moves.end(), std::make_pair(e.id.offset, std::uint32_t{0}));
    if (it != id_moves.end() && it->first == e.id.offset) e.id.offset = it->second;
    else e.id = move_text(e.id);
  };
  for (auto& e : known_sorted_) remap(e);
  for (auto& e : known_) remap(e);
  comment = std::move(comments);
  id = std::move(ids);
  email = std::move(emails);
  name = std::move(names);
  arena.swap(fresh);
  arena_garbage_ = 0;
}

void RowStore::refresh_cap_budget() {
  cap_rows_left_ = kMaxStoredRejections - std::min(kMaxStoredRejections, unreadable_dates.size());
  cap_bytes_left_ = max_text_bytes - std::min(max_text_bytes, arena.size());
  for (const auto& dict : dictionaries) {
    cap_rows_left_ = std::min(cap_rows_left_, kMaxSegmentValues - std::min(kMaxSegmentValues, dict.size()));
    cap_bytes_left_ = std::min(cap_bytes_left_, kMaxSegmentDictionaryBytes - std::min(kMaxSegmentDictionaryBytes, dict.bytes()));
  }
}

// Whether this row would reach a cap (see "Duplicate ids" in the header).
bool RowStore::reaches_a_cap(const ResponseRow& row) const {
  if (row.date_unreadable && unreadable_dates.size() >= kMaxStoredRejections) return true;
  if (row_text_bytes(row) > max_text_bytes - std::min(max_text_bytes, arena.size())) return true;
  for (std::size_t s = 0; s < file_segment_slot_.size(); ++s) {
    const auto& dict = dictionaries[static_cast<std::size_t>(file_segment_slot_[s])];
    if (!dict.has_room_for(row.segments[s]) && dict.find(row.segments[s]) < 0) return true;
  }
  for (auto g : missing_segments_)
    if (!dictionaries[g].has_room_for("") && dictionaries[g].find("") < 0) return true;
  return false;
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
  const std::string_view person = row.id;
  // A row that may be dropped later, or that comes after one, must not reach a
  // cap whose outcome depends on the rows before it: check the ids now, and per row from here on.
  if (!per_row_ids_) {
    // Every segment cell may add "(blank)" (7 bytes) when empty: counted for each.
    std::size_t bytes = row_text_bytes(row) + kBlankValue.size() * (file_segment_slot_.size() + missing_segments_.size());
    for (std::size_t s = 0; s < file_segment_slot_.size(); ++s) bytes += row.segments[s].size();
    if (cap_rows_left_ == 0 || bytes >= cap_bytes_left_) {
      if ((!person.empty() || !pending_ids_.empty()) && reaches_a_cap(row)) {
        check_pending_ids();
        per_row_ids_ = true;
        make_room_for_ids(0);  // the table from here on
      } else {
        refresh_cap_budget();
      }
    }
    cap_rows_left_ -= std::min<std::size_t>(cap_rows_left_, 1);
    cap_bytes_left_ -= std::min(cap_bytes_left_, bytes);
  }
  if (arena_garbage_ > 0 && row_text_bytes(row) > max_text_bytes - std::min(max_text_bytes, arena.size())) {
    check_pending_ids();
    compact_arena();  // text is left out past the cap at the same row as if duplicates were never kept
  }
  auto& counts = files.back().counts;
  ++counts.read;
  std::uint64_t key = 0;
  std::size_t slot = 0;
  if (!person.empty()) {
    key = id_key(id_hash_for_tests ? id_hash_for_tests(person) : id_hash(person, id_seed_));
    if (per_row_ids_) {
      make_room_for_ids(1);
      slot = find_known(key, person);
      if (known_[slot].key != 0) {
        ++counts.duplicates;  // the same response again (e.g. in two exports): counted once
        return;
      }
    }
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
  const Text id_text = keep(row.id);
  id.push(id_text);
  if (!person.empty()) {
    if (per_row_ids_) {
      known_[slot] = {key, id_text};
      ++known_count_;
    } else {
      pending_ids_.push_back({key, id_text});
    }
  }
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
