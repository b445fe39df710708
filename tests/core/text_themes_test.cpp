// Themes (built-in dictionary, stemming, prefixes, misspellings, phrases, JSON),
// keyphrase ranking, and the aggregation into the report's "comments" section.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "core/report/comments_json.hpp"
#include "core/stats/interval.hpp"
#include "core/text/comment_analytics.hpp"

using namespace npskit;
using namespace npskit::text;
using Catch::Detail::Approx;

namespace {
std::vector<std::string> themes_of(CommentAnalyzer& a, std::string_view comment) {
  std::vector<std::string> out;
  for (auto t : a.analyze(comment).themes) out.push_back(a.dictionary().themes()[t].name);
  return out;
}
bool has(const std::vector<std::string>& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); }
using V = std::vector<std::string>;
}  // namespace

TEST_CASE("themes: light stemming and edit distance", "[text][themes]") {
  CHECK(stem_key("delays") == stem_key("delayed"));
  CHECK(stem_key("delaying") == stem_key("delay"));
  CHECK(stem_key("prices") == stem_key("pricing"));
  CHECK(stem_key("shipping") == stem_key("ship"));
  CHECK(stem_key("deliveries") == stem_key("delivery"));
  CHECK(stem_key("lieferungen") == "lieferung");
  CHECK(stem_key("site") != stem_key("sitting"));
  CHECK(within_one_edit("delivry", "delivery"));
  CHECK(within_one_edit("recieve", "receive"));    // adjacent swap
  CHECK(within_one_edit("servise", "service"));
  CHECK_FALSE(within_one_edit("delvry", "delivery"));
}

TEST_CASE("themes: one comment written for each built-in theme", "[text][themes]") {
  CommentAnalyzer a;
  CHECK(themes_of(a, "The parcel arrived two days late") == V{"delivery"});
  CHECK(themes_of(a, "Customer service was rude and slow to respond") == V{"support"});
  CHECK(themes_of(a, "Way too expensive for what you get") == V{"price"});
  CHECK(themes_of(a, "Poor quality, it broke after a week") == V{"quality"});
  CHECK(themes_of(a, "Checkout failed twice, my card declined") == V{"checkout"});
  CHECK(themes_of(a, "The app is confusing and keeps crashing") == V{"usability"});
  CHECK(themes_of(a, "I was charged twice on my invoice") == V{"billing"});
  CHECK(themes_of(a, "Still waiting for my refund") == V{"returns"});
  CHECK(themes_of(a, "The warranty repair took months") == V{"after-sales"});
  CHECK(themes_of(a, "Nice people, would recommend") == V{});
}

TEST_CASE("themes: negated mentions still count", "[text][themes]") {
  CommentAnalyzer a;
  const auto insight = a.analyze("Shipping was not fast at all");
  CHECK(has(themes_of(a, "Shipping was not fast at all"), "delivery"));
  CHECK(insight.sentiment.label != SentimentLabel::positive);
  CHECK(has(themes_of(a, "The agent wasn't helpful"), "support"));
  CHECK(a.analyze("The agent wasn't helpful").sentiment.label == SentimentLabel::negative);
  CHECK(has(themes_of(a, "No refund, never again"), "returns"));
}

TEST_CASE("themes: misspellings within one edit", "[text][themes]") {
  CommentAnalyzer a;
  CHECK(has(themes_of(a, "delivry was slow"), "delivery"));
  CHECK(has(themes_of(a, "the custommer servise never called"), "support"));
  CHECK(has(themes_of(a, "paymnet failed"), "checkout"));
  CHECK(has(themes_of(a, "way too expensve"), "price"));
  CHECK(has(themes_of(a, "waiting for the refnud"), "returns"));  // prefix term refund*, swapped letters
  // Real words one edit from a term are not typos; short words are never fuzzy.
  CHECK(themes_of(a, "I love shopping here") == V{});
  CHECK(themes_of(a, "nothing changed") == V{});
  CHECK(themes_of(a, "sitting at home") == V{});
  CHECK(themes_of(a, "the prince") == V{});
}

