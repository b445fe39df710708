#include "core/text/sentiment.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "core/text/lexicon.hpp"
#include "core/text/tokenizer.hpp"
#include "core/text/unicode.hpp"
#include "core/values/ascii.hpp"
#include "core/values/string_index.hpp"

namespace npskit::text {

namespace {

constexpr double kBIncr = 0.293;
constexpr double kBDecr = -0.293;
constexpr double kCIncr = 0.733;
constexpr double kNScalar = -0.74;

// string_view -> double over static strings (built once; see values/string_index.hpp).
class StaticMap {
  auto key_of() const {
    return [this](std::uint32_t c) { return keys_[c]; };
  }

 public:
  void reserve(std::size_t n) {
    keys_.reserve(n);
    values_.reserve(n);
    index_ = StringIndex(n);
  }
  void set(std::string_view k, double v) {  // later sets win
    const std::uint32_t c = index_.find(k, key_of());
    if (c != StringIndex::kAbsent) {
      values_[c] = v;
      return;
    }
    keys_.push_back(k);
    values_.push_back(v);
    index_.insert(static_cast<std::uint32_t>(keys_.size() - 1), key_of());
  }
  const double* find(std::string_view k) const {
    const std::uint32_t c = index_.find(k, key_of());
    return c == StringIndex::kAbsent ? nullptr : &values_[c];
  }

