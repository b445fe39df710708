#pragma once
// Whitespace trimming shared by the cell parsers (score, dates) and the ingest
// layer (header cells, records).
#include <cstddef>
#include <string>
#include <string_view>

namespace npskit {

// ' ' or one of \t \n \v \f \r (9..13, one range: one compare instead of five;
// trimming runs on every cell of every row).
constexpr bool is_ascii_space(char c) {
  return c == ' ' || static_cast<unsigned char>(c - '\t') <= '\r' - '\t';
}

// ASCII whitespace stripped from both ends.
constexpr std::string_view trim_ascii(std::string_view s) {
  while (!s.empty() && is_ascii_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_ascii_space(s.back())) s.remove_suffix(1);
  return s;
}

// Length of a no-break space at the start / end of `s`: U+00A0 (C2 A0, Excel and
// French number formats) or U+202F (E2 80 AF, which ICU-based formatters put
// before AM/PM); 0 if none. Both lead bytes are never continuation bytes, so a
// match cannot start inside another character.
constexpr std::size_t nbsp_length_front(std::string_view s) {
  if (s.size() >= 2 && s[0] == '\xC2' && s[1] == '\xA0') return 2;
  if (s.size() >= 3 && s[0] == '\xE2' && s[1] == '\x80' && s[2] == '\xAF') return 3;
  return 0;
}
constexpr std::size_t nbsp_length_back(std::string_view s) {
  const std::size_t n = s.size();
  if (n >= 2 && s[n - 2] == '\xC2' && s[n - 1] == '\xA0') return 2;
  if (n >= 3 && s[n - 3] == '\xE2' && s[n - 2] == '\x80' && s[n - 1] == '\xAF') return 3;
  return 0;
}

// A cell value: ASCII whitespace and no-break spaces stripped from the front...
constexpr std::string_view trim_cell_front(std::string_view s) {
  for (;;) {
    if (!s.empty() && is_ascii_space(s.front())) s.remove_prefix(1);
    else if (const std::size_t k = nbsp_length_front(s)) s.remove_prefix(k);
    else return s;
  }
}

// ...and from both ends.
constexpr std::string_view trim_cell(std::string_view s) {
  s = trim_cell_front(s);
  for (;;) {
    if (!s.empty() && is_ascii_space(s.back())) s.remove_suffix(1);
    else if (const std::size_t k = nbsp_length_back(s)) s.remove_suffix(k);
    else return s;
  }
}

// At most `max_bytes` of s, cut before a UTF-8 character that would not fit whole.
inline std::string utf8_prefix(std::string_view s, std::size_t max_bytes) {
  if (s.size() <= max_bytes) return std::string(s);
  std::size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
  return std::string(s.substr(0, end));
}

// Messages shown to the user are one short line: a message over kMaxMessageBytes
// (a value quoted from a hostile file) keeps its start and says how much was cut.
inline constexpr std::size_t kMaxMessageBytes = 1000;
inline std::string clip_message(std::string message) {
  if (message.size() <= kMaxMessageBytes) return message;
  const std::size_t cut = message.size() - kMaxMessageBytes;
  return utf8_prefix(message, kMaxMessageBytes) + "... (" + std::to_string(cut) + " more bytes)";
}

}  // namespace npskit
