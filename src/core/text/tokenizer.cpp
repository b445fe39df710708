#include "core/text/tokenizer.hpp"

#include <algorithm>
#include <array>

#include "core/text/unicode.hpp"
#include "core/values/ascii.hpp"
#include "core/values/string_index.hpp"

namespace npskit::text {

namespace {

// ---- stop words -------------------------------------------------------------
// Short hand-written lists of the most common function words (pronouns, articles,
// auxiliaries, prepositions, conjunctions). Sorted at first use.
constexpr std::string_view kStopEn[] = {
    "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "aren't",
    "as", "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can",
    "can't", "cannot", "could", "couldn't", "did", "didn't", "do", "does", "doesn't", "doing", "don't", "down",
    "during", "each", "few", "for", "from", "further", "get", "got", "had", "hadn't", "has", "hasn't", "have",
    "haven't", "having", "he", "her", "here", "hers", "herself", "him", "himself", "his", "how", "i", "i'd",
    "i'll", "i'm", "i've", "if", "im", "in", "into", "is", "isn't", "it", "it's", "its", "itself", "ive", "just",
    "let's", "me", "more", "most", "my", "myself", "no", "nor", "not", "of", "off", "on", "once", "only", "or",
    "other", "our", "ours", "ourselves", "out", "over", "own", "really", "same", "she", "should", "shouldn't",
    "so", "some", "such", "than", "that", "that's", "the", "their", "theirs", "them", "themselves", "then",
    "there", "there's", "these", "they", "they're", "this", "those", "through", "to", "too", "under", "until",
    "up", "very", "was", "wasn't", "we", "we're", "were", "weren't", "what", "when", "where", "which", "while",
    "who", "whom", "why", "will", "with", "won't", "would", "wouldn't", "you", "you're", "your", "yours",
    "yourself", "yourselves"};
constexpr std::string_view kStopDe[] = {
    "aber", "alle", "allem", "allen", "aller", "alles", "als", "also", "am", "an", "auch", "auf", "aus", "bei",
    "bin", "bis", "bist", "da", "damit", "dann", "das", "dass", "daß", "dein", "deine", "dem", "den", "denn",
    "der", "des", "dich", "die", "dies", "diese", "diesem", "diesen", "dieser", "dieses", "dir", "doch", "dort",
    "du", "durch", "ein", "eine", "einem", "einen", "einer", "eines", "er", "es", "etwas", "euch", "euer", "für",
    "gegen", "gewesen", "hab", "habe", "haben", "hat", "hatte", "hatten", "hier", "ich", "ihm", "ihn", "ihnen",
    "ihr", "ihre", "im", "in", "ins", "ist", "jede", "jedem", "jeden", "jeder", "jedes", "jetzt", "kann", "kein",
    "keine", "können", "könnte", "man", "mein", "meine", "mich", "mir", "mit", "muss", "nach", "nicht", "nichts",
    "noch", "nun", "nur", "ob", "oder", "ohne", "sehr", "sein", "seine", "sich", "sie", "sind", "so", "soll",
    "sollte", "über", "um", "und", "uns", "unser", "unter", "vom", "von", "vor", "war", "waren", "was", "weil",
    "wenn", "werde", "werden", "wie", "wieder", "wir", "wird", "wo", "wurde", "würde", "zu", "zum", "zur"};
constexpr std::string_view kStopFr[] = {
    "à", "a", "ai", "au", "aux", "avait", "avec", "avoir", "c", "ça", "ce", "ces", "cet", "cette", "d", "dans",
    "de", "des", "du", "elle", "elles", "en", "est", "et", "étais", "était", "été", "être", "eu", "il", "ils", "j",
    "je", "jusqu", "l", "la", "le", "les", "leur", "leurs", "lorsqu", "lui", "m", "ma", "mais", "me", "même",
    "mes", "moi", "mon", "n", "ne", "nos", "notre", "nous", "on", "ont", "ou", "où", "par", "pas", "plus", "pour",
    "puisqu", "qu", "que", "qui", "s", "sa", "se", "ses", "si", "son", "sont", "suis", "sur", "t", "ta", "te",
    "tes", "toi", "ton", "tout", "tous", "très", "tu", "un", "une", "vos", "votre", "vous", "y"};
constexpr std::string_view kStopEs[] = {
    "a", "al", "algo", "ante", "antes", "como", "con", "contra", "cual", "cuando", "de", "del", "desde", "donde",
    "durante", "e", "el", "él", "ella", "ellas", "ellos", "en", "entre", "era", "es", "esa", "esas", "ese", "eso",
    "esos", "esta", "está", "están", "estas", "este", "esto", "estos", "fue", "fueron", "ha", "han", "hasta",
    "hay", "la", "las", "le", "les", "lo", "los", "más", "me", "mi", "mis", "mucho", "muy", "ni", "no", "nos",
    "o", "os", "otra", "otro", "para", "pero", "poco", "por", "porque", "que", "qué", "se", "sea", "ser", "si",
    "sí", "sin", "sobre", "son", "su", "sus", "también", "tan", "te", "tengo", "ti", "tiene", "todo", "todos",
    "tu", "tus", "un", "una", "uno", "unos", "y", "ya", "yo"};
constexpr std::string_view kStopPt[] = {
    "a", "à", "ao", "aos", "as", "com", "como", "da", "das", "de", "do", "dos", "e", "é", "ela", "elas", "ele",
    "eles", "em", "entre", "era", "essa", "esse", "esta", "está", "estão", "este", "eu", "foi", "há", "isso",
    "isto", "já", "lhe", "mais", "mas", "me", "meu", "minha", "muito", "na", "não", "nas", "nem", "no", "nos",
    "o", "os", "ou", "para", "pela", "pelo", "por", "que", "quando", "se", "sem", "ser", "seu", "sua", "são",
    "também", "te", "tem", "tenho", "um", "uma", "você", "vocês"};
constexpr std::string_view kStopIt[] = {
    "a", "ad", "agli", "ai", "al", "all", "alla", "alle", "allo", "anche", "c", "che", "chi", "ci", "come", "con",
    "cui", "d", "da", "dal", "dall", "dalla", "dei", "del", "dell", "della", "delle", "dello", "di", "e", "è", "ed",
    "era", "essere", "gli", "ha", "hanno", "ho", "i", "il", "in", "io", "l", "la", "le", "lei", "li", "lo", "loro",
    "lui", "ma", "mi", "mia", "mio", "molto", "ne", "nei", "nel", "nell", "nella", "noi", "non", "o", "per",
    "perché", "più", "poi", "quel", "quell", "quella", "quello", "quest", "questa", "questo", "se", "si", "sia",
    "sono", "su", "sua", "sul", "sull", "suo", "tra", "tu", "un", "una", "uno", "vi", "voi"};

// Words before an apostrophe that are elided articles/pronouns (French, Italian):
// l'application -> "l" + "application".
constexpr std::string_view kElided[] = {"c", "d", "dall", "dell", "j", "jusqu", "l", "lorsqu", "m", "n",
                                         "nell", "puisqu", "qu", "quell", "quest", "s", "sull", "t", "all", "un"};

// The union of the lists as a hash set (lookups run once per word).
struct StopSet {
  std::vector<std::string_view> words;
  StringIndex index{1024};
  auto key_of() const {
    return [this](std::uint32_t c) { return words[c]; };
  }
  StopSet() {
    for (auto l : kLanguages)
      for (auto w : stop_words(l))
        if (index.find(w, key_of()) == StringIndex::kAbsent) {
          words.push_back(w);
          index.insert(static_cast<std::uint32_t>(words.size() - 1), key_of());
        }
  }
  bool contains(std::string_view w) const {
    if (w.empty() || w.size() > 12) return false;
    return index.find(w, key_of()) != StringIndex::kAbsent;
  }
};
const StopSet& stop_set() {
  static const StopSet s;
  return s;
}

// ---- character classes --------------------------------------------------------
enum class Cls : std::uint8_t { space, newline, letter, digit, han, kana, apostrophe, hyphen, joiner, punct };

Cls classify(char32_t c) {
  if (c < 0x80) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return Cls::letter;
    if (c >= '0' && c <= '9') return Cls::digit;
    if (c == '\n' || c == '\r' || c == 0x0B || c == 0x0C) return Cls::newline;
    if (c == ' ' || c == '\t') return Cls::space;
    if (c == '\'') return Cls::apostrophe;
    if (c == '-' || c == '/') return Cls::hyphen;
    return Cls::punct;
  }
  if (c == 0x2028 || c == 0x2029 || c == 0x85) return Cls::newline;
  if (is_space_cp(c)) return Cls::space;
  if (c < 0x100) return (c == 0xAA || c == 0xB5 || c == 0xBA || (c >= 0xC0 && c != 0xD7 && c != 0xF7)) ? Cls::letter : Cls::punct;
  if (is_combining_mark(c) || c == 0x200C || c == 0x200D) return Cls::joiner;
  if (c == 0x2019 || c == 0x02BC) return Cls::apostrophe;
  if (c == 0x2010 || c == 0x2011) return Cls::hyphen;
  if (is_han(c) || is_hiragana(c)) return Cls::han;
  if (is_katakana(c)) return Cls::kana;
  if ((c >= 0x0660 && c <= 0x0669) || (c >= 0x06F0 && c <= 0x06F9) || (c >= 0x0966 && c <= 0x096F) ||
      (c >= 0xFF10 && c <= 0xFF19))
    return Cls::digit;
  switch (c) {  // script punctuation
    case 0x037E: case 0x0387: case 0x0589: case 0x05BE: case 0x05C0: case 0x05C3: case 0x05C6: case 0x05F3:
    case 0x05F4: case 0x060C: case 0x060D: case 0x061B: case 0x061E: case 0x061F: case 0x066A: case 0x066B:
    case 0x066C: case 0x066D: case 0x06D4: case 0x0964: case 0x0965: case 0x0E5A: case 0x0E5B: case 0x30FB:
    case 0xFFFD:
      return Cls::punct;
    default: break;
  }
  if ((c >= 0x055A && c <= 0x055F) || (c >= 0x2000 && c <= 0x2BFF) || (c >= 0x2E00 && c <= 0x2E7F) ||
      (c >= 0x3000 && c <= 0x303F) || (c >= 0xFE10 && c <= 0xFE6F) || (c >= 0xFF01 && c <= 0xFF0F) ||
      (c >= 0xFF1A && c <= 0xFF20) || (c >= 0xFF3B && c <= 0xFF40) || (c >= 0xFF5B && c <= 0xFF65) ||
      (c >= 0x1F000 && c <= 0x1FAFF) || (c >= 0xE0000 && c <= 0xE007F))
    return Cls::punct;
  return Cls::letter;  // every other script's letters (and marks we do not list)
}

bool ascii_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }
bool ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool starts_with_ci(std::string_view s, std::size_t i, std::string_view prefix) {
  if (s.size() - i < prefix.size()) return false;
  for (std::size_t k = 0; k < prefix.size(); ++k) {
    if (lower_ascii(s[i + k]) != prefix[k]) return false;
  }
  return true;
}

