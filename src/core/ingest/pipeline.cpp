#include "core/ingest/pipeline.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/ingest/file_kind.hpp"
#include "core/values/datetime.hpp"
#include "core/values/trim.hpp"

namespace npskit {

namespace {
constexpr std::size_t kSampleCellBudget = 200'000;  // caps layout work on very wide files
constexpr std::size_t kMaxValueInRejection = 200;
constexpr std::size_t kSampleByteBudget = 16u << 20;  // caps the sample's memory (16 MB of cells)

// Why a CSV record that broke a reader limit is rejected.
[[gnu::noinline]] std::string_view csv_limit_message(const CsvRecord& r) {
  switch (r.over_limit) {
    case CsvLimit::fields: {
      static const std::string m = "record has more than " + std::to_string(kMaxCsvFields) + " fields (the limit)";
      return m;
    }
    case CsvLimit::bytes: {
      static const std::string m = "record is larger than " + std::to_string(kMaxCsvRecordBytes >> 20) + " MB (the limit)";
      static const std::string u = "unterminated quoted field: the record runs to the end of the file, past " +
                                   std::to_string(kMaxCsvRecordBytes >> 20) + " MB (the record limit)";
      return r.unterminated_quote ? u : m;
    }
    case CsvLimit::none: break;
  }
  return {};
}
// The same, "" when it did not (every record but a hostile one: inline).
inline std::string_view csv_limit_error(const CsvRecord& r) {
  return r.over_limit == CsvLimit::none ? std::string_view{} : csv_limit_message(r);
}


std::string clip(std::string_view v) {
  if (v.size() <= kMaxValueInRejection) return std::string(v);
  std::size_t cut = kMaxValueInRejection;
  while (cut > 0 && (static_cast<unsigned char>(v[cut]) & 0xC0) == 0x80) --cut;  // keep UTF-8 whole
  return std::string(v.substr(0, cut)) + "…";
}

// A chunk may start or end inside a multi-byte character (the reader joins the
// halves). Validates the chunk as a whole: its middle, and the character split
// across the previous chunk and this one (`split_tail` holds the previous
// chunk's cut-off end and receives this chunk's).
bool chunk_is_valid_utf8(std::string_view text, std::string& split_tail) {
  std::size_t front = 0;
  while (front < 3 && front < text.size() && (static_cast<unsigned char>(text[front]) & 0xC0) == 0x80) ++front;
  // Continuation bytes that do not complete the previous chunk's lead byte are
  // stray: the chunk is not known valid.
  bool valid = true;
  if (front > 0 || !split_tail.empty()) {
    split_tail.append(text.substr(0, front));
    valid = is_valid_utf8(split_tail);
  }
  split_tail.clear();
  text.remove_prefix(front);
  for (std::size_t back = 1; back <= 3 && back <= text.size(); ++back) {
    const auto c = static_cast<unsigned char>(text[text.size() - back]);
    if ((c & 0xC0) == 0xC0) {  // a lead byte: cut it and its continuation bytes
      split_tail.assign(text.substr(text.size() - back));
      text.remove_suffix(back);
      break;
    }
    if ((c & 0x80) == 0) break;  // ASCII: nothing split
  }
  return valid && is_valid_utf8(text);
}

std::string score_reason(ScoreStatus status, std::string_view value) {
  const std::string v = clip(value);
  switch (status) {
    case ScoreStatus::out_of_range: return "score " + v + " is outside 0-10";
    case ScoreStatus::not_integer: return "score " + v + " is not a whole number";
    default: return "\"" + v + "\" is not a 0-10 score";
  }
}
}  // namespace

const char* format_name(Format f) {
  switch (f) {
    case Format::csv: return "csv";
    case Format::json: return "json";
    case Format::ndjson: return "ndjson";
    case Format::xlsx: return "xlsx";
    case Format::unknown: break;
  }
  return "unknown";
}

IngestPipeline::IngestPipeline(IngestOptions options, RowSink& sink) : options_(std::move(options)), sink_(sink) {}
IngestPipeline::~IngestPipeline() = default;

bool IngestPipeline::feed(std::string_view bytes) {
  if (failed()) return false;
  if (xlsx_) {
    const bool more = xlsx_->feed(bytes);
    if (!xlsx_->error().empty()) error_ = xlsx_->error();
    return more && !failed();
  }
  source_.bytes += bytes.size();
  on_text(decoder_.feed(bytes));
  return !failed();
}

bool IngestPipeline::begin_workbook(std::uint64_t file_size) {
  if (failed()) return false;
  source_.format = Format::xlsx;
  source_.bytes = file_size;
  format_known_ = true;
  xlsx_ = std::make_unique<XlsxReader>(file_size, [this](std::uint64_t line, const std::string_view* fields,
                                                         std::size_t count) {
    on_record(line, fields, count, false, {});
    return !failed() && !sheet_rejected_;
  });
  return true;
}

const ZipRequest* IngestPipeline::zip_request() {
  while (xlsx_ && !failed()) {
    if (const auto* r = xlsx_->request()) return r;
    if (!xlsx_->error().empty()) {
      error_ = xlsx_->error();
      return nullptr;
    }
    if (sheet_open_) {  // a sheet was read to its end, or stopped
      sheet_open_ = false;
      if (layout_known_) return nullptr;
      if (sample_.empty() && !sheet_rejected_) {
        if (first_sheet_error_.empty()) first_sheet_error_ = "sheet '" + source_.sheet + "' is empty";
        sheet_rejected_ = true;
      }
      if (!sheet_rejected_ && keep_trying_sheets()) {
        decide_layout();
        return nullptr;
      }
    } else if (layout_known_) {
      return nullptr;
    }
    next_sheet();
  }
  return nullptr;
}

void IngestPipeline::end_zip_request() {
  if (!xlsx_ || failed()) return;
  xlsx_->end_request();
  if (!xlsx_->error().empty()) error_ = xlsx_->error();
}

// The sheets are tried in workbook order, visible ones first, unless options.sheet names one.
void IngestPipeline::next_sheet() {
  const auto& sheets = xlsx_->sheets();
  if (sheet_order_.empty() && sheet_tried_ == 0) {
    source_.sheets.clear();
    for (const auto& s : sheets) source_.sheets.push_back(s.name);
    if (options_.sheet) {
      for (std::size_t i = 0; i < sheets.size(); ++i)
        if (sheets[i].name == *options_.sheet) sheet_order_.push_back(i);
      if (sheet_order_.empty()) {
        std::string names;
        for (const auto& s : sheets) names += (names.empty() ? "'" : ", '") + s.name + "'";
        error_ = "the workbook has no sheet named '" + *options_.sheet + "' (its sheets: " + names + ")";
        return;
      }
    } else {
      for (int hidden = 0; hidden < 2; ++hidden)
        for (std::size_t i = 0; i < sheets.size(); ++i)
          if (sheets[i].hidden == (hidden == 1)) sheet_order_.push_back(i);
    }
  }
  if (sheet_tried_ >= sheet_order_.size()) {
    error_ = no_usable_sheet_error();
    return;
  }
  const std::size_t index = sheet_order_[sheet_tried_++];
  sample_.clear();
  sample_bytes_ = 0;
  sheet_rejected_ = false;
  source_.sheet = sheets[index].name;
  sheet_open_ = true;
  xlsx_->read_sheet(index);
}

// Whether the sheet whose sample is complete should be used: yes when the sample
// holds a usable layout, or when no other sheet is left to try (then the layout's
// own error is the answer). Notes the first sheet's problem for the final message.
bool IngestPipeline::keep_trying_sheets() {
  std::vector<SampleRecord> usable;
  for (const auto& r : sample_)
    if (r.error.empty()) usable.push_back(r);
  auto result = detect_layout(usable, true, {}, options_.columns);
  if (result.error.empty()) return true;
  if (first_sheet_error_.empty())
    first_sheet_error_ = (sheet_order_.size() > 1 ? "sheet '" + source_.sheet + "': " : "") + result.error;
  if (sheet_tried_ >= sheet_order_.size()) error_ = no_usable_sheet_error();
  sheet_rejected_ = true;
  return false;
}

// The first sheet's problem, and the other sheets named (they were all tried).
std::string IngestPipeline::no_usable_sheet_error() const {
  if (sheet_order_.empty()) return "the workbook has no sheets";
  std::string out = first_sheet_error_;
  if (sheet_order_.size() > 1) {
    std::string names;
    const auto& sheets = xlsx_->sheets();
    for (std::size_t i = 1; i < sheet_order_.size(); ++i) names += (i > 1 ? ", '" : "'") + sheets[sheet_order_[i]].name + "'";
    out += " (the workbook's other sheets hold no usable table either: " + names + ")";
  }
  return out;
}

bool IngestPipeline::finish() {
  if (failed()) return false;
  if (xlsx_) {
    if (!layout_known_) {
      if (zip_request()) error_ = "the workbook was not read to its end (the host stopped serving its requests)";
      else if (!failed() && !layout_known_) decide_layout();
    }
    return !failed();
  }
  on_text(decoder_.finish());
  if (!format_known_) {
    if (trim_ascii(head_).empty()) {
      error_ = source_.bytes == 0 ? "the file is empty" : "the file holds only white space";
      return false;
    }
    start_format(head_);
    std::string held = std::move(head_);
    head_.clear();
    on_text(held);
    if (failed()) return false;
  }
  auto record_sink = [this](const JsonRecord& r) {
    on_record(r.line, r.fields.data(), r.fields.size(), false, r.error);
  };
  switch (source_.format) {
    case Format::csv:
      // The last record may end in a cut-off character no later chunk completed:
      // check its cells one by one.
      if (!utf8_split_tail_.empty()) text_known_valid_ = false;
      csv_->finish([this](const CsvRecord& r) {
        on_record(r.line, r.fields.data(), r.fields.size(), r.unterminated_quote, csv_limit_error(r));
      });
      break;
    case Format::ndjson: ndjson_->finish(record_sink); break;
    case Format::json: {
      std::string problem = read_json_document(json_document_, json_table_, record_sink);
      std::string().swap(json_document_);
      if (!problem.empty()) {
        error_ = problem;
        return false;
      }
      break;
    }
    case Format::xlsx:
    case Format::unknown: break;
  }
  if (failed()) return false;
  if (!layout_known_) decide_layout();
  source_.json_ignored_keys = json_table_.ignored_keys();
  return !failed();
}

void IngestPipeline::on_text(std::string_view text) {
  if (failed() || text.empty()) return;
  source_.encoding = decoder_.encoding();
  if (!format_known_) {
    head_.append(text);
    if (head_.size() < options_.format_sniff_bytes) return;
    start_format(std::string_view(head_).substr(0, options_.format_sniff_bytes));
    std::string held = std::move(head_);
    head_.clear();
    on_text(held);
    return;
  }
  switch (source_.format) {
    case Format::csv:
      // A record (or a held sample record) may have begun in an earlier chunk, so
      // cells are taken as valid UTF-8 without a check only while no chunk so far
      // was invalid; after one, each cell is checked (as_utf8).
      if (!(decoder_.encoding() == Encoding::utf16le || decoder_.encoding() == Encoding::utf16be ||
            chunk_is_valid_utf8(text, utf8_split_tail_)))
        invalid_chunk_seen_ = true;
      text_known_valid_ = !invalid_chunk_seen_;
      csv_->feed_records(text, [this](const CsvRecord& r) {
        on_record(r.line, r.fields.data(), r.fields.size(), r.unterminated_quote, csv_limit_error(r));
      });
      break;
    case Format::ndjson:
      ndjson_->feed(text, [this](const JsonRecord& r) { on_record(r.line, r.fields.data(), r.fields.size(), false, r.error); });
      break;
    case Format::json:
      // A JSON document is parsed whole, so it is held whole: bounded.
      if (json_document_.size() + text.size() > kMaxJsonDocumentBytes) {
        error_ = "the JSON document is larger than " + std::to_string(kMaxJsonDocumentBytes >> 20) +
                 " MB (the limit for a whole document): export it as NDJSON or CSV, which are streamed";
        std::string().swap(json_document_);
        return;
      }
      json_document_.append(text);
      break;
    case Format::xlsx:
    case Format::unknown: break;
  }
}

// CSV unless the text starts like JSON; NDJSON when the first line is a whole object.
void IngestPipeline::start_format(std::string_view head) {
  format_known_ = true;
  if (auto kind = unsupported_file_message(head); !kind.empty()) {
    error_ = kind;
    return;
  }
  if (head.find('\0') != std::string_view::npos) {
    error_ = "the file holds NUL bytes: it is binary, not CSV or JSON text";
    return;
  }
  const std::string_view body = trim_ascii(head);
  if (!body.empty() && (body.front() == '[' || body.front() == '{')) {
    source_.format = Format::json;
    if (body.front() == '{') {
      const auto newline = body.find('\n');
      const auto first_line = trim_ascii(body.substr(0, newline));
      const auto first = nlohmann::json::parse(first_line.begin(), first_line.end(), nullptr, false);
      // A minified API export is one line too: an object wrapping an array of
      // records, with nothing after it. That is a JSON document, not NDJSON.
      const bool only_line = newline == std::string_view::npos || trim_ascii(body.substr(newline)).empty();
      bool wrapper = false;
      if (only_line && first.is_object())
        for (const auto& member : first)
          wrapper = wrapper || (member.is_array() && !member.empty() && member.front().is_object());
      if (!first.is_discarded() && !wrapper) {
        source_.format = Format::ndjson;
        ndjson_ = std::make_unique<NdjsonReader>(json_table_);
      }
    }
    return;
  }
  source_.format = Format::csv;
  source_.delimiter = sniff_delimiter(head);
  csv_ = std::make_unique<CsvReader>(source_.delimiter);
}

void IngestPipeline::on_record(std::uint64_t line, const std::string_view* fields, std::size_t count,
                               bool unterminated, std::string_view error) {
  if (failed()) return;
  if (layout_known_) {
    process(line, fields, count, unterminated, error);
    return;
  }
  sample_record(line, fields, count, unterminated, error);
}

// A record read before the layout is known: kept in the sample (out of line, so
// on_record, which runs for every record, stays small enough to inline).
void IngestPipeline::sample_record(std::uint64_t line, const std::string_view* fields, std::size_t count,
                                   bool unterminated, std::string_view error) {
  if (sample_.empty() && source_.format == Format::csv && !error.empty()) {
    error_ = "the header row: " + std::string(error);  // a CSV's first record names the columns
    return;
  }
  if (sample_.empty()) {
    const std::size_t width = std::max<std::size_t>(1, count);
    sample_limit_ = std::clamp<std::size_t>(kSampleCellBudget / width, 20, std::max<std::size_t>(20, options_.sample_records));
  }
  SampleRecord rec{line, {}, unterminated, std::string(error)};
  rec.fields.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    std::string scratch;
    // cell_utf8 also notes a Windows-1252 fallback: sampled records are replayed
    // already converted, so this is the only place their encoding is seen.
    rec.fields.emplace_back(cell_utf8(fields[i], scratch));
  }
  for (const auto& f : sample_.emplace_back(std::move(rec)).fields) sample_bytes_ += f.size() + sizeof(std::string);
  if (sample_.size() >= sample_limit_ || sample_bytes_ >= kSampleByteBudget) {
    if (xlsx_ && !keep_trying_sheets()) return;
    decide_layout();
  }
}

