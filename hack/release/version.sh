#!/usr/bin/env bash
# Prints the product's version: Directory.Build.props keeps it (<Version>), and MSBuild reads it here as it does for
# every build, so the images, the charts, the CLI and its .NET tool of a release all carry the same one.
# With --tag TAG it also checks that a release tag names that version (v0.1.0 for 0.1.0) and fails saying both
# otherwise: a tag can only publish the version the sources say.
set -euo pipefail
cd "$(dirname "$0")/../.."

usage="usage: hack/release/version.sh [--tag TAG]"
tag=""
if [[ $# -eq 2 && $1 == --tag ]]; then
  tag=$2
elif [[ $# -ne 0 ]]; then
  echo "$usage" >&2
  exit 2
fi

version=$(DOTNET_NOLOGO=1 dotnet msbuild src/Operator/Netra.Operator.csproj -getProperty:Version)
if [[ ! $version =~ ^[0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.+-]+)?$ ]]; then
  echo "hack/release/version.sh: MSBuild gave no version (Directory.Build.props <Version>), it said: $version" >&2
  exit 1
fi

if [[ -n $tag && $tag != "v$version" ]]; then
  message="The tag $tag does not name the product's version $version (Directory.Build.props <Version>):"
  message+=" tag v$version, or change <Version> to the version the tag names and tag that commit."
  # On GitHub Actions the message is also the run's error annotation.
  [[ ${GITHUB_ACTIONS:-} == true ]] && echo "::error title=Release tag::$message"
  echo "$message" >&2
  exit 1
fi

echo "$version"
