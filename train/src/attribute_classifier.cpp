// The attribute classifier behind the evaluator: a small strided CNN with one linear layer of heads.
// Sized so that it trains on the 2-core CPU in minutes (about 25 M multiply-adds per image) while the
// first layer still sees full-resolution stripes and dots.
#include <algorithm>
#include <cmath>
#include <map>

#include "lscore/default_model.h"
#include "lscore/safetensors.h"
#include "lstrain/evaluator.h"

namespace lstrain {
namespace {

constexpr const char* kClassifierKind = "shapes-world-v2-attribute-classifier";

// Logit layout of the head layer: one block per attribute.
struct HeadLayout {
    static constexpr int shape = 0;
    static constexpr int color = shape + kShapeCount;
    static constexpr int size = color + kColorCount;
    static constexpr int pattern = size + kSizeClassCount;
    static constexpr int background = pattern + kPatternCount;
    static constexpr int backgroundStyle = background + kColorCount;
    static constexpr int total = backgroundStyle + kBackgroundStyleCount;
};

struct ClassifierNetImpl : torch::nn::Module {
    ClassifierNetImpl()
    {
        // Five stride-2 stages (128 → 4 px), each but the first followed by a stride-1 3×3 layer: the
        // extra depth at 32–4 px is what tells a star from a diamond or a heart at small sizes (a
        // plain 8-16-32-64-128 strided stack stayed near chance on shape after 2000 steps).
        const std::array<int, 6> channels{3, 16, 32, 64, 128, 128};
        for (std::size_t i = 0; i + 1 < channels.size(); ++i) {
            convs.push_back(register_module("conv" + std::to_string(i),
                torch::nn::Conv2d(torch::nn::Conv2dOptions(channels[i], channels[i + 1], 3).stride(2).padding(1).bias(false))));
            norms.push_back(register_module("norm" + std::to_string(i), torch::nn::BatchNorm2d(channels[i + 1])));
            if (i == 0) {
                refines.push_back(nullptr);
                refineNorms.push_back(nullptr);
                continue;
            }
            refines.push_back(register_module("refine" + std::to_string(i),
                torch::nn::Conv2d(torch::nn::Conv2dOptions(channels[i + 1], channels[i + 1], 3).padding(1).bias(false))));
            refineNorms.push_back(register_module("refine_norm" + std::to_string(i), torch::nn::BatchNorm2d(channels[i + 1])));
        }
        // 128 px → 4×4 after five stride-2 convolutions; flattening keeps where things are. Beside it,
        // the channel-wise maximum and mean over the 8×8 map of the stage before, where an object's
        // colour and shape show up whatever its size.
        embed = register_module("embed", torch::nn::Linear(128 * 4 * 4 + 2 * 128, kClassifierFeatureDim));
        heads = register_module("heads", torch::nn::Linear(kClassifierFeatureDim, HeadLayout::total));
    }

    // The penultimate features.
    torch::Tensor features(torch::Tensor x)
    {
        torch::Tensor pooled;
        for (std::size_t i = 0; i < convs.size(); ++i) {
            if (i + 1 == convs.size()) pooled = torch::cat({x.amax({2, 3}), x.mean({2, 3})}, 1);
            x = torch::relu(norms[i]->forward(convs[i]->forward(x)));
            if (refines[i]) x = torch::relu(refineNorms[i]->forward(refines[i]->forward(x)));
        }
        // Leaky: a plain ReLU here can die wholesale early in training and leave the heads blind.
        return torch::leaky_relu(embed->forward(torch::cat({x.flatten(1), pooled}, 1)), 0.2);
    }

    torch::Tensor forward(const torch::Tensor& x) { return heads->forward(features(x)); }