constexpr std::string_view kTlds[] = {"app", "at", "au", "be", "br", "ca", "ch", "co", "com", "de", "es", "eu",
                                      "fr", "in", "info", "io", "it", "net", "nl", "org", "pt", "shop", "store", "uk"};

// Length of an e-mail address at text[i] (0 if none): local@domain.tld, ASCII.
std::size_t match_email(std::string_view t, std::size_t i) {
  std::size_t j = i;
  auto local_char = [](char c) { return ascii_alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-'; };
  // Found with fuzz_text (a 16 kB input ran 35 s): the scans ran to the end of the
  // run at every word start inside it ("a.a.a..." or "a_a_a...": quadratic). A local
  // part has at most 64 bytes and a domain 253 (RFC 5321), so a scan stops past those
  // and the run is no address.
  constexpr std::size_t kMaxLocal = 64, kMaxDomain = 253;
  while (j < t.size() && j - i <= kMaxLocal && local_char(t[j])) ++j;
  if (j == i || j - i > kMaxLocal || j >= t.size() || t[j] != '@') return 0;
  const std::size_t at = j++;
  const std::size_t dstart = j;
  while (j < t.size() && j - dstart <= kMaxDomain + 1 && (ascii_alnum(t[j]) || t[j] == '.' || t[j] == '-')) ++j;
  if (j - dstart > kMaxDomain + 1) return 0;  // (one trailing '.' or '-' is allowed, and stripped)
  while (j > dstart && (t[j - 1] == '.' || t[j - 1] == '-')) --j;
  const std::string_view domain = t.substr(dstart, j - dstart);
  const auto dot = domain.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || domain.size() - dot - 1 < 2) return 0;
  for (char c : domain.substr(dot + 1)) if (!ascii_alpha(c)) return 0;
  (void)at;
  return j - i;
}

