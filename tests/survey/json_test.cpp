// The minimal JSON reader/writer the widget's core uses instead of nlohmann/json.
#include <catch2/catch.hpp>

#include "core/survey/json.hpp"

using npskit::survey::Json;

TEST_CASE("json round-trips objects, arrays, escapes and unicode") {
  Json j;
  REQUIRE(Json::parse(R"({"a":[1,2.5,-3e2,true,false,null],"s":"q\"\\\n\u00e9\ud83d\ude00","o":{}})", j));
  CHECK(j.get("a")->items().size() == 6);
  CHECK(j.get("a")->items()[2].as_number() == -300);
  CHECK(j.str("s") == "q\"\\\n\xC3\xA9\xF0\x9F\x98\x80");
  CHECK(j.dump() == R"({"a":[1,2.5,-300,true,false,null],"s":"q\"\\\n)" "\xC3\xA9\xF0\x9F\x98\x80" R"(","o":{}})");
}

TEST_CASE("json rejects malformed input without throwing") {
  Json j;
  for (const char* bad : {"", "{", "[1,]", "{\"a\"}", "tru", "01x", "\"\\ud800\"", "{\"a\":1} x", "\"\x01\""})
    CHECK_FALSE(Json::parse(bad, j));
  std::string deep(40, '[');
  deep += std::string(40, ']');
  CHECK_FALSE(Json::parse(deep, j));
}

TEST_CASE("json set replaces and keeps insertion order") {
  Json o = Json::object();
  o.set("b", 1);
  o.set("a", 2);
  o.set("b", 3);
  CHECK(o.dump() == R"({"b":3,"a":2})");
  CHECK(o.num("missing", 7) == 7);
  CHECK(o.str("a", "x") == "x");
}

TEST_CASE("json writes a tiny negative number as 0, so it reads back the same (fuzz: -3e-34)") {
  for (const char* text : {"-3e-34", "-0", "-0.0000004"}) {
    Json j;
    REQUIRE(Json::parse(text, j));
    CHECK(j.dump() == "0");
  }
  Json half;
  REQUIRE(Json::parse("-0.0000005", half));
  CHECK(half.dump() == "-0.000001");
  Json again;
  REQUIRE(Json::parse(half.dump(), again));
  CHECK(again.dump() == half.dump());
}
