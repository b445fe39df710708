#pragma once
// Sticky sampling: a stable hash of (survey, user or anonymous id) decides
// membership, so the same visitor always gets the same answer and heavy visitors
// are not over-sampled by being asked again on every visit.
#include <cstdint>
#include <string_view>

namespace npskit::survey {

// FNV-1a over the bytes, then murmur3's finaliser to spread the low bits.
std::uint32_t stable_hash(std::string_view text);

// Bucket in [0, 10000) for this survey and user.
std::uint32_t sample_bucket(std::string_view survey_id, std::string_view user_key);

// True when the user falls inside a sample of `rate` (0..1) of all users.
bool in_sample(std::string_view survey_id, std::string_view user_key, double rate);

}  // namespace npskit::survey
