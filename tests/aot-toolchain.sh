#!/usr/bin/env bash
# Installs what `dotnet publish src/OperatorImage` (Native AOT) links the operator image's executable
# with: a C toolchain and zlib's headers. Idempotent: installs only what is missing.
set -euo pipefail

missing=()
for package in gcc zlib1g-dev; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

[[ $(id -u) -eq 0 ]] || { echo "[aot-toolchain] ERROR: must run as root to install ${missing[*]}" >&2; exit 1; }
echo "[aot-toolchain] apt-get install ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q -o DPkg::Lock::Timeout=600 >/dev/null
apt-get install -y -q -o DPkg::Lock::Timeout=600 --no-install-recommends "${missing[@]}" >/dev/null
