// The Shapes World GAN trainer. See lscore/trainer.h for the recipe; comments here say why the code
// does what it does where that is not the recipe itself.
#include "lscore/trainer.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <numbers>
#include <numeric>
#include <random>
#include <sstream>
#include <thread>

#include <ATen/CPUGeneratorImpl.h>

#include "lscore/evaluator.h"
#include "lscore/model_description.h"
#include "lscore/numpy_random.h"
#include "lscore/png_writer.h"
#include "lscore/shapes_world.h"
#include "lscore/text_model_file.h"
#include "lscore/tokenizer.h"
#include "lscore/torch_device.h"

namespace lscore {

namespace {

constexpr const char* kCheckpointFormat = "latent-studio-gan-checkpoint";
constexpr int kCheckpointVersion = 1;
constexpr const char* kShippedLicense =
    "CC0-1.0 (weights trained by the Latent Studio project on its procedural Shapes World)";

// Independent random streams per (run seed, step, purpose): splitmix64 over the three values.
std::uint64_t mixSeed(std::uint64_t a, std::uint64_t b, std::uint64_t c)
{
    auto splitmix = [](std::uint64_t x) {
        x += 0x9e3779b97f4a7c15ULL;
        x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
        x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
        return x ^ (x >> 31);
    };
    return splitmix(splitmix(splitmix(a) ^ b) ^ c);
}

enum Stream : std::uint64_t {
    kStreamDiscriminator = 1,
    kStreamGenerator = 2,
    kStreamRealScenes = 3,
    kStreamFakeCaptions = 4,
    kStreamMixCaptions = 5,
    kStreamEvaluation = 6,
    kStreamSupervised = 7,
    kStreamSupervisedScenes = 8,
};

// Our own Adam so that its moments are plain named tensors: checkpoints store and restore them
// exactly, and β1 = 0 (the StyleGAN2 default) needs no first moment at all.
struct Adam {
    std::vector<std::pair<std::string, torch::Tensor>> parameters;
    std::map<std::string, torch::Tensor> firstMoment, secondMoment;
    std::int64_t steps = 0;
    double lr = 0.0025, beta1 = 0.0, beta2 = 0.99, epsilon = 1e-8;

    void add(const std::string& prefix, torch::nn::Module& module)
    {
        for (auto& item : module.named_parameters(true)) {
            const std::string name = prefix + item.key();
            parameters.emplace_back(name, item.value());
            secondMoment[name] = torch::zeros_like(item.value());
            if (beta1 != 0.0) firstMoment[name] = torch::zeros_like(item.value());
        }
    }

    void zeroGrad()
    {
        for (auto& [name, parameter] : parameters)
            if (parameter.grad().defined()) parameter.mutable_grad().zero_();
    }

    void step()
    {
        torch::NoGradGuard noGrad;
        ++steps;
        const double correction1 = 1.0 - std::pow(beta1, double(steps));
        const double correction2Sqrt = std::sqrt(1.0 - std::pow(beta2, double(steps)));
        for (auto& [name, parameter] : parameters) {
            const torch::Tensor& grad = parameter.grad();
            if (!grad.defined()) continue;
            torch::Tensor& v = secondMoment.at(name);
            v.mul_(beta2).addcmul_(grad, grad, 1.0 - beta2);
            torch::Tensor denominator = (v.sqrt() / correction2Sqrt).add_(epsilon);
            if (beta1 == 0.0) {
                parameter.addcdiv_(grad, denominator, -lr / correction1);
            } else {
                torch::Tensor& m = firstMoment.at(name);
                m.mul_(beta1).add_(grad, 1.0 - beta1);
                parameter.addcdiv_(m, denominator, -lr / correction1);
            }
        }
    }

    // An optimizer that never stepped has all-zero moments: they are left out (a supervised run never
    // steps D, whose moments would be 40% of the checkpoint) and restored as zeros.
    void collect(const std::string& prefix, std::map<std::string, torch::Tensor>& out) const
    {
        if (steps == 0) return;
        for (const auto& [name, v] : secondMoment) out[prefix + "v." + name] = v;
        for (const auto& [name, m] : firstMoment) out[prefix + "m." + name] = m;
    }

