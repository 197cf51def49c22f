#!/usr/bin/env bash
# JMH benchmarks of the detection path, piece by piece (core/src/jmh/java, built only with -Pjmh;
# JMH never enters target/iotevent.jar): the reader, the decoder (and the nine devices' views),
# the segmenters, each classifier and each output format, per packet, burst or detection, on a
# simulated day of the nine-device home. A regression shows in the piece that slowed.
# Usage: bench/jmh.sh [JMH ARGS...]   e.g. bench/jmh.sh SinkBench -wi 2 -i 3
# Default: every benchmark, 1 fork, 3 warm-up and 5 measured iterations of 2 s (about 3 minutes).
set -euo pipefail
cd "$(dirname "$0")/.."
module=core   # the Maven module holding the sources and src/jmh/java
mvn -q -B -DskipTests -pl "$module" -am package >&2
mvn -q -B -Pjmh -DskipTests -f "$module/pom.xml" test-compile dependency:build-classpath \
  -Dmdep.outputFile="$PWD/$module/target/jmh.classpath" >&2
if unzip -l target/iotevent.jar | grep -q 'org/openjdk/jmh'; then
  echo "jmh.sh: JMH found inside target/iotevent.jar; it must stay out of the shipped jar" >&2
  exit 1
fi
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores" >&2
exec java -XX:+UseSerialGC -cp "$module/target/test-classes:$module/target/classes:$(cat "$module/target/jmh.classpath")" \
  org.openjdk.jmh.Main -jvmArgsAppend -XX:+UseSerialGC "$@"
