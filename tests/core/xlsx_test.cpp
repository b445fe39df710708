// The .xlsx reader: ZIP container, XML parts, date formats, zip-bomb guards,
// sheet choice, and the messages for files that are not survey exports.
// Workbooks here are built in the test as stored (uncompressed) ZIPs, so each
// byte is visible; deflated workbooks are covered by the fixtures (generate-workbooks.mjs).
#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

#include "cli/zip_host.hpp"
#include "core/report/analyzer.hpp"
#include "core/ingest/xlsx_dates.hpp"
#include "core/ingest/xlsx_parts.hpp"
#include "core/ingest/xml_scanner.hpp"
#include "core/ingest/zip_archive.hpp"
#include "support.hpp"

using namespace npskit;

namespace {

void put(std::string& out, std::uint64_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) out += static_cast<char>((v >> (8 * i)) & 0xFF);
}

// A stored ZIP; `declared` overrides an entry's inflated size in the directory.
std::string stored_zip(const std::vector<std::pair<std::string, std::string>>& files,
                       std::uint64_t declared_inflated = 0, std::uint64_t declared_compressed = 0, int method = 0) {
  std::string body, dir;
  for (const auto& [name, data] : files) {
    const std::uint64_t offset = body.size();
    const std::uint64_t inflated = declared_inflated ? declared_inflated : data.size();
    const std::uint64_t compressed = declared_compressed ? declared_compressed : data.size();
    put(body, 0x04034b50, 4); put(body, 20, 2); put(body, 0, 2); put(body, method, 2); put(body, 0, 4);
    put(body, 0, 4); put(body, compressed, 4); put(body, inflated, 4); put(body, name.size(), 2); put(body, 0, 2);
    body += name;
    body += data;
    put(dir, 0x02014b50, 4); put(dir, 20, 2); put(dir, 20, 2); put(dir, 0, 2); put(dir, method, 2); put(dir, 0, 4);
    put(dir, 0, 4); put(dir, compressed, 4); put(dir, inflated, 4); put(dir, name.size(), 2); put(dir, 0, 2);
    put(dir, 0, 2); put(dir, 0, 2); put(dir, 0, 2); put(dir, 0, 4); put(dir, offset, 4);
    dir += name;
  }
  std::string out = body + dir;
  put(out, 0x06054b50, 4); put(out, 0, 4); put(out, files.size(), 2); put(out, files.size(), 2);
  put(out, dir.size(), 4); put(out, body.size(), 4); put(out, 0, 2);
  return out;
}

// The same archive in ZIP64 form: directory sizes and offsets saturated at 0xFFFFFFFF,
// the real ones in each entry's ZIP64 extra field, and a ZIP64 end record + locator.
std::string stored_zip64(const std::vector<std::pair<std::string, std::string>>& files) {
  std::string body, dir;
  for (const auto& [name, data] : files) {
    const std::uint64_t offset = body.size();
    put(body, 0x04034b50, 4); put(body, 45, 2); put(body, 0, 2); put(body, 0, 2); put(body, 0, 4);
    put(body, 0, 4); put(body, data.size(), 4); put(body, data.size(), 4); put(body, name.size(), 2); put(body, 0, 2);
    body += name;
    body += data;
    put(dir, 0x02014b50, 4); put(dir, 45, 2); put(dir, 45, 2); put(dir, 0, 2); put(dir, 0, 2); put(dir, 0, 4);
    put(dir, 0, 4); put(dir, 0xFFFFFFFFu, 4); put(dir, 0xFFFFFFFFu, 4); put(dir, name.size(), 2); put(dir, 28, 2);
    put(dir, 0, 2); put(dir, 0, 2); put(dir, 0, 2); put(dir, 0, 4); put(dir, 0xFFFFFFFFu, 4);
    dir += name;
    put(dir, 1, 2); put(dir, 24, 2); put(dir, data.size(), 8); put(dir, data.size(), 8); put(dir, offset, 8);
  }
  std::string out = body + dir;
  const std::uint64_t record_at = out.size();
  put(out, 0x06064b50, 4); put(out, 44, 8); put(out, 45, 2); put(out, 45, 2); put(out, 0, 4); put(out, 0, 4);
  put(out, files.size(), 8); put(out, files.size(), 8); put(out, dir.size(), 8); put(out, body.size(), 8);
  put(out, 0x07064b50, 4); put(out, 0, 4); put(out, record_at, 8); put(out, 1, 4);
  put(out, 0x06054b50, 4); put(out, 0, 4); put(out, 0xFFFF, 2); put(out, 0xFFFF, 2);
  put(out, 0xFFFFFFFFu, 4); put(out, 0xFFFFFFFFu, 4); put(out, 0, 2);
  return out;
}

