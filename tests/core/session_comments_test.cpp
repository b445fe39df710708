// The dashboard session's comment analytics: session.comments(query) equals the
// streaming report's "comments" section, rows(query) with insights and the theme /
// keyphrase / sentiment filters, user themes, and UTF-16 highlight offsets.
#include <catch2/catch.hpp>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/report/analyzer.hpp"
#include "core/analysis/options_json.hpp"
#include "core/report/session.hpp"
#include "support.hpp"

using namespace npskit;
using nlohmann::json;
using ojson = nlohmann::ordered_json;

namespace {

const std::string kCsv =
    "id,score,date,country,comment\n"
    "r1,2,2025-01-03,DE,\"Delivery was late again, very slow shipping\"\n"
    "r2,3,2025-01-04,DE,\"Support never answered, awful\"\n"
    "r3,10,2025-01-05,FR,\"Great prices and fast delivery!\"\n"
    "r4,9,2025-02-01,FR,\"Love the app, easy checkout\"\n"
    "r5,8,2025-02-02,DE,\n"
    "r6,1,2025-02-03,FR,\"Too expensive, the price went up\"\n"
    "r7,6,2025-02-04,DE,\"Late delivery, late delivery, always late delivery\"\n"
    "r8,10,2025-03-01,FR,\"Support team was wonderful\"\n"
    "r9,4,2025-03-02,DE,\"Livraison très lente 😡 — expédition énorme\"\n"
    "r10,7,2025-03-03,FR,\"ok\"\n"
    "r11,,2025-03-04,FR,\"blank score, not counted\"\n";

std::unique_ptr<Session> open_session(const std::string& bytes) {
  auto parsed = options_from_json(json::object());
  REQUIRE(parsed.error.empty());
  auto s = std::make_unique<Session>(parsed.ingest);
  s->begin_file("a.csv");
  test::feed_in_chunks(bytes, 7, [&](std::string_view piece) { s->feed(piece); });
  REQUIRE(s->end_file());
  return s;
}

ojson stream_comments(const std::string& bytes, const json& options) {
  auto parsed = options_from_json(options);
  REQUIRE(parsed.error.empty());
  Analyzer a(parsed.ingest, parsed.report);
  REQUIRE(a.feed(bytes));
  REQUIRE(a.finish());
  auto report = a.report();
  REQUIRE(report.contains("comments"));
  return report["comments"];
}

// UTF-16 length of UTF-8 text (what a JS string's length says).
std::size_t utf16_length(std::string_view s) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if ((c & 0xC0) != 0x80) n += c >= 0xF0 ? 2 : 1;
  }
  return n;
}

}  // namespace

TEST_CASE("session.comments equals the streaming report's comments section") {
  auto s = open_session(kCsv);
  CHECK(s->comments(json::object()) == stream_comments(kCsv, {{"comments", true}}));
  // With a period, confidence and a filter.
  json q = {{"period", "quarter"}, {"confidence", 0.9},
            {"filters", {{"where", json::array({{{"column", "country"}, {"op", "eq"}, {"value", "DE"}}})}}}};
  json opts = q;
  opts["comments"] = true;
  const auto got = s->comments(q);
  CHECK(got == stream_comments(kCsv, opts));
  CHECK(got["responses"] == 5);  // DE rows with a score
  // Date filter.
  json dated = {{"filters", {{"from", "2025-02-01"}, {"to", "2025-02-28"}}}};
  json dated_opts = dated;
  dated_opts["comments"] = true;
  CHECK(s->comments(dated) == stream_comments(kCsv, dated_opts));
}

