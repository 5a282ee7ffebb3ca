#!/usr/bin/env bash
# Stops the one-node cluster tests/cluster/up.sh started and leaves the host as it found it: every
# daemon and pod ended, mounts, network namespaces, the bridge and the iptables rules removed, the
# sysctls put back. containerd's images stay (under /var/lib/netra-cluster/containerd). Safe to run
# again, and on a half-started cluster.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"
[[ $(id -u) -eq 0 ]] || fail "must run as root"
[[ -d $STATE ]] || exit 0

stop_daemon kubelet
for d in dns-feed dnsmasq kube-proxy kube-scheduler kube-controller-manager; do stop_daemon "$d" & done
wait
# The pods' containers: killed and removed, so the next containerd starts with no sandbox of this run.
if [[ -S $SOCK ]] && ctr --address "$SOCK" --timeout 10s version >/dev/null 2>&1; then
  k8s=(ctr --address "$SOCK" --timeout 20s -n k8s.io)
  for id in $("${k8s[@]}" tasks ls -q 2>/dev/null); do
    "${k8s[@]}" tasks kill -s SIGKILL "$id" >/dev/null 2>&1 || true
  done
  for id in $("${k8s[@]}" tasks ls -q 2>/dev/null); do "${k8s[@]}" tasks delete -f "$id" >/dev/null 2>&1 || true; done
  for id in $("${k8s[@]}" containers ls -q 2>/dev/null); do "${k8s[@]}" containers delete "$id" >/dev/null 2>&1 || true; done
fi
stop_daemon containerd
[[ -x $BIN_DIR/kube-proxy ]] && "$BIN_DIR/kube-proxy" --cleanup >/dev/null 2>&1 || true
# What --cleanup leaves: the kubelet's and kube-proxy's empty helper chains.
for ipt in iptables ip6tables; do
  for table in nat filter mangle; do
    chains=$("$ipt" -t "$table" -S 2>/dev/null | awk '$1 == "-N" && $2 ~ /^KUBE-/ {print $2}')
    for c in $chains; do "$ipt" -t "$table" -F "$c" 2>/dev/null || true; done
    for c in $chains; do "$ipt" -t "$table" -X "$c" 2>/dev/null || true; done
  done
done
stop_daemon kube-apiserver
stop_daemon etcd

# Volumes, sandboxes' /dev/shm and rootfs mounts; then the pods' network namespaces (their veths go with them).
# (The kubelet bind-mounts its root onto itself.)
findmnt -rn -o TARGET | { grep -E "^($KUBELET_ROOT|$STATE)(/|$)" || true; } | sort -r | while read -r m; do umount -l "$m" || true; done
for ns in $(ip netns list 2>/dev/null | awk '$1 ~ /^cni-/ {print $1}'); do ip netns delete "$ns" || true; done
ip link show "$BRIDGE" >/dev/null 2>&1 && ip link delete "$BRIDGE"
if iptables -C FORWARD -j NETRA-FORWARD 2>/dev/null; then iptables -D FORWARD -j NETRA-FORWARD; fi
iptables -F NETRA-FORWARD 2>/dev/null && iptables -X NETRA-FORWARD
if [[ -f $STATE/sysctl.saved ]]; then sysctl -q -p "$STATE/sysctl.saved" >/dev/null || true; fi
rm -rf "$STATE" "$KUBELET_ROOT" /var/log/pods /var/log/containers
log "cluster stopped"
