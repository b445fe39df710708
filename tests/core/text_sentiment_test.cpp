// The VADER-style sentiment model: each rule moves the score the right way; a few
// values checked by hand from the published constants and the lexicon (good = 1.9,
// bad = -2.5; compound = s / sqrt(s^2 + 15)).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include "core/text/lexicon.hpp"
#include "core/text/sentiment.hpp"

using namespace npskit::text;
using Catch::Detail::Approx;

namespace {
double compound(std::string_view text, bool emoji = true) {
  SentimentAnalyzer a(SentimentOptions{emoji});
  return a.score(text).compound;
}
double norm(double s) { return s / std::sqrt(s * s + 15.0); }
}  // namespace

TEST_CASE("sentiment: the lexicon is generated from vader-sentiment", "[text][sentiment]") {
  REQUIRE(SentimentAnalyzer::lexicon_valence("good"));
  CHECK(*SentimentAnalyzer::lexicon_valence("good") == Approx(1.9));
  CHECK(*SentimentAnalyzer::lexicon_valence("BAD") == Approx(-2.5));  // case-insensitive
  CHECK(*SentimentAnalyzer::lexicon_valence(":)") == Approx(2.0));
  CHECK(*SentimentAnalyzer::lexicon_valence("lol") == Approx(1.8));  // a duplicate in the file: the later line wins
  CHECK_FALSE(SentimentAnalyzer::lexicon_valence("delivery"));
  // The generated source holds the words as one string, one per line: the first and the
  // last line of the file, and a word with spaces in it, keep their own valences.
  REQUIRE(SentimentAnalyzer::lexicon_valence("$:"));
  CHECK(*SentimentAnalyzer::lexicon_valence("$:") == Approx(-1.5));
  REQUIRE(SentimentAnalyzer::lexicon_valence("}:-)"));
  CHECK(*SentimentAnalyzer::lexicon_valence("}:-)") == Approx(0.3));
  // As many words as valences: the loader pairs them by position.
  CHECK(static_cast<std::size_t>(std::count(kVaderLexiconWords.begin(), kVaderLexiconWords.end(), '\n')) ==
        kVaderLexiconSize);
  CHECK(kVaderLexiconSize > 7000);
  REQUIRE(SentimentAnalyzer::lexicon_valence("( '}{' )"));
  CHECK(*SentimentAnalyzer::lexicon_valence("( '}{' )") == Approx(1.6));
}

TEST_CASE("sentiment: hand-checked values", "[text][sentiment]") {
  CHECK(compound("good") == Approx(norm(1.9)).epsilon(1e-9));                      // 0.4404
  CHECK(compound("good") == Approx(0.4404).margin(5e-5));
  CHECK(compound("not good") == Approx(norm(1.9 * -0.74)).epsilon(1e-9));          // negation
  CHECK(compound("very good") == Approx(norm(1.9 + 0.293)).epsilon(1e-9));         // booster
  CHECK(compound("good!") == Approx(norm(1.9 + 0.292)).epsilon(1e-9));             // one "!"
  CHECK(compound("good !!!!!!") == Approx(norm(1.9 + 4 * 0.292)).epsilon(1e-9));   // capped at 4
  CHECK(compound("good!!!!!!") == 0.0);  // "good!!!!!!" is not stripped to "good" (reference quirk)
  CHECK(compound("good??") == Approx(norm(1.9 + 2 * 0.18)).epsilon(1e-9));         // two "?"
  CHECK(compound("GOOD product") == Approx(norm(1.9 + 0.733)).epsilon(1e-9));      // caps, mixed case
  CHECK(compound("GOOD") == Approx(norm(1.9)).epsilon(1e-9));                      // all caps: no emphasis
  CHECK(compound("good but bad") == Approx(norm(1.9 * 0.5 + -2.5 * 1.5)).epsilon(1e-9));
  CHECK(compound("it was sort of good") == Approx(norm(1.9 - 0.293)).epsilon(1e-9));
  CHECK(compound("") == 0.0);
  CHECK(compound("the parcel arrived on tuesday") == 0.0);
}

