#pragma once
// The dashboard's session as the JS API and the wasm binding see it: the
// SessionEngine (analysis/session_engine.hpp: files in, partials out) with its
// answers written as JSON (docs/js-api.md). With tallies files, report() is the
// tallies report (filters on segment values sum the matching groups), and
// rows() / comments() say what is not available.
#include <nlohmann/json.hpp>

#include "core/analysis/session_engine.hpp"

namespace npskit {

class Session : public SessionEngine {
 public:
  using SessionEngine::SessionEngine;

  // { files: [{name, source, columns, rows, error}], rows, segments, has_person,
  //   has_comment, date_range, columns: {score, date, comment, id, email, name, segments} }
  // "columns": the merged roles of every file (merged_roles), the ones report() uses.
  nlohmann::ordered_json info() const;
  // query: { period, confidence, cross, filters, maxRejections, latestPerPerson }
  nlohmann::ordered_json report(const nlohmann::json& query) const;
  // query adds: { category, search, withComment, offset, limit,
  //   insights: true  -> each row gets {sentiment: {compound, label}, themes, spans: [{begin, end, theme, text}]}
  //                      (offsets in UTF-16 code units of the comment: JS string indexes),
  //   theme: "name"    -> rows whose comment mentions that theme,
  //   keyphrase: "text" -> rows whose comment contains that phrase (normalized tokens;
  //                      with insights, its spans are in insights.keyphrase_spans),
  //   sentiment: "positive" | "neutral" | "negative",
  //   themes: {...}    -> user theme JSON (docs/comments.md) for the theme filter and insights }
  nlohmann::ordered_json rows(const nlohmann::json& query) const;
  // The "comments" section of the report (docs/comments.md) over the rows the query's
  // filters keep: the same as the streaming report with {comments: true}. query: as
  // report(), plus themes: {...} (user theme JSON). Re-tokenizes every kept comment.
  nlohmann::ordered_json comments(const nlohmann::json& query) const;
  // The theme dictionary in use with that query's `themes`: {"themes": [{name, label, terms}]}.
  nlohmann::ordered_json themes(const nlohmann::json& query) const;

 protected:
  // rows() of a query already read (shards ask for a longer page, shard_session.hpp);
  // days: when given, each listed row's day (its sort key: newest first).
  nlohmann::ordered_json rows_for(const SessionQuery& q, std::vector<std::int32_t>* days = nullptr) const;

 private:
  // Tallies mode: the reports come from the tallies alone (no row store).
  nlohmann::ordered_json tallies_report_for(const SessionQuery& q, bool comments) const;
  nlohmann::ordered_json tallies_info() const;
};

}  // namespace npskit
