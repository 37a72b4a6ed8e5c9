// latent-studio-lab bench --model FILE | --synthetic RES [--channel-max N] [--channel-base N] [--lafite | --stylegan3 t|r | --biggan]
//                         [--iterations N] [--threads N] [--mode fused|nonfused|auto] [--device D]
//
// Times seeds -> mapping -> synthesis under InferenceMode at batch 1 and 8 and prints JSON: ms per
// frame (median, p95), images per second, the model's analytic GFLOP per frame, this machine's
// measured 3×3-conv throughput and the fraction of it the model reaches, and fused vs non-fused
// modulated convolution at both batch sizes. For CLIP-conditioned (LAFITE) models it also times a
// new prompt through the CLIP text tower (tokenizer + ViT-B/32-sized transformer). StyleGAN3 models
// (a fixture or a synthetic T/R generator of NVlabs' widths) are timed the way the engine renders
// them, and their filtered leaky ReLU's share of the work is counted apart.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <stdexcept>
#include <optional>
#include <string>
#include <vector>

#include <torch/torch.h>
#include <nlohmann/json.hpp>

#include "commands.h"
#include "command_line.h"
#include "lscore/clip_text_encoder.h"
#include "lscore/engine.h"
#include "lscore/clip_tokenizer.h"
#include "lscore/numpy_random.h"
#include "lscore/safetensors.h"
#include "lscore/stylegan2.h"
#include "lscore/biggan.h"
#include "lscore/stylegan3.h"
#include "lscore/torch_device.h"

namespace lab {
lscore::Result<lscore::TensorFile> loadWeights(const std::string& path, const std::string& ioPath = "");   // lab_verify_reference.cpp
}

