// The survey JSON reader on hostile input (issue 12, section 2): limits checked
// as the input arrives, and repeated keys resolved in one sort per object, so
// many keys cost linear time (80,000 keys used to take seconds).
#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

#include "core/survey/api.hpp"
#include "core/survey/json.hpp"

using npskit::survey::Json;

TEST_CASE("survey json: a repeated key keeps its first place and its last value") {
  Json j;
  REQUIRE(Json::parse(R"({"b":1,"a":2,"b":3,"c":4,"a":5,"b":6})", j));
  REQUIRE(j.members().size() == 3);
  CHECK(j.dump() == R"({"b":6,"a":5,"c":4})");
}

TEST_CASE("survey json: many repeated keys in any order resolve as set() would") {
  // 1,000 members over 97 keys in a scrambled order (exercises the key sort on a
  // full object); the expected object is built by a plain first-place/last-value
  // scan, independent of the reader.
  std::vector<std::pair<std::string, int>> expected;
  std::string text = "{";
  unsigned x = 12345;
  for (int i = 0; i < Json::kMaxMembers; ++i) {
    x = x * 1103515245u + 12345u;
    std::string key = "k" + std::to_string((x >> 16) % 97);
    text += (i ? ",\"" : "\"") + key + "\":" + std::to_string(i);
    bool seen = false;
    for (auto& [k, v] : expected)
      if (k == key) { v = i; seen = true; }
    if (!seen) expected.emplace_back(key, i);
  }
  text += "}";
  std::string want = "{";
  for (std::size_t k = 0; k < expected.size(); ++k)
    want += (k ? ",\"" : "\"") + expected[k].first + "\":" + std::to_string(expected[k].second);
  want += "}";
  Json j;
  REQUIRE(Json::parse(text, j));
  CHECK(j.members().size() == expected.size());
  CHECK(j.dump() == want);
}

TEST_CASE("survey json: an object of more than 1,000 members is refused, with the reason") {
  auto object = [](int members, bool repeat) {
    std::string s = "{";
    for (int i = 0; i < members; ++i) s += (i ? ",\"k" : "\"k") + std::to_string(repeat ? 0 : i) + "\":1";
    return s + "}";
  };
  Json j;
  CHECK(Json::parse(object(Json::kMaxMembers, false), j));
  CHECK(j.members().size() == Json::kMaxMembers);
  std::string why;
  CHECK_FALSE(Json::parse(object(80'000, false), j, &why));
  CHECK(why == "a JSON object has more than 1000 members (the limit)");
  // Members are counted as they arrive, repeated or not.
  CHECK_FALSE(Json::parse(object(80'000, true), j, &why));

  // The API says so instead of a generic "not a JSON object".
  const std::string answer = npskit::survey::call("validate", "{\"config\":" + object(80'000, false) + "}");
  CHECK(answer.find("the request is refused: a JSON object has more than 1000 members (the limit)") != std::string::npos);
}

TEST_CASE("survey json: at most 100,000 values in all, and 32 levels") {
  std::string many = "[";
  for (int i = 0; i <= 100'000; ++i) many += i ? ",0" : "0";
  many += "]";
  Json j;
  std::string why;
  CHECK_FALSE(Json::parse(many, j, &why));
  CHECK(why == "JSON holds more than 100000 values (the limit)");
  CHECK_FALSE(Json::parse(std::string(40, '[') + std::string(40, ']'), j, &why));
  CHECK(why == "JSON nests deeper than 32 levels (the limit)");
}
