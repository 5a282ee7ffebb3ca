#!/usr/bin/env bash
# The test bed's OCI registry on loopback ($REGISTRY, Debian's docker-registry, plain HTTP): tests/cluster/images.sh
# publishes the images to it with the SDK's PublishContainer, and the one-node cluster's containerd pulls them from it
# (configs.sh makes it the mirror of ghcr.io). Its storage is kept between runs, beside the node binaries, so what is
# unchanged is not pushed again.
#   registry.sh start   (returns once it answers; one already running is left as it is)
#   registry.sh stop
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"
run=/run/netra-registry
answers() { curl -sf "http://$REGISTRY/v2/" >/dev/null; }

case ${1:-} in
  start)
    answers && exit 0
    mkdir -p "$run" "$CACHE_DIR/registry"
    cat >"$run/config.yml" <<YAML
version: 0.1
log: {level: warn, accesslog: {disabled: true}}
storage: {filesystem: {rootdirectory: $CACHE_DIR/registry}, delete: {enabled: true}}
http: {addr: $REGISTRY}
YAML
    setsid docker-registry serve "$run/config.yml" >"$run/registry.log" 2>&1 </dev/null &
    echo $! >"$run/pid"
    wait_for "registry $REGISTRY" 30 answers
    ;;
  stop)
    [[ -f $run/pid ]] || exit 0
    kill -TERM "$(cat "$run/pid")" 2>/dev/null || true
    rm -rf "$run"
    ;;
  *) echo "usage: registry.sh start|stop" >&2; exit 2 ;;
esac
