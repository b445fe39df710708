// Tests of the CSV scan (stage 1): the block classifiers agree with a byte-by-byte
// oracle, the prefix XOR and the structural walk match plain loops, and the reader
// reads the same records with every kernel on inputs placed across 64-byte blocks
// and chunk boundaries.
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "core/ingest/csv_reader.hpp"
#include "core/ingest/csv_scan.hpp"
#include "support.hpp"

using namespace npskit;

namespace {

// Every kernel this machine can run (csv_classifier falls back to scalar or SSE2
// for one it lacks, so listing all is safe; the duplicates cost nothing).
const std::vector<CsvScanKernel> kKernels = {CsvScanKernel::scalar, CsvScanKernel::sse2, CsvScanKernel::avx2,
                                             CsvScanKernel::wasm_simd128};

CsvBlockBits oracle_bits(const char* block, char delim) {
  CsvBlockBits b;
  for (int i = 0; i < 64; ++i) {
    const std::uint64_t bit = std::uint64_t{1} << i;
    if (block[i] == '"') b.quote |= bit;
    if (block[i] == delim) b.delimiter |= bit;
    if (block[i] == '\r' || block[i] == '\n') b.line_break |= bit;
  }
  return b;
}

// Offsets of the structural bytes by a plain walk: parity flips at every quote.
std::vector<std::size_t> oracle_structurals(std::string_view text, char delim) {
  std::vector<std::size_t> out;
  bool inside = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '"') {
      inside = !inside;
      out.push_back(i);
    } else if (c == '\r' || c == '\n' || (c == delim && !inside)) {
      out.push_back(i);
    }
  }
  return out;
}

std::vector<std::size_t> scanned_structurals(std::string_view text, char delim, CsvScanKernel kernel) {
  CsvStructuralScanner scan(delim, kernel);
  const char* end = text.data() + text.size();
  scan.start(text.data(), end);
  std::vector<std::size_t> out;
  for (const char* s = scan.next(); s != end; s = scan.next()) out.push_back(static_cast<std::size_t>(s - text.data()));
  return out;
}

struct Rec {
  std::uint64_t line;
  std::vector<std::string> fields;
  bool unterminated;
  bool operator==(const Rec&) const = default;
};

std::ostream& operator<<(std::ostream& os, const Rec& r) {
  os << "{line " << r.line << (r.unterminated ? " unterminated" : "") << ":";
  for (const auto& f : r.fields) os << " [" << f << "]";
  return os << "}";
}

// Reads `text` with `kernel`, fed in pieces cut at `cuts` (ascending offsets).
std::vector<Rec> read(std::string_view text, CsvScanKernel kernel, std::vector<std::size_t> cuts = {},
                      char delim = ',') {
  CsvReader reader(delim, kernel);
  std::vector<Rec> out;
  const CsvSink sink = [&out](const CsvRecord& r) {
    out.push_back({r.line, {r.fields.begin(), r.fields.end()}, r.unterminated_quote});
  };
  test::feed_split(text, cuts, [&](std::string_view piece) { reader.feed(piece, sink); });
  reader.finish(sink);
  return out;
}

// `text` must read as `expected` with every kernel, whole, byte by byte, and cut
// around every 64-byte block edge.
void check_everywhere(std::string_view text, const std::vector<Rec>& expected) {
  const auto bytewise = test::every_byte(text);
  for (CsvScanKernel k : kKernels) {
    INFO("kernel " << csv_scan_kernel_name(k));
    CHECK(read(text, k) == expected);
    CHECK(read(text, k, bytewise) == expected);
    for (std::size_t edge = 64; edge + 1 < text.size(); edge += 64) {
      for (std::size_t cut : {edge - 1, edge, edge + 1}) {
        INFO("cut at " << cut);
        CHECK(read(text, k, {cut}) == expected);
      }
    }
  }
}

std::string pad(std::size_t n) { return std::string(n, 'x'); }

}  // namespace

