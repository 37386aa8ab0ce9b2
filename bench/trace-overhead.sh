#!/usr/bin/env bash
# Traced runs against untraced ones, side by side: find /usr -xdev and two gcc compiles (see docs/PERFORMANCE.md).
# Usage: bench/trace-overhead.sh [ROUNDS] [find|gcc-hello|gcc-big...] [-- COMMAND...]
# Builds core (no install), compiles the benchmark against it, runs it in a JVM of its own.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl core -am package -DskipTests
out=$(mktemp -d)
javac -d "$out" -cp core/target/paddock.jar bench/src/main/java/dev/paddock/bench/TraceBenchmark.java
java -cp "$out:core/target/paddock.jar" dev.paddock.bench.TraceBenchmark "$@"
rm -rf "$out"