void IngestPipeline::decide_layout() {
  layout_known_ = true;
  const bool csv = source_.format == Format::csv || source_.format == Format::xlsx;  // a header row names the columns
  std::vector<SampleRecord> usable;
  for (const auto& r : sample_)
    if (r.error.empty()) usable.push_back(r);
  // JSON: the names are decided by the reader (property bags, collisions); `why` says how.
  const auto json_names = csv ? std::vector<JsonColumnName>{} : json_table_.names();
  std::vector<std::string> names;
  for (const auto& n : json_names) names.push_back(n.name);
  auto result = detect_layout(usable, csv, names, options_.columns);
  for (std::size_t i = 0; i < json_names.size() && i < result.layout.columns.size(); ++i)
    if (!json_names[i].note.empty()) {
      auto& why = result.layout.columns[i].why;
      why += why.empty() ? json_names[i].note : "; " + json_names[i].note;
    }
  if (!result.error.empty()) {
    error_ = result.error;
    // Say why when the cause lies in the records, not the columns.
    const auto rejected = std::find_if(sample_.begin(), sample_.end(), [](const auto& r) { return !r.error.empty(); });
    if (usable.empty() && rejected != sample_.end()) {
      error_ = "no record could be read: line " + std::to_string(rejected->line) + ": " + rejected->error;
    } else {
      // With no score column the layout is still whole: `inspect` shows it.
      if (result.no_score_column) {
        layout_ = std::move(result.layout);
        source_.header_rows = layout_.header_rows;
        no_score_column_ = true;
      }
      if (json_table_.ignored_keys() > 0)
        error_ += "; " + std::to_string(json_table_.ignored_keys()) + " JSON keys past the first " +
                  std::to_string(kMaxJsonColumns) + " (the column limit) were ignored";
    }
    error_ = clip_message(std::move(error_));
    return;
  }
  layout_ = std::move(result.layout);
  source_.header_rows = layout_.header_rows;
  json_table_.freeze_columns();
  segment_cells_.assign(layout_.segments.size(), {});
  sink_.on_layout(layout_);
  // Replay the sample's data records (header rows were the first usable records).
  std::size_t headers_left = layout_.header_rows;
  for (const auto& r : sample_) {
    if (headers_left > 0 && r.error.empty()) {
      --headers_left;
      continue;
    }
    replay_fields_.assign(r.fields.begin(), r.fields.end());
    process(r.line, replay_fields_.data(), replay_fields_.size(), r.unterminated_quote, r.error);
  }
}

