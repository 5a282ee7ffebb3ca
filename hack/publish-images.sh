#!/usr/bin/env bash
# Publishes the product's five images with the .NET SDK's own container support (dotnet publish -t:PublishContainer):
# netra-auth, netra-backend, netra-agent, netra-probes and netra-operator (Native AOT), pushed to REGISTRY as
# REGISTRY/netra/NAME:VERSION (VERSION: Directory.Build.props, read through MSBuild). Non-root (the base image's
# APP_UID), labelled with the OCI annotations for version, source and revision. The release workflow and the test
# command run this same script.
#   hack/publish-images.sh --registry HOST[:PORT] [--platforms linux-x64[,linux-arm64]] [--source URL]
#                          [--base-image-aspnet REF] [--base-image-runtime-deps REF] [PROJECT...]
# --platforms: the images' runtime identifiers (several make one multi-platform index); default linux-x64.
# --source: the repository URL in the source label (default: the git remote, when there is one).
# --base-image-*: the bases instead of mcr.microsoft.com/dotnet/aspnet and runtime-deps (the test bed's own).
# PROJECT...: other projects to publish the same way (the test bed adds its helm stand-in); default the five.
# A plain-HTTP registry must be named in DOTNET_CONTAINER_INSECURE_REGISTRIES, as the SDK asks.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
registry='' platforms=linux-x64 source='' aspnet='' runtime_deps='' projects=()
usage() { sed -n '7,8s/^# //p' "$0" >&2; exit 2; }
while [[ $# -gt 0 ]]; do
  case $1 in
    --registry) registry=${2:?}; shift 2 ;;
    --platforms) platforms=${2:?}; shift 2 ;;
    --source) source=${2:?}; shift 2 ;;
    --base-image-aspnet) aspnet=${2:?}; shift 2 ;;
    --base-image-runtime-deps) runtime_deps=${2:?}; shift 2 ;;
    -*) usage ;;
    *) projects+=("$1"); shift ;;
  esac
done
[[ -n $registry ]] || usage
[[ ${#projects[@]} -gt 0 ]] || projects=(src/Services/Auth src/Services/Backend src/Services/Agent src/Probes src/OperatorImage)
log() { printf '[images] %s\n' "$*" >&2; }

# Debug symbols and XML docs stay out of the images.
common=(-c Release -t:PublishContainer -nologo -v quiet "-p:ContainerRegistry=$registry" -p:CopyOutputSymbolsToPublishDirectory=false
  -p:PublishDocumentationFiles=false -p:PublishReferencesDocumentationFiles=false)
[[ -n $source ]] && common+=("-p:RepositoryUrl=$source")
[[ $platforms == *,* ]] && common+=("-p:ContainerRuntimeIdentifiers=${platforms//,/;}" "-p:RuntimeIdentifiers=${platforms//,/;}")
for project in "${projects[@]}"; do
  args=("${common[@]}")
  # The Native AOT operator needs only the C library and OpenSSL (runtime-deps); the others the ASP.NET Core runtime.
  # Alone, a platform is the AOT compiler's own (its plain publish output, which the tests run, is reused).
  properties=$(dotnet msbuild "$repo/$project" -getProperty:PublishAot -getProperty:ContainerRepository)
  property() { sed -n "s/.*\"$1\": *\"\([^\"]*\)\".*/\1/p" <<<"$properties"; }
  if [[ $(property PublishAot) == true ]]; then
    [[ $platforms == *,* ]] || args+=("-p:ContainerRuntimeIdentifier=$platforms")
    [[ -n $runtime_deps ]] && args+=("-p:ContainerBaseImage=$runtime_deps")
  else
    [[ $platforms == *,* ]] || args+=("-p:RuntimeIdentifier=$platforms")
    args+=(-p:SelfContained=false)
    [[ -n $aspnet ]] && args+=("-p:ContainerBaseImage=$aspnet")
  fi
  log "$project -> $registry/$(property ContainerRepository)"
  output=$(dotnet publish "$repo/$project" "${args[@]}" 2>&1) || { tail -n 30 <<<"$output" >&2; exit 1; }
done
