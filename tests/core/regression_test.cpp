// Regression tests for defects found while hardening the core (issue 6): by the
// libFuzzer targets of tests/fuzz and by review. Each names what was wrong.
// docs/hardening.md lists the findings.
#include <catch2/catch.hpp>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/analysis/analyzer.hpp"
#include "core/ingest/csv_reader.hpp"
#include "core/ingest/json_reader.hpp"

using namespace npskit;

namespace {

struct Rec {
  std::uint64_t line;
  std::vector<std::string> fields;
  bool unterminated;
  CsvLimit over;
  bool operator==(const Rec&) const = default;
};

std::vector<Rec> read_csv(const std::string& text, std::size_t chunk) {
  CsvReader reader(',');
  std::vector<Rec> out;
  auto sink = [&](const CsvRecord& r) {
    out.push_back({r.line, {r.fields.begin(), r.fields.end()}, r.unterminated_quote, r.over_limit});
  };
  if (chunk == 0) reader.feed(text, sink);
  else
    for (std::size_t at = 0; at < text.size(); at += chunk) reader.feed(std::string_view(text).substr(at, chunk), sink);
  reader.finish(sink);
  return out;
}

}  // namespace

// Before: an unclosed quote (or a huge field) made the reader buffer the rest of
// the input, however large: memory grew with the file. Now a record past 1 MB of
// cells, or past 10,000 fields, is read to its end but its cells are dropped.
// The one-chunk fast path and the chunked state machine must agree on it.
TEST_CASE("regression: CSV record limits apply the same whole and in chunks") {
  const std::string big(kMaxCsvRecordBytes + 1, 'b');
  std::string many = "1";
  for (std::size_t i = 0; i < kMaxCsvFields; ++i) many += ",x";  // kMaxCsvFields + 1 fields
  std::string exact = "1";
  for (std::size_t i = 1; i < kMaxCsvFields; ++i) exact += ",x";  // exactly kMaxCsvFields
  const std::string escaped = "\"" + std::string(kMaxCsvRecordBytes / 2, 'a') + "\"\"" +
                              std::string(kMaxCsvRecordBytes / 2, 'a') + "\"";  // one quote over, after unescaping
  const std::string text = "h1,h2\r\n" + big + ",x\r\n" + many + "\n" + exact + "\n" + escaped + "\nlast,row";
  const auto whole = read_csv(text, 0);
  REQUIRE(whole.size() == 6);
  CHECK(whole[1].over == CsvLimit::bytes);
  CHECK(whole[1].fields.empty());
  CHECK(whole[2].over == CsvLimit::fields);
  CHECK(whole[3].over == CsvLimit::none);
  CHECK(whole[3].fields.size() == kMaxCsvFields);
  CHECK(whole[4].over == CsvLimit::bytes);
  CHECK(whole[5].fields == std::vector<std::string>{"last", "row"});
  CHECK(whole[5].line == 6);
  for (std::size_t chunk : {std::size_t{1} << 20, std::size_t{65536}, std::size_t{4093}}) {
    INFO("chunk " << chunk);
    CHECK(read_csv(text, chunk) == whole);
  }
}

TEST_CASE("regression: a record at exactly the byte limit is kept") {
  const std::string text = "a,b\n" + std::string(kMaxCsvRecordBytes - 1, 'x') + ",y\n";
  for (std::size_t chunk : {std::size_t{0}, std::size_t{4096}}) {
    const auto recs = read_csv(text, chunk);
    REQUIRE(recs.size() == 2);
    CHECK(recs[1].over == CsvLimit::none);
    CHECK(recs[1].fields[0].size() == kMaxCsvRecordBytes - 1);
  }
}

// Before: NDJSON held a line with no newline whole, however long (a 2 GB line
// held 2 GB). Now it is skipped past 1 MB and rejected, at the same line number
// whatever the chunking.
TEST_CASE("regression: NDJSON long lines are rejected alike whole and in chunks") {
  const std::string text = "{\"a\":1}\n{\"a\":\"" + std::string(kMaxNdjsonLineBytes, 'z') + "\"}\n{\"a\":3}\n";
  auto read = [&](std::size_t chunk) {
    JsonTable table;
    NdjsonReader reader(table);
    std::vector<std::pair<std::uint64_t, std::string>> out;
    auto sink = [&](const JsonRecord& r) { out.emplace_back(r.line, std::string(r.error)); };
    if (chunk == 0) reader.feed(text, sink);
    else
      for (std::size_t at = 0; at < text.size(); at += chunk) reader.feed(std::string_view(text).substr(at, chunk), sink);
    reader.finish(sink);
    return out;
  };
  const auto whole = read(0);
  REQUIRE(whole.size() == 3);
  CHECK(whole[0].second.empty());
  CHECK(whole[1] == std::make_pair(std::uint64_t{2}, std::string("record is larger than 1 MB (the limit)")));
  CHECK(whole[2] == std::make_pair(std::uint64_t{3}, std::string()));
  CHECK(read(65536) == whole);
  CHECK(read(7).size() == 3);
}

