#pragma once
// JSON survey exports: an array of objects, an object holding such an array, or
// NDJSON (one object per line, as the widget collector writes). Nested objects
// are flattened to dotted names ("answers.nps", "meta.country").
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace npskit {

struct JsonRecord {
  std::uint64_t line;                      // record number (array) or physical line (NDJSON)
  std::vector<std::string_view> fields;    // aligned with JsonTable::columns; "" when absent
  std::string_view error;                  // non-empty: the record is unusable, and why
};
using JsonSink = std::function<void(const JsonRecord&)>;

// Column names: the union of the flattened keys, in order of first appearance in
// the text (records are read as a stream of events, never as a whole tree, so a
// record's keys keep their document order and memory stays flat however many
// keys it holds). Keys first seen after `freeze_columns()`, or past
// kMaxJsonColumns, are ignored (and counted).
class JsonTable {
 public:
  const std::vector<std::string>& columns() const { return columns_; }
  void freeze_columns() { frozen_ = true; }
  std::uint64_t ignored_keys() const { return ignored_keys_; }
  // The column of a flattened key, adding it when allowed; SIZE_MAX when ignored.
  std::size_t column_index(const std::string& name);

 private:
  std::vector<std::string> columns_;
  std::vector<std::pair<std::string, std::size_t>> index_;  // sorted for lookup
  bool frozen_ = false;
  std::uint64_t ignored_keys_ = 0;
};

// Reads a whole JSON document (array, or object holding an array of records).
// Returns an error message, or "" on success.
std::string read_json_document(std::string_view text, JsonTable& table, const JsonSink& sink);

// Reads NDJSON text in chunks; lines may span chunks.
class NdjsonReader {
 public:
  explicit NdjsonReader(JsonTable& table) : table_(table) {}
  void feed(std::string_view text, const JsonSink& sink);
  void finish(const JsonSink& sink);

 private:
  void emit_line(std::string_view line, const JsonSink& sink);
  JsonTable& table_;
  void reject_long_line(const JsonSink& sink);
  std::string partial_;
  bool oversized_ = false;  // the current line passed kMaxNdjsonLineBytes: skipped to its end
  std::uint64_t line_ = 0;
};

// Deepest [ / { nesting outside strings: guards the recursive parser.
std::size_t json_nesting_depth(std::string_view text);
inline constexpr std::size_t kMaxJsonDepth = 256;
// Limits that keep memory and time bounded on hostile input.
inline constexpr std::size_t kMaxJsonColumns = 10'000;             // flattened keys; later new keys are ignored (counted)
inline constexpr std::size_t kMaxNdjsonLineBytes = 1u << 20;        // one NDJSON record (1 MB); longer lines are rejected
inline constexpr std::size_t kMaxJsonDocumentBytes = 64u << 20;     // a whole JSON document (64 MB), parsed in memory

}  // namespace npskit
