#include "cli/zip_host.hpp"

#include <zlib.h>

#include <algorithm>
#include <cstring>
#include <vector>

namespace npskit::host {

namespace {
constexpr std::size_t kChunk = 256 * 1024;

// Raw bytes (method 0) or raw deflate (method 8, zlib windowBits -15), in chunks:
// neither the compressed nor the inflated part is ever whole in memory.
std::string serve_one(const ReadAt& read_at, const ZipRequest& r, WorkbookTarget& target) {
  std::vector<char> in(kChunk);
  if (r.method == 0) {
    for (std::uint64_t at = 0; at < r.length;) {
      const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(kChunk, r.length - at));
      if (!read_at(r.offset + at, in.data(), n)) return "cannot read the file";
      at += n;
      if (!target.feed({in.data(), n})) break;
    }
    return {};
  }
  std::vector<char> out(kChunk);
  z_stream z{};
  if (inflateInit2(&z, -15) != Z_OK) return "zlib could not start";
  std::string problem;
  int status = Z_OK;
  bool stop = false;
  for (std::uint64_t at = 0; at < r.length && status != Z_STREAM_END && !stop && problem.empty();) {
    const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(kChunk, r.length - at));
    if (!read_at(r.offset + at, in.data(), n)) {
      problem = "cannot read the file";
      break;
    }
    at += n;
    z.next_in = reinterpret_cast<Bytef*>(in.data());
    z.avail_in = static_cast<uInt>(n);
    do {  // zlib's usual loop: inflate while the output buffer fills up
      z.next_out = reinterpret_cast<Bytef*>(out.data());
      z.avail_out = static_cast<uInt>(out.size());
      status = inflate(&z, Z_NO_FLUSH);
      if (status == Z_NEED_DICT || status == Z_DATA_ERROR || status == Z_MEM_ERROR || status == Z_STREAM_ERROR) {
        problem = "the workbook part '" + r.entry + "' is damaged (its deflate data does not inflate)";
        break;
      }
      const std::size_t got = out.size() - z.avail_out;
      if (got > 0 && !target.feed({out.data(), got})) stop = true;
    } while (z.avail_out == 0 && status != Z_STREAM_END && !stop);
  }
  if (problem.empty() && !stop && status != Z_STREAM_END)
    problem = "the workbook part '" + r.entry + "' is cut off (its deflate data ends early)";
  inflateEnd(&z);
  return problem;
}
}  // namespace

std::string serve_workbook(const ReadAt& read_at, WorkbookTarget& target) {
  while (const ZipRequest* r = target.request()) {
    if (target.done_early()) return {};
    const ZipRequest request = *r;  // the core may replace it while we feed
    if (auto problem = serve_one(read_at, request, target); !problem.empty()) return problem;
    target.end_request();
  }
  return {};
}

ReadAt read_from_file(std::FILE* file) {
  return [file](std::uint64_t offset, char* out, std::size_t length) {
    if (fseeko(file, static_cast<off_t>(offset), SEEK_SET) != 0) return false;
    return std::fread(out, 1, length, file) == length;
  };
}

ReadAt read_from_memory(std::string_view bytes) {
  return [bytes](std::uint64_t offset, char* out, std::size_t length) {
    if (offset > bytes.size() || length > bytes.size() - offset) return false;
    std::memcpy(out, bytes.data() + offset, length);
    return true;
  };
}

}  // namespace npskit::host