const char* kRels =
    R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
    R"(<Relationship Id="rId1" Type="http://x/worksheet" Target="worksheets/sheet1.xml"/>)"
    R"(<Relationship Id="rId2" Type="http://x/worksheet" Target="/xl/worksheets/sheet2.xml"/>)"
    R"(<Relationship Id="rId3" Type="http://x/styles" Target="styles.xml"/>)"
    R"(<Relationship Id="rId4" Type="http://x/sharedStrings" Target="sharedStrings.xml"/></Relationships>)";
const char* kStyles =
    R"(<styleSheet><numFmts count="1"><numFmt numFmtId="164" formatCode="d/m/yyyy"/></numFmts>)"
    R"(<cellStyleXfs count="1"><xf numFmtId="22"/></cellStyleXfs>)"
    R"(<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="22"/></cellXfs></styleSheet>)";
const char* kStrings =
    R"(<sst><si><t>Score</t></si><si><t>When</t></si><si><r><t>Plan</t></r></si>)"
    R"(<si><t>Pro</t><rPh><t>ぷろ</t></rPh></si><si><t>Free</t></si><si><t>Line&#10;two_x000D_</t></si></sst>)";

std::string workbook(const std::string& sheet1, const std::string& sheet2 = "", bool date1904 = false) {
  std::string wb = std::string("<workbook><workbookPr") + (date1904 ? " date1904=\"1\"" : "") +
                   "/><sheets><sheet name=\"Summary\" sheetId=\"1\" r:id=\"rId1\"/>";
  if (!sheet2.empty()) wb += "<sheet name=\"Answers &amp; more\" sheetId=\"2\" r:id=\"rId2\"/>";
  wb += "</sheets></workbook>";
  std::vector<std::pair<std::string, std::string>> files = {
      {"xl/workbook.xml", wb}, {"xl/_rels/workbook.xml.rels", kRels}, {"xl/worksheets/sheet1.xml", sheet1},
      {"xl/styles.xml", kStyles}, {"xl/sharedStrings.xml", kStrings}};
  if (!sheet2.empty()) files.emplace_back("xl/worksheets/sheet2.xml", sheet2);
  return stored_zip(files);
}

std::string rows(const std::string& inner) { return "<worksheet><sheetData>" + inner + "</sheetData></worksheet>"; }

// A sheet of Score / When / Plan and `n` rows: score i%11, date serial 45000+i (style 1), plan alternating.
std::string score_sheet(int n) {
  std::string r = R"(<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>)";
  for (int i = 0; i < n; ++i) {
    const auto row = std::to_string(i + 2);
    r += "<row r=\"" + row + "\"><c r=\"A" + row + "\"><v>" + std::to_string(i % 11) + "</v></c><c r=\"B" + row +
         "\" s=\"1\"><v>" + std::to_string(45000 + i) + "</v></c><c r=\"C" + row + "\" t=\"s\"><v>" +
         std::to_string(3 + i % 2) + "</v></c></row>";
  }
  return rows(r);
}

struct Result {
  bool ok;
  std::string error;
  nlohmann::ordered_json report;
};

Result run(const std::string& bytes, IngestOptions options = {}, std::size_t chunk = 0) {
  Analyzer a(std::move(options), ReportOptions{});
  bool ok = true;
  if (looks_like_zip(bytes)) {
    a.begin_workbook(bytes.size());
    host::WorkbookTarget t{[&] { return a.zip_request(); },
                           [&](std::string_view b) {
                             const std::size_t step = chunk ? chunk : b.size();
                             for (std::size_t at = 0; at < b.size(); at += step)
                               if (!a.feed(b.substr(at, step))) return false;
                             return true;
                           },
                           [&] { a.end_zip_request(); }};
    const auto problem = host::serve_workbook(host::read_from_memory(bytes), t);
    if (!problem.empty()) return {false, problem, {}};
    ok = a.error().empty() && a.finish();
  } else {
    ok = a.feed(bytes) && a.finish();
  }
  return {ok, a.error(), ok ? a.report() : nlohmann::ordered_json()};
}

struct Collect final : XmlHandler {
  std::string log;
  void on_start(std::string_view n, std::string_view, bool) override { log += "<" + std::string(n) + ">"; }
  void on_end(std::string_view n) override { log += "</" + std::string(n) + ">"; }
  void on_text(std::string_view t) override { log += t; }
};

}  // namespace

