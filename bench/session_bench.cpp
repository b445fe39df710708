// Streaming analysis vs session, natively, on the same bytes fed in 1 MiB chunks
// (as the JS API feeds the wasm): Analyzer (feed, finish, report) against Session
// (begin_file, feed, end_file, then the first report()), median of N runs by
// wall clock and by this process's CPU time (a busy shared machine disturbs the
// latter less). It also checks that both give the same report JSON.
//   cmake --build build/native --target session_bench && build/native/bench/session_bench file.csv [runs]
// With a third argument `session` or `stream`, runs that path once only (for
// valgrind --tool=callgrind; see docs/dashboard.md, "Session vs streaming").
// `session_bench --dump a.csv [b.csv ...]` opens the files in one session and
// prints its info, report, latest-per-person report and first rows as JSON lines
// (a parity check: the output must not change when the store is optimized).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "core/analysis/options_json.hpp"
#include "core/report/analyzer.hpp"
#include "core/report/session.hpp"

namespace {

using nlohmann::json;
constexpr std::size_t kChunk = 1 << 20;

std::string stream_report(const std::string& data) {
  auto parsed = npskit::options_from_json(nlohmann::json::object());
  npskit::Analyzer analyzer(std::move(parsed.ingest), std::move(parsed.report));
  const std::string_view all(data);
  for (std::size_t pos = 0; pos < all.size(); pos += kChunk)
    if (!analyzer.feed(all.substr(pos, kChunk))) break;
  analyzer.finish();
  return analyzer.report().dump();
}

std::string session_report(const std::string& data) {
  auto parsed = npskit::session_options_from_json(nlohmann::json::object());
  npskit::Session session(std::move(parsed.ingest));
  session.begin_file("bench.csv", data.size());
  const std::string_view all(data);
  for (std::size_t pos = 0; pos < all.size(); pos += kChunk)
    if (!session.feed(all.substr(pos, kChunk))) break;
  session.end_file();
  return session.report(nlohmann::json::object()).dump();
}

double cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

struct Times {
  std::vector<double> wall, cpu;
};

template <class F>
std::string timed(F run, const std::string& data, Times& t) {
  const auto w0 = std::chrono::steady_clock::now();
  const double c0 = cpu_ms();
  auto out = run(data);
  t.cpu.push_back(cpu_ms() - c0);
  t.wall.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - w0).count());
  return out;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

std::string read_file(const char* path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

int dump(int argc, char** argv) {
  auto parsed = npskit::session_options_from_json(nlohmann::json::object());
  npskit::Session session(std::move(parsed.ingest));
  for (int i = 2; i < argc; ++i) {
    const std::string data = read_file(argv[i]);
    session.begin_file(argv[i], data.size());
    const std::string_view all(data);
    for (std::size_t pos = 0; pos < all.size(); pos += kChunk)
      if (!session.feed(all.substr(pos, kChunk))) break;
    session.end_file();
  }
  std::printf("%s\n", session.info().dump().c_str());
  std::printf("%s\n", session.report(nlohmann::json::object()).dump().c_str());
  std::printf("%s\n", session.report({{"latestPerPerson", true}}).dump().c_str());
  std::printf("%s\n", session.rows({{"limit", 200}}).dump().c_str());
  std::printf("%s\n", session.rows({{"limit", 50}, {"search", "a"}, {"offset", 10}}).dump().c_str());
  // Every row, and a report filtered on each segment's last value (codes and their
  // order): a dropped duplicate must leave no trace in either.
  for (std::size_t offset = 0;; offset += 10000) {  // the longest page is 10,000 rows
    const auto page = session.rows({{"limit", 10000}, {"offset", offset}});
    std::printf("%s\n", page.dump().c_str());
    if (!page.contains("total") || offset + 10000 >= page["total"].get<std::size_t>()) break;
  }
  const auto info = session.info();
  for (const auto& seg : info["segments"])
    if (!seg["values"].empty())
      std::printf("%s\n", session
                               .report({{"filters", {{"where", json::array({{{"column", seg["name"]}, {"op", "ne"},
                                                                              {"value", seg["values"].back()}}})}}}})
                               .dump()
                               .c_str());
  std::printf("%s\n", session.comments(nlohmann::json::object()).dump().c_str());
  // Every rejection and unreadable date listed (the store keeps the first 100,000).
  std::printf("%s\n", session.report({{"maxRejections", 100000}}).dump().c_str());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc > 2 && std::string_view(argv[1]) == "--dump") return dump(argc, argv);
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s file.csv [runs] [session|stream]\n", argv[0]);
    return 2;
  }
  const std::string data = read_file(argv[1]);
  const int runs = argc > 2 ? std::max(1, std::atoi(argv[2])) : 5;
  if (argc > 3) {  // one path only, for a profiler
    const std::string_view which(argv[3]);
    const auto out = which == "session" ? session_report(data) : stream_report(data);
    std::printf("%zu bytes of report\n", out.size());
    return 0;
  }
  Times stream, session;
  std::string a, b;
  for (int i = 0; i < runs; ++i) {  // interleaved, so that a noisy moment hits both
    a = timed(stream_report, data, stream);
    b = timed(session_report, data, session);
  }
  const double mb = static_cast<double>(data.size()) / 1e6;
  std::printf("%.1f MB, median of %d runs\n", mb, runs);
  std::printf("streaming analyze          wall %7.1f ms  cpu %7.1f ms  (%.0f MB/s cpu)\n", median(stream.wall), median(stream.cpu),
              mb / (median(stream.cpu) / 1e3));
  std::printf("session open + report({})  wall %7.1f ms  cpu %7.1f ms  (%.0f MB/s cpu)\n", median(session.wall), median(session.cpu),
              mb / (median(session.cpu) / 1e3));
  std::printf("session / streaming        wall %7.2fx    cpu %7.2fx\n", median(session.wall) / median(stream.wall),
              median(session.cpu) / median(stream.cpu));
  if (a != b) std::printf("note: the reports differ (e.g. the session names no source file path)\n");
  return 0;
}
