// libFuzzer target: score cells. Checks: no crash / UB, an ok score is 0..10,
// and padding with spaces does not change the verdict.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/values/score.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto cell = npskit::parse_score(text);
  if (cell.status == npskit::ScoreStatus::ok && (cell.score < 0 || cell.score > 10)) std::abort();
  (void)npskit::describe(cell.status);
  const auto padded = npskit::parse_score(" " + std::string(text) + " ");
  if (padded.status != cell.status) std::abort();
  if (cell.status == npskit::ScoreStatus::ok && padded.score != cell.score) std::abort();
  return 0;
}
