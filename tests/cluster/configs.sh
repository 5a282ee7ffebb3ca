# Sourced by up.sh: containerd's, the CNI's, the kubelet's and kube-proxy's configuration under $STATE.
write_configs() {
  mkdir -p "$STATE/cni" "$STATE/dns" "$CONTAINERD_ROOT" "$KUBELET_ROOT"
  # restrict_oom_score_adj: this VM lacks CAP_SYS_RESOURCE, and without it every sandbox fails on
  # /proc/self/oom_score_adj. The sandbox image is the pause binary install.sh compiles. Images are pulled from the
  # loopback registry: it is ghcr.io's mirror (the charts' defaults name ghcr.io/netra/*), over plain HTTP.
  cat >"$STATE/containerd.toml" <<EOF
version = 2
root = "$CONTAINERD_ROOT"
state = "$STATE/containerd"
[grpc]
  address = "$SOCK"
[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "$REGISTRY/netra/pause:3.4.1"
  restrict_oom_score_adj = true
  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "overlayfs"
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "/usr/lib/cni"
    conf_dir = "$STATE/cni"
  [plugins."io.containerd.grpc.v1.cri".registry]
    config_path = "$STATE/certs.d"
EOF
  mkdir -p "$STATE/certs.d/ghcr.io" "$STATE/certs.d/$REGISTRY"
  printf 'server = "https://ghcr.io"\n[host."http://%s"]\n  capabilities = ["pull", "resolve"]\n' "$REGISTRY" \
    >"$STATE/certs.d/ghcr.io/hosts.toml"
  printf 'server = "http://%s"\n' "$REGISTRY" >"$STATE/certs.d/$REGISTRY/hosts.toml"
  # No ipMasq: pods have no way out of this machine (the FORWARD rules in up.sh drop it too).
  cat >"$STATE/cni/10-netra.conflist" <<EOF
{"cniVersion": "0.4.0", "name": "netra", "plugins": [{
  "type": "bridge", "bridge": "$BRIDGE", "isGateway": true, "ipMasq": false, "hairpinMode": true,
  "ipam": {"type": "host-local", "dataDir": "$STATE/cni-ipam",
    "ranges": [[{"subnet": "$POD_CIDR", "gateway": "$NODE_IP"}]], "routes": [{"dst": "0.0.0.0/0"}]}}]}
EOF
  # Pods resolve through dnsmasq on the node IP and nothing else: no search path or server from the host.
  : >"$STATE/resolv.conf"
  # No QoS cgroups or allocatable enforcement (the VM's cgroup v1 hierarchy is the test's own);
  # image GC off, so pulled images stay for the next test; the kubelet serves on the node IP (the API server
# reaches it there, for logs and exec) to clients with a certificate of the cluster's CA, its health on loopback.
  cat >"$STATE/kubelet.yaml" <<EOF
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
address: $NODE_IP
healthzBindAddress: 127.0.0.1
readOnlyPort: 0
authentication: {anonymous: {enabled: false}, webhook: {enabled: false}, x509: {clientCAFile: $STATE/pki/ca.crt}}
authorization: {mode: AlwaysAllow}
cgroupDriver: cgroupfs
cgroupsPerQOS: false
enforceNodeAllocatable: []
failSwapOn: false
makeIPTablesUtilChains: false
clusterDNS: [$NODE_IP]
clusterDomain: cluster.local
resolvConf: $STATE/resolv.conf
imageGCHighThresholdPercent: 100
imageGCLowThresholdPercent: 99
evictionHard: {memory.available: "100Mi", nodefs.available: "1%", imagefs.available: "1%", nodefs.inodesFree: "1%"}
serializeImagePulls: false
EOF
  # conntrack left as the host has it (maxPerCore 0); kube-proxy serves on loopback only.
  cat >"$STATE/kube-proxy.yaml" <<EOF
apiVersion: kubeproxy.config.k8s.io/v1alpha1
kind: KubeProxyConfiguration
clientConnection: {kubeconfig: $STATE/admin.kubeconfig}
mode: iptables
clusterCIDR: $POD_CIDR
hostnameOverride: $NODE_NAME
bindAddress: 127.0.0.1
healthzBindAddress: 127.0.0.1:10256
metricsBindAddress: 127.0.0.1:10249
conntrack: {maxPerCore: 0, min: 0}
EOF
}
