#pragma once
// A test coordinator for shards: what the JS API does (js/shards.mjs), in C++,
// over a string: plan, read every shard (its head, then its range), check and
// re-read, the id step, and per query the latest-per-person round and the merge.
// Bytes are fed in pieces of `chunk` bytes (0: one piece) to the planner and to
// every shard, as a host reading Blob slices would.
#include <memory>
#include <stdexcept>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/report/shard_session.hpp"

namespace npskit::test {

// As the wasm binding writes JSON (text that is not UTF-8 replaced, never a throw).
template <class J>
std::string as_sent(const J& j) {
  return j.dump(-1, ' ', false, J::error_handler_t::replace);
}

struct ShardedFile {
  ShardPlan plan;
  std::vector<std::unique_ptr<ShardSession>> shards;
  std::size_t rereads = 0;
};

inline void feed_pieces(std::string_view bytes, std::size_t chunk, const std::function<bool(std::string_view)>& feed) {
  if (chunk == 0) chunk = bytes.size() ? bytes.size() : 1;
  for (std::size_t at = 0; at < bytes.size(); at += chunk)
    if (!feed(bytes.substr(at, chunk))) return;
}

inline std::unique_ptr<ShardSession> read_shard(const std::string& file, const IngestOptions& options, const ShardPlan& plan,
                                                std::size_t k, const ShardRange& range, std::size_t chunk) {
  auto s = std::make_unique<ShardSession>(options, plan, k, range, "file.csv");
  if (k > 0) feed_pieces(std::string_view(file).substr(0, plan.head_end), chunk, [&](auto b) { return s->feed_head(b); });
  feed_pieces(std::string_view(file).substr(std::min<std::size_t>(range.begin, file.size())), chunk,
              [&](auto b) { return s->feed(b); });
  s->finish();
  return s;
}

inline ShardPlan plan_file(const std::string& file, const IngestOptions& options, std::size_t shards, std::size_t chunk) {
  ShardPlanner planner(options);
  bool more = true;
  std::size_t fed = 0;
  feed_pieces(file, chunk, [&](std::string_view b) {
    fed += b.size();
    return more = planner.feed(b);
  });
  if (more && fed >= file.size()) planner.finish();
  return planner.plan(file.size(), shards);
}

// A cross-shard step's two rounds, as js/shards.mjs acrossShards runs them: the
// rows whose hash another shard shares, their texts from each shard, the answer.
inline std::vector<std::vector<std::uint32_t>> across_shards(const std::vector<std::unique_ptr<ShardSession>>& shards,
                                                              const std::vector<std::string>& lists, ShardListKind kind) {
  std::vector<std::string_view> views(lists.begin(), lists.end());
  const auto confirm = rows_to_confirm(views, kind);
  std::vector<std::string> texts;
  for (std::size_t k = 0; k < shards.size(); ++k) texts.push_back(shards[k]->person_texts(u32_bytes(confirm[k])));
  std::vector<std::string_view> text_views(texts.begin(), texts.end());
  auto answer = kind == ShardListKind::ids ? duplicates_across_shards(views, text_views) : latest_elsewhere(views, text_views);
  if (!answer.error.empty()) throw std::runtime_error(answer.error);
  return answer.rows;
}

// Reads `file` with `plan` (its starts may be set by hand), verifying and re-reading.
inline ShardedFile read_sharded(const std::string& file, const IngestOptions& options, const ShardPlan& plan, std::size_t chunk) {
  ShardedFile f;
  f.plan = plan;
  for (std::size_t k = 0; k < plan.starts.size(); ++k) f.shards.push_back(read_shard(file, options, plan, k, planned_range(plan, k), chunk));
  for (;;) {
    std::vector<ShardExtent> extents;
    for (auto& s : f.shards) extents.push_back(s->extent());
    auto check = check_shards(plan, extents);
    if (check.reread) {
      ++f.rereads;
      f.shards[*check.reread] = read_shard(file, options, plan, *check.reread, check.range, chunk);
      continue;
    }
    std::vector<std::string> ids;
    for (auto& s : f.shards) ids.push_back(shard_ids(*s));
    const auto drop = across_shards(f.shards, ids, ShardListKind::ids);
    for (std::size_t k = 0; k < f.shards.size(); ++k) f.shards[k]->settle(check.line_shift[k], drop[k]);
    return f;
  }
}

inline std::vector<std::string> latest_lists(const ShardedFile& f, const nlohmann::json& query) {
  std::vector<std::string> elsewhere(f.shards.size());
  if (query.value("latestPerPerson", false)) {
    std::vector<std::string> candidates;
    for (auto& s : f.shards) candidates.push_back(s->latest_candidates(query));
    const auto lists = across_shards(f.shards, candidates, ShardListKind::latest);
    for (std::size_t k = 0; k < lists.size(); ++k) elsewhere[k] = u32_bytes(lists[k]);
  }
  return elsewhere;
}

inline nlohmann::ordered_json sharded_rows(const ShardedFile& f, const nlohmann::json& query) {
  const auto elsewhere = latest_lists(f, query);
  std::vector<nlohmann::ordered_json> partials;
  for (std::size_t k = 0; k < f.shards.size(); ++k)
    partials.push_back(nlohmann::ordered_json::parse(as_sent(f.shards[k]->rows_partial(query, elsewhere[k]))));
  return merge_rows(partials, query);
}

inline nlohmann::ordered_json sharded_comments(const ShardedFile& f, const nlohmann::json& query) {
  const auto elsewhere = latest_lists(f, query);
  std::vector<nlohmann::ordered_json> partials;
  for (std::size_t k = 0; k < f.shards.size(); ++k)
    partials.push_back(nlohmann::ordered_json::parse(as_sent(f.shards[k]->comments_partial(query, elsewhere[k]))));
  return merge_comments(partials, query);
}

inline nlohmann::ordered_json one_session_comments(const std::string& file, const IngestOptions& options, const nlohmann::json& query) {
  Session s(options);
  s.begin_file("file.csv", file.size());
  s.feed(file);
  s.end_file();
  return s.comments(query);
}

inline nlohmann::ordered_json one_session_rows(const std::string& file, const IngestOptions& options, const nlohmann::json& query) {
  Session s(options);
  s.begin_file("file.csv", file.size());
  s.feed(file);
  s.end_file();
  return s.rows(query);
}

inline nlohmann::ordered_json sharded_report(const ShardedFile& f, const nlohmann::json& query) {
  const auto elsewhere = latest_lists(f, query);
  std::vector<nlohmann::json> partials;
  for (std::size_t k = 0; k < f.shards.size(); ++k)
    partials.push_back(nlohmann::json::parse(as_sent(f.shards[k]->report_partial(query, elsewhere[k]))));  // as it travels
  return merge_report(partials, query);
}

inline nlohmann::ordered_json sharded_info(const ShardedFile& f) {
  std::vector<nlohmann::ordered_json> infos;
  for (const auto& s : f.shards) infos.push_back(nlohmann::ordered_json::parse(as_sent(s->info())));
  return merge_info(infos);
}

inline nlohmann::ordered_json one_session_info(const std::string& file, const IngestOptions& options) {
  Session s(options);
  s.begin_file("file.csv", file.size());
  s.feed(file);
  s.end_file();
  return s.info();
}

inline nlohmann::ordered_json one_session_report(const std::string& file, const IngestOptions& options, const nlohmann::json& query) {
  Session s(options);
  s.begin_file("file.csv", file.size());
  s.feed(file);
  s.end_file();
  return s.report(query);
}

}  // namespace npskit::test
