#!/bin/sh
# lib/paddock in the app image, and /usr/bin/paddock (a link to it) from the .deb: the desktop app with no arguments,
# the command-line tool with a subcommand. Both run the image's Java runtime directly, with its AOT caches and the
# unpacked JNA library. (The image's bin/paddock, jpackage's launcher, also starts the app, but it asks rpm and dpkg
# which package it belongs to on every start, which takes a quarter of a second.)
# Only for making the caches (lib/share-archives.sh): PADDOCK_AOT_OUTPUT=FILE records this run into FILE.
app=$(dirname "$(readlink -f "$0")")/..
java=$app/lib/runtime/bin/java
quiet="-Xlog:aot=off -Xlog:cds=off"
# Sets $cache: the option naming the AOT cache lib/app/$1, or, when making the caches, the file to record this run
# into. (A variable, not output: a command substitution would fork on every start.)
use_cache() {
  if [ -n "$PADDOCK_AOT_OUTPUT" ]; then
    cache="-XX:AOTCacheOutput=$PADDOCK_AOT_OUTPUT"
  else
    cache="-XX:AOTCache=$app/lib/app/$1"
  fi
}
if [ "$#" -eq 0 ]; then
  # lib/app/paddock-gui.args holds the app's JVM options and class path; share-archives.sh writes it at install
  if [ ! -f "$app/lib/app/paddock-gui.args" ]; then
    exec "$app/bin/paddock"
  fi
  use_cache paddock-gui.aot
  exec "$java" "$cache" $quiet @"$app/lib/app/paddock-gui.args"
fi
# C1 only, the serial collector and no perf-data file: a CLI run lives for about 0.1 s (docs/PERFORMANCE.md).
use_cache paddock-cli.aot
exec "$java" "$cache" $quiet -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData \
  --enable-native-access=ALL-UNNAMED -Djna.nounpack=true -Djna.boot.library.path="$app/lib/app/jna" \
  -cp "$app/lib/app/paddock-cli.jar" dev.paddock.core.cli.PaddockCli "$@"
