// Embind face of the analytics core. Thin on purpose: it moves bytes and JSON
// text across, and decides nothing. Bytes arrive by pointer into wasm memory
// (the JS side does _malloc + HEAPU8.set), never as JS strings; few, coarse
// calls (one per chunk, one per report).
#include <emscripten/bind.h>

#include <memory>
#include <string>
#include <vector>

#include "core/report/analyzer.hpp"
#include "core/analysis/options_json.hpp"
#include "core/report/session.hpp"
#include "core/report/shard_session.hpp"
#include "core/report/stats_query.hpp"

namespace {

using npskit::Analyzer;

std::string_view bytes_at(std::uintptr_t ptr, std::size_t len) {
  return {reinterpret_cast<const char*>(ptr), len};
}

nlohmann::json parse_json_text(const std::string& text, std::string& error) {
  if (text.empty()) return nlohmann::json::object();
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded()) error = "options are not valid JSON";
  return j;
}

std::string dump(const nlohmann::ordered_json& j) {
  return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

// A workbook's next request for the JS host (js/index.mjs, web worker):
// [offset, length, method, inflatedSize] as numbers, or an empty array when none.
// Offsets stay below 2^53, so doubles carry them exactly.
std::vector<double> request_numbers(const npskit::ZipRequest* r) {
  if (!r) return {};
  return {static_cast<double>(r->offset), static_cast<double>(r->length), static_cast<double>(r->method),
          static_cast<double>(r->inflated_size)};
}

// One streaming analysis: analyze() and inspect().
class WasmAnalyzer {
 public:
  explicit WasmAnalyzer(const std::string& options_json) {
    auto parsed = npskit::options_from_json(parse_json_text(options_json, error_));
    if (error_.empty()) error_ = parsed.error;
    if (error_.empty()) analyzer_ = std::make_unique<Analyzer>(std::move(parsed.ingest), std::move(parsed.report));
  }
  bool feed(std::uintptr_t ptr, std::size_t len) { return analyzer_ && analyzer_->feed(bytes_at(ptr, len)); }
  bool finish() { return analyzer_ && analyzer_->finish(); }
  bool beginWorkbook(double bytes) { return analyzer_ && analyzer_->begin_workbook(static_cast<std::uint64_t>(bytes)); }
  std::vector<double> zipRequest() { return analyzer_ ? request_numbers(analyzer_->zip_request()) : std::vector<double>{}; }
  void endZipRequest() {
    if (analyzer_) analyzer_->end_zip_request();
  }
  bool layoutKnown() const { return analyzer_ && analyzer_->layout_known(); }
  // Tallies files add up: after finish(), read another (false for raw exports).
  bool nextFile() { return analyzer_ && analyzer_->next_file(); }
  bool isTallies() const { return analyzer_ && analyzer_->is_tallies(); }
  std::string error() const { return analyzer_ && error_.empty() ? analyzer_->error() : error_; }
  std::string reportJson() const { return analyzer_ ? dump(analyzer_->report()) : "null"; }
  std::string inspectJson(std::size_t records) const { return analyzer_ ? dump(analyzer_->inspection(records)) : "null"; }
  bool previewSettled() const { return analyzer_ && analyzer_->preview_settled(); }
  std::string stoppedPreviewJson() const { return analyzer_ ? dump(analyzer_->stopped_preview_json()) : "null"; }

 private:
  std::string error_;
  std::unique_ptr<Analyzer> analyzer_;
};

// The dashboard's session: several files parsed once, then queried.
class WasmSession {
 public:
  explicit WasmSession(const std::string& options_json) {
    auto parsed = npskit::session_options_from_json(parse_json_text(options_json, error_));
    if (error_.empty()) error_ = parsed.error;
    if (error_.empty()) session_ = std::make_unique<npskit::Session>(std::move(parsed.ingest));
  }
  // bytes: the file's size if known, else 0 (lets the session reserve memory once).
  bool beginFile(const std::string& name, double bytes) {
    return session_ && session_->begin_file(name, bytes > 0 ? static_cast<std::uint64_t>(bytes) : 0);
  }
  bool feed(std::uintptr_t ptr, std::size_t len) { return session_ && session_->feed(bytes_at(ptr, len)); }
  bool endFile() { return session_ && session_->end_file(); }
  bool beginWorkbook(double bytes) { return session_ && session_->begin_workbook(static_cast<std::uint64_t>(bytes)); }
  std::vector<double> zipRequest() { return session_ ? request_numbers(session_->zip_request()) : std::vector<double>{}; }
  void endZipRequest() {
    if (session_) session_->end_zip_request();
  }
  std::string error() const { return session_ && error_.empty() ? session_->error() : error_; }
  std::string infoJson() const { return session_ ? dump(session_->info()) : "null"; }
  double recordsRead() const { return session_ ? static_cast<double>(session_->records_read()) : 0; }
  std::string reportJson(const std::string& query_json) { return run_query(query_json, &npskit::Session::report); }
  std::string rowsJson(const std::string& query_json) { return run_query(query_json, &npskit::Session::rows); }
  std::string commentsJson(const std::string& query_json) { return run_query(query_json, &npskit::Session::comments); }
  std::string themesJson(const std::string& query_json) { return run_query(query_json, &npskit::Session::themes); }

 private:
  using Query = nlohmann::ordered_json (npskit::Session::*)(const nlohmann::json&) const;
  std::string run_query(const std::string& query_json, Query method) {
    std::string problem;
    auto query = parse_json_text(query_json, problem);
    if (!session_) problem = error_;
    if (!problem.empty()) return dump({{"error", problem}});
    return dump(((*session_).*method)(query));
  }
  std::string error_;
  std::unique_ptr<npskit::Session> session_;
};

// Bytes out to JS: a Uint8Array copy (the wasm memory may grow, or be reused).
emscripten::val bytes_out(std::string_view bytes) {
  return emscripten::val(emscripten::typed_memory_view(bytes.size(), reinterpret_cast<const unsigned char*>(bytes.data())))
      .call<emscripten::val>("slice");
}

// Shards (docs/api/shards.md): the plan from the file's first bytes.
class WasmShardPlanner {
 public:
  explicit WasmShardPlanner(const std::string& options_json) {
    auto parsed = npskit::session_options_from_json(parse_json_text(options_json, error_));
    if (error_.empty()) error_ = parsed.error;
    if (error_.empty()) planner_ = std::make_unique<npskit::ShardPlanner>(std::move(parsed.ingest));
  }
  bool feed(std::uintptr_t ptr, std::size_t len) { return planner_ && planner_->feed(bytes_at(ptr, len)); }
  void finish() {
    if (planner_) planner_->finish();
  }
  std::string error() const { return error_; }
  std::string planJson(double file_size, double shards) const {
    if (!planner_) return dump({{"error", error_}});
    return dump(npskit::plan_json(planner_->plan(static_cast<std::uint64_t>(file_size), static_cast<std::size_t>(shards))));
  }

 private:
  std::string error_;
  std::unique_ptr<npskit::ShardPlanner> planner_;
};

// One shard: a session over one byte range (its head first), answering partials.
class WasmShard {
 public:
  // range_json: "" for the plan's range of this shard, or {"begin", "end"} (exact, from checkShards).
  WasmShard(const std::string& options_json, const std::string& plan_json, double shard, const std::string& range_json,
            const std::string& name) {
    auto parsed = npskit::session_options_from_json(parse_json_text(options_json, error_));
    if (error_.empty()) error_ = parsed.error;
    npskit::ShardPlan plan;
    if (error_.empty()) error_ = npskit::plan_from_json(parse_json_text(plan_json, error_), plan);
    const auto k = static_cast<std::size_t>(shard);
    if (error_.empty() && k >= plan.starts.size()) error_ = "no such shard in the plan";
    if (!error_.empty()) return;
    auto range = npskit::planned_range(plan, k);
    if (!range_json.empty()) {
      auto r = parse_json_text(range_json, error_);
      if (!error_.empty()) return;
      range = {r.value("begin", std::uint64_t{0}), true, r.value("end", std::uint64_t{0}), true};
    }
    shard_ = std::make_unique<npskit::ShardSession>(std::move(parsed.ingest), plan, k, range, name);
  }
  bool feedHead(std::uintptr_t ptr, std::size_t len) { return shard_ && shard_->feed_head(bytes_at(ptr, len)); }
  bool feed(std::uintptr_t ptr, std::size_t len) { return shard_ && shard_->feed(bytes_at(ptr, len)); }
  bool finish() { return shard_ && shard_->finish(); }
  std::string error() const { return shard_ && error_.empty() ? shard_->error() : error_; }
  std::string extentJson() const { return shard_ ? dump(shard_->extent_json()) : dump({{"error", error_}}); }
  std::string infoJson() const { return shard_ ? dump(shard_->info()) : dump({{"error", error_}}); }
  emscripten::val ids() const { return bytes_out(shard_ ? npskit::shard_ids(*shard_) : std::string()); }
  emscripten::val personTexts(std::uintptr_t ptr, std::size_t len) const {
    return bytes_out(shard_ ? shard_->person_texts(bytes_at(ptr, len)) : std::string());
  }
  void settle(double line_shift, std::uintptr_t ptr, std::size_t len) {
    if (shard_) shard_->settle(static_cast<std::int64_t>(line_shift), npskit::u32_list(bytes_at(ptr, len)));
  }
  std::string reportPartialJson(const std::string& query_json, std::uintptr_t ptr, std::size_t len) const {
    std::string problem;
    auto query = parse_json_text(query_json, problem);
    if (!shard_) problem = error_;
    if (!problem.empty()) return dump({{"error", problem}});
    return dump(shard_->report_partial(query, bytes_at(ptr, len)));
  }
  std::string rowsPartialJson(const std::string& query_json, std::uintptr_t ptr, std::size_t len) const {
    std::string problem;
    auto query = parse_json_text(query_json, problem);
    if (!shard_) problem = error_;
    if (!problem.empty()) return dump({{"error", problem}});
    return dump(shard_->rows_partial(query, bytes_at(ptr, len)));
  }
  std::string commentsPartialJson(const std::string& query_json, std::uintptr_t ptr, std::size_t len) const {
    std::string problem;
    auto query = parse_json_text(query_json, problem);
    if (!shard_) problem = error_;
    if (!problem.empty()) return dump({{"error", problem}});
    return dump(shard_->comments_partial(query, bytes_at(ptr, len)));
  }
  // The theme dictionary of a query: any shard answers it (Session::themes).
  std::string themesJson(const std::string& query_json) const {
    std::string problem;
    auto query = parse_json_text(query_json, problem);
    if (!shard_) problem = error_;
    if (!problem.empty()) return dump({{"error", problem}});
    return dump(shard_->themes(query));
  }
  emscripten::val latestCandidates(const std::string& query_json) const {
    std::string problem;
    auto query = parse_json_text(query_json, problem);
    return bytes_out(shard_ && problem.empty() ? shard_->latest_candidates(query) : std::string());
  }

 private:
  std::string error_;
  std::unique_ptr<npskit::ShardSession> shard_;
};

// The steps that span shards: each shard's list (in shard order), one result per shard
// out. Two rounds: confirm() says which rows' texts each shard must send (a hash
// another shard shares); with none, duplicates()/latest() answer at once; else each
// shard's personTexts(rows) go to addTexts (in shard order, empty for a shard with no
// rows) first. error() after a step: "" or why it could not answer.
class WasmShardLists {
 public:
  void add(std::uintptr_t ptr, std::size_t len) { lists_.emplace_back(bytes_at(ptr, len)); }
  void addTexts(std::uintptr_t ptr, std::size_t len) { texts_.emplace_back(bytes_at(ptr, len)); }
  // step: "duplicates" (lists: ids()) or "latest" (lists: latestCandidates()). True if any shard must send texts.
  bool confirm(const std::string& step) {
    const auto rows = npskit::rows_to_confirm(views(lists_), step == "latest" ? npskit::ShardListKind::latest
                                                                              : npskit::ShardListKind::ids);
    take(npskit::CrossShardAnswer{rows, {}});
    for (const auto& r : rows)
      if (!r.empty()) return true;
    return false;
  }
  // Rows each shard drops as duplicates (from every shard's ids()).
  void duplicates() { take(npskit::duplicates_across_shards(views(lists_), views(texts_))); }
  // Rows (each shard's latest of a person) whose person's latest is in another shard.
  void latest() { take(npskit::latest_elsewhere(views(lists_), views(texts_))); }
  std::string error() const { return error_; }
  emscripten::val result(double shard) const {
    const auto k = static_cast<std::size_t>(shard);
    return bytes_out(k < results_.size() ? results_[k] : std::string());
  }

 private:
  static std::vector<std::string_view> views(const std::vector<std::string>& v) { return {v.begin(), v.end()}; }
  void take(const npskit::CrossShardAnswer& answer) {
    error_ = answer.error;
    results_.clear();
    for (const auto& rows : answer.rows) results_.push_back(npskit::u32_bytes(rows));
  }
  std::vector<std::string> lists_, texts_, results_;
  std::string error_;
};

std::string check_shards_json(const std::string& plan_json, const std::string& extents_json) {
  std::string problem;
  npskit::ShardPlan plan;
  auto plan_j = parse_json_text(plan_json, problem);
  if (problem.empty()) problem = npskit::plan_from_json(plan_j, plan);
  auto extents = parse_json_text(extents_json, problem);
  if (!problem.empty()) return dump({{"error", problem}});
  return dump(npskit::check_shards_json(plan, extents));
}

// partials_json: a JSON array of every shard's reportPartialJson, in shard order.
std::string merge_report_json(const std::string& partials_json, const std::string& query_json) {
  std::string problem;
  auto partials = parse_json_text(partials_json, problem);
  auto query = parse_json_text(query_json, problem);
  if (problem.empty() && !partials.is_array()) problem = "partials must be a JSON array";
  if (!problem.empty()) return dump({{"error", problem}});
  return dump(npskit::merge_report(partials.get<std::vector<nlohmann::json>>(), query));
}

// partials_json: a JSON array of every shard's rowsPartialJson, in shard order.
std::string merge_rows_json(const std::string& partials_json, const std::string& query_json) {
  std::string problem;
  auto partials = partials_json.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json::parse(partials_json, nullptr, false);
  auto query = parse_json_text(query_json, problem);
  if (problem.empty() && !partials.is_array()) problem = "partials must be a JSON array";
  if (!problem.empty()) return dump({{"error", problem}});
  return dump(npskit::merge_rows(partials.get<std::vector<nlohmann::ordered_json>>(), query));
}

// partials_json: a JSON array of every shard's commentsPartialJson, in shard order.
std::string merge_comments_json(const std::string& partials_json, const std::string& query_json) {
  std::string problem;
  auto partials = partials_json.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json::parse(partials_json, nullptr, false);
  auto query = parse_json_text(query_json, problem);
  if (problem.empty() && !partials.is_array()) problem = "partials must be a JSON array";
  if (!problem.empty()) return dump({{"error", problem}});
  return dump(npskit::merge_comments(partials.get<std::vector<nlohmann::ordered_json>>(), query));
}

// infos_json: a JSON array of every shard's infoJson, in shard order.
std::string merge_info_json(const std::string& infos_json) {
  std::string problem;
  auto infos = infos_json.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json::parse(infos_json, nullptr, false);
  if (!infos.is_array()) return dump({{"error", "infos must be a JSON array"}});
  return dump(npskit::merge_info(infos.get<std::vector<nlohmann::ordered_json>>()));
}

// Statistics on tallies the caller holds (compare two groups, sample size): stateless.
std::string stats_json(const std::string& query_json) {
  std::string problem;
  auto query = parse_json_text(query_json, problem);
  if (!problem.empty()) return dump({{"error", problem}});
  return dump(npskit::stats_query(query));
}

}  // namespace

