// Hostile and degenerate inputs (issue 6): each gives a clear error or an
// accounted rejection, never a crash, a hang or unbounded memory. The limits
// (docs/hardening.md) are named in the messages. Each case stays well under a
// few seconds, also under ASan + UBSan.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <string>

#include "core/report/analyzer.hpp"
#include "core/report/session.hpp"
#include "core/ingest/csv_reader.hpp"
#include "core/ingest/json_reader.hpp"
#include "support.hpp"

using namespace npskit;
using ojson = nlohmann::ordered_json;
using namespace std::string_literals;

namespace {

struct Outcome {
  bool ok;
  std::string error;
  ojson report;
};

// Feeds `bytes` whole (chunk 0) or in chunks, as the CLI and the wasm binding do.
Outcome analyze(const std::string& bytes, std::size_t chunk = 0) {
  Analyzer a(IngestOptions{}, ReportOptions{});
  bool ok = test::feed_in_chunks(bytes, chunk, [&](std::string_view piece) { return a.feed(piece); });
  ok = ok && a.finish();
  if (!ok) return {false, a.error(), {}};
  return {true, "", a.report()};
}

std::uint64_t rows(const Outcome& o, const char* key) { return o.report["rows"][key].get<std::uint64_t>(); }

std::string first_reason(const Outcome& o) {
  REQUIRE(!o.report["rejections"].empty());
  return o.report["rejections"][0]["reason"].get<std::string>();
}

std::string utf16le(const std::string& ascii) {
  std::string out = "\xFF\xFE";
  for (char c : ascii) {
    out.push_back(c);
    out.push_back('\0');
  }
  return out;
}

}  // namespace

