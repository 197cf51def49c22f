#!/usr/bin/env bash
# Whole-home detection speed against tcpdump (issue 17). In one sitting, interleaved run by run:
# `tcpdump -r F -w /dev/null` (the floor: reading the file) and `iotevent detect` as a user runs it
# (a cold JVM each time, JSON Lines to /dev/null, ALERT lines to /dev/null) on the same capture;
# medians of RUNS runs of wall time, CPU time (user + system) and peak RSS, and each median wall
# time as a multiple of tcpdump's. The machine is shared: wall time includes the neighbours' load
# (printed), so compare the ratios and the CPU times, not single runs.
#
# The capture and signatures are made when missing (kept for the next run; delete them after):
#   CAPTURE  ./iotevent simulate --seed 3 --hours 900 --vantage lan --spacing 30 (995 MB, 7.03 M packets)
#   SIGS     the nine signatures ./iotevent demo trains (align in signatures/, paper in signatures-paper/)
# "one thread" pins the process to one core (taskset): the pipeline then runs on one thread.
# "the JIT's default inlining" undoes the launcher's -XX:FreqInlineSize=60 for detect (325 is C2's default).
# "start-up" runs detect on the demo's small training capture: what a one-shot run pays for JVM
# start, class loading and JIT, with the launcher's AppCDS archive and without it.
# Usage: RUNS=3 bench/detect-speed.sh [CAPTURE_DIR [DEMO_DIR]]   (default /tmp/perf-home /tmp/perf-demo)
#        EXTRA="-XX:TieredStopAtLevel=1" adds JVM options to every iotevent run (IOTEVENT_JAVA_OPTS).
#        CASES=1,2 runs only those cases (numbered from 0 in the list below) beside tcpdump (case 0).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
home="${1:-/tmp/perf-home}"
demo="${2:-/tmp/perf-demo}"
runs="${RUNS:-3}"
iotevent="$root/iotevent"
one="${ONE:-tplink-hs100}"
"$iotevent" --version >/dev/null   # builds the jar when the sources changed
if [ ! -f "$home/lan.pcap" ]; then
  "$iotevent" simulate --seed 3 --hours 900 --vantage lan --spacing 30 -o "$home" >&2
fi
if [ ! -d "$demo/signatures" ]; then
  "$iotevent" demo -o "$demo" >/dev/null
fi
# a detect run first: after a build the launcher archives the classes of its first run (start-up);
# not -q, which leaves out the classes of the progress and the summary (they would be read from the jar)
"$iotevent" detect -r "$demo/train-session/lan.pcap" -s "$demo/signatures" --format jsonl >/dev/null 2>&1
capture="$home/lan.pcap"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/iotevent-detect-speed.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

# name | command (run by bash -c with $F the capture, $D the demo folder, $I the launcher)
cases=(
  "tcpdump -r F -w /dev/null|tcpdump -r \"\$F\" -w /dev/null"
  "nine align signatures, JSONL|\$I detect -r \"\$F\" -s \"\$D/signatures\" --format jsonl"
  "nine align signatures, JSONL, -q|\$I detect -q -r \"\$F\" -s \"\$D/signatures\" --format jsonl"
  "nine paper signatures, JSONL|\$I detect -r \"\$F\" -s \"\$D/signatures-paper\" --format jsonl"
  "one align signature ($one), JSONL|\$I detect -r \"\$F\" -s \"\$D/signatures/$one.json\" --format jsonl"
  "nine align signatures, JSONL, one thread|taskset -c 0 \$I detect -r \"\$F\" -s \"\$D/signatures\" --format jsonl"
  "nine align signatures, JSONL, the JIT's default inlining|IOTEVENT_JAVA_OPTS=-XX:FreqInlineSize=325 \$I detect -r \"\$F\" -s \"\$D/signatures\" --format jsonl"
  "start-up: 0.8 MB capture, nine signatures (launcher, AppCDS)|\$I detect -r \"\$S\" -s \"\$D/signatures\" --format jsonl"
  "start-up: the same, java -jar (no app archive)|java -XX:+UseSerialGC -Xmn32m -XX:FreqInlineSize=60 -jar \"\$J\" detect -r \"\$S\" -s \"\$D/signatures\" --format jsonl"
)
[ -z "${CASES:-}" ] || IFS=',' read -r -a keep <<< "$CASES"
export F="$capture" D="$demo" I="$iotevent" IOTEVENT_JAVA_OPTS="${EXTRA:-}" S="$demo/train-session/lan.pcap" \
  J="$root/target/iotevent.jar"
echo "capture: $capture ($(du -m "$capture" | cut -f1) MB); $(nproc) cores; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq "$runs"); do
  for i in "${!cases[@]}"; do
    if [ -n "${CASES:-}" ] && [ "$i" != 0 ] && ! printf '%s\n' "${keep[@]}" | grep -qx "$i"; then continue; fi
    cmd="${cases[$i]#*|}"
    /usr/bin/time -f "%e %U %S %M" -o "$tmp/t" bash -c "$cmd" >/dev/null 2>"$tmp/err" \
      || { echo "case $i failed:"; cat "$tmp/err"; exit 1; }
    echo "$i $(cat "$tmp/t")" >> "$tmp/all"
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$tmp/all" "${cases[@]}" <<'EOF'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    i, wall, user, sys_, rss = line.split()
    rows.setdefault(int(i), []).append((float(wall), float(user) + float(sys_), int(rss) / 1024))
names = [c.split('|')[0] for c in sys.argv[2:]]
base = statistics.median(w for w, _, _ in rows[0])
print(f"| run (medians of {len(rows[0])}) | wall | CPU (user+sys) | vs tcpdump (wall) | peak RSS |")
print("|---|---:|---:|---:|---:|")
for i in sorted(rows):
    w = statistics.median(x[0] for x in rows[i]); c = statistics.median(x[1] for x in rows[i])
    m = statistics.median(x[2] for x in rows[i])
    print(f"| `{names[i]}` | {w:.2f} s | {c:.2f} s | {w / base:.1f}x | {m:.0f} MB |")
print("each run's wall:", {i: [x[0] for x in rows[i]] for i in sorted(rows)})
EOF
