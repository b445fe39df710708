#pragma once
// Reads tallies files (docs/scale.md, "The tallies format") into one TallyTable:
// CSV (any of , ; tab |), or JSON (an array of objects, NDJSON, or an object whose
// "data" array holds them, as ClickHouse's FORMAT JSON writes). Several files add
// up. Detected by its first column, so no option is needed.
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/ingest/csv_reader.hpp"
#include "core/ingest/tally_table.hpp"

namespace npskit {

// True when these first bytes of a file start a tallies file (CSV header whose
// first cell is npskit_tallies, or JSON whose first object has that key).
bool looks_like_tallies(std::string_view head);

class TalliesReader {
 public:
  // Stops JSON input from holding unbounded memory (tallies are small: one line per group).
  static constexpr std::size_t kMaxJsonBytes = std::size_t{1} << 30;

  void begin_file(std::string name);
  bool feed(std::string_view bytes);  // false once the input is unusable: error() says why
  bool end_file();
  const std::string& error() const { return error_; }
  const TallyTable& table() const { return table_; }
  std::size_t files() const { return files_; }
  std::uint64_t records() const { return records_; }  // tallies lines read, all files
  // The "comments" parts of partial files ({"npskit_partial": 1, "tallies": [...],
  // "comments": {...}}), for the analysis to add up (text/comment_partial.cpp);
  // files_without_comments counts the files that had none.
  const std::vector<nlohmann::ordered_json>& comment_partials() const { return comment_partials_; }
  std::size_t files_without_comments() const { return files_ - comment_partials_.size(); }

 private:
  enum class Kind { unknown, csv, json };
  void on_csv(const CsvRecord& record);
  bool header(const std::vector<std::string>& names, std::uint64_t line);
  // One group: cells by column, as text ("" for null). Adds it to file_.
  bool group(const std::vector<std::string>& cells, std::uint64_t line);
  bool parse_json();
  bool fail(std::uint64_t line, const std::string& why);
  // Decides CSV or JSON (and the delimiter) from head_ once it can, then feeds it.
  bool start(bool at_end);
  bool feed_known(std::string_view bytes);
  // The file's first bytes, held until they decide its kind (bounded: past this
  // much leading space the kind is decided by what is there).
  static constexpr std::size_t kMaxHeadBytes = 64 * 1024;
  std::string head_;

  std::string name_;
  Kind kind_ = Kind::unknown;
  std::unique_ptr<CsvReader> csv_;
  std::string json_;
  bool have_header_ = false;
  // Column positions of this file.
  std::vector<std::string> columns_;
  int unit_col_ = -1, period_col_ = -1, blank_col_ = -1, rejected_col_ = -1;
  int score_col_[11];
  std::vector<int> segment_cols_;
  bool unit_seen_ = false;
  TallyTable file_;   // this file's groups
  TallyTable table_;  // all files so far
  std::size_t files_ = 0;
  std::uint64_t records_ = 0;
  std::vector<nlohmann::ordered_json> comment_partials_;
  std::string error_;
};

}  // namespace npskit
