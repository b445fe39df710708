// Tests of the streaming CSV reader and the delimiter sniffer.
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "core/ingest/csv_reader.hpp"
#include "core/ingest/encoding.hpp"
#include "support.hpp"

using namespace npskit;

namespace {

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

CsvSink collect_into(std::vector<Rec>& out) {
  return [&out](const CsvRecord& r) {
    out.push_back({r.line, {r.fields.begin(), r.fields.end()}, r.unterminated_quote});
  };
}

// Parses `text` fed in pieces cut at `cuts` (ascending offsets).
std::vector<Rec> parse_split(std::string_view text, char delim, std::vector<std::size_t> cuts) {
  std::vector<Rec> out;
  CsvReader reader(delim);
  const auto sink = collect_into(out);
  test::feed_split(text, cuts, [&](std::string_view piece) { reader.feed(piece, sink); });
  reader.finish(sink);
  return out;
}

std::vector<Rec> parse(std::string_view text, char delim = ',') { return parse_split(text, delim, {}); }

std::vector<Rec> parse_bytewise(std::string_view text, char delim = ',') {
  return parse_split(text, delim, test::every_byte(text));
}

// Checks one input gives `expected` fed whole and fed one byte at a time.
void check_parse(std::string_view text, const std::vector<Rec>& expected, char delim = ',') {
  CHECK(parse(text, delim) == expected);
  CHECK(parse_bytewise(text, delim) == expected);
}

}  // namespace

TEST_CASE("plain records with line numbers", "[csv]") {
  check_parse("id,score,country\n1,9,DE\n2,10,FR\n",
              {{1, {"id", "score", "country"}, false}, {2, {"1", "9", "DE"}, false}, {3, {"2", "10", "FR"}, false}});
}

TEST_CASE("quoted fields hold delimiters, doubled quotes and line breaks", "[csv]") {
  check_parse("\"a,b\",\"he said \"\"hi\"\"\",\"line1\nline2\"\nx,y,z\n",
              {{1, {"a,b", "he said \"hi\"", "line1\nline2"}, false}, {3, {"x", "y", "z"}, false}});
  check_parse("\"\"\"\"\n", {{1, {"\""}, false}});  // a field that is one quote
}

TEST_CASE("CRLF, LF and CR line ends, mixed in one file", "[csv]") {
  check_parse("a,1\r\nb,2\nc,3\rd,4\r\n",
              {{1, {"a", "1"}, false}, {2, {"b", "2"}, false}, {3, {"c", "3"}, false}, {4, {"d", "4"}, false}});
  // CR then LF is one break; LF then CR is two (an empty line between).
  check_parse("a\n\rb\r\nc", {{1, {"a"}, false}, {3, {"b"}, false}, {4, {"c"}, false}});
}

TEST_CASE("line breaks inside quotes advance the physical line, CRLF once", "[csv]") {
  check_parse("\"x\r\ny\",1\r\nz,2\r\n\"p\rq\nr\",3\n",
              {{1, {"x\r\ny", "1"}, false}, {3, {"z", "2"}, false}, {4, {"p\rq\nr", "3"}, false}});
}

TEST_CASE("a final record without trailing newline is emitted by finish", "[csv]") {
  std::vector<Rec> out;
  CsvReader reader(',');
  const auto sink = collect_into(out);
  reader.feed("a,b\nc,d", sink);
  REQUIRE(out.size() == 1);  // "c,d" may continue in a later chunk
  reader.finish(sink);
  REQUIRE(out.size() == 2);
  CHECK(out[1] == Rec{2, {"c", "d"}, false});
  check_parse("x,\"y\"", {{1, {"x", "y"}, false}});
}

TEST_CASE("empty lines are skipped but counted", "[csv]") {
  // lines: 1 "", 2 "", 3 a, 4 "" (CRLF), 5 "" (CR), 6 b, 7 ""
  check_parse("\n\na\n\r\n\rb\n\n", {{3, {"a"}, false}, {6, {"b"}, false}});
  check_parse("\n\r\n\r", {});
  check_parse("", {});
}

TEST_CASE("empty fields are kept, a quoted empty field is not an empty line", "[csv]") {
  check_parse("a,\n,\n,,b\n\"\"\n", {{1, {"a", ""}, false}, {2, {"", ""}, false},
                                     {3, {"", "", "b"}, false}, {4, {""}, false}});
  check_parse("a,", {{1, {"a", ""}, false}});
}

TEST_CASE("spaces are data", "[csv]") {
  check_parse(" a , b \n \n", {{1, {" a ", " b "}, false}, {2, {" "}, false}});
}

TEST_CASE("a quote inside an unquoted field is literal", "[csv]") {
  check_parse("ab\"c,5\" screen,x\"\"y\n", {{1, {"ab\"c", "5\" screen", "x\"\"y"}, false}});
}

