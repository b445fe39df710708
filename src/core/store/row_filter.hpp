#pragma once
// The one compiled row filter: a date range and conditions on column values
// (segment columns, or the id / e-mail / name column). The streaming analysis
// (`npskit analyze`, analyze()) and the dashboard session compile the same
// Filters with it, so they keep the same rows and refuse the same filters with
// the same message. The tallies report (report/tallies_report.cpp) uses it for
// the segment conditions over its groups (dates there are judged by whole periods).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/store/segment_dictionary.hpp"

namespace npskit {

struct SegmentFilter {
  std::string column;  // a segment column, or the id / e-mail / name column
  bool equals = true;  // eq (true) or ne (false)
  std::string value;
};

struct Filters {
  std::optional<std::int64_t> from_day, to_day;  // inclusive, days since 1970-01-01
  std::vector<SegmentFilter> where;
  bool empty() const { return !from_day && !to_day && where.empty(); }
};

// The person columns a filter may name besides segments (test traffic is usually
// recognized by an address, which is no segment).
enum class PersonField : std::uint8_t { id, email, name };

// What a filter may name: segment columns (in dictionary order) and person columns.
struct FilterColumns {
  std::vector<std::string> segments;
  std::vector<std::pair<std::string, PersonField>> person;  // column name -> the field it fills
};

class RowFilter {
 public:
  // Compiles `filters` over columns whose dictionaries hold every value already
  // (the session's row store). "" or the problem, naming the unknown column.
  std::string compile(const Filters& filters, const FilterColumns& columns,
                      const std::vector<SegmentDictionary>& dictionaries);
  // Streaming: values get codes as they appear, so each filter value is given its
  // code now (the dictionaries must be empty or hold the file's values so far).
  std::string compile_streaming(const Filters& filters, const FilterColumns& columns,
                                std::vector<SegmentDictionary>& dictionaries);

  bool has_dates() const { return from_day_ || to_day_; }
  bool empty() const { return !has_dates() && codes_.empty() && texts_.empty(); }

  // Does a row with a valid score pass? `code_of(segment)` gives the row's code in
  // that segment column; `text_of(PersonField)` its person text.
  template <class CodeOf, class TextOf>
  bool keeps(bool has_day, std::int64_t day, CodeOf&& code_of, TextOf&& text_of) const {
    if (has_dates() && (!has_day || (from_day_ && day < *from_day_) || (to_day_ && day > *to_day_))) return false;
    for (const auto& c : codes_)
      if ((static_cast<std::int64_t>(code_of(c.segment)) == c.code) != c.equals) return false;
    for (const auto& t : texts_)
      if ((text_of(t.field) == std::string_view(t.value)) != t.equals) return false;
    return true;
  }

 private:
  struct CodeCondition {
    std::size_t segment;
    std::int64_t code;  // -1: the value never occurs
    bool equals;
  };
  struct TextCondition {
    PersonField field;
    std::string value;
    bool equals;
  };
  template <class CodeFor>
  std::string compile_with(const Filters& filters, const FilterColumns& columns, CodeFor&& code_for);

  std::optional<std::int64_t> from_day_, to_day_;
  std::vector<CodeCondition> codes_;
  std::vector<TextCondition> texts_;
};

}  // namespace npskit
