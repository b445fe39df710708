#include "core/survey/config.hpp"

#include <cctype>
#include <cmath>

namespace npskit::survey {

namespace {

// Accumulates errors with their field path; every check reports and goes on, so
// a site owner sees all problems at once instead of fixing them one by one.
struct Checker {
  std::vector<FieldError>& errors;

  void fail(const std::string& field, const std::string& message) { errors.push_back({field, message}); }

  // Reports unknown members: a typo ("sampelRate") would otherwise be silently ignored.
  // Delighted's option names (sites moving from its snippet) get npskit's equivalent.
  void only(const Json& obj, const std::string& path, std::initializer_list<const char*> known) {
    static const char* const delighted[][2] = {
        {"sampleFactor", "sampleRate"},
        {"minTimeOnPage", "triggers: [{type: 'delay', seconds}]"},
        {"recurringPeriod", "frequency.recontactDays (in days)"},
        {"initialDelay", "the Delighted entry (dist/widget/delighted.js)"},
        {"forceDisplay", "npskit.show(id)"},
        {"createdAt", "the Delighted entry (dist/widget/delighted.js)"},
        {"properties", "attributes"},
        {"email", "npskit.identify(email, attributes)"},
        {"name", "attributes"}};
    for (const auto& [key, _] : obj.members()) {
      bool found = false;
      for (const char* k : known) found = found || key == k;
      if (found) continue;
      std::string message = "is not a known field";
      if (path.empty())
        for (const auto& d : delighted)
          if (key == d[0]) message += std::string(" (Delighted's option; in npskit: ") + d[1] + ")";
      fail(path.empty() ? key : path + "." + key, message);
    }
  }

  // Reads an optional number in [lo, hi] (integer when asked), writing the default when absent.
  void number(const Json& in, Json& out, const std::string& path, const char* key, double lo, double hi,
              double fallback, bool integer = false) {
    const Json* v = in.get(key);
    std::string field = path.empty() ? key : path + "." + key;
    if (!v || v->is_null()) { out.set(key, fallback); return; }
    double n = v->is_number() ? v->as_number() : NAN;
    if (!v->is_number() || n < lo || n > hi || (integer && n != std::floor(n))) {
      fail(field, std::string("must be ") + (integer ? "an integer" : "a number") + " from " +
                      Json(lo).dump() + " to " + Json(hi).dump());
      return;
    }
    out.set(key, n);
  }

  // Reads an optional string of at most max_len characters (a required one when fallback is null).
  void text(const Json& in, Json& out, const std::string& path, const char* key, std::size_t max_len,
            const char* fallback) {
    const Json* v = in.get(key);
    std::string field = path.empty() ? key : path + "." + key;
    if (!v || v->is_null()) {
      if (fallback) out.set(key, fallback);
      else fail(field, "is required");
      return;
    }
    if (!v->is_string() || v->as_string().empty() || v->as_string().size() > max_len) {
      fail(field, "must be a non-empty string of at most " + std::to_string(max_len) + " bytes");
      return;
    }
    out.set(key, v->as_string());
  }

  void choice(const Json& in, Json& out, const std::string& path, const char* key,
              std::initializer_list<const char*> options) {
    const Json* v = in.get(key);
    std::string field = path.empty() ? key : path + "." + key;
    if (!v || v->is_null()) { out.set(key, *options.begin()); return; }
    if (v->is_string())
      for (const char* o : options)
        if (v->as_string() == o) { out.set(key, o); return; }
    std::string list;
    for (const char* o : options) list += (list.empty() ? "" : ", ") + std::string(o);
    fail(field, "must be one of: " + list);
  }