std::size_t url_end(std::string_view t, std::size_t j) {
  while (j < t.size()) {
    const Decoded d = decode_utf8(t, j);
    if (is_space_cp(d.cp) || d.cp == '\n') break;
    j += d.len;
  }
  return j;
}
std::size_t trim_url(std::string_view t, std::size_t i, std::size_t j) {
  while (j > i) {
    const char c = t[j - 1];
    if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == ')' || c == ']' || c == '}' ||
        c == '"' || c == '\'' || c == '>')
      --j;
    else
      break;
  }
  return j;
}

// Length of a URL at text[i] (0 if none).
std::size_t match_url(std::string_view t, std::size_t i) {
  if (starts_with_ci(t, i, "http://") || starts_with_ci(t, i, "https://") || starts_with_ci(t, i, "www.")) {
    const std::size_t j = trim_url(t, i, url_end(t, i));
    return j - i > 7 ? j - i : 0;
  }
  // A bare domain: label(.label)*.tld, optionally /path. The first label needs a letter.
  // Found with fuzz_text (a 16 kB input ran 35 s): this scan ran to the end of the
  // run at every word start inside it ("a.a.a..." or "a-a-a...": quadratic). A host
  // name has at most 253 bytes (RFC 1035), so the scan stops past that (one trailing
  // '.' allowed) and the run is no domain.
  constexpr std::size_t kMaxHost = 253;
  std::size_t j = i;
  bool letter = false;
  while (j < t.size() && j - i <= kMaxHost + 1 && (ascii_alnum(t[j]) || t[j] == '-' || t[j] == '.')) {
    if (ascii_alpha(t[j])) letter = true;
    ++j;
  }
  if (j - i > kMaxHost + 1) return 0;
  std::size_t host_end = j;
  while (host_end > i && t[host_end - 1] == '.') --host_end;
  if (host_end - i > kMaxHost) return 0;
  const std::string_view host = t.substr(i, host_end - i);
  const auto dot = host.rfind('.');
  if (!letter || dot == std::string_view::npos || dot < 2 || host.find("..") != std::string_view::npos) return 0;
  const std::string_view tld = host.substr(dot + 1);
  if (std::find(std::begin(kTlds), std::end(kTlds), tld) == std::end(kTlds)) return 0;
  if (host_end < t.size()) {
    const Decoded d = decode_utf8(t, host_end);
    if (d.cp == '/') return trim_url(t, i, url_end(t, host_end)) - i;
    if (classify(d.cp) == Cls::letter || d.cp == '@') return 0;
  }
  return host_end - i;
}

