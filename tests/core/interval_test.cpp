// Adjusted-Wald NPS intervals (DESIGN.md, Rocks 2016), checked against values
// worked out by hand from the formula:
//   n' = n + 3, p' = (P + 3/4)/n', d' = (D + 3/4)/n', nps' = p' - d',
//   var' = p' + d' - nps'^2, CI = nps' +/- z*sqrt(var'/n'), x100.
#include <catch2/catch.hpp>

#include "core/stats/interval.hpp"

using namespace npskit;

namespace {
// P promoters (score 10), A passives (score 8), D detractors (score 3).
Tally make(std::uint64_t P, std::uint64_t A, std::uint64_t D) {
  Tally t;
  if (P) t.add(10, P);
  if (A) t.add(8, A);
  if (D) t.add(3, D);
  return t;
}
}  // namespace

TEST_CASE("interval: z for the usual confidence levels", "[interval]") {
  // Table values of the two-sided normal quantile.
  CHECK(z_for_confidence(0.90) == Approx(1.6449).margin(5e-5));
  CHECK(z_for_confidence(0.95) == Approx(1.9600).margin(5e-5));
  CHECK(z_for_confidence(0.99) == Approx(2.5758).margin(5e-5));
  // More digits (Phi^-1(0.975) = 1.959963985...).
  CHECK(z_for_confidence(0.95) == Approx(1.959963985).margin(1e-8));
  // Monotone: a higher confidence needs a larger z.
  CHECK(z_for_confidence(0.80) < z_for_confidence(0.90));
  CHECK(z_for_confidence(0.999) > z_for_confidence(0.99));
}

TEST_CASE("interval: adjusted Wald components, 50 P / 30 A / 20 D", "[interval]") {
  // n = 100 -> n' = 103
  // p' = 50.75/103 = 0.4927184..., d' = 20.75/103 = 0.2014563...
  // nps' = 30/103 = 0.2912621...
  // var' = 0.4927184 + 0.2014563 - 0.2912621^2 = 0.6941748 - 0.0848336 = 0.6093411
  const auto w = adjusted_wald(make(50, 30, 20));
  CHECK(w.n_adj == Approx(103.0));
  CHECK(w.nps_adj == Approx(30.0 / 103.0));
  CHECK(w.nps_adj == Approx(0.2912621).margin(1e-7));
  CHECK(w.variance == Approx(0.6093411).margin(1e-7));
}

TEST_CASE("interval: CI at 90/95/99% for 50 P / 30 A / 20 D", "[interval]") {
  // se = sqrt(0.6093411/103) = sqrt(0.00591593) = 0.0769151
  const Tally t = make(50, 30, 20);
  CHECK(t.nps() == Approx(30.0));  // raw NPS: 50% - 20%
  SECTION("95%: half = 1.9600*0.0769151 = 0.150751 -> [29.126-15.075, 29.126+15.075]") {
    const auto i = nps_interval(t, 0.95);
    CHECK(i.low == Approx(14.05).margin(0.01));
    CHECK(i.high == Approx(44.20).margin(0.01));
    CHECK(i.margin == Approx(15.08).margin(0.01));
    // The interval is centred on the adjusted nps' (29.13), not on the raw 30.
    CHECK((i.low + i.high) / 2 == Approx(29.126).margin(0.001));
  }
  SECTION("90%: half = 1.6449*0.0769151 = 0.126518 -> [16.47, 41.78]") {
    const auto i = nps_interval(t, 0.90);
    CHECK(i.low == Approx(16.47).margin(0.01));
    CHECK(i.high == Approx(41.78).margin(0.01));
    CHECK(i.margin == Approx(12.65).margin(0.01));
  }
  SECTION("99%: half = 2.5758*0.0769151 = 0.198118 -> [9.31, 48.94]") {
    const auto i = nps_interval(t, 0.99);
    CHECK(i.low == Approx(9.31).margin(0.01));
    CHECK(i.high == Approx(48.94).margin(0.01));
    CHECK(i.margin == Approx(19.81).margin(0.01));
  }
  SECTION("the default confidence is 95%") {
    CHECK(nps_interval(t).low == nps_interval(t, 0.95).low);
    CHECK(nps_interval(t).high == nps_interval(t, 0.95).high);
  }
}

TEST_CASE("interval: small sample, 3 P / 1 A / 1 D", "[interval]") {
  // n' = 8, p' = 3.75/8 = 0.46875, d' = 1.75/8 = 0.21875, nps' = 0.25
  // var' = 0.6875 - 0.0625 = 0.625; se = sqrt(0.625/8) = 0.2795085
  // 95%: half = 1.96*0.2795085 = 0.547827 -> [-29.78, 79.78]
  const auto i = nps_interval(make(3, 1, 1), 0.95);
  CHECK(i.low == Approx(-29.78).margin(0.01));
  CHECK(i.high == Approx(79.78).margin(0.01));
  CHECK(i.margin == Approx(54.78).margin(0.01));
}

