// The evaluator's metrics over any EvaluationRenderer (an Engine, or Shapes World itself).
#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

#include "lstrain/evaluator.h"

namespace lstrain {
namespace {

using lscore::EditState;
using lscore::makeError;

// ---------------------------------------------------------------------------------------------
// Renderers.

class EngineRenderer final : public EvaluationRenderer {
public:
    explicit EngineRenderer(lscore::Engine& engine) : m_engine(engine) {}
    Result<std::vector<Image>> render(std::span<const lscore::EditState> states) override { return m_engine.render(states); }
    int numWs() const override { return m_engine.description().numWs; }
    int coarseCrossover() const override { return lscore::defaultLayerMixCrossover(m_engine.description().layers); }
    std::string crossoverLayerName() const override
    {
        for (const lscore::LayerInfo& layer : m_engine.description().layers)
            if (layer.index == coarseCrossover()) return layer.name;
        std::string name = "w";
        name += std::to_string(coarseCrossover());
        return name;
    }

private:
    lscore::Engine& m_engine;
};

class ShapesWorldOracle final : public EvaluationRenderer {
public:
    explicit ShapesWorldOracle(int resolution) : m_resolution(resolution) {}

    Result<std::vector<Image>> render(std::span<const lscore::EditState> states) override
    {
        std::vector<Image> out;
        for (const lscore::EditState& state : states) {
            auto a = sceneForCaption(state.promptA, state.seedA, 0);
            if (!a) return Error{a.error()};
            SceneSpec scene = *a;
            const bool fineFromSeedB = !state.styleMix.empty() && state.styleMix.back() > 0.5;
            const bool fineFromPromptB = !state.promptMix.empty() && state.promptMix.back() > 0.5;
            if (fineFromSeedB) takeSceneColours(scene, sceneForCaption(state.promptA, state.seedB, 0).value());
            if (fineFromPromptB || state.promptT > 0.0) {
                auto b = sceneForCaption(state.promptB, state.seedA, 0);
                if (!b) return Error{b.error()};
                if (fineFromPromptB) takeSceneColours(scene, *b);
                if (state.promptT > 0.0) {
                    // Interpolation as a cross-fade: the smoothest path between the two images.
                    const Image ia = renderSceneImage(scene, m_resolution);
                    const Image ib = renderSceneImage(*b, m_resolution);
                    Image blend = ia;
                    const double t = std::clamp(state.promptT, 0.0, 1.0);
                    for (std::size_t i = 0; i < blend.rgb.size(); ++i)
                        blend.rgb[i] = static_cast<std::uint8_t>(std::lround((1.0 - t) * ia.rgb[i] + t * ib.rgb[i]));
                    out.push_back(std::move(blend));
                    continue;
                }
            }
            out.push_back(renderSceneImage(scene, m_resolution));
        }
        return out;
    }
    int numWs() const override { return 12; }
    int coarseCrossover() const override { return 4; }
    std::string crossoverLayerName() const override { return "fine from b16 (Shapes World oracle)"; }

private:
    int m_resolution;
};

// ---------------------------------------------------------------------------------------------
// Scoring.

struct Tally {
    int correct = 0;
    int total = 0;
    void add(bool ok) { correct += ok ? 1 : 0; ++total; }
    double rate() const { return total ? static_cast<double>(correct) / total : 0.0; }
};
using Tallies = std::map<std::string, Tally>;

void scoreCaption(Tallies& t, const CaptionSpec& s, const ScenePrediction& p)
{
    if (s.shape) t["shape"].add(*s.shape == p.shape);
    if (s.color) t["color"].add(*s.color == p.color);
    if (s.size) t["size"].add(*s.size == p.size);
    if (s.pattern) t["pattern"].add(*s.pattern == p.pattern);
    if (s.background) t["background_color"].add(*s.background == p.background);
    if (s.backgroundStyle) t["background_style"].add(*s.backgroundStyle == p.backgroundStyle);
}

// Per attribute: how many images read as each value, over the images whose caption leaves the
// attribute open.
struct OpenCounts {
    std::map<std::string, std::vector<int>> counts{{"shape", std::vector<int>(kShapeCount)},
                                                   {"color", std::vector<int>(kColorCount)},
                                                   {"size", std::vector<int>(kSizeClassCount)},
                                                   {"pattern", std::vector<int>(kPatternCount)},
                                                   {"background_color", std::vector<int>(kColorCount)},
                                                   {"background_style", std::vector<int>(kBackgroundStyleCount)}};
    void add(const CaptionSpec& s, const ScenePrediction& p)
    {
        if (!s.shape) ++counts["shape"][static_cast<std::size_t>(p.shape)];
        if (!s.color) ++counts["color"][static_cast<std::size_t>(p.color)];
        if (!s.size) ++counts["size"][static_cast<std::size_t>(p.size)];
        if (!s.pattern) ++counts["pattern"][static_cast<std::size_t>(p.pattern)];
        if (!s.background) ++counts["background_color"][static_cast<std::size_t>(p.background)];
        if (!s.backgroundStyle) ++counts["background_style"][static_cast<std::size_t>(p.backgroundStyle)];
    }
};

nlohmann::json talliesToJson(const Tallies& tallies)
{
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [name, t] : tallies)
        out[name] = {{"accuracy", t.total ? static_cast<double>(t.correct) / t.total : 0.0}, {"stated", t.total}};
    return out;
}

// Renders in batches and returns the images as one tensor.
Result<torch::Tensor> renderAll(EvaluationRenderer& renderer, const std::vector<lscore::EditState>& states, int batchSize)
{
    std::vector<Image> images;
    images.reserve(states.size());
    for (std::size_t begin = 0; begin < states.size(); begin += static_cast<std::size_t>(batchSize)) {
        const std::size_t n = std::min(states.size() - begin, static_cast<std::size_t>(batchSize));
        auto part = renderer.render(std::span<const lscore::EditState>(states.data() + begin, n));
        if (!part) return Error{part.error()};
        if (part->size() != n) return makeError("the renderer returned a different number of images than asked for");
        for (Image& image : *part) images.push_back(std::move(image));
    }
    try {
        return imagesToTensor(images);
    } catch (const std::exception& e) {
        return makeError(std::string("rendered images are unusable: ") + e.what());
    }
}

double normalisedEntropy(const std::vector<int>& counts)
{
    const double total = std::accumulate(counts.begin(), counts.end(), 0.0);
    if (total <= 0 || counts.size() < 2) return 0.0;
    double h = 0.0;
    for (int c : counts)
        if (c > 0) h -= (c / total) * std::log(c / total);
    return h / std::log(static_cast<double>(counts.size()));
}

double meanAbsDiff(const torch::Tensor& a, const torch::Tensor& b)
{
    // Images are in [-1, 1]; report in 0–255 pixel units.
    return (a - b).abs().mean().item<double>() * 127.5;
}

} // namespace

