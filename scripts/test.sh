#!/usr/bin/env bash
# npm test: prepares its own Redis, PostgreSQL database and images (ports apart from
# `npm start`'s), then runs the unit tests and the end-to-end tests against them.
set -euo pipefail
source "$(dirname "$0")/prepare.sh"
prepare_stack test "${RUNQ_TEST_REDIS_PORT:-6391}" "${RUNQ_TEST_PG_PORT:-5441}" runq_test

export NODE_OPTIONS="--experimental-vm-modules --no-warnings ${NODE_OPTIONS:-}"
step "Running unit tests"
npx jest --selectProjects unit "$@"
step "Running end-to-end tests (real Docker, Redis, PostgreSQL)"
npx jest --selectProjects e2e --runInBand "$@"
