#include "core/analysis/comment_spans.hpp"

#include <algorithm>

namespace npskit {

std::uint32_t utf16_index(std::string_view s, std::uint32_t byte) {
  std::uint32_t units = 0;
  const std::size_t end = std::min<std::size_t>(byte, s.size());
  auto cont = [&](std::size_t i) { return i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80; };
  for (std::size_t i = 0; i < end;) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 1;
    for (std::size_t k = 1; k < len; ++k)
      if (!cont(i + k)) len = 1;
    units += len == 4 ? 2 : 1;
    i += len;
  }
  return units;
}

std::vector<std::pair<std::uint32_t, std::uint32_t>> phrase_spans(const text::TokenList& tl, std::string_view phrase) {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> out;
  std::string p;
  for (std::size_t i = 0; i < tl.size(); ++i) {
    p.clear();
    for (std::size_t k = i; k < tl.size() && k < i + 8; ++k) {
      if (k > i && tl.tokens[k].after_break) break;
      text::append_to_phrase(p, tl, k, k == i);
      if (p.size() > phrase.size() || phrase.compare(0, p.size(), p) != 0) break;
      if (p.size() == phrase.size()) {
        out.emplace_back(tl.tokens[i].begin, tl.tokens[k].end);
        break;
      }
    }
  }
  return out;
}

std::string normalized_phrase(std::string_view text) {
  const auto tl = text::tokenize(text);
  std::string p;
  for (std::size_t k = 0; k < tl.size(); ++k) text::append_to_phrase(p, tl, k, k == 0);
  return p;
}

}  // namespace npskit
