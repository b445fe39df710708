#pragma once
// Comment analytics: per comment (CommentAnalyzer: sentiment, themes, highlight
// spans) and aggregated over a file (CommentAnalytics: per-theme NPS, lift,
// significance, impact, sentiment mix, trend; per category and segment value:
// sentiment shares and top themes; distinctive keyphrases). See docs/comments.md.
#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/stats/multiple_comparisons.hpp"
#include "core/stats/tally.hpp"
#include "core/text/keyphrases.hpp"
#include "core/text/sentiment.hpp"
#include "core/text/themes.hpp"
#include "core/text/tokenizer.hpp"
#include "core/values/civil_date.hpp"

namespace npskit::text {

struct CommentInsight {
  SentimentScores sentiment;
  std::vector<std::uint32_t> themes;  // distinct theme indexes, ascending
  std::vector<ThemeMatch> matches;    // every match, with its byte span
  bool empty = true;                  // no token at all (blank, or punctuation only)
};

// Analyzes one comment at a time (reuses its buffers: keep one per thread).
class CommentAnalyzer {
 public:
  explicit CommentAnalyzer(ThemeDictionary dictionary = ThemeDictionary::builtin(), SentimentOptions sentiment = {});
  void analyze(std::string_view comment, CommentInsight& out);
  CommentInsight analyze(std::string_view comment);
  // Written as JSON by report/comments_json.hpp (comment_insight_json).

  // Tokenizes only (for callers that know the sentiment and themes already).
  const TokenList& tokenize_only(std::string_view comment);
  const TokenList& tokens() const { return tokens_; }  // of the last comment analyzed
  const ThemeDictionary& dictionary() const { return dictionary_; }

 private:
  ThemeDictionary dictionary_;
  SentimentAnalyzer sentiment_;
  ThemeMatcher matcher_;
  TokenList tokens_;
};

struct CommentAnalyticsOptions {
  Period period = Period::month;         // trend buckets
  std::size_t max_keyphrases = 50000;    // distinct n-grams kept before pruning
  std::uint64_t min_keyphrase_count = 5; // a keyphrase needs this many comments
  std::size_t top_keyphrases = 20;       // per list
  std::size_t top_themes = 5;            // per category / segment value
  std::size_t max_segment_values = 4096; // codes past this are ignored
  SentimentOptions sentiment;
};

struct CommentReportContext {
  double confidence = 0.95;
  Adjustment multiple_comparisons = kDefaultAdjustment;  // the themes' vs_rest tests are one family
  std::vector<std::string> segment_columns;              // in the order of add()'s segment_codes
  std::vector<std::vector<std::string>> segment_values;  // [column][code] -> value text
};

// Period x theme tallies the theme trends hold at most (memory and report size).
inline constexpr std::size_t kMaxThemeTrendCells = 200'000;

class CommentAnalytics {
 public:
  explicit CommentAnalytics(ThemeDictionary dictionary = ThemeDictionary::builtin(),
                            CommentAnalyticsOptions options = {});
  // Call once per valid response, also when its comment is empty: theme impact and
  // "vs rest" are measured against all responses added. `day`: days since
  // 1970-01-01 (no day: not in the trend). segment_codes[c]: the code of the row's
  // value in segment column c (as SegmentDictionary gives them).
  void add(std::string_view comment, int score, std::optional<std::int64_t> day = std::nullopt,
           std::span<const std::uint32_t> segment_codes = {});
  // The same as add() for a comment analyzed before with this dictionary: its
  // sentiment and themes (bit t = theme t) are given, only its keyphrases are
  // tokenized again. `empty`: the comment had no token (then the rest is unused).
  struct Known {
    bool empty;
    SentimentLabel label;
    double compound;
    std::uint64_t theme_bits;
  };
  void add_known(std::string_view comment, int score, const Known& known, std::optional<std::int64_t> day,
                 std::span<const std::uint32_t> segment_codes);
  // The "comments" section of the report is written from the counts below by
  // report/comments_json.hpp (comments_json; schema in docs/comments.md).

  // Adds a partial (report/comments_json.hpp comment_partial_json, text/comment_partial.cpp)
  // made with the same theme dictionary and period.
  // segment_values: this object's [column][code] -> value, extended with new values.
  // "" or the problem.
  std::string merge_partial(const nlohmann::ordered_json& partial, std::vector<std::string> segment_columns,
                            std::vector<std::vector<std::string>>& segment_values);

  const ThemeDictionary& dictionary() const { return analyzer_.dictionary(); }
  std::uint64_t responses() const { return all_.n(); }
  std::uint64_t comments() const { return commented_.n(); }
  // The insight of the comment last added (for callers that also list comments).
  const CommentInsight& last() const { return insight_; }

  // The counts, read by the report writer (report/comments_json.cpp).
  struct SentimentCounts {
    std::array<std::uint64_t, 3> by_label{};  // negative, neutral, positive
    double compound_sum = 0;
  };
  struct GroupStats {  // a category, or one segment value
    std::uint64_t comments = 0;
    Tally commenters;
    SentimentCounts sentiment;
    std::vector<std::uint64_t> theme_mentions;
  };
  struct ThemeStats {
    Tally mentioners;
    SentimentCounts sentiment;
  };
  struct PeriodStats {
    Tally commenters;
    std::vector<Tally> theme_mentioners;
  };
  const CommentAnalyticsOptions& options() const { return options_; }
  const Tally& all() const { return all_; }              // every valid response added
  const Tally& commented() const { return commented_; }  // those with a comment
  const SentimentCounts& sentiment() const { return sentiment_; }
  const std::vector<ThemeStats>& themes() const { return themes_; }              // [theme]
  const std::array<GroupStats, 3>& categories() const { return categories_; }    // detractors, passives, promoters
  const std::vector<std::vector<GroupStats>>& segments() const { return segments_; }  // [column][code]
  const std::map<std::int64_t, PeriodStats>& periods() const { return periods_; }     // period start day -> stats
  std::uint64_t trend_left_out() const { return trend_left_out_; }  // comments in periods past kMaxThemeTrendCells
  const KeyphraseCounter& keyphrases() const { return keyphrases_; }

 private:
  std::uint64_t trend_left_out_ = 0;
  // Counts insight_ (and the analyzer's tokens) for a response with a comment.
  void count(int score, std::optional<std::int64_t> day, std::span<const std::uint32_t> segment_codes);

  CommentAnalyticsOptions options_;
  CommentAnalyzer analyzer_;
  CommentInsight insight_;
  Tally all_, commented_;
  SentimentCounts sentiment_;
  std::vector<ThemeStats> themes_;
  std::array<GroupStats, 3> categories_;
  std::vector<std::vector<GroupStats>> segments_;  // [column][code]
  std::map<std::int64_t, PeriodStats> periods_;     // period start day -> stats
  KeyphraseCounter keyphrases_;
};

}  // namespace npskit::text
