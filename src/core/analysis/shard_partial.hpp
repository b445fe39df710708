#pragma once
// Shards' answers and how they merge (the one place that decides it): a shard
// (shard_reader.hpp) answers a query with a partial, and merging the partials
// of every shard, in file order, gives what one session over the whole file
// gives. Segment values travel as text (each shard has its own codes); line
// numbers are the file's (shifted once the shards agree).
//
// Two steps span the shards, each computed here from what every shard lists:
// - duplicate ids: a response whose id an earlier shard holds is counted once
//   (SessionEngine::drop_rows), as one session counts it (RowStore::end_file);
// - latest per person: each shard lists its latest response per person; the
//   merge picks each person's latest (day, then file position) and tells each
//   shard which of its persons another shard wins (SessionQuery::latest_elsewhere);
// both match persons by hash, then by text (rows_to_confirm below).
//
// What cannot merge exactly is said, never approximated: a shard whose segment
// dictionary folded values into "(other)", a trend past its outlier-day cap, a
// cross past its cell cap. Then `inexact` names it, and the caller reads the file
// as one shard.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/analysis/accumulator.hpp"
#include "core/analysis/columns_by_role.hpp"
#include "core/analysis/session_engine.hpp"

namespace npskit {

struct ReportPartial {
  std::string error;
  SourceInfo source;                 // bytes, empty records, ignored keys: this shard's share
  ColumnsByRole columns;
  RowCounts counts;                  // filtered_out before latest per person's duplicates leave it
  std::uint64_t latest_duplicates = 0;
  Tally overall;
  std::optional<std::int32_t> first_day;
  std::vector<std::pair<std::int64_t, Tally>> days;
  std::uint64_t days_left_out = 0;
  std::vector<std::vector<std::string>> values;                        // [segment][code]
  std::vector<std::vector<std::pair<std::uint32_t, Tally>>> segments;  // [segment]: (code, tally), n > 0
  int cross_a = -1, cross_b = -1;
  std::vector<std::pair<std::uint64_t, Tally>> cross;  // (code_a << 32 | code_b, tally)
  std::uint64_t cross_left_out = 0;
  std::vector<Rejection> rejections;  // the first max_rejections stored
  std::uint64_t rejections_stored = 0;
  std::vector<std::pair<std::uint64_t, Rejection>> warnings;  // (index among the stored unreadable dates, warning)
  std::uint64_t unreadable_stored = 0;
};

ReportPartial report_partial(const SessionEngine& shard, const SessionQuery& q);

// What report_json's build_report takes, merged; or `inexact` (why not) / `error`.
struct MergedReport {
  std::string error, inexact;
  SourceInfo source;
  ColumnsByRole columns;
  RowCounts counts;
  Accumulator tallies{0};
  std::vector<SegmentDictionary> dictionaries;
  std::vector<Rejection> rejections, warnings;
};
MergedReport merge_report_partials(const std::vector<ReportPartial>& partials, const SessionQuery& q);

// The segment values merged in file order (one session's codes), and each
// shard's code -> merged code. `inexact` when a shard folded values.
struct MergedValues {
  std::string inexact;
  std::vector<SegmentDictionary> dictionaries;
  std::vector<std::vector<std::vector<std::uint32_t>>> code_of;  // [shard][segment][shard code]
};
MergedValues merge_segment_values(const std::vector<const std::vector<std::vector<std::string>>*>& shards);

// The two cross-shard steps match persons by a 64-bit hash first, then by text:
// equal hashes from different shards may be two persons (FNV-1a collisions can be
// crafted), so the rows that share a hash with another shard send their texts
// (round 2) and the texts decide. When no hash is shared (most files: ids are
// distinct, or every repeat is inside one shard) round 2 is skipped.
enum class ShardListKind { ids, latest };
// Round 1: the rows of each shard (ascending) whose hash another shard's list also
// holds, whose texts decide. `lists`: every shard's shard_ids() or latest_candidates().
std::vector<std::vector<std::uint32_t>> rows_to_confirm(const std::vector<std::string_view>& lists, ShardListKind kind);
// A shard's person texts (the id, else the e-mail) of `rows`, in their order, as
// bytes (u32 length + the text each).
std::string person_texts(const SessionEngine& shard, const std::vector<std::uint32_t>& rows);

// What a step decides, per shard; or `error` when a shard's texts do not match its
// rows to confirm (a caller's bug: never guessed).
struct CrossShardAnswer {
  std::vector<std::vector<std::uint32_t>> rows;
  std::string error;
};

// The id step. A shard's ids: for each row with an id, (row, fnv1a_64 of it) as
// bytes (u32 count, then u32 row + u64 hash each, little-endian).
std::string shard_ids(const SessionEngine& shard);
// Given every shard's ids (in shard order) and texts[k], shard k's person_texts of
// its rows_to_confirm (empty when it has none): the rows each shard must drop.
CrossShardAnswer duplicates_across_shards(const std::vector<std::string_view>& ids,
                                          const std::vector<std::string_view>& texts);

// Latest per person. A shard's candidates for query q (its filters): each
// person's latest kept response in the shard as bytes (u32 count, then u64
// person hash + i32 day + u32 row each).
std::string latest_candidates(const SessionEngine& shard, const SessionQuery& q);
// Given every shard's candidates and texts (as above): for each shard, its
// candidate rows (ascending) whose person's latest response another shard holds.
CrossShardAnswer latest_elsewhere(const std::vector<std::string_view>& candidates,
                                  const std::vector<std::string_view>& texts);

// Little-endian u32 lists as bytes (how these lists travel between workers).
std::string u32_bytes(const std::vector<std::uint32_t>& v);
std::vector<std::uint32_t> u32_list(std::string_view bytes);

}  // namespace npskit