void append_folded(std::string& out, std::string_view raw) {
  bool ascii = true;
  for (unsigned char c : raw) ascii = ascii && c < 0x80;
  if (ascii) {  // fast path
    const std::size_t at = out.size();
    out.append(raw);
    for (std::size_t k = at; k < out.size(); ++k)
      if (out[k] >= 'A' && out[k] <= 'Z') out[k] = static_cast<char>(out[k] + 32);
    return;
  }
  for (std::size_t i = 0; i < raw.size();) {
    const Decoded d = decode_utf8(raw, i);
    i += d.len;
    if (d.cp == 0x2019 || d.cp == 0x02BC) out.push_back('\'');
    else append_utf8(out, lower_cp(d.cp));
  }
}

}  // namespace

std::string_view token_kind_name(TokenKind k) {
  switch (k) {
    case TokenKind::word: return "word";
    case TokenKind::number: return "number";
    case TokenKind::url: return "url";
    case TokenKind::email: return "email";
    case TokenKind::emoji: return "emoji";
    case TokenKind::cjk: return "cjk";
  }
  return "word";
}

std::string_view language_code(Language l) {
  switch (l) {
    case Language::en: return "en";
    case Language::de: return "de";
    case Language::fr: return "fr";
    case Language::es: return "es";
    case Language::pt: return "pt";
    case Language::it: return "it";
  }
  return "en";
}

