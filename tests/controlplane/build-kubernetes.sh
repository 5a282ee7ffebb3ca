#!/usr/bin/env bash
# Builds kubernetes commands from Debian's source with Go 1.15 and installs them, for the control
# plane's and the test node's installers: build-kubernetes.sh SRC_DIR BIN_DIR LOG COMMAND...
# (e.g. kube-apiserver). Go's build cache under ${NETRA_CACHE_DIR:-/var/cache/netra} is shared,
# so a second build reuses what the first compiled.
set -euo pipefail
src=$1 bin=$2 log=$3
shift 3
cache="${NETRA_CACHE_DIR:-/var/cache/netra}"
start=$SECONDS
printf '[build] building %s with Go 1.15 (log: %s)\n' "$*" "$log"
(
  cd "$src"
  export PATH="/usr/lib/go-1.15/bin:$PATH" GOCACHE="$cache/go-build-cache" GOPATH="$cache/gopath"
  make WHAT="${*/#/cmd/}" GOFLAGS=
) >"$log" 2>&1 || { tail -n 40 "$log" >&2; printf '[build] ERROR: build failed (log: %s)\n' "$log" >&2; exit 1; }
printf '[build] build took %s s\n' "$((SECONDS - start))"
mkdir -p "$bin"
for b in "$@"; do
  out=$(find "$src/_output" -type f -name "$b" -perm -u+x | head -n 1)
  [[ -n $out ]] || { printf '[build] ERROR: build finished but %s is not under %s/_output\n' "$b" "$src" >&2; exit 1; }
  install -m 0755 "$out" "$bin/$b.tmp" && mv -f "$bin/$b.tmp" "$bin/$b"
done
