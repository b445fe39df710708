// Tallies as a file (docs/scale.md): detection, reading CSV and JSON, refusing
// bad input with its line, writing, merging by addition, and the report from
// tallies (the same statistics as from rows; row-level features said missing).
#include <catch2/catch.hpp>

#include <string>

#include "core/report/analyzer.hpp"
#include "core/analysis/options_json.hpp"
#include "core/report/tallies_report.hpp"
#include "core/analysis/tally_builder.hpp"
#include "core/ingest/tallies_reader.hpp"
#include "core/report/tallies_writer.hpp"
#include "support.hpp"

using namespace npskit;

namespace {
const char* const kHeader = "npskit_tallies,period_unit,period,Country,s0,s1,s2,s3,s4,s5,s6,s7,s8,s9,s10,blank,rejected\n";

struct Read {
  bool ok;
  std::string error;
  TallyTable table;
};

Read read_all(std::initializer_list<std::string> files, std::size_t chunk = 7) {
  TalliesReader r;
  for (const auto& text : files) {
    r.begin_file("f");
    test::feed_in_chunks(text, chunk, [&](std::string_view piece) {
      r.feed(piece);
      return r.error().empty();
    });
    if (r.error().empty()) r.end_file();
    if (!r.error().empty()) return {false, r.error(), {}};
  }
  return {true, "", r.table()};
}

nlohmann::ordered_json analyze_text(const std::string& text, nlohmann::json options = nlohmann::json::object()) {
  auto parsed = options_from_json(options);
  REQUIRE(parsed.error.empty());
  Analyzer a(parsed.ingest, parsed.report);
  test::feed_in_chunks(text, 5, [&](std::string_view piece) { REQUIRE(a.feed(piece)); });
  REQUIRE(a.finish());
  return a.report();
}
}  // namespace

TEST_CASE("tallies: detected by the first column, in CSV and JSON", "[tallies]") {
  CHECK(looks_like_tallies(kHeader));
  CHECK(looks_like_tallies("\xEF\xBB\xBF\"npskit_tallies\";period_unit"));
  CHECK(looks_like_tallies("[{\"npskit_tallies\":1,\"period_unit\":\"month\"}]"));
  CHECK(looks_like_tallies("{\"meta\":[{\"name\":\"npskit_tallies\"}],\"data\":[]}"));
  CHECK_FALSE(looks_like_tallies("npskit_tallies_old,x\n"));
  CHECK_FALSE(looks_like_tallies("Score,Date\n9,2024-01-01\n"));
  CHECK_FALSE(looks_like_tallies("[{\"score\": 9}]"));
}

TEST_CASE("tallies: CSV groups read with their counts, blank and rejected", "[tallies]") {
  const auto r = read_all({std::string(kHeader) + "1,month,2024-01-01,DE,0,0,0,0,0,0,1,2,0,3,4,5,0\n" +
                           "1,month,,\"A, B\",1,0,0,0,0,0,0,0,0,0,0,0,6\n"});
  REQUIRE(r.ok);
  CHECK(r.table.segments == std::vector<std::string>{"Country"});
  REQUIRE(r.table.unit == Period::month);
  REQUIRE(r.table.groups.size() == 2);
  const auto& dated = r.table.groups.at({days_from_civil(2024, 1, 1), {"DE"}});
  CHECK(dated.scores.n() == 10);
  CHECK(dated.scores.counts[10] == 4);
  CHECK(dated.blank == 5);
  const auto& undated = r.table.groups.at({std::nullopt, {"A, B"}});
  CHECK(undated.rejected == 6);
}