// Before: making column names unique tried " (2)", " (3)", ... from 2 for every
// repeat: quadratic in the number of equal names (minutes for 100,000).
TEST_CASE("regression: unique column names keep the smallest free suffix") {
  Analyzer a(IngestOptions{}, ReportOptions{});
  REQUIRE(a.feed("score,x,x (2),x,x,y,x\n9,a,b,c,d,e,f\n"));
  REQUIRE(a.finish());
  const auto cols = a.inspection(0)["columns"];
  std::vector<std::string> names;
  for (const auto& c : cols) names.push_back(c["name"].get<std::string>());
  CHECK(names == std::vector<std::string>{"score", "x", "x (2)", "x (3)", "x (4)", "y", "x (5)"});
}

// Before: JSON columns were kept in a sorted vector with no cap: one record with
// 100,000 keys cost ~5e9 element moves. Now keys past 10,000 columns are ignored
// and counted like keys first seen after the sample.
TEST_CASE("regression: JSON columns are capped at 10,000") {
  std::string rec = "{\"score\":9";
  for (int i = 0; i < 20'000; ++i) rec += ",\"k" + std::to_string(i) + "\":1";
  rec += "}";
  JsonTable table;
  std::size_t records = 0;
  const auto error = read_json_document("[" + rec + "]", table, [&](const JsonRecord& r) {
    ++records;
    CHECK(r.fields.size() == kMaxJsonColumns);
  });
  CHECK(error.empty());
  CHECK(records == 1);
  CHECK(table.columns().size() == kMaxJsonColumns);
  CHECK(table.ignored_keys() == 20'001 - kMaxJsonColumns);
}

// Before: a chunk was judged valid UTF-8 with the bytes of a character split at
// its ends left out, but the two halves were never checked together. A cut-off
// lead byte followed by a chunk starting with ASCII (or a chunk starting with
// stray continuation bytes, or a file ending in a cut-off character) let
// invalid UTF-8 through unconverted: a segment value in the report was not
// UTF-8, and `source.encoding` said utf-8 — unlike the same bytes fed whole.
TEST_CASE("regression: a character split across chunks is validated as one") {
  IngestOptions ingest;
  ingest.columns.segments = std::vector<std::string>{"country"};
  auto run = [&](const std::vector<std::string>& chunks) {
    Analyzer a(ingest, ReportOptions{});
    for (const auto& c : chunks) REQUIRE(a.feed(c));
    REQUIRE(a.finish());
    return a.report();
  };
  auto values = [](const nlohmann::ordered_json& report) {
    std::vector<std::string> out;
    for (const auto& v : report["segments"]["country"]) out.push_back(v["value"].get<std::string>());
    std::sort(out.begin(), out.end());
    return out;
  };
  const std::string cp1252 = "ab\xC3\x83x";  // "abÃx": \xC3 read as Windows-1252
  for (const auto& chunks : std::vector<std::vector<std::string>>{
           {"score,country\n9,ab\xC3", "x\n8,ok\n"},         // lead byte, then ASCII
           {"score,country\n9,ab\xC3x\n8,ok\n"},             // the same, whole
           {"score,country\n8,ok\n9,ab", "\x83x\n"},         // stray continuation byte at a chunk start
           {"score,country\n8,ok\n9,abx\xC3"}}) {            // cut off at the end of the file
    const auto report = run(chunks);
    INFO(chunks[0]);
    CHECK(report["source"]["encoding"] == "windows-1252");
    for (const auto& v : values(report)) CHECK_NOTHROW(nlohmann::json(v).dump());  // strict: throws on invalid UTF-8
  }
  CHECK(values(run({"score,country\n9,ab\xC3", "x\n8,ok\n"})) == std::vector<std::string>{cp1252, "ok"});
  // A character really split across chunks is still read as UTF-8.
  const auto split = run({"score,country\n9,caf\xC3", "\xA9\n8,ok\n"});
  CHECK(split["source"]["encoding"] == "utf-8");
  CHECK(values(split) == std::vector<std::string>{"caf\xC3\xA9", "ok"});
}