    std::vector<torch::nn::Conv2d> convs, refines;
    std::vector<torch::nn::BatchNorm2d> norms, refineNorms;
    torch::nn::Linear embed{nullptr};
    torch::nn::Linear heads{nullptr};
};
TORCH_MODULE(ClassifierNet);

torch::Tensor toClassifierInput(const torch::Tensor& images)
{
    torch::Tensor x = images.to(torch::kFloat32);
    if (x.dim() != 4 || x.size(1) != 3) throw std::invalid_argument("classifier input must be [N, 3, H, W]");
    if (x.size(2) != kClassifierResolution || x.size(3) != kClassifierResolution) {
        x = torch::nn::functional::interpolate(x, torch::nn::functional::InterpolateFuncOptions()
                                                      .size(std::vector<int64_t>{kClassifierResolution, kClassifierResolution})
                                                      .mode(torch::kBilinear)
                                                      .align_corners(false)
                                                      .antialias(true));
    }
    return x.contiguous();
}

// Label tensors for a batch of scenes, one per head.
struct Labels {
    torch::Tensor shape, color, size, pattern, background, backgroundStyle;
};

Labels makeLabels(std::span<const SceneSpec> scenes)
{
    const auto n = static_cast<int64_t>(scenes.size());
    Labels l{torch::zeros({n}, torch::kLong), torch::zeros({n}, torch::kLong), torch::zeros({n}, torch::kLong),
             torch::zeros({n}, torch::kLong), torch::zeros({n}, torch::kLong), torch::zeros({n}, torch::kLong)};
    auto shape = l.shape.accessor<int64_t, 1>(), color = l.color.accessor<int64_t, 1>(), size = l.size.accessor<int64_t, 1>();
    auto pattern = l.pattern.accessor<int64_t, 1>(), bg = l.background.accessor<int64_t, 1>();
    auto style = l.backgroundStyle.accessor<int64_t, 1>();
    for (int64_t i = 0; i < n; ++i) {
        const ScenePrediction p = labelsFor(scenes[static_cast<std::size_t>(i)]);
        shape[i] = static_cast<int64_t>(p.shape);
        color[i] = static_cast<int64_t>(p.color);
        size[i] = static_cast<int64_t>(p.size);
        pattern[i] = static_cast<int64_t>(p.pattern);
        bg[i] = static_cast<int64_t>(p.background);
        style[i] = static_cast<int64_t>(p.backgroundStyle);
    }
    return l;
}

torch::Tensor totalLoss(const torch::Tensor& logits, const Labels& l)
{
    auto head = [&](int begin, int width, const torch::Tensor& target) {
        return torch::nn::functional::cross_entropy(logits.narrow(1, begin, width), target);
    };
    return head(HeadLayout::shape, kShapeCount, l.shape) + head(HeadLayout::color, kColorCount, l.color)
           + head(HeadLayout::size, kSizeClassCount, l.size) + head(HeadLayout::pattern, kPatternCount, l.pattern)
           + head(HeadLayout::background, kColorCount, l.background)
           + head(HeadLayout::backgroundStyle, kBackgroundStyleCount, l.backgroundStyle);
}

std::vector<ScenePrediction> decode(const torch::Tensor& logits)
{
    const auto cpu = logits.to(torch::kCPU).contiguous();
    auto argmax = [&](int begin, int width) {
        const auto idx = cpu.narrow(1, begin, width).argmax(1).contiguous();
        return std::vector<int64_t>(idx.data_ptr<int64_t>(), idx.data_ptr<int64_t>() + idx.numel());
    };
    const auto shape = argmax(HeadLayout::shape, kShapeCount), color = argmax(HeadLayout::color, kColorCount);
    const auto size = argmax(HeadLayout::size, kSizeClassCount), pattern = argmax(HeadLayout::pattern, kPatternCount);
    const auto background = argmax(HeadLayout::background, kColorCount);
    const auto style = argmax(HeadLayout::backgroundStyle, kBackgroundStyleCount);
    std::vector<ScenePrediction> out(static_cast<std::size_t>(cpu.size(0)));
    for (std::size_t i = 0; i < out.size(); ++i)
        out[i] = {static_cast<Shape>(shape[i]), static_cast<Color>(color[i]), static_cast<SizeClass>(size[i]),
                  static_cast<Pattern>(pattern[i]), static_cast<Color>(background[i]), static_cast<BackgroundStyle>(style[i])};
    return out;
}

std::vector<SceneSpec> sampleScenes(std::uint64_t seed, std::uint64_t firstIndex, int count, SplitFilter filter)
{
    std::vector<SceneSpec> scenes;
    scenes.reserve(static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i) scenes.push_back(sampleScene(seed, firstIndex + static_cast<std::uint64_t>(i), filter).scene);
    return scenes;
}

} // namespace

struct AttributeClassifier::Impl {
    ClassifierNet net;
};

AttributeClassifier::AttributeClassifier(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
AttributeClassifier::~AttributeClassifier() = default;

std::string defaultClassifierPath()
{
    return lscore::findDataFile(std::string("models/") + kClassifierFileName, "LATENT_STUDIO_CLASSIFIER");
}

ScenePrediction labelsFor(const SceneSpec& scene)
{
    const ObjectSpec& o = scene.object;
    return {o.shape, o.color, o.size, o.pattern, scene.background, scene.backgroundStyle};
}

Result<std::unique_ptr<AttributeClassifier>> AttributeClassifier::load(const std::string& path)
{
    if (path.empty())
        return lscore::makeError("No Shapes World classifier is installed (looked for models/" + std::string(kClassifierFileName)
                                 + " in the installed data folder and the source tree); give --classifier FILE, set "
                                   "LATENT_STUDIO_CLASSIFIER, or train one with latent-studio-lab evaluate --train-classifier FILE");
    auto file = lscore::readSafetensors(path);
    if (!file) return Error{file.error()};
    const auto kind = file->metadata.find("kind");
    if (kind == file->metadata.end() || kind->second != kClassifierKind)
        return lscore::makeError(path + " is not a Shapes World v2 attribute classifier (metadata \"kind\" is missing or "
                                 "different); train one with: latent-studio-lab evaluate --train-classifier FILE");
    auto impl = std::make_unique<Impl>();
    try {
        torch::NoGradGuard noGrad;
        auto copyInto = [&](const std::string& name, torch::Tensor& target) -> Status {
            const auto it = file->tensors.find(name);
            if (it == file->tensors.end())
                return lscore::makeError(path + " lacks the tensor \"" + name + "\"; the file is incomplete or from another version");
            if (it->second.sizes() != target.sizes())
                return lscore::makeError(path + ": tensor \"" + name + "\" has the wrong shape; the file is from another classifier version");
            target.copy_(it->second);
            return Status::success();
        };
        for (auto& p : impl->net->named_parameters())
            if (Status s = copyInto(p.key(), p.value()); !s) return Error{s.error()};
        for (auto& b : impl->net->named_buffers()) {
            if (b.key().find("num_batches_tracked") != std::string::npos) continue;
            if (Status s = copyInto(b.key(), b.value()); !s) return Error{s.error()};
        }
    } catch (const std::exception& e) {
        return lscore::makeError(path + ": cannot load the classifier (" + e.what() + ")");
    }
    for (auto& p : impl->net->parameters()) p.set_requires_grad(false);
    impl->net->eval();
    return std::unique_ptr<AttributeClassifier>(new AttributeClassifier(std::move(impl)));
}

Result<std::unique_ptr<AttributeClassifier>> AttributeClassifier::train(const ClassifierTrainOptions& options)
{
    if (options.steps < 1 || options.batchSize < 2 || options.batchSize > 4096)
        return lscore::makeError("Classifier training needs steps >= 1 and a batch size between 2 and 4096.");
    auto impl = std::make_unique<Impl>();
    try {
        torch::manual_seed(options.seed);
        impl->net = ClassifierNet();
        impl->net->train();
        torch::optim::Adam optimizer(impl->net->parameters(), torch::optim::AdamOptions(options.learningRate));
        for (int step = 0; step < options.steps; ++step) {
            // Cosine decay to 5% makes the last few hundred steps settle the fine heads.
            const double progress = static_cast<double>(step) / options.steps;
            const double lr = options.learningRate * (0.05 + 0.95 * 0.5 * (1.0 + std::cos(progress * 3.141592653589793)));
            for (auto& group : optimizer.param_groups()) static_cast<torch::optim::AdamOptions&>(group.options()).lr(lr);
            const auto scenes = sampleScenes(options.seed, static_cast<std::uint64_t>(step) * options.batchSize,
                                             options.batchSize, SplitFilter::Any);
            const torch::Tensor images = renderSceneTensor(scenes, kClassifierResolution);
            optimizer.zero_grad();
            const torch::Tensor loss = totalLoss(impl->net->forward(images), makeLabels(scenes));
            loss.backward();
            optimizer.step();
            if (options.progress && (step % 25 == 0 || step + 1 == options.steps)) options.progress(step, loss.item<double>());
        }
        impl->net->eval();
    } catch (const std::exception& e) {
        return lscore::makeError(std::string("Classifier training failed: ") + e.what());
    }
    return std::unique_ptr<AttributeClassifier>(new AttributeClassifier(std::move(impl)));
}

Status AttributeClassifier::save(const std::string& path) const
{
    std::map<std::string, torch::Tensor> tensors;
    for (const auto& p : m_impl->net->named_parameters()) tensors[p.key()] = p.value().detach();
    for (const auto& b : m_impl->net->named_buffers())
        if (b.key().find("num_batches_tracked") == std::string::npos) tensors[b.key()] = b.value().detach();
    const std::map<std::string, std::string> metadata{
        {"kind", kClassifierKind},
        {"resolution", std::to_string(kClassifierResolution)},
        {"feature_dim", std::to_string(kClassifierFeatureDim)},
        {"license", "CC0-1.0 (trained by Latent Studio on procedurally generated Shapes World images)"},
    };
    return lscore::writeSafetensors(path, tensors, metadata);
}

std::vector<ScenePrediction> AttributeClassifier::classify(const torch::Tensor& images)
{
    torch::NoGradGuard noGrad;
    std::vector<ScenePrediction> out;
    const int64_t n = images.size(0);
    for (int64_t begin = 0; begin < n; begin += 64) {
        const auto batch = toClassifierInput(images.narrow(0, begin, std::min<int64_t>(64, n - begin)));
        auto part = decode(m_impl->net->forward(batch));
        out.insert(out.end(), part.begin(), part.end());
    }
    return out;
}

torch::Tensor AttributeClassifier::features(const torch::Tensor& images)
{
    torch::NoGradGuard noGrad;
    std::vector<torch::Tensor> parts;
    const int64_t n = images.size(0);
    for (int64_t begin = 0; begin < n; begin += 64)
        parts.push_back(m_impl->net->features(toClassifierInput(images.narrow(0, begin, std::min<int64_t>(64, n - begin)))));
    return torch::cat(parts, 0);
}

nlohmann::json AttributeClassifier::measureAccuracy(int samples, std::uint64_t seed, SplitFilter filter)
{
    const auto scenes = sampleScenes(seed, 0, std::max(samples, 1), filter);
    const auto predictions = classify(renderSceneTensor(scenes, kClassifierResolution));
    std::map<std::string, int> correct;
    for (std::size_t i = 0; i < scenes.size(); ++i) {
        const ScenePrediction truth = labelsFor(scenes[i]);
        const ScenePrediction& p = predictions[i];
        correct["shape"] += p.shape == truth.shape;
        correct["color"] += p.color == truth.color;
        correct["size"] += p.size == truth.size;
        correct["pattern"] += p.pattern == truth.pattern;
        correct["background_color"] += p.background == truth.background;
        correct["background_style"] += p.backgroundStyle == truth.backgroundStyle;
    }
    nlohmann::json report = nlohmann::json::object();
    for (const auto& [head, count] : correct) report[head] = static_cast<double>(count) / static_cast<double>(scenes.size());
    report["samples"] = scenes.size();
    return report;
}

torch::Tensor imagesToTensor(std::span<const Image> images)
{
    if (images.empty()) return torch::zeros({0, 3, 0, 0});
    const int w = images.front().width;
    const int h = images.front().height;
    auto out = torch::empty({static_cast<int64_t>(images.size()), 3, h, w});
    for (std::size_t i = 0; i < images.size(); ++i) {
        const Image& image = images[i];
        if (image.width != w || image.height != h || image.rgb.size() != static_cast<std::size_t>(w) * h * 3)
            throw std::invalid_argument("imagesToTensor: images differ in size");
        const auto hwc = torch::from_blob(const_cast<std::uint8_t*>(image.rgb.data()), {h, w, 3}, torch::kUInt8);
        out[static_cast<int64_t>(i)].copy_(hwc.permute({2, 0, 1}).to(torch::kFloat32) / 127.5 - 1.0);
    }
    return out;
}

torch::Tensor renderSceneTensor(std::span<const SceneSpec> scenes, int resolution)
{
    auto out = torch::empty({static_cast<int64_t>(scenes.size()), 3, resolution, resolution});
    renderScenes(scenes, out.data_ptr<float>(), resolution);
    return out;
}

} // namespace lstrain
