#!/usr/bin/env bash
# The layers of src/core each look only down (docs/architecture: DESIGN.md
# "Layers, each only looking down"). A file may include its own folder and any
# folder of a lower rank; an include of a higher rank, or of another folder of
# the same rank, fails with the file and the line. Run by ctest ("layering").
#   rank 0 values | 1 stats | 2 text, ingest, survey | 3 store, sql | 4 analysis | 5 report
set -euo pipefail
cd "$(dirname "$0")/.."
declare -A rank=([values]=0 [stats]=1 [text]=2 [ingest]=2 [survey]=2 [store]=3 [sql]=3 [analysis]=4 [report]=5)
bad=0
for dir in src/core/*/; do
  from=$(basename "$dir")
  if [ -z "${rank[$from]+x}" ]; then echo "layering: src/core/$from has no rank in scripts/check-layers.sh"; bad=1; continue; fi
  while IFS= read -r hit; do
    file=${hit%%:*}; rest=${hit#*:}; line=${rest%%:*}
    to=$(sed -E 's/.*"core\/([a-z_]+)\/.*/\1/' <<<"$rest")
    [ "$to" = "$from" ] && continue
    if [ -z "${rank[$to]+x}" ]; then echo "$file:$line: includes core/$to, which has no rank"; bad=1; continue; fi
    if (( rank[$to] >= rank[$from] )); then
      echo "$file:$line: $from (rank ${rank[$from]}) includes core/$to (rank ${rank[$to]}): a layer may only include lower ones"
      bad=1
    fi
  done < <(grep -nE '^#include "core/' "$dir"* 2>/dev/null | grep -v '^Binary' || true)
done
if (( bad )); then exit 1; fi
echo "layering: every include of src/core looks down"
