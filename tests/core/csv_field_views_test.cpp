// Tests of the CSV reader's field views (CsvRecord::fields): the array is the
// reader's, written by index and grown by the widest record so far; a record the
// fast path gives up half-way leaves nothing behind for the next one.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/ingest/csv_reader.hpp"
#include "support.hpp"

using namespace npskit;

namespace {

using Records = std::vector<std::vector<std::string>>;

// Reads `text` fed in pieces cut at `cuts`.
Records read(std::string_view text, std::vector<std::size_t> cuts = {}) {
  CsvReader reader(',');
  Records out;
  const CsvSink sink = [&out](const CsvRecord& r) {
    out.emplace_back(r.fields.begin(), r.fields.end());
  };
  test::feed_split(text, cuts, [&](std::string_view piece) { reader.feed(piece, sink); });
  reader.finish(sink);
  return out;
}

std::string row(std::size_t fields, char letter) {
  std::string out;
  for (std::size_t i = 0; i < fields; ++i) {
    if (i) out += ',';
    out += letter;
    out += std::to_string(i);
  }
  return out + "\n";
}

std::vector<std::string> cells(std::size_t fields, char letter) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < fields; ++i) out.push_back(letter + std::to_string(i));
  return out;
}

}  // namespace

TEST_CASE("CSV field views: records narrower and wider than any before, in any order", "[csv][views]") {
  // 1, 3, 17 (past the first buffer), 2, 5000, 1, 10,000 (the limit), 3 fields.
  const std::vector<std::size_t> widths = {1, 3, 17, 2, 5000, 1, kMaxCsvFields, 3};
  std::string text;
  Records expected;
  char letter = 'a';
  for (std::size_t w : widths) {
    text += row(w, letter);
    expected.push_back(cells(w, letter));
    ++letter;
  }
  CHECK(read(text) == expected);
  CHECK(read(text, test::every_byte(text.substr(0, 200))) == expected);  // the state machine for the first ones
}

TEST_CASE("CSV field views: a record given up after an unescaped field leaves the next record whole",
          "[csv][views]") {
  // Record 1 has a field with "" (unescaped into the reader's own text), then a
  // literal quote in an unquoted field: the fast path gives it up and the state
  // machine reads it. Record 2 comes from the fast path again and must not get
  // record 1's unescaped field.
  const std::string text =
      "\"a\"\"b\",x\"y\n"
      "p,q\n"
      "\"c\"\"d\",\"e\"\"f\"\"\",g\n"
      "r,s,t\n";
  const Records expected = {{"a\"b", "x\"y"}, {"p", "q"}, {"c\"d", "e\"f\"", "g"}, {"r", "s", "t"}};
  CHECK(read(text) == expected);
  CHECK(read(text, test::every_byte(text)) == expected);
}

TEST_CASE("CSV field views: a record over the field limit is read again after a wide valid one", "[csv][views]") {
  std::string text = row(kMaxCsvFields, 'a') + row(kMaxCsvFields + 1, 'b') + row(2, 'c');
  CsvReader reader(',');
  std::vector<std::size_t> sizes;
  std::vector<CsvLimit> limits;
  const CsvSink sink = [&](const CsvRecord& r) {
    sizes.push_back(r.fields.size());
    limits.push_back(r.over_limit);
  };
  reader.feed(text, sink);
  reader.finish(sink);
  CHECK(sizes == std::vector<std::size_t>{kMaxCsvFields, 0, 2});
  CHECK(limits == std::vector<CsvLimit>{CsvLimit::none, CsvLimit::fields, CsvLimit::none});
}
