#pragma once
// Notices: what npskit is unsure of or could not do, shown next to the result
// (docs/report.md, "notices"). This file is the one place that decides them;
// the CLI, the JS API and the dashboard only print or render them.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/analysis/columns_by_role.hpp"
#include "core/ingest/pipeline.hpp"
#include "core/ingest/row_counts.hpp"
#include "core/ingest/layout.hpp"
#include "core/stats/tally.hpp"

namespace npskit {

struct Notice {
  std::string code;                   // stable machine code: "score_tie", "rejected_rows", ...
  bool warning = true;                // false: "info"
  std::optional<Role> role;           // the role it is about
  std::vector<std::string> columns;   // columns it names
  std::optional<std::uint64_t> count; // when it counts cells or rows
  std::string message;                // a plain sentence for a marketer (no CLI flags)
  std::optional<std::string> fix;     // "pick_score" | "pick_date" | "pick_comment" | "show_rejections"
};

// Notices of a report: the layout's doubts, then what the counted rows show.
// `scores`: the tally of every counted response.
std::vector<Notice> report_notices(const ColumnsByRole& columns, const RowCounts& counts, const Tally& scores,
                                   double confidence);

// Notices of an inspection, from the layout and the sampled records alone.
// `no_score`: the layout found no score column.
std::vector<Notice> inspection_notices(const Layout& layout, const std::vector<SampleRecord>& sample, bool no_score);

// Notices about how the source was read: a workbook with several sheets gives
// `xlsx_other_sheets`, naming the sheets not read.
std::vector<Notice> source_notices(const SourceInfo& source);

nlohmann::ordered_json notices_json(const std::vector<Notice>& notices);

}  // namespace npskit
