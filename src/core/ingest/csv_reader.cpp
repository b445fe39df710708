// Streaming RFC 4180 reader. A small state machine over bytes; runs of ordinary
// bytes are scanned with a lookup table and appended to one reusable record
// buffer in a single copy, so parsing allocates nothing once buffers are warm.
#include "core/ingest/csv_reader.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstring>

namespace npskit {

namespace {

constexpr char kQuote = '"';
constexpr std::array<char, 4> kCandidates = {',', ';', '\t', '|'};
constexpr std::size_t kSniffRecords = 50;  // enough lines to judge consistency

// Delimiter counts (outside quotes) of the first records of `sample`, parsed with
// the same quote rules as the reader. Blank lines are skipped. A record cut off at
// the end of the sample is dropped unless it is the only one.
std::vector<std::size_t> count_delimiters(std::string_view sample, char delim) {
  enum { field_start, unquoted, quoted, quote_in_quoted } state = field_start;
  std::vector<std::size_t> counts;
  std::size_t count = 0;
  bool in_record = false;
  for (std::size_t i = 0; i < sample.size() && counts.size() < kSniffRecords; ++i) {
    const char c = sample[i];
    if (state == quoted) {
      if (c == kQuote) state = quote_in_quoted;
      continue;  // delimiters and line breaks inside quotes do not count
    }
    if (state == quote_in_quoted && c == kQuote) {
      state = quoted;  // "" is a literal quote
      continue;
    }
    if (c == '\r' || c == '\n') {
      if (in_record) counts.push_back(count);
      count = 0;
      in_record = false;
      state = field_start;
      continue;
    }
    in_record = true;
    if (c == delim) {
      ++count;
      state = field_start;
    } else if (c == kQuote && state == field_start) {
      state = quoted;
    } else {
      state = unquoted;  // includes text after a closing quote
    }
  }
  if (in_record && counts.empty()) counts.push_back(count);
  return counts;
}

struct SniffScore {
  double consistency = 0;   // share of records whose count equals the mode
  std::size_t mode = 0;     // the most common delimiter count
};

SniffScore score(const std::vector<std::size_t>& counts) {
  SniffScore best;
  for (std::size_t candidate : counts) {
    std::size_t same = 0;
    for (std::size_t c : counts) same += (c == candidate);
    const double consistency = static_cast<double>(same) / static_cast<double>(counts.size());
    // Ties go to the larger count, so one line without decimal commas cannot make
    // "0 commas" the mode.
    if (consistency > best.consistency || (consistency == best.consistency && candidate > best.mode)) {
      best = {consistency, candidate};
    }
  }
  return best;
}

constexpr std::uint64_t kOnes = 0x0101010101010101ull;
constexpr std::uint64_t kHighs = 0x8080808080808080ull;
constexpr std::uint64_t kQuoteX8 = kOnes * '"';
constexpr std::uint64_t kCrX8 = kOnes * '\r';
constexpr std::uint64_t kLfX8 = kOnes * '\n';

// High bit set in the lowest zero byte of `v` (bits above it may be false hits,
// which countr_zero never sees).
constexpr std::uint64_t zero_bytes(std::uint64_t v) { return (v - kOnes) & ~v & kHighs; }

// First byte in [p, end) equal to one of the bytes broadcast in a, b, c (or for
// which `table` is true: the same set), or `end`.
inline const char* find_stop(const char* p, const char* end, std::uint64_t a, std::uint64_t b,
                             std::uint64_t c, const bool* table) {
  if constexpr (std::endian::native == std::endian::little) {
    while (end - p >= 8) {
      std::uint64_t w;
      std::memcpy(&w, p, 8);
      const std::uint64_t hits = zero_bytes(w ^ a) | zero_bytes(w ^ b) | zero_bytes(w ^ c);
      if (hits) return p + (std::countr_zero(hits) >> 3);
      p += 8;
    }
  }
  while (p < end && !table[static_cast<unsigned char>(*p)]) ++p;
  return p;
}

}  // namespace

char sniff_delimiter(std::string_view sample) {
  char chosen = ',';
  SniffScore best;
  for (char delim : kCandidates) {
    const auto counts = count_delimiters(sample, delim);
    if (counts.empty()) continue;
    const SniffScore s = score(counts);
    if (s.mode == 0) continue;  // never splits a line: not a delimiter
    // Consistency first (a decimal comma appears in some values, a real delimiter
    // on every line, header included); then more fields; then candidate order.
    if (s.consistency > best.consistency ||
        (s.consistency == best.consistency && s.mode > best.mode)) {
      best = s;
      chosen = delim;
    }
  }
  return chosen;
}

CsvReader::CsvReader(char delimiter, CsvScanKernel kernel)
    : delimiter_(delimiter),
      delimiter_x8_(kOnes * static_cast<unsigned char>(delimiter)),
      scan_(delimiter, kernel),
      scan_usable_(delimiter != kQuote && delimiter != '\r' && delimiter != '\n') {
  for (unsigned char c : {static_cast<unsigned char>('\r'), static_cast<unsigned char>('\n')}) {
    stop_unquoted_[c] = true;
    stop_quoted_[c] = true;
  }
  stop_unquoted_[static_cast<unsigned char>(delimiter)] = true;
  stop_quoted_[static_cast<unsigned char>(kQuote)] = true;
}

const char* CsvReader::begin_chunk(const char* p) {
  scan_resume_ = nullptr;  // a new chunk: the scanner starts again at the first record
  if (pending_lf_) {
    // The previous chunk ended in CR: an LF here is the second half of CRLF, which
    // was already counted as one line break.
    pending_lf_ = false;
    if (*p == '\n') {
      if (state_ == State::quoted) buf_.push_back('\n');
      ++p;
    }
  }
  return p;
}

const char* CsvReader::step(const char* p, const char* end) {
  switch (state_) {
    case State::field_start: return at_field_start(p, end);
    case State::unquoted: return in_unquoted(p, end);
    case State::quoted: return in_quoted(p, end);
    case State::quote_in_quoted: return after_quote(p, end);
  }
  return end;
}

void CsvReader::finish(const CsvSink& sink) {
  if (in_record_) {
    record_.unterminated_quote = (state_ == State::quoted);
    end_field();
    emit();
    sink(static_cast<const CsvRecord&>(record_));
    emitted();
  }
  reset();
}

void CsvReader::reset() {
  state_ = State::field_start;
  over_ = CsvLimit::none;
  in_record_ = false;
  pending_lf_ = false;
  line_ = 1;
  record_line_ = 1;
  buf_.clear();
  ends_.clear();
}

void CsvReader::check_size() {
  if (buf_.size() <= kMaxCsvRecordBytes) return;
  if (over_ == CsvLimit::none) over_ = CsvLimit::bytes;
  buf_.clear();  // keeps its capacity: memory stays within a few MB
  ends_.clear();
}

void CsvReader::end_field() {
  check_size();
  if (over_ != CsvLimit::none) return;
  if (ends_.size() >= kMaxCsvFields) {
    over_ = CsvLimit::fields;
    ends_.clear();
    buf_.clear();
    return;
  }
  ends_.push_back(buf_.size());
}

void CsvReader::begin_record() {
  if (!in_record_) {
    in_record_ = true;
    record_line_ = line_;
  }
}

// Consumes one line break (CR, LF or CRLF) at `p` and counts it.
const char* CsvReader::end_line(const char* p, const char* end) {
  ++line_;
  if (*p++ == '\r') {
    if (p == end) {
      pending_lf_ = true;  // the LF of a CRLF may start the next chunk
    } else if (*p == '\n') {
      ++p;
    }
  }
  return p;
}

// Reads one record lying wholly in [p, end) without copying: its fields view the
// chunk. Stage 2 of the scan: it visits only the structural bytes the scanner
// returns (quotes, line breaks, delimiters outside quotes). Returns the position
// after the record's line end, or nullptr (nothing consumed) when the record does
// not end in this chunk, breaks a limit, or needs the lenient rules (a quote in
// an unquoted field, text after a closing quote): the state machine reads those.
const char* CsvReader::read_record_direct(const char* p, const char* end) {
  if (scan_resume_ != p) scan_.start(p, end);  // p is a record start: outside quotes
  // The field views go straight into field_views_ by index (unescaped_ and
  // unescaped_fields_ are empty here: cleared after use and on a fallback).
  std::string_view* out = field_views_.data();
  std::string_view* at = out;                         // the next field's view
  std::string_view* room = out + field_views_.size();  // never more than kMaxCsvFields views
  std::uint64_t inner_lines = 0;  // line breaks inside quoted fields
  // The scanner's next() with its current bits in a local: they are stored back
  // on success (a fallback restarts the scanner anyway).
  std::uint64_t bits = scan_.bits();
  const char* block = scan_.block_start();
  const auto next = [&]() __attribute__((always_inline)) -> const char* {
    if (bits == 0) {
      if (!scan_.next_block()) return end;
      bits = scan_.bits();
      block = scan_.block_start();
    }
    const int i = std::countr_zero(bits);
    bits &= bits - 1;
    return block + i;
  };
  // The limits, checked without counting cell bytes: a record's cells are never
  // longer than the bytes it spans, so a record spanning at most
  // kMaxCsvRecordBytes is within the byte limit; a longer span goes to the state
  // machine, which counts exactly (and reads the same record when it is within).
  const char* const limit =
      static_cast<std::size_t>(end - p) > kMaxCsvRecordBytes ? p + kMaxCsvRecordBytes : end;
  const char* q = p;              // the start of the current field
  const char* t;                  // the byte that ends it: delimiter or line break
  for (;;) {
    // At the chunk's end or past a limit: the state machine reads it (and drops
    // the cells of a record over a limit).
    if (q >= limit) return direct_fallback();
    if (at == room) {  // one test for the buffer and the field limit
      const std::size_t n = static_cast<std::size_t>(at - out);
      if (n == kMaxCsvFields) return direct_fallback();
      out = grow_fields(n + 1);
      at = out + n;
      room = out + field_views_.size();
    }
    if (*q == kQuote) {
      const char* s = next();  // the opening quote itself
      const char* run = q + 1;
      bool escaped = false;
      if (unescaped_fields_.empty()) unescaped_.clear();  // holds nothing of this record
      const std::size_t offset = unescaped_.size();
      for (;;) {
        s = next();
        if (s == end || s + 1 == end) return direct_fallback();  // can't tell "" from a closing quote yet
        if (*s == kQuote) {
          if (s[1] != kQuote) break;  // the closing quote
          unescaped_.append(run, static_cast<std::size_t>(s + 1 - run));  // keep one quote
          escaped = true;
          next();  // the second quote of the pair
          run = s + 2;
          continue;
        }
        // Delimiters inside quotes are never returned, so this is a line break.
        if (*s != '\r' && *s != '\n') return direct_fallback();  // (kept honest if that ever breaks)
        ++inner_lines;  // CR, LF or CRLF inside quotes
        if (*s == '\r' && s[1] == '\n') next();
      }
      if (escaped) {
        // Its view is set once the record is whole: unescaped_ may still move.
        unescaped_.append(run, static_cast<std::size_t>(s - run));
        unescaped_fields_.push_back({static_cast<std::size_t>(at - out), offset, unescaped_.size() - offset});
        *at++ = {};
      } else {
        *at++ = std::string_view(run, static_cast<std::size_t>(s - run));
      }
      t = s + 1;  // s + 1 < end was checked above
      if (*t != delimiter_ && *t != '\r' && *t != '\n') return direct_fallback();  // "a"b: lenient path
      next();  // t itself: outside quotes now, so it is the next structural byte
    } else {
      t = next();
      if (t == end) return direct_fallback();
      if (*t == kQuote) return direct_fallback();  // a literal quote: the quote parity no longer holds
      *at++ = std::string_view(q, static_cast<std::size_t>(t - q));
    }
    if (*t != delimiter_) break;  // a line end
    q = t + 1;
  }
  if (static_cast<std::size_t>(t - p) > kMaxCsvRecordBytes) return direct_fallback();
  if (!unescaped_fields_.empty()) {
    for (const Unescaped& u : unescaped_fields_) out[u.field] = {unescaped_.data() + u.offset, u.size};
    unescaped_fields_.clear();  // unescaped_ is cleared by the next quoted field
  }
  record_.fields = {out, static_cast<std::size_t>(at - out)};
  record_.line = line_;
  record_.unterminated_quote = false;
  line_ += inner_lines;
  if (*t == '\r' && t + 1 != end && t[1] == '\n') next();  // the LF of CRLF, which end_line skips
  scan_.set_bits(bits);
  scan_resume_ = end_line(t, end);
  return scan_resume_;
}

std::string_view* CsvReader::grow_fields(std::size_t at_least) {
  const std::size_t size = std::min(kMaxCsvFields, std::max({at_least, field_views_.size() * 2, std::size_t{16}}));
  field_views_.resize(std::max(size, at_least));
  return field_views_.data();
}

// The fast path gives a record up: the scanner's position and quote parity are
// no longer known, so it restarts at the next record the fast path tries.
const char* CsvReader::direct_fallback() {
  scan_resume_ = nullptr;
  unescaped_fields_.clear();
  return nullptr;
}

const char* CsvReader::at_field_start(const char* p, const char* end) {
  const char c = *p;
  if (c == '\r' || c == '\n') {
    if (in_record_) {  // "a,<EOL>": the record ends with an empty field
      end_field();
      emit();
    }  // else: a blank line, skipped but counted
    return end_line(p, end);
  }
  begin_record();
  if (c == kQuote) {
    state_ = State::quoted;
    return p + 1;
  }
  if (c == delimiter_) {
    end_field();
    return p + 1;
  }
  state_ = State::unquoted;
  return in_unquoted(p, end);
}

const char* CsvReader::in_unquoted(const char* p, const char* end) {
  const char* q = p;
  q = find_stop(q, end, delimiter_x8_, kCrX8, kLfX8, stop_unquoted_);
  buf_.append(p, static_cast<std::size_t>(q - p));
  check_size();
  if (q == end) return q;  // the field continues in the next chunk
  end_field();
  state_ = State::field_start;
  if (*q == delimiter_) return q + 1;
  emit();
  return end_line(q, end);
}

const char* CsvReader::in_quoted(const char* p, const char* end) {
  const char* q = p;
  q = find_stop(q, end, kQuoteX8, kCrX8, kLfX8, stop_quoted_);
  buf_.append(p, static_cast<std::size_t>(q - p));
  check_size();
  if (q == end) return q;
  const char c = *q++;
  if (c == kQuote) {
    state_ = State::quote_in_quoted;
    return q;
  }
  // A line break inside quotes is field text, and still a physical line.
  buf_.push_back(c);
  ++line_;
  if (c == '\r') {
    if (q == end) {
      pending_lf_ = true;
    } else if (*q == '\n') {
      buf_.push_back('\n');
      ++q;
    }
  }
  return q;
}

const char* CsvReader::after_quote(const char* p, const char* end) {
  const char c = *p;
  if (c == kQuote) {  // "" is one literal quote
    buf_.push_back(kQuote);
    state_ = State::quoted;
    return p + 1;
  }
  if (c == delimiter_) {
    end_field();
    state_ = State::field_start;
    return p + 1;
  }
  if (c == '\r' || c == '\n') {
    end_field();
    state_ = State::field_start;
    emit();
    return end_line(p, end);
  }
  // Lenient, like Excel: text after the closing quote joins the field, and quotes
  // in it are literal.
  state_ = State::unquoted;
  return in_unquoted(p, end);
}

// Lays the buffered record out in record_; feed_records hands it to the sink
// once the step returns, then emitted() clears it.
void CsvReader::emit() {
  record_.line = record_line_;
  record_.over_limit = over_;
  std::string_view* out = ends_.size() > field_views_.size() ? grow_fields(ends_.size()) : field_views_.data();
  const char* base = buf_.data();
  std::size_t start = 0;
  for (std::size_t i = 0; i < ends_.size(); ++i) {
    out[i] = std::string_view(base + start, ends_[i] - start);
    start = ends_[i];
  }
  record_.fields = {out, ends_.size()};
  emit_pending_ = true;
}

void CsvReader::emitted() {
  emit_pending_ = false;
  record_.unterminated_quote = false;
  record_.over_limit = CsvLimit::none;
  over_ = CsvLimit::none;
  buf_.clear();
  ends_.clear();
  in_record_ = false;
}

}  // namespace npskit