  void boolean(const Json& in, Json& out, const std::string& path, const char* key, bool fallback) {
    const Json* v = in.get(key);
    if (!v || v->is_null()) { out.set(key, fallback); return; }
    if (!v->is_bool()) { fail(path.empty() ? key : path + "." + key, "must be true or false"); return; }
    out.set(key, v->as_bool());
  }
};

bool is_hex_colour(const std::string& s) {
  if (s.size() != 7 || s[0] != '#') return false;
  for (std::size_t i = 1; i < s.size(); ++i)
    if (!std::isxdigit(static_cast<unsigned char>(s[i]))) return false;
  return true;
}

int hex_digit(char h) { return h <= '9' ? h - '0' : (h | 0x20) - 'a' + 10; }

// x^2.4 for x in [0, 1] as x^2 * (fifth root of x^2), by Newton's method: libm's
// pow() would add kilobytes to the widget's wasm for one contrast check.
double pow24(double x) {
  const double a = x * x;
  double y = 1;
  for (int k = 0; k < 60; ++k) y -= (y * y * y * y * y - a) / (5 * y * y * y * y);
  return a * y;
}

double channel(const std::string& hex, std::size_t at) {
  double c = (hex_digit(hex[at]) * 16 + hex_digit(hex[at + 1])) / 255.0;
  return c <= 0.03928 ? c / 12.92 : pow24((c + 0.055) / 1.055);
}

double luminance(const std::string& hex) {
  return 0.2126 * channel(hex, 1) + 0.7152 * channel(hex, 3) + 0.0722 * channel(hex, 5);
}

bool is_locale(const std::string& s) {
  if (s == "auto") return true;
  if (s.size() < 2 || s.size() > 35) return false;
  std::size_t i = 0;
  while (i < s.size() && std::isalpha(static_cast<unsigned char>(s[i]))) ++i;
  if (i < 2 || i > 3) return false;
  for (; i < s.size(); ++i)
    if (!std::isalnum(static_cast<unsigned char>(s[i])) && s[i] != '-' && s[i] != '_') return false;
  return true;
}

void check_trigger(Checker& c, const Json& in, Json& out, const std::string& path) {
  if (!in.is_object()) { c.fail(path, "must be an object with a \"type\""); return; }
  out = Json::object();
  std::string type = in.str("type");
  out.set("type", type);
  if (type == "delay") {
    c.only(in, path, {"type", "seconds"});
    c.number(in, out, path, "seconds", 0, 86400, 5);
  } else if (type == "scroll") {
    c.only(in, path, {"type", "percent"});
    c.number(in, out, path, "percent", 1, 100, 50);
  } else if (type == "exitIntent") {
    c.only(in, path, {"type"});
  } else if (type == "click") {
    c.only(in, path, {"type", "selector"});
    c.text(in, out, path, "selector", 300, nullptr);
  } else if (type == "event") {
    c.only(in, path, {"type", "name"});
    if (!is_identifier(in.str("name"), 64))
      c.fail(path + ".name", "must be an event name of letters, digits, '_', '-', '.' or ':' (1-64)");
    else out.set("name", in.str("name"));
  } else if (type == "pageViews") {
    c.only(in, path, {"type", "count"});
    c.number(in, out, path, "count", 1, 1000, 2, true);
  } else {
    c.fail(path + ".type", "must be one of: delay, scroll, exitIntent, click, event, pageViews");
  }
}

void check_url_rule(Checker& c, const Json& in, Json& out, const std::string& path) {
  if (!in.is_object()) { c.fail(path, "must be an object like {\"match\":\"contains\",\"value\":\"/shop\"}"); return; }
  out = Json::object();
  c.only(in, path, {"match", "value", "not"});
  c.choice(in, out, path, "match", {"contains", "exact", "regex"});
  c.text(in, out, path, "value", 500, nullptr);
  c.boolean(in, out, path, "not", false);
}

void check_follow_up(Checker& c, const Json* in, Json& cfg) {
  Json out = Json::object();
  if (!in || in->is_null() || (in->is_bool() && in->as_bool())) {
    out.set("enabled", true);
  } else if (in->is_bool()) {
    out.set("enabled", false);
  } else if (in->is_object()) {
    c.only(*in, "followUp", {"enabled", "promoter", "passive", "detractor"});
    out.set("enabled", in->flag("enabled", true));
    for (const char* k : {"promoter", "passive", "detractor"})
      if (in->get(k)) c.text(*in, out, "followUp", k, 300, nullptr);
  } else {
    c.fail("followUp", "must be true, false or an object of per-category questions");
  }
  cfg.set("followUp", out);
}

void check_promoter_action(Checker& c, const Json* in, Json& cfg) {
  if (!in || in->is_null()) { cfg.set("promoterAction", Json()); return; }
  const std::string p = "promoterAction";
  if (!in->is_object()) { c.fail(p, "must be an object with type \"link\" or \"coupon\""); return; }
  Json out = Json::object();
  std::string type = in->str("type");
  out.set("type", type);
  if (type == "link") {
    c.only(*in, p, {"type", "url", "label"});
    if (!is_http_url(in->str("url"))) c.fail(p + ".url", "must be an http(s) URL");
    else out.set("url", in->str("url"));
  } else if (type == "coupon") {
    c.only(*in, p, {"type", "code", "label"});
    c.text(*in, out, p, "code", 64, nullptr);
  } else {
    c.fail(p + ".type", "must be one of: link, coupon");
  }
  if (in->get("label")) c.text(*in, out, p, "label", 120, nullptr);
  cfg.set("promoterAction", out);
}

void check_theme(Checker& c, const Json* in, Json& cfg) {
  Json out = Json::object();
  Json empty = Json::object();
  const Json& t = in && in->is_object() ? *in : empty;
  if (in && !in->is_null() && !in->is_object()) c.fail("theme", "must be an object");
  // brandText is derived (below); accepted so a normalised config validates again.
  c.only(t, "theme", {"brand", "brandText", "font", "radius", "mode"});
  std::string brand = t.str("brand", "#4f46e5");
  if (!is_hex_colour(brand)) {
    c.fail("theme.brand", "must be a colour like #1a73e8");
    brand = "#4f46e5";
  }
  out.set("brand", brand);
  // Text on the brand colour: whichever of white / near-black reaches the higher
  // contrast, so any brand colour keeps selected scores legible (WCAG AA where possible).
  out.set("brandText", contrast_ratio(brand, "#ffffff") >= contrast_ratio(brand, "#111827") ? "#ffffff" : "#111827");
  std::string font = t.str("font", "system-ui, -apple-system, \"Segoe UI\", Roboto, sans-serif");
  if (font.empty() || font.size() > 200 || font.find_first_of(";{}<>\\") != std::string::npos)
    c.fail("theme.font", "must be a CSS font-family list without ; { } < > or \\");
  else out.set("font", font);
  c.number(t, out, "theme", "radius", 0, 32, 12);
  c.choice(t, out, "theme", "mode", {"auto", "light", "dark"});
  cfg.set("theme", out);
}

void check_frequency(Checker& c, const Json* in, Json& cfg) {
  Json out = Json::object();
  Json empty = Json::object();
  const Json& f = in && in->is_object() ? *in : empty;
  if (in && !in->is_null() && !in->is_object()) c.fail("frequency", "must be an object");
  c.only(f, "frequency", {"recontactDays", "dismissDays", "maxImpressions", "cooldownDays"});
  c.number(f, out, "frequency", "recontactDays", 0, 3650, 90);
  c.number(f, out, "frequency", "dismissDays", 0, 3650, 30);
  c.number(f, out, "frequency", "maxImpressions", 1, 100, 3, true);
  c.number(f, out, "frequency", "cooldownDays", 0, 3650, 7);
  cfg.set("frequency", out);
}

}  // namespace

const std::vector<std::string>& string_keys() {
  static const std::vector<std::string> keys = {
      "question", "low", "high", "scoreLabel", "reasonPromoter", "reasonPassive", "reasonDetractor",
      "submit", "skip", "close", "thanks", "consent", "email", "launcher", "review", "coupon", "error"};
  return keys;
}

bool is_http_url(const std::string& s) {
  if (s.size() > 2000) return false;
  std::size_t start = s.rfind("https://", 0) == 0 ? 8 : s.rfind("http://", 0) == 0 ? 7 : 0;
  if (start == 0 || s.size() == start) return false;
  for (unsigned char ch : s)
    if (ch <= 0x20 || ch == '"' || ch == '<' || ch == '>' || ch == '\\') return false;
  return true;
}

bool is_identifier(const std::string& s, std::size_t max_len) {
  if (s.empty() || s.size() > max_len) return false;
  for (unsigned char ch : s)
    if (!std::isalnum(ch) && ch != '_' && ch != '-' && ch != '.' && ch != ':') return false;
  return true;
}

void check_attributes(const Json& attrs, const std::string& path, std::vector<FieldError>& errors) {
  if (!attrs.is_object()) { errors.push_back({path, "must be an object of plain values"}); return; }
  if (attrs.members().size() > 30) errors.push_back({path, "must have at most 30 attributes"});
  for (const auto& [key, v] : attrs.members()) {
    std::string field = path + "." + key;
    if (!is_identifier(key, 40)) errors.push_back({field, "name must be letters, digits, '_', '-', '.' or ':' (1-40)"});
    else if (!(v.is_null() || v.is_bool() || v.is_number() || v.is_string()))
      errors.push_back({field, "must be a string, number, boolean or null"});
    else if (v.is_string() && v.as_string().size() > 200)
      errors.push_back({field, "must be at most 200 bytes"});
  }
}

double contrast_ratio(const std::string& a, const std::string& b) {
  double la = luminance(a), lb = luminance(b);
  if (la < lb) std::swap(la, lb);
  return (la + 0.05) / (lb + 0.05);
}

ConfigResult validate_config(const Json& input) {
  ConfigResult result;
  Checker c{result.errors};
  if (!input.is_object()) {
    c.fail("", "the configuration must be an object");
    return result;
  }
  c.only(input, "", {"id", "product", "placement", "position", "target", "locale", "strings", "theme",
                     "triggers", "triggerMode", "url", "sampleRate", "frequency", "followUp",
                     "promoterAction", "detractorContact", "endpoint", "attributes"});
  Json& cfg = result.config = Json::object();

  if (!is_identifier(input.str("id"), 64))
    c.fail("id", "is required: letters, digits, '_', '-', '.' or ':' (1-64), e.g. \"nps-2025\"");
  else cfg.set("id", input.str("id"));
  // No product name: the widget names the site (its host name) instead.
  if (input.get("product") && !input.get("product")->is_null()) c.text(input, cfg, "", "product", 80, nullptr);
  else cfg.set("product", Json());
  c.choice(input, cfg, "", "placement", {"popup", "modal", "inline", "launcher"});
  c.choice(input, cfg, "", "position", {"bottom-right", "bottom-left", "top-right", "top-left"});
  if (input.get("target") && !input.get("target")->is_null()) c.text(input, cfg, "", "target", 300, nullptr);
  else cfg.set("target", Json());

  const Json* locale = input.get("locale");
  if (locale && !(locale->is_string() && is_locale(locale->as_string())))
    c.fail("locale", "must be \"auto\" or a language tag like \"de\" or \"pt-BR\"");
  cfg.set("locale", locale && locale->is_string() ? locale->as_string() : "auto");

  Json strings = Json::object();
  if (const Json* s = input.get("strings")) {
    if (!s->is_object()) c.fail("strings", "must be an object of text overrides");
    else
      for (const auto& [key, v] : s->members()) {
        bool known = false;
        for (const auto& k : string_keys()) known = known || k == key;
        if (!known) c.fail("strings." + key, "is not a known text key");
        else if (!v.is_string() || v.as_string().size() > 300) c.fail("strings." + key, "must be a string of at most 300 bytes");
        else strings.set(key, v.as_string());
      }
  }
  cfg.set("strings", strings);

  check_theme(c, input.get("theme"), cfg);

  Json triggers = Json::array();
  if (const Json* t = input.get("triggers")) {
    if (!t->is_array() || t->items().size() > 20) c.fail("triggers", "must be an array of at most 20 triggers");
    else
      for (std::size_t i = 0; i < t->items().size(); ++i) {
        Json out;
        check_trigger(c, t->items()[i], out, "triggers[" + std::to_string(i) + "]");
        triggers.push(out);
      }
  }
  cfg.set("triggers", triggers);
  c.choice(input, cfg, "", "triggerMode", {"all", "any"});

  Json rules = Json::array();
  if (const Json* u = input.get("url")) {
    if (!u->is_array() || u->items().size() > 20) c.fail("url", "must be an array of at most 20 URL rules");
    else
      for (std::size_t i = 0; i < u->items().size(); ++i) {
        Json out;
        check_url_rule(c, u->items()[i], out, "url[" + std::to_string(i) + "]");
        rules.push(out);
      }
  }
  cfg.set("url", rules);

  c.number(input, cfg, "", "sampleRate", 0, 1, 1);
  check_frequency(c, input.get("frequency"), cfg);
  check_follow_up(c, input.get("followUp"), cfg);
  check_promoter_action(c, input.get("promoterAction"), cfg);
  c.boolean(input, cfg, "", "detractorContact", false);

  const Json* endpoint = input.get("endpoint");
  if (endpoint && !endpoint->is_null()) {
    const std::string e = endpoint->is_string() ? endpoint->as_string() : "";
    bool relative = e.size() > 1 && e[0] == '/' && e[1] != '/' && e.size() < 2000;
    if (!is_http_url(e) && !relative) c.fail("endpoint", "must be an http(s) URL or a path starting with /");
    else cfg.set("endpoint", e);
  } else {
    cfg.set("endpoint", Json());
  }

  if (const Json* a = input.get("attributes")) {
    check_attributes(*a, "attributes", result.errors);
    cfg.set("attributes", *a);
  } else {
    cfg.set("attributes", Json::object());
  }

  // An inline survey without "target" is fine: the <npskit-survey> element is its own container.
  return result;
}

}  // namespace npskit::survey
