#include "core/survey/json.hpp"

#include <utility>
#include <vector>
#include <cmath>
#include <cstdint>

#include "core/values/utf8.hpp"

namespace npskit::survey {

const Json* Json::get(std::string_view key) const {
  for (const auto& [k, v] : obj_)
    if (k == key) return &v;
  return nullptr;
}

Json* Json::get(std::string_view key) {
  for (auto& [k, v] : obj_)
    if (k == key) return &v;
  return nullptr;
}

Json& Json::set(std::string key, Json value) {
  if (Json* existing = get(key)) return *existing = std::move(value);
  obj_.emplace_back(std::move(key), std::move(value));
  return obj_.back().second;
}

std::string Json::str(std::string_view key, std::string fallback) const {
  const Json* v = get(key);
  return v && v->is_string() ? v->str_ : fallback;
}

double Json::num(std::string_view key, double fallback) const {
  const Json* v = get(key);
  return v && v->is_number() ? v->num_ : fallback;
}

bool Json::flag(std::string_view key, bool fallback) const {
  const Json* v = get(key);
  return v && v->is_bool() ? v->bool_ : fallback;
}

namespace {

void dump_string(const std::string& s, std::string& out) {
  out += '"';
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out += "0123456789abcdef"[c >> 4];
          out += "0123456789abcdef"[c & 15];
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
}

void dump_integer(unsigned long long v, std::string& out) {
  char buf[24];
  int i = 24;
  do buf[--i] = static_cast<char>('0' + v % 10); while (v /= 10);
  out.append(buf + i, buf + 24);
}

// Hand-written instead of printf/strtod: those pull ~20 KB of libc (long double
// arithmetic) into the widget's wasm. Integers (scores, timestamps) print exactly;
// fractions (rates, percentages) with up to 6 decimals, which the rules never exceed.
void dump_number(double n, std::string& out) {
  if (!std::isfinite(n)) { out += "null"; return; }
  // A sign only on what prints as non-zero: -3e-34 prints as 0, not -0 (which reads back as 0).
  if (n <= -5e-7) out += '-';
  n = std::fabs(n);
  if (n >= 9.007199254740992e15) n = 9.007199254740992e15;
  unsigned long long micro = static_cast<unsigned long long>(std::llround(n * 1e6));
  if (n == std::floor(n) || n > 9e9) micro = static_cast<unsigned long long>(n) * 1000000ull;
  if (n > 9e9) { dump_integer(static_cast<unsigned long long>(n), out); return; }
  dump_integer(micro / 1000000ull, out);
  unsigned long long frac = micro % 1000000ull;
  if (!frac) return;
  out += '.';
  char digits[6];
  for (int k = 5; k >= 0; --k, frac /= 10) digits[k] = static_cast<char>('0' + frac % 10);
  int len = 6;
  while (digits[len - 1] == '0') --len;
  out.append(digits, digits + len);
}

// Strict order on member indexes: by key, then by position (so equal keys keep
// their written order).
bool key_before(const Json::Object& m, std::uint32_t a, std::uint32_t b) {
  int c = m[a].first.compare(m[b].first);
  return c ? c < 0 : a < b;
}

// Heap sort of member indexes: n log n in the worst case, no allocation, and a
// few hundred bytes of wasm where std::sort's introsort instantiations cost ~2 KB
// (the widget's download budget, docs/widget.md section 8).
void sort_by_key(const Json::Object& m, std::uint32_t* order, std::size_t n) {
  auto sift = [&](std::size_t root, std::size_t end) {
    for (std::size_t child; (child = 2 * root + 1) < end; root = child) {
      if (child + 1 < end && key_before(m, order[child], order[child + 1])) ++child;
      if (!key_before(m, order[root], order[child])) return;
      std::swap(order[root], order[child]);
    }
  };
  for (std::size_t k = n / 2; k-- > 0;) sift(k, n);
  for (std::size_t end = n; end-- > 1;) {
    std::swap(order[0], order[end]);
    sift(0, end);
  }
}

// A key given twice keeps its first place and its last value, as set() would:
// found by sorting the member indexes by key (n log n), not by a lookup per key.
void drop_repeated_keys(Json::Object& m) {
  std::size_t n = m.size();
  if (n < 2) return;
  // order[0..n): member indexes sorted by key; dead[k] (k < n): member k is dropped.
  std::vector<std::uint32_t> buf(2 * n, 0);
  std::uint32_t* order = buf.data();
  std::uint32_t* dead = order + n;
  for (std::uint32_t k = 0; k < n; ++k) order[k] = k;
  sort_by_key(m, order, n);
  bool any = false;
  for (std::size_t a = 0; a < n;) {
    std::size_t b = a + 1;
    while (b < n && m[order[b]].first == m[order[a]].first) dead[order[b++]] = 1;
    if (b - a > 1) {
      m[order[a]].second = std::move(m[order[b - 1]].second);
      any = true;
    }
    a = b;
  }
  if (!any) return;
  std::size_t out = 0;
  for (std::size_t k = 0; k < n; ++k) {
    if (dead[k]) continue;
    if (out != k) m[out] = std::move(m[k]);  // (a self-move would empty the key)
    ++out;
  }
  m.resize(out);
}

struct Parser {
  std::string_view s;
  std::size_t i = 0;
  int depth = 0;
  std::size_t values = 0;
  const char* why = nullptr;  // the limit passed, if that is why parsing stopped

  bool limit(const char* reason) {
    why = reason;
    return false;
  }

