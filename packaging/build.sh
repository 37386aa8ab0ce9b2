#!/usr/bin/env bash
# Builds Paddock's packages: a jpackage app image with a trimmed runtime, and a .deb that installs
# /usr/bin/paddock, the menu entry, the icons and AppStream metadata, and makes the AOT caches on install.
# Needs: Maven and JDK 17 for the build; a JDK 24 or newer for the packaged runtime (its jlink and jpackage), because
# its ahead-of-time cache (JEP 483) is what makes the installed app and tool start fast; dpkg-deb (no fakeroot: it
# builds with --root-owner-group); desktop-file-validate (desktop-file-utils) and appstreamcli (appstream).
# Usage: packaging/build.sh      Output: packaging/target/paddock_VERSION_ARCH.deb and packaging/target/image
# The runtime's JDK is $PADDOCK_RUNTIME_JDK, or else the newest JDK 24+ under /usr/lib/jvm.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
out=$root/packaging/target
version=$(sed -n 's|.*<version>\([0-9][0-9.]*\)\(-SNAPSHOT\)\{0,1\}</version>.*|\1|p' pom.xml | head -1)
arch=$(dpkg --print-architecture)

# The newest JDK of at least version 24 under /usr/lib/jvm, by the JAVA_VERSION in its release file.
find_runtime_jdk() {
  local best="" best_major=0 home major
  for home in /usr/lib/jvm/*/; do
    home=${home%/}
    [ -x "$home/bin/jpackage" ] && [ -f "$home/release" ] || continue
    major=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release")
    if [ -n "$major" ] && [ "$major" -ge 24 ] && [ "$major" -gt "$best_major" ]; then
      best=$home best_major=$major
    fi
  done
  echo "$best"
}
jdk=${PADDOCK_RUNTIME_JDK:-$(find_runtime_jdk)}
if [ -z "$jdk" ] || [ ! -x "$jdk/bin/jpackage" ]; then
  echo "packaging/build.sh: no JDK 24 or newer with jpackage was found under /usr/lib/jvm; install one" \
    "(Temurin 25 is what this is tested with) or set PADDOCK_RUNTIME_JDK to its home" >&2
  exit 2
fi
echo "runtime: $("$jdk/bin/java" -version 2>&1 | head -1) from $jdk"

# (-Pruntime-jars: app/target/lib, the app's runtime jars, which a build that skips the tests leaves out.)
[ "${PADDOCK_SKIP_MAVEN:-}" = 1 ] || mvn -B -q package -DskipTests -Pruntime-jars
if ! compgen -G "app/target/lib/*.jar" >/dev/null || [ ! -f core/target/paddock.jar ]; then
  echo "packaging/build.sh: app/target/lib or core/target/paddock.jar is missing; run it without PADDOCK_SKIP_MAVEN" >&2
  exit 2
fi
# Only this script's own outputs: packaging/target is also the Maven module's, whose test may be running this.
rm -rf "$out/input" "$out/javafx" "$out/image" "$out/deb" "$out"/paddock_*.deb
mkdir -p "$out/input" "$out/javafx"
# JavaFX goes into the runtime as modules (jlink takes its modular jars); everything else is the class path. The
# jars without a platform suffix are empty placeholders, and the command line's fat jar is added after jpackage,
# outside the app's class path.
for jar in app/target/lib/*.jar; do
  case "$jar" in
    */javafx-*-linux.jar) cp "$jar" "$out/javafx/" ;;
    */javafx-*) ;;
    *) cp "$jar" "$out/input/" ;;
  esac
done
cp app/target/paddock-app-*.jar "$out/input/paddock-app.jar"

echo "jpackage: app image"
# (jpackage warns "No JDK Modules found": the module path holds only JavaFX; it takes the JDK's own from the JDK.)
# The GUI's JVM options. share-archives.sh reads them back from lib/app/paddock.cfg to make the AOT cache with the
# same ones, which the cache requires. C1 only and the serial collector: on two cores, C2 and G1's threads take the
# CPU the first frame needs (docs/PERFORMANCE.md has the figures).
"$jdk/bin/jpackage" --type app-image --name paddock --app-version "$version" --vendor "The Paddock developers" \
  --input "$out/input" --main-jar paddock-app.jar --main-class dev.paddock.app.AppMain \
  --dest "$out/image" --icon icons/target/classes/dev/paddock/icons/paddock-256.png --module-path "$out/javafx" \
  --add-modules java.base,java.desktop,java.logging,java.management,java.naming,java.prefs,java.xml,jdk.unsupported \
  --add-modules javafx.controls,javafx.swing \
  --jlink-options "--strip-debug --no-header-files --no-man-pages --generate-cds-archive" \
  --java-options '-Djna.nounpack=true' --java-options '-Djna.boot.library.path=$APPDIR/jna' \
  --java-options '--enable-native-access=ALL-UNNAMED,javafx.graphics' \
  --java-options '--sun-misc-unsafe-memory-access=allow' \
  --java-options '-XX:+UseSerialGC' --java-options '-XX:TieredStopAtLevel=1' \
  --java-options '-XX:AOTCache=$APPDIR/paddock-gui.aot' --java-options '-Xlog:aot=off' --java-options '-Xlog:cds=off'