namespace {

using Clock = std::chrono::steady_clock;

struct BenchModel {
    std::string name;
    lscore::StyleGan2Config config;
    lscore::Generator generator{nullptr};
};

struct Timing {
    double medianMs = 0.0;
    double p95Ms = 0.0;
};

Timing summarize(std::vector<double> samples)
{
    std::sort(samples.begin(), samples.end());
    Timing timing;
    timing.medianMs = samples[samples.size() / 2];
    const std::size_t p95 = std::min(samples.size() - 1, static_cast<std::size_t>(std::ceil(0.95 * samples.size())) - 1);
    timing.p95Ms = samples[p95];
    return timing;
}

template <typename Work>
std::vector<double> timeRepeatedly(int iterations, Work&& work)
{
    work();   // warm-up: first-call allocations and oneDNN primitive creation
    std::vector<double> samples;
    for (int i = 0; i < iterations; ++i) {
        const auto start = Clock::now();
        work();
        samples.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    }
    return samples;
}

// Multiply-adds of one frame, counted from the architecture: FC layers (mapping, affines), the
// convolutions and the FIR filters of the resampling. Bias, activation and demodulation are O(C) or
// O(C²) per layer and left out.
double macsPerFrame(const lscore::StyleGan2Config& c)
{
    const bool lafite = c.text_dim > 0 && !c.mappingSeesText();
    // LAFITE: each layer's text head (two FC layers) and an affine over [512 text ; w].
    const double styleDim = lafite ? 512.0 + c.w_dim : static_cast<double>(c.w_dim + c.text_dim);
    const double textHead = lafite ? c.text_dim * ((c.text_dim + 512) / 2.0) + (c.text_dim + 512) / 2.0 * 512.0 : 0.0;
    double macs = 0.0;
    if (c.c_dim > 0) macs += static_cast<double>(c.c_dim) * c.w_dim;
    macs += static_cast<double>(c.z_dim + (c.c_dim > 0 ? c.w_dim : 0)) * c.w_dim;
    macs += static_cast<double>(c.mapping_layers - 1) * c.w_dim * c.w_dim;
    int previous = 0;
    for (int res = 4; res <= c.img_resolution; res *= 2) {
        const double out = c.channelsAt(res);
        const double r2 = static_cast<double>(res) * res;
        if (previous > 0) {
            const double in = previous;
            macs += styleDim * in;                                   // conv0 affine
            macs += r2 / 4.0 * in * out * 9.0;                       // transposed 3×3 conv, stride 2
            macs += static_cast<double>(res + 1) * (res + 1) * out * 16.0;   // 4×4 blur
            if (c.architecture == "resnet") macs += r2 / 4.0 * in * out + r2 * out * 4.0;
            if (c.architecture == "skip" || res == c.img_resolution) macs += r2 * c.img_channels * 4.0;  // img upsample
        }
        macs += styleDim * out + r2 * out * out * 9.0;               // conv1
        macs += textHead * ((previous > 0 ? 2.0 : 1.0) + 1.0);       // LAFITE: conv0, conv1, torgb heads
        if (c.architecture == "skip" || res == c.img_resolution) macs += styleDim * out + r2 * out * c.img_channels;
        previous = static_cast<int>(out);
    }
    return macs;
}

// GFLOP/s of a representative 3×3 convolution: [1,128,64,64] -> 128 channels. On a GPU the result
// is read back to the host (one float), which waits for the kernel: launches alone would look free.
double measureConvThroughput(int iterations, const torch::Device& device)
{
    c10::InferenceMode inference;
    torch::Tensor x = torch::randn({1, 128, 64, 64}).to(device);
    torch::Tensor w = torch::randn({128, 128, 3, 3}).to(device);
    auto samples = timeRepeatedly(std::max(iterations, 5), [&] {
        torch::Tensor y = torch::nn::functional::conv2d(x, w, torch::nn::functional::Conv2dFuncOptions().padding(1));
        if (device.is_cuda()) (void)y.select(0, 0).select(0, 0).select(0, 0).select(0, 0).item<float>();
    });
    const double flop = 2.0 * 64 * 64 * 128 * 128 * 9;
    return flop / (summarize(samples).medianMs * 1e-3) / 1e9;
}

std::optional<BenchModel> openModel(const std::string& path, std::string& error)
{
    auto file = lab::loadWeights(path);
    if (!file) {
        error = file.error();
        return std::nullopt;
    }
    nlohmann::json kwargs;
    if (auto it = file->metadata.find("init_kwargs"); it != file->metadata.end()) {
        kwargs = nlohmann::json::parse(it->second, nullptr, false);
    } else if (auto desc = file->metadata.find("description"); desc != file->metadata.end()) {
        // Project format: the generator's settings are in the description.
        nlohmann::json description = nlohmann::json::parse(desc->second, nullptr, false);
        if (description.is_object() && description.contains("generator")) kwargs = description["generator"];
    }
    if (kwargs.is_discarded() || kwargs.is_null()) {
        error = path + ": no generator settings (neither 'init_kwargs' nor a 'description' with 'generator')";
        return std::nullopt;
    }
    auto config = lscore::StyleGan2Config::fromJson(kwargs);
    if (!config) {
        error = path + ": " + config.error();
        return std::nullopt;
    }
    BenchModel model{path, *config, lscore::Generator(*config)};
    if (lscore::Status loaded = lscore::loadTensors(*model.generator, file->tensors); !loaded) {
        error = path + ": " + loaded.error();
        return std::nullopt;
    }
    return model;
}

BenchModel syntheticModel(int resolution, int channelMax, int channelBase, bool lafite)
{
    lscore::StyleGan2Config config;
    if (channelBase > 0) config.channel_base = channelBase;
    config.z_dim = 512;
    config.w_dim = 512;
    config.img_resolution = resolution;
    config.channel_max = channelMax;
    config.conv_clamp = 256.0;
    if (lafite) {
        // LAFITE's released 256 px models: StyleGAN2-ADA's paper256 widths, CLIP ViT-B/32 features.
        if (channelBase == 0) config.channel_base = 16384;
        config.text_dim = 512;
        config.text_input = lscore::StyleGan2Config::TextInput::Lafite;
    }
    torch::manual_seed(0);
    return {std::string(lafite ? "synthetic-lafite-" : "synthetic-") + std::to_string(resolution) + "-cmax" + std::to_string(channelMax)
                + "-cbase" + std::to_string(config.channel_base),
            config, lscore::Generator(config)};
}

// Directions through the engine, as the studio and `latent-studio directions` run them: SeFa over
// every layer (10 directions), GANSpace over 10,000 mapped w, and a batch-1 frame with none against
// eight active directions over all layers (medians of `iterations` runs each, in one sitting).
nlohmann::json benchDirections(const std::string& enginePath, const std::string& name, int iterations, const std::string& device)
{
    lscore::EngineOptions options;
    options.device = device;
    auto engine = lscore::Engine::open(enginePath, options);
    if (!engine) throw std::runtime_error(engine.error());
    const auto timed = [iterations](const std::function<void()>& run) {
        run();   // warm-up
        std::vector<double> samples;
        for (int i = 0; i < iterations; ++i) {
            const auto started = std::chrono::steady_clock::now();
            run();
            samples.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count());
        }
        return summarize(samples);
    };
    const auto search = [&](lscore::DirectionMethod method) {
        lscore::DirectionSearch request;
        request.method = method;
        request.count = 10;
        request.samples = 10000;
        auto found = (*engine)->findDirections(request);
        if (!found) throw std::runtime_error(found.error());
        return std::move(found).value();
    };
    lscore::DirectionSet sefa;
    const Timing sefaTime = timed([&] { sefa = search(lscore::DirectionMethod::Sefa); });
    const Timing ganSpaceTime = timed([&] { search(lscore::DirectionMethod::GanSpace); });
    lscore::EditState plain;
    plain.seedA = 1;
    lscore::EditState moved = plain;
    for (std::size_t k = 0; k < 8 && k < sefa.directions.size(); ++k) {
        moved.directions.push_back(sefa.directions[k].edit);
        moved.directions.back().amount = 1.5;
    }
    const auto render = [&](const lscore::EditState& state) {
        if (!(*engine)->render(std::span<const lscore::EditState>(&state, 1))) throw std::runtime_error("render failed");
    };
    // Interleaved, so that drift of the machine's speed falls on both alike.
    std::vector<double> none, eight;
    render(plain);
    render(moved);
    for (int i = 0; i < iterations; ++i) {
        for (auto [state, samples] : {std::pair{&plain, &none}, std::pair{&moved, &eight}}) {
            const auto started = std::chrono::steady_clock::now();
            render(*state);
            samples->push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count());
        }
    }
    const double noneMs = summarize(none).medianMs, eightMs = summarize(eight).medianMs;
    return {{"model", name},
            {"w_dim", (*engine)->description().wDim},
            {"num_ws", (*engine)->description().numWs},
            {"sefa_10_ms_median", sefaTime.medianMs},
            {"ganspace_10000_samples_ms_median", ganSpaceTime.medianMs},
            {"frame_ms_median_no_directions", noneMs},
            {"frame_ms_median_8_directions", eightMs},
            {"ratio_8_directions_to_none", eightMs / noneMs},
            {"iterations", iterations}};
}

// StyleGAN3: multiply-adds of one frame from the layer geometry, split into the modulated
// convolutions (and the Fourier input's channel mix) and the filtered leaky ReLU's FIR filtering
// (up-sampling at the zero-stuffed size, down-sampling strided), as stylegan3.cpp computes them.
struct StyleGan3Macs {
    double convolution = 0.0;
    double filtering = 0.0;
};

