#!/usr/bin/env bash
# Byte-identical reports before and after a speed change: runs two builds of the
# CLI (a saved baseline and the new one) over every test and fuzz-seed file, the
# stress files of bench/parity-data.mjs and the bench exports, with several option
# sets, and compares stdout, stderr and exit status of each run.
#
#   bash bench/report-parity.sh BASELINE_CLI [NEW_CLI]   (NEW_CLI: build/native/bin/npskit)
#
# Save the baseline first: `cp build/native/bin/npskit /tmp/npskit.base` on the
# commit before the change. Exit status 1 when any run differs (listed).
set -uo pipefail
cd "$(dirname "$0")/.."
BASE=${1:?usage: bench/report-parity.sh BASELINE_CLI [NEW_CLI]}
NEW=${2:-build/native/bin/npskit}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

node bench/parity-data.mjs "$WORK/stress" >/dev/null
FILES=()
while IFS= read -r f; do FILES+=("$f"); done < <(
  find tests/data tests/fuzz/corpus/analyze tests/fuzz/corpus/csv tests/fuzz/corpus/session "$WORK/stress" -type f \
    ! -name '*.mjs' ! -name '*.md' ! -name '*.json.json' | sort)
for f in bench/data/100000.csv bench/data/1000000.csv; do [ -f "$f" ] && FILES+=("$f"); done

OPTION_SETS=(
  ""
  "--comments"
  "--period week --utc-offset +05:30 --max-rejections 100000"
  "--period day --utc-offset -08:00 --from 2024-01-01 --to 2025-06-30"
  "--where country=DE --where-not plan=Premium"
  "--cross country --cross plan --period quarter"
)
runs=0 diffs=0
for f in "${FILES[@]}"; do
  case "$f" in
    bench/data/*) sets=("" "--cross country --cross plan") ;;
    */stress/*)
      cols="--date submitted_at --segment country --segment plan"
      sets=("" "--comments" "$cols" "$cols --period day --utc-offset +05:30 --max-rejections 100000"
            "$cols --cross country --cross plan" "$cols --where plan=Premium --where-not country=DE --from 2000-01-01") ;;
    *) sets=("${OPTION_SETS[@]}") ;;
  esac
  for opts in "${sets[@]}"; do
    # shellcheck disable=SC2086
    "$BASE" analyze "$f" --compact $opts >"$WORK/a.out" 2>"$WORK/a.err"; a=$?
    # shellcheck disable=SC2086
    "$NEW" analyze "$f" --compact $opts >"$WORK/b.out" 2>"$WORK/b.err"; b=$?
    runs=$((runs + 1))
    if [ $a -ne $b ] || ! cmp -s "$WORK/a.out" "$WORK/b.out" || ! cmp -s "$WORK/a.err" "$WORK/b.err"; then
      diffs=$((diffs + 1))
      echo "DIFFERS: $f $opts (exit $a vs $b)"
    fi
  done
done
echo "report-parity: $runs runs over ${#FILES[@]} files, $diffs differ"
[ $diffs -eq 0 ]
