#!/usr/bin/env bash
# Paired whole-process timing of two iotevent clones (two builds: before and after a change), run in
# turn so that the load of a shared machine falls on both alike; the ratio taken pair by pair.
# usage: RUNS=5 bench/detect-pair.sh OLD_CLONE NEW_CLONE iotevent-args...
#   e.g. RUNS=5 bench/detect-pair.sh /tmp/before . detect -r /tmp/perf-home/lan.pcap -s /tmp/perf-demo/signatures --format jsonl
# Each run: CLONE/iotevent ARGS >/dev/null 2>/dev/null. Prints per pair wall and CPU (user+sys), then medians,
# the median of the per-pair CPU and wall ratios new/old and in how many pairs new was the faster. The two go in
# turn, old first in odd pairs and new first in even ones. Both clones' jars must be built (run ./iotevent once).
# OLD_OPTS / NEW_OPTS: JVM options for each side (IOTEVENT_JAVA_OPTS, which they replace); with one clone twice, they compare
# two option sets of one build: OLD_OPTS= NEW_OPTS=-XX:FreqInlineSize=80 bench/detect-pair.sh . . detect ...
set -euo pipefail
old="$1"; new="$2"; shift 2
runs="${RUNS:-5}"
t=$(mktemp)
for r in $(seq "$runs"); do
  order="old new"; [ $((r % 2)) = 1 ] || order="new old"
  for side in $order; do
    dir=${!side}
    if [ "$side" = old ]; then opts="${OLD_OPTS-${IOTEVENT_JAVA_OPTS:-}}"; else opts="${NEW_OPTS-${IOTEVENT_JAVA_OPTS:-}}"; fi
    IOTEVENT_JAVA_OPTS="$opts" /usr/bin/time -f "%e %U %S" -o "$t" "$dir/iotevent" "$@" >/dev/null 2>/dev/null \
      || { echo "run failed: $dir"; exit 1; }
    read -r w u s < "$t"
    echo "$side $w $(echo "$u + $s" | bc)"
  done
done | tee /dev/stderr | python3 -c '
import sys, statistics as st
rows=[l.split() for l in sys.stdin]
old=[(float(w),float(c)) for s,w,c in rows if s=="old"]; new=[(float(w),float(c)) for s,w,c in rows if s=="new"]
m=lambda xs,i: st.median(x[i] for x in xs)
print(f"old: wall {m(old,0):.2f} s CPU {m(old,1):.2f} s | new: wall {m(new,0):.2f} s CPU {m(new,1):.2f} s")
load=open("/proc/loadavg").read().split()[0]
cpu=[n[1]/o[1] for o,n in zip(old,new)]; wall=[n[0]/o[0] for o,n in zip(old,new)]
print(f"per-pair ratio new/old: CPU {st.median(cpu):.3f}x wall {st.median(wall):.3f}x; new faster in {sum(x<1 for x in wall)}/{len(wall)} pairs (wall), {sum(x<1 for x in cpu)}/{len(cpu)} (CPU)  (load {load})")
'
rm -f "$t"
