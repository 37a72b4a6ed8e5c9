// The scene code of lstrain/scene_code.h.
#include "lstrain/scene_code.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace lstrain {
namespace {

struct Block {
    int start;
    int count;
};
constexpr Block kShapeBlock{0, kShapeCount};
constexpr Block kColorBlock{kShapeBlock.start + kShapeBlock.count, kColorCount};
constexpr Block kSizeBlock{kColorBlock.start + kColorBlock.count, kSizeClassCount};
constexpr Block kPatternBlock{kSizeBlock.start + kSizeBlock.count, kPatternCount};
constexpr Block kBackgroundBlock{kPatternBlock.start + kPatternBlock.count, kColorCount};
constexpr Block kStyleBlock{kBackgroundBlock.start + kBackgroundBlock.count, kBackgroundStyleCount};
constexpr Block kVariantBlock{kStyleBlock.start + kStyleBlock.count, kBackgroundVariantCount};
constexpr int kScalars = kVariantBlock.start + kVariantBlock.count;
enum Scalar { kRadius, kShade, kCentreX, kCentreY, kRotation, kBackgroundShade, kScalarCount };
static_assert(kScalars + kScalarCount == kSceneCodeDims);

float place(float value, float lo, float hi) { return std::clamp((value - lo) / (hi - lo), 1e-4f, 1.0f - 1e-4f); }

} // namespace

torch::Tensor sceneCodes(const std::vector<WorldSample>& samples, int zDim, std::mt19937_64& rng)
{
    if (zDim < kSceneCodeDims) throw std::invalid_argument("the scene code needs z_dim >= 50");
    const auto n = static_cast<std::int64_t>(samples.size());
    std::normal_distribution<float> normal(0.0f, 1.0f);
    torch::Tensor z = torch::empty({n, zDim});
    auto code = z.accessor<float, 2>();
    for (std::int64_t i = 0; i < n; ++i)
        for (int k = 0; k < zDim; ++k) code[i][k] = normal(rng);
    const float nan = std::numeric_limits<float>::quiet_NaN();
    torch::Tensor u = torch::full({n, kScalarCount}, nan);   // NaN: stays noise
    auto scalar = u.accessor<float, 2>();
    for (std::int64_t i = 0; i < n; ++i) {
        const SceneSpec& scene = samples[static_cast<std::size_t>(i)].scene;
        const CaptionSpec& stated = samples[static_cast<std::size_t>(i)].stated;
        const ObjectSpec& o = scene.object;
        auto categorical = [&](Block block, bool isStated, int value) {
            if (isStated) return;
            int largest = 0;
            for (int k = 1; k < block.count; ++k)
                if (code[i][block.start + k] > code[i][block.start + largest]) largest = k;
            std::swap(code[i][block.start + largest], code[i][block.start + value]);
        };
        categorical(kShapeBlock, stated.shape.has_value(), static_cast<int>(o.shape));
        categorical(kColorBlock, stated.color.has_value(), static_cast<int>(o.color));
        categorical(kSizeBlock, stated.size.has_value(), static_cast<int>(o.size));
        categorical(kPatternBlock, stated.pattern.has_value(), static_cast<int>(o.pattern));
        categorical(kBackgroundBlock, stated.background.has_value(), static_cast<int>(scene.background));
        categorical(kStyleBlock, stated.backgroundStyle.has_value(), static_cast<int>(scene.backgroundStyle));
        categorical(kVariantBlock, scene.backgroundStyle == BackgroundStyle::Plain, scene.backgroundVariant);
        const ValueRange radius = radiusRange(o.size);
        scalar[i][kRadius] = place(o.radius, radius.lo, radius.hi);
        scalar[i][kShade] = place(o.shade, kObjectShadeRange.lo, kObjectShadeRange.hi);
        scalar[i][kCentreX] = place(o.cx - 0.5f, -kCentreJitter, kCentreJitter);
        scalar[i][kCentreY] = place(o.cy - 0.5f, -kCentreJitter, kCentreJitter);
        if (!isRotationFree(o.shape)) scalar[i][kRotation] = place(o.rotation, -kRotationJitter, kRotationJitter);
        scalar[i][kBackgroundShade] = place(scene.backgroundShade, kBackgroundShadeRange.lo, kBackgroundShadeRange.hi);
    }
    // Φ⁻¹(u) = √2 · erfinv(2u − 1) where a value is known; the noise elsewhere.
    const torch::Tensor known = u.isnan().logical_not();
    const torch::Tensor mapped = std::sqrt(2.0) * torch::erfinv(2.0 * torch::nan_to_num(u, 0.5) - 1.0);
    torch::Tensor scalars = z.narrow(1, kScalars, kScalarCount);
    scalars.copy_(torch::where(known, mapped, scalars));
    return z;
}

} // namespace lstrain
