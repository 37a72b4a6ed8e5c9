#!/usr/bin/env bash
# Retakes docs/screenshot.png: the studio on the embedded default model, in a real X server (Xvfb),
# grabbed by the window itself once the first frame is shown.
#
#   tools/screenshot.sh [BUILD_DIR] [OUT.png] [FILE]   # defaults: build, docs/screenshot.png;
#                                                      # FILE: a session, model or PNG to open first
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$repo/build}
out=${2:-$repo/docs/screenshot.png}
# A private settings folder: the screenshot shows the default layout, not this user's.
settings=$(mktemp -d)
trap 'rm -rf "$settings"' EXIT
XDG_CONFIG_HOME="$settings" XDG_DATA_HOME="$settings" XDG_CACHE_HOME="$settings" \
  xvfb-run -a -s "-screen 0 1400x900x24" "$build/bin/latent-studio" --screenshot "$out" ${3:+"$3"}
