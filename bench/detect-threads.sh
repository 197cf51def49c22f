#!/usr/bin/env bash
# Per-thread CPU of whole-home detection, clone against clone: each run samples the process with
# `perf record` (cpu-clock at 999 Hz) and prints the milliseconds of samples of the reading thread
# (`java`), the writing thread (`iotevent-detect`, the handoff's "iotevent-detections") and the
# JIT's threads. Clones are run in turn, RUNS times; the machine is shared, so compare runs taken
# in turn. Each clone's jar and class archive must be built (./iotevent --version, then one detect).
# Usage: RUNS=3 bench/detect-threads.sh CLONE... [-- DETECT ARGS]
#   default args: -r /tmp/perf-home/lan.pcap -s /tmp/perf-demo/signatures --format jsonl
set -euo pipefail
runs="${RUNS:-3}"
clones=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do clones+=("$(cd "$1" && pwd)"); shift; done
[ $# -gt 0 ] && shift
args=("$@")
[ ${#args[@]} -gt 0 ] || args=(-r /tmp/perf-home/lan.pcap -s /tmp/perf-demo/signatures --format jsonl)
data="$(mktemp "${TMPDIR:-/tmp}/detect-threads.XXXXXX")"
trap 'rm -f "$data"' EXIT
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq "$runs"); do
  for c in "${clones[@]}"; do
    (
      source "$c/packaging/jvm-options.sh"
      iotevent_jvm_options detect "${args[@]}"
      perf record -q -F 999 -o "$data" -- java "${jvm[@]}" -XX:SharedArchiveFile="$c/target/iotevent.jsa" \
        -jar "$c/target/iotevent.jar" detect "${args[@]}" >/dev/null 2>/dev/null
    )
    perf report -i "$data" --no-children --sort comm --stdio -g none -F sample,comm 2>/dev/null \
      | awk -v c="$c" '$1 ~ /^[0-9]+$/ { n = $1; $1 = ""; sub(/^ +/, ""); sub(/ +$/, ""); a[$0] = n }
          END { printf "%s: reading %.0f ms, writing %.0f, C2 %.0f, C1 %.0f\n", c, a["java"] / 0.999,
                a["iotevent-detect"] / 0.999, a["C2 CompilerThre"] / 0.999, a["C1 CompilerThre"] / 0.999 }'
  done
done
