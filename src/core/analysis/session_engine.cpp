#include "core/analysis/session_engine.hpp"

#include <algorithm>
#include <limits>
#include <unordered_map>

#include "core/analysis/comment_spans.hpp"
#include "core/values/ascii.hpp"
#include "core/values/trim.hpp"

namespace npskit {

namespace {
// Passes on the rows and rejections that start past a line (skip_rows_through_line).
class LineGate final : public RowSink {
 public:
  LineGate(RowSink& to, std::uint64_t through) : to_(to), through_(through) {}
  void on_layout(const Layout& layout) override { to_.on_layout(layout); }
  void on_row(const ResponseRow& row) override {
    if (row.line > through_) to_.on_row(row);
  }
  void on_rejection(Rejection rejection) override {
    if (rejection.line > through_) to_.on_rejection(std::move(rejection));
  }

 private:
  RowSink& to_;
  std::uint64_t through_;
};
}  // namespace

void SessionEngine::drop_rows(const std::vector<std::uint32_t>& rows) {
  if (rows.empty()) return;
  store_.drop_rows(rows);
  cache_ = InsightCache{};  // its rows moved
}

bool SessionEngine::begin_file(const std::string& name, std::uint64_t expected_bytes) {
  error_.clear();
  store_.begin_file(name);
  expected_bytes_ = expected_bytes;
  fed_bytes_ = 0;
  rows_at_begin_ = store_.size();
  text_at_begin_ = store_.arena.size();
  ids_at_begin_ = store_.ids();
  reserved_ = false;
  file_is_tallies_ = false;
  gate_.reset();
  if (skip_through_line_ > 0) gate_ = std::make_unique<LineGate>(store_, skip_through_line_);
  pipeline_ = std::make_unique<IngestPipeline>(options_, gate_ ? *gate_ : static_cast<RowSink&>(store_));
  return true;
}

bool SessionEngine::begin_workbook(std::uint64_t file_size) {
  if (!pipeline_ || !pipeline_->begin_workbook(file_size)) return false;
  reserved_ = true;  // inflated bytes say nothing about the file's share read so far
  return true;
}

const ZipRequest* SessionEngine::zip_request() {
  if (!pipeline_ || !error_.empty()) return nullptr;
  const auto* r = pipeline_->zip_request();
  if (pipeline_->failed()) error_ = pipeline_->error();
  return r;
}

void SessionEngine::end_zip_request() {
  if (!pipeline_) return;
  pipeline_->end_zip_request();
  if (pipeline_->failed()) error_ = pipeline_->error();
}

bool SessionEngine::feed(std::string_view bytes) {
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

bool SessionEngine::end_file() {
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
  store_.end_file();  // the file's duplicate ids leave the store (row_store.hpp)
  return error_.empty();
}

std::string SessionEngine::compile_filter(const SessionQuery& q, RowFilter& filter) const {
  FilterColumns columns;
  columns.segments = store_.segment_names;
  // Every file's id / e-mail / name column may be filtered on (test traffic is
  // usually recognized by an address), whatever its name in that file.
  for (const auto& f : store_.files) {
    const auto& L = f.layout;
    auto person = [&](int index, PersonField field) {
      if (index >= 0) columns.person.emplace_back(L.columns[static_cast<std::size_t>(index)].name, field);
    };
    person(L.id, PersonField::id);
    person(L.email, PersonField::email);
    person(L.name, PersonField::name);
  }
  return filter.compile(q.report.filters, columns, store_.dictionaries);
}

std::vector<std::uint8_t> SessionEngine::select(const SessionQuery& q, const RowFilter& filter, RowCounts& counts) const {
  const auto& S = store_;
  const auto n = S.size();
  std::vector<std::uint8_t> keep(n, 0);
  if (filter.empty()) {  // the first report: every valid score (no call per row)
    for (std::size_t r = 0; r < n; ++r) keep[r] = S.score[r] >= 0;
  } else {
    for (std::size_t r = 0; r < n; ++r) {
      if (S.score[r] < 0) continue;  // blank
      const auto d = S.day[r];
      keep[r] = filter.keeps(
          d > RowStore::kUnreadableDay, d, [&](std::size_t s) { return S.segments[s][r]; },
          [&](PersonField f) {
            return S.text(f == PersonField::id ? S.id[r] : f == PersonField::email ? S.email[r] : S.name[r]);
          });
    }
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
        keep[newer ? old : r] = 0;
        ++counts.duplicates;
        if (newer) it->second = r;
      }
    }
    // A shard: the rows whose person's latest response another shard holds.
    if (const auto* elsewhere = q.latest_elsewhere.get(); elsewhere && !elsewhere->empty())
      for (const auto& [person, r] : latest)
        if (std::binary_search(elsewhere->begin(), elsewhere->end(), static_cast<std::uint32_t>(r))) {
          keep[r] = 0;
          ++counts.duplicates;
        }
  }
  for (std::size_t r = 0; r < n; ++r) {
    if (S.score[r] < 0) continue;
    if (keep[r]) ++counts.valid;
    else ++counts.filtered_out;
  }
  return keep;
}


