#include "core/ingest/zip_archive.hpp"

namespace npskit {

namespace {
std::uint64_t le(std::string_view b, std::size_t at, int bytes) {
  std::uint64_t v = 0;
  for (int i = bytes - 1; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(b[at + static_cast<std::size_t>(i)]);
  return v;
}
constexpr std::uint32_t kEocd = 0x06054b50, kZip64Locator = 0x07064b50, kZip64Eocd = 0x06064b50,
                        kCentral = 0x02014b50, kLocal = 0x04034b50;
const char* const kDamaged = "the ZIP container is damaged: ";
}  // namespace

std::string find_zip_directory(std::string_view tail, std::uint64_t file_size, ZipDirectoryLocation& out) {
  if (tail.size() < 22) return std::string(kDamaged) + "too short to hold a ZIP directory";
  // The last EOCD signature whose comment length reaches exactly the end of the file.
  for (std::size_t at = tail.size() - 22 + 1; at-- > 0;) {
    if (le(tail, at, 4) != kEocd) continue;
    if (at + 22 + le(tail, at + 20, 2) != tail.size()) continue;
    out.entries = le(tail, at + 10, 2);
    out.size = le(tail, at + 12, 4);
    out.offset = le(tail, at + 16, 4);
    const std::uint64_t tail_start = file_size - tail.size();
    if (at >= 20 && le(tail, at - 20, 4) == kZip64Locator) {
      out.zip64_record_offset = le(tail, at - 20 + 8, 8);
      if (*out.zip64_record_offset + 56 > file_size) return std::string(kDamaged) + "the ZIP64 record lies past the end";
      return {};
    }
    if (out.offset + out.size > tail_start + at) return std::string(kDamaged) + "its directory lies past the end";
    return {};
  }
  return std::string(kDamaged) + "no end-of-directory record (a cut-off download?)";
}

std::string read_zip64_record(std::string_view record, std::uint64_t file_size, ZipDirectoryLocation& out) {
  if (record.size() < 56 || le(record, 0, 4) != kZip64Eocd) return std::string(kDamaged) + "bad ZIP64 record";
  out.entries = le(record, 32, 8);
  out.size = le(record, 40, 8);
  out.offset = le(record, 48, 8);
  if (out.offset > file_size || out.size > file_size - out.offset)
    return std::string(kDamaged) + "its directory lies past the end";
  return {};
}

std::string read_zip_directory(std::string_view d, const ZipDirectoryLocation& where, std::uint64_t file_size,
                               std::vector<ZipEntry>& out) {
  out.clear();
  std::size_t at = 0;
  while (at + 46 <= d.size()) {
    if (le(d, at, 4) != kCentral) return std::string(kDamaged) + "bad directory entry";
    if (out.size() >= kZipMaxEntries)
      return "the ZIP holds more than " + std::to_string(kZipMaxEntries) + " entries (the limit)";
    ZipEntry e;
    e.flags = static_cast<std::uint16_t>(le(d, at + 8, 2));
    e.method = static_cast<std::uint16_t>(le(d, at + 10, 2));
    e.compressed_size = le(d, at + 20, 4);
    e.inflated_size = le(d, at + 24, 4);
    const std::size_t name_len = le(d, at + 28, 2), extra_len = le(d, at + 30, 2), comment_len = le(d, at + 32, 2);
    e.local_header_offset = le(d, at + 42, 4);
    if (at + 46 + name_len + extra_len + comment_len > d.size()) return std::string(kDamaged) + "directory entry cut off";
    e.name.assign(d.substr(at + 46, name_len));
    // ZIP64 extended information (id 1): 8-byte values for the fields saturated at 0xFFFFFFFF, in this order.
    std::string_view extra = d.substr(at + 46 + name_len, extra_len);
    while (extra.size() >= 4) {
      const std::size_t id = le(extra, 0, 2), len = le(extra, 2, 2);
      if (4 + len > extra.size()) break;
      if (id == 1) {
        std::size_t p = 4;
        auto take = [&](std::uint64_t& field) {
          if (field == 0xFFFFFFFFu && p + 8 <= 4 + len) {
            field = le(extra, p, 8);
            p += 8;
          }
        };
        take(e.inflated_size);
        take(e.compressed_size);
        take(e.local_header_offset);
      }
      extra.remove_prefix(4 + len);
    }
    if (e.local_header_offset > file_size || e.compressed_size > file_size - e.local_header_offset)
      return std::string(kDamaged) + "entry '" + e.name + "' lies past the end of the file";
    out.push_back(std::move(e));
    at += 46 + name_len + extra_len + comment_len;
  }
  if (out.size() != where.entries && where.entries != 0xFFFF)
    return std::string(kDamaged) + "the directory lists " + std::to_string(out.size()) + " entries, the end record " +
           std::to_string(where.entries);
  return {};
}

std::string read_local_header(std::string_view h, const ZipEntry& entry, std::uint64_t file_size,
                              std::uint64_t& data_offset) {
  if (h.size() < kZipLocalHeaderBytes || le(h, 0, 4) != kLocal)
    return std::string(kDamaged) + "bad local header for '" + entry.name + "'";
  data_offset = entry.local_header_offset + kZipLocalHeaderBytes + le(h, 26, 2) + le(h, 28, 2);
  if (data_offset > file_size || entry.compressed_size > file_size - data_offset)
    return std::string(kDamaged) + "entry '" + entry.name + "' runs past the end of the file";
  return {};
}

}  // namespace npskit
