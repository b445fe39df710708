#pragma once
// Files that are not survey exports, named by their first bytes (magic numbers),
// so the user hears "this is a PDF", not "the file holds NUL bytes".
#include <string>
#include <string_view>

namespace npskit {

// A message naming the kind of file and what to do instead, or "" when `head`
// does not start like a known binary format. ZIP archives (.xlsx and others) are
// not named here: a host that reads workbooks opens them (xlsx_reader.hpp).
std::string unsupported_file_message(std::string_view head);

}  // namespace npskit
