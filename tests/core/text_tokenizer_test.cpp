// The comment tokenizer: scripts, case folding, token kinds, breaks, stop words.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/text/tokenizer.hpp"

using namespace npskit::text;

namespace {
std::vector<std::string> norms(std::string_view text) {
  const TokenList tl = tokenize(text);
  std::vector<std::string> out;
  for (std::size_t i = 0; i < tl.size(); ++i) out.emplace_back(tl.norm(i));
  return out;
}
std::vector<TokenKind> kinds(std::string_view text) {
  std::vector<TokenKind> out;
  for (const auto& t : tokenize(text).tokens) out.push_back(t.kind);
  return out;
}
using V = std::vector<std::string>;
}  // namespace

TEST_CASE("tokenizer: English words, case folding, apostrophes kept", "[text][tokenizer]") {
  CHECK(norms("Great SUPPORT, didn't help") == V{"great", "support", "didn't", "help"});
  CHECK(norms("it’s fine") == V{"it's", "fine"});  // typographic apostrophe normalized
  CHECK(norms("") == V{});
  CHECK(norms("  ... !!! ") == V{});
}

TEST_CASE("tokenizer: Latin-1 and Latin Extended-A case folding", "[text][tokenizer]") {
  CHECK(norms("ÉTÉ Über ÇA Ñandú") == V{"été", "über", "ça", "ñandú"});
  CHECK(norms("ŁÓDŹ ŒUVRE ŠKODA İSTANBUL") == V{"łódź", "œuvre", "škoda", "istanbul"});
  CHECK(fold_case("ÀÉÎÕÜÝ") == "àéîõüý");
  CHECK(fold_case("ẞ") == "ß");
  CHECK(fold_case("ΑΒΓ Привет") == "αβγ привет");  // Greek and Cyrillic too
  CHECK(fold_for_match("Rückerstattung Straße œuvre Łódź") == "ruckerstattung strasse oeuvre lodz");
  CHECK(fold_for_match("cafe\xCC\x81") == "cafe");  // combining acute dropped
}

TEST_CASE("tokenizer: byte offsets point into the original text", "[text][tokenizer]") {
  const std::string text = "Très bien, livraison rapide";
  const TokenList tl = tokenize(text);
  REQUIRE(tl.size() == 4);
  CHECK(text.substr(tl.tokens[0].begin, tl.tokens[0].end - tl.tokens[0].begin) == "Très");
  CHECK(text.substr(tl.tokens[2].begin, tl.tokens[2].end - tl.tokens[2].begin) == "livraison");
}

TEST_CASE("tokenizer: French/Italian elision splits, hyphens split without a break", "[text][tokenizer]") {
  CHECK(norms("L'application d'Amazon") == V{"l", "application", "d", "amazon"});
  CHECK(norms("dell'app") == V{"dell", "app"});
  CHECK(norms("don't") == V{"don't"});
  const TokenList tl = tokenize("after-sales service");
  REQUIRE(tl.size() == 3);
  CHECK(tl.norm(0) == "after");
  CHECK(tl.norm(1) == "sales");
  CHECK_FALSE(tl.tokens[1].after_break);
  CHECK(tokenize("fast - friendly").tokens[1].after_break);  // a free-standing dash breaks
}

TEST_CASE("tokenizer: punctuation and line breaks set after_break", "[text][tokenizer]") {
  const TokenList tl = tokenize("late delivery. great staff\nno refund");
  REQUIRE(tl.size() == 6);
  CHECK(tl.tokens[0].after_break);
  CHECK_FALSE(tl.tokens[1].after_break);
  CHECK(tl.tokens[2].after_break);   // after "."
  CHECK_FALSE(tl.tokens[3].after_break);
  CHECK(tl.tokens[4].after_break);   // after the line break
}

