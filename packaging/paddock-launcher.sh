#!/bin/sh
# /usr/bin/paddock: the desktop app with no arguments, the command-line tool with a subcommand.
# Both use the runtime, class-data archives and unpacked JNA library that the package ships.
app=/opt/paddock
java="$app/lib/runtime/bin/java"
jna="-Djna.nounpack=true -Djna.boot.library.path=$app/lib/app/jna"
if [ "$#" -eq 0 ]; then
  exec "$app/bin/paddock"
fi
exec "$java" -XX:SharedArchiveFile="$app/lib/app/paddock-cli.jsa" -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off \
  -XX:TieredStopAtLevel=1 \
  -XX:+UseSerialGC $jna -cp "$app/lib/app/paddock-cli.jar" dev.paddock.core.cli.PaddockCli "$@"
