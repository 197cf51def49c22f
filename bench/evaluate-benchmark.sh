#!/usr/bin/env bash
# evaluate and train speed (issue 17): what `iotevent evaluate` computes (the align trainer, k among
# 1, 3, 5, the k sweep, the 5-fold cross-validation and REPEATS seeded 80/20 splits) and what
# `iotevent train` computes (the training and its 5-fold cross-validation) on N labelled bursts
# (core/src/test/java/org/iotevent/evaluate/EvaluateBenchmark.java says which), in one JVM per
# figure, median of PASSES, for this build ("new") and for an older build ("old", OLD_REF, default
# the commit before the shared distances, built in a temporary worktree; or OLD_JAR) in the same
# sitting, with the ratio. Both must print the same accuracy and events read.
# CLASSIFIER=paper measures the paper's classifier (k among 1, 3, 5, 7, 9) instead of align;
# OLD_JAR=none measures this build alone (the old column then reads "-").
# Usage: bench/evaluate-benchmark.sh [N ...]   (default 250 500 1000; REPEATS=10 PASSES=3 CLASSIFIER=align)
set -euo pipefail
cd "$(dirname "$0")/.."
repeats="${REPEATS:-10}"
passes="${PASSES:-3}"
classifier="${CLASSIFIER:-align}"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(250 500 1000)
mvn -q -B -DskipTests install >&2
mvn -q -B -f core/pom.xml dependency:build-classpath -Dmdep.outputFile="$PWD/target/bench.classpath" >&2
tmp="$(mktemp -d "${TMPDIR:-/tmp}/iotevent-eval-bench.XXXXXX")"
cleanup() { git worktree remove --force "$tmp/old" 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT
cp target/iotevent.jar "$tmp/new.jar"
old="${OLD_JAR:-}"
if [ -z "$old" ]; then
  git worktree add -q --detach "$tmp/old" "${OLD_REF:-d884bc3}"
  (cd "$tmp/old" && mvn -q -B -DskipTests package >&2)
  old="$tmp/old/target/iotevent.jar"
fi
cp="core/target/test-classes:$(cat target/bench.classpath)"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores; $classifier, repeats $repeats, median of $passes"
echo "| what | N | old s | new s | old / new | accuracy, events read (old = new) |"
echo "|---|---:|---:|---:|---:|---|"
for what in evaluate train; do
  for n in "${sizes[@]}"; do
    w=$(java -cp "$tmp/new.jar:$cp" org.iotevent.evaluate.EvaluateBenchmark "$what" "$n" "$repeats" "$passes" "$classifier")
    sn=$(cut -f4 <<<"$w")
    if [ "$old" = none ]; then
      printf '| %s | %s | - | %.2f | - | %s |\n' "$what" "$n" "$sn" "$(cut -f5- <<<"$w" | tr '\t' ' ')"
      continue
    fi
    o=$(java -cp "$old:$cp" org.iotevent.evaluate.EvaluateBenchmark "$what" "$n" "$repeats" "$passes" "$classifier")
    so=$(cut -f4 <<<"$o")
    same=$([ "$(cut -f5- <<<"$o")" = "$(cut -f5- <<<"$w")" ] && echo "$(cut -f5- <<<"$w" | tr '\t' ' ')" || echo "DIFFER: old $(cut -f5- <<<"$o") new $(cut -f5- <<<"$w")")
    printf '| %s | %s | %.2f | %.2f | %.1fx | %s |\n' "$what" "$n" "$so" "$sn" "$(echo "$so / $sn" | bc -l)" "$same"
  done
done