std::string_view IngestPipeline::cell_utf8(std::string_view raw, std::string& scratch) {
  if (text_known_valid_) return raw;
  const auto text = as_utf8(raw, scratch);
  if (text.data() != raw.data()) source_.windows1252_fallback = true;
  return text;
}

void IngestPipeline::process(std::uint64_t line, const std::string_view* fields, std::size_t count,
                             bool unterminated, std::string_view error) {
  const auto& cols = layout_.columns;
  const auto& score_name = cols[static_cast<std::size_t>(layout_.score)].name;
  if (!error.empty()) {
    sink_.on_rejection({line, "", "", std::string(error)});
    return;
  }
  const auto blank = [](std::string_view f) {  // trim_ascii(f).empty(), stopping at the first other byte
    for (const char c : f)
      if (!is_ascii_space(c)) return false;
    return true;
  };
  if (std::all_of(fields, fields + count, blank)) {
    ++source_.empty_records;
    return;
  }
  if (unterminated) {
    sink_.on_rejection({line, "", "", "unterminated quoted field at end of file"});
    return;
  }
  const bool csv = source_.format == Format::csv;
  // A workbook leaves trailing empty cells out: a short row is not a broken one.
  if ((csv || source_.format == Format::xlsx) && count > cols.size() &&
      std::any_of(fields + cols.size(), fields + count, [](std::string_view f) { return !trim_ascii(f).empty(); })) {
    sink_.on_rejection({line, "", "", "row has " + std::to_string(count) + " fields; the header has " +
                                          std::to_string(cols.size())});
    return;
  }
  const auto score_index = static_cast<std::size_t>(layout_.score);
  if (score_index >= count && csv) {
    sink_.on_rejection({line, score_name, "", "row has " + std::to_string(count) + " fields; the score column is field " +
                                                  std::to_string(score_index + 1)});
    return;
  }
  // A role's cell, UTF-8 and trimmed. Per row and role, so the common case is
  // inline: the chunk known valid, no space at either end.
  const bool known_valid = text_known_valid_;
  auto field = [&](int index, std::string& scratch) __attribute__((always_inline)) -> std::string_view {
    if (static_cast<std::size_t>(index) >= count) return {};  // no such column (-1), or a short row
    std::string_view f = fields[index];
    if (!known_valid) f = cell_utf8(f, scratch);
    // Every ASCII space is <= ' ': one compare per end rules most cells out.
    if (!f.empty() && (static_cast<unsigned char>(f.front()) <= ' ' || static_cast<unsigned char>(f.back()) <= ' '))
      f = trim_ascii(f);
    return f;
  };

  ResponseRow row;
  row.line = line;
  const auto score_text = field(layout_.score, scratch_[0]);
  row.score = parse_score(score_text);
  if (row.score.status != ScoreStatus::ok && row.score.status != ScoreStatus::blank) {
    sink_.on_rejection({line, score_name, clip(score_text), score_reason(row.score.status, score_text)});
    return;
  }
  row.date_text = field(layout_.date, scratch_[1]);
  if (!row.date_text.empty()) {
    if (auto dt = parse_date_cell(row.date_text, layout_.date_format())) {
      row.has_day = true;
      row.day = bucket_day(*dt, options_.view_utc_offset_minutes);
    } else {
      row.date_unreadable = true;
    }
  }
  row.comment = field(layout_.comment, scratch_[2]);
  row.id = field(layout_.id, scratch_[3]);
  row.email = field(layout_.email, scratch_[4]);
  row.name = field(layout_.name, scratch_[5]);
  const std::size_t segments = layout_.segments.size();
  if (segment_scratch_.size() < segments) segment_scratch_.resize(segments);
  const int* const segment_columns = layout_.segments.data();
  std::string_view* const segment_cells = segment_cells_.data();
  std::string* const segment_scratch = segment_scratch_.data();
  for (std::size_t s = 0; s < segments; ++s) segment_cells[s] = field(segment_columns[s], segment_scratch[s]);
  row.segments = segment_cells_.data();
  sink_.on_row(row);
}

}  // namespace npskit
