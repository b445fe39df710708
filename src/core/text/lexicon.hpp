#pragma once
// The VADER lexicon, generated at build time from node_modules/vader-sentiment/
// vader_lexicon.txt (see gen_lexicon.cmake / lexicon.cmake): never stored in the repository.
#include <cstddef>
#include <string_view>

namespace npskit::text {

// The words, in file order, each one ended by '\n' (lowercase, emoticons as typed;
// no word holds a newline). kVaderLexiconValences[i] is the i-th word's mean rating, -4..4.
extern const std::string_view kVaderLexiconWords;
extern const double kVaderLexiconValences[];
extern const std::size_t kVaderLexiconSize;

}  // namespace npskit::text
