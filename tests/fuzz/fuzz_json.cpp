// libFuzzer target: the JSON readers. The input is read as a whole document
// (array / wrapper object / single object) and as NDJSON fed in pseudo-random
// chunks; byte 0 seeds the chunking. Checks: no crash / UB / unbounded
// recursion, every record's fields align with the column list, and NDJSON
// chunked equals NDJSON in one piece.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "core/ingest/json_reader.hpp"

namespace {
struct Rec {
  std::uint64_t line;
  std::vector<std::string> fields;
  std::string error;
  bool operator==(const Rec&) const = default;
};

std::vector<Rec> ndjson(std::string_view text, std::uint32_t seed) {
  npskit::JsonTable table;
  npskit::NdjsonReader reader(table);
  std::vector<Rec> out;
  auto sink = [&](const npskit::JsonRecord& r) {
    if (r.error.empty() && r.fields.size() != table.columns().size()) std::abort();
    out.push_back({r.line, std::vector<std::string>(r.fields.begin(), r.fields.end()), std::string(r.error)});
  };
  std::uint32_t s = seed;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t n = text.size();
    if (seed) {
      s ^= s << 13;
      s ^= s >> 17;
      s ^= s << 5;
      n = 1 + (s >> 8) % 97;
    }
    reader.feed(text.substr(at, n), sink);
    at += n;
  }
  reader.finish(sink);
  return out;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const std::uint32_t seed = data[0] | 0x100u;
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  (void)npskit::json_nesting_depth(text);
  {
    npskit::JsonTable table;
    std::size_t records = 0;
    const std::string error = npskit::read_json_document(text, table, [&](const npskit::JsonRecord& r) {
      ++records;
      if (r.error.empty() && r.fields.size() != table.columns().size()) std::abort();
    });
    (void)error;
  }
  if (ndjson(text, 0) != ndjson(text, seed)) std::abort();
  return 0;
}
