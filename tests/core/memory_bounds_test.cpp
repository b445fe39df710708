// Memory bounds (issue 12, section 1): one test per bound of docs/hardening.md
// "Bounds that keep memory flat". Each shape that used to grow memory with the
// input (distinct days, cross cells, segment values and their bytes, segment
// columns, JSON keys, long messages) now stops at its bound, and what lies past
// it is counted and said in the report or in a short error, never cut in silence.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <string>

#include "core/analysis/accumulator.hpp"
#include "core/report/analyzer.hpp"
#include "core/analysis/options_json.hpp"
#include "core/store/segment_dictionary.hpp"
#include "core/report/session.hpp"
#include "core/ingest/json_reader.hpp"
#include "core/ingest/layout.hpp"
#include "core/report/report_json.hpp"
#include "core/values/civil_date.hpp"
#include "core/values/trim.hpp"

using namespace npskit;
using ojson = nlohmann::ordered_json;

namespace {

struct Outcome {
  bool ok;
  std::string error;
  ojson report;
};

Outcome analyze(const std::string& bytes, const nlohmann::json& options = nlohmann::json::object()) {
  auto parsed = options_from_json(options);
  REQUIRE(parsed.error.empty());
  Analyzer a(parsed.ingest, parsed.report);
  const bool ok = a.feed(bytes) && a.finish();
  if (!ok) return {false, a.error(), {}};
  return {true, "", a.report()};
}

// YYYY-MM-DD of a day number (days since 1970-01-01), written here, not by the core.
std::string iso(std::int64_t days) {
  // Howard Hinnant's civil_from_days.
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const std::int64_t doe = days - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const std::int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const std::int64_t m = mp < 10 ? mp + 3 : mp - 9;
  const std::int64_t y = yoe + era * 400 + (m <= 2);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04lld-%02lld-%02lld", static_cast<long long>(y), static_cast<long long>(m),
                static_cast<long long>(d));
  return buf;
}

}  // namespace

