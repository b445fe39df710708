#include "core/report/notices.hpp"

#include <cmath>

#include "core/stats/interval.hpp"
#include "core/values/datetime.hpp"
#include "core/values/score.hpp"
#include "core/values/trim.hpp"

namespace npskit {

using json = nlohmann::ordered_json;

namespace {

// Below this many responses the interval is too wide to read the NPS as a number:
// the same bound under which a group is too small to compare (stats/interval.hpp).
constexpr std::uint64_t kFewResponses = kMinGroupForSignificance;
// A score distribution is only called "group-like" or "1-5" on this much evidence.
constexpr std::uint64_t kMinForShape = 5;

std::string in_quotes(const std::string& s) { return "\"" + s + "\""; }

std::string name_list(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " and " : ", ";
    out += in_quotes(names[i]);
  }
  return out;
}


std::string plural(std::uint64_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

Notice score_tie(const ColumnsByRole& C) {
  std::vector<std::string> names{C.score.value_or(std::string())};
  names.insert(names.end(), C.score_tied_with.begin(), C.score_tied_with.end());
  const bool two = names.size() == 2;
  return {"score_tie", true, Role::score, names, std::nullopt,
          std::string(two ? "Two" : "Several") + " columns could be the score: " + name_list(names) + " (" +
              (two ? "both" : "all") + " hold 0-10 answers). Using " + in_quotes(names.front()) + ".",
          "pick_score"};
}

// The shape of the score column's answers: only 1-3 (a detractor/passive/promoter
// group coded as numbers) or only 1-5 (another scale). Either makes the NPS wrong.
void shape_notices(const ColumnsByRole& C, const Tally& t, std::vector<Notice>& out) {
  if (!C.score || t.n() < kMinForShape || t.counts[0] > 0) return;
  auto only_up_to = [&](std::size_t top) {
    for (std::size_t s = top + 1; s <= 10; ++s)
      if (t.counts[s] > 0) return false;
    return true;
  };
  const std::string col = *C.score;
  if (only_up_to(3)) {
    out.push_back({"score_group_like", true, Role::score, {col}, t.n(),
                   "The score column " + in_quotes(col) +
                       " only holds 1, 2 and 3: it looks like a group column (detractor, passive, promoter), not "
                       "0-10 answers, so this NPS is likely wrong. Choose the column that holds the 0-10 answers.",
                   "pick_score"});
  } else if (only_up_to(5)) {
    out.push_back({"score_scale_1_5", true, Role::score, {col}, t.n(),
                   "The score column " + in_quotes(col) +
                       " only holds answers from 1 to 5: it looks like a 1-5 rating, not a 0-10 recommendation "
                       "score. NPS counts every answer below 7 as a detractor, so this NPS is likely wrong.",
                   "pick_score"});
  }
}

Notice no_score() {
  return {"no_score_column", true, Role::score, {}, std::nullopt, kNoScoreColumnError, "pick_score"};
}

Notice no_date() {
  return {"no_date_column", false, Role::date, {}, std::nullopt,
          "No column holds the response dates, so there is no trend over time. Choose the date column if the file "
          "has one.",
          "pick_date"};
}

Notice date_unreadable(const ColumnsByRole& C, std::uint64_t n, const std::string& of_what) {
  const std::string col = C.date.value_or(std::string());
  return {"date_unreadable", true, Role::date, {col}, n,
          plural(n, "date", "dates") + " in the column " + in_quotes(col) + " could not be read" + of_what +
              ": those responses count in the totals but not in the trend. Choose another date column if this one "
              "is wrong.",
          "pick_date"};
}

}  // namespace

std::vector<Notice> report_notices(const ColumnsByRole& C, const RowCounts& counts, const Tally& scores, double confidence) {
  std::vector<Notice> out;
  shape_notices(C, scores, out);
  if (!C.score_tied_with.empty()) out.push_back(score_tie(C));
  if (counts.rejected > 0)
    out.push_back({"rejected_rows", true, Role::score, {C.score.value_or(std::string())}, counts.rejected,
                   plural(counts.rejected, "row was", "rows were") +
                       " not counted: the score is not a 0-10 answer, or the row could not be read.",
                   "show_rejections"});
  if (C.date && counts.date_unreadable > 0) out.push_back(date_unreadable(C, counts.date_unreadable, ""));
  const auto n = scores.n();
  if (n < kFewResponses) {
    std::string message;
    if (n == 0) {
      message = "No response holds a 0-10 score, so there is no NPS.";
    } else {
      const auto ci = nps_interval(scores, confidence);
      message = "Only " + plural(n, "response", "responses") + ": the NPS could be anywhere from " +
                std::to_string(static_cast<int>(std::lround(ci.low))) + " to " +
                std::to_string(static_cast<int>(std::lround(ci.high))) +
                ". Treat it as a rough guide until more answers come in.";
    }
    out.push_back({"few_responses", true, std::nullopt, {}, n, message, std::nullopt});
  }
  if (!C.date) out.push_back(no_date());
  return out;
}

std::vector<Notice> inspection_notices(const Layout& L, const std::vector<SampleRecord>& sample, bool no_score_column) {
  std::vector<Notice> out;
  if (no_score_column) out.push_back(no_score());
  Tally scores;
  std::uint64_t dates = 0, unreadable = 0;
  std::size_t headers_left = L.header_rows;
  for (const auto& r : sample) {
    if (!r.error.empty()) continue;
    if (headers_left > 0) {
      --headers_left;
      continue;
    }
    auto cell = [&](int index) {
      return index >= 0 && static_cast<std::size_t>(index) < r.fields.size()
                 ? trim_ascii(r.fields[static_cast<std::size_t>(index)])
                 : std::string_view{};
    };
    if (L.score >= 0)
      if (const auto s = parse_score(cell(L.score)); s.status == ScoreStatus::ok) scores.add(s.score);
    if (L.date >= 0 && !cell(L.date).empty()) {
      ++dates;
      if (!parse_date_cell(cell(L.date), L.date_format())) ++unreadable;
    }
  }
  const auto C = columns_by_role(L);
  if (C.score) {
    shape_notices(C, scores, out);
    if (!C.score_tied_with.empty()) out.push_back(score_tie(C));
  }
  if (unreadable > 0)
    out.push_back(date_unreadable(C, unreadable, " (of " + std::to_string(dates) + " in the first records)"));
  if (L.date < 0) out.push_back(no_date());
  return out;
}

std::vector<Notice> source_notices(const SourceInfo& s) {
  if (s.format != Format::xlsx || s.sheets.size() < 2) return {};
  Notice n;
  n.code = "xlsx_other_sheets";
  n.warning = false;
  std::string others;
  std::uint64_t count = 0;
  for (const auto& name : s.sheets) {
    if (name == s.sheet) continue;
    others += (count++ ? ", \"" : "\"") + name + "\"";
  }
  n.count = count;
  n.message = "The workbook has " + std::to_string(s.sheets.size()) + " sheets. Read: \"" + s.sheet +
              "\" (it holds the scores). Not read: " + others + ".";
  return {n};
}

json notices_json(const std::vector<Notice>& notices) {
  json out = json::array();
  for (const auto& n : notices)
    out.push_back({{"code", n.code},
                   {"severity", n.warning ? "warning" : "info"},
                   {"role", n.role ? json(role_name(*n.role)) : json(nullptr)},
                   {"columns", n.columns},
                   {"count", n.count ? json(*n.count) : json(nullptr)},
                   {"message", n.message},
                   {"fix", n.fix ? json(*n.fix) : json(nullptr)}});
  return out;
}

}  // namespace npskit
