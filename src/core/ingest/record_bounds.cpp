#include "core/ingest/record_bounds.hpp"

#include <algorithm>
#include <cstring>

namespace npskit {

std::uint64_t count_line_breaks(std::string_view bytes, bool csv, bool& cr_before) {
  if (bytes.empty()) return 0;
  auto lf = static_cast<std::uint64_t>(std::count(bytes.begin(), bytes.end(), '\n'));
  if (!csv) return lf;
  // CR counts unless an LF follows it (CRLF is one break, counted by its LF).
  std::uint64_t cr = 0;
  if (cr_before && bytes.front() == '\n') --lf;  // that LF completes the CR already counted
  for (const char* p = bytes.data(), *end = bytes.data() + bytes.size();
       (p = static_cast<const char*>(std::memchr(p, '\r', static_cast<std::size_t>(end - p)))) != nullptr;) {
    ++cr;
    if (++p == end) break;
  }
  // Each CR is one break; an LF right after a CR is not another.
  for (std::size_t i = 0; cr > 0 && i + 1 < bytes.size(); ++i)
    if (bytes[i] == '\r' && bytes[i + 1] == '\n') --lf;
  cr_before = bytes.back() == '\r';
  return lf + cr;
}

}  // namespace npskit
