#!/usr/bin/env bash
# Generates, from the picocli commands of target/iotevent.jar, one man page per command
# (picocli-codegen's ManPageGenerator writes AsciiDoc; asciidoctor turns it into roff) and the
# bash completion script (picocli.AutoComplete).
#   packaging/gen-docs.sh [OUT_DIR]     (default target/packaging/docs)
# Writes OUT_DIR/man1/iotevent*.1 and OUT_DIR/bash-completion/iotevent.
# Needs: a JDK 17, Maven (fetches picocli-codegen from Maven Central once), asciidoctor
# (Debian: apt install asciidoctor).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-target/packaging/docs}
command -v asciidoctor >/dev/null || { echo "gen-docs.sh: asciidoctor is not installed (Debian: apt install asciidoctor)" >&2; exit 1; }

version=$(sed -n 's|^  <version>\(.*\)</version>|\1|p' pom.xml | head -1)
picocli=$(sed -n 's|.*<picocli.version>\(.*\)</picocli.version>.*|\1|p' pom.xml)
jar=target/iotevent.jar
if [ ! -f "$jar" ] || [ -n "$(find core/src/main pom.xml core/pom.xml -newer "$jar" -print -quit)" ]; then
  mvn -B -q -DskipTests -pl core -am package
fi
codegen=target/packaging/picocli-codegen-$picocli.jar
if [ ! -f "$codegen" ]; then
  mvn -B -q -N dependency:copy -Dartifact="info.picocli:picocli-codegen:$picocli" -DoutputDirectory=target/packaging
fi

rm -rf "$out"
mkdir -p "$out/adoc" "$out/man1" "$out/bash-completion"
java -cp "$jar:$codegen" picocli.codegen.docgen.manpage.ManPageGenerator -d "$out/adoc" org.iotevent.cli.Main
asciidoctor -b manpage -a mansource="iotevent $version" -a manmanual="iotevent Manual" \
  -D "$out/man1" "$out"/adoc/*.adoc
java -cp "$jar" picocli.AutoComplete --force -n iotevent -o "$out/bash-completion/iotevent" org.iotevent.cli.Main
echo "gen-docs.sh: $(ls "$out/man1" | wc -l) man pages in $out/man1, completion in $out/bash-completion/iotevent"
