#!/usr/bin/env bash
# Cold start of `paddock run --rox /usr -- /usr/bin/true`, as the median of N runs of each variant.
# Usage: bench/cold-start.sh [N]   (builds core/target/paddock.jar first if it is missing)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20}
jar=core/target/paddock.jar
[ -f "$jar" ] || mvn -B -q -pl core package -DskipTests
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# JNA unpacks libjnidispatch.so from the jar on every start unless told where an unpacked copy is.
arch=$(uname -m); case "$arch" in x86_64) jnaarch=x86-64 ;; aarch64) jnaarch=aarch64 ;; *) jnaarch=$arch ;; esac
(cd "$work" && unzip -q -o "$OLDPWD/$jar" "com/sun/jna/linux-$jnaarch/libjnidispatch.so")
jna="-Djna.nounpack=true -Djna.boot.library.path=$work/com/sun/jna/linux-$jnaarch"
# An AppCDS archive of the classes a launch loads (--dry-run does everything but the execve, and then exits).
java -XX:ArchiveClassesAtExit="$work/paddock.jsa" $jna -jar "$jar" run --dry-run --rox /usr -- /usr/bin/true \
  >/dev/null 2>&1

median() {
  local times=()
  for _ in $(seq "$runs"); do
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1
    end=$(date +%s%N)
    times+=($(((end - start) / 1000000)))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%5d ms (min %d, max %d)", a[int((NR+1)/2)], a[1], a[NR]}'
}

printf '%-48s %s\n' "variant (median of $runs)" "wall time"
printf '%-48s %s\n' "java -version (JVM floor)" "$(median java -Xshare:auto -version)"
printf '%-48s %s\n' "paddock run, plain java -jar" "$(median java -jar "$jar" run --rox /usr -- /usr/bin/true)"
printf '%-48s %s\n' "+ JNA nounpack and boot path" "$(median java $jna -jar "$jar" run --rox /usr -- /usr/bin/true)"
printf '%-48s %s\n' "+ AppCDS archive" \
  "$(median java -XX:SharedArchiveFile="$work/paddock.jsa" $jna -jar "$jar" run --rox /usr -- /usr/bin/true)"
printf '%-48s %s\n' "+ C1 only, serial GC" "$(median java -XX:SharedArchiveFile="$work/paddock.jsa" \
  -XX:TieredStopAtLevel=1 -XX:+UseSerialGC $jna -jar "$jar" run --rox /usr -- /usr/bin/true)"
