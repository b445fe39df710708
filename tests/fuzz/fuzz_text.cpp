// libFuzzer target: the comment analytics of src/core/text on arbitrary bytes.
// Input layout:
//   byte 0   options: bit 0 emoji scoring off; bit 1 a user themes JSON comes first
//            (THEMES_JSON \x1e COMMENTS); bits 2-3 the trend period; bit 4 comments
//            are split on \x1f (so they may hold line breaks) instead of \n;
//            bit 5 min keyphrase count 1 (else 2); bit 6 at most 8 distinct
//            keyphrases (pruning runs); bit 7 top 3 keyphrases (else 20)
//   byte 1   seeds the scores, days and segment codes given to each comment
//   rest     [THEMES_JSON \x1e] comment SEP comment SEP ...
// Each comment goes through tokenize, fold_case / fold_for_match, SentimentAnalyzer
// (emoji on and off), emoji_as_words, CommentAnalyzer (themes, highlight spans,
// comment_insight_json) and CommentAnalytics::add; then report/comments_json is built and
// serialised as the faces do. Invariants checked (abort on violation):
//   - tokens: spans inside the comment, ascending and non-overlapping, non-empty;
//     normalized forms back to back and (but for URLs, kept raw) valid UTF-8; the
//     first token starts a phrase; `stop` only on words and = is_stop_word(norm);
//     on valid UTF-8 input every span starts and ends on a code-point boundary;
//     tokenizing into a reused TokenList gives what a fresh one gives;
//   - sentiment: compound finite and in [-1, 1]; pos, neu, neg finite, >= 0 and
//     summing to 1 (or all 0); label = sentiment_label(compound); a reused analyzer
//     scores like a fresh one; emoji on = the reference (emoji off) run over
//     emoji_as_words(text), as sentiment.hpp promises; emoji_as_words leaves a
//     text without a byte >= 0xE2 unchanged;
//   - themes: a rejected themes JSON leaves the dictionary unchanged; an accepted
//     one round-trips through to_json; every match names a theme of the dictionary,
//     covers tokens [first, last] and the byte span of exactly those tokens, inside
//     the comment; matches are ordered (first token, theme), not repeated, and none
//     lies inside a longer match of its theme; `themes` = the distinct match
//     themes, ascending; `empty` = no token;
//   - analytics: responses / comments / sentiment counts add up; every theme's
//     mentions <= comments; keyphrase lists within their limit, ranked, with
//     n >= min_count; every number in the report finite.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/report/comments_json.hpp"
#include "core/text/comment_analytics.hpp"
#include "core/text/sentiment.hpp"
#include "core/text/themes.hpp"
#include "core/text/tokenizer.hpp"
#include "core/text/unicode.hpp"

using namespace npskit;
using namespace npskit::text;

