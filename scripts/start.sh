#!/usr/bin/env bash
# Runs the product: builds everything, then serves the dashboard (opened on the
# bundled sample data), the widget demos and the reference collector on localhost.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
PORT=${PORT:-8080}
COLLECTOR_PORT=${COLLECTOR_PORT:-8081}
mkdir -p build/collector
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT INT TERM
if [ -f examples/collector/server.mjs ]; then
  node examples/collector/server.mjs --port "$COLLECTOR_PORT" --file build/collector/responses.ndjson &
  pids+=($!)
fi
node scripts/serve.mjs --port "$PORT" &
pids+=($!)
sleep 0.5
echo
echo "npskit is running:"
if [ -d dist/dashboard ]; then
  echo "  dashboard (sample data):  http://localhost:$PORT/dist/dashboard/?src=sample/responses.csv"
  echo "  dashboard (widget answers collected so far): http://localhost:$PORT/dist/dashboard/?src=/build/collector/responses.ndjson"
  echo "  single-file dashboard:    dist/npskit-dashboard.html (open it from disk)"
fi
[ -f examples/index.html ] && echo "  widget demos:             http://localhost:$PORT/examples/"
[ -f examples/collector/server.mjs ] && echo "  collector:                http://localhost:$COLLECTOR_PORT/ (writes build/collector/responses.ndjson)"
echo "  CLI report of the sample: build/native/bin/npskit analyze examples/sample/responses.csv"
echo "Press Ctrl+C to stop."
wait
