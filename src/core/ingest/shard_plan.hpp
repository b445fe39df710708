#pragma once
// Where a file splits into shards: byte ranges, each read by its own session
// (analysis/shard_reader.hpp; in the dashboard, one Web Worker each), whose
// answers merge into exactly the answers of one session over the whole file.
//
// Every shard must read the file the same way, and that way (format, delimiter,
// header, column roles, date order) is decided from the file's first records.
// So each shard also reads the head [0, head_end): the bytes the format is
// sniffed from and the layout's sample records, ending at a record boundary.
// It uses the head only to decide the layout (only shard 0 keeps its rows), and
// no shard but the first starts before head_end.
//
// The plan gives each shard a candidate start; the true start is the first
// record boundary at or after it, found by speculating and verifying
// (shard_reader.hpp). Only UTF-8 CSV and NDJSON split: a JSON document is parsed
// whole, UTF-16 and workbooks are not read as a byte stream of lines, a tallies
// file holds few lines. Then the plan is one shard and says why.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/ingest/pipeline.hpp"
#include "core/ingest/record_bounds.hpp"

namespace npskit {

inline constexpr std::size_t kMaxShards = 64;

struct ShardPlan {
  std::string single_reason;        // why the file is read as one shard ("" when it splits)
  std::uint64_t file_size = 0;
  std::uint64_t head_end = 0;       // a record boundary: every shard reads [0, head_end) first
  std::uint64_t head_lines = 0;     // line breaks in the head
  char delimiter = 0;               // the CSV delimiter; 0 for NDJSON
  std::vector<std::uint64_t> starts;  // candidate starts, ascending: starts[0] = 0, the others >= head_end
};

class ShardPlanner {
 public:
  explicit ShardPlanner(IngestOptions options);
  ~ShardPlanner();
  // The file's first bytes, in order, in chunks of any size. Returns true while
  // the plan needs more of them.
  bool feed(std::string_view bytes);
  // The whole file has been fed.
  void finish();
  // Up to `shards` shards (1..kMaxShards), each at least one byte past the head.
  ShardPlan plan(std::uint64_t file_size, std::size_t shards) const;

 private:
  bool decide();
  IngestOptions options_;
  std::unique_ptr<RowSink> sink_;
  std::unique_ptr<IngestPipeline> pipeline_;
  std::string held_;  // the bytes fed (the head is at most the sample's bytes past the sniffed text)
  bool decided_ = false, finished_ = false;
  std::string single_reason_;
  std::uint64_t head_end_ = 0, head_lines_ = 0;
  char delimiter_ = 0;
};

}  // namespace npskit
