#!/usr/bin/env bash
# Builds the five images the charts and the operator's defaults name (ghcr.io/netra/<name>:<version>,
# IfNotPresent: never pulled), and the deploy Job's stand-in for helm (netra-helm-stand-in, tests/Netra.HelmStandIn:
# no helm binary can be built here; the cluster tests install the operator with helmImage set to it), as OCI archives in artifacts/cluster-images, from the projects' publish
# output; tests/cluster/up.sh imports them into containerd. No Docker and no registry: what the SDK's
# PublishContainer would make, one layer at a time:
# - the services, the probes and the helm stand-in: a base layer with this machine's .NET runtime (what the aspnet base
#   image holds: the dotnet host, Microsoft.NETCore.App and Microsoft.AspNetCore.App), the glibc,
#   libstdc++, libgcc_s they link and the libssl/libcrypto System.Net opens, shared by all four; then
#   the framework-dependent publish output in /app, started by its apphost;
# - the operator: its Native AOT executable (src/OperatorImage, published by tests/run.sh) with the
#   libraries it links and opens, and the machine's time-zone data (/usr/share/zoneinfo, Debian's tzdata).
# User 65532, invariant globalization (no ICU in the image), working directory /app.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
source "$here/oci-image.sh"
out=$repo/artifacts/cluster-images
version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$repo/Directory.Build.props")
dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out/layers"
log() { printf '[images] %s\n' "$*" >&2; }

# Copies each ELF file's shared libraries (ldd's answer, the loader included) into ROOT, same paths.
add_libraries() {
  local root=$1
  shift
  # (Headers "FILE:" and the files themselves, which are already in ROOT, are left out.)
  ldd "$@" 2>/dev/null | awk -v root="$root" '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\// && $1 !~ /:$/ {print $1}' \
    | { grep -v "^$root" || true; } | sort -u | while read -r lib; do
    cp -L --parents "$lib" "$root"
  done
}

# What every image has: the non-root user, a writable /tmp for an emptyDir to cover, /app.
add_skeleton() {
  local root=$1
  mkdir -p "$root/etc" "$root/app" "$root/tmp"
  chmod 1777 "$root/tmp"
  printf 'root:x:0:0:root:/root:/sbin/nologin\napp:x:65532:65532:app:/app:/sbin/nologin\n' >"$root/etc/passwd"
  printf 'root:x:0:\napp:x:65532:\n' >"$root/etc/group"
  local ssl
  for ssl in libssl.so.3 libcrypto.so.3; do cp -L --parents "/usr/lib/x86_64-linux-gnu/$ssl" "$root"; done
  add_libraries "$root" "$root"/usr/lib/x86_64-linux-gnu/lib{ssl,crypto}.so.3
}

dotnet_base() {
  local root=$work/base runtime aspnet
  runtime=$(ls -d "$dotnet_root"/shared/Microsoft.NETCore.App/* | sort -V | tail -n 1)
  aspnet=$(ls -d "$dotnet_root"/shared/Microsoft.AspNetCore.App/* | sort -V | tail -n 1)
  local layer=$out/layers/base-dotnet-$(basename "$runtime").tar
  if [[ ! -f $layer ]]; then
    log "base layer: .NET $(basename "$runtime") and its libraries"
    mkdir -p "$root/usr/share/dotnet/shared/Microsoft.NETCore.App" "$root/usr/share/dotnet/shared/Microsoft.AspNetCore.App"
    cp -a "$dotnet_root/dotnet" "$dotnet_root/host" "$root/usr/share/dotnet/"
    cp -a "$runtime" "$root/usr/share/dotnet/shared/Microsoft.NETCore.App/"
    cp -a "$aspnet" "$root/usr/share/dotnet/shared/Microsoft.AspNetCore.App/"
    add_skeleton "$root"
    add_libraries "$root" "$root/usr/share/dotnet/dotnet" $(find "$root/usr/share/dotnet" -name '*.so')
    layer_tar "$root" "$layer.tmp" && mv -f "$layer.tmp" "$layer"
  fi
  printf '%s' "$layer"
}

base=$(dotnet_base)
for project in src/Services/Auth:netra-auth src/Services/Backend:netra-backend src/Services/Agent:netra-agent src/Probes:netra-probes \
  tests/Netra.HelmStandIn:netra-helm-stand-in; do
  name=${project#*:}
  log "$name: dotnet publish ${project%:*}"
  rm -rf "$work/$name"
  dotnet publish "$repo/${project%:*}" -c Release -o "$work/$name/app" -v quiet -nologo >"$work/$name.log" 2>&1 \
    || { tail -n 30 "$work/$name.log" >&2; exit 1; }
  # The SQLite library for other platforms and the debug symbols stay out.
  find "$work/$name/app" -name '*.pdb' -delete
  find "$work/$name/app/runtimes" -mindepth 1 -maxdepth 1 ! -name linux-x64 ! -name unix -exec rm -rf {} + 2>/dev/null || true
  layer_tar "$work/$name" "$work/$name.layer.tar"
  oci_image "$out/$name.tar" "ghcr.io/netra/$name:$version" "[\"/app/$name\"]" "$base" "$work/$name.layer.tar" -- \
    DOTNET_ROOT=/usr/share/dotnet DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 DOTNET_gcServer=0
done

operator=$repo/artifacts/publish/Netra.Operator.Image/release/netra-operator
[[ -x $operator ]] || { log "$operator missing: dotnet publish src/OperatorImage -c Release"; exit 1; }
log "netra-operator: the Native AOT executable"
install -D -m 0755 "$operator" "$work/operator/app/netra-operator"
add_skeleton "$work/operator"
add_libraries "$work/operator" "$operator"
# Time-zone data for TestRunSchedules' timeZone (the SDK's runtime-deps base image carries Debian's tzdata too).
mkdir -p "$work/operator/usr/share"
cp -a /usr/share/zoneinfo "$work/operator/usr/share/zoneinfo"
layer_tar "$work/operator" "$work/operator.layer.tar"
oci_image "$out/netra-operator.tar" "ghcr.io/netra/netra-operator:$version" '["/app/netra-operator"]' "$work/operator.layer.tar" -- \
  DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1
log "images in $out: $(cd "$out" && ls ./*.tar | tr '\n' ' ')"
