// The JSON readers (ingest/json_reader): a whole document (an array of records,
// or an object holding one) and NDJSON fed in chunks. Columns are the flattened
// keys in order of first appearance; every record's fields line up with them;
// a record that is not an object, or a line that is not JSON, is rejected with
// its number and the reason. (Property bags: json_property_bags_test.cpp; the
// limits on hostile sizes: memory_bounds_test.cpp, regression_test.cpp.)
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/ingest/json_reader.hpp"
#include "support.hpp"

using namespace npskit;

namespace {

struct Rec {
  std::uint64_t line;
  std::vector<std::string> fields;
  std::string error;
  bool operator==(const Rec&) const = default;
};

struct Read {
  std::string error;  // read_json_document's verdict
  std::vector<std::string> columns;
  std::vector<Rec> records;
};

JsonSink collect(JsonTable& table, std::vector<Rec>& out) {
  return [&table, &out](const JsonRecord& r) {
    if (r.error.empty()) REQUIRE(r.fields.size() == table.columns().size());
    out.push_back({r.line, {r.fields.begin(), r.fields.end()}, std::string(r.error)});
  };
}

Read document(const std::string& text) {
  Read r;
  JsonTable table;
  r.error = read_json_document(text, table, collect(table, r.records));
  r.columns = table.columns();
  return r;
}

Read ndjson(std::string_view text, std::size_t chunk = 0) {
  Read r;
  JsonTable table;
  NdjsonReader reader(table);
  const auto sink = collect(table, r.records);
  test::feed_in_chunks(text, chunk, [&](std::string_view piece) { reader.feed(piece, sink); });
  reader.finish(sink);
  r.columns = table.columns();
  return r;
}

using Strings = std::vector<std::string>;

}  // namespace

TEST_CASE("json document: an array of records, columns in order of first appearance", "[json]") {
  const auto r = document(R"([{"score": 9, "date": "2024-01-05"}, {"comment": "ok", "score": 3}])");
  REQUIRE(r.error.empty());
  CHECK(r.columns == Strings{"score", "date", "comment"});
  // Fields are aligned with the columns known when the record is handed over (a
  // stream: later columns are not known yet); a key absent from a record is "".
  REQUIRE(r.records.size() == 2);
  CHECK(r.records[0] == Rec{1, {"9", "2024-01-05"}, ""});
  CHECK(r.records[1] == Rec{2, {"3", "", "ok"}, ""});
}

TEST_CASE("json document: scalars as text, nested objects flattened, arrays kept as JSON", "[json]") {
  const auto r = document(R"([{"a": true, "b": false, "c": null, "d": 2.5, "e": -7,
                                "answers": {"nps": 10, "why": {"text": "fast"}}, "tags": ["x", 1]}])");
  REQUIRE(r.error.empty());
  CHECK(r.columns == Strings{"a", "b", "c", "d", "e", "answers.nps", "answers.why.text", "tags"});
  REQUIRE(r.records.size() == 1);
  CHECK(r.records[0].fields == Strings{"true", "false", "", "2.5", "-7", "10", "fast", R"(["x",1])"});
}

TEST_CASE("json document: an object holding the records", "[json]") {
  SECTION("the one array of objects") {
    const auto r = document(R"({"total": 1, "responses": [{"score": 8}]})");
    REQUIRE(r.error.empty());
    CHECK(r.columns == Strings{"score"});
    CHECK(r.records == std::vector<Rec>{{1, {"8"}, ""}});
  }
  SECTION("a member with a well-known name wins over an earlier array of objects") {
    const auto r = document(R"({"meta": [{"page": 1}], "data": [{"score": 6}, {"score": 7}]})");
    REQUIRE(r.error.empty());
    CHECK(r.columns == Strings{"score"});
    REQUIRE(r.records.size() == 2);
    CHECK(r.records[1] == Rec{2, {"7"}, ""});
  }
  SECTION("an object without an array of objects is one record") {
    const auto r = document(R"({"score": 9, "tags": [1, 2]})");
    REQUIRE(r.error.empty());
    CHECK(r.records == std::vector<Rec>{{1, {"9", "[1,2]"}, ""}});
  }
  SECTION("a scalar holds no records") {
    CHECK(document("42").error == "JSON holds no array of records");
    CHECK(document("\"text\"").error == "JSON holds no array of records");
  }
}

