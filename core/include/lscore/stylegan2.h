#pragma once
// StyleGAN2-family generator as libtorch modules, faithful to the NVlabs reference
// (training/networks_stylegan2.py of the stylegan3 repository, fp32 reference ops).
//
// Parameter and buffer names equal the NVlabs state-dict names ("mapping.fc0.weight",
// "synthesis.b8.conv0.affine.bias", "mapping.w_avg", ...), so loading is a name-by-name copy and
// the trainer, the renderer and the converters share one implementation.
//
// Text-conditioned variant ("stylegan2-text"): the same modules with config.text_dim > 0.
//  * the mapping network's conditioning input c is the prompt's pooled text embedding
//    (c_dim == text_dim): embed(c) is normalised and concatenated after z exactly as NVlabs does for
//    class labels;
//  * every synthesis layer's affine reads [w_i ; t_i] (StyleGAN-T) where t_i is the pooled text of
//    the prompt *that layer* follows, so prompt mixing can give each layer its own prompt.
//
// LAFITE variant (text_input == Lafite; Zhou et al., CVPR 2022, its "structure 2" layers): the
// mapping network never sees the text (c_dim == 0); every synthesis and ToRGB layer turns the unit
// CLIP feature t_i [text_dim] into its styles with its own small head instead of `affine`:
//   styles = affine_0(cat(pre_1(pre_0(t_i)), w_i)),  pre_0: FC(text_dim -> (text_dim+512)/2, lr 0.01,
//   lrelu), pre_1: FC(-> 512, lr 0.01, lrelu), affine_0: FC(512 + w_dim -> in channels, bias 1).
// The official code gives every layer the same feature; giving each layer its own (t_i, by w index,
// as ws are split for style mixing) is what prompt mixing uses.
//
//   lscore::StyleGan2Config config = lscore::StyleGan2Config::fromJson(initKwargs).value();
//   lscore::Generator g(config);
//   lscore::loadTensors(*g, file.tensors).ok();
//   torch::Tensor ws  = g->mapping->forward(z, c, /*psi=*/0.7, /*cutoff=*/-1);
//   torch::Tensor img = g->synthesis->forward(ws, {}, {});   // [N,3,R,R] in about [-1,1]
//
// Thread safety: a module may be used by one thread at a time; forward() has no other shared state.

#include <atomic>
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include <torch/torch.h>
#include <nlohmann/json.hpp>

#include "lscore/result.h"

namespace lscore {

// Hyper-parameters under their NVlabs init_kwargs names (plus text_dim and mapping_lr_multiplier).
struct StyleGan2Config {
    int z_dim = 512;
    int c_dim = 0;                  // class labels (one-hot) or, for text models, the pooled text dim
    int w_dim = 512;
    int img_resolution = 1024;
    int img_channels = 3;
    int mapping_layers = 8;         // mapping_kwargs.num_layers
    double mapping_lr_multiplier = 0.01;
    double w_avg_beta = 0.998;
    int channel_base = 32768;
    int channel_max = 512;
    // Unset = no clamping. fromJson: a missing key means NVlabs' SynthesisBlock default (256); an
    // explicit null (TF-converted snapshots) means no clamping.
    std::optional<double> conv_clamp;
    std::string architecture = "skip";  // "skip", "resnet" or "orig" (synthesis)
    int text_dim = 0;               // >0: text-conditioned variant, per-layer affine input [w ; t]
    enum class TextInput { Concat, Lafite };
    TextInput text_input = TextInput::Concat;   // how a layer reads t (see above)
    int lafite_change = 256;        // LAFITE: blocks up to this resolution use structure 2

    bool mappingSeesText() const { return text_dim > 0 && text_input == TextInput::Concat; }

    int numWs() const;              // 2*log2(res) - 2
    int channelsAt(int resolution) const;   // min(channel_base / res, channel_max)
    // The generator's weight count, computed without building it: an estimate on the high side
    // (about 10 %), which bounds what a description may make us allocate.
    double estimatedParameterCount() const;

