// The widget's survey core: one C entry point around npskit::survey::call().
// Plain extern "C" (no Embind) keeps the module a few KB; requests and replies
// are JSON strings, one coarse call per decision.
#include <emscripten/emscripten.h>

#include <string>

#include "core/survey/api.hpp"

namespace {
std::string reply;  // lives until the next call; JS copies it out at once
}

extern "C" EMSCRIPTEN_KEEPALIVE const char* npskit_call(const char* op, const char* request) {
  reply = npskit::survey::call(op, request);
  return reply.c_str();
}
