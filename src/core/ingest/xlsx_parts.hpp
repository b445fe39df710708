#pragma once
// The XML parts of a workbook, each read by its own XmlHandler as its inflated
// bytes stream in: workbook.xml (sheet names, 1904 date system), the
// relationships (sheet name -> part), styles.xml (which cell styles are dates),
// sharedStrings.xml (the string table) and a worksheet (rows of cells).
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ingest/xlsx_dates.hpp"
#include "core/ingest/xml_scanner.hpp"

namespace npskit {

struct XlsxSheetRef {
  std::string name, relationship_id, part;  // part: the ZIP entry, resolved from the relationships
  bool hidden = false;
};

class WorkbookXml final : public XmlHandler {
 public:
  std::vector<XlsxSheetRef> sheets;
  bool date1904 = false;
  void on_start(std::string_view name, std::string_view attrs, bool) override;
  void on_end(std::string_view) override {}
  void on_text(std::string_view) override {}

 private:
  std::string value_;
};

class RelationshipsXml final : public XmlHandler {
 public:
  explicit RelationshipsXml(std::string base_folder) : base_(std::move(base_folder)) {}
  struct Relationship {
    std::string id, type, part;  // type: the last path segment of the Type URI ("worksheet", "sharedStrings")
  };
  std::vector<Relationship> list;
  void on_start(std::string_view name, std::string_view attrs, bool) override;
  void on_end(std::string_view) override {}
  void on_text(std::string_view) override {}

 private:
  std::string base_, id_, type_, target_, mode_;
};

class StylesXml final : public XmlHandler {
 public:
  std::vector<XlsxNumberKind> cell_kinds;  // by cell style index (the `s` attribute of a cell)
  void on_start(std::string_view name, std::string_view attrs, bool self_closing) override;
  void on_end(std::string_view name) override;
  void on_text(std::string_view) override {}

 private:
  std::vector<std::pair<unsigned, XlsxNumberKind>> custom_;
  bool in_cell_xfs_ = false;
  std::string value_;
};

inline constexpr std::size_t kMaxXlsxCellBytes = 1u << 20;

class SharedStringsXml final : public XmlHandler {
 public:
  std::string_view at(std::size_t i) const {
    return std::string_view(arena_).substr(offsets_[i], offsets_[i + 1] - offsets_[i]);
  }
  std::size_t size() const { return offsets_.size() - 1; }
  // Room for the text of a part of this many bytes, so that the table (the one
  // part held whole) does not grow by doubling: in wasm, memory never shrinks.
  void reserve(std::size_t text_bytes) { arena_.reserve(text_bytes); }
  const std::string& error() const { return error_; }
  void on_start(std::string_view name, std::string_view attrs, bool self_closing) override;
  void on_end(std::string_view name) override;
  void on_text(std::string_view text) override;

 private:
  std::string arena_;
  std::vector<std::uint64_t> offsets_{0};
  std::size_t item_start_ = 0;
  int phonetic_depth_ = 0;  // <rPh>: a reading aid, not the string
  bool in_text_ = false, in_item_ = false;
  std::string error_;
};

// Cells of one worksheet, row by row. Cells are placed by their reference
// (r="C5"), so cells left out (empty) become empty fields; rows left out are
// skipped (empty records). Shared strings, inline strings, booleans, errors and
// formula results become text; numbers in a date style become ISO dates.
class SheetXml final : public XmlHandler {
 public:
  // line: the row number in the sheet (1-based); false from it stops the reading.
  using RowFn = std::function<bool(std::uint64_t line, const std::string_view* fields, std::size_t count)>;
  SheetXml(const SharedStringsXml& strings, const StylesXml& styles, bool date1904, RowFn on_row)
      : strings_(strings), styles_(styles), date1904_(date1904), on_row_(std::move(on_row)) {}
  bool stopped() const { return stopped_; }
  const std::string& error() const { return error_; }
  void on_start(std::string_view name, std::string_view attrs, bool self_closing) override;
  void on_end(std::string_view name) override;
  void on_text(std::string_view text) override;

 private:
  void end_cell();
  const SharedStringsXml& strings_;
  const StylesXml& styles_;
  bool date1904_;
  RowFn on_row_;
  std::string attr_, type_, text_;
  std::size_t style_ = 0;
  std::uint64_t row_ = 0;
  std::size_t column_ = 0;  // the next cell's column (0-based) when it has no reference
  std::size_t cell_column_ = 0;
  std::vector<std::string> fields_;
  std::vector<std::string_view> views_;
  std::size_t width_ = 0;  // fields used in this row
  bool in_row_ = false, in_cell_ = false, in_value_ = false, in_inline_text_ = false, stopped_ = false;
  int phonetic_depth_ = 0;
  std::string error_;
};

// "C5" -> column 2 (0-based); false when it is not a cell reference.
bool xlsx_column_of(std::string_view reference, std::size_t& column);
// OOXML escapes control characters in strings as _xHHHH_ ("_x000D_" is a CR).
void xlsx_unescape(std::string& text);

}  // namespace npskit
