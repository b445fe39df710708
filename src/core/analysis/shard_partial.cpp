#include "core/analysis/shard_partial.hpp"

#include <algorithm>
#include <bit>
#include <cstring>
#include <unordered_map>
#include <utility>
#include <vector>

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

// A set of 64-bit id hashes for the id step: open addressing, linear probing, sized
// once. std::unordered_set allocated a node per id: at 1M ids in wasm the step took
// ~0.3 s, most of a 2-worker pool's time after the reads (bench/pool-trace.mjs).
class HashSet64 {
 public:
  explicit HashSet64(std::size_t n) : mask_(std::bit_ceil(std::max<std::size_t>(16, 2 * n)) - 1), slots_(mask_ + 1, 0) {}
  // True when h was not in the set.
  bool insert(std::uint64_t h) {
    if (h == 0) return !std::exchange(zero_, true);  // 0 marks an empty slot
    for (auto i = slot(h);; i = (i + 1) & mask_) {
      if (slots_[i] == h) return false;
      if (slots_[i] == 0) {
        slots_[i] = h;
        return true;
      }
    }
  }
  bool contains(std::uint64_t h) const {
    if (h == 0) return zero_;
    for (auto i = slot(h);; i = (i + 1) & mask_) {
      if (slots_[i] == h) return true;
      if (slots_[i] == 0) return false;
    }
  }

 private:
  // The hashes are FNV-1a: mixed so that their low bits spread over the table.
  std::size_t slot(std::uint64_t h) const {
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return static_cast<std::size_t>(h) & mask_;
  }
  std::size_t mask_;
  std::vector<std::uint64_t> slots_;
  bool zero_ = false;
};
}  // namespace

std::string u32_bytes(const std::vector<std::uint32_t>& v) {
  std::string out;
  out.reserve(v.size() * 4);
  for (auto x : v) put(out, x);
  return out;
}
std::string u64_bytes(const std::vector<std::uint64_t>& v) {
  std::string out;
  out.reserve(v.size() * 8);
  for (auto x : v) put(out, x);
  return out;
}
std::vector<std::uint32_t> u32_list(std::string_view bytes) {
  std::vector<std::uint32_t> out(bytes.size() / 4);
  for (auto& x : out) x = get<std::uint32_t>(bytes);
  return out;
}
std::vector<std::uint64_t> u64_list(std::string_view bytes) {
  std::vector<std::uint64_t> out(bytes.size() / 8);
  for (auto& x : out) x = get<std::uint64_t>(bytes);
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

std::vector<std::vector<std::uint32_t>> duplicates_across_shards(const std::vector<std::string_view>& ids) {
  std::vector<std::vector<std::uint32_t>> drop(ids.size());
  // Every shard's ids but the last's go in.
  std::size_t before_last = 0;
  for (std::size_t k = 0; k + 1 < ids.size(); ++k) before_last += ids[k].size() / 12;
  HashSet64 earlier(before_last);
  for (std::size_t k = 0; k < ids.size(); ++k) {
    auto in = ids[k];
    const auto n = get<std::uint32_t>(in);
    std::vector<std::uint64_t> mine;
    mine.reserve(n);
    for (std::uint32_t i = 0; i < n && !in.empty(); ++i) {
      const auto row = get<std::uint32_t>(in);
      const auto hash = get<std::uint64_t>(in);
      if (earlier.contains(hash)) drop[k].push_back(row);
      else mine.push_back(hash);
    }
    if (k + 1 < ids.size())  // no shard after the last checks its ids
      for (const auto h : mine) earlier.insert(h);
  }
  return drop;
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

std::vector<std::vector<std::uint64_t>> latest_elsewhere(const std::vector<std::string_view>& candidates) {
  struct Latest {
    std::size_t shard;
    std::int32_t day;
  };
  std::unordered_map<std::uint64_t, Latest> latest;
  std::vector<std::vector<std::uint64_t>> persons(candidates.size());
  for (std::size_t k = 0; k < candidates.size(); ++k) {
    auto in = candidates[k];
    const auto n = get<std::uint32_t>(in);
    for (std::uint32_t i = 0; i < n && !in.empty(); ++i) {
      const auto person = get<std::uint64_t>(in);
      const auto day = get<std::int32_t>(in);
      (void)get<std::uint32_t>(in);  // row: shards list rows in file order
      persons[k].push_back(person);
      auto [it, fresh] = latest.emplace(person, Latest{k, day});
      // As SessionEngine::select: a later response wins unless its day is earlier.
      if (!fresh && day >= it->second.day) it->second = {k, day};
    }
  }
  std::vector<std::vector<std::uint64_t>> elsewhere(candidates.size());
  for (std::size_t k = 0; k < candidates.size(); ++k) {
    for (auto person : persons[k])
      if (latest[person].shard != k) elsewhere[k].push_back(person);
    std::sort(elsewhere[k].begin(), elsewhere[k].end());
  }
  return elsewhere;
}

}  // namespace npskit