TEST_CASE("session.comments with user themes, cached while unchanged") {
  auto s = open_session(kCsv);
  const json themes = {{"themes", json::array({{{"name", "speed"}, {"label", "Speed"}, {"terms", {"slow", "fast", "lente"}}},
                                               {{"name", "support"}, {"label", "Helpdesk"}}})}};
  const auto got = s->comments({{"themes", themes}});
  CHECK(got == stream_comments(kCsv, {{"themes", themes}}));
  const auto& list = got["themes"];
  const auto speed = std::find_if(list.begin(), list.end(), [](const auto& t) { return t["name"] == "speed"; });
  REQUIRE(speed != list.end());
  CHECK((*speed)["mentions"] == 3);  // slow, fast, lente
  const auto support = std::find_if(list.begin(), list.end(), [](const auto& t) { return t["name"] == "support"; });
  REQUIRE(support != list.end());
  CHECK((*support)["label"] == "Helpdesk");
  // Same again (cached dictionary), then back to the built-in ones: no leftovers.
  CHECK(s->comments({{"themes", themes}}) == got);
  const auto builtin = s->comments(json::object());
  for (const auto& t : builtin["themes"]) CHECK(t["name"] != "speed");
  CHECK(s->themes({{"themes", themes}})["themes"].back()["name"] == "speed");
  // A bad theme document is an error, not a crash.
  CHECK(s->comments({{"themes", {{"themes", json::array({{{"label", "no name"}}})}}}}).contains("error"));
  CHECK(s->rows({{"theme", "speed"}}).contains("error"));  // not in the built-in themes
}

TEST_CASE("session.rows with insights and theme / keyphrase / sentiment filters") {
  auto s = open_session(kCsv);
  SECTION("theme filter keeps the rows mentioning it, spans mark the words") {
    const auto res = s->rows({{"theme", "delivery"}, {"insights", true}});
    REQUIRE(res["total"] == 4);  // r1, r3, r7, r9 (livraison)
    for (const auto& row : res["rows"]) {
      const auto comment = row["comment"].get<std::string>();
      const auto& in = row["insights"];
      CHECK(std::find(in["themes"].begin(), in["themes"].end(), "delivery") != in["themes"].end());
      bool marked = false;
      for (const auto& sp : in["spans"]) {
        CHECK(sp["begin"].get<std::size_t>() < sp["end"].get<std::size_t>());
        CHECK(sp["end"].get<std::size_t>() <= utf16_length(comment));
        marked = marked || sp["theme"] == "delivery";
      }
      CHECK(marked);
    }
  }
  SECTION("the theme count equals the comments section's mentions") {
    const auto section = s->comments(json::object());
    for (const auto& t : section["themes"]) {
      INFO(t["name"]);
      CHECK(s->rows({{"theme", t["name"]}, {"limit", 0}})["total"] == t["mentions"]);
    }
    CHECK(s->rows({{"sentiment", "negative"}, {"limit", 0}})["total"] == section["sentiment"]["negative"]);
    CHECK(s->rows({{"sentiment", "positive"}, {"limit", 0}})["total"] == section["sentiment"]["positive"]);
  }
  SECTION("keyphrase filter and its spans") {
    const auto res = s->rows({{"keyphrase", "Late Delivery"}, {"insights", true}});
    REQUIRE(res["total"] == 1);  // r7 ("Delivery was late" is not the phrase)
    const auto& row = res["rows"][0];
    CHECK(row["id"] == "r7");
    const auto& ks = row["insights"]["keyphrase_spans"];
    REQUIRE(ks.size() == 3);
    const auto comment = row["comment"].get<std::string>();
    CHECK(comment.substr(ks[0]["begin"], ks[0]["end"].get<std::size_t>() - ks[0]["begin"].get<std::size_t>()) == "Late delivery");
    CHECK(s->rows({{"keyphrase", "   "}}).contains("error"));
  }
  SECTION("sentiment filter and sentiment output") {
    const auto res = s->rows({{"sentiment", "positive"}, {"insights", true}});
    REQUIRE(res["total"].get<int>() >= 2);
    for (const auto& row : res["rows"]) {
      CHECK(row["insights"]["sentiment"]["label"] == "positive");
      CHECK(row["insights"]["sentiment"]["compound"].get<double>() >= 0.05);
    }
    CHECK(s->rows({{"sentiment", "happy"}}).contains("error"));
    CHECK(s->rows({{"theme", "nope"}}).contains("error"));
  }
  SECTION("filters combine with category and segment filters") {
    const auto res = s->rows({{"theme", "delivery"}, {"category", "promoter"}});
    REQUIRE(res["total"] == 1);
    CHECK(res["rows"][0]["id"] == "r3");
    json q = {{"theme", "delivery"}, {"filters", {{"where", json::array({{{"column", "country"}, {"value", "DE"}}})}}}};
    CHECK(s->rows(q)["total"] == 3);
  }
  SECTION("without insights rows are as before") {
    const auto res = s->rows({{"limit", 3}});
    for (const auto& row : res["rows"]) CHECK_FALSE(row.contains("insights"));
  }
}

