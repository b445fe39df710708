#include "core/report/session.hpp"

#include <algorithm>

#include "core/report/comments_json.hpp"
#include "core/analysis/comment_spans.hpp"
#include "core/report/report_json.hpp"
#include "core/report/session_info.hpp"
#include "core/report/tallies_report.hpp"
#include "core/values/rounding.hpp"

namespace npskit {

using ojson = nlohmann::ordered_json;
using nlohmann::json;

ojson Session::tallies_report_for(const SessionQuery& q, bool comments) const {
  // Needs the rows: said, never answered with the tallies' numbers as if it were done.
  if (q.latest_per_person) return {{"error", std::string("latest response per person: ") + kNotAvailableForTallies}};
  std::uint64_t lines = 0;
  for (auto n : tallies_lines()) lines += n;
  ReportOptions options = q.report;
  options.comments = comments;
  return tallies_report(tallies().table(), options, {tallies().files(), lines, &tallies().comment_partials()});
}

ojson Session::report(const json& query) const {
  SessionQuery q;
  if (auto problem = read_session_query(query, q); !problem.empty()) return {{"error", problem}};
  if (tallies_mode()) return tallies_report_for(q, false);
  const auto t = tally(q);
  if (!t.error.empty()) return {{"error", t.error}};
  auto columns = merged_roles(store());
  if (!columns.score) columns.score = "";  // an empty session has always named its score column "" (not null)
  static const SourceInfo no_source;
  return build_report({sources().empty() ? no_source : sources().front(), columns, q.report, t.counts, t.rejections,
                       t.warnings, t.tallies, store().dictionaries});
}

ojson Session::rows(const json& query) const {
  SessionQuery q;
  if (auto problem = read_session_query(query, q); !problem.empty()) return {{"error", problem}};
  return rows_for(q);
}

ojson Session::rows_for(const SessionQuery& q, std::vector<std::int32_t>* days) const {
  if (tallies_mode()) return {{"not_available", kNotAvailableForTallies}};  // tallies hold counts per group, no response to list
  auto page = find_rows(q);
  if (!page.error.empty()) return {{"error", page.error}};
  const auto& S = store();
  auto* analyzer = page.analyzer;
  const auto& phrase = page.phrase;
  text::CommentInsight insight;
  ojson list = ojson::array();
  static constexpr const char* kCategory[] = {"detractor", "passive", "promoter"};
  for (const auto r : page.rows) {
    if (days) days->push_back(S.day[r]);
    ojson segs = ojson::object();
    for (std::size_t s = 0; s < S.segment_names.size(); ++s) segs[S.segment_names[s]] = S.dictionaries[s].value(S.segments[s][r]);
    auto text_or_null = [&](RowStore::Text t) { return t.length ? ojson(std::string(S.text(t))) : ojson(nullptr); };
    list.push_back({{"file", S.files[S.file[r]].name},
                    {"line", S.line[r]},
                    {"score", S.score[r]},
                    {"category", kCategory[static_cast<int>(category_of(S.score[r]))]},
                    {"date", S.day[r] > RowStore::kUnreadableDay ? ojson(period_label(S.day[r], Period::day)) : ojson(nullptr)},
                    {"comment", text_or_null(S.comment[r])},
                    {"id", text_or_null(S.id[r])},
                    {"email", text_or_null(S.email[r])},
                    {"name", text_or_null(S.name[r])},
                    {"segments", segs}});
    if (q.insights) {
      const auto comment = S.text(S.comment[r]);
      analyzer->analyze(comment, insight);
      const auto& themes = analyzer->dictionary().themes();
      ojson names = ojson::array(), spans = ojson::array();
      for (auto t : insight.themes) names.push_back(themes[t].name);
      for (const auto& m : insight.matches)
        spans.push_back({{"begin", utf16_index(comment, m.begin)}, {"end", utf16_index(comment, m.end)},
                         {"theme", themes[m.theme].name}, {"text", std::string(comment.substr(m.begin, m.end - m.begin))}});
      ojson row_insight = {
          {"sentiment", insight.empty ? ojson(nullptr)
                                      : ojson({{"compound", round_decimals<4>(insight.sentiment.compound)},
                                               {"label", text::sentiment_label_name(insight.sentiment.label)}})},
          {"themes", names},
          {"spans", spans}};
      if (q.keyphrase) {
        ojson kspans = ojson::array();
        for (auto [b, e] : phrase_spans(analyzer->tokens(), phrase))
          kspans.push_back({{"begin", utf16_index(comment, b)}, {"end", utf16_index(comment, e)}});
        row_insight["keyphrase_spans"] = kspans;
      }
      list.back()["insights"] = std::move(row_insight);
    }
  }
  return {{"total", page.total}, {"offset", q.offset}, {"rows", list}};
}

ojson Session::themes(const json& query) const {
  SessionQuery q;
  if (auto problem = read_session_query(query, q); !problem.empty()) return {{"error", problem}};
  std::string problem;
  auto* analyzer = analyzer_for(q, problem);
  if (!analyzer) return {{"error", problem}};
  return analyzer->dictionary().to_json();
}

ojson Session::comments(const json& query) const {
  SessionQuery q;
  if (auto problem = read_session_query(query, q); !problem.empty()) return {{"error", problem}};
  if (tallies_mode()) {  // the comment counts the parts carry (npskit tally --comments), or why there are none
    auto report = tallies_report_for(q, true);
    if (report.contains("error")) return report;
    return report.contains("comments") ? report["comments"] : ojson{{"available", false}, {"reason", kNotAvailableForTallies}};
  }
  auto result = comment_analytics(q);
  if (!result.analytics) return {{"error", result.error}};
  const auto& S = store();
  text::CommentReportContext context;
  context.confidence = q.report.confidence;
  context.multiple_comparisons = q.report.multiple_comparisons;
  context.segment_columns = S.segment_names;
  context.segment_values = segment_values_text(S.dictionaries);
  return comments_json(*result.analytics, context);
}

ojson Session::info() const {
  if (tallies_mode()) return tallies_info();
  const auto& S = store();
  static const std::string no_error;
  const auto roles = merged_roles(S);
  InfoInputs in{{}, S.size(), S.segment_names, S.dictionaries, std::nullopt, roles};
  for (std::size_t i = 0; i < S.files.size(); ++i) {
    const auto& f = S.files[i];
    in.files.push_back({f.name, i < sources().size() ? &sources()[i] : nullptr, f.layout, f.counts,
                        i < file_errors().size() ? &file_errors()[i] : &no_error});
  }
  std::int32_t lo = INT32_MAX, hi = INT32_MIN;
  for (auto d : S.day)
    if (d > RowStore::kUnreadableDay) {
      lo = std::min(lo, d);
      hi = std::max(hi, d);
    }
  if (lo <= hi) in.days = std::make_pair(lo, hi);
  return session_info_json(in);
}

// What the dashboard needs to draw its filters for tallies: the same shape as for
// rows, plus "tallies": {...}; no person or comment column, "rows" counts responses.
ojson Session::tallies_info() const {
  const auto& S = store();
  const auto& table = tallies().table();
  ojson columns = ojson::array();
  for (const auto& seg : table.segments) columns.push_back({{"name", seg}, {"role", "segment"}, {"why", "a segment column of the tallies"}});
  ojson files = ojson::array();
  for (std::size_t i = 0; i < S.files.size(); ++i) {
    const bool ok = i < file_errors().size() && file_errors()[i].empty();
    const auto lines = i < tallies_lines().size() ? tallies_lines()[i] : 0;
    files.push_back({{"name", S.files[i].name},
                     {"source", {{"format", "tallies"}, {"version", kTalliesVersion}}},
                     {"columns", ok ? columns : ojson::array()},
                     {"tallies_lines", lines},
                     {"error", i < file_errors().size() && !file_errors()[i].empty() ? ojson(file_errors()[i]) : ojson(nullptr)}});
  }
  ojson segments = ojson::array();
  for (std::size_t s = 0; s < table.segments.size(); ++s) {
    std::vector<std::string> values;
    for (const auto& [key, counts] : table.groups) values.push_back(key.values[s]);
    std::sort(values.begin(), values.end());
    values.erase(std::unique(values.begin(), values.end()), values.end());
    segments.push_back({{"name", table.segments[s]}, {"values", values}});
  }
  std::optional<std::int64_t> lo, hi;
  for (const auto& [key, counts] : table.groups)
    if (key.period) {
      lo = lo ? std::min(*lo, *key.period) : *key.period;
      hi = hi ? std::max(*hi, *key.period) : *key.period;
    }
  const auto total = table.total();
  std::uint64_t lines = 0;
  for (auto n : tallies_lines()) lines += n;
  return {{"files", files},
          {"rows", total.scores.n() + total.blank + total.rejected},
          {"segments", segments},
          {"has_person", false},
          {"has_comment", false},
          {"date_range", lo ? ojson::array({period_label(*lo, Period::day), period_label(*hi, Period::day)}) : ojson(nullptr)},
          {"columns", {{"score", nullptr}, {"date", nullptr}, {"comment", nullptr}, {"id", nullptr}, {"email", nullptr},
                       {"name", nullptr}, {"segments", table.segments}}},
          {"tallies", {{"files", tallies().files()},
                       {"lines", lines},
                       {"groups", table.groups.size()},
                       {"period_unit", unit_name(table.unit)},
                       {"not_available", kNotAvailableForTallies}}}};
}

}  // namespace npskit
