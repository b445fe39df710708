#pragma once
// The theme dictionary a query asks for: the built-in themes merged with the
// user's theme JSON (docs/comments.md). One place for the rule and its error
// ("themes: ..."), used by the streaming analysis, the session and the tallies report.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/text/themes.hpp"

namespace npskit {

// Null `themes`: the built-in ones. On a bad JSON, nullopt with `error` set.
inline std::optional<text::ThemeDictionary> theme_choice(const nlohmann::json* themes, std::string& error) {
  auto dictionary = text::ThemeDictionary::builtin();
  if (themes) {
    if (auto problem = dictionary.merge(*themes); !problem.empty()) {
      error = "themes: " + problem;
      return std::nullopt;
    }
  }
  return dictionary;
}

}  // namespace npskit
