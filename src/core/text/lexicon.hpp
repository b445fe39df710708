#pragma once
// The VADER lexicon, generated at build time from node_modules/vader-sentiment/
// vader_lexicon.txt (see gen_lexicon.cmake / lexicon.cmake): never stored in the repository.
#include <cstddef>
#include <string_view>

namespace npskit::text {

struct LexiconEntry {
  std::string_view word;  // as in the file (lowercase, emoticons as typed)
  double valence;         // mean rating, -4..4
};
extern const LexiconEntry kVaderLexicon[];
extern const std::size_t kVaderLexiconSize;

}  // namespace npskit::text
