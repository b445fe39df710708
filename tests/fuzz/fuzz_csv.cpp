// libFuzzer target: the streaming CSV reader.
// Input: byte 0 picks the delimiter, byte 1 seeds the chunking; the rest is the
// text, fed in chunks of pseudo-random sizes (1..64 bytes, or larger). Checks:
// no crash / UB, and the records read in chunks equal the records read in one
// piece (the reader's contract: "text is fed in chunks of any size").
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "core/ingest/csv_reader.hpp"

namespace {
struct Rec {
  std::uint64_t line;
  std::vector<std::string> fields;
  bool unterminated;
  bool operator==(const Rec&) const = default;
};

std::vector<Rec> read(char delim, std::string_view text, std::uint32_t seed) {
  npskit::CsvReader reader(delim);
  std::vector<Rec> out;
  auto sink = [&](const npskit::CsvRecord& r) {
    out.push_back({r.line, std::vector<std::string>(r.fields.begin(), r.fields.end()), r.unterminated_quote});
  };
  if (seed == 0) {
    reader.feed(text, sink);
  } else {
    std::uint32_t s = seed;
    std::size_t at = 0;
    while (at < text.size()) {
      s ^= s << 13;
      s ^= s >> 17;
      s ^= s << 5;
      const std::size_t n = (s & 3) == 0 ? 1 + (s >> 8) % 4096 : 1 + (s >> 8) % 64;
      reader.feed(text.substr(at, n), sink);
      at += n;
    }
  }
  reader.finish(sink);
  return out;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  static constexpr char kDelims[] = {',', ';', '\t', '|'};
  const char delim = kDelims[data[0] & 3];
  const std::uint32_t seed = data[1] | 0x100u;
  const std::string_view text(reinterpret_cast<const char*>(data) + 2, size - 2);
  (void)npskit::sniff_delimiter(text);
  const auto whole = read(delim, text, 0);
  const auto chunked = read(delim, text, seed);
  if (whole != chunked) std::abort();  // chunking changed what was read
  return 0;
}
