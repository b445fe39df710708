#pragma once
// One data record after ingest: its score read, its date bucketed, and the
// cells of the other roles picked out. The hand-over point between ingest and
// the analyses (streaming aggregation, or the dashboard's row store).
#include <cstdint>
#include <string>
#include <string_view>

#include "core/ingest/layout.hpp"
#include "core/values/score.hpp"

namespace npskit {

struct ResponseRow {
  std::uint64_t line;  // physical line (CSV) or record number (JSON)
  ScoreCell score;     // ok or blank (rejected records go to on_rejection)
  bool has_day = false;
  std::int64_t day = 0;          // days since 1970-01-01, when has_day
  bool date_unreadable = false;  // a date cell that is not empty but not a date either
  std::string_view date_text;
  const std::string_view* segments = nullptr;  // one per Layout::segments
  std::string_view comment, id, email, name;
};

// Bytes of a column name a listed rejection or warning keeps (cut with "…").
inline constexpr std::size_t kMaxColumnInRejection = 200;

struct Rejection {
  std::uint64_t line;
  std::string column;
  std::string value;
  std::string reason;
};

class RowSink {
 public:
  virtual ~RowSink() = default;
  virtual void on_layout(const Layout& layout) = 0;
  virtual void on_row(const ResponseRow& row) = 0;
  virtual void on_rejection(Rejection rejection) = 0;
};

}  // namespace npskit
