#!/usr/bin/env bash
# Runs the benchmarks (not part of the tests): the core's full report, then the
# dashboard and widget benchmarks when present.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build-native.sh >/dev/null
bash scripts/build-wasm.sh >/dev/null
node bench/core-report.mjs "$@"
for extra in bench/dashboard-bench.mjs bench/widget-size.mjs; do
  [ -f "$extra" ] && node "$extra"
done
true
