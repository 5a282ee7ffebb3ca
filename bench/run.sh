#!/usr/bin/env bash
# Runs every benchmark and prints one table: each figure, its goal and the limit measured beside it in the same
# run, with both ratios; writes the same as JSON. Usage:
#   bench/run.sh [--quick] [--json FILE]     (default FILE: artifacts/bench/<timestamp>.json)
#   bench/run.sh compare A.json B.json       (each figure's change from A to B)
set -euo pipefail
cd "$(dirname "$0")/.."
here=bench

if [[ ${1:-} == compare ]]; then
  exec bash "$here/figures.sh" compare "$2" "$3"
fi

quick=false
json=artifacts/bench/$(date -u +%Y%m%dT%H%M%SZ).json
while [[ $# -gt 0 ]]; do
  case $1 in
    --quick) quick=true; shift ;;
    --json) json=$2; shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
quick_flag=$($quick && echo --quick || true)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "building (Release)..." >&2
dotnet build -c Release src/Operator -v quiet -nologo >/dev/null
dotnet build -c Release bench/Netra.Auth.Bench -v quiet -nologo >/dev/null
dotnet build -c Release bench/Netra.Backend.Bench -v quiet -nologo >/dev/null

echo "auth: JWT issue and validation beside the bare library..." >&2
dotnet run -c Release --no-build --project bench/Netra.Auth.Bench -- $quick_flag --json "$work/auth.json" >"$work/auth.txt"

echo "backend: connections, memory and event-to-frame latency..." >&2
backend_load=$($quick && echo "--connections 1000 --duration 2 --warmup 1" || echo "--connections 10000 --duration 30")
# A run that does not hold every connection exits 1; its figures still say how many it held.
dotnet run -c Release --no-build --project bench/Netra.Backend.Bench -- $backend_load --rate 100 --json "$work/backend.json" \
  >"$work/backend.txt" || echo "backend: not every connection held (see the table)" >&2

echo "local run: wall time beside its critical path..." >&2
bash "$here/local-run-figures.sh" "$($quick && echo 1 || echo 3)" >"$work/local-run.json"

# The operator's goals are printed beside no value until its control-plane bench writes figures too.
jq -n --arg why "not measured by run.sh yet: see the README's operator bench" '{bench: "operator", figures: [
  {name: "operator create to Job, one run", goal: 100, unit: "ms"},
  {name: "operator create to Job p95, 100 at once", goal: 1000, unit: "ms"},
  {name: "operator idle memory", goal: 30, unit: "MiB"}
] | map(. + {value: null, better: "lower", note: $why})}' >"$work/operator.json"

mkdir -p "$(dirname "$json")"
jq -s --arg at "$(date -u +%FT%TZ)" --argjson quick "$quick" \
  '{measuredAt: $at, quick: $quick, figures: [.[] | .bench as $b | .figures[] | {bench: $b} + .]}' \
  "$work/auth.json" "$work/backend.json" "$work/local-run.json" "$work/operator.json" >"$json"
bash "$here/figures.sh" table "$json"
echo "written: $json"
