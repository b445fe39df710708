// The session (report/session.hpp over analysis/session_engine.hpp): how it is
// opened, the merged column roles it reports, the one row filter it shares with
// the streaming analysis, and a session on tallies files answering as the
// analyzer does on the same tallies.
#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <vector>

#include "core/analysis/options_json.hpp"
#include "core/report/analyzer.hpp"
#include "core/report/session.hpp"

using namespace npskit;
using nlohmann::json;

namespace {
struct File {
  std::string name, bytes;
};

// chunk: the session decides tallies or rows on the first chunk, which must hold
// the header's first word (the JS API feeds 1 MB chunks).
std::unique_ptr<Session> open(const std::vector<File>& files, const json& options = json::object(),
                              std::size_t chunk = 7) {
  auto parsed = session_options_from_json(options);
  REQUIRE(parsed.error.empty());
  auto s = std::make_unique<Session>(parsed.ingest);
  for (const auto& f : files) {
    s->begin_file(f.name);
    for (std::size_t at = 0; at < f.bytes.size(); at += chunk) s->feed(std::string_view(f.bytes).substr(at, chunk));
    s->end_file();
  }
  return s;
}

// The streaming analysis (npskit analyze, analyze()) of several files added up
// (tallies only: raw exports do not add up in the analyzer).
struct Streamed {
  bool ok;
  std::string error;
  nlohmann::ordered_json report;
};
Streamed analyze_all(const std::vector<std::string>& texts, const json& options = json::object()) {
  auto parsed = options_from_json(options);
  REQUIRE(parsed.error.empty());
  Analyzer a(parsed.ingest, parsed.report);
  for (std::size_t i = 0; i < texts.size(); ++i) {
    if (i > 0 && !a.next_file()) return {false, a.error(), {}};
    for (std::size_t at = 0; at < texts[i].size(); at += 5)
      if (!a.feed(std::string_view(texts[i]).substr(at, 5))) return {false, a.error(), {}};
    if (!a.finish()) return {false, a.error(), {}};
  }
  return {true, "", a.report()};
}

const char* const kTalliesHeader =
    "npskit_tallies,period_unit,period,Country,s0,s1,s2,s3,s4,s5,s6,s7,s8,s9,s10,blank,rejected\n";
}  // namespace

TEST_CASE("session: opened with how files are read only, a report option there is refused by name", "[session]") {
  CHECK(session_options_from_json({{"score", "S"}, {"segments", {"Country"}}, {"utcOffset", "+01:00"}}).error.empty());
  CHECK(session_options_from_json(json::object()).error.empty());
  CHECK(session_options_from_json(nullptr).error.empty());
  for (const char* key : {"period", "confidence", "filters", "cross", "maxRejections", "themes", "multipleComparisons"}) {
    INFO(key);
    const auto e = session_options_from_json({{key, 1}}).error;
    CHECK(e == std::string("option '") + key + "' is asked per query (report, rows, comments), not when a session is opened");
  }
  CHECK(session_options_from_json({{"comments", true}}).error.find("'comments' is asked per query") != std::string::npos);
  CHECK(session_options_from_json({{"period", nullptr}}).error.empty());  // null means "default", as everywhere
  // The ingest options are still checked as analyze() checks them.
  CHECK(session_options_from_json({{"nope", 1}}).error == "unknown option 'nope'");
  // And a query refuses an ingest option (the query reader, session_query.hpp).
  const auto s = open({{"a.csv", "Score\n9\n"}});
  CHECK(s->report({{"score", "Score"}})["error"] == "unknown query field 'score'");
}

TEST_CASE("session: merged column roles, the first file naming each role wins, in info() and report() alike",
          "[session]") {
  // a.csv has neither a date nor an id column; b.csv has both.
  const auto s = open({{"a.csv", "Score\n9\n3\n"},
                       {"b.csv", "Response ID,Score,Submitted At\nr1,10,2024-01-05\nr2,0,2024-02-05\n"}});
  const auto info = s->info();
  REQUIRE(info.contains("columns"));
  const auto& cols = info["columns"];
  CHECK(cols["score"] == "Score");
  CHECK(cols["date"] == "Submitted At");  // from b.csv: a.csv has none
  CHECK(cols["id"] == "Response ID");
  CHECK(cols["email"].is_null());
  const auto report = s->report(json::object());
  REQUIRE_FALSE(report.contains("error"));
  for (const char* role : {"score", "date", "comment", "id", "email", "name", "segments"}) {
    INFO(role);
    CHECK(report["columns"][role] == cols[role]);
  }
  // A date column exists in the merged session: no "no date column" notice, and the
  // two dated rows make the trend.
  for (const auto& n : report["notices"]) CHECK(n["code"] != "no_date_column");
  CHECK(report["trend"]["points"].size() == 2);
}

