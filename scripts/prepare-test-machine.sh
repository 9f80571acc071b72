#!/usr/bin/env bash
# Gets a Debian machine ready for every test tier: installs the system packages that are
# missing, starts the local registry and the Docker engine (with that registry as its mirror)
# when they are not answering, builds the local test images (once per machine; later runs
# reuse them) and pushes them to the registry. Safe to run again at any time.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "prepare: need root for: $*" >&2; return 1
  fi
}

missing=()
command -v dockerd >/dev/null || missing+=(docker.io)
command -v docker-compose >/dev/null || missing+=(docker-compose)
[[ -x /usr/bin/chromium ]] || missing+=(chromium)
command -v debootstrap >/dev/null || missing+=(debootstrap)
dpkg -s busybox-static >/dev/null 2>&1 || missing+=(busybox-static)
[[ -x /bin/bash-static ]] || missing+=(bash-static)
command -v iptables >/dev/null || missing+=(iptables)
command -v docker-registry >/dev/null || missing+=(docker-registry)
# The remote-engine test: a dockerd in a network namespace, reached over TLS with its own certificates.
command -v openssl >/dev/null || missing+=(openssl)
command -v ip >/dev/null || missing+=(iproute2)
command -v nsenter >/dev/null || missing+=(util-linux)
if ((${#missing[@]})); then
  echo "prepare: installing ${missing[*]}"
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# The Temporal test images carry real binaries built from their Go modules.
command -v go >/dev/null || { echo "prepare: Go is needed to build the Temporal test images (go.temporal.io/server…) and is not installed" >&2; exit 1; }

# The registry runs beside dockerd, not in it: stopping the engine (the fault tests do) keeps it.
REGISTRY=127.0.0.1:5000
registry_answers() { (exec 3<>"/dev/tcp/${REGISTRY%:*}/${REGISTRY#*:}") 2>/dev/null; }
if ! registry_answers; then
  echo "prepare: starting the local registry on $REGISTRY (log: /var/log/mycelium-registry.log)"
  as_root mkdir -p /var/lib/mycelium-test/registry
  as_root bash -c "nohup docker-registry serve '$PWD/test/fixtures/registry/config.yml' >>/var/log/mycelium-registry.log 2>&1 &"
  for _ in $(seq 1 30); do registry_answers && break; sleep 0.5; done
  registry_answers || { echo "prepare: the registry did not start; see /var/log/mycelium-registry.log" >&2; exit 1; }
fi

# Docker Hub names (postgres:15, temporalio/…) are then pulled from the local registry.
daemon_json=/etc/docker/daemon.json
mirror_changed=$(as_root node -e '
  const fs = require("node:fs");
  const [file, mirror] = process.argv.slice(1);
  const config = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : {};
  const mirrors = config["registry-mirrors"] ?? [];
  if (mirrors.includes(mirror)) process.stdout.write("no");
  else {
    fs.mkdirSync(require("node:path").dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify({ ...config, "registry-mirrors": [mirror, ...mirrors] }, null, 2) + "\n");
    process.stdout.write("yes");
  }' "$daemon_json" "http://$REGISTRY")

docker_answers() { docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }
start_dockerd() {
  as_root bash -c 'nohup dockerd >>/var/log/mycelium-dockerd.log 2>&1 &'
  for _ in $(seq 1 60); do docker_answers && return 0; pgrep -x dockerd >/dev/null || return 1; sleep 1; done
  return 1
}
if ! docker_answers; then
  echo "prepare: starting dockerd (log: /var/log/mycelium-dockerd.log)"
  if ! start_dockerd; then
    # Docker 20.10 killed mid-write can leave its network store unreadable (a panic in
    # reservePools at start). On a test machine the networks are disposable: set it aside.
    if grep -q reservePools /var/log/mycelium-dockerd.log 2>/dev/null; then
      echo "prepare: dockerd's network store is unreadable; moving it aside and retrying"
      as_root mv /var/lib/docker/network/files/local-kv.db "/var/lib/docker/network/files/local-kv.db.unreadable-$(date +%s)"
      start_dockerd || true
    fi
  fi
  docker_answers || { echo "prepare: dockerd did not start; see /var/log/mycelium-dockerd.log" >&2; tail -20 /var/log/mycelium-dockerd.log >&2 || true; exit 1; }
fi
if [[ $mirror_changed == yes ]]; then
  # registry-mirrors is one of the settings dockerd reloads on SIGHUP.
  as_root pkill -HUP -x dockerd
  for _ in $(seq 1 20); do docker info --format '{{.RegistryConfig.Mirrors}}' | grep -q "$REGISTRY" && break; sleep 0.5; done
fi
docker info --format '{{.RegistryConfig.Mirrors}}' | grep -q "$REGISTRY" || {
  echo "prepare: dockerd does not use the local registry as its mirror (check $daemon_json)" >&2
  exit 1
}
echo "prepare: Docker engine $(docker version --format '{{.Server.Version}}') is answering, pulling through $REGISTRY"

if [[ ! -d node_modules ]]; then
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci
fi
node test/fixtures/images/build-images.mjs
