#pragma once
// After the score: the category, the follow-up question and the thank-you action.
#include <string>

#include "core/survey/json.hpp"

namespace npskit::survey {

const char* category_name(int score);  // "promoter" | "passive" | "detractor"

// {"category", "followUp": {"ask", "key", "text"}, "action": {"type", ...}}
// followUp.text is the site's own wording or null (then the UI uses the locale's
// text for followUp.key). action.type: "link" | "coupon" (promoters), "contact"
// (detractors, when detractorContact is on) or "none".
Json classify(const Json& config, int score);

}  // namespace npskit::survey
