#pragma once
// What the session remembers of its comments between queries, so that paging
// through a theme's or a keyphrase's comments, or asking for the comments section
// again, does not re-tokenize every row: the comment analyzer of the theme JSON
// last used, and per row its sentiment label, compound, theme bits and whether
// it holds the keyphrase last filtered on. One job: answer "what is in row r's
// comment" from memory when it can. Everything is dropped when the themes
// change; the row arrays are re-sized (forgotten) when rows were added.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/text/comment_analytics.hpp"

namespace npskit {

class InsightCache {
 public:
  static constexpr std::int8_t kUnknown = -2, kNoWords = -1;  // label(): not analyzed yet / empty comment

  // The built-in themes merged with `themes` (null: none); kept while the JSON is
  // unchanged. Null, with `error` set, when the JSON is invalid.
  text::CommentAnalyzer* analyzer_for(const nlohmann::json* themes, std::string& error);

  // Per-row memory is usable when the dictionary has at most 64 themes (a bit
  // each); sized for `rows` rows. Call after analyzer_for.
  bool rows_usable(std::size_t rows);
  std::int8_t label(std::size_t row) const { return label_[row]; }
  std::uint64_t theme_bits(std::size_t row) const { return themes_[row]; }
  double compound(std::size_t row) const { return compound_[row]; }
  void remember(std::size_t row, const text::CommentInsight& insight);

  // Rows whose comment holds `phrase` (normalized): -1 not looked at yet, 0 no, 1 yes.
  // Tokenizing does not depend on the themes: kept until the phrase changes or rows are added.
  void use_phrase(const std::string& phrase, std::size_t rows);
  std::int8_t has_phrase(std::size_t row) const { return has_phrase_[row]; }
  void set_has_phrase(std::size_t row, bool yes) { has_phrase_[row] = yes ? 1 : 0; }

 private:
  std::optional<nlohmann::json> themes_key_;  // the themes of analyzer_ (nullopt: built-in only)
  std::unique_ptr<text::CommentAnalyzer> analyzer_;
  std::vector<std::int8_t> label_;
  std::vector<std::uint64_t> themes_;
  std::vector<double> compound_;
  std::string phrase_key_;
  std::vector<std::int8_t> has_phrase_;
};

}  // namespace npskit
