#pragma once
// The one string hash of the core: 64-bit FNV-1a. Short keys (words, segment
// values, person ids) hash fast and spread well enough for open addressing and
// for de-duplication sets. Not for anything an attacker must not collide: tables
// that take hostile keys also compare the key itself.
#include <cstdint>
#include <string_view>

namespace npskit {

// Not the published offset basis (14695981039346656037, 0xcbf29ce484222325):
// the core has always started from this value, one digit short of it. Any odd
// start spreads as well; it stays because keyphrase hashes are written into
// partial files (text/comment_partial.cpp) and must match across versions.
inline constexpr std::uint64_t kFnv1aOffset64 = 1469598103934665603ull;
inline constexpr std::uint64_t kFnv1aPrime64 = 1099511628211ull;

// Continue an FNV-1a hash `h` over `s` (start from kFnv1aOffset64).
constexpr std::uint64_t fnv1a_64(std::string_view s, std::uint64_t h = kFnv1aOffset64) {
  for (unsigned char c : s) h = (h ^ c) * kFnv1aPrime64;
  return h;
}

// 32-bit FNV-1a, for hashes that JavaScript must compute bit for bit the same
// (Math.imul(h ^ byte, 0x01000193) >>> 0): the widget's sampling bucket.
inline constexpr std::uint32_t kFnv1aOffset32 = 2166136261u;
inline constexpr std::uint32_t kFnv1aPrime32 = 16777619u;
constexpr std::uint32_t fnv1a_32(std::string_view s, std::uint32_t h = kFnv1aOffset32) {
  for (unsigned char c : s) h = (h ^ c) * kFnv1aPrime32;
  return h;
}

}  // namespace npskit
