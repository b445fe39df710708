// The survey JSON reader and writer (core/survey/json), rule by rule against
// RFC 8259: the number grammar and how numbers are written back (integers
// exactly, fractions to 6 decimals), strings and their escapes (surrogate
// pairs, control characters), white space, and the typed readers' fallbacks.
// Limits on hostile input: json_limits_test.cpp.
#include <catch2/catch.hpp>

#include <string>

#include "core/survey/json.hpp"

using npskit::survey::Json;

namespace {
// The text `text` reads back as, or "REFUSED".
std::string round_trip(const std::string& text) {
  Json j;
  return Json::parse(text, j) ? j.dump() : "REFUSED";
}
}  // namespace

TEST_CASE("survey json: numbers by the RFC 8259 grammar") {
  CHECK(round_trip("0") == "0");
  CHECK(round_trip("-12") == "-12");
  CHECK(round_trip("1e3") == "1000");
  CHECK(round_trip("1E+2") == "100");
  CHECK(round_trip("25e-2") == "0.25");
  CHECK(round_trip("0.1") == "0.1");
  CHECK(round_trip("-0.5") == "-0.5");
  CHECK(round_trip("1.5e-3") == "0.0015");
  // Not numbers: a leading zero, a bare sign or point, a missing exponent, '+', hex.
  for (const char* bad : {"01", "-", "1.", ".5", "1e", "1e+", "+1", "0x10", "- 1", "1.e2", "NaN", "Infinity"}) {
    INFO(bad);
    CHECK(round_trip(bad) == "REFUSED");
  }
}

TEST_CASE("survey json: integers print exactly, fractions with at most 6 decimals") {
  CHECK(round_trip("1700000000000") == "1700000000000");  // a timestamp in ms
  CHECK(round_trip("9007199254740991") == "9007199254740991");  // 2^53 - 1
  CHECK(round_trip("0.1234567") == "0.123457");
  CHECK(round_trip("12.3400") == "12.34");
  CHECK(round_trip("0.000001") == "0.000001");
  CHECK(round_trip("0.0000004") == "0");
  Json j;
  REQUIRE(Json::parse("[0.25, 3, 99.5]", j));
  CHECK(j.items()[0].as_number() == 0.25);
  CHECK(j.items()[2].as_number() == 99.5);
}

TEST_CASE("survey json: string escapes read and written") {
  Json j;
  REQUIRE(Json::parse(R"("a\/b\bc\fd\re\tf")", j));
  CHECK(j.as_string() == "a/b\bc\fd\re\tf");
  // Written back: / needs no escape; \b and \f as \u00XX, like every control character.
  CHECK(j.dump() == R"("a/b\u0008c\u000cd\re\tf")");
  REQUIRE(Json::parse(R"("\u0041\u00e9\u20ac\u0000")", j));
  CHECK(j.as_string() == std::string("A\xC3\xA9\xE2\x82\xAC\0", 7));  // A, é, €, NUL
  CHECK(j.dump() == "\"A\xC3\xA9\xE2\x82\xAC\\u0000\"");
  // A surrogate pair is one code point: U+1F44D (thumbs up), F0 9F 91 8D in UTF-8.
  REQUIRE(Json::parse(R"("\ud83d\udc4d")", j));
  CHECK(j.as_string() == "\xF0\x9F\x91\x8D");
  REQUIRE(Json::parse(R"("\uD83D\uDC4D")", j));  // hex digits in either case
  CHECK(j.as_string() == "\xF0\x9F\x91\x8D");
}

TEST_CASE("survey json: broken strings are refused") {
  for (const char* bad : {R"("\udc4d")",         // a low surrogate alone
                          R"("\ud83d")",         // a high surrogate at the end
                          R"("\ud83d\u0041")",   // a high surrogate before a non-surrogate
                          R"("\ud83dx")",        // ... before a plain character
                          R"("\u12")",           // too few hex digits
                          R"("\u12g4")",         // not hex
                          R"("\x41")",           // no such escape
                          R"("\')",              // nor this one
                          "\"tab\there\"",       // a raw control character
                          "\"no end"}) {
    INFO(bad);
    CHECK(round_trip(bad) == "REFUSED");
  }
}

TEST_CASE("survey json: white space around and between tokens, nothing after the value") {
  CHECK(round_trip(" \r\n\t{ \"a\" :\n[ 1 ,\t2 ] } \n") == R"({"a":[1,2]})");
  CHECK(round_trip("[]") == "[]");
  CHECK(round_trip("{ }") == "{}");
  CHECK(round_trip("[1] [2]") == "REFUSED");
  CHECK(round_trip("true false") == "REFUSED");
  CHECK(round_trip("\xEF\xBB\xBF{}") == "REFUSED");  // a BOM is not JSON (RFC 8259 section 8.1)
  CHECK(round_trip("{\"a\":1,}") == "REFUSED");
  CHECK(round_trip("{\"a\" 1}") == "REFUSED");
  CHECK(round_trip("{1:2}") == "REFUSED");
  CHECK(round_trip("[1 2]") == "REFUSED");
  CHECK(round_trip("nul") == "REFUSED");
  CHECK(round_trip("True") == "REFUSED");
}

TEST_CASE("survey json: typed readers fall back on a missing key or another type") {
  Json j;
  REQUIRE(Json::parse(R"({"s":"x","n":3,"b":true,"z":null,"o":{"k":1}})", j));
  CHECK(j.str("s") == "x");
  CHECK(j.str("n", "fb") == "fb");
  CHECK(j.num("n") == 3);
  CHECK(j.num("s", -1) == -1);
  CHECK(j.num("z", 5) == 5);
  CHECK(j.flag("b"));
  CHECK(j.flag("n", true));  // 3 is not a boolean: the fallback
  CHECK_FALSE(j.flag("missing"));
  REQUIRE(j.get("o") != nullptr);
  CHECK(j.get("o")->num("k") == 1);
  CHECK(j.get("k") == nullptr);  // no search into nested objects
  const Json number(2.5);
  CHECK(number.get("anything") == nullptr);  // get on a non-object
  CHECK(number.str("x", "fb") == "fb");
}

TEST_CASE("survey json: a parse failure leaves the target untouched") {
  Json j = Json::object();
  j.set("keep", 1);
  CHECK_FALSE(Json::parse("{\"a\":", j));
  CHECK(j.dump() == R"({"keep":1})");
}

TEST_CASE("survey json: nested values are written compactly, in insertion order") {
  Json root = Json::object();
  Json list = Json::array();
  list.push(Json::object());
  list.push(nullptr);
  list.push("q\"");
  root.set("z", std::move(list));
  root.set("a", false);
  CHECK(root.dump() == R"({"z":[{},null,"q\""],"a":false})");
  CHECK(round_trip(root.dump()) == root.dump());
}