    // `firstMomentsStored`: false when the checkpoint was written with β1 = 0 (and this run now uses
    // β1 > 0): its first moments start at zero.
    // `stepsStored`: the step count the checkpoint records for this optimizer (0: no moments stored).
    Status restore(const std::string& prefix, const std::map<std::string, torch::Tensor>& tensors, bool firstMomentsStored,
                   std::int64_t stepsStored)
    {
        if (stepsStored == 0) return Status::success();
        torch::NoGradGuard noGrad;
        auto copyInto = [&](std::map<std::string, torch::Tensor>& moments, const char* kind, bool stored) -> Status {
            if (!stored) return Status::success();
            for (auto& [name, moment] : moments) {
                const auto it = tensors.find(prefix + kind + name);
                if (it == tensors.end())
                    return makeError("checkpoint lacks the optimizer moment " + prefix + kind + name);
                if (!it->second.sizes().equals(moment.sizes()))
                    return makeError("checkpoint optimizer moment " + prefix + kind + name + " has the wrong shape");
                moment.copy_(it->second);
            }
            return Status::success();
        };
        if (Status s = copyInto(secondMoment, "v.", true); !s) return s;
        return copyInto(firstMoment, "m.", firstMomentsStored);
    }
};

void setRequiresGrad(torch::nn::Module& module, bool value)
{
    for (auto& parameter : module.parameters(true)) parameter.set_requires_grad(value);
}

// EMA of parameters (buffers such as w_avg are copied: they are statistics, not weights).
void updateEma(torch::nn::Module& ema, torch::nn::Module& source, double beta)
{
    torch::NoGradGuard noGrad;
    auto emaParameters = ema.parameters(true);
    auto sourceParameters = source.parameters(true);
    for (std::size_t i = 0; i < emaParameters.size(); ++i)
        emaParameters[i].copy_(sourceParameters[i].detach().lerp(emaParameters[i], beta));
    auto emaBuffers = ema.buffers(true);
    auto sourceBuffers = source.buffers(true);
    for (std::size_t i = 0; i < emaBuffers.size(); ++i) emaBuffers[i].copy_(sourceBuffers[i]);
}

void copyModule(torch::nn::Module& target, torch::nn::Module& source)
{
    updateEma(target, source, 0.0);
}

std::string nowIso8601()
{
    const std::time_t now = std::time(nullptr);
    char text[32] = {};
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
    return text;
}

} // namespace

// ---------------------------------------------------------------------------------------------------
// Options

TrainerOptions TrainerOptions::shapesWorld(int resolution, int generatorChannelBase, int generatorChannelMax)
{
    TrainerOptions options;
    options.textEncoder.vocab_size = kFirstWordToken + static_cast<int>(shapesWorldVocabulary().size());
    options.textEncoder.context = kShapesWorldContext;
    options.textEncoder.width = 128;
    options.textEncoder.layers = 2;
    options.textEncoder.heads = 4;
    options.textEncoder.out_dim = 128;
    options.discriminatorTextEncoder = options.textEncoder;

    StyleGan2Config& g = options.generator;
    g.img_resolution = resolution;
    g.img_channels = 3;
    g.z_dim = 64;
    g.w_dim = 128;
    g.mapping_layers = 2;
    g.mapping_lr_multiplier = 0.01;
    g.architecture = "skip";
    // Channels C(r) = min(base / r, max): 128 up to 8 px, then halving (8 at 128 px), so the wide
    // layers sit at low resolution. Measured 14.6 ms median per 128 px frame on the 2-core CPU
    // (base 2048: 31 ms) — the high-resolution layers dominate the frame time.
    g.channel_base = generatorChannelBase > 0 ? generatorChannelBase : 1024;
    g.channel_max = generatorChannelMax > 0 ? generatorChannelMax : 128;
    g.text_dim = options.textEncoder.out_dim;
    g.c_dim = g.text_dim;

    options.sceneCode = "folded";   // checkpoints without the key read back as "scalar", what they used

    options.discriminator.img_resolution = resolution;
    options.discriminator.channel_base = 2048;
    options.discriminator.channel_max = 128;
    options.discriminator.text_dim = options.discriminatorTextEncoder.out_dim;
    return options;
}

double TrainerOptions::effectiveR1Gamma() const
{
    if (r1Gamma >= 0.0) return r1Gamma;
    const double r = generator.img_resolution;
    return 0.0002 * r * r / std::max(1, batch);
}

nlohmann::json TrainerOptions::toJson() const
{
    return {{"generator", generator.toJson()},
            {"text_encoder", textEncoder.toJson()},
            {"discriminator", discriminator.toJson()},
            {"discriminator_text_encoder", discriminatorTextEncoder.toJson()},
            {"seed", seed},
            {"batch", batch},
            {"device", device},
            {"generator_lr", generatorLr},
            {"discriminator_lr", discriminatorLr},
            {"beta1", beta1},
            {"beta2", beta2},
            {"epsilon", epsilon},
            {"r1_gamma", r1Gamma},
            {"r1_interval", r1Interval},
            {"ema_kimg", emaKimg},
            {"ema_rampup", emaRampup},
            {"style_mix_prob", styleMixProb},
            {"prompt_mix_prob", promptMixProb},
            {"mismatch_weight", mismatchWeight},
            {"objective", objective},
            {"supervised_weight", supervisedWeight},
            {"object_weight", objectWeight},
            {"pyramid_levels", pyramidLevels},
            {"edge_weight", edgeWeight},
            {"perceptual_weight", perceptualWeight},
            {"label_weight", labelWeight},
            {"perceptual_net", perceptualNet},
            {"supervised_mix_prob", supervisedMixProb},
            {"scene_code", sceneCode}};
}

Result<TrainerOptions> TrainerOptions::fromJson(const nlohmann::json& json)
{
    try {
        TrainerOptions o;
        auto generator = StyleGan2Config::fromJson(json.at("generator"));
        if (!generator) return makeError("trainer options: generator: " + generator.error());
        o.generator = *generator;
        auto encoder = TextEncoderConfig::fromJson(json.at("text_encoder"));
        if (!encoder) return makeError("trainer options: text_encoder: " + encoder.error());
        o.textEncoder = *encoder;
        auto discriminator = DiscriminatorConfig::fromJson(json.at("discriminator"));
        if (!discriminator) return makeError("trainer options: discriminator: " + discriminator.error());
        o.discriminator = *discriminator;
        auto dEncoder = TextEncoderConfig::fromJson(json.at("discriminator_text_encoder"));
        if (!dEncoder) return makeError("trainer options: discriminator_text_encoder: " + dEncoder.error());
        o.discriminatorTextEncoder = *dEncoder;
        o.seed = json.at("seed").get<std::uint64_t>();
        o.batch = json.at("batch").get<int>();
        o.device = json.at("device").get<std::string>();
        o.generatorLr = json.at("generator_lr").get<double>();
        o.discriminatorLr = json.at("discriminator_lr").get<double>();
        o.beta1 = json.at("beta1").get<double>();
        o.beta2 = json.at("beta2").get<double>();
        o.epsilon = json.at("epsilon").get<double>();
        o.r1Gamma = json.at("r1_gamma").get<double>();
        o.r1Interval = json.at("r1_interval").get<int>();
        o.emaKimg = json.at("ema_kimg").get<double>();
        o.emaRampup = json.at("ema_rampup").get<double>();
        o.styleMixProb = json.at("style_mix_prob").get<double>();
        o.promptMixProb = json.at("prompt_mix_prob").get<double>();
        o.mismatchWeight = json.at("mismatch_weight").get<double>();
        // Added with the supervised objective; older checkpoints are adversarial runs.
        o.objective = json.value("objective", std::string("adversarial"));
        o.supervisedWeight = json.value("supervised_weight", o.supervisedWeight);
        o.objectWeight = json.value("object_weight", o.objectWeight);
        o.pyramidLevels = json.value("pyramid_levels", o.pyramidLevels);
        o.edgeWeight = json.value("edge_weight", o.edgeWeight);   // session 5; earlier runs had none
        o.perceptualWeight = json.value("perceptual_weight", o.perceptualWeight);   // session 6
        o.labelWeight = json.value("label_weight", o.labelWeight);   // session 9
        o.perceptualNet = json.value("perceptual_net", o.perceptualNet);
        o.supervisedMixProb = json.value("supervised_mix_prob", o.supervisedMixProb);
        o.sceneCode = json.value("scene_code", o.sceneCode);
        return o;
    } catch (const std::exception& error) {
        return makeError(std::string("trainer options are incomplete or of the wrong types: ") + error.what());
    }
}

Status checkSceneCode(const std::string& layout)
{
    static const std::array<std::string_view, 5> kLayouts = {"folded", "folded-scalar-centres", "folded-stated-position",
                                                             "scalar", "argmax"};
    if (std::ranges::find(kLayouts, layout) != kLayouts.end()) return Status::success();
    std::string known;
    for (std::string_view name : kLayouts) known += (known.empty() ? "" : ", ") + std::string(name);
    return makeError("unknown scene code layout \"" + layout + "\" (" + known + ")");
}

std::vector<std::string> defaultSamplePrompts()
{
    return {"a red circle",
            "a big blue star on the left",
            "a small yellow square at the top",
            "a striped green ring on a black background",
            "a pink heart above a white cross",
            "a dotted orange diamond on a checkered background"};
}

// The code z of a real scene for the supervised objective. Shapes World knows every parameter of its
// scenes, so G can be fitted by plain regression: each attribute the caption leaves unstated gets
// coordinates of z that hold its value; coordinates of stated attributes, of a missing second object
// and the unused rest of z are fresh N(0, 1) noise, so G can only learn those attributes from the
// text. At sampling time a random z ~ N(0, I) stands for a random scene that fits the caption; the
// code matches N(0, I) exactly where an attribute is drawn uniformly, and only roughly for categories
// drawn unevenly (plain patterns and backgrounds are commoner) and, in the scalar layout, for object
// centres (the position rules bunch them: std 0.5 in z) and unused background parameters.
//  * "scalar": every attribute in one coordinate, sent through the inverse normal CDF so that a value
//    drawn uniformly maps to an exactly N(0, 1) coordinate (categorical k of K: u = (k + U) / K;
//    continuous: its position in its range). A categorical value is then an interval of one
//    coordinate, which the mapping network must cut into K pieces.
//  * "folded": "scalar", but every coordinate follows what is drawn. An object's rotation runs once
//    through the turn after which it looks the same (rotationPeriod: 72° for a star), stripes go by
//    their angle in the image, object centres by the placement's own draws (placementDraws), a
//    background's angle, period and offset by their place in that style's own range; what a picture
//    does not depend on (a plain disc's rotation, a plain object's phase, a checkered background's
//    angle) is noise instead of a constant.
//  * "folded-scalar-centres": "folded", but object centres written as in "scalar". For switching a
//    model trained on the scalar code: its positions stay where G learnt them (re-learning the
//    centres faded the objects, run 4f) while the rotation and background coordinates are refolded.
//  * "folded-stated-position": "folded-scalar-centres", but a single object whose caption states its
//    position is placed by the placement's draws, as in "folded". With scalar centres z alone fixes
//    where the object goes, so G never had to read "on the left" (position accuracy 0.13); here z
//    says only where within the stated region.
//  * "argmax": the first object's shape and colour and the background colour — what captions state
//    or leave open most — are K coordinates each whose largest is the value (K normals with the
//    largest swapped into place k, which given a uniform k is exactly N(0, I)). Each value is then
//    one direction of z, readable by a linear layer; the rest stay scalar.
constexpr int kObjectCodeScalars = 10;     // per object: shape, colour, size, pattern, cx, cy, radius, rotation, shade, phase
constexpr int kBackgroundCodeScalars = 7;  // colour, style, position/relation, shade, angle, period, offset

// The first object's block (the argmax layout widens its shape and colour to K coordinates each),
// then the second object's, then the background's (argmax: its colour widened).
int firstObjectCodeDims(bool argmax) { return argmax ? kShapeCount + kColorCount + kObjectCodeScalars - 2 : kObjectCodeScalars; }
int backgroundCodeDims(bool argmax) { return argmax ? kColorCount + kBackgroundCodeScalars - 1 : kBackgroundCodeScalars; }

int sceneCodeDims(const std::string& layout)
{
    const bool argmax = layout == "argmax";
    return firstObjectCodeDims(argmax) + kObjectCodeScalars + backgroundCodeDims(argmax);
}

constexpr float kPi = std::numbers::pi_v<float>;
constexpr float kTwoPi = 2.0f * kPi;

// x mod 1 in [0, 1), also for negative x (a heart turns by up to −0.45 rad; std::fmod keeps the sign).
float wrapUnit(float x) { return x - std::floor(x); }

// The turn after which an object looks the same again (its outline and its pattern's grid; stripes
// are coded in the image frame): a star repeats every 72°, a square every 90°, a dotted triangle only
// after a full turn. A coordinate that runs once through this period is a monotone function of what
// is drawn, where the full turn makes G find a star's five identical 72° arcs in one coordinate.
float rotationPeriod(const ObjectSpec& object)
{
    int order = 1;   // rotations by 2π/order map the outline onto itself
    switch (object.shape) {
    case Shape::Square:
    case Shape::Cross: order = 4; break;
    case Shape::Triangle: order = 3; break;
    case Shape::Star: order = 5; break;
    case Shape::Diamond: order = 2; break;
    case Shape::Circle: order = 4; break;   // plain or striped: any; dotted: the dot grid's 90°
    case Shape::Ring:                       // patterns are anchored off-centre: the full turn
    case Shape::Heart: order = 1; break;
    }
    // The dot grid repeats every 90° in the object's frame: both must repeat.
    if (object.pattern == Pattern::Dotted) order = std::gcd(order, 4);
    return kTwoPi / static_cast<float>(order);
}

torch::Tensor supervisedSceneCodes(const std::vector<WorldSample>& samples, int zDim, const std::string& layout, std::mt19937_64& rng)
{
    const bool wide = layout == "argmax";
    const bool placeAllCentres = layout == "folded";   // the other folded layouts keep scalar centres
    const bool placeStatedPosition = layout == "folded-stated-position";
    const bool folded = placeAllCentres || placeStatedPosition || layout == "folded-scalar-centres";
    const auto n = static_cast<std::int64_t>(samples.size());
    std::normal_distribution<float> normal(0.0f, 1.0f);
    std::uniform_real_distribution<float> uniform(0.0f, 1.0f);
    // Uniforms where a scalar value is known, NaN where the coordinate is noise (or an argmax block).
    torch::Tensor u = torch::full({n, zDim}, std::numeric_limits<float>::quiet_NaN());
    auto cell = u.accessor<float, 2>();
    struct ArgmaxBlock { std::int64_t row; int start, count, value; };
    std::vector<ArgmaxBlock> blocks;
    auto range = [](float value, ValueRange r) { return (value - r.lo) / (r.hi - r.lo); };
    const int secondObjectBase = firstObjectCodeDims(wide);
    const int backgroundBase = secondObjectBase + kObjectCodeScalars;
    for (std::int64_t i = 0; i < n; ++i) {
        const SceneSpec& scene = samples[static_cast<std::size_t>(i)].scene;
        const CaptionSpec& stated = samples[static_cast<std::size_t>(i)].stated;
        int cursor = 0;
        auto continuous = [&](float value) {
            if (cursor < zDim) cell[i][cursor] = std::clamp(value, 1e-4f, 1.0f - 1e-4f);
            ++cursor;
        };
        auto noise = [&] { ++cursor; };   // left NaN: filled with N(0, 1) below
        auto categorical = [&](bool asArgmax, bool isStated, int value, int count) {
            if (asArgmax) {
                if (!isStated && cursor + count <= zDim) blocks.push_back({i, cursor, count, value});
                cursor += count;
            } else if (isStated) {
                ++cursor;
            } else {
                continuous((static_cast<float>(value) + uniform(rng)) / static_cast<float>(count));
            }
        };
        const int objectCount = static_cast<int>(std::min<std::size_t>(scene.objects.size(), 2));
        const bool foldedCentres = placeAllCentres || (placeStatedPosition && objectCount == 1 && stated.position.has_value());
        const std::array<float, 4> draws = foldedCentres ? placementDraws(scene) : std::array<float, 4>{};
        for (int k = 0; k < objectCount; ++k) {
            const ObjectSpec& o = scene.objects[static_cast<std::size_t>(k)];
            const ObjectStatement said = k < static_cast<int>(stated.objects.size()) ? stated.objects[static_cast<std::size_t>(k)]
                                                                                    : ObjectStatement{};
            cursor = k == 0 ? 0 : secondObjectBase;
            categorical(wide && k == 0, said.shape.has_value(), static_cast<int>(o.shape), kShapeCount);
            categorical(wide && k == 0, said.color.has_value(), static_cast<int>(o.color), kColorCount);
            categorical(false, said.size.has_value(), static_cast<int>(o.size), kSizeClassCount);
            categorical(false, said.pattern.has_value(), static_cast<int>(o.pattern), kPatternCount);
            if (foldedCentres) {
                // The placement's own draws: uniform given the position or relation, where the
                // centres are bunched (a scalar-coded centre had std 0.5 in z, so a random z put
                // objects twice as far out as training ever did).
                continuous(draws[static_cast<std::size_t>(2 * k)]);
                continuous(draws[static_cast<std::size_t>(2 * k + 1)]);
            } else {
                continuous(o.cx);
                continuous(o.cy);
            }
            continuous(range(o.radius, radiusRange(o.size, objectCount)));
            const bool roundAndPlain = (o.shape == Shape::Circle || o.shape == Shape::Ring) && o.pattern == Pattern::Plain;
            if (o.shape == Shape::Heart)
                continuous(range(o.rotation, kHeartRotationRange));
            else if (folded && roundAndPlain)
                noise();
            else
                continuous(wrapUnit(o.rotation / (folded ? rotationPeriod(o) : kTwoPi)));
            continuous(range(o.shade, kObjectShadeRange));
            // Folded: stripes by their angle in the image (mod π, where they repeat), which with the
            // folded rotation pins the picture down exactly; the object-frame phase would need the
            // full turn. Both uniform and independent, so the code stays exactly N(0, I).
            if (!folded)
                continuous(o.patternPhase);
            else if (o.pattern == Pattern::Striped)
                continuous(wrapUnit(o.rotation / kPi + o.patternPhase));
            else
                noise();   // only stripes have a phase
        }
        cursor = backgroundBase;
        categorical(wide, stated.background.has_value(), static_cast<int>(scene.background), kColorCount);
        categorical(false, stated.backgroundStyle.has_value(), static_cast<int>(scene.backgroundStyle), kBackgroundStyleCount);
        if (objectCount == 1)
            categorical(false, stated.position.has_value(), static_cast<int>(scene.position), kPositionCount);
        else
            categorical(false, stated.relation.has_value(), static_cast<int>(scene.relation), kRelationCount);
        continuous(range(scene.backgroundShade, kBackgroundShadeRange));
        if (!folded) {
            continuous(wrapUnit(scene.backgroundAngle / kTwoPi));
            continuous(range(scene.backgroundPeriod, {kCheckerPeriodRange.lo, kStripePeriodRange.hi}));
            continuous(scene.backgroundOffset);
        } else {
            // Folded: each style's parameters by their place in that style's own sampling range, so
            // every coordinate is uniform before Φ⁻¹; parameters a style does not draw with are noise
            // (the scalar code wrote a checkered background's unused angle 0 as z = −3.7).
            switch (scene.backgroundStyle) {
            case BackgroundStyle::Gradient:
                continuous(wrapUnit(scene.backgroundAngle / kTwoPi));
                noise();
                noise();
                break;
            case BackgroundStyle::Striped: {
                const float quarter = kPi * 0.25f;
                const float k = std::round(scene.backgroundAngle / quarter);
                const float jitter = scene.backgroundAngle - k * quarter;
                continuous((std::fmod(k, 4.0f) + (jitter + kStripeAngleJitter) / (2.0f * kStripeAngleJitter)) / 4.0f);
                continuous(range(scene.backgroundPeriod, kStripePeriodRange));
                continuous(scene.backgroundOffset);
                break;
            }
            case BackgroundStyle::Checkered:
                noise();
                continuous(range(scene.backgroundPeriod, kCheckerPeriodRange));
                continuous(scene.backgroundOffset);
                break;
            case BackgroundStyle::Plain:
                noise();
                noise();
                noise();
                break;
            }
        }
    }
    // Φ⁻¹(u) = √2 · erfinv(2u − 1) where a value is known; N(0, 1) noise elsewhere.
    torch::Tensor noise = torch::empty({n, zDim});
    for (float* p = noise.data_ptr<float>(), *end = p + noise.numel(); p != end; ++p) *p = normal(rng);
    const torch::Tensor known = u.isnan().logical_not();
    torch::Tensor z = torch::where(known, std::sqrt(2.0) * torch::erfinv(2.0 * torch::nan_to_num(u, 0.5) - 1.0), noise);
    auto code = z.accessor<float, 2>();
    for (const ArgmaxBlock& block : blocks) {
        int largest = 0;
        for (int k = 1; k < block.count; ++k)
            if (code[block.row][block.start + k] > code[block.row][block.start + largest]) largest = k;
        std::swap(code[block.row][block.start + largest], code[block.row][block.start + block.value]);
    }
    return z;
}

// Whether a run with this generator can train with `objective`: the supervised term needs one z
// coordinate per scene attribute.
Status checkObjective(const std::string& objective, int zDim, const std::string& sceneCode)
{
    if (objective != "adversarial" && objective != "supervised" && objective != "hybrid")
        return makeError("unknown training objective \"" + objective + "\" (adversarial, supervised or hybrid)");
    if (Status known = checkSceneCode(sceneCode); !known) return known;
    if (objective != "adversarial" && zDim < sceneCodeDims(sceneCode))
        return makeError("the " + objective + " objective with the " + sceneCode + " scene code needs z_dim >= "
                         + std::to_string(sceneCodeDims(sceneCode)) + " (one coordinate per scene attribute)");
    return Status::success();
}

// ---------------------------------------------------------------------------------------------------
// Trainer

struct Trainer::Impl {
    TrainerOptions options;
    torch::Device device{torch::kCPU};
    WordTokenizer tokenizer;
    Generator generator{nullptr}, generatorEma{nullptr};
    TextEncoder textEncoder{nullptr}, textEncoderEma{nullptr};
    Discriminator discriminator{nullptr};
    TextEncoder discriminatorText{nullptr};
    Adam generatorAdam, discriminatorAdam;
    std::int64_t steps = 0;             // completed D+G steps
    std::int64_t discriminatorSteps = 0;
    std::int64_t generatorSteps = 0;
    std::int64_t imagesSeen = 0;        // real images shown to D
    double seconds = 0.0;
    int layerMixCrossover = 0;          // supervised layer mix: w indices before it are "coarse"
    // The perceptual term's network, loaded at the first step that needs it (export and evaluation
    // of a run do not), and the path it was loaded from.
    std::unique_ptr<AttributeClassifier> perceptualNet;
    std::string perceptualNetLoadedFrom;

