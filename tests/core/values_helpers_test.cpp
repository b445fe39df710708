// The small shared helpers of values/ (one place each, used across the core):
// FNV-1a hashes, the string index (open addressing), rounding for reports,
// UTF-8 helpers, and the phrase-joining rule of text/tokenizer.hpp. Expected
// values come from the published FNV test vectors and from hand arithmetic.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "core/text/tokenizer.hpp"
#include "core/values/civil_days.hpp"
#include "core/values/hash.hpp"
#include "core/values/rounding.hpp"
#include "core/values/string_index.hpp"
#include "core/values/utf8.hpp"

using namespace npskit;

TEST_CASE("fnv1a: the published test vectors, 64 and 32 bits", "[values][hash]") {
  // http://www.isthe.com/chongo/tech/comp/fnv/ (test vectors of FNV-1a), from the
  // published 64-bit offset basis 14695981039346656037.
  constexpr std::uint64_t published = 0xcbf29ce484222325ull;
  CHECK(fnv1a_64("", published) == 0xcbf29ce484222325ull);
  CHECK(fnv1a_64("a", published) == 0xaf63dc4c8601ec8cull);
  CHECK(fnv1a_64("foobar", published) == 0x85944171f73967e8ull);
  // The core's own start value is one digit short of it (see values/hash.hpp);
  // it is kept, as keyphrase hashes written into partial files depend on it.
  CHECK(kFnv1aOffset64 == 1469598103934665603ull);
  CHECK(fnv1a_64("") == 1469598103934665603ull);
  CHECK(fnv1a_32("") == 0x811c9dc5u);
  CHECK(fnv1a_32("a") == 0xe40c292cu);
  CHECK(fnv1a_32("foobar") == 0xbf9cf968u);
  // Continuing a hash equals hashing the concatenation.
  CHECK(fnv1a_64("bar", fnv1a_64("foo")) == fnv1a_64("foobar"));
  CHECK(fnv1a_32("bar", fnv1a_32("foo")) == fnv1a_32("foobar"));
}

TEST_CASE("string index: codes found by key, absent keys, growth past many keys", "[values][hash]") {
  std::vector<std::string> keys;
  StringIndex index;
  const auto key_of = [&](std::uint32_t c) { return std::string_view(keys[c]); };
  CHECK(index.find("x", key_of) == StringIndex::kAbsent);
  for (int i = 0; i < 5000; ++i) {
    keys.push_back("k" + std::to_string(i * 7));
    index.insert(static_cast<std::uint32_t>(keys.size() - 1), key_of);
  }
  CHECK(index.size() == 5000);
  for (std::uint32_t c = 0; c < keys.size(); ++c) REQUIRE(index.find(keys[c], key_of) == c);
  CHECK(index.find("k1", key_of) == StringIndex::kAbsent);  // 1 is no multiple of 7
  CHECK(index.find("", key_of) == StringIndex::kAbsent);
  keys.push_back("");  // the empty string is a key like any other
  index.insert(static_cast<std::uint32_t>(keys.size() - 1), key_of);
  CHECK(index.find("", key_of) == 5000);
}

TEST_CASE("rounding: half away from zero in double arithmetic, never -0", "[values][rounding]") {
  CHECK(round_decimals<2>(0.125) == 0.13);
  CHECK(round_decimals<2>(-0.125) == -0.13);
  CHECK(round_decimals<2>(1.005) == 1.0);  // 1.005 * 100 is 100.49999999999999 in doubles
  CHECK(round_decimals<4>(0.12345678) == 0.1235);
  CHECK(round_decimals<0>(2.5) == 3);
  const double tiny = round_decimals<2>(-0.001);
  CHECK(tiny == 0.0);
  CHECK_FALSE(std::signbit(tiny));
  CHECK(percent_2dp(1, 3) == 33.33);
  CHECK(percent_2dp(2, 3) == 66.67);
  CHECK(percent_2dp(5, 0) == 0.0);
}

TEST_CASE("utf8: code points counted, encoded", "[values][utf8]") {
  CHECK(count_code_points("") == 0);
  CHECK(count_code_points("abc") == 3);
  CHECK(count_code_points("caf\xC3\xA9") == 4);             // é: 2 bytes
  CHECK(count_code_points("\xE9\x85\x8D\xF0\x9F\x91\x8D") == 2);  // 配 (3 bytes), 👍 (4 bytes)
  std::string out;
  for (char32_t cp : {U'A', U'\u00E9', U'\u914D', U'\U0001F44D'}) append_utf8(out, cp);
  CHECK(out == "A\xC3\xA9\xE9\x85\x8D\xF0\x9F\x91\x8D");
}

TEST_CASE("civil days: known dates both ways", "[values][date]") {
  CHECK(days_from_civil(1970, 1, 1) == 0);
  CHECK(days_from_civil(2000, 3, 1) == 11017);  // 30 years, 7 leap days, + Jan and Feb 2000
  CHECK(days_from_civil(1969, 12, 31) == -1);
  static_assert(days_from_civil(2024, 2, 29) == 19782);
  const CivilDate d = civil_from_days(19782);
  CHECK(d.year == 2024);
  CHECK(d.month == 2u);
  CHECK(d.day == 29u);
}

TEST_CASE("phrases: tokens joined by a space, CJK characters directly", "[text][cjk]") {
  const auto join = [](std::string_view text) {
    const auto tl = text::tokenize(text);
    std::string p;
    for (std::size_t k = 0; k < tl.size(); ++k) text::append_to_phrase(p, tl, k, k == 0);
    return p;
  };
  CHECK(join("Late  Delivery") == "late delivery");
  CHECK(join("配送") == "配送");
  CHECK(join("app 配送 fast") == "app 配送 fast");
  CHECK(join("サポート 配送") == "サポート 配送");  // Katakana is a word, not a CJK character token
}
