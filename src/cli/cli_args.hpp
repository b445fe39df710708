#pragma once
// Command-line flags of `npskit`, turned into the options JSON every face shares.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace npskit::cli {

struct Command {
  std::string verb;    // "analyze", "inspect", "help", "version"
  std::string file;    // path, or "-" for standard input
  std::vector<std::string> more_files;  // analyze A B ...: only tallies files add up (main checks)
  nlohmann::json options = nlohmann::json::object();
  std::size_t records = 10;  // inspect --records N
  bool compact = false;      // one-line JSON
  std::string themes_file;   // --themes FILE, read by main
  std::string error;         // usage problem, one line
};

Command parse_args(int argc, char** argv);
extern const char* const kHelp;

}  // namespace npskit::cli
