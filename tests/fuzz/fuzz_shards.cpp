// libFuzzer target: shards (docs/shards.md). Input: one byte choosing the shard
// count (2..8) and the feeding chunk, then a file. The file is read by one
// session and by its shards (plan, speculate and verify, the id step; the
// coordinator of tests/core/shard_support.hpp), with a small head so that small
// inputs make many shards. Every merged answer (report, report with latest per
// person, info, rows, comments) must equal the one session's byte for byte, or say
// "cannot_shard_exactly". A shard that fails is the caller's cue to read the
// file as one session (then nothing is compared); shards that all read a file
// the one session refuses would be a silent difference: abort.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "../core/shard_support.hpp"

using namespace npskit;
using namespace npskit::test;
using nlohmann::json;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  const std::size_t n = 2 + data[0] % 7;
  const std::size_t chunk = (data[0] & 0x80) ? 0 : 1 + data[0] % 97;
  const std::string file(reinterpret_cast<const char*>(data + 1), size - 1);
  // Any bytes: Windows-1252 cells (before and after the sniffed text, in any
  // shard), UTF-16, BOMs, NUL bytes, CR-only line ends, JSON documents. A shard
  // must never read a file differently from one session, or it must say so.
  IngestOptions o;
  o.sample_records = 20;
  o.format_sniff_bytes = 64;
  const auto plan = plan_file(file, o, n, chunk);
  if (plan.starts.size() < 2) {
    if (plan.single_reason.empty()) std::abort();  // one shard, always said why
    return 0;
  }
  const auto f = read_sharded(file, o, plan, chunk);
  Session one(o);
  one.begin_file("file.csv", file.size());
  one.feed(file);
  const bool one_ok = one.end_file();
  for (const auto& s : f.shards)
    if (!s->error().empty()) return 0;  // the caller reads the file as one session
  if (!one_ok) std::abort();            // the shards read a file one session refuses
  for (const json& q : {json::object(), json{{"latestPerPerson", true}}, json{{"period", "day"}, {"maxRejections", 1000}}}) {
    const auto merged = sharded_report(f, q);
    if (merged.contains("cannot_shard_exactly")) continue;
    if (as_sent(merged) != as_sent(one.report(q))) std::abort();
  }
  const auto info = sharded_info(f);
  if (!info.contains("cannot_shard_exactly") && as_sent(info) != as_sent(one.info())) std::abort();
  const json page = {{"offset", 2}, {"limit", 7}};
  if (as_sent(sharded_rows(f, page)) != as_sent(one.rows(page))) std::abort();
  for (const json& q : {json::object(), json{{"latestPerPerson", true}}}) {
    const auto merged = sharded_comments(f, q);
    if (merged.contains("cannot_shard_exactly")) continue;
    if (as_sent(merged) != as_sent(one.comments(q))) std::abort();
  }
  return 0;
}
