#include "core/ingest/json_reader.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace npskit {

using nlohmann::json;

namespace {

std::string scalar_text(const json& v) {
  switch (v.type()) {
    case json::value_t::null: return {};
    case json::value_t::string: return v.get<std::string>();
    case json::value_t::boolean: return v.get<bool>() ? "true" : "false";
    default: return v.dump();  // numbers keep their JSON spelling ("9", "9.5"); arrays as JSON
  }
}

void flatten(const json& obj, const std::string& prefix,
             const std::function<void(const std::string&, std::string)>& put) {
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    std::string key = prefix.empty() ? it.key() : prefix + "." + it.key();
    if (it->is_object()) flatten(*it, key, put);
    else put(key, scalar_text(*it));
  }
}

// Where the records are: the document itself when it is an array; else the array
// member of an object (preferring the usual names); else the object as one record.
const json* find_records(const json& doc) {
  if (doc.is_array()) return &doc;
  if (!doc.is_object()) return nullptr;
  for (const char* name : {"responses", "data", "results", "records", "items", "rows", "answers"}) {
    auto it = doc.find(name);
    if (it != doc.end() && it->is_array()) return &*it;
  }
  for (const auto& member : doc) {
    if (member.is_array() && !member.empty() && member.front().is_object()) return &member;
  }
  return nullptr;
}

}  // namespace

std::size_t JsonTable::column_index(const std::string& name) {
  auto it = std::lower_bound(index_.begin(), index_.end(), name,
                             [](const auto& entry, const std::string& n) { return entry.first < n; });
  if (it != index_.end() && it->first == name) return it->second;
  if (frozen_ || columns_.size() >= kMaxJsonColumns) {
    ++ignored_keys_;
    return SIZE_MAX;
  }
  columns_.push_back(name);
  index_.insert(it, {name, columns_.size() - 1});
  return columns_.size() - 1;
}

void JsonTable::flatten_into(const void* json_object, std::vector<std::string>& values) {
  const auto& obj = *static_cast<const json*>(json_object);
  for (auto& v : values) v.clear();
  flatten(obj, "", [&](const std::string& key, std::string value) {
    const std::size_t i = column_index(key);
    if (i == SIZE_MAX) return;
    if (values.size() <= i) values.resize(i + 1);
    values[i] = std::move(value);
  });
}

namespace {
void emit_object(JsonTable& table, const json& value, std::uint64_t line, const JsonSink& sink) {
  thread_local std::vector<std::string> values;
  JsonRecord record{line, {}, {}};
  if (!value.is_object()) {
    record.error = "JSON record is not an object";
    sink(record);
    return;
  }
  table.flatten_into(&value, values);
  record.fields.assign(table.columns().size(), std::string_view{});
  for (std::size_t i = 0; i < values.size() && i < record.fields.size(); ++i) record.fields[i] = values[i];
  sink(record);
}
}  // namespace

std::string read_json_document(std::string_view text, JsonTable& table, const JsonSink& sink) {
  if (json_nesting_depth(text) > kMaxJsonDepth) {
    return "JSON nests deeper than " + std::to_string(kMaxJsonDepth) + " levels";
  }
  json doc = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return "the file starts like JSON but is not valid JSON";
  const json* records = find_records(doc);
  if (!records) {
    if (doc.is_object()) {
      emit_object(table, doc, 1, sink);
      return {};
    }
    return "JSON holds no array of records";
  }
  std::uint64_t number = 0;
  for (const auto& value : *records) emit_object(table, value, ++number, sink);
  return {};
}

void NdjsonReader::emit_line(std::string_view line, const JsonSink& sink) {
  ++line_;
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
  if (line.find_first_not_of(" \t") == std::string_view::npos) return;  // blank line
  if (json_nesting_depth(line) > kMaxJsonDepth) {
    sink(JsonRecord{line_, {}, "JSON nests too deep"});
    return;
  }
  json value = json::parse(line.begin(), line.end(), nullptr, false);
  if (value.is_discarded()) {
    sink(JsonRecord{line_, {}, "record is not valid JSON"});
    return;
  }
  emit_object(table_, value, line_, sink);
}

void NdjsonReader::reject_long_line(const JsonSink& sink) {
  static const std::string reason =
      "record is larger than " + std::to_string(kMaxNdjsonLineBytes >> 20) + " MB (the limit)";
  sink(JsonRecord{++line_, {}, reason});
  oversized_ = false;
  partial_.clear();
}

void NdjsonReader::feed(std::string_view text, const JsonSink& sink) {
  std::size_t start = 0;
  while (true) {
    const std::size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) break;
    const std::string_view piece = text.substr(start, nl - start);
    if (oversized_ || partial_.size() + piece.size() > kMaxNdjsonLineBytes) {
      reject_long_line(sink);
    } else if (partial_.empty()) {
      emit_line(piece, sink);
    } else {
      partial_.append(piece);
      emit_line(partial_, sink);
      partial_.clear();
    }
    start = nl + 1;
  }
  const std::string_view tail = text.substr(start);
  if (oversized_ || partial_.size() + tail.size() > kMaxNdjsonLineBytes) {
    oversized_ = true;  // read on to the line's end without keeping it
    std::string().swap(partial_);
  } else {
    partial_.append(tail);
  }
}

void NdjsonReader::finish(const JsonSink& sink) {
  if (oversized_) {
    reject_long_line(sink);
    return;
  }
  if (!partial_.empty()) {
    std::string last = std::move(partial_);
    partial_.clear();
    emit_line(last, sink);
  }
}

std::size_t json_nesting_depth(std::string_view text) {
  std::size_t depth = 0, deepest = 0;
  bool in_string = false, escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

}  // namespace npskit
