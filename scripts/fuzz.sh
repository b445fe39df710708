#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz with clang (ASan + UBSan) into
# build/fuzz/ and runs each one, one after the other, for a bounded time.
#
#   bash scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]
#
# SECONDS_PER_TARGET defaults to 20 (CI passes a small number; run for minutes
# by hand). TARGET names pick targets (csv json date score analyze session
# survey_config survey_json text themes xlsx csv_scan); default: all. Each run starts from the seed corpus in
# tests/fuzz/corpus/<target>/ (never written to) plus what earlier runs found
# in build/fuzz/corpus/<target>/. Exit status 1 when any target crashes, leaks,
# hangs (an input taking > 10 s) or exceeds 2 GB; the input is saved under
# build/fuzz/artifacts/. Prints the executions per target.
# Environment: CXX (default clang++), NPSKIT_FUZZ_JOBS (compile jobs, default 2).
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_PER_TARGET="${1:-20}"
shift || true
ALL_TARGETS=(csv csv_scan json date score analyze session survey_config survey_json text themes xlsx)
TARGETS=("$@")
[ ${#TARGETS[@]} -eq 0 ] && TARGETS=("${ALL_TARGETS[@]}")

CXX="${CXX:-clang++}"
JOBS="${NPSKIT_FUZZ_JOBS:-2}"
OUT=build/fuzz
OBJ="$OUT/obj"
mkdir -p "$OBJ" "$OUT/artifacts"

FLAGS=(-std=c++20 -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all -Isrc)

if ! command -v "$CXX" >/dev/null; then
  echo "fuzz.sh: $CXX not found (clang 14+ with libFuzzer is needed)" >&2
  exit 1
fi

# ---- build -------------------------------------------------------------------
# An object is rebuilt when its source, or any header of src/core, is newer.
newest_header=$(find src/core -name '*.hpp' -printf '%T@\n' | sort -n | tail -1)
compile() {  # compile SRC OBJ
  local src="$1" obj="$2"
  if [ -f "$obj" ]; then
    local t_obj t_src
    t_obj=$(stat -c %Y "$obj")
    t_src=$(stat -c %Y "$src")
    if [ "$t_obj" -ge "$t_src" ] && [ "$t_obj" -ge "${newest_header%.*}" ]; then return 0; fi
  fi
  echo "  compile $src"
  "$CXX" "${FLAGS[@]}" -fsanitize=fuzzer-no-link -c "$src" -o "$obj"
}

core_sources=$(ls src/core/{stats,values,ingest,store,analysis,report}/*.cpp 2>/dev/null)
# The comment analytics (src/core/text), when present, are part of the core: the
# report links them; their VADER lexicon source is generated as CMake does.
if ls src/core/text/*.cpp >/dev/null 2>&1; then
  core_sources="$core_sources $(ls src/core/text/*.cpp)"
  if [ -f src/core/text/gen_lexicon.cmake ]; then
    lexicon_txt=node_modules/vader-sentiment/vader_lexicon.txt
    [ -f "$lexicon_txt" ] || { echo "fuzz.sh: $lexicon_txt missing (npm install)" >&2; exit 1; }
    mkdir -p "$OUT/generated"
    if [ ! -f "$OUT/generated/vader_lexicon.cpp" ] || [ "$lexicon_txt" -nt "$OUT/generated/vader_lexicon.cpp" ]; then
      cmake -DNPSKIT_VADER_LEXICON="$lexicon_txt" -DNPSKIT_VADER_OUT="$OUT/generated/vader_lexicon.cpp" \
        -P src/core/text/gen_lexicon.cmake >/dev/null
    fi
    core_sources="$core_sources $OUT/generated/vader_lexicon.cpp"
  fi
fi
survey_sources=$(ls src/core/survey/*.cpp 2>/dev/null || true)

echo "== building fuzz targets into $OUT"
pids=()
build_failed=0
for src in $core_sources $survey_sources tests/fuzz/fuzz_*.cpp; do
  obj="$OBJ/$(echo "$src" | tr '/' '_' | sed 's/\.cpp$/.o/')"
  compile "$src" "$obj" &
  pids+=($!)
  if [ ${#pids[@]} -ge "$JOBS" ]; then
    wait "${pids[0]}" || build_failed=1
    pids=("${pids[@]:1}")
  fi
done
for p in "${pids[@]}"; do wait "$p" || build_failed=1; done
[ "$build_failed" = 0 ] || { echo "fuzz.sh: build failed" >&2; exit 1; }

core_objs=()
for src in $core_sources; do core_objs+=("$OBJ/$(echo "$src" | tr '/' '_' | sed 's/\.cpp$/.o/')"); done
survey_objs=()
for src in $survey_sources; do survey_objs+=("$OBJ/$(echo "$src" | tr '/' '_' | sed 's/\.cpp$/.o/')"); done

for t in "${TARGETS[@]}"; do
  objs=("${core_objs[@]}")
  if [ "$t" = survey_config ] || [ "$t" = survey_json ]; then
    if [ ${#survey_objs[@]} -eq 0 ]; then echo "fuzz.sh: no survey sources; skipping $t"; continue; fi
    objs=("${survey_objs[@]}")
  fi
  "$CXX" "${FLAGS[@]}" -fsanitize=fuzzer "$OBJ/tests_fuzz_fuzz_$t.o" "${objs[@]}" -o "$OUT/fuzz_$t"
done

# ---- run ---------------------------------------------------------------------
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
failed=()
summary=()
for t in "${TARGETS[@]}"; do
  [ -x "$OUT/fuzz_$t" ] || continue
  work="$OUT/corpus/$t"
  seeds="tests/fuzz/corpus/$t"
  mkdir -p "$work"
  dict=()
  [ -f "tests/fuzz/$t.dict" ] && dict=(-dict="tests/fuzz/$t.dict")
  log="$OUT/$t.log"
  echo "== fuzz_$t for ${SECONDS_PER_TARGET}s"
  set +e
  "$OUT/fuzz_$t" "$work" "$seeds" "${dict[@]}" \
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