TEST_CASE("json document: a record that is not an object is rejected, the others read", "[json]") {
  const auto r = document(R"([{"score": 9}, 5, ["a"], {"score": 1}])");
  REQUIRE(r.error.empty());
  REQUIRE(r.records.size() == 4);
  CHECK(r.records[0] == Rec{1, {"9"}, ""});
  CHECK(r.records[1].line == 2);
  CHECK_FALSE(r.records[1].error.empty());
  CHECK(r.records[2].line == 3);
  CHECK_FALSE(r.records[2].error.empty());
  CHECK(r.records[3] == Rec{4, {"1"}, ""});
}

TEST_CASE("json document: invalid JSON and nesting past the limit", "[json]") {
  CHECK(document(R"([{"score": 9},])").error == "the file starts like JSON but is not valid JSON");
  CHECK(document(R"([{"score": 9})").error == "the file starts like JSON but is not valid JSON");
  const std::string deep = "[" + std::string(300, '[') + std::string(300, ']') + "]";
  CHECK(document(deep).error == "JSON nests deeper than 256 levels (the limit)");
  CHECK(json_nesting_depth(R"({"a": "[[[[", "b": [{}]})") == 3);  // brackets inside strings do not count
}

TEST_CASE("ndjson: one record per line, blank lines skipped, line numbers physical", "[json][ndjson]") {
  const std::string text = "{\"score\": 9}\r\n\n   \n{\"score\": 4, \"plan\": \"Pro\"}\nnot json\n[1]\n{\"plan\": \"Free\"}";
  const auto r = ndjson(text);
  CHECK(r.columns == Strings{"score", "plan"});
  REQUIRE(r.records.size() == 5);
  CHECK(r.records[0] == Rec{1, {"9"}, ""});
  CHECK(r.records[1] == Rec{4, {"4", "Pro"}, ""});
  CHECK(r.records[2] == Rec{5, {}, "record is not valid JSON"});
  CHECK(r.records[3].line == 6);  // valid JSON, but not an object
  CHECK_FALSE(r.records[3].error.empty());
  CHECK(r.records[4] == Rec{7, {"", "Free"}, ""});  // the last line needs no line break
}

TEST_CASE("ndjson: every chunking reads the same records", "[json][ndjson][chunks]") {
  const std::string text =
      "{\"score\": 10, \"comment\": \"caf\xC3\xA9 \\u00e9\"}\n{\"score\": 2, \"meta\": {\"os\": \"iOS\"}}\n\n{bad\n{\"score\": 7}\n";
  const auto whole = ndjson(text);
  REQUIRE(whole.records.size() == 4);
  CHECK(whole.records[0].fields[1] == "caf\xC3\xA9 \xC3\xA9");
  for (std::size_t chunk : test::every_chunk_size(text)) {
    INFO("chunk " << chunk);
    const auto r = ndjson(text, chunk);
    CHECK(r.columns == whole.columns);
    CHECK(r.records == whole.records);
  }
}

TEST_CASE("json table: keys first seen after freeze_columns are ignored and counted", "[json]") {
  JsonTable table;
  CHECK(table.column_index("score") == 0);
  CHECK(table.column_index("date") == 1);
  CHECK(table.column_index("score") == 0);
  table.freeze_columns();
  CHECK(table.column_index("plan") == SIZE_MAX);
  CHECK(table.column_index("plan") == SIZE_MAX);
  CHECK(table.column_index("date") == 1);
  CHECK(table.ignored_keys() == 2);
  CHECK(table.columns() == Strings{"score", "date"});
}
