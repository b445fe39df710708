// The dashboard session's report lists the rows kept with a warning (a date cell
// that is not a date) as the streaming report does, so that the dashboard can say
// "N dates could not be read" and show them.
#include <catch2/catch.hpp>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "core/report/analyzer.hpp"
#include "core/analysis/options_json.hpp"
#include "core/report/session.hpp"

using namespace npskit;
using nlohmann::json;
using ojson = nlohmann::ordered_json;

namespace {

// 20 rows dated by day, 3 kept rows with an unreadable date (lines 4, 9, 15), one
// blank score with an unreadable date (line 12: not a kept row, so no warning).
std::string csv() {
  std::string out = "id,date,score,plan\n";
  for (int i = 1; i <= 20; ++i) {
    const int line = i + 1;
    std::string date = "2025-03-" + std::string(i < 10 ? "0" : "") + std::to_string(i);
    if (line == 4) date = "soon";
    if (line == 9) date = "31/31/2025";
    if (line == 12 || line == 15) date = "n/a";
    const std::string score = line == 12 ? "" : std::to_string(i % 11);
    out += "r" + std::to_string(i) + "," + date + "," + score + "," + (i % 2 ? "Free" : "Pro") + "\n";
  }
  return out;
}

std::unique_ptr<Session> open_session(const std::string& bytes) {
  auto parsed = options_from_json(json::object());
  REQUIRE(parsed.error.empty());
  auto s = std::make_unique<Session>(parsed.ingest);
  s->begin_file("a.csv");
  REQUIRE(s->feed(bytes));
  REQUIRE(s->end_file());
  return s;
}

ojson stream_report(const std::string& bytes, const json& options) {
  auto parsed = options_from_json(options);
  REQUIRE(parsed.error.empty());
  Analyzer a(parsed.ingest, parsed.report);
  REQUIRE(a.feed(bytes));
  REQUIRE(a.finish());
  return a.report();
}

}  // namespace

TEST_CASE("session report: rows with an unreadable date are listed under warnings", "[session][warnings]") {
  const auto bytes = csv();
  auto session = open_session(bytes);
  const auto r = session->report(json::object());
  REQUIRE(r["rows"]["date_unreadable"] == 3);
  REQUIRE(r["warnings"].size() == 3);
  CHECK(r["warnings"][0]["line"] == 4);
  CHECK(r["warnings"][0]["column"] == "date");
  CHECK(r["warnings"][0]["value"] == "soon");
  CHECK(r["warnings"][1]["line"] == 9);
  CHECK(r["warnings"][2]["line"] == 15);
  // The same list as the streaming report of the same bytes.
  CHECK(r["warnings"] == stream_report(bytes, json::object())["warnings"]);

  // Filters: only the kept rows' warnings (line 4: i = 3, Free; lines 9 and 15: i = 8 and 14, Pro).
  const json pro = {{"filters", {{"where", {{{"column", "plan"}, {"value", "Pro"}}}}}}};
  const auto f = session->report(pro);
  CHECK(f["warnings"].size() == 2);  // lines 9 and 15
  CHECK(f["rows"]["date_unreadable"] == 2);
  CHECK(f["warnings"] == stream_report(bytes, pro)["warnings"]);
  // Capped like the rejections.
  const auto capped = session->report({{"maxRejections", 1}});
  CHECK(capped["warnings"].size() == 1);
  CHECK(capped["rows"]["date_unreadable"] == 3);
}
