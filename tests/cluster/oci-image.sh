#!/usr/bin/env bash
# Writes an OCI image archive (oci-layout, index.json, blobs) from layer tarballs, what
# `ctr -n k8s.io images import` reads: no Docker, no registry.
#   oci-image.sh OUT.tar NAME:TAG ENTRYPOINT_JSON LAYER.tar... [-- ENV=VALUE...]
# Layers stay uncompressed (a local import gains nothing from gzip); user 65532, working directory
# $IMAGE_WORKDIR (default /app).
# layer_tar DIR OUT.tar (sourced: `source oci-image.sh` defines it) makes a reproducible layer.
set -euo pipefail

layer_tar() {
  tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 -C "$1" -cf "$2" .
}

oci_image() {
  local out=$1 name=$2 entrypoint=$3
  shift 3
  local layers=() env=()
  while [[ $# -gt 0 && $1 != -- ]]; do layers+=("$1"); shift; done
  [[ $# -gt 0 ]] && { shift; env=("$@"); }
  local dir digest size diff_ids="[]" layer_descs="[]"
  dir=$(mktemp -d)
  mkdir -p "$dir/blobs/sha256"
  for layer in "${layers[@]}"; do
    digest=$(sha256sum "$layer" | cut -d' ' -f1)
    size=$(stat -c %s "$layer")
    cp "$layer" "$dir/blobs/sha256/$digest"
    diff_ids=$(jq -c --arg d "sha256:$digest" '. + [$d]' <<<"$diff_ids")
    layer_descs=$(jq -c --arg d "sha256:$digest" --argjson s "$size" \
      '. + [{mediaType: "application/vnd.oci.image.layer.v1.tar", digest: $d, size: $s}]' <<<"$layer_descs")
  done
  local env_json
  env_json=$(printf '%s\n' "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" "${env[@]}" | jq -R . | jq -sc .)
  jq -cn --arg wd "${IMAGE_WORKDIR:-/app}" --argjson e "$entrypoint" --argjson env "$env_json" --argjson ids "$diff_ids" '{
      architecture: "amd64", os: "linux",
      config: {User: "65532:65532", WorkingDir: $wd, Entrypoint: $e, Env: $env},
      rootfs: {type: "layers", diff_ids: $ids}}' >"$dir/config.json"
  local config_digest config_size manifest_digest manifest_size
  config_digest=$(sha256sum "$dir/config.json" | cut -d' ' -f1)
  config_size=$(stat -c %s "$dir/config.json")
  mv "$dir/config.json" "$dir/blobs/sha256/$config_digest"
  jq -cn --arg cd "sha256:$config_digest" --argjson cs "$config_size" --argjson layers "$layer_descs" '{
      schemaVersion: 2, mediaType: "application/vnd.oci.image.manifest.v1+json",
      config: {mediaType: "application/vnd.oci.image.config.v1+json", digest: $cd, size: $cs},
      layers: $layers}' >"$dir/manifest.json"
  manifest_digest=$(sha256sum "$dir/manifest.json" | cut -d' ' -f1)
  manifest_size=$(stat -c %s "$dir/manifest.json")
  mv "$dir/manifest.json" "$dir/blobs/sha256/$manifest_digest"
  # io.containerd.image.name is the name ctr gives the imported image.
  jq -cn --arg md "sha256:$manifest_digest" --argjson ms "$manifest_size" --arg name "$name" '{
      schemaVersion: 2,
      manifests: [{mediaType: "application/vnd.oci.image.manifest.v1+json", digest: $md, size: $ms,
        platform: {architecture: "amd64", os: "linux"},
        annotations: {"io.containerd.image.name": $name, "org.opencontainers.image.ref.name": ($name | sub(".*:"; ""))}}]}' \
    >"$dir/index.json"
  printf '{"imageLayoutVersion":"1.0.0"}' >"$dir/oci-layout"
  tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 -C "$dir" -cf "$out.tmp" oci-layout index.json blobs
  mv -f "$out.tmp" "$out"
  rm -rf "$dir"
}

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
  oci_image "$@"
fi