 private:
  std::vector<std::string_view> keys_;
  std::vector<double> values_;
  StringIndex index_;
};

constexpr std::string_view kNegate[] = {
    "aint", "arent", "cannot", "cant", "couldnt", "darent", "didnt", "doesnt", "ain't", "aren't", "can't",
    "couldn't", "daren't", "didn't", "doesn't", "dont", "hadnt", "hasnt", "havent", "isnt", "mightnt", "mustnt",
    "neither", "don't", "hadn't", "hasn't", "haven't", "isn't", "mightn't", "mustn't", "neednt", "needn't",
    "never", "none", "nope", "nor", "not", "nothing", "nowhere", "oughtnt", "shant", "shouldnt", "uhuh", "wasnt",
    "werent", "oughtn't", "shan't", "shouldn't", "uh-uh", "wasn't", "weren't", "without", "wont", "wouldnt",
    "won't", "wouldn't", "rarely", "seldom", "despite"};

struct Booster { std::string_view word; double value; };
constexpr Booster kBoosters[] = {
    {"absolutely", kBIncr}, {"amazingly", kBIncr}, {"awfully", kBIncr}, {"completely", kBIncr},
    {"considerably", kBIncr}, {"decidedly", kBIncr}, {"deeply", kBIncr}, {"effing", kBIncr},
    {"enormously", kBIncr}, {"entirely", kBIncr}, {"especially", kBIncr}, {"exceptionally", kBIncr},
    {"extremely", kBIncr}, {"fabulously", kBIncr}, {"flipping", kBIncr}, {"flippin", kBIncr},
    {"fricking", kBIncr}, {"frickin", kBIncr}, {"frigging", kBIncr}, {"friggin", kBIncr}, {"fully", kBIncr},
    {"fucking", kBIncr}, {"greatly", kBIncr}, {"hella", kBIncr}, {"highly", kBIncr}, {"hugely", kBIncr},
    {"incredibly", kBIncr}, {"intensely", kBIncr}, {"majorly", kBIncr}, {"more", kBIncr}, {"most", kBIncr},
    {"particularly", kBIncr}, {"purely", kBIncr}, {"quite", kBIncr}, {"really", kBIncr}, {"remarkably", kBIncr},
    {"so", kBIncr}, {"substantially", kBIncr}, {"thoroughly", kBIncr}, {"totally", kBIncr},
    {"tremendously", kBIncr}, {"uber", kBIncr}, {"unbelievably", kBIncr}, {"unusually", kBIncr},
    {"utterly", kBIncr}, {"very", kBIncr}, {"almost", kBDecr}, {"barely", kBDecr}, {"hardly", kBDecr},
    {"just enough", kBDecr}, {"kind of", kBDecr}, {"kinda", kBDecr}, {"kindof", kBDecr}, {"kind-of", kBDecr},
    {"less", kBDecr}, {"little", kBDecr}, {"marginally", kBDecr}, {"occasionally", kBDecr}, {"partly", kBDecr},
    {"scarcely", kBDecr}, {"slightly", kBDecr}, {"somewhat", kBDecr}, {"sort of", kBDecr}, {"sorta", kBDecr},
    {"sortof", kBDecr}, {"sort-of", kBDecr}};

constexpr Booster kIdioms[] = {{"the shit", 3}, {"the bomb", 3}, {"bad ass", 1.5}, {"yeah right", -2},
                               {"cut the mustard", 2}, {"kiss of death", -1.5}, {"hand to mouth", -2}};

constexpr std::string_view kPuncList[] = {".", "!", "?", ",", ";", ":", "-", "'", "\"", "!!", "!!!", "??", "???",
                                          "?!?", "!?!", "?!?!", "!?!?"};

// Emoji -> a lexicon entry of the same meaning (the valence comes from the lexicon).
struct EmojiWord { char32_t cp; std::string_view word; };
constexpr EmojiWord kEmojiWords[] = {
    {0x1F600, "grinning"}, {0x1F603, "grinning"}, {0x1F604, "grin"}, {0x1F601, "grin"}, {0x1F606, "lol"},
    {0x1F605, "smile"}, {0x1F602, "lol"}, {0x1F923, "lol"}, {0x1F642, "smile"}, {0x1F60A, "smiling"},
    {0x263A, "smiling"}, {0x1F607, "smile"}, {0x1F970, "love"}, {0x1F60D, "love"}, {0x1F929, "amazing"},
    {0x1F618, "kiss"}, {0x1F617, "kiss"}, {0x1F619, "kiss"}, {0x1F61A, "kiss"}, {0x1F60B, "yummy"},
    {0x1F609, ";)"}, {0x1F60E, "cool"}, {0x1F917, "hug"}, {0x1F973, "party"}, {0x1F389, "celebrate"},
    {0x1F38A, "celebrate"}, {0x1F44F, "applause"}, {0x1F64C, "celebrate"}, {0x1F64F, "thanks"},
    {0x1F44D, "good"}, {0x1F44C, "good"}, {0x1F4AF, "perfect"}, {0x2764, "love"}, {0x1F495, "love"},
    {0x1F496, "love"}, {0x1F497, "love"}, {0x1F493, "love"}, {0x1F49E, "love"}, {0x1F498, "love"},
    {0x1F49D, "love"}, {0x1F499, "love"}, {0x1F49A, "love"}, {0x1F49B, "love"}, {0x1F49C, "love"},
    {0x1F9E1, "love"}, {0x1F90D, "love"},
    {0x1F44E, "bad"}, {0x1F61E, "disappointed"}, {0x1F614, "sad"}, {0x1F61F, "worried"}, {0x1F641, ":("},
    {0x2639, ":("}, {0x1F615, "confused"}, {0x1F622, "cry"}, {0x1F62D, "cry"}, {0x1F63F, "cry"},
    {0x1F621, "angry"}, {0x1F620, "angry"}, {0x1F92C, "furious"}, {0x1F624, "frustrated"}, {0x1F629, "ugh"},
    {0x1F62B, "ugh"}, {0x1F612, "annoyed"}, {0x1F644, "annoyed"}, {0x1F623, "frustrated"},
    {0x1F616, "frustrated"}, {0x1F92E, "disgusting"}, {0x1F922, "sick"}, {0x1F4A9, "crap"},
    {0x1F631, "horrified"}, {0x1F628, "scared"}, {0x1F630, "worried"}, {0x1F627, "shocked"}, {0x1F494, "sad"},
    {0x1F926, "ugh"}};

// The first words of a table's multi-word keys ("cut" of "cut the mustard").
std::vector<std::string_view> first_words(const Booster* begin, const Booster* end) {
  std::vector<std::string_view> out;
  for (const Booster* b = begin; b != end; ++b) {
    const auto space = b->word.find(' ');
    if (space == std::string_view::npos) continue;
    const auto first = b->word.substr(0, space);
    if (std::find(out.begin(), out.end(), first) == out.end()) out.push_back(first);
  }
  return out;
}

bool phrase_start(const std::vector<std::string_view>& starts, std::string_view word) {
  return std::find(starts.begin(), starts.end(), word) != starts.end();
}

struct Tables {
  StaticMap lexicon, boosters, idioms, negate;
  std::vector<std::string_view> idiom_starts = first_words(std::begin(kIdioms), std::end(kIdioms));
  std::vector<std::string_view> booster_phrase_starts = first_words(std::begin(kBoosters), std::end(kBoosters));
  Tables() {
    lexicon.reserve(kVaderLexiconSize);
    std::string_view words = kVaderLexiconWords;
    for (std::size_t i = 0; i < kVaderLexiconSize && !words.empty(); ++i) {
      const std::size_t end = words.find('\n');
      lexicon.set(words.substr(0, end), kVaderLexiconValences[i]);
      words.remove_prefix(end == std::string_view::npos ? words.size() : end + 1);
    }
    boosters.reserve(std::size(kBoosters));
    for (const auto& b : kBoosters) boosters.set(b.word, b.value);
    idioms.reserve(std::size(kIdioms));
    for (const auto& b : kIdioms) idioms.set(b.word, b.value);
    negate.reserve(std::size(kNegate));
    for (auto w : kNegate) negate.set(w, 1);
  }
};
const Tables& tables() {
  static const Tables t;
  return t;
}

bool ascii_punct(unsigned char c) {
  return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126);
}
bool in_punc_list(std::string_view p) {
  return std::find(std::begin(kPuncList), std::end(kPuncList), p) != std::end(kPuncList);
}
bool has_ascii_punct(std::string_view s) {
  for (unsigned char c : s) if (ascii_punct(c)) return true;
  return false;
}

// Python's str.isupper() as the npm port has it: /^[^a-z]*[A-Z]+[^a-z]*$/.
bool is_upper_word(std::string_view w) {
  bool upper = false;
  for (unsigned char c : w) {
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') upper = true;
  }
  return upper;
}

// negated([word]) of the reference: a negation word (case-sensitive) or "n't" inside.
bool negated_word(std::string_view w) {
  return tables().negate.find(w) != nullptr || w.find("n't") != std::string_view::npos;
}

std::optional<std::string_view> emoji_word_cp(char32_t cp) {
  for (const auto& e : kEmojiWords)
    if (e.cp == cp) return e.word;
  return std::nullopt;
}

std::optional<double> emoji_valence_cp(char32_t cp) {
  if (auto word = emoji_word_cp(cp))
    if (const double* v = tables().lexicon.find(*word)) return *v;
  return std::nullopt;
}

// Copies `text` to `out` with each emoji sequence set apart by spaces, passed
// through `emit` (which appends the sequence itself or a word for it).
template <class Emit>
void space_emoji(std::string_view text, std::string& out, Emit emit) {
  out.clear();
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t e = (static_cast<unsigned char>(text[i]) >= 0xE2) ? emoji_sequence_end(text, i) : i;
    if (e > i) {
      out.push_back(' ');
      emit(out, text.substr(i, e - i));
      out.push_back(' ');
      i = e;
    } else {
      out.push_back(text[i]);
      ++i;
    }
  }
}

}  // namespace

