#!/usr/bin/env bash
# Cold starts of the installed package (packaging/build.sh, then apt-get install ./packaging/target/paddock_*.deb):
#   - the command line: `paddock run --rox /usr -- /usr/bin/true`, wall time of the whole command;
#   - the app: from just before /usr/bin/paddock is exec'd to its first frame on screen, under one Xvfb server
#     started beforehand (the app prints the wall-clock time of its first frame with PADDOCK_STARTUP_REPORT=1).
# Prints the median, minimum and maximum of N runs of each (default 21). Usage: bench/installed-start.sh [N]
set -euo pipefail
runs=${1:-21}
paddock=${PADDOCK:-/usr/bin/paddock}
[ -x "$paddock" ] || { echo "no $paddock: build and install the .deb first (README, Install)" >&2; exit 2; }

summary() {
  sort -n | awk '{a[NR]=$1} END {printf "median %4d ms (min %d, max %d, %d runs)\n", a[int((NR+1)/2)], a[1], a[NR], NR}'
}

cli() {
  for _ in $(seq "$runs"); do
    local start end
    start=$(date +%s%N)
    "$paddock" run --rox /usr -- /usr/bin/true
    end=$(date +%s%N)
    echo $(((end - start) / 1000000))
  done
}

display=:$((90 + RANDOM % 9))
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null' EXIT
sleep 1
gui() {
  for _ in $(seq "$runs"); do
    local home start frame
    home=$(mktemp -d)
    start=$(date +%s%3N)
    frame=$(DISPLAY=$display HOME=$home PADDOCK_STARTUP_REPORT=1 "$paddock" 2>/dev/null | sed -n 's/^first frame at //p')
    rm -rf "$home"
    echo $((frame - start))
  done
}

# This machine's speed drifts by a third over an hour or so; a fixed CPU-bound job timed before and after lets runs
# taken at different times be compared.
reference() {
  local modules start end
  modules=$(dirname "$(readlink -f "$paddock")")/runtime/lib/modules
  for _ in 1 2 3; do
    start=$(date +%s%N)
    head -c 40M "$modules" | gzip -1 >/dev/null
    end=$(date +%s%N)
    echo $(((end - start) / 1000000))
  done | sort -n | sed -n 2p
}

printf '%-58s %s ms\n' "speed reference before (gzip -1 of 40 MB, median of 3)" "$(reference)"
printf '%-58s %s\n' "paddock run --rox /usr -- /usr/bin/true" "$(cli | summary)"
printf '%-58s %s\n' "paddock (the app), exec to first frame, Xvfb" "$(gui | summary)"
printf '%-58s %s ms\n' "speed reference after" "$(reference)"
