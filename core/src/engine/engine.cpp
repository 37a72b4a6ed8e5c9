// Engine: opens a model, composes EditStates into per-layer network inputs and renders batches.
//
// Composition follows lscore/edit_state.h exactly; the comments below say why things are done the
// way they are rather than repeating the maths.
#include "lscore/engine.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <list>
#include <unordered_map>

#include <ATen/CPUGeneratorImpl.h>
#include <torch/torch.h>

#include "lscore/atomic_file.h"
#include "lscore/biggan.h"
#include "lscore/biggan_folder.h"
#include "lscore/clip_text_encoder.h"
#include "lscore/clip_tokenizer.h"
#include "lscore/json_input.h"
#include "lscore/model_description.h"
#include "lscore/numpy_random.h"
#include "lscore/safetensors.h"
#include "lscore/sha256.h"
#include "lscore/snapshot_pickle.h"
#include "lscore/stylegan2.h"
#include "lscore/stylegan3.h"
#include "lscore/text_encoder.h"
#include "lscore/torch_device.h"

namespace lscore {
namespace {

// The largest model file opened (the snapshot reader's own limit): a 1024 px StyleGAN snapshot with
// G, G_ema and D is well under 1 GiB.
constexpr std::uint64_t kMaxModelFileBytes = std::uint64_t{16} << 30;

// Interpolation that returns an endpoint itself at exactly 0 or 1: pure cases stay bit-exact.
torch::Tensor interpolate(const torch::Tensor& a, const torch::Tensor& b, double t, InterpolationMode mode)
{
    if (t == 0.0) return a;
    if (t == 1.0) return b;
    if (mode == InterpolationMode::Slerp) {
        // Slerp on the raw (unnormalised) vectors, as latent-walk demos do for Gaussian z: keeps the
        // norm near the typical-set shell instead of shrinking through the middle like lerp.
        const auto a64 = a.to(torch::kFloat64);
        const auto b64 = b.to(torch::kFloat64);
        const double na = a64.norm().item<double>();
        const double nb = b64.norm().item<double>();
        if (na > 1e-12 && nb > 1e-12) {
            const double cosine = std::clamp((a64 * b64).sum().item<double>() / (na * nb), -1.0, 1.0);
            const double omega = std::acos(cosine);
            if (std::sin(omega) > 1e-6) {
                const double wa = std::sin((1.0 - t) * omega) / std::sin(omega);
                const double wb = std::sin(t * omega) / std::sin(omega);
                return (a64 * wa + b64 * wb).to(a.scalar_type());
            }
        }
    }
    return torch::lerp(a, b, t);
}

std::string tensorKey(const torch::Tensor& t)
{
    const auto c = t.to(torch::kCPU).contiguous();
    return std::string(static_cast<const char*>(c.data_ptr()), c.numel() * c.element_size());
}

// A small bounded cache: the studio revisits the same few prompts and seeds constantly, but a long
// export must not grow memory without bound.
template <typename Value>
class BoundedCache {
public:
    explicit BoundedCache(std::size_t capacity) : m_capacity(capacity) {}
    const Value* find(const std::string& key) const
    {
        const auto it = m_map.find(key);
        return it == m_map.end() ? nullptr : &it->second;
    }
    const Value& insert(const std::string& key, Value value)
    {
        if (m_map.size() >= m_capacity) {
            m_map.erase(m_order.front());
            m_order.pop_front();
        }
        m_order.push_back(key);
        return m_map.emplace(key, std::move(value)).first->second;
    }
    void clear() { m_map.clear(); m_order.clear(); }

private:
    std::size_t m_capacity;
    std::unordered_map<std::string, Value> m_map;
    std::list<std::string> m_order;
};

std::string lowerExtension(const std::string& path)
{
    std::string ext = std::filesystem::path(path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return ext;
}

// A libtorch failure in one line for the user: c10 errors carry 30 lines of C++ frames, and an
// allocation failure deserves to say what it is and what to do.
std::string describeTorchFailure(const std::exception& error)
{
    std::string text;
    if (const auto* c10Error = dynamic_cast<const c10::Error*>(&error))
        text = c10Error->what_without_backtrace();
    else
        text = error.what();
    const bool outOfMemory = dynamic_cast<const std::bad_alloc*>(&error) != nullptr
        || text.find("can't allocate memory") != std::string::npos
        || text.find("out of memory") != std::string::npos;
    if (outOfMemory)
        return "not enough memory (" + text.substr(0, text.find('\n'))
               + "); close other programs, render a smaller batch or size, or use a smaller model";
    if (const auto newline = text.find('\n'); newline != std::string::npos) text.resize(newline);
    return text.size() > 300 ? text.substr(0, 300) + "…" : text;
}

// "31.2 M", "4 k", "12" — weight counts in messages.
std::string describeCount(double count)
{
    char buffer[32];
    if (count >= 1e6) std::snprintf(buffer, sizeof buffer, "%.1f M", count / 1e6);
    else if (count >= 1e3) std::snprintf(buffer, sizeof buffer, "%.0f k", count / 1e3);
    else std::snprintf(buffer, sizeof buffer, "%.0f", count);
    return buffer;
}

// A description for NVlabs StyleGAN3 settings: the layer table comes from the network's geometry.
Result<ModelDescription> describeStyleGan3(const nlohmann::json& initKwargs, const std::string& source)
{
    auto config = StyleGan3Config::fromJson(initKwargs);
    if (!config) return Error{config.error()};
    return describeNvlabsStyleGan3(initKwargs, styleGan3LayerTable(*config), source);
}

// The layer view's picture of an activation [C, H, W] (LayerViewMode says what each mode shows).
LayerView layerViewOf(const torch::Tensor& activation, const LayerViewRequest& request)
{
    const torch::Tensor x = activation.to(torch::kCPU, torch::kFloat32).contiguous();
    LayerView view;
    view.layer = request.layer;
    view.channels = static_cast<int>(x.size(0));
    view.height = static_cast<int>(x.size(1));
    view.width = static_cast<int>(x.size(2));
    const torch::Tensor magnitude = x.abs();
    view.meanAbs = magnitude.mean().item<double>();
    view.maxAbs = magnitude.max().item<double>();
    // Each picture is scaled to its own largest |x| (a dead channel stays black or mid-grey).
    const auto scaled = [](const torch::Tensor& t) { return t / t.abs().max().clamp_min(1e-8); };
    torch::Tensor rgb;   // [H', W', 3] in [0, 1]
    switch (request.mode) {
    case LayerViewMode::Channel: {
        view.firstChannel = std::clamp(request.channel, 0, view.channels - 1);
        view.shownChannels = 1;
        const torch::Tensor v = scaled(x[view.firstChannel]).unsqueeze(-1);   // [-1, 1]
        // Diverging: 0 is near-black, positive towards orange, negative towards blue.
        const torch::Tensor positive = torch::tensor({1.0f, 0.62f, 0.2f}), negative = torch::tensor({0.25f, 0.55f, 1.0f});
        rgb = v.clamp_min(0) * positive + (-v).clamp_min(0) * negative;
        break;
    }
    case LayerViewMode::MeanAbs: {
        view.shownChannels = view.channels;
        const torch::Tensor v = magnitude.mean(0);
        const torch::Tensor u = (v / v.max().clamp_min(1e-8)).unsqueeze(-1);   // [0, 1]
        // Heat: black → red → yellow → white.
        rgb = torch::cat({(u * 3).clamp(0, 1), (u * 3 - 1).clamp(0, 1), (u * 3 - 2).clamp(0, 1)}, -1);
        break;
    }
    case LayerViewMode::Channels: {
        view.firstChannel = std::clamp(request.channel, 0, view.channels - 1);
        view.shownChannels = std::min(kLayerViewGridChannels, view.channels - view.firstChannel);
        const int columns = static_cast<int>(std::ceil(std::sqrt(static_cast<double>(view.shownChannels))));
        const int rows = (view.shownChannels + columns - 1) / columns;
        const std::int64_t h = view.height, w = view.width;
        torch::Tensor grid = torch::full({rows * (h + 1) - 1, columns * (w + 1) - 1}, 0.15f);
        for (int k = 0; k < view.shownChannels; ++k) {
            const torch::Tensor tile = scaled(x[view.firstChannel + k]) * 0.5 + 0.5;   // grey around 0.5
            const std::int64_t top = (k / columns) * (h + 1), left = (k % columns) * (w + 1);
            grid.narrow(0, top, h).narrow(1, left, w).copy_(tile);
        }
        rgb = grid.unsqueeze(-1).expand({-1, -1, 3});
        break;
    }
    }
    const torch::Tensor bytes = (rgb * 255.0 + 0.5).clamp(0, 255).to(torch::kUInt8).contiguous();
    view.image.height = static_cast<int>(bytes.size(0));
    view.image.width = static_cast<int>(bytes.size(1));
    view.image.rgb.assign(bytes.data_ptr<std::uint8_t>(), bytes.data_ptr<std::uint8_t>() + bytes.numel());
    return view;
}

// A unit direction's sign, fixed so that its largest-magnitude entry is positive: an eigenvector's
// sign is arbitrary, and the same search must give the same arrows on every machine.
torch::Tensor withFixedSign(const torch::Tensor& vector)
{
    const auto largest = vector.abs().argmax().item<std::int64_t>();
    return vector[largest].item<double>() < 0.0 ? -vector : vector;
}

constexpr std::uint64_t kDirectionSampleSeed = 0xd1ec7105ULL;   // z of GANSpace's samples and SeFa's σ
constexpr int kMappingBatch = 1000;

constexpr int kWAvgSamples = 512;        // samples for a condition's average w (truncation centre)
constexpr std::uint64_t kWAvgSeed = 0x5eed5eedULL;

} // namespace

struct Engine::Impl {
    std::string path;
    std::string hash;
    ModelDescription description;
    torch::Device device{torch::kCPU};
    StyleGan2Config config;            // StyleGAN3: its mapping's settings (the same maths)
    Generator generator{nullptr};      // StyleGAN2 family, or
    StyleGan3Generator generator3{nullptr};   // StyleGAN3
    BigGanGenerator biggan{nullptr};          // BigGAN-deep (no mapping: its conditioning is cat(z, class embedding))
    MappingNetwork mapping{nullptr};   // the mapping of whichever generator is open
    TextEncoder textEncoder{nullptr};
    WordTokenizer tokenizer;
    // CLIP-conditioned models: the BPE tokenizer and the text tower from its own file.
    std::optional<ClipTokenizer> clipTokenizer;
    ClipTextEncoder clipEncoder{nullptr};
    std::string clipPath, clipHash;
    std::atomic_bool cancel{false};

    BoundedCache<torch::Tensor> textCache{256};    // prompt -> pooled embedding [text_dim]
    BoundedCache<torch::Tensor> wCache{4096};      // (z bytes, c bytes) -> w [w_dim]
    BoundedCache<torch::Tensor> wAvgCache{256};    // c bytes -> average w of that condition
    SynthesisCache synthesisCache;                 // the last single StyleGAN2 frame's block outputs
    int blocksReused = 0;                          // by the latest single frame
    int previewDivisorUsed = 1;                    // by the latest render

    bool isText() const { return description.conditioning.type == ConditioningType::Text; }
    bool isClip() const { return isText() && description.conditioning.clip; }
    // The CLIP tokenizer and text tower a CLIP-conditioned generator reads its prompts through.
    Status openClipTextEncoder(const std::string& modelPath, const EngineOptions& options);
    bool isClass() const { return description.conditioning.type == ConditioningType::Class; }

    Result<torch::Tensor> encodePrompt(const std::string& prompt, const char* which)
    {
        if (const torch::Tensor* cached = textCache.find(prompt)) return *cached;
        if (isClip()) {
            // LAFITE's input: the CLIP feature scaled to unit length. A long prompt is cut (with a
            // note from checkPrompt), never refused.
            const ClipTokens tokens = clipTokenizer->tokenize(prompt);
            auto ids = torch::tensor(tokens.ids, torch::kInt64).unsqueeze(0).to(device);
            torch::Tensor feature = clipEncoder->forward(ids)[0];
            return textCache.insert(prompt, feature / feature.norm());
        }
        const PromptCheck check = tokenizer.check(prompt);
        if (!check.ok())
            return makeError(std::string("prompt ") + which + " \"" + prompt + "\": " + check.message());
        auto ids = torch::tensor(check.ids, torch::kInt64).unsqueeze(0).to(device);
        torch::Tensor pooled = textEncoder->forward(ids).pooled[0];
        return textCache.insert(prompt, pooled);
    }

    // The class input's width: BigGAN's class count, the StyleGAN family's c_dim.
    int classCount() const { return biggan ? biggan->config.num_classes : config.c_dim; }

    torch::Tensor classVector(int index) const
    {
        auto c = torch::zeros({classCount()}, torch::TensorOptions().dtype(torch::kFloat32).device(device));
        c[index] = 1.0;
        return c;
    }

    // One-hot vectors of a state's classes A and B, or a message naming a class the model lacks.
    Result<std::pair<torch::Tensor, torch::Tensor>> classEnds(const EditState& state) const
    {
        const int classes = classCount();
        for (int cls : {state.classA, state.classB})
            if (cls < 0 || cls >= classes)
                return makeError("class " + std::to_string(cls) + " does not exist: this model has " + std::to_string(classes) +
                                 " classes (0–" + std::to_string(classes - 1) + ")");
        return std::make_pair(classVector(state.classA), classVector(state.classB));
    }

    // The two ends of the conditioning axis for a state (text embeddings or one-hot classes).
    Result<std::pair<torch::Tensor, torch::Tensor>> conditionEnds(const EditState& state)
    {
        if (isText()) {
            auto a = encodePrompt(state.promptA, "A");
            if (!a) return Error{a.error()};
            auto b = encodePrompt(state.promptB, "B");
            if (!b) return Error{b.error()};
            return std::make_pair(*a, *b);
        }
        if (isClass()) return classEnds(state);
        return std::make_pair(torch::Tensor(), torch::Tensor());
    }

    torch::Tensor zForSeed(std::uint32_t seed) const
    {
        const std::vector<float> z = seedToZ(seed, config.z_dim);
        return torch::tensor(z, torch::kFloat32).to(device);
    }

    // mapping(z, c) for one row, cached by the exact input values.
    torch::Tensor mapW(const torch::Tensor& z, const torch::Tensor& c)
    {
        std::string key = tensorKey(z);
        if (c.defined()) key += tensorKey(c);
        if (const torch::Tensor* cached = wCache.find(key)) return *cached;
        torch::Tensor w = mapping->mapToW(z.unsqueeze(0), c.defined() ? c.unsqueeze(0) : c)[0];
        return wCache.insert(key, w);
    }

    // The truncation centre of a condition: NVlabs' stored w_avg for unconditional models, the mean w
    // over fixed z samples for conditional ones (a class or prompt has its own typical w; pulling
    // toward the global average would wash the condition out).
    torch::Tensor wAvgFor(const torch::Tensor& c)
    {
        if (!c.defined()) return mapping->w_avg;
        const std::string key = tensorKey(c);
        if (const torch::Tensor* cached = wAvgCache.find(key)) return *cached;
        auto gen = at::detail::createCPUGenerator(kWAvgSeed);
        auto z = torch::randn({kWAvgSamples, config.z_dim}, gen, torch::kFloat32).to(device);
        auto w = mapping->mapToW(z, c.unsqueeze(0).expand({kWAvgSamples, c.size(0)}).contiguous());
        return wAvgCache.insert(key, w.mean(0));
    }

    struct ComposedBatch {
        torch::Tensor ws;         // [N, num_ws, w_dim]
        torch::Tensor layerText;  // [N, num_ws, text_dim] or undefined
    };

    // A state's moves along directions with a non-zero amount, as W offsets on the device.
    struct DirectionMove {
        const DirectionEdit* edit = nullptr;
        torch::Tensor offset;   // amount · sigma · vector, [w_dim]
    };
    Result<std::vector<DirectionMove>> directionMoves(const EditState& state) const
    {
        std::vector<DirectionMove> moves;
        for (const DirectionEdit& direction : state.directions) {
            if (direction.amount == 0.0) continue;
            if (static_cast<int>(direction.vector.size()) != config.w_dim)
                return makeError("direction '" + direction.name + "' has " + std::to_string(direction.vector.size())
                                 + " values, but this model's w has " + std::to_string(config.w_dim)
                                 + ": it was found for another model; remove it or search this model's own");
            const auto values = torch::from_blob(const_cast<float*>(direction.vector.data()),
                                                 {static_cast<std::int64_t>(direction.vector.size())}, torch::kFloat32);
            moves.push_back({&direction, (values * (direction.amount * direction.sigma)).to(device)});
        }
        return moves;
    }

    Result<ComposedBatch> compose(std::span<const EditState> states)
    {
        const int numWs = description.numWs;
        std::vector<torch::Tensor> wsRows;
        std::vector<torch::Tensor> textRows;
        for (const EditState& state : states) {
            auto moves = directionMoves(state);
            if (!moves) return Error{moves.error()};
            auto ends = conditionEnds(state);
            if (!ends) return Error{ends.error()};
            const auto& [condA, condB] = *ends;
            const LayerPlan plan = planLayers(state, numWs);
            const torch::Tensor conditionT =
                condA.defined() ? interpolate(condA, condB, state.promptT, state.promptMode) : torch::Tensor();
            const torch::Tensor zA = zForSeed(state.seedA);
            const torch::Tensor zB = zForSeed(state.seedB);
            const torch::Tensor zU = interpolate(zA, zB, state.latentT, state.latentMode);

            std::vector<torch::Tensor> layerWs;
            std::vector<torch::Tensor> layerConditions;
            for (int i = 0; i < numWs; ++i) {
                const auto idx = static_cast<std::size_t>(i);
                const torch::Tensor condition =
                    conditionT.defined() ? interpolate(conditionT, condB, plan.promptMix[idx], state.promptMode) : conditionT;
                // LAFITE's mapping never sees the text: its layers read it, its w does not.
                const torch::Tensor mappingCondition = config.text_dim > 0 && !config.mappingSeesText() ? torch::Tensor() : condition;
                torch::Tensor w = mapW(zU, mappingCondition);
                if (plan.styleMix[idx] != 0.0) {
                    const torch::Tensor wB = mapW(zB, mappingCondition);
                    w = plan.styleMix[idx] == 1.0 ? wB : torch::lerp(w, wB, plan.styleMix[idx]);
                }
                const bool truncated = state.truncationCutoff < 0 || i < state.truncationCutoff;
                if (truncated && state.truncationPsi != 1.0) {
                    const torch::Tensor center = wAvgFor(mappingCondition);
                    w = center + (w - center) * state.truncationPsi;
                }
                for (const DirectionMove& move : *moves)
                    if (move.edit->reaches(i)) w = w + move.offset;
                layerWs.push_back(w);
                if (isText()) layerConditions.push_back(condition);
            }
            wsRows.push_back(torch::stack(layerWs));
            if (isText()) textRows.push_back(torch::stack(layerConditions));
        }
        ComposedBatch batch;
        batch.ws = torch::stack(wsRows);
        if (isText()) batch.layerText = torch::stack(textRows);
        return batch;
    }

    // BigGAN-deep's per-site conditioning, with the same edit semantics as the StyleGAN family's
    // (lscore/edit_state.h) in its terms: class(t) = interp(onehot A, onehot B, t) and class_i =
    // interp(class(t), onehot B, m_i) per site; z = ψ·truncnorm(seed), z(u) = interp(z A, z B, u)
    // and z_i = lerp(z(u), z B, k_i); cond_i = cat(z_i, embed(class_i)). The truncation ψ also picks
    // the standing statistics of the forward pass.
    Result<torch::Tensor> composeBigGan(std::span<const EditState> states)
    {
        const int sites = description.numWs;
        std::vector<torch::Tensor> zRows, classRows;
        for (const EditState& state : states) {
            auto ends = classEnds(state);
            if (!ends) return Error{ends.error()};
            const auto& [classA, classB] = *ends;
            const LayerPlan plan = planLayers(state, sites);
            const torch::Tensor classT = interpolate(classA, classB, state.promptT, state.promptMode);
            const auto truncation = static_cast<float>(state.truncationPsi);
            const auto noise = [&](std::uint32_t seed) {
                return torch::tensor(seedToTruncatedNormal(seed, biggan->config.z_dim), torch::kFloat32).to(device) * truncation;
            };
            const torch::Tensor zB = noise(state.seedB);
            const torch::Tensor zU = interpolate(noise(state.seedA), zB, state.latentT, state.latentMode);
            for (int i = 0; i < sites; ++i) {
                const auto idx = static_cast<std::size_t>(i);
                classRows.push_back(interpolate(classT, classB, plan.promptMix[idx], state.promptMode));
                const double k = plan.styleMix[idx];
                zRows.push_back(k == 0.0 ? zU : k == 1.0 ? zB : torch::lerp(zU, zB, k));
            }
        }
        const auto n = static_cast<std::int64_t>(states.size());
        return biggan->conditionVector(torch::stack(zRows), torch::stack(classRows)).view({n, sites, -1});
    }

    bool supportsPreview() const { return generator && config.architecture == "skip" && config.img_resolution >= 64; }

    // The layer view's probe for the render in progress (its group's first frame), or none.
    std::optional<LayerProbe> probe;

    std::vector<SynthesisLayerEntry> synthesisLayers() const;
    // The W columns of the style affine of every modulated convolution reading a w index in
    // [first, end), with its weight gain: SeFa's A, [rows, w_dim] in float64.
    torch::Tensor styleAffineRows(int first, int end) const;
    // `count` mapped w under condition c (undefined: none) from a fixed seed, in batches, polling
    // cancel and reporting progress between them: [count, w_dim] in float64.
    torch::Tensor sampleW(int count, const torch::Tensor& c, const DirectionSearch* search);
    Result<torch::Tensor> mappingConditionOf(const EditState& state);

    Result<std::vector<Image>> renderGroup(std::span<const EditState> states, const RenderOptions& renderOptions)
    {
        if (biggan) {
            // Frame by frame, so that a frame renders the same in the live view, a batched export and a
            // range export: the CPU kernels block a batch's rows differently for every batch size.
            std::vector<Image> frames;
            for (const EditState& state : states) {
                for (const DirectionEdit& direction : state.directions)
                    if (direction.amount != 0.0)
                        return makeError("direction '" + direction.name + "' moves w, and BigGAN has no W space: set its "
                                         "amount to 0 or remove it for this model");
                const double truncation = state.truncationPsi;
                if (!(truncation > 0.0 && truncation <= 1.0))
                    return makeError("BigGAN's truncation must be above 0 and at most 1 (it picks the standing statistics "
                                     "learnt for that noise scale); this frame asks for " + std::to_string(truncation));
                auto conds = composeBigGan(std::span<const EditState>(&state, 1));
                if (!conds) return Error{conds.error()};
                // The port's conversion to 8 bits: clip((x + 1) / 2 · 256, 0, 255), truncated.
                const torch::Tensor image = biggan->forward(*conds, truncation, &cancel);
                for (Image& frame : toImages((image * 128.0 + 128.0).clamp(0, 255).to(torch::kUInt8).permute({0, 2, 3, 1})))
                    frames.push_back(std::move(frame));
            }
            return frames;
        }
        auto composed = compose(states);
        if (!composed) return Error{composed.error()};
        SynthesisOptions options;
        options.cancel = &cancel;
        // The fused (grouped) modulated convolution computes every sample independently, so a frame
        // gets identical pixels whichever batch it is rendered in: the studio's single frame, a
        // batched export and a range export all agree. The non-fused form mixes samples in one
        // convolution whose blocking depends on the batch size and differs in the last bit.
        options.modConvMode = ModConvMode::Fused;
        switch (states.front().noiseMode) {
        case EditNoiseMode::Const: options.noiseMode = NoiseMode::Const; break;
        case EditNoiseMode::None: options.noiseMode = NoiseMode::None; break;
        case EditNoiseMode::Random:
            options.noiseMode = NoiseMode::Random;
            options.noiseSeed = states.front().noiseSeed;
            break;
        }
        torch::Tensor images;
        if (probe) options.probe = &*probe;
        if (generator3) {
            // Frame by frame, each through its own move and turn, so that a frame renders the same in
            // the live view, a batched export and a range export.
            std::vector<StyleGan3Transform> transforms;
            for (const EditState& state : states) transforms.push_back({state.translateX, state.translateY, state.rotateDegrees});
            images = generator3->synthesis->forwardEachFrame(composed->ws, transforms, &cancel, options.probe);
        } else {
            // The live view's frame resumes where the previous one's styles first differ (not when the
            // layer view needs every layer run).
            const bool resume = states.size() == 1 && renderOptions.resumeFromPreviousFrame && !probe;
            if (resume) options.cache = &synthesisCache;
            if (renderOptions.previewDivisor > 1 && supportsPreview()) {
                options.stopAtResolution = std::max(16, config.img_resolution / renderOptions.previewDivisor);   // never coarser than 16 px
                previewDivisorUsed = config.img_resolution / options.stopAtResolution;
            }
            images = generator->synthesis->forward(composed->ws, composed->layerText, options);
            if (resume) blocksReused = std::max(0, synthesisCache.firstBlockComputed);
        }
        return toImages(toUint8Nhwc(images));
    }

    static std::vector<Image> toImages(const torch::Tensor& nhwc)
    {
        const torch::Tensor pixels = nhwc.to(torch::kCPU).contiguous();
        std::vector<Image> out;
        const int height = static_cast<int>(pixels.size(1));
        const int width = static_cast<int>(pixels.size(2));
        for (int n = 0; n < pixels.size(0); ++n) {
            Image image;
            image.width = width;
            image.height = height;
            const auto row = pixels[n];
            if (pixels.size(3) == 3) {
                image.rgb.assign(row.data_ptr<std::uint8_t>(), row.data_ptr<std::uint8_t>() + row.numel());
            } else {
                // Grayscale (1 channel) models are shown as gray RGB; extra channels are dropped.
                const auto rgb = pixels.size(3) == 1 ? row.expand({height, width, 3}).contiguous()
                                                     : row.slice(2, 0, 3).contiguous();
                image.rgb.assign(rgb.data_ptr<std::uint8_t>(), rgb.data_ptr<std::uint8_t>() + rgb.numel());
            }
            out.push_back(std::move(image));
        }
        return out;
    }
};

Engine::Engine(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Engine::~Engine() = default;

Result<std::unique_ptr<Engine>> Engine::open(const std::string& modelPath, const EngineOptions& options)
{
    std::error_code ec;
    if (!std::filesystem::exists(modelPath, ec))
        return makeError(modelPath + ": no such file");
    const std::optional<BigGanFolder> bigGanFolder = findBigGanFolder(modelPath);
    if (!bigGanFolder && (std::filesystem::is_directory(modelPath, ec) || lowerExtension(modelPath) == ".bin"))
        return makeError(bigGanFolderProblem(modelPath));

    auto device = parseTorchDevice(options.device);
    if (!device) return Error{device.error()};
    if (options.threads > 0) torch::set_num_threads(options.threads);

    auto impl = std::make_unique<Impl>();
    impl->path = modelPath;
    impl->device = *device;

    std::map<std::string, torch::Tensor> tensors;
    const std::string ext = lowerExtension(modelPath);
    // Cancel points between the stages of an open, each at most a few seconds for the largest model.
    const auto cancelled = [&options] { return options.cancel && options.cancel->load(); };
    try {
        // One read of the file: the bytes hashed are exactly the bytes parsed (a model rewritten while
        // it opens must not get the hash of bytes that were never rendered).
        auto bytes = readRegularFile(bigGanFolder ? bigGanFolder->weightsPath : modelPath, kMaxModelFileBytes, "the model", options.cancel);
        if (!bytes) return Error{cancelled() ? std::string(kOpenCancelled) : bytes.error()};
        const std::span<const std::byte> view(reinterpret_cast<const std::byte*>(bytes->data()), bytes->size());
        Sha256 hasher;
        constexpr std::size_t kHashPiece = std::size_t{64} << 20;
        for (std::size_t at = 0; at < view.size(); at += kHashPiece) {
            if (cancelled()) return makeError(std::string(kOpenCancelled));
            hasher.update(view.subspan(at, std::min(kHashPiece, view.size() - at)));
        }
        std::optional<BigGanModel> bigGanModel;
        if (bigGanFolder) {
            // The folder's two files make the model: both are hashed, weights first.
            auto configBytes = readRegularFile(bigGanFolder->configPath, 1u << 20, "config.json", options.cancel);
            if (!configBytes) return Error{cancelled() ? std::string(kOpenCancelled) : configBytes.error()};
            hasher.update(std::span<const std::byte>(reinterpret_cast<const std::byte*>(configBytes->data()), configBytes->size()));
            auto model = parseBigGanFolder(*bigGanFolder, view, std::string(configBytes->begin(), configBytes->end()));
            if (!model) return Error{model.error()};
            bigGanModel = std::move(model).value();
        }
        impl->hash = Sha256::toHex(hasher.finish());
        if (bigGanModel) {
            impl->description = describeBigGan(bigGanModel->config, "BigGAN-deep (PyTorch port) folder "
                                                   + std::filesystem::path(bigGanFolder->folder).filename().string(),
                                               bigGanModel->classNames);
            impl->description.license = kBigGanLicenseNote;
            tensors = std::move(bigGanModel->tensors);
        } else if (ext == ".pkl") {
            auto snapshot = readNvlabsSnapshotFromBytes(view, std::filesystem::path(modelPath).filename().string());
            if (!snapshot) return Error{snapshot.error()};
            const std::string source = "NVlabs snapshot " + std::filesystem::path(modelPath).filename().string();
            auto description = snapshot->moduleName == "training.networks_stylegan3"
                                   ? describeStyleGan3(snapshot->initKwargs, source)
                                   : describeNvlabs(snapshot->initKwargs, source);
            if (!description) return makeError(modelPath + ": " + description.error());
            impl->description = std::move(*description);
            if (impl->description.license.empty())
                impl->description.license = "NVIDIA Source Code License — non-commercial use only (check the snapshot's own terms)";
            tensors = std::move(snapshot->tensors);
        } else {
            auto file = readSafetensorsFromBytes(view, modelPath);
            if (!file) return Error{file.error()};
            const auto& meta = file->metadata;
            if (const auto it = meta.find("description"); it != meta.end()) {
                auto description = ModelDescription::fromJsonText(it->second);
                if (!description) return makeError(modelPath + ": " + description.error());
                impl->description = std::move(*description);
            } else if (const auto generator = meta.find("generator"); generator != meta.end() && generator->second == "biggan-deep") {
                // The port's state dict with its config.json text as metadata (the reference fixtures' form).
                const auto configText = meta.find("config");
                if (configText == meta.end())
                    return makeError(modelPath + ": a BigGAN-deep .safetensors needs its config.json text in the 'config' metadata");
                auto json = parseUntrustedJson(configText->second, "the 'config' metadata");
                if (!json) return makeError(modelPath + ": " + json.error());
                auto config = BigGanConfig::fromJson(*json);
                if (!config) return makeError(modelPath + ": " + config.error());
                const std::filesystem::path parent = std::filesystem::path(modelPath).parent_path();
                impl->description = describeBigGan(*config, std::filesystem::path(modelPath).filename().string(),
                                                   defaultClassNames(parent.empty() ? "." : parent.string(), config->num_classes));
            } else if (const auto kw = meta.find("init_kwargs"); kw != meta.end()) {
                auto initKwargs = parseUntrustedJson(kw->second, "the 'init_kwargs' metadata");
                if (!initKwargs) return makeError(modelPath + ": " + initKwargs.error());
                const std::string source = std::filesystem::path(modelPath).filename().string();
                auto description = looksLikeStyleGan3(file->tensors) ? describeStyleGan3(*initKwargs, source)
                                                                     : describeNvlabs(*initKwargs, source);
                if (!description) return makeError(modelPath + ": " + description.error());
                impl->description = std::move(*description);
            } else {
                return makeError(modelPath + ": this .safetensors file has no model description (no 'description' or "
                                 "'init_kwargs' in its metadata) — it is not a Latent Studio or NVlabs generator");
            }
            tensors = std::move(file->tensors);
        }
        if (cancelled()) return makeError(std::string(kOpenCancelled));
        if (Status finite = checkTensorsFinite(tensors, modelPath); !finite) return Error{finite.error()};
        // NVlabs snapshots carry no class names; a side file "<stem>.classes.txt/.json" beside the model
        // names them (the same rule `latent-studio convert` uses), so the studio shows "cat", not "class 3".
        auto& conditioning = impl->description.conditioning;
        if (conditioning.type == ConditioningType::Class && conditioning.classNames.empty()) {
            std::vector<std::string> names = readClassNamesBeside(modelPath);
            if (static_cast<int>(names.size()) == conditioning.classCount) conditioning.classNames = std::move(names);
        }

        // Building a network allocates what the description claims (gigabytes for a large one): a
        // file that holds no weights, or far fewer than claimed, is refused before that.
        const auto checkWeights = [&](double claimed, const std::string& network) -> Status {
            if (tensors.empty())
                return makeError(modelPath + ": the file holds no tensors, although its description names a " + network
                                 + "; it is damaged or incomplete");
            double storedWeights = 0.0;
            for (const auto& [name, tensor] : tensors) storedWeights += static_cast<double>(tensor.numel());
            if (storedWeights < 0.5 * claimed)
                return makeError(modelPath + ": its description names a " + network + " of about " + describeCount(claimed)
                                 + " weights, but the file holds only " + describeCount(storedWeights)
                                 + "; it is damaged, incomplete or mislabelled");
            return Status::success();
        };
        // Then the weights are copied in, and the network goes to its device.
        const auto load = [&](torch::nn::Module& network) -> Status {
            if (Status s = loadTensors(network, tensors); !s) return makeError(modelPath + ": " + s.error());
            if (cancelled()) return makeError(std::string(kOpenCancelled));
            network.eval();
            network.to(impl->device);
            return Status::success();
        };
        if (impl->description.architecture == "biggan-deep") {
            auto config = BigGanConfig::fromJson(impl->description.generator);
            if (!config) return makeError(modelPath + ": " + config.error());
            const std::string network = "BigGAN-deep generator (" + std::to_string(config->resolution()) + " px)";
            if (Status s = checkWeights(config->estimatedParameterCount(), network); !s) return Error{s.error()};
            impl->biggan = BigGanGenerator(*config);
            // On the device first: the normalized weights are plain members, computed once where they run.
            impl->biggan->eval();
            impl->biggan->to(impl->device);
            if (Status s = loadBigGanWeights(impl->biggan, tensors); !s) return makeError(modelPath + ": " + s.error());
            return std::unique_ptr<Engine>(new Engine(std::move(impl)));
        }
        if (impl->description.architecture == "stylegan3") {
            auto config3 = StyleGan3Config::fromJson(impl->description.generator);
            if (!config3) return makeError(modelPath + ": " + config3.error());
            const std::string network = "StyleGAN3 generator (" + std::to_string(config3->img_resolution) + " px)";
            if (Status s = checkWeights(config3->estimatedParameterCount(), network); !s) return Error{s.error()};
            impl->config = config3->mappingConfig();
            impl->generator3 = StyleGan3Generator(*config3);
            if (Status s = load(*impl->generator3); !s) return Error{s.error()};
            impl->mapping = impl->generator3->mapping;
            return std::unique_ptr<Engine>(new Engine(std::move(impl)));
        }
        auto config = StyleGan2Config::fromJson(impl->description.generator);
        if (!config) return makeError(modelPath + ": " + config.error());
        if (Status s = checkWeights(config->estimatedParameterCount(), std::to_string(config->img_resolution) + " px generator"); !s)
            return Error{s.error()};
        impl->config = *config;
        impl->generator = Generator(impl->config);
        if (Status s = load(*impl->generator); !s) return Error{s.error()};
        impl->mapping = impl->generator->mapping;

        if (impl->isClip()) {
            if (Status clip = impl->openClipTextEncoder(modelPath, options); !clip) return Error{clip.error()};
        } else if (impl->isText()) {
            const Conditioning& cond = impl->description.conditioning;
            auto encoderConfig = TextEncoderConfig::fromJson(cond.textEncoder);
            if (!encoderConfig) return makeError(modelPath + ": text encoder: " + encoderConfig.error());
            impl->tokenizer = WordTokenizer(cond.vocabulary, cond.context);
            if (encoderConfig->vocab_size != impl->tokenizer.vocabularySize() || encoderConfig->context != cond.context)
                return makeError(modelPath + ": the text encoder's vocabulary or context does not match the tokenizer's");
            if (encoderConfig->out_dim != impl->config.text_dim || impl->config.c_dim != impl->config.text_dim)
                return makeError(modelPath + ": the text encoder's output size does not match the generator's text input");
            impl->textEncoder = TextEncoder(*encoderConfig);
            if (Status s = loadTensors(*impl->textEncoder, tensors, "text_encoder."); !s)
                return makeError(modelPath + ": " + s.error());
            impl->textEncoder->eval();
            impl->textEncoder->to(impl->device);
        }
    } catch (const std::exception& e) {
        return makeError(modelPath + ": could not build the network: " + describeTorchFailure(e));
    }
    if (cancelled()) return makeError(std::string(kOpenCancelled));

    return std::unique_ptr<Engine>(new Engine(std::move(impl)));
}

const ModelDescription& Engine::description() const { return m_impl->description; }
const std::string& Engine::modelPath() const { return m_impl->path; }
const std::string& Engine::modelHash() const { return m_impl->hash; }
const std::string& Engine::textEncoderPath() const { return m_impl->clipPath; }
const std::string& Engine::textEncoderHash() const { return m_impl->clipHash; }
const ClipTokenizer* Engine::clipTokenizer() const { return m_impl->clipTokenizer ? &*m_impl->clipTokenizer : nullptr; }

std::vector<std::string> Engine::clipTextEncoderCandidates(const std::string& modelPath)
{
    namespace fs = std::filesystem;
    const fs::path model(modelPath);
    const fs::path folder = model.parent_path().empty() ? fs::path(".") : model.parent_path();
    std::vector<std::string> candidates = {(folder / (model.stem().string() + ".clip.safetensors")).string()};
    std::vector<std::string> named;
    std::error_code error;
    for (fs::directory_iterator it(folder, error), end; !error && it != end; it.increment(error)) {
        std::string name = it->path().filename().string();
        std::string lower = name;
        std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        if (lower.find("clip") != std::string::npos && lower.size() > 12 && lower.ends_with(".safetensors")
            && it->path() != model)
            named.push_back(it->path().string());
    }
    std::sort(named.begin(), named.end());
    candidates.insert(candidates.end(), named.begin(), named.end());
    candidates.push_back((folder / "clip" / "model.safetensors").string());
    if (const char* environment = std::getenv("LATENT_STUDIO_CLIP_TEXT_ENCODER"); environment && *environment)
        candidates.emplace_back(environment);
    return candidates;
}

std::string Engine::findClipTextEncoder(const std::string& modelPath)
{
    std::error_code error;
    for (const std::string& candidate : clipTextEncoderCandidates(modelPath))
        if (std::filesystem::is_regular_file(candidate, error))
            return candidate;
    return {};
}
std::string Engine::deviceName() const { return m_impl->device.str(); }

PromptCheck Engine::checkPrompt(const std::string& prompt) const
{
    if (!m_impl->isText()) return {};
    if (m_impl->isClip()) {
        PromptCheck check;
        const ClipTokens tokens = m_impl->clipTokenizer->tokenize(prompt);
        check.ids = tokens.ids;
        if (tokens.truncated)
            check.note = "this prompt is " + std::to_string(tokens.length) + " CLIP tokens; the model reads the first "
                         + std::to_string(ClipTokenizer::kContext) + " and ignores the rest";
        return check;
    }
    return m_impl->tokenizer.check(prompt);
}

void Engine::requestCancel() { m_impl->cancel.store(true); }

bool Engine::cudaAvailable()
{
    try {
        return torch::cuda::is_available();
    } catch (...) {
        return false;
    }
}

bool Engine::supportsPreview() const { return m_impl->supportsPreview(); }

Result<std::vector<Image>> Engine::render(std::span<const EditState> states, RenderStats* stats, const RenderOptions& renderOptions)
{
    if (renderOptions.previewDivisor != 1 && renderOptions.previewDivisor != 2 && renderOptions.previewDivisor != 4
        && renderOptions.previewDivisor != 8)
        return makeError("a preview divisor must be 1, 2, 4 or 8, not " + std::to_string(renderOptions.previewDivisor));
    const auto started = std::chrono::steady_clock::now();
    m_impl->cancel.store(false);
    m_impl->blocksReused = 0;
    m_impl->previewDivisorUsed = 1;
    std::vector<Image> images;
    if (states.empty()) return images;
    m_impl->probe.reset();
    if (renderOptions.layerView) {
        const auto layers = m_impl->synthesisLayers();
        const bool known = std::any_of(layers.begin(), layers.end(),
                                       [&](const SynthesisLayerEntry& entry) { return entry.name == renderOptions.layerView->layer; });
        if (!known)
            return makeError("this model has no synthesis layer \"" + renderOptions.layerView->layer + "\" to show"
                             + (layers.empty() ? std::string(" (BigGAN's layers cannot be shown)")
                                               : " (its layers run from " + layers.front().name + " to " + layers.back().name + ")"));
        m_impl->probe = LayerProbe{renderOptions.layerView->layer, {}};
    }
    torch::Tensor probed;
    try {
        c10::InferenceMode inference;
        torch::NoGradGuard noGrad;
        // States share a forward pass when they share the noise: random noise is drawn per batch from
        // the state's noise seed, so a random-noise state renders alone to give the same pixels
        // whatever batch it arrives in.
        std::size_t begin = 0;
        while (begin < states.size()) {
            std::size_t end = begin + 1;
            const EditState& first = states[begin];
            if (m_impl->biggan) {
                end = states.size();   // no noise inputs; every frame is rendered on its own anyway
            } else if (first.noiseMode != EditNoiseMode::Random) {
                while (end < states.size() && states[end].noiseMode == first.noiseMode) ++end;
            }
            auto group = m_impl->renderGroup(states.subspan(begin, end - begin), renderOptions);
            if (m_impl->probe) {   // the first frame's layer only
                probed = m_impl->probe->activation;
                m_impl->probe.reset();
            }
            if (!group) return Error{group.error()};
            for (auto& image : *group) images.push_back(std::move(image));
            begin = end;
        }
    } catch (const Cancelled&) {
        m_impl->probe.reset();
        return makeError("cancelled");
    } catch (const std::exception& e) {
        m_impl->probe.reset();
        return makeError(std::string("render failed: ") + describeTorchFailure(e));
    }
    if (stats) {
        stats->layerView.reset();
        if (probed.defined()) stats->layerView = layerViewOf(probed, *renderOptions.layerView);
        stats->batchSize = static_cast<int>(states.size());
        stats->blocksReused = m_impl->blocksReused;
        stats->previewDivisor = m_impl->previewDivisorUsed;
        stats->milliseconds =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    }
    return images;
}

std::vector<SynthesisLayerEntry> Engine::Impl::synthesisLayers() const
{
    std::vector<SynthesisLayerEntry> layers;
    if (generator) {
        for (const SynthesisBlock& block : generator->synthesis->blocks) {
            std::string prefix = std::to_string(block->resolution) + ".";
            prefix.insert(prefix.begin(), 'b');
            if (block->conv0) layers.push_back({prefix + "conv0", static_cast<int>(block->conv0->weight.size(0)), block->resolution});
            layers.push_back({prefix + "conv1", static_cast<int>(block->conv1->weight.size(0)), block->resolution});
            if (block->torgb) layers.push_back({prefix + "torgb", static_cast<int>(block->torgb->weight.size(0)), block->resolution});
        }
    } else if (generator3) {
        const StyleGan3Geometry& geometry = generator3->synthesis->geometry;
        layers.push_back({"input", geometry.inputChannels, geometry.inputSize});
        for (const auto& layer : geometry.layers) layers.push_back({layer.name, layer.outChannels, layer.outSize});
    }
    return layers;
}

torch::Tensor Engine::Impl::styleAffineRows(int first, int end) const
{
    const int numWs = description.numWs;
    const int stop = end < 0 ? numWs : std::min(end, numWs);
    const auto reads = [&](int wIndex) { return wIndex >= first && wIndex < stop; };
    std::vector<torch::Tensor> rows;
    // The W part of a layer's affine input: [w ; t] for text models, cat(text head, w) for LAFITE.
    const auto wColumns = [this](const LayerStyles& styles) {
        if (styles.affine_0) {
            const auto& fc = styles.affine_0;
            return fc->weight.narrow(1, fc->weight.size(1) - config.w_dim, config.w_dim) * fc->weightGain;
        }
        return styles.affine->weight.narrow(1, 0, config.w_dim) * styles.affine->weightGain;
    };
    if (generator) {
        int wIndex = 0;
        for (const SynthesisBlock& block : generator->synthesis->blocks) {
            // A block's convolutions read its first numConv rows (b4: its one conv1).
            if (block->conv0) {
                if (reads(wIndex)) rows.push_back(wColumns(block->conv0->styles));
                if (reads(wIndex + 1)) rows.push_back(wColumns(block->conv1->styles));
            } else if (reads(wIndex)) {
                rows.push_back(wColumns(block->conv1->styles));
            }
            wIndex += block->numConv();
        }
    } else if (generator3) {
        const auto& layers = generator3->synthesis->layers;
        for (std::size_t i = 0; i < layers.size(); ++i) {
            const int wIndex = static_cast<int>(i) + 1;   // ws[0] drives the input transform
            if (layers[i]->geometry.toRgb || !reads(wIndex)) continue;
            rows.push_back(layers[i]->affine->weight * layers[i]->affine->weightGain);
        }
    }
    if (rows.empty()) return {};
    return torch::cat(rows, 0).to(torch::kFloat64);
}

torch::Tensor Engine::Impl::sampleW(int count, const torch::Tensor& c, const DirectionSearch* search)
{
    auto gen = at::detail::createCPUGenerator(kDirectionSampleSeed);
    std::vector<torch::Tensor> parts;
    for (int done = 0; done < count;) {
        if (search && search->cancel && search->cancel->load()) throw Cancelled();
        const int n = std::min(kMappingBatch, count - done);
        const auto z = torch::randn({n, config.z_dim}, gen, torch::kFloat32).to(device);
        const auto cond = c.defined() ? c.unsqueeze(0).expand({n, c.size(0)}).contiguous() : c;
        parts.push_back(mapping->mapToW(z, cond).to(torch::kCPU, torch::kFloat64));
        done += n;
        if (search && search->progress) search->progress(static_cast<double>(done) / count);
    }
    return torch::cat(parts, 0);
}

Result<torch::Tensor> Engine::Impl::mappingConditionOf(const EditState& state)
{
    auto ends = conditionEnds(state);
    if (!ends) return Error{ends.error()};
    const torch::Tensor condition = ends->first;
    if (condition.defined() && config.text_dim > 0 && !config.mappingSeesText()) return torch::Tensor();
    return condition;
}

std::vector<SynthesisLayerEntry> Engine::synthesisLayers() const { return m_impl->synthesisLayers(); }
bool Engine::hasWSpace() const { return !m_impl->biggan; }

Result<DirectionSet> Engine::findDirections(const DirectionSearch& search)
{
    Impl& impl = *m_impl;
    if (impl.biggan) return makeError("BigGAN has no W space to find directions in: directions need a StyleGAN-family model");
    const int numWs = impl.description.numWs;
    const int wDim = impl.config.w_dim;
    const int most = std::min(kMaxDirectionCount, wDim);
    if (search.count < 1 || search.count > most)
        return makeError("ask for 1 to " + std::to_string(most) + " directions, not " + std::to_string(search.count));
    if (search.firstLayer < 0 || search.firstLayer >= numWs || search.endLayer > numWs
        || (search.endLayer >= 0 && search.endLayer <= search.firstLayer))
        return makeError("the layer range " + std::to_string(search.firstLayer) + ":" + (search.endLayer < 0 ? std::string() : std::to_string(search.endLayer))
                         + " is not within this model's w indices 0–" + std::to_string(numWs - 1));
    if (search.method == DirectionMethod::GanSpace && (search.samples < 2 * search.count || search.samples > kMaxGanSpaceSamples))
        return makeError("GANSpace needs from " + std::to_string(2 * search.count) + " to " + std::to_string(kMaxGanSpaceSamples)
                         + " samples for " + std::to_string(search.count) + " directions, not " + std::to_string(search.samples));
    DirectionSet set;
    set.modelHash = impl.hash;
    set.wDim = wDim;
    set.method = toString(search.method);
    set.firstLayer = search.firstLayer;
    set.endLayer = search.endLayer;
    try {
        c10::InferenceMode inference;
        torch::NoGradGuard noGrad;
        auto condition = impl.mappingConditionOf(search.condition);
        if (!condition) return Error{condition.error()};
        if (condition->defined())
        {
            const auto& names = impl.description.conditioning.classNames;
            const auto index = static_cast<std::size_t>(search.condition.classA);
            set.condition = impl.isText() ? search.condition.promptA
                            : index < names.size() ? names[index]
                                                   : "class " + std::to_string(search.condition.classA);
        }
        torch::Tensor vectors;   // [w_dim, count], columns largest first
        torch::Tensor scores;    // [count]
        torch::Tensor sigmas;    // [count]
        if (search.method == DirectionMethod::Sefa) {
            const torch::Tensor a = impl.styleAffineRows(search.firstLayer, search.endLayer);
            if (!a.defined())
                return makeError("no modulated convolution reads the w indices " + std::to_string(search.firstLayer) + ":"
                                 + (search.endLayer < 0 ? std::string() : std::to_string(search.endLayer))
                                 + " (only the input or ToRGB layers do): choose a wider range");
            const auto [values, eigenvectors] = torch::linalg::eigh(a.t().mm(a), "L");   // ascending
            vectors = eigenvectors.flip({1}).narrow(1, 0, search.count);
            scores = values.flip({0}).narrow(0, 0, search.count);
            const torch::Tensor w = impl.sampleW(kSigmaSamples, *condition, nullptr);
            sigmas = (w - w.mean(0)).mm(vectors).std(0);
        } else {
            set.samples = search.samples;
            const torch::Tensor w = impl.sampleW(search.samples, *condition, &search);
            const torch::Tensor centred = w - w.mean(0);
            const torch::Tensor covariance = centred.t().mm(centred) / static_cast<double>(search.samples - 1);
            const auto [values, eigenvectors] = torch::linalg::eigh(covariance, "L");
            vectors = eigenvectors.flip({1}).narrow(1, 0, search.count);
            const torch::Tensor top = values.flip({0}).narrow(0, 0, search.count).clamp_min(0);
            scores = top / values.clamp_min(0).sum().clamp_min(1e-30);
            sigmas = top.sqrt();
        }
        const char* label = search.method == DirectionMethod::Sefa ? "SeFa " : "GANSpace ";
        for (int k = 0; k < search.count; ++k) {
            const torch::Tensor v = withFixedSign(vectors.select(1, k)).to(torch::kFloat32).contiguous();
            FoundDirection found;
            found.edit.name = label + std::to_string(k + 1);
            found.edit.source = set.method;
            found.edit.vector.assign(v.data_ptr<float>(), v.data_ptr<float>() + wDim);
            found.edit.sigma = std::max(sigmas[k].item<double>(), 1e-6);
            found.edit.firstLayer = search.firstLayer;
            found.edit.endLayer = search.endLayer;
            found.score = scores[k].item<double>();
            set.directions.push_back(std::move(found));
        }
    } catch (const Cancelled&) {
        return makeError("cancelled");
    } catch (const std::exception& e) {
        return makeError(std::string("finding directions failed: ") + describeTorchFailure(e));
    }
    return set;
}

Result<DirectionEdit> Engine::directionBetween(const EditState& from, const EditState& to, const std::string& name)
{
    Impl& impl = *m_impl;
    if (impl.biggan) return makeError("BigGAN has no W space: directions need a StyleGAN-family model");
    try {
        c10::InferenceMode inference;
        torch::NoGradGuard noGrad;
        const EditState pair[] = {from, to};
        auto composed = impl.compose(pair);
        if (!composed) return Error{composed.error()};
        const torch::Tensor difference = (composed->ws[1] - composed->ws[0]).to(torch::kCPU, torch::kFloat64).mean(0);
        const double length = difference.norm().item<double>();
        if (!(length > 1e-6))
            return makeError("the two states give the same w, so there is no direction between them"
                             + std::string(impl.isClip() ? " (this model's mapping never sees the prompt: prompts differ only in "
                                                           "the layers' text input, not in W; take two seeds instead)"
                                                         : "; choose two different seeds or prompts"));
        const torch::Tensor unit = (difference / length).to(torch::kFloat32).contiguous();
        DirectionEdit direction;
        direction.name = name;
        direction.source = "difference";
        direction.vector.assign(unit.data_ptr<float>(), unit.data_ptr<float>() + unit.numel());
        direction.sigma = length;
        return direction;
    } catch (const std::exception& e) {
        return makeError(std::string("could not compute the direction: ") + describeTorchFailure(e));
    }
}

Status Engine::Impl::openClipTextEncoder(const std::string& modelPath, const EngineOptions& options)
{
    const int featureDim = description.conditioning.clipFeatureDim;
    if (featureDim != config.text_dim || config.text_input != StyleGan2Config::TextInput::Lafite)
        return makeError(modelPath + ": its description says CLIP text of size " + std::to_string(featureDim)
                         + " but the generator reads " + std::to_string(config.text_dim) + "; the file is damaged");
    const std::string vocabulary = options.vocabularyPath.empty() ? ClipTokenizer::shippedVocabularyPath() : options.vocabularyPath;
    if (vocabulary.empty())
        return makeError(modelPath + ": the CLIP vocabulary (bpe_simple_vocab_16e6.txt.gz) that ships with Latent Studio is "
                         "missing; reinstall, or give a vocabulary (merges.txt or bpe_simple_vocab_16e6.txt.gz)");
    auto tokenizer = ClipTokenizer::open(vocabulary);
    if (!tokenizer) return makeError("the CLIP vocabulary: " + tokenizer.error());
    clipTokenizer = std::move(tokenizer).value();

    std::string path = options.textEncoderPath.empty() ? Engine::findClipTextEncoder(modelPath) : options.textEncoderPath;
    if (path.empty()) {
        std::string looked;
        for (const std::string& candidate : Engine::clipTextEncoderCandidates(modelPath))
            looked += (looked.empty() ? "" : ", ") + candidate;
        return makeError(modelPath + ": this CLIP-conditioned (LAFITE) model " + std::string(kNeedsClipTextEncoder)
                         + " for its prompts — the text tower of the CLIP it was trained with (ViT-B/32 for LAFITE's "
                           "released models), as a .safetensors of OpenAI's or Hugging Face's CLIP. None was given and "
                           "none was found (looked for " + looked + "). Give it with --text-encoder FILE, or choose it "
                           "when the studio asks.");
    }
    auto encoder = loadClipTextEncoder(path);
    // Every problem of a chosen file names kUnusableClipTextEncoder, so a front end can ask for another.
    const std::string unusable = modelPath + ": " + std::string(kUnusableClipTextEncoder) + " ";
    if (!encoder) return makeError(unusable + encoder.error());
    const ClipTextConfig& clip = (*encoder)->config;
    if (clip.embed_dim != featureDim)
        return makeError(unusable + path + ": it gives features of size " + std::to_string(clip.embed_dim)
                         + ", but the model " + modelPath + " reads CLIP features of size " + std::to_string(featureDim)
                         + ": choose the text tower of the CLIP the model was trained with");
    if (clip.vocab_size != ClipTokenizer::kVocabularySize || clip.context_length < ClipTokenizer::kContext)
        return makeError(unusable + path + ": it has a vocabulary of " + std::to_string(clip.vocab_size)
                         + " tokens and a context of " + std::to_string(clip.context_length) + ", not CLIP's 49408 and 77");
    auto hash = sha256OfFile(path);
    if (!hash) return makeError(unusable + hash.error());
    clipEncoder = std::move(encoder).value();
    clipEncoder->to(device);
    clipPath = path;
    clipHash = *hash;
    return Status::success();
}

} // namespace lscore
