#!/usr/bin/env bash
# Throughput and latency of the many-homes Flink job (flink module) on a local MiniCluster with a
# real Kafka broker (KRaft, 127.0.0.1, started here from the Kafka jars), beside the single-process
# CLI on the same homes. For each number of homes: simulate them (LAN, HOURS each, nine devices,
# signatures trained on a separate session), publish them to a topic of 4 partitions (publish
# --homes: every home on the common timeline), then run the job bounded at parallelism 1 and 2
# (timers; session windows too, see SESSION) and time it (Flink's net runtime, startup included);
# the CLI runs iotevent detect on each home in one warmed JVM. Wall seconds and the CPU seconds
# of the whole process (user + sys, startup and JIT included): on a shared machine the CPU
# figure is the one to compare per core. Then the latency: LATENCY_HOMES homes published
# at their real pace (--speed 1) for LATENCY seconds while the job runs, each detection's delay
# from its burst's last packet to its commit on the output topic. LONG_HOURS: one long home too
# (0: none), the CLI then one cold `iotevent detect`. The start-up of each (the job on an empty
# topic, the CLI on one 15-minute home) gives the marginal rate: packets / (CPU s - start-up CPU s).
# SESSION=N: session windows too, on the N-home folder only.
#   HOMES="10 100 1000" HOURS=0.25 LONG_HOURS=100 LATENCY=60 LATENCY_HOMES=100 SESSION=100 LATENCY_JOB_ARGS="--idle 5000" bench/flink.sh [WORK_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
work=${1:-target/bench-flink}
homes_list=${HOMES-10 100 1000}
hours=${HOURS:-0.25}
latency_s=${LATENCY:-60}
mkdir -p "$work"
work=$(cd "$work" && pwd)
mvn -B -q -DskipTests package
mvn -B -q -pl flink -am -DskipTests test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$work/test-classpath.txt" >/dev/null
testcp="flink/target/test-classes:flink/target/classes:$(cat "$work/test-classpath.txt")"
cli="java -jar target/iotevent.jar"
job="java -Xmx2g -jar flink/target/iotevent-flink.jar"

if [ ! -d "$work/signatures" ]; then
  rm -rf "$work/train"
  $cli simulate --hours 2 --vantage lan -o "$work/train" >/dev/null
  mkdir -p "$work/signatures"
  i=0
  for d in yeelight-strip mi-plug-mini mi-hub tuya-lamp tuya-plug tplink-hs100 orvibo-socket jellyfish-bulb broadlink-spmini3; do
    $cli train -r "$work/train/lan.pcap" --events "$work/train/events/$d.csv" --device "192.168.1.$((100 + i))" \
      -o "$work/signatures/$d.json" >/dev/null
    i=$((i + 1))
  done
fi

rm -rf "$work/kafka"; mkdir -p "$work/kafka"
exec 3> >(java -Xmx1g -cp "$testcp" org.iotevent.flink.KafkaBroker "$work/kafka" > "$work/kafka/bootstrap" 2>"$work/kafka/log")
trap 'exec 3>&-; sleep 3' EXIT
for _ in $(seq 60); do [ -s "$work/kafka/bootstrap" ] && break; sleep 1; done
bootstrap=$(cat "$work/kafka/bootstrap")
topic() { java -cp "$testcp" bench/FlinkTopic.java "$bootstrap" "$1" "$2" 2>/dev/null || true; }

runjob() { # TOPIC NAME PARALLELISM EXTRA...: prints the job's seconds, its CPU in $work/cpu
  local t=$1 name=$2 par=$3; shift 3
  topic "detections-$name" 4
  /usr/bin/time -f "%U %S" -o "$work/cpu" $job --bootstrap "$bootstrap" --topic "$t" -s "$work/signatures" \
    --output-topic "detections-$name" --bounded --parallelism "$par" --checkpoint-interval 2000 --group-id "bench-$name" \
    --transactional-id-prefix "bench-$name" "$@" 2>&1 >/dev/null | sed -n 's/.*job finished in \([0-9.]*\) s.*/\1/p'
}
cpu() { awk '{ print $1 + $2 }' "$work/cpu"; }
# start-up: the job on an empty topic, the CLI on one 15-minute home
topic packets-empty 4
runjob packets-empty empty 1 >/dev/null; job_start=$(cpu)
[ -d "$work/homes-1" ] || $cli simulate --homes 1 --hours 0.25 --vantage lan --seed 7 -o "$work/homes-1" >/dev/null
/usr/bin/time -f "%U %S" -o "$work/cpu" $cli detect -q -r "$work/homes-1/home-0001/lan.pcap" -s "$work/signatures" --format jsonl \
  -o "$work/cli-start.jsonl"; cli_start=$(cpu)