StyleGan3Macs styleGan3MacsPerFrame(const lscore::StyleGan3Config& config)
{
    const lscore::StyleGan3Geometry g = lscore::StyleGan3Geometry::of(config);
    StyleGan3Macs macs;
    macs.convolution += static_cast<double>(config.z_dim + (config.c_dim > 0 ? config.w_dim : 0)) * config.w_dim
                        + static_cast<double>(config.mapping_layers - 1) * config.w_dim * config.w_dim;
    macs.convolution += static_cast<double>(g.inputSize) * g.inputSize * g.inputChannels * (g.inputChannels + 2.0);
    for (const auto& layer : g.layers) {
        const double convSize = layer.inSize + layer.convKernel - 1;
        macs.convolution += config.w_dim * static_cast<double>(layer.inChannels);   // affine
        macs.convolution += convSize * convSize * layer.inChannels * layer.outChannels * layer.convKernel * layer.convKernel;
        const double padded = convSize * layer.upFactor + layer.padding[0] + layer.padding[1];
        double filtered = padded;
        if (layer.upTaps > 1) {
            filtered = padded - layer.upTaps + 1;
            macs.filtering += layer.outChannels * layer.upTaps * (padded * filtered + filtered * filtered);   // along W, then H
        }
        if (layer.downTaps > 1) {
            const double out = layer.outSize;
            macs.filtering += layer.outChannels
                              * (layer.downRadial ? out * out * layer.downTaps * layer.downTaps
                                                  : layer.downTaps * (filtered * out + out * out));
        }
    }
    return macs;
}

// NVlabs' stylegan3-t / stylegan3-r settings at this resolution (train.py's --cfg; R doubles the
// widths and uses 1×1 convolutions with radial filters), checked as a file's settings are. The
// generator gets random weights; its filters and Fourier frequencies stay zero, which costs the
// same work as designed ones.
lscore::Result<lscore::StyleGan3Config> styleGan3Settings(int resolution, char variant)
{
    lscore::StyleGan3Config config;
    config.img_resolution = resolution;
    config.channel_base = variant == 'r' ? 65536 : 32768;
    config.channel_max = variant == 'r' ? 1024 : 512;
    if (variant == 'r') {
        config.conv_kernel = 1;
        config.use_radial_filters = true;
    }
    return lscore::StyleGan3Config::fromJson(config.toJson());
}

// One batch through a StyleGAN3 generator as the engine renders it (one frame at a time, each
// through its own input transform, here a small move and turn), or the whole batch in one call.
torch::Tensor renderStyleGan3Batch(lscore::StyleGan3Generator& generator, int batch, bool framewise, const torch::Device& device)
{
    const auto& c = generator->config;
    std::vector<float> zData;
    for (int i = 0; i < batch; ++i) {
        std::vector<float> z = lscore::seedToZ(static_cast<std::uint32_t>(i), c.z_dim);
        zData.insert(zData.end(), z.begin(), z.end());
    }
    const torch::Tensor z = torch::from_blob(zData.data(), {batch, c.z_dim}, torch::kFloat32).to(device);
    const torch::Tensor cond = c.c_dim > 0
        ? torch::nn::functional::one_hot(torch::arange(batch) % c.c_dim, c.c_dim).to(torch::kFloat32).to(device) : torch::Tensor();
    const torch::Tensor ws = generator->mapping->forward(z, cond, 0.7, -1);
    const std::vector<lscore::StyleGan3Transform> transforms(static_cast<std::size_t>(batch), lscore::StyleGan3Transform{0.05, 0.0, 10.0});
    return (framewise ? generator->synthesis->forwardEachFrame(ws, transforms) : generator->synthesis->forward(ws)).to(torch::kCPU);
}

// Batch 1, then batch 8 frame by frame (as the engine renders the families whose frames must not
// depend on their batch) and in one call: ms per frame and the share of the conv throughput.
template <typename Render>
nlohmann::json timeFramewiseAndBatched(int iterations, const std::vector<int>& batchSizes, double gflopPerFrame, double convGflops,
                                       const char* batchedForm, Render&& render)
{
    nlohmann::json batches = nlohmann::json::array();
    for (int batch : batchSizes) {
        for (bool framewise : {true, false}) {
            if (batch == 1 && !framewise) continue;
            const Timing t = summarize(timeRepeatedly(iterations, [&] { render(batch, framewise); }));
            const double msPerFrame = t.medianMs / batch;
            batches.push_back({{"batch", batch},
                               {"form", framewise ? "one frame at a time (the engine)" : batchedForm},
                               {"ms_per_frame_median", msPerFrame},
                               {"ms_per_frame_p95", t.p95Ms / batch},
                               {"images_per_second", 1000.0 / msPerFrame},
                               {"fraction_of_conv_throughput", gflopPerFrame * 1000.0 / msPerFrame / convGflops}});
        }
    }
    return batches;
}

nlohmann::json benchStyleGan3(lscore::StyleGan3Generator& generator, const std::string& name, int iterations, const std::vector<int>& batchSizes,
                              const torch::Device& device)
{
    generator->to(device);
    generator->eval();
    const StyleGan3Macs macs = styleGan3MacsPerFrame(generator->config);
    const double gflopPerFrame = 2.0 * (macs.convolution + macs.filtering) / 1e9;
    const double convGflops = measureConvThroughput(iterations, device);
    c10::InferenceMode inference;
    const nlohmann::json batches = timeFramewiseAndBatched(iterations, batchSizes, gflopPerFrame, convGflops, "one synthesis call",
        [&](int batch, bool framewise) { (void)renderStyleGan3Batch(generator, batch, framewise, device); });
    double parameters = 0.0;
    for (const auto& p : generator->parameters()) parameters += static_cast<double>(p.numel());
    return {{"model", name},
            {"architecture", "stylegan3"},
            {"resolution", generator->config.img_resolution},
            {"num_ws", generator->config.numWs()},
            {"parameters_millions", parameters / 1e6},
            {"device", device.str()},
            {"threads", torch::get_num_threads()},
            {"iterations", iterations},
            {"gflop_per_frame", gflopPerFrame},
            {"filtered_lrelu_share_of_flop", macs.filtering / (macs.convolution + macs.filtering)},
            {"conv_reference", {{"op", "conv2d 3x3 [1,128,64,64] -> 128"}, {"gflops", convGflops}}},
            {"batches", batches}};
}

