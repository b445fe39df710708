#pragma once
// A streaming RFC 4180 CSV reader: quoted fields holding delimiters, doubled
// quotes and line breaks; CRLF, LF or CR line ends. Text is fed in chunks of any
// size (a record may span chunks); each complete record goes to a sink.
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/ingest/csv_scan.hpp"

namespace npskit {

// Limits that keep memory flat on hostile input. A record past either limit is
// still read to its end (quotes respected, so the next record is found) but its
// cells are dropped: it comes out with no fields and `over_limit` set.
inline constexpr std::size_t kMaxCsvFields = 10'000;         // fields (columns) per record
inline constexpr std::size_t kMaxCsvRecordBytes = 1u << 20;  // cell bytes per record (1 MB)
enum class CsvLimit : std::uint8_t { none, fields, bytes };

// One record as read. `fields` (the array and the text it views) is memory owned
// by the reader, valid only during the sink call. Field text is already unquoted
// ("a""b" -> a"b).
struct CsvRecord {
  std::uint64_t line;                    // physical 1-based line where the record starts
  std::span<const std::string_view> fields;
  bool unterminated_quote = false;       // input ended inside a quoted field
  CsvLimit over_limit = CsvLimit::none;  // the record broke a limit: `fields` is empty
};

using CsvSink = std::function<void(const CsvRecord&)>;

// Where a reader stands after the text fed so far (ingest/record_bounds.hpp goes
// on from there to find where the current record ends).
struct CsvReadState {
  enum Field : std::uint8_t { field_start, unquoted, quoted, quote_in_quoted };
  Field field = field_start;
  bool in_record = false;   // the current record has consumed a byte
  bool pending_lf = false;  // the text ended in CR: a leading LF completes a CRLF
  bool at_record_start() const { return field == field_start && !in_record && !pending_lf; }
};

// Picks the delimiter among ',' ';' '\t' '|' from a sample of the text (the first
// lines): the one that splits the lines most consistently into >1 field,
// counting only delimiters outside quotes. ',' when nothing fits.
char sniff_delimiter(std::string_view sample);

class CsvReader {
 public:
  // `kernel` picks how stage 1 classifies bytes (see csv_scan.hpp); every kernel
  // reads the same records, the choice only exists so tests can compare them.
  explicit CsvReader(char delimiter, CsvScanKernel kernel = best_csv_scan_kernel());
  void feed(std::string_view text, const CsvSink& sink) { feed_records(text, sink); }
  // The same with any callable taking a `const CsvRecord&`: the hot caller (the
  // ingest pipeline) passes a lambda, which is then called directly, not through
  // std::function, and can be inlined into the loop below.
  template <class Sink>
  void feed_records(std::string_view text, Sink&& sink);
  // Emits the last record if the text did not end with a line break, then resets
  // the reader (line 1, empty state) so it can read another stream.
  void finish(const CsvSink& sink);
  char delimiter() const { return delimiter_; }
  CsvReadState read_state() const {
    return {static_cast<CsvReadState::Field>(state_), in_record_, pending_lf_};
  }

 private:
  enum class State : std::uint8_t {  // the order of CsvReadState::Field
    field_start,      // before the first byte of a field
    unquoted,         // inside an unquoted field (quotes are literal here)
    quoted,           // inside a quoted field
    quote_in_quoted,  // saw '"' in a quoted field: doubled quote or closing quote
  };
  // Each of these reads at most one record and leaves it in record_ (the fast
  // path returns non-null, a state-machine step sets emit_pending_); feed_records
  // hands it to the sink. None calls the sink itself, so none needs its type.
  const char* begin_chunk(const char* p);  // a CRLF split by the chunk boundary
  const char* read_record_direct(const char* p, const char* end);
  const char* direct_fallback();
  const char* step(const char* p, const char* end);  // one state-machine step
  const char* at_field_start(const char* p, const char* end);
  const char* in_unquoted(const char* p, const char* end);
  const char* in_quoted(const char* p, const char* end);
  const char* after_quote(const char* p, const char* end);
  const char* end_line(const char* p, const char* end);
  void begin_record();
  void end_field();
  void check_size();  // drops the record's cells once they pass kMaxCsvRecordBytes
  void emit();        // the buffered record into record_, emit_pending_ set
  [[gnu::noinline]] std::string_view* grow_fields(std::size_t at_least);  // field_views_ to hold at_least views
  void emitted();     // after the sink saw it: the buffers cleared for the next
  void reset();

  char delimiter_;
  // Byte classes: stop_unquoted_ marks delimiter/CR/LF, stop_quoted_ marks '"'/CR/LF.
  // Runs of ordinary bytes are scanned 8 at a time; the tables finish the tail.
  bool stop_unquoted_[256] = {};
  bool stop_quoted_[256] = {};
  std::uint64_t delimiter_x8_;  // the delimiter in every byte of a word
  // Stage 1 for the fast path. `scan_resume_` is where the scanner stands (after
  // the last record it walked, outside quotes), or null when it must restart.
  CsvStructuralScanner scan_;
  const char* scan_resume_ = nullptr;
  bool scan_usable_;  // false for a delimiter that is itself a quote or line break
  State state_ = State::field_start;
  CsvLimit over_ = CsvLimit::none;  // the current record broke a limit
  bool in_record_ = false;      // the current record has consumed a byte (blank lines have none)
  bool pending_lf_ = false;     // the last chunk ended in CR: a leading LF completes a CRLF
  bool emit_pending_ = false;   // a state-machine step completed a record in record_
  std::uint64_t line_ = 1;      // physical line of the next byte
  std::uint64_t record_line_ = 1;
  std::string buf_;                  // the current record's unquoted bytes, reused
  std::vector<std::size_t> ends_;    // end offset of each finished field in buf_
  CsvRecord record_{};               // reused; its fields view field_views_
  // The views of the record's fields, written by index: grown (doubling, up to
  // kMaxCsvFields) by the first records, then reused without a capacity test per
  // field beyond the one the field limit already needs.
  std::vector<std::string_view> field_views_;
  // Fast path (a record wholly inside one chunk): fields view the chunk; only a
  // field with doubled quotes is unescaped, into unescaped_.
  struct Unescaped {
    std::size_t field, offset, size;
  };
  std::string unescaped_;
  std::vector<Unescaped> unescaped_fields_;
};

template <class Sink>
void CsvReader::feed_records(std::string_view text, Sink&& sink) {
  const char* p = text.data();
  const char* const end = p + text.size();
  if (p == end) return;
  p = begin_chunk(p);
  while (p < end) {
    if (state_ == State::field_start && !in_record_ && *p != '\r' && *p != '\n' && scan_usable_) {
      if (const char* next = read_record_direct(p, end)) {
        sink(static_cast<const CsvRecord&>(record_));
        p = next;
        continue;
      }
      // The record runs past this chunk, or needs the lenient rules: the state
      // machine reads it from its start.
    }
    p = step(p, end);
    if (emit_pending_) {
      sink(static_cast<const CsvRecord&>(record_));
      emitted();
    }
  }
}

}  // namespace npskit