TEST_CASE("text after a closing quote joins the field", "[csv]") {
  check_parse("\"abc\"def,x\n", {{1, {"abcdef", "x"}, false}});
  // After the closing quote the field is unquoted: later quotes are literal and
  // a delimiter ends it.
  check_parse("\"a\"b\"c,d\n", {{1, {"ab\"c", "d"}, false}});
  check_parse("\"a\" ,b\n", {{1, {"a ", "b"}, false}});
}

TEST_CASE("input ending inside quotes gives an unterminated record", "[csv]") {
  check_parse("ok,1\na,\"bc\nd", {{1, {"ok", "1"}, false}, {2, {"a", "bc\nd"}, true}});
  check_parse("\"", {{1, {""}, true}});
  // A closed quote at the very end is fine.
  check_parse("a,\"b\"", {{1, {"a", "b"}, false}});
}

TEST_CASE("other delimiters", "[csv]") {
  check_parse("a;\"b;c\";9,5\n", {{1, {"a", "b;c", "9,5"}, false}}, ';');
  check_parse("a\tb c\t\"d\te\"\n", {{1, {"a", "b c", "d\te"}, false}}, '\t');
  check_parse("a|b,c|\n", {{1, {"a", "b,c", ""}, false}}, '|');
}

TEST_CASE("UTF-8 text passes through byte for byte", "[csv]") {
  check_parse("Zürich,\"“great”, 😀\"\n", {{1, {"Zürich", "“great”, 😀"}, false}});
}

TEST_CASE("finish resets the reader for a new stream", "[csv]") {
  std::vector<Rec> out;
  CsvReader reader(',');
  const auto sink = collect_into(out);
  reader.feed("a\nb,\"open", sink);
  reader.finish(sink);
  reader.feed("c\n", sink);
  reader.finish(sink);
  REQUIRE(out.size() == 3);
  CHECK(out[1] == Rec{2, {"b", "open"}, true});
  CHECK(out[2] == Rec{1, {"c"}, false});
}

TEST_CASE("a long field spanning many chunks", "[csv]") {
  std::string big(200000, 'x');
  big[1000] = ',';  // inside quotes: not a delimiter
  const std::string text = "1,\"" + big + "\",2\n3\n";
  const std::vector<Rec> expected = {{1, {"1", big, "2"}, false}, {2, {"3"}, false}};
  std::vector<std::size_t> cuts;
  for (std::size_t c = 7; c < text.size(); c += 4093) cuts.push_back(c);
  CHECK(parse(text) == expected);
  CHECK(parse_split(text, ',', cuts) == expected);
}

TEST_CASE("the record's field views cover its bytes only during the sink call", "[csv]") {
  // Many records through one reader: each sink call sees its own record.
  std::string text;
  for (int i = 0; i < 1000; ++i) text += std::to_string(i) + ",\"v" + std::to_string(i) + "\"\n";
  const auto recs = parse(text);
  REQUIRE(recs.size() == 1000);
  for (int i = 0; i < 1000; ++i) {
    REQUIRE(recs[i] == Rec{static_cast<std::uint64_t>(i + 1), {std::to_string(i), "v" + std::to_string(i)}, false});
  }
}

// ---- property test: generated CSV against the model that generated it ----

namespace {

struct Generated {
  std::string text;
  std::vector<Rec> records;
};

// Physical line (1-based) of byte `offset`: CR, LF and CRLF each end one line.
std::uint64_t line_at(std::string_view text, std::size_t offset) {
  std::uint64_t line = 1;
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\r' || (text[i] == '\n' && (i == 0 || text[i - 1] != '\r'))) ++line;
  }
  return line;
}

std::string random_field(std::mt19937& rng, char delim) {
  static const std::vector<std::string> alphabet = {"a", "b", " ", "é", ",", ";", "\t", "|", "\"", "\r", "\n", "\r\n"};
  std::string f;
  const int len = static_cast<int>(rng() % 6);
  for (int i = 0; i < len; ++i) f += alphabet[rng() % alphabet.size()];
  (void)delim;
  return f;
}

// Writes `f` so that the reader must read back exactly `f`.
std::string encode_field(const std::string& f, char delim, bool only_field, std::mt19937& rng) {
  const bool must_quote = f.find_first_of(std::string{delim, '\r', '\n'}) != std::string::npos ||
                          (!f.empty() && f[0] == '"') || (f.empty() && only_field);
  if (!must_quote && rng() % 2) return f;  // unquoted; inner quotes are literal
  std::string out = "\"";
  for (char c : f) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

Generated generate(std::mt19937& rng, char delim) {
  static const std::vector<std::string> line_ends = {"\n", "\r\n", "\r"};
  Generated g;
  const int n = static_cast<int>(rng() % 12);
  for (int r = 0; r < n; ++r) {
    while (rng() % 4 == 0) {  // blank lines
      std::string eol = line_ends[rng() % 3];
      if (eol == "\n" && !g.text.empty() && g.text.back() == '\r') eol = "\r";  // keep CR+LF apart
      g.text += eol;
    }
    Rec rec{line_at(g.text, g.text.size()), {}, false};
    const int nf = 1 + static_cast<int>(rng() % 5);
    for (int i = 0; i < nf; ++i) {
      rec.fields.push_back(random_field(rng, delim));
      if (i) g.text += delim;
      g.text += encode_field(rec.fields.back(), delim, nf == 1, rng);
    }
    g.records.push_back(rec);
    if (r + 1 < n || rng() % 2) g.text += line_ends[rng() % 3];  // last line end is optional
  }
  return g;
}

std::vector<std::size_t> random_cuts(std::mt19937& rng, std::size_t size) {
  std::vector<std::size_t> cuts;
  for (std::size_t pos = 1 + rng() % 8; pos < size; pos += 1 + rng() % 8) cuts.push_back(pos);
  return cuts;
}

}  // namespace

