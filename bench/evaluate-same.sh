#!/usr/bin/env bash
# Evidence that a faster evaluate/train computes the same thing (issue 17): runs `evaluate` (text and
# --json) and `train` (text and the signature file) with two jars on the same inputs and compares the
# whole outputs byte for byte: the authors' five sequence files and the PingPong and Blink captures in
# core/src/test/resources/realdata, and simulated TP-Link captures of SIZES labelled bursts (the
# captures of bench/evaluate-growth.sh), both classifiers. Prints one line per case (same / DIFFER) and
# exits 1 when any differs; the outputs stay in OUT (default a temporary folder, removed; a kept OUT
# reuses the old jar's outputs found there).
# Usage: OLD_JAR=old.jar [NEW_JAR=target/iotevent.jar] [SIZES="1000 3000"] [OUT=dir] bench/evaluate-same.sh
set -euo pipefail
cd "$(dirname "$0")/.."
old="$(realpath "${OLD_JAR:?OLD_JAR: the jar to compare against}")"
new="$(realpath "${NEW_JAR:-target/iotevent.jar}")"
sizes=(${SIZES:-1000 3000})
out="${OUT:-}"
if [ -z "$out" ]; then
  out="$(mktemp -d "${TMPDIR:-/tmp}/iotevent-same.XXXXXX")"
  trap 'rm -rf "$out"' EXIT
fi
mkdir -p "$out/old" "$out/new" "$out/sim"
out="$(realpath "$out")"
real="$PWD/core/src/test/resources/realdata"
for n in "${sizes[@]}"; do
  if [ ! -f "$out/sim/$n/lan.pcap" ]; then
    reps=$(( (n * 100 + 587) / 1174 ))
    java -jar "$new" simulate --home tplink-hs100 --repetitions "$reps" --vantage lan --seed 5 -o "$out/sim/$n" >/dev/null
  fi
done
# name, then the arguments after the command
cases=()
for f in "$real"/data/iotevents/*.txt; do
  cases+=("evaluate iotevents-$(basename "$f" .txt) --iotevents $f")
done
cases+=("both pingpong -r $real/captures/pingpong-wlan1.local.dns.pcap --events $real/data/pingpong-tplink/events.csv --device 192.168.1.159")
cases+=("both blink -r $real/data/blink-cam/capture.pcap --events $real/data/blink-cam/events.csv --device 192.168.1.129 --events-offset auto")
for n in "${sizes[@]}"; do
  cases+=("both sim-$n -r $out/sim/$n/lan.pcap --events $out/sim/$n/events/tplink-hs100.csv --device 192.168.1.100")
done
status=0
for c in "${cases[@]}"; do
  read -r which name args <<<"$c"
  cmds=(evaluate train)
  [ "$which" = evaluate ] && cmds=(evaluate)
  for classifier in align paper; do
    for cmd in "${cmds[@]}"; do
      id="$cmd-$classifier-$name"
      for side in old new; do
        jar=$old; [ "$side" = new ] && jar=$new
        file="$out/$side/$id"
        # with OUT kept from an earlier run, the old jar's outputs are not made again
        if [ "$side" = old ] && [ -s "$file.txt" ]; then
          continue
        fi
        extra=(--json "$id.json")
        [ "$cmd" = train ] && extra=(-o "$id.json")
        # in the side's folder, so that the outputs name the same files
        # shellcheck disable=SC2086
        (cd "$out/$side" && java -jar "$jar" "$cmd" $args --classifier "$classifier" -q "${extra[@]}") >"$file.txt" 2>&1 \
          || echo "exit $?" >>"$file.txt"
        # the signature records when it was made
        if [ -f "$file.json" ] && [ "$cmd" = train ]; then
          sed -i -E '/"created" :/d' "$file.json"
        fi
      done
      if cmp -s "$out/old/$id.txt" "$out/new/$id.txt" && { [ ! -e "$out/old/$id.json" ] && [ ! -e "$out/new/$id.json" ] \
          || cmp -s "$out/old/$id.json" "$out/new/$id.json"; }; then
        echo "same    $id ($(cat "$out/new/$id.txt" "$out/new/$id.json" 2>/dev/null | wc -c) bytes)"
      else
        echo "DIFFER  $id"
        status=1
      fi
    done
  done
done
exit $status
