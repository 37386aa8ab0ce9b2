#!/usr/bin/env bash
# Builds Paddock's packages: a jpackage app image with a trimmed runtime, and a .deb that installs
# /usr/bin/paddock, the menu entry, the icons and AppStream metadata, and makes the AppCDS archives on install.
# Needs: JDK 17 with jpackage and jlink, dpkg-deb (no fakeroot: it builds with --root-owner-group),
# desktop-file-validate (desktop-file-utils) and appstreamcli (appstream).
# Usage: packaging/build.sh            Output: packaging/target/paddock_VERSION_ARCH.deb and packaging/target/image
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
out=$root/packaging/target
version=$(sed -n 's|.*<version>\([0-9][0-9.]*\)\(-SNAPSHOT\)\{0,1\}</version>.*|\1|p' pom.xml | head -1)
arch=$(dpkg --print-architecture)

[ "${PADDOCK_SKIP_MAVEN:-}" = 1 ] || mvn -B -q package -DskipTests
rm -rf "$out"
mkdir -p "$out/input"
cp app/target/lib/*.jar "$out/input/"
cp app/target/paddock-app-*.jar "$out/input/paddock-app.jar"
cp core/target/paddock.jar "$out/input/paddock-cli.jar"

echo "jpackage: app image"
jpackage --type app-image --name paddock --app-version "$version" --vendor "The Paddock developers" \
  --input "$out/input" --main-jar paddock-app.jar --main-class dev.paddock.app.Launcher \
  --dest "$out/image" --icon icons/png/paddock-256.png \
  --add-modules java.base,java.desktop,java.logging,java.management,java.naming,java.prefs,java.xml,jdk.unsupported,jdk.zipfs \
  --jlink-options "--strip-debug --no-header-files --no-man-pages --generate-cds-archive" \
  --java-options '-Djna.nounpack=true' --java-options '-Djna.boot.library.path=$APPDIR/jna' \
  --java-options '-XX:SharedArchiveFile=$APPDIR/paddock-gui.jsa' --java-options '-Xshare:auto' \
  --java-options '-Xlog:cds=off' --java-options '-Xlog:cds+dynamic=off'
image=$out/image/paddock
appdir=$image/lib/app
java=$image/lib/runtime/bin/java

# JNA would unpack its native library on every start; ship it unpacked instead.
case "$(uname -m)" in x86_64) jnaarch=x86-64 ;; aarch64) jnaarch=aarch64 ;; *) jnaarch=$(uname -m) ;; esac
mkdir -p "$appdir/jna"
(cd "$appdir/jna" && unzip -q -j -o "$appdir/paddock-cli.jar" "com/sun/jna/linux-$jnaarch/libjnidispatch.so")

# The class-data archives depend on the final paths, so lib/share-archives.sh makes them after installation.
install -m 0755 packaging/share-archives.sh "$image/lib/share-archives.sh"

echo "deb: staging"
stage=$out/deb
mkdir -p "$stage/opt" "$stage/usr/bin" "$stage/usr/share/applications" "$stage/usr/share/metainfo" "$stage/DEBIAN"
cp -a "$image" "$stage/opt/paddock"
install -m 0755 packaging/paddock-launcher.sh "$stage/usr/bin/paddock"
install -m 0644 packaging/dev.paddock.Paddock.desktop "$stage/usr/share/applications/"
install -m 0644 packaging/dev.paddock.Paddock.metainfo.xml "$stage/usr/share/metainfo/"
for size in 16 24 32 48 64 128 256 512; do
  dir=$stage/usr/share/icons/hicolor/${size}x${size}/apps
  mkdir -p "$dir"
  install -m 0644 "icons/png/paddock-$size.png" "$dir/dev.paddock.Paddock.png"
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
