#include "core/analysis/session.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_map>

#include "core/analysis/accumulator.hpp"
#include "core/analysis/analyzer.hpp"
#include "core/analysis/field_reader.hpp"
#include "core/analysis/options_json.hpp"
#include "core/analysis/tallies_report.hpp"
#include "core/ingest/tallies_reader.hpp"
#include "core/report/report_json.hpp"
#include "core/values/trim.hpp"

namespace npskit {

using ojson = nlohmann::ordered_json;
using nlohmann::json;

// ---- RowStore ---------------------------------------------------------------

namespace {
std::uint64_t fnv1a(std::string_view s) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  return h;
}
}  // namespace

void RowStore::begin_file(std::string name) {
  files.push_back({std::move(name), {}, {}});
  file_segment_slot_.clear();
  missing_segments_.clear();
}

std::uint64_t RowStore::records_read() const {
  std::uint64_t total = 0;
  for (const auto& f : files) total += f.counts.read;
  return total;
}

void RowStore::on_layout(const Layout& layout) {
  files.back().layout = layout;
  file_segment_slot_.clear();
  for (int c : layout.segments) {
    const auto& col = layout.columns[static_cast<std::size_t>(c)].name;
    auto it = std::find(segment_names.begin(), segment_names.end(), col);
    if (it == segment_names.end()) {
      // A column new in this file: earlier rows had no such cell.
      segment_names.push_back(col);
      dictionaries.emplace_back();
      segments.emplace_back(size(), dictionaries.back().code(""));
      it = segment_names.end() - 1;
    }
    file_segment_slot_.push_back(static_cast<int>(it - segment_names.begin()));
  }
  refresh_missing_segments();
}

void RowStore::refresh_missing_segments() {
  missing_segments_.clear();
  for (std::size_t g = 0; g < segment_names.size(); ++g)
    if (std::find(file_segment_slot_.begin(), file_segment_slot_.end(), static_cast<int>(g)) == file_segment_slot_.end())
      missing_segments_.push_back(g);
}

bool RowStore::seen_before(std::uint64_t h) {
  if (h == 0) h = 1;  // 0 marks an empty slot
  if ((ids_ + 1) * 2 > id_slots_.size()) resize_id_table(id_slots_.size() * 2);  // keep the load under 1/2
  const std::size_t mask = id_slots_.size() - 1;
  for (std::size_t i = (h ^ (h >> 31)) & mask;; i = (i + 1) & mask) {
    if (id_slots_[i] == h) return true;
    if (id_slots_[i] == 0) {
      id_slots_[i] = h;
      ++ids_;
      return false;
    }
  }
}

void RowStore::reserve_more(std::size_t rows, std::size_t text_bytes, std::size_t more_ids) {
  const std::size_t n = size() + rows;
  score.reserve(n);
  day.reserve(n);
  line.reserve(n);
  file.reserve(n);
  for (auto* col : {&comment, &id, &email, &name}) col->reserve(n);
  for (auto& seg : segments) seg.reserve(n);
  arena.reserve(arena.size() + text_bytes);
  // The id table doubles when over half full: size it for the ids to come at once.
  std::size_t slots = id_slots_.size();
  while ((ids_ + more_ids + 1) * 2 > slots) slots *= 2;
  if (slots != id_slots_.size()) resize_id_table(slots);
}

void RowStore::resize_id_table(std::size_t slots) {
  std::vector<std::uint64_t> old(slots, 0);
  old.swap(id_slots_);
  ids_ = 0;
  for (auto v : old)
    if (v) seen_before(v);
}

RowStore::Text RowStore::keep(std::string_view s) {
  // Offsets are 32-bit: past 4 GB of kept text, further text is left out
  // rather than wrapping around onto other rows' text.
  if (s.size() > UINT32_MAX - arena.size()) return {};
  Text t{static_cast<std::uint32_t>(arena.size()), static_cast<std::uint32_t>(s.size())};
  arena.append(s);
  return t;
}

void RowStore::on_rejection(Rejection rejection) {
  auto& counts = files.back().counts;
  ++counts.read;
  ++counts.rejected;
  if (rejections.size() < kMaxStoredRejections) {
    if (rejection.column.size() > kMaxColumnInRejection)  // a header cell may be 1 MB; 100,000 copies would not fit
      rejection.column = utf8_prefix(rejection.column, kMaxColumnInRejection) + "…";
    rejections.emplace_back(static_cast<std::uint16_t>(files.size() - 1), std::move(rejection));
  }
}

