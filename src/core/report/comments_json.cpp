#include "core/report/comments_json.hpp"

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "core/report/report_json.hpp"
#include "core/stats/interval.hpp"
#include "core/stats/multiple_comparisons.hpp"
#include "core/values/civil_date.hpp"
#include "core/values/rounding.hpp"

namespace npskit {

using ojson = nlohmann::ordered_json;
using text::CommentAnalytics;
using text::CommentReportContext;
using text::KeyphraseCounter;
using text::kMaxThemeTrendCells;
using text::ThemeMatch;
using text::ThemeMatcher;
using text::TokenList;
using text::tokenize;

namespace {

constexpr const char* kCategoryKeys[] = {"detractors", "passives", "promoters"};

// A category's or a segment value's comments: sentiment mix and top themes.
ojson group_json(const CommentAnalytics& a, const CommentAnalytics::GroupStats& g) {
  const auto& th = a.dictionary().themes();
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
  if (order.size() > a.options().top_themes) order.resize(a.options().top_themes);
  ojson top = ojson::array();
  for (auto t : order)
    top.push_back({{"name", th[t].name}, {"mentions", g.theme_mentions[t]}, {"pct", percent_2dp(g.theme_mentions[t], g.comments)}});
  return {{"comments", g.comments}, {"sentiment", sentiment}, {"top_themes", top}};
}

}  // namespace

ojson comments_json(const CommentAnalytics& a, const CommentReportContext& ctx) {
  const auto& th = a.dictionary().themes();
  const double conf = ctx.confidence;
  ojson out;
  out["responses"] = a.all().n();
  out["comments"] = a.commented().n();
  out["pct_with_comment"] = percent_2dp(a.commented().n(), a.all().n());
  CommentAnalytics::GroupStats overall;
  overall.comments = a.commented().n();
  overall.sentiment = a.sentiment();
  out["sentiment"] = group_json(a, overall)["sentiment"];

  // Per theme.
  const auto cat_comments = [&](std::size_t c) { return a.categories()[c].comments; };
  // Every theme's mentioners against the rest: one family of tests.
  std::vector<Difference> vs_rest;
  for (std::size_t t = 0; t < th.size(); ++t) vs_rest.push_back(compare(a.themes()[t].mentioners, a.all() - a.themes()[t].mentioners, conf));
  judge_family(vs_rest, conf, ctx.multiple_comparisons);
  ojson themes = ojson::array();
  for (std::size_t t = 0; t < th.size(); ++t) {
    const CommentAnalytics::ThemeStats& s = a.themes()[t];
    const Tally& m = s.mentioners;
    const Tally rest = a.all() - m;
    ojson j;
    j["name"] = th[t].name;
    j["label"] = th[t].label;
    j["mentions"] = m.n();
    j["pct_of_comments"] = percent_2dp(m.n(), a.commented().n());
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
    j["impact"] = (m.n() && rest.n()) ? round_decimals<2>(a.all().nps() - rest.nps()) : 0.0;
    j["sentiment"] = {{"positive", s.sentiment.by_label[2]},
                      {"neutral", s.sentiment.by_label[1]},
                      {"negative", s.sentiment.by_label[0]},
                      {"mean_compound", m.n() ? round_decimals<4>(s.sentiment.compound_sum / static_cast<double>(m.n())) : 0.0}};
    ojson points = ojson::array();
    for (const auto& [start, p] : a.periods()) {
      const Tally& pm = p.theme_mentioners[t];
      points.push_back({{"period", period_label(start, a.options().period)},
                        {"start", period_label(start, Period::day)},
                        {"comments", p.commenters.n()},
                        {"mentions", pm.n()},
                        {"pct", percent_2dp(pm.n(), p.commenters.n())},
                        {"nps", pm.n() ? ojson(round_decimals<2>(pm.nps())) : ojson(nullptr)}});
    }
    j["trend"] = {{"period", period_name(a.options().period)}, {"points", points}};
    themes.push_back(std::move(j));
  }
  out["themes"] = std::move(themes);
  out["theme_trend_left_out"] =
      a.trend_left_out() == 0 ? ojson(nullptr)
                           : ojson({{"comments", a.trend_left_out()},
                                    {"message", std::to_string(a.trend_left_out()) +
                                                    " comments fall in periods past the theme-trend limit (" +
                                                    std::to_string(kMaxThemeTrendCells) +
                                                    " period x theme cells) and are not in the theme trends; choose a longer period"}});

  ojson cats;
  for (std::size_t c = 0; c < 3; ++c) cats[kCategoryKeys[c]] = group_json(a, a.categories()[c]);
  out["categories"] = std::move(cats);

  ojson segs = ojson::object();
  for (std::size_t c = 0; c < a.segments().size(); ++c) {
    const std::string name = c < ctx.segment_columns.size() ? ctx.segment_columns[c] : "segment " + std::to_string(c + 1);
    std::vector<std::uint32_t> codes;
    for (std::uint32_t code = 0; code < a.segments()[c].size(); ++code)
      if (a.segments()[c][code].comments > 0) codes.push_back(code);
    auto value_of = [&](std::uint32_t code) {
      if (c < ctx.segment_values.size() && code < ctx.segment_values[c].size()) return ctx.segment_values[c][code];
      return "#" + std::to_string(code);
    };
    std::sort(codes.begin(), codes.end(), [&](std::uint32_t x, std::uint32_t y) {
      const auto nx = a.segments()[c][x].comments, ny = a.segments()[c][y].comments;
      return nx != ny ? nx > ny : value_of(x) < value_of(y);
    });
    ojson list = ojson::array();
    for (auto code : codes) {
      ojson g = group_json(a, a.segments()[c][code]);
      ojson item = {{"value", value_of(code)}};
      for (auto& [k, v] : g.items()) item[k] = v;
      list.push_back(std::move(item));
    }
    segs[name] = std::move(list);
  }
  out["segments"] = std::move(segs);

  // Keyphrases, each marked with the theme its words match (null: an unknown topic).
  ThemeMatcher probe(a.dictionary());
  TokenList probe_tokens;
  std::vector<ThemeMatch> probe_matches;
  auto phrases = [&](KeyphraseCounter::Order order) {
    ojson list = ojson::array();
    for (const auto& k : a.keyphrases().top(order, a.options().min_keyphrase_count, a.options().top_keyphrases)) {
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
  out["keyphrases"] = {{"min_count", a.options().min_keyphrase_count},
                       {"distinct", a.keyphrases().distinct()},
                       {"pruned", a.keyphrases().pruned()},
                       {"prune_floor", a.keyphrases().prune_floor()},
                       {"detractor", phrases(KeyphraseCounter::Order::detractor)},
                       {"promoter", phrases(KeyphraseCounter::Order::promoter)},
                       {"frequent", phrases(KeyphraseCounter::Order::frequent)}};
  return out;
}

ojson comment_insight_json(const text::ThemeDictionary& dictionary, std::string_view comment,
                           const text::CommentInsight& insight) {
  ojson themes = ojson::array();
  for (auto t : insight.themes) themes.push_back(dictionary.themes()[t].name);
  ojson spans = ojson::array();
  for (const auto& m : insight.matches)
    spans.push_back({{"begin", m.begin},
                     {"end", m.end},
                     {"theme", dictionary.themes()[m.theme].name},
                     {"text", std::string(comment.substr(m.begin, m.end - m.begin))}});
  return {{"compound", round_decimals<4>(insight.sentiment.compound)},
          {"label", text::sentiment_label_name(insight.sentiment.label)},
          {"themes", themes},
          {"spans", spans}};
}


namespace {
ojson tally_out(const Tally& t) { return t.counts; }

std::string hex(std::uint64_t h) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}
}  // namespace

ojson comment_partial_json(const CommentAnalytics& a, const CommentReportContext& context) {
  auto sentiment_out = [](const CommentAnalytics::SentimentCounts& s) {
    return ojson{{"by_label", s.by_label}, {"compound_sum", s.compound_sum}};
  };
  auto group_out = [&](const CommentAnalytics::GroupStats& g) {
    return ojson{{"comments", g.comments}, {"commenters", tally_out(g.commenters)},
                 {"sentiment", sentiment_out(g.sentiment)}, {"theme_mentions", g.theme_mentions}};
  };
  ojson themes = ojson::array();
  for (std::size_t t = 0; t < a.themes().size(); ++t)
    themes.push_back({{"name", a.dictionary().themes()[t].name},
                      {"mentioners", tally_out(a.themes()[t].mentioners)},
                      {"sentiment", sentiment_out(a.themes()[t].sentiment)}});
  ojson categories = ojson::array();
  for (const auto& c : a.categories()) categories.push_back(group_out(c));
  ojson segments = ojson::object();
  for (std::size_t c = 0; c < a.segments().size() && c < context.segment_columns.size(); ++c) {
    ojson values = ojson::object();
    for (std::size_t code = 0; code < a.segments()[c].size(); ++code)
      if (a.segments()[c][code].comments > 0 && code < context.segment_values[c].size())
        values[context.segment_values[c][code]] = group_out(a.segments()[c][code]);
    segments[context.segment_columns[c]] = std::move(values);
  }
  ojson periods = ojson::array();
  for (const auto& [start, p] : a.periods()) {
    ojson mentioners = ojson::array();
    for (const auto& t : p.theme_mentioners) mentioners.push_back(tally_out(t));
    periods.push_back({{"start", start}, {"commenters", tally_out(p.commenters)}, {"theme_mentioners", mentioners}});
  }
  ojson phrases = ojson::array();
  a.keyphrases().each_entry([&](std::uint64_t h, const std::string& phrase, const std::array<std::uint32_t, 3>& counts) {
    phrases.push_back({hex(h), phrase, counts[0], counts[1], counts[2]});
  });
  return {{"version", 1},
          {"period", period_name(a.options().period)},
          {"all", tally_out(a.all())},
          {"commented", tally_out(a.commented())},
          {"sentiment", sentiment_out(a.sentiment())},
          {"themes", themes},
          {"categories", categories},
          {"segments", segments},
          {"periods", periods},
          {"keyphrases", {{"comments", a.keyphrases().comments()}, {"prune_floor", a.keyphrases().prune_floor()}, {"entries", phrases}}}};
}

}  // namespace npskit
