// libFuzzer target: any byte string given to the snapshot reader must give a snapshot or an error,
// never a crash, a hang, a sanitizer report or an allocation out of proportion to its size.
#include <cstddef>
#include <cstdint>
#include <span>

#include "lscore/snapshot_pickle.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::span<const std::byte> bytes(reinterpret_cast<const std::byte*>(data), size);
    const auto snapshot = lscore::readNvlabsSnapshotFromBytes(bytes, "fuzz.pkl");
    if (snapshot.ok()) {
        // Touch what a caller would use, so a bad tensor view shows up here rather than later.
        for (const auto& [name, tensor] : snapshot.value().tensors) (void)tensor.sum().item();   // reads every element
        (void)snapshot.value().initKwargs.dump();
    }
    return 0;
}
