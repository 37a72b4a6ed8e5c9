// The evaluator's metrics over any EvaluationRenderer (an Engine, or Shapes World itself).
#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

#include <torch/torch.h>

#include "lscore/evaluator.h"

namespace lscore {
namespace {

// ---------------------------------------------------------------------------------------------
// Renderers.

class EngineRenderer final : public EvaluationRenderer {
public:
    explicit EngineRenderer(Engine& engine) : m_engine(engine) {}
    Result<std::vector<Image>> render(std::span<const EditState> states) override { return m_engine.render(states); }
    int numWs() const override { return m_engine.description().numWs; }
    int coarseCrossover() const override { return defaultLayerMixCrossover(m_engine.description().layers); }
    std::string crossoverLayerName() const override
    {
        for (const LayerInfo& layer : m_engine.description().layers)
            if (layer.index == coarseCrossover()) return layer.name;
        std::string name = "w";
        name += std::to_string(coarseCrossover());
        return name;
    }

private:
    Engine& m_engine;
};

class ShapesWorldOracle final : public EvaluationRenderer {
public:
    explicit ShapesWorldOracle(int resolution) : m_resolution(resolution) {}

    Result<std::vector<Image>> render(std::span<const EditState> states) override
    {
        std::vector<Image> out;
        for (const EditState& state : states) {
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
// Scoring generated images against what their captions state.

struct Tally {
    int correct = 0;
    int total = 0;
    void add(bool ok) { correct += ok ? 1 : 0; ++total; }
};
using Tallies = std::map<std::string, Tally>;

int matches(const ObjectStatement& s, const ObjectPrediction& p)
{
    return (s.shape && *s.shape == p.shape ? 1 : 0) + (s.color && *s.color == p.color ? 1 : 0);
}

void scoreObject(Tallies& t, const ObjectStatement& s, const ObjectPrediction& p)
{
    if (s.shape) t["shape"].add(*s.shape == p.shape);
    if (s.color) t["color"].add(*s.color == p.color);
    if (s.size) t["size"].add(*s.size == p.size);
    if (s.pattern) t["pattern"].add(*s.pattern == p.pattern);
}

void scoreCaption(Tallies& t, const CaptionSpec& stated, const ScenePrediction& p)
{
    const int count = static_cast<int>(stated.objects.size());
    t["count"].add(p.objectCount == count);
    if (stated.background) t["background_color"].add(*stated.background == p.background);
    if (stated.backgroundStyle) t["background_style"].add(*stated.backgroundStyle == p.backgroundStyle);
    if (count == 1) {
        scoreObject(t, stated.objects[0], p.objects[0]);
        if (stated.position) t["position"].add(p.objectCount == 1 && *stated.position == p.position);
        return;
    }
    // Two objects: which caption object should sit in which spatial slot.
    const ObjectStatement& a = stated.objects[0];
    const ObjectStatement& b = stated.objects[1];
    const int straight = matches(a, p.objects[0]) + matches(b, p.objects[1]);
    const int swapped = matches(b, p.objects[0]) + matches(a, p.objects[1]);
    bool aFirst = straight >= swapped;
    if (stated.relation) {
        const Relation r = *stated.relation;
        const bool sideBySide = r == Relation::LeftOf || r == Relation::RightOf;
        aFirst = r == Relation::LeftOf || r == Relation::Above;
        const int expected = aFirst ? straight : swapped;
        const int other = aFirst ? swapped : straight;
        const Arrangement wanted = sideBySide ? Arrangement::SideBySide : Arrangement::Stacked;
        t["relation"].add(p.objectCount == 2 && p.arrangement == wanted && expected >= other);
    }
    scoreObject(t, aFirst ? a : b, p.objects[0]);
    scoreObject(t, aFirst ? b : a, p.objects[1]);
}

nlohmann::json talliesToJson(const Tallies& tallies)
{
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [name, t] : tallies)
        out[name] = {{"accuracy", t.total ? static_cast<double>(t.correct) / t.total : 0.0}, {"stated", t.total}};
    return out;
}

// Renders in batches and returns the images as one tensor.
Result<torch::Tensor> renderAll(EvaluationRenderer& renderer, const std::vector<EditState>& states, int batchSize)
{
    std::vector<Image> images;
    images.reserve(states.size());
    for (std::size_t begin = 0; begin < states.size(); begin += static_cast<std::size_t>(batchSize)) {
        const std::size_t n = std::min(states.size() - begin, static_cast<std::size_t>(batchSize));
        auto part = renderer.render(std::span<const EditState>(states.data() + begin, n));
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

struct Spread {
    double cx = 0.0, cy = 0.0;
};
Spread centreSpread(const std::vector<ScenePrediction>& predictions)
{
    if (predictions.size() < 2) return {};
    double mx = 0, my = 0;
    for (const auto& p : predictions) { mx += p.objects[0].cx; my += p.objects[0].cy; }
    mx /= predictions.size();
    my /= predictions.size();
    double vx = 0, vy = 0;
    for (const auto& p : predictions) {
        vx += (p.objects[0].cx - mx) * (p.objects[0].cx - mx);
        vy += (p.objects[0].cy - my) * (p.objects[0].cy - my);
    }
    return {std::sqrt(vx / (predictions.size() - 1)), std::sqrt(vy / (predictions.size() - 1))};
}

double meanAbsDiff(const torch::Tensor& a, const torch::Tensor& b)
{
    // Images are in [-1, 1]; report in 0–255 pixel units.
    return (a - b).abs().mean().item<double>() * 127.5;
}

} // namespace

std::unique_ptr<EvaluationRenderer> engineRenderer(Engine& engine) { return std::make_unique<EngineRenderer>(engine); }
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
    if (options.samples < 4 || options.samples > 100000)
        return makeError("--samples must be between 4 and 100000");
    if (options.interpolationSteps < 3 || options.interpolationSteps > 1000)
        return makeError("interpolation needs between 3 and 1000 steps");
    const int batch = std::clamp(options.batchSize, 1, 256);
    const std::uint64_t seed = options.seed;
    auto stage = [&](const std::string& s) { if (options.progress) options.progress(s); };
    nlohmann::json report;
    report["samples"] = options.samples;
    report["seed"] = seed;
    try {
        // 1. Caption accuracy on seen and held-out combinations. Seeds are the sample numbers.
        torch::Tensor seenImages;
        nlohmann::json accuracy;
        for (const SplitFilter split : {SplitFilter::TrainOnly, SplitFilter::HeldOutOnly}) {
            const bool seen = split == SplitFilter::TrainOnly;
            stage(seen ? "caption accuracy (seen)" : "caption accuracy (held out)");
            std::vector<EditState> states;
            std::vector<CaptionSpec> stated;
            for (int i = 0; i < options.samples; ++i) {
                const WorldSample s = sampleScene(seed + (seen ? 1000 : 2000), static_cast<std::uint64_t>(i), split);
                EditState state;
                state.promptA = s.caption;
                state.promptB = s.caption;
                state.seedA = static_cast<std::uint32_t>(seed * 7919 + static_cast<std::uint64_t>(i));
                states.push_back(state);
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
        const auto featuresReal2 = classifier.features(renderSceneTensor(realB, resolution));
        const auto featuresGenerated = classifier.features(seenImages);
        report["frechet_distance"] = {
            {"generated_vs_real", frechetDistance(featuresGenerated, featuresReal)},
            {"real_vs_real", frechetDistance(featuresReal2, featuresReal)},
            {"samples", options.samples},
            {"feature_dim", kClassifierFeatureDim},
        };

        // 3. Diversity of what captions leave unstated.
        stage("diversity");
        const std::vector<std::string> openCaptions{"a red star", "a blue circle", "a star", "a big square"};
        const int perCaption = std::max(2, options.samples / static_cast<int>(openCaptions.size()));
        std::vector<EditState> states;
        std::vector<SceneSpec> realScenes;
        std::vector<bool> colourOpen;
        for (const std::string& caption : openCaptions) {
            for (int i = 0; i < perCaption; ++i) {
                EditState state;
                state.promptA = caption;
                state.promptB = caption;
                state.seedA = static_cast<std::uint32_t>(seed * 104729 + 17 + static_cast<std::uint64_t>(i));
                states.push_back(state);
                realScenes.push_back(sceneForCaption(caption, seed + 5000, static_cast<std::uint64_t>(i)).value());
                colourOpen.push_back(caption == "a star" || caption == "a big square");
            }
        }
        auto diversityImages = renderAll(renderer, states, batch);
        if (!diversityImages) return Error{diversityImages.error()};
        auto diversityOf = [&](const std::vector<ScenePrediction>& predictions) {
            std::vector<int> styles(kBackgroundStyleCount, 0), colours(kColorCount, 0);
            for (std::size_t i = 0; i < predictions.size(); ++i) {
                ++styles[static_cast<std::size_t>(predictions[i].backgroundStyle)];
                if (colourOpen[i]) ++colours[static_cast<std::size_t>(predictions[i].objects[0].color)];
            }
            const Spread spread = centreSpread(predictions);
            return nlohmann::json{{"centre_std_x", spread.cx}, {"centre_std_y", spread.cy},
                                  {"background_style_entropy", normalisedEntropy(styles)},
                                  {"color_entropy", normalisedEntropy(colours)}};
        };
        report["diversity"] = {
            {"generated", diversityOf(classifier.classify(*diversityImages))},
            {"real", diversityOf(classifier.classify(renderSceneTensor(realScenes, resolution)))},
            {"captions", openCaptions},
            {"per_caption", perCaption},
        };

        // 4. Style mixing: same prompt, coarse w from seed A, the rest from seed B.
        stage("style mixing");
        const int trials = std::max(2, options.samples / 2);
        const int crossover = renderer.coarseCrossover();
        const std::vector<double> fineFromB = crossoverWeights(renderer.numWs(), crossover, true);
        const std::vector<std::string> mixPrompts{"a shape", "a big shape", "a small shape", "a shape on a plain background"};
        states.clear();
        for (int i = 0; i < trials; ++i) {
            EditState a;
            a.promptA = mixPrompts[static_cast<std::size_t>(i) % mixPrompts.size()];
            a.promptB = a.promptA;
            a.seedA = static_cast<std::uint32_t>(seed * 31 + 2 * static_cast<std::uint64_t>(i));
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
        // A trial only counts where A and B differ both in what the mix must keep (shape or layout)
        // and in what it must take (object or background colour): a generator whose seeds all look
        // alike would otherwise "keep" and "take" everything.
        constexpr double kCentreTolerance = 0.08;
        Tally shapeKept, layoutKept, colourTaken, backgroundTaken, all;
        for (int i = 0; i < trials; ++i) {
            const ScenePrediction& a = mixPredictions[static_cast<std::size_t>(3 * i)];
            const ScenePrediction& b = mixPredictions[static_cast<std::size_t>(3 * i + 1)];
            const ScenePrediction& m = mixPredictions[static_cast<std::size_t>(3 * i + 2)];
            const bool differInLayout = a.objects[0].shape != b.objects[0].shape || a.objectCount != b.objectCount
                                        || std::hypot(a.objects[0].cx - b.objects[0].cx, a.objects[0].cy - b.objects[0].cy) >= kCentreTolerance;
            const bool differInColour = a.objects[0].color != b.objects[0].color || a.background != b.background;
            if (!differInLayout || !differInColour) continue;
            const bool shape = m.objects[0].shape == a.objects[0].shape && m.objectCount == a.objectCount;
            const bool layout = std::hypot(m.objects[0].cx - a.objects[0].cx, m.objects[0].cy - a.objects[0].cy) < kCentreTolerance;
            const bool colour = m.objects[0].color == b.objects[0].color;
            const bool background = m.background == b.background;
            shapeKept.add(shape);
            layoutKept.add(layout);
            colourTaken.add(colour);
            backgroundTaken.add(background);
            all.add(shape && layout && colour && background);
        }
        auto rate = [](const Tally& t) { return t.total ? static_cast<double>(t.correct) / t.total : 0.0; };
        // The score is over all trials: one where A and B looked alike shows no mixing.
        const double styleMixScore = static_cast<double>(all.correct) / trials;
        report["style_mixing"] = {
            {"score", styleMixScore}, {"shape_kept", rate(shapeKept)}, {"layout_kept", rate(layoutKept)},
            {"color_taken", rate(colourTaken)}, {"background_taken", rate(backgroundTaken)},
            {"trials", trials}, {"informative_trials", all.total}, {"crossover_w_index", crossover},
            {"crossover_layer", renderer.crossoverLayerName()}, {"centre_tolerance", kCentreTolerance},
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
            if (shapeA == shapeB || colourA == colourB || isHeldOut(shapeA, colourA) || isHeldOut(shapeB, colourB) ||
                isHeldOut(shapeA, colourB))
                continue;
            EditState state;
            state.promptA = std::string(colourA == Color::Orange ? "an " : "a ") + toString(colourA) + " " + toString(shapeA);
            state.promptB = std::string(colourB == Color::Orange ? "an " : "a ") + toString(colourB) + " " + toString(shapeB);
            state.seedA = static_cast<std::uint32_t>(seed * 13 + static_cast<std::uint64_t>(i));
            state.promptMix = fineFromB;
            states.push_back(state);
            wanted.emplace_back(shapeA, colourB);
        }
        auto promptMixImages = renderAll(renderer, states, batch);
        if (!promptMixImages) return Error{promptMixImages.error()};
        const auto promptMixPredictions = classifier.classify(*promptMixImages);
        Tally pmShape, pmColour, pmBoth;
        for (std::size_t i = 0; i < wanted.size(); ++i) {
            const bool shape = promptMixPredictions[i].objects[0].shape == wanted[i].first;
            const bool colour = promptMixPredictions[i].objects[0].color == wanted[i].second;
            pmShape.add(shape);
            pmColour.add(colour);
            pmBoth.add(shape && colour);
        }
        report["prompt_mixing"] = {
            {"score", rate(pmBoth)}, {"shape_from_a", rate(pmShape)}, {"color_from_b", rate(pmColour)},
            {"trials", pmBoth.total}, {"crossover_w_index", crossover}, {"crossover_layer", renderer.crossoverLayerName()},
        };

        // 6. Prompt interpolation smoothness.
        stage("prompt interpolation");
        const int steps = options.interpolationSteps;
        std::vector<double> ratios;
        for (int pair = 0; pair < std::max(1, options.interpolationPairs); ++pair) {
            const WorldSample a = sampleScene(seed + 6000, static_cast<std::uint64_t>(2 * pair), SplitFilter::TrainOnly);
            const WorldSample b = sampleScene(seed + 6000, static_cast<std::uint64_t>(2 * pair + 1), SplitFilter::TrainOnly);
            states.clear();
            for (int k = 0; k < steps; ++k) {
                EditState state;
                state.promptA = a.caption;
                state.promptB = b.caption;
                state.promptT = static_cast<double>(k) / (steps - 1);
                state.seedA = static_cast<std::uint32_t>(seed * 101 + static_cast<std::uint64_t>(pair));
                states.push_back(state);
            }
            auto path = renderAll(renderer, states, batch);
            if (!path) return Error{path.error()};
            const double whole = meanAbsDiff((*path)[0], (*path)[steps - 1]);
            double largest = 0.0;
            for (int k = 0; k + 1 < steps; ++k) largest = std::max(largest, meanAbsDiff((*path)[k], (*path)[k + 1]));
            ratios.push_back(whole > 1e-9 ? largest / whole : 1.0);
        }
        report["prompt_interpolation"] = {
            {"max_step_over_total", std::accumulate(ratios.begin(), ratios.end(), 0.0) / ratios.size()},
            {"worst_pair", *std::max_element(ratios.begin(), ratios.end())},
            {"ideal", 1.0 / (steps - 1)}, {"steps", steps}, {"pairs", ratios.size()},
        };
    } catch (const std::exception& e) {
        return makeError(std::string("Evaluation failed: ") + e.what());
    }
    return report;
}

} // namespace lscore
