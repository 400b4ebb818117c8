#!/usr/bin/env bash
# npm start: brings up the whole stack on this machine and runs API + one worker in
# the foreground. Set DATABASE_URL, REDIS_URL or DOCKER_HOST to use your own services.
set -euo pipefail
source "$(dirname "$0")/prepare.sh"
command -v curl >/dev/null 2>&1 || ensure_apt curl
prepare_stack dev "${RUNQ_REDIS_PORT:-6390}" "${RUNQ_PG_PORT:-5440}" runq

export PORT="${PORT:-3000}"
# Logs for people here; the apps default to one JSON object per line for collectors.
export RUNQ_LOG_FORMAT="${RUNQ_LOG_FORMAT:-pretty}"
step "Preparing an API key (.runq/api-key)"
API_KEY="$(node dist/scripts/keys.js ensure --file "$RUNQ_STATE/api-key" --name local --role admin)"

step "Starting API and worker (Ctrl-C stops both)"
NODE_OPTIONS="$RUNQ_NODE_OPTIONS ${NODE_OPTIONS:-}" node dist/apps/worker/src/main.js &
worker_pid=$!
NODE_OPTIONS="$RUNQ_NODE_OPTIONS ${NODE_OPTIONS:-}" node dist/apps/api/src/main.js &
api_pid=$!
stop() {
  trap - INT TERM
  step "Stopping API and worker"
  kill -TERM "$api_pid" "$worker_pid" 2>/dev/null || true
  wait "$api_pid" "$worker_pid" 2>/dev/null || true
  exit 0
}
trap stop INT TERM

url="http://${HOST:-127.0.0.1}:$PORT"
for _ in $(seq 1 100); do
  curl -fs "$url/health" >/dev/null 2>&1 && break
  kill -0 "$api_pid" 2>/dev/null || die "the API exited during start-up"
  sleep 0.1
done
cat <<MSG

  runq is running at $url
  API key: $API_KEY   (an admin key; also in .runq/api-key)

  Dashboard:  $url/admin        (sign in with the key above)
  Playground: $url/playground

  curl -s $url/execute -H "X-API-Key: $API_KEY" -H 'Content-Type: application/json' \\
    -d '{"language":"python","code":"print(\"hello\")"}'

MSG
set +e
wait -n "$api_pid" "$worker_pid"
code=$?
step "A process exited (status $code); stopping the other"
kill -TERM "$api_pid" "$worker_pid" 2>/dev/null
wait
exit "$code"
