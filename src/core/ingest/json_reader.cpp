#include "core/ingest/json_reader.hpp"

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>

namespace npskit {

using nlohmann::json;

// Records are read with nlohmann's SAX interface (a stream of events), not into
// a DOM: a DOM of a 64 MB document costs ~10x its size, and nlohmann's `json`
// sorts an object's keys, so a score column could fall behind the column cap.
namespace {

using Sax = nlohmann::json_sax<json>;

// Pass 1 over a document: where its records are. The document itself when it is
// an array; else the array member of an object (the usual names first, else the
// first array whose first item is an object, in document order); else the
// object is one record.
class RecordLocator final : public Sax {
 public:
  enum class Top { none, array, object, scalar };
  Top top = Top::none;
  long long chosen = -1;  // ordinal of the top-level member holding the records, or -1

  long long choice() const {
    for (long long p : preferred_)
      if (p >= 0) return p;
    return first_object_array_;
  }

  bool null() override { return scalar(); }
  bool boolean(bool) override { return scalar(); }
  bool number_integer(number_integer_t) override { return scalar(); }
  bool number_unsigned(number_unsigned_t) override { return scalar(); }
  bool number_float(number_float_t, const string_t&) override { return scalar(); }
  bool string(string_t&) override { return scalar(); }
  bool binary(binary_t&) override { return scalar(); }
  bool start_object(std::size_t) override { return open(false); }
  bool start_array(std::size_t) override { return open(true); }
  bool end_object() override { return close(); }
  bool end_array() override { return close(); }
  bool key(string_t& k) override {
    if (depth_ == 1) {
      ++ordinal_;
      preferred_index_ = -1;
      for (std::size_t i = 0; i < kPreferred.size(); ++i)
        if (k == kPreferred[i]) preferred_index_ = static_cast<int>(i);
    }
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override { return false; }

 private:
  static constexpr std::array<const char*, 7> kPreferred = {"responses", "data", "results", "records", "items", "rows", "answers"};
  bool scalar() {
    if (depth_ == 0) top = Top::scalar;
    else first_item(false);
    return true;
  }
  bool open(bool array) {
    if (depth_ == 0) top = array ? Top::array : Top::object;
    else first_item(!array);
    if (array && depth_ == 1 && top == Top::object) {
      member_array_ = true;
      awaiting_first_ = true;
      // A duplicate member name: the last one wins, as in a parsed object.
      if (preferred_index_ >= 0) preferred_[static_cast<std::size_t>(preferred_index_)] = ordinal_;
    }
    ++depth_;
    return true;
  }
  bool close() {
    --depth_;
    if (depth_ == 1) awaiting_first_ = member_array_ = false;
    return true;
  }
  // An item directly inside a top-level member's array: only the first one matters.
  void first_item(bool is_object) {
    if (!awaiting_first_ || depth_ != 2) return;
    awaiting_first_ = false;
    if (is_object && first_object_array_ < 0) first_object_array_ = ordinal_;
  }
  std::size_t depth_ = 0;
  long long ordinal_ = -1;
  int preferred_index_ = -1;
  std::array<long long, kPreferred.size()> preferred_{-1, -1, -1, -1, -1, -1, -1};
  long long first_object_array_ = -1;
  bool member_array_ = false, awaiting_first_ = false;
};

// Pass 2 (or the only pass of an NDJSON line): flattens each record object into
// the table's columns as its keys arrive and hands it to the sink when it closes.
// `records_depth`: the nesting depth of the array holding the records (0: the
// top-level value is itself the one record).
class RecordEmitter final : public Sax {
 public:
  RecordEmitter(JsonTable& table, const JsonSink& sink, std::size_t records_depth, long long member,
                std::uint64_t first_line)
      : table_(table), sink_(sink), records_depth_(records_depth), member_(member), line_(first_line) {}

