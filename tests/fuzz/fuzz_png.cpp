// libFuzzer target: the PNG decoder (lscore/png.h) must refuse any damaged or hostile file with an
// error: no crash, no unbounded allocation, whatever the chunks claim.
#include <cstddef>
#include <cstdint>
#include <span>

#include "lscore/png.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const auto png = lscore::decodePng(std::span<const std::uint8_t>(data, size));
    if (png.ok()) (void)lscore::encodePng(png->image, png->text);   // what was read is writable again
    return 0;
}
