#!/usr/bin/env bash
# The project's benchmarks in one run, on this machine: generator speed (the default model and a
# reference fixture, 1 and 2 threads), the BLAS builds installed here, interactive latency through
# the real window, and export throughput. Writes one JSON file per benchmark into OUT_DIR and prints
# a summary of the medians. Run it on a quiet machine: figures taken under load are meaningless.
#
#   tools/bench.sh [BUILD_DIR] [OUT_DIR]        # defaults: build, bench-results
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=$(cd "${1:-$repo/build}" && pwd)
out=${2:-$repo/bench-results}
mkdir -p "$out"
cd "$repo"
lab="$build/bin/latent-studio-lab"
studio="$build/bin/latent-studio"
model="$repo/resources/models/shapes-world-128.safetensors"
fixture="$repo/tests/data/stylegan2-cond-64.safetensors"
export OMP_WAIT_POLICY=PASSIVE   # an idle OpenMP thread sleeps instead of spinning on a 2-core machine

{
  echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) CPUs, $(free -g | awk '/Mem:/ {print $2}') GiB"
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  "$studio" --version | sed -n '1p;/libtorch/p;/Qt:/p'
} | tee "$out/machine.txt"

summary() {   # file label: the batch-1 and batch-8 medians of a lab bench report
  python3 - "$1" "$2" <<'EOF' 2>/dev/null || echo "$2: see $1"
import json, sys
report = json.load(open(sys.argv[1]))
parts = [f"batch {b['batch']}: {b['ms_per_frame_median']:.2f} ms/frame" for b in report["batches"]]
print(f"{sys.argv[2]}: " + ", ".join(parts))
EOF
}

for threads in 1 2; do
  "$lab" bench --model "$model" --threads "$threads" --iterations 30 > "$out/default-model-t$threads.json"
  summary "$out/default-model-t$threads.json" "default model 128 px, $threads thread(s)"
  "$lab" bench --model "$fixture" --threads "$threads" --iterations 30 > "$out/cond64-t$threads.json"
  summary "$out/cond64-t$threads.json" "NVlabs cond-64 fixture, $threads thread(s)"
done

# BLAS builds: libtorch resolves libblas.so.3 through Debian's alternatives; each folder here holds
# another build of it. Only those installed on this machine are measured.
for dir in /usr/lib/x86_64-linux-gnu/openblas-pthread /usr/lib/x86_64-linux-gnu/openblas-openmp \
           /usr/lib/x86_64-linux-gnu/blas ${LSTUDIO_BENCH_BLAS_DIRS:-}; do
  [ -e "$dir/libblas.so.3" ] || continue
  name=$(basename "$dir")
  for threads in 1 2; do
    LD_LIBRARY_PATH="$dir" "$lab" bench --model "$model" --threads "$threads" --iterations 30 > "$out/blas-$name-t$threads.json"
    summary "$out/blas-$name-t$threads.json" "BLAS $name, $threads thread(s)"
  done
done

# Directions: SeFa, GANSpace (10,000 samples) and a frame with 8 directions vs none, on the default
# model and on a 1024 px config-f-sized generator.
"$lab" bench --model "$model" --directions --threads 1 --iterations 20 > "$out/directions-default.json"
"$lab" bench --synthetic 1024 --channel-max 512 --directions --threads 1 --iterations 5 > "$out/directions-1024.json"
python3 - "$out/directions-default.json" "$out/directions-1024.json" <<'EOF' || true
import json, sys
for path in sys.argv[1:]:
    r = json.load(open(path))
    print(f"directions on {r['model']}: SeFa {r['sefa_10_ms_median']:.0f} ms, GANSpace 10k {r['ganspace_10000_samples_ms_median']:.0f} ms, "
          f"frame with 8 directions / none {r['ratio_8_directions_to_none']:.3f}")
EOF

QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen} "$studio" bench-interactive > "$out/interactive.json"
python3 - "$out/interactive.json" <<'EOF' || true
import json, sys
r = json.load(open(sys.argv[1]))
lat = r.get("latency_ms", {})
print(f"interactive drag: latency p50 {lat.get('p50')} ms, p95 {lat.get('p95')} ms, "
      f"stall max {r.get('stall_max_ms')} ms, frames shown {r.get('frames_shown')}")
EOF

"$studio" export --bench > "$out/export.json"
python3 - "$out/export.json" <<'EOF' || true
import json, sys
for run in json.load(open(sys.argv[1]))["runs"]:
    codec = f" ({run['codec']})" if run.get("codec") else ""
    print(f"export {run['frames']} frames {run['format']}{codec}, batch {run['batch']}: {run['fps']:.1f} fps "
          f"(rendering alone {run['render_fps']:.1f} fps)")
EOF
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/machine.txt"
echo "JSON reports in $out"
