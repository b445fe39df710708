#!/usr/bin/env bash
# ctest registers each Catch2 TEST_CASE by name (catch_discover_tests), and CMake
# splits names at ';': a case named "a; b" is registered as "a", which matches no
# case, and ctest then passes without running it. Fails on any such name.
set -euo pipefail
cd "$(dirname "$0")/.."
if grep -rnE 'TEST_CASE\("[^"]*;' tests --include='*.cpp'; then
  echo "check-test-names: a TEST_CASE name above holds ';' (ctest would silently skip it): use ',' instead" >&2
  exit 1
fi
echo "check-test-names: no TEST_CASE name holds ';'"