TEST_CASE("themes: other languages and scripts", "[text][themes]") {
  CommentAnalyzer a;
  CHECK(themes_of(a, "Die Lieferung kam zu spät") == V{"delivery"});
  CHECK(themes_of(a, "Lieferzeit viel zu lang") == V{"delivery"});  // prefix liefer*: compounds
  CHECK(themes_of(a, "Le remboursement est toujours en attente") == V{"returns"});
  CHECK(themes_of(a, "Le colis n'est jamais arrivé") == V{"delivery"});
  CHECK(themes_of(a, "La livraison était lente") == V{"delivery"});
  CHECK(themes_of(a, "El envío tardó mucho") == V{"delivery"});
  CHECK(themes_of(a, "el envio tardo mucho") == V{"delivery"});  // no accent: same key
  CHECK(themes_of(a, "Rueckerstattung") == V{"returns"});         // ue spelling: one edit from the folded key
  CHECK(themes_of(a, "Ruckerstattung dauert") == V{"returns"});   // umlaut left out
  CHECK(themes_of(a, "配送が遅い") == V{"delivery"});
  CHECK(themes_of(a, "डिलीवरी बहुत धीमी थी") == V{"delivery"});
  CHECK(themes_of(a, "التوصيل كان بطيئا") == V{"delivery"});
}

TEST_CASE("themes: phrases need consecutive tokens, spans give byte offsets", "[text][themes]") {
  CommentAnalyzer a;
  const std::string c = "Great customer service. Customer, service?";
  const auto insight = a.analyze(c);
  // "customer service" matches once as a phrase; "service?" alone matches the single word.
  REQUIRE(insight.matches.size() == 2);
  CHECK(c.substr(insight.matches[0].begin, insight.matches[0].end - insight.matches[0].begin) == "customer service");
  CHECK(c.substr(insight.matches[1].begin, insight.matches[1].end - insight.matches[1].begin) == "service");
  const auto j = comment_insight_json(a.dictionary(), c, insight);
  CHECK(j["themes"] == nlohmann::ordered_json::array({"support"}));
  CHECK(j["spans"][0]["text"] == "customer service");
}

TEST_CASE("themes: JSON extends, replaces, removes, and validates", "[text][themes]") {
  ThemeDictionary d = ThemeDictionary::builtin();
  const auto before = d.size();
  CHECK(d.merge_json(R"({"themes":[{"name":"sustainability","label":"Sustainability","terms":["plastic","eco*","carbon footprint"]},
                                   {"name":"price","terms":["steep"]},
                                   {"name":"after-sales","remove":true}]})").empty());
  CHECK(d.size() == before);  // one added, one removed
  CommentAnalyzer a(d);
  CHECK(themes_of(a, "Too much plastic in the box") == V{"sustainability"});
  CHECK(themes_of(a, "not very ecological") == V{"sustainability"});
  CHECK(themes_of(a, "reduce your carbon footprint") == V{"sustainability"});
  CHECK(themes_of(a, "a bit steep") == V{"price"});
  CHECK(themes_of(a, "The warranty was useless") == V{});
  // replace: the terms given are the only ones left.
  CHECK(d.merge_json(R"({"themes":[{"name":"price","replace":true,"terms":["steep"]}]})").empty());
  CommentAnalyzer b(d);
  CHECK(themes_of(b, "too expensive") == V{});
  CHECK(themes_of(b, "too steep") == V{"price"});
  // Errors leave the dictionary unchanged.
  const auto size = d.size();
  CHECK_FALSE(d.merge_json("{").empty());
  CHECK_FALSE(d.merge_json(R"({"themes":[{"terms":["x"]}]})").empty());
  CHECK_FALSE(d.merge_json(R"({"themes":[{"name":"x","terms":"y"}]})").empty());
  CHECK(d.size() == size);
  // Round trip.
  ThemeDictionary e;
  CHECK(e.merge(d.to_json()).empty());
  CHECK(e.to_json() == d.to_json());
}

