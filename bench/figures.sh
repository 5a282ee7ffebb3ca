#!/usr/bin/env bash
# Prints the figures JSON that bench/run.sh writes. Usage: figures.sh table FILE | figures.sh compare A B
set -euo pipefail

ratio='def ratio($x): if $x == null or $x == 0 or .value == null then "-" else (.value / $x * 100 | round / 100 | tostring) end;'
number='def number: if . == null then "-" elif . >= 100 then round | tostring else (. * 100 | round / 100 | tostring) end;'

case $1 in
  table)
    { printf 'figure\tvalue\tunit\tgoal\tvs goal\tlimit\tvs limit\tlimit is\n'
      jq -r "$ratio $number"' .figures[] | [.name, (.value | number), (.unit // "-"), (.goal | number), ratio(.goal),
        (.limit | number), ratio(.limit), (.limitName // "-")] | @tsv' "$2"
    } | column -t -s $'\t'
    notes=$(jq -r '.figures[] | select(.note) | "- \(.name): \(.note)"' "$2")
    [[ -z $notes ]] || printf '\nnotes:\n%s\n' "$notes"
    jq -r '.machine // empty | "measured on \(.cores) cores, load average \(.loadAtStart) at the start and \(.loadAtEnd) at the end"
      + " (other work on a shared machine moves absolute figures; the ratios to limits measured in the same run hold better)."' "$2"
    echo "vs goal and vs limit are value / goal and value / limit; 'better' decides which way is good (see the JSON)."
    ;;
  compare)
    { printf 'figure\tA\tB\tchange\tbetter\n'
      jq -rn --slurpfile a "$2" --slurpfile b "$3" "$number"' ($a[0].figures | map({key: .name, value: .}) | from_entries) as $old
        | $b[0].figures[] | . as $new | $old[.name] as $was
        | [.name, ($was.value | number), (.value | number),
           (if $was.value == null or .value == null or $was.value == 0 then "-"
            else ((.value / $was.value - 1) * 1000 | round / 10 | tostring) + " %" end),
           (.better // "-")] | @tsv'
    } | column -t -s $'\t'
    ;;
  *) echo "usage: figures.sh table FILE | figures.sh compare A B" >&2; exit 2 ;;
esac
