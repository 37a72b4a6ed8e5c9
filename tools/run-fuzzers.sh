#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, AddressSanitizer + UBSan on all core sources) in their own
# build directory and runs each one for a bounded time. Exit status: 0 when no fuzzer found anything,
# 1 when one crashed, leaked, timed out or ran out of memory (its reproducer is kept under
# $build/artifacts/), 2 when the build failed.
#
#   tools/run-fuzzers.sh            # 60 s per fuzzer, build in ./build-fuzz
#   tools/run-fuzzers.sh 600        # longer runs
#   LSTUDIO_FUZZ_BUILD=build-fuzz-long LSTUDIO_FUZZ_JOBS=8 tools/run-fuzzers.sh
set -uo pipefail

seconds=${1:-60}
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${LSTUDIO_FUZZ_BUILD:-$repo/build-fuzz}
jobs=${LSTUDIO_FUZZ_JOBS:-2}
sanitizers="-fsanitize=address,undefined,fuzzer-no-link -fno-sanitize-recover=undefined -fno-sanitize=vptr"

# clang 14 cannot parse libtorch 1.13's headers in C++20 mode against libstdc++ 12: std::vector's
# members became constexpr there, and clang then instantiates them while c10::IValue is still
# incomplete (pytorch/pytorch#93978). The fuzz build therefore sees a copy of <vector>'s two
# implementation headers with the C++20 constexpr removed (std::vector<bool> left as is). Only this
# build uses the shim; the product is built by GCC from the unmodified headers.
shim="$build/libstdcxx-shim"
vector_header=$(echo '#include <vector>' | clang++ -std=c++20 -x c++ -M - 2>/dev/null | tr ' \\' '\n\n' | grep '/bits/stl_vector.h$' | head -1)
if [ -z "$vector_header" ]; then echo "run-fuzzers: cannot find libstdc++'s bits/stl_vector.h" >&2; exit 2; fi
mkdir -p "$shim/bits"
sed 's/_GLIBCXX20_CONSTEXPR//g' "$vector_header" > "$shim/bits/stl_vector.h"
bool_start=$(grep -n 'vector<bool, _Alloc>::' "$(dirname "$vector_header")/vector.tcc" | head -1 | cut -d: -f1)
sed "1,$((bool_start - 10))s/_GLIBCXX20_CONSTEXPR//g" "$(dirname "$vector_header")/vector.tcc" > "$shim/bits/vector.tcc"
sanitizers="$sanitizers -isystem $shim"

CC=clang CXX=clang++ cmake -S "$repo" -B "$build" -G Ninja \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLSTUDIO_FUZZERS=ON -DBUILD_TESTING=OFF -DLSTUDIO_CORE_ONLY=ON \
  -DCMAKE_CXX_FLAGS="$sanitizers" >/dev/null || exit 2
fuzzers=(fuzz_snapshot_pickle fuzz_torch_state_dict fuzz_safetensors fuzz_png fuzz_json_inputs fuzz_clip_tokenizer)
cmake --build "$build" --target "${fuzzers[@]}" -j"$jobs" || exit 2

# Seeds: small valid snapshots and the hostile corpus (plus a StyleGAN3 snapshot: numpy array
# attributes, radial filters); the safetensors fixtures; a PNG with every
# kind of text chunk; sessions and states, valid and hostile (deep nesting, numbers out of range).
declare -A seeds=(
  [fuzz_snapshot_pickle]="$repo/tests/data/hostile $repo/tests/data/stylegan3-r-cond-64.pkl"
  [fuzz_torch_state_dict]="$repo/tests/data/fuzz-seeds/state-dict-legacy.bin $repo/tests/data/fuzz-seeds/state-dict-zip.bin"
  [fuzz_safetensors]="$repo/tests/data/numpy-seeds.safetensors $repo/tests/data/stylegan2-uncond-32.safetensors"
  [fuzz_png]="$repo/tests/data/fuzz-seeds/state.png"
  [fuzz_json_inputs]="$repo/docs/tour.lstudio $repo/tests/data/fuzz-seeds/deep.json $repo/tests/data/fuzz-seeds/state.json"
  [fuzz_clip_tokenizer]="$repo/tests/data/fuzz-seeds/clip-merges.txt $repo/tests/data/fuzz-seeds/clip-prompt.txt"
)
status=0
mkdir -p "$build/artifacts"
for fuzzer in "${fuzzers[@]}"; do
  corpus="$build/corpus/$fuzzer"
  mkdir -p "$corpus"
  for seed in ${seeds[$fuzzer]}; do
    if [ -d "$seed" ]; then cp "$seed"/*.pkl "$corpus"/ 2>/dev/null; else cp "$seed" "$corpus"/; fi
  done
  echo "== $fuzzer: ${seconds}s"
  # Leak checking is off: libtorch keeps process-lifetime allocations that LSan reports at exit.
  ASAN_OPTIONS=detect_leaks=0:allocator_may_return_null=1 UBSAN_OPTIONS=print_stacktrace=1 \
    "$build/bin/$fuzzer" "$corpus" -max_total_time="$seconds" -max_len=1048576 -timeout=20 \
      -rss_limit_mb=4096 -malloc_limit_mb=2048 -print_final_stats=1 \
      -artifact_prefix="$build/artifacts/$fuzzer-" 2>&1 | tee "$build/$fuzzer.log" | grep -E "^#[0-9]+ +(DONE|INITED)|stat::|ERROR|SUMMARY|Test unit written"
  rc=${PIPESTATUS[0]}
  if [ "$rc" -ne 0 ]; then
    echo "!! $fuzzer failed (exit $rc); see $build/$fuzzer.log and $build/artifacts/" >&2
    status=1
  fi
done
exit $status
