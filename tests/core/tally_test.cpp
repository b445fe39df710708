// Tally: the algebra every NPS figure rests on (DESIGN.md "The central data type").
#include <catch2/catch.hpp>

#include <initializer_list>

#include "core/stats/tally.hpp"

using npskit::Category;
using npskit::category_of;
using npskit::Tally;

namespace {
Tally tally_of(std::initializer_list<int> scores) {
  Tally t;
  for (int s : scores) t.add(s);
  return t;
}
}  // namespace

TEST_CASE("tally: category boundaries 6/7 and 8/9", "[tally]") {
  for (int s = 0; s <= 6; ++s) CHECK(category_of(s) == Category::detractor);
  CHECK(category_of(6) == Category::detractor);
  CHECK(category_of(7) == Category::passive);
  CHECK(category_of(8) == Category::passive);
  CHECK(category_of(9) == Category::promoter);
  CHECK(category_of(10) == Category::promoter);
  // The same boundaries through the counts.
  const Tally t = tally_of({6, 7, 8, 9});
  CHECK(t.detractors() == 1);
  CHECK(t.passives() == 2);
  CHECK(t.promoters() == 1);
}

TEST_CASE("tally: every score lands in exactly one category", "[tally]") {
  for (int s = 0; s <= 10; ++s) {
    const Tally t = tally_of({s});
    CHECK(t.n() == 1);
    CHECK(t.promoters() + t.passives() + t.detractors() == 1);
    CHECK(t.counts[static_cast<std::size_t>(s)] == 1);
  }
}

TEST_CASE("tally: empty tally", "[tally]") {
  const Tally t;
  CHECK(t.n() == 0);
  CHECK(t.promoters() == 0);
  CHECK(t.passives() == 0);
  CHECK(t.detractors() == 0);
  CHECK(t.nps() == 0.0);  // documented: 0 for an empty tally (no division by zero)
}

TEST_CASE("tally: NPS = %promoters - %detractors", "[tally]") {
  // 3 promoters, 1 passive, 1 detractor of 5: 60% - 20% = 40.
  CHECK(tally_of({10, 9, 9, 7, 0}).nps() == Approx(40.0));
  // 1 promoter, 2 detractors of 4: 25% - 50% = -25.
  CHECK(tally_of({9, 6, 3, 8}).nps() == Approx(-25.0));
  // Passives only: 0.
  CHECK(tally_of({7, 8, 7}).nps() == Approx(0.0));
  // 2 of 3 promoters, 1 detractor: 66.67 - 33.33 = 33.33...
  CHECK(tally_of({9, 10, 5}).nps() == Approx(100.0 / 3.0));
}

TEST_CASE("tally: NPS range is -100..100 and reached at the extremes", "[tally]") {
  Tally all_promoters, all_detractors;
  all_promoters.add(10, 500);
  all_promoters.add(9, 3);
  all_detractors.add(0, 7);
  all_detractors.add(6, 1);
  CHECK(all_promoters.nps() == Approx(100.0));
  CHECK(all_detractors.nps() == Approx(-100.0));
  // Every single-score tally and a sweep of two-score mixes stay in range.
  for (int a = 0; a <= 10; ++a)
    for (int b = 0; b <= 10; ++b)
      for (std::uint64_t k = 0; k <= 5; ++k) {
        Tally t;
        t.add(a, k + 1);
        t.add(b, 3);
        CHECK(t.nps() >= -100.0);
        CHECK(t.nps() <= 100.0);
      }
}

TEST_CASE("tally: add with a count equals repeated adds", "[tally]") {
  Tally a, b;
  a.add(8, 4);
  for (int i = 0; i < 4; ++i) b.add(8);
  CHECK(a == b);
  CHECK(a.n() == 4);
}

TEST_CASE("tally: merge laws", "[tally]") {
  const Tally a = tally_of({0, 3, 9, 10, 10, 7});
  const Tally b = tally_of({8, 8, 6, 1});
  const Tally c = tally_of({5, 9, 2, 10, 4, 4, 4});
  const Tally zero;

  SECTION("identity") {
    CHECK(a + zero == a);
    CHECK(zero + a == a);
    CHECK(a - zero == a);
  }
  SECTION("commutative") { CHECK(a + b == b + a); }
  SECTION("associative") { CHECK((a + b) + c == a + (b + c)); }
  SECTION("a + b - b == a (the rest of a segment)") {
    CHECK((a + b) - b == a);
    CHECK((a + b) - a == b);
    CHECK(a - a == zero);
  }
  SECTION("counts add up, per score and per category") {
    const Tally s = a + b + c;
    CHECK(s.n() == a.n() + b.n() + c.n());
    CHECK(s.n() == 17);
    CHECK(s.promoters() == a.promoters() + b.promoters() + c.promoters());
    CHECK(s.passives() == a.passives() + b.passives() + c.passives());
    CHECK(s.detractors() == a.detractors() + b.detractors() + c.detractors());
    for (std::size_t i = 0; i < 11; ++i) CHECK(s.counts[i] == a.counts[i] + b.counts[i] + c.counts[i]);
  }
  SECTION("+= agrees with +") {
    Tally x = a;
    x += b;
    CHECK(x == a + b);
  }
  SECTION("NPS of a merge is the n-weighted mean of the parts' NPS") {
    const double weighted = (a.nps() * static_cast<double>(a.n()) + b.nps() * static_cast<double>(b.n())) /
                            static_cast<double>(a.n() + b.n());
    CHECK((a + b).nps() == Approx(weighted));
  }
}
