#include "core/ingest/xlsx_parts.hpp"

#include <algorithm>

namespace npskit {

namespace {
bool truthy(std::string_view v) { return v == "1" || v == "true"; }

unsigned to_unsigned(std::string_view v, bool& ok) {
  unsigned out = 0;
  ok = !v.empty() && v.size() <= 9;
  for (char c : v) {
    if (c < '0' || c > '9') ok = false;
    out = out * 10 + static_cast<unsigned>(c - '0');
  }
  return out;
}

// "xl/" + "worksheets/sheet1.xml", "/xl/worksheets/sheet1.xml", "../x.xml".
std::string resolve_part(const std::string& base, std::string_view target) {
  std::string path = target.starts_with('/') ? std::string(target.substr(1)) : base + std::string(target);
  std::vector<std::string> parts;
  std::size_t at = 0;
  while (at <= path.size()) {
    const auto slash = std::min(path.find('/', at), path.size());
    const std::string part = path.substr(at, slash - at);
    if (part == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!part.empty() && part != ".") {
      parts.push_back(part);
    }
    at = slash + 1;
  }
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "/") + p;
  return out;
}
}  // namespace

bool xlsx_column_of(std::string_view ref, std::size_t& column) {
  std::size_t col = 0, i = 0;
  for (; i < ref.size() && i < 4; ++i) {
    char c = ref[i];
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c < 'A' || c > 'Z') break;
    col = col * 26 + static_cast<std::size_t>(c - 'A' + 1);
  }
  if (i == 0 || i == 4 || col > 16384) return false;  // XFD is Excel's last column
  column = col - 1;
  return true;
}