    Status build()
    {
        auto dev = parseTorchDevice(options.device);
        if (!dev) return Error{dev.error()};
        device = *dev;
        if (options.batch < 1 || options.batch > 4096)
            return makeError("batch must be between 1 and 4096, got " + std::to_string(options.batch));
        if (options.r1Interval < 1) return makeError("r1 interval must be at least 1");
        if (Status valid = checkObjective(options.objective, options.generator.z_dim, options.sceneCode); !valid) return valid;
        if ((options.perceptualWeight > 0.0 || options.labelWeight > 0.0) && options.perceptualNet.empty())
            return makeError("a perceptual or label weight needs a perceptual network: give perceptual_net (--perceptual-net FILE, "
                             "made with latent-studio-lab evaluate --train-classifier FILE --seed S)");
        options.generator.text_dim = options.textEncoder.out_dim;
        options.generator.c_dim = options.textEncoder.out_dim;
        options.discriminator.img_resolution = options.generator.img_resolution;
        options.discriminator.img_channels = options.generator.img_channels;
        options.discriminator.text_dim = options.discriminatorTextEncoder.out_dim;
        const int vocabSize = kFirstWordToken + static_cast<int>(shapesWorldVocabulary().size());
        if (options.textEncoder.vocab_size != vocabSize || options.discriminatorTextEncoder.vocab_size != vocabSize)
            return makeError("the text encoders' vocab_size must be " + std::to_string(vocabSize)
                             + " (the Shapes World vocabulary plus special tokens)");
        tokenizer = WordTokenizer(shapesWorldVocabulary(), options.textEncoder.context);
        // The studio's and the evaluator's split (16 px on is "fine").
        layerMixCrossover = defaultLayerMixCrossover(styleGan2LayerTable(options.generator.img_resolution));

        // Initial weights come from the global generator: seed it so a run is reproducible.
        torch::manual_seed(options.seed);
        generator = Generator(options.generator);
        generatorEma = Generator(options.generator);
        textEncoder = TextEncoder(options.textEncoder);
        textEncoderEma = TextEncoder(options.textEncoder);
        discriminator = Discriminator(options.discriminator);
        discriminatorText = TextEncoder(options.discriminatorTextEncoder);
        for (torch::nn::Module* m : modules()) m->to(device);
        copyModule(*generatorEma, *generator);
        copyModule(*textEncoderEma, *textEncoder);
        setRequiresGrad(*generatorEma, false);
        setRequiresGrad(*textEncoderEma, false);
        generatorEma->eval();
        textEncoderEma->eval();

        generatorAdam = Adam{};
        generatorAdam.lr = options.generatorLr;
        generatorAdam.beta1 = options.beta1;
        generatorAdam.beta2 = options.beta2;
        generatorAdam.epsilon = options.epsilon;
        discriminatorAdam = generatorAdam;
        discriminatorAdam.lr = options.discriminatorLr;
        generatorAdam.add("G.", *generator);
        generatorAdam.add("G_text.", *textEncoder);
        discriminatorAdam.add("D.", *discriminator);
        discriminatorAdam.add("D_text.", *discriminatorText);
        return Status::success();
    }

    std::vector<torch::nn::Module*> modules()
    {
        return {generator.get(), generatorEma.get(), textEncoder.get(), textEncoderEma.get(), discriminator.get(),
                discriminatorText.get()};
    }

    std::vector<std::pair<std::string, torch::nn::Module*>> namedModules()
    {
        return {{"G.", generator.get()},       {"G_ema.", generatorEma.get()},   {"G_text.", textEncoder.get()},
                {"G_ema_text.", textEncoderEma.get()}, {"D.", discriminator.get()}, {"D_text.", discriminatorText.get()}};
    }

    Result<torch::Tensor> tokenize(const std::vector<std::string>& captions)
    {
        std::vector<std::int64_t> ids;
        ids.reserve(captions.size() * static_cast<std::size_t>(tokenizer.context()));
        for (const std::string& caption : captions) {
            PromptCheck check = tokenizer.check(caption);
            if (!check.ok()) return makeError("caption \"" + caption + "\" cannot be tokenized: " + check.message());
            ids.insert(ids.end(), check.ids.begin(), check.ids.end());
        }
        return torch::tensor(ids, torch::kInt64).reshape({static_cast<std::int64_t>(captions.size()), -1}).to(device);
    }

    // Real scenes of the training split with what their captions state: index space (step, row) of
    // the run's data stream.
    std::vector<WorldSample> realSamples(std::uint64_t streamSeed, int n)
    {
        std::vector<WorldSample> samples;
        for (int i = 0; i < n; ++i)
            samples.push_back(sampleScene(streamSeed, static_cast<std::uint64_t>(i), SplitFilter::TrainOnly));
        return samples;
    }

    // [N, 3, R, R] in [-1, 1] on the training device.
    torch::Tensor renderOnDevice(const std::vector<SceneSpec>& scenes)
    {
        const int r = options.generator.img_resolution;
        torch::Tensor images = torch::empty({static_cast<std::int64_t>(scenes.size()), 3, r, r}, torch::kFloat32);
        renderScenes(scenes, images.data_ptr<float>(), r);
        return images.to(device);
    }

    std::pair<torch::Tensor, std::vector<std::string>> realBatch(std::uint64_t streamSeed, int n)
    {
        std::vector<SceneSpec> scenes;
        std::vector<std::string> captions;
        for (WorldSample& sample : realSamples(streamSeed, n)) {
            scenes.push_back(std::move(sample.scene));
            captions.push_back(std::move(sample.caption));
        }
        return {renderOnDevice(scenes), captions};
    }

    std::vector<std::string> captions(std::uint64_t streamSeed, int n)
    {
        std::vector<std::string> out;
        for (int i = 0; i < n; ++i)
            out.push_back(sampleScene(streamSeed, static_cast<std::uint64_t>(i), SplitFilter::TrainOnly).caption);
        return out;
    }

    struct Fakes {
        torch::Tensor images;
        torch::Tensor conditioned;   // [N] 1 where the image follows one caption, 0 where prompts were mixed
        torch::Tensor meanW;         // [w_dim] mean w of the primary prompts (for w_avg tracking)
    };

