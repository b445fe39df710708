// The response payload: validation, idempotency key, flat record, size limit; and the call() API.
#include <catch2/catch.hpp>

#include "core/survey/api.hpp"
#include "core/survey/payload.hpp"

using namespace npskit::survey;

namespace {
Json parse(const std::string& text) {
  Json j;
  REQUIRE(Json::parse(text, j));
  return j;
}
Json config(const char* text) {
  ConfigResult r = validate_config(parse(text));
  REQUIRE(r.ok());
  return r.config;
}
Json context() {
  return parse(R"({"now":1740823200000,"nonce":"a1b2c3d4e5f60718","locale":"en","page":"/checkout",
                  "userId":null,"attributes":{"plan":"Pro","country":"DE"}})");
}
}  // namespace

TEST_CASE("iso_time formats UTC with milliseconds") {
  CHECK(iso_time(0) == "1970-01-01T00:00:00.000Z");
  CHECK(iso_time(1740823200123) == "2025-03-01T10:00:00.123Z");
  CHECK(iso_time(951782400000) == "2000-02-29T00:00:00.000Z");
}

TEST_CASE("a valid answer becomes a flat record with a stable idempotency key") {
  Json c = config(R"({"id":"nps-main","attributes":{"touchpoint":"web","plan":"Free"}})");
  PayloadResult r = build_payload(c, parse(R"({"score":9,"comment":"  Great service \n"})"), context());
  REQUIRE(r.ok());
  CHECK(r.payload.dump() ==
        R"({"id":"nps-main:m7q16ps0:a1b2c3d4e5f60718","survey":"nps-main","score":9,"category":"promoter",)"
        R"("comment":"Great service","ts":"2025-03-01T10:00:00.000Z","locale":"en","page":"/checkout",)"
        R"("user_id":null,"contact_email":null,"attributes":{"touchpoint":"web","plan":"Pro","country":"DE"}})");
  // Same answer, same context: same key (the queue resends it; the collector drops the copy).
  CHECK(build_payload(c, parse(R"({"score":9})"), context()).payload.str("id") == r.payload.str("id"));
}

TEST_CASE("answers are validated") {
  Json c = config(R"({"id":"a","detractorContact":true})");
  CHECK(build_payload(c, parse(R"({"score":11})"), context()).errors[0].field == "score");
  CHECK(build_payload(c, parse(R"({"score":7.5})"), context()).errors[0].field == "score");
  CHECK(build_payload(c, parse(R"({})"), context()).errors[0].field == "score");
  CHECK(build_payload(c, parse(R"({"score":"9"})"), context()).errors[0].field == "score");
  std::string long_answer = R"({"score":5,"comment":")";
  long_answer.append(2001, 'x').append("\"}");  // (built stepwise: GCC 12 warns falsely on literal + string)
  CHECK(build_payload(c, parse(long_answer), context()).errors[0].field == "comment");
  CHECK(build_payload(c, parse(R"({"score":5,"consent":true,"email":"nope"})"), context()).errors[0].field == "email");
  CHECK(build_payload(c, parse(R"({"score":9,"consent":true,"email":"a@b.co"})"), context()).errors[0].field == "consent");
  PayloadResult ok = build_payload(c, parse(R"({"score":2,"consent":true,"email":" ana@example.com "})"), context());
  REQUIRE(ok.ok());
  CHECK(ok.payload.str("contact_email") == "ana@example.com");
  CHECK(ok.payload.str("category") == "detractor");
  // Without consent no email is kept, even if typed.
  CHECK(build_payload(c, parse(R"({"score":2,"email":"ana@example.com"})"), context()).payload.get("contact_email")->is_null());
}

TEST_CASE("context is validated: nonce, time, user, attributes") {
  Json c = config(R"({"id":"a"})");
  Json ctx = context();
  ctx.set("nonce", "xyz");
  CHECK(build_payload(c, parse(R"({"score":5})"), ctx).errors[0].field == "nonce");
  ctx = context();
  ctx.set("userId", 42);
  CHECK(build_payload(c, parse(R"({"score":5})"), ctx).errors[0].field == "userId");
  ctx = context();
  ctx.set("attributes", parse(R"({"bad key":1})"));
  CHECK(build_payload(c, parse(R"({"score":5})"), ctx).errors[0].field == "attributes.bad key");
  ctx = context();
  ctx.set("userId", "cust-42");
  CHECK(build_payload(c, parse(R"({"score":5})"), ctx).payload.str("user_id") == "cust-42");
}

TEST_CASE("payloads over the size limit are refused") {
  Json c = config(R"({"id":"a"})");
  Json ctx = context();
  Json attrs = Json::object();
  for (int i = 0; i < 30; ++i) attrs.set(std::string("k").append(std::to_string(i)), std::string(200, 'v'));
  ctx.set("attributes", attrs);
  std::string answer = R"({"score":5,"comment":")";
  answer.append(1900, 'c').append("\"}");
  PayloadResult r = build_payload(c, parse(answer), ctx);
  REQUIRE_FALSE(r.ok());
  CHECK(r.errors[0].message.find("8192") != std::string::npos);
}

TEST_CASE("call() is the one entry the bindings use") {
  CHECK(call("validate", "not json") == R"({"ok":false,"errors":[{"field":"","message":"the request is not a JSON object"}]})");
  CHECK(call("validate", R"({"config":{"id":"a"}})").rfind(R"({"ok":true,"config":{"id":"a")", 0) == 0);
  CHECK(call("validate", R"({"config":{}})").find(R"("field":"id")") != std::string::npos);
  CHECK(call("decide", R"({"config":{"id":"a"},"facts":{},"history":{},"user":"u","now":1})") ==
        R"({"ok":true,"show":true,"final":false,"reason":"ok","until":-1})");
  CHECK(call("classify", R"({"config":{"id":"a"},"score":7})").find(R"("category":"passive")") != std::string::npos);
  CHECK(call("classify", R"({"config":{"id":"a"},"score":12})").find(R"("ok":false)") != std::string::npos);
  CHECK(call("payload", R"({"config":{"id":"a"},"answer":{"score":10},"context":{"now":1,"nonce":"00112233"}})")
            .find(R"("id":"a:1:00112233")") != std::string::npos);
  CHECK(call("nope", R"({"config":{"id":"a"}})").find("unknown operation") != std::string::npos);
  CHECK(call("bucket", R"({"survey":"a","user":"u"})").find(R"("bucket":)") != std::string::npos);
}
