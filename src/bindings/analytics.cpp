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
      .function("inspectJson", &WasmAnalyzer::inspectJson);
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
}