    // G(z, caption) with style and prompt mixing; every random choice from `gen` and `rng`.
    Result<Fakes> generate(Generator& g, TextEncoder& encoder, const torch::Tensor& idsA, const torch::Tensor& idsB,
                           at::Generator& gen, std::mt19937_64& rng, bool mixing)
    {
        const std::int64_t n = idsA.size(0);
        const int numWs = options.generator.numWs();
        const auto cpuFloat = torch::TensorOptions().dtype(torch::kFloat32);
        torch::Tensor z1 = torch::randn({n, options.generator.z_dim}, gen, cpuFloat).to(device);
        torch::Tensor z2 = torch::randn({n, options.generator.z_dim}, gen, cpuFloat).to(device);
        // Per row: crossover layer for style mixing and for prompt mixing (numWs = no mixing).
        std::vector<std::int64_t> styleCut(n, numWs), promptCut(n, numWs);
        std::uniform_real_distribution<double> uniform(0.0, 1.0);
        std::uniform_int_distribution<int> layer(1, std::max(1, numWs - 1));
        for (std::int64_t i = 0; i < n; ++i) {
            const auto row = static_cast<std::size_t>(i);
            const double u1 = uniform(rng), u2 = uniform(rng);
            const int c1 = layer(rng), c2 = layer(rng);
            if (mixing && u1 < options.styleMixProb) styleCut[row] = c1;
            if (mixing && u2 < options.promptMixProb) promptCut[row] = c2;
        }
        const bool anyPromptMix = std::any_of(promptCut.begin(), promptCut.end(), [&](auto c) { return c < numWs; });
        const bool anyStyleMix = std::any_of(styleCut.begin(), styleCut.end(), [&](auto c) { return c < numWs; });

        TextEncoding textA = encoder->forward(idsA);
        torch::Tensor wA = g->mapping->mapToW(z1, textA.pooled);
        torch::Tensor layerIndex = torch::arange(numWs, torch::TensorOptions().dtype(torch::kInt64).device(device))
                                       .reshape({1, numWs, 1});
        torch::Tensor ws = wA.unsqueeze(1).expand({n, numWs, wA.size(1)});
        torch::Tensor layerText = textA.pooled.unsqueeze(1).expand({n, numWs, textA.pooled.size(1)});
        if (anyStyleMix) {
            torch::Tensor w2 = g->mapping->mapToW(z2, textA.pooled);
            torch::Tensor cut = torch::tensor(styleCut, torch::kInt64).to(device).reshape({n, 1, 1});
            ws = torch::where(layerIndex >= cut, w2.unsqueeze(1), ws);
        }
        torch::Tensor conditioned = torch::ones({n}, torch::TensorOptions().dtype(torch::kFloat32).device(device));
        if (anyPromptMix) {
            // Prompt mixing as the studio does it: from the crossover on, both the layer's text and
            // the w the mapping gives for that text follow prompt B (same z).
            TextEncoding textB = encoder->forward(idsB);
            torch::Tensor wB = g->mapping->mapToW(z1, textB.pooled);
            torch::Tensor cut = torch::tensor(promptCut, torch::kInt64).to(device).reshape({n, 1, 1});
            torch::Tensor takeB = layerIndex >= cut;
            ws = torch::where(takeB, wB.unsqueeze(1), ws);
            layerText = torch::where(takeB, textB.pooled.unsqueeze(1), layerText);
            conditioned = (cut.reshape({n}) >= numWs).to(torch::kFloat32);
        }
        SynthesisOptions synthesisOptions;
        synthesisOptions.noiseMode = NoiseMode::Random;
        synthesisOptions.noiseSeed = rng();
        Fakes fakes;
        fakes.images = g->synthesis->forward(ws.contiguous(), layerText.contiguous(), synthesisOptions);
        fakes.conditioned = conditioned;
        fakes.meanW = wA.detach().mean(0);
        return fakes;
    }

    Result<StepStats> discriminatorStep(StepStats stats)
    {
        const int n = options.batch;
        const std::uint64_t seed = mixSeed(options.seed, static_cast<std::uint64_t>(discriminatorSteps), kStreamDiscriminator);
        auto gen = at::detail::createCPUGenerator(seed);
        std::mt19937_64 rng(seed);

        auto [reals, realCaptions] = realBatch(mixSeed(options.seed, discriminatorSteps, kStreamRealScenes), n);
        auto fakeCaptions = captions(mixSeed(options.seed, discriminatorSteps, kStreamFakeCaptions), n);
        auto mixCaptions = captions(mixSeed(options.seed, discriminatorSteps, kStreamMixCaptions), n);
        auto realIds = tokenize(realCaptions);
        auto fakeIds = tokenize(fakeCaptions);
        auto mixIds = tokenize(mixCaptions);
        if (!realIds) return Error{realIds.error()};
        if (!fakeIds) return Error{fakeIds.error()};
        if (!mixIds) return Error{mixIds.error()};

        Fakes fakes;
        {
            torch::NoGradGuard noGrad;
            auto generated = generate(generator, textEncoder, *fakeIds, *mixIds, gen, rng, true);
            if (!generated) return Error{generated.error()};
            fakes = std::move(*generated);
        }

        // Matching-aware pairs: each real image with the caption of the previous row. Rows whose two
        // captions happen to be equal are a true match and are left out.
        std::vector<float> mismatchValid(static_cast<std::size_t>(n), 0.0f);
        for (int i = 0; i < n; ++i)
            mismatchValid[static_cast<std::size_t>(i)] =
                realCaptions[static_cast<std::size_t>(i)] != realCaptions[static_cast<std::size_t>((i + n - 1) % n)] ? 1.0f : 0.0f;
        torch::Tensor mismatchMask = torch::tensor(mismatchValid).to(device);

        const bool r1Step = discriminatorSteps % options.r1Interval == 0;
        discriminator->train();
        setRequiresGrad(*discriminator, true);
        setRequiresGrad(*discriminatorText, true);
        discriminatorAdam.zeroGrad();

        torch::Tensor realInput = reals.detach().requires_grad_(r1Step);
        TextEncoding realText = discriminatorText->forward(*realIds);
        TextEncoding fakeText = discriminatorText->forward(*fakeIds);
        torch::Tensor realFeatures = discriminator->features(realInput);
        DiscriminatorOutput realOut = discriminator->score(realFeatures, realText.pooled);
        DiscriminatorOutput mismatchOut = discriminator->score(realFeatures, realText.pooled.roll(1, 0));
        DiscriminatorOutput fakeOut = discriminator->forward(fakes.images.detach(), fakeText.pooled);

        torch::Tensor realLogits = realOut.logits();
        torch::Tensor lossReal = torch::softplus(-realLogits).mean();
        torch::Tensor lossFake = torch::softplus(fakeOut.realism + fakes.conditioned * fakeOut.alignment).mean();
        torch::Tensor lossMismatch =
            (torch::softplus(mismatchOut.logits()) * mismatchMask).sum() / mismatchMask.sum().clamp_min(1.0);
        torch::Tensor loss = lossReal + lossFake + options.mismatchWeight * lossMismatch;

        torch::Tensor r1Penalty;
        if (r1Step) {
            torch::Tensor gradients = torch::autograd::grad({realLogits.sum()}, {realInput}, {}, true, true)[0];
            r1Penalty = gradients.square().sum({1, 2, 3}).mean();
            loss = loss + r1Penalty * (options.effectiveR1Gamma() / 2.0 * options.r1Interval);
        }
        loss.backward();
        discriminatorAdam.step();
        ++discriminatorSteps;
        imagesSeen += n;

        stats.dLossReal = lossReal.item<double>();
        stats.dLossFake = lossFake.item<double>();
        stats.dLossMismatch = lossMismatch.item<double>();
        stats.r1Penalty = r1Penalty.defined() ? r1Penalty.item<double>() : 0.0;
        return stats;
    }

    // The supervised pass: G(scene code, caption) against the real image, mean |G − x| plus the
    // object and pyramid terms. Rows picked for a layer mix take their fine layers' code and caption
    // from a partner row with as many objects and are compared with the render of their own scene
    // in the partner's colours.
    struct SupervisedTerms {
        torch::Tensor loss;       // everything, weighted
        double labelLoss = 0.0;   // the label term before its weight, for the log (0 when off)
    };
    Result<SupervisedTerms> supervisedLoss(std::uint64_t streamSeed, std::mt19937_64& rng)
    {
        double labelLoss = 0.0;
        const int n = options.batch;
        const int numWs = options.generator.numWs();
        const std::vector<WorldSample> samples = realSamples(streamSeed, n);
        std::vector<std::string> captionsOfScenes;
        for (const WorldSample& sample : samples) captionsOfScenes.push_back(sample.caption);
        auto ids = tokenize(captionsOfScenes);
        if (!ids) return Error{ids.error()};
        const torch::Tensor z = supervisedSceneCodes(samples, options.generator.z_dim, options.sceneCode, rng).to(device);
        TextEncoding text = textEncoder->forward(*ids);
        const torch::Tensor w = generator->mapping->mapToW(z, text.pooled);

        // Partner of each row (itself when not mixed).
        std::vector<std::int64_t> partner(static_cast<std::size_t>(n));
        std::iota(partner.begin(), partner.end(), std::int64_t{0});
        std::vector<SceneSpec> targets;
        std::uniform_real_distribution<double> uniform(0.0, 1.0);
        for (int i = 0; i < n; ++i) {
            targets.push_back(samples[static_cast<std::size_t>(i)].scene);
            if (options.supervisedMixProb <= 0.0 || uniform(rng) >= options.supervisedMixProb) continue;
            for (int step = 1; step < n; ++step) {
                const int j = (i + step) % n;
                if (samples[static_cast<std::size_t>(j)].scene.objects.size() == targets.back().objects.size()) {
                    partner[static_cast<std::size_t>(i)] = j;
                    takeSceneColours(targets.back(), samples[static_cast<std::size_t>(j)].scene);
                    break;
                }
            }
        }
        const torch::Tensor reals = renderOnDevice(targets);
        const torch::Tensor partnerIndex = torch::tensor(partner, torch::kInt64).to(device);
        const int crossover = layerMixCrossover;
        auto perLayer = [&](const torch::Tensor& own) {
            const torch::Tensor coarse = own.unsqueeze(1).expand({n, crossover, own.size(1)});
            const torch::Tensor fine = own.index_select(0, partnerIndex).unsqueeze(1).expand({n, numWs - crossover, own.size(1)});
            return torch::cat({coarse, fine}, 1).contiguous();
        };
        const torch::Tensor ws = perLayer(w);
        const torch::Tensor layerText = perLayer(text.pooled);
        SynthesisOptions synthesisOptions;
        synthesisOptions.noiseMode = NoiseMode::Random;
        synthesisOptions.noiseSeed = rng();
        const torch::Tensor images = generator->synthesis->forward(ws, layerText, synthesisOptions);
        {
            torch::NoGradGuard noGrad;
            torch::Tensor& wAvg = generator->mapping->w_avg;
            wAvg.copy_(w.detach().mean(0).lerp(wAvg, options.generator.w_avg_beta));
        }
        const torch::Tensor error = (images - reals).abs();
        torch::Tensor loss = error.mean();
        // Objects cover a few percent of the pixels: under a plain mean the cheapest fit draws the
        // background under them. The mean error over the objects' regions (their bounding discs) is
        // added with weight objectWeight. The region must not be the object's own pixels: that mask
        // (used until 600 kimg of the shipped model) charged a missing star arm objectWeight + 1 times
        // and paint between the arms once, so an oversized disc was the cheapest answer to every shape
        // word, and G learnt to ignore the shape words.
        if (options.objectWeight > 0.0) {
            const int r = options.generator.img_resolution;
            torch::Tensor regions = torch::empty({static_cast<std::int64_t>(targets.size()), 1, r, r}, torch::kFloat32);
            renderObjectRegions(targets, regions.data_ptr<float>(), r);
            const torch::Tensor mask = regions.to(device);
            loss = loss + options.objectWeight * (error * mask).sum() / (3.0 * mask.sum()).clamp_min(1.0);
        }
        // The pyramid: pooled images compared level by level (each level weighted like the full one).
        torch::Tensor fake = images, real = reals;
        for (int level = 0; level < options.pyramidLevels && fake.size(-1) >= 4; ++level) {
            fake = torch::avg_pool2d(fake, 2);
            real = torch::avg_pool2d(real, 2);
            loss = loss + (fake - real).abs().mean();
        }
        // The edge term: L1 between the images' horizontal and vertical pixel differences. The plain
        // L1 pays the same for a blurred outline as for a sharp one half a pixel off, so a fit that
        // is not yet sure of an outline softens it; differences charge a missing edge (a star's
        // points, a ring's hole, a stripe) directly.
        if (options.edgeWeight > 0.0) {
            auto dx = [](const torch::Tensor& t) { return t.slice(3, 1) - t.slice(3, 0, -1); };
            auto dy = [](const torch::Tensor& t) { return t.slice(2, 1) - t.slice(2, 0, -1); };
            loss = loss + options.edgeWeight * ((dx(images) - dx(reals)).abs().mean() + (dy(images) - dy(reals)).abs().mean());
        }
        // The perceptual term: distance in the feature maps of a separately trained Shapes World
        // classifier (never the evaluator's own). Pixel L1 barely tells a star from the disc over it,
        // the smooth average of its uncertain outlines; features trained to tell the shapes apart do.
        if (options.perceptualWeight > 0.0 || options.labelWeight > 0.0) {
            if (!perceptualNet || perceptualNetLoadedFrom != options.perceptualNet) {
                auto net = AttributeClassifier::load(options.perceptualNet);
                if (!net) return makeError("the perceptual network cannot be used: " + net.error());
                perceptualNet = std::move(*net);
                perceptualNet->moveTo(device);
                perceptualNetLoadedFrom = options.perceptualNet;
            }
            if (options.perceptualWeight > 0.0)
                loss = loss + options.perceptualWeight * perceptualNet->perceptualDistance(images, reals);
            // The label term: the network's attribute heads on G's image against the target scene's
            // exact labels (the layer-mixed rows' targets included), whatever the caption states.
            if (options.labelWeight > 0.0) {
                const torch::Tensor labels = perceptualNet->labelLoss(images, targets);
                labelLoss = labels.item<double>();
                loss = loss + options.labelWeight * labels;
            }
        }
        return SupervisedTerms{loss, labelLoss};
    }

