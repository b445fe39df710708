// Column roles on the shapes real exports take (issue 11): each rule on a small
// table made to test it, in both column orders where order could matter.
#include <catch2/catch.hpp>

#include <algorithm>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/report/analyzer.hpp"
#include "core/analysis/options_json.hpp"

using namespace npskit;
using ojson = nlohmann::ordered_json;

namespace {

struct Run {
  ojson report, inspection;
};

Run run(const std::string& csv) {
  Analyzer a(IngestOptions{}, ReportOptions{});
  const bool ok = a.feed(csv) && a.finish();
  INFO(a.error());
  REQUIRE(ok);
  return {a.report(), a.inspection(3)};
}

// A CSV from columns given as (header, cell(i)) pairs, in the order given.
template <typename Col>
std::string table(const std::vector<Col>& cols, int rows) {
  std::string out;
  for (std::size_t c = 0; c < cols.size(); ++c) out += (c ? "," : "") + cols[c].first;
  out += "\n";
  for (int i = 0; i < rows; ++i) {
    for (std::size_t c = 0; c < cols.size(); ++c) out += (c ? "," : "") + cols[c].second(i);
    out += "\n";
  }
  return out;
}
using Col = std::pair<std::string, std::function<std::string(int)>>;

std::string score_of(int i) { return std::to_string((i * 7 + 3) % 11); }
std::string group_of(int i) {
  const int s = (i * 7 + 3) % 11;
  return std::to_string(s >= 9 ? 3 : s >= 7 ? 2 : 1);
}
std::string day_of(int i) { return "2025-0" + std::to_string(1 + i % 3) + "-1" + std::to_string(i % 9) + " 10:00:00"; }
const char* kCountries[] = {"DE", "FR", "US", "JP"};
const char* kComments[] = {"\"Great support, fast answers\"", "\"Too expensive for what it does\"",
                           "\"The app crashes on login\"", "\"Easy to use and reliable\""};

std::string why_of(const ojson& inspection, const std::string& column) {
  for (const auto& c : inspection["columns"])
    if (c["name"] == column) return c["why"];
  FAIL("no column " << column);
  return {};
}

std::vector<Col> reversed(std::vector<Col> cols) {
  std::reverse(cols.begin(), cols.end());
  return cols;
}

}  // namespace

TEST_CASE("roles: a group column derived from the score is never the score when a 0-10 sibling exists", "[layout][score]") {
  const std::string Q = "How likely are you to recommend us?";
  for (const auto& [group_header, group_cell] :
       std::vector<std::pair<std::string, std::function<std::string(int)>>>{
           {"Q1_NPS_GROUP", group_of},               // Qualtrics, 1-3, no score word of its own
           {Q + " - Group", group_of},               // Qualtrics question text of the group column
           {"NPS Category", group_of},
           {"NPS Segment", group_of},
           {"recommend_group", [](int i) { return std::to_string(1 + i % 3); }}}) {
    DYNAMIC_SECTION(group_header) {
      const std::vector<Col> cols = {{group_header, group_cell}, {Q, score_of}, {"Date", day_of}};
      for (const auto& order : {cols, reversed(cols)}) {
        const auto r = run(table(order, 40));
        CHECK(r.report["columns"]["score"] == Q);
        CHECK(r.report["notices"].empty());
        CHECK(why_of(r.inspection, group_header).find("derived from the score") != std::string::npos);
      }
    }
  }
  SECTION("Detractor / Passive / Promoter labels are never a candidate") {
    const std::vector<Col> cols = {{"NPS", [](int i) { return std::string(i % 3 ? "Promoter" : "Detractor"); }},
                                   {"Q1", score_of}, {"Date", day_of}};
    const auto r = run(table(cols, 40));
    CHECK(r.report["columns"]["score"] == "Q1");
    CHECK(r.report["rows"]["rejected"] == 0);
  }
  SECTION("a lone 1-3 column is still read, with a notice beside the number") {
    const auto r = run(table(std::vector<Col>{{"NPS", group_of}, {"Date", day_of}}, 40));
    CHECK(r.report["columns"]["score"] == "NPS");
    REQUIRE(!r.report["notices"].empty());
    CHECK(r.report["notices"][0]["code"] == "score_group_like");
  }
}

