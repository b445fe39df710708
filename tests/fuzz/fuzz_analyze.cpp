// libFuzzer target: the whole analyze pipeline, bytes -> Analyzer -> report.
// Input layout:  OPTIONS_JSON \x1e DATA   (no \x1e: no options, all data).
// The first byte of DATA's length seeds the chunking. The options go through
// options_from_json exactly as the CLI and the wasm binding pass them; the
// report and the inspection are built and serialised as the faces do.
#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/report/analyzer.hpp"
#include "core/analysis/options_json.hpp"

using namespace npskit;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  nlohmann::json options = nlohmann::json::object();
  if (const auto sep = in.find('\x1e'); sep != std::string_view::npos) {
    const auto text = in.substr(0, sep);
    options = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
    if (options.is_discarded()) return 0;
    in.remove_prefix(sep + 1);
  }
  auto parsed = options_from_json(options);
  if (!parsed.error.empty()) return 0;
  parsed.ingest.sample_records = 50;  // reach the streaming path on small inputs too
  Analyzer analyzer(parsed.ingest, parsed.report);
  std::uint32_t s = static_cast<std::uint32_t>(size) * 2654435761u | 1u;
  std::size_t at = 0;
  bool ok = true;
  while (ok && at < in.size()) {
    s ^= s << 13;
    s ^= s >> 17;
    s ^= s << 5;
    const std::size_t n = (s & 1) ? in.size() : 1 + (s >> 8) % 257;
    ok = analyzer.feed(in.substr(at, n));
    at += n;
  }
  ok = ok && analyzer.finish();
  if (!ok) {
    if (analyzer.error().empty()) std::abort();  // a failure must say why
    return 0;
  }
  const auto report = analyzer.report();
  const auto& rows = report["rows"];
  // The accounting identity of docs/report.md.
  if (rows["read"].get<std::uint64_t>() != rows["valid"].get<std::uint64_t>() + rows["blank_score"].get<std::uint64_t>() +
                                               rows["rejected"].get<std::uint64_t>() +
                                               rows["filtered_out"].get<std::uint64_t>())
    std::abort();
  (void)report.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
  (void)analyzer.inspection(10).dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
  return 0;
}
