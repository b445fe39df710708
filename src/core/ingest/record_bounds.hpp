#pragma once
// Where records start in the raw bytes of a CSV or NDJSON file: what splits a
// file into shards (ingest/shard_plan.hpp, analysis/shard_reader.hpp).
//
// A record boundary is a byte offset at which the reader (csv_reader.hpp) would
// start a new record: just past a line break outside quotes (CRLF counts as one
// break: the boundary is past its LF). For NDJSON every LF is one. The scanner
// follows the CSV reader's quote rules exactly (a quote opens a quoted field
// only at a field's start; "" inside quotes is a quote; text after a closing
// quote and quotes inside an unquoted field are literal), which is why it can go
// on from a reader's CsvReadState.
#include <cstdint>
#include <string_view>

#include "core/ingest/csv_reader.hpp"

namespace npskit {

class RecordBoundaryScanner {
 public:
  // delimiter: the CSV delimiter, or 0 for NDJSON (records are lines).
  explicit RecordBoundaryScanner(char delimiter, CsvReadState from = {}) : delimiter_(delimiter), s_(from) {
    pending_cr_ = from.pending_lf && !from.in_record && from.field == CsvReadState::field_start;
    skip_lf_ = from.pending_lf && from.field == CsvReadState::quoted;
  }

  // Reads the next bytes of the stream until the first boundary at which
  // accept(offset, lines) holds (offset: bytes scanned so far, in all calls;
  // lines: line breaks before it). Returns how many of `bytes` were consumed:
  // the boundary is then offset() (found() is true), or all of them.
  template <class Accept>
  std::size_t scan(std::string_view bytes, Accept&& accept);
  // The input ended: its end is a boundary (the last record ends there).
  bool found() const { return found_; }
  std::uint64_t offset() const { return offset_; }
  std::uint64_t lines() const { return lines_; }

 private:
  char delimiter_;
  CsvReadState s_;
  bool pending_cr_ = false;  // a CR ended a line outside quotes: the boundary is past an LF that may follow
  bool skip_lf_ = false;     // a CR inside quotes: an LF right after it is the same line break
  bool found_ = false;
  std::uint64_t offset_ = 0, lines_ = 0;
};

template <class Accept>
std::size_t RecordBoundaryScanner::scan(std::string_view bytes, Accept&& accept) {
  found_ = false;
  std::size_t i = 0;
  const std::size_t n = bytes.size();
  auto boundary = [&]() {  // at offset_ (i bytes consumed)
    if (accept(offset_, lines_)) found_ = true;
    return found_;
  };
  if (delimiter_ == 0) {  // NDJSON: lines
    while (i < n) {
      const char c = bytes[i++];
      ++offset_;
      if (c == '\n') {
        ++lines_;
        if (boundary()) return i;
      }
    }
    return i;
  }
  using F = CsvReadState;
  while (i < n) {
    const char c = bytes[i];
    if (pending_cr_) {  // the byte after a CR that ended a line
      pending_cr_ = false;
      if (c == '\n') {
        ++i;
        ++offset_;
      }
      if (boundary()) return i;
      continue;
    }
    if (skip_lf_) {
      skip_lf_ = false;
      if (c == '\n') {
        ++i;
        ++offset_;
        continue;
      }
    }
    ++i;
    ++offset_;
    if (s_.field == F::quoted) {
      if (c == '"') s_.field = F::quote_in_quoted;
      else if (c == '\r' || c == '\n') {
        ++lines_;  // a line break inside quotes: field text, still a line
        skip_lf_ = c == '\r';
      }
      continue;
    }
    if (c == '\r' || c == '\n') {  // outside quotes: the record (or a blank line) ends
      ++lines_;
      s_ = {};
      if (c == '\r') {
        pending_cr_ = true;
        continue;
      }
      if (boundary()) return i;
      continue;
    }
    switch (s_.field) {
      case F::field_start:
        s_.in_record = true;
        if (c == '"') s_.field = F::quoted;
        else if (c != delimiter_) s_.field = F::unquoted;
        break;
      case F::unquoted:
        if (c == delimiter_) s_.field = F::field_start;
        break;
      case F::quote_in_quoted:
        if (c == '"') s_.field = F::quoted;  // "" is a literal quote
        else if (c == delimiter_) s_.field = F::field_start;
        else s_.field = F::unquoted;  // text after the closing quote joins the field
        break;
      case F::quoted: break;
    }
  }
  return i;
}

// Line breaks in a run of bytes as the readers count them (CSV: CR, LF and CRLF
// each one; NDJSON: LF). `cr_before`: the previous run ended in CR (updated).
std::uint64_t count_line_breaks(std::string_view bytes, bool csv, bool& cr_before);

}  // namespace npskit
