#pragma once
// Process-wide allocator setting for tensor work on the CPU. Call once, at the top of main(), before
// any thread is started.
//
// libtorch's CPU allocator takes every tensor from malloc. glibc serves blocks above its mmap
// threshold (128 KiB, rising only as such blocks are freed) with a fresh mmap and gives them back on
// free, so each of the megabyte-sized temporaries of a synthesis pass (styles times weights,
// demodulated weights, activations) costs a round of page faults on first touch, every frame. Keeping
// blocks up to 32 MiB on the heap and not trimming it lets the next frame reuse the same pages:
// measured on the 2-core development VM at 256 px (paper256 widths, one thread) 660 -> 454 ms per
// frame. The cost is that the process keeps its peak working set instead of returning it between
// frames. Elsewhere than glibc this does nothing.
//
// Thread safety: not thread-safe; call before other threads allocate.

namespace lscore {

void keepFreedTensorMemoryForReuse();

} // namespace lscore
