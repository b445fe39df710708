#include "core/ingest/shard_plan.hpp"

#include <algorithm>

#include "core/ingest/tallies_reader.hpp"
#include "core/ingest/xlsx_reader.hpp"

namespace npskit {

namespace {
// The planner only needs the layout decided: rows go nowhere.
class NoRows final : public RowSink {
 public:
  void on_layout(const Layout&) override {}
  void on_row(const ResponseRow&) override {}
  void on_rejection(Rejection) override {}
};
constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
}  // namespace

ShardPlanner::ShardPlanner(IngestOptions options)
    : options_(std::move(options)), sink_(std::make_unique<NoRows>()), pipeline_(std::make_unique<IngestPipeline>(options_, *sink_)) {}
ShardPlanner::~ShardPlanner() = default;

bool ShardPlanner::feed(std::string_view bytes) {
  if (decided_ || bytes.empty()) return !decided_;
  if (held_.empty()) {  // the first bytes name the files that are not a stream of lines
    if (looks_like_zip(bytes)) single_reason_ = "a workbook is read by random access, not as lines";
    else if (looks_like_tallies(bytes)) single_reason_ = "a tallies file is read as one shard (it holds one line per group)";
    if (!single_reason_.empty()) {
      decided_ = true;
      return false;
    }
  }
  held_.append(bytes);
  pipeline_->feed(bytes);
  return !decide();
}

void ShardPlanner::finish() {
  finished_ = true;
  if (decided_) return;
  pipeline_->finish();
  if (decide() && !single_reason_.empty()) return;  // its format, encoding or a failure says why
  // The file ended before its layout's sample was complete: a shard's own reading
  // of the head could not know the file ends there (its sample would stay open
  // past the head, and what the head counted would land in the wrong shard).
  decided_ = true;
  single_reason_ = "the file is no longer than the head its layout is decided from";
}

// Whether the plan is known: the file cannot split, or the head's end was found.
bool ShardPlanner::decide() {
  if (decided_) return true;
  const auto& P = *pipeline_;
  auto single = [&](std::string why) {
    single_reason_ = std::move(why);
    decided_ = true;
    return true;
  };
  if (P.failed()) return single("the file cannot be read as a whole (" + P.error() + ")");
  const auto& source = P.source();
  if (source.format == Format::unknown) return false;
  if (source.encoding == Encoding::utf16le || source.encoding == Encoding::utf16be)
    return single("UTF-16 text is read as one shard (its line breaks are two bytes wide)");
  if (source.format == Format::json) return single("a JSON document is parsed whole (NDJSON and CSV split)");
  if (source.format != Format::csv && source.format != Format::ndjson) return single("only CSV and NDJSON split");
  if (!P.layout_known() || P.sample().empty()) return false;
  // The head ends at the first record boundary past both the sniffed text and
  // the last sample record (bytes: the text plus a BOM).
  const std::uint64_t last_sample_line = P.sample().back().line;
  const std::uint64_t min_end = options_.format_sniff_bytes + kUtf8Bom.size();
  const std::size_t bom = std::string_view(held_).substr(0, 3) == kUtf8Bom ? 3 : 0;
  delimiter_ = source.format == Format::csv ? source.delimiter : 0;
  RecordBoundaryScanner scanner(delimiter_);
  scanner.scan(std::string_view(held_).substr(bom), [&](std::uint64_t offset, std::uint64_t lines) {
    return offset + bom >= min_end && lines >= last_sample_line;
  });
  if (!scanner.found()) return false;
  head_end_ = scanner.offset() + bom;
  head_lines_ = scanner.lines();
  decided_ = true;
  return true;
}

ShardPlan ShardPlanner::plan(std::uint64_t file_size, std::size_t shards) const {
  ShardPlan p;
  p.file_size = file_size;
  p.starts = {0};
  p.single_reason = single_reason_;
  if (!decided_) p.single_reason = finished_ ? "the file is no longer than its head" : "the head was not read to its end";
  if (!p.single_reason.empty()) return p;
  p.head_end = head_end_;
  p.head_lines = head_lines_;
  p.delimiter = delimiter_;
  shards = std::clamp<std::size_t>(shards, 1, kMaxShards);
  for (std::size_t k = 1; k < shards; ++k) {
    const auto c = std::max<std::uint64_t>(head_end_, file_size / shards * k + file_size % shards * k / shards);
    if (c < file_size && c > p.starts.back()) p.starts.push_back(c);
  }
  if (p.starts.size() == 1 && shards > 1) p.single_reason = "the file is no longer than its head (the layout's sample)";
  return p;
}

}  // namespace npskit
