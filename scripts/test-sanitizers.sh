#!/usr/bin/env bash
# Builds the whole native Catch2 suite (core, and survey when present) with
# AddressSanitizer + UndefinedBehaviorSanitizer (option NPSKIT_SANITIZE) in
# build/sanitize, and runs it with ctest. Any sanitizer report fails the run
# (-fno-sanitize-recover=all; leaks are errors too).
#
#   bash scripts/test-sanitizers.sh
# Environment: NPSKIT_SANITIZE_JOBS (build jobs, default 2), CXX (default: the
# system compiler, as for build/native; the tests compare ordered_json with json,
# which clang's C++20 rewritten operators reject as ambiguous).
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/env.sh
BUILD=build/sanitize
JOBS="${NPSKIT_SANITIZE_JOBS:-2}"

generator=()
command -v ninja >/dev/null && [ ! -f "$BUILD/Makefile" ] && generator=(-G Ninja)
# -O1 -g1: what the ASan docs advise (fast enough, and line tables for stack traces
# that name the line); -O2 -g took ~1.8x the compile time, and CI waits for it.
cmake -S . -B "$BUILD" "${generator[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG" -DNPSKIT_SANITIZE=ON "${NPSKIT_CCACHE[@]}" >/dev/null
# Only the test binaries: the CLI and the benches are not run under the sanitizers.
cmake --build "$BUILD" --parallel "$JOBS" --target npskit_tests --target npskit_survey_tests

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1:check_initialization_order=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
echo "== native tests under ASan + UBSan ($BUILD)"
ctest --test-dir "$BUILD" --output-on-failure -j2