TEST_CASE("tallies: bad input is refused with its line and why", "[tallies]") {
  auto error_of = [](const std::string& text) { return read_all({text}).error; };
  CHECK_THAT(error_of(std::string(kHeader) + "2,month,2024-01-01,DE,0,0,0,0,0,0,0,0,0,0,1,0,0\n"),
             Catch::Contains("line 2") && Catch::Contains("reads version 1"));
  CHECK_THAT(error_of(std::string(kHeader) + "1,month,2024-01-01,DE,0,0,-1,0,0,0,0,0,0,0,1,0,0\n"),
             Catch::Contains("'s2' is '-1'"));
  CHECK_THAT(error_of(std::string(kHeader) + "1,month,2024-01-15,DE,0,0,0,0,0,0,0,0,0,0,1,0,0\n"),
             Catch::Contains("not the first day of its month") && Catch::Contains("2024-01-01"));
  CHECK_THAT(error_of(std::string(kHeader) + "1,month,2024-01-01,DE,0,0,0,0,0,0,0,0,0,0,1,0,0\n1,week,2024-01-01,DE,0,0,0,0,0,0,0,0,0,0,1,0,0\n"),
             Catch::Contains("line 3") && Catch::Contains("differs"));
  CHECK_THAT(error_of(std::string(kHeader) + "1,month,2024-01-01,DE,0\n"), Catch::Contains("has 5 fields"));
  CHECK_THAT(error_of("npskit_tallies,period_unit,period,s0,s1,s2,s3,s4,s6,s7,s8,s9,s10\n"), Catch::Contains("'s5'"));
  CHECK_THAT(error_of(std::string(kHeader) + "1,year,2024-01-01,DE,0,0,0,0,0,0,0,0,0,0,1,0,0\n"), Catch::Contains("period_unit is 'year'"));
  CHECK_THAT(error_of(std::string(kHeader) + "1,month,Jan 2024,DE,0,0,0,0,0,0,0,0,0,0,1,0,0\n"), Catch::Contains("not a date"));
  CHECK_THAT(error_of(std::string(kHeader) + "1,month,2024-01-01,DE,0,0,0,0,0,0,0,0,0,0,99999999999999999999,0,0\n"),
             Catch::Contains("'s10'"));
}

TEST_CASE("tallies: JSON arrays, NDJSON and ClickHouse's FORMAT JSON read alike", "[tallies]") {
  const std::string row1 = R"({"npskit_tallies":1,"period_unit":"week","period":"2024-01-01","Plan":"Pro","s0":"1","s1":0,"s2":0,"s3":0,"s4":0,"s5":0,"s6":0,"s7":2,"s8":0,"s9":0,"s10":3.0,"blank":0,"rejected":0})";
  const std::string row2 = R"({"npskit_tallies":1,"period_unit":"week","period":null,"Plan":null,"s0":0,"s1":0,"s2":0,"s3":0,"s4":0,"s5":0,"s6":0,"s7":0,"s8":0,"s9":0,"s10":0,"blank":0,"rejected":4})";
  const auto a = read_all({"[" + row1 + "," + row2 + "]"});
  const auto b = read_all({row1 + "\n" + row2 + "\n"});
  const auto c = read_all({R"({"meta":[{"name":"npskit_tallies","type":"UInt8"}],"data":[)" + row1 + "," + row2 + R"(],"rows":2})"});
  REQUIRE(a.ok);
  REQUIRE(b.ok);
  REQUIRE(c.ok);
  CHECK(a.table.groups == b.table.groups);
  CHECK(a.table.groups == c.table.groups);
  CHECK(a.table.unit == Period::week);
  CHECK(a.table.total().scores.n() == 6);
  CHECK(a.table.total().rejected == 4);
  CHECK_THAT(read_all({R"([{"npskit_tallies":1,"period_unit":"week","period":"","s0":1.5,"s1":0,"s2":0,"s3":0,"s4":0,"s5":0,"s6":0,"s7":0,"s8":0,"s9":0,"s10":0}])"}).error,
             Catch::Contains("'s0' is '1.5'"));
}