std::span<const std::string_view> stop_words(Language l) {
  switch (l) {
    case Language::en: return kStopEn;
    case Language::de: return kStopDe;
    case Language::fr: return kStopFr;
    case Language::es: return kStopEs;
    case Language::pt: return kStopPt;
    case Language::it: return kStopIt;
  }
  return {};
}

bool is_stop_word(std::string_view folded) { return stop_set().contains(folded); }

std::string fold_case(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const Decoded d = decode_utf8(text, i);
    i += d.len;
    append_utf8(out, lower_cp(d.cp));
  }
  return out;
}

void fold_for_match(std::string_view text, std::string& out) {
  for (std::size_t i = 0; i < text.size();) {
    const Decoded d = decode_utf8(text, i);
    i += d.len;
    if (d.cp < 0x80) {
      out.push_back(static_cast<char>(d.cp >= 'A' && d.cp <= 'Z' ? d.cp + 32 : d.cp));
      continue;
    }
    if (d.cp == 0x2019 || d.cp == 0x02BC) { out.push_back('\''); continue; }
    const char32_t lc = lower_cp(d.cp);
    if (is_combining_mark(lc)) continue;
    const std::string_view base = latin_base(lc);
    if (!base.empty()) out.append(base);
    else append_utf8(out, lc);
  }
}

std::string fold_for_match(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  fold_for_match(text, out);
  return out;
}

TokenList tokenize(std::string_view text) {
  TokenList out;
  tokenize(text, out);
  return out;
}

