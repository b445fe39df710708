// Tests of the text-encoding layer: BOM detection, streaming UTF-16 -> UTF-8,
// UTF-8 validation and the Windows-1252 fallback.
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "core/ingest/encoding.hpp"
#include "support.hpp"

using namespace npskit;

namespace {

// Feeds `bytes` cut at the given offsets and joins the decoder's output.
std::string decode_split(std::string_view bytes, std::vector<std::size_t> cuts, Encoding* enc = nullptr) {
  Utf8Decoder dec;
  std::string out;
  test::feed_split(bytes, cuts, [&](std::string_view piece) { out.append(dec.feed(piece)); });
  out.append(dec.finish());
  if (enc) *enc = dec.encoding();
  return out;
}

std::string decode_bytewise(std::string_view bytes) { return decode_split(bytes, test::every_byte(bytes)); }

// UTF-16 bytes of a string literal: the compiler's u"" encoding is the oracle.
std::string utf16_bytes(std::u16string_view s, bool little_endian, bool bom = true) {
  std::string out;
  if (bom) out = little_endian ? "\xFF\xFE" : "\xFE\xFF";
  for (char16_t u : s) {
    const char lo = static_cast<char>(u & 0xFF), hi = static_cast<char>(u >> 8);
    out += little_endian ? lo : hi;
    out += little_endian ? hi : lo;
  }
  return out;
}

std::string u8(std::u8string_view s) { return {reinterpret_cast<const char*>(s.data()), s.size()}; }

}  // namespace

TEST_CASE("encoding_name spells each encoding", "[encoding]") {
  CHECK(encoding_name(Encoding::utf8) == "utf-8");
  CHECK(encoding_name(Encoding::utf8_bom) == "utf-8-bom");
  CHECK(encoding_name(Encoding::utf16le) == "utf-16le");
  CHECK(encoding_name(Encoding::utf16be) == "utf-16be");
}

TEST_CASE("UTF-8 without BOM passes through as a view of the chunk", "[encoding]") {
  Utf8Decoder dec;
  const std::string chunk1 = "id,score\n", chunk2 = "1,9\n";
  const auto a = dec.feed(chunk1);
  CHECK(dec.detected());
  CHECK(dec.encoding() == Encoding::utf8);
  CHECK(a.data() == chunk1.data());  // no copy
  CHECK(a == chunk1);
  const auto b = dec.feed(chunk2);
  CHECK(b.data() == chunk2.data());
  CHECK(dec.finish().empty());
}

TEST_CASE("UTF-8 BOM is stripped without copying", "[encoding]") {
  Utf8Decoder dec;
  const std::string chunk = "\xEF\xBB\xBFid,score\n";
  const auto out = dec.feed(chunk);
  CHECK(dec.encoding() == Encoding::utf8_bom);
  CHECK(out.data() == chunk.data() + 3);
  CHECK(out == "id,score\n");
}

TEST_CASE("a BOM split across chunks is still detected", "[encoding]") {
  Encoding enc{};
  CHECK(decode_split("\xEF\xBB\xBF" "abc", {1, 2}, &enc) == "abc");
  CHECK(enc == Encoding::utf8_bom);
  CHECK(decode_split("\xEF\xBB\xBF" "abc", {1, 4}, &enc) == "abc");
  CHECK(decode_bytewise("\xEF\xBB\xBF" "abc") == "abc");
  CHECK(decode_split(std::string_view("\xFF\xFE" "A\0", 4), {1}, &enc) == "A");
  CHECK(enc == Encoding::utf16le);
}

TEST_CASE("bytes that only start like a BOM are UTF-8 text", "[encoding]") {
  Encoding enc{};
  // EF BB followed by something else: held back, then released unchanged.
  CHECK(decode_split("\xEF\xBBx", {1, 2}, &enc) == "\xEF\xBBx");
  CHECK(enc == Encoding::utf8);
  // Input shorter than a BOM, ended by finish().
  CHECK(decode_split("\xEF", {}, &enc) == "\xEF");
  CHECK(enc == Encoding::utf8);
  CHECK(decode_split("", {}, &enc).empty());
  // A first byte that cannot begin a BOM decides at once: no holding back.
  Utf8Decoder dec;
  CHECK(dec.feed("a") == "a");
  CHECK(dec.detected());
}

