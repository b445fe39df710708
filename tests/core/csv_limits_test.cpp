// The CSV reader's record limits at their edges. The fast path (stage 2) checks
// them by position (a record's span bounds its cell bytes; a field countdown) and
// leaves a record it cannot vouch for to the state machine, which counts exactly:
// fed whole (fast path) and one byte at a time (state machine only), every record
// here must come out the same, with the expected values built by the test.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/ingest/csv_reader.hpp"
#include "support.hpp"

using namespace npskit;

namespace {

struct Read {
  std::vector<std::string> fields;
  CsvLimit over_limit;
  bool operator==(const Read&) const = default;
};

std::vector<Read> read(std::string_view text, bool bytewise) {
  std::vector<Read> out;
  CsvReader reader(',');
  const CsvSink sink = [&out](const CsvRecord& r) {
    out.push_back({{r.fields.begin(), r.fields.end()}, r.over_limit});
  };
  test::feed_split(text, bytewise ? test::every_byte(text) : std::vector<std::size_t>{},
                   [&](std::string_view piece) { reader.feed(piece, sink); });
  reader.finish(sink);
  return out;
}

// A record of `n` one-letter fields, then a short record (the reader goes on).
std::string fields_record(std::size_t n) {
  std::string text = "a";
  for (std::size_t i = 1; i < n; ++i) text += ",a";
  return text + "\nx,y\n";
}

void check_both(const std::string& text, const std::vector<Read>& expected) {
  CHECK(read(text, false) == expected);
  CHECK(read(text, true) == expected);
}

}  // namespace

TEST_CASE("CSV limits: 10,000 fields are read, 10,001 are over the field limit", "[csv][limits]") {
  const Read next{{"x", "y"}, CsvLimit::none};
  check_both(fields_record(kMaxCsvFields), {{std::vector<std::string>(kMaxCsvFields, "a"), CsvLimit::none}, next});
  check_both(fields_record(kMaxCsvFields + 1), {{{}, CsvLimit::fields}, next});
}

TEST_CASE("CSV limits: exactly 1 MB of cells is read, one byte more is over the byte limit", "[csv][limits]") {
  const Read next{{"x", "y"}, CsvLimit::none};
  // Two cells: "z" and the rest, so the cell bytes are 1 + rest (the delimiter is no cell byte).
  const std::string at_limit(kMaxCsvRecordBytes - 1, 'q');
  check_both("z," + at_limit + "\nx,y\n", {{{"z", at_limit}, CsvLimit::none}, next});
  check_both("z," + at_limit + "q\nx,y\n", {{{}, CsvLimit::bytes}, next});
}

TEST_CASE("CSV limits: a record longer than 1 MB only by its quoting is read whole", "[csv][limits]") {
  // 600,000 doubled quotes: 1.2 MB of text, 600,000 bytes of cell. The fast path
  // gives it up by its span; the state machine reads it, and the next record.
  const std::size_t quotes = 600'000;
  std::string text = "\"";
  for (std::size_t i = 0; i < quotes; ++i) text += "\"\"";
  text += "\",b\nx,y\n";
  REQUIRE(text.size() > kMaxCsvRecordBytes);
  check_both(text, {{{std::string(quotes, '"'), "b"}, CsvLimit::none}, {{"x", "y"}, CsvLimit::none}});
}
