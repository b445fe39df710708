#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz with clang (ASan + UBSan) into
# build/fuzz/ and runs each one, one after the other, for a bounded time.
#
#   bash scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]
#
# SECONDS_PER_TARGET defaults to 20 (CI passes a small number; run for minutes
# by hand). TARGET names pick targets (one per tests/fuzz/fuzz_<name>.cpp: csv
# csv_scan json date score analyze session shards survey_config survey_json tallies text
# themes xlsx); default: all. Each run starts from the seed corpus in
# tests/fuzz/corpus/<target>/ (never written to) plus what earlier runs found
# in build/fuzz/corpus/<target>/. Exit status 1 when any target crashes, leaks,
# hangs (an input taking > 10 s) or exceeds 2 GB; the input is saved under
# build/fuzz/artifacts/. Prints the executions per target.
# The targets are CMake targets (NPSKIT_FUZZ=ON, tests/fuzz/CMakeLists.txt);
# this script configures build/fuzz with them and builds only those asked for.
# Environment: CXX (default clang++), NPSKIT_FUZZ_JOBS (compile jobs, default 2).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

SECONDS_PER_TARGET="${1:-20}"
shift || true
ALL_TARGETS=()
for src in tests/fuzz/fuzz_*.cpp; do
  name=$(basename "$src" .cpp)
  ALL_TARGETS+=("${name#fuzz_}")
done
TARGETS=("$@")
[ ${#TARGETS[@]} -eq 0 ] && TARGETS=("${ALL_TARGETS[@]}")
for t in "${TARGETS[@]}"; do
  [ -f "tests/fuzz/fuzz_$t.cpp" ] || { echo "fuzz.sh: no target '$t' (tests/fuzz/fuzz_$t.cpp); targets: ${ALL_TARGETS[*]}" >&2; exit 2; }
done

CXX="${CXX:-clang++}"
JOBS="${NPSKIT_FUZZ_JOBS:-2}"
OUT=build/fuzz
mkdir -p "$OUT/artifacts"

if ! command -v "$CXX" >/dev/null; then
  echo "fuzz.sh: $CXX not found (clang 14+ with libFuzzer is needed)" >&2
  exit 1
fi

# ---- build -------------------------------------------------------------------
# -O1 -g1: fast enough to fuzz, and stack traces that name the line (line tables only).
echo "== building fuzz targets into $OUT"
cmake -S . -B "$OUT" -DNPSKIT_FUZZ=ON -DCMAKE_CXX_COMPILER="$CXX" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1" "${NPSKIT_CCACHE[@]}" >/dev/null
build_targets=()
for t in "${TARGETS[@]}"; do build_targets+=(--target "fuzz_$t"); done
if ! cmake --build "$OUT" -j"$JOBS" "${build_targets[@]}" >"$OUT/build.log" 2>&1; then
  grep -E 'error|Error' "$OUT/build.log" | head -20 >&2
  echo "fuzz.sh: build failed (log: $OUT/build.log)" >&2
  exit 1
fi

# ---- run ---------------------------------------------------------------------
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
failed=()
summary=()
for t in "${TARGETS[@]}"; do
  [ -x "$OUT/bin/fuzz_$t" ] || continue
  work="$OUT/corpus/$t"
  seeds="tests/fuzz/corpus/$t"
  mkdir -p "$work"
  dict=()
  [ -f "tests/fuzz/$t.dict" ] && dict=(-dict="tests/fuzz/$t.dict")
  log="$OUT/$t.log"
  echo "== fuzz_$t for ${SECONDS_PER_TARGET}s"
  set +e
  "$OUT/bin/fuzz_$t" "$work" "$seeds" "${dict[@]}" \
    -max_total_time="$SECONDS_PER_TARGET" -timeout=10 -rss_limit_mb=2048 -max_len=16384 \
    -print_final_stats=1 -artifact_prefix="$OUT/artifacts/$t-" >"$log" 2>&1
  rc=$?
  set -e
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*' || echo "?")
  if [ "$rc" -ne 0 ]; then
    failed+=("$t")
    summary+=("fuzz_$t: FAILED (exit $rc) after ${execs} executions; log $log")
    grep -E 'ERROR|SUMMARY|runtime error|Test unit written' "$log" | head -20 >&2 || true
  else
    summary+=("fuzz_$t: ok, ${execs} executions in ${SECONDS_PER_TARGET}s, coverage ${cov}")
  fi
done

echo "== fuzz summary"
printf '%s\n' "${summary[@]}"
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz.sh: crashes in: ${failed[*]} (inputs in $OUT/artifacts/)" >&2
  exit 1
fi
