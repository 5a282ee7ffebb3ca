#!/usr/bin/env bash
# Checks the node end to end by hand: starts the cluster (up.sh), runs a Job whose pod is what Pod
# Security "restricted" allows (non-root, no privilege escalation, every capability dropped,
# RuntimeDefault seccomp, read-only root) to Complete, and stops the cluster again (down.sh).
# The pod runs the sandbox image's pause binary with -v, which prints its version and exits 0.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"
trap '"$here/down.sh"' EXIT
"$here/up.sh"

start=$SECONDS
api /apis/batch/v1/namespaces/default/jobs -X POST -H 'Content-Type: application/json' -o /dev/null -d '{
  "apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": "restricted"},
  "spec": {"backoffLimit": 0, "template": {"spec": {"restartPolicy": "Never", "automountServiceAccountToken": false,
    "securityContext": {"runAsNonRoot": true, "runAsUser": 65532, "seccompProfile": {"type": "RuntimeDefault"}},
    "containers": [{"name": "pause", "image": "netra.local/pause:3.4.1", "args": ["-v"],
      "securityContext": {"allowPrivilegeEscalation": false, "readOnlyRootFilesystem": true, "capabilities": {"drop": ["ALL"]}}}]}}}}'
complete() { api /apis/batch/v1/namespaces/default/jobs/restricted | jq -e '.status.succeeded == 1'; }
wait_for "Job default/restricted Complete" 120 complete
log "restricted Job Complete $((SECONDS - start)) s after it was created"
