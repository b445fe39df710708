// A helper for tests/js/sentiment-agreement.test.mjs (not part of the library build:
// src/core/CMakeLists.txt globs text/*.cpp only). Reads comments from stdin, one per
// line, and prints one line per comment: the compound score (4 decimals) and the label.
//   score_lines [--no-emoji]
//   score_lines --emoji-as-words   prints each comment with its emoji replaced by the
//                                  model's words instead (the reference's input)
#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>

#include "core/text/sentiment.hpp"

int main(int argc, char** argv) {
  npskit::text::SentimentOptions options;
  bool as_words = false;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--no-emoji") == 0) options.emoji = false;
    if (std::strcmp(argv[i], "--emoji-as-words") == 0) as_words = true;
  }
  npskit::text::SentimentAnalyzer analyzer(options);
  std::ios::sync_with_stdio(false);
  std::string line;
  while (std::getline(std::cin, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (as_words) {
      std::printf("%s\n", npskit::text::SentimentAnalyzer::emoji_as_words(line).c_str());
      continue;
    }
    const auto s = analyzer.score(line);
    std::printf("%.4f\t%s\n", s.compound, std::string(npskit::text::sentiment_label_name(s.label)).c_str());
  }
  return 0;
}
