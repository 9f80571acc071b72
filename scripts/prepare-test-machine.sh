#!/usr/bin/env bash
# Gets a Debian machine ready for every test tier: installs the system packages that are
# missing, starts the Docker engine when it is not answering, and builds the local test
# images (once per machine; later runs reuse them). Safe to run again at any time.
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
command -v iptables >/dev/null || missing+=(iptables)
if ((${#missing[@]})); then
  echo "prepare: installing ${missing[*]}"
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

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
echo "prepare: Docker engine $(docker version --format '{{.Server.Version}}') is answering"

if [[ ! -d node_modules ]]; then
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci
fi
node test/fixtures/images/build-images.mjs
