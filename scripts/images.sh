#!/usr/bin/env bash
# npm run images: builds every sandbox image (or those of RUNQ_LANGUAGES="python c").
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$RUNQ_ROOT"
ensure_node
ensure_docker
ensure_npm_deps
build_typescript
ensure_images "${RUNQ_LANGUAGES:-all}"
