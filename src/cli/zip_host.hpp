#pragma once
// The native host of a workbook read (core/ingest/xlsx_reader.hpp): answers the
// core's requests from a file (random access) or from bytes in memory, inflating
// with zlib. Used by the CLI and by the native tests.
#include <cstdint>
#include <cstdio>
#include <functional>
#include <string>
#include <string_view>

#include "core/ingest/xlsx_reader.hpp"

namespace npskit::host {

struct WorkbookTarget {
  std::function<const ZipRequest*()> request;      // the next request, or null
  std::function<bool(std::string_view)> feed;      // false: stop feeding this request
  std::function<void()> end_request;
  std::function<bool()> done_early = [] { return false; };  // true: stop serving (inspect has its sample)
};

// Reads `length` bytes at `offset` into `out`; false on an I/O error.
using ReadAt = std::function<bool(std::uint64_t offset, char* out, std::size_t length)>;

// Serves every request; "" or an I/O / inflate problem (the core's own errors stay in the core).
std::string serve_workbook(const ReadAt& read_at, WorkbookTarget& target);
ReadAt read_from_file(std::FILE* file);
ReadAt read_from_memory(std::string_view bytes);

}  // namespace npskit::host
