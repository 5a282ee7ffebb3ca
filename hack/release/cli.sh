#!/usr/bin/env bash
# The netra-operator command as a release ships it, into OUTDIR:
#   netra-operator-VERSION-RID (netra-operator-VERSION-win-x64.exe on Windows): one self-contained executable per
#     platform, .NET and ASP.NET Core inside, so a machine needs nothing installed to run it;
#   netra-operator.VERSION.nupkg: the .NET tool (hack/release/tool.sh);
#   SHA256SUMS: the checksum of each of them, as sha256sum --check reads it.
# Without RIDs it builds every platform a release ships. The release workflow runs it, and so does the test command
# (tests/run.sh), whose tests (tests/Netra.Operator.Tests/Release) run the executable it wrote.
set -euo pipefail

if [[ $# -lt 1 || $1 == -* ]]; then
  echo "usage: hack/release/cli.sh OUTDIR [RID...]   (default: linux-x64 linux-arm64 osx-arm64 osx-x64 win-x64)" >&2
  exit 2
fi
out=$(realpath -m "$1")
rids=("${@:2}")
if [[ ${#rids[@]} -eq 0 ]]; then
  rids=(linux-x64 linux-arm64 osx-arm64 osx-x64 win-x64)
fi
cd "$(dirname "$0")/../.."

version=$(hack/release/version.sh)
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

assets=()
for rid in "${rids[@]}"; do
  # Not trimmed: the local run, YAML and the Kubernetes client reflect over types a trimmer would drop. Native
  # libraries (SQLite's) go inside the file, and the file is compressed: 59 MB instead of 123 MB, for about 0.2 s
  # more at each start. The SDK signs the macOS executables ad hoc, on any build machine.
  dotnet publish src/Operator -c Release -r "$rid" --self-contained -p:PublishSingleFile=true \
    -p:IncludeNativeLibrariesForSelfExtract=true -p:EnableCompressionInSingleFile=true -o "$work/$rid"
  extension=""
  if [[ $rid == win-* ]]; then extension=".exe"; fi
  asset="netra-operator-$version-$rid$extension"
  cp "$work/$rid/netra-operator$extension" "$out/$asset"
  assets+=("$asset")
done

hack/release/tool.sh "$out"
assets+=("netra-operator.$version.nupkg")

(cd "$out" && sha256sum -- "${assets[@]}" > SHA256SUMS)
echo "hack/release/cli.sh: ${assets[*]} and SHA256SUMS in $out"
