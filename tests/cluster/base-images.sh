#!/usr/bin/env bash
# Makes the two base images the test bed's images are published on, from Debian packages, and pushes them to a
# registry with skopeo: what the SDK's PublishContainer would take from mcr.microsoft.com/dotnet, built here.
#   base-images.sh REGISTRY   (HOST:PORT, plain HTTP: the loopback registry of tests/cluster/registry.sh)
# Prints the two references, one a line: runtime-deps (for the Native AOT operator) then aspnet (for the rest).
# - runtime-deps: Debian's libc6, libgcc-s1, libstdc++6, libssl3, zlib1g, tzdata and ca-certificates unpacked
#   (dpkg-deb -x, no maintainer scripts: the loader cache and the CA bundle are made here), the user app (65532),
#   a world-writable /tmp, /app;
# - aspnet: runtime-deps with this machine's .NET runtime and ASP.NET Core shared framework in /usr/share/dotnet.
# umoci assembles each layer in an OCI layout; images already in the registry are left as they are.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
registry=${1:?usage: base-images.sh REGISTRY}
packages=(libc6 libgcc-s1 libstdc++6 libssl3 zlib1g tzdata ca-certificates)
dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
runtime=$(ls -d "$dotnet_root"/shared/Microsoft.NETCore.App/* | sort -V | tail -n 1)
aspnet=$(ls -d "$dotnet_root"/shared/Microsoft.AspNetCore.App/* | sort -V | tail -n 1)
deps_ref=$registry/netra/runtime-deps:bookworm
aspnet_ref=$registry/netra/aspnet:$(basename "$runtime")
log() { printf '[base-images] %s\n' "$*" >&2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
layout=$work/layout
push() { skopeo copy -q --dest-tls-verify=false "oci:$layout:$1" "docker://$2" >&2; }

if ! image_present "$deps_ref"; then
  log "$deps_ref: ${packages[*]}"
  (cd "$work" && apt-get download -q "${packages[@]}" >/dev/null 2>&1) || { log "apt-get download ${packages[*]} failed"; exit 1; }
  root=$work/runtime-deps
  mkdir -p "$root"
  for deb in "$work"/*.deb; do dpkg-deb -x "$deb" "$root"; done
  rm -rf "$root"/usr/share/{doc,man,info,lintian,locale}
  mkdir -p "$root/etc/ssl/certs" "$root/app" "$root/tmp"
  chmod 1777 "$root/tmp"
  find "$root/usr/share/ca-certificates" -name '*.crt' | sort | xargs cat >"$root/etc/ssl/certs/ca-certificates.crt"
  printf 'root:x:0:0:root:/root:/sbin/nologin\napp:x:65532:65532:app:/app:/sbin/nologin\n' >"$root/etc/passwd"
  printf 'root:x:0:\napp:x:65532:\n' >"$root/etc/group"
  ldconfig -r "$root"
  umoci init --layout "$layout"
  umoci new --image "$layout:runtime-deps"
  umoci insert --image "$layout:runtime-deps" "$root" /
  umoci config --image "$layout:runtime-deps" --os linux --architecture amd64 --config.user 65532:65532 \
    --config.workingdir /app --config.env APP_UID=65532 \
    --config.env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
  push runtime-deps "$deps_ref"
fi

if ! image_present "$aspnet_ref"; then
  log "$aspnet_ref: $deps_ref with .NET $(basename "$runtime")"
  skopeo copy -q --src-tls-verify=false "docker://$deps_ref" "oci:$layout:aspnet" >&2
  root=$work/dotnet/usr/share/dotnet
  mkdir -p "$root/shared/Microsoft.NETCore.App" "$root/shared/Microsoft.AspNetCore.App"
  cp -a "$dotnet_root/dotnet" "$dotnet_root/host" "$root/"
  cp -a "$runtime" "$root/shared/Microsoft.NETCore.App/"
  cp -a "$aspnet" "$root/shared/Microsoft.AspNetCore.App/"
  mkdir -p "$work/dotnet/usr/bin"
  ln -s ../share/dotnet/dotnet "$work/dotnet/usr/bin/dotnet"
  umoci insert --image "$layout:aspnet" "$work/dotnet" /
  umoci config --image "$layout:aspnet" --config.env DOTNET_ROOT=/usr/share/dotnet --config.env DOTNET_RUNNING_IN_CONTAINER=true \
    --config.env DOTNET_gcServer=0
  push aspnet "$aspnet_ref"
fi
printf '%s\n%s\n' "$deps_ref" "$aspnet_ref"