void RowStore::on_row(const ResponseRow& row) {
  auto& counts = files.back().counts;
  ++counts.read;
  const std::string_view person = !row.id.empty() ? row.id : std::string_view{};
  if (!person.empty() && seen_before(fnv1a(person))) {
    ++counts.duplicates;  // the same response again (e.g. in two exports): counted once
    return;
  }
  if (row.score.status == ScoreStatus::blank) ++counts.blank_score;
  else ++counts.valid;
  if (row.date_unreadable && unreadable_dates.size() < kMaxStoredRejections)
    unreadable_dates.emplace_back(static_cast<std::uint32_t>(score.size()), keep(row.date_text));
  score.push_back(row.score.status == ScoreStatus::ok ? static_cast<std::int8_t>(row.score.score) : std::int8_t{-1});
  day.push_back(row.has_day ? static_cast<std::int32_t>(row.day) : row.date_unreadable ? kUnreadableDay : kNoDay);
  line.push_back(static_cast<std::uint32_t>(row.line));
  file.push_back(static_cast<std::uint16_t>(files.size() - 1));
  comment.push(keep(row.comment));
  id.push(keep(row.id));
  email.push(keep(row.email));
  name.push(keep(row.name));
  for (std::size_t s = 0; s < file_segment_slot_.size(); ++s) {
    const auto g = static_cast<std::size_t>(file_segment_slot_[s]);
    segments[g].push_back(dictionaries[g].code(row.segments[s]));
  }
  for (auto g : missing_segments_) segments[g].push_back(dictionaries[g].code(""));
}

// ---- Session ------------------------------------------------------------------

struct ParsedQuery {
  ReportOptions report;
  bool latest_per_person = false;
  int category = -1;  // -1 any; else Category
  std::string search;
  bool with_comment = false;
  std::size_t offset = 0, limit = 100;
  bool insights = false;
  std::optional<std::string> theme, keyphrase;
  int sentiment = -1;  // -1 any; else SentimentLabel
};

namespace {
const std::initializer_list<const char*> kQueryOnlyKeys = {"latestPerPerson", "category", "search", "withComment", "offset",
                                                          "limit", "insights", "theme", "keyphrase", "sentiment", "segments"};

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// The one reader of session queries (report, rows, comments, themes): the report
// fields every face shares (read_report_options) plus the row-list fields; every
// field type- and range-checked, unknown fields refused, messages naming the
// field ("query field 'withComment' must be true or false").
std::string parse_query(const json& q, ParsedQuery& out) {
  if (q.is_null()) return {};
  if (!q.is_object()) return "a query must be an object";
  FieldReader r(q, "query field");
  std::optional<std::vector<std::string>> segments;  // sent by the dashboard; every segment is reported anyway
  std::optional<std::string> category, search;
  if (!r.only({kReportOptionKeys, kQueryOnlyKeys}) || !read_report_options(r, out.report) ||
      !r.flag("latestPerPerson", out.latest_per_person) || !r.text("category", category, "detractor, passive or promoter") ||
      !r.text("search", search) || !r.flag("withComment", out.with_comment) ||
      !r.whole("offset", out.offset, std::numeric_limits<std::uint32_t>::max()) ||
      !r.whole("limit", out.limit, kMaxRowsPerPage) || !r.flag("insights", out.insights) ||
      !r.text("theme", out.theme) || !r.text("keyphrase", out.keyphrase))
    return r.error();
  if (const auto* v = r.find("segments")) {
    if (!v->is_array()) return r.fail("segments", "a list of column names"), r.error();
    for (const auto& s : *v)
      if (!s.is_string()) return r.fail("segments", "a list of column names"), r.error();
  }
  if (category) {
    out.category = *category == "detractor" ? 0 : *category == "passive" ? 1 : *category == "promoter" ? 2 : -2;
    if (out.category == -2) return r.fail("category", "detractor, passive or promoter"), r.error();
  }
  if (search) out.search = lower_ascii(*search);
  std::optional<std::string> sentiment;
  if (!r.text("sentiment", sentiment, "positive, neutral or negative")) return r.error();
  if (sentiment) {
    const auto& v = *sentiment;
    out.sentiment = v == "negative" ? static_cast<int>(text::SentimentLabel::negative)
                    : v == "neutral" ? static_cast<int>(text::SentimentLabel::neutral)
                    : v == "positive" ? static_cast<int>(text::SentimentLabel::positive) : -2;
    if (out.sentiment == -2) return r.fail("sentiment", "positive, neutral or negative"), r.error();
  }
  return {};
}

// UTF-16 code units in s[0, byte): the index a JavaScript string gives that byte.
// A byte that starts no valid sequence counts as one unit (it arrives as U+FFFD).
std::uint32_t utf16_index(std::string_view s, std::uint32_t byte) {
  std::uint32_t units = 0;
  const std::size_t end = std::min<std::size_t>(byte, s.size());
  auto cont = [&](std::size_t i) { return i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80; };
  for (std::size_t i = 0; i < end;) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 1;
    for (std::size_t k = 1; k < len; ++k)
      if (!cont(i + k)) len = 1;
    units += len == 4 ? 2 : 1;
    i += len;
  }
  return units;
}

