#!/usr/bin/env bash
# The Accesses view under a million traced accesses, in a real window under Xvfb. Usage: bench/accesses-flood.sh [OPENS]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q install -DskipTests
cp=$(mktemp)
mvn -B -q -pl bench dependency:build-classpath -Dmdep.outputFile="$cp" >/dev/null
xvfb-run -a -s "-screen 0 1280x800x24" java -Xmx256m -Dprism.order=sw -Dbench.opens="${1:-1000000}" ${BENCH_OPTS:-} \
  -cp "bench/target/classes:$(cat "$cp")" dev.paddock.bench.AccessesFlood 2>&1 | grep -v '^WARNING'
rm -f "$cp"
