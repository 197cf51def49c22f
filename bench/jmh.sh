#!/usr/bin/env bash
# JMH benchmarks of the detection path, piece by piece (src/jmh/java, built only with -Pjmh; JMH
# never enters target/iotevent.jar): the reader, the decoder (and the nine devices' views), the
# segmenters, each classifier and each output format, per packet, burst or detection, on a
# simulated day of the nine-device home. A regression shows in the piece that slowed.
# Usage: bench/jmh.sh [JMH ARGS...]   e.g. bench/jmh.sh SinkBench -f 1 -wi 2 -i 3
# Default: every benchmark, 1 fork, 3 warm-up and 5 measured iterations of 2 s (about 3 minutes).
set -euo pipefail
cd "$(dirname "$0")/.."
src_root=.   # the module folder holding pom.xml and src/ (change if the build moves into modules)
(cd "$src_root" && mvn -q -B -Pjmh -DskipTests package test-compile >&2 \
  && mvn -q -B -Pjmh dependency:build-classpath -Dmdep.outputFile=target/jmh.classpath >&2)
if unzip -l "$src_root/target/iotevent.jar" | grep -q 'org/openjdk/jmh'; then
  echo "jmh.sh: JMH found inside target/iotevent.jar; it must stay out of the shipped jar" >&2
  exit 1
fi
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores" >&2
exec java -XX:+UseSerialGC -cp "$src_root/target/test-classes:$src_root/target/classes:$(cat "$src_root/target/jmh.classpath")" \
  org.openjdk.jmh.Main -jvmArgsAppend -XX:+UseSerialGC "$@"
