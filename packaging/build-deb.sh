#!/usr/bin/env bash
# Builds the Debian package target/packaging/iotevent_VERSION_amd64.deb: the runnable jar with a
# Java runtime trimmed by jlink (jpackage app image, so no JDK is needed to run it) under
# /usr/lib/iotevent, the launcher /usr/bin/iotevent (a script: the JVM options of ./iotevent), the man pages and the bash completion.
#   packaging/build-deb.sh
# Install:  sudo dpkg -i target/packaging/iotevent_*_amd64.deb     Remove:  sudo dpkg -r iotevent
# Needs: a JDK 17 with jpackage (Debian: openjdk-17-jdk), Maven, asciidoctor, dpkg-deb.
set -euo pipefail
cd "$(dirname "$0")/.."
out=target/packaging
version=$(sed -n 's|^  <version>\(.*\)</version>|\1|p' pom.xml | head -1)
numeric=${version%%-*}                       # jpackage wants 1.2.3
debversion=${version/-SNAPSHOT/~snapshot}    # sorts before the release
arch=$(dpkg --print-architecture)

mvn -B -q -DskipTests -pl core -am package
packaging/gen-docs.sh "$out/docs"

rm -rf "$out/input" "$out/image" "$out/root"
mkdir -p "$out/input"
cp target/iotevent.jar "$out/input/"
modules=$(jdeps --print-module-deps --ignore-missing-deps --multi-release 17 target/iotevent.jar)
# jpackage's own launcher (lib/iotevent/bin/iotevent, not on PATH) can give only fixed options: those
# packaging/jvm-options.sh gives every command but detect, and the app's archive (a missing one is
# ignored silently with cds logging off).
source packaging/jvm-options.sh
iotevent_jvm_options
jpackage --type app-image --name iotevent --app-version "$numeric" \
  --input "$out/input" --main-jar iotevent.jar --main-class org.iotevent.cli.Main \
  --add-modules "$modules,jdk.unsupported" \
  --jlink-options "--strip-debug --no-man-pages --no-header-files --compress=2 --generate-cds-archive" \
  --java-options "${jvm[*]}" \
  --java-options '-XX:SharedArchiveFile=$APPDIR/iotevent.jsa' \
  --description "Finds which smart-home device events leak through encrypted traffic, and detects them" \
  --vendor "iotevent" --dest "$out/image"

root=$out/root
mkdir -p "$root/usr/lib" "$root/usr/bin" "$root/usr/share/man/man1" "$root/usr/share/bash-completion/completions" \
  "$root/usr/share/doc/iotevent" "$root/DEBIAN"
cp -a "$out/image/iotevent" "$root/usr/lib/iotevent"
# /usr/bin/iotevent runs the bundled Java with the options ./iotevent chooses (packaging/jvm-options.sh:
# the serial collector; for detect the smaller inlining, and the quick JIT on captures under 128 MB;
# the app's archive when postinst made it).
cp packaging/jvm-options.sh packaging/detect-directives.json "$root/usr/lib/iotevent/"
cat > "$root/usr/bin/iotevent" <<'LAUNCHER'
#!/usr/bin/env bash
set -euo pipefail
lib=/usr/lib/iotevent
source "$lib/jvm-options.sh"
iotevent_jvm_options "$@"
app="$lib/lib/app"
iotevent_add_archive "$app/iotevent.jsa" "$app/iotevent.jar" || true
exec "$lib/lib/runtime/bin/java" "${jvm[@]}" ${IOTEVENT_JAVA_OPTS:-} -cp "$app/iotevent.jar" org.iotevent.cli.Main "$@"
LAUNCHER
chmod 755 "$root/usr/bin/iotevent"
for page in "$out"/docs/man1/*.1; do gzip -9n < "$page" > "$root/usr/share/man/man1/$(basename "$page").gz"; done
cp "$out/docs/bash-completion/iotevent" "$root/usr/share/bash-completion/completions/iotevent"
cp packaging/copyright "$root/usr/share/doc/iotevent/copyright"
cp LICENSE "$root/usr/share/doc/iotevent/"
cp README.md CHANGELOG.md "$root/usr/share/doc/iotevent/"
cp -r examples "$root/usr/share/doc/iotevent/"
# Depends: what the launcher and the runtime core load (ldd); the AWT libraries of java.desktop,
# there for java.beans, are never loaded by this command-line tool.
size=$(du -sk "$root/usr" | cut -f1)
cat > "$root/DEBIAN/control" <<CONTROL
Package: iotevent
Version: $debversion
Architecture: $arch
Maintainer: iotevent developers <iotevent@localhost>
Installed-Size: $size
Depends: libc6, libgcc-s1, libstdc++6, zlib1g
Recommends: tcpdump
Suggests: tshark
Section: net
Priority: optional
Description: find and detect smart-home events in encrypted traffic
 iotevent finds out which events of a smart-home device (a plug switched on,
 a door opening) an eavesdropper can read from its encrypted traffic, learns
 their signatures from a capture and an event log, and detects them in
 sniffed traffic (LAN, WAN side of the router, 802.11 monitor mode).
 Includes its own Java runtime.
CONTROL
# the class-data-sharing archive of a demo run and of a detect run on the demo's capture and
# signatures is made at install time: it records the jar's installed path (start-up, see README
# "Speed"); without it the launcher runs as before. detect's own run puts in the classes the demo
# does not load (about 90, a detect 0.93x the CPU with them in). Static, as ./iotevent makes it: a
# dynamic archive would leave out picocli's classes (Java 5 class files).
cat > "$root/DEBIAN/postinst" <<'POSTINST'
#!/bin/sh
set -e
if [ "$1" = configure ]; then
  app=/usr/lib/iotevent/lib/app
  java=/usr/lib/iotevent/lib/runtime/bin/java
  rm -f "$app/iotevent.jsa" # an upgrade's archive is made anew (a failed dump leaves none, as before)
  tmp=$(mktemp -d)
  # the demo's classes, and detect's when its run succeeds (a failed detect run still leaves the demo's)
  if "$java" -XX:+UseSerialGC -XX:DumpLoadedClassList="$tmp/demo.classes" -cp "$app/iotevent.jar" \
        org.iotevent.cli.Main demo -o "$tmp/demo" >/dev/null 2>&1 \
      && { "$java" -XX:+UseSerialGC -XX:DumpLoadedClassList="$tmp/detect.classes" -cp "$app/iotevent.jar" \
        org.iotevent.cli.Main detect -r "$tmp/demo/train-session/lan.pcap" -s "$tmp/demo/signatures" \
        --format jsonl >/dev/null 2>&1 || : > "$tmp/detect.classes"; } \
      && cat "$tmp/demo.classes" "$tmp/detect.classes" > "$tmp/classes" \
      && "$java" -Xshare:dump -XX:SharedClassListFile="$tmp/classes" -XX:SharedArchiveFile="$tmp/iotevent.jsa" \
        -cp "$app/iotevent.jar" >/dev/null 2>&1; then
    mv -f "$tmp/iotevent.jsa" "$app/iotevent.jsa"
  fi
  rm -rf "$tmp"
fi
POSTINST
cat > "$root/DEBIAN/postrm" <<'POSTRM'
#!/bin/sh
set -e
rm -f /usr/lib/iotevent/lib/app/iotevent.jsa
POSTRM
chmod 755 "$root/DEBIAN/postinst" "$root/DEBIAN/postrm"
deb="$out/iotevent_${debversion}_${arch}.deb"
dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >/dev/null
echo "build-deb.sh: $deb ($(du -h "$deb" | cut -f1))"
