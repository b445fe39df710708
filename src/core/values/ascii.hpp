#pragma once
// ASCII case folding for keys the product itself names (header words, option
// names, period names). Locale-free on purpose: std::tolower depends on the C
// locale, and a Turkish locale would fold 'I' differently. Text a user wrote
// (comments) is folded by text/unicode.hpp instead.
#include <cstddef>
#include <string>
#include <string_view>

namespace npskit {

constexpr char lower_ascii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

inline std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = lower_ascii(c);
  return out;
}

// ASCII case-insensitive equality.
constexpr bool equals_ascii_nocase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (lower_ascii(a[i]) != lower_ascii(b[i])) return false;
  return true;
}

}  // namespace npskit
