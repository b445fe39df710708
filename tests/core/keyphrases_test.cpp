// Keyphrases (text/keyphrases): which n-grams a comment yields, how they are
// written (the phrase-joining rule, CJK included), counting once per comment,
// the log-odds ranking, partial merges and pruning. The ranking example with many
// comments lives in text_themes_test.cpp; here each rule gets a small case whose
// expected value is worked out by hand.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <string>

#include "core/text/keyphrases.hpp"

using namespace npskit;
using namespace npskit::text;

namespace {

// Every phrase the counter holds, with its counts (detractor, passive, promoter).
std::map<std::string, std::array<std::uint32_t, 3>> phrases(const KeyphraseCounter& k) {
  std::map<std::string, std::array<std::uint32_t, 3>> out;
  k.each_entry([&](std::uint64_t, const std::string& p, const std::array<std::uint32_t, 3>& c) { out[p] = c; });
  return out;
}

std::vector<std::string> names(const std::map<std::string, std::array<std::uint32_t, 3>>& m) {
  std::vector<std::string> out;
  for (const auto& [p, c] : m) out.push_back(p);
  return out;
}

}  // namespace

TEST_CASE("keyphrases: the 1-, 2- and 3-grams of a run of content words", "[keyphrases]") {
  KeyphraseCounter k;
  REQUIRE(k.add(tokenize("Slow checkout page"), Category::detractor));
  // Three content words: 3 unigrams, 2 bigrams, 1 trigram.
  CHECK(names(phrases(k)) == std::vector<std::string>{"checkout", "checkout page", "page", "slow", "slow checkout",
                                                      "slow checkout page"});
}

TEST_CASE("keyphrases: stop words, punctuation, numbers and one-letter words end a run", "[keyphrases]") {
  KeyphraseCounter k;
  REQUIRE(k.add(tokenize("The app is slow. Refund 30 days, x support"), Category::detractor));
  // "the", "is": stop words; "." and ",": breaks; "30": a number; "x": one letter.
  CHECK(names(phrases(k)) == std::vector<std::string>{"app", "days", "refund", "slow", "support"});
}

TEST_CASE("keyphrases: a negation starts a 2- or 3-gram but is no unigram", "[keyphrases]") {
  KeyphraseCounter k;
  REQUIRE(k.add(tokenize("not working today"), Category::detractor));
  const auto p = phrases(k);
  CHECK(p.count("not working") == 1);
  CHECK(p.count("not working today") == 1);
  CHECK(p.count("not") == 0);  // "not" is a stop word
  // "never" is no stop word: a content word of its own.
  KeyphraseCounter never;
  REQUIRE(never.add(tokenize("never arrived"), Category::detractor));
  CHECK(names(phrases(never)) == std::vector<std::string>{"arrived", "never", "never arrived"});
  CHECK(is_negator("nicht"));
  CHECK(is_negator("jamais"));
  CHECK_FALSE(is_negator("late"));
}

TEST_CASE("keyphrases: a phrase counts once per comment, by the commenter's category", "[keyphrases]") {
  KeyphraseCounter k;
  k.add(tokenize("late delivery, late delivery, late delivery"), Category::detractor);
  k.add(tokenize("late delivery"), Category::passive);
  k.add(tokenize("Late Delivery!"), Category::promoter);
  const auto p = phrases(k);
  CHECK(p.at("late delivery") == std::array<std::uint32_t, 3>{1, 1, 1});
  CHECK(k.comments() == std::array<std::uint64_t, 3>{1, 1, 1});
}

TEST_CASE("keyphrases: a comment without phrases is not counted", "[keyphrases]") {
  KeyphraseCounter k;
  CHECK_FALSE(k.add(tokenize("it is what it is, 100%"), Category::promoter));
  CHECK(k.comments() == std::array<std::uint64_t, 3>{0, 0, 0});
  CHECK(k.distinct() == 0);
}

TEST_CASE("keyphrases: CJK characters join without a space, kana particles are no content", "[keyphrases][cjk]") {
  KeyphraseCounter k;
  // 配送 (delivery) が (particle) 遅い (slow: 遅 + okurigana い).
  REQUIRE(k.add(tokenize("配送が遅い"), Category::detractor));
  CHECK(names(phrases(k)) == std::vector<std::string>{"送", "遅", "配", "配送"});
  // Latin next to CJK still gets its space.
  KeyphraseCounter mixed;
  REQUIRE(mixed.add(tokenize("app 配送"), Category::detractor));
  CHECK(phrases(mixed).count("app 配") == 1);
  CHECK(phrases(mixed).count("app 配送") == 1);
}

