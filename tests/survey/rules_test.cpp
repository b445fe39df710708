// Sampling, eligibility (URL rules, triggers, fatigue), classification.
#include <catch2/catch.hpp>

#include "core/survey/classify.hpp"
#include "core/survey/config.hpp"
#include "core/survey/eligibility.hpp"
#include "core/survey/sampling.hpp"

using namespace npskit::survey;

namespace {
Json config(const char* text) {
  Json j;
  REQUIRE(Json::parse(text, j));
  ConfigResult r = validate_config(j);
  REQUIRE(r.ok());
  return r.config;
}
constexpr double kNow = 1.74e12;
}  // namespace

TEST_CASE("sampling buckets do not move between releases") {
  // FNV-1a 32 then murmur3's finalizer, computed outside the code (Python) for
  // "survey_id:user_key"; a change here re-samples every visitor.
  CHECK(stable_hash("") == 2872998923u);
  CHECK(stable_hash("a") == 444641715u);
  CHECK(sample_bucket("nps", "user-1") == 5628u);
}

TEST_CASE("sampling is sticky and proportional") {
  CHECK(sample_bucket("nps", "user-1") == sample_bucket("nps", "user-1"));
  CHECK(sample_bucket("nps", "user-1") != sample_bucket("nps2", "user-1"));
  int in = 0;
  for (int i = 0; i < 20000; ++i) in += in_sample("nps", "anon-" + std::to_string(i), 0.25);
  CHECK(in > 4600);
  CHECK(in < 5400);
  CHECK(in_sample("nps", "x", 1));
  CHECK_FALSE(in_sample("nps", "x", 0));
  // A heavy visitor asked 1,000 times gets one answer, never a fresh draw.
  bool first = in_sample("nps", "heavy", 0.5);
  for (int i = 0; i < 1000; ++i) REQUIRE(in_sample("nps", "heavy", 0.5) == first);
}

TEST_CASE("URL rules: exact, contains, regex and not, all must hold") {
  Json c = config(R"({"id":"a","url":[{"match":"contains","value":"/shop"},{"match":"exact","value":"/shop/cart","not":true},
                                      {"match":"regex","value":"order=\\d+"}]})");
  PageFacts f;
  f.path = "/shop/thanks";
  f.href = "https://x.example/shop/thanks?order=12";
  f.regex_matches = {-1, -1, 1};
  CHECK(url_rules_pass(c, f));
  f.regex_matches = {-1, -1, 0};
  CHECK_FALSE(url_rules_pass(c, f));
  f.regex_matches = {-1, -1, 1};
  f.path = "/shop/cart";
  CHECK_FALSE(url_rules_pass(c, f));
  f.path = "/blog";
  f.href = "https://x.example/blog?order=1";
  CHECK_FALSE(url_rules_pass(c, f));
}

TEST_CASE("each trigger type, combined with all or any") {
  Json all = config(R"({"id":"a","triggers":[{"type":"delay","seconds":10},{"type":"scroll","percent":50},
      {"type":"exitIntent"},{"type":"click","selector":"#help"},{"type":"event","name":"purchase_completed"},
      {"type":"pageViews","count":3}]})");
  PageFacts f;
  CHECK_FALSE(triggers_met(all, f));
  f.seconds_on_page = 10;
  f.scroll_percent = 50;
  f.exit_intent = true;
  f.clicked = {"#help"};
  f.events = {"purchase_completed"};
  CHECK_FALSE(triggers_met(all, f));
  f.page_views = 3;
  CHECK(triggers_met(all, f));

  Json any = config(R"({"id":"a","triggerMode":"any","triggers":[{"type":"event","name":"purchase_completed"},
      {"type":"delay","seconds":30}]})");
  PageFacts g;
  g.seconds_on_page = 29;
  CHECK_FALSE(triggers_met(any, g));
  g.events = {"purchase_completed"};
  CHECK(triggers_met(any, g));
  CHECK(triggers_met(config(R"({"id":"a"})"), PageFacts{}));  // no trigger: on load
}

