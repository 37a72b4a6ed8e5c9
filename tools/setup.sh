#!/usr/bin/env bash
# Latent Studio set-up for a fresh Debian bookworm machine (run as root or with sudo).
#
#   tools/setup.sh studio   install what is missing, build, open the studio on the default model
#   tools/setup.sh test     install what is missing, build, run the whole test suite
#
# Everything comes from Debian's packages; nothing is downloaded at build or run time.
set -euo pipefail

mode=${1:-studio}
case "$mode" in studio|test) ;; *) echo "usage: $0 studio|test" >&2; exit 2 ;; esac
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"

# Build: compiler, CMake, Ninja. Libraries: libtorch 1.13 (CPU), Qt 6.4 Widgets/Test/Linguist,
# OpenCV 4.6, nlohmann-json, giflib, libpng (the project's PNG reader and writer), ICU and zlib
# (the CLIP tokenizer's Unicode rules and its gzipped vocabulary), CLI11 (both executables' command
# lines; header-only, so the .deb needs nothing for it), liblo (the studio's OSC server). OpenBLAS
# (pthread flavour: measured faster than the reference BLAS by ~10x for libtorch's matrix
# products; see README). A CJK font (WenQuanYi Micro Hei, 5 MB) for the Chinese interface.
# Tests: Xvfb for screenshots, clang +
# libFuzzer for the bounded fuzz runs, dpkg-dev/desktop-file-utils/appstream for packaging checks.
packages=(
  build-essential cmake ninja-build pkg-config
  libtorch-dev libopenblas0-pthread
  qt6-base-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n libqt6svg6
  libopencv-dev nlohmann-json3-dev libgif-dev libpng-dev libicu-dev zlib1g-dev libcli11-dev liblo-dev
  xvfb xauth
  fonts-wqy-microhei
)
if [ "$mode" = test ]; then
  packages+=(clang libclang-rt-14-dev dpkg-dev file desktop-file-utils appstream)
  # test_package: update-mime-database checks the file-type definitions the .deb installs, and
  # gio (libglib2.0-bin) shows which type a file manager gives sessions, models and pickles.
  packages+=(shared-mime-info libglib2.0-bin)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
fi

jobs=$(nproc)
if [ "$mode" = test ]; then
  preset=ci
  [ "${CI:-}" = true ] || preset=dev
  cmake --preset "$preset"
  cmake --build --preset "$preset" -j "$jobs"
  # Two threads per test process: the machine has two cores and ctest runs tests one at a time.
  ctest --preset "$preset" -j 1
  if [ -x tools/run-fuzzers.sh ]; then
    tools/run-fuzzers.sh 30
  fi
  # The Qt-free build (core + lab) that training and GPU machines use.
  tools/check-core-only.sh
else
  cmake --preset dev
  cmake --build --preset dev -j "$jobs"
  if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    echo "No display found: rendering the default model from the command line instead of opening the studio."
    build/bin/latent-studio render --prompt "a red star on a blue background" --seed 1 --out latent-studio-first.png --force
    echo "Wrote latent-studio-first.png. On a desktop, run: build/bin/latent-studio"
  else
    exec build/bin/latent-studio
  fi
fi
