#!/usr/bin/env bash
# Paired whole-process timing of two iotevent clones (two builds: before and after a change), run in
# turn so that the load of a shared machine falls on both alike; the ratio taken pair by pair.
# usage: RUNS=5 bench/detect-pair.sh OLD_CLONE NEW_CLONE iotevent-args...
#   e.g. RUNS=5 bench/detect-pair.sh /tmp/before . detect -r /tmp/perf-home/lan.pcap -s /tmp/perf-demo/signatures --format jsonl
# Each run: CLONE/iotevent ARGS >/dev/null 2>/dev/null. Prints per pair wall and CPU (user+sys), then medians and
# the median of the per-pair CPU and wall ratios new/old. Both clones' jars must be built (run ./iotevent once first).
set -euo pipefail
old="$1"; new="$2"; shift 2
runs="${RUNS:-5}"
t=$(mktemp)
for r in $(seq "$runs"); do
  for side in old new; do
    dir=${!side}
    /usr/bin/time -f "%e %U %S" -o "$t" "$dir/iotevent" "$@" >/dev/null 2>/dev/null || { echo "run failed: $dir"; exit 1; }
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
print(f"per-pair ratio new/old: CPU {st.median(n[1]/o[1] for o,n in zip(old,new)):.3f}x wall {st.median(n[0]/o[0] for o,n in zip(old,new)):.3f}x  (load {load})")
'
rm -f "$t"
