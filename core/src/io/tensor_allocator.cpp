#include "lscore/tensor_allocator.h"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace lscore {

void keepFreedTensorMemoryForReuse()
{
#if defined(__GLIBC__)
    // 32 MiB is glibc's largest mmap threshold on 64-bit (DEFAULT_MMAP_THRESHOLD_MAX); bigger blocks
    // (a batch of 1024 px activations) still come from mmap, where the page faults are a small share
    // of the work done on them.
    mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
    mallopt(M_TRIM_THRESHOLD, 1024 * 1024 * 1024);
#endif
}

} // namespace lscore
