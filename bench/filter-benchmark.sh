#!/usr/bin/env bash
# Filter expression cost: generates a seeded Ethernet capture of SIZE_MB under a temporary directory,
# reports packets/s reading it alone and through four filter expressions (libpcap's code, compiled by
# tcpdump -ddd once per pass, run by BpfProgram), CPU time of the reading thread, median of PASSES,
# pinned to one core, and the bytes allocated per packet; then the wall time tcpdump itself takes
# to filter the same capture to /dev/null, for reference; then deletes the capture.
# Usage: bench/filter-benchmark.sh [SIZE_MB] [PASSES]   (default: 200 5)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -f core/pom.xml -DskipTests test-compile >&2
tmp="$(mktemp -d "${TMPDIR:-/tmp}/iotevent-bench.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
size="${1:-200}"
passes="${2:-5}"
pin=()
command -v taskset >/dev/null && pin=(taskset -c 1)
"${pin[@]}" java -Xms256m -Xmx256m -XX:+UseSerialGC -cp core/target/classes:core/target/test-classes \
  org.iotevent.decode.FilterBenchmark "$tmp" "$size" "$passes"
for e in "tcp port 443" "vlan and udp"; do
  start=$(date +%s.%N)
  "${pin[@]}" tcpdump -r "$tmp/filter-$size.pcap" -w /dev/null "$e" 2>/dev/null
  end=$(date +%s.%N)
  echo "tcpdump -r F -w /dev/null '$e': $(echo "$end - $start" | bc) s wall"
done
