#pragma once
// The comment tokenizer: UTF-8 in, tokens with byte offsets (for highlighting) and
// a normalized form (for counting and matching) out.
//
// - Latin, Greek and Cyrillic words are case-folded (É -> é, Ü -> ü, Ω -> ω); the
//   normalized form keeps diacritics (fold_for_match strips them for matching).
// - Other scripts (Devanagari, Arabic, Hebrew, Thai, Hangul, ...) are kept intact,
//   as runs of letters with their combining marks (and ZWJ/ZWNJ).
// - CJK: Han ideographs and Hiragana are one token per character (kind cjk) - these
//   scripts write no spaces, and per-character tokens let theme terms ("配送") match
//   as phrases and keyphrase bigrams act as CJK words. Katakana runs stay one token
//   (they are mostly loanwords: サポート, アプリ).
// - Emoji sequences (ZWJ, skin tones, flags, keycaps) are one token; the normalized
//   form drops skin tones and variation selectors (👍🏽 and 👍 count together).
// - URLs (scheme://, www., bare domains with a common TLD), e-mail addresses and
//   numbers (1,000 / 3.5 / 10/10 / 10:30) are their own kinds. "24h", "mp3": words.
// - Hyphens split words ("after-sales" -> after, sales) without breaking a phrase;
//   apostrophes stay inside words (don't, it's) except after a French/Italian elided
//   article or pronoun (l'application -> l, application; dell'app -> dell, app).
// - Every other punctuation mark (and a line break) ends a phrase: the next token has
//   after_break set. Keyphrases and multi-word theme terms never cross a break.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace npskit::text {

enum class TokenKind : std::uint8_t { word, number, url, email, emoji, cjk };
std::string_view token_kind_name(TokenKind k);

struct Token {
  TokenKind kind;
  bool stop;         // a stop word in one of the supported languages (words only)
  bool after_break;  // first token, or punctuation / a line break before it
  std::uint32_t begin, end;            // byte offsets into the tokenized text
  std::uint32_t norm_begin, norm_size; // the normalized form, in TokenList::normalized
};

struct TokenList {
  std::vector<Token> tokens;
  std::string normalized;  // the normalized forms, back to back
  std::string_view norm(const Token& t) const { return std::string_view(normalized).substr(t.norm_begin, t.norm_size); }
  std::string_view norm(std::size_t i) const { return norm(tokens[i]); }
  std::size_t size() const { return tokens.size(); }
  void clear() { tokens.clear(); normalized.clear(); }
};

// How a phrase is written (keyphrases, and the phrases searched and highlighted
// in comments): its tokens' normalized forms joined by one space, except between
// two CJK tokens, which join directly (those scripts write no spaces: 配 + 送 is
// "配送"). Appends token k of `tl` to `phrase`; `first`: k starts the phrase.
inline void append_to_phrase(std::string& phrase, const TokenList& tl, std::size_t k, bool first) {
  if (!first && !(tl.tokens[k].kind == TokenKind::cjk && tl.tokens[k - 1].kind == TokenKind::cjk)) phrase.push_back(' ');
  phrase.append(tl.norm(k));
}

// Tokenizes `text` into `out` (cleared first; reuse it to avoid allocations).
void tokenize(std::string_view text, TokenList& out);
TokenList tokenize(std::string_view text);

// Lowercase (see lower_cp); other characters unchanged; invalid bytes become U+FFFD.
std::string fold_case(std::string_view text);
// fold_case, then Latin diacritics stripped (é -> e, ß -> ss, ø -> o) and combining
// marks dropped: the key theme terms are matched on, so "livraison", "Rückerstattung"
// and "ruckerstattung" meet.
std::string fold_for_match(std::string_view text);
void fold_for_match(std::string_view text, std::string& out);  // appends

enum class Language : std::uint8_t { en, de, fr, es, pt, it };
inline constexpr Language kLanguages[] = {Language::en, Language::de, Language::fr,
                                          Language::es, Language::pt, Language::it};
std::string_view language_code(Language l);
// The stop words of one language (lowercase, with diacritics).
std::span<const std::string_view> stop_words(Language l);
// Is this normalized (case-folded) word a stop word in any supported language?
// Comments mix languages and are short, so the union is used (no detection).
bool is_stop_word(std::string_view folded);

}  // namespace npskit::text
