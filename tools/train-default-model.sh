#!/usr/bin/env bash
# Trains (or continues) the embedded Shapes World model and refreshes the shipped files.
#
#   tools/train-default-model.sh train  [BUILD_DIR]   # start or resume runs/shapes128 in the background
#   tools/train-default-model.sh export [BUILD_DIR]   # EMA generator -> resources/models, samples, compact checkpoint
#
# BUILD_DIR (default build-train) is configured as a Qt-free core + lab build when it does not exist.
# The run folder runs/shapes128 is git-ignored. `export` writes the model, the latest sample grid and a
# compact (bfloat16) copy of the checkpoint to resources/models/, from which a later session resumes:
#   mkdir -p runs/shapes128 && cp resources/models/training/checkpoint.safetensors runs/shapes128/
#   tools/train-default-model.sh train
# On a GPU machine: latent-studio-lab train --out runs/shapes128 --resume --device cuda
#
# Environment: RUN=runs/other trains another run folder; EXTRA="--lr 0.001" adds trainer options
# (a resumed run refuses a changed option that is fixed for a run).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
build="$(realpath -m "${2:-$repo/build-train}")"
lab="$build/bin/latent-studio-lab"
run="$(realpath -m "${RUN:-$repo/runs/shapes128}")"
models="$repo/resources/models"
cd "$repo"

ensure_lab() {
    if [ ! -f "$build/CMakeCache.txt" ]; then
        cmake -S "$repo" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DLSTUDIO_CORE_ONLY=ON -DBUILD_TESTING=OFF
    fi
    cmake --build "$build" --target latent-studio-lab
}

case "${1:-}" in
train)
    ensure_lab
    mkdir -p "$run"
    # The shipped recipe is the trainer's defaults (latent-studio-lab train --help). One thread: this
    # small network trains faster per core single-threaded, and the other core stays free; a passive
    # OpenMP wait, because spinning threads on a shared 2-core machine spent most of their time waiting.
    OMP_NUM_THREADS=1 OMP_WAIT_POLICY=PASSIVE nohup nice -n 5 "$lab" train --out "$run" --resume \
        --kimg 10000 --checkpoint-minutes 5 --samples-every 20 --log-every 100 ${EXTRA:-} \
        >>"$run/stdout.log" 2>&1 &
    echo "training in the background, pid $!; log: $run/log.jsonl"
    ;;
export)
    ensure_lab
    mkdir -p "$models/training"
    "$lab" train --out "$run" --export "$models/shapes-world-128.safetensors" --f16
    "$lab" train --out "$run" --compact-checkpoint "$models/training/checkpoint.safetensors"
    "$lab" train --out "$run" --samples "$models/samples.png"
    ls -l "$models" "$models/training"
    ;;
*)
    # Usage: the comment block at the top of this file.
    awk 'NR > 1 && /^#/ { print; next } NR > 1 { exit }' "$0"
    exit 2
    ;;
esac