TEST_CASE("UTF-16 LE and BE with BOM convert to UTF-8, surrogate pairs included", "[encoding]") {
  const std::u16string text = u"Aé€😀 NPS;9,5\r\n漢字𝄞";
  const std::string expected = u8(u8"Aé€😀 NPS;9,5\r\n漢字𝄞");
  for (bool le : {true, false}) {
    const std::string bytes = utf16_bytes(text, le);
    Encoding enc{};
    CHECK(decode_split(bytes, {}, &enc) == expected);
    CHECK(enc == (le ? Encoding::utf16le : Encoding::utf16be));
    CHECK(decode_bytewise(bytes) == expected);
    // Every two-cut split: mid code unit, mid surrogate pair, inside the BOM.
    for (std::size_t i = 0; i <= bytes.size(); ++i) {
      for (std::size_t j = i; j <= bytes.size(); j += 3) {
        INFO("cuts " << i << " " << j);
        REQUIRE(decode_split(bytes, {i, j}) == expected);
      }
    }
  }
}

TEST_CASE("UTF-16 random texts survive random chunking", "[encoding]") {
  // Pieces with both forms written by the compiler.
  const std::vector<std::pair<std::u16string, std::u8string>> pieces = {
      {u"a", u8"a"}, {u"\"", u8"\""}, {u",", u8","}, {u"\r\n", u8"\r\n"}, {u"é", u8"é"},
      {u"€", u8"€"}, {u"😀", u8"😀"}, {u"𝄞", u8"𝄞"}, {u"ÿ", u8"ÿ"}, {u"\uFFFF", u8"\uFFFF"}};
  std::mt19937 rng(42);
  for (int iter = 0; iter < 300; ++iter) {
    std::u16string text;
    std::string expected;
    const int n = static_cast<int>(rng() % 40);
    for (int k = 0; k < n; ++k) {
      const auto& piece = pieces[rng() % pieces.size()];
      text += piece.first;
      expected += u8(piece.second);
    }
    const bool le = rng() % 2;
    const std::string bytes = utf16_bytes(text, le);
    std::vector<std::size_t> cuts;
    for (std::size_t pos = rng() % 7; pos < bytes.size(); pos += 1 + rng() % 7) cuts.push_back(pos);
    REQUIRE(decode_split(bytes, cuts) == expected);
  }
}

TEST_CASE("unpaired surrogates and a half code unit become U+FFFD", "[encoding]") {
  const std::string fffd = "\xEF\xBF\xBD";
  // High surrogate followed by an ordinary unit.
  std::u16string s1 = u"x";
  s1 += static_cast<char16_t>(0xD83D);
  s1 += u"y";
  CHECK(decode_split(utf16_bytes(s1, true), {}) == "x" + fffd + "y");
  CHECK(decode_bytewise(utf16_bytes(s1, false)) == "x" + fffd + "y");
  // Lone low surrogate.
  std::u16string s2 = u"a";
  s2 += static_cast<char16_t>(0xDE00);
  CHECK(decode_split(utf16_bytes(s2, true), {}) == "a" + fffd);
  // Two highs then a low: the first high is unpaired, the second pairs.
  std::u16string s3;
  s3 += static_cast<char16_t>(0xD83D);
  s3 += u"😀";
  CHECK(decode_bytewise(utf16_bytes(s3, true)) == fffd + u8(u8"😀"));
  // High surrogate at the end of input: flushed by finish().
  std::u16string s4 = u"z";
  s4 += static_cast<char16_t>(0xD800);
  CHECK(decode_split(utf16_bytes(s4, false), {}) == "z" + fffd);
  // Odd byte count: the dangling byte is a truncated code unit.
  CHECK(decode_split(utf16_bytes(u"ab", true) + "c", {}) == "ab" + fffd);
}

TEST_CASE("is_valid_utf8 accepts well-formed text", "[encoding]") {
  CHECK(is_valid_utf8(""));
  CHECK(is_valid_utf8("plain ascii text that is longer than eight bytes"));
  CHECK(is_valid_utf8(u8(u8"café € 😀 漢字")));
  CHECK(is_valid_utf8("\x7F"));
  CHECK(is_valid_utf8("\xC2\x80"));          // U+0080, smallest 2-byte
  CHECK(is_valid_utf8("\xE0\xA0\x80"));      // U+0800, smallest 3-byte
  CHECK(is_valid_utf8("\xED\x9F\xBF"));      // U+D7FF, just below the surrogates
  CHECK(is_valid_utf8("\xEE\x80\x80"));      // U+E000, just above them
  CHECK(is_valid_utf8("\xF0\x90\x80\x80"));  // U+10000, smallest 4-byte
  CHECK(is_valid_utf8("\xF4\x8F\xBF\xBF"));  // U+10FFFF, the largest
}