// BigGAN-deep at a released resolution (128, 256 or 512): channel_width 128, z 128, 1,000 classes
// and the block list of the released models (two blocks per resolution, the widths of the paper's
// architecture tables), attention at 64 px.
lscore::Result<lscore::BigGanConfig> bigGanSettings(int resolution)
{
    std::vector<nlohmann::json> layers = {{false, 16, 16}, {true, 16, 16}, {false, 16, 16}, {true, 16, 8}};
    if (resolution == 128) {
        for (nlohmann::json layer : {nlohmann::json{false, 8, 8}, {true, 8, 4}, {false, 4, 4}, {true, 4, 2}, {false, 2, 2}, {true, 2, 1}})
            layers.push_back(layer);
    } else if (resolution == 256 || resolution == 512) {
        for (nlohmann::json layer : {nlohmann::json{false, 8, 8}, {true, 8, 8}, {false, 8, 8}, {true, 8, 4}, {false, 4, 4}, {true, 4, 2},
                                     {false, 2, 2}, {true, 2, 1}})
            layers.push_back(layer);
        if (resolution == 512) {
            layers.push_back({false, 1, 1});
            layers.push_back({true, 1, 1});
        }
    } else {
        return lscore::makeError("--biggan is built at 128, 256 or 512 px (the released BigGAN-deep sizes)");
    }
    return lscore::BigGanConfig::fromJson({{"output_dim", resolution}, {"z_dim", 128}, {"class_embed_dim", 128}, {"channel_width", 128},
                                           {"num_classes", 1000}, {"layers", layers}, {"attention_layer_position", 8},
                                           {"eps", 1e-4}, {"n_stats", 51}});
}

// Multiply-adds of one BigGAN-deep frame: gen_z, the conditional batch norms' linears, every
// convolution at its resolution, the attention's 1×1 convolutions and its two matrix products.
double bigGanMacsPerFrame(const lscore::BigGanConfig& config)
{
    const double ch = config.channel_width, cond = 2.0 * config.z_dim;
    double macs = static_cast<double>(config.num_classes) * config.z_dim + cond * 16 * ch * 16;
    double r = 4;
    for (std::size_t k = 0; k < config.layers.size(); ++k) {
        const auto& layer = config.layers[k];
        const double in = ch * layer.in, out = ch * layer.out, mid = std::floor(in / 4);
        if (static_cast<int>(k) == config.attention_layer_position) {
            const double pixels = r * r;
            macs += pixels * in * (in / 8 * 2 + in / 2) + pixels * (pixels / 4) * (in / 8 + in / 2) + pixels * in / 2 * in;
        }
        const double rOut = layer.upsample ? 2 * r : r;
        macs += 2 * cond * (in + 3 * mid);
        macs += r * r * in * mid + rOut * rOut * (2 * mid * mid * 9 + mid * out);
        r = rOut;
    }
    return macs + r * r * ch * ch * 9;
}

// A random-weight BigGAN-deep whose spectral norms are positive (u = normalize(W v) for random v),
// not yet normalized.
lscore::BigGanGenerator syntheticBigGan(const lscore::BigGanConfig& config)
{
    torch::manual_seed(0);
    lscore::BigGanGenerator generator(config);
    torch::NoGradGuard noGrad;
    for (auto& module : generator->modules(false)) {
        if (auto* weight = dynamic_cast<lscore::SpectralWeightImpl*>(module.get())) {
            weight->weight_orig.normal_(0.0, 0.02);
            weight->weight_v.copy_(torch::nn::functional::normalize(torch::randn_like(weight->weight_v), torch::nn::functional::NormalizeFuncOptions().dim(0)));
            const auto matrix = weight->weight_orig.reshape({weight->weight_orig.size(0), -1});
            weight->weight_u.copy_(torch::nn::functional::normalize(torch::mv(matrix, weight->weight_v), torch::nn::functional::NormalizeFuncOptions().dim(0)));
        }
        if (auto* bn = dynamic_cast<lscore::BigGanBatchNormImpl*>(module.get())) bn->running_vars.fill_(1.0);
    }
    generator->embeddings->weight.normal_(0.0, 0.5);
    return generator;   // normalized by the caller, on the device it runs on
}

nlohmann::json benchBigGan(const lscore::BigGanConfig& config, const std::string& name, int iterations, const std::vector<int>& batchSizes,
                           const torch::Device& device)
{
    lscore::BigGanGenerator generator = syntheticBigGan(config);
    generator->to(device);
    generator->eval();
    if (auto s = generator->normalizeWeights(); !s) throw std::runtime_error(s.error());
    const double gflopPerFrame = 2.0 * bigGanMacsPerFrame(config) / 1e9;
    const double convGflops = measureConvThroughput(iterations, device);
    c10::InferenceMode inference;
    // Seeds → truncated-normal noise at truncation 0.4, one-hot classes, every block the same input.
    const auto conds = [&](int batch) {
        std::vector<float> noise;
        for (int i = 0; i < batch; ++i) {
            const std::vector<float> z = lscore::seedToTruncatedNormal(static_cast<std::uint32_t>(i), config.z_dim);
            noise.insert(noise.end(), z.begin(), z.end());
        }
        const torch::Tensor z = torch::from_blob(noise.data(), {batch, config.z_dim}, torch::kFloat32).to(device) * 0.4f;
        const torch::Tensor classes = torch::nn::functional::one_hot(torch::arange(batch) * 97 % config.num_classes, config.num_classes)
                                          .to(torch::kFloat32).to(device);
        return generator->conditionVector(z, classes).unsqueeze(1).expand({-1, config.numSites(), -1}).contiguous();
    };
    const nlohmann::json batches = timeFramewiseAndBatched(iterations, batchSizes, gflopPerFrame, convGflops, "one forward call",
        [&](int batch, bool framewise) {
            const torch::Tensor c = conds(batch);
            if (framewise)
                for (int i = 0; i < batch; ++i) (void)generator->forward(c.slice(0, i, i + 1), 0.4).to(torch::kCPU);
            else
                (void)generator->forward(c, 0.4).to(torch::kCPU);
        });
    double parameters = 0.0;
    for (const auto& p : generator->parameters()) parameters += static_cast<double>(p.numel());
    return {{"model", name},
            {"architecture", "biggan-deep"},
            {"resolution", config.resolution()},
            {"num_ws", config.numSites()},
            {"parameters_millions", parameters / 1e6},
            {"device", device.str()},
            {"threads", torch::get_num_threads()},
            {"iterations", iterations},
            {"gflop_per_frame", gflopPerFrame},
            {"conv_reference", {{"op", "conv2d 3x3 [1,128,64,64] -> 128"}, {"gflops", convGflops}}},
            {"batches", batches}};
}