TEST_CASE("property: any chunking reads generated CSV back exactly", "[csv][property]") {
  std::mt19937 rng(20240601);
  for (char delim : {',', ';', '\t', '|'}) {
    for (int iter = 0; iter < 500; ++iter) {
      const Generated g = generate(rng, delim);
      INFO("delimiter " << static_cast<int>(delim) << " text: " << g.text);
      REQUIRE(parse(g.text, delim) == g.records);
      REQUIRE(parse_bytewise(g.text, delim) == g.records);
      for (int k = 0; k < 3; ++k) REQUIRE(parse_split(g.text, delim, random_cuts(rng, g.text.size())) == g.records);
    }
  }
}

TEST_CASE("property: UTF-16 input through the decoder reads the same records", "[csv][property]") {
  std::mt19937 rng(7);
  for (int iter = 0; iter < 300; ++iter) {
    const Generated g = generate(rng, ',');
    // Widen the UTF-8 text to UTF-16LE: the generator uses ASCII and 'é' only.
    std::string bytes = "\xFF\xFE";
    for (std::size_t i = 0; i < g.text.size(); ++i) {
      if (g.text.compare(i, 2, "é") == 0) {
        bytes += "\xE9";
        bytes += '\0';
        ++i;
      } else {
        bytes += g.text[i];
        bytes += '\0';
      }
    }
    Utf8Decoder dec;
    CsvReader reader(',');
    std::vector<Rec> out;
    const auto sink = collect_into(out);
    std::size_t start = 0;
    auto cuts = random_cuts(rng, bytes.size());
    cuts.push_back(bytes.size());
    for (std::size_t cut : cuts) {
      reader.feed(dec.feed(std::string_view(bytes).substr(start, cut - start)), sink);
      start = cut;
    }
    reader.feed(dec.finish(), sink);
    reader.finish(sink);
    REQUIRE(out == g.records);
  }
}

// ---- delimiter sniffing ----

TEST_CASE("sniff picks the consistent delimiter", "[csv][sniff]") {
  CHECK(sniff_delimiter("id,score,comment\n1,9,\"a;b\"\n2,7,x\n") == ',');
  CHECK(sniff_delimiter("id\tscore\tcomment\n1\t9\ta, b\n2\t7\tx\n") == '\t');
  CHECK(sniff_delimiter("id|score\n1|9\n2|7\n") == '|');
  CHECK(sniff_delimiter("id;score;comment\r\n1;9;ok\r\n") == ';');
}

TEST_CASE("sniff: European exports with semicolons and decimal commas", "[csv][sniff]") {
  // Every data row has as many commas as semicolons: only the header decides.
  CHECK(sniff_delimiter("name;value\nA;1,5\nB;2,5\nC;3,5\n") == ';');
  CHECK(sniff_delimiter("id;score;avg\n1;9,5;7,25\n2;8;6,5\n3;10,0;7\n") == ';');
  // More commas than semicolons per row, still consistent only with ';'.
  CHECK(sniff_delimiter("Datum;Wert;Text\n01.02.2024;9,5;gut, sehr gut\n02.02.2024;7;ok\n") == ';');
}

TEST_CASE("sniff ignores delimiters inside quotes", "[csv][sniff]") {
  CHECK(sniff_delimiter("a|b\n\"x,y,z\"|c\n\"p,q,r\"|d\n") == '|');
  CHECK(sniff_delimiter("\"multi\nline, text, here\";b\nc;d\n") == ';');
  CHECK(sniff_delimiter("\"a \"\"q,\"\" b\";c\nd;e\n") == ';');
}

TEST_CASE("sniff falls back to ',' and tolerates a cut-off sample", "[csv][sniff]") {
  CHECK(sniff_delimiter("") == ',');
  CHECK(sniff_delimiter("hello\nworld\n") == ',');
  CHECK(sniff_delimiter("a;b;c") == ';');  // one line, no newline
  CHECK(sniff_delimiter("a;b;c\n\n1;2;3\n4;5") == ';');  // blank line, truncated tail
}