TEST_CASE("tallies: written and read back unchanged, files add up by group", "[tallies]") {
  TallyTable t;
  t.segments = {"Country", "Plan"};
  t.unit = Period::quarter;
  GroupCounts g;
  g.scores.add(9, 3);
  g.scores.add(2);
  g.blank = 1;
  t.groups[{days_from_civil(2024, 4, 1), {"A \"quoted\", value", ""}}] = g;
  GroupCounts r;
  r.rejected = 2;
  t.groups[{std::nullopt, {"", ""}}] = r;
  const auto csv = tallies_csv(t);
  const auto json = tallies_json(t);
  const auto from_csv = read_all({csv});
  const auto from_json = read_all({json});
  REQUIRE(from_csv.ok);
  REQUIRE(from_json.ok);
  CHECK(from_csv.table.groups == t.groups);
  CHECK(from_json.table.groups == t.groups);
  CHECK(from_csv.table.segments == t.segments);

  const auto twice = read_all({csv, json});
  REQUIRE(twice.ok);
  CHECK(twice.table.groups.size() == 2);
  CHECK(twice.table.total().scores.counts[9] == 6);
  CHECK(twice.table.total().rejected == 4);

  TallyTable other = t;
  other.segments = {"Country"};
  CHECK_THAT(TallyTable(t).merge(other), Catch::Contains("different columns"));
  other = t;
  other.unit = Period::month;
  CHECK_THAT(TallyTable(t).merge(other), Catch::Contains("different periods"));
}

TEST_CASE("tallies report: the figures of the summed tallies, by hand", "[tallies]") {
  // Jan DE: 3 promoters (10), 1 passive (8), 1 detractor (3); Feb DE: 1 promoter, 1 detractor;
  // Mar FR: 2 detractors (0); undated FR: 1 promoter. Plus 2 blank, 3 rejected.
  const std::string text = std::string(kHeader) +
                           "1,month,2024-01-01,DE,0,0,0,1,0,0,0,0,1,0,3,2,0\n"
                           "1,month,2024-02-01,DE,0,0,0,1,0,0,0,0,0,1,0,0,0\n"
                           "1,month,2024-03-01,FR,2,0,0,0,0,0,0,0,0,0,0,0,0\n"
                           "1,month,,FR,0,0,0,0,0,0,0,0,0,0,1,0,0\n"
                           "1,month,,,0,0,0,0,0,0,0,0,0,0,0,0,3\n";
  const auto rep = analyze_text(text);
  CHECK(rep["source"]["format"] == "tallies");
  CHECK(rep["rows"]["read"] == 15);
  CHECK(rep["rows"]["valid"] == 10);
  CHECK(rep["rows"]["blank_score"] == 2);
  CHECK(rep["rows"]["rejected"] == 3);
  CHECK(rep["rows"]["date_missing"] == 1);
  CHECK(rep["rows"]["date_unreadable"].is_null());
  // 5 promoters, 1 passive, 4 detractors of 10: NPS 10.
  CHECK(rep["overall"]["n"] == 10);
  CHECK(rep["overall"]["nps"] == 10.0);
  CHECK(rep["trend"]["period"] == "month");  // the tallies' own period by default
  REQUIRE(rep["trend"]["points"].size() == 3);
  CHECK(rep["trend"]["points"][0]["nps"] == 40.0);   // 3 of 5 promoters, 1 detractor
  CHECK(rep["trend"]["points"][2]["nps"] == -100.0);
  CHECK(rep["segments"]["Country"][0]["value"] == "DE");
  CHECK(rep["segments"]["Country"][0]["n"] == 7);
  CHECK(rep["not_available"]["features"][0] == "comments");

  const auto quarters = analyze_text(text, {{"period", "quarter"}});
  REQUIRE(quarters["trend"]["points"].size() == 1);
  CHECK(quarters["trend"]["points"][0]["n"] == 9);

  const auto only_de = analyze_text(text, {{"filters", {{"where", {{{"column", "Country"}, {"op", "eq"}, {"value", "DE"}}}}}}});
  CHECK(only_de["overall"]["n"] == 7);
  CHECK(only_de["rows"]["filtered_out"] == 3);

  const auto feb_on = analyze_text(text, {{"filters", {{"from", "2024-02-01"}}}});
  CHECK(feb_on["overall"]["n"] == 4);

  const auto with_comments = analyze_text(text, {{"comments", true}});
  CHECK(with_comments["comments"]["available"] == false);
}

