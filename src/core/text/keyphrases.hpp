#pragma once
// Automatic keyphrases (RAKE-like): candidate phrases are the runs of content words
// between stop words, punctuation, numbers, URLs and emoji; every 1-, 2- and 3-gram
// inside a run is counted once per comment, by the commenter's NPS category. A
// negation word (not, no, never, nicht, kein, pas, nunca, non, ...) may start a 2- or
// 3-gram ("not working", "never arrived") though it is a stop word. An emoji is a
// unigram of its own.
//
// Ranking: how distinctive a phrase is of detractors vs promoters, as a log-odds
// ratio with a 0.5 prior on each cell and its z-score (Monroe, Colaresi & Quinn 2008,
// "Fightin' Words", uninformative-prior variant):
//   delta = ln((d+a)/(D-d+a)) - ln((p+a)/(P-p+a)),
//   var   = 1/(d+a) + 1/(D-d+a) + 1/(p+a) + 1/(P-p+a),   z = delta / sqrt(var),
// where d, p = detractor / promoter comments using the phrase and D, P = all
// detractor / promoter comments. Phrases used fewer than min_count times are left out.
//
// Memory is bounded: past max_entries distinct phrases the rarest are pruned (all
// with total <= a rising floor, until half the room is free). A pruned phrase that
// comes back starts again from zero, so counts are lower bounds once pruning ran
// (reported as "pruned" and "prune_floor").
#include <array>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/stats/tally.hpp"
#include "core/text/tokenizer.hpp"

namespace npskit::text {

struct KeyphraseStats {
  std::string phrase;
  std::array<std::uint64_t, 3> by_category{};  // detractor, passive, promoter (Category order)
  std::uint64_t n() const { return by_category[0] + by_category[1] + by_category[2]; }
  double log_odds = 0;  // > 0: detractor-leaning
  double z = 0;
};

class KeyphraseCounter {
 public:
  explicit KeyphraseCounter(std::size_t max_entries = 50000) : max_entries_(max_entries) {}
  // Counts the n-grams of one comment; returns false when it has none.
  bool add(const TokenList& tokens, Category category);

  enum class Order { detractor, promoter, frequent };
  // The top phrases: by z (detractor: highest; promoter: lowest) or by count;
  // a phrase inside, or containing, one listed before it is skipped.
  std::vector<KeyphraseStats> top(Order order, std::uint64_t min_count, std::size_t limit) const;

  std::size_t distinct() const { return entries_.size(); }
  bool pruned() const { return prune_floor_ > 0; }
  std::uint64_t prune_floor() const { return prune_floor_; }
  // Comments with at least one phrase, per category.
  const std::array<std::uint64_t, 3>& comments() const { return comments_; }

  // Partials (text/comment_partial.cpp): counts go out with their hash and come
  // back in by addition; ranking happens only after the merge (top()).
  template <class F>
  void each_entry(F f) const {
    for (const auto& [hash, e] : entries_) f(hash, e.phrase, e.counts);
  }
  void merge_entry(std::uint64_t hash, const std::string& phrase, const std::array<std::uint32_t, 3>& counts);
  // Adds another counter's comment totals; its prune floor (if it pruned) carries over.
  void merge_totals(const std::array<std::uint64_t, 3>& comments, std::uint64_t prune_floor);

 private:
  struct Entry {
    std::string phrase;
    std::array<std::uint32_t, 3> counts{};
  };
  void prune();
  std::size_t max_entries_;
  std::uint64_t prune_floor_ = 0;
  std::array<std::uint64_t, 3> comments_{};
  std::unordered_map<std::uint64_t, Entry> entries_;
  std::vector<std::uint64_t> seen_;
  std::vector<std::pair<std::uint64_t, std::uint32_t>> grams_;  // hash, packed (start, len)
};

// Is this normalized word a negation that may start a keyphrase?
bool is_negator(std::string_view folded);

}  // namespace npskit::text
