#!/usr/bin/env bash
# A traced run against an untraced one, side by side. Usage: bench/trace-overhead.sh [ROUNDS] [-- COMMAND...]
# Builds core (no install), compiles the benchmark against it, runs it in a JVM of its own.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl core -am package -DskipTests
out=$(mktemp -d)
javac -d "$out" -cp core/target/paddock.jar bench/src/main/java/dev/paddock/bench/TraceBenchmark.java
java -cp "$out:core/target/paddock.jar" dev.paddock.bench.TraceBenchmark "$@"
rm -rf "$out"
