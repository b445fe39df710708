#include "core/survey/classify.hpp"

#include "core/stats/tally.hpp"

namespace npskit::survey {

const char* category_name(int score) {
  switch (npskit::category_of(score)) {
    case Category::promoter: return "promoter";
    case Category::passive: return "passive";
    default: return "detractor";
  }
}

Json classify(const Json& config, int score) {
  const Category cat = npskit::category_of(score);
  const std::string name = category_name(score);
  Json out = Json::object();
  out.set("category", name);

  Json follow = Json::object();
  const Json* f = config.get("followUp");
  follow.set("ask", f ? f->flag("enabled", true) : true);
  const char* key = cat == Category::promoter ? "reasonPromoter" : cat == Category::passive ? "reasonPassive" : "reasonDetractor";
  follow.set("key", key);
  const Json* custom = f ? f->get(name) : nullptr;
  follow.set("text", custom && custom->is_string() ? *custom : Json());
  out.set("followUp", follow);

  Json action = Json::object();
  const Json* promo = config.get("promoterAction");
  if (cat == Category::promoter && promo && promo->is_object()) {
    action = *promo;
  } else if (cat == Category::detractor && config.flag("detractorContact")) {
    action.set("type", "contact");
  } else {
    action.set("type", "none");
  }
  out.set("action", action);
  return out;
}

}  // namespace npskit::survey
