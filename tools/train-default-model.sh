#!/usr/bin/env bash
# Trains (or continues) the embedded Shapes World model and refreshes the shipped files.
#
#   tools/train-default-model.sh train  [BUILD_DIR]   # resume runs/shapes128 in the background (nice, 1 thread)
#   tools/train-default-model.sh export [BUILD_DIR]   # EMA generator -> resources/models, checkpoint copy, samples
#
# The run folder runs/shapes128 is git-ignored. `export` copies the latest checkpoint (with Adam
# moments, ~30 MB) to resources/models/training/ so a later session can continue exactly:
#   mkdir -p runs/shapes128 && cp resources/models/training/checkpoint.safetensors runs/shapes128/
#   tools/train-default-model.sh train
# On a GPU machine: latent-studio-lab train --out runs/shapes128 --resume --device cuda
#
# Environment: RUN=runs/other trains a branch (copy a checkpoint there first); PERCEPTUAL=W sets the
# perceptual weight (default 15, 0 leaves the term out); OBJECTIVE=hybrid switches a resumed run to
# adversarial + supervised training; EXTRA="--edge-weight 4" adds trainer flags.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
build="$(realpath -m "${2:-$repo/build-train}")"
lab="$build/bin/latent-studio-lab"
run="$(realpath -m "${RUN:-$repo/runs/shapes128}")"
models="$repo/resources/models"
# Paths given to the trainer are stored in the checkpoint's options, so they are given relative to
# the repository root: a copy of the checkpoint then resumes in any checkout.
cd "$repo"

case "${1:-}" in
train)
    mkdir -p "$run"
    # The recipe of the shipped model (resources/models/README.md): the supervised objective on
    # Shapes World's scene codes with a 4-layer mapping at full learning rate, lr 0.0008, β1 0.9, the
    # object and pyramid terms, the layer mix and, since session 6, the perceptual term in the
    # features of resources/models/training/perceptual-net.safetensors.
    # These flags are applied to a resumed run too; the scene code is left as the checkpoint has it
    # ("scalar" for the shipped run, "folded" for a new one, since switching a trained model's code
    # makes it re-learn z). One thread: these small networks train faster per core single-threaded
    # (two one-thread runs side by side beat one two-thread run); a passive OpenMP wait
    # because spinning threads on a shared 2-core machine spent 80% of their time busy-waiting.
    OMP_NUM_THREADS=1 OMP_WAIT_POLICY=PASSIVE nohup nice -n 5 "$lab" train --out "$run" --resume \
        --objective "${OBJECTIVE:-supervised}" --mapping 4,1 \
        --lr 0.0008 --beta1 0.9 --object-weight 5 --pyramid 4 --mix-prob 0.25 \
        --batch 8 --kimg 10000 --checkpoint-minutes 5 --samples-every 20 --log-every 100 --seed 1 \
        --perceptual-weight "${PERCEPTUAL:-15}" --perceptual-net resources/models/training/perceptual-net.safetensors ${EXTRA:-} \
        >>"$run/stdout.log" 2>&1 &
    echo "training in the background, pid $!; log: $run/log.jsonl"
    ;;
export)
    mkdir -p "$models/training"
    "$lab" train --out "$run" --export "$models/shapes-world-128.safetensors" --f16
    cp "$run/checkpoint.safetensors" "$models/training/checkpoint.safetensors.partial"
    mv "$models/training/checkpoint.safetensors.partial" "$models/training/checkpoint.safetensors"
    tail -n 1 "$run/log.jsonl" > "$models/training/last-log-line.json"
    latest="$(ls "$run"/samples-*.png 2>/dev/null | sort | tail -n 1 || true)"
    if [ -n "$latest" ]; then cp "$latest" "$models/samples.png"; fi
    ls -l "$models" "$models/training"
    ;;
*)
    # Usage: the comment block at the top of this file.
    awk 'NR > 1 && /^#/ { print; next } NR > 1 { exit }' "$0"
    exit 2
    ;;
esac
