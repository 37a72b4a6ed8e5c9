#!/usr/bin/env bash
# Rasterise the application icon into the hicolor PNG sizes that packaging/CMakeLists.txt installs.
# Run after editing io.github.latentstudio.LatentStudio.svg and commit the PNGs with it, so that
# builds need no SVG renderer. Needs rsvg-convert (Debian package librsvg2-bin).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
icon=io.github.latentstudio.LatentStudio
for size in 16 32 48 64 128 256; do
  mkdir -p "hicolor/${size}x${size}/apps"
  rsvg-convert -w "$size" -h "$size" "$icon.svg" -o "hicolor/${size}x${size}/apps/$icon.png"
done
