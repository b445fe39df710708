#pragma once
// The response payload: validated answer + context, a flat record that the
// collector appends as one NDJSON line, with an idempotency key for dedupe.
#include <string>
#include <vector>

#include "core/survey/config.hpp"
#include "core/survey/json.hpp"

namespace npskit::survey {

constexpr std::size_t kMaxCommentChars = 2000;
constexpr std::size_t kMaxPayloadBytes = 8192;

struct PayloadResult {
  std::vector<FieldError> errors;
  Json payload;
  bool ok() const { return errors.empty(); }
};

// ISO 8601 UTC with milliseconds, e.g. "2025-03-01T10:00:00.000Z".
std::string iso_time(double ms_since_epoch);

// answer:  {"score", "comment", "consent", "email"}
// context: {"now", "nonce" (8-32 hex chars from the browser's CSPRNG), "locale",
//           "page", "userId" (from identify, else null), "attributes"}
PayloadResult build_payload(const Json& config, const Json& answer, const Json& context);

}  // namespace npskit::survey