TEST_CASE("every block classifier matches the byte-by-byte oracle", "[csv][scan]") {
  std::mt19937 rng(7);
  std::string block(64, '\0');
  for (int round = 0; round < 2000; ++round) {
    // Half the rounds draw from the structural bytes and a few others, so the
    // masks are dense; half from all 256 byte values (high bytes included).
    for (char& c : block) {
      static constexpr char kDense[] = {'"', ',', ';', '\r', '\n', 'a', '\xC3', '\x80', '\0'};
      c = round % 2 ? kDense[rng() % sizeof kDense] : static_cast<char>(rng() & 0xFF);
    }
    for (char delim : {',', ';', '\t', '|'}) {
      const CsvBlockBits expected = oracle_bits(block.data(), delim);
      for (CsvScanKernel k : kKernels) {
        INFO("kernel " << csv_scan_kernel_name(k) << " round " << round);
        CHECK(csv_classifier(k)(block.data(), delim) == expected);
      }
    }
  }
}

TEST_CASE("prefix XOR marks from an opening quote up to its closing quote", "[csv][scan]") {
  CHECK(prefix_xor(0) == 0);
  // Quotes at bits 2 and 5: bits 2, 3, 4 inside.
  CHECK(prefix_xor((1ull << 2) | (1ull << 5)) == 0b011100);
  // One quote at bit 63: only bit 63 (the block ends inside quotes).
  CHECK(prefix_xor(1ull << 63) == (1ull << 63));
  std::mt19937_64 rng(11);
  for (int i = 0; i < 1000; ++i) {
    const std::uint64_t x = rng() & rng();  // sparse-ish
    std::uint64_t expected = 0;
    bool parity = false;
    for (int b = 0; b < 64; ++b) {
      parity ^= (x >> b) & 1;
      if (parity) expected |= 1ull << b;
    }
    CHECK(prefix_xor(x) == expected);
  }
}

TEST_CASE("the scanner returns exactly the structural bytes, across blocks", "[csv][scan]") {
  std::mt19937 rng(3);
  static constexpr char kBytes[] = {'"', ',', '\r', '\n', 'a', 'b', ' ', '\xE2', '\x82', '\xAC'};
  for (int round = 0; round < 1500; ++round) {
    std::string text(rng() % 300, 'a');
    for (char& c : text) c = kBytes[rng() % sizeof kBytes];
    const auto expected = oracle_structurals(text, ',');
    for (CsvScanKernel k : kKernels) {
      INFO("kernel " << csv_scan_kernel_name(k) << " text size " << text.size());
      CHECK(scanned_structurals(text, ',', k) == expected);
    }
  }
  SECTION("an empty range and a range of exactly 64 bytes") {
    CHECK(scanned_structurals("", ',', CsvScanKernel::scalar).empty());
    const std::string block = pad(63) + ",";
    CHECK(scanned_structurals(block, ',', best_csv_scan_kernel()) == std::vector<std::size_t>{63});
  }
}

TEST_CASE("a quoted field opening in one block and closing in the next", "[csv][scan]") {
  // The opening quote is byte 60; the field's delimiters fall in both blocks.
  const std::string field = "a,b,c,d,e,f,g";
  const std::string text = pad(58) + ",\"" + field + "\",z\n" + "next,row\n";
  REQUIRE(text.find('"') == 59);
  check_everywhere(text, {{1, {pad(58), field, "z"}, false}, {2, {"next", "row"}, false}});
}

TEST_CASE("a quoted field spanning several blocks with commas and line breaks", "[csv][scan]") {
  std::string field;
  for (int i = 0; i < 20; ++i) field += "word, word\r\nmore, \"\"quoted\"\"\n";
  std::string unquoted = field;  // "" becomes "
  for (std::size_t at = unquoted.find("\"\""); at != std::string::npos; at = unquoted.find("\"\"", at + 1))
    unquoted.erase(at, 1);
  const std::string text = "id,comment\n1,\"" + field + "\"\n2,after\n";
  // Line breaks inside the field: 20 CRLF and 20 LF, each one physical line.
  check_everywhere(text, {{1, {"id", "comment"}, false}, {2, {"1", unquoted}, false}, {43, {"2", "after"}, false}});
}

