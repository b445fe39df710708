#include "core/analysis/tally_builder.hpp"

namespace npskit {

void TallyBuilder::on_layout(const Layout& layout) {
  table_.segments.clear();
  for (int c : layout.segments) {
    const auto& name = layout.columns[static_cast<std::size_t>(c)].name;
    if (is_reserved_tallies_column(name)) error_ = "segment column '" + name + "' has a name the tallies format reserves";
    table_.segments.push_back(name);
  }
  dicts_.assign(table_.segments.size(), {});
  codes_.assign(table_.segments.size(), 0);
}

void TallyBuilder::on_row(const ResponseRow& row) {
  CodedKey key;
  if (row.has_day && table_.unit) key.period = period_start(row.day, *table_.unit);
  key.codes.resize(dicts_.size());
  for (std::size_t s = 0; s < dicts_.size(); ++s) key.codes[s] = dicts_[s].code(row.segments[s]);
  auto& g = at(key);
  if (row.score.status == ScoreStatus::blank) {
    ++g.blank;
    return;
  }
  g.scores.add(row.score.score);
  if (comments_)
    comments_->add(row.comment, row.score.score, row.has_day ? std::optional<std::int64_t>(row.day) : std::nullopt,
                   std::span<const std::uint32_t>(key.codes.data(), key.codes.size()));
}

void TallyBuilder::count_comments(text::ThemeDictionary themes) {
  text::CommentAnalyticsOptions options;
  options.period = table_.unit.value_or(Period::month);
  comments_ = std::make_unique<text::CommentAnalytics>(std::move(themes), options);
}

text::CommentReportContext TallyBuilder::comment_context() const {
  text::CommentReportContext context;
  context.segment_columns = table_.segments;
  context.segment_values = segment_values_text(dicts_);
  return context;
}

void TallyBuilder::on_rejection(Rejection) {
  CodedKey key;
  key.codes.resize(dicts_.size());
  for (std::size_t s = 0; s < dicts_.size(); ++s) key.codes[s] = dicts_[s].code("");
  ++at(key).rejected;
}

TallyTable TallyBuilder::table() const {
  TallyTable out;
  out.segments = table_.segments;
  out.unit = table_.unit;
  for (const auto& [key, counts] : groups_) {
    GroupKey k{key.period, {}};
    for (std::size_t s = 0; s < key.codes.size(); ++s) {
      const std::string_view v = dicts_[s].value(key.codes[s]);
      k.values.emplace_back(v == kBlankValue ? std::string_view{} : v);
    }
    k.values.resize(out.segments.size());  // a record rejected before the header was read
    out.groups[std::move(k)] += counts;
  }
  return out;
}

}  // namespace npskit
