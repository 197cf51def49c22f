#!/usr/bin/env bash
# Issue 5's side-by-side measurements: paper method vs the new default (align), in one run.
# Usage: bench/better.sh [WORK_DIR] [IOTEVENTS_DIR]   (from the repository root)
# IOTEVENTS_DIR: the paper authors' sequence files (core/src/test/resources/realdata/data/iotevents;
# also $IOTEVENTS_DIR); without it that table is skipped and says so.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -f core/pom.xml -DskipTests compile dependency:build-classpath -Dmdep.outputFile="$PWD/target/bench-classpath.txt" >/dev/null
cp="core/target/classes:$(cat target/bench-classpath.txt)"
exec java -Xmx1g -cp "$cp" bench/BetterBench.java "${1:-target/bench-better}" "${2:-${IOTEVENTS_DIR:-}}"
