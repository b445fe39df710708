#include "core/text/keyphrases.hpp"

#include <algorithm>
#include <cmath>

#include "core/text/unicode.hpp"
#include "core/values/hash.hpp"
#include "core/values/utf8.hpp"

namespace npskit::text {

namespace {

constexpr std::string_view kNegators[] = {"no", "not", "never", "nothing", "without", "nicht", "nie", "kein", "keine",
                                          "ohne", "pas", "jamais", "sans", "aucun", "aucune", "nunca", "sin",
                                          "non", "mai", "senza", "não", "nao", "sem", "nem"};

bool is_content(const TokenList& tl, std::size_t i) {
  const Token& t = tl.tokens[i];
  if (t.kind == TokenKind::word) return !t.stop && count_code_points(tl.norm(t)) >= 2;
  if (t.kind == TokenKind::cjk) return !is_hiragana(decode_utf8(tl.norm(t), 0).cp);  // kana particles: no
  return false;
}

// A phrase's hash: FNV-1a over its tokens, each followed by a 0x1F separator
// (so "ab c" and "a bc" differ). These hashes are stored in partials
// (text/comment_partial.cpp): changing them breaks merging with older partials.
std::uint64_t mix(std::uint64_t h, std::string_view s) { return (fnv1a_64(s, h) ^ 0x1F) * kFnv1aPrime64; }

// " a b " contains " b "? (phrases are space-joined; CJK runs have no spaces, so a
// plain substring test is used for them)
bool overlaps(const std::string& a, const std::string& b) {
  const std::string& shorter = a.size() <= b.size() ? a : b;
  const std::string& longer = a.size() <= b.size() ? b : a;
  const std::string pad_long = " " + longer + " ";
  const std::string pad_short = " " + shorter + " ";
  if (pad_long.find(pad_short) != std::string::npos) return true;
  const bool spaced = shorter.find(' ') != std::string::npos || longer.find(' ') != std::string::npos;
  return !spaced && static_cast<unsigned char>(shorter[0]) >= 0xE3 && longer.find(shorter) != std::string::npos;
}

}  // namespace

bool is_negator(std::string_view folded) {
  return std::find(std::begin(kNegators), std::end(kNegators), folded) != std::end(kNegators);
}

bool KeyphraseCounter::add(const TokenList& tl, Category category) {
  const std::size_t n = tl.tokens.size();
  grams_.clear();
  for (std::size_t i = 0; i < n; ++i) {
    const Token& t = tl.tokens[i];
    if (t.kind == TokenKind::emoji) {
      grams_.push_back({mix(kFnv1aOffset64, tl.norm(t)), static_cast<std::uint32_t>(i << 2 | 1)});
      continue;
    }
    const bool content = is_content(tl, i);
    const bool neg = !content && t.kind == TokenKind::word && is_negator(tl.norm(t));
    if (!content && !neg) continue;
    std::uint64_t h = mix(kFnv1aOffset64, tl.norm(t));
    if (content) grams_.push_back({h, static_cast<std::uint32_t>(i << 2 | 1)});
    for (std::size_t len = 2; len <= 3 && i + len <= n; ++len) {
      const std::size_t k = i + len - 1;
      if (tl.tokens[k].after_break || !is_content(tl, k)) break;
      h = mix(h, tl.norm(k));
      grams_.push_back({h, static_cast<std::uint32_t>(i << 2 | len)});
    }
  }
  if (grams_.empty()) return false;
  std::sort(grams_.begin(), grams_.end());
  const auto c = static_cast<std::size_t>(category);
  ++comments_[c];
  std::uint64_t last = 0;
  bool first = true;
  for (const auto& [h, packed] : grams_) {
    if (!first && h == last) continue;
    first = false;
    last = h;
    auto [it, inserted] = entries_.try_emplace(h);
    if (inserted) {
      const std::size_t start = packed >> 2, len = packed & 3;
      std::string& p = it->second.phrase;
      for (std::size_t k = start; k < start + len; ++k) append_to_phrase(p, tl, k, k == start);
    }
    ++it->second.counts[c];
  }
  if (entries_.size() > max_entries_) prune();
  return true;
}

void KeyphraseCounter::prune() {
  while (entries_.size() > max_entries_ / 2) {
    ++prune_floor_;
    for (auto it = entries_.begin(); it != entries_.end();) {
      const auto& k = it->second.counts;
      if (std::uint64_t{k[0]} + k[1] + k[2] <= prune_floor_) it = entries_.erase(it);
      else ++it;
    }
  }
}

std::vector<KeyphraseStats> KeyphraseCounter::top(Order order, std::uint64_t min_count, std::size_t limit) const {
  const double a = 0.5;
  const double D = static_cast<double>(comments_[0]), P = static_cast<double>(comments_[2]);
  std::vector<KeyphraseStats> all;
  for (const auto& [h, e] : entries_) {
    KeyphraseStats s;
    s.by_category = {e.counts[0], e.counts[1], e.counts[2]};
    if (s.n() < min_count) continue;
    const double d = static_cast<double>(e.counts[0]), p = static_cast<double>(e.counts[2]);
    s.log_odds = std::log((d + a) / (D - d + a)) - std::log((p + a) / (P - p + a));
    s.z = s.log_odds / std::sqrt(1 / (d + a) + 1 / (D - d + a) + 1 / (p + a) + 1 / (P - p + a));
    if (order == Order::detractor && s.z <= 0) continue;
    if (order == Order::promoter && s.z >= 0) continue;
    s.phrase = e.phrase;
    all.push_back(std::move(s));
  }
  // Ties (a phrase and its words used by the same comments) go to the longer phrase.
  std::sort(all.begin(), all.end(), [order](const KeyphraseStats& x, const KeyphraseStats& y) {
    if (order == Order::detractor && std::fabs(x.z - y.z) > 1e-9) return x.z > y.z;
    if (order == Order::promoter && std::fabs(x.z - y.z) > 1e-9) return x.z < y.z;
    if (x.n() != y.n()) return x.n() > y.n();
    if (x.phrase.size() != y.phrase.size()) return x.phrase.size() > y.phrase.size();
    return x.phrase < y.phrase;
  });
  std::vector<KeyphraseStats> out;
  for (auto& s : all) {
    if (out.size() >= limit) break;
    bool skip = false;
    for (const auto& o : out) skip = skip || overlaps(o.phrase, s.phrase);
    if (!skip) out.push_back(std::move(s));
  }
  return out;
}

}  // namespace npskit::text
