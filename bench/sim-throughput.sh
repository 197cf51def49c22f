#!/usr/bin/env bash
# How fast `iotevent simulate` writes captures: MB of pcap written per second of wall time
# (LAN + WAN + WiFi captures of the default home), median of RUNS runs, each beside a baseline
# in the same run: dd writing the same number of bytes of zeros to the same directory (the
# disk's ceiling without any simulation). Also CPU seconds (user + sys), since other jobs on a
# shared machine lengthen the wall time.
#   HOURS=120 RUNS=3 OUT=/tmp/simbench bench/sim-throughput.sh
set -euo pipefail
cd "$(dirname "$0")/.."
hours=${HOURS:-120}
runs=${RUNS:-3}
out=${OUT:-$(mktemp -d /tmp/simbench.XXXXXX)}
mkdir -p "$out"
./iotevent --version >/dev/null # builds target/iotevent.jar when it is missing or stale
now() { date +%s%N; }
sim_rates=()
dd_rates=()
cpu_rates=()
for i in $(seq 1 "$runs"); do
  rm -rf "$out/sim" "$out/dd"
  t0=$(now)
  /usr/bin/time -f "%U %S" -o "$out/cpu" java -jar target/iotevent.jar simulate --hours "$hours" --spacing 10 \
    --seed "$i" -o "$out/sim" >/dev/null
  t1=$(now)
  bytes=$(cat "$out"/sim/*.pcap | wc -c)
  cpu=$(awk '{print $1 + $2}' "$out/cpu")
  rm -rf "$out/sim"
  t2=$(now)
  dd if=/dev/zero of="$out/dd" bs=1M count=$((bytes / 1048576)) status=none
  t3=$(now)
  rm -f "$out/dd"
  sim=$(awk -v b="$bytes" -v t=$((t1 - t0)) 'BEGIN {printf "%.0f", b / 1e6 / (t / 1e9)}')
  base=$(awk -v b="$bytes" -v t=$((t3 - t2)) 'BEGIN {printf "%.0f", b / 1e6 / (t / 1e9)}')
  percpu=$(awk -v b="$bytes" -v c="$cpu" 'BEGIN {printf "%.0f", b / 1e6 / c}')
  printf 'run %d: %.0f MB in %.1f s wall: simulate %s MB/s (%s MB per CPU-second), dd %s MB/s\n' "$i" \
    "$(awk -v b="$bytes" 'BEGIN {print b / 1e6}')" "$(awk -v t=$((t1 - t0)) 'BEGIN {print t / 1e9}')" \
    "$sim" "$percpu" "$base"
  sim_rates+=("$sim")
  dd_rates+=("$base")
  cpu_rates+=("$percpu")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
ms=$(median "${sim_rates[@]}")
md=$(median "${dd_rates[@]}")
echo "median: simulate $ms MB/s wall, $(median "${cpu_rates[@]}") MB per CPU-second; dd $md MB/s;" \
  "ratio simulate/dd $(awk -v a="$ms" -v b="$md" 'BEGIN {printf "%.2f", a / b}')" \
  "(load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores)"
rmdir "$out" 2>/dev/null || true
