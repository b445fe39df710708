#include "core/analysis/stream_analysis.hpp"

#include "core/analysis/theme_choice.hpp"

#include "core/values/trim.hpp"

namespace npskit {

int segment_position(const Layout& layout, const std::string& column) {
  for (std::size_t s = 0; s < layout.segments.size(); ++s)
    if (layout.columns[static_cast<std::size_t>(layout.segments[s])].name == column) return static_cast<int>(s);
  return -1;
}

namespace {
std::string segment_names(const Layout& layout) {
  std::string out;
  for (int c : layout.segments) out += (out.empty() ? "'" : ", '") + layout.columns[static_cast<std::size_t>(c)].name + "'";
  return out.empty() ? "none" : out;
}
}  // namespace

void StreamAnalysis::on_layout(const Layout& layout) {
  dicts_.assign(layout.segments.size(), {});
  codes_.assign(layout.segments.size(), 0);
  acc_ = Accumulator(layout.segments.size());
  if (layout.date >= 0) date_column_ = layout.columns[static_cast<std::size_t>(layout.date)].name;
  // The one row filter (store/row_filter.hpp), as the session compiles it.
  FilterColumns columns;
  for (int c : layout.segments) columns.segments.push_back(layout.columns[static_cast<std::size_t>(c)].name);
  auto person = [&](int index, PersonField field) {
    if (index >= 0) columns.person.emplace_back(layout.columns[static_cast<std::size_t>(index)].name, field);
  };
  person(layout.id, PersonField::id);
  person(layout.email, PersonField::email);
  person(layout.name, PersonField::name);
  auto problem = filter_.compile_streaming(options_.filters, columns, dicts_);
  no_filter_ = filter_.empty();
  if (!problem.empty()) {
    error_ = std::move(problem);
    return;
  }
  if (options_.comments) {
    auto themes = theme_choice(options_.themes ? &*options_.themes : nullptr, error_);
    if (!themes) return;
    text::CommentAnalyticsOptions comment_options;
    comment_options.period = options_.period;
    comments_ = std::make_unique<text::CommentAnalytics>(std::move(*themes), comment_options);
  }
  if (options_.cross) {
    acc_.cross_a = segment_position(layout, options_.cross->first);
    acc_.cross_b = segment_position(layout, options_.cross->second);
    if (acc_.cross_a < 0 || acc_.cross_b < 0) {
      error_ = "cross columns must be segment columns (segments: " + segment_names(layout) + ")";
      acc_.cross_a = acc_.cross_b = -1;
    }
  }
}

void StreamAnalysis::on_rejection(Rejection rejection) {
  ++counts_.read;
  ++counts_.rejected;
  if (rejections_.size() < options_.max_rejections) {
    if (rejection.column.size() > kMaxColumnInRejection)  // a header cell may be 1 MB: listed thousands of times
      rejection.column = utf8_prefix(rejection.column, kMaxColumnInRejection) + "…";
    rejections_.push_back(std::move(rejection));
  }
}

void StreamAnalysis::on_row(const ResponseRow& row) {
  ++counts_.read;
  if (row.score.status == ScoreStatus::blank) {
    ++counts_.blank_score;
    return;
  }
  // Local pointers: the compiler cannot keep the vectors' sizes in registers
  // across the dictionary calls otherwise (this loop runs for every cell).
  std::uint32_t* const codes = codes_.data();
  SegmentDictionary* const dicts = dicts_.data();
  const std::size_t columns = dicts_.size();
  for (std::size_t s = 0; s < columns; ++s) codes[s] = dicts[s].code(row.segments[s]);
  const bool keep = no_filter_ ||
                    filter_.keeps(
                        row.has_day, row.day, [&](std::size_t s) { return codes[s]; },
                        [&](PersonField f) { return f == PersonField::id ? row.id : f == PersonField::email ? row.email : row.name; });
  if (!keep) {
    ++counts_.filtered_out;
    return;
  }
  ++counts_.valid;
  if (row.date_unreadable) {
    // docs/report.md: date_missing counts empty and unreadable dates alike;
    // date_unreadable is the part of it whose cell held something else.
    ++counts_.date_missing;
    ++counts_.date_unreadable;
    if (warnings_.size() < options_.max_rejections)
      warnings_.push_back({row.line, utf8_prefix(date_column_, kMaxColumnInRejection), utf8_prefix(row.date_text, kMaxColumnInRejection),
                           kUnreadableDateReason});
  }
  else if (!row.has_day) ++counts_.date_missing;
  acc_.add(row.score.score, codes, row.has_day, row.day);
  if (comments_)
    comments_->add(row.comment, row.score.score, row.has_day ? std::optional<std::int64_t>(row.day) : std::nullopt,
                   std::span<const std::uint32_t>(codes, columns));
}

}  // namespace npskit
