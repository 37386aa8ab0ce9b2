#!/bin/sh
# Prepares a Paddock app image where it now lies: writes lib/app/paddock-gui.args (the app's JVM options and class
# path from jpackage's lib/app/paddock.cfg, with this location's paths), then makes the ahead-of-time caches (JEP 483)
# that lib/paddock uses. A cache only loads with the class path and JVM options it was made with. The command line's
# comes from a dry run (everything but confining and exec'ing); the app's from its first frame under Xvfb, when
# xvfb-run is there. The .deb runs this after installing; after moving an app image, run it again. Safe to repeat;
# without a cache everything works, only slower.
set -u
app=$(readlink -f "$(dirname "$(readlink -f "$0")")/..")
lib=$app/lib/app
rm -f "$lib/paddock-cli.aot" "$lib/paddock-gui.aot" "$lib/paddock-gui.args"

# One argument a line, each in double quotes (a java @argfile), so that paths may hold spaces.
quote() {
  sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/"/' -e 's/$/"/'
}
{
  sed -n 's|^java-options=||p' "$lib/paddock.cfg" | grep -v '^-XX:AOTCache=' | sed "s|\$APPDIR|$lib|g" | quote
  echo '"-cp"'
  sed -n 's|^app.classpath=\$APPDIR/||p' "$lib/paddock.cfg" | sed "s|^|$lib/|" | paste -sd: | quote
  sed -n 's|^app.mainclass=||p' "$lib/paddock.cfg" | quote
} > "$lib/paddock-gui.args.tmp" && mv "$lib/paddock-gui.args.tmp" "$lib/paddock-gui.args"

PADDOCK_AOT_OUTPUT="$lib/paddock-cli.aot" "$app/lib/paddock" run --dry-run --rox /usr -- /usr/bin/true \
  >/dev/null 2>&1
if command -v xvfb-run >/dev/null 2>&1; then
  home=$(mktemp -d)
  HOME=$home PADDOCK_STARTUP_REPORT=1 PADDOCK_AOT_OUTPUT="$lib/paddock-gui.aot" \
    xvfb-run -a -s "-screen 0 1280x800x24" "$app/lib/paddock" >/dev/null 2>&1 || true
  rm -rf "$home"
fi
exit 0
