#include "lsmedia/gif_writer.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <numeric>
#include <string>
#include <vector>

#include <gif_lib.h>

namespace lsmedia {
namespace {

constexpr std::size_t kMaxPaletteSamples = 1u << 18;

using Rgb = std::array<std::uint8_t, 3>;

struct Box {
    std::size_t begin;
    std::size_t end;
    int longestChannel = 0;
    int range = 0;
};

void measure(Box& box, const std::vector<Rgb>& samples)
{
    std::array<int, 3> low = {255, 255, 255};
    std::array<int, 3> high = {0, 0, 0};
    for (std::size_t i = box.begin; i < box.end; ++i)
        for (std::size_t c = 0; c < 3; ++c) {
            low[c] = std::min<int>(low[c], samples[i][c]);
            high[c] = std::max<int>(high[c], samples[i][c]);
        }
    box.range = -1;
    for (int c = 0; c < 3; ++c) {
        const int range = high[static_cast<std::size_t>(c)] - low[static_cast<std::size_t>(c)];
        if (range > box.range) {
            box.range = range;
            box.longestChannel = c;
        }
    }
}

// Nearest palette entry for every colour quantized to 6 bits per channel, filled on first use.
class NearestColorTable {
public:
    explicit NearestColorTable(const Palette& palette) : m_palette(palette), m_table(1u << 18, -1) {}

    std::uint8_t lookup(int r, int g, int b)
    {
        const std::size_t key = (static_cast<std::size_t>(r >> 2) << 12) | (static_cast<std::size_t>(g >> 2) << 6) |
                                static_cast<std::size_t>(b >> 2);
        std::int16_t& entry = m_table[key];
        if (entry < 0) entry = static_cast<std::int16_t>(nearest((r & ~3) + 2, (g & ~3) + 2, (b & ~3) + 2));
        return static_cast<std::uint8_t>(entry);
    }

private:
    int nearest(int r, int g, int b) const
    {
        int best = 0;
        int bestDistance = 1 << 30;
        for (std::size_t i = 0; i < m_palette.size(); ++i) {
            const int dr = r - m_palette[i][0];
            const int dg = g - m_palette[i][1];
            const int db = b - m_palette[i][2];
            // Weighted toward green, as the eye is: a cheap perceptual distance.
            const int distance = 2 * dr * dr + 4 * dg * dg + 3 * db * db;
            if (distance < bestDistance) {
                bestDistance = distance;
                best = static_cast<int>(i);
            }
        }
        return best;
    }

