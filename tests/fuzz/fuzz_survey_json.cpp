// libFuzzer target: the widget's own JSON reader (src/core/survey/json.cpp).
// Checks beyond "no crash / UB / leak / timeout": a parsed value has no repeated
// key in any object and stays within the limits (members per object, values,
// depth); its dump parses again to the same dump; a refusal past a limit says why.
#include <cstdint>
#include <cstdlib>
#include <set>
#include <string>
#include <string_view>

#include "core/survey/json.hpp"

using npskit::survey::Json;

namespace {
std::size_t check(const Json& v, int depth) {
  if (depth > 32) std::abort();
  std::size_t values = 1;
  if (v.is_array())
    for (const auto& item : v.items()) values += check(item, depth + 1);
  if (v.is_object()) {
    if (v.members().size() > Json::kMaxMembers) std::abort();
    std::set<std::string_view> keys;
    for (const auto& [k, item] : v.members()) {
      if (!keys.insert(k).second) std::abort();  // a repeated key survived
      if (v.get(k) != &item) std::abort();
      values += check(item, depth + 1);
    }
  }
  return values;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  Json value;
  std::string why;
  if (!Json::parse(text, value, &why)) return 0;
  if (!why.empty()) std::abort();
  if (check(value, 1) > Json::kMaxValues) std::abort();
  const std::string once = value.dump();
  Json again;
  if (!Json::parse(once, again)) std::abort();
  if (again.dump() != once) std::abort();
  return 0;
}