TEST_CASE("hostile: JSON nested 100,000 deep is refused by name, without deep recursion") {
  const std::string arrays = std::string(100'000, '[') + std::string(100'000, ']');
  auto r = analyze(arrays);
  REQUIRE_FALSE(r.ok);
  CHECK(r.error == "JSON nests deeper than 256 levels (the limit)");

  std::string objects;
  for (int i = 0; i < 100'000; ++i) objects += "{\"a\":";
  objects += "1" + std::string(100'000, '}');
  r = analyze(objects, 4096);
  REQUIRE_FALSE(r.ok);
  CHECK(r.error == "JSON nests deeper than 256 levels (the limit)");
}

TEST_CASE("hostile: a 100,000-deep NDJSON line is one rejected record, the others count") {
  std::string deep;
  for (int i = 0; i < 100'000; ++i) deep += "{\"a\":";
  deep += "1" + std::string(100'000, '}');
  const std::string text = "{\"score\":9}\n" + deep + "\n{\"score\":7}\n";
  auto r = analyze(text, 65536);
  REQUIRE(r.ok);
  CHECK(r.report["source"]["format"] == "ndjson");
  CHECK(rows(r, "read") == 3);
  CHECK(rows(r, "valid") == 2);
  CHECK(rows(r, "rejected") == 1);
  // The 500 kB line is under the 1 MB record limit: the depth guard is what stops it.
  CHECK(first_reason(r) == "JSON nests deeper than 256 levels (the limit)");
}

TEST_CASE("hostile: a 10 MB field is rejected as over the 1 MB record limit, whatever the chunking") {
  const std::string big(10u << 20, 'x');
  for (const std::string& cell : {big, "\"" + big + "\""}) {
    const std::string text = "score,comment\n9," + cell + "\n7,fine\n";
    for (std::size_t chunk : {std::size_t{0}, std::size_t{1} << 20, std::size_t{65536}}) {
      INFO("chunk " << chunk);
      auto r = analyze(text, chunk);
      REQUIRE(r.ok);
      CHECK(rows(r, "read") == 2);
      CHECK(rows(r, "valid") == 1);
      CHECK(rows(r, "rejected") == 1);
      CHECK(first_reason(r) == "record is larger than 1 MB (the limit)");
      CHECK(r.report["rejections"][0]["line"] == 2);
    }
  }
}

TEST_CASE("hostile: a field just under the record limit is read") {
  const std::string text = "score,comment\n9," + std::string(kMaxCsvRecordBytes - 1, 'y') + "\n";
  auto r = analyze(text, 100'000);
  REQUIRE(r.ok);
  CHECK(rows(r, "valid") == 1);
  CHECK(rows(r, "rejected") == 0);
}

TEST_CASE("hostile: a header of 100,000 columns is refused, naming the 10,000-column limit") {
  std::string header;
  for (int i = 0; i < 100'000; ++i) header += (i ? ",c" : "score,c") + std::to_string(i);
  const std::string text = header + "\n9\n";
  for (std::size_t chunk : {std::size_t{0}, std::size_t{4096}}) {
    auto r = analyze(text, chunk);
    REQUIRE_FALSE(r.ok);
    CHECK(r.error == "the header row: record has more than 10000 fields (the limit)");
  }
}

TEST_CASE("hostile: a JSON record with 100,000 keys keeps the first 10,000 columns") {
  // (Keys of one object are taken in name order: "score" sorts before "x...".)
  std::string rec = "[{\"score\":9";
  for (int i = 0; i < 100'000; ++i) rec += ",\"x" + std::to_string(i) + "\":1";
  rec += "}]";
  auto r = analyze(rec);
  REQUIRE(r.ok);
  CHECK(rows(r, "valid") == 1);
  CHECK(r.report["columns"]["score"] == "score");
}

TEST_CASE("hostile: a line with 1,000,000 delimiters is one rejected record") {
  const std::string text = "score,comment\n9" + std::string(1'000'000, ',') + "\n8,fine\n";
  for (std::size_t chunk : {std::size_t{0}, std::size_t{65536}}) {
    auto r = analyze(text, chunk);
    REQUIRE(r.ok);
    CHECK(rows(r, "read") == 2);
    CHECK(rows(r, "valid") == 1);
    CHECK(rows(r, "rejected") == 1);
    CHECK(first_reason(r) == "record has more than 10000 fields (the limit)");
  }
  // As the header, it makes the file unusable.
  auto r = analyze("score" + std::string(1'000'000, ';') + "\n9\n");
  REQUIRE_FALSE(r.ok);
  CHECK(r.error == "the header row: record has more than 10000 fields (the limit)");
}

TEST_CASE("hostile: NUL bytes") {
  auto r = analyze("score,comment\n9,a\0b\n"s);
  REQUIRE_FALSE(r.ok);
  CHECK(r.error == "the file holds NUL bytes: it is binary, not CSV or JSON text");
  r = analyze(std::string(1000, '\0'));
  REQUIRE_FALSE(r.ok);
  CHECK(r.error == "the file holds NUL bytes: it is binary, not CSV or JSON text");

  // Past the 64 kB the format is sniffed from, a NUL is cell text: a score with
  // one is rejected, a comment with one is kept.
  std::string text = "score,comment\n";
  while (text.size() < 100'000) text += "9,ok\n";
  text += "7,with \0 nul\n"s;
  text += "1\0,x\n"s;
  r = analyze(text, 8192);
  REQUIRE(r.ok);
  CHECK(rows(r, "rejected") == 1);
  CHECK(rows(r, "valid") == rows(r, "read") - 1);
  CHECK(first_reason(r) == "\"1\0\" is not a 0-10 score"s);
}

TEST_CASE("hostile: truncated UTF-8 falls back to Windows-1252 for that cell") {
  for (const char* tail : {"caf\xC3", "\xE2\x82", "\xF0\x9F\x98"}) {
    auto r = analyze(std::string("score,comment\n9,") + tail + "\n8," + tail);
    REQUIRE(r.ok);
    CHECK(rows(r, "valid") == 2);
    CHECK(r.report["source"]["encoding"] == "windows-1252");
  }
}

TEST_CASE("hostile: truncated UTF-16 (odd byte, lone surrogate) reads what is there") {
  // An odd trailing byte becomes U+FFFD, on a line of its own here: not a score.
  auto r = analyze(utf16le("score\n9\n8\n") + "7");
  REQUIRE(r.ok);
  CHECK(r.report["source"]["encoding"] == "utf-16le");
  CHECK(rows(r, "valid") == 2);
  CHECK(rows(r, "rejected") == 1);
  // A high surrogate with no low half at the end of the file.
  r = analyze(utf16le("score,c\n9,x\n8,") + std::string("\x3D\xD8", 2));
  REQUIRE(r.ok);
  CHECK(rows(r, "valid") == 2);
  // Only a BOM.
  r = analyze("\xFF\xFE");
  REQUIRE_FALSE(r.ok);
  CHECK(r.error == "the file holds only white space");
}

TEST_CASE("hostile: a file that is all quotes") {
  // Small: one header cell of quotes and nothing else.
  auto r = analyze(std::string(1001, '"'));
  REQUIRE_FALSE(r.ok);
  CHECK_FALSE(r.error.empty());
  // 10 MB: the one quoted field never closes and passes the record limit; the
  // reader keeps at most ~1 MB of it.
  r = analyze(std::string(10'000'001, '"'), 1u << 20);
  REQUIRE_FALSE(r.ok);
  CHECK(r.error ==
        "the header row: unterminated quoted field: the record runs to the end of the file, past 1 MB (the record limit)");
  r = analyze(std::string(10'000'000, '"'));
  REQUIRE_FALSE(r.ok);
  CHECK(r.error == "the header row: record is larger than 1 MB (the limit)");
}

TEST_CASE("hostile: an unclosed quote in a data row swallows the rest as one rejected record") {
  std::string text = "score,comment\n9,ok\n8,\"never closed\n";
  for (int i = 0; i < 200'000; ++i) text += "7,more\n";  // ~1.4 MB after the quote
  auto r = analyze(text, 65536);
  REQUIRE(r.ok);
  CHECK(rows(r, "valid") == 1);
  CHECK(rows(r, "rejected") == 1);
  CHECK(first_reason(r) ==
        "unterminated quoted field: the record runs to the end of the file, past 1 MB (the record limit)");
}

TEST_CASE("hostile: the CSV reader's buffer stays bounded on a 20 MB unterminated field") {
  CsvReader reader(',');
  std::size_t records = 0;
  CsvRecord last;
  std::vector<std::string> last_fields;  // the record's views are valid only during the call
  auto sink = [&](const CsvRecord& r) {
    ++records;
    last.over_limit = r.over_limit;
    last.unterminated_quote = r.unterminated_quote;
    last_fields.assign(r.fields.begin(), r.fields.end());
  };
  reader.feed("a,\"", sink);
  const std::string chunk(1u << 20, 'z');
  for (int i = 0; i < 20; ++i) reader.feed(chunk, sink);
  reader.finish(sink);
  CHECK(records == 1);
  CHECK(last.over_limit == CsvLimit::bytes);
  CHECK(last.unterminated_quote);
  CHECK(last_fields.empty());
}

TEST_CASE("hostile: an NDJSON line over 1 MB is rejected, the next line is read") {
  const std::string text = "{\"score\":9}\n{\"score\":8,\"c\":\"" + std::string(3u << 20, 'q') + "\"}\n{\"score\":7}";
  for (std::size_t chunk : {std::size_t{0}, std::size_t{65536}}) {
    auto r = analyze(text, chunk);
    REQUIRE(r.ok);
    CHECK(rows(r, "read") == 3);
    CHECK(rows(r, "valid") == 2);
    CHECK(first_reason(r) == "record is larger than 1 MB (the limit)");
    CHECK(r.report["rejections"][0]["line"] == 2);
  }
  // A last line with no end, over the limit.
  auto r = analyze("{\"score\":9}\n{\"c\":\"" + std::string(2u << 20, 'q'), 65536);
  REQUIRE(r.ok);
  CHECK(rows(r, "rejected") == 1);
}

TEST_CASE("hostile: a JSON document over 64 MB is refused early, pointing to NDJSON") {
  std::string text = "[";
  const std::string rec = "{\"score\":9,\"comment\":\"" + std::string(1000, 'c') + "\"},";
  while (text.size() <= kMaxJsonDocumentBytes) text += rec;
  auto r = analyze(text, 1u << 20);
  REQUIRE_FALSE(r.ok);
  CHECK(r.error ==
        "the JSON document is larger than 64 MB (the limit for a whole document): export it as NDJSON or CSV, which "
        "are streamed");
}

TEST_CASE("hostile: empty and blank files") {
  auto r = analyze("");
  REQUIRE_FALSE(r.ok);
  CHECK(r.error == "the file is empty");
  r = analyze(" \r\n\t\n");
  REQUIRE_FALSE(r.ok);
  CHECK(r.error == "the file holds only white space");
}

TEST_CASE("hostile: a header with no rows gives an empty, well-formed report") {
  for (std::string text : {"score,comment\n", "score,comment", "\xEF\xBB\xBFscore;date;comment\r\n\r\n"}) {
    auto r = analyze(text);
    REQUIRE(r.ok);
    CHECK(rows(r, "read") == 0);
    CHECK(r.report["overall"]["n"] == 0);
    CHECK(r.report["overall"]["nps"].is_null());
  }
  // JSON: an empty array holds no records, so no score column can be found.
  auto r = analyze("[]");
  REQUIRE_FALSE(r.ok);
  CHECK_FALSE(r.error.empty());
}

TEST_CASE("hostile: 10,000 columns with the same name are made unique in linear time") {
  std::string header = "score";
  for (int i = 0; i < 9'999; ++i) header += ",x";
  auto r = analyze(header + "\n9\n8\n");
  REQUIRE(r.ok);
  CHECK(rows(r, "valid") == 2);
  Analyzer a(IngestOptions{}, ReportOptions{});
  REQUIRE(a.feed(header + "\n9\n"));
  REQUIRE(a.finish());
  const auto cols = a.inspection(0)["columns"];
  REQUIRE(cols.size() == 10'000);
  CHECK(cols[1]["name"] == "x");
  CHECK(cols[2]["name"] == "x (2)");
  CHECK(cols[9'999]["name"] == "x (9999)");
}

TEST_CASE("hostile: the dashboard session survives hostile files and stays usable") {
  Session s(IngestOptions{});
  s.begin_file("deep.json");
  s.feed(std::string(100'000, '[') + std::string(100'000, ']'));
  CHECK_FALSE(s.end_file());
  CHECK(s.error() == "JSON nests deeper than 256 levels (the limit)");
  s.begin_file("wide.csv");
  s.feed("score" + std::string(1'000'000, ',') + "\n9\n");
  CHECK_FALSE(s.end_file());
  s.begin_file("ok.csv");
  s.feed("score,comment\n9,good\n3," + std::string(5u << 20, 'z') + "\n");
  CHECK(s.end_file());
  const auto report = s.report(nlohmann::json::object());
  CHECK(report["rows"]["valid"] == 1);
  CHECK(report["rows"]["rejected"] == 1);
  CHECK(s.rows(nlohmann::json::object())["total"] == 1);
}
