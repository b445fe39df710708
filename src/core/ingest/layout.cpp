#include "core/ingest/layout.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <string_view>

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

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}


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
    "full name", "phone", "address", "distributionchannel", "userlanguage", "externalreference"};

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

bool is_category_word(std::string_view v) {
  const auto l = lower_ascii(v);
  return l == "promoter" || l == "passive" || l == "detractor";
}

// What the sampled values of one column look like.
struct Profile {
  std::size_t non_blank = 0, score_ok = 0, numeric = 0, dates = 0, unix_times = 0, emails = 0;
  std::size_t with_space = 0, total_len = 0, categories = 0;
  std::set<std::string> distinct;  // capped
  double ratio(std::size_t k) const { return non_blank ? static_cast<double>(k) / non_blank : 0.0; }
  double avg_len() const { return non_blank ? static_cast<double>(total_len) / non_blank : 0.0; }
};

Profile profile_column(const std::vector<SampleRecord>& sample, std::size_t first, std::size_t col,
                       DateOrder order) {
  Profile p;
  for (std::size_t r = first; r < sample.size(); ++r) {
    if (col >= sample[r].fields.size()) continue;
    const auto v = trim_ascii(sample[r].fields[col]);
    if (v.empty()) continue;
    ++p.non_blank;
    p.total_len += v.size();
    if (v.find(' ') != std::string_view::npos) ++p.with_space;
    if (parse_score(v).status == ScoreStatus::ok) ++p.score_ok;
    if (looks_numeric(v)) ++p.numeric;
    // Either day order counts here; the column's order is decided afterwards.
    if (!all_digits(v) && (parse_datetime(v, order, false) ||
                           parse_datetime(v, order == DateOrder::day_first ? DateOrder::month_first : DateOrder::day_first, false)))
      ++p.dates;
    if (all_digits(v) && (v.size() == 9 || v.size() == 10 || v.size() == 12 || v.size() == 13)) ++p.unix_times;
    if (looks_like_email(v)) ++p.emails;
    if (is_category_word(v)) ++p.categories;
    if (p.distinct.size() <= kMaxSegmentValuesInSample * 20) p.distinct.emplace(v);
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

std::string percent(double ratio) { return std::to_string(static_cast<int>(ratio * 100 + 0.5)) + "%"; }

}  // namespace

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

  // 3. Score: 0-10 values, preferably under a header that says so; never an id.
  if (!overrides.score) {
    double best = 0;
    for (std::size_t c = 0; c < ncols; ++c) {
      if (taken[c] || is_id_header(first_header(c))) continue;
      const auto& p = prof[c];
      const auto word = find_keyword(head[c], kScoreWords);
      const double fit = p.ratio(p.score_ok);
      const bool content_ok = p.non_blank == 0 ? !word.empty()
                                               : (!word.empty() ? fit >= 0.5 : fit >= 0.95 && p.distinct.size() >= 3);
      if (!content_ok) continue;
      const double rank = (word.empty() ? 0 : 10) + fit;
      if (rank > best) {
        best = rank;
        std::string why = word.empty() ? "values look like 0-10 scores" : "header mentions '" + std::string(word) + "'";
        if (p.non_blank) why += "; " + percent(fit) + " of " + std::to_string(p.non_blank) + " sampled values are 0-10";
        assign(L.score, static_cast<int>(c), Role::score, why);
        for (std::size_t o = 0; o < ncols; ++o)
          if (o != c && L.columns[o].role == Role::score) {
            L.columns[o].role = Role::ignored;
            taken[o] = false;
          }
      }
    }
  }
  if (L.score < 0) {
    result.error = "no score column found: no column holds 0-10 answers under a header like 'How likely are you "
                   "to recommend...' (columns: " + column_list(L) + "); name it with --score";
    return result;
  }

  // 4. Date: mostly parseable timestamps; submission time beats start time.
  if (!overrides.date) {
    int best = -1;
    for (std::size_t c = 0; c < ncols; ++c) {
      if (taken[c]) continue;
      const auto& p = prof[c];
      const auto hint = find_keyword(head[c], {"submit", "recorded", "completed", "end", "created", "date", "time",
                                               "_at", "datum", "fecha", "data", "ts", "start"});
      const bool text_dates = p.non_blank > 0 && p.ratio(p.dates) >= 0.8;
      const bool unix_dates = !hint.empty() && p.non_blank > 0 && p.ratio(p.unix_times) >= 0.9;
      const bool header_only = p.non_blank == 0 && !hint.empty() && hint != "ts" && hint != "data";  // a file with no rows yet
      if (!text_dates && !unix_dates && !header_only) continue;
      int rank = 1;
      if (hint == "submit" || hint == "recorded") rank = 4;
      else if (hint == "completed" || hint == "end" || hint == "created") rank = 3;
      else if (hint == "start") rank = 1;
      else if (!hint.empty()) rank = 2;
      if (rank > best) {
        best = rank;
        if (L.date >= 0) {
          L.columns[static_cast<std::size_t>(L.date)].role = Role::ignored;
          taken[static_cast<std::size_t>(L.date)] = false;
        }
        assign(L.date, static_cast<int>(c), Role::date,
               (unix_dates && !text_dates ? "Unix timestamps" : percent(p.ratio(p.dates)) + " of sampled values are dates") +
                   (hint.empty() ? std::string{} : "; header mentions '" + std::string(hint) + "'"));
        L.date_is_unix = unix_dates && !text_dates;
      }
    }
  } else if (L.date >= 0) {
    const auto& p = prof[static_cast<std::size_t>(L.date)];
    L.date_is_unix = p.ratio(p.unix_times) >= 0.9 && p.ratio(p.dates) < 0.5;
  }
  if (L.date >= 0 && !L.date_is_unix) {
    DateOrderSniffer sniffer;
    for (std::size_t r = body; r < sample.size(); ++r)
      if (static_cast<std::size_t>(L.date) < sample[r].fields.size()) sniffer.observe(sample[r].fields[static_cast<std::size_t>(L.date)]);
    L.date_order = sniffer.order();
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
  if (!overrides.comment) {
    double best = 0;
    for (std::size_t c = 0; c < ncols; ++c) {
      const auto& p = prof[c];
      if (taken[c] || p.ratio(p.numeric) > 0.5 || p.ratio(p.dates) > 0.5) continue;
      const auto word = find_keyword(head[c], kCommentWords);
      const bool texty = p.non_blank > 0 && p.avg_len() >= 12 && p.ratio(p.with_space) >= 0.3;
      if (!texty && (word.empty() || (p.non_blank > 0 && p.distinct.size() <= 3))) continue;
      const double rank = (word.empty() ? 0 : 100) + (texty ? 50 : 0) + std::min(p.avg_len(), 49.0);
      if (rank > best) {
        best = rank;
        if (L.comment >= 0) {
          L.columns[static_cast<std::size_t>(L.comment)].role = Role::ignored;
          taken[static_cast<std::size_t>(L.comment)] = false;
        }
        assign(L.comment, static_cast<int>(c), Role::comment,
               word.empty() ? "free text" : "free text; header mentions '" + std::string(word) + "'");
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
    for (std::size_t c = 0; c < ncols; ++c) {
      const auto& p = prof[c];
      if (taken[c] || !find_keyword(head[c], kIgnoredWords).empty() || is_id_header(first_header(c))) continue;
      const auto distinct = p.distinct.size();
      if (distinct < 2 || distinct > kMaxSegmentValuesInSample) continue;
      if (static_cast<double>(distinct) > 0.8 * static_cast<double>(p.non_blank)) continue;
      if (p.ratio(p.numeric) > 0.9 || p.ratio(p.dates) > 0.5 || p.ratio(p.emails) > 0.5) continue;
      if (p.avg_len() > 40 || p.categories == p.non_blank) continue;
      if (L.segments.size() >= kMaxSegmentColumns) {
        L.columns[c].why = "could be a segment, but " + std::to_string(kMaxSegmentColumns) +
                           " segment columns were found before it (the limit); name it with --segment";
        continue;
      }
      L.segments.push_back(static_cast<int>(c));
      L.columns[c].role = Role::segment;
      L.columns[c].why = std::to_string(distinct) + " distinct values in " + std::to_string(p.non_blank) + " sampled";
    }
  }
  return result;
}

}  // namespace npskit
