#!/bin/sh
# Dumps Paddock's AppCDS archives for the paths the app is installed at (an archive only loads with the class path
# it was made with): the command line from a dry run, the app from its first frame under Xvfb when xvfb-run is
# there. The .deb runs it after installing; after moving an app image, run it again. Safe to repeat.
app=$(dirname "$(readlink -f "$0")")/..
app=$(readlink -f "$app")
java=$app/lib/runtime/bin/java
jna="-Djna.nounpack=true -Djna.boot.library.path=$app/lib/app/jna"
quiet="-Xlog:cds=off -Xlog:cds+dynamic=off"
rm -f "$app/lib/app/paddock-cli.jsa" "$app/lib/app/paddock-gui.jsa"
"$java" -XX:ArchiveClassesAtExit="$app/lib/app/paddock-cli.jsa" $quiet $jna -cp "$app/lib/app/paddock-cli.jar" \
  dev.paddock.core.cli.PaddockCli run --dry-run --rox /usr -- /usr/bin/true >/dev/null 2>&1
if command -v xvfb-run >/dev/null 2>&1; then
  # the same class path, in the same order, as the app's own launcher (lib/app/paddock.cfg)
  classpath=$(sed -n 's|^app.classpath=\$APPDIR/||p' "$app/lib/app/paddock.cfg" | sed "s|^|$app/lib/app/|" | paste -sd:)
  home=$(mktemp -d)
  HOME=$home xvfb-run -a -s "-screen 0 1280x800x24" "$java" -XX:ArchiveClassesAtExit="$app/lib/app/paddock-gui.jsa" \
    $quiet $jna -Dprism.order=sw -Djava.util.prefs.userRoot="$home/prefs" -Dpaddock.startup.report=true \
    -cp "$classpath" dev.paddock.app.Launcher >/dev/null 2>&1 || true
  rm -rf "$home"
fi
exit 0
