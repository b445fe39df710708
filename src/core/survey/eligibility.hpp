#pragma once
// Whether a survey may show now: URL rules, sticky sampling, the fatigue policy
// (recontact, dismissal, impressions, global cooldown, one tab) and the triggers.
#include <string>
#include <vector>

#include "core/survey/json.hpp"

namespace npskit::survey {

// What the page has observed so far (the loader reports; the rules decide).
struct PageFacts {
  std::string path;                 // location.pathname: "exact" rules compare with it
  std::string href;                 // full URL: "contains" rules search it
  std::vector<int> regex_matches;   // per URL rule: 1/0 for regex rules (JS RegExp), -1 otherwise
  double seconds_on_page = 0;
  double scroll_percent = 0;
  bool exit_intent = false;
  std::vector<std::string> clicked; // selectors of click triggers that were clicked
  std::vector<std::string> events;  // npskit.track() names seen on this page
  double page_views = 0;
  bool other_tab_showing = false;
};

// What this browser remembers (timestamps in ms since the epoch; < 0 = never).
struct History {
  double responded_at = -1;       // this survey answered
  double dismissed_at = -1;       // this survey dismissed
  double impressions = 0;         // shown without an answer since the last response
  double last_any_at = -1;        // any survey answered or dismissed (global cooldown)
};

struct Decision {
  bool show = false;
  // Final: nothing on this page can change the answer (URL, sample, fatigue);
  // otherwise the loader keeps watching triggers and asks again.
  bool final = false;
  // For time-bound refusals (responded, dismissed, cooldown): when they end, so
  // the loader need not fetch the core again before then; -1 otherwise.
  double until = -1;
  std::string reason;  // "ok", "url", "sample", "responded", "dismissed", "impressions", "cooldown", "tab", "waiting"
};

constexpr double kDayMs = 86400000.0;

bool url_rules_pass(const Json& config, const PageFacts& facts);
bool triggers_met(const Json& config, const PageFacts& facts);

// `manual` = the visitor asked (launcher tab, npskit.show()): triggers, sampling
// and the unanswered-impression rules do not apply; URL and recontact still do.
Decision decide(const Json& config, const PageFacts& facts, const History& history, const std::string& user_key,
                double now_ms, bool manual);

}  // namespace npskit::survey