TEST_CASE("interval: empty tally is the prior only", "[interval]") {
  // n' = 3, p' = d' = 0.25, nps' = 0, var' = 0.5, se = sqrt(0.5/3) = 0.4082483
  // 95%: half = 0.800152 -> [-80.02, 80.02]
  const auto i = nps_interval(Tally{}, 0.95);
  CHECK(i.low == Approx(-80.02).margin(0.01));
  CHECK(i.high == Approx(80.02).margin(0.01));
}

TEST_CASE("interval: clamped to [-100, 100], margin is not clamped", "[interval]") {
  // All promoters, n = 10: n' = 13, p' = 10.75/13 = 0.8269231, d' = 0.75/13 = 0.0576923
  // nps' = 10/13 = 0.7692308, var' = 0.8846154 - 0.5917160 = 0.2928994
  // se = sqrt(0.2928994/13) = 0.1501024
  SECTION("99%: half = 2.5758*0.1501024 = 0.386638 -> [38.26, 115.59] -> high clamped to 100") {
    const auto i = nps_interval(make(10, 0, 0), 0.99);
    CHECK(i.low == Approx(38.26).margin(0.01));
    CHECK(i.high == 100.0);
    CHECK(i.margin == Approx(38.66).margin(0.01));
  }
  SECTION("all detractors, 95%: half = 1.96*0.1501024 = 0.294200 -> [-106.34, -47.50] -> low clamped") {
    const auto i = nps_interval(make(0, 0, 10), 0.95);
    CHECK(i.low == -100.0);
    CHECK(i.high == Approx(-47.50).margin(0.01));
    CHECK(i.margin == Approx(29.42).margin(0.01));
  }
}

TEST_CASE("interval: wider with confidence, narrower with n", "[interval]") {
  const Tally t = make(50, 30, 20);
  CHECK(nps_interval(t, 0.90).margin < nps_interval(t, 0.95).margin);
  CHECK(nps_interval(t, 0.95).margin < nps_interval(t, 0.99).margin);
  const Tally big = make(500, 300, 200);  // same shares, 10x the responses
  CHECK(nps_interval(big, 0.95).margin < nps_interval(t, 0.95).margin);
}

TEST_CASE("compare: a clear difference is significant", "[interval][compare]") {
  // a = 60/20/20: n' = 103, p' = 60.75/103, d' = 20.75/103, nps'a = 40/103 = 0.3883495
  //   var'a = 81.5/103 - 0.3883495^2 = 0.7912621 - 0.1508153 = 0.6404468
  // b = 30/30/40: p' = 30.75/103, d' = 40.75/103, nps'b = -10/103 = -0.0970874
  //   var'b = 71.5/103 - 0.0970874^2 = 0.6941748 - 0.0094260 = 0.6847488
  // se = sqrt(0.6404468/103 + 0.6847488/103) = sqrt(0.0128660) = 0.1134283
  // z = (0.3883495 + 0.0970874)/0.1134283 = 4.2797
  const auto d = compare(make(60, 20, 20), make(30, 30, 40), 0.95);
  CHECK(d.diff == Approx(50.0));  // raw NPS 40 - (-10)
  CHECK(d.z == Approx(4.2797).margin(1e-3));
  CHECK(d.significant);
  CHECK_FALSE(d.too_small);
  CHECK(compare(make(60, 20, 20), make(30, 30, 40), 0.99).significant);  // 4.28 > 2.5758
  // Antisymmetric.
  const auto r = compare(make(30, 30, 40), make(60, 20, 20), 0.95);
  CHECK(r.diff == Approx(-50.0));
  CHECK(r.z == Approx(-4.2797).margin(1e-3));
  CHECK(r.significant);
}

TEST_CASE("compare: the confidence level decides a borderline difference", "[interval][compare]") {
  // a = 45/30/25: nps'a = 20/103 = 0.1941748, var'a = 71.5/103 - 0.0377038 = 0.6564710
  // b = 35/30/35: nps'b = 0, var'b = 71.5/103 = 0.6941748
  // se = sqrt((0.6564710 + 0.6941748)/103) = sqrt(0.0131131) = 0.1145123
  // z = 0.1941748/0.1145123 = 1.6957: > 1.6449 (90%) but < 1.9600 (95%)
  const Tally a = make(45, 30, 25), b = make(35, 30, 35);
  const auto d90 = compare(a, b, 0.90), d95 = compare(a, b, 0.95);
  CHECK(d95.z == Approx(1.6957).margin(1e-3));
  CHECK(d95.diff == Approx(20.0));
  CHECK(d90.significant);
  CHECK_FALSE(d95.significant);
  CHECK_FALSE(compare(a, b, 0.99).significant);
  CHECK_FALSE(d90.too_small);
}

