#!/usr/bin/env bash
# The test command: installs what the tests need on a fresh machine, then runs every test.
# Results land in tests/results/*.trx.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ -x tests/controlplane/install.sh ]]; then
  # A real kube-apiserver, kube-controller-manager and etcd for the operator's tests (cached).
  tests/controlplane/install.sh
fi

tests/tools.sh
rm -rf tests/results
dotnet build Netra.Operator.sln -c Release
# The cluster image's netra-operator, compiled ahead of time: OperatorImageTests runs it against the control plane.
tests/aot-toolchain.sh
dotnet publish src/OperatorImage -c Release
# netra-operator as the .NET tool users install (dotnet tool install -g netra-operator): ToolInstallTests installs it from here.
hack/release/tool.sh artifacts/package --no-build
# netra-operator as a release attaches it, for this platform and one it cannot run (Release/CliReleaseTests).
rm -rf artifacts/release
hack/release/cli.sh artifacts/release linux-x64 win-x64
# The Category=Cluster tests' real one-node cluster: node binaries and packages (cached), and the images published
# with the SDK's PublishContainer to a loopback registry, which the cluster's containerd pulls from. The tests start
# and stop the cluster; the trap stops one a killed test host left, and the registry.
tests/cluster/install.sh
trap 'tests/cluster/down.sh; tests/cluster/registry.sh stop' EXIT
tests/cluster/images.sh
# A test host that hangs (no test finishing for HANG) is stopped and counted as failed rather than holding CI
# until its deadline. run_tests PROJECT HANG ARGS...; a cluster test may wait minutes on its pods.
run_tests() {
  dotnet test "$1" -c Release --no-build \
    --logger "trx;LogFilePrefix=netra" --results-directory tests/results \
    --blame-hang-timeout "$2" --blame-hang-dump-type none "${@:3}"
}
if [[ $# -gt 0 ]]; then
  run_tests Netra.Operator.sln 10m "$@"
else
  # The real cluster's pods load both cores: its tests run after the others, not beside their timings.
  status=0
  run_tests Netra.Operator.sln 5m --filter "Category!=Cluster" || status=$?
  run_tests tests/Netra.Operator.Tests 10m --filter "Category=Cluster" || status=$?
  exit "$status"
fi