TEST_CASE("highlight offsets are UTF-16 indexes for non-ASCII comments") {
  // An emoji (2 UTF-16 units, 4 bytes) and 2- and 3-byte characters before "expédition".
  auto s = open_session(kCsv);
  const auto res = s->rows({{"theme", "delivery"}, {"insights", true}, {"filters", {{"from", "2025-03-02"}, {"to", "2025-03-02"}}}});
  REQUIRE(res["total"] == 1);
  const auto& row = res["rows"][0];
  const auto comment = row["comment"].get<std::string>();
  // Expected UTF-16 indexes computed from the known text.
  const std::string before_exp = "Livraison très lente 😡 — ";
  const std::size_t exp_at = utf16_length(before_exp);
  bool saw_livraison = false, saw_exp = false;
  for (const auto& sp : row["insights"]["spans"]) {
    const auto b = sp["begin"].get<std::size_t>(), e = sp["end"].get<std::size_t>();
    if (sp["text"] == "Livraison") {
      saw_livraison = true;
      CHECK(b == 0);
      CHECK(e == 9);
    }
    if (sp["text"] == "expédition") {
      saw_exp = true;
      CHECK(b == exp_at);
      CHECK(e == exp_at + 10);  // 10 UTF-16 units, 11 bytes
    }
  }
  CHECK(saw_livraison);
  CHECK(saw_exp);
}

TEST_CASE("the per-row insight cache gives the same answers as analyzing afresh") {
  auto fresh = open_session(kCsv);
  auto warm = open_session(kCsv);
  const json speed = {{"themes", json::array({{{"name", "speed"}, {"terms", {"slow", "fast", "lente"}}}})}};
  warm->comments(json::object());  // fills the cache for the built-in themes
  for (const auto* theme : {"delivery", "support", "price", "usability"})
    for (const auto* sentiment : {"", "negative", "positive"}) {
      json q = {{"theme", theme}, {"limit", 100}};
      if (*sentiment) q["sentiment"] = sentiment;
      INFO(q.dump());
      const auto a = fresh->rows(q), b = warm->rows(q), c = warm->rows(q);
      CHECK(a == b);
      CHECK(b == c);
    }
  // Other themes: the cache starts again (no stale bits), and back.
  CHECK(warm->rows({{"theme", "speed"}, {"themes", speed}})["total"] == 3);
  CHECK(warm->rows({{"theme", "delivery"}, {"limit", 0}}) == fresh->rows({{"theme", "delivery"}, {"limit", 0}}));
  // A filtered comments() pass caches only the kept rows; the rest are analyzed on demand.
  auto part = open_session(kCsv);
  part->comments({{"filters", {{"where", json::array({{{"column", "country"}, {"value", "FR"}}})}}}});
  CHECK(part->rows({{"theme", "delivery"}, {"limit", 0}})["total"] == 4);
}

TEST_CASE("the keyphrase cache gives the same pages as a fresh session") {
  auto warm = open_session(kCsv);
  // Alternate phrases, pages and combined filters on one session; each answer must
  // equal a fresh session's (no stale rows kept from the previous phrase).
  const std::vector<json> queries = {
      {{"keyphrase", "late delivery"}, {"limit", 1}},
      {{"keyphrase", "late delivery"}, {"limit", 1}, {"offset", 1}},
      {{"keyphrase", "late delivery"}, {"sentiment", "negative"}},
      {{"keyphrase", "support"}, {"insights", true}},
      {{"keyphrase", "late delivery"}, {"theme", "delivery"}, {"insights", true}},
      {{"keyphrase", "livraison"}, {"category", "detractor"}},
  };
  for (int round = 0; round < 2; ++round)
    for (const auto& q : queries) {
      INFO(q.dump());
      CHECK(warm->rows(q) == open_session(kCsv)->rows(q));
    }
  CHECK(warm->rows({{"keyphrase", "late delivery"}})["total"] == 1);  // r7 ("Delivery was late" is another phrase)
}

