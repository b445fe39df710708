// Shards (analysis/shard_reader.hpp, shard_partial.hpp, report/shard_session.hpp):
// a file split into byte ranges, each read by its own session, answers every
// query exactly as one session over the whole file: the merged report is
// compared byte for byte with Session::report over the same bytes. The files
// are built to put quoted line breaks, CRLF, a BOM, multi-byte characters,
// duplicate ids, rejections and unreadable dates across every shard boundary;
// the sample and the sniffed text are small so that small files make many shards.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "core/analysis/shard_partial.hpp"
#include "core/report/analyzer.hpp"
#include "core/values/civil_days.hpp"
#include "shard_support.hpp"

using namespace npskit;
using namespace npskit::test;
using nlohmann::json;

namespace {

IngestOptions small_head() {
  IngestOptions o;
  o.sample_records = 20;
  o.format_sniff_bytes = 256;
  return o;
}

struct Gen {
  std::uint64_t x;
  std::uint64_t next(std::uint64_t n) {
    x = x * 6364136223846793005ull + 1442695040888963407ull;
    return (x >> 33) % n;
  }
};

// A CSV export with everything that makes shards hard. eol: "\n" or "\r\n".
std::string make_csv(std::size_t rows, std::uint64_t seed, const std::string& eol, bool bom) {
  Gen g{seed};
  std::string csv = bom ? "\xEF\xBB\xBF" : "";
  csv += "Response ID,Date,Score,Country,Plan,Comment,Email" + eol;
  static const char* kCountry[] = {"France", "Österreich", "日本", "Brasil", "España", "\"Korea, South\""};
  static const char* kPlan[] = {"free", "pro", "team", ""};
  static const char* kComment[] = {"", "good", "\"slow, but fine\"", "\"line one\nline two\"", "\"said \"\"wow\"\"\r\nthen left\"",
                                   "\"three\n\nlines\"", "naïve café ☕", "\"a \"\"quoted\"\"\nword\""};
  for (std::size_t i = 0; i < rows; ++i) {
    const auto pick = g.next(100);
    std::string id = pick < 8 && i > 3 ? "r" + std::to_string(g.next(i)) : "r" + std::to_string(i);  // some repeat
    std::string date;
    const auto d = g.next(40);
    if (d == 0) date = "";
    else if (d == 1) date = "not a date";
    else date = "2024-" + std::string(d % 12 < 9 ? "0" : "") + std::to_string(d % 12 + 1) + "-" + std::to_string(10 + d % 18);
    std::string score = std::to_string(g.next(11));
    const auto s = g.next(50);
    if (s == 0) score = "";
    else if (s == 1) score = "eleven";
    else if (s == 2) score = "12";
    const std::string email = g.next(3) == 0 ? "p" + std::to_string(g.next(30)) + "@x.org" : "";
    csv += id + "," + date + "," + score + "," + kCountry[g.next(6)] + "," + kPlan[g.next(4)] + "," + kComment[g.next(8)] + "," +
           email + eol;
    if (g.next(30) == 0) csv += eol;  // a blank line
  }
  return csv;
}

const std::vector<json>& queries() {
  static const std::vector<json> q = {
      json::object(),
      {{"period", "day"}, {"maxRejections", 3}},
      {{"filters", {{"where", {{{"column", "Country"}, {"op", "ne"}, {"value", "France"}}}}}}},
      {{"filters", {{"from", "2024-03-01"}}}, {"period", "week"}},
      {{"cross", {"Country", "Plan"}}},
      {{"latestPerPerson", true}},
      {{"latestPerPerson", true}, {"filters", {{"where", {{{"column", "Plan"}, {"op", "eq"}, {"value", "pro"}}}}}}},
  };
  return q;
}

void require_same_reports(const std::string& file, const IngestOptions& o, const ShardedFile& f) {
  for (const auto& q : queries()) {
    INFO("query " << q.dump() << ", shards " << f.shards.size());
    const auto want = one_session_report(file, o, q).dump();
    const auto got = sharded_report(f, q).dump();
    REQUIRE(got == want);
  }
  REQUIRE(sharded_info(f).dump() == one_session_info(file, o).dump());
  for (const json q : {json::object(), json{{"offset", 7}, {"limit", 20}}, json{{"category", "promoter"}, {"limit", 50}},
                       json{{"search", "café"}}, json{{"latestPerPerson", true}, {"limit", 30}, {"offset", 3}},
                       json{{"withComment", true}, {"sentiment", "positive"}}, json{{"insights", true}, {"limit", 5}},
                       json{{"filters", {{"where", {{{"column", "Country"}, {"op", "eq"}, {"value", "日本"}}}}}}}}) {
    INFO("rows " << q.dump() << ", shards " << f.shards.size());
    REQUIRE(sharded_rows(f, q).dump() == one_session_rows(file, o, q).dump());
  }
  for (const json q : {json::object(), json{{"latestPerPerson", true}, {"period", "week"}},
                       json{{"filters", {{"where", {{{"column", "Plan"}, {"op", "eq"}, {"value", "pro"}}}}}}}}) {
    INFO("comments " << q.dump() << ", shards " << f.shards.size());
    REQUIRE(sharded_comments(f, q).dump() == one_session_comments(file, o, q).dump());
  }
}

}  // namespace

