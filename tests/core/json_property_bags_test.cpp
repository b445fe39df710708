// Keys inside a property bag ("attributes", "properties", "person_properties", ...)
// are named by their own key, so a JSON file and a CSV export share a segment
// column ("Plan"); on a collision both columns keep their full dotted paths and
// `inspect` says why. One place decides it: JsonTable::names().
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/report/analyzer.hpp"
#include "core/ingest/json_reader.hpp"

using namespace npskit;

namespace {

std::vector<std::string> names_of(const std::string& document) {
  JsonTable table;
  const auto error = read_json_document(document, table, [](const JsonRecord&) {});
  REQUIRE(error.empty());
  std::vector<std::string> out;
  for (const auto& n : table.names()) out.push_back(n.name);
  return out;
}

using Names = std::vector<std::string>;

}  // namespace

TEST_CASE("property bags: a key inside a bag is named by its own key") {
  CHECK(names_of(R"([{"score":9,"attributes":{"Plan":"Pro","country":"DE"}}])") == Names{"score", "Plan", "country"});
  CHECK(names_of(R"([{"score":9,"person_properties":{"Plan":"Pro"}}])") == Names{"score", "Plan"});
  CHECK(names_of(R"([{"score":9,"properties":{"$geoip_country_code":"DE"}}])") == Names{"score", "$geoip_country_code"});
  for (const char* bag : {"user_properties", "custom_properties", "traits", "metadata", "hidden", "variables",
                          "contactAttributes"})
    CHECK(names_of(std::string(R"([{"score":9,")") + bag + R"(":{"Plan":"Pro"}}])") == Names{"score", "Plan"});
}

TEST_CASE("property bags: other objects keep their dotted paths") {
  CHECK(names_of(R"([{"answers":{"nps":9},"meta":{"plan":"Pro"}}])") == Names{"answers.nps", "meta.plan"});
  // A bag that holds a scalar is an ordinary column.
  CHECK(names_of(R"([{"score":9,"metadata":"x"}])") == Names{"score", "metadata"});
  // Case matters: "Attributes" is not a bag name.
  CHECK(names_of(R"([{"score":9,"Attributes":{"Plan":"Pro"}}])") == Names{"score", "Attributes.Plan"});
}

TEST_CASE("property bags: a name taken twice keeps the full paths of both") {
  // A top-level column of the same name.
  CHECK(names_of(R"([{"Plan":"Pro","attributes":{"Plan":"Free"}}])") == Names{"Plan", "attributes.Plan"});
  // Two bags with the same key.
  CHECK(names_of(R"([{"attributes":{"Plan":"Pro"},"properties":{"Plan":"Free","seats":3}}])") ==
        Names{"attributes.Plan", "properties.Plan", "seats"});
  // The clash may come from a later record: the names are decided for the file.
  CHECK(names_of(R"([{"attributes":{"Plan":"Pro"}},{"Plan":"Free"}])") == Names{"attributes.Plan", "Plan"});
  // A short name equal to another column's dotted path.
  CHECK(names_of(R"([{"meta":{"plan":"a"},"attributes":{"meta":{"plan":"b"}}}])") ==
        Names{"meta.plan", "attributes.meta.plan"});
}

TEST_CASE("property bags: nested bags and objects inside a bag") {
  // The innermost bag decides.
  CHECK(names_of(R"([{"score":9,"properties":{"person_properties":{"Plan":"Pro"}}}])") == Names{"score", "Plan"});
  // A bag below an ordinary object (Typeform's form_response.hidden).
  CHECK(names_of(R"([{"form_response":{"hidden":{"plan":"Pro"},"score":9}}])") ==
        Names{"plan", "form_response.score"});
  // An object inside a bag keeps its own dotted path below the bag.
  CHECK(names_of(R"([{"score":9,"attributes":{"address":{"city":"Berlin"}}}])") == Names{"score", "address.city"});
  // A key named like a bag inside a bag is a key, not a bag.
  CHECK(names_of(R"([{"score":9,"metadata":{"attributes":"x"}}])") == Names{"score", "attributes"});
}

TEST_CASE("property bags: arrays are one cell, named like any other key") {
  JsonTable table;
  std::vector<std::string> cells;
  const auto error = read_json_document(R"([{"score":9,"attributes":{"tags":["a","b"],"items":[{"properties":{"x":1}}]}}])",
                                        table, [&](const JsonRecord& r) {
                                          for (auto f : r.fields) cells.emplace_back(f);
                                        });
  REQUIRE(error.empty());
  Names names;
  for (const auto& n : table.names()) names.push_back(n.name);
  CHECK(names == Names{"score", "tags", "items"});
  CHECK(cells == Names{"9", R"(["a","b"])", R"([{"properties":{"x":1}}])"});
  // A bag inside an array is not flattened at all: the array is the cell.
  CHECK(names_of(R"([{"score":9,"responses":[{"attributes":{"Plan":"Pro"}}]}])") == Names{"score", "responses"});
}

TEST_CASE("property bags: NDJSON names the same way") {
  JsonTable table;
  NdjsonReader reader(table);
  std::vector<std::string> plans;
  auto sink = [&](const JsonRecord& r) { plans.emplace_back(r.fields.size() > 1 ? r.fields[1] : ""); };
  reader.feed("{\"score\":9,\"attributes\":{\"Plan\":\"Pro\"}}\n{\"score\":3,\"attributes\":{\"Plan\":\"Free\"}}\n", sink);
  reader.finish(sink);
  REQUIRE(table.names().size() == 2);
  CHECK(table.names()[1].name == "Plan");
  CHECK(plans == Names{"Pro", "Free"});
}

TEST_CASE("property bags: inspect names the column and says why") {
  Analyzer a(IngestOptions{}, ReportOptions{});
  REQUIRE(a.feed("{\"score\":9,\"Plan\":\"Pro\",\"attributes\":{\"Plan\":\"Free\",\"country\":\"DE\"}}\n"
                 "{\"score\":3,\"Plan\":\"Pro\",\"attributes\":{\"Plan\":\"Pro\",\"country\":\"US\"}}\n"));
  REQUIRE(a.finish());
  const auto cols = a.inspection(0)["columns"];
  REQUIRE(cols.size() == 4);
  CHECK(cols[1]["name"] == "Plan");
  CHECK(cols[2]["name"] == "attributes.Plan");
  CHECK(cols[2]["why"].get<std::string>().find("\"Plan\" is also the name of another column") != std::string::npos);
  CHECK(cols[3]["name"] == "country");
  CHECK(cols[3]["why"].get<std::string>().find("read from the JSON key \"attributes.country\"") != std::string::npos);
}

TEST_CASE("property bags: a segment chosen by its short name") {
  IngestOptions options;
  options.columns.segments = std::vector<std::string>{"Plan"};
  Analyzer a(options, ReportOptions{});
  REQUIRE(a.feed("{\"score\":9,\"attributes\":{\"Plan\":\"Pro\"}}\n{\"score\":3,\"attributes\":{\"Plan\":\"Free\"}}\n"
                 "{\"score\":10,\"attributes\":{\"Plan\":\"Pro\"}}\n"));
  REQUIRE(a.finish());
  const auto cols = a.inspection(0)["columns"];
  REQUIRE(cols.size() == 2);
  CHECK(cols[1]["name"] == "Plan");
  CHECK(cols[1]["role"] == "segment");
}
