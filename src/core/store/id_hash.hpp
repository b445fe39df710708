#pragma once
// A response id's 64-bit hash: the store's duplicate-id check and the session
// preview's (analysis/session_preview.hpp) hash ids alike.
#include <cstdint>
#include <cstring>
#include <string_view>

namespace npskit {

// The ids' hash inside the store (any 64-bit hash does: equal keys compare the
// texts): 8 bytes at a time. FNV-1a's multiply per byte was a third of on_row.
// Seeded per store (id_seed_): ids crafted to share one key would make the
// comparisons of a key quadratic, and without the seed they cannot be crafted
// offline. No answer depends on the seed (equal keys compare the texts).
inline std::uint64_t id_hash(std::string_view s, std::uint64_t seed) {
  const char* p = s.data();
  const std::size_t n = s.size();
  std::uint64_t h = seed ^ (n * 0xC2B2AE3D27D4EB4Full);
  auto mix = [&h](std::uint64_t w) {
    h = (h ^ w) * 0xff51afd7ed558ccdull;
    h ^= h >> 32;
  };
  if (n >= 8) {
    std::size_t i = 0;
    for (; i + 8 <= n; i += 8) {
      std::uint64_t w;
      std::memcpy(&w, p + i, 8);
      mix(w);
    }
    if (i < n) {  // the last 8 bytes, overlapping the ones before
      std::uint64_t w;
      std::memcpy(&w, p + n - 8, 8);
      mix(w);
    }
  } else if (n >= 4) {
    std::uint32_t lo, hi;
    std::memcpy(&lo, p, 4);
    std::memcpy(&hi, p + n - 4, 4);
    mix(std::uint64_t{lo} | std::uint64_t{hi} << 32);
  } else if (n > 0) {
    mix(std::uint64_t{static_cast<unsigned char>(p[0])} | std::uint64_t{static_cast<unsigned char>(p[n / 2])} << 8 |
        std::uint64_t{static_cast<unsigned char>(p[n - 1])} << 16);
  }
  return h;
}

}  // namespace npskit
