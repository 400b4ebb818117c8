#!/usr/bin/env bash
# npm run bench: measures runq against baselines in one run (see bench/run-bench.ts).
# With RUNQ_URL and RUNQ_BENCH_KEY set it measures that stack; otherwise it prepares and
# starts its own API and worker on separate ports, and stops them afterwards.
set -euo pipefail
source "$(dirname "$0")/prepare.sh"
command -v curl >/dev/null 2>&1 || ensure_apt curl
if [ -n "${RUNQ_URL:-}" ]; then
  ensure_node
  exec node "$RUNQ_ROOT/dist/bench/run-bench.js"
fi
# `npm run bench:scaling` (mode "scaling") starts only the API: the benchmark runs its own workers.
mode="${1:-latency}"
export RUNQ_LANGUAGES="${RUNQ_LANGUAGES:-python javascript c bash}"
prepare_stack bench "${RUNQ_BENCH_REDIS_PORT:-6393}" "${RUNQ_BENCH_PG_PORT:-5443}" runq_bench
ensure_apt fonts-dejavu-core
export PORT="${RUNQ_BENCH_PORT:-3100}" HOST=127.0.0.1 RUNQ_LOG_LEVEL=warn
export RUNQ_BENCH_KEY; RUNQ_BENCH_KEY="$(node dist/scripts/keys.js create --name bench --role admin)"
worker=""
[ "$mode" = scaling ] || { NODE_OPTIONS="$RUNQ_NODE_OPTIONS ${NODE_OPTIONS:-}" node dist/apps/worker/src/main.js & worker=$!; }
NODE_OPTIONS="$RUNQ_NODE_OPTIONS ${NODE_OPTIONS:-}" node dist/apps/api/src/main.js & api=$!
trap 'kill -TERM $api $worker 2>/dev/null; wait $api $worker 2>/dev/null || true' EXIT
export RUNQ_URL="http://127.0.0.1:$PORT" RUNQ_BENCH_PIDS="api=$api,worker=$worker"
for _ in $(seq 1 100); do curl -fs "$RUNQ_URL/health/ready" >/dev/null 2>&1 && break; sleep 0.2; done
step "Benchmarking (a few minutes)"
if [ "$mode" = scaling ]; then
  NODE_OPTIONS="$RUNQ_NODE_OPTIONS ${NODE_OPTIONS:-}" node dist/bench/scaling-bench.js
else
  node dist/bench/run-bench.js
fi
