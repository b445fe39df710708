// Layout: which column plays which role (score, date, comment, id, email, name,
// segments), how many header rows a file has, and role overrides by name.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "core/report/analyzer.hpp"
#include "core/analysis/options_json.hpp"
#include "core/ingest/layout.hpp"

using namespace npskit;
using ojson = nlohmann::ordered_json;

namespace {

struct Run {
  bool ok;
  std::string error;
  ojson report;      // when ok
  ojson inspection;  // when ok
};

Run run(const std::string& bytes, const nlohmann::json& options = nlohmann::json::object()) {
  auto parsed = options_from_json(options);
  REQUIRE(parsed.error.empty());
  Analyzer a(parsed.ingest, parsed.report);
  const bool ok = a.feed(bytes) && a.finish();
  if (!ok) return {false, a.error(), {}, {}};
  return {true, "", a.report(), a.inspection(5)};
}

std::string read_fixture(const std::string& name) {
  std::ifstream in(std::filesystem::path(NPSKIT_TEST_DATA) / name, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string role_of(const ojson& inspection, const std::string& column) {
  for (const auto& c : inspection["columns"])
    if (c["name"] == column) return c["role"];
  FAIL("no column " << column);
  return {};
}

// A table: header line, then `rows` records made by `row(i)`.
template <typename F>
std::string table(const std::string& header, int rows, F row) {
  std::string out = header + "\n";
  for (int i = 0; i < rows; ++i) out += row(i) + "\n";
  return out;
}

const char* kComments[] = {"Great support, fast answers", "Too expensive for what it does",
                           "The app crashes on login", "Easy to use and reliable"};
const char* kCountries[] = {"DE", "FR", "US", "JP"};

std::vector<std::string> segments_of(const ojson& report) {
  std::vector<std::string> out;
  for (const auto& s : report["columns"]["segments"]) out.push_back(s);
  return out;
}

}  // namespace

TEST_CASE("layout: score header words in several languages", "[layout]") {
  // Two columns hold 0-10 values; only the score column's header says so. The
  // other one ("Anzahl"/"count") must not be picked.
  const std::vector<std::pair<std::string, std::string>> headers = {
      {"en", "How likely are you to recommend us?"},
      {"de", "Wie wahrscheinlich ist es, dass Sie uns weiterempfehlen?"},
      {"fr", "Probabilité de recommandation"},
      {"es", "¿Qué probabilidad hay de que nos recomiende?"},
      {"it", "Quanto è probabile che ci consiglieresti?"},
      {"nl", "Hoe waarschijnlijk is het dat u ons aanbeveelt?"},
      {"pl", "Czy polecisz nas znajomym?"},
      {"sv", "Hur troligt är det att du rekommenderar oss?"},
      {"zh", "您向朋友推荐我们的可能性有多大？"},
      {"ja", "おすすめ度"},
      {"ko", "추천 의향"},
  };
  for (const auto& [lang, header] : headers) {
    INFO(lang << ": " << header);
    // The decoy comes first, so a pick by position or content alone would take it.
    const auto csv = table("count;\"" + header + "\";Land", 40, [](int i) {
      return std::to_string((i * 7) % 11) + ";" + std::to_string((i * 3) % 11) + ";" + kCountries[i % 4];
    });
    auto r = run(csv);
    REQUIRE(r.ok);
    CHECK(r.report["columns"]["score"] == header);
    CHECK(r.report["overall"]["n"] == 40);
  }
}

TEST_CASE("layout: comment and date header words in several languages", "[layout]") {
  const std::vector<std::pair<std::string, std::string>> comments = {
      {"Kommentar", "Datum"}, {"Pourquoi cette note ?", "Date de réponse"}, {"Motivo", "Fecha"},
      {"Why?", "Submitted At"}, {"Feedback", "created"}};
  for (const auto& [comment, date] : comments) {
    INFO(comment << " / " << date);
    const auto csv = table("Score," + comment + "," + date + ",Plan", 30, [](int i) {
      return std::to_string(i % 11) + ",\"" + kComments[i % 4] + "\",2024-0" + std::to_string(1 + i % 3) +
             "-1" + std::to_string(i % 10) + ",P" + std::to_string(i % 3);
    });
    auto r = run(csv);
    REQUIRE(r.ok);
    CHECK(r.report["columns"]["comment"] == comment);
    CHECK(r.report["columns"]["date"] == date);
    CHECK(segments_of(r.report) == std::vector<std::string>{"Plan"});
  }
}

TEST_CASE("layout: an ID column is never the score", "[layout]") {
  SECTION("an id holding 0-10 values beside a plain 0-10 column") {
    // "nps_id" even mentions "nps" and every value is 0-10; it is still an id.
    const auto csv = table("nps_id,value,Plan", 40, [](int i) {
      return std::to_string(i % 11) + "," + std::to_string((i * 5) % 11) + ",P" + std::to_string(i % 2);
    });
    auto r = run(csv);
    REQUIRE(r.ok);
    CHECK(r.report["columns"]["score"] == "value");
    CHECK(r.report["columns"]["id"] == "nps_id");
    CHECK(role_of(r.inspection, "nps_id") == "id");
  }
  SECTION("id names: ID, #, Respondent ID, user_id") {
    for (std::string id : {"ID", "#", "Respondent ID", "user_id", "Response ID"}) {
      INFO(id);
      const auto csv = table("\"" + id + "\",Score,Plan", 30, [](int i) {
        return std::to_string(1 + i % 10) + "," + std::to_string((i * 3) % 11) + ",P" + std::to_string(i % 2);
      });
      auto r = run(csv);
      REQUIRE(r.ok);
      CHECK(r.report["columns"]["score"] == "Score");
      CHECK(r.report["columns"]["id"] == id);
    }
  }
  SECTION("when only an id holds 0-10 values, there is no score column") {
    const auto csv = table("Respondent ID,Country", 30, [](int i) {
      return std::to_string(i % 11) + "," + kCountries[i % 4];
    });
    auto r = run(csv);
    CHECK_FALSE(r.ok);
    CHECK(r.error == kNoScoreColumnError);
  }
}

TEST_CASE("layout: a column without a score header needs clean 0-10 content", "[layout]") {
  SECTION("0-10 values under a neutral header are found by content") {
    const auto csv = table("q7,Country", 40, [](int i) { return std::to_string((i * 7) % 11) + "," + kCountries[i % 4]; });
    auto r = run(csv);
    REQUIRE(r.ok);
    CHECK(r.report["columns"]["score"] == "q7");
  }
  SECTION("ages (mostly > 10) are not a score") {
    const auto csv = table("age,Country", 40, [](int i) { return std::to_string(18 + i) + "," + kCountries[i % 4]; });
    auto r = run(csv);
    CHECK_FALSE(r.ok);
    CHECK(r.error == kNoScoreColumnError);
  }
}

TEST_CASE("layout: no score column: analyze fails in plain words, inspect still lists every column", "[layout][notices]") {
  const auto csv = table("Name,Comment,Country", 20, [](int i) {
    return std::string("Person ") + std::to_string(i) + ",\"" + kComments[i % 4] + "\"," + kCountries[i % 4];
  });
  auto r = run(csv);
  REQUIRE_FALSE(r.ok);
  // Words for a marketer: no command-line flag (the CLI prints its own hint).
  CHECK(r.error == "No column holds 0-10 scores. Choose the score column.");
  CHECK(r.error.find("--") == std::string::npos);

  Analyzer a(IngestOptions{}, ReportOptions{});
  CHECK_FALSE((a.feed(csv) && a.finish()));
  CHECK(a.no_score_column());
  const auto ins = a.inspection(3);
  CHECK(ins["error"] == r.error);
  REQUIRE(ins["columns"].size() == 3);
  for (const auto& c : ins["columns"]) {
    CHECK(c["role"] != "score");
    CHECK(c["header"].size() == 1);
  }
  CHECK(ins["columns"][0]["name"] == "Name");
  CHECK(ins["records"].size() == 3);
  CHECK(ins["records"][0]["fields"]["Country"] == "DE");
  REQUIRE(ins["notices"].size() >= 1);
  CHECK(ins["notices"][0]["code"] == "no_score_column");
  CHECK(ins["notices"][0]["fix"] == "pick_score");
  CHECK(ins["notices"][0]["role"] == "score");
  CHECK(ins["notices"][0]["message"] == r.error);

  // Naming the column makes the same file usable.
  auto named = run(csv, {{"score", "Country"}});
  REQUIRE(named.ok);  // "DE" is not a score: every row is rejected, and the report says so
  CHECK(named.report["rows"]["rejected"] == 20);
  CHECK(named.report["notices"][0]["code"] == "rejected_rows");
  CHECK(named.report["notices"][0]["count"] == 20);
  CHECK(named.report["notices"][0]["fix"] == "show_rejections");
}

TEST_CASE("layout: extra header rows", "[layout][header]") {
  SECTION("SurveyMonkey: 2 header rows") {
    auto r = run(read_fixture("surveymonkey.csv"));
    REQUIRE(r.ok);
    CHECK(r.report["source"]["header_rows"] == 2);
    CHECK(r.inspection["header_rows"].size() == 2);
    CHECK(r.inspection["header_rows"][1]["line"] == 2);
    // The first data record is on line 3, not the "Response" row.
    CHECK(r.inspection["records"][0]["line"] == 3);
    // Names come from the first header row.
    CHECK(r.report["columns"]["score"] ==
          "How likely is it that you would recommend Acme to a friend or colleague?");
  }
  SECTION("Qualtrics: 3 header rows (short names, question texts, ImportId)") {
    auto r = run(read_fixture("qualtrics.csv"));
    REQUIRE(r.ok);
    CHECK(r.report["source"]["header_rows"] == 3);
    CHECK(r.inspection["header_rows"].size() == 3);
    CHECK(r.inspection["records"][0]["line"] == 4);
    // Q1 (0-10) and not the decoy Q1_NPS_GROUP (1-3), though both ask "how likely ... recommend".
    CHECK(r.report["columns"]["score"] == "Q1");
    CHECK(role_of(r.inspection, "Q1_NPS_GROUP") != "score");
  }
  SECTION("a plain file has 1 header row, even when its first record looks unusual") {
    auto r = run(read_fixture("delighted.csv"));
    REQUIRE(r.ok);
    CHECK(r.report["source"]["header_rows"] == 1);
    CHECK(r.inspection["records"][0]["line"] == 2);
  }
  SECTION("a synthetic second header row under typed columns") {
    std::string csv = "Score,Date,Region\nResponse,Open-Ended Response,Response\n";
    for (int i = 0; i < 20; ++i)
      csv += std::to_string(i % 11) + ",2024-03-0" + std::to_string(1 + i % 9) + "," + kCountries[i % 4] + "\n";
    auto r = run(csv);
    REQUIRE(r.ok);
    CHECK(r.report["source"]["header_rows"] == 2);
    CHECK(r.report["rows"]["read"] == 20);  // header rows are not records
    CHECK(r.report["rows"]["rejected"] == 0);
  }
  SECTION("JSON has no header rows") {
    auto r = run(read_fixture("responses.json"));
    REQUIRE(r.ok);
    CHECK(r.report["source"]["header_rows"] == 0);
  }
}

TEST_CASE("layout: overrides", "[layout][overrides]") {
  // Two plausible scores: "Score" (detected by its header) and "q2".
  const auto csv = table("id,Score,q2,When,Note,Country,Plan", 40, [](int i) {
    return "r" + std::to_string(i) + "," + std::to_string(i % 11) + "," + std::to_string((i * 3) % 11) +
           ",2024-0" + std::to_string(1 + i % 3) + "-15,\"" + kComments[i % 4] + "\"," + kCountries[i % 4] +
           ",P" + std::to_string(i % 2);
  });
  SECTION("detected without overrides") {
    auto r = run(csv);
    REQUIRE(r.ok);
    CHECK(r.report["columns"]["score"] == "Score");
    CHECK(r.report["columns"]["date"] == "When");
  }
  SECTION("score by name, also case-insensitively") {
    for (std::string name : {"q2", "Q2"}) {
      auto r = run(csv, {{"score", name}});
      REQUIRE(r.ok);
      CHECK(r.report["columns"]["score"] == "q2");
      CHECK(role_of(r.inspection, "q2") == "score");
      CHECK(role_of(r.inspection, "Score") != "score");
    }
  }
  SECTION("an empty override switches a role off") {
    auto r = run(csv, {{"date", ""}});
    REQUIRE(r.ok);
    CHECK(r.report["columns"]["date"].is_null());
    CHECK(r.report["trend"]["points"].empty());
    CHECK(r.report["rows"]["date_missing"] == 40);
  }
  SECTION("segments by name replace detection") {
    auto r = run(csv, {{"segments", {"Plan"}}});
    REQUIRE(r.ok);
    CHECK(segments_of(r.report) == std::vector<std::string>{"Plan"});
    CHECK(r.report["segments"].size() == 1);
  }
  SECTION("an unknown column is an error naming the column") {
    for (const char* role : {"score", "date", "comment", "id", "email", "name"}) {
      INFO(role);
      auto r = run(csv, {{role, "Nope Column"}});
      REQUIRE_FALSE(r.ok);
      CHECK(r.error.find("'Nope Column'") != std::string::npos);
      CHECK(r.error.find("'Score'") != std::string::npos);  // and lists the columns there are
    }
    auto r = run(csv, {{"segments", {"Plan", "Tier"}}});
    REQUIRE_FALSE(r.ok);
    CHECK(r.error.find("'Tier'") != std::string::npos);
  }
  SECTION("a filter or cross on a column that is not a segment is an error naming it") {
    auto r = run(csv, {{"filters", {{"where", {{{"column", "Colour"}, {"value", "red"}}}}}}});
    REQUIRE_FALSE(r.ok);
    CHECK(r.error.find("'Colour'") != std::string::npos);
    auto c = run(csv, {{"cross", {"Country", "Colour"}}});
    REQUIRE_FALSE(c.ok);
    CHECK(c.error.find("cross") != std::string::npos);
  }
}

TEST_CASE("layout: segments exclude ids, e-mails, dates, comments and the score", "[layout][segments]") {
  // Every column below has only 4 distinct values, repeated: by cardinality alone
  // each could be a segment. Only Country and Plan are.
  const auto csv = table("user_id,Email,Score,Submitted At,Comment,Country,Plan,Category", 60, [](int i) {
    const int k = i % 4;
    static const char* cat[] = {"detractor", "passive", "promoter"};
    const int score = (i * 7) % 11;
    return "u" + std::to_string(k) + ",person" + std::to_string(k) + "@example.com," + std::to_string(score) +
           ",2024-0" + std::to_string(1 + k) + "-0" + std::to_string(1 + k) + " 10:00,\"" + kComments[k] + "\"," +
           kCountries[(i / 2) % 4] + ",P" + std::to_string(i % 3) + "," + cat[score >= 9 ? 2 : score >= 7 ? 1 : 0];
  });
  auto r = run(csv);
  REQUIRE(r.ok);
  CHECK(segments_of(r.report) == std::vector<std::string>{"Country", "Plan"});
  CHECK(r.report["columns"]["id"] == "user_id");
  CHECK(r.report["columns"]["email"] == "Email");
  CHECK(r.report["columns"]["date"] == "Submitted At");
  CHECK(r.report["columns"]["comment"] == "Comment");
  CHECK(role_of(r.inspection, "Category") == "ignored");  // derived from the score: no news in it
}

TEST_CASE("layout: high-cardinality and blank columns are not segments", "[layout][segments]") {
  const auto csv = table("Score,Ref,Empty,Country", 60, [](int i) {
    return std::to_string(i % 11) + ",X" + std::to_string(i * 13) + ",," + kCountries[i % 4];
  });
  auto r = run(csv);
  REQUIRE(r.ok);
  CHECK(segments_of(r.report) == std::vector<std::string>{"Country"});
}

TEST_CASE("layout: detect_layout directly", "[layout][unit]") {
  // JSON-style input: names given, no header rows.
  std::vector<SampleRecord> sample;
  for (int i = 0; i < 30; ++i)
    sample.push_back({static_cast<std::uint64_t>(i + 1),
                      {std::to_string(i % 11), kCountries[i % 4], "2024-02-1" + std::to_string(i % 10) + "T10:00:00Z"},
                      false, ""});
  const std::vector<std::string> names = {"answers.nps", "meta.country", "submitted_at"};
  const auto res = detect_layout(sample, false, names, {});
  REQUIRE(res.error.empty());
  const auto& L = res.layout;
  CHECK(L.header_rows == 0);
  REQUIRE(L.columns.size() == 3);
  CHECK(L.score == 0);
  CHECK(L.date == 2);
  CHECK(L.segments == std::vector<int>{1});
  CHECK(L.columns[0].role == Role::score);
  CHECK_FALSE(L.columns[0].why.empty());  // inspect explains every role
  CHECK(std::string(role_name(Role::segment)) == "segment");

  SECTION("duplicate header names are made unique") {
    std::vector<SampleRecord> s = {{1, {"Score", "Country", "Country"}, false, ""}};
    for (int i = 0; i < 20; ++i) s.push_back({static_cast<std::uint64_t>(i + 2), {std::to_string(i % 11), "DE", "FR"}, false, ""});
    const auto r = detect_layout(s, true, {}, {});
    REQUIRE(r.error.empty());
    CHECK(r.layout.columns[1].name == "Country");
    CHECK(r.layout.columns[2].name == "Country (2)");
  }
}
