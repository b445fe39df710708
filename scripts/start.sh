#!/usr/bin/env bash
# Runs the product: builds everything, then serves the dashboard (opened on the
# bundled sample data), the widget demos and the reference collector on localhost.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
PORT=${PORT:-8080}
COLLECTOR_PORT=${COLLECTOR_PORT:-8081}
# The collector's file holds respondents' comments and e-mail addresses: it lives
# outside the repository (which the static server below serves to anyone who asks)
# and is read back through the collector with a token. The token goes to the
# collector through the environment, not the command line (which `ps` shows).
COLLECTOR_FILE=${NPSKIT_COLLECTOR_FILE:-$HOME/.npskit/responses.ndjson}
export NPSKIT_COLLECTOR_TOKEN=${NPSKIT_COLLECTOR_TOKEN:-$(node -e "process.stdout.write(require('crypto').randomBytes(24).toString('base64url'))")}
mkdir -p "$(dirname "$COLLECTOR_FILE")"
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT INT TERM
if [ -f examples/collector/server.mjs ]; then
  # The widget demos and the dashboard are served from :$PORT: the only origins allowed to post.
  node examples/collector/server.mjs --port "$COLLECTOR_PORT" --file "$COLLECTOR_FILE" \
    --origin "http://localhost:$PORT,http://127.0.0.1:$PORT" > /dev/null &
  pids+=($!)
fi
node scripts/serve.mjs --port "$PORT" &
pids+=($!)
sleep 0.5
echo
echo "npskit is running:"
if [ -d dist/dashboard ]; then
  echo "  dashboard (sample data):  http://localhost:$PORT/dist/dashboard/?src=sample/responses.csv"
  echo "  single-file dashboard:    dist/npskit-dashboard.html (open it from disk)"
fi
[ -f examples/index.html ] && echo "  widget demos:             http://localhost:$PORT/examples/"
if [ -f examples/collector/server.mjs ]; then
  echo "  collector:                http://localhost:$COLLECTOR_PORT/ (writes $COLLECTOR_FILE)"
  echo "  widget answers collected so far: download them with the collector's read token, then drop"
  echo "  the file on the dashboard (?src= only fetches from the dashboard's own origin, without a token):"
  echo "    curl -fsS -H \"Authorization: Bearer $NPSKIT_COLLECTOR_TOKEN\" http://localhost:$COLLECTOR_PORT/responses.ndjson -o responses.ndjson"
fi
echo "  CLI report of the sample: build/native/bin/npskit analyze examples/sample/responses.csv"
echo "Press Ctrl+C to stop."
wait
