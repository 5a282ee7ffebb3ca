#!/usr/bin/env bash
# Times the local run (netra-operator run) N times and prints the median wall time of the whole
# run and of each scenario, from the TestRun status each run prints. Usage: bench/local-run.sh [N] [MANIFEST]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
manifest=${2:-examples/testrun-local.yaml}

dotnet build -c Release src/Operator -v quiet -nologo >/dev/null
binary=artifacts/bin/Netra.Operator/release/netra-operator
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for i in $(seq 1 "$runs"); do
  start=$(date +%s%N)
  "$binary" run "$manifest" >"$work/run-$i.txt" 2>&1 || { echo "run $i failed:"; tail -40 "$work/run-$i.txt"; exit 1; }
  end=$(date +%s%N)
  echo "whole $(( (end - start) / 1000000 ))" >>"$work/times"
  # "- name: X" then, a few lines later, "durationMs: N" for each scenario of the status.
  awk '/^  - name: /{name=$3} /^    durationMs: /{print name, $2}' "$work/run-$i.txt" >>"$work/times"
  echo "run $i: $(( (end - start) / 1000000 )) ms"
done

median() { sort -n | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : int((v[NR/2] + v[NR/2+1]) / 2)}'; }
printf '\n%-30s %10s\n' "median of $runs runs" "ms"
for key in whole $(awk '$1 != "whole" {print $1}' "$work/times" | awk '!seen[$0]++'); do
  printf '%-30s %10s\n' "$key" "$(awk -v k="$key" '$1 == k {print $2}' "$work/times" | median)"
done