std::unique_ptr<EvaluationRenderer> engineRenderer(lscore::Engine& engine) { return std::make_unique<EngineRenderer>(engine); }
std::unique_ptr<EvaluationRenderer> shapesWorldOracle(int resolution) { return std::make_unique<ShapesWorldOracle>(resolution); }

double frechetDistance(const torch::Tensor& featuresA, const torch::Tensor& featuresB)
{
    const auto a = featuresA.to(torch::kFloat64);
    const auto b = featuresB.to(torch::kFloat64);
    const auto muA = a.mean(0);
    const auto muB = b.mean(0);
    const auto ca = a - muA;
    const auto cb = b - muB;
    const auto sigmaA = ca.t().matmul(ca) / std::max<int64_t>(a.size(0) - 1, 1);
    const auto sigmaB = cb.t().matmul(cb) / std::max<int64_t>(b.size(0) - 1, 1);
    // tr(sqrt(ΣA ΣB)) = Σ sqrt(eig(sqrt(ΣA) ΣB sqrt(ΣA))), all symmetric PSD: no complex square roots.
    auto [valuesA, vectorsA] = torch::linalg_eigh(sigmaA, "L");
    const auto sqrtA = vectorsA.matmul(torch::diag(valuesA.clamp_min(0).sqrt())).matmul(vectorsA.t());
    const auto middle = sqrtA.matmul(sigmaB).matmul(sqrtA);
    const auto eig = torch::linalg_eigvalsh((middle + middle.t()) * 0.5, "L");
    const double traceSqrt = eig.clamp_min(0).sqrt().sum().item<double>();
    const double meanTerm = (muA - muB).pow(2).sum().item<double>();
    return std::max(0.0, meanTerm + sigmaA.trace().item<double>() + sigmaB.trace().item<double>() - 2.0 * traceSqrt);
}

