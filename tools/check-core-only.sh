#!/usr/bin/env bash
# Builds what the README promises needs neither Qt nor OpenCV — the core library and
# latent-studio-lab (-DLSTUDIO_CORE_ONLY=ON, e.g. for a training or GPU machine) — in its own build
# folder, and checks that the lab binary links neither. Exit status 0 when both hold.
#
#   tools/check-core-only.sh            # the core-only preset, built in ./build-core
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=$repo/build-core
cd "$repo"

cmake --preset core-only >/dev/null
cmake --build --preset core-only --target latent-studio-lab -j "$(nproc)"
lab="$build/bin/latent-studio-lab"
"$lab" --version >/dev/null
needed=$(readelf -d "$lab" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
if echo "$needed" | grep -E -q '^lib(Qt6|opencv_)'; then
  echo "check-core-only: $lab links Qt or OpenCV:" >&2
  echo "$needed" | grep -E '^lib(Qt6|opencv_)' >&2
  exit 1
fi
echo "check-core-only: latent-studio-lab builds without Qt and OpenCV and links neither ($(echo "$needed" | wc -l) libraries)"