TEST_CASE("roles: column order decides nothing but a reported tie", "[layout][score]") {
  const std::vector<Col> cols = {{"q7", score_of}, {"How likely are you to recommend us?", [](int i) { return std::to_string(i % 11); }},
                                 {"Date", day_of}};
  for (const auto& order : {cols, reversed(cols)}) {
    const auto r = run(table(order, 40));
    CHECK(r.report["columns"]["score"] == "How likely are you to recommend us?");
    CHECK(r.report["notices"].empty());
    CHECK(why_of(r.inspection, "q7").find("asks for a score") != std::string::npos);
  }
}

TEST_CASE("roles: Qualtrics -99 (seen but unanswered) is a blank, not a rejection", "[layout][score]") {
  const std::vector<Col> cols = {{"Q1_NPS_GROUP", [](int i) { return i % 10 == 0 ? std::string("-99") : group_of(i); }},
                                 {"Q1", [](int i) { return i % 10 == 0 ? std::string("-99") : score_of(i); }},
                                 {"Date", day_of}};
  const auto r = run(table(cols, 50));
  CHECK(r.report["columns"]["score"] == "Q1");
  CHECK(r.report["rows"]["blank_score"] == 5);
  CHECK(r.report["rows"]["rejected"] == 0);
  CHECK(r.report["rows"]["valid"] == 45);
}

TEST_CASE("roles: the date column", "[layout][date]") {
  auto ms_time = [](int minutes) {
    return [minutes](int i) {
      return std::to_string(1 + i % 3) + "/" + std::to_string(10 + i % 18) + "/25 9:" + std::to_string(10 + minutes) + ":00";
    };
  };
  SECTION("an empty column is never the date (Microsoft Forms' Last modified time)") {
    const std::vector<Col> cols = {{"Id", [](int i) { return std::to_string(i + 1); }}, {"Start time", ms_time(0)},
                                   {"Completion time", ms_time(5)}, {"Last modified time", [](int) { return std::string(); }},
                                   {"How likely are you to recommend us?", score_of}};
    for (const auto& order : {cols, reversed(cols)}) {
      const auto r = run(table(order, 40));
      CHECK(r.report["columns"]["date"] == "Completion time");
      CHECK(r.inspection["date_format"] == "month_first");
      // Two-digit years read: every response is in the trend, in its month.
      CHECK(r.report["rows"]["date_unreadable"] == 0);
      REQUIRE(r.report["trend"]["points"].size() == 3);
      CHECK(r.report["trend"]["points"][0]["period"] == "2025-01");
      CHECK(why_of(r.inspection, "Last modified time").find("empty") != std::string::npos);
      CHECK(why_of(r.inspection, "Start time").find("completed") != std::string::npos);
    }
  }
  SECTION("Qualtrics: RecordedDate over EndDate over StartDate, in any order") {
    const std::vector<Col> cols = {{"StartDate", day_of}, {"EndDate", day_of}, {"RecordedDate", day_of}, {"Q1", score_of}};
    for (const auto& order : {cols, reversed(cols)}) CHECK(run(table(order, 40)).report["columns"]["date"] == "RecordedDate");
  }
  SECTION("Google Forms timestamps with GMT offsets count by their UTC instant") {
    const std::vector<Col> cols = {
        {"Timestamp", [](int i) { return i == 0 ? std::string("2025/03/01 12:20:00 AM GMT+1") : "2025/02/1" + std::to_string(i % 9) + " 5:06:07 PM GMT-5"; }},
        {"How likely are you to recommend us?", score_of}};
    const auto r = run(table(cols, 40));
    CHECK(r.report["columns"]["date"] == "Timestamp");
    REQUIRE(r.report["trend"]["points"].size() == 1);  // 1 March 00:20 in Berlin is still February in UTC
    CHECK(r.report["trend"]["points"][0]["period"] == "2025-02");
    CHECK(r.report["trend"]["points"][0]["n"] == 40);
  }
  SECTION("spreadsheet serial dates under a date header") {
    const std::vector<Col> cols = {{"Submitted", [](int i) { return std::to_string(45658 + i * 2) + ".5"; }},  // 2025-01-01 on
                                   {"Score", score_of}};
    const auto r = run(table(cols, 40));
    CHECK(r.report["columns"]["date"] == "Submitted");
    CHECK(r.inspection["date_format"] == "serial");
    CHECK(r.report["rows"]["date_unreadable"] == 0);
    CHECK(r.report["trend"]["points"][0]["period"] == "2025-01");
    CHECK(r.report["trend"]["points"].size() == 3);  // 80 days
  }
  SECTION("numbers under a header that is not a date are not serial dates") {
    const std::vector<Col> cols = {{"Revenue", [](int i) { return std::to_string(45658 + i * 2); }}, {"Score", score_of}};
    CHECK(run(table(cols, 40)).report["columns"]["date"].is_null());
  }
}