TEST_CASE("compare: groups under 30 are never significant", "[interval][compare]") {
  // a = 20/5/4 (n = 29): n' = 32, p' = 20.75/32, d' = 4.75/32, nps'a = 16/32 = 0.5,
  // var'a = 25.5/32 - 0.25 = 0.546875; against b = 30/30/40 (var'b = 0.6847488):
  // z = (0.5 + 0.0970874)/sqrt(0.546875/32 + 0.6847488/103) = 0.5970874/0.1540711 = 3.8754,
  // far beyond 1.96, but n = 29 < 30.
  const Tally small = make(20, 5, 4), b = make(30, 30, 40);
  REQUIRE(small.n() == 29);
  const auto d = compare(small, b, 0.95);
  CHECK(d.z == Approx(3.8754).margin(1e-3));
  CHECK(d.too_small);
  CHECK_FALSE(d.significant);
  // Either side being small is enough.
  CHECK(compare(b, small, 0.95).too_small);
  CHECK_FALSE(compare(b, small, 0.95).significant);
  // n = 30 exactly is large enough (the rule is n < 30).
  const Tally thirty = make(21, 5, 4);
  REQUIRE(thirty.n() == 30);
  CHECK_FALSE(compare(thirty, b, 0.95).too_small);
  CHECK(compare(thirty, b, 0.95).significant);
  CHECK(kMinGroupForSignificance == 30);
}

TEST_CASE("compare: equal groups do not differ", "[interval][compare]") {
  const auto d = compare(make(40, 30, 30), make(40, 30, 30), 0.95);
  CHECK(d.diff == 0.0);
  CHECK(d.z == 0.0);
  CHECK_FALSE(d.significant);
  // Two empty groups: no division by zero, nothing significant.
  const auto e = compare(Tally{}, Tally{}, 0.95);
  CHECK(e.z == 0.0);
  CHECK(e.too_small);
  CHECK_FALSE(e.significant);
}

TEST_CASE("sample_size_for_margin: n = var*z^2/d^2 - 3", "[interval][sample]") {
  // Worst case var = 1: 1.959964^2 / 0.05^2 - 3 = 3.841459/0.0025 - 3 = 1533.58 -> 1534
  CHECK(sample_size_for_margin(5.0, 0.95) == 1534);
  // 10 points: 3.841459/0.01 - 3 = 381.15 -> 382
  CHECK(sample_size_for_margin(10.0, 0.95) == 382);
  // 90%, 5 points: 1.644854^2/0.0025 - 3 = 2.705543/0.0025 - 3 = 1079.22 -> 1080
  CHECK(sample_size_for_margin(5.0, 0.90) == 1080);
  // 99%, 3 points: 2.575829^2/0.0009 - 3 = 6.634897/0.0009 - 3 = 7369.11 -> 7370
  CHECK(sample_size_for_margin(3.0, 0.99) == 7370);
  // With an expected distribution 50/30/20: var' = 0.6093411 (above)
  //   0.6093411*3.841459/0.0025 - 3 = 936.30 - 3 = 933.30 -> 934
  CHECK(sample_size_for_margin(5.0, 0.95, make(50, 30, 20)) == 934);
  // Smaller variance -> fewer responses needed than the worst case.
  CHECK(sample_size_for_margin(5.0, 0.95, make(50, 30, 20)) < sample_size_for_margin(5.0, 0.95));
  // A margin of 0 or less cannot be reached: 0 by contract.
  CHECK(sample_size_for_margin(0.0, 0.95) == 0);
  CHECK(sample_size_for_margin(-1.0, 0.95) == 0);
  // A huge margin needs nothing beyond the prior: 3.84/1 - 3 = 0.84 -> 1; 200 points -> 0.
  CHECK(sample_size_for_margin(100.0, 0.95) == 1);
  CHECK(sample_size_for_margin(200.0, 0.95) == 0);
}

TEST_CASE("sample_size_for_margin: achieving the planned n gives the planned margin", "[interval][sample]") {
  // Round trip: plan for 5 points with the 50/30/20 mix, then measure that many
  // responses in the same mix: the margin is at most 5 points (up to rounding).
  const auto n = sample_size_for_margin(5.0, 0.95, make(50, 30, 20));
  // n = 934: 467 P / 280 A / 187 D keeps roughly 50/30/20.
  const Tally planned = make(n / 2, n * 3 / 10, n - n / 2 - n * 3 / 10);
  REQUIRE(planned.n() == n);
  CHECK(nps_interval(planned, 0.95).margin <= 5.05);
  CHECK(nps_interval(planned, 0.95).margin >= 4.8);
}