namespace {

[[noreturn]] void fail(const char* what, int line) {
  std::fprintf(stderr, "fuzz_text.cpp:%d: invariant violated: %s\n", line, what);
  std::abort();
}
#define CHECK_(cond)                      \
  do {                                    \
    if (!(cond)) fail(#cond, __LINE__);   \
  } while (0)

// Strict UTF-8 (no overlongs, surrogates, or values past U+10FFFF).
bool valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) { ++i; continue; }
    const Decoded d = decode_utf8(s, i);
    if (d.cp == 0xFFFD && d.len == 1) return false;  // a real U+FFFD takes 3 bytes
    i += d.len;
  }
  return true;
}
bool boundary(std::string_view s, std::size_t i) {
  return i == s.size() || (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80;
}

bool same_tokens(const TokenList& a, const TokenList& b) {
  if (a.normalized != b.normalized || a.tokens.size() != b.tokens.size()) return false;
  for (std::size_t i = 0; i < a.tokens.size(); ++i) {
    const Token &x = a.tokens[i], &y = b.tokens[i];
    if (x.kind != y.kind || x.stop != y.stop || x.after_break != y.after_break || x.begin != y.begin ||
        x.end != y.end || x.norm_begin != y.norm_begin || x.norm_size != y.norm_size)
      return false;
  }
  return true;
}

void check_tokens(std::string_view text, const TokenList& tl) {
  const bool valid = valid_utf8(text);
  std::size_t prev_end = 0, norm_at = 0;
  for (std::size_t i = 0; i < tl.tokens.size(); ++i) {
    const Token& t = tl.tokens[i];
    CHECK_(t.begin < t.end && t.end <= text.size());
    CHECK_(t.begin >= prev_end);
    prev_end = t.end;
    CHECK_(t.norm_begin == norm_at && t.norm_size > 0);
    norm_at += t.norm_size;
    CHECK_(norm_at <= tl.normalized.size());
    if (i == 0) CHECK_(t.after_break);
    CHECK_(static_cast<std::uint8_t>(t.kind) <= static_cast<std::uint8_t>(TokenKind::cjk));
    if (t.kind == TokenKind::word) CHECK_(t.stop == is_stop_word(tl.norm(t)));
    else CHECK_(!t.stop);
    if (t.kind != TokenKind::url) CHECK_(valid_utf8(tl.norm(t)));
    if (valid) CHECK_(boundary(text, t.begin) && boundary(text, t.end));
  }
  CHECK_(norm_at == tl.normalized.size());
}

void check_scores(const SentimentScores& s) {
  CHECK_(std::isfinite(s.compound) && s.compound >= -1.0 && s.compound <= 1.0);
  CHECK_(std::isfinite(s.pos) && std::isfinite(s.neu) && std::isfinite(s.neg));
  CHECK_(s.pos >= 0 && s.neu >= 0 && s.neg >= 0);
  const double sum = s.pos + s.neu + s.neg;
  CHECK_(sum == 0.0 || std::fabs(sum - 1.0) < 1e-9);
  CHECK_(s.label == sentiment_label(s.compound));
  if (sum == 0.0) CHECK_(s.compound == 0.0);
}
bool same_scores(const SentimentScores& a, const SentimentScores& b, double eps) {
  return std::fabs(a.compound - b.compound) <= eps && std::fabs(a.pos - b.pos) <= eps &&
         std::fabs(a.neu - b.neu) <= eps && std::fabs(a.neg - b.neg) <= eps && a.label == b.label;
}

void check_insight(std::string_view text, const CommentInsight& in, const TokenList& tl, std::size_t theme_count) {
  CHECK_(in.empty == tl.tokens.empty());
  if (in.empty) {
    CHECK_(in.matches.empty() && in.themes.empty() && in.sentiment.compound == 0.0);
    return;
  }
  check_scores(in.sentiment);
  std::vector<std::uint32_t> themes;
  for (std::size_t k = 0; k < in.matches.size(); ++k) {
    const ThemeMatch& m = in.matches[k];
    CHECK_(m.theme < theme_count);
    CHECK_(m.first_token <= m.last_token && m.last_token < tl.tokens.size());
    CHECK_(m.begin == tl.tokens[m.first_token].begin && m.end == tl.tokens[m.last_token].end);
    CHECK_(m.begin < m.end && m.end <= text.size());
    for (std::uint32_t t = m.first_token + 1; t <= m.last_token; ++t) CHECK_(!tl.tokens[t].after_break);
    if (k > 0) {
      const ThemeMatch& p = in.matches[k - 1];
      CHECK_(p.first_token < m.first_token || (p.first_token == m.first_token && p.theme <= m.theme));
    }
    for (std::size_t o = 0; o < in.matches.size(); ++o) {
      if (o == k) continue;
      const ThemeMatch& q = in.matches[o];
      if (q.theme != m.theme) continue;
      CHECK_(!(q.first_token == m.first_token && q.last_token == m.last_token));  // repeated
      const bool inside = q.first_token <= m.first_token && q.last_token >= m.last_token;
      CHECK_(!inside);  // a longer match of the same theme holds it
    }
    themes.push_back(m.theme);
  }
  std::sort(themes.begin(), themes.end());
  themes.erase(std::unique(themes.begin(), themes.end()), themes.end());
  CHECK_(themes == in.themes);
}

// Every number in the report is finite (a NaN / infinity would be dumped as null).
void check_finite(const nlohmann::ordered_json& j) {
  if (j.is_number_float()) CHECK_(std::isfinite(j.get<double>()));
  if (j.is_structured())
    for (const auto& v : j) check_finite(v);
}

void check_keyphrases(const nlohmann::ordered_json& list, std::size_t limit, std::uint64_t min_count, int order) {
  CHECK_(list.is_array() && list.size() <= limit);
  double prev = 0;
  for (std::size_t k = 0; k < list.size(); ++k) {
    const auto& p = list[k];
    const auto n = p["n"].get<std::uint64_t>();
    CHECK_(n >= min_count);
    CHECK_(n == p["detractors"].get<std::uint64_t>() + p["passives"].get<std::uint64_t>() +
                    p["promoters"].get<std::uint64_t>());
    CHECK_(!p["phrase"].get<std::string>().empty());
    const double z = p["z"].get<double>();
    const double key = order == 2 ? static_cast<double>(n) : z;
    if (order == 0) CHECK_(z >= 0);  // rounded to 2 places: a tiny z shows as 0
    if (order == 1) CHECK_(z <= 0);
    if (k > 0) {
      if (order == 0 || order == 2) CHECK_(key <= prev + 0.011);
      else CHECK_(key >= prev - 0.011);
    }
    prev = key;
  }
}

std::uint32_t next(std::uint32_t& s) {
  s ^= s << 13;
  s ^= s >> 17;
  s ^= s << 5;
  return s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  const std::uint8_t opt = data[0];
  std::uint32_t seed = data[1] * 2654435761u | 1u;
  std::string_view in(reinterpret_cast<const char*>(data) + 2, size - 2);

  SentimentOptions sopt;
  sopt.emoji = (opt & 1) == 0;
  CommentAnalyticsOptions aopt;
  aopt.sentiment = sopt;
  aopt.period = static_cast<Period>((opt >> 2) & 3);
  aopt.min_keyphrase_count = (opt & 0x20) ? 1 : 2;
  aopt.max_keyphrases = (opt & 0x40) ? 8 : 50000;
  aopt.top_keyphrases = (opt & 0x80) ? 3 : 20;
  aopt.top_themes = 3;

  // ---- themes ----
  ThemeDictionary dict = ThemeDictionary::builtin();
  if (opt & 2) {
    const auto sep = in.find('\x1e');
    const std::string_view json = in.substr(0, sep);
    in.remove_prefix(sep == std::string_view::npos ? in.size() : sep + 1);
    const std::string before = dict.to_json().dump();
    const std::string problem = dict.merge_json(json);
    if (!problem.empty()) {
      CHECK_(dict.to_json().dump() == before);  // on error the dictionary is unchanged
    } else {
      // Round trip: the dictionary rebuilt from its own JSON is the same.
      auto doc = dict.to_json();
      doc["replace_all"] = true;
      ThemeDictionary again;
      CHECK_(again.merge_json(doc.dump()).empty());
      CHECK_(again.to_json().dump() == dict.to_json().dump());
    }
  }
  const std::size_t theme_count = dict.size();

  // ---- per comment ----
  const char sep = (opt & 0x10) ? '\x1f' : '\n';
  std::vector<std::string_view> comments;
  while (true) {
    const auto at = in.find(sep);
    comments.push_back(in.substr(0, at));
    if (at == std::string_view::npos) break;
    in.remove_prefix(at + 1);
  }

  // The built-in dictionary's analyzers are kept across inputs (one matcher build
  // less per input; "keep one per thread" is how the API is meant to be used).
  static CommentAnalyzer builtin_emoji(ThemeDictionary::builtin(), SentimentOptions{true});
  static CommentAnalyzer builtin_plain(ThemeDictionary::builtin(), SentimentOptions{false});
  std::optional<CommentAnalyzer> custom;
  if (opt & 2) custom.emplace(dict, sopt);
  CommentAnalyzer& analyzer = custom ? *custom : sopt.emoji ? builtin_emoji : builtin_plain;
  CommentAnalytics analytics(dict, aopt);
  SentimentAnalyzer reused(sopt), reference(SentimentOptions{false});
  TokenList reused_tokens;
  std::uint64_t responses = 0, nonempty = 0;
  for (const std::string_view c : comments) {
    // Tokenizer.
    const TokenList fresh = tokenize(c);
    check_tokens(c, fresh);
    tokenize(c, reused_tokens);
    CHECK_(same_tokens(fresh, reused_tokens));
    // Folding re-encodes: always valid UTF-8.
    CHECK_(valid_utf8(fold_case(c)));
    CHECK_(valid_utf8(fold_for_match(c)));

    // Sentiment.
    const SentimentScores s = reused.score(c);
    check_scores(s);
    SentimentAnalyzer once(sopt);
    CHECK_(same_scores(s, once.score(c), 0.0));
    const std::string words = SentimentAnalyzer::emoji_as_words(c);
    if (valid_utf8(c)) CHECK_(valid_utf8(words));
    bool high = false;  // no byte >= 0xE2: no emoji can start, the text is unchanged
    for (unsigned char b : c) high = high || b >= 0xE2;
    if (!high) CHECK_(words == c);
    const SentimentScores ref = reference.score(words);
    check_scores(ref);
    if (sopt.emoji) CHECK_(same_scores(s, ref, 1e-12));  // the emoji model = the reference over emoji_as_words
    (void)SentimentAnalyzer::emoji_valence(c);
    if (c.size() <= 64) (void)SentimentAnalyzer::lexicon_valence(c);

    // Themes and highlight spans.
    const CommentInsight insight = analyzer.analyze(c);
    CHECK_(same_tokens(fresh, analyzer.tokens()));
    check_insight(c, insight, analyzer.tokens(), theme_count);
    if (!insight.empty) CHECK_(same_scores(insight.sentiment, s, 0.0));
    const auto j = comment_insight_json(analyzer.dictionary(), c, insight);
    CHECK_(j["spans"].size() == insight.matches.size());
    (void)j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);

    // Aggregation: a score (sometimes invalid), a day (sometimes none), segment codes.
    const std::uint32_t r = next(seed);
    const int score = static_cast<int>(r % 13) - 1;  // -1 and 11 are ignored
    std::optional<std::int64_t> day;
    if (r & 0x100) day = static_cast<std::int64_t>((r >> 9) % 3652425) - 719528;  // years 0000..9999
    const std::uint32_t codes[2] = {(r >> 4) & 7, (r & 0x200) ? 5000u : (r >> 12) & 3};  // 5000: past the cap
    const std::size_t ncodes = (r >> 20) % 3;
    analytics.add(c, score, day, std::span<const std::uint32_t>(codes, ncodes));
    if (score >= 0 && score <= 10) {
      ++responses;
      if (!insight.empty) ++nonempty;
      CHECK_(analytics.last().empty == insight.empty);
    }
  }

  // ---- the report section ----
  CommentReportContext ctx;
  ctx.confidence = (opt & 0x40) ? 0.9 : 0.95;
  ctx.segment_columns = {"region"};  // the second column is unnamed
  ctx.segment_values = {{"north", "south", "", "north"}};
  const auto rep = comments_json(analytics, ctx);
  CHECK_(analytics.responses() == responses && analytics.comments() == nonempty);
  CHECK_(rep["responses"].get<std::uint64_t>() == responses && rep["comments"].get<std::uint64_t>() == nonempty);
  const auto& sent = rep["sentiment"];
  CHECK_(sent["positive"].get<std::uint64_t>() + sent["neutral"].get<std::uint64_t>() +
             sent["negative"].get<std::uint64_t>() ==
         nonempty);
  CHECK_(rep["themes"].size() == theme_count);
  for (const auto& t : rep["themes"]) {
    const auto m = t["mentions"].get<std::uint64_t>();
    CHECK_(m <= nonempty);
    const auto& bc = t["by_category"];
    CHECK_(bc["detractors"].get<std::uint64_t>() + bc["passives"].get<std::uint64_t>() +
               bc["promoters"].get<std::uint64_t>() ==
           m);
  }
  std::uint64_t by_cat = 0;
  for (const auto& g : rep["categories"]) by_cat += g["comments"].get<std::uint64_t>();
  CHECK_(by_cat == nonempty);
  const auto& kp = rep["keyphrases"];
  check_keyphrases(kp["detractor"], aopt.top_keyphrases, aopt.min_keyphrase_count, 0);
  check_keyphrases(kp["promoter"], aopt.top_keyphrases, aopt.min_keyphrase_count, 1);
  check_keyphrases(kp["frequent"], aopt.top_keyphrases, aopt.min_keyphrase_count, 2);
  check_finite(rep);
  (void)rep.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
  return 0;
}