// Spans [begin, end) in bytes where `phrase` occurs as consecutive normalized tokens
// (joined as KeyphraseCounter joins them: a space, none between CJK characters).
std::vector<std::pair<std::uint32_t, std::uint32_t>> phrase_spans(const text::TokenList& tl, std::string_view phrase) {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> out;
  std::string p;
  for (std::size_t i = 0; i < tl.size(); ++i) {
    p.clear();
    for (std::size_t k = i; k < tl.size() && k < i + 8; ++k) {
      if (k > i && tl.tokens[k].after_break) break;
      if (k > i && !(tl.tokens[k].kind == text::TokenKind::cjk && tl.tokens[k - 1].kind == text::TokenKind::cjk)) p.push_back(' ');
      p.append(tl.norm(k));
      if (p.size() > phrase.size() || phrase.compare(0, p.size(), p) != 0) break;
      if (p.size() == phrase.size()) {
        out.emplace_back(tl.tokens[i].begin, tl.tokens[k].end);
        break;
      }
    }
  }
  return out;
}

// A keyphrase as the counter writes it: the query text tokenized and joined the same way.
std::string normalized_phrase(std::string_view text) {
  const auto tl = text::tokenize(text);
  std::string p;
  for (std::size_t k = 0; k < tl.size(); ++k) {
    if (k > 0 && !(tl.tokens[k].kind == text::TokenKind::cjk && tl.tokens[k - 1].kind == text::TokenKind::cjk)) p.push_back(' ');
    p.append(tl.norm(k));
  }
  return p;
}

double round4(double v) { return std::round(v * 1e4) / 1e4; }
}  // namespace

std::string Session::parse_checked_query(const json& query, ParsedQuery& q) const {
  if (auto problem = parse_query(query, q); !problem.empty()) return problem;
  const auto& names = store_.segment_names;
  for (const auto& f : q.report.filters.where)
    if (std::find(names.begin(), names.end(), f.column) == names.end() && !person_column(f.column))
      return "filter column '" + f.column + "' is neither a segment nor the id, e-mail or name column";
  return {};
}

const RowStore::TextColumn* Session::person_column(const std::string& name) const {
  for (const auto& f : store_.files) {
    const auto& L = f.layout;
    auto is = [&](int index) { return index >= 0 && L.columns[static_cast<std::size_t>(index)].name == name; };
    if (is(L.id)) return &store_.id;
    if (is(L.email)) return &store_.email;
    if (is(L.name)) return &store_.name;
  }
  return nullptr;
}

bool Session::begin_file(const std::string& name, std::uint64_t expected_bytes) {
  error_.clear();
  store_.begin_file(name);
  expected_bytes_ = expected_bytes;
  fed_bytes_ = 0;
  rows_at_begin_ = store_.size();
  text_at_begin_ = store_.arena.size();
  ids_at_begin_ = store_.ids();
  reserved_ = false;
  file_is_tallies_ = false;
  pipeline_ = std::make_unique<IngestPipeline>(options_, store_);
  return true;
}

bool Session::begin_workbook(std::uint64_t file_size) {
  if (!pipeline_ || !pipeline_->begin_workbook(file_size)) return false;
  reserved_ = true;  // inflated bytes say nothing about the file's share read so far
  return true;
}

const ZipRequest* Session::zip_request() {
  if (!pipeline_ || !error_.empty()) return nullptr;
  const auto* r = pipeline_->zip_request();
  if (pipeline_->failed()) error_ = pipeline_->error();
  return r;
}

void Session::end_zip_request() {
  if (!pipeline_) return;
  pipeline_->end_zip_request();
  if (pipeline_->failed()) error_ = pipeline_->error();
}

bool Session::feed(std::string_view bytes) {
  if (!pipeline_) return false;
  // The first bytes decide: tallies or rows. One session never mixes them (a tallies
  // file read as rows, or rows added to tallies, would give wrong numbers in silence).
  if (fed_bytes_ == 0 && error_.empty() && !file_is_tallies_) {
    const Mode kind = !pipeline_->reading_workbook() && looks_like_tallies(bytes) ? Mode::tallies : Mode::rows;
    if (mode_ == Mode::undecided) mode_ = kind;
    if (kind != mode_)
      error_ = kind == Mode::tallies
                   ? "this is a tallies file (docs/scale.md) and the files before it are raw exports: a tallies file "
                     "and a raw export cannot be analyzed together; open the tallies files alone, or turn the export into "
                     "tallies with npskit tally"
                   : "this is a raw export and the files before it are tallies files (docs/scale.md): they cannot be "
                     "analyzed together; open the raw exports alone, or turn this one into tallies with npskit tally";
    else if (kind == Mode::tallies) {
      file_is_tallies_ = true;
      tallies_lines_before_ = tallies_.records();
      tallies_.begin_file("");  // the dashboard names the file next to the message itself
    }
  }
  if (!error_.empty()) return false;
  if (file_is_tallies_) {
    fed_bytes_ += bytes.size();
    if (!tallies_.feed(bytes)) error_ = clip_message(tallies_.error());
    return error_.empty();
  }
  const bool more = pipeline_->feed(bytes);  // false without an error: a workbook asks to stop this request
  if (!more) error_ = clip_message(pipeline_->error());
  if (pipeline_->reading_workbook()) return more;
  fed_bytes_ += bytes.size();
  // After the first 2 MB, extrapolate rows and text to the whole file (+5%, capped
  // at 2x what a row per 8 bytes could be, should the sample mislead).
  constexpr std::uint64_t kSample = 2u << 20;
  if (!reserved_ && expected_bytes_ > fed_bytes_ && fed_bytes_ >= kSample && error_.empty()) {
    reserved_ = true;
    const double scale = 1.05 * static_cast<double>(expected_bytes_ - fed_bytes_) / static_cast<double>(fed_bytes_);
    const auto rows = static_cast<std::size_t>(std::min<double>(scale * static_cast<double>(store_.size() - rows_at_begin_),
                                                                static_cast<double>(expected_bytes_) / 8.0));
    const auto text = static_cast<std::size_t>(std::min<double>(scale * static_cast<double>(store_.arena.size() - text_at_begin_),
                                                                static_cast<double>(expected_bytes_)));
    const auto ids = static_cast<std::size_t>(std::min<double>(scale * static_cast<double>(store_.ids() - ids_at_begin_),
                                                               static_cast<double>(rows)));
    store_.reserve_more(rows, text, ids);
  }
  return error_.empty();
}

