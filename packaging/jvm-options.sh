# The JVM options iotevent runs with, shared by ./iotevent (from a clone) and the Debian package's
# /usr/bin/iotevent, so both run alike. Sourced; `iotevent_jvm_options ARGS...` sets the array
# `jvm` for a run of `iotevent ARGS...`, `iotevent_add_archive` adds the app's archive to it.
# LauncherOptionsTest checks the choices.
#
# - The serial collector and a bounded young generation keep the memory of a long detection flat
#   (README, Speed). -Xlog:cds=off: an archive that does not fit the jar is ignored silently.
# - detect's pass inlines its whole per-packet and per-detection path into a few large
#   compilations; with C2's default inlining of hot methods (up to 325 bytecodes) compiling them
#   costs more CPU than it saves on a 1 GB capture: a third less CPU with 60 (README, Speed).
# - A one-shot detect over capture files under 128 MB in all runs faster with the quick JIT alone
#   (C1): 0.72x the CPU on PingPong's 1.4 MB, 0.81x on 95 MB; from a few hundred MB the optimising
#   JIT pays back (C1 alone: 1.19x the CPU on 387 MB), and standard input, folders and live capture
#   keep it (docs/performance.md). IOTEVENT_JAVA_OPTS naming TieredStopAtLevel overrides the choice.
# - With the optimising JIT, detect keeps the quick JIT's default thresholds: compiling picocli,
#   Jackson and the start-up early costs C1 CPU on the core the reading thread does not use, and
#   the reading thread (the pass's bound) reaches compiled code sooner: nine devices 0.96x the
#   wall and 0.98x the CPU of 10x the thresholds (which saved JIT CPU when the writing thread
#   was the bound; docs/performance.md, round 7).
# - evaluate and train run with the quick JIT alone: C2 does not pay back within them (evaluate of
#   10 000 labelled bursts, 100 splits: 0.73x the CPU and 0.81x the wall; 15.5 s against 25.3 s on
#   10 000 bursts that rarely repeat; Blink's camera week 0.86x the CPU; train 0.56x the CPU;
#   docs/performance.md). IOTEVENT_JAVA_OPTS naming TieredStopAtLevel overrides it here too.
# - With the optimising JIT, detect leaves the code only its start-up runs (picocli, Jackson reading
#   the signatures, the jar's directory) to the quick JIT (detect-directives.json, beside this
#   file): C2 compiled it while the start-up and the JIT's warm-up already kept both cores busy
#   (nine devices 0.94-0.96x the wall and CPU, docs/performance.md, round 8). The JVM prints that
#   file's "compiler directives added" on stdout, where detections go: -XX:-DisplayVMOutput keeps
#   it off, and with it all the JVM prints through its own console stream: a thread dump on
#   SIGQUIT (Ctrl-\), -XX:+PrintFlagsFinal and the like, the messages of -XX:+ExitOnOutOfMemoryError
#   and of a heap dump (a Java OutOfMemoryError's trace, -Xlog and a crash report still show). To
#   see them: IOTEVENT_JAVA_OPTS="-XX:+DisplayVMOutput -XX:+DisplayVMOutputToStderr" (on stderr,
#   the directives' line too).
iotevent_c1_limit=$((128 * 1024 * 1024))
iotevent_directives="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/detect-directives.json"

iotevent_jvm_options() {
  jvm=(-XX:+UseSerialGC -Xmn32m -Xlog:cds=off,cds+dynamic=off)
  case "${1:-}" in
    evaluate|train)
      [[ "${IOTEVENT_JAVA_OPTS:-}" == *TieredStopAtLevel* ]] || jvm+=(-XX:TieredStopAtLevel=1)
      return 0 ;;
    detect) ;;
    *) return 0 ;;
  esac
  jvm+=(-XX:FreqInlineSize=60)
  [[ "${IOTEVENT_JAVA_OPTS:-}" != *TieredStopAtLevel* ]] || return 0
  if iotevent_small_capture "${@:2}"; then
    jvm+=(-XX:TieredStopAtLevel=1)
  elif [ -r "$iotevent_directives" ]; then
    jvm+=(-XX:+UnlockDiagnosticVMOptions -XX:CompilerDirectivesFile="$iotevent_directives" -XX:-DisplayVMOutput)
  fi
  return 0
}

# True when detect's arguments read capture files only, adding up to less than the limit.
iotevent_small_capture() {
  local total=0 files=0 prev="" a f
  for a in "$@"; do
    f=""
    case "$prev" in -r|--read) f="$a" ;; esac
    case "$a" in
      --read=*) f="${a#--read=}" ;;
      -r?*) f="${a#-r}" ;;
      -i|--interface|--interface=*|-i?*) return 1 ;;   # live capture: a long run
    esac
    if [ -n "$f" ]; then
      # standard input (-), a folder or a name that is not a file: size unknown, keep C2
      [ -f "$f" ] || return 1
      total=$((total + $(stat -c %s -- "$f"))); files=$((files + 1))
    fi
    prev="$a"
  done
  [ "$files" -gt 0 ] && [ "$total" -lt "$iotevent_c1_limit" ]
}

# True when the app's class-data-sharing archive $1 is there and not older than the jar $2 (one made
# for an earlier jar records other classes).
iotevent_archive_fits() {
  [ -f "$1" ] && ! [ "$2" -nt "$1" ]
}

# Adds the app's archive $1 to `jvm` when it fits the jar $2; returns 1 when it did not.
iotevent_add_archive() {
  iotevent_archive_fits "$1" "$2" || return 1
  jvm+=(-XX:SharedArchiveFile="$1")
}

# True when the class lists $1 an archive was made from hold those of command $2.
iotevent_archive_covers() {
  [ -f "$1" ] && grep -qxF "# command: $2" "$1"
}

# Prints the class lists $1 (if there) with the list $3 of a run of command $2 added: the lists an
# archive covering every command run so far is dumped from (-XX:SharedClassListFile; a class or
# lambda listed twice is archived once; # starts a comment).
iotevent_archive_list() {
  if [ -f "$1" ]; then cat "$1"; fi
  printf '# command: %s\n' "$2"
  cat "$3"
}
