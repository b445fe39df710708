#include "core/text/unicode.hpp"

namespace npskit::text {

char32_t lower_cp(char32_t c) {
  if (c < 0x80) return (c >= 'A' && c <= 'Z') ? c + 32 : c;
  if (c < 0x100) return (c >= 0xC0 && c <= 0xDE && c != 0xD7) ? c + 32 : c;
  if (c < 0x180) {
    if (c == 0x130) return 'i';
    if (c == 0x178) return 0xFF;
    if (c == 0x17F) return c;  // long s: its own lowercase; latin_base maps it to s
    if ((c >= 0x100 && c <= 0x137) || (c >= 0x14A && c <= 0x177)) return (c % 2 == 0) ? c + 1 : c;
    if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) return (c % 2 == 1) ? c + 1 : c;
    return c;
  }
  if (c >= 0x370 && c < 0x400) {  // Greek
    if (c == 0x386) return 0x3AC;
    if (c >= 0x388 && c <= 0x38A) return c + 37;
    if (c == 0x38C) return 0x3CC;
    if (c == 0x38E || c == 0x38F) return c + 63;
    if ((c >= 0x391 && c <= 0x3A1) || (c >= 0x3A3 && c <= 0x3AB)) return c + 32;
    return c;
  }
  if (c >= 0x400 && c < 0x530) {  // Cyrillic
    if (c <= 0x40F) return c + 80;
    if (c <= 0x42F) return c + 32;
    if ((c >= 0x460 && c <= 0x481) || (c >= 0x48A && c <= 0x4BF) || (c >= 0x4D0 && c <= 0x52F)) return (c % 2 == 0) ? c + 1 : c;
    if (c == 0x4C0) return 0x4CF;
    if (c >= 0x4C1 && c <= 0x4CE) return (c % 2 == 1) ? c + 1 : c;
    return c;
  }
  if (c >= 0x1E00 && c <= 0x1EFF) {  // Latin Extended Additional (Vietnamese and others)
    if (c == 0x1E9E) return 0xDF;
    if (c <= 0x1E95 || c >= 0x1EA0) return (c % 2 == 0) ? c + 1 : c;
    return c;
  }
  if (c >= 0xFF21 && c <= 0xFF3A) return c + 32;  // fullwidth A-Z
  return c;
}

std::string_view latin_base(char32_t c) {
  // U+00C0..U+00FF, lowercase positions only matter (callers fold first), but the
  // uppercase half maps the same way. '.' = none; '1' = ae, '2' = th, '3' = ss.
  static constexpr std::string_view latin1 = "aaaaaa1ceeeeiiiidnooooo.ouuuuy23aaaaaa1ceeeeiiiidnooooo.ouuuuy2y";
  // U+0100..U+017F; '4' = ij, '5' = oe.
  static constexpr std::string_view ext_a =
      "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii44jjkkkllllllllllnnnnnnnnnoooooo55rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";
  static_assert(latin1.size() == 64 && ext_a.size() == 128);
  if (is_combining_mark(c)) return "";
  char b;
  if (c >= 0xC0 && c <= 0xFF) b = latin1[c - 0xC0];
  else if (c >= 0x100 && c <= 0x17F) b = ext_a[c - 0x100];
  else return {};
  switch (b) {
    case '.': return {};
    case '1': return "ae";
    case '2': return "th";
    case '3': return "ss";
    case '4': return "ij";
    case '5': return "oe";
    default: break;
  }
  static constexpr std::string_view letters = "abcdefghijklmnopqrstuvwxyz";
  return letters.substr(static_cast<std::size_t>(b - 'a'), 1);
}

std::size_t emoji_sequence_end(std::string_view text, std::size_t i) {
  const std::size_t n = text.size();
  Decoded d = decode_utf8(text, i);
  std::size_t j = i + d.len;
  const char32_t c = d.cp;
  if ((c >= '0' && c <= '9') || c == '#' || c == '*') {  // keycap: 1️⃣
    std::size_t k = j;
    if (k < n && decode_utf8(text, k).cp == 0xFE0F) k += 3;
    if (k < n && decode_utf8(text, k).cp == 0x20E3) return k + 3;
    return i;
  }
  if (is_regional_indicator(c)) {  // a flag is a pair
    if (j < n) {
      const Decoded e = decode_utf8(text, j);
      if (is_regional_indicator(e.cp)) return j + e.len;
    }
    return j;
  }
  if (!is_emoji_start(c)) return i;
  for (;;) {
    while (j < n) {
      const Decoded e = decode_utf8(text, j);
      if (!is_emoji_extender(e.cp)) break;
      j += e.len;
    }
    if (j + 3 < n && decode_utf8(text, j).cp == 0x200D) {
      const Decoded e = decode_utf8(text, j + 3);
      if (is_emoji_start(e.cp) || is_regional_indicator(e.cp)) {
        j += 3 + e.len;
        continue;
      }
    }
    break;
  }
  return j;
}

}  // namespace npskit::text
