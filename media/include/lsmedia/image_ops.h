#pragma once
// Pixel operations the exporter needs: resizing with a good filter and contact sheets.
//
//   lscore::Image big = lsmedia::resizeImage(frame, 512, 512, lsmedia::ResizeFilter::Smooth);
//   lscore::Image sheet = lsmedia::contactSheet(frames, frameNumbers, 0);

#include <vector>

#include "lscore/image.h"

namespace lsmedia {

enum class ResizeFilter {
    Smooth,    // Lanczos-4 when enlarging, area averaging when shrinking (no aliasing)
    Nearest,   // hard pixel edges, for pixel-art looks
};

// Returns the image at width × height (a copy when the size already matches). Sizes ≤ 0 → input.
lscore::Image resizeImage(const lscore::Image& image, int width, int height, ResizeFilter filter = ResizeFilter::Smooth);

// A grid of frames (all the same size), each labelled with its frame number in the corner.
// columns ≤ 0 picks a near-square grid. Frames are drawn at their own size.
lscore::Image contactSheet(const std::vector<lscore::Image>& frames, const std::vector<int>& frameNumbers, int columns = 0);

} // namespace lsmedia
