#!/usr/bin/env bash
# Parity of the session's store across a change: `session_bench --dump` (info,
# reports, latest per person, pages of rows) over every tests/data file alone and
# over files with duplicate ids (bench/duplicate-parity-data.mjs) alone and
# together, written to OUT_DIR, one .jsonl per case. Run it with the binary
# before and after a change, then `diff -r before after` must print nothing.
#   bash bench/session-parity.sh path/to/session_bench OUT_DIR [DATA_DIR]
set -euo pipefail
bin=$1
out=$2
data=${3:-$out.data}
cd "$(dirname "$0")/.."
mkdir -p "$out"
[ -f "$data/dup-a.csv" ] || node bench/duplicate-parity-data.mjs "$data" >/dev/null
[ -f "$data/stress-few.csv" ] || node bench/parity-data.mjs "$data" --rows 20000 >/dev/null
for f in tests/data/*.csv tests/data/*.txt tests/data/*.json tests/data/*.ndjson tests/data/*.xlsx "$data"/*.csv; do
  "$bin" --dump "$f" >"$out/$(basename "$f").jsonl"
done
"$bin" --dump "$data/dup-a.csv" "$data/dup-b.csv" "$data/dup-c.csv" >"$out/dup-abc.jsonl"
"$bin" --dump "$data/dup-c.csv" "$data/dup-a.csv" "$data/dup-a.csv" "$data/dup-long.csv" >"$out/dup-caa-long.jsonl"
"$bin" --dump "$data/stress-few.csv" "$data/stress-many.csv" "$data/dup-b.csv" >"$out/stress-dup.jsonl"
"$bin" --dump tests/data/qualtrics.csv tests/data/qualtrics.csv tests/data/typeform.csv >"$out/fixtures-twice.jsonl"
echo "wrote $(ls "$out" | wc -l) dumps to $out"
