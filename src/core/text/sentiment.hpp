#pragma once
// Rule-based sentiment in the VADER style (Hutto & Gilbert 2014), rule for rule as
// the npm package vader-sentiment 1.1.3 (the reference the agreement test runs):
//   - words: the text split on whitespace, tokens of one UTF-16 unit dropped, one
//     leading or trailing punctuation mark (or !!, ??, ...) stripped from a token;
//   - lexicon valence (vader_lexicon.txt, generated at build time), case-insensitive;
//   - ALL-CAPS emphasis: +/-0.733 on a lexicon or booster word written in capitals
//     when the text also has words that are not;
//   - boosters / dampeners (+/-0.293) up to 3 words before, scaled 1, 0.95, 0.9;
//   - negation (not, never, without, "n't", ...) up to 3 words before: x -0.74;
//     "never so/this" x1.5 / x1.25; "least" (but not "at least") x -0.74;
//   - idioms ("the bomb", "yeah right", ...) and "kind of" / "sort of" dampening;
//   - contrast "but": valences before x0.5, after x1.5;
//   - "!" adds 0.292 each (up to 4); 2-3 "?" add 0.18 each, more add 0.96;
//   - compound = sum / sqrt(sum^2 + 15), in [-1, 1];
//     label: positive >= 0.05, negative <= -0.05, else neutral.
// Emoji (an extension; the npm package ignores them): with `emoji` on (the default),
// emoji are split from adjacent text and scored like lexicon words, with the valence
// of a lexicon entry of the same meaning (😊 -> "smile", 😡 -> "angry", 👍 -> "good";
// table in sentiment.cpp: kEmojiWords). Off: the exact reference behaviour.
// This is how the original Python VADER treats emoji too (it replaces each emoji by
// its description before scoring): emoji_as_words() gives that text, and the npm
// package run over it is the reference the emoji model is tested against.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace npskit::text {

enum class SentimentLabel : std::uint8_t { negative, neutral, positive };
std::string_view sentiment_label_name(SentimentLabel l);
SentimentLabel sentiment_label(double compound);  // the +/-0.05 thresholds

struct SentimentScores {
  double compound = 0;  // [-1, 1]
  double pos = 0, neu = 0, neg = 0;  // proportions, as VADER's pos/neu/neg
  SentimentLabel label = SentimentLabel::neutral;
};

struct SentimentOptions {
  bool emoji = true;  // score emoji (see above); false = the npm reference exactly
};

class SentimentAnalyzer {
 public:
  explicit SentimentAnalyzer(SentimentOptions options = {});
  SentimentScores score(std::string_view text);  // not const: reuses buffers

  // The valence of a word in the lexicon (case-insensitive), if it has one.
  static std::optional<double> lexicon_valence(std::string_view word);
  // The valence the emoji model gives an emoji sequence (skin tones and variation
  // selectors ignored), if it has one.
  static std::optional<double> emoji_valence(std::string_view emoji);
  // The text with every emoji sequence set apart by spaces and, where the model has
  // a word for it, replaced by that word ("great👍" -> "great good ").
  static std::string emoji_as_words(std::string_view text);

 private:
  struct Word {
    std::string_view raw;    // the word as written (after punctuation stripping)
    std::string_view lower;  // case-folded
    bool upper;              // Python isupper(): an ASCII capital and no ASCII lowercase
    bool in_lexicon;
    double valence;          // lexicon (or emoji) valence
    double booster;          // 0 when not a booster/dampener
  };
  void split_words(std::string_view text);
  SentimentOptions options_;
  std::string spaced_;      // the text with emoji set apart (emoji mode)
  std::string lower_buf_;
  std::vector<Word> words_;
  std::vector<std::size_t> lower_offsets_;
  std::vector<double> sentiments_;
};

}  // namespace npskit::text
