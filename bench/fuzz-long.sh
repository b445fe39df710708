#!/usr/bin/env bash
# A longer fuzzing campaign: runs scripts/fuzz.sh for SECONDS per target (default
# 300), the targets one after the other, and appends a dated summary (per target:
# executions, exec/s, coverage, features, corpus size, peak RSS, findings) to
# bench/results/fuzz-long.md.
#
#   bash bench/fuzz-long.sh [SECONDS_PER_TARGET] [TARGET...]
#
# TARGET names as scripts/fuzz.sh takes them (default: all of its targets). Inputs
# found accumulate in build/fuzz/corpus/<target>/, so each campaign goes on from
# the last. Findings (crash, leak, timeout, out-of-memory) are saved by libFuzzer
# under build/fuzz/artifacts/ and listed in the summary: minimize one with
#   build/fuzz/bin/fuzz_<target> -minimize_crash=1 -max_total_time=60 <artifact>
# Exit status 1 when any target had a finding (the summary is written anyway).
# Environment: as scripts/fuzz.sh (CXX; NPSKIT_FUZZ_JOBS compile jobs, default 1
# here: the campaign itself runs on one core).
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_PER_TARGET="${1:-300}"
shift || true
case "$SECONDS_PER_TARGET" in
  ''|*[!0-9]*) echo "fuzz-long: SECONDS_PER_TARGET must be a whole number of seconds" >&2; exit 2 ;;
