#include "core/text/comment_analytics.hpp"

#include <algorithm>

#include "core/values/civil_date.hpp"

namespace npskit::text {

// ---- CommentAnalyzer ---------------------------------------------------------

CommentAnalyzer::CommentAnalyzer(ThemeDictionary dictionary, SentimentOptions sentiment)
    : dictionary_(std::move(dictionary)), sentiment_(sentiment), matcher_(dictionary_) {}

void CommentAnalyzer::analyze(std::string_view comment, CommentInsight& out) {
  tokenize(comment, tokens_);
  out.matches.clear();
  out.themes.clear();
  out.empty = tokens_.tokens.empty();
  if (out.empty) {
    out.sentiment = {};
    return;
  }
  out.sentiment = sentiment_.score(comment);
  matcher_.match(tokens_, out.matches);
  for (const auto& m : out.matches) out.themes.push_back(m.theme);
  std::sort(out.themes.begin(), out.themes.end());
  out.themes.erase(std::unique(out.themes.begin(), out.themes.end()), out.themes.end());
}

const TokenList& CommentAnalyzer::tokenize_only(std::string_view comment) {
  tokenize(comment, tokens_);
  return tokens_;
}

CommentInsight CommentAnalyzer::analyze(std::string_view comment) {
  CommentInsight out;
  analyze(comment, out);
  return out;
}

// ---- CommentAnalytics ----------------------------------------------------------

CommentAnalytics::CommentAnalytics(ThemeDictionary dictionary, CommentAnalyticsOptions options)
    : options_(options),
      analyzer_(std::move(dictionary), options.sentiment),
      themes_(analyzer_.dictionary().size()),
      keyphrases_(options.max_keyphrases) {
  for (auto& c : categories_) c.theme_mentions.assign(themes_.size(), 0);
}

void CommentAnalytics::add(std::string_view comment, int score, std::optional<std::int64_t> day,
                           std::span<const std::uint32_t> segment_codes) {
  if (score < 0 || score > 10) return;
  all_.add(score);
  analyzer_.analyze(comment, insight_);
  if (insight_.empty) return;
  count(score, day, segment_codes);
}

void CommentAnalytics::add_known(std::string_view comment, int score, const Known& known,
                                 std::optional<std::int64_t> day, std::span<const std::uint32_t> segment_codes) {
  if (score < 0 || score > 10) return;
  all_.add(score);
  insight_.empty = known.empty;
  insight_.matches.clear();
  insight_.themes.clear();
  insight_.sentiment = {};
  if (known.empty) return;
  insight_.sentiment.label = known.label;
  insight_.sentiment.compound = known.compound;
  for (std::uint32_t t = 0; t < 64 && t < themes_.size(); ++t)
    if (known.theme_bits >> t & 1) insight_.themes.push_back(t);
  analyzer_.tokenize_only(comment);  // for the keyphrases
  count(score, day, segment_codes);
}

void CommentAnalytics::count(int score, std::optional<std::int64_t> day, std::span<const std::uint32_t> segment_codes) {
  const Category cat = category_of(score);
  const auto label = static_cast<std::size_t>(insight_.sentiment.label);
  const double compound = insight_.sentiment.compound;
  commented_.add(score);
  sentiment_.by_label[label] += 1;
  sentiment_.compound_sum += compound;

  auto count_group = [&](GroupStats& g) {
    if (g.theme_mentions.size() != themes_.size()) g.theme_mentions.assign(themes_.size(), 0);
    g.comments += 1;
    g.commenters.add(score);
    g.sentiment.by_label[label] += 1;
    g.sentiment.compound_sum += compound;
    for (auto t : insight_.themes) g.theme_mentions[t] += 1;
  };
  count_group(categories_[static_cast<std::size_t>(cat)]);
  if (segments_.size() < segment_codes.size()) segments_.resize(segment_codes.size());
  for (std::size_t c = 0; c < segment_codes.size(); ++c) {
    const std::uint32_t code = segment_codes[c];
    if (code >= options_.max_segment_values) continue;
    if (segments_[c].size() <= code) segments_[c].resize(code + 1);
    count_group(segments_[c][code]);
  }
  for (auto t : insight_.themes) {
    themes_[t].mentioners.add(score);
    themes_[t].sentiment.by_label[label] += 1;
    themes_[t].sentiment.compound_sum += compound;
  }
  if (day) {
    // Theme trends hold periods x themes tallies: bounded by kMaxThemeTrendCells;
    // a comment in a further new period is left out of them, and counted.
    const std::int64_t start = period_start(*day, options_.period);
    const std::size_t max_periods = std::max<std::size_t>(1, kMaxThemeTrendCells / std::max<std::size_t>(1, themes_.size()));
    if (periods_.size() >= max_periods && periods_.find(start) == periods_.end()) {
      ++trend_left_out_;
      keyphrases_.add(analyzer_.tokens(), cat);
      return;
    }
    PeriodStats& p = periods_[start];
    if (p.theme_mentioners.empty()) p.theme_mentioners.resize(themes_.size());
    p.commenters.add(score);
    for (auto t : insight_.themes) p.theme_mentioners[t].add(score);
  }
  keyphrases_.add(analyzer_.tokens(), cat);
}

}  // namespace npskit::text
