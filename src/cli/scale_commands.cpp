#include "cli/scale_commands.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "cli/cli_args.hpp"
#include "core/ingest/pipeline.hpp"
#include "core/analysis/options_json.hpp"
#include "core/report/comments_json.hpp"
#include "core/report/tallies_report.hpp"
#include "core/analysis/tally_builder.hpp"
#include "core/ingest/tallies_reader.hpp"
#include "core/report/tallies_writer.hpp"
#include "core/sql/tallies_sql.hpp"

namespace npskit::cli {

const char* const kScaleHelp = R"(
Scale (docs/scale.md): tallies are 11 score counts per group; they add up.
  npskit tally FILE --by month,Country[,Plan] [--format csv|json] [column options]
                                   write the tallies of an export (period first,
                                   or none: --by Country); analyze reads them
        --comments [--themes FILE] also count comments: writes a JSON partial
                                   (tallies + theme, sentiment, keyphrase counts)
  npskit merge A B ... [--format csv|json] [--themes FILE]
                                   add tallies files or partials (the reduce step
                                   of a cluster run)
  npskit sql --dialect D --table T --score COL --date COL --by COL,... [--period P]
             [--latest-per ID]     print one query whose result is tallies
                                   D: duckdb postgres clickhouse bigquery snowflake spark redshift
                                   P: day week month (default) quarter, or none (no --date)
  npskit analyze A.csv B.csv ...   several tallies files are added, then analyzed
)";

namespace {
constexpr int kUnusable = 2;

int fail(const std::string& message) {
  std::cerr << "npskit: " << message << "\n";
  return kUnusable;
}

std::vector<std::string> split_commas(std::string_view s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    const auto comma = s.find(',', start);
    out.emplace_back(s.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
    if (comma == std::string_view::npos) return out;
    start = comma + 1;
  }
}

bool write_table(const TallyTable& table, const std::string& format) {
  std::cout << (format == "json" ? tallies_json(table) : tallies_csv(table));
  return static_cast<bool>(std::cout);
}

// Streams a file into a sink (reader: a pipeline or a tallies reader).
template <class Reader>
std::string stream_file(const std::string& path, Reader& reader) {
  std::FILE* in = path == "-" ? stdin : std::fopen(path.c_str(), "rb");
  if (!in) return "cannot read '" + path + "': " + std::strerror(errno);
  std::vector<char> buffer(1 << 20);
  bool ok = true;
  while (ok) {
    const std::size_t got = std::fread(buffer.data(), 1, buffer.size(), in);
    if (got == 0) break;
    ok = reader.feed({buffer.data(), got});
  }
  const bool read_error = std::ferror(in);
  if (in != stdin) std::fclose(in);
  if (read_error) return "error while reading '" + path + "'";
  return {};
}

int run_tally(int argc, char** argv) {
  // --by and --format are tally's own; every other flag means what it means for analyze.
  std::vector<std::string> rest = {argv[0], "analyze"};
  std::string by, format = "csv";
  bool format_given = false;
  for (int i = 2; i < argc; ++i) {
    const std::string_view a = argv[i];
    if ((a == "--by" || a == "--format") && i + 1 >= argc) return fail("option " + std::string(a) + " needs a value");
    if (a == "--by") by = argv[++i];
    else if (a == "--format") format = argv[++i], format_given = true;
    else rest.emplace_back(a);
  }
  if (format != "csv" && format != "json") return fail("--format must be csv or json, not '" + format + "'");
  if (by.empty()) return fail("tally needs --by: a period and/or columns, e.g. --by month,Country");
  std::vector<char*> args;
  for (auto& s : rest) args.push_back(s.data());
  auto cmd = parse_args(static_cast<int>(args.size()), args.data());
  if (cmd.verb == "help") {
    std::cout << kHelp << kScaleHelp;
    return 0;
  }
  if (!cmd.error.empty()) return fail(cmd.error);
  if (!cmd.more_files.empty()) return fail("tally reads one FILE (merge the tallies of several with npskit merge)");
  auto& o = cmd.options;
  for (const char* refused : {"filters", "cross", "segments", "period"})
    if (o.contains(refused))
      return fail(std::string("tally does not take --") + (std::string_view(refused) == "filters" ? "where/--from/--to" : refused) +
                  ": columns and period come from --by; filter, cross and compare when you analyze the tallies");
  std::optional<Period> unit;
  o["segments"] = nlohmann::json::array();
  auto parts = split_commas(by);
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const auto& p = parts[i];
    if (p.empty()) return fail("--by has an empty name in '" + by + "'");
    if (i == 0 && (p == "none" || parse_period(p))) {
      if (p != "none") unit = parse_period(p);
      continue;
    }
    o["segments"].push_back(p);
  }
  auto options = options_from_json(o);
  if (!options.error.empty()) return fail(options.error);
  TallyBuilder builder(unit);
  const bool comments = o.value("comments", false) || !cmd.themes_file.empty();
  if (comments) {
    // Comment counts make the output a partial: JSON only.
    if (format_given && format != "json") return fail("tally --comments writes a JSON partial: drop --format csv");
    auto themes = text::ThemeDictionary::builtin();
    if (!cmd.themes_file.empty()) {
      std::ifstream in(cmd.themes_file);
      if (!in) return fail("cannot read themes file '" + cmd.themes_file + "'");
      std::stringstream text;
      text << in.rdbuf();
      if (auto problem = themes.merge_json(text.str()); !problem.empty()) return fail("themes: " + problem);
    }
    builder.count_comments(std::move(themes));
  }
  IngestPipeline pipeline(std::move(options.ingest), builder);
  if (auto problem = stream_file(cmd.file, pipeline); !problem.empty()) return fail(problem);
  if (!pipeline.failed()) pipeline.finish();
  if (pipeline.failed()) return fail(cmd.file + ": " + pipeline.error());
  if (!builder.error().empty()) return fail(cmd.file + ": " + builder.error());
  if (unit && pipeline.layout().date < 0)
    return fail(cmd.file + ": no date column found for --by " + std::string(period_name(*unit)) +
                " (name it with --date COL, or tally without a period: --by none,...)");
  if (comments) {
    std::cout << partial_json(builder.table(), builder.comments() ? comment_partial_json(*builder.comments(), builder.comment_context())
                                                                     : nlohmann::ordered_json(nullptr));
    return std::cout ? 0 : fail("cannot write the partial");
  }
  return write_table(builder.table(), format) ? 0 : fail("cannot write the tallies");
}