// A new prompt through CLIP: tokenizing and the text tower (a ViT-B/32-sized one with random weights
// unless FILE is given). The studio caches each prompt's feature, so this is paid once per prompt.
nlohmann::json benchTextEncoder(const std::string& textEncoderPath, int iterations, const torch::Device& device)
{
    auto tokenizer = lscore::ClipTokenizer::open(lscore::ClipTokenizer::shippedVocabularyPath());
    if (!tokenizer) throw std::runtime_error(tokenizer.error());
    lscore::ClipTextEncoder encoder{nullptr};
    if (textEncoderPath.empty()) {
        torch::manual_seed(0);
        encoder = lscore::ClipTextEncoder(lscore::ClipTextConfig{});
    } else {
        auto loaded = lscore::loadClipTextEncoder(textEncoderPath);
        if (!loaded) throw std::runtime_error(loaded.error());
        encoder = std::move(loaded).value();
    }
    encoder->to(device);
    encoder->eval();
    c10::InferenceMode inference;
    int next = 0;
    // A different prompt each time: the tokenizer caches words it has seen, as it does in the studio.
    auto prompt = [&] { return "a photo of a red bus number " + std::to_string(next++) + " parked next to a tall building"; };
    const Timing tokenize = summarize(timeRepeatedly(iterations, [&] { (void)tokenizer->tokenize(prompt()); }));
    const Timing encode = summarize(timeRepeatedly(iterations, [&] {
        const auto ids = torch::tensor(tokenizer->tokenize(prompt()).ids, torch::kInt64).unsqueeze(0).to(device);
        (void)encoder->forward(ids).to(torch::kCPU);
    }));
    const auto& c = encoder->config;
    return {{"model", textEncoderPath.empty() ? std::string("synthetic CLIP ViT-B/32 text tower (random weights)") : textEncoderPath},
            {"width", c.width}, {"layers", c.layers}, {"heads", c.heads},
            {"tokenize_ms_median", tokenize.medianMs},
            {"new_prompt_ms_median", encode.medianMs},
            {"new_prompt_ms_p95", encode.p95Ms}};
}

// A batch's inputs as the renderer makes them: seeds -> z (numpy-compatible), and the conditioning.
struct BatchInputs {
    torch::Tensor z, cond, layerText;
};

BatchInputs batchInputs(const BenchModel& model, int batch, const torch::Device& device)
{
    const auto& c = model.config;
    std::vector<float> zData;
    for (int i = 0; i < batch; ++i) {
        std::vector<float> z = lscore::seedToZ(static_cast<std::uint32_t>(i), c.z_dim);
        zData.insert(zData.end(), z.begin(), z.end());
    }
    BatchInputs in;
    // clone(): from_blob borrows zData, which ends with this function (and .to() of a CPU tensor to
    // the CPU is the same tensor).
    in.z = torch::from_blob(zData.data(), {batch, c.z_dim}, torch::kFloat32).clone().to(device);
    if (c.text_dim > 0 && !c.mappingSeesText()) {
        // LAFITE: unit CLIP features for the synthesis layers; the mapping sees no text.
        torch::Tensor features = torch::randn({batch, c.text_dim});
        in.layerText = (features / features.norm(2, -1, true)).to(device).unsqueeze(1).expand({-1, c.numWs(), -1});
    } else if (c.c_dim > 0) {
        // Class models: one-hot labels; text models: random unit-moment "prompt" embeddings.
        in.cond = c.text_dim > 0 ? torch::randn({batch, c.c_dim})
                                 : torch::nn::functional::one_hot(torch::arange(batch) % c.c_dim, c.c_dim).to(torch::kFloat32);
        in.cond = in.cond.to(device);
        if (c.mappingSeesText()) in.layerText = in.cond.unsqueeze(1).expand({-1, c.numWs(), -1});
    }
    return in;
}

// One batch, mapping -> synthesis -> frame on the host, as the renderer does it (the copy back also
// makes a GPU's asynchronous work count in the timing).
torch::Tensor renderBatch(BenchModel& model, int batch, lscore::ModConvMode mode, const torch::Device& device)
{
    const BatchInputs in = batchInputs(model, batch, device);
    torch::Tensor ws = model.generator->mapping->forward(in.z, in.cond, 0.7, -1);
    lscore::SynthesisOptions options;
    options.modConvMode = mode;
    return model.generator->synthesis->forward(ws, in.layerText, options).to(torch::kCPU);
}

// "b64": NVlabs' block name. Built by insertion: GCC 12 warns falsely on "b" + std::string.
std::string blockName(int resolution)
{
    std::string name = std::to_string(resolution);
    name.insert(name.begin(), 'b');
    return name;
}