TEST_CASE("xlsx: a workbook's rows, shared strings, date styles and references", "[xlsx]") {
  for (std::size_t chunk : {std::size_t{0}, std::size_t{1}, std::size_t{7}}) {
    INFO("chunk " << chunk);
    auto r = run(workbook(score_sheet(22)), {}, chunk);
    INFO(r.error);
    REQUIRE(r.ok);
    CHECK(r.report["source"]["format"] == "xlsx");
    CHECK(r.report["source"]["sheet"] == "Summary");
    CHECK(r.report["columns"]["score"] == "Score");
    CHECK(r.report["columns"]["date"] == "When");
    CHECK(r.report["rows"]["valid"] == 22);
    CHECK(r.report["rows"]["date_unreadable"] == 0);
    // Serials 45000..45021 are 2023-03-15..2023-04-05: 17 in March, 5 in April.
    const auto& points = r.report["trend"]["points"];
    REQUIRE(points.size() == 2);
    CHECK(points[0]["period"] == "2023-03");
    CHECK(points[0]["n"] == 17);
    CHECK(points[1]["n"] == 5);
  }
}

TEST_CASE("xlsx: cells left out are empty, by their reference", "[xlsx]") {
  // Row 3 has no B cell (no date) and row 4 only a plan: blank score.
  std::string s = R"(<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>)";
  for (int i = 2; i < 30; ++i) {
    const auto n = std::to_string(i);
    if (i == 3) s += "<row r=\"3\"><c r=\"A3\"><v>7</v></c><c r=\"C3\" t=\"s\"><v>3</v></c></row>";
    else if (i == 4) s += "<row r=\"4\"><c r=\"C4\" t=\"s\"><v>4</v></c></row>";
    else s += "<row r=\"" + n + "\"><c r=\"A" + n + "\"><v>9</v></c><c r=\"B" + n + "\" s=\"1\"><v>45000</v></c><c r=\"C" + n + "\" t=\"s\"><v>3</v></c></row>";
  }
  auto r = run(workbook(rows(s)));
  INFO(r.error);
  REQUIRE(r.ok);
  CHECK(r.report["rows"]["valid"] == 27);
  CHECK(r.report["rows"]["blank_score"] == 1);
  CHECK(r.report["rows"]["date_missing"] == 1);
}

TEST_CASE("xlsx: the sheet with a score column is used, the others are listed, --sheet picks", "[xlsx]") {
  const std::string summary = rows(R"(<row r="1"><c r="A1" t="inlineStr"><is><t>Quarter</t></is></c></row>)"
                                   R"(<row r="2"><c r="A2" t="inlineStr"><is><t>Q1</t></is></c></row>)");
  // 30 answers: enough that no few_responses notice joins the sheet notice.
  auto r = run(workbook(summary, score_sheet(30)));
  INFO(r.error);
  REQUIRE(r.ok);
  CHECK(r.report["source"]["sheet"] == "Answers & more");
  CHECK(r.report["source"]["sheets"] == nlohmann::json({"Summary", "Answers & more"}));
  CHECK(r.report["rows"]["valid"] == 30);
  // The contract's notice (NOTICES-CONTRACT.md): info, names the sheet read and the others.
  const auto& notices = r.report["notices"];
  REQUIRE(notices.size() == 1);
  CHECK(notices[0]["code"] == "xlsx_other_sheets");
  CHECK(notices[0]["severity"] == "info");
  CHECK(notices[0]["count"] == 1);
  CHECK(notices[0]["message"] == "The workbook has 2 sheets. Read: \"Answers & more\" (it holds the scores). Not read: \"Summary\".");
  CHECK(run(workbook(score_sheet(30))).report["notices"].empty());

  IngestOptions pick;
  pick.sheet = "Summary";
  auto forced = run(workbook(summary, score_sheet(30)), pick);
  CHECK_FALSE(forced.ok);
  pick.sheet = "Nope";
  auto missing = run(workbook(summary, score_sheet(30)), pick);
  CHECK_FALSE(missing.ok);
  CHECK(missing.error == "the workbook has no sheet named 'Nope' (its sheets: 'Summary', 'Answers & more')");

  auto none = run(workbook(summary, summary));
  CHECK_FALSE(none.ok);
  CHECK(none.error.find("sheet 'Summary': ") == 0);
  CHECK(none.error.find("'Answers & more'") != std::string::npos);
}

