#include "core/analysis/shard_partial.hpp"

#include <algorithm>
#include <bit>
#include <cstring>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "core/values/hash.hpp"

namespace npskit {

static_assert(std::endian::native == std::endian::little, "shard lists travel as little-endian bytes");

namespace {
template <class T>
void put(std::string& out, T v) {
  char b[sizeof(T)];
  std::memcpy(b, &v, sizeof(T));
  out.append(b, sizeof(T));
}
template <class T>
T get(std::string_view& in) {
  T v{};
  if (in.size() < sizeof(T)) {
    in = {};
    return v;
  }
  std::memcpy(&v, in.data(), sizeof(T));
  in.remove_prefix(sizeof(T));
  return v;
}
std::string_view person_of(const RowStore& S, std::size_t r) {
  auto person = S.text(S.id[r]);
  return person.empty() ? S.text(S.email[r]) : person;
}
}  // namespace

std::string u32_bytes(const std::vector<std::uint32_t>& v) {
  std::string out;
  out.reserve(v.size() * 4);
  for (auto x : v) put(out, x);
  return out;
}
std::vector<std::uint32_t> u32_list(std::string_view bytes) {
  std::vector<std::uint32_t> out(bytes.size() / 4);
  for (auto& x : out) x = get<std::uint32_t>(bytes);
  return out;
}

ReportPartial report_partial(const SessionEngine& shard, const SessionQuery& q) {
  ReportPartial p;
  auto t = shard.tally(q);
  if (!t.error.empty()) {
    p.error = std::move(t.error);
    return p;
  }
  const auto& S = shard.store();
  if (!shard.sources().empty()) p.source = shard.sources().front();
  p.columns = merged_roles(S);
  p.counts = t.counts;
  p.counts.filtered_out = t.filtered_out_before_latest;
  p.latest_duplicates = t.latest_duplicates;
  const auto& acc = t.tallies;
  p.overall = acc.overall;
  p.first_day = t.first_day;
  for (const auto& [day, tally] : acc.by_day.sorted()) p.days.emplace_back(day, tally);
  p.days_left_out = acc.by_day.left_out();
  p.values = segment_values_text(S.dictionaries);
  p.segments.resize(acc.segments.size());
  for (std::size_t s = 0; s < acc.segments.size(); ++s)
    for (std::uint32_t c = 0; c < acc.segments[s].size(); ++c)
      if (acc.segments[s][c].n() > 0) p.segments[s].emplace_back(c, acc.segments[s][c]);
  p.cross_a = acc.cross_a;
  p.cross_b = acc.cross_b;
  p.cross.assign(acc.cross.begin(), acc.cross.end());
  std::sort(p.cross.begin(), p.cross.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  p.cross_left_out = acc.cross_left_out;
  p.rejections = std::move(t.rejections);
  p.rejections_stored = S.rejections.size();
  for (std::size_t i = 0; i < t.warnings.size(); ++i) p.warnings.emplace_back(t.warning_index[i], std::move(t.warnings[i]));
  p.unreadable_stored = S.unreadable_dates.size();
  return p;
}

MergedValues merge_segment_values(const std::vector<const std::vector<std::vector<std::string>>*>& shards) {
  MergedValues m;
  if (shards.empty()) return m;
  const std::size_t columns = shards.front()->size();
  m.dictionaries.resize(columns);
  m.code_of.resize(shards.size());
  for (std::size_t k = 0; k < shards.size(); ++k) {
    const auto& values = *shards[k];
    if (values.size() != columns) {
      m.inexact = "the shards read different segment columns";
      return m;
    }
    m.code_of[k].resize(columns);
    for (std::size_t s = 0; s < columns; ++s)
      for (const auto& v : values[s]) {
        // A shard folds values past its dictionary's cap into "(other)": which
        // values those were, and so the whole file's fold, is lost.
        if (v == kOtherValue) {
          m.inexact = "a segment column holds \"" + std::string(kOtherValue) +
                      "\" in a shard (its values past " + std::to_string(kMaxSegmentValues) +
                      " or 1 MB fold there), so the shards cannot merge its values exactly";
          return m;
        }
        m.code_of[k][s].push_back(m.dictionaries[s].code(v));  // first use, in file order: one session's codes
      }
  }
  return m;
}

MergedReport merge_report_partials(const std::vector<ReportPartial>& partials, const SessionQuery& q) {
  MergedReport m;
  if (partials.empty()) {
    m.error = "no shards";
    return m;
  }
  for (const auto& p : partials)
    if (!p.error.empty()) {
      m.error = p.error;
      return m;
    }
  std::vector<const std::vector<std::vector<std::string>>*> values;
  for (const auto& p : partials) values.push_back(&p.values);
  auto merged = merge_segment_values(values);
  if (!merged.inexact.empty()) {
    m.inexact = std::move(merged.inexact);
    return m;
  }
  const auto& first = partials.front();
  m.columns = first.columns;
  m.source = first.source;
  m.source.bytes = m.source.empty_records = m.source.json_ignored_keys = 0;
  m.dictionaries = std::move(merged.dictionaries);
  auto& acc = m.tallies;
  acc = Accumulator(m.dictionaries.size());
  acc.cross_a = first.cross_a;
  acc.cross_b = first.cross_b;
  for (const auto& p : partials)
    if (p.first_day) {
      acc.by_day.at(*p.first_day, 0);  // the trend's window is centred on the file's first dated row
      break;
    }
  std::uint64_t rejections_before = 0, unreadable_before = 0, latest_duplicates = 0;
  for (std::size_t k = 0; k < partials.size(); ++k) {
    const auto& p = partials[k];
    auto& c = m.counts;
    c.read += p.counts.read;
    c.valid += p.counts.valid;
    c.blank_score += p.counts.blank_score;
    c.rejected += p.counts.rejected;
    c.filtered_out += p.counts.filtered_out;
    c.date_missing += p.counts.date_missing;
    c.date_unreadable += p.counts.date_unreadable;
    c.duplicates += p.counts.duplicates;
    latest_duplicates += p.latest_duplicates;
    m.source.bytes += p.source.bytes;
    m.source.empty_records += p.source.empty_records;
    m.source.json_ignored_keys += p.source.json_ignored_keys;
    m.source.windows1252_fallback = m.source.windows1252_fallback || p.source.windows1252_fallback;
    acc.overall += p.overall;
    if (p.days_left_out > 0) {
      m.inexact = "a shard holds more far-off dates than the trend keeps (" + std::to_string(DayTallies::kMaxOutlierDays) + " days)";
      return m;
    }
    for (const auto& [day, tally] : p.days)
      if (Tally* t = acc.by_day.at(day, tally.n())) *t += tally;
    for (std::size_t s = 0; s < p.segments.size() && s < acc.segments.size(); ++s) {
      auto& column = acc.segments[s];
      for (const auto& [code, tally] : p.segments[s]) {
        const auto merged_code = merged.code_of[k][s][code];
        if (merged_code >= column.size()) column.resize(merged_code + 1);
        column[merged_code] += tally;
      }
    }
    if (p.cross_left_out > 0) {
      m.inexact = "a shard's cross has more cells than a cross keeps (" + std::to_string(kMaxCrossCells) + ")";
      return m;
    }
    if (acc.cross_a >= 0)
      for (const auto& [key, tally] : p.cross) {
        const auto a = merged.code_of[k][static_cast<std::size_t>(acc.cross_a)][key >> 32];
        const auto b = merged.code_of[k][static_cast<std::size_t>(acc.cross_b)][key & 0xFFFFFFFFu];
        acc.cross[(std::uint64_t{a} << 32) | b] += tally;
      }
    // Rejections and warnings in file order, among the first the store keeps (as one store would).
    for (std::size_t i = 0; i < p.rejections.size() && m.rejections.size() < q.report.max_rejections; ++i)
      if (rejections_before + i < RowStore::kMaxStoredRejections) m.rejections.push_back(p.rejections[i]);
    for (const auto& [index, warning] : p.warnings)
      if (m.warnings.size() < q.report.max_rejections && unreadable_before + index < RowStore::kMaxStoredRejections)
        m.warnings.push_back(warning);
    rejections_before += p.rejections_stored;
    unreadable_before += p.unreadable_stored;
  }
  if (acc.by_day.left_out() > 0) {
    m.inexact = "the file holds more far-off dates than the trend keeps (" + std::to_string(DayTallies::kMaxOutlierDays) +
                " days): which are left out depends on their order";
    return m;
  }
  if (acc.cross.size() > kMaxCrossCells) {
    m.inexact = "the cross has more cells than a cross keeps (" + std::to_string(kMaxCrossCells) +
                "): which are left out depends on their order";
    return m;
  }
  SessionEngine::take_latest_duplicates_out(m.counts, latest_duplicates);
  return m;
}

std::string shard_ids(const SessionEngine& shard) {
  const auto& S = shard.store();
  std::string out;
  put<std::uint32_t>(out, 0);
  std::uint32_t n = 0;
  for (std::size_t r = 0; r < S.size(); ++r) {
    const auto id = S.text(S.id[r]);
    if (id.empty()) continue;
    put(out, static_cast<std::uint32_t>(r));
    put(out, fnv1a_64(id));  // as RowStore::on_row hashes it
    ++n;
  }
  std::memcpy(out.data(), &n, 4);
  return out;
}

namespace {
// One entry of a shard's list: its row and its person's hash.
struct ListEntry {
  std::uint32_t row;
  std::uint64_t hash;
  std::int32_t day = 0;  // latest lists only
};

// Calls each(entry) over a list's entries (ids: u32 row + u64 hash; latest: u64 hash + i32 day + u32 row).
template <class Each>
void for_each_entry(std::string_view in, ShardListKind kind, Each&& each) {
  const auto n = get<std::uint32_t>(in);
  for (std::uint32_t i = 0; i < n && !in.empty(); ++i) {
    ListEntry e{};
    if (kind == ShardListKind::ids) {
      e.row = get<std::uint32_t>(in);
      e.hash = get<std::uint64_t>(in);
    } else {
      e.hash = get<std::uint64_t>(in);
      e.day = get<std::int32_t>(in);
      e.row = get<std::uint32_t>(in);
    }
    each(e);
  }
}

// A hash and the shard that lists it.
struct Tagged {
  std::uint64_t hash;
  std::uint32_t shard;
};

// Sorts by hash, stable (LSD radix, 16 bits a pass): a million entries in a few ms,
// where a node-based hash set costs a heap allocation per entry (~1 s in wasm).
void sort_by_hash(std::vector<Tagged>& v) {
  if (v.size() < 4096) {
    std::stable_sort(v.begin(), v.end(), [](const Tagged& a, const Tagged& b) { return a.hash < b.hash; });
    return;
  }
  std::vector<Tagged> tmp(v.size());
  std::vector<std::uint32_t> count(1 << 16);
  for (int shift = 0; shift < 64; shift += 16) {
    std::fill(count.begin(), count.end(), 0);
    for (const auto& t : v) ++count[(t.hash >> shift) & 0xFFFF];
    std::uint32_t at = 0;
    for (auto& c : count) at += std::exchange(c, at);
    for (const auto& t : v) tmp[count[(t.hash >> shift) & 0xFFFF]++] = t;
    v.swap(tmp);
  }
}

// The hashes (ascending) that more than one shard lists.
std::vector<std::uint64_t> shared_hashes(const std::vector<std::string_view>& lists, ShardListKind kind) {
  std::vector<Tagged> all;
  std::size_t bytes = 0;
  for (auto list : lists) bytes += list.size();
  all.reserve(bytes / 12);  // an entry takes 12 (ids) or 16 (latest) bytes
  for (std::size_t k = 0; k < lists.size(); ++k)
    for_each_entry(lists[k], kind, [&](const ListEntry& e) { all.push_back({e.hash, static_cast<std::uint32_t>(k)}); });
  sort_by_hash(all);
  std::vector<std::uint64_t> shared;
  for (std::size_t i = 0, j; i < all.size(); i = j) {
    bool two_shards = false;
    for (j = i + 1; j < all.size() && all[j].hash == all[i].hash; ++j) two_shards |= all[j].shard != all[i].shard;
    if (two_shards) shared.push_back(all[i].hash);
  }
  return shared;
}

bool is_shared(const std::vector<std::uint64_t>& shared, std::uint64_t hash) {
  return !shared.empty() && std::binary_search(shared.begin(), shared.end(), hash);
}

// Shard k's texts, in the order of its rows to confirm; false if they do not match.
bool read_texts(std::string_view in, std::size_t expected, std::vector<std::string_view>& out) {
  out.clear();
  while (out.size() < expected && in.size() >= 4) {
    const auto len = get<std::uint32_t>(in);
    if (len > in.size()) return false;
    out.push_back(in.substr(0, len));
    in.remove_prefix(len);
  }
  return out.size() == expected && in.empty();
}

// For each shard, its entries whose hash another shard lists, each with its text:
// what both steps walk (an entry whose hash no other shard lists is its own person).
struct Confirmed {
  ListEntry entry;
  std::string_view text;
};
std::string confirm_entries(const std::vector<std::string_view>& lists, const std::vector<std::string_view>& texts,
                            ShardListKind kind, std::vector<std::vector<Confirmed>>& out) {
  const auto shared = shared_hashes(lists, kind);
  out.assign(lists.size(), {});
  std::vector<std::string_view> mine;
  for (std::size_t k = 0; k < lists.size(); ++k) {
    for_each_entry(lists[k], kind, [&](const ListEntry& e) {
      if (is_shared(shared, e.hash)) out[k].push_back({e, {}});
    });
    const auto expected = out[k].size();
    if (expected == 0) continue;
    if (k >= texts.size() || !read_texts(texts[k], expected, mine))
      return "shard " + std::to_string(k) + " sent texts that do not match its " + std::to_string(expected) +
             " rows to confirm";
    for (std::size_t i = 0; i < expected; ++i) out[k][i].text = mine[i];
  }
  return {};
}
}  // namespace

std::vector<std::vector<std::uint32_t>> rows_to_confirm(const std::vector<std::string_view>& lists, ShardListKind kind) {
  const auto shared = shared_hashes(lists, kind);
  std::vector<std::vector<std::uint32_t>> rows(lists.size());
  if (shared.empty()) return rows;
  for (std::size_t k = 0; k < lists.size(); ++k)
    for_each_entry(lists[k], kind, [&](const ListEntry& e) {
      if (is_shared(shared, e.hash)) rows[k].push_back(e.row);
    });
  return rows;
}

std::string person_texts(const SessionEngine& shard, const std::vector<std::uint32_t>& rows) {
  const auto& S = shard.store();
  std::string out;
  for (auto r : rows) {
    const auto text = r < S.size() ? person_of(S, r) : std::string_view{};
    put(out, static_cast<std::uint32_t>(text.size()));
    out.append(text);
  }
  return out;
}

CrossShardAnswer duplicates_across_shards(const std::vector<std::string_view>& ids,
                                          const std::vector<std::string_view>& texts) {
  CrossShardAnswer answer;
  answer.rows.resize(ids.size());
  std::vector<std::vector<Confirmed>> entries;
  if (answer.error = confirm_entries(ids, texts, ShardListKind::ids, entries); !answer.error.empty()) return answer;
  // Only a shared hash can be a duplicate; its text says whether it is one.
  std::unordered_set<std::string_view> earlier;
  for (std::size_t k = 0; k < entries.size(); ++k) {
    std::vector<std::string_view> mine;
    for (const auto& c : entries[k]) {
      if (earlier.count(c.text)) answer.rows[k].push_back(c.entry.row);
      else mine.push_back(c.text);
    }
    earlier.insert(mine.begin(), mine.end());
  }
  return answer;
}

std::string latest_candidates(const SessionEngine& shard, const SessionQuery& query) {
  SessionQuery q = query;
  q.latest_per_person = true;
  q.latest_elsewhere.reset();
  RowFilter filter;
  std::string out;
  put<std::uint32_t>(out, 0);
  if (!shard.compile_filter(q, filter).empty()) return out;  // the report says why
  RowCounts counts;
  const auto keep = shard.select(q, filter, counts);
  const auto& S = shard.store();
  std::uint32_t n = 0;
  for (std::size_t r = 0; r < S.size(); ++r) {
    if (!keep[r]) continue;
    const auto person = person_of(S, r);
    if (person.empty()) continue;
    put(out, fnv1a_64(person));
    put(out, S.day[r]);
    put(out, static_cast<std::uint32_t>(r));
    ++n;
  }
  std::memcpy(out.data(), &n, 4);
  return out;
}

CrossShardAnswer latest_elsewhere(const std::vector<std::string_view>& candidates,
                                  const std::vector<std::string_view>& texts) {
  CrossShardAnswer answer;
  answer.rows.resize(candidates.size());
  std::vector<std::vector<Confirmed>> entries;
  if (answer.error = confirm_entries(candidates, texts, ShardListKind::latest, entries); !answer.error.empty())
    return answer;
  // A person whose hash no other shard lists has its latest response here. The
  // others: each person's (by text) latest, as SessionEngine::select picks it: a
  // later response wins unless its day is earlier (shards in file order).
  struct Latest {
    std::size_t shard;
    std::int32_t day;
  };
  std::unordered_map<std::string_view, Latest> latest;
  for (std::size_t k = 0; k < entries.size(); ++k)
    for (const auto& c : entries[k]) {
      auto [it, fresh] = latest.emplace(c.text, Latest{k, c.entry.day});
      if (!fresh && c.entry.day >= it->second.day) it->second = {k, c.entry.day};
    }
  for (std::size_t k = 0; k < entries.size(); ++k) {
    for (const auto& c : entries[k])
      if (latest.at(c.text).shard != k) answer.rows[k].push_back(c.entry.row);
    std::sort(answer.rows[k].begin(), answer.rows[k].end());
  }
  return answer;
}

}  // namespace npskit