TEST_CASE("shards: 1, 2, 3 and 7 shards give one session's report byte for byte", "[shards]") {
  const auto o = small_head();
  for (const std::string eol : {"\n", "\r\n"})
    for (bool bom : {false, true}) {
      const auto file = make_csv(400, eol.size() * 7 + bom, eol, bom);
      for (std::size_t n : {1, 2, 3, 7})
        for (std::size_t chunk : {0, 1000, 61}) {
          INFO("eol " << eol.size() << " bom " << bom << " chunk " << chunk);
          const auto plan = plan_file(file, o, n, chunk);
          REQUIRE(plan.single_reason.empty());
          REQUIRE(plan.starts.size() == n);
          const auto f = read_sharded(file, o, plan, chunk);
          require_same_reports(file, o, f);
        }
    }
}

TEST_CASE("shards: every boundary offset of a small file, two and three shards", "[shards]") {
  const auto o = small_head();
  for (const std::string eol : {"\n", "\r\n"}) {
    const auto file = make_csv(30, 11 + eol.size(), eol, eol.size() == 2);
    auto plan = plan_file(file, o, 2, 0);
    REQUIRE(plan.single_reason.empty());
    const auto want = one_session_report(file, o, json::object()).dump();
    const auto want_latest = one_session_report(file, o, {{"latestPerPerson", true}}).dump();
    std::size_t rereads = 0;
    for (std::uint64_t c = plan.head_end; c < file.size(); ++c) {
      plan.starts = {0, c};
      INFO("boundary " << c);
      const auto f = read_sharded(file, o, plan, 0);
      rereads += f.rereads;
      REQUIRE(sharded_report(f, json::object()).dump() == want);
      REQUIRE(sharded_report(f, {{"latestPerPerson", true}}).dump() == want_latest);
    }
    CHECK(rereads > 0);  // some offsets fall on a line break inside quotes
    // Three shards: every pair of offsets, on a stride (a record may span both boundaries).
    for (std::uint64_t a = plan.head_end; a < file.size(); a += 41)
      for (std::uint64_t b = a + 1; b < file.size(); b += 13) {
        plan.starts = {0, a, b};
        INFO("boundaries " << a << ", " << b);
        const auto f = read_sharded(file, o, plan, 5);
        REQUIRE(sharded_report(f, json::object()).dump() == want);
      }
  }
}