// Where one frame's time goes in the fused form the studio renders with: the mapping, each
// synthesis block (its convolutions, ToRGB and the image's up-sampling) and the copy to the host,
// ms per frame (medians). The blocks are driven one by one over the whole batch (on the CPU
// SynthesisNetwork::forward runs a fused batch sample by sample; batch 1 is the same either way).
nlohmann::json stageSplit(BenchModel& model, int batch, int iterations, const torch::Device& device)
{
    const auto& c = model.config;
    auto synchronize = [&](const torch::Tensor& t) {
        if (device.is_cuda()) (void)t.flatten().narrow(0, 0, 1).to(torch::kCPU);
    };
    lscore::SynthesisOptions options;
    options.modConvMode = lscore::ModConvMode::Fused;
    auto& blocks = model.generator->synthesis->blocks;
    std::vector<std::vector<double>> samples(blocks.size() + 2);
    for (int iteration = -1; iteration < iterations; ++iteration) {   // -1: warm-up
        const BatchInputs in = batchInputs(model, batch, device);
        auto start = Clock::now();
        auto lap = [&](std::size_t stage) {
            const auto now = Clock::now();
            if (iteration >= 0) samples[stage].push_back(std::chrono::duration<double, std::milli>(now - start).count() / batch);
            start = now;
        };
        torch::Tensor ws = model.generator->mapping->forward(in.z, in.cond, 0.7, -1);
        synchronize(ws);
        lap(0);
        torch::Tensor styles = ws;
        if (c.text_dim > 0) styles = torch::cat({ws, in.layerText.to(ws.device(), torch::kFloat32)}, 2);
        torch::Tensor x, img;
        int wIndex = 0;
        for (std::size_t b = 0; b < blocks.size(); ++b) {
            auto& block = blocks[b];
            std::tie(x, img) = block->forward(x, img, styles.narrow(1, wIndex, block->numConv() + block->numTorgb()), options, nullptr);
            wIndex += block->numConv();
            synchronize(img.defined() ? img : x);
            lap(b + 1);
        }
        (void)img.to(torch::kCPU);
        lap(blocks.size() + 1);
    }
    nlohmann::json stages = nlohmann::json::array();
    double total = 0.0;
    for (std::size_t stage = 0; stage < samples.size(); ++stage) {
        const double ms = summarize(samples[stage]).medianMs;
        total += ms;
        const std::string name = stage == 0 ? "mapping"
                                 : stage == samples.size() - 1 ? "host copy"
                                 : blockName(blocks[stage - 1]->resolution);
        stages.push_back({{"stage", name}, {"ms_per_frame", ms}});
    }
    return {{"batch", batch}, {"form", "fused"}, {"stages", stages}, {"sum_ms_per_frame", total}};
}

// What the leading-layer cache saves a single frame: the time of a frame whose styles differ from
// the previous frame's from the rows that block bR is the first to read (a fine style-mix or
// prompt-mix edit), for each block from 64 px up, against the full pass. Alternates two style sets that agree before that
// row, so every timed pass resumes there.
nlohmann::json resumeSavings(BenchModel& model, int iterations, const torch::Device& device)
{
    const auto& c = model.config;
    const BatchInputs inA = batchInputs(model, 1, device);
    const BatchInputs inB = batchInputs(model, 2, device);
    const torch::Tensor wsA = model.generator->mapping->forward(inA.z, inA.cond, 0.7, -1);
    const torch::Tensor wsB = model.generator->mapping->forward(inB.z.narrow(0, 1, 1), inB.cond.defined() ? inB.cond.narrow(0, 1, 1) : inB.cond, 0.7, -1);
    const torch::Tensor textB = inB.layerText.defined() ? inB.layerText.narrow(0, 1, 1) : torch::Tensor();
    lscore::SynthesisOptions options;
    options.modConvMode = lscore::ModConvMode::Fused;
    auto timePasses = [&](int fromRow) {
        torch::Tensor ws = wsA.clone(), text = inA.layerText.defined() ? inA.layerText.clone() : torch::Tensor();
        const int rows = c.numWs() - fromRow;
        ws.narrow(1, fromRow, rows).copy_(wsB.narrow(1, fromRow, rows));
        if (text.defined()) text.narrow(1, fromRow, rows).copy_(textB.narrow(1, fromRow, rows));
        lscore::SynthesisCache cache;
        options.cache = fromRow > 0 ? &cache : nullptr;
        bool alternate = false;
        const Timing t = summarize(timeRepeatedly(iterations, [&] {
            alternate = !alternate;
            (void)model.generator->synthesis->forward(alternate ? ws : wsA, alternate ? text : inA.layerText, options).to(torch::kCPU);
        }));
        return t.medianMs;
    };
    const double full = timePasses(0);
    nlohmann::json rows = nlohmann::json::array();
    int block = 0;
    for (int res = 4; res <= c.img_resolution; res *= 2, ++block) {
        if (res < 64) continue;
        // Block k reads w rows 2k-1 (conv0), 2k (conv1) and 2k+1 (ToRGB, shared with the next conv0),
        // so rows from 2k on are first read by block k: the pass resumes there.
        const int fromRow = 2 * block;
        const double ms = timePasses(fromRow);
        rows.push_back({{"resumes_at_block", blockName(res)}, {"changed_from_w_index", fromRow}, {"ms_per_frame", ms},
                        {"fraction_of_full_pass", ms / full}});
    }
    return {{"form", "fused, batch 1"}, {"full_pass_ms", full}, {"resumed", rows}};
}

} // namespace

