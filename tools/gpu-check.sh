#!/usr/bin/env bash
# The studio's engine on a GPU machine: builds the Qt-free core and latent-studio-lab against the
# machine's PyTorch libtorch (CUDA), checks every reference fixture on CUDA and times the default
# model and synthetic 256 / 1024 px StyleGAN2 generators at batch 1 and 8. Results are JSON files
# under $OUT (default ./gpu-check-out); the exit status is 0 when the build and every fixture pass.
#
#   tools/gpu-check.sh                 # needs python3 with torch (CUDA), CMake, a C++20 compiler,
#                                      # nlohmann-json, libpng, ICU and zlib headers
#   DEVICE=cuda:1 OUT=gpu-check-cuda1 tools/gpu-check.sh
#   DEVICE=cpu BATCHES=1 ITERATIONS=1 tools/gpu-check.sh   # the same flow on the CPU (a dry run)
#
# Nothing here is needed on a machine without a GPU; CI never runs it.
set -uo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=$(realpath -m "${OUT:-$repo/gpu-check-out}")
device=${DEVICE:-cuda}
build=$repo/build-gpu
mkdir -p "$out"
cd "$repo"

# DEVICE=cpu runs the same checks on the CPU, with the system libtorch when python3 has no torch
# (how this script is tested on machines without a GPU).
prefix=$(python3 -c "import torch; print(torch.utils.cmake_prefix_path)" 2>/dev/null) || prefix=
if [ -z "$prefix" ] && [ "$device" != cpu ]; then
  echo "gpu-check: python3 cannot import torch; install PyTorch with CUDA (its libtorch is what this builds against)" >&2
  exit 2
fi
if [ "$device" != cpu ]; then
  python3 -c "import torch, sys; sys.exit(0 if torch.cuda.is_available() else 1)" || {
    echo "gpu-check: PyTorch sees no CUDA device on this machine" >&2
    exit 2
  }
  python3 -c "import torch, json; print(json.dumps({'torch': torch.__version__, 'cuda': torch.version.cuda, 'device': torch.cuda.get_device_name(0)}))" >"$out/machine.json"
fi

# PyTorch's wheels are built with the pre-C++11 string ABI on some releases; its CMake config sets
# the matching flag. Release: the figures are benchmarks.
cmake -S "$repo" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DLSTUDIO_CORE_ONLY=ON -DBUILD_TESTING=OFF \
      ${prefix:+-DCMAKE_PREFIX_PATH="$prefix${CMAKE_PREFIX_PATH:+;$CMAKE_PREFIX_PATH}"} >"$out/configure.log" 2>&1 || {
  echo "gpu-check: configure failed, see $out/configure.log" >&2; tail -20 "$out/configure.log" >&2; exit 1; }
cmake --build "$build" --target latent-studio-lab -j "$(nproc)" >"$out/build.log" 2>&1 || {
  echo "gpu-check: build failed, see $out/build.log" >&2; tail -30 "$out/build.log" >&2; exit 1; }
lab=$build/bin/latent-studio-lab
"$lab" --version >"$out/version.txt"

status=0
data=$repo/tests/data
# Every generator fixture (StyleGAN2, LAFITE, StyleGAN3, BigGAN-deep .safetensors and .pkl), the CLIP
# tokenizer fixture and the BigGAN folders with their io fixture. (The CLIP text-tower fixture is
# stored in parts for the repository's size limit; test_clip_text_encoder joins and checks it.)
for fixture in "$data"/stylegan2-*.safetensors "$data"/stylegan3-*.safetensors "$data"/lafite-*.safetensors \
               "$data"/biggan-deep-tiny.safetensors "$data"/clip-tokenizer.safetensors "$data"/*.pkl; do
  [ -f "$fixture" ] || continue
  name=$(basename "$fixture")
  if "$lab" verify-reference "$fixture" --device "$device" --json >"$out/verify-$name.json" 2>"$out/verify-$name.err"; then
    echo "verify-reference $name on $device: ok"
  else
    echo "verify-reference $name on $device: FAILED (see $out/verify-$name.*)"; status=1
  fi
done
for folder in "$data"/biggan-deep-tiny "$data"/biggan-deep-tiny-zip; do
  [ -d "$folder" ] || continue
  name=$(basename "$folder")
  if "$lab" verify-reference "$folder" --io "$data/biggan-deep-tiny.safetensors" --device "$device" --json \
       >"$out/verify-$name.json" 2>"$out/verify-$name.err"; then
    echo "verify-reference $name on $device: ok"
  else
    echo "verify-reference $name on $device: FAILED (see $out/verify-$name.*)"; status=1
  fi
done

bench() {   # name, then bench arguments
  local name=$1; shift
  if "$lab" bench "$@" --device "$device" --batches "${BATCHES:-1,8}" --iterations "${ITERATIONS:-10}" >"$out/bench-$name.json" 2>"$out/bench-$name.err"; then
    echo "bench $name on $device: $out/bench-$name.json"
  else
    echo "bench $name on $device: FAILED (see $out/bench-$name.err)"; status=1
  fi
}
bench default-model --model "$repo/resources/models/shapes-world-128.safetensors"
bench synthetic-256-paper256 --synthetic 256 --channel-max 512 --channel-base 16384
bench synthetic-1024-config-f --synthetic 1024 --channel-max 512
exit $status
