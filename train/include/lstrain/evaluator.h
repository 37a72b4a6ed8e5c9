#pragma once
// Evaluating a Shapes World text-to-image model: an attribute classifier trained on exact labels,
// and the metrics `latent-studio-lab evaluate` prints.
//
//   auto classifier = lstrain::AttributeClassifier::load(lstrain::defaultClassifierPath());
//   auto engine = lscore::Engine::open("shapes-world.safetensors");
//   auto renderer = lstrain::engineRenderer(**engine);
//   lstrain::EvaluationOptions options; options.samples = 512;
//   auto report = lstrain::evaluateModel(*renderer, **classifier, options);   // JSON, see below
//
// The same metrics run on Shapes World itself (shapesWorldOracle()), which renders exactly what each
// EditState asks for; its scores are the ceiling a generator can reach, and the tests check them.
//
// Attribute classifier: a small CNN over 128×128 images in [-1, 1] (other sizes are resized) with one
// head per attribute: shape, colour, size, pattern, background colour, background style. Its 128-d
// penultimate features are the space of the Fréchet distance. It is trained on Shapes World's "Any"
// split with its own seed, never on anything a generator produces.
//
// Metrics (JSON keys):
//   caption_accuracy.{seen,held_out}.<attribute> = fraction of stated attributes the image shows;
//   frechet_distance.{generated_vs_real, real_vs_real, ratio} at the same sample size;
//   open_attributes.<attribute>.{generated, real, ratio}: normalised entropy of the classifier's
//     reading where captions leave the attribute open (ratio: generated over real; a model that
//     collapses an open colour to grey scores low);
//   style_mixing: same prompt, coarse w from seed A, fine from seed B: the fraction of trials keeping
//     A's shape and size and taking B's object and background colours, over the trials whose A and B
//     differ in shape or size and in a colour (informative_trials);
//   prompt_mixing: coarse layers prompt A "a <colour> <shape>", fine layers prompt B: the fraction
//     showing A's shape in B's colour (crossover: the first non-coarse w index);
//   prompt_interpolation: over `steps` steps from prompt A to B, the largest neighbour-to-neighbour
//     mean absolute pixel change over the even step (whole change / (steps − 1)); 1 is perfectly even.
//
// Thread safety: a classifier or renderer is used by one thread at a time.

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include <torch/torch.h>
#include <nlohmann/json.hpp>

#include "lscore/edit_state.h"
#include "lscore/engine.h"
#include "lstrain/shapes_world.h"

namespace lstrain {

inline constexpr int kClassifierResolution = 128;
inline constexpr int kClassifierFeatureDim = 128;
inline constexpr const char* kClassifierFileName = "shapes-classifier.safetensors";

// Where the evaluator's classifier is found: $LATENT_STUDIO_CLASSIFIER if set, else beside the
// installed default model (lscore::findDataFile), else "" (with a message from load()).
std::string defaultClassifierPath();

struct ScenePrediction {
    Shape shape = Shape::Circle;
    Color color = Color::Red;
    SizeClass size = SizeClass::Medium;
    Pattern pattern = Pattern::Plain;
    Color background = Color::Gray;
    BackgroundStyle backgroundStyle = BackgroundStyle::Plain;
    bool operator==(const ScenePrediction&) const = default;
};

// The labels the classifier learns for a scene.
ScenePrediction labelsFor(const SceneSpec& scene);

struct ClassifierTrainOptions {
    int steps = 2000;
    int batchSize = 32;
    double learningRate = 2e-3;
    std::uint64_t seed = 0xC1A55;       // Shapes World seed for training scenes (not the trainer's)
    std::function<void(int step, double loss)> progress;   // called every 25 steps
};

class AttributeClassifier {
public:
    static Result<std::unique_ptr<AttributeClassifier>> load(const std::string& path);
    static Result<std::unique_ptr<AttributeClassifier>> train(const ClassifierTrainOptions& options);
    ~AttributeClassifier();
    AttributeClassifier(const AttributeClassifier&) = delete;
    AttributeClassifier& operator=(const AttributeClassifier&) = delete;

    Status save(const std::string& path) const;

    // images: [N, 3, H, W] float in [-1, 1] on the CPU.
    std::vector<ScenePrediction> classify(const torch::Tensor& images);
    torch::Tensor features(const torch::Tensor& images);   // [N, kClassifierFeatureDim]

    // Per-head accuracy on fresh Shapes World scenes (seeded apart from training), as JSON.
    nlohmann::json measureAccuracy(int samples, std::uint64_t seed, SplitFilter filter = SplitFilter::Any);

private:
    struct Impl;
    explicit AttributeClassifier(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

// RGB8 images (all the same size) → [N, 3, H, W] float in [-1, 1].
torch::Tensor imagesToTensor(std::span<const Image> images);
// Shapes World scenes → [N, 3, R, R] float in [-1, 1].
torch::Tensor renderSceneTensor(std::span<const SceneSpec> scenes, int resolution);

// Fréchet distance between Gaussians fitted to two feature sets [N, D] (N ≥ 2 each).
double frechetDistance(const torch::Tensor& featuresA, const torch::Tensor& featuresB);

// What the evaluator renders through: a model behind an Engine, or Shapes World itself.
class EvaluationRenderer {
public:
    virtual ~EvaluationRenderer() = default;
    virtual Result<std::vector<Image>> render(std::span<const lscore::EditState> states) = 0;
    virtual int numWs() const = 0;
    virtual int coarseCrossover() const = 0;        // first w index that is not Coarse
    virtual std::string crossoverLayerName() const = 0;
};

std::unique_ptr<EvaluationRenderer> engineRenderer(lscore::Engine& engine);
// Shapes World as a perfect "generator": prompts are scenes drawn with sceneForCaption(prompt, seed),
// style mixing (fine layers from B) takes seed B's colours, prompt mixing takes prompt B's colours,
// prompt interpolation cross-fades the two images.
std::unique_ptr<EvaluationRenderer> shapesWorldOracle(int resolution = kShapesWorldResolution);

struct EvaluationOptions {
    int samples = 128;                 // captions per split; FD sample size; mixing trials = samples / 2
    std::uint64_t seed = 1;
    int interpolationPairs = 4;
    int interpolationSteps = 32;
    int batchSize = 16;
    std::function<void(const std::string& stage)> progress;
};

Result<nlohmann::json> evaluateModel(EvaluationRenderer& renderer, AttributeClassifier& classifier,
                                     const EvaluationOptions& options);

} // namespace lstrain
