#!/usr/bin/env bash
# Bits leaked and the bound on the best attack for every device of the demo's training session and
# each of the paper authors' published files, through the CLI (iotevent evaluate --json).
# Usage: bench/leakage.sh [WORK_DIR] [IOTEVENTS_DIR]   (from anywhere; needs jq)
# IOTEVENTS_DIR: the paper authors' sequence files (core/src/test/resources/realdata/data/iotevents;
# also $IOTEVENTS_DIR); without it only the demo's devices are measured.
set -euo pipefail
cd "$(dirname "$0")/.."
work="${1:-target/bench-leakage}"
data="${2:-${IOTEVENTS_DIR:-}}"
mkdir -p "$work"
row() { # FILE NAME SECONDS: one table row from an evaluate --json file
  jq -r '[.leakage_bits, .leakage_ci95[0], .leakage_ci95[1], .event_entropy_bits,
      (if .leakage.events == null or .leakage.events == .leakage.all then null else .leakage.events.bits end),
      .leakage.events.bits_ci95[0], .leakage.events.bits_ci95[1], .leakage.events.entropy_bits,
      .best_accuracy_bound, .leakage.all.nn_accuracy, .accuracy] | map(if . == null then "nan" else . end) | @tsv' "$1" |
  while IFS=$'\t' read -r b lo hi h eb elo ehi eh bound nn acc; do
    if [ "$eb" = nan ]; then events="-"; else events=$(printf '%.2f [%.2f, %.2f] of %.2f' "$eb" "$elo" "$ehi" "$eh"); fi
    printf '| %s | %.2f [%.2f, %.2f] of %.2f | %s | %.1f %% | %.1f %% | %.1f %% | %s s |\n' "$2" "$b" "$lo" "$hi" "$h" \
        "$events" "$(echo "$bound * 100" | bc -l)" "$(echo "$nn * 100" | bc -l)" "$(echo "$acc * 100" | bc -l)" "$3"
  done
}
echo "| input | bits leaked [95 %] of possible | events alone | best attack <= | 1-NN | align (formula 4) | evaluate wall |"
echo "|---|---|---|---:|---:|---:|---:|"
./iotevent demo -o "$work/demo" > "$work/demo.txt"
session="$work/demo/train-session"
for i in $(seq 0 $(($(jq '.devices | length' "$session/truth.json") - 1))); do
  name=$(jq -r ".devices[$i].name" "$session/truth.json")
  address=$(jq -r ".devices[$i].address" "$session/truth.json")
  start=$(date +%s.%N)
  # the demo trains at a = 1 s, b = 3 s
  ./iotevent evaluate -r "$session/lan.pcap" --events "$session/events/$name.csv" --device "$address" -a 1 -b 3 \
      --json "$work/$name.json" > "$work/$name.txt" 2>&1
  row "$work/$name.json" "demo $name" "$(echo "$(date +%s.%N) - $start" | bc | xargs printf '%.1f')"
done
[ -n "$data" ] || { echo "(the authors' files skipped: no IOTEVENTS_DIR given)" >&2; exit 0; }
for f in "$data"/12_*.txt; do
  name=$(basename "$f" .txt)
  if ! grep -qv $'^\t' "$f"; then
    continue # no label line: nothing to measure
  fi
  start=$(date +%s.%N)
  ./iotevent evaluate --iotevents "$f" --json "$work/$name.json" > "$work/$name.txt" 2>&1
  row "$work/$name.json" "$name" "$(echo "$(date +%s.%N) - $start" | bc | xargs printf '%.1f')"
done
