// libFuzzer target: any byte string given to the torch.save state-dict reader (pytorch_model.bin,
// legacy stream or zip archive) must give tensors or an error, never a crash, a hang, a sanitizer
// report or an allocation out of proportion to its size.
#include <cstddef>
#include <cstdint>
#include <span>

#include "lscore/torch_state_dict.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::span<const std::byte> bytes(reinterpret_cast<const std::byte*>(data), size);
    const auto tensors = lscore::readTorchStateDictFromBytes(bytes, "fuzz.bin");
    if (tensors.ok())
        for (const auto& [name, tensor] : tensors.value()) (void)tensor.sum().item();   // reads every element
    return 0;
}
