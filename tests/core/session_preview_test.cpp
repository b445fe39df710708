// The session preview (report/session_preview.hpp): a streaming pass whose report
// and info are what a session over the same bytes answers, or that says why not.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "core/analysis/options_json.hpp"
#include "core/report/analyzer.hpp"
#include "core/report/session.hpp"
#include "support.hpp"

using namespace npskit;
using nlohmann::json;
using ojson = nlohmann::ordered_json;
namespace fs = std::filesystem;

namespace {

using test::read_bytes;

std::unique_ptr<Session> open_session(const std::string& name, const std::string& bytes, const json& read = json::object()) {
  auto parsed = session_options_from_json(read);
  REQUIRE(parsed.error.empty());
  auto s = std::make_unique<Session>(parsed.ingest);
  s->begin_file(name);
  test::feed_in_chunks(bytes, 4093, [&](std::string_view piece) { s->feed(piece); });
  s->end_file();
  return s;
}

// The streaming report with a preview for `name`, fed in chunks; null when the file is unreadable.
ojson preview_report(const std::string& name, const std::string& bytes, json query = json::object()) {
  query["sessionPreview"] = {{"name", name}};
  auto parsed = options_from_json(query);
  REQUIRE(parsed.error.empty());
  Analyzer a(parsed.ingest, parsed.report);
  bool ok = test::feed_in_chunks(bytes, 4093, [&](std::string_view piece) { return a.feed(piece); });
  ok = ok && a.finish();
  if (!ok) return nullptr;
  return a.report();
}

// Compares preview and session; returns whether the preview said it was exact.
// read: how the session reads the file (the query says it again to the preview).
bool agrees(const std::string& name, const std::string& bytes, const json& query, const json& read = json::object()) {
  auto session = open_session(name, bytes, read);
  auto report = preview_report(name, bytes, query);
  if (report.is_null()) return false;
  REQUIRE(report.contains("session_preview"));
  const auto preview = report["session_preview"];
  report.erase("session_preview");
  if (!preview["exact"].get<bool>()) {
    CHECK(preview.contains("why"));
    return false;
  }
  INFO(name << " " << query.dump());
  CHECK(preview["info"].dump() == session->info().dump());
  CHECK(report.dump() == session->report(query).dump());
  return true;
}

}  // namespace

TEST_CASE("session preview: report and info equal the session's for every fixture it calls exact", "[session_preview]") {
  int exact = 0, files = 0;
  for (const auto& e : fs::directory_iterator(fs::path(NPSKIT_TEST_DATA))) {
    const auto ext = e.path().extension().string();
    if (ext != ".csv" && ext != ".json" && ext != ".ndjson" && ext != ".txt") continue;
    const std::string bytes = read_bytes(e.path());
    const std::string name = e.path().filename().string();
    ++files;
    for (const json& query : {json::object(), json{{"period", "week"}, {"confidence", 0.9}}}) {
      if (agrees(name, bytes, query)) ++exact;
    }
  }
  // Not a vacuous loop: most fixtures have no repeated ids.
  CHECK(files >= 20);
  CHECK(exact >= 2 * (files / 2));
}

TEST_CASE("session preview: a value seen only on a blank-score row is listed, as the session lists it", "[session_preview]") {
  const std::string csv =
      "score,date,plan,country\n"
      "9,2025-01-02,pro,DE\n"
      ",2025-03-04,enterprise,FR\n"   // blank score: kept by the session, values interned
      "3,2024-12-30,free,\n"          // empty segment cell: "(blank)"
      "x,2025-01-02,pro,DE\n"         // rejected
      "10,not a date,pro,US\n";
  REQUIRE(agrees("a.csv", csv, json::object()));
  const auto preview = preview_report("a.csv", csv)["session_preview"];
  CHECK(preview["info"]["segments"][0]["values"].dump() == R"(["pro","enterprise","free"])");
  CHECK(preview["info"]["date_range"].dump() == R"(["2024-12-30","2025-03-04"])");
  CHECK(preview["info"]["files"][0]["rows"].dump() == R"({"read":5,"valid":3,"blank_score":1,"rejected":1,"duplicates":0})");
}

