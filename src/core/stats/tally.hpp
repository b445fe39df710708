#pragma once
// A Tally counts answers per score 0..10. Everything NPS-shaped derives from it,
// and tallies merge by addition: a segment, a period, a file and a whole export
// are the same object at different sizes.
#include <array>
#include <cstdint>

namespace npskit {

enum class Category { detractor, passive, promoter };

constexpr Category category_of(int score) {
  return score >= 9 ? Category::promoter : score >= 7 ? Category::passive : Category::detractor;
}

struct Tally {
  std::array<std::uint64_t, 11> counts{};

  void add(int score, std::uint64_t times = 1) { counts[static_cast<std::size_t>(score)] += times; }

  Tally& operator+=(const Tally& other) {
    for (std::size_t i = 0; i < counts.size(); ++i) counts[i] += other.counts[i];
    return *this;
  }
  friend Tally operator+(Tally a, const Tally& b) { return a += b; }
  // The complement within a whole ("the rest" of a segment): whole - part.
  friend Tally operator-(Tally a, const Tally& b) {
    for (std::size_t i = 0; i < a.counts.size(); ++i) a.counts[i] -= b.counts[i];
    return a;
  }
  friend bool operator==(const Tally&, const Tally&) = default;

  std::uint64_t n() const;
  std::uint64_t promoters() const;
  std::uint64_t passives() const;
  std::uint64_t detractors() const;
  // NPS = %promoters - %detractors, in [-100, 100]; 0 for an empty tally.
  double nps() const;
};

}  // namespace npskit
