// CommentAnalytics and KeyphraseCounter as partials (DESIGN.md "partials all the
// way down"): every count goes out as JSON (written by report/comments_json.cpp,
// comment_partial_json) and adds back in here. Segment values travel
// as text (each part has its own codes); keyphrases as (hash, phrase, counts), and
// they are ranked only after the merge, so the top lists of merged partials are the
// top lists of the whole. If any part pruned rare phrases (past max_keyphrases),
// the merged counter says so (keyphrases.pruned), as one big file would.
#include <algorithm>
#include <cstdlib>

#include "core/text/comment_analytics.hpp"

namespace npskit::text {

using ojson = nlohmann::ordered_json;

void KeyphraseCounter::merge_entry(std::uint64_t hash, const std::string& phrase, const std::array<std::uint32_t, 3>& counts) {
  auto [it, inserted] = entries_.try_emplace(hash);
  if (inserted) it->second.phrase = phrase;
  for (std::size_t c = 0; c < 3; ++c) it->second.counts[c] += counts[c];
  if (entries_.size() > max_entries_) prune();
}

void KeyphraseCounter::merge_totals(const std::array<std::uint64_t, 3>& comments, std::uint64_t prune_floor) {
  for (std::size_t c = 0; c < 3; ++c) comments_[c] += comments[c];
  prune_floor_ = std::max(prune_floor_, prune_floor);
}

namespace {
// Reads a partial without exceptions (the wasm build has none): a missing key or a
// wrong type clears ok and yields a null / zero.
struct Reader {
  bool ok = true;
  const ojson& at(const ojson& j, const char* key) {
    static const ojson null;
    if (!j.is_object()) return bad(null);
    auto it = j.find(key);
    return it == j.end() ? bad(null) : *it;
  }
  const ojson& at(const ojson& j, std::size_t i) {
    static const ojson null;
    return j.is_array() && i < j.size() ? j[i] : bad(null);
  }
  const ojson& bad(const ojson& v) {
    ok = false;
    return v;
  }
  std::uint64_t u64(const ojson& j) {
    if (!j.is_number_unsigned()) return ok = false, 0;
    return j.get<std::uint64_t>();
  }
  std::uint32_t u32(const ojson& j) {
    const auto v = u64(j);
    if (v > UINT32_MAX) return ok = false, 0;
    return static_cast<std::uint32_t>(v);
  }
  double number(const ojson& j) {
    if (!j.is_number()) return ok = false, 0.0;
    return j.get<double>();
  }
  std::string text(const ojson& j) {
    if (!j.is_string()) return ok = false, std::string();
    return j.get<std::string>();
  }
  void tally(const ojson& j, Tally& t) {
    if (!j.is_array() || j.size() != 11) return void(ok = false);
    for (std::size_t i = 0; i < 11; ++i) t.counts[i] += u64(j[i]);
  }
};
}  // namespace

std::string CommentAnalytics::merge_partial(const ojson& p, std::vector<std::string> segment_columns,
                                            std::vector<std::vector<std::string>>& segment_values) {
  Reader in;
  if (!p.is_object() || !p.contains("version") || p["version"] != 1) return "comment partial: not version 1";
  if (!p.contains("period") || p["period"] != std::string(period_name(options_.period)))
    return "comment partials by different periods cannot be added";
  const auto& themes = in.at(p, "themes");
  if (!themes.is_array() || themes.size() != themes_.size()) return "comment partials with different themes cannot be added";
  for (std::size_t t = 0; t < themes_.size(); ++t)
    if (in.text(in.at(themes[t], "name")) != analyzer_.dictionary().themes()[t].name)
      return "comment partials with different themes cannot be added";
  auto sentiment_in = [&](const ojson& j, SentimentCounts& s) {
    const auto& labels = in.at(j, "by_label");
    for (std::size_t i = 0; i < 3; ++i) s.by_label[i] += in.u64(in.at(labels, i));
    s.compound_sum += in.number(in.at(j, "compound_sum"));
  };
  auto group_in = [&](const ojson& j, GroupStats& g) {
    g.comments += in.u64(in.at(j, "comments"));
    in.tally(in.at(j, "commenters"), g.commenters);
    sentiment_in(in.at(j, "sentiment"), g.sentiment);
    const auto& mentions = in.at(j, "theme_mentions");
    if (g.theme_mentions.size() != themes_.size()) g.theme_mentions.assign(themes_.size(), 0);
    for (std::size_t t = 0; t < themes_.size(); ++t) g.theme_mentions[t] += in.u64(in.at(mentions, t));
  };
  in.tally(in.at(p, "all"), all_);
  in.tally(in.at(p, "commented"), commented_);
  sentiment_in(in.at(p, "sentiment"), sentiment_);
  for (std::size_t t = 0; t < themes_.size(); ++t) {
    in.tally(in.at(themes[t], "mentioners"), themes_[t].mentioners);
    sentiment_in(in.at(themes[t], "sentiment"), themes_[t].sentiment);
  }
  const auto& cats = in.at(p, "categories");
  for (std::size_t c = 0; c < 3; ++c) group_in(in.at(cats, c), categories_[c]);
  if (segment_values.size() < segment_columns.size()) segment_values.resize(segment_columns.size());
  if (segments_.size() < segment_columns.size()) segments_.resize(segment_columns.size());
  const auto& segs = in.at(p, "segments");
  for (std::size_t c = 0; in.ok && c < segment_columns.size(); ++c) {
    auto col = segs.find(segment_columns[c]);
    if (col == segs.end() || !col->is_object()) continue;
    for (auto it = col->begin(); it != col->end(); ++it) {
      auto& values = segment_values[c];
      auto found = std::find(values.begin(), values.end(), it.key());
      const auto code = static_cast<std::size_t>(found - values.begin());
      if (found == values.end()) values.push_back(it.key());
      if (code >= options_.max_segment_values) continue;
      if (segments_[c].size() <= code) segments_[c].resize(code + 1);
      group_in(it.value(), segments_[c][code]);
    }
  }
  const auto& periods = in.at(p, "periods");
  for (std::size_t i = 0; in.ok && i < periods.size(); ++i) {
    const auto& start = in.at(periods[i], "start");
    if (!start.is_number_integer()) return "comment partial: a period start is not a day number";
    auto& ps = periods_[start.get<std::int64_t>()];
    if (ps.theme_mentioners.empty()) ps.theme_mentioners.resize(themes_.size());
    in.tally(in.at(periods[i], "commenters"), ps.commenters);
    const auto& m = in.at(periods[i], "theme_mentioners");
    for (std::size_t t = 0; t < themes_.size(); ++t) in.tally(in.at(m, t), ps.theme_mentioners[t]);
  }
  const auto& k = in.at(p, "keyphrases");
  std::array<std::uint64_t, 3> comments{};
  for (std::size_t c = 0; c < 3; ++c) comments[c] = in.u64(in.at(in.at(k, "comments"), c));
  keyphrases_.merge_totals(comments, in.u64(in.at(k, "prune_floor")));
  const auto& entries = in.at(k, "entries");
  for (std::size_t i = 0; in.ok && i < entries.size(); ++i) {
    const auto& e = entries[i];
    const auto h = std::strtoull(in.text(in.at(e, std::size_t{0})).c_str(), nullptr, 16);
    const auto phrase = in.text(in.at(e, 1));
    const std::array<std::uint32_t, 3> counts{in.u32(in.at(e, 2)), in.u32(in.at(e, 3)), in.u32(in.at(e, 4))};
    if (in.ok) keyphrases_.merge_entry(h, phrase, counts);
  }
  return in.ok ? std::string() : "comment partial: a field is missing or not a count";
}

}  // namespace npskit::text
