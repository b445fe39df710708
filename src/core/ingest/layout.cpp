#include "core/ingest/layout.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <string_view>
#include <utility>

#include "core/values/ascii.hpp"
#include "core/values/score.hpp"
#include "core/values/trim.hpp"

namespace npskit {

const char* role_name(Role r) {
  switch (r) {
    case Role::score: return "score";
    case Role::date: return "date";
    case Role::comment: return "comment";
    case Role::id: return "id";
    case Role::email: return "email";
    case Role::name: return "name";
    case Role::segment: return "segment";
    case Role::ignored: break;
  }
  return "ignored";
}

namespace {


// The first keyword found in `text` (lower case), or "".
template <typename Words>
std::string_view find_keyword(const std::string& text, const Words& words) {
  for (std::string_view w : words)
    if (text.find(w) != std::string::npos) return w;
  return {};
}
std::string_view find_keyword(const std::string& text, std::initializer_list<std::string_view> words) {
  return find_keyword<std::initializer_list<std::string_view>>(text, words);
}

// Header words, in several languages, that name each role.
constexpr std::string_view kScoreWords[] = {
    "recommend", "likely", "likelihood", "nps", "net promoter", "empfehl", "wahrscheinlich", "recommand",
    "probabilit", "probabilidad", "recomend", "recomiend", "raccomand", "consigli", "aanbevel", "waarschijnlijk", "polec", "rekommend",
    "anbefal", "suosit", "推荐", "推薦", "おすすめ", "勧め", "추천", "0-10", "0 to 10", "score", "rating"};
constexpr std::string_view kCommentWords[] = {
    "comment", "reason", "why", "feedback", "explain", "tell us", "open-ended", "verbatim", "anything else",
    "kommentar", "grund", "warum", "commentaire", "raison", "pourquoi", "comentario", "motivo", "por qué",
    "commento", "perché", "opmerking", "waarom", "message", "text"};
constexpr std::string_view kIgnoredWords[] = {
    "ip address", "ipaddress", "latitude", "longitude", "user agent", "useragent", "collector id",
    "network id", "duration", "progress", "finished", "status", "first name", "last name", "surname",
    "full name", "phone", "address", "distributionchannel", "userlanguage", "externalreference",
    "postal", "zip code", "zipcode", "postcode", "sessionid", "session id"};

bool is_id_header(const std::string& h) {
  static constexpr std::string_view exact[] = {"id", "#", "uuid", "token", "responseid", "response_id",
                                               "respondent id", "response id", "submission id", "user id",
                                               "user_id", "userid", "customer id", "record id", "respondentid"};
  for (auto e : exact)
    if (h == e) return true;
  return h.size() > 3 && (h.ends_with(" id") || h.ends_with("_id") || h.ends_with(".id"));
}

bool looks_like_email(std::string_view v) {
  const auto at = v.find('@');
  return at != std::string_view::npos && at > 0 && v.find('.', at) != std::string_view::npos &&
         v.find(' ') == std::string_view::npos;
}

bool all_digits(std::string_view v) {
  return !v.empty() && std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool looks_numeric(std::string_view v) {
  if (v.empty()) return false;
  std::size_t i = (v[0] == '-' || v[0] == '+') ? 1 : 0;
  bool digit = false;
  for (; i < v.size(); ++i) {
    if (v[i] >= '0' && v[i] <= '9') digit = true;
    else if (v[i] != '.' && v[i] != ',') return false;
  }
  return digit;
}

// Machine text, never a comment or a segment: a JSON object or array (a whole
// event, a list of answers), a link, or an id token (uuid, hex, "R_3kD9x...").
bool looks_like_json(std::string_view v) {
  return v.size() >= 2 && ((v.front() == '{' && v.back() == '}') || (v.front() == '[' && v.back() == ']'));
}
bool looks_like_url(std::string_view v) {
  return v.starts_with("http://") || v.starts_with("https://") || v.starts_with("www.") || v.starts_with("/");
}
bool looks_like_id_token(std::string_view v) {
  if (v.size() < 8 || v.size() > 64) return false;
  bool digit = false;
  for (char c : v) {
    if (c >= '0' && c <= '9') digit = true;
    else if (!std::isalpha(static_cast<unsigned char>(c)) && c != '-' && c != '_') return false;
  }
  return digit;
}

bool is_category_word(std::string_view v) {
  const auto l = lower_ascii(v);
  return l == "promoter" || l == "passive" || l == "detractor";
}

// The words of a column's header rows, lower case: split at every non-letter or
// digit and between camelCase humps ("RecordedDate" -> recorded, date;
// "created_at" -> created, at).
std::vector<std::string> header_words(const ColumnLayout& col) {
  std::vector<std::string> words;
  auto split = [&](std::string_view text) {
    std::string word;
    for (std::size_t i = 0; i < text.size(); ++i) {
      const auto ch = static_cast<unsigned char>(text[i]);
      const bool alnum = std::isalnum(ch) || ch >= 0x80;
      const bool hump = std::isupper(ch) && i > 0 && std::islower(static_cast<unsigned char>(text[i - 1]));
      if ((!alnum || hump) && !word.empty()) words.push_back(std::exchange(word, {}));
      if (alnum) word += lower_ascii(static_cast<char>(ch));
    }
    if (!word.empty()) words.push_back(word);
  };
  split(col.name);
  for (const auto& h : col.header_text) split(h);
  return words;
}

// Which time a date column's header says it holds, as a rank (0: no date word).
// The word that decided it comes back too, for `inspect`.
std::pair<int, std::string_view> date_header_rank(const ColumnLayout& col) {
  static constexpr std::pair<std::string_view, int> kWords[] = {
      {"submit", 5}, {"submitted", 5}, {"submission", 5}, {"recorded", 5},
      {"completion", 4}, {"completed", 4}, {"complete", 4}, {"end", 4}, {"ended", 4}, {"received", 4},
      {"responded", 4}, {"answered", 4}, {"rated", 4},
      {"created", 3}, {"creation", 3}, {"timestamp", 3},
      {"date", 2}, {"time", 2}, {"datetime", 2}, {"at", 2}, {"ts", 2}, {"datum", 2}, {"fecha", 2}, {"data", 2},
      {"zeitstempel", 2}, {"horodatage", 2}, {"day", 2},
      {"start", 1}, {"started", 1}, {"begin", 1}, {"modified", 1}, {"updated", 1}, {"opened", 1}};
  std::pair<int, std::string_view> best{0, {}};
  for (const auto& w : header_words(col))
    for (const auto& [word, rank] : kWords)
      if (w == word && rank > best.first) best = {rank, word};
  // "Start time", "Last modified time": the low-ranked word says which time it is.
  for (const auto& w : header_words(col))
    for (const auto& [word, rank] : kWords)
      if (w == word && rank == 1) return {1, word};
  return best;
}

std::string date_rank_words(int rank) {
  switch (rank) {
    case 5: return "when the answer was submitted or recorded";
    case 4: return "when the response was completed";
    case 3: return "when the response was created";
    case 2: return "named as the date";
    default: break;
  }
  return "a date";
}

// How useful a segment column is to break NPS down by, for ordering: who the
// respondents are (country, plan, team) beats how they were reached or tracked
// (event, tags, user, browser), and a handful of values beats dozens.
int segment_usefulness(const ColumnLayout& col, std::size_t distinct) {
  static constexpr std::string_view kUseful[] = {
      "country", "region", "plan", "tier", "segment", "market", "language", "locale", "industry", "department",
      "team", "size", "role", "product", "store", "location", "city", "state", "subscription", "cohort", "land",
      "pays", "país", "region", "région", "offre", "customer", "company", "group", "type", "category", "area"};
  static constexpr std::string_view kTracking[] = {
      "event", "tag", "tags", "user", "person", "url", "page", "browser", "os", "agent", "device", "utm",
      "referrer", "referer", "source", "medium", "campaign", "survey", "notes", "ip", "version", "lib", "name"};
  int score = 0;
  const auto words = header_words(col);
  auto has = [&](const auto& list) {
    for (const auto& w : words)
      for (std::string_view k : list)
        if (w == k) return true;
    return false;
  };
  if (has(kUseful)) score += 4;
  if (has(kTracking)) score -= 4;
  if (distinct <= 12) score += 1;
  else if (distinct > 25) score -= 1;
  return score;
}

// Headers that mark a column derived from the score: Qualtrics "Q1_NPS_GROUP",
// "NPS - Group", "NPS Category", "Score segment".
bool derived_score_header(const std::string& head) {
  static constexpr std::string_view marks[] = {"_nps_group", "_group", "- group", "nps group", "category",
                                               "categoria", "categorie", "catégorie", "kategorie", "segment"};
  return !find_keyword(head, marks).empty();
}

// What the sampled values of one column look like.
struct Profile {
  std::size_t non_blank = 0, score_ok = 0, numeric = 0, dates = 0, unix_times = 0, emails = 0;
  std::size_t with_space = 0, total_len = 0, categories = 0, serials = 0;
  std::size_t json = 0, urls = 0, ids = 0;  // machine text: JSON, links, id tokens
  std::map<std::string, std::size_t, std::less<>> distinct;  // value -> times seen (capped)
  // The share of the most common value: near 1 for a column that says the same in every row.
  double top_share() const {
    std::size_t top = 0;
    for (const auto& [v, n] : distinct) top = std::max(top, n);
    return ratio(top);
  }
  double machine_ratio() const { return ratio(json + urls + ids + emails); }
  double ratio(std::size_t k) const { return non_blank ? static_cast<double>(k) / non_blank : 0.0; }
  double avg_len() const { return non_blank ? static_cast<double>(total_len) / non_blank : 0.0; }
};

// Only the codes 1, 2 and 3: a detractor / passive / promoter group, not 0-10 answers.
bool only_one_to_three(const Profile& p) {
  if (p.non_blank == 0 || p.distinct.size() > 3) return false;
  for (const auto& [v, n] : p.distinct) {
    const auto s = parse_score(v);
    if (s.status != ScoreStatus::ok || s.score < 1 || s.score > 3) return false;
  }
  return true;
}

Profile profile_column(const std::vector<SampleRecord>& sample, std::size_t first, std::size_t col,
                       DateOrder order) {
  Profile p;
  for (std::size_t r = first; r < sample.size(); ++r) {
    if (col >= sample[r].fields.size()) continue;
    const auto v = trim_ascii(sample[r].fields[col]);
    if (v.empty() || is_unanswered_code(v)) continue;  // Qualtrics "-99": seen, not answered
    ++p.non_blank;
    p.total_len += v.size();
    if (v.find(' ') != std::string_view::npos) ++p.with_space;
    if (parse_score(v).status == ScoreStatus::ok) ++p.score_ok;
    if (looks_numeric(v)) ++p.numeric;
    // Either day order counts here; the column's order is decided afterwards.
    // Either day order, either year width counts here; the column's reading is decided afterwards.
    const auto other = order == DateOrder::day_first ? DateOrder::month_first : DateOrder::day_first;
    if (!all_digits(v) && (parse_datetime(v, order, false, true) || parse_datetime(v, other, false, true))) ++p.dates;
    if (parse_spreadsheet_serial(v)) ++p.serials;
    if (all_digits(v) && (v.size() == 9 || v.size() == 10 || v.size() == 12 || v.size() == 13)) ++p.unix_times;
    if (looks_like_email(v)) ++p.emails;
    if (is_category_word(v)) ++p.categories;
    if (looks_like_json(v)) ++p.json;
    if (looks_like_url(v)) ++p.urls;
    if (looks_like_id_token(v)) ++p.ids;
    if (auto it = p.distinct.find(v); it != p.distinct.end()) ++it->second;
    else if (p.distinct.size() <= kMaxSegmentValuesInSample * 20) p.distinct.emplace(v, 1);
  }
  return p;
}

// Is this record (just below the first header row) another header row? Survey
// tools write a question-text row, a "Response" sub-header row or a row of
// import metadata: in the columns whose body is typed (scores, dates) such a row
// holds text of another type, and never a value of the column's type.
bool is_extra_header_row(const SampleRecord& row, const std::vector<SampleRecord>& sample, std::size_t body_from) {
  for (const auto& cell : row.fields)
    if (cell.find("ImportId") != std::string::npos) return true;
  std::size_t typed_columns = 0, mismatches = 0, matches = 0;
  for (std::size_t c = 0; c < row.fields.size(); ++c) {
    const auto p = profile_column(sample, body_from, c, DateOrder::unknown);
    const bool score_col = p.non_blank >= 2 && p.ratio(p.score_ok) >= 0.8;
    const bool date_col = p.non_blank >= 2 && p.ratio(p.dates) >= 0.8;
    if (!score_col && !date_col) continue;
    ++typed_columns;
    const auto v = trim_ascii(row.fields[c]);
    if (v.empty()) continue;
    const bool fits = (score_col && parse_score(v).status != ScoreStatus::not_a_number) ||
                      (date_col && parse_datetime(v, DateOrder::unknown, false));
    fits ? ++matches : ++mismatches;
  }
  return typed_columns > 0 && mismatches > 0 && matches == 0;
}

int find_column(const Layout& layout, const std::string& wanted) {
  for (std::size_t i = 0; i < layout.columns.size(); ++i)
    if (layout.columns[i].name == wanted) return static_cast<int>(i);
  const auto lw = lower_ascii(wanted);
  for (std::size_t i = 0; i < layout.columns.size(); ++i)
    if (lower_ascii(layout.columns[i].name) == lw) return static_cast<int>(i);
  for (std::size_t i = 0; i < layout.columns.size(); ++i)
    for (const auto& h : layout.columns[i].header_text)
      if (lower_ascii(trim_ascii(h)) == lw) return static_cast<int>(i);
  return -1;
}


std::string percent(double ratio) { return std::to_string(static_cast<int>(ratio * 100 + 0.5)) + "%"; }

}  // namespace

// The column names for an error message: at most 10, each at most 40 bytes, so a
// file of a million columns still gives a one-line error (the rest are counted).
std::string column_list(const Layout& layout) {
  constexpr std::size_t kListed = 10, kNameBytes = 40;
  std::string out;
  std::size_t n = 0;
  for (const auto& c : layout.columns) {
    if (n++ == kListed) {
      out += " and " + std::to_string(layout.columns.size() - kListed) + " more";
      break;
    }
    std::string name = c.name.size() > kNameBytes ? utf8_prefix(c.name, kNameBytes) + "..." : c.name;
    out += (out.empty() ? "" : ", ") + ("'" + name + "'");
  }
  return out;
}

LayoutResult detect_layout(const std::vector<SampleRecord>& sample, bool has_header,
                           const std::vector<std::string>& names, const ColumnOverrides& overrides) {
  LayoutResult result;
  Layout& L = result.layout;

  // 1. Header rows and column names.
  std::size_t ncols = names.size();
  if (has_header) {
    L.header_rows = sample.empty() ? 0 : 1;
    const std::size_t probe_from = sample.size() > 6 ? 3 : 1;
    for (std::size_t r = 1; r <= 2 && r < sample.size() && L.header_rows == r; ++r)
      if (is_extra_header_row(sample[r], sample, std::max(probe_from, r + 1))) L.header_rows = r + 1;
    // As wide as the header; wider only when most records are (a header that
    // lacks trailing names). A lone long record (e.g. an unquoted comma) does not
    // add columns: it is rejected like one past the sample would be.
    for (std::size_t r = 0; r < L.header_rows; ++r) ncols = std::max(ncols, sample[r].fields.size());
    std::size_t wider = 0, body_rows = 0, widest = ncols;
    for (std::size_t r = L.header_rows; r < sample.size(); ++r, ++body_rows)
      if (sample[r].fields.size() > ncols) {
        ++wider;
        widest = std::max(widest, sample[r].fields.size());
      }
    if (wider * 2 > body_rows) ncols = widest;
  }
  L.columns.resize(ncols);
  std::set<std::string> used;
  std::map<std::string, int> next_suffix;  // per name: the next " (k)" to try (linear on repeated names)
  for (std::size_t c = 0; c < ncols; ++c) {
    auto& col = L.columns[c];
    std::string name = c < names.size() ? names[c] : std::string{};
    for (std::size_t r = 0; r < L.header_rows; ++r) {
      const std::string cell = c < sample[r].fields.size() ? std::string(trim_ascii(sample[r].fields[c])) : "";
      col.header_text.push_back(cell);
      if (name.empty()) name = cell;
    }
    if (name.empty()) name = "Column " + std::to_string(c + 1);
    std::string unique = name;
    if (used.count(unique)) {
      int& k = next_suffix.try_emplace(name, 2).first->second;
      do unique = name + " (" + std::to_string(k++) + ")";
      while (used.count(unique));
    }
    used.insert(unique);
    col.name = unique;
    if (col.header_text.empty()) col.header_text.push_back(col.name);
  }

  // 2. Profiles of the body, with the header text in lower case for keywords.
  const std::size_t body = L.header_rows;
  std::vector<Profile> prof(ncols);
  std::vector<std::string> head(ncols);
  for (std::size_t c = 0; c < ncols; ++c) {
    for (const auto& h : L.columns[c].header_text) head[c] += lower_ascii(h) + " | ";
    head[c] += lower_ascii(L.columns[c].name);
    prof[c] = profile_column(sample, body, c, DateOrder::unknown);
  }
  auto first_header = [&](std::size_t c) { return lower_ascii(trim_ascii(L.columns[c].name)); };
  std::vector<bool> taken(ncols, false);
  auto assign = [&](int& slot, int c, Role role, std::string why) {
    slot = c;
    if (c < 0) return;
    taken[static_cast<std::size_t>(c)] = true;
    L.columns[static_cast<std::size_t>(c)].role = role;
    L.columns[static_cast<std::size_t>(c)].why = std::move(why);
  };
  auto resolve_override = [&](const std::optional<std::string>& wanted, int& slot, Role role) -> bool {
    if (!wanted) return true;
    if (wanted->empty()) {  // "" switches the role off
      slot = -1;
      return true;
    }
    const int c = find_column(L, *wanted);
    if (c < 0) {
      result.error = "no column named '" + *wanted + "' (columns: " + column_list(L) + ")";
      return false;
    }
    assign(slot, c, role, "chosen by the user");
    return true;
  };
  if (!resolve_override(overrides.score, L.score, Role::score) ||
      !resolve_override(overrides.date, L.date, Role::date) ||
      !resolve_override(overrides.comment, L.comment, Role::comment) ||
      !resolve_override(overrides.id, L.id, Role::id) || !resolve_override(overrides.email, L.email, Role::email) ||
      !resolve_override(overrides.name, L.name, Role::name))
    return result;

  // 3. Score: 0-10 answers, preferably under a header that asks for them; never
  // an id. A category derived from the score (only 1-3 codes, or a header that
  // marks derivation) loses to any other candidate. Column order decides nothing
  // but a tie, and a tie is kept for the report to name.
  if (!overrides.score) {
    struct Candidate {
      std::size_t col;
      bool derived;
      std::string_view word;
      double fit;
    };
    std::vector<Candidate> candidates;
    for (std::size_t c = 0; c < ncols; ++c) {
      if (taken[c]) continue;
      const auto& p = prof[c];
      const auto word = find_keyword(head[c], kScoreWords);
      const double fit = p.ratio(p.score_ok);
      if (is_id_header(first_header(c))) {
        if (p.non_blank > 0 && fit >= 0.5) L.columns[c].why = "holds 0-10 values, but its header names an identifier";
        continue;
      }
      const bool content_ok = p.non_blank == 0 ? !word.empty()
                                               : (!word.empty() ? fit >= 0.5 : fit >= 0.95 && p.distinct.size() >= 3);
      if (!content_ok) {
        if (p.non_blank > 0 && fit >= 0.5)
          L.columns[c].why = "not the score: only " + percent(fit) + " of " + std::to_string(p.non_blank) +
                             " sampled values are 0-10" + (word.empty() ? " and the header does not ask for one" : "");
        continue;
      }
      candidates.push_back({c, derived_score_header(head[c]) || only_one_to_three(p), word, fit});
    }
    // Best first: not derived, then a header word, then the share of 0-10 values.
    auto better = [](const Candidate& a, const Candidate& b) {
      if (a.derived != b.derived) return !a.derived;
      if (a.word.empty() != b.word.empty()) return !a.word.empty();
      return a.fit > b.fit;
    };
    std::stable_sort(candidates.begin(), candidates.end(), better);
    if (!candidates.empty()) {
      const auto& win = candidates.front();
      const auto& p = prof[win.col];
      std::string why = win.word.empty() ? "values look like 0-10 scores" : "header mentions '" + std::string(win.word) + "'";
      if (p.non_blank) why += "; " + percent(win.fit) + " of " + std::to_string(p.non_blank) + " sampled values are 0-10";
      if (win.derived) why += "; it looks like a category derived from a score, but no other column holds 0-10 answers";
      assign(L.score, static_cast<int>(win.col), Role::score, why);
      const std::string& winner = L.columns[win.col].name;
      for (std::size_t i = 1; i < candidates.size(); ++i) {
        const auto& lose = candidates[i];
        auto& col = L.columns[lose.col];
        // Equally good by every rule and within 5 points of fit: a tie.
        if (lose.derived == win.derived && lose.word.empty() == win.word.empty() && win.fit - lose.fit < 0.05) {
          L.score_tied_with.push_back(col.name);
          col.why = "could be the score as well as '" + winner + "' (a tie); '" + winner + "' comes first";
        } else if (lose.derived && !win.derived) {
          col.why = only_one_to_three(prof[lose.col])
                        ? "holds only 1-3 codes: a category derived from the score '" + winner + "'"
                        : "header marks a category derived from the score '" + winner + "'";
        } else if (lose.word.empty() && !win.word.empty()) {
          col.why = "holds 0-10 values, but the header of '" + winner + "' asks for a score and its own does not";
        } else {
          col.why = "holds 0-10 values, but fewer of them (" + percent(lose.fit) + ") than '" + winner + "' (" +
                    percent(win.fit) + ")";
        }
      }
    }
  }
  if (L.score < 0) {
    // No score: the other roles are still decided, so that `inspect` shows the
    // whole file and the user can pick the score column from it.
    result.no_score_column = true;
    result.error = kNoScoreColumnError;
  }

  // 4. Date: mostly readable timestamps, never an empty column. When several
  // columns hold dates, the header says which time it is: when the answer was
  // submitted / recorded beats when it was completed, beats a plain "date",
  // beats when the survey was started or the response last modified.
  const bool no_body_rows = body >= sample.size();
  if (!overrides.date) {
    struct Candidate {
      std::size_t col;
      int rank;
      double fit;
      bool unix_seconds, serial;
      std::string_view word;
    };
    std::vector<Candidate> candidates;
    for (std::size_t c = 0; c < ncols; ++c) {
      if (taken[c]) continue;
      const auto& p = prof[c];
      const auto [rank, word] = date_header_rank(L.columns[c]);
      const bool text_dates = p.non_blank > 0 && p.ratio(p.dates) >= 0.8;
      const bool unix_dates = rank > 0 && p.non_blank > 0 && p.ratio(p.unix_times) >= 0.9;
      const bool serial_dates = rank > 0 && p.non_blank > 0 && p.ratio(p.serials) >= 0.9;
      if (p.non_blank == 0) {
        // A file with no rows yet: the header alone names the date column.
        if (no_body_rows && rank > 0) candidates.push_back({c, rank, 0, false, false, word});
        else if (rank > 0) L.columns[c].why = "not the date: empty in every sampled record";
        continue;
      }
      if (!text_dates && !unix_dates && !serial_dates) {
        if (rank > 0 && p.dates > 0)
          L.columns[c].why = "not the date: only " + percent(p.ratio(p.dates)) + " of " + std::to_string(p.non_blank) +
                             " sampled values are dates";
        continue;
      }
      const bool numeric = !text_dates;
      candidates.push_back({c, rank, numeric ? 1.0 : p.ratio(p.dates), numeric && unix_dates, numeric && !unix_dates, word});
    }
    // Best first: the header's kind of time, then the share of readable dates.
    std::stable_sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
      if (a.rank != b.rank) return a.rank > b.rank;
      return a.fit > b.fit;
    });
    if (!candidates.empty()) {
      const auto& win = candidates.front();
      const auto& p = prof[win.col];
      std::string why = win.unix_seconds ? "Unix timestamps"
                        : win.serial ? "spreadsheet serial dates"
                        : no_body_rows ? "no records yet"
                                       : percent(p.ratio(p.dates)) + " of sampled values are dates";
      if (!win.word.empty()) why += "; header says '" + std::string(win.word) + "'";
      assign(L.date, static_cast<int>(win.col), Role::date, why);
      L.date_is_unix = win.unix_seconds;
      L.date_is_serial = win.serial;
      const std::string& winner = L.columns[win.col].name;
      for (std::size_t i = 1; i < candidates.size(); ++i) {
        const auto& lose = candidates[i];
        L.columns[lose.col].why =
            lose.rank < win.rank
                ? "holds dates too, but '" + winner + "' is " + date_rank_words(win.rank) +
                      (lose.word.empty() ? std::string{} : " (this one says '" + std::string(lose.word) + "')")
                : lose.fit < win.fit ? "holds dates too, but fewer readable ones than '" + winner + "'"
                                     : "holds dates too; '" + winner + "' comes first";
      }
    }
  } else if (L.date >= 0) {
    const auto& p = prof[static_cast<std::size_t>(L.date)];
    L.date_is_unix = p.ratio(p.unix_times) >= 0.9 && p.ratio(p.dates) < 0.5;
    L.date_is_serial = !L.date_is_unix && p.ratio(p.serials) >= 0.9 && p.ratio(p.dates) < 0.5;
  }
  if (L.date >= 0 && !L.date_is_unix && !L.date_is_serial) {
    // Decided per column: day/month order and two-digit years (3/4/25).
    DateOrderSniffer sniffer;
    for (std::size_t r = body; r < sample.size(); ++r)
      if (static_cast<std::size_t>(L.date) < sample[r].fields.size()) sniffer.observe(sample[r].fields[static_cast<std::size_t>(L.date)]);
    L.date_order = sniffer.order();
    L.date_two_digit_years = sniffer.two_digit_years();
  }

