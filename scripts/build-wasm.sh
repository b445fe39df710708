#!/usr/bin/env bash
# WebAssembly build of the same core: dist/core/analytics.{mjs,wasm} (and the
# widget's survey modules when their sources exist).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
emcmake cmake -S . -B build/wasm -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_CROSSCOMPILING_EMULATOR=/usr/bin/node >/dev/null
cmake --build build/wasm -j"$NPSKIT_JOBS"
