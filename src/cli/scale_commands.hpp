#pragma once
// The commands of the scale-out path (docs/scale.md): `npskit tally` (rows ->
// tallies), `npskit merge` (tallies + tallies) and `npskit sql` (a query that
// makes tallies in the user's engine).
namespace npskit::cli {

// Runs the command if argv[1] names one of them; returns the exit status, or -1
// when argv[1] is another command.
int run_scale_command(int argc, char** argv);

extern const char* const kScaleHelp;

}  // namespace npskit::cli
