#!/usr/bin/env bash
# Installs the control plane the operator's integration tests run against: etcd (Debian's
# etcd-server) plus kube-apiserver and kube-controller-manager 1.20.2 built from Debian's
# source package with Go 1.15 (Go >= 1.18 breaks the vendored reflect2 1.0.1: the apiserver
# crashes on its first custom object).
#
# Idempotent and cached outside the repository:
#   ${NETRA_CACHE_DIR:-/var/cache/netra}/kubernetes-1.20.2/bin/{kube-apiserver,kube-controller-manager,etcd}
# The tests find them there, or in $NETRA_CONTROLPLANE_BIN.
# With the binaries present it only makes sure etcd-server and openssl are installed.
set -euo pipefail

K8S_VERSION=1.20.2
CACHE_DIR="${NETRA_CACHE_DIR:-/var/cache/netra}"
PREFIX="$CACHE_DIR/kubernetes-$K8S_VERSION"
BIN_DIR="$PREFIX/bin"
SRC_PARENT="$CACHE_DIR/src"
GO_BIN=/usr/lib/go-1.15/bin
SOURCES_FILE=/etc/apt/sources.list.d/netra-controlplane.sources
PIN_FILE=/etc/apt/preferences.d/netra-controlplane-bullseye
APT_OPTS=(-y -q -o DPkg::Lock::Timeout=600 -o Acquire::Retries=3)

say() { printf '[controlplane] %s\n' "$*"; }
die() { printf '[controlplane] ERROR: %s\n' "$*" >&2; exit 1; }
trap 'rc=$?; [[ $rc -ne 0 ]] && printf "[controlplane] ERROR: install failed (exit %s) at line %s: %s\n" "$rc" "$LINENO" "$BASH_COMMAND" >&2' ERR

[[ $(id -u) -eq 0 ]] || die "must run as root (installs Debian packages and writes $CACHE_DIR)"
command -v apt-get >/dev/null || die "apt-get not found: this script needs a Debian machine"

export DEBIAN_FRONTEND=noninteractive
mkdir -p "$CACHE_DIR"
# One install at a time (parallel test runs on the same machine).
exec 9>"$CACHE_DIR/.install.lock"
flock 9

apt_updated=0
apt_update() {
  if [[ $apt_updated -eq 0 ]]; then
    say "apt-get update"
    apt-get update -q -o DPkg::Lock::Timeout=600 >"$CACHE_DIR/apt-update.log" 2>&1 \
      || { tail -n 20 "$CACHE_DIR/apt-update.log" >&2; die "apt-get update failed (log: $CACHE_DIR/apt-update.log)"; }
    apt_updated=1
  fi
}