TEST_CASE("xlsx: date formats", "[xlsx][dates]") {
  for (unsigned id : {14u, 15u, 16u, 17u, 22u}) CHECK(builtin_format_kind(id) == XlsxNumberKind::date);
  for (unsigned id : {18u, 19u, 20u, 21u, 45u, 46u, 47u}) CHECK(builtin_format_kind(id) == XlsxNumberKind::time);
  for (unsigned id : {0u, 1u, 2u, 9u, 10u, 11u, 12u, 13u, 23u, 44u, 48u, 49u}) CHECK(builtin_format_kind(id) == XlsxNumberKind::number);
  CHECK(format_code_kind("yyyy-mm-dd") == XlsxNumberKind::date);
  CHECK(format_code_kind("m/d/yy h:mm:ss") == XlsxNumberKind::date);
  CHECK(format_code_kind("[$-409]mmmm d, yyyy;@") == XlsxNumberKind::date);
  CHECK(format_code_kind("mmm") == XlsxNumberKind::date);
  CHECK(format_code_kind("h:mm AM/PM") == XlsxNumberKind::time);
  CHECK(format_code_kind("[h]:mm:ss") == XlsxNumberKind::time);
  CHECK(format_code_kind("mm:ss") == XlsxNumberKind::time);
  CHECK(format_code_kind("0.00") == XlsxNumberKind::number);
  CHECK(format_code_kind("General") == XlsxNumberKind::number);
  CHECK(format_code_kind("\"days\" 0") == XlsxNumberKind::number);        // quoted letters do not count
  CHECK(format_code_kind("[Red]0.00;[Blue]-0.00") == XlsxNumberKind::number);  // colours are not format letters
  CHECK(format_code_kind("0\\d") == XlsxNumberKind::number);               // an escaped d
  CHECK(format_code_kind("0;\"yy\"d") == XlsxNumberKind::number);          // only the first section

  const auto D = XlsxNumberKind::date;
  CHECK(serial_to_text("1", D, false) == "1900-01-01");
  CHECK(serial_to_text("59", D, false) == "1900-02-28");
  CHECK(serial_to_text("60", D, false) == "1900-02-29");  // Lotus' day that never was: left unreadable
  CHECK(serial_to_text("61", D, false) == "1900-03-01");
  CHECK(serial_to_text("45000", D, false) == "2023-03-15");
  CHECK(serial_to_text("45000.75", D, false) == "2023-03-15T18:00:00");
  CHECK(serial_to_text("45000.99999999", D, false) == "2023-03-16");  // rounds to the next midnight
  CHECK(serial_to_text("0", D, true) == "1904-01-01");
  CHECK(serial_to_text("43538", D, true) == "2023-03-15");  // 1462 less than the 1900 serial
  CHECK(serial_to_text("0.5", XlsxNumberKind::time, false) == "12:00:00");
  CHECK_FALSE(serial_to_text("-1", D, false));
  CHECK_FALSE(serial_to_text("3000000", D, false));
  CHECK_FALSE(serial_to_text("abc", D, false));
  CHECK_FALSE(serial_to_text("45000", XlsxNumberKind::number, false));
}

TEST_CASE("xlsx: a 1904 workbook's serials", "[xlsx][dates]") {
  auto r = run(workbook(score_sheet(20), "", true));
  REQUIRE(r.ok);
  // 45000 in the 1904 system is 2027-03-16.
  CHECK(r.report["trend"]["points"][0]["period"] == "2027-03");
}

