#!/usr/bin/env bash
# Checks what packaging installs besides the jar: every man page generated from the commands
# renders without a warning and shows its command's example; the bash completion loads and
# completes. With --deb, also builds the Debian package and checks its contents (launcher on
# PATH, man pages, completion), without installing it. .ci/run runs it without --deb.
#   packaging/check.sh [--deb]
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail() { echo "check.sh: $*" >&2; exit 1; }
if ! command -v asciidoctor >/dev/null || ! command -v man >/dev/null; then
  echo "check.sh: SKIPPED: asciidoctor or man is not installed (Debian: apt install asciidoctor man-db)" >&2
  exit 0
fi

packaging/gen-docs.sh "$tmp/docs" >/dev/null
commands="demo inspect capture train detect devices evaluate defend report simulate publish"
for c in iotevent $(printf 'iotevent-%s ' $commands); do
  page="$tmp/docs/man1/$c.1"
  [ -f "$page" ] || fail "no man page $c.1"
  text=$(MANWIDTH=80 man --warnings -l "$page" 2>"$tmp/warnings")
  [ ! -s "$tmp/warnings" ] || fail "$c.1 renders with warnings: $(cat "$tmp/warnings")"
  grep -q "^NAME" <<<"$text" && grep -q "^SYNOPSIS" <<<"$text" || fail "$c.1 has no NAME or SYNOPSIS"
  if [ "$c" != iotevent ]; then
    grep -qE "^ +iotevent ${c#iotevent-} " <<<"$text" || fail "$c.1 shows no example of iotevent ${c#iotevent-}"
  fi
done
completions=$(bash -c "compopt() { :; }; source '$tmp/docs/bash-completion/iotevent'
  COMP_WORDS=(iotevent tr) COMP_CWORD=1 COMP_LINE='iotevent tr' COMP_POINT=11; _complete_iotevent; echo \"\${COMPREPLY[*]}\"")
[ "$completions" = "train" ] || fail "completion of 'iotevent tr' gave '$completions', expected 'train'"
echo "check.sh: man pages of iotevent and its $(wc -w <<<"$commands") commands render with their examples; completion works"

if [ "${1:-}" = --deb ]; then
  packaging/build-deb.sh
  deb=$(ls -t target/packaging/iotevent_*.deb | head -1)
  contents=$(dpkg-deb -c "$deb")
  for f in ./usr/bin/iotevent ./usr/lib/iotevent/bin/iotevent ./usr/lib/iotevent/lib/app/iotevent.jar \
      ./usr/share/man/man1/iotevent.1.gz ./usr/share/man/man1/iotevent-detect.1.gz \
      ./usr/share/bash-completion/completions/iotevent ./usr/share/doc/iotevent/copyright \
      ./usr/lib/iotevent/jvm-options.sh ./usr/lib/iotevent/detect-directives.json; do
    grep -q " $f\( ->\|$\)" <<<"$contents" || fail "$deb lacks $f"
  done
  echo "check.sh: $deb holds the launcher, the jar and its runtime, the man pages and the completion"
fi
