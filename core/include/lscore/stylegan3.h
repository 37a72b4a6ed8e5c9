#pragma once
// StyleGAN3 generator (alias-free; Karras et al. 2021) as libtorch modules, faithful to the NVlabs
// reference (training/networks_stylegan3.py, fp32 reference ops: filtered_lrelu, upfirdn2d, bias_act).
//
// Parameter and buffer names equal the NVlabs state-dict names ("synthesis.input.freqs",
// "synthesis.L3_36_64.up_filter", "mapping.w_avg", ...), so loading is the name-by-name copy of
// lscore::loadTensors. The designed filters are read from the file, never re-designed: every NVlabs
// snapshot stores them, and a re-design would have to reproduce scipy's firwin to the last bit.
//
//   auto config = lscore::StyleGan3Config::fromJson(initKwargs).value();
//   lscore::StyleGan3Generator g(config);
//   lscore::loadTensors(*g, tensors).ok();
//   torch::Tensor ws  = g->mapping->forward(z, c, /*psi=*/0.7, /*cutoff=*/-1);   // [N, 16, w_dim]
//   g->synthesis->input->setUserTransform(lscore::StyleGan3Transform{0.1, -0.05, 15.0}.inverseMatrix());
//   torch::Tensor img = g->synthesis->forward(ws);                                 // [N, 3, R, R]
//
// Thread safety: a module may be used by one thread at a time.

#include <array>
#include <atomic>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <torch/torch.h>
#include <nlohmann/json.hpp>

#include "lscore/model_description.h"
#include "lscore/result.h"
#include "lscore/stylegan2.h"

namespace lscore {

// Hyper-parameters under their NVlabs init_kwargs names; defaults are NVlabs' class defaults.
struct StyleGan3Config {
    int z_dim = 512;
    int c_dim = 0;
    int w_dim = 512;
    int img_resolution = 1024;
    int img_channels = 3;
    int mapping_layers = 2;            // mapping_kwargs.num_layers
    double mapping_lr_multiplier = 0.01;
    double w_avg_beta = 0.998;
    int channel_base = 32768;
    int channel_max = 512;
    int num_layers = 14;               // synthesis layers before ToRGB
    int num_critical = 2;              // critically sampled layers at the end
    double first_cutoff = 2.0;
    double first_stopband = 4.2870938501451725;   // 2 ** 2.1
    double last_stopband_rel = 1.2311444133449163; // 2 ** 0.3
    int margin_size = 10;
    double output_scale = 0.25;
    int conv_kernel = 3;               // 3: config T; 1: config R
    int filter_size = 6;
    int lrelu_upsampling = 2;
    bool use_radial_filters = false;   // config R: 2-D jinc down filters in layers not critically sampled
    std::optional<double> conv_clamp = 256.0;   // StyleGAN3 layers clamp by default; null: no clamp
    double magnitude_ema_beta = 0.999; // training only

    int numWs() const { return num_layers + 2; }   // ws[0] drives the input, ws[i+1] layer L{i}
    // The generator's weights, filters and embeddings, counted from the layer geometry without
    // building anything; what a file with these settings must about hold.
    double estimatedParameterCount() const;

    static Result<StyleGan3Config> fromJson(const nlohmann::json& initKwargs);
    nlohmann::json toJson() const;
    // The mapping network's settings in StyleGAN2 terms: the two mappings are the same maths.
    StyleGan2Config mappingConfig() const;
};

// The frequencies, sizes and channels of every layer, computed as SynthesisNetwork.__init__ does
// (float64). Index 0..num_layers; the last entry is ToRGB.
struct StyleGan3Geometry {
    struct Layer {
        std::string name;              // "L{idx}_{size}_{channels}"
        bool toRgb = false;
        bool criticallySampled = false;
        int inChannels = 0, outChannels = 0;
        int inSize = 0, outSize = 0;
        double outSamplingRate = 0.0;  // a power of two, at most img_resolution
        int upFactor = 1, downFactor = 1;
        int upTaps = 1, downTaps = 1;  // 1: no filter
        bool downRadial = false;
        std::array<int, 4> padding{};  // x0, x1, y0, y1 (negative crops)
        int convKernel = 3;
    };
    int inputChannels = 0;
    int inputSize = 0;
    double inputSamplingRate = 0.0;
    double inputBandwidth = 0.0;
    std::vector<Layer> layers;