TEST_CASE("session preview: segment values keep the session's order of first use, scored or not, filtered or not", "[session_preview]") {
  // The preview learns a scored row's new value from the streaming analysis's dictionary
  // (it grew) and a blank-score row's values itself: interleaved, the order must still be
  // the session's (first use over every kept row).
  const std::string csv =
      "score,plan,country\n"
      ",enterprise,FR\n"  // blank first: enterprise and FR come first in the session
      "9,pro,DE\n"
      "8,enterprise,FR\n"  // no longer new
      ",team,NL\n"
      "7,free,NL\n"
      ",free,BE\n"  // only BE is new
      "6,team,IT\n";
  for (const json& query : {json::object(), json{{"filters", {{"where", {{{"column", "country"}, {"value", "NL"}}}}}}},
                            json{{"filters", {{"where", {{{"column", "plan"}, {"value", "none-such"}}}}}}}}) {
    INFO(query.dump());
    REQUIRE(agrees("order.csv", csv, query));
    const auto info = preview_report("order.csv", csv, query)["session_preview"]["info"];
    CHECK(info["segments"][0]["values"].dump() == R"(["enterprise","pro","team","free"])");
    CHECK(info["segments"][1]["values"].dump() == R"(["FR","DE","NL","BE","IT"])");
  }
}

TEST_CASE("session preview: values up to the cap, some first seen on blank-score rows, are exact, one more is not", "[session_preview]") {
  auto file = [](int values) {
    std::string csv = "score,shop\n";
    for (int i = 0; i < values; ++i) {
      const bool blank = i % 7 == 3;  // every seventh value is first seen on a blank-score row
      csv += (blank ? std::string() : std::to_string(i % 11)) + ",shop-" + std::to_string(i) + "\n";
      if (i % 5 == 0) csv += "5,shop-" + std::to_string(i / 2) + "\n";  // and values seen again
    }
    return csv;
  };
  const json read = {{"segments", {"shop"}}};
  const auto at_cap = file(static_cast<int>(kMaxSegmentValues));
  REQUIRE(open_session("cap.csv", at_cap, read)->info()["segments"][0]["values"].size() == kMaxSegmentValues);
  CHECK(agrees("cap.csv", at_cap, read, read));
  const auto past = file(static_cast<int>(kMaxSegmentValues) + 1);
  const auto preview = preview_report("past.csv", past, read)["session_preview"];
  CHECK_FALSE(preview["exact"].get<bool>());
  // Past the cap on a blank-score row only.
  std::string blank_past = at_cap + ",shop-new\n";
  CHECK_FALSE(preview_report("bp.csv", blank_past, read)["session_preview"]["exact"].get<bool>());
}

TEST_CASE("session preview: repeated ids are never called exact", "[session_preview]") {
  const std::string csv =
      "id,score,country\n"
      "a,9,DE\n"
      "b,3,FR\n"
      "a,10,DE\n";  // the session counts this response once
  auto session = open_session("d.csv", csv);
  REQUIRE(session->info()["files"][0]["rows"]["duplicates"] == 1);
  const auto preview = preview_report("d.csv", csv)["session_preview"];
  CHECK_FALSE(preview["exact"].get<bool>());
  CHECK(preview["why"] == "some response ids may repeat");
  // Distinct ids: exact.
  CHECK(agrees("d.csv", "id,score,country\na,9,DE\nb,3,FR\nc,10,DE\n", json::object()));
}

TEST_CASE("session preview: a segment past the session's value cap is not called exact", "[session_preview]") {
  std::string csv = "score,shop\n";
  for (int i = 0; i < 1500; ++i) csv += std::to_string(i % 11) + ",shop-" + std::to_string(i) + "\n";
  const json read = {{"segments", {"shop"}}};
  REQUIRE(open_session("many.csv", csv, read)->info()["segments"][0]["values"].size() < 1500);  // the session folded some
  const auto preview = preview_report("many.csv", csv, read)["session_preview"];
  CHECK_FALSE(preview["exact"].get<bool>());
  CHECK(preview["why"] == "a segment column has more values than the session keeps apart");
}

TEST_CASE("session preview: the option is checked", "[session_preview]") {
  for (const json& bad : {json("a.csv"), json{{"name", 3}}, json{{"name", "a"}, {"other", 1}}}) {
    auto parsed = options_from_json({{"sessionPreview", bad}});
    CHECK_THAT(parsed.error, Catch::Contains("sessionPreview"));
  }
  // Not a session option: a session is opened with how to read its files only.
  CHECK_FALSE(session_options_from_json({{"sessionPreview", {{"name", "a"}}}}).error.empty());
}