Result<nlohmann::json> evaluateModel(EvaluationRenderer& renderer, AttributeClassifier& classifier,
                                     const EvaluationOptions& options)
{
    if (options.samples < 4 || options.samples > 100000) return makeError("--samples must be between 4 and 100000");
    if (options.interpolationSteps < 3 || options.interpolationSteps > 1000)
        return makeError("interpolation needs between 3 and 1000 steps");
    const int batch = std::clamp(options.batchSize, 1, 256);
    const std::uint64_t seed = options.seed;
    auto stage = [&](const std::string& s) { if (options.progress) options.progress(s); };
    auto promptState = [](const std::string& caption, std::uint32_t seedA) {
        EditState state;
        state.promptA = caption;
        state.promptB = caption;
        state.seedA = seedA;
        return state;
    };
    nlohmann::json report;
    report["samples"] = options.samples;
    report["seed"] = seed;
    try {
        // 1. Caption accuracy on seen and held-out combinations.
        torch::Tensor seenImages;
        nlohmann::json accuracy;
        for (const SplitFilter split : {SplitFilter::TrainOnly, SplitFilter::HeldOutOnly}) {
            const bool seen = split == SplitFilter::TrainOnly;
            stage(seen ? "caption accuracy (seen)" : "caption accuracy (held out)");
            std::vector<EditState> states;
            std::vector<CaptionSpec> stated;
            for (int i = 0; i < options.samples; ++i) {
                const WorldSample s = sampleScene(seed + (seen ? 1000 : 2000), static_cast<std::uint64_t>(i), split);
                states.push_back(promptState(s.caption, static_cast<std::uint32_t>(seed * 7919 + static_cast<std::uint64_t>(i))));
                stated.push_back(s.stated);
            }
            auto images = renderAll(renderer, states, batch);
            if (!images) return Error{images.error()};
            const auto predictions = classifier.classify(*images);
            Tallies tallies;
            for (std::size_t i = 0; i < predictions.size(); ++i) scoreCaption(tallies, stated[i], predictions[i]);
            accuracy[seen ? "seen" : "held_out"] = talliesToJson(tallies);
            if (seen) seenImages = *images;
        }
        accuracy["held_out_pairs"] = nlohmann::json::array();
        for (const auto& pair : kHeldOutPairs)
            accuracy["held_out_pairs"].push_back(std::string(toString(pair.color)) + " " + toString(pair.shape));
        report["caption_accuracy"] = accuracy;

        // 2. Fréchet distance in the classifier's feature space, beside the real-vs-real floor.
        stage("frechet distance");
        std::vector<SceneSpec> realA, realB;
        for (int i = 0; i < options.samples; ++i) {
            realA.push_back(sampleScene(seed + 3000, static_cast<std::uint64_t>(i), SplitFilter::TrainOnly).scene);
            realB.push_back(sampleScene(seed + 4000, static_cast<std::uint64_t>(i), SplitFilter::TrainOnly).scene);
        }
        const int resolution = static_cast<int>(seenImages.size(2));
        const auto featuresReal = classifier.features(renderSceneTensor(realA, resolution));
        const double generatedFd = frechetDistance(classifier.features(seenImages), featuresReal);
        const double floorFd = frechetDistance(classifier.features(renderSceneTensor(realB, resolution)), featuresReal);
        report["frechet_distance"] = {{"generated_vs_real", generatedFd}, {"real_vs_real", floorFd},
                                      {"ratio", floorFd > 0.0 ? generatedFd / floorFd : 0.0},
                                      {"samples", options.samples}, {"feature_dim", kClassifierFeatureDim}};

        // 3. What captions leave open: the spread of the classifier's readings against real images'.
        stage("open attributes");
        const std::vector<std::string> openCaptions{"a shape", "a red star", "a big striped shape on a blue background",
                                                    "a heart on a checkered background"};
        const int perCaption = std::max(2, options.samples / static_cast<int>(openCaptions.size()));
        std::vector<EditState> states;
        std::vector<SceneSpec> realScenes;
        std::vector<CaptionSpec> openStated;
        for (const std::string& caption : openCaptions) {
            const CaptionSpec stated = parseCaption(caption).value();
            for (int i = 0; i < perCaption; ++i) {
                states.push_back(promptState(caption, static_cast<std::uint32_t>(seed * 104729 + 17 + static_cast<std::uint64_t>(i))));
                realScenes.push_back(sceneForCaption(stated, seed + 5000, static_cast<std::uint64_t>(i)));
                openStated.push_back(stated);
            }
        }
        auto openImages = renderAll(renderer, states, batch);
        if (!openImages) return Error{openImages.error()};
        OpenCounts generatedCounts, realCounts;
        const auto generatedOpen = classifier.classify(*openImages);
        const auto realOpen = classifier.classify(renderSceneTensor(realScenes, resolution));
        for (std::size_t i = 0; i < openStated.size(); ++i) {
            generatedCounts.add(openStated[i], generatedOpen[i]);
            realCounts.add(openStated[i], realOpen[i]);
        }
        nlohmann::json open = nlohmann::json::object();
        double worstRatio = 1e9;
        for (const auto& [attribute, counts] : generatedCounts.counts) {
            const double g = normalisedEntropy(counts), r = normalisedEntropy(realCounts.counts[attribute]);
            const double ratio = r > 0.0 ? g / r : 0.0;
            worstRatio = std::min(worstRatio, ratio);
            open[attribute] = {{"generated", g}, {"real", r}, {"ratio", ratio}};
        }
        report["open_attributes"] = {{"per_attribute", open}, {"worst_ratio", worstRatio}, {"captions", openCaptions},
                                     {"per_caption", perCaption}};

        // 4. Style mixing: same prompt, coarse w from seed A, the rest from seed B.
        stage("style mixing");
        const int trials = std::max(2, options.samples / 2);
        const int crossover = renderer.coarseCrossover();
        const std::vector<double> fineFromB = lscore::crossoverWeights(renderer.numWs(), crossover, true);
        const std::vector<std::string> mixPrompts{"a shape", "a plain shape", "a shape on a plain background", "a striped shape"};
        states.clear();
        for (int i = 0; i < trials; ++i) {
            EditState a = promptState(mixPrompts[static_cast<std::size_t>(i) % mixPrompts.size()],
                                      static_cast<std::uint32_t>(seed * 31 + 2 * static_cast<std::uint64_t>(i)));
            a.seedB = a.seedA + 1;
            EditState b = a;
            b.seedA = a.seedB;
            EditState mix = a;
            mix.styleMix = fineFromB;
            states.push_back(a);
            states.push_back(b);
            states.push_back(mix);
        }
        auto mixImages = renderAll(renderer, states, batch);
        if (!mixImages) return Error{mixImages.error()};
        const auto mixPredictions = classifier.classify(*mixImages);
        // A trial counts where A and B differ both in what the mix must keep (shape or size) and in
        // what it must take (object or background colour).
        Tally shapeKept, sizeKept, colourTaken, backgroundTaken, all;
        for (int i = 0; i < trials; ++i) {
            const ScenePrediction& a = mixPredictions[static_cast<std::size_t>(3 * i)];
            const ScenePrediction& b = mixPredictions[static_cast<std::size_t>(3 * i + 1)];
            const ScenePrediction& m = mixPredictions[static_cast<std::size_t>(3 * i + 2)];
            if ((a.shape == b.shape && a.size == b.size) || (a.color == b.color && a.background == b.background)) continue;
            shapeKept.add(m.shape == a.shape);
            sizeKept.add(m.size == a.size);
            colourTaken.add(m.color == b.color);
            backgroundTaken.add(m.background == b.background);
            all.add(m.shape == a.shape && m.size == a.size && m.color == b.color && m.background == b.background);
        }
        report["style_mixing"] = {
            {"score", all.rate()}, {"shape_kept", shapeKept.rate()}, {"size_kept", sizeKept.rate()},
            {"color_taken", colourTaken.rate()}, {"background_taken", backgroundTaken.rate()}, {"trials", trials},
            {"informative_trials", all.total}, {"crossover_w_index", crossover}, {"crossover_layer", renderer.crossoverLayerName()},
        };

        // 5. Prompt mixing: coarse layers prompt A, fine layers prompt B, pairs over shapes and colours.
        stage("prompt mixing");
        states.clear();
        std::vector<std::pair<Shape, Color>> wanted;
        for (int i = 0; static_cast<int>(states.size()) < trials && i < trials * 20; ++i) {
            const auto shapeA = static_cast<Shape>((i * 3) % kShapeCount);
            const auto shapeB = static_cast<Shape>((i * 3 + 1 + i / kShapeCount) % kShapeCount);
            const auto colourA = static_cast<Color>((i * 5) % kColorCount);
            const auto colourB = static_cast<Color>((i * 7 + 3) % kColorCount);
            if (shapeA == shapeB || colourA == colourB || isHeldOut(shapeA, colourA) || isHeldOut(shapeB, colourB)
                || isHeldOut(shapeA, colourB))
                continue;
            CaptionSpec a, b;
            a.shape = shapeA;
            a.color = colourA;
            b.shape = shapeB;
            b.color = colourB;
            EditState state = promptState(captionFor(a), static_cast<std::uint32_t>(seed * 13 + static_cast<std::uint64_t>(i)));
            state.promptB = captionFor(b);
            state.promptMix = fineFromB;
            states.push_back(state);
            wanted.emplace_back(shapeA, colourB);
        }
        auto promptMixImages = renderAll(renderer, states, batch);
        if (!promptMixImages) return Error{promptMixImages.error()};
        const auto promptMixPredictions = classifier.classify(*promptMixImages);
        Tally pmShape, pmColour, pmBoth;
        for (std::size_t i = 0; i < wanted.size(); ++i) {
            const bool shape = promptMixPredictions[i].shape == wanted[i].first;
            const bool colour = promptMixPredictions[i].color == wanted[i].second;
            pmShape.add(shape);
            pmColour.add(colour);
            pmBoth.add(shape && colour);
        }
        report["prompt_mixing"] = {
            {"score", pmBoth.rate()}, {"shape_from_a", pmShape.rate()}, {"color_from_b", pmColour.rate()},
            {"trials", pmBoth.total}, {"crossover_w_index", crossover}, {"crossover_layer", renderer.crossoverLayerName()},
        };

        // 6. Prompt interpolation: the largest step against the even step.
        stage("prompt interpolation");
        const int steps = options.interpolationSteps;
        std::vector<double> ratios;
        for (int pair = 0; pair < std::max(1, options.interpolationPairs); ++pair) {
            const WorldSample a = sampleScene(seed + 6000, static_cast<std::uint64_t>(2 * pair), SplitFilter::TrainOnly);
            const WorldSample b = sampleScene(seed + 6000, static_cast<std::uint64_t>(2 * pair + 1), SplitFilter::TrainOnly);
            states.clear();
            for (int k = 0; k < steps; ++k) {
                EditState state = promptState(a.caption, static_cast<std::uint32_t>(seed * 101 + static_cast<std::uint64_t>(pair)));
                state.promptB = b.caption;
                state.promptT = static_cast<double>(k) / (steps - 1);
                states.push_back(state);
            }
            auto path = renderAll(renderer, states, batch);
            if (!path) return Error{path.error()};
            const double evenStep = meanAbsDiff((*path)[0], (*path)[steps - 1]) / (steps - 1);
            double largest = 0.0;
            for (int k = 0; k + 1 < steps; ++k) largest = std::max(largest, meanAbsDiff((*path)[k], (*path)[k + 1]));
            ratios.push_back(evenStep > 1e-9 ? largest / evenStep : 1.0);
        }
        report["prompt_interpolation"] = {
            {"largest_over_even_step", std::accumulate(ratios.begin(), ratios.end(), 0.0) / static_cast<double>(ratios.size())},
            {"worst_pair", *std::max_element(ratios.begin(), ratios.end())}, {"steps", steps}, {"pairs", ratios.size()},
        };
    } catch (const std::exception& e) {
        return makeError(std::string("Evaluation failed: ") + e.what());
    }
    return report;
}

} // namespace lstrain