    const Palette& m_palette;
    std::vector<std::int16_t> m_table;
};

constexpr std::array<std::array<int, 8>, 8> kBayer8 = {{
    {0, 32, 8, 40, 2, 34, 10, 42},
    {48, 16, 56, 24, 50, 18, 58, 26},
    {12, 44, 4, 36, 14, 46, 6, 38},
    {60, 28, 52, 20, 62, 30, 54, 22},
    {3, 35, 11, 43, 1, 33, 9, 41},
    {51, 19, 59, 27, 49, 17, 57, 25},
    {15, 47, 7, 39, 13, 45, 5, 37},
    {63, 31, 55, 23, 61, 29, 53, 21},
}};

std::vector<std::uint8_t> quantizeFrame(const lscore::Image& frame, const Palette& palette, NearestColorTable& table,
                                        GifDither dither)
{
    const int width = frame.width;
    const int height = frame.height;
    std::vector<std::uint8_t> indices(static_cast<std::size_t>(width) * height);
    auto clampByte = [](int v) { return std::clamp(v, 0, 255); };

    if (dither == GifDither::FloydSteinberg) {
        // Errors of the current and next row, per channel, with one pixel of margin on either side.
        std::vector<int> current(static_cast<std::size_t>(width + 2) * 3, 0);
        std::vector<int> next(current.size(), 0);
        for (int y = 0; y < height; ++y) {
            std::fill(next.begin(), next.end(), 0);
            const std::uint8_t* row = frame.row(y);
            for (int x = 0; x < width; ++x) {
                std::array<int, 3> wanted{};
                for (std::size_t c = 0; c < 3; ++c)
                    wanted[c] = clampByte(row[x * 3 + static_cast<int>(c)] +
                                          current[static_cast<std::size_t>(x + 1) * 3 + c] / 16);
                const std::uint8_t index = table.lookup(wanted[0], wanted[1], wanted[2]);
                indices[static_cast<std::size_t>(y) * width + x] = index;
                for (std::size_t c = 0; c < 3; ++c) {
                    const int error = wanted[c] - palette[index][c];
                    current[static_cast<std::size_t>(x + 2) * 3 + c] += error * 7;
                    next[static_cast<std::size_t>(x) * 3 + c] += error * 3;
                    next[static_cast<std::size_t>(x + 1) * 3 + c] += error * 5;
                    next[static_cast<std::size_t>(x + 2) * 3 + c] += error * 1;
                }
            }
            std::swap(current, next);
        }
        return indices;
    }

    // Ordered dither amplitude: about one palette step for a 256-colour cube-ish palette.
    const int spread = dither == GifDither::Ordered ? 24 : 0;
    for (int y = 0; y < height; ++y) {
        const std::uint8_t* row = frame.row(y);
        for (int x = 0; x < width; ++x) {
            const int offset = spread * (2 * kBayer8[static_cast<std::size_t>(y & 7)][static_cast<std::size_t>(x & 7)] - 63) / 128;
            indices[static_cast<std::size_t>(y) * width + x] =
                table.lookup(clampByte(row[x * 3] + offset), clampByte(row[x * 3 + 1] + offset),
                             clampByte(row[x * 3 + 2] + offset));
        }
    }
    return indices;
}

std::string gifError(int code)
{
    const char* text = GifErrorString(code);
    return text ? text : "unknown giflib error";
}

} // namespace

Palette buildPalette(const std::vector<lscore::Image>& frames, int maxColors)
{
    maxColors = std::clamp(maxColors, 2, 256);
    std::size_t totalPixels = 0;
    for (const auto& frame : frames) totalPixels += static_cast<std::size_t>(frame.width) * frame.height;
    if (totalPixels == 0) return Palette(static_cast<std::size_t>(maxColors), Rgb{0, 0, 0});

    // An even stride over the concatenated frames: every frame contributes in proportion to its size.
    const std::size_t stride = std::max<std::size_t>(1, totalPixels / kMaxPaletteSamples);
    std::vector<Rgb> samples;
    samples.reserve(std::min(totalPixels, kMaxPaletteSamples + frames.size()));
    std::size_t globalIndex = 0;
    for (const auto& frame : frames) {
        const std::size_t pixels = static_cast<std::size_t>(frame.width) * frame.height;
        std::size_t first = (stride - globalIndex % stride) % stride;
        for (std::size_t p = first; p < pixels; p += stride)
            samples.push_back(Rgb{frame.rgb[p * 3], frame.rgb[p * 3 + 1], frame.rgb[p * 3 + 2]});
        globalIndex += pixels;
    }

    std::vector<Box> boxes;
    boxes.push_back(Box{0, samples.size()});
    measure(boxes.back(), samples);
    while (static_cast<int>(boxes.size()) < maxColors) {
        // Split the box whose colours spread widest (weighted by population) at its median.
        auto widest = std::max_element(boxes.begin(), boxes.end(), [](const Box& a, const Box& b) {
            const double scoreA = (a.end - a.begin > 1) ? a.range * std::sqrt(static_cast<double>(a.end - a.begin)) : -1.0;
            const double scoreB = (b.end - b.begin > 1) ? b.range * std::sqrt(static_cast<double>(b.end - b.begin)) : -1.0;
            return scoreA < scoreB;
        });
        if (widest->end - widest->begin < 2 || widest->range <= 0) break;
        const int channel = widest->longestChannel;
        const auto first = samples.begin() + static_cast<std::ptrdiff_t>(widest->begin);
        const auto last = samples.begin() + static_cast<std::ptrdiff_t>(widest->end);
        const auto channelOf = [channel](const Rgb& colour) { return colour[static_cast<std::size_t>(channel)]; };
        std::sort(first, last, [&](const Rgb& a, const Rgb& b) { return channelOf(a) < channelOf(b); });
        // Cut where the channel value changes, nearest the median, so one colour never ends up in two
        // boxes (which would waste palette entries on duplicates).
        const std::size_t median = widest->begin + (widest->end - widest->begin) / 2;
        std::size_t middle = widest->end;
        for (std::size_t distance = 0; distance < widest->end - widest->begin; ++distance) {
            const std::size_t up = median + distance;
            if (up > widest->begin && up < widest->end && channelOf(samples[up - 1]) != channelOf(samples[up])) {
                middle = up;
                break;
            }
            if (distance <= median - widest->begin) {
                const std::size_t down = median - distance;
                if (down > widest->begin && channelOf(samples[down - 1]) != channelOf(samples[down])) {
                    middle = down;
                    break;
                }
            }
        }
        if (middle == widest->end) break;   // cannot happen while range > 0
        Box upper{middle, widest->end};
        widest->end = middle;
        measure(*widest, samples);
        measure(upper, samples);
        boxes.push_back(upper);
    }

    Palette palette;
    for (const Box& box : boxes) {
        std::array<std::uint64_t, 3> sum = {0, 0, 0};
        for (std::size_t i = box.begin; i < box.end; ++i)
            for (std::size_t c = 0; c < 3; ++c) sum[c] += samples[i][c];
        const std::uint64_t count = std::max<std::uint64_t>(1, box.end - box.begin);
        palette.push_back(Rgb{static_cast<std::uint8_t>((sum[0] + count / 2) / count),
                              static_cast<std::uint8_t>((sum[1] + count / 2) / count),
                              static_cast<std::uint8_t>((sum[2] + count / 2) / count)});
    }
    return palette;
}

int gifFrameDelay(int frameIndex, double fps)
{
    if (!(fps > 0.0)) fps = 24.0;
    const auto at = [fps](int frame) { return static_cast<long long>(std::llround(100.0 * frame / fps)); };
    // Browsers treat delays below 2/100 s as 10/100 s; 2 is the fastest that plays as asked.
    return static_cast<int>(std::max<long long>(2, at(frameIndex + 1) - at(frameIndex)));
}

lscore::Status writeGif(const std::string& path, const std::vector<lscore::Image>& frames, const GifOptions& options)
{
    if (frames.empty()) return lscore::makeError("A GIF needs at least one frame.");
    const int width = frames.front().width;
    const int height = frames.front().height;
    if (width <= 0 || height <= 0 || width > 65535 || height > 65535)
        return lscore::makeError("GIF frames must be 1 to 65535 pixels on each side.");
    for (const auto& frame : frames)
        if (frame.width != width || frame.height != height)
            return lscore::makeError("All GIF frames must have the same size.");

    const Palette palette = buildPalette(frames, options.maxColors);
    std::vector<GifColorType> colors(256, GifColorType{0, 0, 0});
    for (std::size_t i = 0; i < palette.size(); ++i) colors[i] = GifColorType{palette[i][0], palette[i][1], palette[i][2]};

    int error = 0;
    GifFileType* gif = EGifOpenFileName(path.c_str(), false, &error);
    if (!gif) return lscore::makeError("Cannot create the GIF " + path + ": " + gifError(error) + ".");
    // Closes the file on every path out; a failing close (e.g. buffered data hitting a full disk) is an error too.
    auto finish = [&](const std::string& failure) -> lscore::Status {
        int closeError = 0;
        const bool closed = EGifCloseFile(gif, &closeError) == GIF_OK;
        if (!failure.empty()) return lscore::makeError(failure);
        if (!closed) return lscore::makeError("Cannot finish the GIF " + path + ": " + gifError(closeError) + " (is the disk full?).");
        return lscore::Status::success();
    };
    auto failed = [&](const char* what) {
        return "Cannot write the GIF " + path + " (" + what + "): " + gifError(gif->Error) + " (is the disk full?).";
    };

    EGifSetGifVersion(gif, true);
    ColorMapObject* colorMap = GifMakeMapObject(256, colors.data());
    if (!colorMap) return finish("Out of memory while making the GIF palette.");
    const int screenStatus = EGifPutScreenDesc(gif, width, height, 8, 0, colorMap);
    GifFreeMapObject(colorMap);
    if (screenStatus != GIF_OK) return finish(failed("screen descriptor"));

    if (options.loopCount >= 0) {
        const int loops = std::min(options.loopCount, 65535);
        const GifByteType loopBlock[3] = {1, static_cast<GifByteType>(loops & 0xFF), static_cast<GifByteType>(loops >> 8)};
        if (EGifPutExtensionLeader(gif, APPLICATION_EXT_FUNC_CODE) != GIF_OK ||
            EGifPutExtensionBlock(gif, 11, "NETSCAPE2.0") != GIF_OK || EGifPutExtensionBlock(gif, 3, loopBlock) != GIF_OK ||
            EGifPutExtensionTrailer(gif) != GIF_OK)
            return finish(failed("loop extension"));
    }
    if (!options.comment.empty() && EGifPutComment(gif, options.comment.c_str()) != GIF_OK)
        return finish(failed("comment"));

    NearestColorTable table(palette);
    for (std::size_t i = 0; i < frames.size(); ++i) {
        GraphicsControlBlock control{};
        control.DisposalMode = DISPOSE_DO_NOT;
        control.UserInputFlag = false;
        control.DelayTime = gifFrameDelay(static_cast<int>(i), options.fps);
        control.TransparentColor = NO_TRANSPARENT_COLOR;
        GifByteType extension[4];
        EGifGCBToExtension(&control, extension);
        if (EGifPutExtension(gif, GRAPHICS_EXT_FUNC_CODE, 4, extension) != GIF_OK) return finish(failed("frame delay"));
        if (EGifPutImageDesc(gif, 0, 0, width, height, false, nullptr) != GIF_OK) return finish(failed("frame header"));
        std::vector<std::uint8_t> indices = quantizeFrame(frames[i], palette, table, options.dither);
        for (int y = 0; y < height; ++y)
            if (EGifPutLine(gif, indices.data() + static_cast<std::size_t>(y) * width, width) != GIF_OK)
                return finish(failed("pixels"));
    }
    return finish({});
}

} // namespace lsmedia
