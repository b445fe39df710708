#pragma once
// The survey rules behind one message-style call: JSON request in, JSON reply
// out. The wasm/JS bindings are a thin wrapper around this, so the widget makes
// one coarse call per decision and the native tests exercise the same entry.
#include <string>
#include <string_view>

namespace npskit::survey {

// op: "validate" {config}
//     "decide"   {config, facts, history, user, now, manual}
//     "classify" {config, score}
//     "payload"  {config, answer, context}
//     "bucket"   {survey, user}
// Every reply is an object; invalid input gives {"ok":false,"errors":[...]}.
std::string call(std::string_view op, std::string_view request_json);

}  // namespace npskit::survey
