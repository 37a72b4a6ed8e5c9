// StyleGAN3 generator modules, written from the maths of NVlabs' networks_stylegan3.py and the
// reference paths of its custom ops (filtered_lrelu, upfirdn2d, bias_act).
//
// Every op is an ordinary torch op that exists on CPU and CUDA alike. Where the reference computes
// something wasteful and the sums are the same (a convolution followed by keeping every n-th sample
// is a strided convolution), the cheaper form is used; the order of additions may differ, which moves
// results by fp32 rounding only.
#include <algorithm>
#include <cmath>
#include <set>
#include <string>
#include <vector>

#include <torch/torch.h>

#include "generator_settings.h"
#include "lscore/stylegan3.h"

namespace lscore {

namespace {

namespace F = torch::nn::functional;
using nlohmann::json;
using namespace generator_settings;

const double kSqrt2 = std::sqrt(2.0);
constexpr double kPi = 3.14159265358979323846;

// Python's floor division, which the padding formula uses (pad_total may be negative).
std::int64_t floorDiv(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

// Pads with zeros where `pad` is positive and crops where it is negative: [x0, x1, y0, y1].
torch::Tensor padOrCrop(const torch::Tensor& x, const std::array<int, 4>& pad)
{
    torch::Tensor y = x;
    if (std::any_of(pad.begin(), pad.end(), [](int p) { return p > 0; }))
        y = F::pad(y, F::PadFuncOptions({std::max(pad[0], 0), std::max(pad[1], 0), std::max(pad[2], 0), std::max(pad[3], 0)}));
    const std::int64_t h = y.size(2), w = y.size(3);
    const std::int64_t top = std::max(-pad[2], 0), bottom = std::max(-pad[3], 0);
    const std::int64_t left = std::max(-pad[0], 0), right = std::max(-pad[1], 0);
    if (top || bottom || left || right) y = y.slice(2, top, h - bottom).slice(3, left, w - right);
    return y;
}

// upfirdn2d's FIR step on [N, C, H, W] with one filter for all channels (true convolution: the
// filter is flipped), `gain` spread over the passes, then every `down`-th sample kept from 0. A 1-D
// filter is applied along W, then along H; a 2-D one at once. Depthwise (one group per channel), as
// the reference does it: a single-channel convolution over N·C images is padded to the CPU
// library's channel block and was measured several times slower.
torch::Tensor firFilter(const torch::Tensor& x, const torch::Tensor& filter, double gain, int down)
{
    const std::int64_t channels = x.size(1);
    if (filter.dim() == 1) {
        const std::int64_t taps = filter.size(0);
        const torch::Tensor f = (filter.to(x.dtype()) * std::sqrt(gain)).flip({0});
        const torch::Tensor alongW = f.reshape({1, 1, 1, taps}).expand({channels, 1, 1, taps}).contiguous();
        const torch::Tensor alongH = f.reshape({1, 1, taps, 1}).expand({channels, 1, taps, 1}).contiguous();
        torch::Tensor y = F::conv2d(x, alongW, F::Conv2dFuncOptions().groups(channels).stride({1, down}));
        return F::conv2d(y, alongH, F::Conv2dFuncOptions().groups(channels).stride({down, 1}));
    }
    const torch::Tensor f = (filter.to(x.dtype()) * gain).flip({0, 1});
    return F::conv2d(x, f.reshape({1, 1, f.size(0), f.size(1)}).expand({channels, 1, f.size(0), f.size(1)}).contiguous(),
                     F::Conv2dFuncOptions().groups(channels).stride(down));
}

// filtered_lrelu's reference path: bias; upsample (zeros inserted after each sample), pad, FIR with
// gain up²; leaky ReLU × gain, clamp; FIR with gain 1 and keep every `down`-th sample.
torch::Tensor filteredLrelu(torch::Tensor x, const torch::Tensor& bias, const torch::Tensor& upFilter,
                            const torch::Tensor& downFilter, const StyleGan3Geometry::Layer& g, double gain,
                            double slope, std::optional<double> clamp)
{
    x = x + bias.to(x.dtype()).reshape({1, -1, 1, 1});
    const int up = g.upFactor;
    if (up > 1) {
        const std::int64_t n = x.size(0), c = x.size(1), h = x.size(2), w = x.size(3);
        x = F::pad(x.reshape({n, c, h, 1, w, 1}), F::PadFuncOptions({0, up - 1, 0, 0, 0, up - 1})).reshape({n, c, h * up, w * up});
    }
    x = padOrCrop(x, g.padding);
    if (upFilter.defined()) x = firFilter(x, upFilter, static_cast<double>(up) * up, 1);
    if (slope != 1.0) x = F::leaky_relu(x, F::LeakyReLUFuncOptions().negative_slope(slope));
    if (gain != 1.0) x = x * gain;
    if (clamp) x = x.clamp(-*clamp, *clamp);
    if (downFilter.defined()) return firFilter(x, downFilter, 1.0, g.downFactor);
    if (g.downFactor > 1) return x.slice(2, 0, x.size(2), g.downFactor).slice(3, 0, x.size(3), g.downFactor);
    return x;
}

void throwIfCancelled(const std::atomic_bool* cancel)
{
    if (cancel && cancel->load(std::memory_order_relaxed)) throw Cancelled();
}

const std::set<std::string>& knownSettings()
{
    static const std::set<std::string> keys = {
        "z_dim", "c_dim", "w_dim", "img_resolution", "img_channels", "mapping_kwargs", "synthesis_kwargs",
        "channel_base", "channel_max", "num_layers", "num_critical", "first_cutoff", "first_stopband",
        "last_stopband_rel", "margin_size", "output_scale", "num_fp16_res", "conv_kernel", "filter_size",
        "lrelu_upsampling", "use_radial_filters", "conv_clamp", "magnitude_ema_beta"};
    return keys;
}

} // namespace

// ---------------------------------------------------------------------------------------------
// Configuration and geometry

Result<StyleGan3Config> StyleGan3Config::fromJson(const nlohmann::json& initKwargs)
{
    if (!initKwargs.is_object())
        return makeError("StyleGAN3 generator settings (init_kwargs) must be a JSON object");
    StyleGan3Config config;
    const json& top = initKwargs;
    const json* synthesis = top.contains("synthesis_kwargs") ? &top.at("synthesis_kwargs") : nullptr;
    const json* mapping = top.contains("mapping_kwargs") ? &top.at("mapping_kwargs") : nullptr;
    for (const json* object : {&top, synthesis}) {
        if (!object || !object->is_object()) continue;
        for (const auto& item : object->items()) {
            if (!knownSettings().count(item.key()))
                return makeError(fieldError(item.key(), "is not a StyleGAN3 setting this build knows (an unknown "
                                                        "architecture variant); only NVlabs' StyleGAN3 T and R generators are supported"));
        }
    }
    if (mapping && !mapping->is_null() && !mapping->is_object())
        return makeError(fieldError("mapping_kwargs", "must be an object, not " + mapping->dump()));
    if (mapping && mapping->is_object()) {
        for (const auto& item : mapping->items()) {
            if (item.key() != "num_layers" && item.key() != "lr_multiplier" && item.key() != "w_avg_beta")
                return makeError(fieldError("mapping_kwargs." + item.key(), "is not a StyleGAN3 mapping setting this build knows"));
        }
    }
    for (const char* required : {"z_dim", "w_dim", "img_resolution"})
        if (!top.contains(required)) return makeError(fieldError(required, "is missing"));

    constexpr int kMaxDim = 8192;
    std::optional<std::string> problem;
    const auto flat = [&](const char* key) { return findKey(key, {&top, synthesis}); };
    if ((problem = readInt("z_dim", flat("z_dim"), config.z_dim, 0, kMaxDim))) return makeError(*problem);
    if ((problem = readInt("c_dim", flat("c_dim"), config.c_dim, 0, kMaxDim))) return makeError(*problem);
    if ((problem = readInt("w_dim", flat("w_dim"), config.w_dim, 1, kMaxDim))) return makeError(*problem);
    if ((problem = readInt("img_resolution", flat("img_resolution"), config.img_resolution, 8, 4096))) return makeError(*problem);
    if ((problem = readInt("img_channels", flat("img_channels"), config.img_channels, 1, 16))) return makeError(*problem);
    if ((problem = readInt("mapping_kwargs.num_layers", findKey("num_layers", {mapping}), config.mapping_layers, 1, 64)))
        return makeError(*problem);
    if ((problem = readPositiveDouble("mapping_kwargs.lr_multiplier", findKey("lr_multiplier", {mapping}), config.mapping_lr_multiplier)))
        return makeError(*problem);
    if ((problem = readDouble("mapping_kwargs.w_avg_beta", findKey("w_avg_beta", {mapping}), config.w_avg_beta, 0.0, 1.0)))
        return makeError(*problem);
    if ((problem = readInt("channel_base", flat("channel_base"), config.channel_base, 1, 1 << 24))) return makeError(*problem);
    if ((problem = readInt("channel_max", flat("channel_max"), config.channel_max, 1, kMaxDim))) return makeError(*problem);
    if ((problem = readInt("num_layers", flat("num_layers"), config.num_layers, 1, 64))) return makeError(*problem);
    if ((problem = readInt("num_critical", flat("num_critical"), config.num_critical, 0, 64))) return makeError(*problem);
    // Bounds that keep every sampling rate at 2 or more and every width finite (NVlabs: 2, 2^2.1, 2^0.3).
    if ((problem = readDouble("first_cutoff", flat("first_cutoff"), config.first_cutoff, 0.5, 4096))) return makeError(*problem);
    if ((problem = readDouble("first_stopband", flat("first_stopband"), config.first_stopband, 1.0, 4096))) return makeError(*problem);
    if ((problem = readDouble("last_stopband_rel", flat("last_stopband_rel"), config.last_stopband_rel, 1.0, 16))) return makeError(*problem);
    if ((problem = readInt("margin_size", flat("margin_size"), config.margin_size, 0, 256))) return makeError(*problem);
    if ((problem = readDouble("output_scale", flat("output_scale"), config.output_scale, -1e6, 1e6))) return makeError(*problem);
    if ((problem = readInt("conv_kernel", flat("conv_kernel"), config.conv_kernel, 1, 7))) return makeError(*problem);
    if ((problem = readInt("filter_size", flat("filter_size"), config.filter_size, 1, 64))) return makeError(*problem);
    if ((problem = readInt("lrelu_upsampling", flat("lrelu_upsampling"), config.lrelu_upsampling, 1, 8))) return makeError(*problem);
    if ((problem = readDouble("magnitude_ema_beta", flat("magnitude_ema_beta"), config.magnitude_ema_beta, 0.0, 1.0)))
        return makeError(*problem);
    if (const json* radial = flat("use_radial_filters"); radial && !radial->is_null()) {
        if (!radial->is_boolean()) return makeError(fieldError("use_radial_filters", "must be true or false, not " + radial->dump()));
        config.use_radial_filters = radial->get<bool>();
    }
    if ((problem = readClamp(flat("conv_clamp"), config.conv_clamp))) return makeError(*problem);
    if (config.conv_kernel % 2 == 0)
        return makeError(fieldError("conv_kernel", "is " + std::to_string(config.conv_kernel) + "; it must be odd (3: config T, 1: config R)"));
    if (config.num_critical >= config.num_layers)
        return makeError(fieldError("num_critical", "must be smaller than num_layers"));
    if (config.z_dim + config.c_dim == 0)
        return makeError(fieldError("z_dim", "and c_dim are both 0; the mapping network needs an input"));
    // The geometry first (cheap), so that no layer is built from settings that make it absurd.
    constexpr int kMaxResamplingFactor = 16;
    const StyleGan3Geometry geometry = StyleGan3Geometry::of(config);
    for (const auto& layer : geometry.layers) {
        if (layer.inChannels < 1 || layer.outChannels < 1 || layer.outSize < 1)
            return makeError(fieldError("channel_base", "gives layer " + layer.name + " no channels or no pixels"));
        if (layer.upFactor > kMaxResamplingFactor || layer.downFactor > kMaxResamplingFactor)
            return makeError("StyleGAN3 settings make layer " + layer.name + " resample by a factor of "
                             + std::to_string(std::max(layer.upFactor, layer.downFactor)) + " (at most "
                             + std::to_string(kMaxResamplingFactor) + " is supported); the settings are damaged");
    }
    if (config.estimatedParameterCount() > kMaxGeneratorParameters)
        return makeError("StyleGAN3 settings describe a network of about " +
                         std::to_string(static_cast<long long>(config.estimatedParameterCount() / 1e6)) +
                         " M parameters, more than this build accepts (1000 M); the settings are damaged");
    return config;
}

nlohmann::json StyleGan3Config::toJson() const
{
    return json{
        {"z_dim", z_dim}, {"c_dim", c_dim}, {"w_dim", w_dim}, {"img_resolution", img_resolution},
        {"img_channels", img_channels},
        {"mapping_kwargs", {{"num_layers", mapping_layers}, {"lr_multiplier", mapping_lr_multiplier}, {"w_avg_beta", w_avg_beta}}},
        {"channel_base", channel_base}, {"channel_max", channel_max}, {"num_layers", num_layers},
        {"num_critical", num_critical}, {"first_cutoff", first_cutoff}, {"first_stopband", first_stopband},
        {"last_stopband_rel", last_stopband_rel}, {"margin_size", margin_size}, {"output_scale", output_scale},
        {"conv_kernel", conv_kernel}, {"filter_size", filter_size}, {"lrelu_upsampling", lrelu_upsampling},
        {"use_radial_filters", use_radial_filters}, {"conv_clamp", conv_clamp ? json(*conv_clamp) : json(nullptr)},
        {"magnitude_ema_beta", magnitude_ema_beta}};
}

StyleGan2Config StyleGan3Config::mappingConfig() const
{
    StyleGan2Config mapping;
    mapping.z_dim = z_dim;
    mapping.c_dim = c_dim;
    mapping.w_dim = w_dim;
    mapping.img_resolution = img_resolution;
    mapping.mapping_layers = mapping_layers;
    mapping.mapping_lr_multiplier = mapping_lr_multiplier;
    mapping.w_avg_beta = w_avg_beta;
    return mapping;
}

double StyleGan3Config::estimatedParameterCount() const
{
    const StyleGan3Geometry g = StyleGan3Geometry::of(*this);
    double count = static_cast<double>(z_dim + (c_dim > 0 ? w_dim : 0)) * w_dim + mapping_layers * static_cast<double>(w_dim) * w_dim
                   + static_cast<double>(c_dim) * w_dim;
    count += static_cast<double>(g.inputChannels) * g.inputChannels + 4.0 * w_dim;
    for (const auto& layer : g.layers) {
        count += static_cast<double>(layer.inChannels) * layer.outChannels * layer.convKernel * layer.convKernel
                 + static_cast<double>(w_dim) * layer.inChannels + layer.upTaps
                 + (layer.downRadial ? static_cast<double>(layer.downTaps) * layer.downTaps : layer.downTaps);
    }
    return count;
}

StyleGan3Geometry StyleGan3Geometry::of(const StyleGan3Config& c)
{
    const int count = c.num_layers + 1;
    const double lastCutoff = c.img_resolution / 2.0;
    const double lastStopband = lastCutoff * c.last_stopband_rel;
    // NVlabs also derives each layer's filter half-width; the filters are read from the file, so it is not needed.
    std::vector<double> cutoffs(count), samplingRates(count);
    std::vector<int> sizes(count), channels(count);
    for (int i = 0; i < count; ++i) {
        const double exponent = std::min(static_cast<double>(i) / (c.num_layers - c.num_critical), 1.0);
        cutoffs[i] = c.first_cutoff * std::pow(lastCutoff / c.first_cutoff, exponent);
        const double stopband = c.first_stopband * std::pow(lastStopband / c.first_stopband, exponent);
        samplingRates[i] = std::exp2(std::ceil(std::log2(std::min(stopband * 2.0, static_cast<double>(c.img_resolution)))));
        sizes[i] = static_cast<int>(samplingRates[i]) + 2 * c.margin_size;
        channels[i] = static_cast<int>(std::nearbyint(std::min(c.channel_base / 2.0 / cutoffs[i], static_cast<double>(c.channel_max))));
    }
    sizes[count - 1] = sizes[count - 2] = c.img_resolution;
    channels[count - 1] = c.img_channels;

    StyleGan3Geometry g;
    g.inputChannels = channels[0];
    g.inputSize = sizes[0];
    g.inputSamplingRate = samplingRates[0];
    g.inputBandwidth = cutoffs[0];
    for (int idx = 0; idx < count; ++idx) {
        const int prev = std::max(idx - 1, 0);
        Layer layer;
        layer.toRgb = idx == c.num_layers;
        layer.criticallySampled = idx >= c.num_layers - c.num_critical;
        layer.inChannels = channels[prev];
        layer.outChannels = channels[idx];
        layer.inSize = sizes[prev];
        layer.outSize = sizes[idx];
        layer.outSamplingRate = samplingRates[idx];
        layer.convKernel = layer.toRgb ? 1 : c.conv_kernel;
        const double tmpRate = std::max(samplingRates[prev], samplingRates[idx]) * (layer.toRgb ? 1 : c.lrelu_upsampling);
        layer.upFactor = static_cast<int>(std::nearbyint(tmpRate / samplingRates[prev]));
        layer.downFactor = static_cast<int>(std::nearbyint(tmpRate / samplingRates[idx]));
        layer.upTaps = layer.upFactor > 1 && !layer.toRgb ? c.filter_size * layer.upFactor : 1;
        layer.downTaps = layer.downFactor > 1 && !layer.toRgb ? c.filter_size * layer.downFactor : 1;
        layer.downRadial = c.use_radial_filters && !layer.criticallySampled;
        // The output size before down-sampling, less the input size after up-sampling, plus what the
        // two filters take away; the extra `up` in pad_lo shifts the sample centres.
        // Sizes ≤ 4608 and factors ≤ 2^14 (rates ≥ 2, tmp rate ≤ 8·4096): the sums fit in 64 bits.
        std::int64_t padTotal = static_cast<std::int64_t>(layer.outSize - 1) * layer.downFactor + 1;
        padTotal -= static_cast<std::int64_t>(layer.inSize + layer.convKernel - 1) * layer.upFactor;
        padTotal += layer.upTaps + layer.downTaps - 2;
        const std::int64_t padLo = floorDiv(padTotal + layer.upFactor, 2);
        const std::int64_t padHi = padTotal - padLo;
        layer.padding = {static_cast<int>(padLo), static_cast<int>(padHi), static_cast<int>(padLo), static_cast<int>(padHi)};
        layer.name = 'L' + std::to_string(idx);
        layer.name += '_' + std::to_string(layer.outSize);
        layer.name += '_' + std::to_string(layer.outChannels);
        g.layers.push_back(layer);
    }
    return g;
}

std::array<double, 9> StyleGan3Transform::forwardMatrix() const
{
    const double a = degrees * kPi / 180.0;
    return {std::cos(a), std::sin(a), x, -std::sin(a), std::cos(a), y, 0.0, 0.0, 1.0};
}

std::array<double, 9> StyleGan3Transform::inverseMatrix() const
{
    // The forward matrix is a rotation R followed by a translation t: its inverse is [Rᵀ, -Rᵀt].
    const double a = degrees * kPi / 180.0;
    const double cs = std::cos(a), sn = std::sin(a);
    // R = [[cs, sn], [-sn, cs]], Rᵀ = [[cs, -sn], [sn, cs]].
    return {cs, -sn, -(cs * x - sn * y), sn, cs, -(sn * x + cs * y), 0.0, 0.0, 1.0};
}

std::vector<LayerInfo> styleGan3LayerTable(const StyleGan3Config& config)
{
    const StyleGan3Geometry geometry = StyleGan3Geometry::of(config);
    const int numWs = config.numWs();
    const auto kind = [numWs](int index) {
        if (3 * index < numWs) return LayerKind::Coarse;
        if (3 * index < 2 * numWs) return LayerKind::Middle;
        return LayerKind::Fine;
    };
    std::vector<LayerInfo> table;
    table.push_back({0, "input", static_cast<int>(geometry.inputSamplingRate), kind(0)});
    for (const auto& layer : geometry.layers) {
        const int index = static_cast<int>(table.size());
        table.push_back({index, layer.name, static_cast<int>(layer.outSamplingRate), kind(index)});
    }
    return table;
}

bool looksLikeStyleGan3(const std::map<std::string, torch::Tensor>& tensors)
{
    return tensors.count("synthesis.input.freqs") > 0;
}

// ---------------------------------------------------------------------------------------------
// Modules

StyleGan3InputImpl::StyleGan3InputImpl(int wDim, const StyleGan3Geometry& geometry)
    : channels(geometry.inputChannels), size(geometry.inputSize), samplingRate(geometry.inputSamplingRate),
      bandwidth(geometry.inputBandwidth)
{
    affine = register_module("affine", FullyConnectedLayer(wDim, 4, false, 1.0, 0.0));
    weight = register_parameter("weight", torch::randn({channels, channels}));
    freqs = register_buffer("freqs", torch::zeros({channels, 2}));
    phases = register_buffer("phases", torch::zeros({channels}));
    transform = register_buffer("transform", torch::eye(3));
}

void StyleGan3InputImpl::setUserTransform(const std::array<double, 9>& inverse)
{
    torch::NoGradGuard noGrad;
    const torch::Tensor matrix = torch::tensor(std::vector<double>(inverse.begin(), inverse.end()), torch::kFloat64).reshape({3, 3});
    transform.copy_(matrix.to(transform.dtype()));
}

torch::Tensor StyleGan3InputImpl::forward(const torch::Tensor& w0)
{
    const std::int64_t batch = w0.size(0);
    // t = (r_c, r_s, t_x, t_y), its rotation part normalised: the inverse rotation and translation of
    // the image, applied before the user's transform.
    torch::Tensor t = affine->forward(w0);
    t = t / t.narrow(1, 0, 2).norm(2, 1, /*keepdim=*/true);
    const auto options = t.options();
    torch::Tensor rotation = torch::eye(3, options).unsqueeze(0).repeat({batch, 1, 1});
    rotation.select(1, 0).select(1, 0).copy_(t.select(1, 0));
    rotation.select(1, 0).select(1, 1).copy_(-t.select(1, 1));
    rotation.select(1, 1).select(1, 0).copy_(t.select(1, 1));
    rotation.select(1, 1).select(1, 1).copy_(t.select(1, 0));
    torch::Tensor translation = torch::eye(3, options).unsqueeze(0).repeat({batch, 1, 1});
    translation.select(1, 0).select(1, 2).copy_(-t.select(1, 2));
    translation.select(1, 1).select(1, 2).copy_(-t.select(1, 3));
    const torch::Tensor transforms = torch::matmul(torch::matmul(rotation, translation), transform.to(options).unsqueeze(0));

    const torch::Tensor f = freqs.to(options).unsqueeze(0);                                   // [1, C, 2]
    const torch::Tensor p = phases.to(options).unsqueeze(0)
                            + torch::matmul(f, transforms.narrow(1, 0, 2).narrow(2, 2, 1)).squeeze(2);   // [N, C]
    const torch::Tensor fb = torch::matmul(f, transforms.narrow(1, 0, 2).narrow(2, 0, 2));   // [N, C, 2]
    const torch::Tensor amplitudes = (1 - (fb.norm(2, 2) - bandwidth) / (samplingRate / 2 - bandwidth)).clamp(0, 1);

    torch::Tensor theta = torch::eye(2, 3, options);
    theta.select(0, 0).select(0, 0).fill_(0.5 * size / samplingRate);
    theta.select(0, 1).select(0, 1).fill_(0.5 * size / samplingRate);
    const torch::Tensor grid = F::affine_grid(theta.unsqueeze(0), {1, 1, size, size}, /*align_corners=*/false);   // [1, S, S, 2]

    torch::Tensor x = torch::matmul(grid.reshape({1, size * size, 2}), fb.transpose(1, 2));    // [N, S·S, C]
    x = x + p.unsqueeze(1);
    x = torch::sin(x * (kPi * 2));
    x = x * amplitudes.unsqueeze(1);
    x = torch::matmul(x, (weight / std::sqrt(static_cast<double>(channels))).t());
    return x.reshape({batch, size, size, channels}).permute({0, 3, 1, 2});
}

StyleGan3LayerImpl::StyleGan3LayerImpl(int wDim, const StyleGan3Geometry::Layer& geometry_, std::optional<double> convClamp_)
    : geometry(geometry_), convClamp(convClamp_)
{
    const auto& g = geometry;
    affine = register_module("affine", FullyConnectedLayer(wDim, g.inChannels, false, 1.0, 1.0));
    weight = register_parameter("weight", torch::randn({g.outChannels, g.inChannels, g.convKernel, g.convKernel}));
    bias = register_parameter("bias", torch::zeros({g.outChannels}));
    magnitude_ema = register_buffer("magnitude_ema", torch::ones({}));
    if (g.upTaps > 1) up_filter = register_buffer("up_filter", torch::zeros({g.upTaps}));
    if (g.downTaps > 1) {
        down_filter = g.downRadial ? register_buffer("down_filter", torch::zeros({g.downTaps, g.downTaps}))
                                   : register_buffer("down_filter", torch::zeros({g.downTaps}));
    }
}

torch::Tensor StyleGan3LayerImpl::forward(const torch::Tensor& x, const torch::Tensor& w)
{
    const auto& g = geometry;
    TORCH_CHECK(x.dim() == 4 && x.size(1) == g.inChannels && x.size(2) == g.inSize && x.size(3) == g.inSize, "layer ", g.name,
                " expects [N, ", g.inChannels, ", ", g.inSize, ", ", g.inSize, "] input, got ", x.sizes());
    const std::int64_t batch = x.size(0);
    torch::Tensor styles = affine->forward(w);
    torch::Tensor kernel = weight.to(x.dtype());
    const bool demodulate = !g.toRgb;
    if (g.toRgb) {
        styles = styles * (1.0 / std::sqrt(static_cast<double>(g.inChannels) * g.convKernel * g.convKernel));
    } else {
        // modulated_conv2d's pre-normalisation: the weight by its RMS per output channel, the styles by
        // their RMS over the whole batch (a factor demodulation cancels but for rounding).
        kernel = kernel * kernel.square().mean({1, 2, 3}, /*keepdim=*/true).rsqrt();
        styles = styles * styles.square().mean().rsqrt();
    }
    // Modulate the input instead of the weight: conv(x·s, W)·d equals the grouped conv with per-sample
    // weights W·s·d, and one dense convolution serves the whole batch.
    torch::Tensor y = F::conv2d(x * styles.reshape({batch, g.inChannels, 1, 1}), kernel,
                                F::Conv2dFuncOptions().padding(g.convKernel - 1));
    if (demodulate) {
        const torch::Tensor energy = kernel.square().sum({2, 3});                                  // [O, I]
        const torch::Tensor dcoefs = (styles.square().matmul(energy.t()) + 1e-8).rsqrt();          // [N, O]
        y = y * dcoefs.reshape({batch, g.outChannels, 1, 1});
    }
    y = y * magnitude_ema.to(y.dtype()).rsqrt();   // input_gain
    return filteredLrelu(y, bias, up_filter, down_filter, g, g.toRgb ? 1.0 : kSqrt2, g.toRgb ? 1.0 : 0.2, convClamp);
}

StyleGan3SynthesisImpl::StyleGan3SynthesisImpl(const StyleGan3Config& config_)
    : config(config_), geometry(StyleGan3Geometry::of(config_))
{
    input = register_module("input", StyleGan3Input(config.w_dim, geometry));
    for (const auto& layer : geometry.layers)
        layers.push_back(register_module(layer.name, StyleGan3Layer(config.w_dim, layer, config.conv_clamp)));
}

torch::Tensor StyleGan3SynthesisImpl::forward(const torch::Tensor& ws, const std::atomic_bool* cancel, LayerProbe* probe)
{
    TORCH_CHECK(ws.dim() == 3 && ws.size(1) == config.numWs() && ws.size(2) == config.w_dim, "StyleGAN3 synthesis expects ws of shape [N, ",
                config.numWs(), ", ", config.w_dim, "], got ", ws.sizes());
    const auto probeLayer = [probe](const std::string& name, const torch::Tensor& output) {
        if (probe && probe->layer == name) probe->activation = output[0].to(torch::kFloat32).clone();
    };
    const torch::Tensor w = ws.to(torch::kFloat32);
    torch::Tensor x = input->forward(w.select(1, 0));
    probeLayer("input", x);
    for (std::size_t i = 0; i < layers.size(); ++i) {
        throwIfCancelled(cancel);
        x = layers[i]->forward(x, w.select(1, static_cast<std::int64_t>(i) + 1));
        probeLayer(layers[i]->geometry.name, x);
    }
    if (config.output_scale != 1.0) x = x * config.output_scale;
    return x;
}

torch::Tensor StyleGan3SynthesisImpl::forwardEachFrame(const torch::Tensor& ws, std::span<const StyleGan3Transform> transforms,
                                                      const std::atomic_bool* cancel, LayerProbe* probe)
{
    TORCH_CHECK(transforms.empty() || static_cast<std::int64_t>(transforms.size()) == ws.size(0), "forwardEachFrame: ",
                transforms.size(), " transforms for ", ws.size(0), " frames");
    std::vector<torch::Tensor> frames;
    try {
        for (std::int64_t n = 0; n < ws.size(0); ++n) {
            if (!transforms.empty()) input->setUserTransform(transforms[static_cast<std::size_t>(n)].inverseMatrix());
            frames.push_back(forward(ws.narrow(0, n, 1), cancel, n == 0 ? probe : nullptr));
        }
    } catch (...) {
        input->setUserTransform(StyleGan3Transform{}.inverseMatrix());
        throw;
    }
    if (!transforms.empty()) input->setUserTransform(StyleGan3Transform{}.inverseMatrix());
    return torch::cat(frames, 0);
}

StyleGan3GeneratorImpl::StyleGan3GeneratorImpl(const StyleGan3Config& config_) : config(config_)
{
    mapping = register_module("mapping", MappingNetwork(config.mappingConfig(), config.numWs()));
    synthesis = register_module("synthesis", StyleGan3Synthesis(config));
}

torch::Tensor StyleGan3GeneratorImpl::forward(const torch::Tensor& z, const torch::Tensor& c, double psi, int cutoff)
{
    return synthesis->forward(mapping->forward(z, c, psi, cutoff));
}

} // namespace lscore