bool Session::end_file() {
  if (!pipeline_) return false;
  if (file_is_tallies_) {
    if (error_.empty() && !tallies_.end_file()) error_ = clip_message(tallies_.error());
    tallies_lines_.resize(store_.files.size(), 0);
    tallies_lines_.back() = error_.empty() ? tallies_.records() - tallies_lines_before_ : 0;
  } else if (error_.empty() && !pipeline_->finish()) {
    error_ = clip_message(pipeline_->error());
  }
  sources_.push_back(pipeline_->source());
  file_errors_.push_back(error_);
  pipeline_.reset();
  return error_.empty();
}

std::vector<bool> Session::select(const ParsedQuery& q, RowCounts& counts) const {
  const auto& S = store_;
  const auto n = S.size();
  std::vector<bool> keep(n, false);
  // Filters resolve to dictionary codes once.
  struct CodeFilter {
    std::size_t segment;
    std::int64_t code;
    bool equals;
  };
  std::vector<CodeFilter> code_filters;
  // Filters on the id / e-mail / name columns compare the stored text (test traffic
  // is usually recognized by an address, which is no segment).
  struct TextFilter {
    const RowStore::TextColumn* column;
    std::string value;
    bool equals;
  };
  std::vector<TextFilter> text_filters;
  for (const auto& f : q.report.filters.where) {
    auto it = std::find(S.segment_names.begin(), S.segment_names.end(), f.column);
    if (it != S.segment_names.end()) {
      const auto s = static_cast<std::size_t>(it - S.segment_names.begin());
      code_filters.push_back({s, S.dictionaries[s].find(f.value), f.equals});
    } else if (const auto* column = person_column(f.column)) {
      text_filters.push_back({column, f.value, f.equals});
    }  // anything else was refused by parse_checked_query
  }
  const auto& F = q.report.filters;
  for (std::size_t r = 0; r < n; ++r) {
    if (S.score[r] < 0) continue;  // blank
    bool ok = true;
    if (F.from_day || F.to_day) {
      const auto d = S.day[r];
      ok = d > RowStore::kUnreadableDay && (!F.from_day || d >= *F.from_day) && (!F.to_day || d <= *F.to_day);
    }
    for (const auto& cf : code_filters)
      if ((static_cast<std::int64_t>(S.segments[cf.segment][r]) == cf.code) != cf.equals) ok = false;
    for (const auto& tf : text_filters)
      if ((S.text((*tf.column)[r]) == tf.value) != tf.equals) ok = false;
    keep[r] = ok;
  }
  if (q.latest_per_person) {
    // Keep each person's latest response (by date, then by position in the files).
    std::unordered_map<std::string_view, std::size_t> latest;
    for (std::size_t r = 0; r < n; ++r) {
      if (!keep[r]) continue;
      auto person = S.text(S.id[r]);
      if (person.empty()) person = S.text(S.email[r]);
      if (person.empty()) continue;
      auto [it, fresh] = latest.emplace(person, r);
      if (!fresh) {
        const auto old = it->second;
        const bool newer = S.day[r] >= S.day[old];
        keep[newer ? old : r] = false;
        ++counts.duplicates;
        if (newer) it->second = r;
      }
    }
  }
  for (std::size_t r = 0; r < n; ++r) {
    if (S.score[r] < 0) continue;
    if (keep[r]) ++counts.valid;
    else ++counts.filtered_out;
  }
  return keep;
}

ojson Session::tallies_report_for(const ParsedQuery& q, bool comments) const {
  // Needs the rows: said, never answered with the tallies' numbers as if it were done.
  if (q.latest_per_person) return {{"error", std::string("latest response per person: ") + kNotAvailableForTallies}};
  std::uint64_t lines = 0;
  for (auto n : tallies_lines_) lines += n;
  ReportOptions options = q.report;
  options.comments = comments;
  return tallies_report(tallies_.table(), options, {tallies_.files(), lines, &tallies_.comment_partials()});
}

