#pragma once
// The ZIP container of a workbook, read from its directory: the end-of-central-
// directory record (and its ZIP64 form), the central directory entries, and each
// entry's local header. Pure bookkeeping over bytes the host hands in; the
// inflating itself is the host's (zlib, DecompressionStream, node:zlib).
// Layout per PKWARE APPNOTE 6.3: EOCD 0x06054b50, ZIP64 EOCD locator 0x07064b50,
// ZIP64 EOCD 0x06064b50, central header 0x02014b50, local header 0x04034b50.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace npskit {

struct ZipEntry {
  std::string name;
  std::uint16_t method = 0;  // 0 stored, 8 deflate
  std::uint16_t flags = 0;   // bit 0: encrypted
  std::uint64_t compressed_size = 0;
  std::uint64_t inflated_size = 0;
  std::uint64_t local_header_offset = 0;
};

// The EOCD record lies in the last 22..65,557 bytes (22 + a comment of up to 64 KB).
inline constexpr std::uint64_t kZipTailBytes = 22 + 65535;
inline constexpr std::size_t kZipMaxEntries = 100'000;
inline constexpr std::uint64_t kZipMaxDirectoryBytes = 64u << 20;

// Where the central directory is, read from the file's tail.
struct ZipDirectoryLocation {
  std::uint64_t offset = 0, size = 0, entries = 0;
  // ZIP64: the tail named a ZIP64 EOCD record at this offset that must be read first.
  std::optional<std::uint64_t> zip64_record_offset;
};

// `tail` is the file's last bytes (up to kZipTailBytes), `file_size` the whole size.
// Empty error: found. Otherwise why the file is not a readable ZIP.
std::string find_zip_directory(std::string_view tail, std::uint64_t file_size, ZipDirectoryLocation& out);
// The ZIP64 end-of-central-directory record (56 bytes at zip64_record_offset).
std::string read_zip64_record(std::string_view record, std::uint64_t file_size, ZipDirectoryLocation& out);
// The central directory's bytes, parsed into entries.
std::string read_zip_directory(std::string_view directory, const ZipDirectoryLocation& where,
                               std::uint64_t file_size, std::vector<ZipEntry>& out);
// The fixed 30-byte local header of `entry`: gives where its data starts.
std::string read_local_header(std::string_view header, const ZipEntry& entry, std::uint64_t file_size,
                              std::uint64_t& data_offset);
inline constexpr std::size_t kZipLocalHeaderBytes = 30;

}  // namespace npskit
