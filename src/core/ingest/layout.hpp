#pragma once
// How a table is laid out: how many header rows it has, what its columns are
// called, and which column plays which role (score, date, comment, id, email,
// name, segments). Decided once from a sample of the first records, by header
// words and by content; every role can be overridden by name.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/values/datetime.hpp"

namespace npskit {

struct SampleRecord {
  std::uint64_t line;
  std::vector<std::string> fields;
  bool unterminated_quote = false;  // CSV: input ended inside a quoted field
  std::string error;                // JSON: the record is unusable, and why
};

enum class Role { ignored, score, date, comment, id, email, name, segment };
const char* role_name(Role r);

struct ColumnOverrides {
  std::optional<std::string> score, date, comment, id, email, name;
  std::optional<std::vector<std::string>> segments;
};

struct ColumnLayout {
  std::string name;                      // as in the file (first header row), made unique
  std::vector<std::string> header_text;  // the cell of every header row
  Role role = Role::ignored;
  std::string why;                       // why this role, in words (for `inspect`)
};

struct Layout {
  std::size_t header_rows = 0;  // CSV: 1..3 records; JSON: 0 (names are keys)
  std::vector<ColumnLayout> columns;
  int score = -1, date = -1, comment = -1, id = -1, email = -1, name = -1;
  std::vector<int> segments;
  DateOrder date_order = DateOrder::unknown;
  bool date_is_unix = false;
  bool date_is_serial = false;         // spreadsheet serial days ("45720.71")
  bool date_two_digit_years = false;   // slash dates written 3/4/25 (Microsoft Forms)
  DateColumnFormat date_format() const {
    return {date_order, date_two_digit_years,
            date_is_serial ? DateColumnFormat::Numbers::spreadsheet_serial
                           : date_is_unix ? DateColumnFormat::Numbers::unix_seconds : DateColumnFormat::Numbers::none};
  }
  // Other score candidates as good as the one used (by name): the report names
  // them all in a "score_tie" notice instead of picking one in silence.
  std::vector<std::string> score_tied_with;
};

// Segment columns hold at most this many distinct values in the sample.
inline constexpr std::size_t kMaxSegmentValuesInSample = 50;
// Segment columns at most (each holds tallies per value; 10,000 detected ones would
// cost GBs): detection stops there and says so; more named ones are refused.
inline constexpr std::size_t kMaxSegmentColumns = 50;

// The error of a file with no score column (analyze fails with it; inspect shows
// it beside the columns). Plain words: the CLI adds its own "--score" hint.
inline constexpr const char* kNoScoreColumnError = "No column holds 0-10 scores. Choose the score column.";

struct LayoutResult {
  Layout layout;
  std::string error;  // non-empty: unusable (no score column, unknown override, ...)
  // No column holds 0-10 scores: `layout` still names every column and says why
  // each is not the score (for `inspect` and the dashboard's column picker).
  bool no_score_column = false;
};

// The column names for a message: at most 10, each at most 40 bytes (the rest
// counted), so a file of a million columns still gives a one-line message.
std::string column_list(const Layout& layout);

// `has_header`: CSV (true: first record is the header; up to 2 more may be extra
// header rows) or JSON (false: `names` are the flattened keys).
LayoutResult detect_layout(const std::vector<SampleRecord>& sample, bool has_header,
                           const std::vector<std::string>& names, const ColumnOverrides& overrides);

}  // namespace npskit