ojson Session::report(const json& query) const {
  ParsedQuery q;
  if (tallies_mode()) {
    if (auto problem = parse_query(query, q); !problem.empty()) return {{"error", problem}};
    return tallies_report_for(q, false);
  }
  if (auto problem = parse_checked_query(query, q); !problem.empty()) return {{"error", problem}};
  const auto& S = store_;

  RowCounts counts;
  for (const auto& f : S.files) {
    counts.read += f.counts.read;
    counts.blank_score += f.counts.blank_score;
    counts.rejected += f.counts.rejected;
    counts.duplicates += f.counts.duplicates;
  }
  const auto keep = select(q, counts);
  counts.filtered_out -= std::min(counts.filtered_out, q.latest_per_person ? counts.duplicates : 0);

  // A layout naming the merged columns, so the one report builder serves here too.
  Layout layout;
  auto add_column = [&](const std::string& col_name, int& slot) {
    slot = static_cast<int>(layout.columns.size());
    layout.columns.push_back({col_name, {col_name}, Role::ignored, {}});
  };
  const Layout* first = nullptr;
  for (const auto& f : S.files)
    if (f.layout.score >= 0) {
      first = &f.layout;
      break;
    }
  auto first_name = [&](int Layout::*role) -> std::string {
    if (!first || first->*role < 0) return {};
    return first->columns[static_cast<std::size_t>(first->*role)].name;
  };
  add_column(first_name(&Layout::score), layout.score);
  if (first) layout.score_tied_with = first->score_tied_with;  // for the "score_tie" notice
  for (auto role : {&Layout::date, &Layout::comment, &Layout::id, &Layout::email, &Layout::name})
    if (!first_name(role).empty()) add_column(first_name(role), layout.*role);
  for (const auto& s : S.segment_names) {
    int slot;
    add_column(s, slot);
    layout.segments.push_back(slot);
  }

  Accumulator acc(S.segment_names.size());
  if (q.report.cross) {
    auto pos = [&](const std::string& c) {
      auto it = std::find(S.segment_names.begin(), S.segment_names.end(), c);
      return it == S.segment_names.end() ? -1 : static_cast<int>(it - S.segment_names.begin());
    };
    acc.cross_a = pos(q.report.cross->first);
    acc.cross_b = pos(q.report.cross->second);
    if (acc.cross_a < 0 || acc.cross_b < 0) return {{"error", "cross columns must be segment columns"}};
  }
  std::vector<std::uint32_t> codes(S.segment_names.size());
  for (std::size_t r = 0; r < S.size(); ++r) {
    if (!keep[r]) continue;
    for (std::size_t s = 0; s < codes.size(); ++s) codes[s] = S.segments[s][r];
    const auto d = S.day[r];
    if (d == RowStore::kUnreadableDay) ++counts.date_unreadable;
    if (d == RowStore::kUnreadableDay || d == RowStore::kNoDay) ++counts.date_missing;
    acc.add(S.score[r], codes.data(), d > RowStore::kUnreadableDay, d);
  }
  std::vector<Rejection> listed;
  for (std::size_t i = 0; i < S.rejections.size() && listed.size() < q.report.max_rejections; ++i) {
    listed.push_back(S.rejections[i].second);
    if (S.files.size() > 1) listed.back().reason += " (" + S.files[S.rejections[i].first].name + ")";
  }
  std::vector<Rejection> warnings;  // kept rows whose date could not be read
  for (const auto& [r, text] : S.unreadable_dates) {
    if (warnings.size() >= q.report.max_rejections) break;
    if (!keep[r]) continue;
    const auto& file_layout = S.files[S.file[r]].layout;
    warnings.push_back({S.line[r], file_layout.columns[static_cast<std::size_t>(file_layout.date)].name,
                        std::string(S.text(text)), kUnreadableDateReason});
    if (S.files.size() > 1) warnings.back().reason += " (" + S.files[S.file[r]].name + ")";
  }
  static const SourceInfo no_source;
  auto out = build_report({sources_.empty() ? no_source : sources_.front(), layout, q.report, counts, listed,
                           warnings, acc, S.dictionaries});
  return out;
}