    void updateEmaCopies(int n)
    {
        // G_ema: half-life emaKimg thousand images, ramped up so early weights are forgotten fast.
        double emaImages = options.emaKimg * 1000.0;
        if (options.emaRampup > 0.0) emaImages = std::min(emaImages, double(imagesSeen) * options.emaRampup);
        const double beta = std::pow(0.5, double(n) / std::max(emaImages, 1e-8));
        updateEma(*generatorEma, *generator, beta);
        updateEma(*textEncoderEma, *textEncoder, beta);
    }

    // One step of the supervised objective: G (with its text encoder) regresses real scenes.
    Result<StepStats> supervisedStep(StepStats stats)
    {
        const int n = options.batch;
        std::mt19937_64 rng(mixSeed(options.seed, static_cast<std::uint64_t>(generatorSteps), kStreamSupervised));
        generator->train();
        textEncoder->train();
        generatorAdam.zeroGrad();
        auto terms = supervisedLoss(mixSeed(options.seed, generatorSteps, kStreamSupervisedScenes), rng);
        if (!terms) return Error{terms.error()};
        terms->loss.backward();
        generatorAdam.step();
        ++generatorSteps;
        imagesSeen += n;
        updateEmaCopies(n);
        stats.supervisedLoss = terms->loss.item<double>();
        stats.labelLoss = terms->labelLoss;
        return stats;
    }

    Result<StepStats> generatorStep(StepStats stats)
    {
        const int n = options.batch;
        const std::uint64_t seed = mixSeed(options.seed, static_cast<std::uint64_t>(generatorSteps), kStreamGenerator);
        auto gen = at::detail::createCPUGenerator(seed);
        std::mt19937_64 rng(seed);
        auto captionsA = captions(mixSeed(options.seed, generatorSteps, kStreamFakeCaptions) ^ 0x6a6aULL, n);
        auto captionsB = captions(mixSeed(options.seed, generatorSteps, kStreamMixCaptions) ^ 0x6a6aULL, n);
        auto idsA = tokenize(captionsA);
        auto idsB = tokenize(captionsB);
        if (!idsA) return Error{idsA.error()};
        if (!idsB) return Error{idsB.error()};

        // D is only read here: no gradients for its weights.
        setRequiresGrad(*discriminator, false);
        setRequiresGrad(*discriminatorText, false);
        generator->train();
        textEncoder->train();
        generatorAdam.zeroGrad();
        auto fakes = generate(generator, textEncoder, *idsA, *idsB, gen, rng, true);
        if (!fakes) return Error{fakes.error()};
        TextEncoding dText = discriminatorText->forward(*idsA);
        DiscriminatorOutput out = discriminator->forward(fakes->images, dText.pooled);
        torch::Tensor loss = torch::softplus(-(out.realism + fakes->conditioned * out.alignment)).mean();
        stats.gLoss = loss.item<double>();
        const bool hybrid = options.objective == "hybrid";
        if (hybrid) {
            // Real scenes of this step's own stream, regressed from their codes.
            auto supervised = supervisedLoss(mixSeed(options.seed, generatorSteps, kStreamSupervisedScenes), rng);
            if (!supervised) return Error{supervised.error()};
            stats.supervisedLoss = supervised->loss.item<double>();
            stats.labelLoss = supervised->labelLoss;
            loss = loss + options.supervisedWeight * supervised->loss;
        }
        loss.backward();
        generatorAdam.step();
        ++generatorSteps;

        {
            // w_avg: NVlabs' running mean of w, the truncation centre of an unconditional model.
            torch::NoGradGuard noGrad;
            torch::Tensor& wAvg = generator->mapping->w_avg;
            wAvg.copy_(fakes->meanW.lerp(wAvg, options.generator.w_avg_beta));
        }
        updateEmaCopies(n);
        return stats;
    }

    std::map<std::string, torch::Tensor> stateTensors()
    {
        std::map<std::string, torch::Tensor> tensors;
        for (auto& [prefix, module] : namedModules())
            for (auto& [name, tensor] : collectTensors(*module, prefix)) tensors[name] = tensor.detach();
        generatorAdam.collect("opt.G.", tensors);
        discriminatorAdam.collect("opt.D.", tensors);
        return tensors;
    }

