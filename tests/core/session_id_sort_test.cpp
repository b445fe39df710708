// Duplicate ids found at the end of each file (store/row_store.hpp, "Duplicate
// ids"): the rows go into the columns first and the later rows of an id leave
// them when the file ends. These cases aim at what that could get wrong: ids
// repeated across many files (the sorted list, then the table), two different
// ids with the same 64-bit hash (a test hook makes every id collide), and a
// segment dictionary at its cap when duplicates brought values (the order of
// first use decides which values get a code). The expected answers are computed
// here from the rows with a std::unordered_set and a model of the dictionary.
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/analysis/options_json.hpp"
#include "core/ingest/pipeline.hpp"
#include "core/report/session.hpp"
#include "core/store/row_store.hpp"

using namespace npskit;
using nlohmann::json;

namespace {

std::uint64_t lcg(std::uint64_t& x) {
  x = x * 6364136223846793005ull + 1442695040888963407ull;
  return x >> 33;
}

// The rows a session keeps, computed without the store: the first row of each id.
struct Model {
  std::unordered_set<std::string> seen;
  std::uint64_t read = 0, duplicates = 0, valid = 0, blank = 0;
  std::vector<std::string> kept_segment;  // the kept rows' segment values, in order
  void add(const std::string& id, int score, const std::string& segment) {
    ++read;
    if (!id.empty() && !seen.insert(id).second) {
      ++duplicates;
      return;
    }
    if (score < 0) ++blank;
    else ++valid;
    kept_segment.push_back(segment);
  }
  // The dictionary a per-row store builds: values in order of first use by the
  // kept rows; once full (1,000 values), a new value is "(other)".
  std::vector<std::string> dictionary() const {
    std::vector<std::string> values;
    std::unordered_set<std::string> has;
    for (auto v : kept_segment) {
      if (v.empty()) v = "(blank)";
      if (has.count(v)) continue;
      if (values.size() >= kMaxSegmentValues) v = "(other)";
      if (has.insert(v).second) values.push_back(v);
    }
    return values;
  }
};

std::unique_ptr<Session> open(const std::vector<std::string>& files) {
  auto parsed = session_options_from_json(json::object());
  REQUIRE(parsed.error.empty());
  auto s = std::make_unique<Session>(parsed.ingest);
  for (std::size_t f = 0; f < files.size(); ++f) {
    s->begin_file("f" + std::to_string(f) + ".csv", files[f].size());
    for (std::size_t at = 0; at < files[f].size(); at += 1 << 16) REQUIRE(s->feed(std::string_view(files[f]).substr(at, 1 << 16)));
    REQUIRE(s->end_file());
  }
  return s;
}

void check_counts(Session& s, const Model& want) {
  const auto rep = s.report(json::object());
  REQUIRE_FALSE(rep.contains("error"));
  CHECK(rep["rows"]["read"] == want.read);
  CHECK(rep["rows"]["duplicates"] == want.duplicates);
  CHECK(rep["rows"]["blank_score"] == want.blank);
  CHECK(rep["overall"]["n"] == want.valid);
  CHECK(s.info()["rows"] == want.valid + want.blank);
}

// "id,score,plan": the first `sample` rows use 4 plans (so that the column is read
// as a segment); then a row's plan is `value(row, repeat)`.
template <class Value>
std::string make_file(const std::string& prefix, std::size_t rows, std::uint64_t seed, const std::vector<std::string>& earlier,
                      std::vector<std::string>& ids, Model& model, Value value, unsigned repeat_percent = 40) {
  std::string csv = "id,score,plan\n";
  std::uint64_t x = seed;
  static const char* kPlans[] = {"Free", "Pro", "Team", "Enterprise"};
  for (std::size_t r = 0; r < rows; ++r) {
    const auto pick = lcg(x) % 100;
    std::string id;
    bool repeat = false;
    if (pick < repeat_percent / 2 && !ids.empty()) id = ids[lcg(x) % ids.size()], repeat = true;
    else if (pick < repeat_percent && !earlier.empty()) id = earlier[lcg(x) % earlier.size()], repeat = true;
    else if (pick < repeat_percent + 2) id = "";  // no id: never a duplicate
    else id = prefix + std::to_string(r);
    if (!id.empty()) ids.push_back(id);
    const int score = static_cast<int>(lcg(x) % 12) - 1;  // -1: blank
    const std::string plan = r < 1500 ? kPlans[lcg(x) % 4] : value(r, repeat, x);
    csv += id + "," + (score < 0 ? "" : std::to_string(score)) + "," + plan + "\n";
    model.add(id, score, plan);
  }
  return csv;
}

std::vector<std::string> segment_values(Session& s) {
  std::vector<std::string> out;
  const auto info = s.info();
  for (const auto& v : info["segments"][0]["values"]) out.push_back(v.get<std::string>());
  return out;
}

}  // namespace