TEST_CASE("a size hint (reserving memory once) changes no answer, even when it is wrong") {
  // > 2 MB, so that the session extrapolates from its first 2 MB.
  std::string csv = "id,score,date,country,comment\n";
  for (int i = 0; csv.size() < (3u << 20); ++i)
    csv += "r" + std::to_string(i % 40000) + "," + std::to_string(i % 11) + ",2025-0" + std::to_string(1 + i % 9) +
           "-1" + std::to_string(i % 10) + "," + (i % 3 ? "DE" : "FR") + ",\"late delivery, slow shipping " +
           std::to_string(i) + "\"\n";
  auto open_hinted = [&](std::uint64_t hint) {
    auto parsed = options_from_json(json::object());
    auto s = std::make_unique<Session>(parsed.ingest);
    s->begin_file("a.csv", hint);
    test::feed_in_chunks(csv, 65536, [&](std::string_view piece) { s->feed(piece); });
    REQUIRE(s->end_file());
    return s;
  };
  auto plain = open_hinted(0);
  const json q = {{"segments", {"country"}}, {"period", "month"}};
  const auto want = plain->report(q);
  CHECK(want["rows"]["duplicates"].get<int>() > 0);  // ids repeat: the id table is exercised
  for (std::uint64_t hint : {std::uint64_t{csv.size()}, std::uint64_t{csv.size()} * 40, std::uint64_t{csv.size()} / 2 + 1}) {
    INFO(hint);
    auto s = open_hinted(hint);
    CHECK(s->report(q) == want);
    CHECK(s->rows({{"limit", 5}, {"offset", 1000}}) == plain->rows({{"limit", 5}, {"offset", 1000}}));
  }
}

TEST_CASE("the insight cache and a blank-score row between commented rows") {
  // Rows without a valid score are in neither comments() nor rows(); the cached
  // sentiment, compound and themes of their neighbours must still be their own.
  const std::string csv =
      "id,score,date,comment\n"
      "a,2,2025-01-03,\"Terrible, late delivery\"\n"
      "b,,2025-01-04,\"Wonderful support team, great help\"\n"
      "c,9,2025-01-05,\"Fine\"\n";
  auto fresh = open_session(csv);
  auto warm = open_session(csv);
  warm->comments(json::object());
  for (const auto& q : {json{{"theme", "support"}}, json{{"theme", "delivery"}}, json{{"sentiment", "positive"}},
                        json{{"sentiment", "negative"}}}) {
    INFO(q.dump());
    CHECK(warm->rows(q) == fresh->rows(q));
  }
  CHECK(fresh->rows({{"theme", "delivery"}})["total"] == 1);
  CHECK(fresh->rows({{"theme", "support"}})["total"] == 0);  // only the blank-score row says "support"
  CHECK(warm->comments(json::object()) == fresh->comments(json::object()));
}

TEST_CASE("comments() from cached insights equals comments() analyzed afresh") {
  auto warm = open_session(kCsv);
  const json speed = {{"themes", json::array({{{"name", "speed"}, {"terms", {"slow", "fast", "lente"}}}})}};
  const std::vector<json> queries = {
      json::object(),
      {{"period", "week"}},
      {{"filters", {{"where", json::array({{{"column", "country"}, {"value", "DE"}}})}}}},
      {{"themes", speed}},
      json::object(),
  };
  for (int round = 0; round < 2; ++round)  // the second round runs on a warm cache
    for (const auto& q : queries) {
      INFO(round << " " << q.dump());
      CHECK(warm->comments(q) == open_session(kCsv)->comments(q));
    }
  // A rows() text filter fills the cache too; comments() after it still agrees.
  auto after_rows = open_session(kCsv);
  after_rows->rows({{"sentiment", "negative"}, {"limit", 1}});
  CHECK(after_rows->comments(json::object()) == open_session(kCsv)->comments(json::object()));
}
