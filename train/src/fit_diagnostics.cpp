// Trainer::fitDiagnostics: how closely G_ema redraws training scenes from their exact scene codes.
#include <cmath>

#include "lscore/png.h"
#include "lstrain/scene_code.h"
#include "trainer_impl.h"

namespace lstrain {
namespace {

// The colour of a plain background: the per-channel median of the image's outer 4-pixel frame,
// which Shapes World's centred objects never reach. [N, 3, R, R] -> [N, 3, 1, 1].
torch::Tensor frameColour(const torch::Tensor& images)
{
    const auto r = images.size(-1);
    const torch::Tensor frame = torch::cat({images.slice(2, 0, 4).flatten(2), images.slice(2, r - 4).flatten(2),
                                            images.slice(3, 0, 4).flatten(2), images.slice(3, r - 4).flatten(2)}, 2);
    return std::get<0>(frame.median(2)).unsqueeze(-1).unsqueeze(-1);
}

// Pixels of the object: off the image's own frame colour by more than 0.2 (channel mean, [-1, 1]).
torch::Tensor objectMask(const torch::Tensor& images)
{
    return ((images - frameColour(images)).abs().mean(1) > 0.2).to(torch::kFloat32);   // [N, R, R]
}

double iou(const torch::Tensor& a, const torch::Tensor& b)
{
    const double uni = torch::max(a, b).sum().item<double>();
    return uni > 0.0 ? torch::min(a, b).sum().item<double>() / uni : 0.0;
}

struct FitTally {
    int scenes = 0;
    int drawn = 0;   // scenes where G drew an object
    double centroidError = 0.0, iou = 0.0, alignedIou = 0.0, areaRatio = 0.0;   // over `drawn`
    double discIou = 0.0, missing = 0.0, backgroundError = 0.0;                // over `scenes`

    void add(const FitTally& o)
    {
        scenes += o.scenes;
        drawn += o.drawn;
        centroidError += o.centroidError;
        iou += o.iou;
        alignedIou += o.alignedIou;
        areaRatio += o.areaRatio;
        discIou += o.discIou;
        missing += o.missing;
        backgroundError += o.backgroundError;
    }

