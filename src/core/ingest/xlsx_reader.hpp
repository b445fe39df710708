#pragma once
// An .xlsx workbook read through its host. The core never inflates and never
// needs the whole file: it asks for byte ranges, one request at a time, and the
// host answers each by feeding the bytes in chunks of any size.
//
//   while (const ZipRequest* r = reader.request()) {
//     read file bytes [r->offset, r->offset + r->length);
//     if (r->method == 8) inflate them as raw deflate (zlib windowBits -15,
//                         DecompressionStream('deflate-raw'), zlib.createInflateRaw);
//     feed the result in chunks while feed() returns true; then end_request().
//   }
//
// The requests: the file's tail (end of central directory), the central
// directory, then for each part needed a local header (30 bytes) and the part's
// data: workbook.xml, its relationships, styles.xml, sharedStrings.xml, and one
// worksheet at a time, whose rows go to the record callback as they are inflated.
// Zip-bomb guards: each part's declared size against a limit for its kind and
// against its compressed size (ratio), and the bytes fed against the declared size.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ingest/xlsx_parts.hpp"
#include "core/ingest/zip_archive.hpp"

namespace npskit {

struct ZipRequest {
  std::uint64_t offset = 0, length = 0;  // bytes of the file
  int method = 0;                        // 0: feed them as they are; 8: inflate (raw deflate) first
  std::uint64_t inflated_size = 0;       // what feeding will total (the directory's word for it)
  std::string entry;                     // the ZIP entry, for messages ("" for directory reads)
};

// Limits (bytes inflated) per kind of part, and the deflate ratio above which a
// part larger than kXlsxRatioFloor is refused as a zip bomb. Real exports inflate
// 5-30x; deflate's maximum is ~1030x.
inline constexpr std::uint64_t kXlsxMaxSheetBytes = 8ull << 30;
inline constexpr std::uint64_t kXlsxMaxSharedStringsBytes = 1ull << 30;
inline constexpr std::uint64_t kXlsxMaxSmallPartBytes = 64ull << 20;  // workbook, relationships, styles
inline constexpr std::uint64_t kXlsxMaxRatio = 200;
inline constexpr std::uint64_t kXlsxRatioFloor = 1ull << 20;

// The first bytes of a ZIP archive (a local header, or an empty archive's end record).
bool looks_like_zip(std::string_view head);

class XlsxReader {
 public:
  using RecordFn = SheetXml::RowFn;  // a row of the sheet being read; false: stop reading it
  XlsxReader(std::uint64_t file_size, RecordFn on_record);
  ~XlsxReader();

  // The host's next job, or null: then either the workbook is ready (sheets known)
  // and no sheet is being read, or the reading failed (error()).
  const ZipRequest* request() const { return error_.empty() && pending_ ? &*pending_ : nullptr; }
  // Bytes answering request(). False: stop feeding this request (an error, or the
  // record callback asked to stop); call end_request() all the same.
  bool feed(std::string_view bytes);
  void end_request();
  const std::string& error() const { return error_; }

  bool ready() const { return ready_; }  // the sheets are known; read_sheet() may be called
  const std::vector<XlsxSheetRef>& sheets() const { return workbook_.sheets; }
  // Starts reading sheet `index`: its rows flow to the record callback.
  void read_sheet(std::size_t index);
  bool reading_sheet() const { return sheet_ != nullptr; }

 private:
  enum class Step { tail, zip64, directory, local_header, part };
  enum class Part { workbook, relationships, styles, shared_strings, sheet };
  void ask(Step step, std::uint64_t offset, std::uint64_t length, int method, std::uint64_t inflated,
           std::string entry);
  void after_directory();
  void open_part(Part part, const std::string& name);
  void next_part();
  const ZipEntry* find(std::string_view name) const;
  XmlHandler* handler();
  std::string not_a_workbook() const;
  std::string part_error() const;

  std::uint64_t file_size_;
  RecordFn on_record_;
  std::optional<ZipRequest> pending_;
  Step step_ = Step::tail;
  Part part_ = Part::workbook;
  const ZipEntry* entry_ = nullptr;
  std::string buffer_;  // raw bytes of the tail / directory / a local header
  std::uint64_t fed_ = 0;
  bool stopped_ = false;
  ZipDirectoryLocation where_;
  std::vector<ZipEntry> entries_;
  std::vector<std::pair<Part, std::string>> parts_to_read_;
  std::string workbook_part_;
  XmlScanner scanner_;
  WorkbookXml workbook_;
  std::unique_ptr<RelationshipsXml> relationships_;
  StylesXml styles_;
  SharedStringsXml strings_;
  std::unique_ptr<SheetXml> sheet_;
  bool ready_ = false;
  std::string error_;
};

}  // namespace npskit