    nlohmann::json checkpointJson() const
    {
        return {{"format", kCheckpointFormat},
                {"version", kCheckpointVersion},
                {"options", options.toJson()},
                {"steps", steps},
                {"discriminator_steps", discriminatorSteps},
                {"generator_steps", generatorSteps},
                {"images_seen", imagesSeen},
                {"training_seconds", seconds},
                {"adam_steps_g", generatorAdam.steps},
                {"adam_steps_d", discriminatorAdam.steps},
                {"written", nowIso8601()}};
    }
};

Trainer::Trainer(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Trainer::~Trainer() = default;

Result<std::unique_ptr<Trainer>> Trainer::create(const TrainerOptions& options)
{
    try {
        auto impl = std::make_unique<Impl>();
        impl->options = options;
        if (Status built = impl->build(); !built) return Error{built.error()};
        return std::unique_ptr<Trainer>(new Trainer(std::move(impl)));
    } catch (const std::exception& error) {
        return makeError(std::string("could not set up training: ") + error.what());
    }
}

// Applies `tuning` (see Trainer::resume) to `options`.
static Status applyTuning(TrainerOptions& options, const nlohmann::json& tuning)
{
    if (!tuning.is_object()) return makeError("training option changes must be a JSON object");
    try {
        for (const auto& [key, value] : tuning.items()) {
            if (key == "generator_lr") options.generatorLr = value.get<double>();
            else if (key == "beta1") options.beta1 = value.get<double>();
            else if (key == "object_weight") options.objectWeight = value.get<double>();
            else if (key == "pyramid_levels") options.pyramidLevels = value.get<int>();
            else if (key == "edge_weight") options.edgeWeight = value.get<double>();
            else if (key == "perceptual_weight") options.perceptualWeight = value.get<double>();
            else if (key == "perceptual_net") options.perceptualNet = value.get<std::string>();
            else if (key == "label_weight") options.labelWeight = value.get<double>();
            else if (key == "supervised_mix_prob") options.supervisedMixProb = value.get<double>();
            else if (key == "supervised_weight") options.supervisedWeight = value.get<double>();
            else if (key == "scene_code") options.sceneCode = value.get<std::string>();
            else if (key == "mapping_z_skip") options.generator.mapping_z_skip = value.get<bool>();
            else if (key == "generator_channel_base") options.generator.channel_base = value.get<int>();
            else if (key == "coord_inputs") options.generator.coord_inputs = value.get<bool>();
            else return makeError("the training option \"" + key + "\" cannot be changed during a run");
        }
    } catch (const std::exception& error) {
        return makeError(std::string("a training option change has the wrong type: ") + error.what());
    }
    if (!(options.generatorLr > 0.0) || options.beta1 < 0.0 || options.beta1 >= 1.0 || options.objectWeight < 0.0
        || options.pyramidLevels < 0 || options.pyramidLevels > 6 || options.supervisedMixProb < 0.0
        || options.supervisedMixProb > 1.0 || options.supervisedWeight < 0.0 || options.edgeWeight < 0.0
        || options.perceptualWeight < 0.0 || options.labelWeight < 0.0)
        return makeError("training option out of range: generator_lr > 0, 0 ≤ beta1 < 1, object_weight ≥ 0, "
                         "0 ≤ pyramid_levels ≤ 6, 0 ≤ supervised_mix_prob ≤ 1, supervised_weight ≥ 0, edge_weight ≥ 0, "
                         "perceptual_weight ≥ 0, label_weight ≥ 0");
    return Status::success();
}

// Growing a trained generator (widening it to a larger channel_base, or adding coordinate inputs: both
// append input channels after the stored ones) keeps every image it draws: each stored tensor goes into the
// leading slice of the wider one. The new output channels of a modulated conv
// start from the fresh network's random weights, so they compute features at once, but every layer
// reads them through zero weights (demodulation sums squared weights, so zeros leave it unchanged).
// ToRGB's style gain is 1/sqrt(in_channels): its stored weights are scaled up to keep the product.
// The new channels' Adam moments start at zero; G and G_ema get the same new weights.
static Status growGenerator(torch::nn::Module& generator, TensorFile& file, bool firstMomentsStored)
{
    std::map<std::string, torch::Tensor> fresh;
    for (const auto& item : generator.named_parameters(true)) fresh[item.key()] = item.value().detach().cpu();
    auto endsWith = [](const std::string& text, const std::string& tail) {
        return text.size() >= tail.size() && text.compare(text.size() - tail.size(), tail.size(), tail) == 0;
    };
    // `stored` × `scale` into the leading slice of `init`; a modulated weight's stored output
    // channels read the new input channels through zeros.
    auto widen = [&](const std::string& name, const torch::Tensor& stored, const torch::Tensor& init,
                     double scale) -> Result<torch::Tensor> {
        if (stored.dim() != init.dim())
            return makeError("cannot widen " + name + ": stored rank " + std::to_string(stored.dim()) + ", new rank "
                             + std::to_string(init.dim()));
        std::vector<torch::indexing::TensorIndex> leading;
        for (std::int64_t d = 0; d < stored.dim(); ++d) {
            if (stored.size(d) > init.size(d)) return makeError("cannot widen " + name + ": it would shrink");
            leading.emplace_back(torch::indexing::Slice(0, stored.size(d)));
        }
        torch::Tensor out = init.clone();
        const bool modulatedWeight = endsWith(name, "conv0.weight") || endsWith(name, "conv1.weight") || endsWith(name, "torgb.weight");
        if (modulatedWeight)
            out.index_put_({torch::indexing::Slice(0, stored.size(0)), torch::indexing::Slice(stored.size(1), torch::indexing::None)}, 0.0);
        out.index_put_(leading, stored.to(out.dtype()) * scale);
        return out;
    };
    for (const auto& [key, init] : fresh) {
        const auto stored = file.tensors.find("G." + key);
        if (stored == file.tensors.end() || stored->second.sizes().equals(init.sizes())) continue;   // loadTensors names what is missing
        const double scale = endsWith(key, "torgb.weight") ? std::sqrt(double(init.size(1)) / double(stored->second.size(1))) : 1.0;
        for (const char* prefix : {"G.", "G_ema."}) {
            const auto it = file.tensors.find(prefix + key);
            if (it == file.tensors.end()) continue;
            auto widened = widen(it->first, it->second, init, scale);
            if (!widened) return Error{widened.error()};
            it->second = *widened;
        }
        // Adam moments follow their weights: m scales like the weight, v like its square.
        for (const auto& [kind, power] : {std::pair<const char*, double>{"opt.G.v.G.", 2.0}, {"opt.G.m.G.", 1.0}}) {
            if (power == 1.0 && !firstMomentsStored) continue;
            const auto moment = file.tensors.find(kind + key);
            if (moment == file.tensors.end()) continue;
            auto widened = widen(moment->first, moment->second, torch::zeros_like(init), std::pow(scale, power));
            if (!widened) return Error{widened.error()};
            moment->second = *widened;
        }
    }
    return Status::success();
}

Result<std::unique_ptr<Trainer>> Trainer::resume(const std::string& checkpointPath, const std::string& device,
                                                 const nlohmann::json& tuning)
{
    auto file = readSafetensors(checkpointPath);
    if (!file) return Error{file.error()};
    const auto it = file->metadata.find("trainer");
    if (it == file->metadata.end())
        return makeError(checkpointPath + ": not a training checkpoint (no 'trainer' metadata)");
    const nlohmann::json state = nlohmann::json::parse(it->second, nullptr, false);
    if (state.is_discarded() || !state.is_object() || state.value("format", "") != kCheckpointFormat)
        return makeError(checkpointPath + ": the 'trainer' metadata is not a Latent Studio checkpoint record");
    if (state.value("version", 0) != kCheckpointVersion)
        return makeError(checkpointPath + ": checkpoint version " + std::to_string(state.value("version", 0))
                         + " is not supported by this build (expects " + std::to_string(kCheckpointVersion) + ")");
    auto options = TrainerOptions::fromJson(state.value("options", nlohmann::json::object()));
    if (!options) return makeError(checkpointPath + ": " + options.error());
    if (!device.empty()) options->device = device;
    const bool firstMomentsStored = options->beta1 != 0.0;
    const bool hadZSkip = options->generator.mapping_z_skip;
    const int storedChannelBase = options->generator.channel_base;
    const bool hadCoordInputs = options->generator.coord_inputs;
    if (Status tuned = applyTuning(*options, tuning); !tuned) return makeError(checkpointPath + ": " + tuned.error());
    if (hadZSkip && !options->generator.mapping_z_skip)
        return makeError(checkpointPath + ": the run's mapping has a z skip, which cannot be taken out of a trained run");
    if (hadCoordInputs && !options->generator.coord_inputs)
        return makeError(checkpointPath + ": the run's synthesis reads coordinate inputs, which cannot be taken out of a trained run");
    if (hadCoordInputs && options->generator.channel_base != storedChannelBase)
        return makeError(checkpointPath + ": a run with coordinate inputs cannot be widened (its coordinate weights sit "
                         "after the feature channels); widen it in the same resume that adds them");
    if (options->generator.channel_base < storedChannelBase)
        return makeError(checkpointPath + ": the generator's channel_base is " + std::to_string(storedChannelBase)
                         + "; a trained run can be widened but not narrowed (asked for "
                         + std::to_string(options->generator.channel_base) + ")");
    auto trainer = create(*options);
    if (!trainer) return makeError(checkpointPath + ": " + trainer.error());
    Impl& impl = *(*trainer)->m_impl;
    try {
        torch::NoGradGuard noGrad;
        // A z skip added to a trained run starts at zero (weights and optimizer moments), so the
        // generator draws exactly what it drew and the skip grows from there.
        const bool addingZSkip = !hadZSkip && options->generator.mapping_z_skip;
        auto isSkip = [](const std::string& name) { return name.find("mapping.skip.") != std::string::npos; };
        if (addingZSkip) {
            for (auto& [prefix, module] : impl.namedModules())
                for (const auto& item : module->named_parameters(true))
                    if (isSkip(item.key())) file->tensors[prefix + item.key()] = torch::zeros_like(item.value()).cpu();
        }
        if (options->generator.channel_base != storedChannelBase || options->generator.coord_inputs != hadCoordInputs) {
            if (Status grown = growGenerator(*impl.generator, *file, firstMomentsStored && options->beta1 != 0.0); !grown)
                return makeError(checkpointPath + ": " + grown.error());
        }
        for (auto& [prefix, module] : impl.namedModules()) {
            std::map<std::string, torch::Tensor> onDevice;
            for (const auto& [name, tensor] : file->tensors)
                if (name.rfind(prefix, 0) == 0) onDevice[name] = tensor.to(impl.device);
            if (Status loaded = loadTensors(*module, onDevice, prefix); !loaded)
                return makeError(checkpointPath + ": " + loaded.error());
        }
        std::map<std::string, torch::Tensor> moments;
        for (const auto& [name, tensor] : file->tensors)
            if (name.rfind("opt.", 0) == 0) moments[name] = tensor.to(impl.device);
        if (addingZSkip && state.at("adam_steps_g").get<std::int64_t>() > 0) {
            for (const auto& [name, parameter] : impl.generatorAdam.parameters) {
                if (!isSkip(name)) continue;
                moments["opt.G.v." + name] = torch::zeros_like(parameter);
                if (firstMomentsStored) moments["opt.G.m." + name] = torch::zeros_like(parameter);
            }
        }
        if (Status s = impl.generatorAdam.restore("opt.G.", moments, firstMomentsStored, state.at("adam_steps_g").get<std::int64_t>()); !s) return makeError(checkpointPath + ": " + s.error());
        if (Status s = impl.discriminatorAdam.restore("opt.D.", moments, firstMomentsStored, state.at("adam_steps_d").get<std::int64_t>()); !s) return makeError(checkpointPath + ": " + s.error());
        impl.steps = state.at("steps").get<std::int64_t>();
        impl.discriminatorSteps = state.at("discriminator_steps").get<std::int64_t>();
        impl.generatorSteps = state.at("generator_steps").get<std::int64_t>();
        impl.imagesSeen = state.at("images_seen").get<std::int64_t>();
        impl.seconds = state.at("training_seconds").get<double>();
        impl.generatorAdam.steps = state.at("adam_steps_g").get<std::int64_t>();
        impl.discriminatorAdam.steps = state.at("adam_steps_d").get<std::int64_t>();
    } catch (const std::exception& error) {
        return makeError(checkpointPath + ": could not restore the training state: " + error.what());
    }
    return trainer;
}

Result<StepStats> Trainer::step()
{
    const auto start = std::chrono::steady_clock::now();
    try {
        StepStats stats;
        Result<StepStats> afterG = stats;
        if (m_impl->options.objective == "supervised") {
            afterG = m_impl->supervisedStep(stats);
        } else {
            auto afterD = m_impl->discriminatorStep(stats);
            if (!afterD) return afterD;
            afterG = m_impl->generatorStep(*afterD);
        }
        if (!afterG) return afterG;
        ++m_impl->steps;
        afterG->step = m_impl->steps;
        afterG->kimg = kimg();
        afterG->seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        m_impl->seconds += afterG->seconds;
        return afterG;
    } catch (const std::exception& error) {
        return makeError(std::string("training step failed: ") + error.what());
    }
}

Status Trainer::setObjective(const std::string& objective)
{
    if (Status valid = checkObjective(objective, m_impl->options.generator.z_dim, m_impl->options.sceneCode); !valid) return valid;
    m_impl->options.objective = objective;
    return Status::success();
}

Result<StepStats> Trainer::discriminatorStep()
{
    try {
        auto stats = m_impl->discriminatorStep({});
        if (stats) stats->kimg = kimg();
        return stats;
    } catch (const std::exception& error) {
        return makeError(std::string("discriminator step failed: ") + error.what());
    }
}

Result<StepStats> Trainer::generatorStep()
{
    try {
        return m_impl->generatorStep({});
    } catch (const std::exception& error) {
        return makeError(std::string("generator step failed: ") + error.what());
    }
}

Result<Trainer::Evaluation> Trainer::evaluate(std::uint64_t evalSeed, int batch)
{
    try {
        Impl& impl = *m_impl;
        torch::NoGradGuard noGrad;
        const std::uint64_t seed = mixSeed(evalSeed, 0, kStreamEvaluation);
        auto gen = at::detail::createCPUGenerator(seed);
        std::mt19937_64 rng(seed);
        auto [reals, realCaptions] = impl.realBatch(seed, batch);
        auto ids = impl.tokenize(realCaptions);
        if (!ids) return Error{ids.error()};
        auto fakes = impl.generate(impl.generator, impl.textEncoder, *ids, *ids, gen, rng, false);
        if (!fakes) return Error{fakes.error()};
        TextEncoding text = impl.discriminatorText->forward(*ids);
        torch::Tensor realLogits = impl.discriminator->forward(reals, text.pooled).logits();
        torch::Tensor fakeLogits = impl.discriminator->forward(fakes->images, text.pooled).logits();
        Evaluation evaluation;
        evaluation.dReal = realLogits.mean().item<double>();
        evaluation.dFake = fakeLogits.mean().item<double>();
        evaluation.gLoss = torch::softplus(-fakeLogits).mean().item<double>();
        return evaluation;
    } catch (const std::exception& error) {
        return makeError(std::string("evaluation failed: ") + error.what());
    }
}

Status Trainer::saveCheckpoint(const std::string& path)
{
    try {
        const std::map<std::string, std::string> metadata{{"trainer", m_impl->checkpointJson().dump()}};
        return writeSafetensors(path, m_impl->stateTensors(), metadata);
    } catch (const std::exception& error) {
        return makeError(path + ": could not write the checkpoint: " + error.what());
    }
}

Status Trainer::exportModel(const std::string& path, StoredDtype dtype, const nlohmann::json& extraProvenance)
{
    Impl& impl = *m_impl;
    nlohmann::json provenance = {
        {"source", "Latent Studio trainer (latent-studio-lab train), Shapes World training split"},
        {"created", nowIso8601()},
        {"recipe", "StyleGAN2-ADA-style: non-saturating logistic loss, lazy R1 (gamma "
                       + std::to_string(impl.options.effectiveR1Gamma()) + " every "
                       + std::to_string(impl.options.r1Interval)
                       + " D steps), Adam lr 0.0025 betas (0, 0.99), G EMA half-life "
                       + std::to_string(impl.options.emaKimg) + " kimg, style mixing p "
                       + std::to_string(impl.options.styleMixProb) + ", prompt mixing p "
                       + std::to_string(impl.options.promptMixProb)
                       + "; residual projection discriminator with matching-aware loss; text encoder trained "
                         "jointly with G"},
        {"training_images", impl.imagesSeen},
        {"kimg", kimg()},
        {"steps", impl.steps},
        {"batch", impl.options.batch},
        {"seed", impl.options.seed},
        {"wall_time_seconds", impl.seconds},
        {"hardware", impl.device.is_cuda() ? std::string("CUDA GPU")
                                           : "CPU, " + std::to_string(torch::get_num_threads()) + " threads"}};
    if (extraProvenance.is_object())
        for (const auto& [key, value] : extraProvenance.items()) provenance[key] = value;
    const ModelDescription description =
        describeTextModel(impl.options.generator, impl.options.textEncoder, shapesWorldVocabulary(),
                          "Shapes World " + std::to_string(impl.options.generator.img_resolution), provenance,
                          kShippedLicense);
    // Written from CPU copies so the exported file does not depend on the training device.
    Generator cpuGenerator(impl.options.generator);
    TextEncoder cpuEncoder(impl.options.textEncoder);
    {
        torch::NoGradGuard noGrad;
        auto generatorTensors = collectTensors(*impl.generatorEma);
        for (auto& [name, tensor] : generatorTensors) tensor = tensor.detach().to(torch::kCPU);
        auto encoderTensors = collectTensors(*impl.textEncoderEma);
        for (auto& [name, tensor] : encoderTensors) tensor = tensor.detach().to(torch::kCPU);
        if (Status s = loadTensors(*cpuGenerator, generatorTensors); !s) return s;
        if (Status s = loadTensors(*cpuEncoder, encoderTensors); !s) return s;
    }
    return writeTextModel(path, cpuGenerator, cpuEncoder, description, dtype);
}

namespace {

// RGB8 tiles [rows * cols, R, R, 3] (row-major) as one image of rows × cols tiles.
Image tileGrid(const torch::Tensor& tiles, int rows, int cols)
{
    const auto r = tiles.size(1);
    Image grid;
    grid.width = cols * static_cast<int>(r);
    grid.height = rows * static_cast<int>(r);
    grid.rgb = std::vector<std::uint8_t>(static_cast<std::size_t>(grid.width) * static_cast<std::size_t>(grid.height) * 3);
    // [rows, cols, R, R, 3] -> [rows, R, cols, R, 3]: rows of tiles side by side.
    const torch::Tensor tiled = tiles.reshape({rows, cols, r, r, 3}).permute({0, 2, 1, 3, 4}).contiguous();
    std::memcpy(grid.rgb.data(), tiled.data_ptr<std::uint8_t>(), grid.rgb.size());
    return grid;
}

} // namespace

Status Trainer::writeSamples(const std::string& pngPath, const std::vector<std::string>& prompts,
                             const std::vector<std::uint32_t>& seeds)
{
    if (prompts.empty() || seeds.empty()) return makeError("a sample grid needs at least one prompt and one seed");
    try {
        Impl& impl = *m_impl;
        torch::NoGradGuard noGrad;
        const int rows = static_cast<int>(prompts.size());
        const int cols = static_cast<int>(seeds.size());
        auto ids = impl.tokenize(prompts);
        if (!ids) return Error{ids.error()};
        torch::Tensor pooled = impl.textEncoderEma->forward(*ids).pooled;   // [rows, T]
        std::vector<torch::Tensor> zs;
        for (std::uint32_t seed : seeds) zs.push_back(torch::tensor(seedToZ(seed, impl.options.generator.z_dim)));
        torch::Tensor z = torch::stack(zs).to(impl.device).repeat({rows, 1});            // row-major grid
        torch::Tensor text = pooled.repeat_interleave(cols, 0);
        torch::Tensor ws = impl.generatorEma->mapping->forward(z, text, 1.0, -1);
        torch::Tensor layerText = text.unsqueeze(1).expand({text.size(0), ws.size(1), text.size(1)}).contiguous();
        SynthesisOptions options;
        options.noiseMode = NoiseMode::Const;
        torch::Tensor images = impl.generatorEma->synthesis->forward(ws, layerText, options);
        const Image grid = tileGrid(toUint8Nhwc(images).to(torch::kCPU), rows, cols);
        PngTextChunks text_chunks{{"Description", "Latent Studio Shapes World samples: rows = prompts, columns = seeds"}};
        for (int i = 0; i < rows; ++i)
            text_chunks.emplace_back("latent-studio:prompt" + std::to_string(i), prompts[static_cast<std::size_t>(i)]);
        text_chunks.emplace_back("latent-studio:kimg", std::to_string(kimg()));
        return writePng(pngPath, grid, text_chunks);
    } catch (const std::exception& error) {
        return makeError(pngPath + ": could not render the sample grid: " + error.what());
    }
}

namespace {

// The colour of a plain background: the per-channel median of the image's outer 4-pixel frame,
// where Shapes World's border margin keeps objects out. [N, 3, R, R] -> [N, 3, 1, 1].
torch::Tensor frameColour(const torch::Tensor& images)
{
    const auto r = images.size(-1);
    const torch::Tensor frame = torch::cat({images.slice(2, 0, 4).flatten(2), images.slice(2, r - 4).flatten(2),
                                            images.slice(3, 0, 4).flatten(2), images.slice(3, r - 4).flatten(2)}, 2);
    return std::get<0>(frame.median(2)).unsqueeze(-1).unsqueeze(-1);
}

// Pixels of an object: off the image's own background colour by more than 0.2 (channel mean, in
// [-1, 1] units). Each image against its own frame, so that a background drawn in a wrong shade does
// not count as object.
torch::Tensor objectMask(const torch::Tensor& images)
{
    return ((images - frameColour(images)).abs().mean(1) > 0.2).to(torch::kFloat32);   // [N, R, R]
}

double iou(const torch::Tensor& a, const torch::Tensor& b)
{
    const double uni = torch::max(a, b).sum().item<double>();
    return uni > 0.0 ? torch::min(a, b).sum().item<double>() / uni : 0.0;
}

// fitDiagnostics' per-scene figures summed over a set of scenes (one shape, or all of them).
struct FitTally {
    int scenes = 0;
    int drawn = 0;   // scenes whose real object shows and where G drew one
    double centroidError = 0.0, iou = 0.0, alignedIou = 0.0, areaRatio = 0.0;   // over `drawn`
    double discIou = 0.0, missing = 0.0, backgroundError = 0.0;                // over `scenes`

    void add(const FitTally& other)
    {
        scenes += other.scenes;
        drawn += other.drawn;
        centroidError += other.centroidError;
        iou += other.iou;
        alignedIou += other.alignedIou;
        areaRatio += other.areaRatio;
        discIou += other.discIou;
        missing += other.missing;
        backgroundError += other.backgroundError;
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

// Object areas [N] and centroids [N, 2] (x, y in pixels) of masks [N, R, R]; an empty mask's
// centroid is (0, 0).
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
    if (scenesPerShape < 1 || scenesPerShape > 4096) return makeError("fit diagnostics need 1 to 4096 scenes per shape");
    try {
        Impl& impl = *m_impl;
        torch::NoGradGuard noGrad;
        const int r = impl.options.generator.img_resolution;
        // One-object scenes on a plain background, scenesPerShape of each shape, in shape order.
        std::vector<std::vector<WorldSample>> byShape(kShapeCount);
        std::size_t filled = 0;
        for (std::uint64_t index = 0; filled < byShape.size() && index < 400000; ++index) {
            WorldSample sample = sampleScene(seed, index, SplitFilter::TrainOnly);
            if (sample.scene.objects.size() != 1 || sample.scene.backgroundStyle != BackgroundStyle::Plain) continue;
            auto& bucket = byShape[static_cast<std::size_t>(sample.scene.objects[0].shape)];
            if (static_cast<int>(bucket.size()) >= scenesPerShape) continue;
            bucket.push_back(std::move(sample));
            if (static_cast<int>(bucket.size()) == scenesPerShape) ++filled;
        }
        std::vector<WorldSample> samples;
        for (const auto& bucket : byShape) samples.insert(samples.end(), bucket.begin(), bucket.end());

        std::mt19937_64 rng(mixSeed(seed, 0, kStreamEvaluation));
        std::vector<torch::Tensor> drawn, reals, latents, codes;
        const int numWs = impl.options.generator.numWs();
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
            const torch::Tensor z = supervisedSceneCodes(batch, impl.options.generator.z_dim, impl.options.sceneCode, rng).to(impl.device);
            const torch::Tensor pooled = impl.textEncoderEma->forward(*ids).pooled;
            const torch::Tensor w = impl.generatorEma->mapping->mapToW(z, pooled);
            const auto n = w.size(0);
            latents.push_back(w.to(torch::kCPU));
            codes.push_back(z.to(torch::kCPU));
            SynthesisOptions synthesisOptions;
            synthesisOptions.noiseMode = NoiseMode::Const;
            drawn.push_back(impl.generatorEma->synthesis
                                ->forward(w.unsqueeze(1).expand({n, numWs, w.size(1)}).contiguous(),
                                          pooled.unsqueeze(1).expand({n, numWs, pooled.size(1)}).contiguous(), synthesisOptions)
                                .to(torch::kCPU));
            reals.push_back(impl.renderOnDevice(scenes).to(torch::kCPU));
        }
        const torch::Tensor generated = torch::cat(drawn), real = torch::cat(reals);
        const torch::Tensor generatedMasks = objectMask(generated), realMasks = objectMask(real);
        // How far G's background colour is from the real one: mean absolute difference in [0, 1] units.
        const torch::Tensor backgroundError = (frameColour(generated) - frameColour(real)).abs().mean({1, 2, 3}) * 0.5;
        const torch::Tensor coords = torch::arange(r, torch::kFloat32);
        const torch::Tensor ys = coords.view({r, 1}).expand({r, r}), xs = coords.view({1, r}).expand({r, r});
        // Areas and centroids once for the whole set: the per-scene figures and the probe use them.
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
                if (realAreas[row] < 1.0f) continue;   // an object hidden by its own background colour
                const torch::Tensor real = realMasks[row], drawn = generatedMasks[row];
                const double rx = realCentres[row][0], ry = realCentres[row][1];
                // The disc a blob would be: the real area, on the real centroid.
                const double discRadius = std::sqrt(realAreas[row] / 3.14159265358979);
                tally.discIou += iou((((xs - rx).pow(2) + (ys - ry).pow(2)).sqrt() <= discRadius).to(torch::kFloat32), real);
                if (drawnAreas[row] < 1.0f) {
                    tally.missing += 1.0;
                    continue;
                }
                ++tally.drawn;
                const double gx = drawnCentres[row][0], gy = drawnCentres[row][1];
                tally.centroidError += std::hypot(gx - rx, gy - ry);
                tally.iou += iou(drawn, real);
                const auto shift = std::vector<std::int64_t>{std::llround(ry - gy), std::llround(rx - gx)};
                tally.alignedIou += iou(torch::roll(drawn, shift, {0, 1}), real);
                tally.areaRatio += drawnAreas[row] / realAreas[row];
            }
            perShape[toString(static_cast<Shape>(shape))] = tally.toJson();
            total.add(tally);
        }
        // A linear probe of w: the real centroids read off w by ridge regression fitted on the even
        // scenes and measured on the odd ones. An error far below the drawing's centroid error says
        // that w knows where the object goes and the synthesis does not put it there; an error near
        // it, that precision is already lost in the mapping. The same probe of z (the scene code,
        // whose centre coordinates are inverse-normal-CDF images of the placement) is the reference
        // for what a linear readout can do. Needs more scenes than w has dimensions.
        nlohmann::json probe = nullptr;
        {
            const torch::Tensor centres = realCentroid.to(torch::kFloat64);
            const torch::Tensor rows = torch::nonzero(realArea >= 1.0).squeeze(1);
            const torch::Tensor fitRows = rows.slice(0, 0, rows.size(0), 2), testRows = rows.slice(0, 1, rows.size(0), 2);
            const torch::Tensor truth = centres.index_select(0, testRows);
            auto probeError = [&](const torch::Tensor& latent) {
                auto design = [&](const torch::Tensor& index) {
                    const torch::Tensor x = latent.index_select(0, index);
                    return torch::cat({x, torch::ones({x.size(0), 1}, x.options())}, 1);
                };
                const torch::Tensor x = design(fitRows), y = centres.index_select(0, fitRows);
                const torch::Tensor ridge = torch::eye(x.size(1), x.options()) * 1e-3 * x.size(0);
                const torch::Tensor beta = torch::pinverse(x.t().mm(x) + ridge).mm(x.t().mm(y));
                return (design(testRows).mm(beta) - truth).pow(2).sum(1).sqrt().mean().item<double>();
            };
            const torch::Tensor w = torch::cat(latents).to(torch::kFloat64), z = torch::cat(codes).to(torch::kFloat64);
            if (fitRows.size(0) > 2 * (w.size(1) + 1) && testRows.size(0) > 0) {
                const double spread = (truth - truth.mean(0, true)).pow(2).sum(1).sqrt().mean().item<double>();
                probe = {{"w_centroid_error_px", probeError(w)}, {"z_centroid_error_px", probeError(z)},
                         {"centroid_spread_px", spread}, {"fitted_on", fitRows.size(0)}, {"measured_on", testRows.size(0)}};
            }
        }
        const nlohmann::json report = {{"kimg", kimg()},
                                       {"scene_code", impl.options.sceneCode},
                                       {"w_linear_probe", probe},
                                       {"per_shape", perShape},
                                       {"all", total.toJson()}};
        if (!gridPath.empty()) {
            // Rows = shapes; columns = (real, G) for the first four scenes of each; white where a
            // shape has fewer.
            constexpr int kPairs = 4;
            const int rows = static_cast<int>(byShape.size());
            torch::Tensor tiles = torch::full({rows * 2 * kPairs, r, r, 3}, 255, torch::kUInt8);
            const torch::Tensor realPixels = toUint8Nhwc(real), drawnPixels = toUint8Nhwc(generated);
            std::int64_t first = 0;
            for (int shape = 0; shape < rows; ++shape) {
                const auto count = std::min<std::int64_t>(kPairs, static_cast<std::int64_t>(byShape[static_cast<std::size_t>(shape)].size()));
                for (std::int64_t k = 0; k < count; ++k) {
                    tiles[shape * 2 * kPairs + 2 * k].copy_(realPixels[first + k]);
                    tiles[shape * 2 * kPairs + 2 * k + 1].copy_(drawnPixels[first + k]);
                }
                first += static_cast<std::int64_t>(byShape[static_cast<std::size_t>(shape)].size());
            }
            PngTextChunks chunks{{"Description", "Latent Studio fit diagnostics: rows = shapes, columns = real / G pairs from exact scene codes"}};
            if (Status written = writePng(gridPath, tileGrid(tiles, rows, 2 * kPairs), chunks); !written) return Error{written.error()};
        }
        return report;
    } catch (const std::exception& error) {
        return makeError(std::string("fit diagnostics failed: ") + error.what());
    }
}

std::int64_t Trainer::stepCount() const { return m_impl->steps; }
double Trainer::kimg() const { return double(m_impl->imagesSeen) / 1000.0; }
double Trainer::trainingSeconds() const { return m_impl->seconds; }
const TrainerOptions& Trainer::options() const { return m_impl->options; }
std::map<std::string, torch::Tensor> Trainer::stateTensors() { return m_impl->stateTensors(); }

// ---------------------------------------------------------------------------------------------------
// The training loop of `latent-studio-lab train`

namespace {

struct LossAverages {
    double dReal = 0, dFake = 0, dMismatch = 0, r1 = 0, g = 0, supervised = 0, label = 0, seconds = 0;
    int count = 0, r1Count = 0;
    void add(const StepStats& s)
    {
        dReal += s.dLossReal;
        supervised += s.supervisedLoss;
        label += s.labelLoss;
        dFake += s.dLossFake;
        dMismatch += s.dLossMismatch;
        g += s.gLoss;
        seconds += s.seconds;
        if (s.r1Penalty != 0.0) {
            r1 += s.r1Penalty;
            ++r1Count;
        }
        ++count;
    }
};

std::string samplesName(double kimg)
{
    char name[64];
    std::snprintf(name, sizeof name, "samples-%07.2f.png", kimg);
    return name;
}

} // namespace

Status runTraining(const TrainingRunOptions& run, const std::atomic_bool& stop,
                   const std::function<void(const std::string&)>& print)
{
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::create_directories(run.outDir, ec);
    if (ec) return makeError(run.outDir + ": cannot create the output folder: " + ec.message());
    const std::string checkpoint = (fs::path(run.outDir) / "checkpoint.safetensors").string();
    const bool haveCheckpoint = fs::exists(checkpoint, ec);

    std::unique_ptr<Trainer> trainer;
    if (run.resume && haveCheckpoint) {
        auto resumed = Trainer::resume(checkpoint, run.device, run.tuning);
        if (!resumed) return Error{resumed.error()};
        trainer = std::move(*resumed);
        print("resumed " + checkpoint + " at step " + std::to_string(trainer->stepCount()) + ", "
              + std::to_string(trainer->kimg()) + " kimg");
        if (!run.tuning.empty()) print("options changed for the rest of the run: " + run.tuning.dump());
        if (!run.objective.empty() && run.objective != trainer->options().objective) {
            if (Status s = trainer->setObjective(run.objective); !s) return s;
            print("objective switched to " + run.objective);
        }
    } else {
        if (haveCheckpoint)
            return makeError(run.outDir + " already holds a checkpoint: pass --resume to continue it, or choose another --out");
        TrainerOptions options = run.trainer;
        if (!run.device.empty()) options.device = run.device;
        if (!run.objective.empty()) options.objective = run.objective;
        if (Status tuned = applyTuning(options, run.tuning); !tuned) return tuned;
        auto created = Trainer::create(options);
        if (!created) return Error{created.error()};
        trainer = std::move(*created);
        print("new run in " + run.outDir + ": " + trainer->options().toJson().dump());
    }

    std::ofstream log(fs::path(run.outDir) / "log.jsonl", std::ios::app);
    if (!log) return makeError(run.outDir + "/log.jsonl: cannot open the log for writing");

    const std::vector<std::string> prompts = defaultSamplePrompts();
    const std::vector<std::uint32_t> seeds{1, 2, 3, 4, 5, 6};
    const auto sessionStart = std::chrono::steady_clock::now();
    auto lastCheckpoint = sessionStart;
    double nextSamplesKimg = run.samplesEveryKimg > 0 ? std::floor(trainer->kimg() / run.samplesEveryKimg + 1) * run.samplesEveryKimg
                                                      : 1e300;
    LossAverages averages;
    auto minutesSince = [](auto start) {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() / 60.0;
    };

    while (!stop.load() && trainer->kimg() < run.kimg && (run.minutes <= 0.0 || minutesSince(sessionStart) < run.minutes)) {
        auto stats = trainer->step();
        if (!stats) {
            // Keep what was trained so far before reporting the failure.
            (void)trainer->saveCheckpoint(checkpoint);
            return Error{stats.error()};
        }
        if (!std::isfinite(stats->gLoss) || !std::isfinite(stats->dLossReal) || !std::isfinite(stats->supervisedLoss))
            return makeError("training diverged at step " + std::to_string(stats->step)
                             + " (non-finite loss); the last checkpoint is kept — resume with a lower learning rate");
        averages.add(*stats);
        if (averages.count >= std::max(1, run.logEverySteps)) {
            const double n = averages.count;
            const nlohmann::json line = {
                {"step", stats->step},
                {"kimg", stats->kimg},
                {"d_loss_real", averages.dReal / n},
                {"d_loss_fake", averages.dFake / n},
                {"d_loss_mismatch", averages.dMismatch / n},
                {"r1_penalty", averages.r1Count ? averages.r1 / averages.r1Count : 0.0},
                {"g_loss", averages.g / n},
                {"supervised_l1", averages.supervised / n},
                {"label_loss", averages.label / n},
                {"objective", trainer->options().objective},
                {"seconds_per_step", averages.seconds / n},
                {"training_seconds", trainer->trainingSeconds()}};
            log << line.dump() << '\n';
            log.flush();
            print(line.dump());
            averages = {};
        }
        if (minutesSince(lastCheckpoint) >= run.checkpointMinutes) {
            if (Status s = trainer->saveCheckpoint(checkpoint); !s) return s;
            lastCheckpoint = std::chrono::steady_clock::now();
            print("checkpoint " + checkpoint + " at " + std::to_string(trainer->kimg()) + " kimg");
        }
        if (trainer->kimg() >= nextSamplesKimg) {
            const std::string png = (fs::path(run.outDir) / samplesName(trainer->kimg())).string();
            if (Status s = trainer->writeSamples(png, prompts, seeds); !s) print("warning: " + s.error());
            nextSamplesKimg += run.samplesEveryKimg;
        }
    }
    if (Status s = trainer->saveCheckpoint(checkpoint); !s) return s;
    const std::string png = (fs::path(run.outDir) / samplesName(trainer->kimg())).string();
    if (Status s = trainer->writeSamples(png, prompts, seeds); !s) print("warning: " + s.error());
    print(std::string(stop.load() ? "stopped" : "finished") + " at step " + std::to_string(trainer->stepCount()) + ", "
          + std::to_string(trainer->kimg()) + " kimg; checkpoint " + checkpoint);
    return Status::success();
}

} // namespace lscore
