#!/usr/bin/env bash
# Builds everything: native CLI + tests, the wasm modules, and the web bundles.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build-native.sh
bash scripts/build-wasm.sh
for extra in widget/build.mjs web/build.mjs; do
  [ -f "$extra" ] && node "$extra"
done
true
