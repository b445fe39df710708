// npskit: the native command-line face of the core. Streams a file through the
// same Analyzer the wasm build uses and prints the report (or inspection) as JSON.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <vector>

#include "cli/cli_args.hpp"
#include "cli/zip_host.hpp"
#include "cli/scale_commands.hpp"
#include "core/report/analyzer.hpp"
#include "core/analysis/options_json.hpp"

namespace {

constexpr int kUnusable = 2;
constexpr std::size_t kChunkBytes = 1 << 20;

int fail(const std::string& message) {
  std::cerr << "npskit: " << message << "\n";
  return kUnusable;
}

// An .xlsx workbook: the core asks for byte ranges; a file is read where asked, a
// pipe is read whole first (it cannot seek; the compressed bytes only).
std::string read_workbook(npskit::Analyzer& analyzer, std::FILE* in, std::string_view first_chunk, bool inspecting) {
  using namespace npskit;
  std::string piped;
  host::ReadAt read_at;
  std::uint64_t size = 0;
  if (fseeko(in, 0, SEEK_END) == 0) {
    size = static_cast<std::uint64_t>(ftello(in));
    read_at = host::read_from_file(in);
  } else {
    piped.assign(first_chunk);
    std::vector<char> buffer(kChunkBytes);
    while (const std::size_t got = std::fread(buffer.data(), 1, buffer.size(), in)) piped.append(buffer.data(), got);
    size = piped.size();
    read_at = host::read_from_memory(piped);
  }
  if (!analyzer.begin_workbook(size)) return analyzer.error();
  host::WorkbookTarget target{[&] { return analyzer.zip_request(); },
                              [&](std::string_view bytes) { return analyzer.feed(bytes); },
                              [&] { analyzer.end_zip_request(); },
                              [&] { return inspecting && analyzer.layout_known(); }};
  if (auto problem = host::serve_workbook(read_at, target); !problem.empty()) return problem;
  if (!analyzer.error().empty()) return analyzer.error();
  if (!(inspecting && analyzer.layout_known()) && !analyzer.finish()) return analyzer.error();
  return {};
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
    bool first = true;
    bool workbook = false;
    while (ok) {
      const std::size_t got = std::fread(buffer.data(), 1, buffer.size(), in);
      if (got == 0) break;
      if (first && looks_like_zip({buffer.data(), got})) {
        workbook = true;
        const auto problem = read_workbook(analyzer, in, {buffer.data(), got}, inspecting);
        if (!problem.empty() && !analyzer.no_score_column()) {
          if (in != stdin) std::fclose(in);
          return fail(path + ": " + problem);
        }
        ok = problem.empty();
        break;
      }
      first = false;
      ok = analyzer.feed({buffer.data(), got});
      if (inspecting && analyzer.layout_known()) break;  // the sample is all inspect needs
    }
    const bool read_error = std::ferror(in);
    if (in != stdin) std::fclose(in);
    if (read_error) return fail("error while reading '" + path + "'");
    if (ok && !workbook && !(inspecting && analyzer.layout_known())) ok = analyzer.finish();
    if (!ok && analyzer.no_score_column()) {
      // The core's message is plain words; the CLI adds how to name the column here.
      std::cerr << "npskit: " << path << ": " << analyzer.error() << "\n"
                << "npskit: hint: name the score column with --score NAME (columns: " << column_list(analyzer.layout())
                << ")\n";
      if (!inspecting) return kUnusable;
      ok = true;  // inspect still shows every column and the first records
    }
    if (!ok) return fail(path + ": " + analyzer.error());
  }
  if (analyzer.is_tallies() && (!cmd.themes_file.empty() || option_json.value("comments", false)))
    std::cerr << "npskit: note: comment analytics are not available for tallies (the report says so)\n";

  const auto out = inspecting ? analyzer.inspection(cmd.records) : analyzer.report();
  std::cout << out.dump(cmd.compact ? -1 : 2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
  return 0;
}
