#include <catch2/catch.hpp>

#include <string>

#include "core/values/score.hpp"

using npskit::parse_score;
using npskit::ScoreStatus;

namespace {
ScoreStatus status_of(std::string_view cell) { return parse_score(cell).status; }
int score_of(std::string_view cell) {
  const auto c = parse_score(cell);
  REQUIRE(c.status == ScoreStatus::ok);
  return c.score;
}
}  // namespace

TEST_CASE("score: plain whole numbers 0..10", "[score]") {
  for (int i = 0; i <= 10; ++i) CHECK(score_of(std::to_string(i)) == i);
  CHECK(score_of("09") == 9);  // leading zero is still nine
  CHECK(score_of("010") == 10);
}

TEST_CASE("score: whitespace around the number", "[score]") {
  CHECK(score_of(" 9 ") == 9);
  CHECK(score_of("\t7\t") == 7);
  CHECK(score_of("\r\n8\r\n") == 8);
  CHECK(score_of("\xC2\xA0" "6" "\xC2\xA0") == 6);  // U+00A0 no-break space
  CHECK(score_of("\xC2\xA0 \t10 \xC2\xA0") == 10);
}

TEST_CASE("score: blank cells are unanswered, not errors", "[score]") {
  CHECK(status_of("") == ScoreStatus::blank);
  CHECK(status_of("   ") == ScoreStatus::blank);
  CHECK(status_of("\t\r\n") == ScoreStatus::blank);
  CHECK(status_of("\xC2\xA0") == ScoreStatus::blank);
  CHECK(status_of(" \xC2\xA0\t") == ScoreStatus::blank);
}

TEST_CASE("score: zero fractions are whole numbers", "[score]") {
  CHECK(score_of("9.0") == 9);
  CHECK(score_of("9,0") == 9);
  CHECK(score_of("10.00") == 10);
  CHECK(score_of("0.000") == 0);
  CHECK(score_of(" 7,0 ") == 7);
}

TEST_CASE("score: number followed by a separator and a label", "[score]") {
  CHECK(score_of("10 - Extremely likely") == 10);
  CHECK(score_of("0 = Not at all likely") == 0);
  CHECK(score_of("10 (Extremely likely)") == 10);
  CHECK(score_of("10 \xE2\x80\x93 Extremely likely") == 10);  // en dash
  CHECK(score_of("10 \xE2\x80\x94 Extremely likely") == 10);  // em dash
  CHECK(score_of("5: Neutral") == 5);
  CHECK(score_of("10-Extremely likely") == 10);  // no spaces around the separator
  CHECK(score_of("10(Extremely likely)") == 10);
  CHECK(score_of("9.0 - Very likely") == 9);
  CHECK(score_of("10 -") == 10);                  // separator with an empty label
  CHECK(score_of("10\xC2\xA0-\xC2\xA0" "Extremely likely") == 10);
}

TEST_CASE("score: whole numbers outside 0..10", "[score]") {
  CHECK(status_of("11") == ScoreStatus::out_of_range);
  CHECK(status_of("-1") == ScoreStatus::out_of_range);
  CHECK(status_of("100") == ScoreStatus::out_of_range);
  CHECK(status_of("11.0") == ScoreStatus::out_of_range);
  CHECK(status_of("11 - label") == ScoreStatus::out_of_range);
  CHECK(status_of("-10") == ScoreStatus::out_of_range);
  // Long digit runs saturate instead of overflowing.
  CHECK(status_of("99999999999999999999999999") == ScoreStatus::out_of_range);
}

TEST_CASE("score: minus zero is zero", "[score]") {
  CHECK(score_of("-0") == 0);
  CHECK(score_of("-0.0") == 0);
}

TEST_CASE("score: non-zero fractions are not whole numbers", "[score]") {
  CHECK(status_of("9.5") == ScoreStatus::not_integer);
  CHECK(status_of("9,5") == ScoreStatus::not_integer);
  CHECK(status_of("0.01") == ScoreStatus::not_integer);
  CHECK(status_of("9.000001") == ScoreStatus::not_integer);
  // The fraction wins over the range: the reason names the fraction.
  CHECK(status_of("11.5") == ScoreStatus::not_integer);
  CHECK(status_of("-0.5") == ScoreStatus::not_integer);
  CHECK(status_of("9.5 - label") == ScoreStatus::not_integer);
}

TEST_CASE("score: anything else is not a number", "[score]") {
  for (const char* cell : {"ten", "n/a", "N/A", "9abc", "1e1", "abc 9", "9 abc", "9 10",
                           "+9", "+", "-", "- 1", ".5", "9.", "9,", "9..0", "9.0.0",
                           "9-10", "9 - 10", "9:30", "9%", "10/10", "\xEF\xBC\x99" /* fullwidth 9 */,
                           "\xE2\x88\x92" "1" /* U+2212 minus */, "Extremely likely - 10", "0x9"}) {
    INFO(cell);
    CHECK(status_of(cell) == ScoreStatus::not_a_number);
  }
}

TEST_CASE("score: a cell is read only within its view", "[score]") {
  const std::string row = "9,5";
  // The view "9" of a longer buffer must not read past its end.
  CHECK(score_of(std::string_view(row).substr(0, 1)) == 9);
  const std::string buf = "10 - x";
  CHECK(status_of(std::string_view(buf).substr(0, 1)) == ScoreStatus::ok);
}

TEST_CASE("score: describe gives the generic phrase", "[score]") {
  CHECK(std::string(npskit::describe(ScoreStatus::out_of_range)) == "is outside 0-10");
  CHECK(std::string(npskit::describe(ScoreStatus::not_integer)) == "is not a whole number");
  CHECK(std::string(npskit::describe(ScoreStatus::not_a_number)) == "is not a 0-10 score");
  CHECK(std::string(npskit::describe(ScoreStatus::blank)) == "is blank");
  CHECK(std::string(npskit::describe(ScoreStatus::ok)) == "is a 0-10 score");
}
