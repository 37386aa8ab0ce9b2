#!/usr/bin/env bash
# Cold start of the app to its first frame from the build tree, under Xvfb: the median of N runs, from JVM start.
# JVM options as `mvn javafx:run` gives them (C1 only, serial GC), or BENCH_OPTS. Usage: bench/app-start.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
mvn -B -q install -DskipTests
cp=$(mktemp)
mvn -B -q -pl app dependency:build-classpath -Dmdep.outputFile="$cp" >/dev/null
prefs=$(mktemp -d)
times=()
for _ in $(seq "$runs"); do
  line=$(xvfb-run -a -s "-screen 0 1280x800x24" java ${BENCH_OPTS:--XX:TieredStopAtLevel=1 -XX:+UseSerialGC} -Dprism.order=sw -Djava.util.prefs.userRoot="$prefs" \
    -Dpaddock.startup.report=true -cp "app/target/classes:$(cat "$cp")" dev.paddock.app.AppMain 2>/dev/null \
    | grep 'first frame after')
  times+=("$(echo "$line" | awk '{print $4}')")
done
printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "app cold start to first frame: median %d ms (min %d, max %d, %d runs)\n", a[int((NR+1)/2)], a[1], a[NR], NR}'
rm -rf "$cp" "$prefs"
