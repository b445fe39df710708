#pragma once
// Where things sit in a comment, for the dashboard's highlighting: keyphrase
// spans in bytes, and byte offsets turned into JavaScript string indexes.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/text/tokenizer.hpp"

namespace npskit {

// UTF-16 code units in s[0, byte): the index a JavaScript string gives that byte.
// A byte that starts no valid sequence counts as one unit (it arrives as U+FFFD).
std::uint32_t utf16_index(std::string_view s, std::uint32_t byte);

// Spans [begin, end) in bytes where `phrase` occurs as consecutive normalized tokens
// (joined by text::append_to_phrase, as KeyphraseCounter joins them).
std::vector<std::pair<std::uint32_t, std::uint32_t>> phrase_spans(const text::TokenList& tl, std::string_view phrase);

// A keyphrase as the counter writes it: the query text tokenized and joined by
// text::append_to_phrase.
std::string normalized_phrase(std::string_view text);

}  // namespace npskit
