#!/usr/bin/env bash
# Runs every benchmark and prints one table: each figure, its goal and the limit measured beside it in the same
# run, with both ratios; writes the same as JSON. Usage:
#   bench/run.sh [--quick] [--no-build] [--json FILE]     (default FILE: artifacts/bench/<timestamp>.json)
#     --no-build: measure what the last run built (a build of nothing changed still costs a loaded machine minutes)
#   bench/run.sh compare A.json B.json       (each figure's change from A to B)
set -euo pipefail
cd "$(dirname "$0")/.."
here=bench

if [[ ${1:-} == compare ]]; then
  exec bash "$here/figures.sh" compare "$2" "$3"
fi

quick=false
build=true
json=artifacts/bench/$(date -u +%Y%m%dT%H%M%SZ).json
while [[ $# -gt 0 ]]; do
  case $1 in
    --quick) quick=true; shift ;;
    --no-build) build=false; shift ;;
    --json) json=$2; shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
quick_flag=$($quick && echo --quick || true)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
started=$SECONDS
stage=$SECONDS
# Says what comes next, and how long the stage before it took.
step() { echo "  ($((SECONDS - stage)) s)" >&2; stage=$SECONDS; echo "$1" >&2; }
if $build; then
  echo "building (Release), and publishing the operator's image binary (Native AOT) the operator bench runs..." >&2
  dotnet build -c Release "$here/bench.slnf" -v quiet -nologo >/dev/null
  dotnet publish -c Release src/OperatorImage -v quiet -nologo >/dev/null
  # The control plane the operator bench starts (cached; fast when present).
  tests/controlplane/install.sh >/dev/null
fi
# Other work on the machine moves absolute figures: its load is recorded beside them.
load() { cut -d' ' -f1 /proc/loadavg; }
load_at_start=$(load)
benches_started=$SECONDS

step "auth: JWT issue and validation beside the bare library..."
dotnet run -c Release --no-build --project bench/Netra.Auth.Bench -- $quick_flag --json "$work/auth.json" >"$work/auth.txt"

step "backend: connections, memory and event-to-frame latency..."
backend_load=$($quick && echo "--connections 1000 --duration 2 --warmup 1" || echo "--connections 10000 --duration 30")
# A run that does not hold every connection exits 1; its figures still say how many it held.
dotnet run -c Release --no-build --project bench/Netra.Backend.Bench -- $backend_load --rate 100 --json "$work/backend.json" \
  >"$work/backend.txt" || echo "backend: not every connection held (see the table)" >&2

step "local run: wall time beside its critical path..."
bash "$here/local-run-figures.sh" "$($quick && echo 1 || echo 3)" >"$work/local-run.json"

step "agent: first event and runs per second beside a bare event stream..."
dotnet run -c Release --no-build --project bench/Netra.Agent.Bench -- $quick_flag --json "$work/agent.json" >"$work/agent.txt"

step "operator: a real control plane, the operator as its own process..."
dotnet run -c Release --no-build --project bench/Netra.Operator.Bench -- $quick_flag --json "$work/operator.json" >"$work/operator.txt"

step "results UI: 1,000 finished runs, page latency and the operator's memory with the UI and without..."
dotnet run -c Release --no-build --project bench/Netra.Operator.Bench -- --ui $quick_flag --json "$work/ui.json" >"$work/ui.txt"

step "operator growth: 0, 1,000 and 10,000 Deployments, 100 schedules, 1,000 finished runs; 1,000 runs at once..."
dotnet run -c Release --no-build --project bench/Netra.Operator.Bench -- --growth $quick_flag --json "$work/growth.json" >"$work/growth.txt"

step "table:"
mkdir -p "$(dirname "$json")"
jq -s --arg at "$(date -u +%FT%TZ)" --argjson quick "$quick" \
  --argjson machine "{\"cores\": $(nproc), \"loadAtStart\": $load_at_start, \"loadAtEnd\": $(load)}" \
  '{measuredAt: $at, quick: $quick, machine: $machine, figures: [.[] | .bench as $b | .figures[] | {bench: $b} + .]}' \
  "$work/auth.json" "$work/backend.json" "$work/local-run.json" "$work/agent.json" "$work/operator.json" "$work/ui.json" "$work/growth.json" >"$json"
cat "$work/growth.txt"
bash "$here/figures.sh" table "$json"
echo "written: $json (benches $((SECONDS - benches_started)) s; $((SECONDS - started)) s in all, build included)"