ojson Session::rows(const json& query) const {
  ParsedQuery q;
  if (tallies_mode()) {  // tallies hold counts per group, no response to list
    if (auto problem = parse_query(query, q); !problem.empty()) return {{"error", problem}};
    return {{"not_available", kNotAvailableForTallies}};
  }
  if (auto problem = parse_checked_query(query, q); !problem.empty()) return {{"error", problem}};
  const auto& S = store_;
  const bool by_text = q.theme || q.keyphrase || q.sentiment >= 0;
  text::CommentAnalyzer* analyzer = nullptr;
  std::optional<std::uint32_t> theme_index;
  std::string phrase;
  if (by_text || q.insights) {
    std::string problem;
    analyzer = analyzer_for(q, problem);
    if (!analyzer) return {{"error", problem}};
    if (q.theme) {
      auto t = analyzer->dictionary().find(*q.theme);
      if (!t) return {{"error", "unknown theme '" + *q.theme + "'"}};
      theme_index = static_cast<std::uint32_t>(*t);
    }
    if (q.keyphrase) {
      phrase = normalized_phrase(*q.keyphrase);
      if (phrase.empty()) return {{"error", "keyphrase has no words"}};
    }
  }
  text::CommentInsight insight;
  const bool cached = by_text && row_cache_usable();
  if (q.keyphrase) use_phrase_cache(phrase);
  // Does this row's comment pass the theme / keyphrase / sentiment filters?
  auto text_ok = [&](std::size_t r) {
    if (!by_text) return true;
    const auto comment = S.text(S.comment[r]);
    if (comment.empty()) return false;
    const std::int8_t has_phrase = q.keyphrase ? row_has_phrase_[r] : 1;
    if (has_phrase == 0) return false;
    if (cached && has_phrase == 1 && row_label_[r] != kUnknown) {  // known from an earlier pass: no re-tokenizing
      if (row_label_[r] == kNoWords) return false;
      if (theme_index && !(row_themes_[r] >> *theme_index & 1)) return false;
      return q.sentiment < 0 || row_label_[r] == q.sentiment;
    }
    analyzer->analyze(comment, insight);
    if (cached) remember(r, insight);
    if (q.keyphrase) row_has_phrase_[r] = phrase_spans(analyzer->tokens(), phrase).empty() ? 0 : 1;
    if (insight.empty) return false;
    if (theme_index && !std::binary_search(insight.themes.begin(), insight.themes.end(), *theme_index)) return false;
    if (q.sentiment >= 0 && static_cast<int>(insight.sentiment.label) != q.sentiment) return false;
    return !q.keyphrase || row_has_phrase_[r] == 1;
  };
  RowCounts counts;
  const auto keep = select(q, counts);
  std::vector<std::size_t> hits;
  for (std::size_t r = 0; r < S.size(); ++r) {
    if (!keep[r]) continue;
    if (q.category >= 0 && static_cast<int>(category_of(S.score[r])) != q.category) continue;
    if (q.with_comment && S.comment[r].length == 0) continue;
    if (!q.search.empty()) {
      bool found = false;
      for (const auto* col : {&S.comment, &S.id, &S.email, &S.name})
        found = found || lower_ascii(S.text((*col)[r])).find(q.search) != std::string::npos;
      if (!found) continue;
    }
    if (!text_ok(r)) continue;
    hits.push_back(r);
  }
  // Newest first; undated rows last, in file order.
  // Only the requested page needs ordering: a partial sort on (day desc, position)
  // is a total order, so pages are stable, and 1M hits cost no full sort.
  auto newer = [&](std::size_t a, std::size_t b) { return S.day[a] != S.day[b] ? S.day[a] > S.day[b] : a < b; };
  const std::size_t page_end = std::min(hits.size(), q.offset + q.limit);
  std::partial_sort(hits.begin(), hits.begin() + static_cast<std::ptrdiff_t>(page_end), hits.end(), newer);
  ojson list = ojson::array();
  static constexpr const char* kCategory[] = {"detractor", "passive", "promoter"};
  for (std::size_t i = q.offset; i < hits.size() && list.size() < q.limit; ++i) {
    const auto r = hits[i];
    ojson segs = ojson::object();
    for (std::size_t s = 0; s < S.segment_names.size(); ++s) segs[S.segment_names[s]] = S.dictionaries[s].value(S.segments[s][r]);
    auto text_or_null = [&](RowStore::Text t) { return t.length ? ojson(std::string(S.text(t))) : ojson(nullptr); };
    list.push_back({{"file", S.files[S.file[r]].name},
                    {"line", S.line[r]},
                    {"score", S.score[r]},
                    {"category", kCategory[static_cast<int>(category_of(S.score[r]))]},
                    {"date", S.day[r] > RowStore::kUnreadableDay ? ojson(period_label(S.day[r], Period::day)) : ojson(nullptr)},
                    {"comment", text_or_null(S.comment[r])},
                    {"id", text_or_null(S.id[r])},
                    {"email", text_or_null(S.email[r])},
                    {"name", text_or_null(S.name[r])},
                    {"segments", segs}});
    if (q.insights) {
      const auto comment = S.text(S.comment[r]);
      analyzer->analyze(comment, insight);
      const auto& themes = analyzer->dictionary().themes();
      ojson names = ojson::array(), spans = ojson::array();
      for (auto t : insight.themes) names.push_back(themes[t].name);
      for (const auto& m : insight.matches)
        spans.push_back({{"begin", utf16_index(comment, m.begin)}, {"end", utf16_index(comment, m.end)},
                         {"theme", themes[m.theme].name}, {"text", std::string(comment.substr(m.begin, m.end - m.begin))}});
      ojson row_insight = {
          {"sentiment", insight.empty ? ojson(nullptr)
                                      : ojson({{"compound", round4(insight.sentiment.compound)},
                                               {"label", text::sentiment_label_name(insight.sentiment.label)}})},
          {"themes", names},
          {"spans", spans}};
      if (q.keyphrase) {
        ojson kspans = ojson::array();
        for (auto [b, e] : phrase_spans(analyzer->tokens(), phrase))
          kspans.push_back({{"begin", utf16_index(comment, b)}, {"end", utf16_index(comment, e)}});
        row_insight["keyphrase_spans"] = kspans;
      }
      list.back()["insights"] = std::move(row_insight);
    }
  }
  return {{"total", hits.size()}, {"offset", q.offset}, {"rows", list}};
}