void SessionEngine::take_latest_duplicates_out(RowCounts& counts, std::uint64_t latest_duplicates) {
  // Only those: a file's duplicate ids never were rows, so never filtered out
  // (subtracting them too broke read = valid + blank + rejected + filtered_out + duplicates).
  counts.filtered_out -= std::min(counts.filtered_out, latest_duplicates);
}

SessionEngine::Tallies SessionEngine::tally(const SessionQuery& q) const {
  Tallies out;
  const auto& S = store_;
  RowFilter filter;
  if (auto problem = compile_filter(q, filter); !problem.empty()) {
    out.error = std::move(problem);
    return out;
  }
  auto& counts = out.counts;
  for (const auto& f : S.files) {
    counts.read += f.counts.read;
    counts.blank_score += f.counts.blank_score;
    counts.rejected += f.counts.rejected;
    counts.duplicates += f.counts.duplicates;
  }
  const auto file_duplicates = counts.duplicates;
  const auto keep = select(q, filter, counts);
  out.filtered_out_before_latest = counts.filtered_out;
  out.latest_duplicates = counts.duplicates - file_duplicates;
  take_latest_duplicates_out(counts, out.latest_duplicates);

  auto& acc = out.tallies;
  acc = Accumulator(S.segment_names.size());
  if (q.report.cross) {
    auto pos = [&](const std::string& c) {
      auto it = std::find(S.segment_names.begin(), S.segment_names.end(), c);
      return it == S.segment_names.end() ? -1 : static_cast<int>(it - S.segment_names.begin());
    };
    acc.cross_a = pos(q.report.cross->first);
    acc.cross_b = pos(q.report.cross->second);
    if (acc.cross_a < 0 || acc.cross_b < 0) {
      out.error = "cross columns must be segment columns";
      return out;
    }
  }
  std::vector<std::uint32_t> codes(S.segment_names.size());
  for (std::size_t r = 0; r < S.size(); ++r) {
    if (!keep[r]) continue;
    for (std::size_t s = 0; s < codes.size(); ++s) codes[s] = S.segments[s][r];
    const auto d = S.day[r];
    if (!out.first_day && d > RowStore::kUnreadableDay) out.first_day = d;
    if (d == RowStore::kUnreadableDay) ++counts.date_unreadable;
    if (d == RowStore::kUnreadableDay || d == RowStore::kNoDay) ++counts.date_missing;
    acc.add(S.score[r], codes.data(), d > RowStore::kUnreadableDay, d);
  }
  for (std::size_t i = 0; i < S.rejections.size() && out.rejections.size() < q.report.max_rejections; ++i) {
    out.rejections.push_back(S.rejections[i].second);
    if (S.files.size() > 1) out.rejections.back().reason += " (" + S.files[S.rejections[i].first].name + ")";
  }
  for (std::size_t i = 0; i < S.unreadable_dates.size(); ++i) {  // kept rows whose date could not be read
    const auto& [r, text] = S.unreadable_dates[i];
    if (out.warnings.size() >= q.report.max_rejections) break;
    if (!keep[r]) continue;
    out.warning_index.push_back(i);
    const auto& file_layout = S.files[S.file[r]].layout;
    out.warnings.push_back({S.line[r], file_layout.columns[static_cast<std::size_t>(file_layout.date)].name,
                            std::string(S.text(text)), kUnreadableDateReason});
    if (S.files.size() > 1) out.warnings.back().reason += " (" + S.files[S.file[r]].name + ")";
  }
  return out;
}

text::CommentAnalyzer* SessionEngine::analyzer_for(const SessionQuery& q, std::string& error) const {
  return cache_.analyzer_for(q.report.themes ? &*q.report.themes : nullptr, error);
}