esac
TARGETS=("$@")
if [ ${#TARGETS[@]} -eq 0 ]; then
  # The target list of scripts/fuzz.sh, so the two never disagree.
  read -r -a TARGETS <<<"$(sed -n 's/^ALL_TARGETS=(\(.*\))$/\1/p' scripts/fuzz.sh)"
fi
export NPSKIT_FUZZ_JOBS="${NPSKIT_FUZZ_JOBS:-1}"

RESULTS=bench/results/fuzz-long.md
LOGDIR=build/fuzz
mkdir -p bench/results "$LOGDIR"

started=$(date -u '+%Y-%m-%d %H:%M UTC')
load_before=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")
commit=$(git rev-parse --short HEAD 2>/dev/null || echo "?")
dirty=""
[ -n "$(git status --porcelain --untracked-files=no 2>/dev/null || true)" ] && dirty=" (working tree with uncommitted changes)"
compiler=$("${CXX:-clang++}" --version 2>/dev/null | head -1 || echo "?")

echo "== fuzz-long: ${SECONDS_PER_TARGET}s per target: ${TARGETS[*]}"
t0=$(date +%s)
# Older logs must not be read as this campaign's.
for t in "${TARGETS[@]}"; do rm -f "$LOGDIR/$t.log"; done
# Artifacts present before the run are not this run's findings.
before_artifacts=$(ls "$LOGDIR/artifacts" 2>/dev/null | sort || true)
set +e
bash scripts/fuzz.sh "$SECONDS_PER_TARGET" "${TARGETS[@]}"
rc=$?
set -e
elapsed=$(( $(date +%s) - t0 ))
load_after=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")

num() {  # num LOG REGEX: the last number matched by REGEX in LOG, or "?"
  local v
  v=$(grep -oE "$2" "$1" 2>/dev/null | tail -1 | grep -oE '[0-9]+' | tail -1 || true)
  echo "${v:-?}"
}
group() {  # 1234567 -> 1,234,567
  local n="$1"
  [[ "$n" =~ ^[0-9]+$ ]] || { echo "$n"; return; }
  while [[ "$n" =~ ^([0-9]+)([0-9]{3}) ]]; do n="${BASH_REMATCH[1]},${BASH_REMATCH[2]}${n#"${BASH_REMATCH[0]}"}"; done
  echo "$n"
}

rows=()
findings=()
for t in "${TARGETS[@]}"; do
  log="$LOGDIR/$t.log"
  if [ ! -f "$log" ]; then
    rows+=("| \`$t\` | – | – | – | – | – | – | – | not run (see the fuzz.sh output) |")
    continue
  fi
  execs=$(num "$log" 'stat::number_of_executed_units: *[0-9]+')
  eps=$(num "$log" 'stat::average_exec_per_sec: *[0-9]+')
  rss=$(num "$log" 'stat::peak_rss_mb: *[0-9]+')
  secs=$(num "$log" 'Done [0-9]+ runs in [0-9]+ second')
  cov=$(num "$log" 'cov: [0-9]+')
  ft=$(num "$log" 'ft: [0-9]+')
  corp=$(num "$log" 'corp: [0-9]+')
  what=()
  grep -q 'ERROR: LeakSanitizer' "$log" && what+=("leak")
  grep -q 'ERROR: AddressSanitizer' "$log" && what+=("ASan: $(grep -oE 'ERROR: AddressSanitizer: [a-z-]+' "$log" | head -1 | sed 's/.*: //')")
  grep -q 'runtime error' "$log" && what+=("UBSan: $(grep -m1 -oE 'runtime error: .{0,60}' "$log" | sed 's/runtime error: //; s/|/\\|/g')")
  grep -q 'ALARM: working on the last Unit' "$log" && what+=("timeout (> 10 s)")
  grep -qE 'out-of-memory|ERROR: libFuzzer: out-of-memory' "$log" && what+=("out of memory (> 2 GB)")
  grep -q 'invariant violated' "$log" && what+=("invariant: $(grep -m1 -oE '[a-z_]+\.cpp:[0-9]+: invariant violated' "$log" | sed 's/: invariant violated//')")
  grep -q 'deadly signal' "$log" && [ ${#what[@]} -eq 0 ] && what+=("crash (deadly signal)")
  artifact=$(grep -oE 'Test unit written to [^ ]+' "$log" | tail -1 | sed 's/Test unit written to //' || true)
  if [ ${#what[@]} -gt 0 ] || [ -n "$artifact" ]; then
    [ ${#what[@]} -eq 0 ] && what+=("finding")
    finding="$(IFS=';'; echo "${what[*]}" | sed 's/;/; /g')"
    [ -n "$artifact" ] && finding="$finding — \`$artifact\`"
    findings+=("$t")
  else
    finding="none"
  fi
  rows+=("| \`$t\` | ${secs} | $(group "$execs") | $(group "$eps") | $(group "$cov") | $(group "$ft") | $(group "$corp") | ${rss} MB | ${finding} |")
done

new_artifacts=$(comm -13 <(echo "$before_artifacts") <(ls "$LOGDIR/artifacts" 2>/dev/null | sort) || true)

if [ ! -f "$RESULTS" ]; then
  cat >"$RESULTS" <<'EOF'
# Long fuzzing campaigns

Appended by `bash bench/fuzz-long.sh [seconds-per-target] [target...]`: each
campaign runs `scripts/fuzz.sh` (clang libFuzzer + ASan + UBSan, one target at a
time, one core) from the seed corpus plus what earlier campaigns found in
`build/fuzz/corpus/`. *coverage* is libFuzzer's `cov:` (edges reached),
*features* its `ft:`, *corpus* the inputs kept. Executions per second depend on
the machine's load (noted per campaign). Findings are minimized, fixed and get a
regression test in `tests/core/regression_test.cpp` (see docs/hardening.md).
EOF
fi
{
  echo
  echo "## ${started} — ${SECONDS_PER_TARGET} s per target"
  echo
  echo "Commit \`${commit}\`${dirty}; ${compiler}; $(nproc 2>/dev/null || echo '?') cores, load average ${load_before} before, ${load_after} after; ${elapsed} s in all (with the build)."
  echo
  echo "| target | seconds | executions | exec/s | coverage | features | corpus | peak RSS | findings |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---|"
  printf '%s\n' "${rows[@]}"
  if [ -n "$new_artifacts" ]; then
    echo
    echo "New inputs in \`build/fuzz/artifacts/\`: $(echo "$new_artifacts" | sed 's/.*/`&`/' | paste -sd, - | sed 's/,/, /g')."
  fi
} >>"$RESULTS"

echo "== fuzz-long: summary appended to $RESULTS"
tail -n $(( ${#rows[@]} + 4 )) "$RESULTS"
if [ "$rc" -ne 0 ] || [ ${#findings[@]} -gt 0 ]; then
  echo "fuzz-long: findings in: ${findings[*]:-(see above)}" >&2
  exit 1
fi