int lab::bench(int argc, char** argv)
{
    std::string modelPath, textEncoderPath, deviceName = "cpu", modeName = "auto";
    int synthetic = 0, channelMax = 0, channelBase = 0, iterations = 10, threads = 0;
    bool lafite = false;
    bool directions = false;
    std::string styleGan3Variant;
    bool bigGan = false;
    std::vector<int> batchSizes = {1, 8};
    cli::CommandLine line("latent-studio-lab bench",
        "Times rendering at batch 1 and 8 and prints JSON. Give exactly one of --model and --synthetic.\n"
        "For LAFITE models a new prompt through CLIP is timed too, with the text tower given or a\n"
        "random-weight ViT-B/32-sized one. Each frame is copied back to the host.\n");
    line.text("--model", modelPath, "FILE", "an NVlabs-format fixture or a project model (.safetensors)");
    line.option("--synthetic", "RES", "a random-weight 512-z generator built in memory, RES a power of two 4-1024",
                [&synthetic](const std::string& value) {
                    const auto n = cli::parseNumber<int>(value);
                    if (!n || *n < 4 || *n > 1024 || (*n & (*n - 1)) != 0)
                        return "needs a power of two from 4 to 1024 (got \"" + value + "\")";
                    synthetic = *n;
                    return std::string();
                });
    line.number("--channel-max", channelMax, "N", "--synthetic: widest layer (default 128, LAFITE 512)", 1, 512);
    line.number("--channel-base", channelBase, "N", "--synthetic: NVlabs channel_base (default 32768, LAFITE 16384)", 1024, 65536);
    line.flag("--lafite", lafite, "--synthetic: a LAFITE generator (StyleGAN2-ADA paper256 widths, 512-wide CLIP features)");
    line.flag("--biggan", bigGan, "--synthetic: a BigGAN-deep generator of the released widths (RES 128, 256 or 512)");
    line.choice("--stylegan3", styleGan3Variant, {"t", "r"},
                "--synthetic: a StyleGAN3 generator of NVlabs' stylegan3-t or stylegan3-r widths");
    line.text("--text-encoder", textEncoderPath, "FILE", "CLIP text tower to time a new LAFITE prompt with");
    line.option("--batches", "LIST", "batch sizes to time, e.g. 1 for a model too large for batch 8 here (default 1,8)",
                [&batchSizes](const std::string& value) {
                    batchSizes.clear();
                    std::size_t at = 0;
                    while (at <= value.size()) {
                        const std::size_t comma = std::min(value.find(',', at), value.size());
                        const auto n = cli::parseNumber<int>(value.substr(at, comma - at));
                        if (!n || *n < 1 || *n > 64) return "needs batch sizes from 1 to 64 separated by commas (got \"" + value + "\")";
                        batchSizes.push_back(*n);
                        at = comma + 1;
                    }
                    return std::string();
                });
    line.flag("--directions", directions, "time SeFa, GANSpace (10,000 samples) and a frame with 8 directions vs none, "
                                           "through the engine (a --synthetic generator is written to a temporary file)");
    line.number("--iterations", iterations, "N", "timed runs per measurement (default 10)", 1, 10000);
    line.number("--threads", threads, "N", "intra-op threads (default: libtorch's)", 1, 1024);
    line.choice("--mode", modeName, {"fused", "nonfused", "auto"}, "modulated-convolution form (default auto)");
    line.text("--device", deviceName, "D", "cpu, cuda or cuda:N (default cpu)");
    line.footer("Exit status: 0 success, 2 bad usage or unreadable input.");
    if (auto status = line.parse(argc, argv)) return *status;
    if (modelPath.empty() == (synthetic == 0)) return line.usageError("give exactly one of --model FILE or --synthetic RES");
    const lscore::ModConvMode mode = modeName == "fused" ? lscore::ModConvMode::Fused
                                     : modeName == "nonfused" ? lscore::ModConvMode::NonFused : lscore::ModConvMode::Auto;
    if (threads > 0) torch::set_num_threads(threads);
    auto device = lscore::parseTorchDevice(deviceName);
    if (!device) {
        std::fprintf(stderr, "bench: %s\n", device.error().c_str());
        return 2;
    }

    if (!styleGan3Variant.empty() && (!synthetic || lafite)) return line.usageError("--stylegan3 goes with --synthetic RES (and not --lafite)");

    if (bigGan && (!synthetic || lafite || !styleGan3Variant.empty()))
        return line.usageError("--biggan goes with --synthetic RES (and not --lafite or --stylegan3)");

    try {
        if (bigGan) {
            auto settings = bigGanSettings(synthetic);
            if (!settings) {
                std::fprintf(stderr, "bench: %s\n", settings.error().c_str());
                return 2;
            }
            std::printf("%s\n", benchBigGan(*settings, "synthetic-biggan-deep-" + std::to_string(synthetic), iterations, batchSizes, *device).dump(2).c_str());
            return 0;
        }
        // StyleGAN3: a synthetic generator, or a model file that holds one.
        std::optional<lscore::StyleGan3Generator> styleGan3;
        std::string styleGan3Name;
        if (!styleGan3Variant.empty()) {
            auto settings = styleGan3Settings(synthetic, styleGan3Variant[0]);
            if (!settings) {
                std::fprintf(stderr, "bench: %s\n", settings.error().c_str());
                return 2;
            }
            torch::manual_seed(0);
            styleGan3 = lscore::StyleGan3Generator(*settings);
            styleGan3Name = "synthetic-stylegan3-" + styleGan3Variant + "-" + std::to_string(synthetic);
        } else if (!modelPath.empty()) {
            auto file = lab::loadWeights(modelPath);
            if (file && lscore::looksLikeStyleGan3(file->tensors)) {
                const auto kwargs = nlohmann::json::parse(file->metadata.count("init_kwargs") ? file->metadata.at("init_kwargs") : "null", nullptr, false);
                auto config = lscore::StyleGan3Config::fromJson(kwargs);
                if (!config) {
                    std::fprintf(stderr, "bench: %s: %s\n", modelPath.c_str(), config.error().c_str());
                    return 2;
                }
                styleGan3 = lscore::StyleGan3Generator(*config);
                if (lscore::Status loaded = lscore::loadTensors(**styleGan3, file->tensors); !loaded) {
                    std::fprintf(stderr, "bench: %s: %s\n", modelPath.c_str(), loaded.error().c_str());
                    return 2;
                }
                styleGan3Name = modelPath;
            }
        }
        if (styleGan3) {
            std::printf("%s\n", benchStyleGan3(*styleGan3, styleGan3Name, iterations, batchSizes, *device).dump(2).c_str());
            return 0;
        }
        std::optional<BenchModel> model;
        if (directions && synthetic) {
            if (lafite) return line.usageError("--directions times StyleGAN2 generators; leave out --lafite");
            BenchModel built = syntheticModel(synthetic, channelMax > 0 ? channelMax : 128, channelBase, false);
            const auto& c = built.config;
            const nlohmann::json kwargs = {{"z_dim", c.z_dim}, {"c_dim", 0}, {"w_dim", c.w_dim}, {"img_resolution", c.img_resolution},
                                           {"img_channels", c.img_channels}, {"mapping_kwargs", {{"num_layers", c.mapping_layers}}},
                                           {"channel_base", c.channel_base}, {"channel_max", c.channel_max}, {"conv_clamp", 256}};
            const std::string path = (std::filesystem::temp_directory_path() / ("ls-bench-" + built.name + ".safetensors")).string();
            if (lscore::Status written = lscore::writeSafetensors(path, lscore::collectTensors(*built.generator), {{"init_kwargs", kwargs.dump()}});
                !written) {
                std::fprintf(stderr, "bench: %s\n", written.error().c_str());
                return 1;
            }
            nlohmann::json result = benchDirections(path, built.name, iterations, deviceName);
            std::filesystem::remove(path);
            std::printf("%s\n", result.dump(2).c_str());
            return 0;
        }
        if (directions) {
            std::printf("%s\n", benchDirections(modelPath, modelPath, iterations, deviceName).dump(2).c_str());
            return 0;
        }
        if (synthetic) {
            model = syntheticModel(synthetic, channelMax > 0 ? channelMax : lafite ? 512 : 128, channelBase, lafite);
        } else {
            std::string error;
            model = openModel(modelPath, error);
            if (!model) {
                std::fprintf(stderr, "bench: %s\n", error.c_str());
                return 2;
            }
        }
        model->generator->to(*device);
        model->generator->eval();
        const double gflopPerFrame = 2.0 * macsPerFrame(model->config) / 1e9;
        const double convGflops = measureConvThroughput(iterations, *device);

        c10::InferenceMode inference;
        nlohmann::json batches = nlohmann::json::array();
        for (int batch : batchSizes) {
            Timing t = summarize(timeRepeatedly(iterations, [&] { (void)renderBatch(*model, batch, mode, *device); }));
            const double msPerFrame = t.medianMs / batch;
            const double imagesPerSecond = 1000.0 / msPerFrame;
            batches.push_back({{"batch", batch},
                               {"ms_per_frame_median", msPerFrame},
                               {"ms_per_frame_p95", t.p95Ms / batch},
                               {"images_per_second", imagesPerSecond},
                               {"gflops_reached", gflopPerFrame * imagesPerSecond},
                               {"fraction_of_conv_throughput", gflopPerFrame * imagesPerSecond / convGflops}});
        }
        nlohmann::json modconv = nlohmann::json::object();
        for (int batch : batchSizes) {
            nlohmann::json entry;
            for (auto form : {lscore::ModConvMode::Fused, lscore::ModConvMode::NonFused}) {
                Timing t = summarize(timeRepeatedly(iterations, [&] { (void)renderBatch(*model, batch, form, *device); }));
                entry[form == lscore::ModConvMode::Fused ? "fused_ms_per_frame" : "nonfused_ms_per_frame"] = t.medianMs / batch;
            }
            entry["auto_picks"] =
                lscore::resolveModConvMode(lscore::ModConvMode::Auto, batch, *device) == lscore::ModConvMode::Fused
                    ? "fused" : "nonfused";
            modconv["batch" + std::to_string(batch)] = entry;
        }
        nlohmann::json out = {
            {"model", model->name},
            {"resolution", model->config.img_resolution},
            {"num_ws", model->config.numWs()},
            {"parameters_millions", [&] {
                 double n = 0;
                 for (const auto& p : model->generator->parameters()) n += static_cast<double>(p.numel());
                 return n / 1e6;
             }()},
            {"device", device->str()},
            {"threads", torch::get_num_threads()},
            {"mode", modeName},
            {"iterations", iterations},
            {"gflop_per_frame", gflopPerFrame},
            {"conv_reference", {{"op", "conv2d 3x3 [1,128,64,64] -> 128"}, {"gflops", convGflops}}},
            {"batches", batches},
            {"modconv", modconv},
        };
        nlohmann::json split = nlohmann::json::array();
        for (int batch : batchSizes) split.push_back(stageSplit(*model, batch, iterations, *device));
        out["stage_split"] = split;
        if (std::find(batchSizes.begin(), batchSizes.end(), 1) != batchSizes.end())
            out["leading_layer_cache"] = resumeSavings(*model, iterations, *device);
        if (model->config.text_dim > 0 && !model->config.mappingSeesText())
            out["text_encoder"] = benchTextEncoder(textEncoderPath, iterations, *device);
        std::printf("%s\n", out.dump(2).c_str());
    } catch (const c10::Error& error) {
        std::fprintf(stderr, "bench: %s\n", error.what_without_backtrace());
        return 2;
    } catch (const std::exception& error) {
        std::fprintf(stderr, "bench: %s\n", error.what());
        return 2;
    }
    return 0;
}
