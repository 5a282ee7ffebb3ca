#!/usr/bin/env bash
# Installs what the one-node test cluster (tests/cluster/up.sh) needs beyond the control plane:
# containerd, runc, the CNI plugins, dnsmasq, iptables and conntrack, the loopback registry (docker-registry) and the
# image tools (skopeo, umoci) from Debian, kubelet, kube-scheduler and kube-proxy built from the same kubernetes 1.20.2
# source as the API server (tests/controlplane/install.sh, run first: its source and Go build cache make this a few
# minutes), and the pod sandbox's pause binary compiled from that source's build/pause (images.sh makes its image).
#
# Idempotent and cached outside the repository, beside the control plane's binaries:
#   ${NETRA_CACHE_DIR:-/var/cache/netra}/kubernetes-1.20.2/bin/{kubelet,kube-scheduler,kube-proxy,pause}
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

K8S_VERSION=1.20.2
CACHE_DIR="${NETRA_CACHE_DIR:-/var/cache/netra}"
BIN_DIR="$CACHE_DIR/kubernetes-$K8S_VERSION/bin"
PACKAGES=(containerd runc containernetworking-plugins dnsmasq-base iptables conntrack iproute2 curl jq libc6-dev gcc tzdata
  docker-registry skopeo umoci)

say() { printf '[cluster] %s\n' "$*"; }
die() { printf '[cluster] ERROR: %s\n' "$*" >&2; exit 1; }

[[ $(id -u) -eq 0 ]] || die "must run as root (installs Debian packages and writes $CACHE_DIR)"
# The API server, its source and Go 1.15: cached after its first run.
"$here/../controlplane/install.sh"

export DEBIAN_FRONTEND=noninteractive
exec 9>"$CACHE_DIR/.install.lock"
flock 9

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [[ ${#missing[@]} -gt 0 ]]; then
  say "apt-get install ${missing[*]}"
  apt-get update -q -o DPkg::Lock::Timeout=600 >"$CACHE_DIR/cluster-apt.log" 2>&1
  apt-get install -y -q -o DPkg::Lock::Timeout=600 --no-install-recommends "${missing[@]}" >>"$CACHE_DIR/cluster-apt.log" 2>&1 \
    || { tail -n 30 "$CACHE_DIR/cluster-apt.log" >&2; die "apt-get install failed (log: $CACHE_DIR/cluster-apt.log)"; }
fi

SRC_DIR=$(find "$CACHE_DIR/src" -maxdepth 1 -type d -name "kubernetes-*$K8S_VERSION" | head -n 1)
[[ -n $SRC_DIR ]] || die "kubernetes source missing under $CACHE_DIR/src (tests/controlplane/install.sh puts it there)"

todo=()
for b in kubelet kube-scheduler kube-proxy; do [[ -x $BIN_DIR/$b ]] || todo+=("$b"); done
if [[ ${#todo[@]} -gt 0 ]]; then
  "$here/../controlplane/build-kubernetes.sh" "$SRC_DIR" "$BIN_DIR" "$CACHE_DIR/cluster-build.log" "${todo[@]}"
fi

# The sandbox every pod's network namespace hangs on: static, so its image needs no libraries.
if [[ ! -x $BIN_DIR/pause ]]; then
  say "compiling pause"
  gcc -Os -static -Wall -Werror -DVERSION=v3.4.1-netra -o "$BIN_DIR/pause.tmp" "$SRC_DIR/build/pause/linux/pause.c"
  mv -f "$BIN_DIR/pause.tmp" "$BIN_DIR/pause"
fi
say "node binaries cached: $BIN_DIR"
