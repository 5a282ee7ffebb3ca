#!/usr/bin/env bash
# Publishes the images the one-node cluster runs to the loopback registry (registry.sh, started here if it is not),
# as a user publishes to theirs: the base images made from Debian packages (base-images.sh), the sandbox ("pause")
# image of the binary install.sh compiles, then the five product images and the deploy Job's stand-in for helm
# (tests/Netra.HelmStandIn: no helm binary can be built here; the cluster tests install the operator with helmImage
# set to it) with the SDK's dotnet publish -t:PublishContainer (hack/publish-images.sh, which the release runs too).
# The Native AOT operator is published by tests/run.sh first (dotnet publish src/OperatorImage): its output is reused.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
source "$here/lib.sh"
"$here/registry.sh" start
export DOTNET_CONTAINER_INSECURE_REGISTRIES=$REGISTRY
mapfile -t bases < <("$here/base-images.sh" "$REGISTRY")

pause=$REGISTRY/netra/pause:3.4.1
if ! image_present "$pause"; then
  log "$pause: $BIN_DIR/pause"
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  install -D -m 0755 "$BIN_DIR/pause" "$work/root/pause"
  umoci init --layout "$work/layout"
  umoci new --image "$work/layout:pause"
  umoci insert --image "$work/layout:pause" "$work/root" /
  umoci config --image "$work/layout:pause" --os linux --architecture amd64 --config.entrypoint /pause --config.user 65535:65535
  skopeo copy -q --dest-tls-verify=false "oci:$work/layout:pause" "docker://$pause"
fi

"$repo/hack/publish-images.sh" --registry "$REGISTRY" --base-image-runtime-deps "${bases[0]}" --base-image-aspnet "${bases[1]}" \
  src/Services/Auth src/Services/Backend src/Services/Agent src/Probes src/OperatorImage tests/Netra.HelmStandIn
log "images in $REGISTRY: $(curl -sf "http://$REGISTRY/v2/_catalog" | jq -r '.repositories | join(" ")')"
