// Notices (docs/report.md, "notices"): what npskit is unsure of or could not do,
// decided in src/core/report/notices.cpp. Each code on a file made to trigger it,
// and a file that must not.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <string>

#include "core/report/analyzer.hpp"
#include "core/analysis/options_json.hpp"
#include "core/report/session.hpp"

using namespace npskit;
using ojson = nlohmann::ordered_json;

namespace {

ojson report_of(const std::string& csv, const nlohmann::json& options = nlohmann::json::object()) {
  auto parsed = options_from_json(options);
  REQUIRE(parsed.error.empty());
  Analyzer a(parsed.ingest, parsed.report);
  const bool ok = a.feed(csv) && a.finish();
  INFO(a.error());
  REQUIRE(ok);
  return a.report();
}

ojson inspection_of(const std::string& csv) {
  Analyzer a(IngestOptions{}, ReportOptions{});
  (void)(a.feed(csv) && a.finish());
  REQUIRE(a.layout_known());
  return a.inspection(3);
}

// The notice with that code, or null.
ojson notice(const ojson& doc, const std::string& code) {
  for (const auto& n : doc["notices"])
    if (n["code"] == code) return n;
  return nullptr;
}

template <typename F>
std::string table(const std::string& header, int rows, F row) {
  std::string out = header + "\n";
  for (int i = 0; i < rows; ++i) out += row(i) + "\n";
  return out;
}

std::string month_day(int i) { return "2024-0" + std::to_string(1 + i % 3) + "-1" + std::to_string(i % 9) + " 10:00:00"; }

}  // namespace

TEST_CASE("notices: every notice has the contract's fields", "[notices]") {
  const auto csv = table("Score,Country", 5, [](int i) { return std::to_string(i) + ",DE"; });
  const auto r = report_of(csv);
  REQUIRE(r["notices"].is_array());
  REQUIRE(r["notices"].size() >= 2);  // few_responses, no_date_column
  for (const auto& n : r["notices"]) {
    CHECK(n["code"].is_string());
    CHECK((n["severity"] == "warning" || n["severity"] == "info"));
    CHECK((n["role"].is_null() || n["role"].is_string()));
    CHECK(n["columns"].is_array());
    CHECK((n["count"].is_null() || n["count"].is_number_unsigned()));
    CHECK(n["message"].is_string());
    CHECK(n["message"].get<std::string>().find("--") == std::string::npos);  // never a CLI flag
    CHECK((n["fix"].is_null() || n["fix"].is_string()));
  }
  // Order of importance: warnings before the "no date" information.
  CHECK(r["notices"].back()["code"] == "no_date_column");
  CHECK(r["notices"].back()["severity"] == "info");
  CHECK(r["notices"].back()["fix"] == "pick_date");
}

TEST_CASE("notices: a clean file of 40 dated answers has none", "[notices]") {
  const auto csv = table("Date,How likely are you to recommend us?,Country", 40,
                         [](int i) { return month_day(i) + "," + std::to_string(i % 11) + ",DE"; });
  CHECK(report_of(csv)["notices"].empty());
  CHECK(inspection_of(csv)["notices"].empty());
}

TEST_CASE("notices: score_tie names both candidates and the one used", "[notices][score]") {
  const auto csv = table("Date,How likely to recommend our product?,How likely to recommend our support?", 40,
                         [](int i) { return month_day(i) + "," + std::to_string(i % 11) + "," + std::to_string((i * 3) % 11); });
  const auto r = report_of(csv);
  const auto n = notice(r, "score_tie");
  REQUIRE(!n.is_null());
  CHECK(n["severity"] == "warning");
  CHECK(n["role"] == "score");
  CHECK(n["fix"] == "pick_score");
  CHECK(n["columns"] == ojson::array({"How likely to recommend our product?", "How likely to recommend our support?"}));
  CHECK(n["message"] == "Two columns could be the score: \"How likely to recommend our product?\" and \"How likely to "
                        "recommend our support?\" (both hold 0-10 answers). Using \"How likely to recommend our product?\".");
  CHECK(r["columns"]["score"] == "How likely to recommend our product?");
  CHECK(!notice(inspection_of(csv), "score_tie").is_null());
  // Naming the column settles it: no tie any more.
  CHECK(notice(report_of(csv, {{"score", "How likely to recommend our support?"}}), "score_tie").is_null());
}

TEST_CASE("notices: score_group_like and score_scale_1_5 from the answers counted", "[notices][score]") {
  SECTION("only 1-3 (the only candidate): a group column") {
    const auto csv = table("Date,NPS", 40, [](int i) { return month_day(i) + "," + std::to_string(1 + i % 3); });
    const auto r = report_of(csv);
    const auto n = notice(r, "score_group_like");
    REQUIRE(!n.is_null());
    CHECK(n["columns"] == ojson::array({"NPS"}));
    CHECK(n["count"] == 40);
    CHECK(n["fix"] == "pick_score");
    CHECK(notice(r, "score_scale_1_5").is_null());
    CHECK(r["notices"][0]["code"] == "score_group_like");  // most important first
  }
  SECTION("only 1-5: another scale") {
    const auto csv = table("Date,Rating", 40, [](int i) { return month_day(i) + "," + std::to_string(1 + i % 5); });
    const auto r = report_of(csv);
    CHECK(!notice(r, "score_scale_1_5").is_null());
    CHECK(notice(r, "score_group_like").is_null());
  }
  SECTION("a 0 or a 6 anywhere: a 0-10 scale") {
    const auto csv = table("Date,Rating", 40, [](int i) { return month_day(i) + "," + std::to_string(i == 7 ? 6 : 1 + i % 5); });
    CHECK(notice(report_of(csv), "score_scale_1_5").is_null());
  }
}

TEST_CASE("notices: rejected_rows, date_unreadable and few_responses count rows", "[notices]") {
  const auto csv = table("Date,Score", 12, [](int i) {
    if (i == 3) return std::string("2024-01-02,eleven");
    if (i == 5 || i == 6) return std::string("someday,7");
    return month_day(i) + "," + std::to_string(i % 11);
  });
  const auto r = report_of(csv);
  const auto rejected = notice(r, "rejected_rows");
  REQUIRE(!rejected.is_null());
  CHECK(rejected["count"] == 1);
  CHECK(rejected["fix"] == "show_rejections");
  const auto dates = notice(r, "date_unreadable");
  REQUIRE(!dates.is_null());
  CHECK(dates["count"] == 2);
  CHECK(dates["columns"] == ojson::array({"Date"}));
  CHECK(dates["fix"] == "pick_date");
  const auto few = notice(r, "few_responses");
  REQUIRE(!few.is_null());
  CHECK(few["count"] == 11);
  CHECK(few["role"].is_null());
  CHECK(notice(r, "no_date_column").is_null());
}

TEST_CASE("notices: the dashboard session's report carries them too", "[notices][session]") {
  const auto csv = table("Q1 recommend,Q2 recommend", 40,
                         [](int i) { return std::to_string(i % 11) + "," + std::to_string((i * 7) % 11); });
  auto parsed = options_from_json(nlohmann::json::object());
  Session s(parsed.ingest);
  REQUIRE(s.begin_file("a.csv"));
  REQUIRE(s.feed(csv));
  REQUIRE(s.end_file());
  const auto r = s.report(nlohmann::json::object());
  CHECK(!notice(r, "score_tie").is_null());
  CHECK(!notice(r, "no_date_column").is_null());
  CHECK(notice(r, "few_responses").is_null());
}
