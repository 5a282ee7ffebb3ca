#!/usr/bin/env bash
# The local run's figures as JSON on stdout: the median wall time of N runs of netra-operator run, beside its
# critical path (the longest single scenario's durationMs in the printed status). Usage: local-run-figures.sh N [MANIFEST]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
manifest=${2:-examples/testrun-local.yaml}
binary=artifacts/bin/Netra.Operator/release/netra-operator
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for i in $(seq 1 "$runs"); do
  start=$(date +%s%N)
  "$binary" run "$manifest" >"$work/run.txt" 2>&1 || { tail -40 "$work/run.txt" >&2; exit 1; }
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 )) >>"$work/wall"
  awk '/^    durationMs: /{if ($2 > max) max = $2} END {print max + 0}' "$work/run.txt" >>"$work/critical"
  # The exclusive scenario runs after all the others, alone (it opens the agent's breaker): part of the wall, never of the path.
  awk '/^  - name: /{name=$3} /^    durationMs: / && name == "agent-failure-recovery" {print $2}' "$work/run.txt" >>"$work/exclusive"
done

median() { sort -n | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }
jq -n --argjson wall "$(median <"$work/wall")" --argjson critical "$(median <"$work/critical")" --argjson runs "$runs" \
  --argjson exclusive "$(median <"$work/exclusive")" '{
  bench: "local-run",
  figures: [{name: "local run wall time (median of \($runs))", value: $wall, unit: "ms", better: "lower", goal: 10000,
    limit: $critical, limitName: "critical path: longest scenario",
    note: "agent-failure-recovery runs after the others and alone (its breaker would fail them): \($exclusive) ms of the wall"}]
}'
