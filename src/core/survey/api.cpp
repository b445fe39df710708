#include "core/survey/api.hpp"

#include "core/survey/classify.hpp"
#include "core/survey/config.hpp"
#include "core/survey/eligibility.hpp"
#include "core/survey/json.hpp"
#include "core/survey/payload.hpp"
#include "core/survey/sampling.hpp"

namespace npskit::survey {

namespace {

Json errors_json(const std::vector<FieldError>& errors) {
  Json list = Json::array();
  for (const auto& e : errors) {
    Json item = Json::object();
    item.set("field", e.field);
    item.set("message", e.message);
    list.push(item);
  }
  return list;
}

Json failure(const std::vector<FieldError>& errors) {
  Json out = Json::object();
  out.set("ok", false);
  out.set("errors", errors_json(errors));
  return out;
}

std::vector<std::string> strings_of(const Json* list) {
  std::vector<std::string> out;
  if (list && list->is_array())
    for (const Json& v : list->items())
      if (v.is_string()) out.push_back(v.as_string());
  return out;
}

PageFacts facts_of(const Json& f) {
  PageFacts facts;
  facts.path = f.str("path");
  facts.href = f.str("href");
  if (const Json* rm = f.get("regex"); rm && rm->is_array())
    for (const Json& v : rm->items()) facts.regex_matches.push_back(v.is_bool() ? (v.as_bool() ? 1 : 0) : -1);
  facts.seconds_on_page = f.num("seconds");
  facts.scroll_percent = f.num("scroll");
  facts.exit_intent = f.flag("exitIntent");
  facts.clicked = strings_of(f.get("clicked"));
  facts.events = strings_of(f.get("events"));
  facts.page_views = f.num("pageViews");
  facts.other_tab_showing = f.flag("otherTab");
  return facts;
}

History history_of(const Json& h) {
  History history;
  history.responded_at = h.num("respondedAt", -1);
  history.dismissed_at = h.num("dismissedAt", -1);
  history.impressions = h.num("impressions", 0);
  history.last_any_at = h.num("lastAnyAt", -1);
  return history;
}

Json handle(std::string_view op, const Json& req) {
  const Json empty = Json::object();
  const Json* raw_config = req.get("config");
  if (op == "bucket") {
    Json out = Json::object();
    out.set("ok", true);
    out.set("bucket", static_cast<double>(sample_bucket(req.str("survey"), req.str("user"))));
    return out;
  }
  ConfigResult cfg = validate_config(raw_config ? *raw_config : empty);
  if (!cfg.ok()) return failure(cfg.errors);
  if (op == "validate") {
    Json out = Json::object();
    out.set("ok", true);
    out.set("config", cfg.config);
    return out;
  }
  if (op == "decide") {
    const Json* f = req.get("facts");
    const Json* h = req.get("history");
    Decision d = decide(cfg.config, facts_of(f ? *f : empty), history_of(h ? *h : empty), req.str("user"),
                        req.num("now"), req.flag("manual"));
    Json out = Json::object();
    out.set("ok", true);
    out.set("show", d.show);
    out.set("final", d.final);
    out.set("reason", d.reason);
    out.set("until", d.until);
    return out;
  }
  if (op == "classify") {
    const double score = req.num("score", -1);
    if (score < 0 || score > 10 || score != static_cast<int>(score)) return failure({{"score", "must be an integer from 0 to 10"}});
    Json out = classify(cfg.config, static_cast<int>(score));
    out.set("ok", true);
    return out;
  }
  if (op == "payload") {
    const Json* a = req.get("answer");
    const Json* c = req.get("context");
    PayloadResult p = build_payload(cfg.config, a ? *a : empty, c ? *c : empty);
    if (!p.ok()) return failure(p.errors);
    Json out = Json::object();
    out.set("ok", true);
    out.set("payload", p.payload);
    return out;
  }
  return failure({{"op", "unknown operation"}});
}

}  // namespace

std::string call(std::string_view op, std::string_view request_json) {
  Json req;
  std::string why;
  if (!Json::parse(request_json, req, &why) || !req.is_object())
    return failure({{"", why.empty() ? "the request is not a JSON object" : "the request is refused: " + why}}).dump();
  return handle(op, req).dump();
}

}  // namespace npskit::survey
