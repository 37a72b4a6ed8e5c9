#pragma once
// Evaluating a Shapes World text-to-image model: an attribute classifier trained on exact labels, and
// the metrics `latent-studio-lab evaluate` prints.
//
//   auto classifier = lscore::AttributeClassifier::load("resources/models/shapes-classifier.safetensors");
//   auto engine = lscore::Engine::open("shapes-world.safetensors");
//   auto renderer = lscore::engineRenderer(**engine);
//   lscore::EvaluationOptions options; options.samples = 128;
//   auto report = lscore::evaluateModel(*renderer, **classifier, options);   // JSON, see below
//
// The same metrics run on Shapes World itself (shapesWorldOracle()), which renders exactly what each
// EditState asks for; its scores are the ceiling a generator can reach and the tests check them.
//
// Attribute classifier: a small CNN over 128×128 images in [-1, 1] (other sizes are resized). A second
// one, trained with another seed, serves the trainer as a perceptual loss (perceptualDistance). Heads,
// with objects in SPATIAL order (slot 0 = the left one of a side-by-side pair, the upper one of a
// stacked pair — an image alone cannot tell which object a caption named first):
//   count (1/2); per slot: shape, colour, size, pattern, centre (x, y regression);
//   background colour and style; position (one object); arrangement (two objects: side by side or
//   stacked). Its 128-d penultimate features are the space of the Fréchet distance. It is trained on
//   Shapes World's "Any" split with its own seeds, never on anything a generator produces.
//
// Metrics (JSON keys):
//   caption_accuracy.{seen,held_out}.<attribute> = fraction of stated attributes the image shows
//     (shape, color, size, pattern, background_color, background_style, position, relation, count);
//   frechet_distance.{generated_vs_real, real_vs_real} at the same sample size;
//   diversity: spread (std) of object centres for captions naming no position, normalised entropy of
//     background styles / object colours where the caption leaves them unstated (real reference beside);
//   style_mixing: coarse w from seed A, the rest from seed B: fraction of all trials keeping A's shape
//     and layout (centre within 0.08 of the image side) and taking B's object and background colours,
//     where only trials whose A and B differ in shape or layout and in a colour can count
//     (informative_trials) — a generator whose seeds look alike shows no mixing;
//   prompt_mixing: coarse layers prompt A "a <colour> <shape>", fine layers prompt B: fraction showing
//     A's shape in B's colour; the crossover is the first non-coarse w index of the layer table;
//   prompt_interpolation: over 32 steps from prompt A to B, the largest neighbour-to-neighbour mean
//     absolute pixel change divided by the whole A→B change (ideal 1/31 ≈ 0.032).
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
#include "lscore/image.h"
#include "lscore/result.h"
#include "lscore/shapes_world.h"

namespace lscore {

inline constexpr int kClassifierResolution = 128;
inline constexpr int kClassifierFeatureDim = 128;
inline constexpr const char* kDefaultClassifierPath = "resources/models/shapes-classifier.safetensors";

enum class Arrangement { SideBySide, Stacked };

struct ObjectPrediction {
    Shape shape = Shape::Circle;
    Color color = Color::Red;
    SizeClass size = SizeClass::Small;
    Pattern pattern = Pattern::Plain;
    float cx = 0.5f;
    float cy = 0.5f;
};

struct ScenePrediction {
    int objectCount = 1;
    std::array<ObjectPrediction, 2> objects;   // spatial order; objects[1] meaningful when objectCount == 2
    Position position = Position::Center;
    Arrangement arrangement = Arrangement::SideBySide;
    Color background = Color::Gray;
    BackgroundStyle backgroundStyle = BackgroundStyle::Plain;
};

// The labels the classifier learns for a scene (objects put in spatial order).
ScenePrediction labelsFor(const SceneSpec& scene);

struct ClassifierTrainOptions {
    int steps = 1500;
    int batchSize = 32;
    double learningRate = 1e-3;
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

    // A perceptual distance through this network (the trainer's --perceptual-net term): each stage's
    // activation map (64 px … 4 px) and the features, channel vectors scaled to unit length, squared
    // differences summed over channels, averaged over positions, the batch and the six stages (0 for
    // equal images, at most 4). Differentiable in `generated`; `real` is not differentiated; the
    // network's own weights never are once loaded. Both [N, 3, H, W] in [-1, 1] on the network's device.
    torch::Tensor perceptualDistance(const torch::Tensor& generated, const torch::Tensor& real);
    // The trainer's --label-weight term: the classifier's own training loss (cross-entropy of every
    // attribute head, the centres' squared error) of `generated` against the exact labels of `scenes`
    // (labelsFor: objects in spatial order), one scene per image. Unlike the pixel and perceptual
    // terms it does not care where exactly a star's points are, only that a star is there, so it
    // charges the disc that an L1 fit unsure of the rotation draws. Differentiable in `generated`
    // ([N, 3, H, W] in [-1, 1] on the network's device); throws std::invalid_argument when the
    // counts differ.
    torch::Tensor labelLoss(const torch::Tensor& generated, std::span<const SceneSpec> scenes);
    // Moves the network (the CPU after load or train) to `device`, e.g. a trainer's CUDA device.
    void moveTo(const torch::Device& device);

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
    virtual Result<std::vector<Image>> render(std::span<const EditState> states) = 0;
    virtual int numWs() const = 0;
    virtual int coarseCrossover() const = 0;        // first w index that is not Coarse
    virtual std::string crossoverLayerName() const = 0;
};

std::unique_ptr<EvaluationRenderer> engineRenderer(Engine& engine);
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

const char* toString(Arrangement arrangement);

} // namespace lscore
