// SegmentDictionary interns a value by a three-word key that holds every byte of
// a value up to 16 bytes (and the length, first and last 8 bytes of a longer one,
// which is then compared whole). These tests build values that differ in exactly
// one byte at every position and length, so a byte the key missed, or a long
// value not compared whole, would give two different values the same code.
#include <catch2/catch.hpp>

#include <map>
#include <string>

#include "core/store/segment_dictionary.hpp"

using namespace npskit;

TEST_CASE("segment dictionary: values one byte apart get different codes, at every length and position", "[segments]") {
  SegmentDictionary dict;
  std::map<std::string, std::uint32_t> seen;  // the expected codes: first come, first numbered
  auto expect = [&](const std::string& v) {
    const auto [it, fresh] = seen.emplace(v, static_cast<std::uint32_t>(seen.size()));
    INFO("value '" << v << "' (" << v.size() << " bytes)");
    REQUIRE(dict.code(v) == it->second);
    (void)fresh;
  };
  for (std::size_t len = 1; len <= 24; ++len) {
    const std::string base(len, 'a');
    expect(base);
    for (std::size_t at = 0; at < len; ++at) {
      std::string v = base;
      v[at] = 'b';
      expect(v);
    }
  }
  REQUIRE(seen.size() < kMaxSegmentValues);  // none folded into (other)
  // Asked again, in another order: the same codes.
  for (auto it = seen.rbegin(); it != seen.rend(); ++it) CHECK(dict.code(it->first) == it->second);
  for (const auto& [v, c] : seen) CHECK(dict.find(v) == c);
  CHECK(dict.size() == seen.size());
  // A prefix or an extension of a value is another value.
  CHECK(dict.find(std::string(25, 'a')) < 0);
  CHECK(dict.find(std::string(16, 'a') + "b" + std::string(7, 'a')) >= 0);  // was added above (len 24, at 16)
  CHECK(dict.find(std::string(16, 'a') + "c" + std::string(7, 'a')) < 0);
}

TEST_CASE("segment dictionary: empty is (blank), codes survive the table's growth, bytes equal to zero count", "[segments]") {
  SegmentDictionary dict;
  CHECK(dict.code("") == 0);
  CHECK(dict.value(0) == "(blank)");
  CHECK(dict.code("(blank)") == 0);  // the empty cell and the text (blank) are one value
  const std::string zeros("a\0\0", 3), zeros2("a\0", 2);
  const auto z3 = dict.code(zeros), z2 = dict.code(zeros2);
  CHECK(z3 != z2);
  CHECK(dict.code("a") != z2);
  // 600 more values: the hash table doubles several times; every code holds.
  for (int i = 0; i < 600; ++i) CHECK(dict.code("v" + std::to_string(i)) == static_cast<std::uint32_t>(i + 4));
  for (int i = 0; i < 600; ++i) CHECK(dict.find("v" + std::to_string(i)) == i + 4);
  CHECK(dict.code(zeros) == z3);
  CHECK(dict.value(z3) == zeros);
}