TEST_CASE("is_valid_utf8 rejects overlongs, surrogates, too-large and truncated sequences", "[encoding]") {
  CHECK_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong '/'
  CHECK_FALSE(is_valid_utf8("\xC1\xBF"));          // overlong 2-byte
  CHECK_FALSE(is_valid_utf8("\xE0\x80\xAF"));      // overlong 3-byte
  CHECK_FALSE(is_valid_utf8("\xE0\x9F\xBF"));      // overlong U+07FF
  CHECK_FALSE(is_valid_utf8("\xF0\x80\x80\xAF"));  // overlong 4-byte
  CHECK_FALSE(is_valid_utf8("\xF0\x8F\xBF\xBF"));  // overlong U+FFFF
  CHECK_FALSE(is_valid_utf8("\xED\xA0\x80"));      // U+D800
  CHECK_FALSE(is_valid_utf8("\xED\xBF\xBF"));      // U+DFFF
  CHECK_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // U+110000
  CHECK_FALSE(is_valid_utf8("\xF5\x80\x80\x80"));
  CHECK_FALSE(is_valid_utf8("\xFF"));
  CHECK_FALSE(is_valid_utf8("\x80"));              // stray continuation
  CHECK_FALSE(is_valid_utf8("\xE2\x28\xA1"));      // bad continuation
  CHECK_FALSE(is_valid_utf8("\xC3"));              // truncated
  CHECK_FALSE(is_valid_utf8("ok \xE2\x82"));       // truncated at the end
  CHECK_FALSE(is_valid_utf8("\xF0\x9F\x98"));
  CHECK_FALSE(is_valid_utf8("caf\xE9"));           // Windows-1252 'é'
}

TEST_CASE("is_valid_utf8 finds a bad byte at any offset past the ASCII fast path", "[encoding]") {
  for (std::size_t len = 0; len < 40; ++len) {
    for (std::size_t at = 0; at < len; ++at) {
      std::string s(len, 'a');
      s[at] = '\xE9';
      INFO("len " << len << " at " << at);
      REQUIRE_FALSE(is_valid_utf8(s));
      s.replace(at, 1, "\xC3\xA9");  // a valid 'é' in the same place
      REQUIRE(is_valid_utf8(s));
    }
  }
}

TEST_CASE("Windows-1252 converts to UTF-8", "[encoding]") {
  std::string out = "prefix:";
  append_cp1252_as_utf8("caf\xE9 \x80 \x93ok\x94 \x9F \x8A\x9A \x85", out);
  CHECK(out == u8(u8"prefix:café € “ok” Ÿ Šš …"));  // appends, keeps what was there
  std::string s;
  append_cp1252_as_utf8("\xA0\xFF\xD7", s);  // A0..FF are Latin-1
  CHECK(s == u8(u8"\u00A0ÿ×"));
}

TEST_CASE("Windows-1252 undefined bytes map to their C1 code points", "[encoding]") {
  std::string s;
  append_cp1252_as_utf8("\x81\x8D\x8F\x90\x9D", s);
  CHECK(s == "\xC2\x81\xC2\x8D\xC2\x8F\xC2\x90\xC2\x9D");
  CHECK(is_valid_utf8(s));
}

TEST_CASE("every Windows-1252 byte yields valid UTF-8", "[encoding]") {
  std::string all;
  for (int b = 0; b < 256; ++b) all += static_cast<char>(b);
  std::string s;
  append_cp1252_as_utf8(all, s);
  CHECK(is_valid_utf8(s));
  CHECK(s.substr(0, 128) == all.substr(0, 128));  // ASCII unchanged
}

TEST_CASE("as_utf8 returns valid UTF-8 as is and reads the rest as Windows-1252", "[encoding]") {
  std::string scratch = "untouched";
  const std::string good = u8(u8"Zürich");
  const auto v = as_utf8(good, scratch);
  CHECK(v.data() == good.data());
  CHECK(scratch == "untouched");
  const std::string bad = "Z\xFCrich \x80";
  CHECK(as_utf8(bad, scratch) == u8(u8"Zürich €"));
}
