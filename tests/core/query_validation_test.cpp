// Typed errors and validated options (issue 12, section 3): every session query
// field and every CLI number is checked by one reader, and a bad one gives the
// reader's message naming the field, never an exception or a silent default.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/cli_args.hpp"
#include "core/analysis/options_json.hpp"
#include "core/report/session.hpp"

using namespace npskit;
using nlohmann::json;

namespace {

Session& loaded_session() {
  static Session s = [] {
    Session session(IngestOptions{});
    session.begin_file("a.csv");
    session.feed("score,comment,plan,email\n9,fast delivery,Pro,a@x.org\n3,slow support,Free,b@x.org\n");
    REQUIRE(session.end_file());
    return session;
  }();
  return s;
}

std::string error_of(const nlohmann::ordered_json& answer) {
  return answer.contains("error") ? answer["error"].get<std::string>() : std::string();
}

}  // namespace

TEST_CASE("queries: wrongly typed fields are refused with the field named, by every session call") {
  auto& s = loaded_session();
  const std::vector<std::pair<json, std::string>> cases = {
      {{{"latestPerPerson", nullptr}}, ""},  // null means "default"
      {{{"latestPerPerson", 1}}, "query field 'latestPerPerson' must be true or false"},
      {{{"withComment", 1}}, "query field 'withComment' must be true or false"},
      {{{"insights", "true"}}, "query field 'insights' must be true or false"},
      {{{"offset", -1}}, "query field 'offset' must be a whole number from 0 to 4294967295"},
      {{{"offset", 1.5}}, "query field 'offset' must be a whole number from 0 to 4294967295"},
      {{{"limit", 20'000}}, "query field 'limit' must be a whole number from 0 to 10000"},
      {{{"limit", "10"}}, "query field 'limit' must be a whole number from 0 to 10000"},
      {{{"category", 2}}, "query field 'category' must be detractor, passive or promoter"},
      {{{"category", "fans"}}, "query field 'category' must be detractor, passive or promoter"},
      {{{"search", json::array()}}, "query field 'search' must be a string"},
      {{{"sentiment", true}}, "query field 'sentiment' must be positive, neutral or negative"},
      {{{"theme", 3}}, "query field 'theme' must be a string"},
      {{{"period", "year"}}, "query field 'period' must be day, week, month or quarter"},
      {{{"confidence", 1.5}}, "query field 'confidence' must be a number between 0 and 1, like 0.95"},
      {{{"maxRejections", 1e20}}, "query field 'maxRejections' must be a whole number from 0 to 100000"},
      {{{"filters", {{"from", 20240101}}}}, "query field 'filters.from' must be a date like 2024-01-31"},
      {{{"filters", {{"where", {{{"column", "plan"}, {"value", 1}}}}}}}, "query field 'filters.where[].value' must be a string"},
      {{{"filters", {{"when", 1}}}}, "unknown query field 'filters.when'"},
      {{{"segments", "plan"}}, "query field 'segments' must be a list of column names"},
      {{{"score", "x"}}, "unknown query field 'score'"},
      {{{"utcOffset", "+01:00"}}, "unknown query field 'utcOffset'"},
      {json::array(), "a query must be an object"},
  };
  for (const auto& [query, expected] : cases) {
    INFO(query.dump());
    CHECK(error_of(s.report(query)) == expected);
    CHECK(error_of(s.rows(query)) == expected);
    CHECK(error_of(s.comments(query)) == expected);
    CHECK(error_of(s.themes(query)) == expected);
  }
  // Good values still work.
  const auto page = s.rows({{"withComment", true}, {"limit", 1}, {"offset", 1}, {"category", "detractor"}});
  CHECK(page["total"] == 1);
  CHECK(page["rows"].size() == 0);
  CHECK(s.rows({{"limit", 10'000}})["rows"].size() == 2);
}

TEST_CASE("options: the analysis options use the same reader and message style") {
  CHECK(options_from_json({{"confidence", std::nan("")}}).error ==
        "option 'confidence' must be a number between 0 and 1, like 0.95");
  CHECK(options_from_json({{"maxRejections", 1e20}}).error == "option 'maxRejections' must be a whole number from 0 to 100000");
  CHECK(options_from_json({{"maxRejections", 100.0}}).report.max_rejections == 100);
  CHECK(options_from_json({{"score", 3}}).error == "option 'score' must be a column name (a string)");
  CHECK(options_from_json({{"nope", 3}}).error == "unknown option 'nope'");
  CHECK(options_from_json({{"comments", "yes"}}).error == "option 'comments' must be true or false");
  CHECK(options_from_json({{"utcOffset", "noon"}}).error == "option 'utcOffset' must be an offset like +05:30 or -08:00");
  CHECK(options_from_json({{"filters", {{"where", {{{"column", "a"}, {"value", "b"}, {"op", "gt"}}}}}}}).error ==
        "option 'filters.where[].op' must be \"eq\" or \"ne\", not 'gt'");
  const auto ok = options_from_json({{"confidence", 0.9}, {"filters", {{"where", {{{"column", "a"}, {"value", "b"}}}}}}});
  CHECK(ok.error.empty());
  CHECK(ok.report.confidence == 0.9);
  REQUIRE(ok.report.filters.where.size() == 1);
  CHECK(ok.report.filters.where[0].equals);
}

namespace {
cli::Command run(std::vector<std::string> args) {
  args.insert(args.begin(), "npskit");
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  return cli::parse_args(static_cast<int>(argv.size()), argv.data());
}
}  // namespace

TEST_CASE("cli: every number is parsed once and range-checked (no NaN or overflow reaches a cast)") {
  CHECK(run({"analyze", "f.csv", "--confidence", "nan"}).error ==
        "option --confidence needs a number between 0 and 1 (like 0.95), not 'nan'");
  CHECK(run({"analyze", "f.csv", "--confidence", "inf"}).error.find("not 'inf'") != std::string::npos);
  CHECK(run({"analyze", "f.csv", "--confidence", "1"}).error.find("between 0 and 1") != std::string::npos);
  CHECK(run({"analyze", "f.csv", "--confidence", "0.9x"}).error.find("not '0.9x'") != std::string::npos);
  CHECK(run({"analyze", "f.csv", "--max-rejections", "1e20"}).error ==
        "option --max-rejections needs a whole number from 0 to 100000, not '1e20'");
  CHECK(run({"analyze", "f.csv", "--max-rejections", "99999999999999999999999"}).error.find("from 0 to 100000") !=
        std::string::npos);
  CHECK(run({"analyze", "f.csv", "--max-rejections", "-1"}).error.find("not '-1'") != std::string::npos);
  CHECK(run({"analyze", "f.csv", "--max-rejections", ""}).error.find("not ''") != std::string::npos);
  CHECK(run({"inspect", "f.csv", "--records", "1001"}).error == "option --records needs a whole number from 0 to 1000, not '1001'");

  const auto good = run({"analyze", "f.csv", "--confidence", "0.9", "--max-rejections", "100000"});
  CHECK(good.error.empty());
  CHECK(good.options["confidence"] == 0.9);
  CHECK(good.options["maxRejections"] == 100'000);
  // What the CLI builds, the one options reader accepts.
  CHECK(options_from_json(good.options).error.empty());
  CHECK(run({"inspect", "f.csv", "--records", "1000"}).records == 1000);

  CHECK(cli::parse_whole("18446744073709551616", UINT64_MAX) == std::nullopt);  // 2^64
  CHECK(cli::parse_whole("42", 42) == 42u);
  CHECK(cli::parse_fraction("0.5") == 0.5);
  CHECK(cli::parse_fraction("-nan") == std::nullopt);
}
