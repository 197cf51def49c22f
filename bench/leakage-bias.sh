#!/usr/bin/env bash
# The bias of the bits figure against the number of triggers per label (issue 14): two events whose
# one-packet bursts have uniform lengths over [1000, 2000) and shifted by 0-1000 bytes, so the truth
# is exact (shift / 1000 bit). Prints a table: mean kNN estimate, mean Fano floor, mean reported
# figure, how often it exceeds the truth, how often the interval holds it. docs/leakage.md quotes it.
# Usage: bench/leakage-bias.sh [DRAWS]   (default 40; about 10 s)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -DskipTests -pl core -am test-compile >&2
mvn -q -B -f core/pom.xml dependency:build-classpath -Dmdep.outputFile="$PWD/target/bench.classpath" >&2
java -cp "core/target/classes:core/target/test-classes:$(cat target/bench.classpath)" org.iotevent.evaluate.leakage.LeakageBias "${1:-40}"
