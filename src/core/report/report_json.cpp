#include "core/report/report_json.hpp"

#include <algorithm>

#include "core/report/comments_json.hpp"
#include "core/report/notices.hpp"
#include "core/stats/interval.hpp"
#include "core/stats/multiple_comparisons.hpp"
#include "core/values/rounding.hpp"

namespace npskit {

using json = nlohmann::ordered_json;

json interval_json(const Interval& i) { return json::array({round_decimals<2>(i.low), round_decimals<2>(i.high)}); }

json difference_json(const Difference& d) {
  return {{"diff", round_decimals<2>(d.diff)},
          {"z", round_decimals<2>(d.z)},
          {"p", round_p_value(d.p)},
          {"p_adjusted", d.p_adjusted ? json(round_p_value(*d.p_adjusted)) : json(nullptr)},
          {"significant", d.significant},
          {"too_small", d.too_small}};
}

namespace {

std::string day_text(std::int64_t day) { return period_label(day, Period::day); }

json column_name(const std::optional<std::string>& name) { return name ? json(*name) : json(nullptr); }

}  // namespace

json tally_json(const Tally& t, double confidence, bool with_histogram) {
  const auto n = t.n();
  json j = {{"n", n},
            {"promoters", t.promoters()},
            {"passives", t.passives()},
            {"detractors", t.detractors()},
            {"pct", {{"promoters", percent_2dp(t.promoters(), n)}, {"passives", percent_2dp(t.passives(), n)}, {"detractors", percent_2dp(t.detractors(), n)}}},
            {"nps", round_decimals<2>(t.nps())}};
  if (n == 0) {  // no answers: no score and no interval to speak of
    j["nps"] = nullptr;
    j["ci"] = j["ci95"] = j["margin"] = nullptr;
  } else {
    const auto ci = nps_interval(t, confidence);
    j["ci"] = interval_json(ci);
    j["ci95"] = interval_json(nps_interval(t, 0.95));
    j["margin"] = round_decimals<2>(ci.margin);
  }
  if (with_histogram) j["histogram"] = t.counts;
  return j;
}

json source_json(const SourceInfo& s) {
  std::string encoding(encoding_name(s.encoding));
  if (s.windows1252_fallback) encoding = "windows-1252";
  json out = {{"format", format_name(s.format)},
              {"encoding", encoding},
              {"delimiter", s.delimiter ? json(std::string(1, s.delimiter)) : json(nullptr)},
              {"header_rows", s.header_rows},
              {"bytes", s.bytes},
              {"empty_records", s.empty_records}};
  if (s.format == Format::xlsx) {
    out["sheet"] = s.sheet;
    out["sheets"] = s.sheets;
  }
  return out;
}

json build_report(const ReportInputs& in) {
  const auto& C = in.columns;
  const auto& opt = in.options;
  const double conf = opt.confidence;
  json report;
  report["version"] = 1;
  report["source"] = source_json(in.source);
  report["notices"] = json::array();  // filled below, once the rows are counted

  report["columns"] = {{"score", column_name(C.score)}, {"date", column_name(C.date)},
                       {"comment", column_name(C.comment)}, {"segments", C.segments},
                       {"id", column_name(C.id)}, {"email", column_name(C.email)}, {"name", column_name(C.name)}};

  json where = json::array();
  for (const auto& f : opt.filters.where) where.push_back({{"column", f.column}, {"op", f.equals ? "eq" : "ne"}, {"value", f.value}});
  report["options"] = {
      {"confidence", conf},
      {"period", period_name(opt.period)},
      {"utc_offset", opt.utc_offset_text ? json(*opt.utc_offset_text) : json(nullptr)},
      {"multiple_comparisons", adjustment_name(opt.multiple_comparisons)},
      {"min_group_for_significance", kMinGroupForSignificance},
      {"filters", {{"from", opt.filters.from_day ? json(day_text(*opt.filters.from_day)) : json(nullptr)},
                   {"to", opt.filters.to_day ? json(day_text(*opt.filters.to_day)) : json(nullptr)},
                   {"where", where}}}};

  const auto& c = in.counts;
  // What npskit is unsure of, most important first (docs/report.md, "notices").
  auto notices = report_notices(C, c, in.tallies.overall, conf);
  for (auto& n : source_notices(in.source)) notices.push_back(std::move(n));
  report["notices"] = notices_json(notices);
  report["rows"] = {{"read", c.read},
                    {"valid", c.valid},
                    {"blank_score", c.blank_score},
                    {"rejected", c.rejected},
                    {"filtered_out", c.filtered_out},
                    {"date_missing", c.date_missing},
                    {"date_unreadable", c.date_unreadable},
                    {"duplicates", c.duplicates}};
  auto rows_json = [](const std::vector<Rejection>& list) {
    json out = json::array();
    for (const auto& r : list)
      out.push_back({{"line", r.line}, {"column", r.column}, {"value", r.value}, {"reason", r.reason}});
    return out;
  };
  report["rejections"] = rows_json(in.rejections);
  report["rejections_listed"] = in.rejections.size();
  report["warnings"] = rows_json(in.warnings);

  const Tally& overall = in.tallies.overall;
  report["overall"] = tally_json(overall, conf, true);
  // How many responses a tighter interval would take, at this data's variance.
  json needed = json::object();
  for (int margin : {3, 5, 10}) needed[std::to_string(margin)] = sample_size_for_margin(margin, conf, overall);
  report["overall"]["sample_size_for_margin"] = needed;
  // Too few answers to judge the score (the same size below which no test is judged).
  report["overall"]["too_small"] = overall.n() < kMinGroupForSignificance;
  // The category of each histogram score, so that no client repeats the 0-6 / 7-8 / 9-10 rule.
  static constexpr const char* kCategoryName[] = {"detractor", "passive", "promoter"};
  json categories = json::array();
  for (int score = 0; score <= 10; ++score) categories.push_back(kCategoryName[static_cast<int>(category_of(score))]);
  report["overall"]["histogram_categories"] = std::move(categories);

  // Segments: each value against the rest of the valid responses.
  json segments = json::object();
  for (std::size_t s = 0; s < C.segments.size(); ++s) {
    const auto& dict = in.dictionaries[s];
    const auto& tallies = in.tallies.segments[s];
    std::vector<std::uint32_t> order;
    for (std::uint32_t code = 0; code < tallies.size(); ++code)
      if (tallies[code].n() > 0) order.push_back(code);
    std::sort(order.begin(), order.end(), [&](auto a, auto b) {
      if (tallies[a].n() != tallies[b].n()) return tallies[a].n() > tallies[b].n();
      return dict.value(a) < dict.value(b);
    });
    // Every value of one column against the rest: one family of tests.
    std::vector<Difference> vs_rest;
    for (auto code : order) vs_rest.push_back(compare(tallies[code], overall - tallies[code], conf));
    judge_family(vs_rest, conf, opt.multiple_comparisons);
    json values = json::array();
    for (std::size_t i = 0; i < order.size(); ++i) {
      const auto code = order[i];
      json v = tally_json(tallies[code], conf, false);
      v["value"] = dict.value(code);
      const Tally rest = overall - tallies[code];
      v["vs_rest"] = difference_json(vs_rest[i]);
      // How far overall NPS would move if this segment scored like the rest.
      v["impact"] = rest.n() == 0 ? 0.0
                                  : round_decimals<2>(static_cast<double>(tallies[code].n()) / static_cast<double>(overall.n()) *
                                           (rest.nps() - tallies[code].nps()));
      values.push_back(std::move(v));
    }
    segments[C.segments[s]] = std::move(values);
  }
  report["segments"] = std::move(segments);

  // Cross segments of two columns.
  if (in.tallies.cross_a >= 0) {
    const auto a = static_cast<std::size_t>(in.tallies.cross_a), b = static_cast<std::size_t>(in.tallies.cross_b);
    std::vector<std::pair<std::uint64_t, Tally>> cells(in.tallies.cross.begin(), in.tallies.cross.end());
    std::sort(cells.begin(), cells.end(), [&](const auto& x, const auto& y) {
      if (x.second.n() != y.second.n()) return x.second.n() > y.second.n();
      return x.first < y.first;
    });
    std::vector<Difference> vs_rest;  // every cell against the rest: one family
    for (const auto& cell : cells) vs_rest.push_back(compare(cell.second, overall - cell.second, conf));
    judge_family(vs_rest, conf, opt.multiple_comparisons);
    json out = json::array();
    for (std::size_t i = 0; i < cells.size(); ++i) {
      const auto& [key, tally] = cells[i];
      json cell = tally_json(tally, conf, false);
      cell["values"] = {in.dictionaries[a].value(static_cast<std::uint32_t>(key >> 32)),
                        in.dictionaries[b].value(static_cast<std::uint32_t>(key & 0xffffffffu))};
      cell["vs_rest"] = difference_json(vs_rest[i]);
      out.push_back(std::move(cell));
    }
    json left_out = nullptr;
    if (in.tallies.cross_left_out > 0)
      left_out = {{"responses", in.tallies.cross_left_out},
                  {"message", std::to_string(in.tallies.cross_left_out) + " responses fall in cells past the first " +
                                  std::to_string(kMaxCrossCells) +
                                  " (the limit) and are not listed: filter first, or cross columns with fewer values"}};
    report["cross"] = {{"columns", {opt.cross->first, opt.cross->second}}, {"cells", out}, {"left_out", left_out}};
  } else {
    report["cross"] = nullptr;
  }

  // Trend: day tallies rolled up into periods, each compared with the one before.
  std::map<std::int64_t, Tally> periods;
  for (const auto& [day, tally] : in.tallies.by_day.sorted()) periods[period_start(day, opt.period)] += tally;
  // At most kMaxTrendPoints points, the latest: a trend of 3.6M days would not fit
  // in memory (or on a chart). The earlier periods are counted, never cut silently.
  std::uint64_t left_out_responses = in.tallies.by_day.left_out(), left_out_periods = 0;
  while (periods.size() > kMaxTrendPoints) {
    left_out_responses += periods.begin()->second.n();
    ++left_out_periods;
    periods.erase(periods.begin());
  }
  json trend_left_out = nullptr;
  if (left_out_responses > 0) {
    trend_left_out = {{"responses", left_out_responses},
                      {"periods", left_out_periods},
                      {"message", std::to_string(left_out_responses) +
                                      " dated responses are not in the trend: it shows the latest " +
                                      std::to_string(kMaxTrendPoints) +
                                      " periods (the limit); choose a longer period or a --from/--to range"}};
  }
  // Every period against the one before: one family of tests.
  std::vector<Difference> vs_previous;
  const Tally* previous = nullptr;
  for (const auto& [start, tally] : periods) {
    if (previous) vs_previous.push_back(compare(tally, *previous, conf));
    previous = &tally;
  }
  judge_family(vs_previous, conf, opt.multiple_comparisons);
  json points = json::array();
  std::size_t index = 0;
  for (const auto& [start, tally] : periods) {
    json p = tally_json(tally, conf, false);
    p["period"] = period_label(start, opt.period);
    p["start"] = day_text(start);
    p["vs_previous"] = index > 0 ? difference_json(vs_previous[index - 1]) : json(nullptr);
    points.push_back(std::move(p));
    ++index;
  }
  report["trend"] = {{"period", period_name(opt.period)}, {"points", points}, {"left_out", trend_left_out}};

  if (in.comments) {
    text::CommentReportContext context;
    context.confidence = conf;
    context.multiple_comparisons = opt.multiple_comparisons;
    context.segment_columns = C.segments;
    context.segment_values = segment_values_text(std::span(in.dictionaries).first(C.segments.size()));
    report["comments"] = comments_json(*in.comments, context);
  }
  return report;
}

}  // namespace npskit
