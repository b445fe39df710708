#pragma once
// A shard as the JS API and the wasm binding see it (docs/api/shards.md): a
// Session over one byte range of a file (analysis/shard_reader.hpp), whose
// answers are partials; and the merge of partials into the answers one session
// over the whole file gives (analysis/shard_partial.hpp decides how they merge;
// this file only writes and reads their JSON).
//
// The life of a sharded file, each step one call:
//   plan = plan_shards(head bytes)                       (ShardPlanner, plan_json)
//   shard k: ShardSession(plan, k), feed_head, feed..., finish -> extent()
//   check_shards_json(plan, extents): re-read a shard, or every shard's line shift
//   ids() of every shard -> rows_to_confirm -> (their person_texts) ->
//   duplicates_across_shards -> settle(shift, rows to drop) on each
//   per query: report_partial(query) of every shard -> merge_report(partials, query)
//   (latestPerPerson: latest_candidates first -> rows_to_confirm -> (texts) ->
//   latest_elsewhere -> each shard's list)
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/analysis/shard_partial.hpp"
#include "core/analysis/shard_reader.hpp"
#include "core/report/session.hpp"

namespace npskit {

nlohmann::ordered_json plan_json(const ShardPlan& plan);
// "" or the problem.
std::string plan_from_json(const nlohmann::json& j, ShardPlan& plan);

class ShardSession : public Session {
 public:
  // range_json: null for the plan's range of this shard, or {begin, end} exact
  // (a re-read after check_shards).
  ShardSession(IngestOptions options, const ShardPlan& plan, std::size_t shard, const ShardRange& range,
               const std::string& name);
  bool feed_head(std::string_view bytes) { return reader_.feed_head(bytes); }
  bool feed(std::string_view bytes) { return reader_.feed(bytes); }
  bool finish() { return reader_.finish(); }
  // {start, next, lines, error}
  nlohmann::ordered_json extent_json() const;
  const ShardExtent& extent() const { return reader_.extent(); }

  // Once the shards agree: the lines before this shard, and the rows whose id an
  // earlier shard holds (duplicates_across_shards).
  void settle(std::int64_t line_shift, const std::vector<std::uint32_t>& duplicate_rows);

  // query: as Session::report. latest_elsewhere: with latestPerPerson, this
  // shard's rows from latest_elsewhere (u32 bytes).
  nlohmann::ordered_json report_partial(const nlohmann::json& query, std::string_view latest_elsewhere = {}) const;
  std::string latest_candidates(const nlohmann::json& query) const;
  // The person texts of rows (bytes in: u32 list), for the cross-shard steps' round 2.
  std::string person_texts(std::string_view rows) const;
  // comments(): the comment analytics of this shard's kept rows as a comment
  // partial (report/comments_json.hpp comment_partial_json; docs/scale.md).
  nlohmann::ordered_json comments_partial(const nlohmann::json& query, std::string_view latest_elsewhere = {}) const;
  // rows(): this shard's first offset + limit rows of the page (newest first),
  // each with its day (the sort key): {total, rows, days}.
  nlohmann::ordered_json rows_partial(const nlohmann::json& query, std::string_view latest_elsewhere = {}) const;

 private:
  ShardReader reader_;
};

// The check of every shard's extent_json, in shard order:
// {reread: k, range: {begin, end}} or {reread: null, line_shift: [...]}.
nlohmann::ordered_json check_shards_json(const ShardPlan& plan, const nlohmann::json& extents);

// The report of the whole file from every shard's report_partial (in shard
// order): byte for byte what Session::report gives for the whole file; or
// {"cannot_shard_exactly": why} (read the file as one shard), or {"error"}.
nlohmann::ordered_json merge_report(const std::vector<nlohmann::json>& partials, const nlohmann::json& query);

// rows() of the whole file from every shard's rows_partial: the shards' pages
// merged newest first (then in file order), [offset, offset + limit) of them.
nlohmann::ordered_json merge_rows(const std::vector<nlohmann::ordered_json>& partials, const nlohmann::json& query);

// comments() of the whole file from every shard's comments_partial (CommentAnalytics::merge_partial).
nlohmann::ordered_json merge_comments(const std::vector<nlohmann::ordered_json>& partials, const nlohmann::json& query);

// info() of the whole file from every shard's info() (Session::info: a shard's
// own is its partial): counts add up, segment values merge in file order, the
// date range spans them all. Or {"cannot_shard_exactly": why}.
nlohmann::ordered_json merge_info(const std::vector<nlohmann::ordered_json>& infos);

}  // namespace npskit
