// libFuzzer target: the safetensors reader must validate every header field before it allocates.
#include <cstddef>
#include <cstdint>
#include <span>

#include "lscore/safetensors.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::span<const std::byte> bytes(reinterpret_cast<const std::byte*>(data), size);
    const auto file = lscore::readSafetensorsFromBytes(bytes, "fuzz.safetensors");
    if (file.ok()) {
        for (const auto& [name, tensor] : file.value().tensors) (void)tensor.sum().item();   // reads every element
    }
    return 0;
}