TEST_CASE("sentiment: each rule moves the score the right way", "[text][sentiment]") {
  // ("support" itself is a positive lexicon word, so "The delivery ..." is used here.)
  const double good = compound("The delivery was good");
  CHECK(compound("The delivery was not good") < 0);
  CHECK(compound("The delivery wasn't good") < 0);
  CHECK(compound("The delivery was never good") < 0);
  CHECK(compound("It works without problems") > compound("It works with problems"));  // "without" negates
  CHECK(compound("The delivery was extremely good") > good);
  CHECK(compound("The delivery was slightly good") < good);
  CHECK(compound("The delivery was GOOD") > good);
  CHECK(compound("The delivery was good!!") > good);
  CHECK(compound("The delivery was bad!!") < compound("The delivery was bad"));
  CHECK(compound("Good app but terrible delivery") < 0);  // after "but" weighs more
  CHECK(compound("Terrible delivery but good app") > 0);
  CHECK(compound("the least helpful agent") < 0);        // "least" negates
  CHECK(compound("at least helpful") > 0);               // "at least" does not
  CHECK(compound("never so happy") > compound("happy")); // "never so" intensifies
  CHECK(compound("The food was the bomb") > 0.5);        // idiom
}

TEST_CASE("sentiment: labels use the +/-0.05 thresholds", "[text][sentiment]") {
  CHECK(sentiment_label(0.05) == SentimentLabel::positive);
  CHECK(sentiment_label(0.0499) == SentimentLabel::neutral);
  CHECK(sentiment_label(-0.05) == SentimentLabel::negative);
  CHECK(sentiment_label(-0.0499) == SentimentLabel::neutral);
  SentimentAnalyzer a;
  CHECK(a.score("I love it").label == SentimentLabel::positive);
  CHECK(a.score("I hate it").label == SentimentLabel::negative);
  CHECK(a.score("It is a product").label == SentimentLabel::neutral);
  const auto s = a.score("good but bad");
  CHECK(s.pos + s.neu + s.neg == Approx(1.0));
}

TEST_CASE("sentiment: emoji through the built-in table (off = the npm reference)", "[text][sentiment]") {
  CHECK(compound("👍") == Approx(norm(1.9)).epsilon(1e-9));   // thumbs up -> "good"
  CHECK(compound("great👍") > compound("great"));              // split off and scored
  CHECK(compound("😡") < 0);
  CHECK(compound("not 👍") < 0);                               // negation applies to emoji too
  CHECK(compound("👍🏽") == compound("👍"));                      // skin tone ignored
  CHECK(compound("👍", false) == 0.0);                          // reference mode: emoji ignored
  CHECK(SentimentAnalyzer::emoji_valence("❤️") == SentimentAnalyzer::lexicon_valence("love"));
  CHECK_FALSE(SentimentAnalyzer::emoji_valence("🤔"));           // no valence: neutral
  // The text the reference is run over: emoji set apart and replaced by their word.
  CHECK(SentimentAnalyzer::emoji_as_words("great👍") == "great good ");
  CHECK(SentimentAnalyzer::emoji_as_words("hm 🤔!") == "hm  🤔 !");      // no word: kept, spaced
  CHECK(compound("so slow 😡") == compound("so slow angry"));
}

TEST_CASE("sentiment: reference tokenization quirks are kept", "[text][sentiment]") {
  // One punctuation mark is stripped from a word, a run of 3 dots is not (so
  // "great..." is not a lexicon word), as in vader-sentiment.
  CHECK(compound("great.") > 0);
  CHECK(compound("great...") == 0.0);
  // Single characters are dropped; a two-unit emoji is kept (UTF-16 length).
  CHECK(compound("a") == 0.0);
}

TEST_CASE("sentiment: idioms and two-word boosters match the reference", "[text][sentiment]") {
  // Compounds printed by the npm vader-sentiment package for the same sentences
  // (rounded to 4 places there). Each reaches the idiom / "kind of" / "just enough"
  // checks, which look up only phrases whose first word starts one.
  CHECK(compound("Honestly the new version does not cut the mustard", false) == Approx(0.7184).margin(5e-5));
  CHECK(compound("The courier was a kiss of death for my parcel, awful", false) == Approx(-0.7906).margin(5e-5));
  CHECK(compound("yeah right, great support", false) == Approx(0.8402).margin(5e-5));
  CHECK(compound("It was just enough good", false) == Approx(0.3832).margin(5e-5));
  CHECK(compound("I live hand to mouth and the price is bad", false) == Approx(-0.0772).margin(5e-5));
  CHECK(compound("The checkout is kind of slow but ok", false) == Approx(0.4215).margin(5e-5));
}
