#!/usr/bin/env bash
# How `iotevent evaluate` (100 splits, k sweep, leakage) and `iotevent train` grow with the number of
# labelled bursts, on realistic ones: the simulated TP-Link HS100 of the demo (its five events
# triggered REPS times each over days of its own traffic, LAN side), for both classifiers. Per size,
# the simulated capture is made once; each figure is the median of RUNS cold runs of the jar
# (whole process: JVM start, reading the capture, pairing, the evaluation), timed by /usr/bin/time.
# JARS="old.jar new.jar" measures those jars instead of this build, one after the other for each figure
# (the same sitting), with a column naming the jar.
# JVM_OPTS adds options to every measured run (e.g. JVM_OPTS=-XX:TieredStopAtLevel=1: the quick JIT alone).
# Usage: bench/evaluate-growth.sh [BURSTS ...]   (default 1000 3000 10000; RUNS=3 CLASSIFIERS="align paper")
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${RUNS:-3}"
classifiers=(${CLASSIFIERS:-align paper})
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 3000 10000)
jars=(${JARS:-})
if [ ${#jars[@]} -eq 0 ]; then
  mvn -q -B -DskipTests -pl core -am package >&2
  jars=(target/iotevent.jar)
fi
tmp="$(mktemp -d "${TMPDIR:-/tmp}/iotevent-growth.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}'; }
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores; median of $runs runs${JVM_OPTS:+; JVM options $JVM_OPTS}"
echo "| command | classifier | bursts | jar | wall s | CPU s | peak RSS MB |"
echo "|---|---|---:|---|---:|---:|---:|"
for n in "${sizes[@]}"; do
  # about 11.7 labelled bursts per repetition of the five events (the events' and the plug's own)
  reps=$(( (n * 100 + 587) / 1174 ))
  java -jar "${jars[-1]}" simulate --home tplink-hs100 --repetitions "$reps" --vantage lan --seed 5 \
    -o "$tmp/sim-$n" >/dev/null
  for c in "${classifiers[@]}"; do
    for cmd in evaluate train; do
      for jar in "${jars[@]}"; do
        walls=(); cpus=(); rss=(); bursts=""
        for ((r = 0; r < runs; r++)); do
          out="$tmp/out"
          extra=(); [ "$cmd" = train ] && extra=(-o "$tmp/sig.json")
          /usr/bin/time -f '%e %U %S %M' -o "$tmp/time" java -XX:+UseSerialGC -Xmn32m ${JVM_OPTS:-} -jar "$jar" "$cmd" \
            -r "$tmp/sim-$n/lan.pcap" --events "$tmp/sim-$n/events/tplink-hs100.csv" --device 192.168.1.100 \
            --classifier "$c" -q "${extra[@]}" >"$out" 2>&1
          read -r w u s m <"$tmp/time"
          walls+=("$w"); cpus+=("$(echo "$u + $s" | bc -l)"); rss+=("$m")
          bursts=$(grep -oE '[0-9]+ (samples|labelled bursts)' "$out" | head -1 | cut -d' ' -f1)
        done
        printf '| %s | %s | %s | %s | %.1f | %.1f | %.0f |\n' "$cmd" "$c" "${bursts:-?}" "$(basename "$jar")" \
          "$(printf '%s\n' "${walls[@]}" | median)" "$(printf '%s\n' "${cpus[@]}" | median)" \
          "$(echo "$(printf '%s\n' "${rss[@]}" | median) / 1024" | bc -l)"
      done
    done
  done
done
