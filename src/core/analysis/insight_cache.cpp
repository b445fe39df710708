#include "core/analysis/insight_cache.hpp"

#include "core/analysis/theme_choice.hpp"

namespace npskit {

text::CommentAnalyzer* InsightCache::analyzer_for(const nlohmann::json* themes, std::string& error) {
  if (analyzer_ && (themes ? themes_key_ && *themes_key_ == *themes : !themes_key_)) return analyzer_.get();
  auto dictionary = theme_choice(themes, error);
  if (!dictionary) return nullptr;
  analyzer_ = std::make_unique<text::CommentAnalyzer>(std::move(*dictionary));
  themes_key_ = themes ? std::optional<nlohmann::json>(*themes) : std::nullopt;
  label_.clear();
  themes_.clear();
  compound_.clear();
  return analyzer_.get();
}

bool InsightCache::rows_usable(std::size_t rows) {
  if (!analyzer_ || analyzer_->dictionary().size() > 64) return false;
  if (label_.size() != rows) {  // first use, or rows were added since
    label_.assign(rows, kUnknown);
    themes_.assign(rows, 0);
    compound_.assign(rows, 0.0);
  }
  return true;
}

void InsightCache::use_phrase(const std::string& phrase, std::size_t rows) {
  if (phrase_key_ != phrase || has_phrase_.size() != rows) {
    phrase_key_ = phrase;
    has_phrase_.assign(rows, -1);
  }
}

void InsightCache::remember(std::size_t row, const text::CommentInsight& insight) {
  if (insight.empty) {
    label_[row] = kNoWords;
    themes_[row] = 0;
    compound_[row] = 0;
    return;
  }
  std::uint64_t bits = 0;
  for (auto t : insight.themes) bits |= std::uint64_t{1} << t;
  label_[row] = static_cast<std::int8_t>(insight.sentiment.label);
  themes_[row] = bits;
  compound_[row] = insight.sentiment.compound;
}

}  // namespace npskit