# Installs the packages not installed yet. Extra apt-get arguments after "--".
ensure_packages() {
  local missing=() extra=() p
  while [[ $# -gt 0 && $1 != -- ]]; do
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed' || missing+=("$1")
    shift
  done
  [[ $# -gt 0 ]] && { shift; extra=("$@"); }
  [[ ${#missing[@]} -eq 0 ]] && return 0
  apt_update
  say "apt-get install ${extra[*]:+${extra[*]} }${missing[*]}"
  apt-get install "${APT_OPTS[@]}" --no-install-recommends "${extra[@]}" "${missing[@]}" >"$CACHE_DIR/apt-install.log" 2>&1 \
    || { tail -n 30 "$CACHE_DIR/apt-install.log" >&2; die "apt-get install ${missing[*]} failed (log: $CACHE_DIR/apt-install.log)"; }
}

link_etcd() {
  local etcd
  etcd=$(command -v etcd || true)
  [[ -n $etcd ]] || die "etcd not found after installing etcd-server"
  ln -sfn "$etcd" "$BIN_DIR/etcd"
}

if [[ -x $BIN_DIR/kube-apiserver && -x $BIN_DIR/kube-controller-manager ]]; then
  ensure_packages etcd-server openssl
  link_etcd
  say "control plane binaries cached: $BIN_DIR"
  exit 0
fi

start=$SECONDS
say "no cached binaries in $BIN_DIR: installing and building kubernetes $K8S_VERSION (takes several minutes)"

# --- apt sources: deb-src for bookworm (the kubernetes source package) and deb for bullseye
# (golang-1.15-go), on the same mirror as the machine's own Debian source.
DEBIAN_SOURCES=/etc/apt/sources.list.d/debian.sources
[[ -r $DEBIAN_SOURCES ]] || die "$DEBIAN_SOURCES not found: cannot tell which Debian mirror to use"
MIRROR=$(awk 'BEGIN{RS=""; FS="\n"}
  { uri=""; main=0
    for (i=1;i<=NF;i++) {
      if ($i ~ /^URIs:/) { sub(/^URIs:[ \t]*/, "", $i); split($i, u, /[ \t]+/); uri=u[1] }
      if ($i ~ /^Suites:/) { n=split($i, s, /[ \t]+/); for (j=2;j<=n;j++) if (s[j]=="bookworm") main=1 }
    }
    if (main && uri != "") { print uri; exit } }' "$DEBIAN_SOURCES")
[[ -n $MIRROR ]] || die "no URIs line for suite bookworm in $DEBIAN_SOURCES"
KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg
[[ -r $KEYRING ]] || die "$KEYRING missing (package debian-archive-keyring)"

wanted_sources="# Written by netra tests/controlplane/install.sh
Types: deb-src
URIs: $MIRROR
Suites: bookworm
Components: main
Signed-By: $KEYRING

Types: deb
URIs: $MIRROR
Suites: bullseye
Components: main
Signed-By: $KEYRING
"
wanted_pin="# Written by netra tests/controlplane/install.sh: bullseye only with -t bullseye
Package: *
Pin: release n=bullseye
Pin-Priority: 100
"
if [[ "$(cat "$SOURCES_FILE" 2>/dev/null)" != "${wanted_sources%$'\n'}" || "$(cat "$PIN_FILE" 2>/dev/null)" != "${wanted_pin%$'\n'}" ]]; then
  say "adding apt sources: deb-src bookworm, deb bullseye (pinned to 100)"
  printf '%s' "$wanted_pin" >"$PIN_FILE"
  printf '%s' "$wanted_sources" >"$SOURCES_FILE"
  apt_update
fi

# --- packages
ensure_packages etcd-server openssl rsync jq make dpkg-dev ca-certificates
[[ -x $GO_BIN/go ]] || { apt_update; ensure_packages golang-1.15-go -- -t bullseye; }
[[ -x $GO_BIN/go ]] || die "$GO_BIN/go missing after installing golang-1.15-go"
say "go: $("$GO_BIN/go" version)"

# --- source (Debian names it kubernetes-1.20.5+really1.20.2: the 1.20.2 code)
SRC_DIR=$(find "$SRC_PARENT" -maxdepth 1 -type d -name "kubernetes-*$K8S_VERSION" 2>/dev/null | head -n 1 || true)
if [[ -z $SRC_DIR || ! -f $SRC_DIR/.netra-source-complete ]]; then
  apt_update
  rm -rf "$SRC_PARENT"
  mkdir -p "$SRC_PARENT"
  say "apt-get source kubernetes (into $SRC_PARENT)"
  (cd "$SRC_PARENT" && apt-get source -q kubernetes >"$CACHE_DIR/apt-source.log" 2>&1) \
    || { tail -n 30 "$CACHE_DIR/apt-source.log" >&2; die "apt-get source kubernetes failed (log: $CACHE_DIR/apt-source.log)"; }
  SRC_DIR=$(find "$SRC_PARENT" -maxdepth 1 -type d -name "kubernetes-*$K8S_VERSION" | head -n 1)
  [[ -n $SRC_DIR ]] || die "apt-get source did not produce a kubernetes-*$K8S_VERSION folder (got: $(ls "$SRC_PARENT" | tr '\n' ' ')); Debian's kubernetes source is no longer $K8S_VERSION"
  touch "$SRC_DIR/.netra-source-complete"
fi

# --- build
"$(dirname "$0")/build-kubernetes.sh" "$SRC_DIR" "$BIN_DIR" "$CACHE_DIR/build.log" kube-apiserver kube-controller-manager
link_etcd
"$BIN_DIR/kube-apiserver" --version
say "installed in $((SECONDS - start)) s; control plane binaries: $BIN_DIR"
