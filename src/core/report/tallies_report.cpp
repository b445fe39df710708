#include "core/report/tallies_report.hpp"

#include "core/report/comments_json.hpp"
#include "core/analysis/theme_choice.hpp"

#include <algorithm>

#include "core/analysis/accumulator.hpp"
#include "core/store/segment_dictionary.hpp"
#include "core/report/report_json.hpp"
#include "core/text/comment_analytics.hpp"

namespace npskit {

using ojson = nlohmann::ordered_json;

namespace {
// Can tallies by `have` be rolled up into periods of `want`? (Each `have` period
// must lie inside one `want` period.)
bool rolls_up(Period have, Period want) {
  if (have == want || have == Period::day) return true;
  return have == Period::month && want == Period::quarter;
}

std::int64_t period_last_day(std::int64_t start, Period unit) {
  // The day before the next period begins: step past the end and take its start.
  std::int64_t probe = start;
  switch (unit) {
    case Period::day: return start;
    case Period::week: return start + 6;
    case Period::month: probe = start + 31; break;
    case Period::quarter: probe = start + 92; break;
  }
  return period_start(probe, unit) - 1;
}
}  // namespace

MergedComments add_comment_partials(const std::vector<ojson>& partials, const TallyTable& table,
                                   const ReportOptions& options) {
  MergedComments out;
  auto themes = theme_choice(options.themes ? &*options.themes : nullptr, out.problem);
  if (!themes) return out;
  text::CommentAnalyticsOptions comment_options;
  comment_options.period = table.unit.value_or(Period::month);
  out.analytics = std::make_unique<text::CommentAnalytics>(std::move(*themes), comment_options);
  std::vector<std::vector<std::string>> values;
  for (const auto& p : partials) {
    out.problem = out.analytics->merge_partial(p, table.segments, values);
    if (!out.problem.empty()) {
      if (out.problem.find("themes") != std::string::npos) out.problem += " (give the --themes the parts were counted with)";
      out.analytics.reset();
      return out;
    }
  }
  out.context.confidence = options.confidence;
  out.context.segment_columns = table.segments;
  out.context.segment_values = std::move(values);
  out.context.segment_values.resize(table.segments.size());
  return out;
}

ojson tallies_report(const TallyTable& table, const ReportOptions& asked, const TalliesSource& src) {
  ReportOptions opt = asked;
  if (!asked.period_given && table.unit) opt.period = *table.unit;
  if (table.unit && !rolls_up(*table.unit, opt.period))
    return {{"error", "these tallies are by " + unit_name(table.unit) + ": a trend by " + std::string(period_name(opt.period)) +
                          " needs tallies by day" + (opt.period == Period::quarter ? " or month" : "") +
                          " (npskit tally --by " + std::string(period_name(opt.period)) + ",...)"}};
  const auto& names = table.segments;
  auto position = [&](const std::string& column) {
    auto it = std::find(names.begin(), names.end(), column);
    return it == names.end() ? -1 : static_cast<int>(it - names.begin());
  };
  std::string listed;
  for (const auto& n : names) listed += (listed.empty() ? "'" : ", '") + n + "'";
  if (listed.empty()) listed = "none";
  for (const auto& f : opt.filters.where)
    if (position(f.column) < 0)
      return {{"error", "filter column '" + f.column + "' is not a column of these tallies (columns: " + listed + ")"}};

  // The columns the report names: segments only (the tallies do not say which
  // score or date columns they came from).
  ColumnsByRole columns;
  columns.segments = names;
  Accumulator acc(names.size());
  if (opt.cross) {
    acc.cross_a = position(opt.cross->first);
    acc.cross_b = position(opt.cross->second);
    if (acc.cross_a < 0 || acc.cross_b < 0)
      return {{"error", "cross columns must be columns of these tallies (columns: " + listed + ")"}};
  }
  std::vector<SegmentDictionary> dicts(names.size());
  // Segment conditions: the one RowFilter (store/row_filter.hpp) over the groups'
  // values; the dates are judged below, whole periods at a time.
  RowFilter filter;
  FilterColumns filter_columns;
  filter_columns.segments = names;
  Filters segment_conditions;
  segment_conditions.where = opt.filters.where;
  filter.compile_streaming(segment_conditions, filter_columns, dicts);  // every column was checked above
  RowCounts counts;
  std::vector<std::uint32_t> codes(names.size());
  const auto& F = opt.filters;
  for (const auto& [key, g] : table.groups) {
    const auto n = g.scores.n();
    counts.blank_score += g.blank;
    counts.rejected += g.rejected;
    for (std::size_t s = 0; s < names.size(); ++s) codes[s] = dicts[s].code(key.values[s]);
    bool keep = true;
    if (F.from_day || F.to_day) {
      if (!key.period) {
        keep = false;
      } else {
        const auto first = *key.period, last = period_last_day(first, *table.unit);
        const bool inside = (!F.from_day || first >= *F.from_day) && (!F.to_day || last <= *F.to_day);
        const bool outside = (F.from_day && last < *F.from_day) || (F.to_day && first > *F.to_day);
        if (!inside && !outside)
          return {{"error", "--from/--to cut through the " + unit_name(table.unit) + " starting " +
                                period_label(first, Period::day) + ": tallies hold whole periods, so give dates on period boundaries"}};
        keep = inside;
      }
    }
    if (keep && !filter.keeps(
                    false, 0, [&](std::size_t s) { return codes[s]; }, [](PersonField) { return std::string_view(); }))
      keep = false;
    if (!keep) {
      counts.filtered_out += n;
      continue;
    }
    counts.valid += n;
    if (!key.period) counts.date_missing += n;
    if (n == 0) continue;
    // The same cells Accumulator::add fills per row, once per group.
    acc.add(g.scores, codes.data(), key.period.has_value(), key.period.value_or(0));
  }
  counts.read = counts.valid + counts.blank_score + counts.rejected + counts.filtered_out;

  SourceInfo source;
  const std::vector<Rejection> none;
  opt.comments = false;  // no comment text in tallies: said below, never an empty analysis
  auto report = build_report({source, columns, opt, counts, none, none, acc, dicts, nullptr});
  report["source"] = {{"format", "tallies"},
                      {"version", kTalliesVersion},
                      {"files", src.files},
                      {"lines", src.lines},
                      {"groups", table.groups.size()},
                      {"period_unit", unit_name(table.unit)}};
  // The report builder knows no date column here: the tallies' periods are the dates.
  // With no period (period_unit none) the remedy is the tallies', not a column pick.
  for (auto& notice : report["notices"]) {
    if (notice["code"] != "no_date_column") continue;
    notice["message"] = "These tallies have no period (period_unit none), so there is no trend over time: make them "
                        "with a period first, e.g. npskit tally FILE --by month,...";
    notice["fix"] = nullptr;
  }
  if (table.unit) {
    auto& notices = report["notices"];
    for (auto it = notices.begin(); it != notices.end();)
      it = (*it)["code"] == "no_date_column" ? notices.erase(it) : it + 1;
  }
  // Unknown for tallies (the engine saw the cells, npskit did not): null, not 0.
  report["rows"]["date_unreadable"] = nullptr;
  report["rejections_listed"] = 0;
  report["not_available"] = {
      {"reason", kNotAvailableForTallies},
      {"features", {"comments", "close_the_loop", "latest_per_person", "rejections", "warnings"}}};
  const std::size_t with_comments = src.comment_partials ? src.comment_partials->size() : 0;
  if (with_comments > 0 && with_comments == src.files) {
    auto merged = add_comment_partials(*src.comment_partials, table, asked);
    if (!merged.problem.empty()) return {{"error", merged.problem}};
    report["comments"] = comments_json(*merged.analytics, merged.context);
    auto& features = report["not_available"]["features"];
    features.erase(features.begin());  // comments are available: counted by each part
  } else if (with_comments > 0) {
    report["comments"] = {{"available", false},
                          {"reason", std::to_string(src.files - with_comments) + " of " + std::to_string(src.files) +
                                         " files carry no comment counts (make every part with npskit tally --comments)"}};
  } else if (asked.comments) {
    report["comments"] = {{"available", false}, {"reason", kNotAvailableForTallies}};
  }
  return report;
}

}  // namespace npskit
