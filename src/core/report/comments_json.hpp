#pragma once
// Comment analytics as JSON: the report's "comments" section (schema in
// docs/comments.md) and one comment's insight. text/ counts (CommentAnalytics,
// CommentAnalyzer); this file is where those counts become figures: shares,
// lift, interval, comparison with the rest, impact, ranked keyphrases.
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/text/comment_analytics.hpp"

namespace npskit {

// The "comments" section of a report from the counts of `analytics`.
nlohmann::ordered_json comments_json(const text::CommentAnalytics& analytics,
                                     const text::CommentReportContext& context = {});

// The counts of `analytics` as a partial (DESIGN.md): everything held, segment
// values as text, so the partials of parts of a file add up to the whole file's.
// Read back by CommentAnalytics::merge_partial (text/comment_partial.cpp);
// format in docs/scale.md.
nlohmann::ordered_json comment_partial_json(const text::CommentAnalytics& analytics,
                                            const text::CommentReportContext& context);

// One comment's insight, with byte offsets:
// {"compound": 0.6249, "label": "positive", "themes": ["delivery"],
//  "spans": [{"begin": 0, "end": 8, "theme": "delivery", "text": "Delivery"}]}
nlohmann::ordered_json comment_insight_json(const text::ThemeDictionary& dictionary, std::string_view comment,
                                            const text::CommentInsight& insight);

}  // namespace npskit
