#!/usr/bin/env bash
# prepare.sh PROFILE REDIS_PORT PG_PORT DATABASE: everything `npm start` and `npm test`
# need before they run code. Sourced, so the exported URLs reach the caller.
# shellcheck shell=bash
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
prepare_stack() {
  local profile="$1" redis_port="$2" pg_port="$3" db="$4"
  cd "$RUNQ_ROOT"
  mkdir -p "$RUNQ_STATE"
  step "Checking Node.js"
  ensure_node
  step "Checking Docker, Redis and PostgreSQL"
  ensure_docker
  ensure_redis "$profile" "$redis_port"
  ensure_postgres "$profile" "$pg_port" "$db"
  ensure_npm_deps
  ensure_prisma_client
  build_typescript
  migrate_database
  step "Checking sandbox images"
  ensure_images "${RUNQ_LANGUAGES:-all}"
}
