#pragma once
// The statistics a client asks about tallies it already holds (the dashboard's
// "compare two segments" and "responses needed for a goal"), so that no client
// re-implements a formula of src/core/stats. Stateless: no session, no rows.
//
// Query (JSON):
//   { "confidence": 0.95,                                   // optional, in (0, 1)
//     "compare": { "a": TALLY, "b": TALLY },                 // two independent groups, judged alone
//     "sampleSize": { "margin": 5.0, "expected": TALLY } }   // responses for a +/- margin (points) interval;
//                                                            // expected: the variance to assume (default: the worst case)
//   TALLY: { "histogram": [11 counts, score 0..10] } or { "promoters": P, "passives": A, "detractors": D }
// Answer: { "confidence": 0.95,
//           "compare": { "diff", "z", "p", "p_adjusted", "significant", "too_small" },   // when asked
//           "sample_size": 1234 }                                                        // when asked
// or { "error": "..." } naming the field that is wrong.
#include <nlohmann/json.hpp>

namespace npskit {

nlohmann::ordered_json stats_query(const nlohmann::json& query);

}  // namespace npskit
