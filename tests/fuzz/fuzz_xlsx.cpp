// libFuzzer target: the .xlsx reader. Byte 0 picks the mode and seeds the chunking.
// Mode A (even): the input is a whole file served to the IngestPipeline's workbook
// requests by an in-memory host that inflates nothing (stored entries read as they
// are; deflated ones are fed raw, which the size checks must catch). Mode B (odd):
// the input is one worksheet's XML fed to SheetXml in pseudo-random chunks; the
// rows must equal those of a one-piece feed. Checks: no crash / UB / leak, bounded
// memory, every request inside the file.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "core/ingest/pipeline.hpp"
#include "core/ingest/xlsx_parts.hpp"

namespace {
struct NullSink final : npskit::RowSink {
  void on_layout(const npskit::Layout&) override {}
  void on_row(const npskit::ResponseRow&) override {}
  void on_rejection(npskit::Rejection) override {}
};

std::size_t next_size(std::uint32_t& s) {
  s ^= s << 13;
  s ^= s >> 17;
  s ^= s << 5;
  return 1 + (s >> 8) % 97;
}

void serve(std::string_view file, std::uint32_t seed) {
  NullSink sink;
  npskit::IngestPipeline pipeline({}, sink);
  pipeline.begin_workbook(file.size());
  int requests = 0;
  while (const auto* r = pipeline.zip_request()) {
    if (++requests > 10'000) std::abort();  // each request is progress; a loop would be a bug
    if (r->offset > file.size() || r->length > file.size() - r->offset) std::abort();
    const auto bytes = file.substr(r->offset, r->length);
    for (std::size_t at = 0; at < bytes.size();) {
      const std::size_t n = next_size(seed);
      if (!pipeline.feed(bytes.substr(at, n))) break;
      at += n;
    }
    pipeline.end_zip_request();
  }
  pipeline.finish();
}

std::vector<std::vector<std::string>> sheet_rows(std::string_view xml, std::uint32_t seed) {
  npskit::SharedStringsXml strings;
  npskit::StylesXml styles;
  styles.cell_kinds = {npskit::XlsxNumberKind::number, npskit::XlsxNumberKind::date, npskit::XlsxNumberKind::time};
  std::vector<std::vector<std::string>> out;
  npskit::SheetXml sheet(strings, styles, seed & 2, [&](std::uint64_t, const std::string_view* f, std::size_t n) {
    out.emplace_back(f, f + n);
    return true;
  });
  npskit::XmlScanner scanner;
  for (std::size_t at = 0; at < xml.size();) {
    const std::size_t n = seed & 1 ? next_size(seed) : xml.size();
    if (!scanner.feed(xml.substr(at, n), sheet) || !sheet.error().empty()) break;
    at += n;
  }
  if (!sheet.error().empty() || !scanner.error().empty()) out.push_back({"error"});
  return out;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const std::uint32_t seed = data[0] | 0x100u;
  const std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (data[0] & 1) {
    if (sheet_rows(rest, seed & ~1u) != sheet_rows(rest, seed | 1u)) std::abort();
  } else {
    serve(rest, seed);
  }
  return 0;
}