  // Each scalar arrives as its cell text and, inside an array cell, its JSON text.
  bool null() override { return scalar(std::string(), "null"); }
  bool boolean(bool b) override { return scalar(b ? "true" : "false", b ? "true" : "false"); }
  bool number_integer(number_integer_t v) override { return number(std::to_string(v)); }
  bool number_unsigned(number_unsigned_t v) override { return number(std::to_string(v)); }
  // The spelling a parsed `json` dumps ("9.0", "100.0"), as before this reader streamed.
  bool number_float(number_float_t v, const string_t&) override { return number(json(v).dump()); }
  bool string(string_t& v) override {
    if (raw_depth_ > 0) return raw(json(v).dump());
    return scalar(std::move(v), {});
  }
  bool binary(binary_t&) override { return scalar(std::string(), "null"); }
  bool key(string_t& k) override {
    if (raw_depth_ > 0) {
      raw_separator();
      raw_ += json(k).dump();
      raw_ += ':';
      raw_fresh_ = true;
      return true;
    }
    if (records_depth_ == 2 && depth_ == 1) {
      ++ordinal_;  // a top-level member of a wrapper object
      return true;
    }
    if (record_depth_ > 0) keys_.resize(depth_ - record_depth_ + 1), keys_.back() = std::move(k);
    return true;
  }
  bool start_object(std::size_t) override {
    if (raw_depth_ > 0) return raw_open('{');
    if (at_record_level()) begin_record();
    ++depth_;
    return true;
  }
  bool end_object() override {
    --depth_;
    if (raw_depth_ > 0) return raw_close('}');
    if (record_depth_ > 0 && depth_ == record_depth_ - 1) end_record();
    return true;
  }
  bool start_array(std::size_t) override {
    if (raw_depth_ > 0) return raw_open('[');
    if (record_depth_ > 0) {  // an array inside a record: its JSON text is the cell
      raw_.assign("[");
      raw_fresh_ = true;
      raw_depth_ = 1;
      ++depth_;
      return true;
    }
    if (at_record_level()) {  // an array where a record should be
      not_an_object();
      skip_depth_ = depth_ + 1;
    }
    if (depth_ == records_depth_ - 1 && in_member()) in_records_ = true;
    ++depth_;
    return true;
  }
  bool end_array() override {
    --depth_;
    if (raw_depth_ > 0) return raw_close(']');
    if (skip_depth_ && depth_ + 1 == skip_depth_) skip_depth_ = 0;
    if (in_records_ && depth_ == records_depth_ - 1) in_records_ = false;
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override { return false; }

 private:
  // Whether an array opening at depth records_depth_ - 1 is the one holding the records.
  // An object or array inside an array cell: written into the cell's JSON text.
  bool raw_open(char bracket) {
    raw_separator();
    raw_ += bracket;
    raw_fresh_ = true;
    ++raw_depth_;
    ++depth_;
    return true;
  }
  bool in_member() const { return member_ < 0 ? records_depth_ == 1 : ordinal_ == member_; }
  // Whether a value opening here is one record.
  bool at_record_level() const {
    if (record_depth_ > 0 || skip_depth_) return false;
    if (records_depth_ == 0) return depth_ == 0;
    return in_records_ && depth_ == records_depth_;
  }
  bool number(std::string text) {
    if (raw_depth_ > 0) return raw(text);
    return scalar(std::move(text), {});
  }
  bool scalar(std::string text, std::string_view json_text) {
    if (raw_depth_ > 0) return raw(std::string(json_text));
    if (at_record_level()) {
      not_an_object();
      return true;
    }
    if (record_depth_ == 0) return true;
    put(std::move(text));
    return true;
  }
  void put(std::string text) {
    path_.clear();
    short_.clear();
    const std::size_t level = depth_ - record_depth_;  // the key this value belongs to
    const std::size_t n = std::min(level + 1, keys_.size());
    // The innermost bag with at least one key after it: the short name starts there.
    std::size_t after_bag = 0;
    for (std::size_t i = 0; i + 1 < n; ++i)
      if (is_json_property_bag(keys_[i])) after_bag = i + 1;
    for (std::size_t i = 0; i < n; ++i) {
      if (i) path_ += '.';
      path_ += keys_[i];
      if (after_bag > 0 && i >= after_bag) {
        if (i > after_bag) short_ += '.';
        short_ += keys_[i];
      }
    }
    const std::size_t i = table_.column_index(path_, short_);
    if (i == SIZE_MAX) return;
    if (values_.size() <= i) values_.resize(i + 1);
    values_[i] = std::move(text);
  }
  void begin_record() {
    record_depth_ = depth_ + 1;
    keys_.clear();
    for (auto& v : values_) v.clear();
  }
  void end_record() {
    record_depth_ = 0;
    JsonRecord record{line_++, {}, {}};
    record.fields.assign(table_.columns().size(), std::string_view{});
    for (std::size_t i = 0; i < values_.size() && i < record.fields.size(); ++i) record.fields[i] = values_[i];
    sink_(record);
  }
  void not_an_object() { sink_(JsonRecord{line_++, {}, "JSON record is not an object"}); }
  // JSON text of an array inside a record, written as its events arrive.
  void raw_separator() {
    if (!raw_fresh_) raw_ += ',';
    raw_fresh_ = false;
  }
  bool raw(const std::string& text) {
    raw_separator();
    raw_ += text;
    return true;
  }
  bool raw_close(char c) {
    raw_ += c;
    raw_fresh_ = false;
    if (--raw_depth_ == 0) put(std::move(raw_));
    return true;
  }

  JsonTable& table_;
  const JsonSink& sink_;
  std::size_t records_depth_;
  long long member_;
  std::uint64_t line_;
  std::size_t depth_ = 0, record_depth_ = 0, skip_depth_ = 0, raw_depth_ = 0;
  long long ordinal_ = -1;
  bool in_records_ = false, raw_fresh_ = true;
  std::vector<std::string> keys_;  // keys_[k]: the key at nesting k below the record
  std::vector<std::string> values_;
  std::string path_, short_, raw_;
};

}  // namespace

bool is_json_property_bag(std::string_view key) {
  static constexpr std::array<std::string_view, 10> kBags = {
      "attributes", "properties", "person_properties", "user_properties", "custom_properties",
      "traits",     "metadata",   "hidden",            "variables",       "contactAttributes"};
  return std::find(kBags.begin(), kBags.end(), key) != kBags.end();
}

std::vector<JsonColumnName> JsonTable::names() const {
  // Every name a column could take: its full path, and its short name if any.
  // A short name taken by two columns (or equal to a path) is taken by none.
  std::vector<std::string_view> taken;
  taken.reserve(columns_.size() * 2);
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    taken.push_back(columns_[i]);
    if (!short_names_[i].empty()) taken.push_back(short_names_[i]);
  }
  std::sort(taken.begin(), taken.end());
  const auto uses = [&](std::string_view name) {
    const auto [lo, hi] = std::equal_range(taken.begin(), taken.end(), name);
    return hi - lo;
  };
  std::vector<JsonColumnName> out;
  out.reserve(columns_.size());
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    const std::string& path = columns_[i];
    const std::string& short_name = short_names_[i];
    if (short_name.empty()) {
      out.push_back({path, {}});
    } else if (uses(short_name) == 1) {
      out.push_back({short_name, "read from the JSON key \"" + path + "\""});
    } else {
      out.push_back({path, "named by its full JSON path: \"" + short_name +
                               "\" is also the name of another column of this file"});
    }
  }
  return out;
}

std::size_t JsonTable::column_index(const std::string& name, const std::string& short_name) {
  auto it = std::lower_bound(index_.begin(), index_.end(), name,
                             [](const auto& entry, const std::string& n) { return entry.first < n; });
  if (it != index_.end() && it->first == name) return it->second;
  if (frozen_ || columns_.size() >= kMaxJsonColumns) {
    ++ignored_keys_;
    return SIZE_MAX;
  }
  columns_.push_back(name);
  short_names_.push_back(short_name);
  index_.insert(it, {name, columns_.size() - 1});
  return columns_.size() - 1;
}

std::string read_json_document(std::string_view text, JsonTable& table, const JsonSink& sink) {
  if (json_nesting_depth(text) > kMaxJsonDepth) {
    return "JSON nests deeper than " + std::to_string(kMaxJsonDepth) + " levels (the limit)";
  }
  RecordLocator where;
  if (!json::sax_parse(text.begin(), text.end(), &where)) return "the file starts like JSON but is not valid JSON";
  std::size_t records_depth = 0;
  long long member = -1;
  if (where.top == RecordLocator::Top::array) {
    records_depth = 1;
  } else if (where.top == RecordLocator::Top::object) {
    member = where.choice();
    if (member >= 0) records_depth = 2;
  } else {
    return "JSON holds no array of records";
  }
  RecordEmitter emitter(table, sink, records_depth, member, 1);
  (void)json::sax_parse(text.begin(), text.end(), &emitter);
  return {};
}

void NdjsonReader::emit_line(std::string_view line, const JsonSink& sink) {
  ++line_;
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
  if (line.find_first_not_of(" \t") == std::string_view::npos) return;  // blank line
  if (json_nesting_depth(line) > kMaxJsonDepth) {
    sink(JsonRecord{line_, {}, "JSON nests deeper than 256 levels (the limit)"});
    return;
  }
  // Validate first, so a broken line gives one rejection, not a partial record.
  nlohmann::detail::json_sax_acceptor<json> acceptor;
  if (!json::sax_parse(line.begin(), line.end(), &acceptor)) {
    sink(JsonRecord{line_, {}, "record is not valid JSON"});
    return;
  }
  RecordEmitter emitter(table_, sink, 0, -1, line_);
  (void)json::sax_parse(line.begin(), line.end(), &emitter);
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
