#include "core/survey/sampling.hpp"

#include <cmath>
#include <string>

#include "core/values/hash.hpp"

namespace npskit::survey {

// FNV-1a (32 bits) then murmur3's finalizer. The numbers are part of the
// contract: a visitor's bucket must not move between releases (tests/survey
// pins them).
std::uint32_t stable_hash(std::string_view text) {
  std::uint32_t h = fnv1a_32(text);
  h ^= h >> 16;
  h *= 0x85ebca6bu;
  h ^= h >> 13;
  h *= 0xc2b2ae35u;
  h ^= h >> 16;
  return h;
}

std::uint32_t sample_bucket(std::string_view survey_id, std::string_view user_key) {
  std::string key(survey_id);
  key += ':';
  key += user_key;
  return stable_hash(key) % 10000u;
}

bool in_sample(std::string_view survey_id, std::string_view user_key, double rate) {
  if (rate >= 1) return true;
  if (rate <= 0) return false;
  return sample_bucket(survey_id, user_key) < static_cast<std::uint32_t>(std::lround(rate * 10000));
}

}  // namespace npskit::survey
