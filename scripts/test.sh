#!/usr/bin/env bash
# Runs every test: the native Catch2 suite (ctest), then the Node tests of the
# wasm module and the browser tests (node --test), after building what they need.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
echo "== native tests (ctest)"
ctest --test-dir build/native --output-on-failure -j2
echo "== native tests under AddressSanitizer + UndefinedBehaviorSanitizer"
bash scripts/test-sanitizers.sh
echo "== fuzzers, bounded (longer runs: bash scripts/fuzz.sh 300)"
bash scripts/fuzz.sh 10
echo "== JavaScript and browser tests (node --test)"
mapfile -t js_tests < <(find tests -name '*.test.mjs' -not -path '*/node_modules/*' | sort)
node --test --test-concurrency=1 "${js_tests[@]}"
