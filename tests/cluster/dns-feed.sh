#!/usr/bin/env bash
# Cluster DNS without CoreDNS (Debian has none): keeps dnsmasq's hosts file equal to the Services'
# ClusterIPs (<svc>.<ns>.svc.cluster.local), re-listing on every watch event and reloading dnsmasq.
#   dns-feed.sh DNSMASQ_PID   (started by up.sh; ends with its process group)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
dnsmasq_pid=$1
hosts=$STATE/dns/hosts

refresh() {
  api /api/v1/services | jq -r '.items[] | select(.spec.clusterIP != "None" and .spec.clusterIP != null)
      | "\(.spec.clusterIP) \(.metadata.name).\(.metadata.namespace).svc.cluster.local \(.metadata.name).\(.metadata.namespace).svc"' \
    >"$hosts.tmp"
  if ! cmp -s "$hosts.tmp" "$hosts"; then
    mv -f "$hosts.tmp" "$hosts"
    kill -HUP "$dnsmasq_pid"
  fi
}

while :; do
  # A watch opened without a resourceVersion first replays every Service; each event re-lists.
  api "/api/v1/services?watch=1&timeoutSeconds=300" --max-time 310 -N | while read -r _; do refresh; done \
    || sleep 1 # the API server is not answering (yet or any more): retry, not in a tight loop
done
