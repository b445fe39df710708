// Duplicate ids in a session (store/row_store.hpp): a response whose id was seen
// before, in this file or an earlier one, is counted once (found at the end of
// each file by sorting the file's ids). These cases: repeats 1..17 and 1000 rows
// apart, the reservation made from the file's size, across files, with the
// expected counts computed here with a std::unordered_set (more in
// session_id_sort_test.cpp).
#include <catch2/catch.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include "core/analysis/options_json.hpp"
#include "core/report/session.hpp"

using namespace npskit;
using nlohmann::json;

namespace {
struct Expected {
  std::uint64_t read = 0, duplicates = 0, valid = 0, blank = 0, promoters = 0, detractors = 0;
};

// rows of "id,score": each row's id is new (new_percent of rows) or repeats the id
// of a row 1, 2, 15, 16, 17 or 1000 rows back, or any earlier id (the other file's
// too), picked by a fixed LCG. Rare repeats let new ids pile up in the store's
// pending list (the case its filter must remember); frequent ones flush it often.
std::string make_file(std::uint64_t first_id, std::size_t rows, std::uint64_t seed, std::unordered_set<std::string>& seen,
                      Expected& want, unsigned new_percent = 60) {
  std::string csv = "Response ID,Score\n";
  std::vector<std::string> ids;
  std::uint64_t x = seed, next_id = first_id;
  static constexpr std::size_t kBack[] = {1, 2, 15, 16, 17, 1000};
  for (std::size_t i = 0; i < rows; ++i) {
    x = x * 6364136223846793005ull + 1442695040888963407ull;
    const auto pick = (x >> 33) % 100;
    std::string id;
    if (pick < new_percent || ids.empty()) id = "r" + std::to_string(next_id++);
    else if (pick % 4 != 0) id = ids[ids.size() - std::min(ids.size(), kBack[(x >> 45) % 6])];
    else id = "r" + std::to_string((x >> 20) % (next_id + 1));  // anywhere before, or this file's next new id
    ids.push_back(id);
    const int score = static_cast<int>((x >> 40) % 12);  // 11: blank
    csv += id + "," + (score == 11 ? "" : std::to_string(score)) + "\n";
    ++want.read;
    if (!seen.insert(id).second) {
      ++want.duplicates;
      continue;
    }
    if (score == 11) {
      ++want.blank;
      continue;
    }
    ++want.valid;
    if (score >= 9) ++want.promoters;
    if (score <= 6) ++want.detractors;
  }
  return csv;
}

std::unique_ptr<Session> open(const std::vector<std::string>& files, bool with_size, std::size_t chunk) {
  auto parsed = session_options_from_json(json::object());
  REQUIRE(parsed.error.empty());
  auto s = std::make_unique<Session>(parsed.ingest);
  for (std::size_t f = 0; f < files.size(); ++f) {
    s->begin_file("f" + std::to_string(f) + ".csv", with_size ? files[f].size() : 0);
    for (std::size_t at = 0; at < files[f].size(); at += chunk) REQUIRE(s->feed(std::string_view(files[f]).substr(at, chunk)));
    REQUIRE(s->end_file());
  }
  return s;
}

void check(const json& rep, const Expected& want) {
  REQUIRE_FALSE(rep.contains("error"));
  CHECK(rep["rows"]["read"] == want.read);
  CHECK(rep["rows"]["duplicates"] == want.duplicates);
  CHECK(rep["rows"]["blank_score"] == want.blank);
  CHECK(rep["overall"]["n"] == want.valid);
  CHECK(rep["overall"]["promoters"] == want.promoters);
  CHECK(rep["overall"]["detractors"] == want.detractors);
}
}  // namespace

TEST_CASE("session duplicates: repeats 1-17 and 1000 rows apart, as the table grows", "[session][duplicates]") {
  const unsigned new_percent = GENERATE(60u, 97u);
  const bool with_size = GENERATE(false, true);  // the file's size given (no reservation below 2 MB, though)
  INFO("new ids: " << new_percent << "%, file size given: " << with_size);
  std::unordered_set<std::string> seen;
  Expected want;
  const auto csv = make_file(0, 50'000, 42, seen, want, new_percent);
  REQUIRE(want.duplicates > 1'000);  // the case is not empty
  check(open({csv}, with_size, 64 * 1024)->report(json::object()), want);
}

TEST_CASE("session duplicates: a big file's reservation while ids are pending", "[session][duplicates]") {
  // > 2 MB, so that the session reserves (the columns and the pending ids) mid-file.
  std::unordered_set<std::string> seen;
  Expected want;
  const auto csv = make_file(0, 300'000, 7, seen, want, 97);
  REQUIRE(csv.size() > (2u << 20));
  check(open({csv}, true, 1 << 20)->report(json::object()), want);
}

TEST_CASE("session duplicates: ids of an earlier file, counted in the file that repeats them", "[session][duplicates]") {
  std::unordered_set<std::string> seen;
  Expected a, b;
  const auto first = make_file(0, 30'000, 1, seen, a);
  const auto second = make_file(10'000, 30'000, 2, seen, b);  // its new ids overlap the first file's
  REQUIRE(b.duplicates > a.duplicates);
  const auto s = open({first, second}, false, 4096);
  Expected all = a;
  all.read += b.read;
  all.duplicates += b.duplicates;
  all.valid += b.valid;
  all.blank += b.blank;
  all.promoters += b.promoters;
  all.detractors += b.detractors;
  check(s->report(json::object()), all);
  const auto info = s->info();
  CHECK(info["files"][0]["rows"]["duplicates"] == a.duplicates);
  CHECK(info["files"][1]["rows"]["duplicates"] == b.duplicates);
  CHECK(info["files"][1]["rows"]["valid"] == b.valid);
}

TEST_CASE("session duplicates: latest per person with a filter leaves a file's repeated ids out of filtered_out", "[session]") {
  // 8 records: ids a and f repeat (2 duplicates, never rows); 6 rows, the filter
  // keeps the 2 in FR. Every record is counted once: 2 valid + 4 filtered out + 2 duplicates.
  Session s(IngestOptions{});
  s.begin_file("f.csv");
  s.feed("id,score,country\na,9,FR\na,9,FR\nb,3,DE\nc,5,DE\nd,7,DE\ne,8,DE\nf,8,FR\nf,2,FR\n");
  s.end_file();
  const auto rows = s.report({{"latestPerPerson", true},
                              {"filters", {{"where", {{{"column", "country"}, {"op", "eq"}, {"value", "FR"}}}}}}})["rows"];
  CHECK(rows["read"] == 8);
  CHECK(rows["valid"] == 2);
  CHECK(rows["filtered_out"] == 4);
  CHECK(rows["duplicates"] == 2);
}