TEST_CASE("tokenizer: URLs, e-mails and numbers are their own kinds", "[text][tokenizer]") {
  CHECK(kinds("see https://shop.example.com/a?b=1, or www.example.org.") ==
        std::vector<TokenKind>{TokenKind::word, TokenKind::url, TokenKind::word, TokenKind::url});
  CHECK(norms("see https://shop.example.com/a?b=1, ok")[1] == "https://shop.example.com/a?b=1");  // trailing comma trimmed
  CHECK(norms("ordered on amazon.de today")[2] == "amazon.de");
  CHECK(kinds("ordered on amazon.de today")[2] == TokenKind::url);
  CHECK(kinds("Mail Bob.Smith@Example.co.uk now") == std::vector<TokenKind>{TokenKind::word, TokenKind::email, TokenKind::word});
  CHECK(norms("Mail Bob.Smith@Example.co.uk now")[1] == "bob.smith@example.co.uk");
  CHECK(norms("1,000 users 3.5 stars 10/10 at 10:30") == V{"1,000", "users", "3.5", "stars", "10/10", "at", "10:30"});
  CHECK(kinds("10/10 24h") == std::vector<TokenKind>{TokenKind::number, TokenKind::word});  // 24h is a word
  CHECK(kinds("end.Next") == std::vector<TokenKind>{TokenKind::word, TokenKind::word});     // not a domain
}

TEST_CASE("tokenizer: emoji sequences are single tokens", "[text][tokenizer]") {
  CHECK(norms("great👍") == V{"great", "👍"});
  CHECK(norms("👍🏽 👍") == V{"👍", "👍"});                              // skin tone dropped in the norm
  CHECK(norms("❤️") == V{"❤"});                                            // variation selector dropped
  CHECK(norms("👩‍💻") == V{"👩‍💻"});                                  // ZWJ sequence kept whole
  CHECK(norms("🇩🇪🇫🇷") == V{"🇩🇪", "🇫🇷"});                             // flags pair up
  CHECK(kinds("😡😡") == std::vector<TokenKind>{TokenKind::emoji, TokenKind::emoji});
  CHECK(kinds("1️⃣ 1") == std::vector<TokenKind>{TokenKind::emoji, TokenKind::number});  // keycap vs digit
}

TEST_CASE("tokenizer: CJK per character, Katakana and Hangul as runs", "[text][tokenizer]") {
  CHECK(norms("配送が遅い") == V{"配", "送", "が", "遅", "い"});
  CHECK(kinds("配送") == std::vector<TokenKind>{TokenKind::cjk, TokenKind::cjk});
  CHECK(norms("サポートは良い") == V{"サポート", "は", "良", "い"});
  CHECK(norms("배송이 느려요") == V{"배송이", "느려요"});
  CHECK(norms("快递很慢。") == V{"快", "递", "很", "慢"});
}

TEST_CASE("tokenizer: Devanagari and Arabic words are kept intact", "[text][tokenizer]") {
  // Devanagari vowel signs and virama are part of the word; the danda is punctuation.
  CHECK(norms("डिलीवरी बहुत धीमी थी।") == V{"डिलीवरी", "बहुत", "धीमी", "थी"});
  CHECK(norms("التوصيل كان بطيئا، للأسف") == V{"التوصيل", "كان", "بطيئا", "للأسف"});
  CHECK(norms("खरीदारी") == V{"खरीदारी"});
}

TEST_CASE("tokenizer: stop words in six languages", "[text][tokenizer]") {
  for (auto l : kLanguages) CHECK(stop_words(l).size() >= 60);
  for (std::string_view w : {"the", "und", "les", "los", "não", "della", "für", "très"}) CHECK(is_stop_word(w));
  for (std::string_view w : {"delivery", "lieferung", "livraison", "envío", "entrega", "consegna"}) CHECK_FALSE(is_stop_word(w));
  const TokenList tl = tokenize("The delivery und die Lieferung");
  CHECK(tl.tokens[0].stop);
  CHECK_FALSE(tl.tokens[1].stop);
  CHECK(tl.tokens[2].stop);
  CHECK_FALSE(tl.tokens[4].stop);
}

TEST_CASE("tokenizer: invalid UTF-8 does not derail", "[text][tokenizer]") {
  const std::string bad = std::string("ok \xC3 fine \xFF\xFE good");
  CHECK(norms(bad) == V{"ok", "fine", "good"});
  const std::string truncated = "caf\xC3";
  CHECK(norms(truncated) == V{"caf"});
}
