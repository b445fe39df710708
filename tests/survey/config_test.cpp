// Configuration validation: every bad field is reported with its path; defaults filled.
#include <catch2/catch.hpp>

#include "core/survey/config.hpp"

using namespace npskit::survey;

namespace {
Json parse(const char* text) {
  Json j;
  REQUIRE(Json::parse(text, j));
  return j;
}
bool has_error(const ConfigResult& r, const std::string& field) {
  for (const auto& e : r.errors)
    if (e.field == field) return true;
  return false;
}
}  // namespace

TEST_CASE("a minimal config is valid and gets every default") {
  ConfigResult r = validate_config(parse(R"({"id":"nps-1"})"));
  REQUIRE(r.ok());
  const Json& c = r.config;
  CHECK(c.str("placement") == "popup");
  CHECK(c.str("position") == "bottom-right");
  CHECK(c.get("product")->is_null());
  CHECK(c.str("locale") == "auto");
  CHECK(c.num("sampleRate") == 1);
  CHECK(c.get("frequency")->num("recontactDays") == 90);
  CHECK(c.get("frequency")->num("dismissDays") == 30);
  CHECK(c.get("frequency")->num("maxImpressions") == 3);
  CHECK(c.get("frequency")->num("cooldownDays") == 7);
  CHECK(c.get("theme")->str("brand") == "#4f46e5");
  CHECK(c.get("followUp")->flag("enabled"));
  CHECK(c.get("endpoint")->is_null());
  CHECK(c.get("triggers")->items().empty());
}

TEST_CASE("validation reports every bad field at once") {
  ConfigResult r = validate_config(parse(R"J({
    "id":"bad id!", "placement":"sidebar", "position":"middle", "sampleRate":1.5,
    "triggers":[{"type":"delay","seconds":-1},{"type":"click"},{"type":"wiggle"},{"type":"event","name":"a b"},
                {"type":"pageViews","count":2.5},{"type":"scroll","percent":0}],
    "url":[{"match":"glob","value":"/x"},{"match":"exact"}],
    "frequency":{"recontactDays":"soon","maxImpressions":0},
    "theme":{"brand":"red","radius":99,"font":"x;}","mode":"neon"},
    "strings":{"question":"ok","nope":"x","thanks":5},
    "promoterAction":{"type":"link","url":"javascript:alert(1)"},
    "endpoint":"ftp://x", "attributes":{"plan":{"nested":1}}, "locale":"english!", "sampelRate":1
  })J"));
  CHECK_FALSE(r.ok());
  for (const char* f : {"id", "placement", "position", "sampleRate", "triggers[0].seconds", "triggers[1].selector",
                        "triggers[2].type", "triggers[3].name", "triggers[4].count", "triggers[5].percent",
                        "url[0].match", "url[1].value", "frequency.recontactDays", "frequency.maxImpressions",
                        "theme.brand", "theme.radius", "theme.font", "theme.mode", "strings.nope", "strings.thanks",
                        "promoterAction.url", "endpoint", "attributes.plan", "locale", "sampelRate"}) {
    INFO(f);
    CHECK(has_error(r, f));
  }
  CHECK_FALSE(has_error(r, "strings.question"));
  CHECK(r.errors.size() == 25);
}

TEST_CASE("a non-object config is reported, not crashed on") {
  CHECK_FALSE(validate_config(parse("[1]")).ok());
  CHECK_FALSE(validate_config(parse("null")).ok());
}

TEST_CASE("endpoint accepts http(s) URLs and site paths only") {
  CHECK(validate_config(parse(R"({"id":"a","endpoint":"https://c.example/r"})")).ok());
  CHECK(validate_config(parse(R"({"id":"a","endpoint":"/collect"})")).ok());
  CHECK_FALSE(validate_config(parse(R"({"id":"a","endpoint":"//evil.example"})")).ok());
  CHECK_FALSE(validate_config(parse(R"({"id":"a","endpoint":"javascript:x"})")).ok());
}

TEST_CASE("text on the brand colour is chosen for contrast") {
  ConfigResult dark = validate_config(parse(R"({"id":"a","theme":{"brand":"#1e3a8a"}})"));
  ConfigResult light = validate_config(parse(R"({"id":"a","theme":{"brand":"#fde047"}})"));
  CHECK(dark.config.get("theme")->str("brandText") == "#ffffff");
  CHECK(light.config.get("theme")->str("brandText") == "#111827");
  CHECK(contrast_ratio("#000000", "#ffffff") == Approx(21.0));
}

TEST_CASE("followUp may be disabled or worded per category") {
  CHECK_FALSE(validate_config(parse(R"({"id":"a","followUp":false})")).config.get("followUp")->flag("enabled", true));
  ConfigResult r = validate_config(parse(R"({"id":"a","followUp":{"detractor":"What went wrong?"}})"));
  REQUIRE(r.ok());
  CHECK(r.config.get("followUp")->str("detractor") == "What went wrong?");
  CHECK(has_error(validate_config(parse(R"({"id":"a","followUp":{"angry":"x"}})")), "followUp.angry"));
}

TEST_CASE("normalisation is idempotent: a normalised config validates to itself") {
  for (const char* text : {R"({"id":"a"})",
                           R"({"id":"b","placement":"inline","target":"#slot","followUp":{"passive":"Why?"},
                               "promoterAction":{"type":"link","url":"https://x.example/review","label":"Review us"},
                               "theme":{"brand":"#fde047","mode":"dark"},"url":[{"match":"regex","value":"^/x"}],
                               "triggers":[{"type":"delay","seconds":3}],"endpoint":"/collect","strings":{"thanks":"Ta"}})"}) {
    ConfigResult once = validate_config(parse(text));
    REQUIRE(once.ok());
    ConfigResult twice = validate_config(once.config);
    INFO(twice.errors.size());
    REQUIRE(twice.ok());
    CHECK(twice.config.dump() == once.config.dump());
  }
}

TEST_CASE("Delighted's option names are unknown fields that name npskit's equivalent") {
  ConfigResult r = validate_config(parse(R"({"id":"d","sampleFactor":0.5,"sampelRate":1,"theme":{"sampleFactor":1}})"));
  REQUIRE(r.errors.size() == 3);
  for (const auto& e : r.errors) {
    if (e.field == "sampleFactor") CHECK(e.message == "is not a known field (Delighted's option; in npskit: sampleRate)");
    else CHECK(e.message == "is not a known field");  // a plain typo, and a nested name, get no hint
  }
  CHECK(has_error(r, "theme.sampleFactor"));
}
