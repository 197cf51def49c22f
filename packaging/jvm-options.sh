# The JVM options iotevent runs with, shared by ./iotevent (from a clone) and the Debian package's
# /usr/bin/iotevent, so both run alike. Sourced; `iotevent_jvm_options ARGS...` sets the array
# `jvm` for a run of `iotevent ARGS...`. LauncherOptionsTest checks the choices.
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
iotevent_c1_limit=$((128 * 1024 * 1024))

iotevent_jvm_options() {
  jvm=(-XX:+UseSerialGC -Xmn32m -Xlog:cds=off,cds+dynamic=off)
  [ "${1:-}" = detect ] || return 0
  jvm+=(-XX:FreqInlineSize=60)
  [[ "${IOTEVENT_JAVA_OPTS:-}" != *TieredStopAtLevel* ]] || return 0
  local total=0 files=0 prev="" a f
  for a in "${@:2}"; do
    f=""
    case "$prev" in -r|--read) f="$a" ;; esac
    case "$a" in
      --read=*) f="${a#--read=}" ;;
      -r?*) f="${a#-r}" ;;
      -i|--interface|--interface=*|-i?*) return 0 ;;   # live capture: a long run
    esac
    if [ -n "$f" ]; then
      # standard input (-), a folder or a name that is not a file: size unknown, keep C2
      [ -f "$f" ] || return 0
      total=$((total + $(stat -c %s -- "$f"))); files=$((files + 1))
    fi
    prev="$a"
  done
  if [ "$files" -gt 0 ] && [ "$total" -lt "$iotevent_c1_limit" ]; then jvm+=(-XX:TieredStopAtLevel=1); fi
  return 0
}
