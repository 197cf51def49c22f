#!/usr/bin/env bash
# Memory of live detection over a long stream: `detect -r -` reads N generated packets from a pipe
# with a 32 MiB heap; prints the peak resident set size for each N. Flat memory = the same peak
# for 10x and 100x the packets (a leak would grow it, or end in OutOfMemoryError).
# Usage: bench/live-memory.sh   (needs python3; builds target/iotevent.jar)
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f target/iotevent.jar ] || mvn -q -B -pl core -am package -DskipTests
sig=core/src/test/resources/org/iotevent/signature/golden-v1.json
for n in 100000 1000000 10000000; do
  err=$(mktemp)
  python3 bench/pcap_stream.py "$n" \
    | /usr/bin/time -f "%M %e" java -Xmx32m -jar target/iotevent.jar detect -r - -s "$sig" --format jsonl \
      > /dev/null 2> "$err"
  read -r rss secs < <(tail -n 1 "$err")
  summary=$(grep '^iotevent: ' "$err" | tail -n 1)
  echo "packets=$n peak_rss_mib=$((rss / 1024)) wall_s=$secs | $summary"
  rm -f "$err"
done