void xlsx_unescape(std::string& text) {
  auto at = text.find("_x");
  if (at == std::string::npos) return;
  std::string out;
  std::size_t from = 0;
  auto hex = [](char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  for (; at != std::string::npos && at + 7 <= text.size(); at = text.find("_x", at)) {
    int v = 0;
    bool ok = text[at + 6] == '_';
    for (int k = 2; ok && k < 6; ++k) {
      const int h = hex(text[at + static_cast<std::size_t>(k)]);
      ok = h >= 0;
      v = v * 16 + h;
    }
    if (!ok || v >= 0x80) {  // only the control characters (and '_' itself) are escaped this way
      at += 2;
      continue;
    }
    out.append(text, from, at - from);
    out += static_cast<char>(v);
    from = at + 7;
    at += 7;
  }
  if (from == 0) return;
  out.append(text, from, std::string::npos);
  text.swap(out);
}

void WorkbookXml::on_start(std::string_view name, std::string_view attrs, bool) {
  if (name == "workbookPr") {
    date1904 = xml_attribute(attrs, "date1904", value_) && truthy(value_);
  } else if (name == "sheet" && sheets.size() < 10'000) {
    XlsxSheetRef s;
    xml_attribute(attrs, "name", s.name);
    xml_attribute(attrs, "id", s.relationship_id);
    s.hidden = xml_attribute(attrs, "state", value_) && value_ != "visible";
    sheets.push_back(std::move(s));
  }
}

void RelationshipsXml::on_start(std::string_view name, std::string_view attrs, bool) {
  if (name != "Relationship" || list.size() >= 10'000) return;
  if (xml_attribute(attrs, "TargetMode", mode_) && mode_ == "External") return;
  if (!xml_attribute(attrs, "Id", id_) || !xml_attribute(attrs, "Target", target_)) return;
  xml_attribute(attrs, "Type", type_);
  const auto slash = type_.rfind('/');
  list.push_back({id_, slash == std::string::npos ? type_ : type_.substr(slash + 1), resolve_part(base_, target_)});
}

void StylesXml::on_start(std::string_view name, std::string_view attrs, bool) {
  bool ok = false;
  if (name == "numFmt") {
    if (!xml_attribute(attrs, "numFmtId", value_)) return;
    const unsigned id = to_unsigned(value_, ok);
    if (ok && xml_attribute(attrs, "formatCode", value_) && custom_.size() < 100'000)
      custom_.emplace_back(id, format_code_kind(value_));
  } else if (name == "cellXfs") {
    in_cell_xfs_ = true;
  } else if (name == "xf" && in_cell_xfs_ && cell_kinds.size() < 1'000'000) {
    unsigned id = 0;
    if (xml_attribute(attrs, "numFmtId", value_)) id = to_unsigned(value_, ok);
    XlsxNumberKind kind = builtin_format_kind(ok ? id : 0);
    // A custom code under an id overrides the built-in meaning of that id.
    for (const auto& [custom_id, custom_kind] : custom_)
      if (ok && custom_id == id) kind = custom_kind;
    cell_kinds.push_back(kind);
  }
}

void StylesXml::on_end(std::string_view name) {
  if (name == "cellXfs") in_cell_xfs_ = false;
}

void SharedStringsXml::on_start(std::string_view name, std::string_view, bool self_closing) {
  if (name == "si") {
    in_item_ = true;
    item_start_ = arena_.size();
  } else if (name == "rPh") {
    ++phonetic_depth_;
  } else if (name == "t" && !self_closing) {
    in_text_ = true;
  }
}

void SharedStringsXml::on_end(std::string_view name) {
  if (name == "t") {
    in_text_ = false;
  } else if (name == "rPh") {
    phonetic_depth_ = std::max(0, phonetic_depth_ - 1);
  } else if (name == "si" && in_item_) {
    in_item_ = false;
    if (arena_.find("_x", item_start_) != std::string::npos) {
      std::string item = arena_.substr(item_start_);
      xlsx_unescape(item);
      arena_.resize(item_start_);
      arena_ += item;
    }
    offsets_.push_back(arena_.size());
  }
}

void SharedStringsXml::on_text(std::string_view text) {
  if (!in_item_ || !in_text_ || phonetic_depth_ > 0 || !error_.empty()) return;
  if (arena_.size() - item_start_ + text.size() > kMaxXlsxCellBytes) {
    error_ = "a shared string is longer than " + std::to_string(kMaxXlsxCellBytes >> 20) + " MB (the limit)";
    return;
  }
  arena_.append(text);
}

void SheetXml::on_start(std::string_view name, std::string_view attrs, bool self_closing) {
  if (stopped_ || !error_.empty()) return;
  if (name == "row") {
    in_row_ = true;
    bool ok = false;
    const std::uint64_t r = xml_attribute(attrs, "r", attr_) ? to_unsigned(attr_, ok) : 0;
    row_ = ok && r > row_ ? r : row_ + 1;
    column_ = 0;
    width_ = 0;
    if (self_closing) return;
  } else if (name == "c" && in_row_) {
    in_cell_ = true;
    text_.clear();
    if (!xml_attribute(attrs, "t", type_)) type_.clear();
    bool ok = false;
    style_ = xml_attribute(attrs, "s", attr_) ? to_unsigned(attr_, ok) : 0;
    if (!ok) style_ = 0;
    cell_column_ = column_;
    if (xml_attribute(attrs, "r", attr_) && !xlsx_column_of(attr_, cell_column_)) {
      error_ = "row " + std::to_string(row_) + ": '" + attr_.substr(0, 20) + "' is not a cell reference";
      return;
    }
    if (cell_column_ >= 16384) {
      error_ = "row " + std::to_string(row_) + " has more than 16384 columns";
      return;
    }
    column_ = cell_column_ + 1;
  } else if (in_cell_ && name == "v") {
    in_value_ = true;
  } else if (in_cell_ && name == "rPh") {
    ++phonetic_depth_;
  } else if (in_cell_ && name == "t" && type_ == "inlineStr") {
    in_inline_text_ = true;
  }
}

void SheetXml::on_text(std::string_view text) {
  if (!(in_value_ || (in_inline_text_ && phonetic_depth_ == 0)) || !error_.empty()) return;
  if (text_.size() + text.size() > kMaxXlsxCellBytes) {
    error_ = "row " + std::to_string(row_) + ": a cell is longer than " + std::to_string(kMaxXlsxCellBytes >> 20) +
             " MB (the limit)";
    return;
  }
  text_.append(text);
}

void SheetXml::end_cell() {
  in_cell_ = false;
  std::string value;
  if (type_ == "s") {
    bool ok = false;
    const unsigned index = to_unsigned(text_, ok);
    if (!ok || index >= strings_.size()) {
      error_ = "row " + std::to_string(row_) + ": the cell names shared string " + text_.substr(0, 20) +
               ", which the workbook lacks";
      return;
    }
    value.assign(strings_.at(index));
  } else if (type_ == "b") {
    value = text_ == "1" ? "TRUE" : "FALSE";
  } else if (type_ == "inlineStr" || type_ == "str") {
    value = std::move(text_);
    xlsx_unescape(value);
  } else if (type_.empty() || type_ == "n") {
    const auto kind = style_ < styles_.cell_kinds.size() ? styles_.cell_kinds[style_] : XlsxNumberKind::number;
    auto date = serial_to_text(text_, kind, date1904_);
    value = date ? std::move(*date) : std::move(text_);
  } else {
    value = std::move(text_);  // "e" (#N/A ...) and ISO dates ("d") as written
  }
  if (value.empty()) return;
  if (fields_.size() <= cell_column_) fields_.resize(cell_column_ + 1);
  for (std::size_t i = width_; i < cell_column_; ++i) fields_[i].clear();  // cells left out are empty
  fields_[cell_column_] = std::move(value);
  width_ = std::max(width_, cell_column_ + 1);
}

void SheetXml::on_end(std::string_view name) {
  if (stopped_ || !error_.empty()) return;
  if (name == "v") in_value_ = false;
  else if (name == "t") in_inline_text_ = false;
  else if (name == "rPh") phonetic_depth_ = std::max(0, phonetic_depth_ - 1);
  else if (name == "c" && in_cell_) end_cell();
  else if (name == "row" && in_row_) {
    in_row_ = false;
    if (width_ == 0) return;  // a row with formatting only: nothing to read
    views_.assign(fields_.begin(), fields_.begin() + static_cast<std::ptrdiff_t>(width_));
    if (!on_row_(row_, views_.data(), views_.size())) stopped_ = true;
  }
}

}  // namespace npskit
