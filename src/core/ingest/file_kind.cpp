#include "core/ingest/file_kind.hpp"

#include "core/ingest/xlsx_reader.hpp"

namespace npskit {

std::string unsupported_file_message(std::string_view h) {
  const std::string advice = "; export your responses as CSV or .xlsx";
  auto starts = [&](std::string_view magic) { return h.substr(0, magic.size()) == magic; };
  if (starts("%PDF-")) return "This is a PDF" + advice;
  if (starts("\x89PNG\r\n\x1a\n")) return "This is a PNG image" + advice;
  if (starts("\xFF\xD8\xFF")) return "This is a JPEG image" + advice;
  if (starts("GIF87a") || starts("GIF89a")) return "This is a GIF image" + advice;
  if (starts("RIFF") && h.size() >= 12 && h.substr(8, 4) == "WEBP") return "This is a WebP image" + advice;
  // OLE2 compound file: old Excel (.xls), also old Word and password-protected .xlsx.
  if (starts(std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8)))
    return "This is an old-format Excel file (.xls, Excel 97-2003) or a password-protected workbook; "
           "save it as .xlsx (Excel Workbook) without a password, or export CSV";
  if (looks_like_zip(h))
    return "This is a ZIP archive (an .xlsx workbook?), which this reader cannot open from a stream; "
           "give it as a file, or export your responses as CSV";
  return {};
}

}  // namespace npskit