EMSCRIPTEN_BINDINGS(npskit_analytics) {
  emscripten::register_vector<double>("NumberList");
  emscripten::class_<WasmAnalyzer>("Analyzer")
      .constructor<std::string>()
      .function("feed", &WasmAnalyzer::feed)
      .function("finish", &WasmAnalyzer::finish)
      .function("beginWorkbook", &WasmAnalyzer::beginWorkbook)
      .function("zipRequest", &WasmAnalyzer::zipRequest)
      .function("endZipRequest", &WasmAnalyzer::endZipRequest)
      .function("layoutKnown", &WasmAnalyzer::layoutKnown)
      .function("nextFile", &WasmAnalyzer::nextFile)
      .function("isTallies", &WasmAnalyzer::isTallies)
      .function("error", &WasmAnalyzer::error)
      .function("reportJson", &WasmAnalyzer::reportJson)
      .function("inspectJson", &WasmAnalyzer::inspectJson)
      .function("previewSettled", &WasmAnalyzer::previewSettled)
      .function("stoppedPreviewJson", &WasmAnalyzer::stoppedPreviewJson);
  emscripten::class_<WasmSession>("Session")
      .constructor<std::string>()
      .function("beginFile", &WasmSession::beginFile)
      .function("feed", &WasmSession::feed)
      .function("endFile", &WasmSession::endFile)
      .function("beginWorkbook", &WasmSession::beginWorkbook)
      .function("zipRequest", &WasmSession::zipRequest)
      .function("endZipRequest", &WasmSession::endZipRequest)
      .function("error", &WasmSession::error)
      .function("infoJson", &WasmSession::infoJson)
      .function("recordsRead", &WasmSession::recordsRead)
      .function("reportJson", &WasmSession::reportJson)
      .function("rowsJson", &WasmSession::rowsJson)
      .function("commentsJson", &WasmSession::commentsJson)
      .function("themesJson", &WasmSession::themesJson);
  emscripten::function("statsJson", &stats_json);
  emscripten::class_<WasmShardPlanner>("ShardPlanner")
      .constructor<std::string>()
      .function("feed", &WasmShardPlanner::feed)
      .function("finish", &WasmShardPlanner::finish)
      .function("error", &WasmShardPlanner::error)
      .function("planJson", &WasmShardPlanner::planJson);
  emscripten::class_<WasmShard>("Shard")
      .constructor<std::string, std::string, double, std::string, std::string>()
      .function("feedHead", &WasmShard::feedHead)
      .function("feed", &WasmShard::feed)
      .function("finish", &WasmShard::finish)
      .function("error", &WasmShard::error)
      .function("extentJson", &WasmShard::extentJson)
      .function("infoJson", &WasmShard::infoJson)
      .function("ids", &WasmShard::ids)
      .function("personTexts", &WasmShard::personTexts)
      .function("settle", &WasmShard::settle)
      .function("reportPartialJson", &WasmShard::reportPartialJson)
      .function("rowsPartialJson", &WasmShard::rowsPartialJson)
      .function("themesJson", &WasmShard::themesJson)
      .function("commentsPartialJson", &WasmShard::commentsPartialJson)
      .function("latestCandidates", &WasmShard::latestCandidates);
  emscripten::class_<WasmShardLists>("ShardLists")
      .constructor<>()
      .function("add", &WasmShardLists::add)
      .function("addTexts", &WasmShardLists::addTexts)
      .function("confirm", &WasmShardLists::confirm)
      .function("duplicates", &WasmShardLists::duplicates)
      .function("latest", &WasmShardLists::latest)
      .function("error", &WasmShardLists::error)
      .function("result", &WasmShardLists::result);
  emscripten::function("checkShardsJson", &check_shards_json);
  emscripten::function("mergeReportJson", &merge_report_json);
  emscripten::function("mergeInfoJson", &merge_info_json);
  emscripten::function("mergeRowsJson", &merge_rows_json);
  emscripten::function("mergeCommentsJson", &merge_comments_json);
}
