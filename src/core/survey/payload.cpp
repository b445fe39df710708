#include "core/survey/payload.hpp"

#include <cmath>

#include "core/survey/classify.hpp"
#include "core/values/civil_days.hpp"
#include "core/values/utf8.hpp"

namespace npskit::survey {

namespace {

std::string trim(const std::string& s) {
  std::size_t b = s.find_first_not_of(" \t\r\n"), e = s.find_last_not_of(" \t\r\n");
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

bool is_email(const std::string& s) {
  std::size_t at = s.find('@');
  if (s.size() > 254 || at == std::string::npos || at == 0 || s.find('@', at + 1) != std::string::npos) return false;
  std::size_t dot = s.rfind('.');
  if (dot == std::string::npos || dot < at + 2 || dot + 2 > s.size()) return false;
  for (unsigned char c : s)
    if (c <= 0x20 || c == '<' || c == '>' || c == '"' || c == ',' || c == ';') return false;
  return true;
}

bool is_hex(const std::string& s, std::size_t lo, std::size_t hi) {
  if (s.size() < lo || s.size() > hi) return false;
  for (unsigned char c : s)
    if (!std::isxdigit(c)) return false;
  return true;
}

std::string base36(unsigned long long v) {
  std::string out;
  do {
    out.insert(out.begin(), "0123456789abcdefghijklmnopqrstuvwxyz"[v % 36]);
    v /= 36;
  } while (v);
  return out;
}

}  // namespace

std::string iso_time(double ms_since_epoch) {
  long long ms = static_cast<long long>(std::floor(ms_since_epoch));
  long long days = ms >= 0 ? ms / 86400000 : (ms - 86399999) / 86400000;
  long long rest = ms - days * 86400000;
  const CivilDate date = civil_from_days(days);
  std::string out;
  auto put = [&out](long long v, int width, char after) {
    std::string digits = std::to_string(v);
    if (digits.size() < static_cast<std::size_t>(width)) out.append(width - digits.size(), '0');
    out += digits;
    if (after) out += after;
  };
  put(date.year, 4, '-');
  put(date.month, 2, '-');
  put(date.day, 2, 'T');
  put(rest / 3600000, 2, ':');
  put(rest / 60000 % 60, 2, ':');
  put(rest / 1000 % 60, 2, '.');
  put(rest % 1000, 3, 'Z');
  return out;
}

PayloadResult build_payload(const Json& config, const Json& answer, const Json& context) {
  PayloadResult r;
  auto fail = [&](std::string f, std::string m) { r.errors.push_back({std::move(f), std::move(m)}); };

  const Json* s = answer.get("score");
  const double score = s && s->is_number() ? s->as_number() : -1;
  if (score < 0 || score > 10 || score != std::floor(score)) {
    fail("score", "must be an integer from 0 to 10");
    return r;
  }
  const int sc = static_cast<int>(score);
  const Json cls = classify(config, sc);
  const std::string category = cls.str("category");

  std::string comment = trim(answer.str("comment"));
  if (count_code_points(comment) > kMaxCommentChars)
    fail("comment", "must be at most " + std::to_string(kMaxCommentChars) + " characters");

  Json email;
  if (answer.flag("consent")) {
    if (cls.get("action")->str("type") != "contact") fail("consent", "contact consent is only asked of detractors");
    else if (!is_email(trim(answer.str("email")))) fail("email", "must be an email address like name@example.com");
    else email = trim(answer.str("email"));
  }

  const double now = context.num("now", -1);
  if (now < 0) fail("now", "must be a timestamp in ms");
  const std::string nonce = context.str("nonce");
  if (!is_hex(nonce, 8, 32)) fail("nonce", "must be 8-32 hex characters");

  // Site-wide attributes from the config, then identify()'s, which win.
  Json attrs = Json::object();
  if (const Json* a = config.get("attributes"); a && a->is_object())
    for (const auto& [k, v] : a->members()) attrs.set(k, v);
  if (const Json* a = context.get("attributes"); a && a->is_object())
    for (const auto& [k, v] : a->members()) attrs.set(k, v);
  check_attributes(attrs, "attributes", r.errors);

  Json user;
  if (const Json* u = context.get("userId"); u && !u->is_null()) {
    if (!u->is_string() || u->as_string().empty() || u->as_string().size() > 128)
      fail("userId", "must be a string of 1-128 bytes");
    else user = *u;
  }
  if (!r.ok()) return r;

  const std::string survey = config.str("id");
  Json& p = r.payload = Json::object();
  p.set("id", survey + ":" + base36(static_cast<unsigned long long>(now)) + ":" + nonce);
  p.set("survey", survey);
  p.set("score", sc);
  p.set("category", category);
  p.set("comment", comment.empty() ? Json() : Json(comment));
  p.set("ts", iso_time(now));
  p.set("locale", context.str("locale").substr(0, 35));
  p.set("page", context.str("page").substr(0, 500));
  p.set("user_id", user);
  p.set("contact_email", email);
  p.set("attributes", attrs);
  if (p.dump().size() > kMaxPayloadBytes) {
    r.errors.push_back({"", "the response is larger than " + std::to_string(kMaxPayloadBytes) + " bytes"});
    r.payload = Json();
  }
  return r;
}

}  // namespace npskit::survey
