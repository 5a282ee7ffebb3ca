#!/usr/bin/env bash
# Packs netra-operator (src/Operator) as the .NET tool users install (dotnet tool install -g netra-operator) into
# OUTDIR as netra-operator.VERSION.nupkg. The test command packs it here for the tests that install it, a release
# for its assets (hack/release/cli.sh): one command for both. Further arguments go to dotnet pack (--no-build after
# a build of the solution).
set -euo pipefail

if [[ $# -lt 1 || $1 == -* ]]; then
  echo "usage: hack/release/tool.sh OUTDIR [dotnet pack options...]" >&2
  exit 2
fi
out=$(realpath -m "$1")
cd "$(dirname "$0")/../.."

dotnet pack src/Operator -c Release -o "$out" "${@:2}"
