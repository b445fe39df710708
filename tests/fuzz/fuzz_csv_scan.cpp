// libFuzzer target: the SIMD CSV scan against the scalar one.
// Input: byte 0 picks the delimiter, byte 1 seeds the chunking; the rest is the
// text. Checks: every block classifier gives the scalar masks on every 64-byte
// window of the text; the reader gives identical records with the best kernel and
// with the scalar kernel, fed whole and in pseudo-random chunks; and both equal
// the records of the state machine alone (text fed one byte at a time, where no
// record lies wholly in a chunk, so the scan is never used).
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "core/ingest/csv_reader.hpp"
#include "core/ingest/csv_scan.hpp"

namespace {
struct Rec {
  std::uint64_t line;
  std::vector<std::string> fields;
  bool unterminated;
  npskit::CsvLimit over_limit;
  bool operator==(const Rec&) const = default;
};

// seed 0: whole; seed 1: one byte at a time; otherwise chunks of 1..64 bytes or larger.
std::vector<Rec> read(char delim, npskit::CsvScanKernel kernel, std::string_view text, std::uint32_t seed) {
  npskit::CsvReader reader(delim, kernel);
  std::vector<Rec> out;
  auto sink = [&](const npskit::CsvRecord& r) {
    out.push_back({r.line, std::vector<std::string>(r.fields.begin(), r.fields.end()), r.unterminated_quote,
                   r.over_limit});
  };
  if (seed == 0) {
    reader.feed(text, sink);
  } else {
    std::uint32_t s = seed;
    std::size_t at = 0;
    while (at < text.size()) {
      std::size_t n = 1;
      if (seed != 1) {
        s ^= s << 13;
        s ^= s >> 17;
        s ^= s << 5;
        n = (s & 3) == 0 ? 1 + (s >> 8) % 4096 : 1 + (s >> 8) % 64;
      }
      reader.feed(text.substr(at, n), sink);
      at += n;
    }
  }
  reader.finish(sink);
  return out;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using npskit::CsvScanKernel;
  if (size < 2) return 0;
  static constexpr char kDelims[] = {',', ';', '\t', '|'};
  const char delim = kDelims[data[0] & 3];
  const std::uint32_t seed = data[1] | 0x100u;
  const std::string_view text(reinterpret_cast<const char*>(data) + 2, size - 2);

  const auto scalar = npskit::csv_classifier(CsvScanKernel::scalar);
  for (std::size_t at = 0; at + 64 <= text.size(); ++at) {
    const npskit::CsvBlockBits expected = scalar(text.data() + at, delim);
    for (CsvScanKernel k : {CsvScanKernel::sse2, CsvScanKernel::avx2, CsvScanKernel::wasm_simd128}) {
      if (!(npskit::csv_classifier(k)(text.data() + at, delim) == expected)) std::abort();
    }
  }

  const auto reference = read(delim, CsvScanKernel::scalar, text, 1);  // the state machine alone
  const CsvScanKernel best = npskit::best_csv_scan_kernel();
  if (read(delim, CsvScanKernel::scalar, text, 0) != reference) std::abort();
  if (read(delim, best, text, 0) != reference) std::abort();
  if (read(delim, CsvScanKernel::scalar, text, seed) != reference) std::abort();
  if (read(delim, best, text, seed) != reference) std::abort();
  return 0;
}
