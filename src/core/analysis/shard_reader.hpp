#pragma once
// One shard of a file: a SessionEngine that reads the file's head (to decide the
// layout as a whole-file read would) and then only the records that start in its
// byte range (ingest/shard_plan.hpp says why and where the ranges fall).
//
// Speculate, then verify. A shard's candidate start is a byte offset anywhere in
// the file; it starts reading past the first LF there. That is a record's start
// unless the LF lies inside a quoted field. Its end is found the same way from
// the next shard's candidate; a record that starts before the end is read to its
// own end (past it), and the first record boundary at or after the end is
// reported as `next`. The coordinator (check_shards) compares each shard's start
// with the previous shard's `next`: when they differ the shard read from a wrong
// place and is read again from the right one (rare; a record longer than a shard
// makes that shard empty). Line numbers are counted from the shard's start; once
// the shards agree, each learns the lines before it (line_shift).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/analysis/session_engine.hpp"
#include "core/ingest/shard_plan.hpp"

namespace npskit {

struct ShardRange {
  std::uint64_t begin = 0;   // where the bytes the shard is fed start
  bool begin_exact = false;  // begin is a record boundary (else: a candidate)
  std::uint64_t end = 0;     // the next shard's candidate start, or the exact end
  bool end_exact = false;
};
// Shard k's range in a plan, before any check: candidates (shard 0 and a start
// at the head's end are exact; the last shard ends at the file's end).
ShardRange planned_range(const ShardPlan& plan, std::size_t shard);

// What a shard read, for the check.
struct ShardExtent {
  std::uint64_t start = 0, next = 0;  // its records start in [start, next)
  std::uint64_t lines = 0;            // line breaks in [start, next)
};

class ShardReader {
 public:
  ShardReader(SessionEngine& engine, const ShardPlan& plan, std::size_t shard, ShardRange range, const std::string& name);
  // Shards after the first: the file's head [0, plan.head_end) first, any chunking.
  bool feed_head(std::string_view bytes);
  // Then the file's bytes from range.begin on, in order, any chunking. Returns
  // true while more are wanted (false once the range's last record was read, or
  // on an error: engine.error()).
  bool feed(std::string_view bytes);
  // No more bytes (the file's end, or the host stops once feed said enough).
  // Finishes the file in the engine. False on an error.
  bool finish();
  bool done() const { return phase_ == Phase::done; }
  const ShardExtent& extent() const { return extent_; }

 private:
  enum class Phase { head, skip, range, overhang, done };
  bool push(std::string_view bytes);  // to the engine, counting lines
  void stop(std::uint64_t next);
  bool at_record_start() const;
  bool consume(std::string_view bytes);

  SessionEngine& engine_;
  const bool csv_;
  const char delimiter_;
  const std::uint64_t head_end_;
  ShardRange range_;
  Phase phase_;
  std::uint64_t head_fed_ = 0;
  std::uint64_t pos_ = 0;                 // file offset of the next byte fed
  std::optional<std::uint64_t> end_;      // the range's end once known
  bool cr_before_ = false, head_cr_before_ = false;
  std::uint64_t head_lines_ = 0, head_empty_ = 0, head_ignored_keys_ = 0;
  std::optional<RecordBoundaryScanner> overhang_;
  ShardExtent extent_;
  bool finished_ = false;
};

// The coordinator's check of the shards' extents (in shard order), after every
// shard read its range: the first shard that must be read again, and its exact
// range; or, when all agree, each shard's line shift (the lines before it, less
// the head's, which a shard after the first counted first).
struct ShardCheck {
  std::optional<std::size_t> reread;
  ShardRange range;
  std::vector<std::int64_t> line_shift;
};
ShardCheck check_shards(const ShardPlan& plan, const std::vector<ShardExtent>& extents);

}  // namespace npskit
