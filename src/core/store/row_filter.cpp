#include "core/store/row_filter.hpp"

#include <algorithm>

namespace npskit {

namespace {
// "'Country', 'Plan'" or "none": listed in the message of an unknown filter column.
std::string quoted_names(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "'" : ", '") + n + "'";
  return out.empty() ? "none" : out;
}
}  // namespace

template <class CodeFor>
std::string RowFilter::compile_with(const Filters& filters, const FilterColumns& columns, CodeFor&& code_for) {
  from_day_ = filters.from_day;
  to_day_ = filters.to_day;
  codes_.clear();
  texts_.clear();
  for (const auto& f : filters.where) {
    const auto seg = std::find(columns.segments.begin(), columns.segments.end(), f.column);
    if (seg != columns.segments.end()) {
      const auto s = static_cast<std::size_t>(seg - columns.segments.begin());
      codes_.push_back({s, code_for(s, f.value), f.equals});
      continue;
    }
    const auto person = std::find_if(columns.person.begin(), columns.person.end(),
                                     [&](const auto& p) { return p.first == f.column; });
    if (person != columns.person.end()) {
      texts_.push_back({person->second, f.value, f.equals});
      continue;
    }
    return "filter column '" + f.column + "' is neither a segment column nor the id, e-mail or name column (segments: " +
           quoted_names(columns.segments) + ")";
  }
  return {};
}

std::string RowFilter::compile(const Filters& filters, const FilterColumns& columns,
                               const std::vector<SegmentDictionary>& dictionaries) {
  return compile_with(filters, columns, [&](std::size_t s, const std::string& value) -> std::int64_t {
    return s < dictionaries.size() ? dictionaries[s].find(value) : -1;
  });
}

std::string RowFilter::compile_streaming(const Filters& filters, const FilterColumns& columns,
                                         std::vector<SegmentDictionary>& dictionaries) {
  return compile_with(filters, columns, [&](std::size_t s, const std::string& value) -> std::int64_t {
    return dictionaries[s].code(value);
  });
}

}  // namespace npskit
