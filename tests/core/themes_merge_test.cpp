// User theme JSON (issue 12, section 2): merging is one pass over the JSON, with
// the theme and term limits checked as the input arrives. The results are those
// of merging the themes one at a time (computed here by a plain reference merge).
#include <catch2/catch.hpp>

#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "core/text/themes.hpp"

using npskit::text::ThemeDictionary;
using nlohmann::json;

namespace {
// The documented rules (docs/comments.md), written out plainly for small inputs.
std::vector<std::pair<std::string, std::vector<std::string>>> reference(
    std::vector<std::pair<std::string, std::vector<std::string>>> themes, const json& doc) {
  for (const auto& item : doc["themes"]) {
    const std::string name = item["name"];
    auto it = std::find_if(themes.begin(), themes.end(), [&](const auto& t) { return t.first == name; });
    if (item.value("remove", false)) {
      if (it != themes.end()) themes.erase(it);
      continue;
    }
    if (it == themes.end()) {
      themes.push_back({name, {}});
      it = themes.end() - 1;
    } else if (item.value("replace", false)) {
      it->second.clear();
    }
    for (const auto& t : item.value("terms", json::array())) {
      const std::string term = t;
      if (std::find(it->second.begin(), it->second.end(), term) == it->second.end()) it->second.push_back(term);
    }
  }
  return themes;
}

std::vector<std::pair<std::string, std::vector<std::string>>> contents(const ThemeDictionary& d) {
  std::vector<std::pair<std::string, std::vector<std::string>>> out;
  for (const auto& t : d.themes()) out.push_back({t.name, t.terms});
  return out;
}
}  // namespace

TEST_CASE("theme JSON: repeated names, removes and replaces give the one-at-a-time result", "[text][themes]") {
  const json doc = {{"themes",
                     {{{"name", "a"}, {"terms", {"x", "y"}}},
                      {{"name", "b"}, {"terms", {"z"}}},
                      {{"name", "a"}, {"terms", {"y", "w"}}},
                      {{"name", "b"}, {"remove", true}},
                      {{"name", "b"}, {"terms", {"q"}}},
                      {{"name", "a"}, {"replace", true}, {"terms", {"w", "v"}}},
                      {{"name", "c"}, {"remove", true}},
                      {{"name", "price"}, {"terms", {"steep"}}}}}};
  ThemeDictionary d = ThemeDictionary::builtin();
  const auto expected = reference(contents(d), doc);
  REQUIRE(d.merge(doc).empty());
  CHECK(contents(d) == expected);
}

TEST_CASE("theme JSON: one theme repeated 200,000 times is merged once, quickly", "[text][themes]") {
  // Before: each repeat rebuilt the theme's term set: quadratic (1.5 MB took 69 s).
  json themes = json::array();
  for (int i = 0; i < 200'000; ++i) themes.push_back({{"name", "t"}, {"terms", {"same", "term" + std::to_string(i % 100)}}});
  ThemeDictionary d;
  REQUIRE(d.merge({{"themes", themes}}).empty());
  REQUIRE(d.size() == 1);
  CHECK(d.themes()[0].terms.size() == 101);
}

TEST_CASE("theme JSON: the limits are checked as the terms arrive", "[text][themes]") {
  json terms = json::array();
  for (int i = 0; i <= 10'000; ++i) terms.push_back("w" + std::to_string(i));
  ThemeDictionary d;
  CHECK(d.merge({{"themes", {{{"name", "big"}, {"terms", terms}}}}}).find("more than 10000 terms in all") != std::string::npos);
  CHECK(d.size() == 0);  // unchanged
  // A term past the limit is refused even if later items would remove terms again.
  json items = json::array();
  items.push_back({{"name", "big"}, {"terms", terms}});
  items.push_back({{"name", "big"}, {"remove", true}});
  const auto problem = d.merge({{"themes", items}});
  INFO(problem);
  INFO(items.dump().substr(0, 120));
  CHECK(problem.find("more than 10000 terms in all") != std::string::npos);
  json many = json::array();
  for (int i = 0; i <= 1'000; ++i) many.push_back({{"name", "t" + std::to_string(i)}});
  CHECK(d.merge({{"themes", many}}).find("more than 1000 themes") != std::string::npos);
  // Exactly at the limits: accepted.
  terms.erase(terms.end() - 1);
  CHECK(d.merge({{"themes", {{{"name", "big"}, {"terms", terms}}}}}).empty());
  CHECK(d.themes()[0].terms.size() == 10'000);
}
