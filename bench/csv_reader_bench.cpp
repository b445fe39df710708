// Micro-benchmark of the ingest text layer: Utf8Decoder + CsvReader over a file,
// fed in 1 MiB chunks; prints records, fields and the median MB/s of 5 runs, by
// the wall clock and by this process's CPU time (which a busy shared machine
// disturbs less).
// A second argument `scalar` makes the CSV scan use its scalar kernel (the
// default is the best one this build and CPU run: AVX2/SSE2, wasm SIMD).
// Native (a target of bench/CMakeLists.txt, not built by default):
//   cmake --build build/native --target csv_reader_bench && build/native/bench/csv_reader_bench /tmp/bench.csv
// WebAssembly (Node; NODERAWFS reads the host file; SINGLE_FILE avoids Node 18+ fetch of a .wasm path):
//   NODE_PATH=/usr/share/nodejs em++ -std=c++20 -O3 -msimd128 -Isrc -sNODERAWFS=1 -sALLOW_MEMORY_GROWTH=1 -sSINGLE_FILE=1 src/core/ingest/encoding.cpp src/core/ingest/csv_scan.cpp src/core/ingest/csv_reader.cpp bench/csv_reader_bench.cpp -o /tmp/csv_bench.js && node /tmp/csv_bench.js /tmp/bench.csv
#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "core/ingest/csv_reader.hpp"
#include "core/ingest/encoding.hpp"

namespace {

struct Counts {
  std::uint64_t records = 0, fields = 0, bytes = 0;
};

npskit::CsvScanKernel g_kernel = npskit::best_csv_scan_kernel();

Counts run_once(const std::string& data) {
  constexpr std::size_t kChunk = 1 << 20;
  npskit::Utf8Decoder decoder;
  const std::string_view all(data);
  npskit::CsvReader reader(npskit::sniff_delimiter(all.substr(0, 64 * 1024)), g_kernel);
  Counts c;
  const npskit::CsvSink sink = [&c](const npskit::CsvRecord& r) {
    ++c.records;
    c.fields += r.fields.size();
    for (auto f : r.fields) c.bytes += f.size();  // touch the views
  };
  for (std::size_t pos = 0; pos < all.size(); pos += kChunk) {
    reader.feed(decoder.feed(all.substr(pos, kChunk)), sink);
  }
  reader.feed(decoder.finish(), sink);
  reader.finish(sink);
  return c;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s file.csv [scalar]\n", argv[0]);
    return 2;
  }
  if (argc > 2 && std::string_view(argv[2]) == "scalar") g_kernel = npskit::CsvScanKernel::scalar;
  std::ifstream in(argv[1], std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string data = ss.str();
  if (data.empty()) {
    std::fprintf(stderr, "cannot read %s\n", argv[1]);
    return 1;
  }
  run_once(data);  // warm-up (page faults, wasm tier-up)
  std::vector<double> rates, cpu_rates;
  Counts c;
  for (int i = 0; i < 5; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    const std::clock_t c0 = std::clock();
    c = run_once(data);
    const std::chrono::duration<double> dt = std::chrono::steady_clock::now() - t0;
    const double cpu = static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC;
    rates.push_back(static_cast<double>(data.size()) / 1e6 / dt.count());
    cpu_rates.push_back(static_cast<double>(data.size()) / 1e6 / cpu);
  }
  std::sort(rates.begin(), rates.end());
  std::sort(cpu_rates.begin(), cpu_rates.end());
  std::printf("%s: %.1f MB, %llu records, %llu fields, median %.0f MB/s (min %.0f, max %.0f); by CPU time median %.0f MB/s\n",
              npskit::csv_scan_kernel_name(g_kernel), static_cast<double>(data.size()) / 1e6,
              static_cast<unsigned long long>(c.records),
              static_cast<unsigned long long>(c.fields), rates[2], rates[0], rates[4], cpu_rates[2]);
}
