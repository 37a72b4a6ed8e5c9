// StyleGAN2 generator modules, written from the maths of NVlabs' networks_stylegan2.py (fp32 path).
//
// Every op here is an ordinary differentiable torch op that exists on CPU and CUDA alike, so the
// trainer back-propagates through the same code the renderer runs.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <span>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <ATen/CPUGeneratorImpl.h>
#include <ATen/Parallel.h>
#include <torch/torch.h>

#include "lscore/stylegan2.h"

namespace lscore {

namespace {

namespace F = torch::nn::functional;

const double kSqrt2 = std::sqrt(2.0);
const double kSqrtHalf = std::sqrt(0.5);
constexpr double kLreluSlope = 0.2;

// outer([1,3,3,1]) normalised to sum 1: NVlabs' setup_filter([1,3,3,1]).
torch::Tensor makeResampleFilter()
{
    torch::Tensor taps = torch::tensor({1.0f, 3.0f, 3.0f, 1.0f});
    torch::Tensor filter = torch::outer(taps, taps);
    return filter / filter.sum();
}

void throwIfCancelled(const SynthesisOptions& options)
{
    if (options.cancel && options.cancel->load(std::memory_order_relaxed)) throw Cancelled();
}

// NVlabs bias_act: add bias, activation, multiply by gain, clamp to ±clamp.
torch::Tensor biasAct(const torch::Tensor& x, const torch::Tensor& bias, bool lrelu, double gain,
                      std::optional<double> clamp)
{
    torch::Tensor y = x;
    if (bias.defined()) {
        std::vector<std::int64_t> shape(static_cast<std::size_t>(x.dim()), 1);
        shape[1] = bias.size(0);
        y = y + bias.to(x.dtype()).reshape(shape);
    }
    if (lrelu) y = F::leaky_relu(y, F::LeakyReLUFuncOptions().negative_slope(kLreluSlope));
    if (gain != 1.0) y = y * gain;
    if (clamp) y = y.clamp(-*clamp, *clamp);
    return y;
}

// One depthwise copy of the 2-D FIR filter per channel, scaled by `gain`.
torch::Tensor depthwiseFilter(const torch::Tensor& filter, std::int64_t channels, double gain, bool flip,
                              const torch::Tensor& like)
{
    torch::Tensor f = filter.to(like.dtype()) * gain;
    if (flip) f = f.flip({0, 1});
    return f.reshape({1, 1, f.size(0), f.size(1)}).repeat({channels, 1, 1, 1});
}

// NVlabs upsample2d (zero insertion, pad 2 before / 1 after, FIR with gain 4) computed as one
// depthwise transposed convolution with stride 2 and padding 1: the same sums without the zeros.
torch::Tensor upsample2d(const torch::Tensor& x, const torch::Tensor& filter)
{
    const std::int64_t channels = x.size(1);
    return F::conv_transpose2d(x, depthwiseFilter(filter, channels, 4.0, /*flip=*/false, x),
                               F::ConvTranspose2dFuncOptions().stride(2).padding(1).groups(channels));
}

// The FIR blur (gain 4, padding 1) that follows every stride-2 transposed 3×3 convolution: (2H+1)² → 2H.
torch::Tensor blurAfterUp(const torch::Tensor& y, const torch::Tensor& filter)
{
    const std::int64_t channels = y.size(1);
    return F::conv2d(y, depthwiseFilter(filter, channels, 4.0, /*flip=*/true, y),
                     F::Conv2dFuncOptions().padding(1).groups(channels));
}

// The stride-2 transposed 3×3 convolution (no padding, (2H+1)² out) computed as four ordinary
// convolutions at the input's resolution, one per output phase, and interleaved. Along one axis the
// transposed convolution gives y[2m] = x[m]·W[0] + x[m−1]·W[2] and y[2m+1] = x[m]·W[1]: the even
// phase is a 2-tap convolution (taps W[2], W[0], padding 1; H+1 outputs), the odd phase a 1-tap one.
// Same multiply-adds as the transposed convolution, but through libtorch's direct-convolution path,
// which on the CPU runs the transposed one's work about twice as fast from 16 px up (measured at
// paper256 widths, one thread: 16 px 26 → 20 ms, 32 px 44 → 24 ms, 128 px 72 → 32 ms) and slower
// below (4 px 4 → 28 ms). `weight` is in conv2d layout [groups·O, I, 3, 3].
torch::Tensor transposedConv3x3ByPhases(const torch::Tensor& x, const torch::Tensor& weight, std::int64_t groups)
{
    using torch::indexing::None;
    using torch::indexing::Slice;
    // Taps in correlation order: W[2], W[0] land on even outputs, W[1] on odd ones.
    const torch::Tensor evenTaps = torch::tensor({2, 0}, torch::TensorOptions(torch::kLong).device(weight.device()));
    const torch::Tensor oddTap = torch::tensor({1}, torch::TensorOptions(torch::kLong).device(weight.device()));
    auto phase = [&](const torch::Tensor& rows, const torch::Tensor& cols, std::int64_t padRows, std::int64_t padCols) {
        return F::conv2d(x, weight.index_select(2, rows).index_select(3, cols),
                         F::Conv2dFuncOptions().padding({padRows, padCols}).groups(groups));
    };
    const std::int64_t height = x.size(2), width = x.size(3);
    torch::Tensor y = torch::empty({x.size(0), weight.size(0), 2 * height + 1, 2 * width + 1}, x.options());
    const Slice all, even(0, None, 2), odd(1, None, 2);
    y.index_put_({all, all, even, even}, phase(evenTaps, evenTaps, 1, 1));
    y.index_put_({all, all, even, odd}, phase(evenTaps, oddTap, 1, 0));
    y.index_put_({all, all, odd, even}, phase(oddTap, evenTaps, 0, 1));
    y.index_put_({all, all, odd, odd}, phase(oddTap, oddTap, 0, 0));
    return y;
}

// 3×3 convolution with up=2 as NVlabs conv2d_resample does it: transposed conv with stride 2 and the
// weight used as stored (no flip), giving (2H+1)², then the FIR blur (gain 4, padding 1) → 2H.
// `weight` is in conv2d layout [groups·O, I, 3, 3]; groups > 1 is the fused form (one group a sample).
torch::Tensor upConv3x3(const torch::Tensor& x, const torch::Tensor& weight, std::int64_t groups, const torch::Tensor& filter)
{
    constexpr std::int64_t kSmallestPhasedInput = 16;
    torch::Tensor y;
    if (x.device().is_cpu() && x.size(2) >= kSmallestPhasedInput) {
        y = transposedConv3x3ByPhases(x, weight, groups);
    } else {
        // conv_transpose2d wants [groups·I, O, 3, 3]: each group's [O, I] block transposed.
        const std::int64_t out = weight.size(0) / groups, in = weight.size(1);
        torch::Tensor transposed = weight.reshape({groups, out, in, 3, 3}).transpose(1, 2).reshape({groups * in, out, 3, 3});
        y = F::conv_transpose2d(x, transposed, F::ConvTranspose2dFuncOptions().stride(2).groups(groups));
    }
    return blurAfterUp(y, filter);
}

// What follows a modulated convolution: ·d (demodulation, per sample and output channel), + noise,
// then bias_act (+ bias, leaky ReLU, · gain, clamp).
struct ConvEpilogue {
    torch::Tensor bias;               // [O]
    bool lrelu = false;
    double gain = 1.0;
    std::optional<double> clamp;
};

// The epilogue in one pass over y, in place, when nothing records gradients and y is a contiguous
// float32 CPU tensor: libtorch runs each of its five elementwise steps as a separate pass over the
// activations, and at 256 px and above those passes (memory-bound) cost as much as the
// convolutions. The same operations in the same order as the ATen form below (a compiler that
// contracts y·d + noise into one fused multiply-add may round that step differently).
bool applyEpilogueInPlace(torch::Tensor& y, const torch::Tensor& dcoefs, const torch::Tensor& noise, const ConvEpilogue& epilogue)
{
    if (torch::GradMode::is_enabled() || !y.device().is_cpu() || y.scalar_type() != torch::kFloat32 || !y.is_contiguous()
        || y.dim() != 4)
        return false;
    const std::int64_t batch = y.size(0), channels = y.size(1), plane = y.size(2) * y.size(3);
    torch::Tensor scale = dcoefs.defined() ? dcoefs.to(torch::kFloat32).contiguous() : torch::Tensor();
    torch::Tensor bias = epilogue.bias.defined() ? epilogue.bias.to(torch::kFloat32).contiguous() : torch::Tensor();
    torch::Tensor noisePlanes;
    std::int64_t noiseSampleStride = 0;
    if (noise.defined()) {
        // Const noise is one [H, W] plane for every sample; random noise is [N, 1, H, W].
        if (noise.numel() != plane && noise.numel() != batch * plane) return false;
        noisePlanes = noise.to(torch::kFloat32).contiguous();
        noiseSampleStride = noise.numel() == plane ? 0 : plane;
    }
    float* data = y.data_ptr<float>();
    const float* scales = scale.defined() ? scale.data_ptr<float>() : nullptr;
    const float* biases = bias.defined() ? bias.data_ptr<float>() : nullptr;
    const float* noiseData = noisePlanes.defined() ? noisePlanes.data_ptr<float>() : nullptr;
    const bool lrelu = epilogue.lrelu;
    const float gain = static_cast<float>(epilogue.gain);
    const bool clamped = epilogue.clamp.has_value();
    const float limit = clamped ? static_cast<float>(*epilogue.clamp) : 0.0f;
    const float slope = static_cast<float>(kLreluSlope);
    at::parallel_for(0, batch * channels, 1, [&](std::int64_t begin, std::int64_t end) {
        for (std::int64_t index = begin; index < end; ++index) {
            const std::int64_t n = index / channels, c = index % channels;
            float* v = data + index * plane;
            const float s = scales ? scales[index] : 1.0f;
            const float b = biases ? biases[c] : 0.0f;
            const float* z = noiseData ? noiseData + n * noiseSampleStride : nullptr;
            for (std::int64_t p = 0; p < plane; ++p) {
                float x = scales ? v[p] * s : v[p];
                if (z) x = x + z[p];
                if (biases) x = x + b;
                if (lrelu) x = x < 0.0f ? x * slope : x;
                if (gain != 1.0f) x = x * gain;
                if (clamped) x = std::min(std::max(x, -limit), limit);
                v[p] = x;
            }
        }
    });
    return true;
}

torch::Tensor applyEpilogue(torch::Tensor y, const torch::Tensor& dcoefs, const torch::Tensor& noise, const ConvEpilogue& epilogue)
{
    if (applyEpilogueInPlace(y, dcoefs, noise, epilogue)) return y;
    if (dcoefs.defined()) y = y * dcoefs.reshape({dcoefs.size(0), dcoefs.size(1), 1, 1});
    if (noise.defined()) y = y + noise;
    return biasAct(y, epilogue.bias, epilogue.lrelu, epilogue.gain, epilogue.clamp);
}

// d[n,o] = rsqrt(Σ_i s[n,i]² · E[o,i] + 1e-8), E = Σ_k W[o,i,k]²: the demodulation of W·s without
// forming it.
torch::Tensor demodulationCoefficients(const torch::Tensor& energy, const torch::Tensor& styles)
{
    return (styles.square().matmul(energy.t()) + 1e-8).rsqrt(); // [N, O]
}

// Modulated convolution (StyleGAN2 eq. 1–3). styles [N, I]; weight [O, I, k, k], unscaled; energy
// Σ_k W² [O, I] to demodulate, undefined not to.
// noise (optional) is broadcast onto the output before the epilogue's bias.
torch::Tensor modulatedConv2d(const torch::Tensor& x, const torch::Tensor& weight, const torch::Tensor& styles,
                              const torch::Tensor& energy, bool up, const torch::Tensor& filter, bool fused,
                              const torch::Tensor& noise, const ConvEpilogue& epilogue)
{
    const std::int64_t batch = x.size(0);
    const std::int64_t outChannels = weight.size(0);
    const std::int64_t inChannels = weight.size(1);
    const std::int64_t kernel = weight.size(2);
    const std::int64_t padding = up ? 0 : kernel / 2;
    TORCH_CHECK(x.size(1) == inChannels, "modulated conv expects ", inChannels, " input channels, got ", x.size(1));
    TORCH_CHECK(styles.size(0) == batch && styles.size(1) == inChannels, "modulated conv styles have shape ",
                styles.sizes(), ", expected [", batch, ", ", inChannels, "]");

    if (!fused) {
        // x·s → conv(W) → ·d. The demodulation coefficients need only Σ_k W², not per-sample weights:
        // d[n,o] = rsqrt(Σ_i s[n,i]² · Σ_k W[o,i,k]² + 1e-8).
        torch::Tensor y = x * styles.reshape({batch, inChannels, 1, 1});
        if (up) {
            y = upConv3x3(y, weight, 1, filter);
        } else {
            y = F::conv2d(y, weight, F::Conv2dFuncOptions().padding(padding));
        }
        torch::Tensor dcoefs;
        if (energy.defined()) dcoefs = demodulationCoefficients(energy, styles);
        return applyEpilogue(y, dcoefs, noise, epilogue);
    }

    // Fused: per-sample weights W·s·d, one grouped convolution with groups = N. d comes from Σ_k W²
    // as above, so the per-sample weights are made in one pass over W (not three: scale, square,
    // rescale), which at 512 channels is most of a small layer's time.
    torch::Tensor perSample = styles.reshape({batch, 1, inChannels});                        // [N, 1, I]
    if (energy.defined()) perSample = perSample * demodulationCoefficients(energy, styles).reshape({batch, outChannels, 1});
    torch::Tensor w = weight.unsqueeze(0) * perSample.reshape({batch, perSample.size(1), inChannels, 1, 1});   // [N, O, I, k, k]
    torch::Tensor grouped = x.reshape({1, batch * inChannels, x.size(2), x.size(3)});
    torch::Tensor y;
    if (up) {
        y = upConv3x3(grouped, w.reshape({batch * outChannels, inChannels, kernel, kernel}), batch, filter);
    } else {
        y = F::conv2d(grouped, w.reshape({batch * outChannels, inChannels, kernel, kernel}),
                      F::Conv2dFuncOptions().padding(padding).groups(batch));
    }
    y = y.reshape({batch, outChannels, y.size(2), y.size(3)});
    return applyEpilogue(y, torch::Tensor(), noise, epilogue);
}

torch::Tensor normalize2ndMoment(const torch::Tensor& x)
{
    return x * (x.square().mean(1, /*keepdim=*/true) + 1e-8).rsqrt();
}

std::string shapeString(torch::IntArrayRef sizes)
{
    std::ostringstream out;
    out << '[';
    for (std::size_t i = 0; i < sizes.size(); ++i) out << (i ? ", " : "") << sizes[i];
    out << ']';
    return out.str();
}

} // namespace

// ---------------------------------------------------------------------------------------------
// Fused or not, for a whole pass (Auto). Fused: per-sample weights, every sample on its own, so a
// frame's pixels do not depend on its batch (the engine always renders fused). Non-fused: one dense
// convolution over the batch, which shares the weights and is faster for batches of small models
// (the default model, one thread: 5.8 against 8.0 ms per frame at batch 8) but not at 256 px
// paper256 widths (415 against 331 ms), where the activations, not the weights, set the cost.
// CUDA is not measured here; the same rule is used there.
ModConvMode resolveModConvMode(ModConvMode requested, std::int64_t batchSize, const torch::Device& device)
{
    if (requested != ModConvMode::Auto) return requested;
    (void)device;
    return batchSize <= 1 ? ModConvMode::Fused : ModConvMode::NonFused;
}

// ---------------------------------------------------------------------------------------------
FullyConnectedLayerImpl::FullyConnectedLayerImpl(int inFeatures, int outFeatures, bool lrelu_, double lrMultiplier,
                                                 double biasInit)
    : weightGain(lrMultiplier / std::sqrt(static_cast<double>(inFeatures))), biasGain(lrMultiplier), lrelu(lrelu_)
{
    // Stored weights are divided by the lr multiplier (NVlabs init), so the effective init is N(0, 1/in).
    weight = register_parameter("weight", torch::randn({outFeatures, inFeatures}) / lrMultiplier);
    bias = register_parameter("bias", torch::full({outFeatures}, static_cast<float>(biasInit)));
}

torch::Tensor FullyConnectedLayerImpl::forward(const torch::Tensor& x)
{
    TORCH_CHECK(x.dim() == 2 && x.size(1) == weight.size(1), "fully connected layer expects [N, ", weight.size(1),
                "] input, got ", x.sizes());
    torch::Tensor w = weight.to(x.dtype()) * weightGain;
    torch::Tensor b = bias.to(x.dtype());
    if (biasGain != 1.0) b = b * biasGain;
    if (!lrelu) return torch::addmm(b.unsqueeze(0), x, w.t());
    return biasAct(x.matmul(w.t()), b, /*lrelu=*/true, kSqrt2, std::nullopt);
}

// ---------------------------------------------------------------------------------------------
MappingNetworkImpl::MappingNetworkImpl(const StyleGan2Config& config_, int numWs_)
    : config(config_), numWs(numWs_ > 0 ? numWs_ : config_.numWs())
{
    const int embedFeatures = config.c_dim > 0 ? config.w_dim : 0;
    if (config.c_dim > 0) {
        embed = register_module("embed", FullyConnectedLayer(config.c_dim, embedFeatures, false, 1.0, 0.0));
    }
    int inFeatures = config.z_dim + embedFeatures;
    for (int i = 0; i < config.mapping_layers; ++i) {
        fcs.push_back(register_module("fc" + std::to_string(i),
                                      FullyConnectedLayer(inFeatures, config.w_dim, true, config.mapping_lr_multiplier, 0.0)));
        inFeatures = config.w_dim;
    }
    w_avg = register_buffer("w_avg", torch::zeros({config.w_dim}));
}

torch::Tensor MappingNetworkImpl::mapToW(const torch::Tensor& z, const torch::Tensor& c)
{
    std::vector<torch::Tensor> inputs;
    std::int64_t batch = -1;
    if (config.z_dim > 0) {
        TORCH_CHECK(z.defined() && z.dim() == 2 && z.size(1) == config.z_dim, "mapping expects z of shape [N, ",
                    config.z_dim, "], got ", z.defined() ? shapeString(z.sizes()) : std::string("nothing"));
        batch = z.size(0);
        inputs.push_back(normalize2ndMoment(z.to(torch::kFloat32)));
    }
    if (config.c_dim > 0) {
        TORCH_CHECK(c.defined() && c.dim() == 2 && c.size(1) == config.c_dim &&
                        (batch < 0 || c.size(0) == batch),
                    "mapping expects c of shape [N, ", config.c_dim, "] (conditioning), got ",
                    c.defined() ? shapeString(c.sizes()) : std::string("nothing"));
        inputs.push_back(normalize2ndMoment(embed->forward(c.to(torch::kFloat32))));
    }
    torch::Tensor x = inputs.size() == 1 ? inputs.front() : torch::cat(inputs, 1);
    for (auto& fc : fcs) x = fc->forward(x);
    return x;
}

torch::Tensor MappingNetworkImpl::forward(const torch::Tensor& z, const torch::Tensor& c, double psi, int cutoff)
{
    torch::Tensor x = mapToW(z, c).unsqueeze(1).repeat({1, numWs, 1});
    if (psi == 1.0) return x;
    torch::Tensor average = w_avg.to(x.dtype());
    if (cutoff < 0 || cutoff >= numWs) return torch::lerp(average, x, psi);
    if (cutoff == 0) return x;
    // Built with cat rather than an in-place slice assignment so autograd stays simple.
    return torch::cat({torch::lerp(average, x.narrow(1, 0, cutoff), psi), x.narrow(1, cutoff, numWs - cutoff)}, 1);
}

// ---------------------------------------------------------------------------------------------
// LAFITE's text head is 512 wide whatever the generator's size (a constant of its code).
constexpr int kLafiteTextFeatures = 512;

void LayerStyles::build(torch::nn::Module& layer, int inChannels, const StyleInput& styleInput)
{
    input = styleInput;
    if (input.text == StyleGan2Config::TextInput::Lafite) {
        const int hidden = (input.textDim + kLafiteTextFeatures) / 2;
        pre_0 = layer.register_module("pre_0", FullyConnectedLayer(input.textDim, hidden, true, 0.01, 0.0));
        pre_1 = layer.register_module("pre_1", FullyConnectedLayer(hidden, kLafiteTextFeatures, true, 0.01, 0.0));
        affine_0 = layer.register_module("affine_0",
                                         FullyConnectedLayer(kLafiteTextFeatures + input.wDim, inChannels, false, 1.0, 1.0));
    } else {
        affine = layer.register_module("affine", FullyConnectedLayer(input.wDim + input.textDim, inChannels, false, 1.0, 1.0));
    }
}

torch::Tensor LayerStyles::forward(const torch::Tensor& style)
{
    if (!affine_0)
        return affine->forward(style);
    // The row is [w ; t]; LAFITE's affine reads the text part first.
    const torch::Tensor w = style.narrow(-1, 0, input.wDim);
    const torch::Tensor text = style.narrow(-1, input.wDim, input.textDim);
    return affine_0->forward(torch::cat({pre_1->forward(pre_0->forward(text)), w}, -1));
}

// ---------------------------------------------------------------------------------------------
SynthesisLayerImpl::SynthesisLayerImpl(int inChannels, int outChannels, const StyleInput& styleInput, int resolution_,
                                       bool up_, std::optional<double> convClamp_)
    : resolution(resolution_), up(up_), convClamp(convClamp_)
{
    resample_filter = register_buffer("resample_filter", makeResampleFilter());
    styles.build(*this, inChannels, styleInput);
    weight = register_parameter("weight", torch::randn({outChannels, inChannels, 3, 3}));
    noise_const = register_buffer("noise_const", torch::randn({resolution, resolution}));
    noise_strength = register_parameter("noise_strength", torch::zeros({}));
    bias = register_parameter("bias", torch::zeros({outChannels}));
}

torch::Tensor SynthesisLayerImpl::forward(const torch::Tensor& features, const torch::Tensor& style,
                                          const SynthesisOptions& options, torch::Generator* noiseGenerator,
                                          double gain)
{
    torch::Tensor x = features;
    const std::int64_t inResolution = up ? resolution / 2 : resolution;
    const std::int64_t featureChannels = weight.size(1);
    TORCH_CHECK(x.dim() == 4 && x.size(1) == featureChannels && x.size(2) == inResolution && x.size(3) == inResolution,
                "synthesis layer at ", resolution, " px expects input [N, ", featureChannels, ", ", inResolution, ", ",
                inResolution, "], got ", x.sizes());
    const torch::Tensor layerStyles = styles.forward(style);
    torch::Tensor noise;
    if (options.noiseMode == NoiseMode::Const) {
        noise = noise_const.to(x.dtype()) * noise_strength.to(x.dtype());
    } else if (options.noiseMode == NoiseMode::Random) {
        torch::Tensor unit;
        if (noiseGenerator) {
            // Drawn on the CPU from the seeded generator, so a seed gives the same noise on every device.
            unit = torch::randn({x.size(0), 1, resolution, resolution}, *noiseGenerator, torch::kFloat32).to(x.device(), x.dtype());
        } else {
            unit = torch::randn({x.size(0), 1, resolution, resolution}, x.options());
        }
        noise = unit * noise_strength.to(x.dtype());
    }

    const bool fused = options.modConvMode == ModConvMode::Fused ||
                       (options.modConvMode == ModConvMode::Auto &&
                        resolveModConvMode(ModConvMode::Auto, x.size(0), x.device()) == ModConvMode::Fused);
    ConvEpilogue epilogue{bias, /*lrelu=*/true, kSqrt2 * gain, std::nullopt};
    if (convClamp) epilogue.clamp = *convClamp * gain;
    return modulatedConv2d(x, weight.to(x.dtype()), layerStyles, weightEnergy(x.scalar_type()), up, resample_filter, fused, noise,
                           epilogue);
}

torch::Tensor SynthesisLayerImpl::weightEnergy(torch::ScalarType dtype)
{
    if (torch::GradMode::is_enabled()) return weight.to(dtype).square().sum({2, 3});
    const c10::Storage& storage = weight.storage();
    if (!energyCache.defined() || !energyStorage || energyStorage.data() != storage.data()
        || energyVersion != static_cast<std::int64_t>(weight._version()) || energyCache.scalar_type() != dtype
        || energyCache.device() != weight.device()) {
        energyCache = weight.to(dtype).square().sum({2, 3});
        energyStorage = storage;
        energyVersion = static_cast<std::int64_t>(weight._version());
    }
    return energyCache;
}

// ---------------------------------------------------------------------------------------------
ToRGBLayerImpl::ToRGBLayerImpl(int inChannels, int outChannels, const StyleInput& styleInput, std::optional<double> convClamp_)
    : weightGain(1.0 / std::sqrt(static_cast<double>(inChannels))), convClamp(convClamp_)
{
    styles.build(*this, inChannels, styleInput);
    weight = register_parameter("weight", torch::randn({outChannels, inChannels, 1, 1}));
    bias = register_parameter("bias", torch::zeros({outChannels}));
}

torch::Tensor ToRGBLayerImpl::forward(const torch::Tensor& x, const torch::Tensor& style, const SynthesisOptions& options)
{
    const torch::Tensor layerStyles = styles.forward(style) * weightGain;
    const bool fused = options.modConvMode == ModConvMode::Fused ||
                       (options.modConvMode == ModConvMode::Auto &&
                        resolveModConvMode(ModConvMode::Auto, x.size(0), x.device()) == ModConvMode::Fused);
    return modulatedConv2d(x, weight.to(x.dtype()), layerStyles, /*energy=*/torch::Tensor(), /*up=*/false, torch::Tensor(), fused,
                           torch::Tensor(), ConvEpilogue{bias, /*lrelu=*/false, 1.0, convClamp});
}

// ---------------------------------------------------------------------------------------------
SkipLayerImpl::SkipLayerImpl(int inChannels, int outChannels)
    : weightGain(1.0 / std::sqrt(static_cast<double>(inChannels)))
{
    weight = register_parameter("weight", torch::randn({outChannels, inChannels, 1, 1}));
}

torch::Tensor SkipLayerImpl::forward(const torch::Tensor& x, const torch::Tensor& resampleFilter, double gain)
{
    // 1×1 conv first, then upsample (NVlabs' fast path for a 1×1 kernel with up=2); linear, no clamp.
    torch::Tensor y = F::conv2d(x, weight.to(x.dtype()) * weightGain);
    return upsample2d(y, resampleFilter) * gain;
}

// ---------------------------------------------------------------------------------------------
SynthesisBlockImpl::SynthesisBlockImpl(int inChannels, int outChannels, const StyleInput& styleInput, int resolution_, int imgChannels,
                                       bool isLast_, const std::string& architecture_, std::optional<double> convClamp)
    : resolution(resolution_), isLast(isLast_), architecture(architecture_)
{
    resample_filter = register_buffer("resample_filter", makeResampleFilter());
    if (inChannels == 0) {
        const_ = register_parameter("const", torch::randn({outChannels, resolution, resolution}));
    } else {
        conv0 = register_module("conv0", SynthesisLayer(inChannels, outChannels, styleInput, resolution, true, convClamp));
    }
    conv1 = register_module("conv1", SynthesisLayer(outChannels, outChannels, styleInput, resolution, false, convClamp));
    if (isLast || architecture == "skip") {
        torgb = register_module("torgb", ToRGBLayer(outChannels, imgChannels, styleInput, convClamp));
    }
    if (inChannels != 0 && architecture == "resnet") {
        skip = register_module("skip", SkipLayer(inChannels, outChannels));
    }
}

std::pair<torch::Tensor, torch::Tensor> SynthesisBlockImpl::forward(torch::Tensor x, torch::Tensor img,
                                                                    const torch::Tensor& styles,
                                                                    const SynthesisOptions& options,
                                                                    torch::Generator* noiseGenerator)
{
    TORCH_CHECK(styles.dim() == 3 && styles.size(1) == numConv() + numTorgb(), "block b", resolution, " expects ",
                numConv() + numTorgb(), " styles, got ", styles.sizes());
    const std::int64_t batch = styles.size(0);
    int styleIndex = 0;
    auto nextStyle = [&] { return styles.select(1, styleIndex++); };

    // The layer view's copy of a layer's output (the first sample), when this is the layer it asks for.
    const auto probe = [&](const char* layer, const torch::Tensor& output) {
        if (!options.probe) return;
        std::string name = std::to_string(resolution) + "." + layer;
        name.insert(name.begin(), 'b');
        if (name == options.probe->layer) options.probe->activation = output[0].to(torch::kFloat32).clone();
    };

    throwIfCancelled(options);
    if (const_.defined()) {
        x = const_.to(styles.dtype()).unsqueeze(0).expand({batch, -1, -1, -1});
        x = conv1->forward(x, nextStyle(), options, noiseGenerator);
        probe("conv1", x);
    } else if (architecture == "resnet") {
        torch::Tensor shortcut = skip->forward(x, resample_filter, kSqrtHalf);
        x = conv0->forward(x, nextStyle(), options, noiseGenerator);
        probe("conv0", x);
        throwIfCancelled(options);
        x = conv1->forward(x, nextStyle(), options, noiseGenerator, kSqrtHalf);
        x = shortcut + x;
        probe("conv1", x);
    } else {
        x = conv0->forward(x, nextStyle(), options, noiseGenerator);
        probe("conv0", x);
        throwIfCancelled(options);
        x = conv1->forward(x, nextStyle(), options, noiseGenerator);
        probe("conv1", x);
    }

    if (img.defined()) img = upsample2d(img, resample_filter);
    if (torgb) {
        throwIfCancelled(options);
        torch::Tensor rgb = torgb->forward(x, nextStyle(), options).to(torch::kFloat32);
        probe("torgb", rgb);
        img = img.defined() ? img + rgb : rgb;
    }
    return {x, img};
}

// ---------------------------------------------------------------------------------------------
SynthesisNetworkImpl::SynthesisNetworkImpl(const StyleGan2Config& config_) : config(config_)
{
    const StyleInput styleInput = StyleInput::of(config);
    for (int res = 4; res <= config.img_resolution; res *= 2) {
        const int inChannels = res > 4 ? config.channelsAt(res / 2) : 0;
        std::string name = std::to_string(res);
        name.insert(name.begin(), 'b');   // spelled this way: GCC 12 warns falsely on "b" + std::string
        blocks.push_back(register_module(
            name,
            SynthesisBlock(inChannels, config.channelsAt(res), styleInput, res, config.img_channels,
                           res == config.img_resolution, config.architecture, config.conv_clamp)));
    }
}

namespace {

using BlockOutput = std::pair<torch::Tensor, torch::Tensor>;   // (x, img) after a block

// The blocks in order from `first` (whose input is outputs[first - 1]); styles [N, num_ws, style
// dim] (w, or [w ; text]). With `outputs`, each computed block's output is stored there (the last
// block's activations are never another block's input: only its image is kept).
torch::Tensor synthesizeBlocks(std::span<SynthesisBlock> blocks, const torch::Tensor& styles, const SynthesisOptions& options,
                               torch::Generator* noiseGenerator, std::size_t first = 0, std::vector<BlockOutput>* outputs = nullptr)
{
    torch::Tensor x, img;
    if (first > 0) std::tie(x, img) = (*outputs)[first - 1];
    int wIndex = 0;
    for (std::size_t b = 0; b < blocks.size(); ++b) {
        auto& block = blocks[b];
        if (b >= first) {
            std::tie(x, img) = block->forward(x, img, styles.narrow(1, wIndex, block->numConv() + block->numTorgb()), options, noiseGenerator);
            if (outputs) (*outputs)[b] = {b + 1 < blocks.size() ? x : torch::Tensor(), img};
        }
        wIndex += block->numConv();
    }
    return first == blocks.size() ? (*outputs).back().second : img;
}

// The blocks from the first one that a style differing from the cached pass's reaches (a block
// reads its conv rows and the next block's first row, for its ToRGB), with the cached outputs before
// it, then the cache refreshed. The cache is emptied first and filled only when the pass completes,
// so a cancelled pass leaves nothing half-updated behind.
torch::Tensor synthesizeResuming(std::vector<SynthesisBlock>& blocks, const torch::Tensor& styles, const SynthesisOptions& options,
                                 SynthesisCache& cache)
{
    std::size_t first = 0;
    const bool comparable = cache.styles.defined() && cache.noiseMode == options.noiseMode && cache.form == options.modConvMode
                            && cache.styles.sizes() == styles.sizes() && cache.styles.device() == styles.device()
                            && cache.blockOutputs.size() == blocks.size();
    if (comparable) {
        const torch::Tensor changed = (styles != cache.styles).any(2).squeeze(0).to(torch::kCPU);   // [num_ws]
        const auto* rows = changed.data_ptr<bool>();
        int wIndex = 0;
        for (first = 0; first < blocks.size(); ++first) {
            const int rowsRead = blocks[first]->numConv() + blocks[first]->numTorgb();
            bool reached = false;
            for (int r = wIndex; r < wIndex + rowsRead; ++r) reached = reached || rows[r];
            if (reached) break;
            wIndex += blocks[first]->numConv();
        }
    }
    std::vector<BlockOutput> outputs = std::move(cache.blockOutputs);
    cache.clear();
    outputs.resize(blocks.size());
    const torch::Tensor img = synthesizeBlocks(blocks, styles, options, nullptr, first, &outputs);
    cache.styles = styles.clone();
    cache.noiseMode = options.noiseMode;
    cache.form = options.modConvMode;
    cache.blockOutputs = std::move(outputs);
    cache.firstBlockComputed = static_cast<int>(first);
    return img;
}

} // namespace

torch::Tensor SynthesisNetworkImpl::forward(const torch::Tensor& ws, const torch::Tensor& layerText,
                                            const SynthesisOptions& options)
{
    const int numWs = config.numWs();
    TORCH_CHECK(ws.defined() && ws.dim() == 3 && ws.size(1) == numWs && ws.size(2) == config.w_dim,
                "synthesis expects ws of shape [N, ", numWs, ", ", config.w_dim, "], got ",
                ws.defined() ? shapeString(ws.sizes()) : std::string("nothing"));
    torch::Tensor styles = ws.to(torch::kFloat32);
    if (config.text_dim > 0) {
        TORCH_CHECK(layerText.defined() && layerText.dim() == 3 && layerText.size(0) == ws.size(0) &&
                        layerText.size(1) == numWs && layerText.size(2) == config.text_dim,
                    "text synthesis expects layerText of shape [", ws.size(0), ", ", numWs, ", ", config.text_dim,
                    "], got ", layerText.defined() ? shapeString(layerText.sizes()) : std::string("nothing"));
        styles = torch::cat({styles, layerText.to(styles.device(), torch::kFloat32)}, 2);
    }

    // Resolve Auto once so every layer of this pass uses the same form.
    SynthesisOptions resolved = options;
    resolved.modConvMode = resolveModConvMode(options.modConvMode, ws.size(0), ws.device());

    // A preview runs the leading blocks, up to its resolution, only.
    std::span<SynthesisBlock> run(blocks);
    if (options.stopAtResolution > 0) {
        TORCH_CHECK(config.architecture == "skip", "a preview at a lower resolution needs the skip architecture, not ",
                    config.architecture);
        const auto end = std::find_if(blocks.begin(), blocks.end(),
                                      [&](const SynthesisBlock& block) { return block->resolution > options.stopAtResolution; });
        run = run.first(static_cast<std::size_t>(end - blocks.begin()));
        TORCH_CHECK(!run.empty(), "no synthesis block at or below ", options.stopAtResolution, " px");
    }

    // The fused form computes every sample on its own anyway; on the CPU one grouped convolution over
    // a batch is slower per sample than the samples one by one (its working set outgrows the caches:
    // 256 px paper256 widths, one thread, batch 8: 502 ms per frame in one call against 345 ms alone),
    // so a fused batch runs sample by sample there and each frame gets exactly its batch-1 pixels.
    // Seeded random noise is drawn per layer for the whole batch, so those batches stay whole.
    const std::int64_t batch = ws.size(0);
    if (resolved.modConvMode == ModConvMode::Fused && batch > 1 && ws.device().is_cpu() && options.noiseMode != NoiseMode::Random) {
        std::vector<torch::Tensor> frames;
        frames.reserve(static_cast<std::size_t>(batch));
        SynthesisOptions later = resolved;
        later.probe = nullptr;   // the probe reads the first sample
        for (std::int64_t n = 0; n < batch; ++n)
            frames.push_back(synthesizeBlocks(run, styles.narrow(0, n, 1), n == 0 ? resolved : later, nullptr));
        if (options.cache) options.cache->firstBlockComputed = 0;
        return torch::cat(frames, 0);
    }

    std::optional<torch::Generator> noiseGenerator;
    if (options.noiseMode == NoiseMode::Random && options.noiseSeed) {
        noiseGenerator = at::detail::createCPUGenerator(*options.noiseSeed);
    }
    const bool full = run.size() == blocks.size();
    if (options.cache && full && batch == 1 && options.noiseMode != NoiseMode::Random && !torch::GradMode::is_enabled())
        return synthesizeResuming(blocks, styles, resolved, *options.cache);
    if (options.cache) options.cache->firstBlockComputed = 0;
    return synthesizeBlocks(run, styles, resolved, noiseGenerator ? &*noiseGenerator : nullptr);
}

// ---------------------------------------------------------------------------------------------
GeneratorImpl::GeneratorImpl(const StyleGan2Config& config_) : config(config_)
{
    synthesis = register_module("synthesis", SynthesisNetwork(config));
    mapping = register_module("mapping", MappingNetwork(config));
}

torch::Tensor GeneratorImpl::forward(const torch::Tensor& z, const torch::Tensor& c, double psi, int cutoff,
                                     const SynthesisOptions& options)
{
    torch::Tensor ws = mapping->forward(z, config.mappingSeesText() || config.text_dim == 0 ? c : torch::Tensor(), psi, cutoff);
    torch::Tensor layerText;
    if (config.text_dim > 0) layerText = c.to(ws.dtype()).unsqueeze(1).expand({-1, config.numWs(), -1});
    return synthesis->forward(ws, layerText, options);
}

// ---------------------------------------------------------------------------------------------
Status loadTensors(torch::nn::Module& module, const std::map<std::string, torch::Tensor>& tensors,
                   const std::string& prefix)
{
    try {
        // Check everything first, so that a refused file leaves the module as it was.
        std::vector<std::pair<torch::Tensor, torch::Tensor>> copies;
        auto check = [&](const std::string& name, const torch::Tensor& target) -> Status {
            const std::string fullName = prefix + name;
            auto it = tensors.find(fullName);
            if (it == tensors.end()) {
                return makeError("the model file has no tensor '" + fullName + "' (expected shape " +
                                 shapeString(target.sizes()) +
                                 "); the file belongs to a different network or its settings do not match its weights");
            }
            if (!it->second.defined() || it->second.sizes() != target.sizes()) {
                return makeError("tensor '" + fullName + "' has shape " +
                                 (it->second.defined() ? shapeString(it->second.sizes()) : std::string("(none)")) +
                                 " but the network expects " + shapeString(target.sizes()) +
                                 "; the file's generator settings do not match its weights");
            }
            if (!it->second.is_floating_point()) {
                return makeError("tensor '" + fullName + "' is not floating point; the model file is damaged");
            }
            copies.emplace_back(target, it->second);
            return Status::success();
        };
        for (const auto& item : module.named_parameters(true)) {
            if (Status status = check(item.key(), item.value()); !status) return status;
        }
        for (const auto& item : module.named_buffers(true)) {
            if (Status status = check(item.key(), item.value()); !status) return status;
        }
        torch::NoGradGuard noGrad;
        for (auto& [target, source] : copies) target.copy_(source);
    } catch (const c10::Error& error) {
        return makeError(std::string("could not load the weights: ") + error.what_without_backtrace());
    } catch (const std::exception& error) {
        return makeError(std::string("could not load the weights: ") + error.what());
    }
    return Status::success();
}

std::map<std::string, torch::Tensor> collectTensors(const torch::nn::Module& module, const std::string& prefix)
{
    std::map<std::string, torch::Tensor> out;
    for (const auto& item : module.named_parameters(true)) out[prefix + item.key()] = item.value().detach();
    for (const auto& item : module.named_buffers(true)) out[prefix + item.key()] = item.value().detach();
    return out;
}

torch::Tensor toUint8Nhwc(const torch::Tensor& images)
{
    TORCH_CHECK(images.dim() == 4, "toUint8Nhwc expects NCHW images, got ", images.sizes());
    return (images.detach().to(torch::kFloat32).permute({0, 2, 3, 1}) * 127.5 + 128.0)
        .clamp(0.0, 255.0)
        .to(torch::kUInt8)
        .contiguous();
}

} // namespace lscore
