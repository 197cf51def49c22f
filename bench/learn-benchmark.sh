#!/usr/bin/env bash
# Detection and training benchmark (issue 3). Generates, under a temporary directory that is deleted
# afterwards: a training capture with its event log (10 events x 60 triggers) and detection
# captures of 100 MB and 1 GB (a plug's bursts are about half the packets). Then, pinned to one
# core with a fixed 256 MB heap and the serial GC:
#   1. iotevent train on the training capture (the signature used below);
#   2. in one JVM per capture: packets/s of the record-header walk (the limit), read + decode, and
#      the whole detection (read, decode, device view, segmentation, classification), medians of
#      5 passes, and the peak heap;
#   3. iotevent detect end to end (JVM start and JIT included) on the 1 GB capture, -Xmx64m, 3 runs
#      with the default tiered JIT and 3 with C1 only (-XX:TieredStopAtLevel=1): on one core, C2's
#      compile time is a fixed cost of seconds that a 1 GB run does not amortise;
#   4. training on 10 000 labelled bursts, median of 5.
# Speeds are per CPU-second of the benchmark thread (the load average is printed): on a shared
# machine wall time measures the neighbours.
# Usage: bench/learn-benchmark.sh [SIZE_MB ...]   (default: 100 1024)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -DskipTests -pl core -am package >&2
mvn -q -B -f core/pom.xml dependency:build-classpath -Dmdep.outputFile="$PWD/target/bench.classpath" >&2
cp="core/target/classes:core/target/test-classes:$(cat target/bench.classpath)"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/iotevent-learn-bench.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(100 1024)
pin=()
command -v taskset >/dev/null && pin=(taskset -c 1)
jvm=(java -XX:+UseSerialGC -XX:ActiveProcessorCount=1)
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"

"${pin[@]}" "${jvm[@]}" -Xmx256m -cp "$cp" org.iotevent.detect.DetectBenchmark gen "$tmp" "${sizes[@]}"
"${pin[@]}" "${jvm[@]}" -Xmx256m -jar target/iotevent.jar train -r "$tmp/train.pcap" --events "$tmp/events.csv" \
  --device 10.0.0.2 -o "$tmp/sig.json" | sed -n '1p;/classifier/p'
for s in "${sizes[@]}"; do
  "${pin[@]}" "${jvm[@]}" -Xms256m -Xmx256m -cp "$cp" org.iotevent.detect.DetectBenchmark pipeline "$tmp/sig.json" \
    "$tmp/detect-$s.pcap" 5
done
last="${sizes[${#sizes[@]}-1]}"
echo "iotevent detect end to end on detect-$last.pcap (JVM start and JIT included, -Xmx64m, jsonl to /dev/null):"
for i in 1 2 3 c1 c1 c1; do
  extra=()
  [ "$i" = c1 ] && extra=(-XX:TieredStopAtLevel=1)
  /usr/bin/time -f "%e %U %S %M" -o "$tmp/time" "${pin[@]}" "${jvm[@]}" "${extra[@]}" -Xmx64m -jar target/iotevent.jar detect \
    -r "$tmp/detect-$last.pcap" -s "$tmp/sig.json" --format jsonl 2>"$tmp/err" >/dev/null
  read -r wall user sys rss < "$tmp/time"
  packets=$(tail -1 "$tmp/err" | sed -n 's/^iotevent: \([0-9]*\) packets.*/\1/p')
  echo "  ${extra[*]:-default JIT}: wall $wall s, CPU $(echo "$user + $sys" | bc) s, $(echo "scale=2; $packets / ($user + $sys) / 1000000" | bc) M packets per CPU-second, max RSS $((rss / 1024)) MB"
done
"${pin[@]}" "${jvm[@]}" -Xmx1g -cp "$cp" org.iotevent.detect.DetectBenchmark train 10000 5