namespace {
std::string read_bytes(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The plan of a file that does not split, and the session it is read with: one
// shard, the same report, and the reason given.
void require_one_shard(const std::string& file, const IngestOptions& o, const std::string& why) {
  const auto plan = plan_file(file, o, 4, 0);
  INFO(plan.single_reason);
  REQUIRE(plan.starts.size() == 1);
  REQUIRE(plan.single_reason.find(why) != std::string::npos);
}
}  // namespace

TEST_CASE("shards: NDJSON splits at lines, a key new in a later shard is ignored alike", "[shards]") {
  auto o = small_head();
  std::string nd;
  Gen g{5};
  for (int i = 0; i < 300; ++i) {
    nd += "{\"id\":\"r" + std::to_string(i % 250) + "\",\"score\":" + std::to_string(g.next(11)) + ",\"country\":\"" +
          (g.next(2) ? "日本" : "Österreich") + "\",\"date\":\"2024-0" + std::to_string(1 + g.next(9)) + "-1" +
          std::to_string(g.next(10)) + "\"";
    if (i > 200) nd += ",\"late_key\":\"x\"";  // a column only later shards see
    nd += "}\n";
    if (i % 40 == 7) nd += "not json\n";
    if (i % 50 == 9) nd += "\n";
  }
  for (std::size_t n : {2, 3, 7}) {
    const auto plan = plan_file(nd, o, n, 100);
    REQUIRE(plan.single_reason.empty());
    REQUIRE(plan.delimiter == 0);
    REQUIRE(plan.starts.size() == n);
    const auto f = read_sharded(nd, o, plan, 100);
    REQUIRE(f.rereads == 0);  // NDJSON lines never hold a line break
    require_same_reports(nd, o, f);
  }
}

TEST_CASE("shards: a record longer than several shards leaves them empty, and the answer whole", "[shards]") {
  const auto o = small_head();
  auto file = make_csv(40, 3, "\n", false);
  std::string huge = "\"";
  for (int i = 0; i < 400; ++i) huge += "line " + std::to_string(i) + " of a long, quoted comment\n";
  huge += "\"";
  file += "r-long,2024-05-05,3,France,pro," + huge + ",\n";
  file += make_csv(40, 4, "\n", false).substr(std::string("Response ID,Date,Score,Country,Plan,Comment,Email\n").size());
  const auto plan = plan_file(file, o, 7, 0);
  REQUIRE(plan.starts.size() == 7);
  const auto f = read_sharded(file, o, plan, 997);
  CHECK(f.rereads > 0);
  std::size_t empty = 0;
  for (const auto& s : f.shards) empty += s->extent().start == s->extent().next;
  CHECK(empty >= 2);  // the quoted comment spans three candidate starts or more
  require_same_reports(file, o, f);
}

TEST_CASE("shards: comments whose theme trends reach their cap say they cannot merge exactly", "[shards]") {
  // One comment per day over more days than the trends keep per theme set: which
  // days one session leaves out depends on their order, so shards must not guess.
  const auto o = small_head();
  auto file_of = [](int days) {
    std::string csv = "Response ID,Date,Score,Comment\n";
    for (int d = 0; d < days; ++d) {
      const auto day = civil_from_days(19'000 - d);  // newest first: order matters to the cap
      char date[16];
      std::snprintf(date, sizeof date, "%04d-%02d-%02d", static_cast<int>(day.year), static_cast<int>(day.month),
                    static_cast<int>(day.day));
      csv += "r" + std::to_string(d) + "," + date + "," + std::to_string(d % 11) + ",support was slow on ticket " + std::to_string(d) + "\n";  // distinct: a comment column

    }
    return csv;
  };
  const nlohmann::json q = {{"period", "day"}};
  const auto probe = one_session_comments(file_of(10), o, q);
  REQUIRE(probe.contains("themes"));
  const std::size_t themes = probe["themes"].size();
  REQUIRE(themes > 0);
  const int cap_days = static_cast<int>(text::kMaxThemeTrendCells / themes);
  // Under the cap: exact, byte for byte.
  {
    const auto file = file_of(300);
    const auto f = read_sharded(file, o, plan_file(file, o, 3, 0), 0);
    REQUIRE(f.shards.size() == 3);
    CHECK(sharded_comments(f, q).dump() == one_session_comments(file, o, q).dump());
  }
  // Past it: said, not merged.
  const auto file = file_of(cap_days + 50);
  const auto f = read_sharded(file, o, plan_file(file, o, 3, 0), 0);
  REQUIRE(f.shards.size() == 3);
  REQUIRE(one_session_comments(file, o, q)["theme_trend_left_out"]["comments"].get<std::uint64_t>() > 0);  // the cap is reached
  const auto merged = sharded_comments(f, q);
  REQUIRE(merged.contains("cannot_shard_exactly"));
  CHECK(merged["cannot_shard_exactly"].get<std::string>().find("theme trends") != std::string::npos);
}

TEST_CASE("shards: UTF-16, a JSON document and a tallies file are one shard, and say why", "[shards]") {
  const auto o = small_head();
  const auto csv = make_csv(100, 9, "\n", false);
  std::string utf16 = "\xFF\xFE";
  for (unsigned char c : csv) {  // ASCII and Latin-1 only would do; the multi-byte ones come out as garbage, fine here
    utf16 += static_cast<char>(c);
    utf16 += '\0';
  }
  require_one_shard(utf16, o, "UTF-16");
  std::string doc = "[";
  for (int i = 0; i < 200; ++i) doc += std::string(i ? "," : "") + "{\"score\": " + std::to_string(i % 11) + "}\n";
  doc += "]";
  require_one_shard(doc, o, "JSON document");
  require_one_shard(csv.substr(0, 300), o, "no longer than");
}

TEST_CASE("shards: every CSV and NDJSON fixture, several shard counts", "[shards]") {
  auto o = small_head();
  std::size_t split = 0;
  for (const auto& e : std::filesystem::directory_iterator(NPSKIT_TEST_DATA)) {
    const auto ext = e.path().extension();
    if (ext != ".csv" && ext != ".ndjson" && ext != ".txt") continue;
    const auto file = read_bytes(e.path());
    for (std::size_t n : {2, 3, 7}) {
      INFO(e.path().filename().string() << ", " << n << " shards");
      const auto plan = plan_file(file, o, n, 4096);
      if (plan.starts.size() == 1) {
        CHECK(!plan.single_reason.empty());
        continue;
      }
      ++split;
      const auto f = read_sharded(file, o, plan, 4096);
      for (const auto& q : {json::object(), json{{"latestPerPerson", true}}, json{{"period", "day"}}})
        REQUIRE(sharded_report(f, q).dump() == one_session_report(file, o, q).dump());
      REQUIRE(sharded_info(f).dump() == one_session_info(file, o).dump());
    }
  }
  CHECK(split > 10);
}

TEST_CASE("shards: the merged report equals the streaming analysis's report", "[shards]") {
  // Without repeated ids: the streaming analysis counts every response (it keeps
  // no id table), a session counts a repeated id once.
  const auto o = small_head();
  for (bool crlf : {false, true}) {
    const std::string file = make_csv(300, 21, crlf ? "\r\n" : "\n", crlf);
    // Make every id unique: the generator repeats some.
    std::string unique;
    std::size_t row = 0;
    for (std::size_t at = 0; at < file.size();) {
      const auto r = file.find("\nr", at);
      if (r == std::string::npos) {
        unique += file.substr(at);
        break;
      }
      unique += file.substr(at, r + 1 - at) + "u" + std::to_string(row++) + "_";
      at = r + 1;
    }
    Analyzer streaming(o, ReportOptions{});
    streaming.feed(unique);
    streaming.finish();
    const auto want = streaming.report().dump();
    for (std::size_t n : {1, 2, 3, 7}) {
      const auto f = read_sharded(unique, o, plan_file(unique, o, n, 0), 0);
      INFO(n << " shards, crlf " << crlf);
      REQUIRE(sharded_report(f, json::object()).dump() == want);
    }
  }
}

TEST_CASE("shards: a malformed partial, plan or info is refused with a message, never merged", "[shards]") {
  const auto o = small_head();
  const auto file = make_csv(200, 2, "\n", false);
  const auto f = read_sharded(file, o, plan_file(file, o, 3, 0), 0);
  const auto good = json::parse(f.shards[1]->report_partial(json::object()).dump());
  auto first = json::parse(f.shards[0]->report_partial(json::object()).dump());
  for (const auto& bad : {json(nullptr), json::array(), json{{"partial", 1}}, json{{"partial", 2}}}) {
    INFO(bad.dump());
    CHECK(merge_report({first, bad}, json::object()).contains("error"));
  }
  auto broken = good;
  broken["segments"][0] = {{{99999, good["overall"]}}};  // a code no value has
  CHECK(merge_report({first, broken}, json::object()).contains("error"));
  broken = good;
  broken["counts"] = {1, 2};
  CHECK(merge_report({first, broken}, json::object()).contains("error"));
  broken = good;
  broken["overall"] = "many";
  CHECK(merge_report({first, broken}, json::object()).contains("error"));
  ShardPlan plan;
  CHECK(!plan_from_json({{"file_size", 10}}, plan).empty());
  CHECK(!plan_from_json({{"file_size", 10}, {"head_end", 1}, {"head_lines", 1}, {"delimiter", 44}, {"starts", {5, 0}},
                         {"single_reason", nullptr}}, plan).empty());
  auto info = nlohmann::ordered_json::parse(f.shards[1]->info().dump());
  info["files"][0]["rows"]["read"] = "x";
  CHECK(merge_info({f.shards[0]->info(), info}).contains("error"));
  CHECK(merge_rows({nlohmann::ordered_json{{"total", 1}}}, json::object()).contains("error"));
}

TEST_CASE("shards: comments by segment when the first shard holds no comment", "[shards]") {
  // Found by fuzz_shards. A shard without a comment sends a partial whose segment
  // breakdown is empty; the merge took the segment columns from the first partial,
  // so every segment's comments vanished from the merged answer (in silence).
  const auto o = small_head();
  std::string csv = "Response ID,Date,Score,Country,Comment\n";
  for (int i = 0; i < 200; ++i)
    csv += "r" + std::to_string(i) + ",2024-01-" + std::to_string(10 + i % 18) + "," + std::to_string(i % 11) + "," +
           (i % 3 ? "France" : "Japan") + "," + (i >= 150 ? "slow support ticket " + std::to_string(i) : "") + "\n";
  for (const std::size_t n : {2, 3, 5}) {
    const auto f = read_sharded(csv, o, plan_file(csv, o, n, 0), 0);
    REQUIRE(f.shards.size() == n);
    REQUIRE(f.shards[0]->extent().next <= csv.find("slow support"));  // shard 0: no comment
    for (const json& q : {json::object(), json{{"latestPerPerson", true}}}) {
      INFO("comments " << q.dump() << ", shards " << n);
      const auto one = one_session_comments(csv, o, q);
      REQUIRE(one["segments"]["Country"].size() == 2);  // the comments' segments, France and Japan
      CHECK(sharded_comments(f, q).dump() == one.dump());
    }
  }
}

TEST_CASE("shards: cells that are not UTF-8 are read as one session reads them, wherever they fall", "[shards]") {
  // One session reads each cell that is not valid UTF-8 as Windows-1252, on its own,
  // so a shard that meets one reads it alike, and a shard that meets none reads the
  // same UTF-8 cells. The merged source says windows-1252 when any shard read one.
  const auto o = small_head();
  auto file_of = [](std::initializer_list<int> latin1_rows, bool bom) {
    std::string csv = bom ? "\xEF\xBB\xBF" : "";
    csv += "Response ID,Date,Score,Country,Comment\n";
    for (int i = 0; i < 300; ++i) {
      const bool latin1 = std::find(latin1_rows.begin(), latin1_rows.end(), i) != latin1_rows.end();
      csv += "r" + std::to_string(i) + ",2024-02-" + std::to_string(10 + i % 18) + "," + std::to_string(i % 11) + "," +
             (latin1 ? "Fran\xE7" "e" : i % 2 ? "France" : "Fran\xC3\xA7" "e") + "," +
             (latin1 ? "caf\xE9 slow \x93service\x94" : "caf\xC3\xA9 slow service") + "\n";
    }
    return csv;
  };
  struct Case { std::string file; bool windows1252; };
  const std::vector<Case> cases = {
      {file_of({}, false), false},        // all UTF-8
      {file_of({1, 250}, false), true},   // in the head (sniffed text and sample) and near the end
      {file_of({299}, false), true},      // in the last record only: the last shard alone sees it
      {file_of({150}, true), true},       // a BOM, and one in the middle
  };
  for (const auto& c : cases) {
    const auto one = json::parse(as_sent(one_session_report(c.file, o, json::object())));
    CHECK(one["source"]["encoding"] == (c.windows1252 ? "windows-1252" : "utf-8"));
    for (const std::size_t n : {2, 3, 7})
      for (const std::size_t chunk : {0, 1, 13}) {
        INFO("shards " << n << ", chunk " << chunk);
        const auto f = read_sharded(c.file, o, plan_file(c.file, o, n, chunk), chunk);
        REQUIRE(f.shards.size() == n);
        require_same_reports(c.file, o, f);
      }
  }
}

TEST_CASE("shards: a file with fewer records than the layout's sample is one shard", "[shards]") {
  // Found by fuzz_shards. The planner decided the head only once the file ended
  // (the sample never filled), so a blank line past it became a second shard. That
  // shard's own reading of the head left the sample open, counted the head's empty
  // record after the head instead of in it, and the merged report said two empty
  // records where one session says one (in silence).
  IngestOptions o;
  o.sample_records = 20;
  o.format_sniff_bytes = 64;
  const std::string nd = "{}\n{\"id\":\"b\",\"score\":3}\n\n{\"id\":\"a\",\"score\":7}\n{\"id\":\"c\",\"score\":9}\n\n";
  const std::string csv = "id,score\n,\na,7\nb,9\n\n";
  for (const auto* file : {&nd, &csv}) {
    for (const std::size_t n : {2, 3, 7}) {
      const auto plan = plan_file(*file, o, n, 0);
      INFO(plan.single_reason);
      CHECK(plan.starts.size() == 1);
      CHECK(plan.single_reason.find("no longer than the head") != std::string::npos);
    }
  }
}

TEST_CASE("shards: the id step drops a row whose id an earlier shard holds, hash 0 and repeats too", "[shards]") {
  // Lists as shard_ids writes them: u32 count, then (u32 row, u64 hash) each. Hash 0
  // is a value like any other, and enough ids for the radix sort's path (4,096 and more).
  auto list = [](const std::vector<std::pair<std::uint32_t, std::uint64_t>>& rows) {
    std::string out(4, '\0');
    const auto n = static_cast<std::uint32_t>(rows.size());
    std::memcpy(out.data(), &n, 4);
    for (const auto& [row, hash] : rows) {
      out.append(reinterpret_cast<const char*>(&row), 4);
      out.append(reinterpret_cast<const char*>(&hash), 8);
    }
    return out;
  };
  std::vector<std::vector<std::pair<std::uint32_t, std::uint64_t>>> shards(3);
  shards[0] = {{0, 0}, {1, 7}, {2, 7}};  // a repeat inside one shard is that shard's own business
  shards[1] = {{0, 0}, {1, 8}, {2, 7}, {3, 9}};
  shards[2] = {{0, 9}, {1, 8}, {2, 10}, {3, 0}};
  for (std::uint32_t i = 0; i < 5000; ++i) {  // ids spread like hashes, some shared with earlier shards
    const std::uint64_t h = 0x9e3779b97f4a7c15ULL * (i + 11);
    shards[i % 3].push_back({100 + i, h});
    if (i % 7 == 0) shards[(i + 1) % 3].push_back({20000 + i, h});
  }
  // Expected, independently: shard k drops each row whose hash any shard j < k lists.
  std::vector<std::vector<std::uint32_t>> want(3);
  for (std::size_t k = 0; k < 3; ++k)
    for (const auto& [row, hash] : shards[k])
      for (std::size_t j = 0; j < k; ++j)
        if (std::any_of(shards[j].begin(), shards[j].end(), [&](const auto& e) { return e.second == hash; })) {
          want[k].push_back(row);
          break;
        }
  std::vector<std::string> bytes;
  for (const auto& s : shards) bytes.push_back(list(s));
  const std::vector<std::string_view> views(bytes.begin(), bytes.end());
  // Round 2's texts: each id's text here is its hash in decimal (equal exactly when the
  // hashes are; shard_cross_step_test.cpp has hashes that collide).
  const auto confirm = rows_to_confirm(views, ShardListKind::ids);
  std::vector<std::string> texts(3);
  for (std::size_t k = 0; k < 3; ++k)
    for (const auto row : confirm[k]) {
      const auto it = std::find_if(shards[k].begin(), shards[k].end(), [&](const auto& e) { return e.first == row; });
      const auto text = std::to_string(it->second);
      const auto len = static_cast<std::uint32_t>(text.size());
      texts[k].append(reinterpret_cast<const char*>(&len), 4);
      texts[k] += text;
    }
  const auto answer = duplicates_across_shards(views, {texts.begin(), texts.end()});
  REQUIRE(answer.error.empty());
  const auto& got = answer.rows;
  REQUIRE(got.size() == 3);
  CHECK(got[0].empty());
  CHECK(got[1] == want[1]);
  CHECK(got[2] == want[2]);
  CHECK(std::count(got[1].begin(), got[1].end(), 0u) == 1);  // hash 0 in shard 0
  CHECK(std::count(got[2].begin(), got[2].end(), 3u) == 1);  // hash 0 again
}

TEST_CASE("shards: line breaks counted as the readers count them, in any chunking", "[shards]") {
  // Reference, byte by byte: an LF is a break unless a CR came right before it (CRLF is
  // one break); a CR is a break (CSV only: NDJSON counts LFs).
  auto reference = [](const std::string& text, bool csv) {
    std::uint64_t n = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\n') n += !(csv && i > 0 && text[i - 1] == '\r');
      else if (csv && text[i] == '\r') ++n;
    }
    return n;
  };
  std::uint64_t seed = 42;
  auto next = [&seed] { seed = seed * 6364136223846793005ULL + 1442695040888963407ULL; return seed >> 33; };
  for (int round = 0; round < 200; ++round) {
    std::string text(next() % 300, 'a');
    const auto crs = round % 3;  // none, some, many CRs
    for (auto& c : text) {
      const auto r = next() % 16;
      c = r < 2 ? '\n' : (crs == 1 && r == 2) || (crs == 2 && r < 6) ? '\r' : static_cast<char>('a' + r);
    }
    for (const bool csv : {true, false}) {
      bool cr_before = false;
      std::uint64_t got = 0;
      for (std::size_t at = 0; at < text.size();) {  // chunks of 1..40 bytes
        const auto len = std::min<std::size_t>(text.size() - at, 1 + next() % 40);
        got += count_line_breaks(std::string_view(text).substr(at, len), csv, cr_before);
        at += len;
      }
      INFO("round " << round << (csv ? " csv" : " ndjson"));
      CHECK(got == reference(text, csv));
    }
  }
}
