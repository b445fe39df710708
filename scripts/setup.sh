#!/usr/bin/env bash
# Installs everything npskit needs on a fresh Debian bookworm machine (run as root
# or with sudo): the C++ toolchain, Emscripten, the libraries, Chromium for the
# browser tests, and the npm packages. Safe to run again: it skips what is there.
set -euo pipefail
cd "$(dirname "$0")/.."

# fonts-lohit-deva: Devanagari glyphs for the Hindi widget screenshots (Debian Chromium ships none).
# postgresql clickhouse-server clickhouse-client: the engines the SQL tests start (tests/sql);
# python3-dask python3-distributed: the Dask recipe (examples/dask), run with /usr/bin/python3.
APT_PACKAGES=(build-essential cmake zlib1g-dev emscripten nlohmann-json3-dev catch2 chromium clang libclang-rt-14-dev fonts-lohit-deva
  postgresql clickhouse-server clickhouse-client python3-dask python3-distributed)
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  echo "setup: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi
