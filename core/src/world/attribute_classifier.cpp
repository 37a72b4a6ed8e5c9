// The attribute classifier behind the evaluator: a small strided CNN with one linear layer of heads.
// Sized so that it trains on the 2-core CPU in minutes (about 25 M multiply-adds per image) while the
// first layer still sees full-resolution stripes and dots.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>

#include <torch/torch.h>

#include "lscore/evaluator.h"
#include "lscore/safetensors.h"

namespace lscore {
namespace {

// Logit layout of the head layer.
struct HeadLayout {
    static constexpr int count = 0;                                // 2
    static constexpr int slot0 = count + 2;                        // shape 8, colour 12, size 2, pattern 3
    static constexpr int slotWidth = kShapeCount + kColorCount + kSizeClassCount + kPatternCount;
    static constexpr int slot1 = slot0 + slotWidth;
    static constexpr int background = slot1 + slotWidth;           // 12
    static constexpr int backgroundStyle = background + kColorCount;   // 4
    static constexpr int position = backgroundStyle + kBackgroundStyleCount;   // 5
    static constexpr int arrangement = position + kPositionCount;  // 2
    static constexpr int centres = arrangement + 2;                // 4: x0, y0, x1, y1
    static constexpr int total = centres + 4;
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
        // the channel-wise maximum and mean over the 8×8 map of the stage before: a small object's
        // colour and shape show up there wherever it sits (read through the flattened map alone, object
        // colour and shape stayed at chance level while background and position were learned).
        embed = register_module("embed", torch::nn::Linear(128 * 4 * 4 + 2 * 128, kClassifierFeatureDim));
        heads = register_module("heads", torch::nn::Linear(kClassifierFeatureDim, HeadLayout::total));
    }

    // The penultimate features; `stages`, when given, receives each stage's activation map (64 px
    // down to 4 px) followed by the features themselves.
    torch::Tensor features(torch::Tensor x, std::vector<torch::Tensor>* stages = nullptr)
    {
        torch::Tensor pooled;
        for (std::size_t i = 0; i < convs.size(); ++i) {
            if (i + 1 == convs.size()) pooled = torch::cat({x.amax({2, 3}), x.mean({2, 3})}, 1);
            x = torch::relu(norms[i]->forward(convs[i]->forward(x)));
            if (refines[i]) x = torch::relu(refineNorms[i]->forward(refines[i]->forward(x)));
            if (stages) stages->push_back(x);
        }
        // Leaky: a plain ReLU here can die wholesale early in training and leave the heads blind.
        torch::Tensor out = torch::leaky_relu(embed->forward(torch::cat({x.flatten(1), pooled}, 1)), 0.2);
        if (stages) stages->push_back(out.unsqueeze(-1).unsqueeze(-1));
        return out;
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

// Integer label tensors for a batch of scenes. Masks mark heads that do not apply.
struct Labels {
    torch::Tensor count, background, backgroundStyle, position, arrangement;
    std::array<torch::Tensor, 2> shape, color, size, pattern;
    torch::Tensor centres;        // [N, 4]
    torch::Tensor single;         // [N] bool: one object
};

Labels makeLabels(std::span<const SceneSpec> scenes)
{
    const auto n = static_cast<int64_t>(scenes.size());
    auto longs = [&] { return torch::zeros({n}, torch::kLong); };
    Labels l{longs(), longs(), longs(), longs(), longs(), {longs(), longs()}, {longs(), longs()},
             {longs(), longs()}, {longs(), longs()}, torch::zeros({n, 4}), torch::zeros({n}, torch::kBool)};
    auto acc = [](torch::Tensor& t) { return t.accessor<int64_t, 1>(); };
    auto count = acc(l.count), bg = acc(l.background), bgs = acc(l.backgroundStyle), pos = acc(l.position), arr = acc(l.arrangement);
    auto centres = l.centres.accessor<float, 2>();
    auto single = l.single.accessor<bool, 1>();
    for (int64_t i = 0; i < n; ++i) {
        const ScenePrediction p = labelsFor(scenes[static_cast<std::size_t>(i)]);
        count[i] = p.objectCount - 1;
        bg[i] = static_cast<int64_t>(p.background);
        bgs[i] = static_cast<int64_t>(p.backgroundStyle);
        pos[i] = static_cast<int64_t>(p.position);
        arr[i] = static_cast<int64_t>(p.arrangement);
        single[i] = p.objectCount == 1;
        for (std::size_t k = 0; k < 2; ++k) {
            // Accessors, like every other label here: no temporary tensor per element.
            const ObjectPrediction& o = p.objects[k];
            acc(l.shape[k])[i] = static_cast<int64_t>(o.shape);
            acc(l.color[k])[i] = static_cast<int64_t>(o.color);
            acc(l.size[k])[i] = static_cast<int64_t>(o.size);
            acc(l.pattern[k])[i] = static_cast<int64_t>(o.pattern);
            centres[i][static_cast<int64_t>(2 * k)] = o.cx;
            centres[i][static_cast<int64_t>(2 * k + 1)] = o.cy;
        }
    }
    return l;
}

torch::Tensor maskedCrossEntropy(const torch::Tensor& logits, const torch::Tensor& target, const torch::Tensor& mask)
{
    const auto losses = torch::nn::functional::cross_entropy(
        logits, target, torch::nn::functional::CrossEntropyFuncOptions().reduction(torch::kNone));
    const auto m = mask.to(torch::kFloat32);
    return (losses * m).sum() / m.sum().clamp_min(1.0);
}

torch::Tensor slice(const torch::Tensor& logits, int begin, int width) { return logits.narrow(1, begin, width); }

torch::Tensor totalLoss(const torch::Tensor& logits, const Labels& l)
{
    const auto all = torch::ones_like(l.single);
    const auto pair = l.single.logical_not();
    torch::Tensor loss = maskedCrossEntropy(slice(logits, HeadLayout::count, 2), l.count, all);
    for (int k = 0; k < 2; ++k) {
        const auto mask = k == 0 ? all : pair;
        int at = k == 0 ? HeadLayout::slot0 : HeadLayout::slot1;
        loss = loss + maskedCrossEntropy(slice(logits, at, kShapeCount), l.shape[k], mask);
        at += kShapeCount;
        loss = loss + maskedCrossEntropy(slice(logits, at, kColorCount), l.color[k], mask);
        at += kColorCount;
        loss = loss + maskedCrossEntropy(slice(logits, at, kSizeClassCount), l.size[k], mask);
        at += kSizeClassCount;
        loss = loss + maskedCrossEntropy(slice(logits, at, kPatternCount), l.pattern[k], mask);
    }
    loss = loss + maskedCrossEntropy(slice(logits, HeadLayout::background, kColorCount), l.background, all);
    loss = loss + maskedCrossEntropy(slice(logits, HeadLayout::backgroundStyle, kBackgroundStyleCount), l.backgroundStyle, all);
    loss = loss + maskedCrossEntropy(slice(logits, HeadLayout::position, kPositionCount), l.position, l.single);
    loss = loss + maskedCrossEntropy(slice(logits, HeadLayout::arrangement, 2), l.arrangement, pair);
    // Centres: slot 1 only counts for pairs. A small weight: early on this term must not swamp the
    // classification gradients (a weight of 50 left every head at chance level).
    const auto centreMask = torch::stack({all, all, pair, pair}, 1).to(torch::kFloat32);
    const auto centreError = (slice(logits, HeadLayout::centres, 4) - l.centres).pow(2) * centreMask;
    loss = loss + 5.0 * centreError.sum() / centreMask.sum().clamp_min(1.0);
    return loss;
}

std::vector<ScenePrediction> decode(const torch::Tensor& logits)
{
    const auto cpu = logits.to(torch::kCPU).contiguous();
    auto argmax = [&](int begin, int width) {
        const auto idx = cpu.narrow(1, begin, width).argmax(1).contiguous();
        return std::vector<int64_t>(idx.data_ptr<int64_t>(), idx.data_ptr<int64_t>() + idx.numel());
    };
    const auto count = argmax(HeadLayout::count, 2);
    std::array<std::vector<int64_t>, 2> shape, color, size, pattern;
    for (int k = 0; k < 2; ++k) {
        int at = k == 0 ? HeadLayout::slot0 : HeadLayout::slot1;
        shape[k] = argmax(at, kShapeCount);
        at += kShapeCount;
        color[k] = argmax(at, kColorCount);
        at += kColorCount;
        size[k] = argmax(at, kSizeClassCount);
        at += kSizeClassCount;
        pattern[k] = argmax(at, kPatternCount);
    }
    const auto background = argmax(HeadLayout::background, kColorCount);
    const auto style = argmax(HeadLayout::backgroundStyle, kBackgroundStyleCount);
    const auto position = argmax(HeadLayout::position, kPositionCount);
    const auto arrangement = argmax(HeadLayout::arrangement, 2);
    const auto centres = cpu.narrow(1, HeadLayout::centres, 4).contiguous();
    const auto c = centres.accessor<float, 2>();

    std::vector<ScenePrediction> out(static_cast<std::size_t>(cpu.size(0)));
    for (std::size_t i = 0; i < out.size(); ++i) {
        ScenePrediction& p = out[i];
        p.objectCount = static_cast<int>(count[i]) + 1;
        for (std::size_t k = 0; k < 2; ++k) {
            ObjectPrediction& o = p.objects[k];
            o.shape = static_cast<Shape>(shape[k][i]);
            o.color = static_cast<Color>(color[k][i]);
            o.size = static_cast<SizeClass>(size[k][i]);
            o.pattern = static_cast<Pattern>(pattern[k][i]);
            o.cx = c[static_cast<int64_t>(i)][static_cast<int64_t>(2 * k)];
            o.cy = c[static_cast<int64_t>(i)][static_cast<int64_t>(2 * k + 1)];
        }
        p.background = static_cast<Color>(background[i]);
        p.backgroundStyle = static_cast<BackgroundStyle>(style[i]);
        p.position = static_cast<Position>(position[i]);
        p.arrangement = static_cast<Arrangement>(arrangement[i]);
    }
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

ScenePrediction labelsFor(const SceneSpec& scene)
{
    ScenePrediction p;
    p.objectCount = std::clamp(static_cast<int>(scene.objects.size()), 1, 2);
    p.background = scene.background;
    p.backgroundStyle = scene.backgroundStyle;
    p.position = scene.position;
    std::array<const ObjectSpec*, 2> order{&scene.objects.front(), &scene.objects.back()};
    if (p.objectCount == 2) {
        const bool sideBySide = scene.relation == Relation::LeftOf || scene.relation == Relation::RightOf;
        p.arrangement = sideBySide ? Arrangement::SideBySide : Arrangement::Stacked;
        // Spatial order: the first object of a "right of" or "below" relation is the second slot.
        if (scene.relation == Relation::RightOf || scene.relation == Relation::Below) std::swap(order[0], order[1]);
    }
    for (std::size_t k = 0; k < 2; ++k) {
        const ObjectSpec& o = *order[k];
        p.objects[k] = {o.shape, o.color, o.size, o.pattern, o.cx, o.cy};
    }
    return p;
}

Result<std::unique_ptr<AttributeClassifier>> AttributeClassifier::load(const std::string& path)
{
    auto file = readSafetensors(path);
    if (!file) return Error{file.error()};
    const auto kind = file->metadata.find("kind");
    if (kind == file->metadata.end() || kind->second != "shapes-world-attribute-classifier")
        return makeError(path + " is not a Shapes World attribute classifier (metadata \"kind\" is missing or different); "
                                "train one with: latent-studio-lab evaluate --train-classifier FILE");
    auto impl = std::make_unique<Impl>();
    try {
        torch::NoGradGuard noGrad;
        auto copyInto = [&](const std::string& name, torch::Tensor& target) -> Status {
            const auto it = file->tensors.find(name);
            if (it == file->tensors.end()) return makeError(path + " lacks the tensor \"" + name + "\"; the file is incomplete or from another version");
            if (it->second.sizes() != target.sizes())
                return makeError(path + ": tensor \"" + name + "\" has the wrong shape; the file is from another classifier version");
            target.copy_(it->second);
            return Status::success();
        };
        for (auto& p : impl->net->named_parameters()) {
            if (Status s = copyInto(p.key(), p.value()); !s) return Error{s.error()};
        }
        for (auto& b : impl->net->named_buffers()) {
            if (b.key().find("num_batches_tracked") != std::string::npos) continue;
            if (Status s = copyInto(b.key(), b.value()); !s) return Error{s.error()};
        }
    } catch (const std::exception& e) {
        return makeError(path + ": cannot load the classifier (" + e.what() + ")");
    }
    // A loaded classifier is only ever read: no gradients for its weights (the trainer's perceptual
    // term differentiates through it to the images, not into it).
    for (auto& p : impl->net->parameters()) p.set_requires_grad(false);
    impl->net->eval();
    return std::unique_ptr<AttributeClassifier>(new AttributeClassifier(std::move(impl)));
}

Result<std::unique_ptr<AttributeClassifier>> AttributeClassifier::train(const ClassifierTrainOptions& options)
{
    if (options.steps < 1 || options.batchSize < 2 || options.batchSize > 4096)
        return makeError("Classifier training needs steps >= 1 and a batch size between 2 and 4096.");
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
            const Labels labels = makeLabels(scenes);
            optimizer.zero_grad();
            const torch::Tensor loss = totalLoss(impl->net->forward(images), labels);
            loss.backward();
            optimizer.step();
            if (options.progress && (step % 25 == 0 || step + 1 == options.steps)) options.progress(step, loss.item<double>());
        }
        impl->net->eval();
    } catch (const std::exception& e) {
        return makeError(std::string("Classifier training failed: ") + e.what());
    }
    return std::unique_ptr<AttributeClassifier>(new AttributeClassifier(std::move(impl)));
}

Status AttributeClassifier::save(const std::string& path) const
{
    std::map<std::string, torch::Tensor> tensors;
    for (const auto& p : m_impl->net->named_parameters()) tensors[p.key()] = p.value().detach();
    for (const auto& b : m_impl->net->named_buffers()) {
        if (b.key().find("num_batches_tracked") == std::string::npos) tensors[b.key()] = b.value().detach();
    }
    const std::map<std::string, std::string> metadata{
        {"kind", "shapes-world-attribute-classifier"},
        {"format_version", "3"},
        {"resolution", std::to_string(kClassifierResolution)},
        {"feature_dim", std::to_string(kClassifierFeatureDim)},
        {"license", "CC0-1.0 (trained by Latent Studio on procedurally generated Shapes World images)"},
    };
    return writeSafetensors(path, tensors, metadata);
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

void AttributeClassifier::moveTo(const torch::Device& device) { m_impl->net->to(device); }

torch::Tensor AttributeClassifier::perceptualDistance(const torch::Tensor& generated, const torch::Tensor& real)
{
    if (generated.sizes() != real.sizes())
        throw std::invalid_argument("perceptual distance: the two image batches differ in shape");
    m_impl->net->eval();
    std::vector<torch::Tensor> ofGenerated, ofReal;
    m_impl->net->features(toClassifierInput(generated), &ofGenerated);
    {
        torch::NoGradGuard noGrad;
        m_impl->net->features(toClassifierInput(real), &ofReal);
    }
    // LPIPS-style: each position's channel vector scaled to unit length, so that every stage counts
    // alike whatever its activation scale, and the squared difference summed over channels.
    auto unit = [](const torch::Tensor& t) { return t / (t.pow(2).sum(1, true) + 1e-10).sqrt(); };
    torch::Tensor distance = torch::zeros({}, generated.options().dtype(torch::kFloat32));
    for (std::size_t i = 0; i < ofGenerated.size(); ++i)
        distance = distance + (unit(ofGenerated[i]) - unit(ofReal[i])).pow(2).sum(1).mean();
    return distance / static_cast<double>(ofGenerated.size());
}

torch::Tensor AttributeClassifier::labelLoss(const torch::Tensor& generated, std::span<const SceneSpec> scenes)
{
    if (generated.dim() != 4 || generated.size(0) != static_cast<int64_t>(scenes.size()))
        throw std::invalid_argument("label loss: one scene per generated image is needed");
    m_impl->net->eval();
    const torch::Device device = generated.device();
    Labels labels = makeLabels(scenes);
    for (torch::Tensor* t : {&labels.count, &labels.background, &labels.backgroundStyle, &labels.position,
                             &labels.arrangement, &labels.centres, &labels.single})
        *t = t->to(device);
    for (std::size_t k = 0; k < 2; ++k)
        for (torch::Tensor* t : {&labels.shape[k], &labels.color[k], &labels.size[k], &labels.pattern[k]})
            *t = t->to(device);
    return totalLoss(m_impl->net->forward(toClassifierInput(generated)), labels);
}

nlohmann::json AttributeClassifier::measureAccuracy(int samples, std::uint64_t seed, SplitFilter filter)
{
    const auto scenes = sampleScenes(seed, 0, std::max(samples, 1), filter);
    const auto predictions = classify(renderSceneTensor(scenes, kClassifierResolution));
    std::map<std::string, std::pair<int, int>> tally;   // head -> (correct, total)
    auto count = [&](const char* head, bool correct) {
        auto& t = tally[head];
        t.first += correct ? 1 : 0;
        t.second += 1;
    };
    double centreError = 0.0;
    int centres = 0;
    for (std::size_t i = 0; i < scenes.size(); ++i) {
        const ScenePrediction truth = labelsFor(scenes[i]);
        const ScenePrediction& p = predictions[i];
        count("count", p.objectCount == truth.objectCount);
        for (int k = 0; k < truth.objectCount; ++k) {
            const auto& t = truth.objects[static_cast<std::size_t>(k)];
            const auto& o = p.objects[static_cast<std::size_t>(k)];
            count("shape", o.shape == t.shape);
            count("color", o.color == t.color);
            count("size", o.size == t.size);
            count("pattern", o.pattern == t.pattern);
            centreError += std::hypot(o.cx - t.cx, o.cy - t.cy);
            ++centres;
        }
        count("background_color", p.background == truth.background);
        count("background_style", p.backgroundStyle == truth.backgroundStyle);
        if (truth.objectCount == 1) count("position", p.position == truth.position);
        else count("arrangement", p.arrangement == truth.arrangement);
    }
    nlohmann::json report = nlohmann::json::object();
    for (const auto& [head, t] : tally) report[head] = static_cast<double>(t.first) / std::max(t.second, 1);
    report["centre_mean_error"] = centres > 0 ? centreError / centres : 0.0;
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

const char* toString(Arrangement arrangement)
{
    return arrangement == Arrangement::SideBySide ? "side by side" : "stacked";
}

} // namespace lscore
