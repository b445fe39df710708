// The cross-shard steps (analysis/shard_partial.hpp): duplicate ids and latest per
// person match persons by a 64-bit hash, then by text. Two persons whose hashes are
// equal (FNV-1a collisions can be crafted) must stay two, as one session keeps them.
// The lists are built here by hand (a hash collision is given, not searched for),
// and a file whose two ids really collide is read as shards end to end.
#include <catch2/catch.hpp>

#include <cstring>
#include <fstream>
#include <utility>
#include <string>
#include <vector>

#include "core/values/hash.hpp"
#include "shard_support.hpp"

using namespace npskit;
using namespace npskit::test;
using nlohmann::json;

namespace {

template <class T>
void put(std::string& out, T v) {
  char b[sizeof(T)];
  std::memcpy(b, &v, sizeof(T));
  out.append(b, sizeof(T));
}

struct Id {
  std::uint32_t row;
  std::uint64_t hash;
};
std::string ids_list(const std::vector<Id>& ids) {
  std::string out;
  put(out, static_cast<std::uint32_t>(ids.size()));
  for (const auto& id : ids) {
    put(out, id.row);
    put(out, id.hash);
  }
  return out;
}

struct Candidate {
  std::uint64_t hash;
  std::int32_t day;
  std::uint32_t row;
};
std::string latest_list(const std::vector<Candidate>& candidates) {
  std::string out;
  put(out, static_cast<std::uint32_t>(candidates.size()));
  for (const auto& c : candidates) {
    put(out, c.hash);
    put(out, c.day);
    put(out, c.row);
  }
  return out;
}

std::string texts(const std::vector<std::string>& texts) {
  std::string out;
  for (const auto& t : texts) {
    put(out, static_cast<std::uint32_t>(t.size()));
    out += t;
  }
  return out;
}

std::vector<std::string_view> views(const std::vector<std::string>& v) { return {v.begin(), v.end()}; }

using Rows = std::vector<std::uint32_t>;

}  // namespace

TEST_CASE("cross-shard ids: equal hashes are compared by text", "[shards][cross-step]") {
  // Shard 0 holds ids "a" (row 0) and "b" (row 1); shard 1 holds "a" again (row 0),
  // "c" whose hash equals b's (row 1), and "d" (row 2) whose hash no other shard has.
  const std::vector<std::string> lists = {ids_list({{0, 11}, {1, 22}}), ids_list({{0, 11}, {1, 22}, {2, 33}})};
  const auto confirm = rows_to_confirm(views(lists), ShardListKind::ids);
  CHECK(confirm == std::vector<Rows>{{0, 1}, {0, 1}});  // d's hash is its own: no text asked

  const std::vector<std::string> sent = {texts({"a", "b"}), texts({"a", "c"})};
  const auto answer = duplicates_across_shards(views(lists), views(sent));
  REQUIRE(answer.error.empty());
  CHECK(answer.rows == std::vector<Rows>{{}, {0}});  // "a" is a duplicate; "c" is not "b"

  SECTION("the same hash in three shards: the first holder of each text keeps it") {
    const std::vector<std::string> three = {ids_list({{5, 7}}), ids_list({{1, 7}, {2, 7}}), ids_list({{0, 7}})};
    CHECK(rows_to_confirm(views(three), ShardListKind::ids) == std::vector<Rows>{{5}, {1, 2}, {0}});
    const std::vector<std::string> t = {texts({"x"}), texts({"y", "x"}), texts({"y"})};
    const auto a = duplicates_across_shards(views(three), views(t));
    REQUIRE(a.error.empty());
    CHECK(a.rows == std::vector<Rows>{{}, {2}, {0}});
  }
}

TEST_CASE("cross-shard ids: no shared hash needs no texts and drops nothing", "[shards][cross-step]") {
  const std::vector<std::string> lists = {ids_list({{0, 1}, {1, 2}}), ids_list({{0, 3}}), ids_list({})};
  const auto confirm = rows_to_confirm(views(lists), ShardListKind::ids);
  CHECK(confirm == std::vector<Rows>{{}, {}, {}});
  const auto answer = duplicates_across_shards(views(lists), {});
  REQUIRE(answer.error.empty());
  CHECK(answer.rows == std::vector<Rows>{{}, {}, {}});
}