TEST_CASE("roles: the comment is free text a person wrote", "[layout][comment]") {
  auto comment = [](int i) { return std::string(kComments[i % 4]); };
  for (const auto& [header, cell] : std::vector<std::pair<std::string, std::function<std::string(int)>>>{
           {"*", [](int i) { return "\"{\"\"event\"\":\"\"survey sent\"\",\"\"properties\"\":{\"\"n\"\": " + std::to_string(i) + "}}\""; }},
           {"Page URL", [](int i) { return "https://www.example.com/a/very/long/path/" + std::to_string(i); }},
           {"Contact e-mail", [](int i) { return "person" + std::to_string(i) + "@example.com"; }},
           {"Response token", [](int i) { return "R_3kD9x" + std::to_string(1000000 + i); }},
           {"Survey name", [](int) { return std::string("\"Website NPS survey, spring wave\""); }}}) {
    DYNAMIC_SECTION(header) {
      const std::vector<Col> cols = {{header, cell}, {"Message", comment}, {"Score", score_of}};
      for (const auto& order : {cols, reversed(cols)}) {
        const auto r = run(table(order, 40));
        CHECK(r.report["columns"]["comment"] == "Message");
        // Free text with spaces is a comment candidate, and `inspect` says why it lost.
        const bool texty = header == "*" || header == "Survey name";
        if (texty) CHECK(why_of(r.inspection, header).find("not a comment") != std::string::npos);
        else CHECK(!why_of(r.inspection, header).empty());
      }
    }
  }
}

TEST_CASE("roles: segments are few repeating values, most useful first", "[layout][segment]") {
  const std::vector<Col> cols = {
      {"event", [](int i) { return std::string(i % 2 ? "survey sent" : "survey shown"); }},
      {"Tags", [](int i) { return std::string(i % 3 ? "vip" : "follow-up"); }},
      {"User", [](int i) { return "user" + std::to_string(i % 5); }},
      {"Plan", [](int i) { return std::string(i % 3 ? "Pro" : "Free"); }},
      {"Country", [](int i) { return std::string(kCountries[i % 4]); }},
      {"Respondent", [](int i) { return "resp" + std::to_string(i % 5) + "@example.com"; }},
      {"Referrer", [](int i) { return "https://example.com/" + std::to_string(i % 4); }},
      {"Session", [](int i) { return "a1b2c3d4e5" + std::to_string(i % 4); }},
      {"Survey", [](int) { return std::string("NPS"); }},
      {"Seen at", day_of},
      {"Why", [](int i) { return std::string(kComments[i % 4]); }},
      {"Score", score_of}};
  const auto r = run(table(cols, 40));
  std::vector<std::string> segments;
  for (const auto& s : r.report["columns"]["segments"]) segments.push_back(s);
  REQUIRE(segments.size() == 5);
  CHECK(segments[0] == "Plan");
  CHECK(segments[1] == "Country");
  for (const char* never : {"Respondent", "Referrer", "Session", "Survey", "Seen at", "Why"}) {
    INFO(never);
    CHECK(std::find(segments.begin(), segments.end(), never) == segments.end());
    CHECK(!why_of(r.inspection, never).empty());
  }
  CHECK(why_of(r.inspection, "Survey").find("same value") != std::string::npos);
  CHECK(why_of(r.inspection, "Referrer").find("links") != std::string::npos);
}
