// libFuzzer target: user theme JSON (ThemeDictionary::merge_json, the dashboard's
// and the CLI's --themes input) merged into the built-in themes. Checks beyond
// "no crash / UB / leak / timeout": a refused JSON leaves the dictionary
// unchanged; an accepted one keeps the limits (themes, terms in all, term bytes),
// no theme name twice, no term twice in a theme, round-trips through to_json(),
// and a matcher can be built on it.
#include <cstdint>
#include <cstdlib>
#include <set>
#include <string>
#include <string_view>

#include "core/text/themes.hpp"

using npskit::text::ThemeDictionary;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  ThemeDictionary d = ThemeDictionary::builtin();
  const auto before = d.to_json();
  const std::string problem = d.merge_json(text);
  if (!problem.empty()) {
    if (d.to_json() != before) std::abort();
    return 0;
  }
  if (d.size() > ThemeDictionary::kMaxThemes) std::abort();
  std::size_t terms = 0;
  std::set<std::string_view> names;
  for (const auto& t : d.themes()) {
    if (t.name.empty() || !names.insert(t.name).second) std::abort();
    std::set<std::string_view> seen;
    for (const auto& term : t.terms) {
      if (term.size() > ThemeDictionary::kMaxTermBytes || !seen.insert(term).second) std::abort();
    }
    terms += t.terms.size();
  }
  if (terms > ThemeDictionary::kMaxTerms) std::abort();
  ThemeDictionary copy;
  if (!copy.merge(d.to_json()).empty() || copy.to_json() != d.to_json()) std::abort();
  npskit::text::ThemeMatcher matcher(d);
  (void)matcher;
  return 0;
}
