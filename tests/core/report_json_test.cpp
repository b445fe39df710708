// The report writer (report/report_json.hpp) on its own: fed partials by hand
// (tallies, row counts, columns by role), with expected figures worked out here
// from the counts, not from the code under test.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "core/report/report_json.hpp"

using namespace npskit;

namespace {
bool has_notice(const nlohmann::ordered_json& report, const std::string& code) {
  const auto& list = report["notices"];
  return std::any_of(list.begin(), list.end(), [&](const auto& n) { return n["code"] == code; });
}
}  // namespace

TEST_CASE("report json: columns by role, overall figures and segments from hand-made tallies", "[report_json]") {
  ColumnsByRole columns;
  columns.score = "How likely";
  columns.comment = "Why";
  columns.segments = {"Plan"};
  // Plan "Pro" (code 0): 6 promoters (10), 2 detractors (3); "Free" (code 1): 2 passives (7), 4 detractors (0).
  std::vector<SegmentDictionary> dictionaries(1);
  const std::uint32_t pro = dictionaries[0].code("Pro"), free = dictionaries[0].code("Free");
  Accumulator acc(1);
  for (int i = 0; i < 6; ++i) acc.add(10, &pro, false, 0);
  for (int i = 0; i < 2; ++i) acc.add(3, &pro, false, 0);
  for (int i = 0; i < 2; ++i) acc.add(7, &free, false, 0);
  for (int i = 0; i < 4; ++i) acc.add(0, &free, false, 0);
  RowCounts counts;
  counts.read = counts.valid = 14;
  counts.date_missing = 14;
  const SourceInfo source;
  const ReportOptions options;
  const std::vector<Rejection> none;
  const auto r = build_report({source, columns, options, counts, none, none, acc, dictionaries, nullptr});

  CHECK(r["columns"]["score"] == "How likely");
  CHECK(r["columns"]["comment"] == "Why");
  CHECK(r["columns"]["date"].is_null());
  CHECK(r["columns"]["id"].is_null());
  CHECK(r["columns"]["segments"] == nlohmann::ordered_json::array({"Plan"}));
  // 14 answers: 6 promoters, 2 passives, 6 detractors -> NPS 0.
  CHECK(r["overall"]["n"] == 14);
  CHECK(r["overall"]["promoters"] == 6);
  CHECK(r["overall"]["passives"] == 2);
  CHECK(r["overall"]["detractors"] == 6);
  CHECK(r["overall"]["nps"] == 0.0);
  // Segments, largest first: Pro (8: 6 - 2 = 50.0), Free (6: 0 - 4 = -66.67).
  const auto& plan = r["segments"]["Plan"];
  REQUIRE(plan.size() == 2);
  CHECK(plan[0]["value"] == "Pro");
  CHECK(plan[0]["nps"] == 50.0);
  CHECK(plan[1]["value"] == "Free");
  CHECK(plan[1]["nps"] == Approx(-66.67));
  // No date column: said next to the result, and no trend.
  CHECK(has_notice(r, "no_date_column"));
  CHECK(r["trend"]["points"].empty());
}

TEST_CASE("report json: notices follow the columns by role", "[report_json]") {
  ColumnsByRole columns;
  columns.score = "NPS";
  columns.date = "When";
  columns.score_tied_with = {"Other score"};
  Accumulator acc(0);
  for (int s = 0; s <= 10; ++s) acc.add(s, nullptr, true, 19'800 + s);
  RowCounts counts;
  counts.read = 13;
  counts.valid = 11;
  counts.rejected = 2;
  counts.date_missing = counts.date_unreadable = 0;
  const SourceInfo source;
  const ReportOptions options;
  const std::vector<Rejection> none;
  const std::vector<SegmentDictionary> dictionaries;
  const auto r = build_report({source, columns, options, counts, none, none, acc, dictionaries, nullptr});
  CHECK_FALSE(has_notice(r, "no_date_column"));
  CHECK(has_notice(r, "score_tie"));
  CHECK(has_notice(r, "rejected_rows"));
  for (const auto& n : r["notices"])
    if (n["code"] == "score_tie") CHECK(n["columns"] == nlohmann::ordered_json::array({"NPS", "Other score"}));
  CHECK(r["columns"]["date"] == "When");
  CHECK(r["trend"]["points"].size() == 1);  // 11 days in one month
}
