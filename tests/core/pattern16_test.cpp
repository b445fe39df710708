// Tests of the 16-byte pattern check (values/pattern16.hpp): the SIMD version
// this build uses gives the byte loop's answer for every byte value at every
// position, and the ISO timestamp reader built on it agrees with the reference.
#include <catch2/catch.hpp>

#include <random>
#include <string>

#include "core/values/datetime.hpp"
#include "core/values/pattern16.hpp"

using namespace npskit;

namespace {

constexpr Pattern16 kIsoHead = make_pattern16("dddd-dd-ddTdd:dd", {{10, ' '}});
constexpr Pattern16 kIsoTail = make_pattern16("dTdd:dd:dd+dd:dd", {{1, ' '}, {10, '-'}});
constexpr Pattern16 kNoDigits = make_pattern16("abcxefghijklmnop", {{0, 'A'}, {15, '\0'}});

// What the pattern means, written out: digits where 'd', the byte or its alternative elsewhere.
bool expected(const std::string& s, const char* text, int alt_at, char alt, int alt2_at = -1, char alt2 = 0) {
  for (int i = 0; i < 16; ++i) {
    const char c = s[static_cast<std::size_t>(i)];
    const bool ok = text[i] == 'd' ? (c >= '0' && c <= '9') : (c == text[i] || (i == alt_at && c == alt) ||
                                                                (i == alt2_at && c == alt2));
    if (!ok) return false;
  }
  return true;
}

}  // namespace

TEST_CASE("pattern16: every byte value at every position, SIMD and byte loop agree", "[dates][pattern16]") {
  struct Case {
    const Pattern16& pattern;
    const char* text;
    std::string match;
    int alt_at;
    char alt;
    int alt2_at;
    char alt2;
  };
  const Case cases[] = {
      {kIsoHead, "dddd-dd-ddTdd:dd", "2024-01-31T14:05", 10, ' ', -1, 0},
      {kIsoTail, "dTdd:dd:dd+dd:dd", "1T14:05:09+05:30", 1, ' ', 10, '-'},
      {kNoDigits, "abcxefghijklmnop", "abcxefghijklmnop", 0, 'A', 15, '\0'},
  };
  for (const Case& c : cases) {
    REQUIRE(matches_pattern16(c.match.data(), c.pattern));
    REQUIRE(matches_pattern16_scalar(c.match.data(), c.pattern));
    for (int at = 0; at < 16; ++at) {
      for (int b = 0; b < 256; ++b) {
        std::string s = c.match;
        s[static_cast<std::size_t>(at)] = static_cast<char>(b);
        const bool want = expected(s, c.text, c.alt_at, c.alt, c.alt2_at, c.alt2);
        INFO(c.text << " byte " << b << " at " << at);
        CHECK(matches_pattern16(s.data(), c.pattern) == want);
        CHECK(matches_pattern16_scalar(s.data(), c.pattern) == want);
      }
    }
  }
}

TEST_CASE("pattern16: random texts, SIMD and byte loop agree", "[dates][pattern16]") {
  std::mt19937 rng(16);
  static constexpr char kBytes[] = "0123456789-:T +Z/.\x80\xFF";
  for (int round = 0; round < 20000; ++round) {
    char s[16];
    for (char& c : s) c = kBytes[rng() % (sizeof kBytes - 1)];
    for (const Pattern16* p : {&kIsoHead, &kIsoTail, &kNoDigits}) {
      INFO(std::string(s, 16));
      CHECK(matches_pattern16(s, *p) == matches_pattern16_scalar(s, *p));
    }
  }
}

TEST_CASE("pattern16: the ISO fast path agrees with the reference on every one-byte change", "[dates][pattern16]") {
  for (const std::string base : {"2024-02-29T23:59:60+05:30", "2023-12-31 00:00:00-23:59", "1970-01-01T00:00:00Z",
                                 "2024-07-04 12:34:56", "0000-02-29T01:02:03+00:00"}) {
    REQUIRE(parse_iso_fast(base).has_value());
    CHECK(parse_iso_fast(base) == parse_iso_fixed(base));
    for (std::size_t at = 0; at < base.size(); ++at) {
      for (int b = 0; b < 256; ++b) {
        std::string s = base;
        s[at] = static_cast<char>(b);
        INFO(s);
        CHECK(parse_iso_fast(s) == parse_iso_fixed(s));
      }
    }
  }
  // The values themselves, read by both.
  const auto t = parse_iso_fast("2024-02-29T23:59:60+05:30");
  REQUIRE(t);
  CHECK(t->seconds == (19782LL * 86400 + 23 * 3600 + 59 * 60 + 59));
  CHECK(t->has_offset);
  CHECK(t->offset_minutes == 330);
  CHECK(!parse_iso_fast("2023-02-29T10:00:00Z"));  // not a leap year
  CHECK(!parse_iso_fast("2024-01-31t10:00:00Z"));  // 'T' only, as the reference
}
