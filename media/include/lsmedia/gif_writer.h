#pragma once
// Animated GIF through giflib, with one global palette chosen by median cut over a sample of ALL
// frames (so colours do not flicker from frame to frame), optional dithering, the NETSCAPE2.0 loop
// extension and per-frame delays that add up to the requested frame rate.
//
//   lsmedia::GifOptions options;  options.fps = 24;  options.comment = manifestJson;
//   if (auto s = lsmedia::writeGif("out.gif", frames, options); !s) fail(s.error());

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "lscore/image.h"
#include "lscore/result.h"

namespace lsmedia {

enum class GifDither {
    None,
    Ordered,          // 8×8 Bayer: a stable pattern, no crawling between animation frames (default)
    FloydSteinberg,   // error diffusion: finest gradients, but the pattern shifts frame to frame
};

struct GifOptions {
    double fps = 24.0;           // delays are rounded to GIF's 1/100 s so that their sum tracks fps
    int loopCount = 0;           // NETSCAPE2.0 loop count: 0 = forever; < 0 = no loop extension (play once)
    GifDither dither = GifDither::Ordered;
    int maxColors = 256;         // 2–256
    std::string comment;         // written as a comment extension (e.g. the export manifest)
};

using Palette = std::vector<std::array<std::uint8_t, 3>>;

// Median-cut palette over up to ~256k pixels sampled evenly across all frames.
Palette buildPalette(const std::vector<lscore::Image>& frames, int maxColors = 256);

// Delay of frame i in 1/100 s: differences of rounded cumulative times, so 30 fps gives 3,3,4,3,3,4...
int gifFrameDelay(int frameIndex, double fps);

// Writes all frames (same size) to path. Every giflib write is checked.
lscore::Status writeGif(const std::string& path, const std::vector<lscore::Image>& frames, const GifOptions& options);

} // namespace lsmedia