    nlohmann::json toJson() const
    {
        const double all = std::max(scenes, 1), seen = std::max(drawn, 1);
        return {{"scenes", scenes},
                {"centroid_error_px", centroidError / seen},
                {"iou", iou / seen},
                {"aligned_iou", alignedIou / seen},
                {"disc_aligned_iou", discIou / all},
                {"area_ratio", areaRatio / seen},
                {"missing", missing / all},
                {"background_error", backgroundError / all}};
    }
};

// Areas [N] and centroids [N, 2] (x, y in pixels) of masks [N, R, R].
std::pair<torch::Tensor, torch::Tensor> areasAndCentroids(const torch::Tensor& masks)
{
    const auto r = masks.size(-1);
    const torch::Tensor coords = torch::arange(r, masks.options());
    const torch::Tensor area = masks.sum({1, 2});
    const torch::Tensor safe = area.clamp_min(1.0);
    const torch::Tensor cx = (masks.sum(1) * coords).sum(1) / safe, cy = (masks.sum(2) * coords).sum(1) / safe;
    return {area, torch::stack({cx, cy}, 1)};
}

} // namespace

Result<nlohmann::json> Trainer::fitDiagnostics(int scenesPerShape, std::uint64_t seed, const std::string& gridPath)
{
    if (scenesPerShape < 1 || scenesPerShape > 4096) return lscore::makeError("fit diagnostics need 1 to 4096 scenes per shape");
    try {
        Impl& impl = *m_impl;
        torch::NoGradGuard noGrad;
        const int r = impl.options.resolution;
        const int numWs = impl.options.generatorConfig().numWs();
        // Scenes on a plain background, scenesPerShape of each shape, in shape order.
        std::vector<std::vector<WorldSample>> byShape(kShapeCount);
        std::size_t filled = 0;
        for (std::uint64_t index = 0; filled < byShape.size() && index < 400000; ++index) {
            WorldSample sample = sampleScene(seed, index, SplitFilter::TrainOnly);
            if (sample.scene.backgroundStyle != BackgroundStyle::Plain) continue;
            auto& bucket = byShape[static_cast<std::size_t>(sample.scene.object.shape)];
            if (static_cast<int>(bucket.size()) >= scenesPerShape) continue;
            bucket.push_back(std::move(sample));
            if (static_cast<int>(bucket.size()) == scenesPerShape) ++filled;
        }
        std::vector<WorldSample> samples;
        for (const auto& bucket : byShape) samples.insert(samples.end(), bucket.begin(), bucket.end());

        std::mt19937_64 rng(mixSeed(seed, 0, 0xd1a6));
        std::vector<torch::Tensor> drawn, reals;
        for (std::size_t begin = 0; begin < samples.size(); begin += 16) {
            const std::vector<WorldSample> batch(samples.begin() + static_cast<std::ptrdiff_t>(begin),
                                                 samples.begin() + static_cast<std::ptrdiff_t>(std::min(samples.size(), begin + 16)));
            std::vector<std::string> captions;
            std::vector<SceneSpec> scenes;
            for (const WorldSample& sample : batch) {
                captions.push_back(sample.caption);
                scenes.push_back(sample.scene);
            }
            auto ids = impl.tokenize(captions);
            if (!ids) return Error{ids.error()};
            const torch::Tensor z = sceneCodes(batch, impl.options.zDim, rng).to(impl.device);
            const torch::Tensor pooled = impl.textEncoderEma->forward(*ids).pooled;
            const torch::Tensor w = impl.generatorEma->mapping->mapToW(z, pooled);
            const auto n = w.size(0);
            lscore::SynthesisOptions synthesisOptions;
            synthesisOptions.noiseMode = lscore::NoiseMode::Const;
            drawn.push_back(impl.generatorEma->synthesis
                                ->forward(w.unsqueeze(1).expand({n, numWs, w.size(1)}).contiguous(),
                                          pooled.unsqueeze(1).expand({n, numWs, pooled.size(1)}).contiguous(), synthesisOptions)
                                .to(torch::kCPU));
            reals.push_back(impl.render(scenes).to(torch::kCPU));
        }
        const torch::Tensor generated = torch::cat(drawn), real = torch::cat(reals);
        const torch::Tensor generatedMasks = objectMask(generated), realMasks = objectMask(real);
        const torch::Tensor backgroundError = (frameColour(generated) - frameColour(real)).abs().mean({1, 2, 3}) * 0.5;
        const torch::Tensor coords = torch::arange(r, torch::kFloat32);
        const torch::Tensor ys = coords.view({r, 1}).expand({r, r}), xs = coords.view({1, r}).expand({r, r});
        const auto [realArea, realCentroid] = areasAndCentroids(realMasks);
        const auto [drawnArea, drawnCentroid] = areasAndCentroids(generatedMasks);
        const auto realAreas = realArea.accessor<float, 1>(), drawnAreas = drawnArea.accessor<float, 1>();
        const auto realCentres = realCentroid.accessor<float, 2>(), drawnCentres = drawnCentroid.accessor<float, 2>();
        const auto backgroundErrors = backgroundError.accessor<float, 1>();

        FitTally total;
        nlohmann::json perShape = nlohmann::json::object();
        std::int64_t row = 0;
        for (std::size_t shape = 0; shape < byShape.size(); ++shape) {
            FitTally tally;
            for (std::size_t k = 0; k < byShape[shape].size(); ++k, ++row) {
                ++tally.scenes;
                tally.backgroundError += backgroundErrors[row];
                if (realAreas[row] < 1.0f) continue;
                const torch::Tensor realMask = realMasks[row], drawnMask = generatedMasks[row];
                const double rx = realCentres[row][0], ry = realCentres[row][1];
                // The disc a blob would be: the real area, on the real centroid.
                const double discRadius = std::sqrt(realAreas[row] / 3.14159265358979);
                tally.discIou += iou((((xs - rx).pow(2) + (ys - ry).pow(2)).sqrt() <= discRadius).to(torch::kFloat32), realMask);
                if (drawnAreas[row] < 1.0f) {
                    tally.missing += 1.0;
                    continue;
                }
                ++tally.drawn;
                const double gx = drawnCentres[row][0], gy = drawnCentres[row][1];
                tally.centroidError += std::hypot(gx - rx, gy - ry);
                tally.iou += iou(drawnMask, realMask);
                const auto shift = std::vector<std::int64_t>{std::llround(ry - gy), std::llround(rx - gx)};
                tally.alignedIou += iou(torch::roll(drawnMask, shift, {0, 1}), realMask);
                tally.areaRatio += drawnAreas[row] / realAreas[row];
            }
            perShape[toString(static_cast<Shape>(shape))] = tally.toJson();
            total.add(tally);
        }
        const nlohmann::json report = {{"kimg", kimg()}, {"per_shape", perShape}, {"all", total.toJson()}};
        if (!gridPath.empty()) {
            // Rows = shapes; columns = (real, G) for the first four scenes of each.
            constexpr int kPairs = 4;
            const int rows = static_cast<int>(byShape.size());
            torch::Tensor tiles = torch::full({rows * 2 * kPairs, r, r, 3}, 255, torch::kUInt8);
            const torch::Tensor realPixels = lscore::toUint8Nhwc(real), drawnPixels = lscore::toUint8Nhwc(generated);
            std::int64_t first = 0;
            for (int shape = 0; shape < rows; ++shape) {
                const auto count = std::min<std::int64_t>(kPairs, static_cast<std::int64_t>(byShape[static_cast<std::size_t>(shape)].size()));
                for (std::int64_t k = 0; k < count; ++k) {
                    tiles[shape * 2 * kPairs + 2 * k].copy_(realPixels[first + k]);
                    tiles[shape * 2 * kPairs + 2 * k + 1].copy_(drawnPixels[first + k]);
                }
                first += static_cast<std::int64_t>(byShape[static_cast<std::size_t>(shape)].size());
            }
            lscore::PngText chunks{{"Description", "Latent Studio fit diagnostics: rows = shapes, columns = real / G pairs"}};
            if (Status written = lscore::writePng(gridPath, tileGrid(tiles, rows, 2 * kPairs), chunks); !written)
                return Error{written.error()};
        }
        return report;
    } catch (const std::exception& error) {
        return lscore::makeError(std::string("fit diagnostics failed: ") + error.what());
    }
}

} // namespace lstrain
