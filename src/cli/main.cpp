// npskit: the native command-line face of the core. Streams a file through the
// same Analyzer the wasm build uses and prints the report (or inspection) as JSON.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <vector>

#include "cli/cli_args.hpp"
#include "core/analysis/analyzer.hpp"
#include "core/analysis/options_json.hpp"

namespace {

constexpr int kUnusable = 2;
constexpr std::size_t kChunkBytes = 1 << 20;

int fail(const std::string& message) {
  std::cerr << "npskit: " << message << "\n";
  return kUnusable;
}

std::string column_list(const npskit::Layout& layout) {
  std::string out;
  for (const auto& c : layout.columns) out += (out.empty() ? "'" : ", '") + c.name + "'";
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace npskit;
  const auto cmd = cli::parse_args(argc, argv);
  if (!cmd.error.empty()) return fail(cmd.error);
  if (cmd.verb == "help") {
    std::cout << cli::kHelp;
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

  std::FILE* in = cmd.file == "-" ? stdin : std::fopen(cmd.file.c_str(), "rb");
  if (!in) return fail("cannot read '" + cmd.file + "': " + std::strerror(errno));
  Analyzer analyzer(std::move(options.ingest), std::move(options.report));
  std::vector<char> buffer(kChunkBytes);
  bool ok = true;
  const bool inspecting = cmd.verb == "inspect";
  while (ok) {
    const std::size_t got = std::fread(buffer.data(), 1, buffer.size(), in);
    if (got == 0) break;
    ok = analyzer.feed({buffer.data(), got});
    if (inspecting && analyzer.layout_known()) break;  // the sample is all inspect needs
  }
  const bool read_error = std::ferror(in);
  if (in != stdin) std::fclose(in);
  if (read_error) return fail("error while reading '" + cmd.file + "'");
  if (ok && !(inspecting && analyzer.layout_known())) ok = analyzer.finish();
  if (!ok && analyzer.no_score_column()) {
    // The core's message is plain words; the CLI adds how to name the column here.
    std::cerr << "npskit: " << cmd.file << ": " << analyzer.error() << "\n"
              << "npskit: hint: name the score column with --score NAME (columns: " << column_list(analyzer.layout())
              << ")\n";
    if (!inspecting) return kUnusable;
    ok = true;  // inspect still shows every column and the first records
  }
  if (!ok) return fail(cmd.file + ": " + analyzer.error());

  const auto out = inspecting ? analyzer.inspection(cmd.records) : analyzer.report();
  std::cout << out.dump(cmd.compact ? -1 : 2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
  return 0;
}
