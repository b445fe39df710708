#pragma once
// Rows -> a TallyTable (`npskit tally`): each row's score counted in the group of
// its period and segment values. Rows with a blank score are counted per group;
// rejected records (no usable score, or unreadable) carry no group, so they are
// counted in the undated group with every segment blank, which the SQL that
// npskit generates does the same way (src/core/sql).
#include <string>
#include <vector>

#include "core/ingest/response_row.hpp"
#include "core/store/segment_dictionary.hpp"
#include "core/ingest/tally_table.hpp"
#include "core/text/comment_analytics.hpp"
#include <memory>

namespace npskit {

class TallyBuilder final : public RowSink {
 public:
  // unit: the period of the groups, or none for no period column.
  explicit TallyBuilder(std::optional<Period> unit) { table_.unit = unit; }
  void on_layout(const Layout& layout) override;
  void on_row(const ResponseRow& row) override;
  void on_rejection(Rejection rejection) override;
  // Also count comments (themes, sentiment, keyphrases) of the valid rows, as
  // `npskit analyze --comments` does, into a partial that adds up across parts.
  void count_comments(text::ThemeDictionary themes);
  // The comment counts (null unless count_comments was called) and their segment
  // columns and values, for report/comments_json.hpp comment_partial_json.
  const text::CommentAnalytics* comments() const { return comments_.get(); }
  text::CommentReportContext comment_context() const;
  const std::string& error() const { return error_; }
  // The table, with segment values decoded (blank values as "").
  TallyTable table() const;

 private:
  struct CodedKey {
    std::optional<std::int64_t> period;
    std::vector<std::uint32_t> codes;
    friend bool operator<(const CodedKey& a, const CodedKey& b) {  // no <=> for optional in libc++ 13
      return a.period != b.period ? a.period < b.period : a.codes < b.codes;
    }
  };
  GroupCounts& at(const CodedKey& key) { return groups_[key]; }
  TallyTable table_;
  std::vector<SegmentDictionary> dicts_;  // bounds each column's values (past 1000: "(other)")
  std::map<CodedKey, GroupCounts> groups_;
  std::vector<std::uint32_t> codes_;
  std::unique_ptr<text::CommentAnalytics> comments_;
  std::string error_;
};

}  // namespace npskit
