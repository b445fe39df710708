#include "core/text/themes.hpp"

#include <memory>
#include <unordered_map>

#include <algorithm>
#include <unordered_set>

#include "core/text/sentiment.hpp"
#include "core/text/unicode.hpp"

namespace npskit::text {

namespace {

struct BuiltinTheme { std::string_view name, label, terms; };  // terms separated by '|'
constexpr BuiltinTheme kBuiltin[] = {
    {"delivery", "Delivery / shipping",
     "deliver*|shipping|shipped|ship|ships|shipment*|courier*|parcel*|package|packages|packaging|arriv*|"
     "arrival|tracking|tracking number|dispatch*|postage|on time|in transit|took forever|delay*|"
     "liefer*|versand*|paket*|zustell*|livraison*|livré|livrée|livrer|colis|expédition|envío|envíos|envio|"
     "entrega*|paquete*|spedizion*|consegna*|frete|配送|快递|発送|डिलीवरी|توصيل|التوصيل|شحن|الشحن"},
    {"support", "Support / service",
     "support*|customer service|customer care|service|agent|agents|representative*|help desk|helpdesk|"
     "live chat|hotline|call center|call centre|phone support|staff|response time|no response|"
     "kundenservice|kundendienst|hilfe|service client|atención al cliente|servicio al cliente|soporte|"
     "assistenza|atendimento|客服|サポート|ग्राहक सेवा|خدمة العملاء"},
    {"price", "Price / value",
     "price*|pricing|expensive|cheap*|cost|costs|costly|value for money|good value|afford*|overpriced|"
     "rip off|ripoff|preis*|teuer|günstig|billig|prix|cher|chère|coût|tarif*|precio*|caro|barato|prezz*|"
     "costoso|preço|价格|値段|कीमत|سعر"},
    {"quality", "Product quality",
     "quality|build quality|broke|broken|breaks|defect*|durab*|sturdy|flimsy|fell apart|stopped working|"
     "material|materials|poor quality|high quality|qualität|kaputt|defekt*|mangelhaft|qualité|cassé|"
     "calidad|roto|defectuoso|qualità|difettoso|qualidade|质量|品質|गुणवत्ता|جودة"},
    {"checkout", "Checkout / payment",
     "checkout|check out|payment*|pay|paying|paid|paypal|credit card|card declined|apple pay|google pay|cart|"
     "basket|coupon*|promo code|discount code|voucher*|bezahl*|zahlung*|kasse|warenkorb|paiement|panier|"
     "pago|pagar|carrito|pagamento|carrello|支付|決済"},
    {"usability", "App / website usability",
     "app|apps|website*|site|web site|interface|user interface|ui|ux|navigat*|easy to use|hard to use|"
     "intuitive|confusing|usability|user friendly|login|log in|sign in|crash*|bug|bugs|buggy|glitch*|"
     "layout|menu|menus|search function|webseite|benutzerfreundlich|bedienung|application|appli|site web|"
     "ergonomie|aplicación|página web|sitio web|applicazione|sito|aplicativo|アプリ|应用|ऐप|تطبيق"},
    {"billing", "Billing",
     "bill|bills|billing|billed|invoice*|charge|charges|charged|charging|overcharg*|double charged|"
     "subscription*|renewal|auto renew|auto-renew|cancel subscription|receipt*|direct debit|rechnung*|"
     "abbuchung|abonnement|abrechnung|facture*|facturation|prélèvement|factura*|cobro*|suscripción|"
     "fattura*|addebito|cobrança|fatura"},
    {"returns", "Returns / refunds",
     "return|returns|returned|return policy|return label|refund*|money back|exchange*|send back|sent back|"
     "send it back|rma|rücksendung*|retoure*|umtausch*|erstattung|rückerstattung|remboursement|rembours*|"
     "retour|retours|devolución|devolucion|devoluciones|reembolso*|reso|rimborso|devolução|退货|退款|返品|返金"},
    {"after-sales", "After-sales",
     "after sales|aftersales|after-sale|warranty|guarantee|repair*|spare part*|maintenance|follow up|"
     "follow-up|installation|garantie|reparatur*|ersatzteil*|service après-vente|sav|réparation|postventa|"
     "posventa|garantía|reparación|post vendita|garanzia|riparazion*|assistência técnica|售后|保修|アフターサービス"},
};

// Real words one edit away from a term word: never taken for misspellings.
constexpr std::string_view kNotTypos[] = {
    "change", "changed", "changes", "changing", "charger", "chargers", "charity", "chipping", "qualify",
    "qualified", "retired", "shopping", "shopper", "shoppers", "shopped", "sipping", "skipping", "slipping",
    "stopping", "shaping", "shipper", "packing", "prince", "survive", "servile", "billion", "billions",
    "retune", "repaid", "repeat", "repeats", "repeated", "repaint", "broker", "brokers", "bugger", "applied",
    "applies", "apples", "supper", "recipe", "recipes", "couple", "couples", "warrant", "access", "process",
    "interest", "maternal", "agency", "urgent", "dispute", "display", "deliberate",
};

bool is_ascii(std::string_view s) {
  for (unsigned char c : s) if (c >= 0x80) return false;
  return true;
}
bool ends_with(std::string_view s, std::string_view suf) {
  return s.size() >= suf.size() && s.substr(s.size() - suf.size()) == suf;
}
bool is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y'; }

std::string term_error(std::string_view what) { return "themes JSON: " + std::string(what); }

}  // namespace

std::string stem_key(std::string_view key) {
  std::string w(key);
  if (w.size() < 4 || !is_ascii(w)) return w;
  if (ends_with(w, "'s")) w.resize(w.size() - 2);
  auto strip = [&](std::string_view suf, std::string_view repl = {}) {
    if (ends_with(w, suf) && w.size() - suf.size() + repl.size() >= 3) {
      w.resize(w.size() - suf.size());
      w.append(repl);
      return true;
    }
    return false;
  };
  bool undouble = false;
  if (strip("ies", "y")) {
  } else if (strip("ing") || strip("ed")) {
    undouble = true;
  } else if (ends_with(w, "ss") || ends_with(w, "us") || ends_with(w, "is")) {
  } else if (strip("es") || strip("s") || strip("en")) {
  }
  if (undouble && w.size() >= 4) {
    const char a = w[w.size() - 1], b = w[w.size() - 2];
    if (a == b && !is_vowel(a) && a != 'l' && a != 's' && a != 'z') w.pop_back();
  }
  if (w.size() > 4 && w.back() == 'e') w.pop_back();  // price/prices/pricing; not site -> sit
  return w;
}

bool within_one_edit(std::string_view a, std::string_view b) {
  if (a == b) return true;
  if (a.size() > b.size()) std::swap(a, b);
  if (b.size() - a.size() > 1) return false;
  std::size_t i = 0;
  while (i < a.size() && a[i] == b[i]) ++i;
  if (a.size() == b.size()) {
    if (a.substr(i + 1) == b.substr(i + 1)) return true;  // substitution
    return i + 1 < a.size() && a[i] == b[i + 1] && a[i + 1] == b[i] && a.substr(i + 2) == b.substr(i + 2);
  }
  return a.substr(i) == b.substr(i + 1);  // one insertion into a
}

// ---- dictionary -------------------------------------------------------------

ThemeDictionary ThemeDictionary::builtin() {
  ThemeDictionary d;
  for (const auto& b : kBuiltin) {
    Theme t{std::string(b.name), std::string(b.label), {}};
    std::string_view rest = b.terms;
    while (!rest.empty()) {
      const auto bar = rest.find('|');
      t.terms.emplace_back(rest.substr(0, bar));
      rest = bar == std::string_view::npos ? std::string_view{} : rest.substr(bar + 1);
    }
    d.themes_.push_back(std::move(t));
  }
  return d;
}

std::optional<std::size_t> ThemeDictionary::find(std::string_view name) const {
  for (std::size_t i = 0; i < themes_.size(); ++i)
    if (themes_[i].name == name) return i;
  return std::nullopt;
}

void ThemeDictionary::add(Theme theme) {
  if (auto i = find(theme.name)) {
    auto& t = themes_[*i];
    std::unordered_set<std::string> have(t.terms.begin(), t.terms.end());
    for (auto& term : theme.terms)
      if (have.insert(term).second) t.terms.push_back(std::move(term));
    if (!theme.label.empty()) t.label = std::move(theme.label);
  } else {
    if (theme.label.empty()) theme.label = theme.name;
    themes_.push_back(std::move(theme));
  }
}

std::string ThemeDictionary::merge_json(std::string_view json_text) {
  const auto doc = nlohmann::json::parse(json_text.begin(), json_text.end(), nullptr, false);
  if (doc.is_discarded()) return term_error("not valid JSON");
  return merge(doc);
}

// Linear in the JSON: themes are found by name in a hash map and terms deduplicated
// in per-theme hash sets (built once, the first time a theme gains terms), and
// both limits are checked after every theme and term, as the input arrives, so
// a long JSON repeating one theme costs one pass, not one rebuild per repeat.
std::string ThemeDictionary::merge(const nlohmann::json& doc) {
  if (!doc.is_object() || !doc.contains("themes") || !doc["themes"].is_array())
    return term_error("expected an object with a \"themes\" array");
  std::vector<Theme> themes = themes_;
  std::vector<bool> removed(themes.size(), false);
  std::vector<std::unique_ptr<std::unordered_set<std::string>>> term_sets(themes.size());
  std::unordered_map<std::string, std::size_t> index;
  std::size_t live = themes.size(), terms = 0;
  for (std::size_t i = 0; i < themes.size(); ++i) {
    index.emplace(themes[i].name, i);
    terms += themes[i].terms.size();
  }
  if (auto it = doc.find("replace_all"); it != doc.end()) {
    if (!it->is_boolean()) return term_error("\"replace_all\" must be true or false");
    if (it->get<bool>()) {
      themes.clear(), removed.clear(), term_sets.clear(), index.clear();
      live = terms = 0;
    }
  }
  const std::string too_many_terms = "more than " + std::to_string(kMaxTerms) + " terms in all";
  for (const auto& item : doc["themes"]) {
    if (!item.is_object()) return term_error("each theme needs a string \"name\"");
    auto name_it = item.find("name");
    if (name_it == item.end() || !name_it->is_string()) return term_error("each theme needs a string \"name\"");
    const std::string& name = name_it->get_ref<const std::string&>();
    if (name.empty()) return term_error("a theme name is empty");
    std::string label;
    if (auto l = item.find("label"); l != item.end()) {
      if (!l->is_string()) return term_error("\"label\" of " + name + " must be a string");
      label = l->get<std::string>();
    }
    auto flag = [&](const char* key, bool& out) -> std::string {
      out = false;
      auto f = item.find(key);
      if (f == item.end()) return {};
      if (!f->is_boolean()) return term_error(std::string("\"") + key + "\" of " + name + " must be true or false");
      out = f->get<bool>();
      return {};
    };
    bool remove = false, replace = false;
    if (auto e = flag("remove", remove); !e.empty()) return e;
    if (auto e = flag("replace", replace); !e.empty()) return e;
    const auto found = index.find(name);
    if (remove) {
      if (found != index.end()) {
        removed[found->second] = true;
        terms -= themes[found->second].terms.size();
        --live;
        index.erase(found);
      }
      continue;
    }
    const nlohmann::json* new_terms = nullptr;
    if (auto t = item.find("terms"); t != item.end()) {
      if (!t->is_array()) return term_error("\"terms\" of " + name + " must be an array of strings");
      new_terms = &*t;
    }
    std::size_t at;
    if (found != index.end()) {
      at = found->second;
      if (replace) {
        terms -= themes[at].terms.size();
        themes[at].terms.clear();
        term_sets[at].reset();
      }
      if (!label.empty()) themes[at].label = std::move(label);
    } else {
      at = themes.size();
      themes.push_back({name, label.empty() ? name : std::move(label), {}});
      removed.push_back(false);
      term_sets.emplace_back();
      index.emplace(name, at);
      if (++live > kMaxThemes) return term_error("more than " + std::to_string(kMaxThemes) + " themes");
    }
    if (!new_terms) continue;
    for (const auto& term : *new_terms) {
      if (!term.is_string()) return term_error("\"terms\" of " + name + " must be an array of strings");
      const std::string& s = term.get_ref<const std::string&>();
      if (s.find_first_not_of(" \t") == std::string::npos) continue;
      if (s.size() > kMaxTermBytes)
        return term_error("a term of " + name + " is longer than " + std::to_string(kMaxTermBytes) + " bytes");
      auto& set = term_sets[at];
      if (!set) set = std::make_unique<std::unordered_set<std::string>>(themes[at].terms.begin(), themes[at].terms.end());
      if (!set->insert(s).second) continue;  // already a term of this theme
      themes[at].terms.push_back(s);
      if (++terms > kMaxTerms) return term_error(too_many_terms);
    }
  }
  std::vector<Theme> kept;
  kept.reserve(live);
  for (std::size_t i = 0; i < themes.size(); ++i)
    if (!removed[i]) kept.push_back(std::move(themes[i]));
  themes_ = std::move(kept);
  return {};
}

nlohmann::ordered_json ThemeDictionary::to_json() const {
  nlohmann::ordered_json themes = nlohmann::ordered_json::array();
  for (const auto& t : themes_) themes.push_back({{"name", t.name}, {"label", t.label}, {"terms", t.terms}});
  return {{"themes", themes}};
}

// ---- matcher ----------------------------------------------------------------

std::uint32_t ThemeMatcher::intern(std::string key, bool prefix) {
  const auto id = static_cast<std::uint32_t>(words_.size());
  if (auto [it, fresh] = word_ids_[prefix ? 1 : 0].try_emplace(key, id); !fresh) return it->second;
  if (prefix) {
    prefixes_.push_back(id);
  } else {
    exact_[is_ascii(key) ? stem_key(key) : key].push_back(id);
    if (is_ascii(key) && key.size() >= 6) fuzzy_exact_.push_back(id);
  }
  words_.push_back({std::move(key), prefix});
  terms_by_first_.emplace_back();
  return id;
}

ThemeMatcher::ThemeMatcher(const ThemeDictionary& dictionary) : theme_count_(dictionary.size()) {
  TokenList tl;
  for (std::size_t ti = 0; ti < dictionary.themes().size(); ++ti) {
    for (const auto& term : dictionary.themes()[ti].terms) {
      std::string_view s = term;
      while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
      const bool prefix = !s.empty() && s.back() == '*';
      tokenize(s, tl);
      if (tl.tokens.empty()) continue;
      Term t{static_cast<std::uint32_t>(ti), {}};
      for (std::size_t k = 0; k < tl.tokens.size(); ++k) {
        std::string key = fold_for_match(tl.norm(k));
        const bool p = prefix && k + 1 == tl.tokens.size();
        t.words.push_back(intern(std::move(key), p));
      }
      const auto id = static_cast<std::uint32_t>(terms_.size());
      auto& firsts = terms_by_first_[t.words.front()];
      bool dup = false;
      for (auto other : firsts) dup = dup || (terms_[other].theme == t.theme && terms_[other].words == t.words);
      if (dup) continue;
      firsts.push_back(id);
      terms_.push_back(std::move(t));
    }
  }
}

void ThemeMatcher::compute_ids(std::string_view key, bool latin, std::vector<std::uint32_t>& ids) const {
  const bool ascii = is_ascii(key);
  if (auto it = exact_.find(ascii ? stem_key(key) : std::string(key)); it != exact_.end()) ids = it->second;
  for (auto id : prefixes_) {
    const auto& p = words_[id].key;
    if (key.size() >= p.size() && key.compare(0, p.size(), p) == 0) ids.push_back(id);
  }
  if (!ids.empty() || !latin || !ascii || key.size() < 6) return;
  // Misspellings.
  if (is_stop_word(key) || SentimentAnalyzer::lexicon_valence(key)) return;
  if (std::find(std::begin(kNotTypos), std::end(kNotTypos), key) != std::end(kNotTypos)) return;
  for (auto id : fuzzy_exact_) {
    const auto& w = words_[id].key;
    if (w[0] == key[0] && within_one_edit(w, key)) ids.push_back(id);
  }
  for (auto id : prefixes_) {
    const auto& p = words_[id].key;
    if (p.size() < 6 || p[0] != key[0] || !is_ascii(p)) continue;
    for (std::size_t len = p.size() - 1; len <= p.size() + 1 && len <= key.size(); ++len) {
      if (within_one_edit(p, key.substr(0, len))) { ids.push_back(id); break; }
    }
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
}

const std::vector<std::uint32_t>& ThemeMatcher::word_ids(const Token& t, std::string_view norm) {
  key_buf_.clear();
  fold_for_match(norm, key_buf_);
  if (auto it = cache_.find(key_buf_); it != cache_.end()) return it->second;
  if (cache_.size() >= 50000) cache_.clear();  // bounded memory; vocabularies are Zipfian
  std::vector<std::uint32_t> ids;
  compute_ids(key_buf_, t.kind == TokenKind::word, ids);
  return cache_.emplace(key_buf_, std::move(ids)).first->second;
}

void ThemeMatcher::match(const TokenList& tl, std::vector<ThemeMatch>& out) {
  const std::size_t n = tl.tokens.size();
  if (per_token_.size() < n) per_token_.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    const Token& t = tl.tokens[i];
    per_token_[i].clear();
    if (t.kind == TokenKind::url || t.kind == TokenKind::email) continue;
    per_token_[i] = word_ids(t, tl.norm(t));
  }
  const std::size_t first_out = out.size();
  for (std::size_t i = 0; i < n; ++i) {
    for (auto wid : per_token_[i]) {
      for (auto term_id : terms_by_first_[wid]) {
        const Term& term = terms_[term_id];
        const std::size_t m = term.words.size();
        if (i + m > n) continue;
        bool ok = true;
        for (std::size_t k = 1; k < m && ok; ++k) {
          const auto& ids = per_token_[i + k];
          ok = !tl.tokens[i + k].after_break && std::find(ids.begin(), ids.end(), term.words[k]) != ids.end();
        }
        if (!ok) continue;
        ThemeMatch mt{term.theme, static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(i + m - 1),
                      tl.tokens[i].begin, tl.tokens[i + m - 1].end};
        // The same theme over the same tokens (two terms) counts once. Matches are
        // appended in token order, so an earlier one over the same tokens is among the
        // last ones (scanning them all was quadratic on a long repetitive comment).
        bool dup = false;
        for (std::size_t k = out.size(); k > first_out && out[k - 1].first_token == mt.first_token && !dup; --k)
          dup = out[k - 1].theme == mt.theme && out[k - 1].last_token == mt.last_token;
        if (!dup) out.push_back(mt);
      }
    }
  }
  std::sort(out.begin() + static_cast<std::ptrdiff_t>(first_out), out.end(), [](const ThemeMatch& a, const ThemeMatch& b) {
    return a.first_token != b.first_token ? a.first_token < b.first_token
           : a.theme != b.theme           ? a.theme < b.theme
                                          : a.last_token > b.last_token;
  });
  // A match inside a longer match of the same theme ("servise" in "custommer servise") is
  // dropped. A container starts at most `longest` tokens earlier, so only that window of
  // the sorted matches is compared (all pairs was quadratic in the number of matches).
  const std::size_t end = out.size();
  std::uint32_t longest = 0;
  for (std::size_t k = first_out; k < end; ++k) longest = std::max(longest, out[k].last_token - out[k].first_token);
  auto contains = [&](const ThemeMatch& outer, const ThemeMatch& inner) {
    return outer.theme == inner.theme && outer.first_token <= inner.first_token && outer.last_token >= inner.last_token &&
           outer.last_token - outer.first_token > inner.last_token - inner.first_token;
  };
  inside_.assign(end - first_out, 0);
  for (std::size_t r = first_out; r < end; ++r) {
    bool inside = false;
    for (std::size_t k = r; k-- > first_out && out[k].first_token + longest >= out[r].first_token && !inside;)
      inside = contains(out[k], out[r]);
    for (std::size_t k = r + 1; k < end && out[k].first_token == out[r].first_token && !inside; ++k)
      inside = contains(out[k], out[r]);
    inside_[r - first_out] = inside ? 1 : 0;
  }
  std::size_t w = first_out;
  for (std::size_t r = first_out; r < end; ++r)
    if (!inside_[r - first_out]) out[w++] = out[r];
  out.resize(w);
}

}  // namespace npskit::text