TEST_CASE("xlsx: zip-bomb guards name the limit", "[xlsx][bomb]") {
  // The ratio: 5 GB declared from 1 KB.
  std::string big = stored_zip({{"xl/workbook.xml", std::string(1000, ' ')}}, 5'000'000'000ull, 1000, 8);
  auto r = run(big);
  CHECK_FALSE(r.ok);
  CHECK(r.error.find("over the 64 MB limit") != std::string::npos);
  CHECK(r.error.find("zip bomb") != std::string::npos);
  std::string ratio = stored_zip({{"xl/workbook.xml", std::string(1000, ' ')}}, 50'000'000ull, 1000, 8);
  r = run(ratio);
  CHECK_FALSE(r.ok);
  CHECK(r.error.find("compression ratio limit of 200") != std::string::npos);
  // Feeding more than the directory declares.
  std::string two = stored_zip({{"xl/workbook.xml", "<workbook/>"}});
  XlsxReader small(two.size(), [](std::uint64_t, const std::string_view*, std::size_t) { return true; });
  const auto* req = small.request();
  REQUIRE(req);
  CHECK_FALSE(small.feed(std::string(req->length + 1, 'x')));
  CHECK(small.error() == "the host fed more bytes than were asked for");
}

TEST_CASE("xlsx: a ZIP64 container", "[xlsx][zip]") {
  const std::string wb = "<workbook><sheets><sheet name=\"S\" r:id=\"rId1\"/></sheets></workbook>";
  auto r = run(stored_zip64({{"xl/workbook.xml", wb}, {"xl/_rels/workbook.xml.rels", kRels}, {"xl/worksheets/sheet1.xml", score_sheet(21)},
                             {"xl/styles.xml", kStyles}, {"xl/sharedStrings.xml", kStrings}}));
  INFO(r.error);
  REQUIRE(r.ok);
  CHECK(r.report["rows"]["valid"] == 21);
  CHECK(r.report["source"]["sheet"] == "S");
}

TEST_CASE("xlsx: damaged containers", "[xlsx][zip]") {
  ZipDirectoryLocation where;
  CHECK(find_zip_directory("PK\x03\x04 not a zip at all, no end record here", 44, where).find("no end-of-directory") != std::string::npos);
  std::string good = workbook(score_sheet(3));
  auto cut = run(good.substr(0, good.size() - 10));
  CHECK_FALSE(cut.ok);
  CHECK(cut.error.find("ZIP container is damaged") != std::string::npos);
}

TEST_CASE("xlsx: other files are named", "[xlsx][file-kind]") {
  auto message = [](const std::string& bytes) { return run(bytes).error; };
  CHECK(message("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj") == "This is a PDF; export your responses as CSV or .xlsx");
  CHECK(message(std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16)).find("This is a PNG image") == 0);
  CHECK(message("\xFF\xD8\xFF\xE0\x00\x10JFIF").find("This is a JPEG image") == 0);
  CHECK(message("GIF89a\x01\x00").find("This is a GIF image") == 0);
  CHECK(message(std::string("RIFF\x24\0\0\0WEBPVP8 ", 16)).find("This is a WebP image") == 0);
  CHECK(message(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0", 10)).find("old-format Excel file (.xls") != std::string::npos);
  CHECK(message(stored_zip({{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"}, {"content.xml", "<x/>"}}))
            .find("OpenDocument file (.ods") != std::string::npos);
  CHECK(message(stored_zip({{"Index/Document.iwa", "x"}})).find("Apple Numbers") != std::string::npos);
  CHECK(message(stored_zip({{"word/document.xml", "<x/>"}})).find("Word document") != std::string::npos);
  CHECK(message(stored_zip({{"xl/workbook.bin", "x"}})).find(".xlsb") != std::string::npos);
  CHECK(message(stored_zip({{"a.csv", "x"}, {"b.csv", "y"}})) ==
        "This is a ZIP archive, not a workbook (it holds a.csv, b.csv); unzip it and open the CSV or .xlsx inside");
}

TEST_CASE("xlsx: the XML scanner across chunk boundaries", "[xlsx][xml]") {
  const std::string xml = "<?xml version=\"1.0\"?><!-- c --><a x=\"1>2\"><b/>t&amp;&#233;&#x1F600;<![CDATA[<raw>]]></a>";
  for (std::size_t chunk : test::every_chunk_size(xml)) {
    XmlScanner s;
    Collect c;
    test::feed_in_chunks(xml, chunk, [&](std::string_view piece) { REQUIRE(s.feed(piece, c)); });
    REQUIRE(s.finish());
    CHECK(c.log == "<a><b></b>t&\xC3\xA9\xF0\x9F\x98\x80<raw></a>");
  }
  XmlScanner s;
  Collect c;
  CHECK_FALSE(s.feed("<!DOCTYPE x [<!ENTITY a \"aaaa\">]><x>&a;</x>", c));
  CHECK(s.error().find("DOCTYPE") != std::string::npos);
  std::string v;
  CHECK(xml_attribute(" r:id=\"rId7\" sheetId='3'", "id", v));
  CHECK(v == "rId7");
  CHECK(xml_attribute(" r:id=\"rId7\" sheetId='3'", "sheetId", v));
  CHECK(v == "3");
  std::size_t col = 0;
  CHECK(xlsx_column_of("XFD1048576", col));
  CHECK(col == 16383);
  CHECK_FALSE(xlsx_column_of("XFE1", col));
  std::string esc = "a_x000D_b_x005F_x0041_";
  xlsx_unescape(esc);
  CHECK(esc == "a\rb_x0041_");
}
