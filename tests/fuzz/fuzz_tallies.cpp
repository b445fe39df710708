// libFuzzer target: the tallies reader (ingest/tallies_reader, tally_table):
// CSV and JSON tallies files and partials. Byte 0 seeds the chunk sizes.
// Checks: no crash / UB; the verdict (error text, groups and counts) is the same
// whether the file arrives in one piece or in pseudo-random chunks; a file read
// twice as two files adds up to twice its counts (the merge is addition).
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/ingest/tallies_reader.hpp"

namespace {

struct Result {
  std::string error;
  npskit::TallyTable table;
};

// Reads `text` as `copies` files, each fed in chunks from `seed` (0: one piece).
Result read(std::string_view text, std::uint32_t seed, int copies) {
  npskit::TalliesReader reader;
  for (int c = 0; c < copies; ++c) {
    reader.begin_file("f");
    std::uint32_t s = seed;
    for (std::size_t i = 0; i < text.size() && reader.error().empty();) {
      std::size_t n = text.size() - i;
      if (seed) {
        s = s * 1103515245u + 12345u;
        n = 1 + (s >> 16) % 97;
        if (n > text.size() - i) n = text.size() - i;
      }
      reader.feed(text.substr(i, n));
      i += n;
    }
    if (reader.error().empty()) reader.end_file();
    if (!reader.error().empty()) return {reader.error(), {}};
  }
  return {"", reader.table()};
}

bool same_table(const npskit::TallyTable& a, const npskit::TallyTable& b) {
  return a.segments == b.segments && a.unit == b.unit && a.groups == b.groups;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::uint32_t seed = data[0] | 1u;
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  (void)npskit::looks_like_tallies(text);

  const Result whole = read(text, 0, 1);
  const Result chunked = read(text, seed, 1);
  if (whole.error != chunked.error) std::abort();
  if (!same_table(whole.table, chunked.table)) std::abort();
  if (!whole.error.empty()) return 0;

  const Result twice = read(text, seed, 2);
  if (!twice.error.empty()) std::abort();  // the same file again must add up
  if (twice.table.groups.size() != whole.table.groups.size()) std::abort();
  for (const auto& [key, counts] : whole.table.groups) {
    const auto it = twice.table.groups.find(key);
    if (it == twice.table.groups.end()) std::abort();
    npskit::GroupCounts doubled = counts;
    doubled += counts;
    if (!(it->second == doubled)) std::abort();
  }
  return 0;
}