std::string_view sentiment_label_name(SentimentLabel l) {
  switch (l) {
    case SentimentLabel::negative: return "negative";
    case SentimentLabel::neutral: return "neutral";
    case SentimentLabel::positive: return "positive";
  }
  return "neutral";
}

SentimentLabel sentiment_label(double compound) {
  if (compound >= 0.05) return SentimentLabel::positive;
  if (compound <= -0.05) return SentimentLabel::negative;
  return SentimentLabel::neutral;
}

SentimentAnalyzer::SentimentAnalyzer(SentimentOptions options) : options_(options) { (void)tables(); }

std::optional<double> SentimentAnalyzer::lexicon_valence(std::string_view word) {
  const double* v = tables().lexicon.find(fold_case(word));
  if (v) return *v;
  return std::nullopt;
}

std::optional<double> SentimentAnalyzer::emoji_valence(std::string_view emoji) {
  if (emoji.empty() || emoji_sequence_end(emoji, 0) != emoji.size()) return std::nullopt;
  return emoji_valence_cp(decode_utf8(emoji, 0).cp);
}

std::string SentimentAnalyzer::emoji_as_words(std::string_view text) {
  std::string out;
  space_emoji(text, out, [](std::string& o, std::string_view seq) {
    const auto word = emoji_word_cp(decode_utf8(seq, 0).cp);
    o.append(word ? *word : seq);
  });
  return out;
}