TEST_CASE("keyphrases: an emoji is a unigram of its own", "[keyphrases]") {
  KeyphraseCounter k;
  REQUIRE(k.add(tokenize("great \xF0\x9F\x91\x8D"), Category::promoter));  // 👍
  const auto p = phrases(k);
  CHECK(p.count("\xF0\x9F\x91\x8D") == 1);
  CHECK(p.count("great \xF0\x9F\x91\x8D") == 0);
}

TEST_CASE("keyphrases: log-odds and z by hand (d=3 of D=4, p=0 of P=4)", "[keyphrases]") {
  KeyphraseCounter k;
  for (int i = 0; i < 3; ++i) k.add(tokenize("broken zipper"), Category::detractor);
  k.add(tokenize("fine shoes"), Category::detractor);
  for (int i = 0; i < 4; ++i) k.add(tokenize("fine shoes"), Category::promoter);
  const auto det = k.top(KeyphraseCounter::Order::detractor, 1, 10);
  REQUIRE_FALSE(det.empty());
  CHECK(det[0].phrase == "broken zipper");  // the longest of three tied phrases
  // ln(3.5/1.5) - ln(0.5/4.5) and its z, computed with a calculator.
  CHECK(det[0].log_odds == Approx(3.0445224377234235));
  CHECK(det[0].z == Approx(1.708733980246028));
  // "broken" and "zipper" are inside "broken zipper": skipped.
  CHECK(det.size() == 1);
  const auto pro = k.top(KeyphraseCounter::Order::promoter, 1, 10);
  REQUIRE_FALSE(pro.empty());
  CHECK(pro[0].phrase == "fine shoes");  // d=1 of 4, p=4 of 4
  CHECK(pro[0].z < 0);
}

TEST_CASE("keyphrases: frequent order is by count, then the longer phrase", "[keyphrases]") {
  KeyphraseCounter k;
  k.add(tokenize("price"), Category::passive);
  k.add(tokenize("price"), Category::passive);
  k.add(tokenize("fast shipping"), Category::passive);
  const auto top = k.top(KeyphraseCounter::Order::frequent, 1, 10);
  REQUIRE(top.size() == 2);
  CHECK(top[0].phrase == "price");
  CHECK(top[0].n() == 2);
  CHECK(top[1].phrase == "fast shipping");  // then "fast" and "shipping" are inside it
}

TEST_CASE("keyphrases: a partial merged into another counter equals counting in one", "[keyphrases]") {
  const char* comments[] = {"late delivery", "late delivery again", "great support", "support never answered"};
  const Category cats[] = {Category::detractor, Category::detractor, Category::promoter, Category::detractor};
  KeyphraseCounter all, a, b;
  for (int i = 0; i < 4; ++i) {
    all.add(tokenize(comments[i]), cats[i]);
    (i % 2 ? b : a).add(tokenize(comments[i]), cats[i]);
  }
  b.each_entry([&](std::uint64_t h, const std::string& p, const std::array<std::uint32_t, 3>& c) { a.merge_entry(h, p, c); });
  a.merge_totals(b.comments(), b.prune_floor());
  CHECK(phrases(a) == phrases(all));
  CHECK(a.comments() == all.comments());
  CHECK(a.top(KeyphraseCounter::Order::detractor, 1, 5).size() == all.top(KeyphraseCounter::Order::detractor, 1, 5).size());
}

TEST_CASE("keyphrases: past max_entries the rarest are pruned, and it is said", "[keyphrases]") {
  KeyphraseCounter k(10);
  for (int i = 0; i < 4; ++i) k.add(tokenize("common phrase"), Category::detractor);  // 3 phrases, count 4
  CHECK_FALSE(k.pruned());
  for (int i = 0; i < 20; ++i) k.add(tokenize("rare" + std::string(1, static_cast<char>('a' + i))), Category::detractor);
  CHECK(k.pruned());
  CHECK(k.prune_floor() >= 1);
  CHECK(k.distinct() <= 10);
  const auto p = phrases(k);
  CHECK(p.count("common phrase") == 1);  // above the floor: kept with its count
  CHECK(p.at("common phrase")[0] == 4);
}
