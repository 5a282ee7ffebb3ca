#!/usr/bin/env bash
# Tools the chart and GitOps tests run as processes: a Lua interpreter for the Argo CD health check
# (gitops/argocd/testrun-health). Installs only what is missing; safe to run again.
set -euo pipefail

missing=()
if ! command -v lua5.4 >/dev/null && ! command -v lua5.3 >/dev/null; then
  missing+=(lua5.4)
fi

if ((${#missing[@]})); then
  sudo=""
  if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
