#include "cli/cli_args.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>

#include "core/analysis/options_json.hpp"
#include <string_view>

namespace npskit::cli {

const char* const kHelp = R"(npskit - NPS analytics for survey exports (CSV, TSV, JSON, NDJSON, Excel .xlsx)

Usage:
  npskit analyze FILE [options]    print the NPS report as JSON
  npskit inspect FILE [options]    show how the file is read: encoding, delimiter,
                                   header rows, column roles, first records
  npskit tally | merge | sql ...   tallies for data past one machine (below)
  npskit --help | --version
FILE may be - for standard input. Files are streamed: memory stays flat.
An .xlsx workbook is read from the sheet that holds a score column; the report
names it and the other sheets (source.sheet, source.sheets).
A tallies file (docs/scale.md) is recognized by its header; several add up.

Columns (detected by header and content; override by name):
  --score COL        the 0-10 answer column
  --date COL         the response date/time column
  --comment COL      the free-text reason column
  --id COL  --email COL  --name COL
  --segment COL      a column to break NPS down by (repeatable; replaces detection)
  --sheet NAME       .xlsx: read this sheet (default: the first with a score column)

Analysis:
  --period P         trend by day, week (ISO, 2024-W05), month (default) or quarter
  --confidence C     interval confidence, e.g. 0.90, 0.95 (default), 0.99
  --utc-offset OFF   bucket timestamps that carry an offset in this zone (e.g. +05:30);
                     by default they count by their UTC instant; naive ones as written
  --cross COL_A --cross COL_B   NPS for each pair of values of two segment columns
  --from YYYY-MM-DD  --to YYYY-MM-DD   keep responses dated within (inclusive)
  --where COL=VALUE  --where-not COL=VALUE   keep rows whose value in COL equals / differs
                     (COL: a segment column, or the id, e-mail or name column; repeatable)
  --max-rejections N list at most N rejected rows (default 100; all are counted)
  --comments         add comment analytics: themes, keyphrases, sentiment (docs/comments.md)
  --themes FILE      your own themes (JSON: {"themes":[{"name":..,"terms":[..]}]}); implies --comments

Output:
  --records N        inspect: how many records to show (default 10, at most 1000)
  --compact          one-line JSON

Exit status: 0 on success; 2 when the input or the options are unusable, with one
line on standard error that names the problem. Report fields: docs/report.md.
)";

namespace {
bool is(std::string_view a, std::string_view b) { return a == b; }
}  // namespace

// Numbers on the command line are parsed here, once, and range-checked before
// anything converts them: no NaN, infinity or out-of-range value reaches a cast.
std::optional<std::uint64_t> parse_whole(std::string_view text, std::uint64_t max) {
  std::uint64_t n = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || n > max) return std::nullopt;
  return n;
}

std::optional<double> parse_fraction(const char* text) {
  char* end = nullptr;
  const double d = std::strtod(text, &end);
  if (end == text || *end != '\0' || !std::isfinite(d) || d <= 0 || d >= 1) return std::nullopt;
  return d;
}

Command parse_args(int argc, char** argv) {
  Command cmd;
  if (argc < 2) {
    cmd.error = "missing command (try: npskit --help)";
    return cmd;
  }
  std::string_view verb = argv[1];
  if (is(verb, "--help") || is(verb, "-h") || is(verb, "help")) {
    cmd.verb = "help";
    return cmd;
  }
  if (is(verb, "--version")) {
    cmd.verb = "version";
    return cmd;
  }
  if (!is(verb, "analyze") && !is(verb, "inspect")) {
    cmd.error = "unknown command '" + std::string(verb) + "' (try: npskit --help)";
    return cmd;
  }
  cmd.verb = verb;
  auto& o = cmd.options;
  for (int i = 2; i < argc; ++i) {
    std::string_view a = argv[i];
    auto value = [&](std::string_view flag) -> const char* {
      if (i + 1 >= argc) {
        cmd.error = "option " + std::string(flag) + " needs a value";
        return nullptr;
      }
      return argv[++i];
    };
    auto role = [&](const char* key) {
      if (const char* v = value(a)) o[key] = v;
    };
    if (is(a, "--help") || is(a, "-h")) {
      cmd.verb = "help";
      return cmd;
    } else if (is(a, "--score")) role("score");
    else if (is(a, "--date")) role("date");
    else if (is(a, "--comment")) role("comment");
    else if (is(a, "--id")) role("id");
    else if (is(a, "--email")) role("email");
    else if (is(a, "--name")) role("name");
    else if (is(a, "--sheet")) role("sheet");
    else if (is(a, "--segment")) {
      if (const char* v = value(a)) o["segments"].push_back(v);
    } else if (is(a, "--period")) role("period");
    else if (is(a, "--utc-offset")) role("utcOffset");
    else if (is(a, "--cross")) {
      if (const char* v = value(a)) o["cross"].push_back(v);
    } else if (is(a, "--confidence")) {
      const char* v = value(a);
      if (!v) return cmd;
      const auto c = parse_fraction(v);
      if (!c) {
        cmd.error = "option --confidence needs a number between 0 and 1 (like 0.95), not '" + std::string(v) + "'";
        return cmd;
      }
      o["confidence"] = *c;
    } else if (is(a, "--max-rejections") || is(a, "--records")) {
      const char* v = value(a);
      if (!v) return cmd;
      const std::uint64_t max = is(a, "--records") ? kMaxInspectRecords : kMaxListedRejections;
      const auto n = parse_whole(v, max);
      if (!n) {
        cmd.error = "option " + std::string(a) + " needs a whole number from 0 to " + std::to_string(max) + ", not '" + v + "'";
        return cmd;
      }
      if (is(a, "--records")) cmd.records = static_cast<std::size_t>(*n);
      else o["maxRejections"] = *n;
    } else if (is(a, "--from") || is(a, "--to")) {
      if (const char* v = value(a)) o["filters"][std::string(a.substr(2))] = v;
    } else if (is(a, "--where") || is(a, "--where-not")) {
      const char* v = value(a);
      if (!v) return cmd;
      std::string_view cond = v;
      const auto eq = cond.find('=');
      if (eq == std::string_view::npos || eq == 0) {
        cmd.error = "option " + std::string(a) + " needs COLUMN=VALUE, not '" + std::string(cond) + "'";
        return cmd;
      }
      o["filters"]["where"].push_back({{"column", std::string(cond.substr(0, eq))},
                                       {"op", is(a, "--where") ? "eq" : "ne"},
                                       {"value", std::string(cond.substr(eq + 1))}});
    } else if (is(a, "--comments")) o["comments"] = true;
    else if (is(a, "--themes")) {
      const char* v = value(a);
      if (!v) return cmd;
      cmd.themes_file = v;
    } else if (is(a, "--compact")) cmd.compact = true;
    else if (a.size() > 1 && a[0] == '-' ) {
      cmd.error = "unknown option '" + std::string(a) + "' (try: npskit --help)";
      return cmd;
    } else if (cmd.file.empty()) cmd.file = a;
    else cmd.more_files.emplace_back(a);
    if (!cmd.error.empty()) return cmd;
  }
  if (cmd.file.empty()) cmd.error = "missing FILE (try: npskit --help)";
  if (o.contains("cross") && o["cross"].size() != 2) cmd.error = "--cross must be given exactly twice (two columns)";
  return cmd;
}

}  // namespace npskit::cli