TEST_CASE("cross-shard steps: texts that do not match the rows to confirm are an error", "[shards][cross-step]") {
  const std::vector<std::string> lists = {ids_list({{0, 9}}), ids_list({{4, 9}})};
  for (const std::vector<std::string>& sent :
       {std::vector<std::string>{texts({"a"})}, {texts({"a"}), texts({})}, {texts({"a"}), texts({"a", "b"})},
        {texts({"a"}), std::string("\x05\0\0\0ab", 6)}}) {
    const auto answer = duplicates_across_shards(views(lists), views(sent));
    CHECK_THAT(answer.error, Catch::Contains("do not match"));
  }
}

TEST_CASE("cross-shard latest per person: equal hashes are compared by text", "[shards][cross-step]") {
  // Person "p" answers in shard 0 (day 10) and shard 1 (day 12): shard 1 wins.
  // Persons "q" (shard 0, day 20) and "r" (shard 1, day 5) share a hash: both keep theirs.
  const std::vector<std::string> lists = {latest_list({{100, 10, 3}, {200, 20, 4}}),
                                          latest_list({{100, 12, 0}, {200, 5, 1}, {300, 1, 2}})};
  CHECK(rows_to_confirm(views(lists), ShardListKind::latest) == std::vector<Rows>{{3, 4}, {0, 1}});
  const std::vector<std::string> sent = {texts({"p", "q"}), texts({"p", "r"})};
  const auto answer = latest_elsewhere(views(lists), views(sent));
  REQUIRE(answer.error.empty());
  CHECK(answer.rows == std::vector<Rows>{{3}, {}});

  SECTION("a tie on the day goes to the later shard (later in the file), an earlier day never wins") {
    const std::vector<std::string> tie = {latest_list({{1, 8, 0}}), latest_list({{1, 8, 0}}), latest_list({{1, 7, 0}})};
    const std::vector<std::string> t = {texts({"p"}), texts({"p"}), texts({"p"})};
    const auto a = latest_elsewhere(views(tie), views(t));
    REQUIRE(a.error.empty());
    CHECK(a.rows == std::vector<Rows>{{0}, {}, {0}});
  }
}

// Two ids whose 64-bit FNV-1a hashes are equal (tests/data/collisions/README.md).
std::pair<std::string, std::string> colliding_ids() {
  std::ifstream in(std::string(NPSKIT_TEST_DATA) + "/collisions/fnv1a64-ids.txt");
  std::string a, b;
  std::getline(in, a);
  std::getline(in, b);
  return {a, b};
}

TEST_CASE("shards: two respondents whose ids' hashes collide stay two, as in one session", "[shards][cross-step]") {
  const auto [a, b] = colliding_ids();
  REQUIRE(!a.empty());
  REQUIRE(a != b);
  REQUIRE(fnv1a_64(a) == fnv1a_64(b));
  IngestOptions o;
  o.sample_records = 20;
  o.format_sniff_bytes = 256;
  // One id near the start, the other near the end: in different shards. Latest per
  // person keys on the id (the e-mails repeat, but an id comes first).
  std::string file = "id,email,date,score\n";
  for (int i = 0; i < 60; ++i) {
    const std::string id = i == 5 ? a : i == 50 ? b : "r" + std::to_string(i);
    file += id + ",u" + std::to_string(i % 7) + "@x.org,2024-0" + std::to_string(1 + i % 9) + "-1" + std::to_string(i % 10) +
            "," + std::to_string(i % 11) + "\n";
  }
  auto plan = plan_file(file, o, 2, 0);
  REQUIRE(plan.single_reason.empty());
  const auto one = one_session_report(file, o, json::object());
  const auto one_latest = one_session_report(file, o, {{"latestPerPerson", true}});
  REQUIRE(one["rows"]["duplicates"] == 0);
  REQUIRE(one["rows"]["valid"] == 60);
  for (std::size_t shards = 2; shards <= 3; ++shards) {
    plan = plan_file(file, o, shards, 0);
    const auto f = read_sharded(file, o, plan, 7);
    REQUIRE(f.shards.size() == shards);
    CHECK(sharded_report(f, json::object()).dump() == one.dump());
    CHECK(sharded_report(f, {{"latestPerPerson", true}}).dump() == one_latest.dump());
  }
}