    static Result<StyleGan2Config> fromJson(const nlohmann::json& initKwargs);
    nlohmann::json toJson() const;
};

enum class NoiseMode { Const, Random, None };

// How modulated convolutions are computed; both are the same maths.
enum class ModConvMode { Auto, Fused, NonFused };

// The last single-frame pass's block outputs, so that a next pass whose styles agree on the leading
// layers (a fine style-mix, prompt-mix or colour edit) starts at the first block a changed style
// reaches, with that block's input from here, and gives the full pass's pixels exactly. Used by
// SynthesisNetwork::forward for full-size batches of one without random noise (const and no noise)
// that record no gradients; such passes refresh it, and any other pass given it only sets
// firstBlockComputed to 0. A cancelled pass empties it. The weights must not change while it is in
// use (clear() it when they do). Owned by the caller, one per generator, on the rendering thread
// only. Memory: every block's activations but the last (about 130 MB at 1024 px config-f widths).
struct SynthesisCache {
    torch::Tensor styles;                                            // the cached pass's [1, num_ws, style dim]
    NoiseMode noiseMode = NoiseMode::Const;
    ModConvMode form = ModConvMode::Fused;
    std::vector<std::pair<torch::Tensor, torch::Tensor>> blockOutputs;   // (x, img) after each block
    int firstBlockComputed = -1;   // of the latest pass: 0 = every block, blocks.size() = none (same styles)
    void clear() { styles = torch::Tensor(); blockOutputs.clear(); }
};

// The layer view's probe: the output of one named synthesis layer for the first sample of a pass
// ([C, H, W], float32, a copy). Names: "b8.conv0", "b8.conv1", "b8.torgb" (the block's RGB
// contribution), StyleGAN3: "input", then its layers' NVlabs names ("L0_36_512", …).
struct LayerProbe {
    std::string layer;
    torch::Tensor activation;   // undefined until a pass runs that layer
};

struct SynthesisOptions {
    NoiseMode noiseMode = NoiseMode::Const;
    std::optional<std::uint64_t> noiseSeed;       // Random mode: deterministic noise from this seed
    ModConvMode modConvMode = ModConvMode::Auto;
    const std::atomic_bool* cancel = nullptr;     // polled between layers; set => forward throws Cancelled
    SynthesisCache* cache = nullptr;              // see SynthesisCache; null = every block every pass
    // A preview: stop after the block of this resolution and return the image summed so far (the
    // skip architecture's ToRGB outputs up to there, a real image of the model at that size, without
    // the finer layers' detail). 0 = the full image. Only for "skip"; a preview pass neither reads
    // nor fills the cache.
    int stopAtResolution = 0;
    // Filled by the pass when it runs the probe's layer; null (the normal case) costs nothing. A pass
    // that resumes from SynthesisCache may skip it: probe with the cache off.
    LayerProbe* probe = nullptr;
};

// The form Auto picks for a batch of this size on this device (measured; see stylegan2.cpp).
ModConvMode resolveModConvMode(ModConvMode requested, std::int64_t batchSize, const torch::Device& device);

// How a layer's [w ; t] input becomes its styles: NVlabs' affine, or LAFITE's text head.
struct StyleInput {
    int wDim = 0;
    int textDim = 0;
    StyleGan2Config::TextInput text = StyleGan2Config::TextInput::Concat;
    static StyleInput of(const StyleGan2Config& config) { return {config.w_dim, config.text_dim, config.text_input}; }
};

// Thrown by forward() when SynthesisOptions::cancel is set; the engine turns it into an error result.
struct Cancelled : std::exception {
    const char* what() const noexcept override { return "render cancelled"; }
};

// Equalized-learning-rate fully connected layer: y = x · (W · lr / sqrt(in))ᵀ + b · lr, then bias_act.
struct FullyConnectedLayerImpl : torch::nn::Module {
    FullyConnectedLayerImpl(int inFeatures, int outFeatures, bool lrelu, double lrMultiplier, double biasInit);
    torch::Tensor forward(const torch::Tensor& x);
    torch::Tensor weight, bias;
    double weightGain, biasGain;
    bool lrelu;
};
TORCH_MODULE(FullyConnectedLayer);

struct MappingNetworkImpl : torch::nn::Module {
    // numWs: how many ws forward() broadcasts to; 0 = config.numWs() (StyleGAN3 has its own count).
    explicit MappingNetworkImpl(const StyleGan2Config& config, int numWs = 0);
    // w for each row before broadcasting: [N, w_dim]. c is [N, c_dim] (undefined when c_dim == 0).
    torch::Tensor mapToW(const torch::Tensor& z, const torch::Tensor& c);
    // NVlabs mapping(): broadcast to [N, num_ws, w_dim], truncation toward w_avg
    // (psi, for ws[:, :cutoff] when cutoff >= 0).
    torch::Tensor forward(const torch::Tensor& z, const torch::Tensor& c, double psi = 1.0, int cutoff = -1);
    StyleGan2Config config;
    int numWs;
    FullyConnectedLayer embed{nullptr};
    std::vector<FullyConnectedLayer> fcs;
    torch::Tensor w_avg;  // buffer
};
TORCH_MODULE(MappingNetwork);

// The styles of one layer from its [w ; t] row, registered on the layer under NVlabs' or LAFITE's
// names ("affine", or "pre_0", "pre_1", "affine_0").
struct LayerStyles {
    void build(torch::nn::Module& layer, int inChannels, const StyleInput& input);
    torch::Tensor forward(const torch::Tensor& style);
    StyleInput input;
    FullyConnectedLayer affine{nullptr};
    FullyConnectedLayer pre_0{nullptr}, pre_1{nullptr}, affine_0{nullptr};
};

// Modulated 3×3 conv (+ optional up=2), noise, bias, lrelu, clamp.
struct SynthesisLayerImpl : torch::nn::Module {
    SynthesisLayerImpl(int inChannels, int outChannels, const StyleInput& styleInput, int resolution, bool up,
                       std::optional<double> convClamp);
    torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& style, const SynthesisOptions& options,
                          torch::Generator* noiseGenerator, double gain = 1.0);
    // Σ over the kernel of weight² ([O, I], in `dtype`), which demodulation needs every pass. Kept
    // between passes that record no gradients while `weight` is unchanged (same storage, same
    // version: loading or training a weight bumps it); recomputed otherwise. Not thread-safe, like
    // the module itself.
    torch::Tensor weightEnergy(torch::ScalarType dtype);
    LayerStyles styles;
    torch::Tensor weight, bias, noise_strength, noise_const, resample_filter;
    int resolution;
    bool up;
    std::optional<double> convClamp;

private:
    torch::Tensor energyCache;
    c10::Storage energyStorage;   // held, so that its memory cannot be reused by another weight meanwhile
    std::int64_t energyVersion = -1;
};
TORCH_MODULE(SynthesisLayer);

