#pragma once
// Themes: named sets of words and phrases ("terms") matched on comment tokens.
//
// Matching (ThemeMatcher), per word of a term, on diacritic-free case-folded keys:
//   - exact after light stemming (delays/delayed/delaying -> delay; prices/pricing ->
//     pric; Lieferungen -> lieferung): English/Romance plural and -ing/-ed endings,
//     German -en, a final -e; ASCII keys of 4+ letters only;
//   - a term word ending in '*' is a prefix: "deliver*" matches delivery, delivered;
//     "liefer*" matches Lieferzeit (German compounds);
//   - misspellings: when nothing matched exactly, a token of 6+ letters within one edit
//     (insert, delete, substitute, swap adjacent) of a term word of 6+ letters with the
//     same first letter ("delivry", "custommer"), unless the token is a VADER lexicon
//     word, a stop word, or in a short list of real words one edit from a term
//     (shopping/shipping, change/charge);
//   - multi-word terms ("customer service", "money back", "配送" = 配 送) match
//     consecutive tokens without punctuation between them.
// Negation does not matter: "not fast" is still a mention; sentiment carries polarity.
//
// JSON (load, extend, edit): {"themes": [{"name": "delivery", "label": "Delivery / shipping",
//   "terms": ["deliver*", "shipping", ...], "replace": false, "remove": false}]}
// merged into a dictionary: a known name gets the terms added (replaced with
// "replace": true; the theme dropped with "remove": true; relabelled by "label"),
// a new name is appended. {"replace_all": true, "themes": [...]} starts from empty.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/text/tokenizer.hpp"

namespace npskit::text {

struct Theme {
  std::string name;   // the key ("delivery")
  std::string label;  // for display ("Delivery / shipping")
  std::vector<std::string> terms;
};

class ThemeDictionary {
 public:
  ThemeDictionary() = default;
  // The built-in customer-experience topics (English, with German, French, Spanish,
  // some Portuguese/Italian, and a few CJK/Hindi/Arabic terms): delivery, support,
  // price, quality, checkout, usability, billing, returns, after-sales.
  static ThemeDictionary builtin();

  // Merges a JSON document (see above). Returns an error message; empty on success
  // (on error the dictionary is unchanged). Limits (the JSON is untrusted config):
  // at most kMaxThemes themes and kMaxTerms terms in all, each term kMaxTermBytes.
  static constexpr std::size_t kMaxThemes = 1000, kMaxTerms = 10000, kMaxTermBytes = 256;
  std::string merge_json(std::string_view json_text);
  std::string merge(const nlohmann::json& doc);
  nlohmann::ordered_json to_json() const;

  void add(Theme theme);  // appends, or adds the terms to the theme of that name
  const std::vector<Theme>& themes() const { return themes_; }
  std::size_t size() const { return themes_.size(); }
  std::optional<std::size_t> find(std::string_view name) const;

 private:
  std::vector<Theme> themes_;
};

struct ThemeMatch {
  std::uint32_t theme;                   // index in the dictionary
  std::uint32_t first_token, last_token; // token range (inclusive)
  std::uint32_t begin, end;              // byte span in the comment, for highlighting
};

// Light stemmer used by the matcher (exposed for tests).
std::string stem_key(std::string_view key);
// Damerau (optimal string alignment) distance <= 1.
bool within_one_edit(std::string_view a, std::string_view b);

class ThemeMatcher {
 public:
  explicit ThemeMatcher(const ThemeDictionary& dictionary);
  // Appends the matches in `tokens` to `out`, ordered by first token then theme.
  void match(const TokenList& tokens, std::vector<ThemeMatch>& out);
  std::size_t theme_count() const { return theme_count_; }

 private:
  struct Word { std::string key; bool prefix; };
  struct Term { std::uint32_t theme; std::vector<std::uint32_t> words; };
  const std::vector<std::uint32_t>& word_ids(const Token& t, std::string_view norm);
  void compute_ids(std::string_view key, bool latin, std::vector<std::uint32_t>& ids) const;
  std::uint32_t intern(std::string key, bool prefix);
  std::unordered_map<std::string, std::uint32_t> word_ids_[2];  // [prefix] key -> word id

  std::size_t theme_count_ = 0;
  std::vector<Word> words_;
  std::vector<Term> terms_;
  std::vector<std::vector<std::uint32_t>> terms_by_first_;  // word id -> term ids
  std::unordered_map<std::string, std::vector<std::uint32_t>> exact_;  // stem -> word ids
  std::vector<std::uint32_t> prefixes_;                     // word ids of prefix words
  std::vector<std::uint32_t> fuzzy_exact_;                  // ASCII non-prefix words of 6+ letters
  std::unordered_map<std::string, std::vector<std::uint32_t>> cache_;  // token key -> word ids
  std::vector<std::vector<std::uint32_t>> per_token_;
  std::vector<std::uint8_t> inside_;  // match() scratch: which matches lie inside a longer one
  std::string key_buf_;
};

}  // namespace npskit::text