image=$out/image/paddock
appdir=$image/lib/app
java=$image/lib/runtime/bin/java

# JavaFX and JNA would unpack their native libraries into the user's home and checksum them on every start; ship
# them unpacked instead. JavaFX looks in the runtime's lib for modules linked into it.
for jar in "$out"/javafx/*.jar; do
  if unzip -l "$jar" '*.so' >/dev/null 2>&1; then # javafx-base has none
    unzip -q -j -o "$jar" '*.so' -d "$image/lib/runtime/lib"
  fi
done
for lib in glass glassgtk3 prism_es2 prism_sw javafx_font; do
  [ -f "$image/lib/runtime/lib/lib$lib.so" ] || { echo "packaging/build.sh: no lib$lib.so from JavaFX" >&2; exit 1; }
done
cp core/target/paddock.jar "$appdir/paddock-cli.jar"
case "$(uname -m)" in x86_64) jnaarch=x86-64 ;; aarch64) jnaarch=aarch64 ;; *) jnaarch=$(uname -m) ;; esac
mkdir -p "$appdir/jna"
(cd "$appdir/jna" && unzip -q -j -o "$appdir/paddock-cli.jar" "com/sun/jna/linux-$jnaarch/libjnidispatch.so")

# The command-line launcher (/usr/bin/paddock links to it), and the script that makes the AOT caches: a cache
# depends on the final paths, so the .deb runs it after installation.
install -m 0755 packaging/paddock-launcher.sh "$image/lib/paddock"
install -m 0755 packaging/share-archives.sh "$image/lib/share-archives.sh"

echo "deb: staging"
stage=$out/deb
mkdir -p "$stage/opt" "$stage/usr/bin" "$stage/usr/share/applications" "$stage/usr/share/metainfo" "$stage/DEBIAN"
cp -a "$image" "$stage/opt/paddock"
ln -s /opt/paddock/lib/paddock "$stage/usr/bin/paddock"
install -m 0644 packaging/dev.paddock.Paddock.desktop "$stage/usr/share/applications/"
install -m 0644 packaging/dev.paddock.Paddock.metainfo.xml "$stage/usr/share/metainfo/"
for size in 16 24 32 48 64 128 256 512; do
  dir=$stage/usr/share/icons/hicolor/${size}x${size}/apps
  mkdir -p "$dir"
  install -m 0644 "icons/target/classes/dev/paddock/icons/paddock-$size.png" "$dir/dev.paddock.Paddock.png"
done
mkdir -p "$stage/usr/share/icons/hicolor/scalable/apps"
install -m 0644 icons/paddock.svg "$stage/usr/share/icons/hicolor/scalable/apps/dev.paddock.Paddock.svg"
install -m 0755 packaging/postinst packaging/prerm "$stage/DEBIAN/"
installed=$(du -sk "$stage" --exclude=DEBIAN | cut -f1)
cat > "$stage/DEBIAN/control" <<CONTROL
Package: paddock
Version: $version
Architecture: $arch
Maintainer: The Paddock developers <security@paddock.dev>
Installed-Size: $installed
Depends: libc6 (>= 2.34), libgtk-3-0, libx11-6, libxtst6, libxxf86vm1, libgl1, libasound2, libfreetype6, libfontconfig1
Section: utils
Priority: optional
Homepage: https://paddock.dev
Description: studio for Landlock sandboxes
 Paddock runs commands in Landlock sandboxes: which files they may read, write
 or run, which TCP ports they may bind or connect to. It has a desktop app to
 compose profiles and watch runs, and a landrun-compatible command line.
CONTROL

echo "validate"
desktop-file-validate "$stage/usr/share/applications/dev.paddock.Paddock.desktop"
appstreamcli validate --no-net --explain "$stage/usr/share/metainfo/dev.paddock.Paddock.metainfo.xml"

deb=$out/paddock_${version}_${arch}.deb
dpkg-deb --root-owner-group --build "$stage" "$deb" >/dev/null
echo "built $deb ($(du -h "$deb" | cut -f1)); app image $(du -sh "$image" | cut -f1)"
