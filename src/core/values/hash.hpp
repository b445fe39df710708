#pragma once
// The one string hash of the core: 64-bit FNV-1a. Short keys (words, segment
// values, person ids) hash fast and spread well enough for open addressing and
// for de-duplication sets. Not for anything an attacker must not collide: tables
// that take hostile keys also compare the key itself.
#include <cstdint>
#include <string_view>

namespace npskit {

inline constexpr std::uint64_t kFnv1aOffset64 = 1469598103934665603ull;
inline constexpr std::uint64_t kFnv1aPrime64 = 1099511628211ull;

// Continue an FNV-1a hash `h` over `s` (start from kFnv1aOffset64).
constexpr std::uint64_t fnv1a_64(std::string_view s, std::uint64_t h = kFnv1aOffset64) {
  for (unsigned char c : s) h = (h ^ c) * kFnv1aPrime64;
  return h;
}

}  // namespace npskit
