#!/usr/bin/env bash
# Starts a real one-node Kubernetes 1.20 cluster on this machine, no Docker: etcd, kube-apiserver on
# the node IP (10.88.0.1, a bridge made first: the kubelet refuses 127.0.0.1), kube-controller-manager,
# kube-scheduler, containerd, the kubelet, kube-proxy and dnsmasq as cluster DNS. containerd pulls the images from
# the loopback registry (registry.sh; images.sh publishes to it). Returns when the node is Ready; everything it
# started runs on until tests/cluster/down.sh (the registry until registry.sh stop).
# Needs tests/cluster/install.sh and images.sh first. Writes $STATE/admin.kubeconfig (STATE=/run/netra-cluster).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"
source "$here/pki.sh"
source "$here/configs.sh"

[[ $(id -u) -eq 0 ]] || fail "must run as root"
for b in kube-apiserver kube-controller-manager kube-scheduler kubelet kube-proxy etcd; do
  [[ -x $BIN_DIR/$b ]] || fail "$BIN_DIR/$b missing: run tests/cluster/install.sh"
done
# One cluster a machine: a running one is someone's (down.sh stops it); one whose API server is gone was
# left by a run that was killed: clean it away first.
if [[ -f $STATE/pids/kube-apiserver ]] && kill -0 "$(cat "$STATE/pids/kube-apiserver")" 2>/dev/null; then
  log "ERROR: a cluster is already running on this machine ($STATE); tests/cluster/down.sh stops it"
  exit 3 # not ours to stop: the caller must not run down.sh
fi
[[ -d $STATE ]] && "$here/down.sh"
trap 'rc=$?; if [[ $rc -ne 0 ]]; then log "start failed; logs in $STATE/logs:"; tail -n 15 "$STATE"/logs/*.log >&2 || true; fi' EXIT
start=$SECONDS
mkdir -p "$STATE/logs" "$STATE/pids"
for s in "${SYSCTLS[@]}"; do printf '%s=%s\n' "$s" "$(sysctl -n "$s")"; done >"$STATE/sysctl.saved"

# --- network: the bridge (node IP), forwarding only between pods and to/from this host
ip link add "$BRIDGE" type bridge
ip addr add "$NODE_IP/16" dev "$BRIDGE"
ip link set "$BRIDGE" up
sysctl -qw net.ipv4.ip_forward=1 net.bridge.bridge-nf-call-iptables=1
iptables -N NETRA-FORWARD
iptables -A NETRA-FORWARD -i "$BRIDGE" -o "$BRIDGE" -j ACCEPT
iptables -A NETRA-FORWARD -i "$BRIDGE" -j DROP
iptables -A NETRA-FORWARD -o "$BRIDGE" -j DROP
iptables -I FORWARD 1 -j NETRA-FORWARD

write_pki
write_configs
kubeconfig=$STATE/admin.kubeconfig

# --- control plane
start_daemon etcd "$BIN_DIR/etcd" --name=netra-node --data-dir="$STATE/etcd" --unsafe-no-fsync \
  --listen-client-urls="http://127.0.0.1:$ETCD_PORT" --advertise-client-urls="http://127.0.0.1:$ETCD_PORT" \
  --listen-peer-urls="http://127.0.0.1:$ETCD_PEER_PORT" --initial-advertise-peer-urls="http://127.0.0.1:$ETCD_PEER_PORT" \
  --initial-cluster="netra-node=http://127.0.0.1:$ETCD_PEER_PORT"