  void ws() {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\n' || s[i] == '\r' || s[i] == '\t')) ++i;
  }
  bool lit(std::string_view word) {
    if (s.substr(i, word.size()) != word) return false;
    i += word.size();
    return true;
  }
  bool hex4(unsigned& cp) {
    if (i + 4 > s.size()) return false;
    cp = 0;
    for (int k = 0; k < 4; ++k) {
      char c = s[i++];
      cp <<= 4;
      if (c >= '0' && c <= '9') cp |= static_cast<unsigned>(c - '0');
      else if (c >= 'a' && c <= 'f') cp |= static_cast<unsigned>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F') cp |= static_cast<unsigned>(c - 'A' + 10);
      else return false;
    }
    return true;
  }
  bool string(std::string& out) {
    if (i >= s.size() || s[i] != '"') return false;
    ++i;
    while (i < s.size()) {
      char c = s[i++];
      if (c == '"') return true;
      if (static_cast<unsigned char>(c) < 0x20) return false;
      if (c != '\\') { out += c; continue; }
      if (i >= s.size()) return false;
      char e = s[i++];
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          unsigned cp;
          if (!hex4(cp)) return false;
          if (cp >= 0xD800 && cp < 0xDC00) {  // surrogate pair
            unsigned lo;
            if (!lit("\\u") || !hex4(lo) || lo < 0xDC00 || lo > 0xDFFF) return false;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            return false;
          }
          append_utf8(out, static_cast<char32_t>(cp));
          break;
        }
        default: return false;
      }
    }
    return false;
  }
  bool digit() const { return i < s.size() && s[i] >= '0' && s[i] <= '9'; }
  // JSON number grammar; value = mantissa digits / 10^k * 10^exp. Exact for
  // integers below 2^53 and correctly rounded for short decimals like 0.25.
  bool number(Json& out) {
    bool neg = i < s.size() && s[i] == '-';
    if (neg) ++i;
    if (!digit()) return false;
    double mant = 0;
    int scale = 0;
    if (s[i] == '0') ++i;
    else while (digit()) mant = mant * 10 + (s[i++] - '0');
    if (i < s.size() && s[i] == '.') {
      ++i;
      if (!digit()) return false;
      while (digit()) {
        if (mant < 1e17) { mant = mant * 10 + (s[i] - '0'); --scale; }
        ++i;
      }
    }
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
      ++i;
      bool eneg = i < s.size() && s[i] == '-';
      if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
      if (!digit()) return false;
      int e = 0;
      while (digit()) { if (e < 1000) e = e * 10 + (s[i] - '0'); ++i; }
      scale += eneg ? -e : e;
    }
    double p = 1;
    for (int k = scale < 0 ? -scale : scale; k > 0 && p < 1e308; --k) p *= 10;
    double v = scale < 0 ? mant / p : mant * p;
    out = Json(neg ? -v : v);
    return true;
  }
  bool value(Json& out) {
    if (++depth > 32) return limit("JSON nests deeper than 32 levels (the limit)");
    if (++values > Json::kMaxValues) return limit("JSON holds more than 100000 values (the limit)");
    ws();
    if (i >= s.size()) return false;
    bool ok = true;
    char c = s[i];
    if (c == '{') {
      ++i;
      out = Json::object();
      ws();
      if (i < s.size() && s[i] == '}') { ++i; --depth; return true; }
      for (;;) {
        // (repeated keys are resolved once the object closes)
        ws();
        std::string key;
        if (!string(key)) return false;
        ws();
        if (i >= s.size() || s[i++] != ':') return false;
        if (out.members().size() >= Json::kMaxMembers) return limit("a JSON object has more than 1000 members (the limit)");
        Json v;
        if (!value(v)) return false;
        out.members().emplace_back(std::move(key), std::move(v));
        ws();
        if (i < s.size() && s[i] == ',') { ++i; continue; }
        if (i < s.size() && s[i] == '}') { ++i; break; }
        return false;
      }
      drop_repeated_keys(out.members());
    } else if (c == '[') {
      ++i;
      out = Json::array();
      ws();
      if (i < s.size() && s[i] == ']') { ++i; --depth; return true; }
      for (;;) {
        Json v;
        if (!value(v)) return false;
        out.push(std::move(v));
        ws();
        if (i < s.size() && s[i] == ',') { ++i; continue; }
        if (i < s.size() && s[i] == ']') { ++i; break; }
        return false;
      }
    } else if (c == '"') {
      std::string str;
      ok = string(str);
      out = Json(std::move(str));
    } else if (lit("true")) {
      out = Json(true);
    } else if (lit("false")) {
      out = Json(false);
    } else if (lit("null")) {
      out = Json();
    } else {
      ok = number(out);
    }
    --depth;
    return ok;
  }
};

}  // namespace

void Json::dump_to(std::string& out) const {
  switch (type_) {
    case Type::null: out += "null"; break;
    case Type::boolean: out += bool_ ? "true" : "false"; break;
    case Type::number: dump_number(num_, out); break;
    case Type::string: dump_string(str_, out); break;
    case Type::array:
      out += '[';
      for (std::size_t k = 0; k < arr_.size(); ++k) {
        if (k) out += ',';
        arr_[k].dump_to(out);
      }
      out += ']';
      break;
    case Type::object:
      out += '{';
      for (std::size_t k = 0; k < obj_.size(); ++k) {
        if (k) out += ',';
        dump_string(obj_[k].first, out);
        out += ':';
        obj_[k].second.dump_to(out);
      }
      out += '}';
      break;
  }
}

std::string Json::dump() const {
  std::string out;
  dump_to(out);
  return out;
}

bool Json::parse(std::string_view text, Json& out, std::string* why) {
  Parser p{text};
  Json v;
  if (!p.value(v)) {
    if (why && p.why) *why = p.why;
    return false;
  }
  p.ws();
  if (p.i != text.size()) return false;
  out = std::move(v);
  return true;
}

}  // namespace npskit::survey
