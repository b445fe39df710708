#!/usr/bin/env bash
# Native build: core library, the npskit CLI (build/native/bin/npskit) and the Catch2 tests.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
cmake -S . -B build/native -DCMAKE_BUILD_TYPE=Release "${NPSKIT_CCACHE[@]}" >/dev/null
cmake --build build/native -j"$NPSKIT_JOBS"
