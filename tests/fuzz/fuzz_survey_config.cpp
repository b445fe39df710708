// libFuzzer target: the survey-config validator and the survey message API.
// The input is parsed with the survey's own small JSON parser and validated;
// the same text also goes through survey::call("validate", ...) and, picked by
// the first byte, one other op, as the widget's wasm binding sends it.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/survey/api.hpp"
#include "core/survey/config.hpp"
#include "core/survey/json.hpp"

using namespace npskit::survey;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  Json value;
  if (Json::parse(text, value)) {
    const auto result = validate_config(value);
    if (result.ok()) {
      // A normalised config validates again, unchanged in verdict.
      if (!validate_config(result.config).ok()) std::abort();
    }
    (void)result.config.dump();
    (void)value.dump();
  }
  (void)call("validate", text);
  (void)call("validate", "{\"config\":" + std::string(text) + "}");
  if (size > 0) {
    static constexpr const char* kOps[] = {"decide", "classify", "payload", "bucket"};
    (void)call(kOps[data[0] & 3], text);
  }
  return 0;
}