wait_for "etcd" 60 curl -sf "http://127.0.0.1:$ETCD_PORT/health"
# On the node IP, so pods reach it through the kubernetes Service; ServiceAccount admission on. It reaches the
# kubelet at the node's InternalIP, never by node name: no lookup asks the machine's resolver.
start_daemon kube-apiserver "$BIN_DIR/kube-apiserver" --etcd-servers="http://127.0.0.1:$ETCD_PORT" \
  --kubelet-preferred-address-types=InternalIP \
  --kubelet-client-certificate="$STATE/pki/kubelet-client.crt" --kubelet-client-key="$STATE/pki/kubelet-client.key" \
  --bind-address="$NODE_IP" --advertise-address="$NODE_IP" --secure-port="$API_PORT" --insecure-port=0 \
  --tls-cert-file="$STATE/pki/apiserver.crt" --tls-private-key-file="$STATE/pki/apiserver.key" \
  --client-ca-file="$STATE/pki/ca.crt" --token-auth-file="$STATE/pki/tokens.csv" \
  --service-cluster-ip-range="$SERVICE_CIDR" --service-account-issuer=https://kubernetes.default.svc \
  --service-account-key-file="$STATE/pki/sa.pub" --service-account-signing-key-file="$STATE/pki/sa.key" \
  --authorization-mode=Node,RBAC --allow-privileged=false --cert-dir="$STATE/pki/apiserver"
wait_for "kube-apiserver /readyz" 90 api /readyz
start_daemon kube-controller-manager "$BIN_DIR/kube-controller-manager" --kubeconfig="$kubeconfig" \
  --authentication-kubeconfig="$kubeconfig" --authorization-kubeconfig="$kubeconfig" --leader-elect=false \
  --controllers=job,garbagecollector,namespace,serviceaccount-token,serviceaccount,nodelifecycle,endpoint,endpointslice,endpointslicemirroring,deployment,replicaset,root-ca-cert-publisher,podgc,resourcequota \
  --service-account-private-key-file="$STATE/pki/sa.key" --root-ca-file="$STATE/pki/ca.crt" \
  --bind-address=127.0.0.1 --secure-port=10257 --port=0 --cert-dir="$STATE/pki/controller-manager" \
  --kube-api-qps=100 --kube-api-burst=200
start_daemon kube-scheduler "$BIN_DIR/kube-scheduler" --kubeconfig="$kubeconfig" \
  --authentication-kubeconfig="$kubeconfig" --authorization-kubeconfig="$kubeconfig" --leader-elect=false \
  --bind-address=127.0.0.1 --secure-port=10259 --port=0 --cert-dir="$STATE/pki/scheduler"

# --- node
start_daemon containerd containerd --config "$STATE/containerd.toml"
wait_for "containerd" 30 ctr --address "$SOCK" version
"$here/registry.sh" start
# Images an earlier run pulled may be older than the registry's (same tag, IfNotPresent): this run pulls its own.
ctr --address "$SOCK" -n k8s.io images ls -q | { grep -E "^(ghcr\.io/netra/|$REGISTRY/)" || true; } \
  | xargs -r ctr --address "$SOCK" -n k8s.io images rm >/dev/null
start_daemon kubelet "$BIN_DIR/kubelet" --config="$STATE/kubelet.yaml" --kubeconfig="$kubeconfig" \
  --container-runtime=remote --container-runtime-endpoint="unix://$SOCK" --runtime-request-timeout=2m \
  --root-dir="$KUBELET_ROOT" --cert-dir="$STATE/pki/kubelet" --node-ip="$NODE_IP" --hostname-override="$NODE_NAME"
start_daemon kube-proxy "$BIN_DIR/kube-proxy" --config="$STATE/kube-proxy.yaml"
start_daemon dnsmasq dnsmasq --keep-in-foreground --conf-file=/dev/null --bind-interfaces --listen-address="$NODE_IP" \
  --no-resolv --no-hosts --addn-hosts="$STATE/dns/hosts" --local=/cluster.local/ --domain-needed --log-facility=- \
  --pid-file="$STATE/dnsmasq.pid"
touch "$STATE/dns/hosts"
start_daemon dns-feed "$here/dns-feed.sh" "$(cat "$STATE/pids/dnsmasq")"

node_ready() { api "/api/v1/nodes/$NODE_NAME" | jq -e '.status.conditions[] | select(.type == "Ready") | .status == "True"'; }
wait_for "node $NODE_NAME Ready" 120 node_ready
# Pods are admitted only once their namespace has its ServiceAccount (the serviceaccount controller).
wait_for "ServiceAccount default/default" 60 api /api/v1/namespaces/default/serviceaccounts/default
log "cluster up in $((SECONDS - start)) s: kubeconfig $kubeconfig"