// 1×1 modulated conv without demodulation, bias, linear, clamp.
struct ToRGBLayerImpl : torch::nn::Module {
    ToRGBLayerImpl(int inChannels, int outChannels, const StyleInput& styleInput, std::optional<double> convClamp);
    torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& style, const SynthesisOptions& options);
    LayerStyles styles;
    torch::Tensor weight, bias;
    double weightGain;
    std::optional<double> convClamp;
};
TORCH_MODULE(ToRGBLayer);

// resnet blocks' shortcut: 1×1 conv (equalized lr, no bias) then upsample2d, linear, gain √0.5.
struct SkipLayerImpl : torch::nn::Module {
    SkipLayerImpl(int inChannels, int outChannels);
    torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& resampleFilter, double gain);
    torch::Tensor weight;
    double weightGain;
};
TORCH_MODULE(SkipLayer);

struct SynthesisBlockImpl : torch::nn::Module {
    SynthesisBlockImpl(int inChannels, int outChannels, const StyleInput& styleInput, int resolution, int imgChannels,
                       bool isLast, const std::string& architecture, std::optional<double> convClamp);
    // styles: the [N, numConv+numTorgb, styleDim] slice of this block. Returns (x, img).
    std::pair<torch::Tensor, torch::Tensor> forward(torch::Tensor x, torch::Tensor img, const torch::Tensor& styles,
                                                    const SynthesisOptions& options, torch::Generator* noiseGenerator);
    int numConv() const { return resolution == 4 ? 1 : 2; }
    // Only skip blocks and the last block have a torgb; num_ws is the same for every architecture
    // because a torgb shares its w index with the next block's conv0.
    int numTorgb() const { return (isLast || architecture == "skip") ? 1 : 0; }
    int resolution;
    bool isLast;
    std::string architecture;
    torch::Tensor const_, resample_filter;   // const_ is registered as "const"
    SynthesisLayer conv0{nullptr}, conv1{nullptr};
    ToRGBLayer torgb{nullptr};               // null in non-last resnet/orig blocks
    SkipLayer skip{nullptr};                 // "skip.weight" in resnet blocks at r >= 8
};
TORCH_MODULE(SynthesisBlock);

struct SynthesisNetworkImpl : torch::nn::Module {
    explicit SynthesisNetworkImpl(const StyleGan2Config& config);
    // ws: [N, num_ws, w_dim]. layerText: [N, num_ws, text_dim] for text models (the per-layer pooled
    // text), undefined otherwise. Returns [N, img_channels, R, R], not clamped.
    torch::Tensor forward(const torch::Tensor& ws, const torch::Tensor& layerText, const SynthesisOptions& options);
    StyleGan2Config config;
    std::vector<SynthesisBlock> blocks;   // b4, b8, ..., bR
};
TORCH_MODULE(SynthesisNetwork);

struct GeneratorImpl : torch::nn::Module {
    explicit GeneratorImpl(const StyleGan2Config& config);
    // Text models: c is the pooled text embedding (LAFITE: the unit CLIP feature) and every layer
    // follows that one prompt.
    torch::Tensor forward(const torch::Tensor& z, const torch::Tensor& c, double psi, int cutoff,
                          const SynthesisOptions& options);
    StyleGan2Config config;
    MappingNetwork mapping{nullptr};
    SynthesisNetwork synthesis{nullptr};
};
TORCH_MODULE(Generator);

// Copies every parameter and buffer of `module` from `tensors` by name (with `prefix` prepended).
// Refuses a missing tensor or a shape mismatch with a message naming the tensor and both shapes.
// Tensors in the map that the module does not have are ignored (io.*, text_encoder.*, ...).
Status loadTensors(torch::nn::Module& module, const std::map<std::string, torch::Tensor>& tensors,
                   const std::string& prefix = "");

// Every parameter and buffer under its dotted name (the inverse of loadTensors, for writers).
std::map<std::string, torch::Tensor> collectTensors(const torch::nn::Module& module, const std::string& prefix = "");

// NCHW float image in about [-1,1] -> uint8 NHWC as NVlabs saves it: clamp(x·127.5 + 128, 0, 255).
torch::Tensor toUint8Nhwc(const torch::Tensor& images);

} // namespace lscore
