#!/usr/bin/env bash
# Packages the four Helm charts at the product's version (hack/release/version.sh): chart version and appVersion both,
# so `helm install --version 0.2.0` installs the 0.2.0 images. Writes OUTDIR/CHART-VERSION.tgz; with
# --push oci://REGISTRY[/PATH] it also pushes each to that OCI registry (after `helm registry login`), where
# `helm install NAME oci://REGISTRY/PATH/CHART --version VERSION` finds it. The release workflow runs it.
set -euo pipefail

usage="usage: hack/release/charts.sh OUTDIR [--push oci://REGISTRY[/PATH]]"
if [[ $# -eq 1 && $1 != -* ]]; then
  push=""
elif [[ $# -eq 3 && $1 != -* && $2 == --push && $3 == oci://* ]]; then
  push=$3
else
  echo "$usage" >&2
  exit 2
fi
out=$(realpath -m "$1")
cd "$(dirname "$0")/../.."

version=$(hack/release/version.sh)
mkdir -p "$out"
for chart in netra-operator netra-auth netra-backend netra-agent; do
  helm package "charts/$chart" --version "$version" --app-version "$version" --destination "$out"
  if [[ -n $push ]]; then
    helm push "$out/$chart-$version.tgz" "$push"
  fi
done
