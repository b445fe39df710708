#include "core/survey/eligibility.hpp"

#include "core/survey/sampling.hpp"

namespace npskit::survey {

namespace {

bool contains(const std::vector<std::string>& list, const std::string& s) {
  for (const auto& x : list)
    if (x == s) return true;
  return false;
}

bool within(double since_ms, double days, double now_ms) {
  return since_ms >= 0 && days > 0 && now_ms - since_ms < days * kDayMs;
}

}  // namespace

bool url_rules_pass(const Json& config, const PageFacts& facts) {
  const Json* rules = config.get("url");
  if (!rules) return true;
  // Every rule must hold (AND); "not" inverts one rule.
  for (std::size_t i = 0; i < rules->items().size(); ++i) {
    const Json& r = rules->items()[i];
    const std::string match = r.str("match"), value = r.str("value");
    bool hit = false;
    if (match == "exact") {
      hit = facts.path == value || facts.href == value;
    } else if (match == "contains") {
      hit = facts.href.find(value) != std::string::npos;
    } else if (match == "regex") {
      hit = i < facts.regex_matches.size() && facts.regex_matches[i] == 1;
    }
    if (hit == r.flag("not")) return false;
  }
  return true;
}

bool triggers_met(const Json& config, const PageFacts& facts) {
  const Json* triggers = config.get("triggers");
  if (!triggers || triggers->items().empty()) return true;  // no trigger: show on load
  const bool any = config.str("triggerMode") == "any";
  for (const Json& t : triggers->items()) {
    const std::string type = t.str("type");
    bool met = false;
    if (type == "delay") met = facts.seconds_on_page >= t.num("seconds");
    else if (type == "scroll") met = facts.scroll_percent >= t.num("percent");
    else if (type == "exitIntent") met = facts.exit_intent;
    else if (type == "click") met = contains(facts.clicked, t.str("selector"));
    else if (type == "event") met = contains(facts.events, t.str("name"));
    else if (type == "pageViews") met = facts.page_views >= t.num("count");
    if (any && met) return true;
    if (!any && !met) return false;
  }
  return !any;
}

Decision decide(const Json& config, const PageFacts& facts, const History& history, const std::string& user_key,
                double now_ms, bool manual) {
  const Json empty = Json::object();
  const Json* f = config.get("frequency");
  const Json& freq = f ? *f : empty;
  auto stop = [](const char* why, double until = -1) { return Decision{false, true, until, why}; };
  const double recontact = freq.num("recontactDays", 90), dismiss = freq.num("dismissDays", 30),
               cooldown = freq.num("cooldownDays", 7);

  if (!url_rules_pass(config, facts)) return stop("url");
  if (within(history.responded_at, recontact, now_ms)) return stop("responded", history.responded_at + recontact * kDayMs);
  if (!manual) {
    if (!in_sample(config.str("id"), user_key, config.num("sampleRate", 1))) return stop("sample");
    if (within(history.dismissed_at, dismiss, now_ms)) return stop("dismissed", history.dismissed_at + dismiss * kDayMs);
    if (history.impressions >= freq.num("maxImpressions", 3)) return stop("impressions");
    if (within(history.last_any_at, cooldown, now_ms)) return stop("cooldown", history.last_any_at + cooldown * kDayMs);
  }
  // Another tab showing a survey is temporary: keep watching, ask again later.
  if (facts.other_tab_showing) return Decision{false, false, -1, "tab"};
  if (!manual && !triggers_met(config, facts)) return Decision{false, false, -1, "waiting"};
  return Decision{true, false, -1, "ok"};
}

}  // namespace npskit::survey
