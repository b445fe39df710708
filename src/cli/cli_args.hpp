#pragma once
// Command-line flags of `npskit`, turned into the options JSON every face shares.
#include <nlohmann/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
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
// The number parsers of parse_args: nullopt unless the whole text is a number in range.
std::optional<std::uint64_t> parse_whole(std::string_view text, std::uint64_t max);  // digits only, 0..max
std::optional<double> parse_fraction(const char* text);                              // finite, strictly in (0, 1)
inline constexpr std::uint64_t kMaxInspectRecords = 1000;
extern const char* const kHelp;

}  // namespace npskit::cli
