# Shared by up.sh and down.sh (sourced): where the one-node cluster lives and how its pieces are run.
# One cluster a machine: the bridge, the node IP and the ports below are fixed. Ports sit below the
# ephemeral range, so the control-plane tests' free loopback ports never take them.

CACHE_DIR="${NETRA_CACHE_DIR:-/var/cache/netra}"
BIN_DIR="$CACHE_DIR/kubernetes-1.20.2/bin"
# Per run: sockets, pids, logs, keys (removed by down.sh). Short: containerd's shim sockets live below it.
STATE=/run/netra-cluster
# Per run, on disk: the kubelet's pods and volumes (removed by down.sh).
KUBELET_ROOT=/var/lib/netra-cluster/kubelet
# Kept between runs: containerd's content and snapshots, so imported images stay.
CONTAINERD_ROOT=/var/lib/netra-cluster/containerd
BRIDGE=netra0
NODE_IP=10.88.0.1
POD_CIDR=10.88.0.0/16
SERVICE_CIDR=10.96.0.0/24
NODE_NAME=netra-node
API_PORT=6443
ETCD_PORT=12379
ETCD_PEER_PORT=12380
# The loopback registry the images are published to and containerd pulls from (registry.sh).
REGISTRY=127.0.0.1:5055
SOCK="$STATE/containerd.sock"
# Host settings the kubelet, kube-proxy and the bridge change; down.sh puts them back.
SYSCTLS=(net.ipv4.ip_forward net.ipv4.conf.all.route_localnet net.bridge.bridge-nf-call-iptables
  vm.overcommit_memory vm.panic_on_oom kernel.panic kernel.panic_on_oops)

log() { printf '[cluster] %s\n' "$*" >&2; }
# Whether the plain-HTTP registry holds an image (REF: HOST:PORT/NAME:TAG).
image_present() { skopeo inspect --tls-verify=false --raw "docker://$1" >/dev/null 2>&1; }
fail() { printf '[cluster] ERROR: %s\n' "$*" >&2; exit 1; }

# Starts a daemon in its own session (so down.sh can end its whole group), output to logs/NAME.log.
start_daemon() {
  local name=$1
  shift
  setsid "$@" >"$STATE/logs/$name.log" 2>&1 </dev/null &
  echo $! >"$STATE/pids/$name"
}

# Ends a daemon started by start_daemon: TERM to its group, KILL after 10 s.
stop_daemon() {
  local name=$1 pid i
  [[ -f $STATE/pids/$name ]] || return 0
  pid=$(cat "$STATE/pids/$name")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 100; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      wait_a_moment
    done
    kill -KILL -- "-$pid" 2>/dev/null || true
  fi
  rm -f "$STATE/pids/$name"
}

# A tenth of a second, between two checks of a condition that has a deadline.
wait_a_moment() { sleep 0.1; }

# Polls a command until it succeeds; fails after LIMIT seconds with what it waited for.
# wait_for WHAT LIMIT COMMAND...
wait_for() {
  local what=$1 limit=$2 deadline
  shift 2
  deadline=$((SECONDS + limit))
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || fail "timed out after ${limit} s waiting for $what"
    wait_a_moment
  done
}

# The API as the cluster admin.
api() {
  curl -sS --fail --max-time 10 --cacert "$STATE/pki/ca.crt" -H "Authorization: Bearer $(cat "$STATE/pki/admin.token")" \
    "https://$NODE_IP:$API_PORT$1" "${@:2}"
}