TEST_CASE("session: one row filter with the streaming analysis: same rows, same message", "[session][filter]") {
  const std::string csv =
      "Response ID,Email,Score,Country\n"
      "r1,a@x.com,10,DE\nr2,test@x.com,0,DE\nr3,b@x.com,9,FR\nr4,c@x.com,3,FR\nr5,test@x.com,2,FR\n";
  const auto s = open({{"a.csv", csv}}, {{"segments", {"Country"}}});
  auto streamed = [&](const json& filters) {
    return analyze_all({csv}, {{"segments", {"Country"}}, {"filters", filters}});
  };
  SECTION("a segment value and an e-mail address") {
    const json filters = {{"where", {{{"column", "Country"}, {"value", "FR"}},
                                     {{"column", "Email"}, {"op", "ne"}, {"value", "test@x.com"}}}}};
    const auto a = streamed(filters);
    REQUIRE(a.ok);
    const auto b = s->report({{"filters", filters}});
    REQUIRE_FALSE(b.contains("error"));
    // r3 (9) and r4 (3) are kept: n 2, one promoter, one detractor.
    CHECK(a.report["overall"]["n"] == 2);
    CHECK(a.report["overall"]["promoters"] == 1);
    CHECK(a.report["overall"]["detractors"] == 1);
    CHECK(a.report["rows"]["filtered_out"] == 3);
    CHECK(b["overall"] == a.report["overall"]);
    CHECK(b["rows"]["filtered_out"] == a.report["rows"]["filtered_out"]);
  }
  SECTION("a value that never occurs keeps nothing (eq) or everything (ne)") {
    const json eq = {{"where", {{{"column", "Country"}, {"value", "US"}}}}};
    const json ne = {{"where", {{{"column", "Country"}, {"op", "ne"}, {"value", "US"}}}}};
    CHECK(streamed(eq).report["overall"]["n"] == 0);
    CHECK(s->report({{"filters", eq}})["overall"]["n"] == 0);
    CHECK(streamed(ne).report["overall"]["n"] == 5);
    CHECK(s->report({{"filters", ne}})["overall"]["n"] == 5);
  }
  SECTION("an unknown column: the same message from both") {
    const json filters = {{"where", {{{"column", "Plan"}, {"value", "Pro"}}}}};
    const auto a = streamed(filters);
    REQUIRE_FALSE(a.ok);
    const std::string expected =
        "filter column 'Plan' is neither a segment column nor the id, e-mail or name column (segments: 'Country')";
    CHECK(a.error == expected);
    CHECK(s->report({{"filters", filters}})["error"] == expected);
    CHECK(s->rows({{"filters", filters}})["error"] == expected);
    CHECK(s->comments({{"filters", filters}})["error"] == expected);
  }
}

TEST_CASE("session: on tallies files, the report equals the analyzer's on the same tallies", "[session][tallies]") {
  // Two parts of one export, as `npskit tally --by month,Country` writes them.
  const std::string a = std::string(kTalliesHeader) +
                        "1,month,2024-01-01,DE,1,0,0,0,0,0,2,3,1,4,6,1,0\n"
                        "1,month,2024-02-01,FR,0,0,2,0,0,1,0,0,3,2,2,0,2\n";
  const std::string b = std::string(kTalliesHeader) +
                        "1,month,2024-01-01,DE,0,1,0,0,0,0,0,0,2,5,3,0,0\n"
                        "1,month,2024-03-01,US,2,0,0,1,0,0,0,1,0,0,1,2,0\n";
  const auto s = open({{"a.csv", a}, {"b.csv", b}}, json::object(), 64);
  REQUIRE(s->tallies_mode());
  for (const json& query : {json::object(), json{{"period", "quarter"}}, json{{"confidence", 0.9}},
                            json{{"filters", {{"where", {{{"column", "Country"}, {"value", "DE"}}}}}}},
                            json{{"filters", {{"from", "2024-02-01"}}}}}) {
    INFO(query.dump());
    auto options = query;
    const auto streamed = analyze_all({a, b}, options);
    REQUIRE(streamed.ok);
    const auto got = s->report(query);
    REQUIRE_FALSE(got.contains("error"));
    CHECK(got == streamed.report);
  }
  // Counted by hand: 17 + 10 + 11 + 5 = 43 answers.
  const auto r = s->report(json::object());
  CHECK(r["overall"]["n"] == 17 + 10 + 11 + 5);
  // What needs the responses says so instead of answering.
  CHECK(s->rows(json::object()).contains("not_available"));
  CHECK(s->report({{"latestPerPerson", true}})["error"].get<std::string>().find("not available for tallies") !=
        std::string::npos);
}

TEST_CASE("session: a segment's values are the ones its rows hold (no unused \"(blank)\")", "[session]") {
  const std::string plan_a = "Score,Country\n9,DE\n3,DE\n7,FR\n10,FR\n8,DE\n";
  const auto s = open({{"a.csv", plan_a}}, {{"segments", {"Country"}}});
  const auto info = s->info();
  REQUIRE(info["segments"].size() == 1);
  CHECK(info["segments"][0]["values"] == json({"DE", "FR"}));

  // A segment column new in a later file: the earlier file's rows have no such
  // cell and are listed as "(blank)", which a filter can then choose.
  const auto two = open({{"a.csv", "Score\n9\n3\n"}, {"b.csv", plan_a}});
  const auto info2 = two->info();
  REQUIRE(info2["segments"].size() == 1);
  CHECK(info2["segments"][0]["name"] == "Country");
  const auto values = info2["segments"][0]["values"];
  CHECK(values == json({"(blank)", "DE", "FR"}));
  const auto blank_rows = two->report({{"filters", {{"where", {{{"column", "Country"}, {"op", "eq"}, {"value", "(blank)"}}}}}}});
  REQUIRE_FALSE(blank_rows.contains("error"));
  CHECK(blank_rows["overall"]["n"] == 2);
}