TEST_CASE("fatigue: recontact, dismissal, impressions, global cooldown, one tab") {
  Json c = config(R"({"id":"a","frequency":{"recontactDays":90,"dismissDays":30,"maxImpressions":2,"cooldownDays":7}})");
  PageFacts f;
  History h;
  const double day = kDayMs;
  CHECK(decide(c, f, h, "u", kNow, false).show);

  h.responded_at = kNow - 89 * day;
  CHECK(decide(c, f, h, "u", kNow, false).reason == "responded");
  CHECK(decide(c, f, h, "u", kNow, false).until == h.responded_at + 90 * day);
  CHECK(decide(c, f, h, "u", kNow, true).reason == "responded");  // even when asked manually
  h.responded_at = kNow - 91 * day;
  CHECK(decide(c, f, h, "u", kNow, false).show);

  History d;
  d.dismissed_at = kNow - 29 * day;
  Decision dd = decide(c, f, d, "u", kNow, false);
  CHECK(dd.reason == "dismissed");
  CHECK(dd.final);
  CHECK(dd.until == d.dismissed_at + 30 * day);
  d.dismissed_at = kNow - 31 * day;
  CHECK(decide(c, f, d, "u", kNow, false).show);

  History i;
  i.impressions = 2;
  CHECK(decide(c, f, i, "u", kNow, false).reason == "impressions");
  CHECK(decide(c, f, i, "u", kNow, true).show);  // the launcher still opens
  i.impressions = 1;
  CHECK(decide(c, f, i, "u", kNow, false).show);

  History g;
  g.last_any_at = kNow - 6 * day;
  CHECK(decide(c, f, g, "u", kNow, false).reason == "cooldown");
  CHECK(decide(c, f, g, "u", kNow, false).until == g.last_any_at + 7 * day);
  History many;
  many.impressions = 5;
  CHECK(decide(c, f, many, "u", kNow, false).until == -1);  // impressions: no end date
  g.last_any_at = kNow - 8 * day;
  CHECK(decide(c, f, g, "u", kNow, false).show);

  PageFacts tab;
  tab.other_tab_showing = true;
  Decision t = decide(c, tab, History{}, "u", kNow, false);
  CHECK_FALSE(t.show);
  CHECK_FALSE(t.final);
  CHECK(t.reason == "tab");
}

TEST_CASE("decide: sampling, URL and waiting for triggers") {
  Json none = config(R"({"id":"a","sampleRate":0})");
  CHECK(decide(none, PageFacts{}, History{}, "u", kNow, false).reason == "sample");
  CHECK(decide(none, PageFacts{}, History{}, "u", kNow, true).show);
  Json url = config(R"({"id":"a","url":[{"match":"contains","value":"/checkout"}]})");
  PageFacts f;
  f.href = "https://x/blog";
  CHECK(decide(url, f, History{}, "u", kNow, true).reason == "url");
  Json delay = config(R"({"id":"a","triggers":[{"type":"delay","seconds":5}]})");
  Decision w = decide(delay, PageFacts{}, History{}, "u", kNow, false);
  CHECK(w.reason == "waiting");
  CHECK_FALSE(w.final);
}

TEST_CASE("classify: categories at the boundaries, follow-up and actions") {
  Json c = config(R"({"id":"a","promoterAction":{"type":"coupon","code":"THANKS10"},"detractorContact":true,
                      "followUp":{"passive":"What would make it a 10?"}})");
  CHECK(classify(c, 10).str("category") == "promoter");
  CHECK(classify(c, 9).str("category") == "promoter");
  CHECK(classify(c, 8).str("category") == "passive");
  CHECK(classify(c, 7).str("category") == "passive");
  CHECK(classify(c, 6).str("category") == "detractor");
  CHECK(classify(c, 0).str("category") == "detractor");
  CHECK(classify(c, 9).get("action")->str("code") == "THANKS10");
  CHECK(classify(c, 8).get("action")->str("type") == "none");
  CHECK(classify(c, 3).get("action")->str("type") == "contact");
  CHECK(classify(c, 8).get("followUp")->str("text") == "What would make it a 10?");
  CHECK(classify(c, 3).get("followUp")->get("text")->is_null());
  CHECK(classify(c, 3).get("followUp")->str("key") == "reasonDetractor");
  Json off = config(R"({"id":"a","followUp":false})");
  CHECK_FALSE(classify(off, 9).get("followUp")->flag("ask", true));
  CHECK(classify(off, 3).get("action")->str("type") == "none");
}
