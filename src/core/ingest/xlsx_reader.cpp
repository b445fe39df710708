#include "core/ingest/xlsx_reader.hpp"

#include <algorithm>

namespace npskit {

namespace {
std::string mb(std::uint64_t bytes) { return std::to_string((bytes + (1u << 20) - 1) >> 20) + " MB"; }
}  // namespace

bool looks_like_zip(std::string_view head) {
  return head.size() >= 4 && head[0] == 'P' && head[1] == 'K' &&
         ((head[2] == '\x03' && head[3] == '\x04') || (head[2] == '\x05' && head[3] == '\x06'));
}

XlsxReader::XlsxReader(std::uint64_t file_size, RecordFn on_record)
    : file_size_(file_size), on_record_(std::move(on_record)) {
  const std::uint64_t tail = std::min(file_size, kZipTailBytes);
  ask(Step::tail, file_size - tail, tail, 0, tail, "");
}

XlsxReader::~XlsxReader() = default;

void XlsxReader::ask(Step step, std::uint64_t offset, std::uint64_t length, int method, std::uint64_t inflated,
                     std::string entry) {
  step_ = step;
  buffer_.clear();
  fed_ = 0;
  stopped_ = false;
  pending_ = ZipRequest{offset, length, method, inflated, std::move(entry)};
}

const ZipEntry* XlsxReader::find(std::string_view name) const {
  for (const auto& e : entries_)
    if (e.name == name) return &e;
  return nullptr;
}

XmlHandler* XlsxReader::handler() {
  switch (part_) {
    case Part::workbook: return &workbook_;
    case Part::relationships: return relationships_.get();
    case Part::styles: return &styles_;
    case Part::shared_strings: return &strings_;
    case Part::sheet: return sheet_.get();
  }
  return nullptr;
}

std::string XlsxReader::part_error() const {
  if (part_ == Part::shared_strings) return strings_.error();
  if (part_ == Part::sheet && sheet_) return sheet_->error();
  return {};
}

bool XlsxReader::feed(std::string_view bytes) {
  if (!error_.empty() || !pending_ || stopped_) return false;
  fed_ += bytes.size();
  if (fed_ > pending_->inflated_size) {
    error_ = pending_->entry.empty()
                 ? "the host fed more bytes than were asked for"
                 : "the workbook part '" + pending_->entry + "' inflates to more than the " +
                       std::to_string(pending_->inflated_size) +
                       " bytes its ZIP directory declares (refused as a possible zip bomb)";
    return false;
  }
  if (step_ != Step::part) {
    buffer_.append(bytes);
    return true;
  }
  if (!scanner_.feed(bytes, *handler())) {
    error_ = "the workbook part '" + pending_->entry + "' is not readable XML: " + scanner_.error();
    return false;
  }
  if (auto problem = part_error(); !problem.empty()) {
    error_ = part_ == Part::sheet ? "sheet '" + workbook_.sheets[0].name + "': " + problem : problem;
    for (const auto& s : workbook_.sheets)
      if (s.part == pending_->entry) error_ = "sheet '" + s.name + "': " + problem;
    return false;
  }
  if (part_ == Part::sheet && sheet_->stopped()) {
    stopped_ = true;
    return false;
  }
  return true;
}

void XlsxReader::end_request() {
  if (!error_.empty() || !pending_) return;
  if (!stopped_ && fed_ != pending_->inflated_size) {
    error_ = pending_->entry.empty() || step_ != Step::part
                 ? "the file ended early: the ZIP container is cut off"
                 : "the workbook part '" + pending_->entry + "' inflated to " + std::to_string(fed_) +
                       " bytes, not the " + std::to_string(pending_->inflated_size) +
                       " its directory declares: the file is damaged";
    return;
  }
  switch (step_) {
    case Step::tail: {
      if (auto e = find_zip_directory(buffer_, file_size_, where_); !e.empty()) {
        error_ = e;
        return;
      }
      if (where_.zip64_record_offset) return ask(Step::zip64, *where_.zip64_record_offset, 56, 0, 56, "");
      [[fallthrough]];
    }
    case Step::zip64: {
      if (step_ == Step::zip64) {
        if (auto e = read_zip64_record(buffer_, file_size_, where_); !e.empty()) {
          error_ = e;
          return;
        }
      }
      if (where_.size > kZipMaxDirectoryBytes) {
        error_ = "the ZIP directory is larger than " + mb(kZipMaxDirectoryBytes) + " (the limit)";
        return;
      }
      return ask(Step::directory, where_.offset, where_.size, 0, where_.size, "");
    }
    case Step::directory: {
      if (auto e = read_zip_directory(buffer_, where_, file_size_, entries_); !e.empty()) {
        error_ = e;
        return;
      }
      std::string().swap(buffer_);
      return after_directory();
    }
    case Step::local_header: {
      std::uint64_t data_offset = 0;
      if (auto e = read_local_header(buffer_, *entry_, file_size_, data_offset); !e.empty()) {
        error_ = e;
        return;
      }
      return ask(Step::part, data_offset, entry_->compressed_size, entry_->method, entry_->inflated_size, entry_->name);
    }
    case Step::part: break;
  }
  if (!stopped_ && !scanner_.finish()) {
    error_ = "the workbook part '" + pending_->entry + "' is not readable XML: " + scanner_.error();
    return;
  }
  if (part_ == Part::relationships) {
    for (auto& s : workbook_.sheets)
      for (const auto& r : relationships_->list)
        if (r.id == s.relationship_id) s.part = r.part;
    for (const auto& r : relationships_->list) {
      if (r.type == "styles") parts_to_read_.emplace_back(Part::styles, r.part);
      if (r.type == "sharedStrings") parts_to_read_.emplace_back(Part::shared_strings, r.part);
    }
  }
  if (part_ == Part::sheet) sheet_.reset();
  next_part();
}

void XlsxReader::after_directory() {
  const std::string_view candidates[] = {"xl/workbook.xml"};
  for (auto name : candidates)
    if (find(name)) workbook_part_ = name;
  if (workbook_part_.empty()) {  // a workbook part named otherwise (rare writers): any */workbook.xml
    for (const auto& e : entries_)
      if (e.name.ends_with("/workbook.xml") && std::count(e.name.begin(), e.name.end(), '/') == 1) workbook_part_ = e.name;
  }
  if (workbook_part_.empty()) {
    error_ = not_a_workbook();
    return;
  }
  const auto slash = workbook_part_.rfind('/');
  const std::string folder = workbook_part_.substr(0, slash + 1);
  relationships_ = std::make_unique<RelationshipsXml>(folder);
  parts_to_read_ = {{Part::workbook, workbook_part_},
                    {Part::relationships, folder + "_rels/" + workbook_part_.substr(slash + 1) + ".rels"}};
  next_part();
}

void XlsxReader::next_part() {
  pending_.reset();
  while (!parts_to_read_.empty()) {
    auto [part, name] = parts_to_read_.front();
    parts_to_read_.erase(parts_to_read_.begin());
    if (!find(name) && (part == Part::styles || part == Part::shared_strings)) continue;  // optional parts
    return open_part(part, name);
  }
  if (!ready_) {
    ready_ = true;
    if (workbook_.sheets.empty()) error_ = "the workbook has no sheets";
    for (const auto& s : workbook_.sheets)
      if (s.part.empty() && error_.empty())
        error_ = "the workbook is damaged: sheet '" + s.name + "' has no part in its relationships";
  }
}

void XlsxReader::open_part(Part part, const std::string& name) {
  entry_ = find(name);
  if (!entry_) {
    error_ = "the workbook is damaged: its part '" + name + "' is missing";
    return;
  }
  const char* kind = part == Part::sheet ? "a sheet" : part == Part::shared_strings ? "the shared strings" : "this part";
  const std::uint64_t limit = part == Part::sheet            ? kXlsxMaxSheetBytes
                              : part == Part::shared_strings ? kXlsxMaxSharedStringsBytes
                                                             : kXlsxMaxSmallPartBytes;
  if (entry_->flags & 1u) {
    error_ = "the workbook is encrypted (password-protected): save it without a password, or export CSV";
    return;
  }
  if (entry_->method != 0 && entry_->method != 8) {
    error_ = "the workbook part '" + name + "' uses ZIP compression method " + std::to_string(entry_->method) +
             ", not deflate: save the workbook again from Excel, or export CSV";
    return;
  }
  if (entry_->inflated_size > limit) {
    error_ = "the workbook part '" + name + "' would inflate to " + mb(entry_->inflated_size) + ", over the " +
             mb(limit) + " limit for " + kind + " (refused as a possible zip bomb)";
    return;
  }
  if (entry_->inflated_size > kXlsxRatioFloor &&
      entry_->inflated_size / std::max<std::uint64_t>(1, entry_->compressed_size) > kXlsxMaxRatio) {
    error_ = "the workbook part '" + name + "' would inflate " +
             std::to_string(entry_->inflated_size / std::max<std::uint64_t>(1, entry_->compressed_size)) +
             " times its compressed size, over the compression ratio limit of " + std::to_string(kXlsxMaxRatio) +
             " (refused as a possible zip bomb)";
    return;
  }
  if (entry_->method == 0 && entry_->compressed_size != entry_->inflated_size) {
    error_ = "the workbook is damaged: the stored part '" + name + "' has two sizes";
    return;
  }
  part_ = part;
  // The text is smaller than the XML; a declared size is trusted up to a plausible ratio.
  if (part == Part::shared_strings)
    strings_.reserve(static_cast<std::size_t>(std::min(entry_->inflated_size, 16 * entry_->compressed_size)));
  scanner_ = XmlScanner();
  ask(Step::local_header, entry_->local_header_offset, kZipLocalHeaderBytes, 0, kZipLocalHeaderBytes, name);
}

void XlsxReader::read_sheet(std::size_t index) {
  if (!ready_ || !error_.empty() || index >= workbook_.sheets.size()) return;
  sheet_ = std::make_unique<SheetXml>(strings_, styles_, workbook_.date1904, on_record_);
  open_part(Part::sheet, workbook_.sheets[index].part);
}

std::string XlsxReader::not_a_workbook() const {
  bool ods = false, numbers = false, word = false, powerpoint = false, xlsb = false;
  std::string listing;
  std::size_t listed = 0;
  for (const auto& e : entries_) {
    ods = ods || e.name == "content.xml" || e.name == "mimetype";
    numbers = numbers || e.name.starts_with("Index/") || e.name == "Index.zip";
    word = word || e.name == "word/document.xml";
    powerpoint = powerpoint || e.name == "ppt/presentation.xml";
    xlsb = xlsb || e.name == "xl/workbook.bin";
    if (!e.name.ends_with('/') && listed < 3) {
      listing += (listed ? ", " : "") + e.name;
      ++listed;
    }
  }
  const char* advice = "; export your responses as CSV or .xlsx";
  if (xlsb) return std::string("This is an Excel binary workbook (.xlsb)") + "; save it as .xlsx (Excel Workbook) or export CSV";
  if (ods) return std::string("This is an OpenDocument file (.ods, LibreOffice/OpenOffice), which npskit does not read") +
                  "; save it as .xlsx or CSV";
  if (numbers) return std::string("This is an Apple Numbers file (.numbers)") + "; in Numbers, use File > Export To > CSV or Excel";
  if (word) return std::string("This is a Word document (.docx), not survey responses") + advice;
  if (powerpoint) return std::string("This is a PowerPoint presentation (.pptx), not survey responses") + advice;
  if (entries_.empty()) return std::string("This is an empty ZIP archive") + advice;
  if (entries_.size() > listed) listing += ", ...";
  return "This is a ZIP archive, not a workbook (it holds " + listing + "); unzip it and open the CSV or .xlsx inside";
}

}  // namespace npskit
