// npskit: the native command-line face of the core. Streams a file through the
// same Analyzer the wasm build uses and prints the report (or inspection) as JSON.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <vector>

#include "cli/cli_args.hpp"
#include "cli/scale_commands.hpp"
#include "core/analysis/analyzer.hpp"
#include "core/analysis/options_json.hpp"

namespace {

constexpr int kUnusable = 2;
constexpr std::size_t kChunkBytes = 1 << 20;

int fail(const std::string& message) {
  std::cerr << "npskit: " << message << "\n";
  return kUnusable;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace npskit;
  if (const int status = cli::run_scale_command(argc, argv); status >= 0) return status;
  const auto cmd = cli::parse_args(argc, argv);
  if (!cmd.error.empty()) return fail(cmd.error);
  if (cmd.verb == "help") {
    std::cout << cli::kHelp << cli::kScaleHelp;
    return 0;
  }
  if (cmd.verb == "version") {
    std::cout << "npskit 0.1.0\n";
    return 0;
  }
  auto option_json = cmd.options;
  if (!cmd.themes_file.empty()) {
    std::ifstream themes(cmd.themes_file);
    if (!themes) return fail("cannot read themes file '" + cmd.themes_file + "'");
    auto parsed = nlohmann::json::parse(themes, nullptr, false);
    if (parsed.is_discarded()) return fail("themes file '" + cmd.themes_file + "' is not valid JSON");
    option_json["themes"] = parsed;
  }
  auto options = options_from_json(option_json);
  if (!options.error.empty()) return fail(options.error);

  Analyzer analyzer(std::move(options.ingest), std::move(options.report));
  std::vector<char> buffer(kChunkBytes);
  const bool inspecting = cmd.verb == "inspect";
  std::vector<std::string> files = {cmd.file};
  files.insert(files.end(), cmd.more_files.begin(), cmd.more_files.end());
  for (std::size_t f = 0; f < files.size(); ++f) {
    const auto& path = files[f];
    // Several files: only tallies add up (Analyzer::next_file refuses raw exports).
    if (f > 0 && !analyzer.next_file())
      return fail(files[0] + ": " + analyzer.error() + " ('" + path + "' given too)");
    std::FILE* in = path == "-" ? stdin : std::fopen(path.c_str(), "rb");
    if (!in) return fail("cannot read '" + path + "': " + std::strerror(errno));
    bool ok = true;
    while (ok) {
      const std::size_t got = std::fread(buffer.data(), 1, buffer.size(), in);
      if (got == 0) break;
      ok = analyzer.feed({buffer.data(), got});
      if (inspecting && analyzer.layout_known()) break;  // the sample is all inspect needs
    }
    const bool read_error = std::ferror(in);
    if (in != stdin) std::fclose(in);
    if (read_error) return fail("error while reading '" + path + "'");
    if (ok && !(inspecting && analyzer.layout_known())) ok = analyzer.finish();
    if (!ok) return fail(path + ": " + analyzer.error());
  }
  if (analyzer.is_tallies() && (!cmd.themes_file.empty() || option_json.value("comments", false)))
    std::cerr << "npskit: note: comment analytics are not available for tallies (the report says so)\n";

  const auto out = inspecting ? analyzer.inspection(cmd.records) : analyzer.report();
  std::cout << out.dump(cmd.compact ? -1 : 2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
  return 0;
}
