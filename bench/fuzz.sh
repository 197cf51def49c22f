#!/usr/bin/env bash
# Coverage-guided fuzzing of every parser that reads user files (Jazzer 0.22.1, libFuzzer).
# Runs each @FuzzTest target in fuzzing mode, one after the other, for SECONDS each, through
# Jazzer's own driver (--target_class/--target_method): the JUnit route (JAZZER_FUZZ=1 mvn test)
# takes its duration from @FuzzTest(maxDuration) only.
#   Seeds:    core/src/test/resources/<package>/<Class>Inputs/<method>/ (committed, replayed by mvn verify)
#   Corpus:   target/fuzz/corpus/<Class>/<method>/ (grows across runs, not committed)
#   Crashes:  target/fuzz/crashes/<Class>/<method>/crash-* (minimise, commit as a named test)
#   Logs:     target/fuzz/logs/<Class>.<method>.log; a summary line per target on stdout.
# Usage: bench/fuzz.sh [SECONDS] [Class#method ...]   (default: 180 s, every target)
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-180}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(
  org.iotevent.decode.CaptureDecodeFuzzTest#anyBytesReadAndDecodeOrFailCleanly
  org.iotevent.capture.CaptureReadersFuzzTest#fileAndStreamGiveTheSameRecordsAndOutcome
  org.iotevent.signature.SignatureFileFuzzTest#anyFileLoadsOrFailsWithASignatureFormatException
  org.iotevent.traffic.EventLogReaderFuzzTest#anyFileGivesSortedEventsOrNamesTheLine
  org.iotevent.evaluate.IoTEventsReaderFuzzTest#anyFileGivesSamplesOrNamesTheLine
  org.iotevent.traffic.DnsAnswerParserFuzzTest#anyPayloadTeachesAtMostItsAnswersAndNeverThrows
  org.iotevent.traffic.EvidenceParsersFuzzTest#anyPayloadGivesPrintableEvidenceAndNeverThrows
  org.iotevent.traffic.EvidenceParsersFuzzTest#anyRegistryFileReadsOrFailsWithItsLine
  org.iotevent.sim.DeviceModelReaderFuzzTest#anyBytesGiveAModelOrAModelFormatException
  org.iotevent.sim.HomeReaderFuzzTest#anyBytesGiveAHomeOrAModelFormatException
  org.iotevent.campaign.CampaignFileFuzzTest#anyTextGivesACampaignOrNamesTheFile
  org.iotevent.evaluate.defence.DefenceFileFuzzTest#anyFileGivesDefencesOrNamesTheFile
  org.iotevent.report.ReportInputsFuzzTest#anyEvaluationFileIsReadOrNamed
  org.iotevent.report.ReportInputsFuzzTest#anyDetectionsFileIsReadOrNamed
)
mvn -q -B -f core/pom.xml -DskipTests test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$PWD/target/fuzz/classpath.txt" >&2
cp="core/target/test-classes:core/target/classes:$(cat target/fuzz/classpath.txt)"
pin=()
command -v taskset >/dev/null && pin=(taskset -c 1)
status=0
for t in "${targets[@]}"; do
  class="${t%#*}"
  method="${t#*#}"
  simple="${class##*.}"
  seeds="core/src/test/resources/${class//.//}Inputs/$method"
  corpus="target/fuzz/corpus/$simple/$method"
  crashes="target/fuzz/crashes/$simple/$method"
  log="target/fuzz/logs/$simple.$method.log"
  mkdir -p "$corpus" "$crashes" "$(dirname "$log")"
  rc=0
  "${pin[@]}" java -Xmx1g -cp "$cp" com.code_intelligence.jazzer.Jazzer \
    --target_class="$class" --target_method="$method" \
    --instrumentation_includes='org.iotevent.**' --custom_hook_includes='org.iotevent.**' \
    -max_total_time="$secs" -rss_limit_mb=2560 -timeout=10 -print_final_stats=1 \
    -artifact_prefix="$crashes/" "$corpus" "$seeds" >"$log" 2>&1 || rc=$?
  runs="$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || true)"
  last="$(grep -E '^#[0-9]+' "$log" | tail -1 || true)"
  cov="$(sed -n 's/.* cov: \([0-9]*\) ft: \([0-9]*\) corp: \([0-9]*\/[0-9a-zA-Z]*\).*exec\/s: \([0-9]*\).*/cov=\1 ft=\2 corpus=\3 exec\/s=\4/p' <<<"$last")"
  found="$(ls "$crashes" | wc -l)"
  echo "$simple#$method: ${secs}s runs=${runs:-?} $cov crashes=$found exit=$rc"
  [ "$rc" = 0 ] || status=1
done
exit "$status"
