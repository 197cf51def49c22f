#!/usr/bin/env bash
# Decode speed benchmark: generates seeded Ethernet captures of 100 MB and 1 GB under a temporary
# directory, reports packets/s for the record-header walk, the reader alone, and reader + decode,
# plus the peak heap, from one JVM run pinned to one core; then deletes the captures.
# Usage: bench/decode-benchmark.sh [SIZE_MB ...]   (default: 100 1024)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -f core/pom.xml -DskipTests test-compile >&2
tmp="$(mktemp -d "${TMPDIR:-/tmp}/iotevent-bench.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(100 1024)
pin=()
command -v taskset >/dev/null && pin=(taskset -c 1)
"${pin[@]}" java -Xms256m -Xmx256m -XX:+UseSerialGC -cp core/target/classes:core/target/test-classes \
  org.iotevent.decode.DecodeBenchmark "$tmp" "${sizes[@]}" --passes 9
