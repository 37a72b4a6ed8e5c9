// The supervised loss of lstrain/trainer.h: G(scene code, caption) against the exact render.
#include <numeric>

#include "lstrain/scene_code.h"
#include "trainer_impl.h"

namespace lstrain {

Result<Trainer::Impl::Loss> Trainer::Impl::supervisedLoss(std::uint64_t sceneSeed, std::mt19937_64& rng)
{
    const int n = options.batch;
    const int numWs = options.generatorConfig().numWs();
    std::vector<WorldSample> samples;
    std::vector<std::string> captions;
    for (int i = 0; i < n; ++i) {
        samples.push_back(sampleScene(sceneSeed, static_cast<std::uint64_t>(i), SplitFilter::TrainOnly));
        captions.push_back(samples.back().caption);
    }
    auto ids = tokenize(captions);
    if (!ids) return Error{ids.error()};
    const torch::Tensor z = sceneCodes(samples, options.zDim, rng).to(device);
    const lscore::TextEncoding text = textEncoder->forward(*ids);
    const torch::Tensor w = generator->mapping->mapToW(z, text.pooled);

    // Layer mix: a row's fine layers take the next row's code and caption, and its target is its own
    // geometry in that row's colours.
    std::vector<std::int64_t> partner(static_cast<std::size_t>(n));
    std::iota(partner.begin(), partner.end(), std::int64_t{0});
    std::vector<SceneSpec> targets;
    std::uniform_real_distribution<double> uniform(0.0, 1.0);
    for (int i = 0; i < n; ++i) {
        targets.push_back(samples[static_cast<std::size_t>(i)].scene);
        if (n < 2 || uniform(rng) >= options.layerMixProb) continue;
        const int j = (i + 1) % n;
        partner[static_cast<std::size_t>(i)] = j;
        takeSceneColours(targets.back(), samples[static_cast<std::size_t>(j)].scene);
    }
    const torch::Tensor reals = render(targets);
    const torch::Tensor partnerIndex = torch::tensor(partner, torch::kInt64).to(device);
    const int crossover = layerMixCrossover;
    auto perLayer = [&](const torch::Tensor& own) {
        const torch::Tensor coarse = own.unsqueeze(1).expand({n, crossover, own.size(1)});
        const torch::Tensor fine = own.index_select(0, partnerIndex).unsqueeze(1).expand({n, numWs - crossover, own.size(1)});
        return torch::cat({coarse, fine}, 1).contiguous();
    };
    lscore::SynthesisOptions synthesisOptions;
    synthesisOptions.noiseMode = lscore::NoiseMode::Random;
    synthesisOptions.noiseSeed = rng();
    const torch::Tensor images = generator->synthesis->forward(perLayer(w), perLayer(text.pooled), synthesisOptions);
    {
        // w_avg, the truncation centre, follows the mapped codes.
        torch::NoGradGuard noGrad;
        torch::Tensor& wAvg = generator->mapping->w_avg;
        wAvg.copy_(w.detach().mean(0).lerp(wAvg, options.generatorConfig().w_avg_beta));
    }
    const torch::Tensor error = (images - reals).abs();
    const torch::Tensor pixel = error.mean();
    torch::Tensor loss = pixel;
    // The object covers a minority of the pixels: under a plain mean the cheapest fit smears it into
    // the background. Its bounding disc (not its own pixels, which would charge a missing star arm
    // more than paint between the arms and make an oversized disc the cheapest answer) is weighed
    // again.
    if (options.objectWeight > 0.0 || options.detailWeight > 0.0) {
        const int r = options.resolution;
        torch::Tensor regions = torch::empty({n, 1, r, r}, torch::kFloat32);
        renderObjectRegions(targets, regions.data_ptr<float>(), r);
        const torch::Tensor mask = regions.to(device);
        const torch::Tensor area = (3.0 * mask.sum()).clamp_min(1.0);
        if (options.objectWeight > 0.0) loss = loss + options.objectWeight * (error * mask).sum() / area;
        // The detail term: stripes, dots and thin arms are high frequencies that the pixel L1
        // trades away for a smooth average when it is unsure; compared after removing each image's
        // local 3×3 mean, a missing stripe costs its full contrast wherever it lies.
        if (options.detailWeight > 0.0) {
            const auto highPass = [](const torch::Tensor& x) {
                return x - torch::avg_pool2d(x, 3, 1, 1, /*ceil_mode=*/false, /*count_include_pad=*/false);
            };
            loss = loss + options.detailWeight * ((highPass(images) - highPass(reals)).abs() * mask).sum() / area;
        }
    }
    // The pyramid: a misplaced outline costs less the nearer it is at the coarse levels, a gradient
    // the full-resolution L1 does not give.
    torch::Tensor fake = images, real = reals;
    for (int level = 0; level < options.pyramidLevels && fake.size(-1) >= 4; ++level) {
        fake = torch::avg_pool2d(fake, 2);
        real = torch::avg_pool2d(real, 2);
        loss = loss + (fake - real).abs().mean();
    }
    return Loss{loss, pixel.item<double>(), images, reals};
}

} // namespace lstrain
