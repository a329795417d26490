#!/bin/sh
# Renders the PNG icon set from the SVG master (needs rsvg-convert: apt-get install librsvg2-bin).
# The PNGs are committed, so building the image does not need this tool.
set -eu
cd "$(dirname -- "$0")/.."
svg=assets/icons/greenlight.svg
res=src/main/resources/dev/greenlight/icons
mkdir -p "$res"
for size in 16 32 48 64 128 256 512; do
  rsvg-convert -w "$size" -h "$size" "$svg" -o "assets/icons/greenlight-$size.png"
done
# Window icons: the sizes a window manager picks from for title bar, task switcher and dock.
for size in 16 32 48 64 128 256; do
  cp "assets/icons/greenlight-$size.png" "$res/greenlight-$size.png"
done
