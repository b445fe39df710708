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

namespace {
// Feeds `csv` in 64-byte chunks with stopEarly; returns the index of the chunk after
// which the analyzer said its verdict was settled (-1: never), and the analyzer.
std::pair<int, std::unique_ptr<Analyzer>> feed_until_settled(const std::string& csv, bool stop_early = true) {
  auto parsed = options_from_json({{"sessionPreview", {{"name", "s.csv"}, {"stopEarly", stop_early}}}});
  REQUIRE(parsed.error.empty());
  auto a = std::make_unique<Analyzer>(parsed.ingest, parsed.report);
  int chunk = 0;
  for (std::size_t at = 0; at < csv.size(); at += 64, ++chunk) {
    REQUIRE(a->feed(std::string_view(csv).substr(at, 64)));
    if (a->preview_settled()) return {chunk, std::move(a)};
  }
  REQUIRE(a->finish());
  return {a->preview_settled() ? chunk : -1, std::move(a)};
}

std::string ids_csv(int distinct, int repeat_at = -1, int repeat_of = 0) {
  std::string csv = "id,score\n";
  for (int i = 0; i < distinct; ++i) {
    csv += "r" + std::to_string(i) + "," + std::to_string(i % 11) + "\n";
    if (i == repeat_at) csv += "r" + std::to_string(repeat_of) + ",7\n";
  }
  return csv;
}
}  // namespace

TEST_CASE("session preview: stopEarly settles at an id repeated soon after, never on distinct ids", "[session_preview]") {
  // r5 again after r10: settled once that row is read (the reader may hold the first
  // rows back while it works out the layout), long before the end.
  const std::string csv = ids_csv(20000, 10, 5);
  const auto repeat_row_end = csv.find("\nr5,7\n") + 6;
  auto [chunk, a] = feed_until_settled(csv);
  REQUIRE(chunk >= 0);
  CHECK(static_cast<std::size_t>(chunk) >= (repeat_row_end - 1) / 64);
  CHECK(static_cast<std::size_t>(chunk) * 64 < csv.size() / 2);
  const auto stopped = a->stopped_preview_json();
  CHECK(stopped["exact"] == false);
  CHECK(stopped["why"] == "some response ids may repeat");
  CHECK(stopped["stopped"] == true);
  CHECK_FALSE(stopped.contains("info"));  // counts of part of the file are not shown

  // 100,000 distinct ids (more than the recent-ids table holds): never settled, and exact.
  auto [never, b] = feed_until_settled(ids_csv(100000));
  CHECK(never == -1);
  CHECK(b->report()["session_preview"]["exact"] == true);

  // Without stopEarly, the same repeat does not stop the read; the verdict comes at the end.
  auto [unasked, c] = feed_until_settled(csv, false);
  CHECK(unasked == -1);
  CHECK(c->report()["session_preview"]["exact"] == false);
}

TEST_CASE("session preview: an id repeated far apart is found at the end, if not before", "[session_preview]") {
  // r0 again after 150,000 other ids: its slot in the recent-ids table is most likely
  // taken by then; settled early or not, the final verdict is "not exact".
  const std::string csv = ids_csv(150001, 150000, 0);
  auto [chunk, a] = feed_until_settled(csv);
  if (chunk >= 0) CHECK(a->stopped_preview_json()["why"] == "some response ids may repeat");
  else CHECK(a->report()["session_preview"]["why"] == "some response ids may repeat");
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
  for (const json& bad : {json("a.csv"), json{{"name", 3}}, json{{"name", "a"}, {"other", 1}},
                          json{{"name", "a"}, {"stopEarly", "yes"}}}) {
    auto parsed = options_from_json({{"sessionPreview", bad}});
    CHECK_THAT(parsed.error, Catch::Contains("sessionPreview"));
  }
  // Not a session option: a session is opened with how to read its files only.
  CHECK_FALSE(session_options_from_json({{"sessionPreview", {{"name", "a"}}}}).error.empty());
}
