#include "core/report/stats_query.hpp"

#include <cmath>
#include <optional>
#include <string>

#include "core/report/report_json.hpp"
#include "core/stats/interval.hpp"
#include "core/stats/multiple_comparisons.hpp"

namespace npskit {

using nlohmann::json;
using ojson = nlohmann::ordered_json;

namespace {

constexpr double kMaxCount = 9.0e15;  // counts stay exact in a double (JSON numbers from JS)

std::optional<std::uint64_t> count_of(const json& v) {
  if (!v.is_number()) return std::nullopt;
  const double d = v.get<double>();
  if (!(d >= 0) || d > kMaxCount || std::floor(d) != d) return std::nullopt;
  return static_cast<std::uint64_t>(d);
}

// A tally from its histogram, or from its three category counts: every NPS figure
// (score, interval, test, sample size) depends only on those three counts, so a
// promoter is counted as a 10, a passive as an 8 and a detractor as a 0.
std::optional<Tally> tally_of(const json& t, const std::string& field, std::string& error) {
  const std::string expected = "'" + field + "' must be {histogram: [11 counts]} or {promoters, passives, detractors} (whole numbers >= 0)";
  if (!t.is_object()) {
    error = expected;
    return std::nullopt;
  }
  Tally tally;
  if (auto h = t.find("histogram"); h != t.end()) {
    if (!h->is_array() || h->size() != 11) {
      error = expected;
      return std::nullopt;
    }
    for (int s = 0; s <= 10; ++s) {
      auto c = count_of((*h)[static_cast<std::size_t>(s)]);
      if (!c) {
        error = expected;
        return std::nullopt;
      }
      tally.add(s, *c);
    }
    return tally;
  }
  const std::pair<const char*, int> parts[] = {{"promoters", 10}, {"passives", 8}, {"detractors", 0}};
  for (const auto& [key, score] : parts) {
    auto it = t.find(key);
    auto c = it == t.end() ? std::nullopt : count_of(*it);
    if (!c) {
      error = expected;
      return std::nullopt;
    }
    tally.add(score, *c);
  }
  return tally;
}

ojson error_json(const std::string& message) { return {{"error", message}}; }

}  // namespace

ojson stats_query(const json& query) {
  if (!query.is_object()) return error_json("the statistics query must be an object");
  for (auto it = query.begin(); it != query.end(); ++it)
    if (it.key() != "confidence" && it.key() != "compare" && it.key() != "sampleSize")
      return error_json("unknown statistics query field '" + it.key() + "'");
  double confidence = 0.95;
  if (auto it = query.find("confidence"); it != query.end() && !it->is_null()) {
    if (!it->is_number() || !(it->get<double>() > 0 && it->get<double>() < 1))
      return error_json("'confidence' must be a number between 0 and 1, like 0.95");
    confidence = it->get<double>();
  }
  ojson out = {{"confidence", confidence}};
  std::string error;
  if (auto it = query.find("compare"); it != query.end() && !it->is_null()) {
    if (!it->is_object()) return error_json("'compare' must be {a: tally, b: tally}");
    const auto a = tally_of(it->value("a", json()), "compare.a", error);
    const auto b = a ? tally_of(it->value("b", json()), "compare.b", error) : std::nullopt;
    if (!a || !b) return error_json(error);
    out["compare"] = difference_json(compare(*a, *b, confidence));
  }
  if (auto it = query.find("sampleSize"); it != query.end() && !it->is_null()) {
    if (!it->is_object()) return error_json("'sampleSize' must be {margin: points, expected: tally}");
    auto margin = it->find("margin");
    if (margin == it->end() || !margin->is_number() || !(margin->get<double>() > 0 && margin->get<double>() <= 200))
      return error_json("'sampleSize.margin' must be a number of NPS points above 0 (and at most 200)");
    Tally expected;
    if (auto e = it->find("expected"); e != it->end() && !e->is_null()) {
      auto t = tally_of(*e, "sampleSize.expected", error);
      if (!t) return error_json(error);
      expected = *t;
    }
    out["sample_size"] = sample_size_for_margin(margin->get<double>(), confidence, expected);
  }
  return out;
}

}  // namespace npskit
