#!/usr/bin/env bash
# npm test: prepares its own Redis, PostgreSQL database and images (ports apart from
# `npm start`'s), then runs the unit tests and the end-to-end tests against them.
set -euo pipefail
source "$(dirname "$0")/prepare.sh"
prepare_stack test "${RUNQ_TEST_REDIS_PORT:-6391}" "${RUNQ_TEST_PG_PORT:-5441}" runq_test
step "Checking Chromium (browser tests drive Debian's chromium with playwright-core)"
ensure_apt chromium
# The function-mode tests run a real WireMock server (its JAR comes with the wiremock npm package).
command -v java >/dev/null 2>&1 || ensure_apt openjdk-17-jre-headless

# NestJS 12 is ESM-only: Jest loads it through require(esm), which needs vm modules.
export NODE_OPTIONS="--experimental-vm-modules --no-warnings ${NODE_OPTIONS:-}"
results="$RUNQ_STATE/test/results"
mkdir -p "$results"
rm -f "$results"/*.json
status=0
step "Running unit tests"
"$RUNQ_ROOT/node_modules/.bin/jest" --selectProjects unit --json --outputFile="$results/unit.json" "$@" || status=$?
if [ "$status" = 0 ]; then
  step "Running end-to-end tests (real Docker, Redis, PostgreSQL)"
  "$RUNQ_ROOT/node_modules/.bin/jest" --selectProjects e2e --runInBand --json --outputFile="$results/e2e.json" "$@" || status=$?
fi
node -e '
  const fs = require("fs"); let passed = 0, failed = 0, skipped = 0;
  for (const f of fs.readdirSync(process.argv[1])) {
    const r = JSON.parse(fs.readFileSync(process.argv[1] + "/" + f, "utf8"));
    passed += r.numPassedTests; failed += r.numFailedTests + r.numRuntimeErrorTestSuites; skipped += r.numPendingTests;
  }
  console.log(`runq: ${passed} passed, ${failed} failed, ${skipped} skipped`);' "$results"
exit "$status"
