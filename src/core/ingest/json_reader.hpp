#pragma once
// JSON survey exports: an array of objects, an object holding such an array, or
// NDJSON (one object per line, as the widget collector writes). Nested objects
// are flattened to dotted names ("answers.nps", "meta.country"), except keys
// inside a property bag (see kJsonPropertyBags): those are named by their own
// key ("attributes": {"Plan": ...} is the column "Plan"), so a file and a CSV
// export with a "Plan" column share the segment. See JsonTable::names().
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
// Objects whose keys are user-chosen properties of the respondent, named by the
// exports that write them: attributes (npskit collector), properties /
// person_properties (PostHog, Delighted API), user_properties, custom_properties,
// traits (Segment), metadata / hidden (Typeform), variables / contactAttributes
// (Formbricks).
bool is_json_property_bag(std::string_view key);

// The name a column is shown and chosen by, and why when it is not the plain
// dotted path.
struct JsonColumnName {
  std::string name;
  std::string note;  // non-empty: how the name was decided (for `inspect`'s why)
};

class JsonTable {
 public:
  // Full dotted paths, in order of first appearance.
  const std::vector<std::string>& columns() const { return columns_; }
  // The names of columns(), decided here once for the whole file: a key inside a
  // property bag is named by the keys after the (innermost) bag ("Plan",
  // "address.city"), unless that name is also another column's name or path;
  // then both keep their full dotted paths and `note` says so.
  std::vector<JsonColumnName> names() const;
  void freeze_columns() { frozen_ = true; }
  std::uint64_t ignored_keys() const { return ignored_keys_; }
  // The column of a flattened key, adding it when allowed; SIZE_MAX when ignored.
  // `short_name`: the keys after the innermost property bag, "" when none.
  std::size_t column_index(const std::string& name, const std::string& short_name = {});

 private:
  std::vector<std::string> columns_;
  std::vector<std::string> short_names_;  // aligned with columns_
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
