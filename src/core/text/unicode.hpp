#pragma once
// Small UTF-8 and code-point helpers for the comment tokenizer and the sentiment
// model. No ICU: the tables cover what customer comments contain (Latin, Greek,
// Cyrillic case folding; CJK, Indic, Arabic, Hangul as scripts; emoji sequences).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/values/utf8.hpp"

namespace npskit::text {

struct Decoded {
  char32_t cp;       // U+FFFD for an invalid or truncated sequence
  std::uint32_t len; // bytes consumed (>= 1)
};

// Decodes the code point at text[i] (i < text.size()).
inline Decoded decode_utf8(std::string_view text, std::size_t i) {
  const auto b0 = static_cast<unsigned char>(text[i]);
  if (b0 < 0x80) return {b0, 1};
  int n;
  char32_t cp;
  if ((b0 & 0xE0) == 0xC0) { n = 2; cp = b0 & 0x1F; }
  else if ((b0 & 0xF0) == 0xE0) { n = 3; cp = b0 & 0x0F; }
  else if ((b0 & 0xF8) == 0xF0) { n = 4; cp = b0 & 0x07; }
  else return {0xFFFD, 1};
  if (i + static_cast<std::size_t>(n) > text.size()) return {0xFFFD, 1};
  for (int k = 1; k < n; ++k) {
    const auto b = static_cast<unsigned char>(text[i + static_cast<std::size_t>(k)]);
    if ((b & 0xC0) != 0x80) return {0xFFFD, 1};
    cp = (cp << 6) | (b & 0x3F);
  }
  // Overlong forms, surrogates and values past U+10FFFF are invalid.
  if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) || cp > 0x10FFFF ||
      (cp >= 0xD800 && cp <= 0xDFFF))
    return {0xFFFD, 1};
  return {cp, static_cast<std::uint32_t>(n)};
}

// Simple lowercase mapping for ASCII, Latin-1 Supplement, Latin Extended-A,
// Latin Extended Additional (Vietnamese), Greek and Cyrillic; other code points
// map to themselves. U+0130 (I with dot) maps to 'i'; U+1E9E (capital sharp s) to U+00DF.
char32_t lower_cp(char32_t c);
// The base letter of a lowercase Latin letter with diacritics (é -> "e", ß -> "ss",
// æ -> "ae", œ -> "oe", ł -> "l"), or empty when c has none. Combining marks
// (U+0300..U+036F) map to "" too: see is_combining_mark.
std::string_view latin_base(char32_t c);

inline bool is_combining_mark(char32_t c) {
  return (c >= 0x0300 && c <= 0x036F) || (c >= 0x1AB0 && c <= 0x1AFF) || (c >= 0x1DC0 && c <= 0x1DFF) ||
         (c >= 0x20D0 && c <= 0x20FF) || (c >= 0xFE20 && c <= 0xFE2F);
}

// Whitespace as JavaScript's \s sees it (the npm VADER splits on it), plus U+200B.
inline bool is_space_cp(char32_t c) {
  return c == ' ' || c == 0x200B || (c >= 0x09 && c <= 0x0D) || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) ||
         c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000 || c == 0xFEFF;
}
// JavaScript's \s exactly (no U+200B): used where the reference must be matched.
inline bool is_js_space(char32_t c) {
  return c == ' ' || (c >= 0x09 && c <= 0x0D) || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) ||
         c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

// Han ideographs and Hiragana: one token per character (no spaces between words).
inline bool is_han(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0x20000 && c <= 0x2FA1F) || c == 0x3005 || c == 0x3007;
}
inline bool is_hiragana(char32_t c) { return c >= 0x3041 && c <= 0x309F; }
// Katakana (incl. the prolonged sound mark and halfwidth forms): kept as runs, since
// Katakana runs are mostly loanwords (サポート "support", アプリ "app").
inline bool is_katakana(char32_t c) {
  return (c >= 0x30A1 && c <= 0x30FA) || c == 0x30FC || c == 0x30FD || c == 0x30FE || (c >= 0x31F0 && c <= 0x31FF) ||
         (c >= 0xFF66 && c <= 0xFF9F);
}

// Emoji: the code points that start an emoji token, and those that extend one.
inline bool is_regional_indicator(char32_t c) { return c >= 0x1F1E6 && c <= 0x1F1FF; }
inline bool is_emoji_modifier(char32_t c) { return c >= 0x1F3FB && c <= 0x1F3FF; }
inline bool is_emoji_start(char32_t c) {
  if (c >= 0x1F000 && c <= 0x1FAFF) return !is_emoji_modifier(c);
  return (c >= 0x2600 && c <= 0x27BF) || (c >= 0x2300 && c <= 0x23FF) || (c >= 0x2B00 && c <= 0x2BFF) ||
         c == 0x3030 || c == 0x303D || c == 0x3297 || c == 0x3299 ||
         c == 0x203C || c == 0x2049 || c == 0x2122 || c == 0x2139 || c == 0x24C2 || (c >= 0x25AA && c <= 0x25FE);
}
inline bool is_emoji_extender(char32_t c) {
  return c == 0xFE0F || c == 0xFE0E || is_emoji_modifier(c) || c == 0x20E3 || (c >= 0xE0020 && c <= 0xE007F);
}

// The end (byte offset) of the emoji sequence starting at text[i], or i when none
// starts there. A sequence: an emoji (or a regional-indicator pair = a flag, or a
// keycap [0-9#*] FE0F? 20E3) with its variation selectors, skin-tone modifiers,
// tags, and ZWJ-joined followers (👩‍💻, ❤️‍🔥).
std::size_t emoji_sequence_end(std::string_view text, std::size_t i);

// UTF-16 code units of a UTF-8 string (JavaScript's String.length).
inline std::size_t utf16_length(std::string_view s) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size();) {
    const Decoded d = decode_utf8(s, i);
    n += d.cp >= 0x10000 ? 2 : 1;
    i += d.len;
  }
  return n;
}

}  // namespace npskit::text
