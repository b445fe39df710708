// The row store's text arena (store/text_arena.hpp): what it holds must be
// exactly the bytes appended, in order, across every growth and a reserve; the
// expected bytes are a std::string built alongside (the arena replaced one).
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>

#include "core/store/text_arena.hpp"

using namespace npskit;

TEST_CASE("text arena: holds every appended byte in order across growth", "[store][text_arena]") {
  TextArena arena;
  std::string model;
  REQUIRE(arena.size() == 0);
  REQUIRE(arena.view().empty());
  std::uint64_t x = 12345;
  for (int i = 0; i < 5000; ++i) {
    x = x * 6364136223846793005ull + 1442695040888963407ull;
    const std::size_t n = (x >> 33) % 70;  // empty, short and longer texts
    std::string s;
    for (std::size_t k = 0; k < n; ++k) s.push_back(static_cast<char>('a' + (x >> (k % 40)) % 26));
    const std::size_t before = arena.size();
    arena.append(s);
    model += s;
    REQUIRE(arena.size() == model.size());
    REQUIRE(arena.view().substr(before) == s);
  }
  REQUIRE(arena.view() == model);
}

TEST_CASE("text arena: reserve and swap keep the contents", "[store][text_arena]") {
  TextArena a, b;
  a.append("first ");
  a.reserve(1 << 16);  // more room: the bytes so far move along
  a.append("second");
  REQUIRE(a.view() == "first second");
  a.reserve(4);  // less than held: nothing changes
  REQUIRE(a.view() == "first second");
  b.append(std::string(100, 'x'));
  a.swap(b);
  REQUIRE(a.view() == std::string(100, 'x'));
  REQUIRE(b.view() == "first second");
  b.append("");
  REQUIRE(b.size() == 12);
}
