#pragma once
// Image: 8-bit interleaved RGB pixels, row-major, no padding. The currency between the core (which
// renders), media (which encodes) and the UI (which wraps it in a QImage). Torch-free on purpose.

#include <cstdint>
#include <vector>

namespace lscore {

struct Image {
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> rgb;  // width * height * 3 bytes

    bool isNull() const { return width <= 0 || height <= 0; }
    std::uint8_t* row(int y) { return rgb.data() + static_cast<std::size_t>(y) * width * 3; }
    const std::uint8_t* row(int y) const { return rgb.data() + static_cast<std::size_t>(y) * width * 3; }
    bool operator==(const Image&) const = default;
};

} // namespace lscore