SessionEngine::RowPage SessionEngine::find_rows(const SessionQuery& q) const {
  RowPage page;
  const auto& S = store_;
  RowFilter filter;
  if (auto problem = compile_filter(q, filter); !problem.empty()) {
    page.error = std::move(problem);
    return page;
  }
  const bool by_text = q.by_text();
  text::CommentAnalyzer* analyzer = nullptr;
  std::optional<std::uint32_t> theme_index;
  if (by_text || q.insights) {
    analyzer = analyzer_for(q, page.error);
    if (!analyzer) return page;
    if (q.theme) {
      auto t = analyzer->dictionary().find(*q.theme);
      if (!t) {
        page.error = "unknown theme '" + *q.theme + "'";
        return page;
      }
      theme_index = static_cast<std::uint32_t>(*t);
    }
    if (q.keyphrase) {
      page.phrase = normalized_phrase(*q.keyphrase);
      if (page.phrase.empty()) {
        page.error = "keyphrase has no words";
        return page;
      }
    }
  }
  page.analyzer = analyzer;
  auto& cache = cache_;
  text::CommentInsight insight;
  const bool cached = by_text && cache.rows_usable(S.size());
  if (q.keyphrase) cache.use_phrase(page.phrase, S.size());
  // Does this row's comment pass the theme / keyphrase / sentiment filters?
  auto text_ok = [&](std::size_t r) {
    if (!by_text) return true;
    const auto comment = S.text(S.comment[r]);
    if (comment.empty()) return false;
    const std::int8_t has_phrase = q.keyphrase ? cache.has_phrase(r) : 1;
    if (has_phrase == 0) return false;
    if (cached && has_phrase == 1 && cache.label(r) != InsightCache::kUnknown) {  // known from an earlier pass: no re-tokenizing
      if (cache.label(r) == InsightCache::kNoWords) return false;
      if (theme_index && !(cache.theme_bits(r) >> *theme_index & 1)) return false;
      return q.sentiment < 0 || cache.label(r) == q.sentiment;
    }
    analyzer->analyze(comment, insight);
    if (cached) cache.remember(r, insight);
    if (q.keyphrase) cache.set_has_phrase(r, !phrase_spans(analyzer->tokens(), page.phrase).empty());
    if (insight.empty) return false;
    if (theme_index && !std::binary_search(insight.themes.begin(), insight.themes.end(), *theme_index)) return false;
    if (q.sentiment >= 0 && static_cast<int>(insight.sentiment.label) != q.sentiment) return false;
    return !q.keyphrase || cache.has_phrase(r) == 1;
  };
  RowCounts counts;
  const auto keep = select(q, filter, counts);
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
  page.total = hits.size();
  for (std::size_t i = q.offset; i < page_end; ++i) page.rows.push_back(hits[i]);
  return page;
}

SessionEngine::Comments SessionEngine::comment_analytics(const SessionQuery& q) const {
  Comments out;
  const auto& S = store_;
  RowFilter filter;
  if (auto problem = compile_filter(q, filter); !problem.empty()) {
    out.error = std::move(problem);
    return out;
  }
  auto* analyzer = analyzer_for(q, out.error);
  if (!analyzer) return out;
  RowCounts counts;
  const auto keep = select(q, filter, counts);
  text::CommentAnalyticsOptions options;
  options.period = q.report.period;
  out.analytics = std::make_unique<text::CommentAnalytics>(analyzer->dictionary(), options);
  auto& analytics = *out.analytics;
  std::vector<std::uint32_t> codes(S.segment_names.size());
  auto& cache = cache_;
  const bool cached = cache.rows_usable(S.size());
  for (std::size_t r = 0; r < S.size(); ++r) {
    if (!keep[r]) continue;
    for (std::size_t s = 0; s < codes.size(); ++s) codes[s] = S.segments[s][r];
    const auto d = S.day[r];
    const auto day = d > RowStore::kUnreadableDay ? std::optional<std::int64_t>(d) : std::nullopt;
    const std::span<const std::uint32_t> row_codes(codes.data(), codes.size());
    if (cached && cache.label(r) != InsightCache::kUnknown) {  // analyzed before: only its keyphrases are tokenized again
      const bool empty = cache.label(r) == InsightCache::kNoWords;
      analytics.add_known(S.text(S.comment[r]), S.score[r],
                          {empty, empty ? text::SentimentLabel::neutral : static_cast<text::SentimentLabel>(cache.label(r)),
                           cache.compound(r), cache.theme_bits(r)},
                          day, row_codes);
      continue;
    }
    analytics.add(S.text(S.comment[r]), S.score[r], day, row_codes);
    if (cached) cache.remember(r, analytics.last());  // same dictionary, same theme indexes
  }
  return out;
}

}  // namespace npskit
