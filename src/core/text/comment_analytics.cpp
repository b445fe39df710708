#include "core/text/comment_analytics.hpp"

#include <algorithm>
#include <cmath>

#include "core/stats/interval.hpp"
#include "core/stats/multiple_comparisons.hpp"
#include "core/values/rounding.hpp"

namespace npskit::text {

namespace {

using ojson = nlohmann::ordered_json;

ojson interval_json(const Interval& i) { return ojson::array({round_decimals<2>(i.low), round_decimals<2>(i.high)}); }

constexpr const char* kCategoryKeys[] = {"detractors", "passives", "promoters"};

}  // namespace

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

ojson CommentAnalyzer::to_json(std::string_view comment, const CommentInsight& insight) const {
  ojson themes = ojson::array();
  for (auto t : insight.themes) themes.push_back(dictionary_.themes()[t].name);
  ojson spans = ojson::array();
  for (const auto& m : insight.matches)
    spans.push_back({{"begin", m.begin},
                     {"end", m.end},
                     {"theme", dictionary_.themes()[m.theme].name},
                     {"text", std::string(comment.substr(m.begin, m.end - m.begin))}});
  return {{"compound", round_decimals<4>(insight.sentiment.compound)},
          {"label", sentiment_label_name(insight.sentiment.label)},
          {"themes", themes},
          {"spans", spans}};
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

ojson CommentAnalytics::group_json(const GroupStats& g) const {
  const auto& th = analyzer_.dictionary().themes();
  ojson sentiment = {{"positive", g.sentiment.by_label[2]},
                     {"neutral", g.sentiment.by_label[1]},
                     {"negative", g.sentiment.by_label[0]},
                     {"pct", {{"positive", percent_2dp(g.sentiment.by_label[2], g.comments)},
                              {"neutral", percent_2dp(g.sentiment.by_label[1], g.comments)},
                              {"negative", percent_2dp(g.sentiment.by_label[0], g.comments)}}},
                     {"mean_compound", g.comments ? round_decimals<4>(g.sentiment.compound_sum / static_cast<double>(g.comments)) : 0.0}};
  std::vector<std::size_t> order;
  for (std::size_t t = 0; t < g.theme_mentions.size(); ++t)
    if (g.theme_mentions[t] > 0) order.push_back(t);
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return g.theme_mentions[a] != g.theme_mentions[b] ? g.theme_mentions[a] > g.theme_mentions[b] : a < b;
  });
  if (order.size() > options_.top_themes) order.resize(options_.top_themes);
  ojson top = ojson::array();
  for (auto t : order)
    top.push_back({{"name", th[t].name}, {"mentions", g.theme_mentions[t]}, {"pct", percent_2dp(g.theme_mentions[t], g.comments)}});
  return {{"comments", g.comments}, {"sentiment", sentiment}, {"top_themes", top}};
}

