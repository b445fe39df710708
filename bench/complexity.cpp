// Times one parser or builder on one input file, for bench/complexity.mjs (which
// doubles the input size and reports the time ratios: ~2 is linear, ~4 quadratic).
//   complexity KIND FILE   -> prints the seconds (best of 3)
// KIND: theme_json (ThemeDictionary::merge_json) | survey_json (the widget's
// Json::parse) | survey_call (survey::call("validate", ...), the widget's API).
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "core/survey/api.hpp"
#include "core/survey/json.hpp"
#include "core/text/themes.hpp"

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: complexity KIND FILE\n");
    return 2;
  }
  const std::string kind = argv[1];
  std::ifstream in(argv[2], std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string text = ss.str();
  double best = 1e300;
  std::string outcome;
  for (int run = 0; run < 3; ++run) {
    const auto t0 = std::chrono::steady_clock::now();
    if (kind == "theme_json") {
      auto d = npskit::text::ThemeDictionary::builtin();
      outcome = d.merge_json(text);
    } else if (kind == "survey_json") {
      npskit::survey::Json j;
      std::string why;
      outcome = npskit::survey::Json::parse(text, j, &why) ? "" : why;
    } else if (kind == "survey_call") {
      outcome = npskit::survey::call("validate", text).substr(0, 80);
    } else {
      std::fprintf(stderr, "unknown kind %s\n", kind.c_str());
      return 2;
    }
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (s < best) best = s;
  }
  std::printf("{\"seconds\": %.6f, \"outcome\": \"%s\"}\n", best, outcome.empty() ? "ok" : "refused");
  return 0;
}
