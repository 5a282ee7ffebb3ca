#!/usr/bin/env bash
# Quick start on a machine with Docker and kind (docs/install.md, "Quick start on kind"): builds the
# five images with the .NET SDK's container support, loads them into a kind cluster, installs the
# operator chart, runs an Ephemeral TestRun and prints its result. Exit code 0 only if it succeeded.
# Every kubectl and helm command names the cluster's context; your current context stays what it was.
#   hack/kind-up.sh            # cluster "netra"; CLUSTER=name to choose another
set -euo pipefail
cd "$(dirname "$0")/.."

CLUSTER=${CLUSTER:-netra}
CONTEXT=kind-$CLUSTER
VERSION=$(dotnet msbuild src/OperatorImage/Netra.Operator.Image.csproj -getProperty:Version)
IMAGES=(netra-auth:src/Services/Auth netra-agent:src/Services/Agent netra-backend:src/Services/Backend
        netra-probes:src/Probes netra-operator:src/OperatorImage)

for tool in docker kind kubectl helm dotnet; do
  command -v "$tool" >/dev/null || { echo "kind-up: $tool is not installed" >&2; exit 2; }
done

echo "== cluster $CLUSTER (context $CONTEXT)"
if ! kind get clusters | grep -qx "$CLUSTER"; then
  # kind makes the new cluster the current context: put back the one you had.
  previous=$(kubectl config current-context 2>/dev/null || true)
  kind create cluster --name "$CLUSTER"
  if [[ -n $previous ]]; then kubectl config use-context "$previous" >/dev/null; fi
fi
kubectl() { command kubectl --context "$CONTEXT" "$@"; }
helm() { command helm --kube-context "$CONTEXT" "$@"; }

for image in "${IMAGES[@]}"; do
  name=${image%%:*} project=${image#*:}
  echo "== image $name from $project"
  # Into the local Docker daemon as netra/<name>:<version>; the operator's is compiled ahead of time (gcc or clang).
  dotnet publish "$project" -c Release -t:PublishContainer -v quiet
  # The name every chart default uses, so that no value needs changing; pullPolicy IfNotPresent keeps it.
  docker tag "netra/$name:$VERSION" "ghcr.io/netra/$name:$VERSION"
  kind load docker-image "ghcr.io/netra/$name:$VERSION" --name "$CLUSTER"
done

echo "== operator"
helm upgrade --install netra-operator charts/netra-operator -n netra-system --create-namespace --wait --timeout 5m

echo "== TestRun"
kubectl create namespace netra-demo --dry-run=client -o yaml | kubectl apply -f - >/dev/null
run=$(kubectl -n netra-demo create -o name -f - <<'YAML'
apiVersion: netra.io/v1alpha1
kind: TestRun
metadata:
  generateName: kind-
spec:
  scenarios: [auth-websocket-handshake, agent-lifecycle-events, cross-service-auth-sync, thread-management]
  parallelism: 2
  timeout: 15m
YAML
)
echo "$run: waiting (kubectl -n netra-demo describe $run shows its progress)"
kubectl -n netra-demo wait --for=condition=Finished "$run" --timeout=16m

kubectl -n netra-demo get "$run"
kubectl -n netra-demo get "$run" -o jsonpath='{range .status.scenarios[*]}{.name}{"\t"}{.result}{"\n"}{end}'
[[ $(kubectl -n netra-demo get "$run" -o jsonpath='{.status.phase}') == Succeeded ]]