text::CommentAnalyzer* Session::analyzer_for(const ParsedQuery& q, std::string& error) const {
  const std::string key = q.report.themes_json.value_or(std::string());
  if (analyzer_ && themes_key_ == key) return analyzer_.get();
  auto dictionary = text::ThemeDictionary::builtin();
  if (!key.empty()) {
    if (auto problem = dictionary.merge_json(key); !problem.empty()) {
      error = "themes: " + problem;
      return nullptr;
    }
  }
  analyzer_ = std::make_unique<text::CommentAnalyzer>(std::move(dictionary));
  themes_key_ = key;
  row_label_.clear();
  row_themes_.clear();
  row_compound_.clear();
  return analyzer_.get();
}

bool Session::row_cache_usable() const {
  if (!analyzer_ || analyzer_->dictionary().size() > 64) return false;
  if (row_label_.size() != store_.size()) {  // first use, or rows were added since
    row_label_.assign(store_.size(), kUnknown);
    row_themes_.assign(store_.size(), 0);
    row_compound_.assign(store_.size(), 0.0);
  }
  return true;
}

void Session::use_phrase_cache(const std::string& phrase) const {
  // Tokenizing does not depend on the theme dictionary: the cache lives until the
  // phrase changes or rows are added.
  if (phrase_key_ != phrase || row_has_phrase_.size() != store_.size()) {
    phrase_key_ = phrase;
    row_has_phrase_.assign(store_.size(), -1);
  }
}

void Session::remember(std::size_t row, const text::CommentInsight& insight) const {
  if (insight.empty) {
    row_label_[row] = kNoWords;
    row_themes_[row] = 0;
    row_compound_[row] = 0;
    return;
  }
  std::uint64_t bits = 0;
  for (auto t : insight.themes) bits |= std::uint64_t{1} << t;
  row_label_[row] = static_cast<std::int8_t>(insight.sentiment.label);
  row_themes_[row] = bits;
  row_compound_[row] = insight.sentiment.compound;
}

ojson Session::themes(const json& query) const {
  ParsedQuery q;
  if (auto problem = parse_query(query, q); !problem.empty()) return {{"error", problem}};
  std::string problem;
  auto* analyzer = analyzer_for(q, problem);
  if (!analyzer) return {{"error", problem}};
  return analyzer->dictionary().to_json();
}

ojson Session::comments(const json& query) const {
  ParsedQuery q;
  if (tallies_mode()) {  // the comment counts the parts carry (npskit tally --comments), or why there are none
    if (auto problem = parse_query(query, q); !problem.empty()) return {{"error", problem}};
    auto report = tallies_report_for(q, true);
    if (report.contains("error")) return report;
    return report.contains("comments") ? report["comments"] : ojson{{"available", false}, {"reason", kNotAvailableForTallies}};
  }
  if (auto problem = parse_checked_query(query, q); !problem.empty()) return {{"error", problem}};
  const auto& S = store_;
  std::string problem;
  auto* analyzer = analyzer_for(q, problem);
  if (!analyzer) return {{"error", problem}};
  RowCounts counts;
  const auto keep = select(q, counts);
  text::CommentAnalyticsOptions options;
  options.period = q.report.period;
  text::CommentAnalytics analytics(analyzer->dictionary(), options);
  std::vector<std::uint32_t> codes(S.segment_names.size());
  const bool cached = row_cache_usable();
  for (std::size_t r = 0; r < S.size(); ++r) {
    if (!keep[r]) continue;
    for (std::size_t s = 0; s < codes.size(); ++s) codes[s] = S.segments[s][r];
    const auto d = S.day[r];
    const auto day = d > RowStore::kUnreadableDay ? std::optional<std::int64_t>(d) : std::nullopt;
    const std::span<const std::uint32_t> row_codes(codes.data(), codes.size());
    if (cached && row_label_[r] != kUnknown) {  // analyzed before: only its keyphrases are tokenized again
      const bool empty = row_label_[r] == kNoWords;
      analytics.add_known(S.text(S.comment[r]), S.score[r],
                          {empty, empty ? text::SentimentLabel::neutral : static_cast<text::SentimentLabel>(row_label_[r]),
                           row_compound_[r], row_themes_[r]},
                          day, row_codes);
      continue;
    }
    analytics.add(S.text(S.comment[r]), S.score[r], day, row_codes);
    if (cached) remember(r, analytics.last());  // same dictionary, same theme indexes
  }
  text::CommentReportContext context;
  context.confidence = q.report.confidence;
  context.multiple_comparisons = q.report.multiple_comparisons;
  context.segment_columns = S.segment_names;
  for (const auto& dict : S.dictionaries) {
    auto& values = context.segment_values.emplace_back();
    for (std::uint32_t code = 0; code < dict.size(); ++code) values.push_back(dict.value(code));
  }
  return analytics.to_json(context);
}