ojson CommentAnalytics::to_json(const CommentReportContext& ctx) const {
  const auto& th = analyzer_.dictionary().themes();
  const double conf = ctx.confidence;
  ojson out;
  out["responses"] = all_.n();
  out["comments"] = commented_.n();
  out["pct_with_comment"] = percent_2dp(commented_.n(), all_.n());
  GroupStats overall;
  overall.comments = commented_.n();
  overall.sentiment = sentiment_;
  out["sentiment"] = group_json(overall)["sentiment"];

  // Per theme.
  const auto cat_comments = [&](std::size_t c) { return categories_[c].comments; };
  // Every theme's mentioners against the rest: one family of tests.
  std::vector<Difference> vs_rest;
  for (std::size_t t = 0; t < th.size(); ++t) vs_rest.push_back(compare(themes_[t].mentioners, all_ - themes_[t].mentioners, conf));
  judge_family(vs_rest, conf, ctx.multiple_comparisons);
  ojson themes = ojson::array();
  for (std::size_t t = 0; t < th.size(); ++t) {
    const ThemeStats& s = themes_[t];
    const Tally& m = s.mentioners;
    const Tally rest = all_ - m;
    ojson j;
    j["name"] = th[t].name;
    j["label"] = th[t].label;
    j["mentions"] = m.n();
    j["pct_of_comments"] = percent_2dp(m.n(), commented_.n());
    j["by_category"] = {{"detractors", m.detractors()}, {"passives", m.passives()}, {"promoters", m.promoters()}};
    j["pct_of_category_comments"] = {{"detractors", percent_2dp(m.detractors(), cat_comments(0))},
                                     {"passives", percent_2dp(m.passives(), cat_comments(1))},
                                     {"promoters", percent_2dp(m.promoters(), cat_comments(2))}};
    // Lift: share among commenting detractors / share among commenting promoters.
    if (cat_comments(0) > 0 && cat_comments(2) > 0 && m.promoters() > 0) {
      const double sd = static_cast<double>(m.detractors()) / static_cast<double>(cat_comments(0));
      const double sp = static_cast<double>(m.promoters()) / static_cast<double>(cat_comments(2));
      j["lift"] = round_decimals<2>(sd / sp);
    } else {
      j["lift"] = nullptr;
    }
    j["nps"] = round_decimals<2>(m.nps());
    const auto ci = nps_interval(m, conf);
    j["ci"] = interval_json(ci);
    j["ci95"] = interval_json(nps_interval(m, 0.95));
    const Difference& d = vs_rest[t];
    j["vs_rest"] = {{"diff", round_decimals<2>(d.diff)},
                    {"z", round_decimals<2>(d.z)},
                    {"p", round_p_value(d.p)},
                    {"p_adjusted", d.p_adjusted ? ojson(round_p_value(*d.p_adjusted)) : ojson(nullptr)},
                    {"significant", d.significant},
                    {"too_small", d.too_small}};
    // If the mentioners had scored like everyone else, overall NPS would be the NPS
    // of the rest; impact = overall - that (negative: the theme drags NPS down).
    j["nps_without"] = rest.n() ? round_decimals<2>(rest.nps()) : 0.0;
    j["impact"] = (m.n() && rest.n()) ? round_decimals<2>(all_.nps() - rest.nps()) : 0.0;
    j["sentiment"] = {{"positive", s.sentiment.by_label[2]},
                      {"neutral", s.sentiment.by_label[1]},
                      {"negative", s.sentiment.by_label[0]},
                      {"mean_compound", m.n() ? round_decimals<4>(s.sentiment.compound_sum / static_cast<double>(m.n())) : 0.0}};
    ojson points = ojson::array();
    for (const auto& [start, p] : periods_) {
      const Tally& pm = p.theme_mentioners[t];
      points.push_back({{"period", period_label(start, options_.period)},
                        {"start", period_label(start, Period::day)},
                        {"comments", p.commenters.n()},
                        {"mentions", pm.n()},
                        {"pct", percent_2dp(pm.n(), p.commenters.n())},
                        {"nps", pm.n() ? ojson(round_decimals<2>(pm.nps())) : ojson(nullptr)}});
    }
    j["trend"] = {{"period", period_name(options_.period)}, {"points", points}};
    themes.push_back(std::move(j));
  }
  out["themes"] = std::move(themes);
  out["theme_trend_left_out"] =
      trend_left_out_ == 0 ? ojson(nullptr)
                           : ojson({{"comments", trend_left_out_},
                                    {"message", std::to_string(trend_left_out_) +
                                                    " comments fall in periods past the theme-trend limit (" +
                                                    std::to_string(kMaxThemeTrendCells) +
                                                    " period x theme cells) and are not in the theme trends; choose a longer period"}});

  ojson cats;
  for (std::size_t c = 0; c < 3; ++c) cats[kCategoryKeys[c]] = group_json(categories_[c]);
  out["categories"] = std::move(cats);

  ojson segs = ojson::object();
  for (std::size_t c = 0; c < segments_.size(); ++c) {
    const std::string name = c < ctx.segment_columns.size() ? ctx.segment_columns[c] : "segment " + std::to_string(c + 1);
    std::vector<std::uint32_t> codes;
    for (std::uint32_t code = 0; code < segments_[c].size(); ++code)
      if (segments_[c][code].comments > 0) codes.push_back(code);
    auto value_of = [&](std::uint32_t code) {
      if (c < ctx.segment_values.size() && code < ctx.segment_values[c].size()) return ctx.segment_values[c][code];
      return "#" + std::to_string(code);
    };
    std::sort(codes.begin(), codes.end(), [&](std::uint32_t a, std::uint32_t b) {
      const auto na = segments_[c][a].comments, nb = segments_[c][b].comments;
      return na != nb ? na > nb : value_of(a) < value_of(b);
    });
    ojson list = ojson::array();
    for (auto code : codes) {
      ojson g = group_json(segments_[c][code]);
      ojson item = {{"value", value_of(code)}};
      for (auto& [k, v] : g.items()) item[k] = v;
      list.push_back(std::move(item));
    }
    segs[name] = std::move(list);
  }
  out["segments"] = std::move(segs);

  // Keyphrases, each marked with the theme its words match (null: an unknown topic).
  ThemeMatcher probe(analyzer_.dictionary());
  TokenList probe_tokens;
  std::vector<ThemeMatch> probe_matches;
  auto phrases = [&](KeyphraseCounter::Order order) {
    ojson list = ojson::array();
    for (const auto& k : keyphrases_.top(order, options_.min_keyphrase_count, options_.top_keyphrases)) {
      tokenize(k.phrase, probe_tokens);
      probe_matches.clear();
      probe.match(probe_tokens, probe_matches);
      list.push_back({{"phrase", k.phrase},
                      {"n", k.n()},
                      {"detractors", k.by_category[0]},
                      {"passives", k.by_category[1]},
                      {"promoters", k.by_category[2]},
                      {"log_odds", round_decimals<2>(k.log_odds)},
                      {"z", round_decimals<2>(k.z)},
                      {"theme", probe_matches.empty() ? ojson(nullptr) : ojson(th[probe_matches.front().theme].name)}});
    }
    return list;
  };
  out["keyphrases"] = {{"min_count", options_.min_keyphrase_count},
                       {"distinct", keyphrases_.distinct()},
                       {"pruned", keyphrases_.pruned()},
                       {"prune_floor", keyphrases_.prune_floor()},
                       {"detractor", phrases(KeyphraseCounter::Order::detractor)},
                       {"promoter", phrases(KeyphraseCounter::Order::promoter)},
                       {"frequent", phrases(KeyphraseCounter::Order::frequent)}};
  return out;
}

}  // namespace npskit::text