void SentimentAnalyzer::split_words(std::string_view text) {
  words_.clear();
  lower_buf_.clear();
  lower_offsets_.clear();
  std::string_view src = text;
  if (options_.emoji) {
    // Set emoji sequences apart with spaces ("great👍" -> "great 👍").
    bool any = false;
    for (unsigned char c : text) if (c >= 0xE2) { any = true; break; }
    if (any) {
      space_emoji(text, spaced_, [](std::string& out, std::string_view seq) { out.append(seq); });
      src = spaced_;
    }
  }
  const auto& tb = tables();
  std::size_t i = 0;
  const std::size_t n = src.size();
  while (i < n) {
    // Split on JavaScript's \s.
    std::size_t j = i;
    while (j < n) {
      const Decoded d = decode_utf8(src, j);
      if (is_js_space(d.cp)) break;
      j += d.len;
    }
    std::string_view tok = src.substr(i, j - i);
    if (j < n) j += decode_utf8(src, j).len;
    i = j;
    // Fuzz finding (fuzz_text): in emoji mode an emoji of one UTF-16 unit that has a
    // word (U+2764 heart, U+263A, U+2639 typed without U+FE0F) was dropped here, though
    // the reference over emoji_as_words() sees its word ("love"). Keep it.
    if (utf16_length(tok) <= 1 &&
        !(options_.emoji && !tok.empty() && static_cast<unsigned char>(tok[0]) >= 0xE2 &&
          emoji_sequence_end(tok, 0) == tok.size() && emoji_word_cp(decode_utf8(tok, 0).cp)))
      continue;
    // One punctuation mark from PUNC_LIST before or after a punctuation-free word
    // of 2+ UTF-16 units is stripped ("great!" -> "great"; "great..." stays).
    std::size_t lead = 0, trail = 0;
    while (lead < tok.size() && ascii_punct(static_cast<unsigned char>(tok[lead]))) ++lead;
    while (trail < tok.size() - lead && ascii_punct(static_cast<unsigned char>(tok[tok.size() - 1 - trail]))) ++trail;
    if (lead > 0 && trail == 0) {
      const std::string_view w = tok.substr(lead);
      if (in_punc_list(tok.substr(0, lead)) && !has_ascii_punct(w) && utf16_length(w) > 1) tok = w;
    } else if (trail > 0 && lead == 0) {
      const std::string_view w = tok.substr(0, tok.size() - trail);
      if (in_punc_list(tok.substr(tok.size() - trail)) && !has_ascii_punct(w) && utf16_length(w) > 1) tok = w;
    }
    Word w{};
    w.raw = tok;
    w.upper = is_upper_word(tok);
    lower_offsets_.push_back(lower_buf_.size());
    for (std::size_t k = 0; k < tok.size();) {
      const Decoded d = decode_utf8(tok, k);
      k += d.len;
      if (d.cp < 0x80) lower_buf_.push_back(lower_ascii(static_cast<char>(d.cp)));
      else append_utf8(lower_buf_, lower_cp(d.cp));
    }
    words_.push_back(w);
  }
  lower_offsets_.push_back(lower_buf_.size());
  for (std::size_t k = 0; k < words_.size(); ++k) {
    Word& w = words_[k];
    w.lower = std::string_view(lower_buf_).substr(lower_offsets_[k], lower_offsets_[k + 1] - lower_offsets_[k]);
    if (const double* v = tb.lexicon.find(w.lower)) {
      w.in_lexicon = true;
      w.valence = *v;
    } else if (options_.emoji && static_cast<unsigned char>(w.raw[0]) >= 0xE2 &&
               emoji_sequence_end(w.raw, 0) == w.raw.size()) {
      if (auto v2 = emoji_valence_cp(decode_utf8(w.raw, 0).cp)) {
        w.in_lexicon = true;
        w.valence = *v2;
      }
    }
    if (const double* b = tb.boosters.find(w.lower)) w.booster = *b;
  }
}