TEST_CASE("keyphrases: distinctive phrases rank by log-odds", "[text][keyphrases]") {
  KeyphraseCounter k;
  auto add = [&](std::string_view c, Category cat, int times) {
    for (int i = 0; i < times; ++i) k.add(tokenize(c), cat);
  };
  add("Late delivery again", Category::detractor, 20);
  add("The product is fine", Category::detractor, 10);
  add("The product is fine", Category::promoter, 10);
  add("Friendly staff, great app", Category::promoter, 25);
  add("Wrong size sent", Category::detractor, 6);
  add("not working at all", Category::detractor, 5);
  const auto det = k.top(KeyphraseCounter::Order::detractor, 5, 10);
  REQUIRE(det.size() >= 3);
  CHECK(det[0].phrase == "late delivery");  // the longest phrase of the most detractor-only run ("again": stop word)
  const auto has_phrase = [](const std::vector<KeyphraseStats>& v, const std::string& p) {
    return std::any_of(v.begin(), v.end(), [&](const KeyphraseStats& s) { return s.phrase == p; });
  };
  CHECK(has_phrase(det, "wrong size sent"));
  CHECK(has_phrase(det, "not working"));          // a negation may start a phrase
  CHECK_FALSE(has_phrase(det, "delivery"));       // inside a phrase already listed
  const auto pro = k.top(KeyphraseCounter::Order::promoter, 5, 10);
  REQUIRE_FALSE(pro.empty());
  CHECK(pro[0].phrase == "friendly staff");
  CHECK_FALSE(has_phrase(pro, "product fine"));   // "is" is a stop word: never a phrase
  // "fine" is used equally by both sides: z near 0, below the phrases above.
  for (const auto& s : det) if (s.phrase == "product") CHECK(s.z < det[0].z);
  // min_count filters rare phrases.
  CHECK(k.top(KeyphraseCounter::Order::detractor, 7, 10).size() < det.size());
  // Hand check of the formula for "late delivery": d=20 of D=41, p=0 of P=35.
  const double a = 0.5, d = 20, D = 41, p = 0, P = 35;
  const double lo = std::log((d + a) / (D - d + a)) - std::log((p + a) / (P - p + a));
  CHECK(det[0].log_odds == Approx(lo));
}

TEST_CASE("keyphrases: memory stays bounded", "[text][keyphrases]") {
  KeyphraseCounter k(1000);
  for (int i = 0; i < 5000; ++i) k.add(tokenize("word" + std::to_string(i) + " common phrase"), Category::detractor);
  CHECK(k.distinct() <= 1000);
  CHECK(k.pruned());
  const auto top = k.top(KeyphraseCounter::Order::frequent, 5, 3);
  REQUIRE_FALSE(top.empty());
  CHECK(top[0].phrase == "common phrase");
}