  // 5. Email, id and name columns (for closing the loop; never segments).
  if (!overrides.email)
    for (std::size_t c = 0; c < ncols && L.email < 0; ++c) {
      const auto& p = prof[c];
      const bool header = !find_keyword(head[c], {"email", "e-mail"}).empty();
      if (!taken[c] && p.non_blank > 0 && p.ratio(p.emails) >= (header ? 0.5 : 0.9))
        assign(L.email, static_cast<int>(c), Role::email, percent(p.ratio(p.emails)) + " of sampled values are e-mail addresses");
    }
  if (!overrides.id)
    for (std::size_t c = 0; c < ncols && L.id < 0; ++c)
      if (!taken[c] && is_id_header(first_header(c)))
        assign(L.id, static_cast<int>(c), Role::id, "header names an identifier");
  if (!overrides.name)
    for (std::size_t c = 0; c < ncols && L.name < 0; ++c) {
      const auto h = first_header(c);
      if (!taken[c] && (h == "name" || h == "full name" || h == "first name" || h == "customer name" || h == "respondent name"))
        assign(L.name, static_cast<int>(c), Role::name, "header names a person's name");
    }

  // 6. Comment: free text, preferably under a header that asks for a reason.
  // Not machine text (JSON, links, e-mails, ids) and not a text that is the
  // same in (almost) every row (a survey name, a constant label).
  if (!overrides.comment) {
    double best = 0;
    for (std::size_t c = 0; c < ncols; ++c) {
      const auto& p = prof[c];
      if (taken[c] || p.ratio(p.numeric) > 0.5 || p.ratio(p.dates) > 0.5) continue;
      std::string_view word = find_keyword(head[c], kCommentWords);
      // Tools that name the open answer by a bare noun ("Response" in Pendo,
      // "Answer"): only as the whole top header, never as part of one
      // ("Response ID", "Response date").
      if (word.empty())
        for (std::string_view bare : {"response", "responses", "answer", "open answer", "open response", "notes"})
          if (first_header(c) == bare) word = bare;
      const bool texty = p.non_blank > 0 && p.avg_len() >= 12 && p.ratio(p.with_space) >= 0.3;
      // Under a comment header, a few values that repeat are choices (Yes / No),
      // not comments; a few values seen once each are comments of a small file.
      const bool choices = p.non_blank > 0 && p.distinct.size() <= 3 && p.non_blank >= 2 * p.distinct.size();
      if (!texty && (word.empty() || choices)) continue;
      if (p.machine_ratio() > 0.5) {
        L.columns[c].why = "not a comment: " + percent(p.machine_ratio()) +
                           " of sampled values are JSON, links, e-mail addresses or ids";
        continue;
      }
      if ((p.non_blank >= 5 && p.top_share() >= 0.8) || (p.non_blank >= 3 && p.distinct.size() == 1)) {
        L.columns[c].why = "not a comment: the same text in " + percent(p.top_share()) + " of sampled rows";
        continue;
      }
      // A column empty in every sampled row (SurveyGizmo's "Legacy Comments") is the
      // comment only if nothing else is: its comments may all come later in the file.
      const bool empty = p.non_blank == 0 && sample.size() > body;
      const double rank = empty ? 1 : (word.empty() ? 0 : 100) + (texty ? 50 : 0) + std::min(p.avg_len(), 49.0);
      if (rank > best) {
        best = rank;
        if (L.comment >= 0) {
          auto& old = L.columns[static_cast<std::size_t>(L.comment)];
          old.role = Role::ignored;
          old.why = "free text too, but '" + L.columns[c].name + "' looks more like the comment" +
                    (word.empty() ? "" : " (its header mentions '" + std::string(word) + "')");
          taken[static_cast<std::size_t>(L.comment)] = false;
        }
        assign(L.comment, static_cast<int>(c), Role::comment,
               empty          ? "header mentions '" + std::string(word) + "'; empty in every sampled row, and no other column holds free text"
               : word.empty() ? "free text"
                              : "free text; header mentions '" + std::string(word) + "'");
      } else if (empty) {
        L.columns[c].why = "not a comment: empty in every sampled row";
      } else {
        L.columns[c].why = "free text too, but '" + L.columns[static_cast<std::size_t>(L.comment)].name +
                           "' looks more like the comment";
      }
    }
  }

