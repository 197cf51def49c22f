#!/usr/bin/env bash
# Header-walk speed of the capture reader (packets/s) against a bare loop over the record
# headers of a mapped pcap file, on a generated capture. Usage: bench/reader-walk.sh [MiB] [reps]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -f core/pom.xml -DskipTests test-compile
exec java -Xmx256m -cp core/target/classes:core/target/test-classes org.iotevent.capture.HeaderWalk "${1:-1024}" "${2:-5}"