TEST_CASE("analytics: per-theme numbers by hand", "[text][analytics]") {
  CommentAnalytics ca;
  const std::uint32_t de[] = {0}, fr[] = {1};
  const auto day = days_from_civil(2024, 1, 15), day2 = days_from_civil(2024, 2, 3);
  // 4 detractors mention delivery; 1 promoter mentions delivery; 5 promoters praise staff;
  // 2 passives without comment.
  for (int i = 0; i < 4; ++i) ca.add("Delivery was late", 3, day, de);
  ca.add("Delivery fast, love it", 10, day2, fr);
  for (int i = 0; i < 5; ++i) ca.add("Lovely people", 9, day2, fr);
  ca.add("", 7, day, de);
  ca.add("   ", 8, std::nullopt, fr);
  CHECK(ca.responses() == 12);
  CHECK(ca.comments() == 10);
  CommentReportContext ctx;
  ctx.segment_columns = {"Country"};
  ctx.segment_values = {{"DE", "FR"}};
  const auto j = comments_json(ca, ctx);
  CHECK(j["comments"] == 10);
  const auto& del = j["themes"][0];
  REQUIRE(del["name"] == "delivery");
  CHECK(del["mentions"] == 5);
  CHECK(del["by_category"]["detractors"] == 4);
  CHECK(del["by_category"]["promoters"] == 1);
  // Lift: (4/4 commenting detractors) / (1/6 commenting promoters) = 6.
  CHECK(del["lift"].get<double>() == Approx(6.0));
  // Mentioners: 4 detractors + 1 promoter -> NPS = (1 - 4)/5 = -60.
  CHECK(del["nps"].get<double>() == Approx(-60.0));
  // Everyone: 6 promoters, 2 passives, 4 detractors of 12 -> NPS 16.67; the rest
  // (5 promoters, 2 passives) -> 71.43; impact = 16.67 - 71.43 = -54.76.
  CHECK(j["sentiment"]["positive"].get<int>() + j["sentiment"]["negative"].get<int>() + j["sentiment"]["neutral"].get<int>() == 10);
  CHECK(del["nps_without"].get<double>() == Approx(71.43));
  CHECK(del["impact"].get<double>() == Approx(-54.76));
  CHECK(del["vs_rest"]["too_small"] == true);
  CHECK(del["vs_rest"]["significant"] == false);
  // Trend: January has the 4 detractor mentions of 4 comments, February 1 of 6.
  const auto& pts = del["trend"]["points"];
  REQUIRE(pts.size() == 2);
  CHECK(pts[0]["period"] == "2024-01");
  CHECK(pts[0]["mentions"] == 4);
  CHECK(pts[1]["comments"] == 6);
  CHECK(pts[1]["mentions"] == 1);
  // Categories and segments: sentiment shares and top themes.
  CHECK(j["categories"]["detractors"]["comments"] == 4);
  CHECK(j["categories"]["detractors"]["top_themes"][0]["name"] == "delivery");
  CHECK(j["categories"]["promoters"]["sentiment"]["positive"] == 6);
  const auto& country = j["segments"]["Country"];
  REQUIRE(country.size() == 2);
  CHECK(country[0]["value"] == "FR");  // more comments first
  CHECK(country[0]["comments"] == 6);
  CHECK(country[1]["value"] == "DE");
  CHECK(country[1]["top_themes"][0]["pct"].get<double>() == Approx(100.0));
}

TEST_CASE("analytics: significance with large groups uses npskit::compare", "[text][analytics]") {
  CommentAnalytics ca;
  for (int i = 0; i < 60; ++i) ca.add("the price is too high", 2);
  for (int i = 0; i < 60; ++i) ca.add("nice team", 10);
  const auto j = comments_json(ca);
  const auto& price = j["themes"][2];
  REQUIRE(price["name"] == "price");
  Tally m, rest;
  m.add(2, 60);
  rest.add(10, 60);
  const auto d = compare(m, rest);
  CHECK(price["vs_rest"]["significant"] == d.significant);
  CHECK(price["vs_rest"]["significant"] == true);
  CHECK(price["vs_rest"]["diff"].get<double>() == Approx(-200.0));
  // "price" and "high" (stop words split them) tie; the one a theme matches is marked.
  const auto& det = j["keyphrases"]["detractor"];
  REQUIRE(det.size() == 2);
  for (const auto& k : det) CHECK(k["theme"] == (k["phrase"] == "price" ? nlohmann::ordered_json("price") : nlohmann::ordered_json(nullptr)));
  CHECK(j["keyphrases"]["promoter"][0]["phrase"] == "nice team");
  CHECK(j["keyphrases"]["promoter"][0]["theme"] == nullptr);  // an unknown topic surfaces
}
