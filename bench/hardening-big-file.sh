#!/usr/bin/env bash
# Streams a ~2 GB CSV through `npskit analyze -` (standard input) and reports the
# CLI's peak memory (max RSS) and time: memory must stay flat, whatever the size.
#
#   bash bench/hardening-big-file.sh [GIB]        (default 2)
#
# The file is never written to disk: a 64 MB block of realistic rows from
# bench/generate.mjs (800,000 rows) is generated once into a temp directory and
# piped GIB*32 times (header once) into the CLI. Needs node and /usr/bin/time.
# Environment: NPSKIT_BIN (default build/native/bin/npskit).
set -euo pipefail
cd "$(dirname "$0")/.."

GIB="${1:-2}"
BIN="${NPSKIT_BIN:-build/native/bin/npskit}"
[ -x "$BIN" ] || { echo "hardening-big-file: no CLI at $BIN (build it, or set NPSKIT_BIN)" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
node bench/generate.mjs --rows 800000 --out "$tmp/block.csv" --seed 7 >/dev/null
tail -n +2 "$tmp/block.csv" >"$tmp/body.csv"
block=$(stat -c %s "$tmp/body.csv")
target=$((GIB * 1024 * 1024 * 1024))
repeats=$(( (target + block - 1) / block ))
total=$(( $(stat -c %s "$tmp/block.csv") + (repeats - 1) * block ))
echo "== streaming $repeats blocks, $total bytes ($((total / 1024 / 1024)) MB, $((repeats * 800000)) rows) through $BIN analyze -"

tr -d '"' <"$tmp/body.csv" >"$tmp/body-unquoted.csv"

# run LABEL PREFIX FIRST BODY: streams PREFIX, FIRST, then BODY repeatedly, through the CLI.
run() {
  local label="$1" prefix="$2" first="$3" body="$4"
  {
    printf '%s' "$prefix"
    cat "$first"
    for ((i = 1; i < repeats; i++)); do cat "$body"; done
  } | /usr/bin/time -f '%M %e' -o "$tmp/time" "$BIN" analyze - --compact >"$tmp/report.json" 2>"$tmp/stderr" || true
  local max_rss_kb seconds
  read -r max_rss_kb seconds < <(tail -1 "$tmp/time")
  echo "-- $label"
  if [ -s "$tmp/report.json" ]; then
    echo "rows (read valid rejected), nps: $(node -e 'const r=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8"));console.log(r.rows.read, r.rows.valid, r.rows.rejected + ",", r.overall.nps)' "$tmp/report.json")"
  else
    echo "result:  $(cat "$tmp/stderr")"
  fi
  echo "max RSS: $((max_rss_kb / 1024)) MB"
  echo "time:    ${seconds} s ($(awk -v b="$total" -v s="$seconds" 'BEGIN { printf "%.0f", b / 1048576 / s }') MB/s)"
}

run "a realistic export" "" "$tmp/block.csv" "$tmp/body.csv"
# Hostile: a quote opened on the first data line and never closed (the rows after
# it have no quotes, so nothing closes it): one record of ~2 GB. The reader must
# read to the end holding at most its 1 MB record limit, not the file.
run "the same rows after an unclosed quote (one record of ~2 GB)" $'score,comment\n9,"never closed\n' \
  "$tmp/body-unquoted.csv" "$tmp/body-unquoted.csv"
