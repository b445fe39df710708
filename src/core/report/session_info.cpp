#include "core/report/session_info.hpp"

#include "core/report/report_json.hpp"
#include "core/values/civil_date.hpp"

namespace npskit {

using ojson = nlohmann::ordered_json;

ojson roles_json(const ColumnsByRole& r) {
  auto name = [](const std::optional<std::string>& s) { return s ? ojson(*s) : ojson(nullptr); };
  return {{"score", name(r.score)}, {"date", name(r.date)}, {"comment", name(r.comment)}, {"id", name(r.id)},
          {"email", name(r.email)}, {"name", name(r.name)}, {"segments", r.segments}};
}

ojson session_info_json(const InfoInputs& in) {
  ojson files = ojson::array();
  bool has_person = false, has_comment = false;
  for (const auto& f : in.files) {
    ojson columns = ojson::array();
    for (const auto& c : f.layout.columns) columns.push_back({{"name", c.name}, {"role", role_name(c.role)}, {"why", c.why}});
    const auto& n = f.counts;
    files.push_back({{"name", f.name},
                     {"source", f.source ? source_json(*f.source) : ojson(nullptr)},
                     {"columns", columns},
                     {"rows", {{"read", n.read}, {"valid", n.valid}, {"blank_score", n.blank_score},
                               {"rejected", n.rejected}, {"duplicates", n.duplicates}}},
                     {"error", f.error && !f.error->empty() ? ojson(*f.error) : ojson(nullptr)}});
    has_person = has_person || f.layout.id >= 0 || f.layout.email >= 0;
    has_comment = has_comment || f.layout.comment >= 0;
  }
  ojson segments = ojson::array();
  for (std::size_t s = 0; s < in.segment_names.size(); ++s) {
    ojson values = ojson::array();
    for (std::uint32_t c = 0; c < in.dictionaries[s].size(); ++c) values.push_back(in.dictionaries[s].value(c));
    segments.push_back({{"name", in.segment_names[s]}, {"values", values}});
  }
  return {{"files", files},
          {"rows", in.rows},
          {"segments", segments},
          {"has_person", has_person},
          {"has_comment", has_comment},
          {"date_range", in.days ? ojson::array({period_label(in.days->first, Period::day), period_label(in.days->second, Period::day)})
                                 : ojson(nullptr)},
          {"columns", roles_json(in.roles)}};
}

}  // namespace npskit
