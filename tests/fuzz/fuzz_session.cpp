// libFuzzer target: the dashboard Session. Input layout:
//   QUERY_JSON \x1e FILE_1 \x1e FILE_2
// Both files are loaded into one session (fed in pseudo-random chunks), then
// info(), report(query), rows(query), comments(query) and themes(query) are
// asked, and serialised as the wasm binding does. A query that is not JSON is
// replaced by {}. Type confusion: each field of the query is also tried with
// values of every other JSON type; every answer must be a result or
// {"error": "<a message>"}, never an exception.
#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/report/session.hpp"

using namespace npskit;

namespace {
std::string_view next_part(std::string_view& in) {
  const auto sep = in.find('\x1e');
  const auto part = in.substr(0, sep);
  in.remove_prefix(sep == std::string_view::npos ? in.size() : sep + 1);
  return part;
}

void load(Session& session, const char* name, std::string_view bytes, std::uint32_t s) {
  session.begin_file(name);
  std::size_t at = 0;
  while (at < bytes.size()) {
    s ^= s << 13;
    s ^= s >> 17;
    s ^= s << 5;
    const std::size_t n = (s & 1) ? bytes.size() : 1 + (s >> 8) % 193;
    if (!session.feed(bytes.substr(at, n))) break;
    at += n;
  }
  if (!session.end_file() && session.error().empty()) std::abort();  // a failure must say why
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  const auto query_text = next_part(in);
  const auto file1 = next_part(in);
  const auto file2 = in;
  auto query = nlohmann::json::parse(query_text.begin(), query_text.end(), nullptr, false);
  if (query.is_discarded()) query = nlohmann::json::object();
  IngestOptions options;
  options.sample_records = 50;
  Session session(options);
  load(session, "a.csv", file1, static_cast<std::uint32_t>(size) | 1u);
  load(session, "b.csv", file2, static_cast<std::uint32_t>(size) * 7u | 1u);
  auto dump = [](const nlohmann::ordered_json& j) {
    return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
  };
  auto ask = [&](const nlohmann::json& q) {
    for (const auto& answer : {session.report(q), session.rows(q), session.comments(q), session.themes(q)}) {
      if (answer.contains("error") && (!answer["error"].is_string() || answer["error"].get<std::string>().empty()))
        std::abort();  // an error always says why
      (void)dump(answer);
    }
  };
  (void)dump(session.info());
  ask(query);
  if (query.is_object()) {
    static const nlohmann::json kOthers[] = {nullptr, true, 1, -1, 1.5, 1e300, "x", "true", nlohmann::json::array(),
                                             nlohmann::json::object()};
    const std::size_t pick = size % (sizeof kOthers / sizeof kOthers[0]);
    for (auto it = query.begin(); it != query.end(); ++it) {
      nlohmann::json confused = query;
      confused[it.key()] = kOthers[pick];
      ask(confused);
    }
  }
  (void)dump(session.report(nlohmann::json::object()));
  return 0;
}