TEST_CASE("session ids: repeated within and across six files, big then small", "[session][duplicates]") {
  // A big file, then files small enough that the known ids move from the sorted
  // list to the table (a file of few ids against many known), and a big one again.
  // Duplicates bring plans no kept row had before them (the dictionary's order).
  Model model;
  std::vector<std::string> files, all_ids;
  const std::size_t sizes[] = {40'000, 3'000, 50, 200, 2'000, 30'000};
  for (std::size_t f = 0; f < std::size(sizes); ++f) {
    std::vector<std::string> ids;
    files.push_back(make_file("f" + std::to_string(f) + "-", sizes[f], 100 + f, all_ids, ids, model,
                              [](std::size_t, bool repeat, std::uint64_t& x) {
                                return repeat ? "dup-" + std::to_string(lcg(x) % 300) : "plan-" + std::to_string(lcg(x) % 200);
                              }));
    all_ids.insert(all_ids.end(), ids.begin(), ids.end());
  }
  REQUIRE(model.duplicates > 20'000);
  const auto s = open(files);
  check_counts(*s, model);
  CHECK(segment_values(*s) == model.dictionary());
  // The rows kept, in file order: the first row of each id (lines and plans).
  std::uint64_t listed = 0;
  for (std::size_t offset = 0; offset < model.valid + model.blank; offset += 10'000)
    listed += s->rows({{"limit", 10'000}, {"offset", offset}})["rows"].size();
  CHECK(listed == model.valid);  // rows() lists the valid scores
}

TEST_CASE("session ids: two ids with the same 64-bit hash stay two people", "[session][duplicates]") {
  // Every id hashes to the same value: only the texts tell them apart.
  const int mode = GENERATE(0, 1);  // 0: found at the file's end; 1: per row (a full dictionary forces it)
  INFO((mode == 0 ? "at the end of the file" : "per row"));
  RowStore store;
  store.id_hash_for_tests = [](std::string_view) -> std::uint64_t { return 42; };
  Model model;
  std::vector<std::string> all_ids;
  for (int f = 0; f < 2; ++f) {
    std::vector<std::string> ids;
    const auto csv = make_file("p" + std::to_string(f) + "-", 2'800, 7 + f, all_ids, ids, model,
                               [mode](std::size_t r, bool, std::uint64_t& x) {
                                 return mode == 1 ? "v" + std::to_string(r) : "v" + std::to_string(lcg(x) % 5);
                               });
    all_ids.insert(all_ids.end(), ids.begin(), ids.end());
    store.begin_file("f.csv");
    IngestPipeline pipeline(IngestOptions{}, store);
    REQUIRE(pipeline.feed(csv));
    REQUIRE(pipeline.finish());
    store.end_file();
  }
  std::uint64_t duplicates = 0, kept = 0;
  for (const auto& f : store.files) {
    duplicates += f.counts.duplicates;
    kept += f.counts.valid + f.counts.blank_score;
  }
  CHECK(duplicates == model.duplicates);
  CHECK(kept == model.valid + model.blank);
  CHECK(store.size() == kept);
  // Each id is kept once, with the first row's line order.
  std::unordered_set<std::string> ids;
  for (std::size_t r = 0; r < store.size(); ++r) {
    const auto id = std::string(store.text(store.id[r]));
    if (!id.empty()) CHECK(ids.insert(id).second);
  }
  CHECK(ids.size() == model.seen.size());
}

TEST_CASE("session ids: a segment column past its cap while duplicates are pending", "[session][duplicates]") {
  // Duplicates bring new values before the cap is reached: had they been in the
  // dictionary, other values would have been folded into "(other)". The kept rows
  // decide: the first 1,000 values they use, in order, then "(other)".
  const unsigned repeat = GENERATE(20u, 60u);
  INFO("repeats: " << repeat << "%");
  Model model;
  std::vector<std::string> ids, a_ids;
  const auto a = make_file("a", 6'000, 3, {}, a_ids, model, [](std::size_t, bool dup, std::uint64_t& x) {
    return dup ? "dup-" + std::to_string(lcg(x) % 2'000) : "city-" + std::to_string(lcg(x) % 1'500);
  }, repeat);
  const auto b = make_file("b", 4'000, 4, a_ids, ids, model, [](std::size_t, bool dup, std::uint64_t& x) {
    return dup ? "dup-b-" + std::to_string(lcg(x) % 500) : "city-" + std::to_string(lcg(x) % 3'000);
  }, repeat);
  const auto s = open({a, b});
  check_counts(*s, model);
  const auto want = model.dictionary();
  REQUIRE(want.size() == kMaxSegmentValues + 1);  // the cap was reached
  CHECK(segment_values(*s) == want);
  // A value only duplicates used is not a value of the column.
  const auto rep = s->report({{"filters", {{"where", {{{"column", "plan"}, {"op", "eq"}, {"value", "dup-b-1"}}}}}}});
  CHECK(rep["overall"]["n"] == 0);
}

TEST_CASE("session ids: more unreadable dates than the store lists, duplicates among them", "[session][duplicates]") {
  // The store lists the first 100,000 kept rows whose date could not be read: a
  // duplicate that took a place in the list before it was found must give it back.
  std::string csv = "id,date,score\n";
  std::uint64_t x = 99;
  std::unordered_set<std::string> seen;
  std::vector<std::uint64_t> unreadable_lines;  // of kept rows, in order
  for (std::size_t r = 0; r < 160'000; ++r) {
    const bool dup = r > 0 && lcg(x) % 10 < 3;
    const std::string id = dup ? "i" + std::to_string(lcg(x) % r) : "i" + std::to_string(r);
    const bool bad = r >= 1500 && lcg(x) % 10 < 9;
    csv += id + "," + (bad ? "not a date" : "2024-05-0" + std::to_string(1 + r % 9)) + "," + std::to_string(r % 11) + "\n";
    if (seen.insert(id).second && bad) unreadable_lines.push_back(r + 2);  // line 1 is the header
  }
  REQUIRE(unreadable_lines.size() > RowStore::kMaxStoredRejections);
  const auto s = open({csv});
  const auto rep = s->report({{"maxRejections", 100'000}});
  REQUIRE(rep["warnings"].is_array());
  REQUIRE(rep["warnings"].size() == RowStore::kMaxStoredRejections);
  CHECK(rep["warnings"].back()["line"] == unreadable_lines[RowStore::kMaxStoredRejections - 1]);
  CHECK(rep["warnings"][5000]["line"] == unreadable_lines[5000]);
}

TEST_CASE("session ids: text past the cap is left out at the same row as if duplicates were never kept", "[session][duplicates]") {
  // The duplicates' text stays in the arena until it would push a row past the
  // cap (4 GB; lowered here by the test hook): then it goes. The model keeps the
  // text of the kept rows only, comment then id, and leaves out what does not fit.
  const std::size_t cap = GENERATE(std::size_t{3'000}, std::size_t{20'000});
  INFO("cap " << cap);
  RowStore store;
  store.max_text_bytes = cap;
  std::unordered_set<std::string> seen;
  std::vector<std::string> want_comments;
  std::size_t used = 0;
  std::uint64_t x = 5;
  for (int f = 0; f < 2; ++f) {
    std::string csv = "id,score,comment\n";
    for (std::size_t r = 0; r < 1'500; ++r) {
      const std::string id = "p" + std::to_string(lcg(x) % 900);
      const std::string comment = "comment " + std::string(1 + lcg(x) % 30, 'x');
      csv += id + "," + std::to_string(r % 11) + "," + comment + "\n";
      if (!seen.insert(id).second) continue;
      auto fits = [&](const std::string& t) {
        if (t.size() > cap - std::min(cap, used)) return false;
        used += t.size();
        return true;
      };
      want_comments.push_back(fits(comment) ? comment : "");
      fits(id);
    }
    store.begin_file("f.csv");
    IngestPipeline pipeline(IngestOptions{}, store);
    REQUIRE(pipeline.feed(csv));
    REQUIRE(pipeline.finish());
    store.end_file();
  }
  REQUIRE(store.size() == want_comments.size());
  REQUIRE(used >= cap - 40);  // the cap was reached
  std::size_t differ = 0;
  for (std::size_t r = 0; r < store.size(); ++r)
    differ += store.text(store.comment[r]) != want_comments[r];
  CHECK(differ == 0);
}

TEST_CASE("session ids: the id hash is seeded per store, so a file cannot be crafted to collide", "[session][duplicates]") {
  // Ids crafted to share one key would make the text comparisons of that key
  // quadratic; with a seed no one knows, the same ids land on different keys.
  RowStore a, b;
  int same = 0;
  for (const char* id : {"a", "resp-000001", "someone@example.com", "0123456789abcdef0123"})
    same += a.id_key_for_tests(id) == b.id_key_for_tests(id);
  CHECK(same == 0);
  CHECK(a.id_key_for_tests("resp-000001") == a.id_key_for_tests("resp-000001"));  // stable within a store
}