ojson Session::info() const {
  if (tallies_mode()) return tallies_info();
  const auto& S = store_;
  ojson files = ojson::array();
  for (std::size_t i = 0; i < S.files.size(); ++i) {
    const auto& f = S.files[i];
    ojson columns = ojson::array();
    for (const auto& c : f.layout.columns) columns.push_back({{"name", c.name}, {"role", role_name(c.role)}, {"why", c.why}});
    ojson entry = {{"name", f.name},
                   {"source", i < sources_.size() ? source_json(sources_[i]) : ojson(nullptr)},
                   {"columns", columns},
                   {"rows", {{"read", f.counts.read}, {"valid", f.counts.valid}, {"blank_score", f.counts.blank_score},
                             {"rejected", f.counts.rejected}, {"duplicates", f.counts.duplicates}}},
                   {"error", i < file_errors_.size() && !file_errors_[i].empty() ? ojson(file_errors_[i]) : ojson(nullptr)}};
    files.push_back(std::move(entry));
  }
  std::int32_t lo = INT32_MAX, hi = INT32_MIN;
  for (auto d : S.day)
    if (d > RowStore::kUnreadableDay) {
      lo = std::min(lo, d);
      hi = std::max(hi, d);
    }
  ojson segments = ojson::array();
  for (std::size_t s = 0; s < S.segment_names.size(); ++s) {
    ojson values = ojson::array();
    for (std::uint32_t c = 0; c < S.dictionaries[s].size(); ++c) values.push_back(S.dictionaries[s].value(c));
    segments.push_back({{"name", S.segment_names[s]}, {"values", values}});
  }
  bool has_person = false, has_comment = false;
  for (const auto& f : S.files) {
    has_person = has_person || f.layout.id >= 0 || f.layout.email >= 0;
    has_comment = has_comment || f.layout.comment >= 0;
  }
  return {{"files", files},
          {"rows", S.size()},
          {"segments", segments},
          {"has_person", has_person},
          {"has_comment", has_comment},
          {"date_range", lo <= hi ? ojson::array({period_label(lo, Period::day), period_label(hi, Period::day)}) : ojson(nullptr)}};
}

// What the dashboard needs to draw its filters for tallies: the same shape as for
// rows, plus "tallies": {...}; no person or comment column, "rows" counts responses.
ojson Session::tallies_info() const {
  const auto& S = store_;
  const auto& table = tallies_.table();
  ojson columns = ojson::array();
  for (const auto& seg : table.segments) columns.push_back({{"name", seg}, {"role", "segment"}, {"why", "a segment column of the tallies"}});
  ojson files = ojson::array();
  for (std::size_t i = 0; i < S.files.size(); ++i) {
    const bool ok = i < file_errors_.size() && file_errors_[i].empty();
    const auto lines = i < tallies_lines_.size() ? tallies_lines_[i] : 0;
    files.push_back({{"name", S.files[i].name},
                     {"source", {{"format", "tallies"}, {"version", kTalliesVersion}}},
                     {"columns", ok ? columns : ojson::array()},
                     {"tallies_lines", lines},
                     {"error", i < file_errors_.size() && !file_errors_[i].empty() ? ojson(file_errors_[i]) : ojson(nullptr)}});
  }
  ojson segments = ojson::array();
  for (std::size_t s = 0; s < table.segments.size(); ++s) {
    std::vector<std::string> values;
    for (const auto& [key, counts] : table.groups) values.push_back(key.values[s]);
    std::sort(values.begin(), values.end());
    values.erase(std::unique(values.begin(), values.end()), values.end());
    segments.push_back({{"name", table.segments[s]}, {"values", values}});
  }
  std::optional<std::int64_t> lo, hi;
  for (const auto& [key, counts] : table.groups)
    if (key.period) {
      lo = lo ? std::min(*lo, *key.period) : *key.period;
      hi = hi ? std::max(*hi, *key.period) : *key.period;
    }
  const auto total = table.total();
  std::uint64_t lines = 0;
  for (auto n : tallies_lines_) lines += n;
  return {{"files", files},
          {"rows", total.scores.n() + total.blank + total.rejected},
          {"segments", segments},
          {"has_person", false},
          {"has_comment", false},
          {"date_range", lo ? ojson::array({period_label(*lo, Period::day), period_label(*hi, Period::day)}) : ojson(nullptr)},
          {"columns", {{"score", nullptr}, {"date", nullptr}, {"comment", nullptr}, {"id", nullptr}, {"email", nullptr},
                       {"name", nullptr}, {"segments", table.segments}}},
          {"tallies", {{"files", tallies_.files()},
                       {"lines", lines},
                       {"groups", table.groups.size()},
                       {"period_unit", unit_name(table.unit)},
                       {"not_available", kNotAvailableForTallies}}}};
}

}  // namespace npskit