  // 7. Segments: low-cardinality text with repeats; not ids, e-mails, dates,
  // comments, measurements or the category derived from the score.
  if (overrides.segments) {
    for (const auto& wanted : *overrides.segments) {
      const int c = find_column(L, wanted);
      if (c < 0) {
        result.error = "no column named '" + wanted + "' (columns: " + column_list(L) + ")";
        return result;
      }
      L.segments.push_back(c);
      if (L.columns[static_cast<std::size_t>(c)].role == Role::ignored) {
        L.columns[static_cast<std::size_t>(c)].role = Role::segment;
        L.columns[static_cast<std::size_t>(c)].why = "chosen by the user";
      }
    }
  } else {
    struct Candidate {
      std::size_t col;
      int usefulness;
    };
    std::vector<Candidate> candidates;
    for (std::size_t c = 0; c < ncols; ++c) {
      const auto& p = prof[c];
      if (taken[c]) continue;
      auto& why = L.columns[c].why;
      auto not_segment = [&](const std::string& reason) {
        if (why.empty()) why = "not a segment: " + reason;
      };
      if (!find_keyword(head[c], kIgnoredWords).empty() || is_id_header(first_header(c))) {
        not_segment("metadata or an identifier");
        continue;
      }
      const auto distinct = p.distinct.size();
      if (p.non_blank == 0) {
        not_segment("empty in every sampled record");
        continue;
      }
      if (distinct < 2) {
        not_segment("the same value in every sampled record");
        continue;
      }
      if (distinct > kMaxSegmentValuesInSample || static_cast<double>(distinct) > 0.8 * static_cast<double>(p.non_blank)) {
        not_segment(std::to_string(distinct) + " distinct values in " + std::to_string(p.non_blank) + " sampled: too many");
        continue;
      }
      if (p.ratio(p.numeric) > 0.9 || p.ratio(p.dates) > 0.5) {
        not_segment("numbers or dates");
        continue;
      }
      if (p.machine_ratio() > 0.5) {
        not_segment("JSON, links, e-mail addresses or ids");
        continue;
      }
      if (p.avg_len() > 40) {
        not_segment("free text");
        continue;
      }
      if (p.categories == p.non_blank) {
        not_segment("the promoter / passive / detractor group of the score");
        continue;
      }
      candidates.push_back({c, segment_usefulness(L.columns[c], distinct)});
      L.columns[c].role = Role::segment;
      why = std::to_string(distinct) + " distinct values in " + std::to_string(p.non_blank) + " sampled";
    }
    // Most useful first (the dashboard's default breakdown is the first one).
    std::stable_sort(candidates.begin(), candidates.end(),
                     [](const Candidate& a, const Candidate& b) { return a.usefulness > b.usefulness; });
    for (const auto& cand : candidates) {
      if (L.segments.size() >= kMaxSegmentColumns) {
        L.columns[cand.col].role = Role::ignored;
        L.columns[cand.col].why = "could be a segment, but " + std::to_string(kMaxSegmentColumns) +
                                  " more useful segment columns were found (the limit); choose it as a segment by name";
        continue;
      }
      L.segments.push_back(static_cast<int>(cand.col));
    }
  }
  if (result.no_score_column) result.error = kNoScoreColumnError;
  return result;
}

}  // namespace npskit