TEST_CASE("tallies report: options the tallies cannot answer are refused, not guessed", "[tallies]") {
  TalliesReader r;
  r.begin_file("");
  REQUIRE(r.feed(std::string(kHeader) + "1,month,2024-01-01,DE,0,0,0,1,0,0,0,0,1,0,3,2,0\n"));
  REQUIRE(r.end_file());
  ReportOptions weekly;
  weekly.period = Period::week;
  weekly.period_given = true;
  CHECK_THAT(tallies_report(r.table(), weekly, {1, 1})["error"].get<std::string>(), Catch::Contains("by month"));
  ReportOptions mid_month;
  mid_month.filters.from_day = days_from_civil(2024, 1, 15);
  CHECK_THAT(tallies_report(r.table(), mid_month, {1, 1})["error"].get<std::string>(), Catch::Contains("cut through"));
  ReportOptions unknown;
  unknown.filters.where.push_back({"Plan", true, "Pro"});
  CHECK_THAT(tallies_report(r.table(), unknown, {1, 1})["error"].get<std::string>(), Catch::Contains("'Plan'"));
}

TEST_CASE("tally builder: rows to groups, rejected records in the undated blank group", "[tallies]") {
  auto parsed = options_from_json({{"segments", {"Plan"}}});
  REQUIRE(parsed.error.empty());
  TallyBuilder builder(Period::month);
  IngestPipeline pipeline(parsed.ingest, builder);
  REQUIRE(pipeline.feed("Score,Date,Plan\n9,2024-01-05,Pro\n3,2024-01-20,Pro\n,2024-02-02,Free\nten,2024-02-02,Free\n7,,\n"));
  REQUIRE(pipeline.finish());
  const auto t = builder.table();
  CHECK(t.groups.size() == 3);
  const auto& jan = t.groups.at({days_from_civil(2024, 1, 1), {"Pro"}});
  CHECK(jan.scores.counts[9] == 1);
  CHECK(jan.scores.counts[3] == 1);
  CHECK(t.groups.at({days_from_civil(2024, 2, 1), {"Free"}}).blank == 1);
  const auto& none = t.groups.at({std::nullopt, {""}});
  CHECK(none.rejected == 1);
  CHECK(none.scores.counts[7] == 1);
}

TEST_CASE("tallies: the same verdict whole or in chunks of any size (delimiter, BOM, quoted marker)", "[tallies]") {
  // Found by the tallies fuzzer: the delimiter was read from the first chunk, and a
  // chunk that ended inside "npskit_tallies" made a ';' file read as ','.
  const std::string semicolons =
      "npskit_tallies;period_unit;period;Country;s0;s1;s2;s3;s4;s5;s6;s7;s8;s9;s10;blank;rejected\n"
      "1;month;2024-01-01;DE;0;0;0;0;0;0;1;0;2;0;3;1;0\n";
  for (const std::string& text : {semicolons, std::string("\xEF\xBB\xBF") + semicolons, "\n  " + semicolons,
                                  std::string("\"npskit_tallies\"") + semicolons.substr(14)}) {
    const auto whole = read_all({text}, text.size());
    INFO(text);
    REQUIRE(whole.ok);
    REQUIRE(whole.table.groups.size() == 1);
    CHECK(whole.table.segments == std::vector<std::string>{"Country"});
    for (std::size_t chunk = 1; chunk <= 40; ++chunk) {
      INFO("chunk " << chunk);
      const auto piecewise = read_all({text}, chunk);
      REQUIRE(piecewise.ok);
      CHECK(piecewise.table.groups == whole.table.groups);
    }
  }
  // A wrong header is refused with the same message however it arrives.
  const std::string mixed = "npskit_tallies;period_&nit;period;s0,1\n1,week,2024-02-26,1\n";
  const auto whole = read_all({mixed}, mixed.size());
  REQUIRE_FALSE(whole.ok);
  for (std::size_t chunk = 1; chunk <= 20; ++chunk) CHECK(read_all({mixed}, chunk).error == whole.error);
}