    static StyleGan3Geometry of(const StyleGan3Config& config);
};

// A user transform of the Fourier input, as NVIDIA's tools build it: translate by (x, y) input units
// and rotate by `degrees`. The network takes the inverse of the forward matrix
// [[cos a, sin a, x], [-sin a, cos a, y], [0, 0, 1]].
struct StyleGan3Transform {
    double x = 0.0;
    double y = 0.0;
    double degrees = 0.0;
    bool isIdentity() const { return x == 0.0 && y == 0.0 && degrees == 0.0; }
    std::array<double, 9> forwardMatrix() const;   // row-major 3×3
    std::array<double, 9> inverseMatrix() const;   // computed in float64
};

struct StyleGan3InputImpl : torch::nn::Module {
    StyleGan3InputImpl(int wDim, const StyleGan3Geometry& geometry);
    // w0: [N, w_dim] → Fourier features [N, C, S, S].
    torch::Tensor forward(const torch::Tensor& w0);
    // Sets the `transform` buffer (the inverse matrix, row-major) that every later forward uses.
    void setUserTransform(const std::array<double, 9>& inverse);
    FullyConnectedLayer affine{nullptr};
    torch::Tensor weight, freqs, phases, transform;   // NVlabs names; freqs/phases/transform are buffers
    int channels, size;
    double samplingRate, bandwidth;
};
TORCH_MODULE(StyleGan3Input);

struct StyleGan3LayerImpl : torch::nn::Module {
    StyleGan3LayerImpl(int wDim, const StyleGan3Geometry::Layer& geometry, std::optional<double> convClamp);
    torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& w);
    FullyConnectedLayer affine{nullptr};
    torch::Tensor weight, bias, magnitude_ema, up_filter, down_filter;   // filters undefined on ToRGB
    StyleGan3Geometry::Layer geometry;
    std::optional<double> convClamp;
};
TORCH_MODULE(StyleGan3Layer);

struct StyleGan3SynthesisImpl : torch::nn::Module {
    explicit StyleGan3SynthesisImpl(const StyleGan3Config& config);
    // ws: [N, num_ws, w_dim] → [N, img_channels, R, R] (× output_scale, not clamped).
    // `cancel` is polled between layers; when set, forward throws lscore::Cancelled.
    // `probe` (lscore/stylegan2.h): the layer view's copy of "input" or a layer's output, first sample.
    torch::Tensor forward(const torch::Tensor& ws, const std::atomic_bool* cancel = nullptr, LayerProbe* probe = nullptr);
    // The same one frame at a time, frame n through transforms[n] (all identity when `transforms` is
    // empty; otherwise one per frame), the user transform left at the identity afterwards. The
    // reference normalises the styles over the whole batch, a factor demodulation cancels but for
    // rounding: frame by frame, a frame's pixels do not depend on the batch it is rendered in.
    torch::Tensor forwardEachFrame(const torch::Tensor& ws, std::span<const StyleGan3Transform> transforms = {},
                                   const std::atomic_bool* cancel = nullptr, LayerProbe* probe = nullptr);
    StyleGan3Config config;
    StyleGan3Geometry geometry;
    StyleGan3Input input{nullptr};
    std::vector<StyleGan3Layer> layers;   // registered under their NVlabs names
};
TORCH_MODULE(StyleGan3Synthesis);

struct StyleGan3GeneratorImpl : torch::nn::Module {
    explicit StyleGan3GeneratorImpl(const StyleGan3Config& config);
    torch::Tensor forward(const torch::Tensor& z, const torch::Tensor& c, double psi, int cutoff);
    StyleGan3Config config;
    MappingNetwork mapping{nullptr};
    StyleGan3Synthesis synthesis{nullptr};
};
TORCH_MODULE(StyleGan3Generator);

// The per-w-index layer table for a model description: "input", then each layer by its NVlabs name
// at its sampling rate; the first third of the ws coarse (layout), the next third middle, the rest
// fine (colour, texture).
std::vector<LayerInfo> styleGan3LayerTable(const StyleGan3Config& config);

// Whether a tensor map holds a StyleGAN3 generator (it has "synthesis.input.freqs").
bool looksLikeStyleGan3(const std::map<std::string, torch::Tensor>& tensors);

} // namespace lscore