int run_merge(int argc, char** argv) {
  std::string format = "csv", themes_file;
  std::vector<std::string> files;
  for (int i = 2; i < argc; ++i) {
    const std::string_view a = argv[i];
    if (a == "--format" || a == "--themes") {
      if (i + 1 >= argc) return fail("option " + std::string(a) + " needs a value");
      (a == "--format" ? format : themes_file) = argv[++i];
    } else if (a == "--help" || a == "-h") {
      std::cout << kScaleHelp;
      return 0;
    } else if (a.size() > 1 && a[0] == '-') {
      return fail("unknown option '" + std::string(a) + "' for merge");
    } else {
      files.emplace_back(a);
    }
  }
  if (format != "csv" && format != "json") return fail("--format must be csv or json, not '" + format + "'");
  if (files.empty()) return fail("merge needs tallies files: npskit merge A.csv B.csv ...");
  TalliesReader reader;
  for (const auto& f : files) {
    reader.begin_file(f);
    if (auto problem = stream_file(f, reader); !problem.empty()) return fail(problem);
    if (reader.error().empty()) reader.end_file();
    if (!reader.error().empty()) return fail(reader.error());
  }
  if (!reader.comment_partials().empty()) {
    // Partials with comment counts: they add up only if every part has them.
    if (reader.files_without_comments() > 0)
      return fail(std::to_string(reader.files_without_comments()) + " of " + std::to_string(files.size()) +
                  " files carry no comment counts: make every part with npskit tally --comments");
    ReportOptions options;
    if (!themes_file.empty()) {
      std::ifstream in(themes_file);
      if (!in) return fail("cannot read themes file '" + themes_file + "'");
      auto doc = nlohmann::json::parse(in, nullptr, false);
      if (doc.is_discarded()) return fail("themes: themes JSON: not valid JSON");
      options.themes = std::move(doc);
    }
    auto merged = add_comment_partials(reader.comment_partials(), reader.table(), options);
    if (!merged.problem.empty()) return fail(merged.problem);
    std::cout << partial_json(reader.table(), comment_partial_json(*merged.analytics, merged.context));
    return std::cout ? 0 : fail("cannot write the partial");
  }
  return write_table(reader.table(), format) ? 0 : fail("cannot write the tallies");
}

int run_sql(int argc, char** argv) {
  sql::TalliesQuery q;
  bool dialect_given = false, period_given = false;
  for (int i = 2; i < argc; ++i) {
    const std::string_view a = argv[i];
    if (a == "--help" || a == "-h") {
      std::cout << kScaleHelp;
      return 0;
    }
    if (i + 1 >= argc) return fail(a.size() > 1 && a[0] == '-' ? "option " + std::string(a) + " needs a value" : "unexpected '" + std::string(a) + "'");
    const std::string v = argv[++i];
    if (a == "--dialect") {
      auto d = sql::parse_dialect(v);
      if (!d) return fail("--dialect must be duckdb, postgres, clickhouse, bigquery, snowflake, spark or redshift, not '" + v + "'");
      q.dialect = *d;
      dialect_given = true;
    } else if (a == "--table") q.table = v;
    else if (a == "--score") q.score = v;
    else if (a == "--date") q.date = v;
    else if (a == "--by") q.by = split_commas(v);
    else if (a == "--latest-per") q.latest_per = v;
    else if (a == "--period") {
      period_given = true;
      if (v == "none") q.period.reset();
      else if (auto p = parse_period(v); p && v == period_name(*p)) q.period = p;
      else return fail("--period must be day, week, month, quarter or none, not '" + v + "'");
    } else return fail("unknown option '" + std::string(a) + "' for sql (try: npskit --help)");
  }
  if (!dialect_given) return fail("sql needs --dialect (duckdb, postgres, clickhouse, bigquery, snowflake, spark, redshift)");
  if (q.date.empty() && !period_given) q.period.reset();  // no date, no period (unless one was asked for)
  auto out = sql::tallies_sql(q);
  if (!out.error.empty()) return fail(out.error);
  std::cout << out.sql;
  return 0;
}
}  // namespace

int run_scale_command(int argc, char** argv) {
  if (argc < 2) return -1;
  const std::string_view verb = argv[1];
  if (verb == "tally") return run_tally(argc, argv);
  if (verb == "merge") return run_merge(argc, argv);
  if (verb == "sql") return run_sql(argc, argv);
  return -1;
}

}  // namespace npskit::cli
