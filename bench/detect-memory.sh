#!/usr/bin/env bash
# Peak memory of whole-home detection against the capture's size (issue 17: at most 256 MB, flat
# from 100 MB to 10 GB). Simulates the issue's home (seed 3, LAN, spacing 30 s) for 90, 900 and
# 8760 hours (about 100 MB, 1 GB and 9.7 GB; 8760 h is simulate's limit) under /tmp, runs
# `iotevent detect` with the nine align signatures the demo trains (JSON Lines and ALERT lines to
# /dev/null), and prints peak RSS (whole process, as /usr/bin/time reports it), wall and CPU time.
# The captures are deleted at the end unless KEEP=1 (the 1 GB one is bench/detect-speed.sh's).
# Usage: bench/detect-memory.sh [DEMO_DIR]   (default /tmp/perf-demo)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
demo="${1:-/tmp/perf-demo}"
iotevent="$root/iotevent"
"$iotevent" --version >/dev/null
[ -d "$demo/signatures" ] || "$iotevent" demo -o "$demo" >/dev/null
# a detect run first: after a build the launcher archives the classes of its first run (start-up);
# not -q, which leaves out the classes of the progress and the summary (they would be read from the jar)
"$iotevent" detect -r "$demo/train-session/lan.pcap" -s "$demo/signatures" --format jsonl >/dev/null 2>&1
echo "$(nproc) cores; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| capture | packets | wall | CPU (user+sys) | peak RSS |"
echo "|---|---:|---:|---:|---:|"
for hours in 90 900 8760; do
  dir="/tmp/perf-home-${hours}h"
  [ "$hours" = 900 ] && dir=/tmp/perf-home
  made=0
  if [ ! -f "$dir/lan.pcap" ]; then
    "$iotevent" simulate --seed 3 --hours "$hours" --vantage lan --spacing 30 -o "$dir" --force >/dev/null
    rm -rf "$dir/truth.json" "$dir/events.csv" "$dir/events"
    made=1
  fi
  /usr/bin/time -f "%e %U %S %M" -o "$dir.time" "$iotevent" detect -r "$dir/lan.pcap" -s "$demo/signatures" \
    --format jsonl >/dev/null 2>"$dir.err"
  read -r wall user sys rss < "$dir.time"
  packets=$(sed -n 's/^iotevent: [^ ]*: \([0-9]*\) packets.*/\1/p' "$dir.err" | head -1)
  echo "| $(du -m "$dir/lan.pcap" | cut -f1) MB | $packets | $wall s | $(echo "$user + $sys" | bc) s | $((rss / 1024)) MB |"
  rm -f "$dir.time" "$dir.err"
  if [ "${KEEP:-0}" != 1 ] && [ "$made" = 1 ]; then rm -rf "$dir"; fi
done