void tokenize(std::string_view t, TokenList& out) {
  out.clear();
  bool pending_break = true;
  const std::size_t n = t.size();
  auto emit = [&](TokenKind kind, std::size_t b, std::size_t e, bool fold) {
    Token tok{};
    tok.kind = kind;
    tok.begin = static_cast<std::uint32_t>(b);
    tok.end = static_cast<std::uint32_t>(e);
    tok.after_break = pending_break;
    tok.norm_begin = static_cast<std::uint32_t>(out.normalized.size());
    const std::string_view raw = t.substr(b, e - b);
    if (kind == TokenKind::emoji) {
      for (std::size_t i = 0; i < raw.size();) {
        const Decoded d = decode_utf8(raw, i);
        i += d.len;
        if (d.cp != 0xFE0F && d.cp != 0xFE0E && !is_emoji_modifier(d.cp)) append_utf8(out.normalized, d.cp);
      }
    } else if (fold) {
      append_folded(out.normalized, raw);
    } else {
      out.normalized.append(raw);
    }
    tok.norm_size = static_cast<std::uint32_t>(out.normalized.size() - tok.norm_begin);
    tok.stop = kind == TokenKind::word && is_stop_word(out.norm(tok));
    out.tokens.push_back(tok);
    pending_break = false;
  };

  std::size_t i = 0;
  while (i < n) {
    const Decoded d = decode_utf8(t, i);
    const Cls cls = classify(d.cp);
    if (cls == Cls::space) { i += d.len; continue; }
    if (cls == Cls::newline) { pending_break = true; i += d.len; continue; }

    // Emoji (also keycaps, which start with a digit or # or *).
    if (const std::size_t e = emoji_sequence_end(t, i); e > i) {
      pending_break = true;  // an emoji ends a phrase, like punctuation, but is a token itself
      emit(TokenKind::emoji, i, e, false);
      pending_break = true;
      i = e;
      continue;
    }
    if (cls == Cls::letter || cls == Cls::digit) {
      if (d.cp < 0x80) {
        if (const std::size_t len = match_url(t, i)) { emit(TokenKind::url, i, i + len, false); i += len; continue; }
        if (const std::size_t len = match_email(t, i)) { emit(TokenKind::email, i, i + len, true); i += len; continue; }
      }
      std::size_t j = i;
      bool number = cls == Cls::digit;
      if (number) {  // digits with inner separators: 1,000  3.5  10/10  10:30
        for (;;) {
          while (j < n) {
            const Decoded e = decode_utf8(t, j);
            if (classify(e.cp) != Cls::digit) break;
            j += e.len;
          }
          if (j + 1 < n && (t[j] == '.' || t[j] == ',' || t[j] == ':' || t[j] == '/')) {
            const Decoded e = decode_utf8(t, j + 1);
            if (classify(e.cp) == Cls::digit) { j += 1; continue; }
          }
          break;
        }
        if (j < n && classify(decode_utf8(t, j).cp) == Cls::letter) number = false;  // 24h, 3rd
        else { emit(TokenKind::number, i, j, false); i = j; continue; }
      }
      // A word: letters, digits, marks, joiners; an apostrophe between letters.
      while (j < n) {
        const Decoded e = decode_utf8(t, j);
        const Cls c = classify(e.cp);
        if (c == Cls::letter || c == Cls::digit || c == Cls::joiner) { j += e.len; continue; }
        if (c == Cls::apostrophe && j + e.len < n) {
          const Decoded f = decode_utf8(t, j + e.len);
          if (classify(f.cp) == Cls::letter) {
            // Found with fuzz_text (a 16 kB input ran 9.8 s): folding the whole word so
            // far at every apostrophe was quadratic ("a'a'a'..." of 128 kB: 5 s). An
            // elided word has at most 6 letters, each from at most 2 bytes (U+0130 folds
            // to 'i'), so a longer head cannot be one: it is not folded.
            if (j - i <= 12) {
              std::string head;
              append_folded(head, t.substr(i, j - i));
              if (std::find(std::begin(kElided), std::end(kElided), head) != std::end(kElided)) break;  // l'app
            }
            j += e.len + f.len;
            continue;
          }
        }
        break;
      }
      emit(TokenKind::word, i, j, true);
      if (j < n && classify(decode_utf8(t, j).cp) == Cls::apostrophe) {  // skip the elision apostrophe
        const Decoded e = decode_utf8(t, j);
        if (j + e.len < n && classify(decode_utf8(t, j + e.len).cp) == Cls::letter) j += e.len;
      }
      i = j;
      continue;
    }
    if (cls == Cls::kana) {
      std::size_t j = i;
      while (j < n) {
        const Decoded e = decode_utf8(t, j);
        if (classify(e.cp) != Cls::kana && classify(e.cp) != Cls::joiner) break;
        j += e.len;
      }
      emit(TokenKind::word, i, j, false);
      i = j;
      continue;
    }
    if (cls == Cls::han) {
      std::size_t j = i + d.len;
      while (j < n && classify(decode_utf8(t, j).cp) == Cls::joiner) j += decode_utf8(t, j).len;
      emit(TokenKind::cjk, i, j, false);
      i = j;
      continue;
    }
    if (cls == Cls::hyphen || cls == Cls::apostrophe) {
      // Between two word characters a hyphen (or slash) joins: no phrase break.
      bool joins = false;
      if (!out.tokens.empty() && out.tokens.back().end == i && i + d.len < n) {
        const Cls next = classify(decode_utf8(t, i + d.len).cp);
        joins = cls == Cls::hyphen && (next == Cls::letter || next == Cls::digit);
      }
      if (!joins) pending_break = true;
      i += d.len;
      continue;
    }
    // Punctuation, symbols, a stray joiner.
    pending_break = true;
    i += d.len;
  }
}

}  // namespace npskit::text