SentimentScores SentimentAnalyzer::score(std::string_view text) {
  split_words(text);
  const auto& W = words_;
  const std::size_t n = W.size();
  std::size_t caps = 0;
  for (const auto& w : W) caps += w.upper ? 1 : 0;
  const bool cap_diff = n > caps && caps > 0;  // some, not all, words in capitals
  sentiments_.assign(n, 0.0);
  const auto& tb = tables();

  auto scalar_inc_dec = [&](const Word& w, double valence) {
    double scalar = 0;
    if (w.booster != 0) {
      scalar = w.booster;
      if (valence < 0) scalar = -scalar;
      if (cap_diff && w.upper) scalar += valence > 0 ? kCIncr : -kCIncr;
    }
    return scalar;
  };
  auto raw = [&](std::size_t k) { return W[k].raw; };
  auto is_so_this = [&](std::size_t k) { return raw(k) == "so" || raw(k) == "this"; };
  auto join = [&](std::initializer_list<std::size_t> idx) {
    std::string seq;
    for (std::size_t k : idx) {
      if (!seq.empty() || k != *idx.begin()) seq.push_back(' ');
      seq.append(raw(k));
    }
    return seq;
  };

  for (std::size_t i = 0; i < n; ++i) {
    if ((i + 1 < n && W[i].lower == "kind" && W[i + 1].lower == "of") || W[i].booster != 0) continue;  // 0
    if (!W[i].in_lexicon) continue;
    double v = W[i].valence;
    if (W[i].upper && cap_diff) v += v > 0 ? kCIncr : -kCIncr;
    for (std::size_t s = 0; s < 3; ++s) {
      if (i > s && !W[i - s - 1].in_lexicon) {
        double sc = scalar_inc_dec(W[i - s - 1], v);
        if (s == 1 && sc != 0) sc *= 0.95;
        else if (s == 2 && sc != 0) sc *= 0.9;
        v += sc;
        // never_check
        if (s == 0) {
          if (negated_word(raw(i - 1))) v *= kNScalar;
        } else if (s == 1) {
          if (raw(i - 2) == "never" && is_so_this(i - 1)) v *= 1.5;
          else if (negated_word(raw(i - 2))) v *= kNScalar;
        } else {
          if ((raw(i - 3) == "never" && is_so_this(i - 2)) || is_so_this(i - 1)) v *= 1.25;
          else if (negated_word(raw(i - 3))) v *= kNScalar;
          // idioms_check. A phrase is only joined and looked up when its first word
          // starts some idiom (or two-word booster): same result, no string building
          // for the usual word (this check ran for most sentiment words).
          const auto idiom = [&](std::initializer_list<std::size_t> idx) -> const double* {
            return phrase_start(tb.idiom_starts, raw(*idx.begin())) ? tb.idioms.find(join(idx)) : nullptr;
          };
          for (const double* iv : {idiom({i - 1, i}), idiom({i - 2, i - 1, i}), idiom({i - 2, i - 1}),
                                   idiom({i - 3, i - 2, i - 1}), idiom({i - 3, i - 2})}) {
            if (iv) { v = *iv; break; }
          }
          if (n - 1 > i) {
            if (const double* iv = idiom({i, i + 1})) v = *iv;
          }
          if (n - 1 > i + 1) {
            if (const double* iv = idiom({i, i + 1, i + 2})) v = *iv;
          }
          const auto booster_phrase = [&](std::initializer_list<std::size_t> idx) {
            return phrase_start(tb.booster_phrase_starts, raw(*idx.begin())) && tb.boosters.find(join(idx));
          };
          if (booster_phrase({i - 3, i - 2}) || booster_phrase({i - 2, i - 1})) v += kBDecr;
        }
      }
    }
    // least_check
    static const bool least_in_lexicon = tables().lexicon.find("least") != nullptr;
    if (i > 1 && W[i - 1].lower == "least" && !least_in_lexicon) {
      if (W[i - 2].lower != "at" && W[i - 2].lower != "very") v *= kNScalar;
    } else if (i > 0 && W[i - 1].lower == "least" && !least_in_lexicon) {
      v *= kNScalar;
    }
    sentiments_[i] = v;
  }

  // but_check: the first "but" (else "BUT").
  std::size_t but = n;
  for (std::size_t k = 0; k < n; ++k) if (W[k].raw == "but") { but = k; break; }
  if (but == n) for (std::size_t k = 0; k < n; ++k) if (W[k].raw == "BUT") { but = k; break; }
  if (but < n) {
    for (std::size_t k = 0; k < n; ++k) {
      if (k < but) sentiments_[k] *= 0.5;
      else if (k > but) sentiments_[k] *= 1.5;
    }
  }

  SentimentScores out;
  if (n == 0) return out;
  double sum = 0;
  for (double s : sentiments_) sum += s;
  std::size_t ep = 0, qm = 0;
  for (char c : text) { ep += c == '!'; qm += c == '?'; }
  const double ep_amp = static_cast<double>(std::min<std::size_t>(ep, 4)) * 0.292;
  const double qm_amp = qm > 1 ? (qm <= 3 ? static_cast<double>(qm) * 0.18 : 0.96) : 0.0;
  const double amp = ep_amp + qm_amp;
  if (sum > 0) sum += amp;
  else if (sum < 0) sum -= amp;
  double compound = sum / std::sqrt(sum * sum + 15.0);
  compound = std::clamp(compound, -1.0, 1.0);

  double pos_sum = 0, neg_sum = 0;
  double neu_count = 0;
  for (double s : sentiments_) {
    if (s > 0) pos_sum += s + 1;
    else if (s < 0) neg_sum += s - 1;
    else neu_count += 1;
  }
  if (pos_sum > std::fabs(neg_sum)) pos_sum += amp;
  else if (pos_sum < std::fabs(neg_sum)) neg_sum -= amp;
  const double total = pos_sum + std::fabs(neg_sum) + neu_count;
  out.compound = compound;
  if (total > 0) {
    out.pos = std::fabs(pos_sum / total);
    out.neg = std::fabs(neg_sum / total);
    out.neu = std::fabs(neu_count / total);
  }
  out.label = sentiment_label(compound);
  return out;
}

}  // namespace npskit::text
