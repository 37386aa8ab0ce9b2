#!/usr/bin/env bash
# Renders icons/paddock.svg to PNGs at every size the window, the menus and the package use.
# Needs rsvg-convert (Debian package librsvg2-bin). Output: icons/png/paddock-SIZE.png
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p png
for size in 16 24 32 48 64 128 256 512; do
  rsvg-convert -w "$size" -h "$size" paddock.svg -o "png/paddock-$size.png"
done
echo "rendered $(ls png | wc -l) icons into icons/png"