TEST_CASE("bounds: the trend lists at most 10,000 periods, the latest, and counts the rest") {
  // 12,000 consecutive days (inside the day window): 2,000 days too many for a daily trend.
  std::string csv = "score,date\n";
  const std::int64_t first = 0;  // 1970-01-01
  for (std::int64_t d = 0; d < 12'000; ++d) csv += (d % 2 ? "9," : "3,") + iso(first + d) + "\n";
  const auto r = analyze(csv, {{"period", "day"}});
  REQUIRE(r.ok);
  const auto& trend = r.report["trend"];
  REQUIRE(trend["points"].size() == kMaxTrendPoints);
  CHECK(trend["points"][0]["start"] == iso(first + 2'000));  // the latest 10,000 days
  CHECK(trend["points"].back()["start"] == iso(first + 11'999));
  CHECK(trend["left_out"]["responses"] == 2'000);
  CHECK(trend["left_out"]["periods"] == 2'000);
  CHECK(trend["left_out"]["message"].get<std::string>().find("10000 periods (the limit)") != std::string::npos);
  // Every response still counts in the overall figures.
  CHECK(r.report["overall"]["n"] == 12'000);

  // By month the same file fits: nothing left out, and the field says so (null).
  const auto monthly = analyze(csv, {{"period", "month"}});
  REQUIRE(monthly.ok);
  CHECK(monthly.report["trend"]["left_out"].is_null());
}

TEST_CASE("bounds: far-off distinct days are held up to 10,000 and the rest counted") {
  // One row per day every 5 years-ish outside the 40,000-day window: day tallies
  // for distinct far-off days stop at kMaxOutlierDays.
  DayTallies days;
  REQUIRE(days.at(0) != nullptr);  // sets the window around day 0
  std::size_t held = 0;
  for (std::int64_t k = 0; k < 12'000; ++k)
    if (days.at(100'000 + k)) ++held;  // all outside the window
  CHECK(held == DayTallies::kMaxOutlierDays);
  CHECK(days.left_out() == 12'000 - DayTallies::kMaxOutlierDays);
  // A day already held keeps counting.
  CHECK(days.at(100'000) != nullptr);
  CHECK(days.left_out() == 12'000 - DayTallies::kMaxOutlierDays);

  // Through the report: one row per day from year 1 onward, 60,000 days.
  std::string csv = "score,date\n";
  const std::int64_t year1 = -719162;  // 0001-01-01
  for (std::int64_t d = 0; d < 60'000; ++d) csv += "9," + iso(year1 + d) + "\n";
  const auto r = analyze(csv, {{"period", "quarter"}});
  REQUIRE(r.ok);
  // The window is centred on the first date: 20,000 of these days fall in it, 10,000
  // more are held as outliers, and the last 30,000 responses are left out.
  CHECK(r.report["trend"]["left_out"]["responses"] == 30'000);
  std::uint64_t in_trend = 0;
  for (const auto& p : r.report["trend"]["points"]) in_trend += p["n"].get<std::uint64_t>();
  CHECK(in_trend == 30'000);
  CHECK(r.report["overall"]["n"] == 60'000);
}

TEST_CASE("bounds: a cross tallies at most 2,500 cells and counts the responses past them") {
  std::string csv = "score,a,b\n";
  // 100 x 100 values: 10,000 distinct cells, each twice.
  for (int rep = 0; rep < 2; ++rep)
    for (int i = 0; i < 100; ++i)
      for (int j = 0; j < 100; ++j) csv += "9,a" + std::to_string(i) + ",b" + std::to_string(j) + "\n";
  const auto r = analyze(csv, {{"segments", {"a", "b"}}, {"cross", {"a", "b"}}});
  REQUIRE(r.ok);
  const auto& cross = r.report["cross"];
  CHECK(cross["cells"].size() == kMaxCrossCells);
  std::uint64_t listed = 0;
  for (const auto& c : cross["cells"]) listed += c["n"].get<std::uint64_t>();
  CHECK(listed + cross["left_out"]["responses"].get<std::uint64_t>() == 20'000);
  CHECK(cross["left_out"]["responses"] == 20'000 - 2 * kMaxCrossCells);
  CHECK(cross["left_out"]["message"].get<std::string>().find("2500 (the limit)") != std::string::npos);

  const auto small = analyze("score,a,b\n9,x,y\n7,x,z\n", {{"segments", {"a", "b"}}, {"cross", {"a", "b"}}});
  REQUIRE(small.ok);
  CHECK(small.report["cross"]["left_out"].is_null());
}

TEST_CASE("bounds: a segment column keeps at most 1,000 values and 1 MB of them, the rest is (other)") {
  SegmentDictionary by_count;
  for (int i = 0; i < 1'500; ++i) by_count.code("v" + std::to_string(i));
  CHECK(by_count.size() == kMaxSegmentValues + 1);  // + "(other)"
  CHECK(by_count.find("v999") >= 0);
  CHECK(by_count.find("v1000") < 0);
  CHECK(by_count.code("v1400") == static_cast<std::uint32_t>(by_count.find("(other)")));

  SegmentDictionary by_bytes;
  const std::string big(100'000, 'x');
  for (int i = 0; i < 20; ++i) by_bytes.code(std::to_string(i) + big);
  // 10 values of ~100 kB fit in 1 MB; the 11th and later fold into (other).
  CHECK(by_bytes.size() == 11);
  CHECK(by_bytes.find("9" + big) >= 0);
  CHECK(by_bytes.find("10" + big) < 0);
  CHECK(by_bytes.value(by_bytes.code("15" + big)) == "(other)");
}

TEST_CASE("bounds: at most 50 segment columns are detected, more named ones are refused") {
  std::string header = "score", row = "9", row2 = "7";
  for (int c = 0; c < 60; ++c) {
    header += ",seg" + std::to_string(c);
    row += ",red";
    row2 += ",blue";
  }
  std::string csv = header + "\n";
  for (int i = 0; i < 20; ++i) csv += (i % 2 ? row : row2) + "\n";
  const auto r = analyze(csv);
  REQUIRE(r.ok);
  CHECK(r.report["columns"]["segments"].size() == kMaxSegmentColumns);
  CHECK(r.report["segments"].size() == kMaxSegmentColumns);

  nlohmann::json many = nlohmann::json::array();
  for (int c = 0; c < 60; ++c) many.push_back("seg" + std::to_string(c));
  const auto parsed = options_from_json({{"segments", many}});
  CHECK(parsed.error == "option 'segments' must be a list of at most 50 column names");
}

TEST_CASE("bounds: JSON keys are read in document order, so the column cap cannot hide an early score") {
  // 20,000 keys named so that, sorted by name, "score" would come after the first 10,000.
  std::string rec = "{\"score\":9";
  for (int i = 0; i < 20'000; ++i) rec += ",\"a" + std::to_string(i) + "\":\"x\"";
  rec += "}";
  const auto r = analyze("[" + rec + "," + rec + "]");
  REQUIRE(r.ok);
  CHECK(r.report["columns"]["score"] == "score");
  CHECK(r.report["rows"]["valid"] == 2);

  // A score past the first 10,000 keys: a short error naming the limit.
  std::string late = "{";
  for (int i = 0; i < 20'000; ++i) late += "\"a" + std::to_string(i) + "\":\"x\",";
  late += "\"score\":9}";
  const auto e = analyze("[" + late + "]");
  REQUIRE_FALSE(e.ok);
  CHECK(e.error.find("JSON keys past the first 10000 (the column limit) were ignored") != std::string::npos);
  CHECK(e.error.size() <= kMaxMessageBytes + 40);
}

TEST_CASE("bounds: a document's records stream: order of keys, nested names and arrays as before") {
  JsonTable table;
  std::vector<std::vector<std::string>> got;
  const auto error = read_json_document(
      R"({"meta":{"n":2},"data":[{"z":1,"a":{"y":2.5,"b":[1,"x",{"k":null}]},"t":true},7]})", table,
      [&](const JsonRecord& r) {
        std::vector<std::string> row(r.fields.begin(), r.fields.end());
        if (!r.error.empty()) row = {std::string(r.error)};
        got.push_back(row);
      });
  CHECK(error.empty());
  CHECK(table.columns() == std::vector<std::string>{"z", "a.y", "a.b", "t"});
  REQUIRE(got.size() == 2);
  CHECK(got[0] == std::vector<std::string>{"1", "2.5", R"([1,"x",{"k":null}])", "true"});
  CHECK(got[1] == std::vector<std::string>{"JSON record is not an object"});
}

TEST_CASE("bounds: a 100,000-deep JSON object on one line reports the depth limit") {
  std::string deep;
  for (int i = 0; i < 100'000; ++i) deep += "{\"a\":";
  deep += "1" + std::string(100'000, '}') + "\n";
  const auto r = analyze(deep);
  REQUIRE_FALSE(r.ok);
  CHECK(r.error.find("JSON nests deeper than 256 levels (the limit)") != std::string::npos);
  CHECK(r.error.find("no score column") == std::string::npos);
}

TEST_CASE("bounds: an error message is at most ~1,000 bytes, however many columns the file has") {
  std::string header;
  for (int c = 0; c < 9'000; ++c) header += (c ? ",col" : "col") + std::to_string(c) + std::string(100, 'n');
  const auto r = analyze(header + "\nx\n");
  REQUIRE_FALSE(r.ok);
  INFO(r.error);
  CHECK(r.error.size() < 2'000);
  // The column list that goes with it (the CLI's hint line, an unknown column's error).
  Layout wide;
  for (int c = 0; c < 9'000; ++c) wide.columns.push_back({"col" + std::to_string(c) + std::string(100, 'n'), {}});
  const auto listed = column_list(wide);
  CHECK(listed.find("and 8990 more") != std::string::npos);
  CHECK(listed.size() < 1'000);
  const auto unknown = analyze(header + "\nx\n", {{"score", "nope"}});
  REQUIRE_FALSE(unknown.ok);
  CHECK(unknown.error.find("and 8990 more") != std::string::npos);
  CHECK(unknown.error.size() < 2'000);

  CHECK(clip_message(std::string(5'000, 'e')) == std::string(kMaxMessageBytes, 'e') + "... (4000 more bytes)");
  // Cut before a character that would not fit whole.
  CHECK(utf8_prefix("ab\xC3\xA9", 3) == "ab");
}

TEST_CASE("bounds: the session's reports hold the same bounds") {
  Session s(IngestOptions{});
  s.begin_file("days.csv");
  std::string csv = "score,date\n";
  for (std::int64_t d = 0; d < 10'050; ++d) csv += "9," + iso(d) + "\n";
  s.feed(csv);
  REQUIRE(s.end_file());
  const auto report = s.report({{"period", "day"}});
  CHECK(report["trend"]["points"].size() == kMaxTrendPoints);
  CHECK(report["trend"]["left_out"]["responses"] == 50);
}