TEST_CASE("a doubled quote split across a block edge", "[csv][scan]") {
  // The pair "" sits at bytes 63 and 64.
  const std::string text = "\"" + pad(62) + "\"\"" + "tail\",b\n";
  REQUIRE(text.substr(63, 2) == "\"\"");
  check_everywhere(text, {{1, {pad(62) + "\"tail", "b"}, false}});
}

TEST_CASE("CR at the end of a block, LF at the start of the next", "[csv][scan]") {
  const std::string first = pad(60) + ",ab";  // 63 bytes: the CR is byte 63
  const std::string text = first + "\r\nc,d\r\r\ne\n";
  REQUIRE(text[63] == '\r');
  check_everywhere(text, {{1, {pad(60), "ab"}, false}, {2, {"c", "d"}, false}, {4, {"e"}, false}});
  SECTION("and a CRLF inside quotes split the same way") {
    const std::string quoted = "\"" + pad(62) + "\r\nx\",y\nz\n";
    REQUIRE(quoted[63] == '\r');
    check_everywhere(quoted, {{1, {pad(62) + "\r\nx", "y"}, false}, {3, {"z"}, false}});
  }
}

TEST_CASE("multi-byte UTF-8 cut by block edges passes through byte for byte", "[csv][scan]") {
  // "€" is E2 82 AC and "👍" is F0 9F 91 8D: placed so each straddles byte 64.
  const std::string euro = "\xE2\x82\xAC";
  const std::string thumbs = "\xF0\x9F\x91\x8D";
  const std::string a = pad(62) + euro + ",\"" + thumbs + ", ok\"";
  const std::string text = a + "\n" + pad(61) + thumbs + "," + euro + "\n";
  check_everywhere(text, {{1, {pad(62) + euro, thumbs + ", ok"}, false}, {2, {pad(61) + thumbs, euro}, false}});
}

TEST_CASE("lenient records in the middle of regular ones: the scan restarts after them", "[csv][scan]") {
  // A quote inside an unquoted field and text after a closing quote break the
  // quote parity; the records after them must still split at their delimiters.
  std::string text;
  std::vector<Rec> expected;
  std::uint64_t line = 1;
  for (int i = 0; i < 30; ++i) {
    text += "ab\"c,\"q,1\"tail,d\n";  // literal quote; then "q,1" followed by text
    expected.push_back({line++, {"ab\"c", "q,1tail", "d"}, false});
    text += "\"x,y\",plain,\"\"\n";
    expected.push_back({line++, {"x,y", "plain", ""}, false});
  }
  check_everywhere(text, expected);
}

TEST_CASE("an unterminated quote reaching the end of the input", "[csv][scan]") {
  const std::string text = "a,b\n" + pad(70) + ",\"open, never closed\n" + pad(70);
  check_everywhere(text, {{1, {"a", "b"}, false}, {2, {pad(70), "open, never closed\n" + pad(70)}, true}});
}

// Fed one byte at a time, no record lies wholly in a chunk: the state machine
// reads everything, without the scan. That is the independent reference.
TEST_CASE("property: every kernel reads random CSV like the byte-wise state machine", "[csv][scan][property]") {
  std::mt19937 rng(2024);
  static const std::vector<std::string> kPieces = {"a",   "bc",  ",",    "\"",  "\"\"", "\r",   "\n",
                                                   "\r\n", "  ", "\xC3\xA9", ";", "x\"y", "\"q,\"", "1"};
  for (int round = 0; round < 400; ++round) {
    std::string text;
    const int pieces = static_cast<int>(rng() % 120);
    for (int i = 0; i < pieces; ++i) text += kPieces[rng() % kPieces.size()];
    std::vector<std::size_t> cuts;
    for (std::size_t at = 1 + rng() % 70; at < text.size(); at += 1 + rng() % 70) cuts.push_back(at);
    const auto bytewise = test::every_byte(text);
    const auto expected = read(text, CsvScanKernel::scalar, bytewise);
    for (CsvScanKernel k : kKernels) {
      INFO("kernel " << csv_scan_kernel_name(k) << " round " << round);
      CHECK(read(text, k) == expected);
      CHECK(read(text, k, cuts) == expected);
    }
  }
}
