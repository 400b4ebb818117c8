#!/usr/bin/env bash
# Prints the name of the Debian 13 (trixie) image every sandbox image starts FROM.
# RUNQ_BASE_IMAGE wins; else debian:trixie-slim when a registry serves it; else a
# minbase debootstrap imported as <RUNQ_IMAGE_PREFIX>debian:trixie (hosts without Docker Hub).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

suite=trixie
if [ -n "${RUNQ_BASE_IMAGE:-}" ]; then
  docker image inspect "$RUNQ_BASE_IMAGE" >/dev/null 2>&1 || docker pull "$RUNQ_BASE_IMAGE" >&2
  echo "$RUNQ_BASE_IMAGE"; exit 0
fi
local_name="${RUNQ_IMAGE_PREFIX:-runq/}debian:$suite"
for candidate in "$local_name" "debian:$suite-slim"; do
  if docker image inspect "$candidate" >/dev/null 2>&1; then echo "$candidate"; exit 0; fi
done
if timeout 30 docker pull "debian:$suite-slim" >/dev/null 2>&1; then echo "debian:$suite-slim"; exit 0; fi

step "Docker Hub is unreachable: building $local_name with debootstrap (about a minute)" >&2
ensure_apt debootstrap >&2
rootfs="$(mktemp -d /var/tmp/runq-rootfs.XXXXXX)"
trap 'as_root rm -rf "$rootfs"' EXIT
as_root debootstrap --variant=minbase "$suite" "$rootfs" "${RUNQ_DEBIAN_MIRROR:-http://deb.debian.org/debian}" >/dev/null
# Downloaded packages and apt lists would otherwise sit in every image's lowest layer.
as_root rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/*
as_root tar -C "$rootfs" -c . | docker import --change 'CMD ["/bin/sh"]' - "$local_name" >/dev/null
echo "$local_name"
