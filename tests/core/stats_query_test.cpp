// The statistics query (src/core/report/stats_query.hpp): what the dashboard asks
// instead of computing statistics itself. Expected values worked out by hand from
// the adjusted-Wald formulas (DESIGN.md):
//   A = 50 P / 30 A / 20 D: n' = 103, p' = 50.75/103, d' = 20.75/103, var' = 0.6093411
//   B = 20 P / 30 A / 50 D: the mirror image, var' = 0.6093411
//   se = sqrt(2 * 0.6093411 / 103) = 0.1087744, z = (60/103) / se = 5.35534
//   p = erfc(5.35534 / sqrt 2) = 8.539e-8
#include <catch2/catch.hpp>

#include "core/report/stats_query.hpp"

using namespace npskit;
using nlohmann::json;

namespace {
const json kA = {{"promoters", 50}, {"passives", 30}, {"detractors", 20}};
const json kB = {{"promoters", 20}, {"passives", 30}, {"detractors", 50}};
}  // namespace

TEST_CASE("stats query: compare two groups", "[stats_query]") {
  const auto r = stats_query({{"compare", {{"a", kA}, {"b", kB}}}});
  REQUIRE_FALSE(r.contains("error"));
  const auto& c = r["compare"];
  CHECK(c["diff"].get<double>() == Approx(60.0));
  CHECK(c["z"].get<double>() == Approx(5.36).margin(0.001));
  CHECK(c["p"].get<double>() == Approx(8.539e-8).epsilon(1e-3));
  CHECK(c["p_adjusted"].get<double>() == c["p"].get<double>());  // judged alone
  CHECK(c["significant"] == true);
  CHECK(c["too_small"] == false);
  CHECK(r["confidence"].get<double>() == 0.95);
  // The same groups as histograms give the same answer (scores 10, 8 and 3 here).
  json ha = json::array(), hb = json::array();
  for (int s = 0; s <= 10; ++s) {
    ha.push_back(s == 10 ? 50 : s == 8 ? 30 : s == 3 ? 20 : 0);
    hb.push_back(s == 10 ? 20 : s == 8 ? 30 : s == 3 ? 50 : 0);
  }
  const auto h = stats_query({{"compare", {{"a", {{"histogram", ha}}}, {"b", {{"histogram", hb}}}}}});
  CHECK(h["compare"] == c);
}

TEST_CASE("stats query: a small group is not judged", "[stats_query]") {
  const json small = {{"promoters", 20}, {"passives", 0}, {"detractors", 0}};  // n 20 < 30
  const auto r = stats_query({{"compare", {{"a", small}, {"b", kB}}}});
  CHECK(r["compare"]["too_small"] == true);
  CHECK(r["compare"]["significant"] == false);
  CHECK(r["compare"]["p_adjusted"].is_null());
}

TEST_CASE("stats query: sample size for a margin", "[stats_query]") {
  // Worst case (variance 1): 1.959964^2 / 0.05^2 - 3 = 1533.58 -> 1534.
  CHECK(stats_query({{"sampleSize", {{"margin", 5}}}})["sample_size"] == 1534);
  // At A's variance 0.6093411: 0.6093411 * 3.841459 / 0.0025 - 3 = 933.30 -> 934.
  CHECK(stats_query({{"sampleSize", {{"margin", 5}, {"expected", kA}}}})["sample_size"] == 934);
  // A 7.5-point margin: 0.6093411 * 3.841459 / 0.005625 - 3 = 413.13 -> 414.
  CHECK(stats_query({{"sampleSize", {{"margin", 7.5}, {"expected", kA}}}})["sample_size"] == 414);
}

TEST_CASE("stats query: errors name the field", "[stats_query]") {
  CHECK(stats_query(json::array())["error"] == "the statistics query must be an object");
  CHECK(stats_query({{"bogus", 1}})["error"] == "unknown statistics query field 'bogus'");
  CHECK(stats_query({{"confidence", 2}})["error"].get<std::string>().find("'confidence'") != std::string::npos);
  const auto neg = stats_query(json::parse(R"({"compare": {"a": {"promoters": -1, "passives": 0, "detractors": 0},
                                                            "b": {"promoters": 1, "passives": 0, "detractors": 0}}})"));
  CHECK(neg["error"].get<std::string>().find("'compare.a'") != std::string::npos);
  const auto missing_b = stats_query({{"compare", {{"a", kA}}}});
  CHECK(missing_b["error"].get<std::string>().find("'compare.b'") != std::string::npos);
  const auto short_hist = stats_query(json::parse(R"({"compare": {"a": {"histogram": [1, 2, 3]}, "b": {"histogram": [1, 2, 3]}}})"));
  CHECK(short_hist["error"].get<std::string>().find("'compare.a'") != std::string::npos);
  CHECK(stats_query({{"sampleSize", {{"margin", 0}}}})["error"].get<std::string>().find("'sampleSize.margin'") != std::string::npos);
  CHECK(stats_query({{"sampleSize", {{"margin", "5"}}}})["error"].get<std::string>().find("'sampleSize.margin'") != std::string::npos);
}