echo "start-up CPU s: job (empty topic, parallelism 1) $job_start, CLI (one 15-minute home) $cli_start"

printf '%-6s %-9s %-30s %8s %8s %11s %13s %13s %9s\n' homes packets run wall_s cpu_s packets/s packets/cpu_s marginal homes_rt
row() { # RUN SECONDS START_CPU
  awk -v n="$n" -v p="$packets" -v s="$2" -v c="$(cpu)" -v z="$3" -v h="$h" -v r="$1" \
    'BEGIN { printf "%-6s %-9d %-30s %8.2f %8.2f %11.0f %13.0f %13.0f %9.0f\n", n, p, r, s, c, p / s, p / c, p / (c - z), (n == "long" ? 1 : n) * h * 3600 / s }'
}
cases="$homes_list"
[ "${LONG_HOURS:-100}" != 0 ] && cases="$cases long"
for n in $cases; do
  if [ "$n" = long ]; then
    h=${LONG_HOURS:-100}; dir="$work/homes-long"
    [ -d "$dir" ] || $cli simulate --homes 1 --hours "$h" --vantage lan --seed 13 -o "$dir" >/dev/null
  else
    h=$hours; dir="$work/homes-$n"
    [ -d "$dir" ] || $cli simulate --homes "$n" --hours "$hours" --vantage lan --seed 7 -o "$dir" >/dev/null
  fi
  topic "packets-$n" 4
  packets=$($cli publish --homes "$dir" --bootstrap "$bootstrap" --topic "packets-$n" | sed -n 's/^published \([0-9]*\) packets.*/\1/p')
  if [ "$n" = long ]; then
    secs=$( { /usr/bin/time -f "%e %U %S" -o "$work/time" $cli detect -q -r "$dir/home-0001/lan.pcap" -s "$work/signatures" \
      --format jsonl -o "$work/cli-long.jsonl"; } 2>/dev/null; awk '{ print $1 }' "$work/time")
    awk '{ print $2, $3 }' "$work/time" > "$work/cpu"
    row "CLI, 1 process (cold)" "$secs" "$cli_start"
  else
    secs=$(/usr/bin/time -f "%U %S" -o "$work/cpu" java -Xmx2g -cp target/iotevent.jar bench/CliBaseline.java "$dir" \
      "$work/signatures" "$work/cli-$n")
    row "CLI, 1 process" "$secs" "$cli_start"
  fi
  for par in 1 2; do
    secs=$(runjob "packets-$n" "$n-timers-$par" "$par"); row "flink timers, parallelism $par" "$secs" "$job_start"
  done
  if [ "${SESSION:-0}" = "$n" ]; then
    for par in 1 2; do
      secs=$(runjob "packets-$n" "$n-session-$par" "$par" --session-windows); row "flink session windows, par. $par" "$secs" "$job_start"
    done
  fi
done

# latency: LATENCY_HOMES homes at their real pace, the job running unbounded beside them
dir="$work/homes-latency"
[ -d "$dir" ] || $cli simulate --homes "${LATENCY_HOMES:-100}" --hours "$(awk -v s="$latency_s" 'BEGIN { print (s + 30) / 3600 }')" \
  --vantage lan --seed 11 -o "$dir" >/dev/null
topic packets-live 4; topic detections-live 4
$job --bootstrap "$bootstrap" --topic packets-live -s "$work/signatures" --output-topic detections-live --parallelism 2 \
  --checkpoint-interval 1000 --group-id live --transactional-id-prefix live ${LATENCY_JOB_ARGS:-} >"$work/job-live.log" 2>&1 &
jobpid=$!
sleep 10
$cli publish --homes "$dir" --bootstrap "$bootstrap" --topic packets-live --speed 1 >/dev/null &
pubpid=$!
echo "latency, ${LATENCY_HOMES:-100} homes at their pace, checkpoints every 1 s, out-of-orderness 2 s, a = each signature's:"
java -cp "$testcp" bench/FlinkLatency.java "$bootstrap" detections-live "$latency_s" 2>/dev/null
kill "$pubpid" "$jobpid" 2>/dev/null || true
wait "$jobpid" 2>/dev/null || true
