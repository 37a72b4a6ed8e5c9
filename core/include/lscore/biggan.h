#pragma once
// BigGAN-deep generator (Brock et al. 2019) as libtorch modules, faithful to the PyTorch port that
// the released biggan-deep-128/256/512 checkpoints are used with (huggingface/pytorch-pretrained-
// BigGAN, model.py): conditional batch norm from cat(z, class embedding), bottleneck GenBlocks with
// nearest up-sampling, one self-attention block, standing statistics chosen by truncation, tanh out.
//
// Parameter and buffer names equal the port's state-dict names ("embeddings.weight",
// "generator.gen_z.weight_orig", "generator.layers.3.bn_1.running_means", ...), so loading is a
// name-by-name copy (lscore::loadTensors). Spectral norm is applied as the port does in eval():
// W = weight_orig / σ with σ = uᵀ·W_mat·v from the stored singular pair; normalizeWeights() computes
// every W once after loading (no power iteration runs: the released u, v are converged).
//
// Per-layer conditioning: every GenBlock reads its own conditioning vector, so a forward takes one
// per conditioning site — site 0 feeds gen_z, site k+1 GenBlock k — which is what per-block class
// mixing (coarse blocks from class A, fine from class B) and per-block latent mixing need. Given the
// same vector at every site, the forward is the port's.
//
//   auto config = lscore::BigGanConfig::fromJson(nlohmann::json::parse(configJsonText)).value();
//   lscore::BigGanGenerator g(config);
//   lscore::loadTensors(*g, weights).ok();
//   g->normalizeWeights().ok();
//   torch::Tensor cond = g->conditionVector(z, oneHot);                       // [N, 2·z_dim]
//   torch::Tensor img  = g->forward(cond.unsqueeze(1).expand({-1, config.numSites(), -1}), 0.4);
//
// Thread safety: a module may be used by one thread at a time.

#include <array>
#include <atomic>
#include <map>
#include <string>
#include <vector>

#include <torch/torch.h>
#include <nlohmann/json.hpp>

#include "lscore/model_description.h"
#include "lscore/result.h"
#include "lscore/stylegan2.h"   // loadTensors, Cancelled

namespace lscore {

// The license line of a BigGAN-deep model from the port's folders (their files name none).
inline constexpr const char* kBigGanLicenseNote =
    "BigGAN-deep weights: DeepMind's TF-Hub modules (Apache License 2.0) as converted by the PyTorch port "
    "(huggingface/pytorch-pretrained-BigGAN, Apache License 2.0); check the terms of the copy you have";

// The port's BigGANConfig, under its config.json names.
struct BigGanConfig {
    struct Layer {
        bool upsample = false;
        int in = 1;     // in units of channel_width
        int out = 1;
    };
    int output_dim = 128;            // informative: the layer list fixes the resolution
    int z_dim = 128;
    int class_embed_dim = 128;       // informative: the embedding is z_dim wide in the port
    int channel_width = 128;
    int num_classes = 1000;
    std::vector<Layer> layers;
    int attention_layer_position = 8;
    double eps = 1e-4;
    int n_stats = 51;

    int resolution() const;          // 4 · 2^(number of up-sampling layers)
    int numSites() const { return static_cast<int>(layers.size()) + 1; }   // gen_z + one per GenBlock
    double estimatedParameterCount() const;

    // Refuses missing fields, out-of-range values, a layer list whose channels do not chain, an
    // attention position outside it and channel counts the attention block cannot split (C/8 ≥ 1).
    static Result<BigGanConfig> fromJson(const nlohmann::json& json);
    nlohmann::json toJson() const;
};

// The standing-statistics row and weight the port takes for a truncation t in (0, 1]:
// coef, row = math.modf(t / (1/(n_stats − 1))); mean = stats[row]·coef + stats[row+1]·(1 − coef)
// (coef weights the lower row), or stats[row] alone when coef == 0. Kept exactly for parity with the
// released models: the statistics jump at every multiple of 1/(n_stats − 1) (just below one the
// lower row has all the weight, at it the upper row), so a slow truncation drag shows small steps.
struct BigGanStatsRow {
    int row = 0;
    double coef = 0.0;
};
BigGanStatsRow bigGanStatsRow(double truncation, int nStats);

// A linear or convolution weight stored in spectral-norm form (weight_orig, weight_u, weight_v).
class SpectralWeightImpl : public torch::nn::Module {
public:
    SpectralWeightImpl(std::vector<std::int64_t> shape, bool bias);
    Status normalize(const std::string& name);   // weight = weight_orig / σ; refuses σ ≤ 0 or not finite
    torch::Tensor weight_orig, bias, weight_u, weight_v;
    torch::Tensor weight;                         // the normalized weight, after normalize()
};
TORCH_MODULE(SpectralWeight);

class BigGanBatchNormImpl : public torch::nn::Module {
public:
    BigGanBatchNormImpl(int channels, int conditionDim, int nStats, double eps, bool conditional);
    // cond: [N, conditionDim] for the conditional form, ignored otherwise.
    torch::Tensor forward(const torch::Tensor& x, BigGanStatsRow stats, const torch::Tensor& cond);
    torch::Tensor running_means, running_vars;
    SpectralWeight scale{nullptr}, offset{nullptr};   // conditional
    torch::Tensor weight, bias;                       // not conditional
    double eps;
    bool conditional;
};
TORCH_MODULE(BigGanBatchNorm);

class BigGanBlockImpl : public torch::nn::Module {
public:
    BigGanBlockImpl(int in, int out, int conditionDim, bool upsample, int nStats, double eps);
    torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& cond, BigGanStatsRow stats);
    Status normalizeWeights(const std::string& prefix);
    std::array<BigGanBatchNorm, 4> bn{nullptr, nullptr, nullptr, nullptr};
    std::array<SpectralWeight, 4> conv{nullptr, nullptr, nullptr, nullptr};
    bool upsample;
    bool dropChannels;
};
TORCH_MODULE(BigGanBlock);

class BigGanAttentionImpl : public torch::nn::Module {
public:
    explicit BigGanAttentionImpl(int channels);
    torch::Tensor forward(const torch::Tensor& x);
    Status normalizeWeights(const std::string& prefix);
    SpectralWeight theta{nullptr}, phi{nullptr}, g{nullptr}, o{nullptr};
    torch::Tensor gamma;
};
TORCH_MODULE(BigGanAttention);

class BigGanSynthesisImpl : public torch::nn::Module {
public:
    explicit BigGanSynthesisImpl(const BigGanConfig& config);
    // conds: [N, numSites, 2·z_dim]; returns [N, 3, R, R] in (−1, 1). Polls `cancel` between blocks
    // and throws lscore::Cancelled when it is set.
    torch::Tensor forward(const torch::Tensor& conds, double truncation, const std::atomic_bool* cancel = nullptr);
    // gen_z's output as the port reshapes it (TF order): [N, 16·ch, 4, 4].
    torch::Tensor initial(const torch::Tensor& cond);
    Status normalizeWeights();
    BigGanConfig config;
    SpectralWeight gen_z{nullptr};
    torch::nn::ModuleList layers{nullptr};
    std::vector<BigGanBlock> blocks;          // the GenBlocks of `layers`, in order
    BigGanAttention attention{nullptr};       // before GenBlock attention_layer_position
    BigGanBatchNorm bn{nullptr};
    SpectralWeight conv_to_rgb{nullptr};
};
TORCH_MODULE(BigGanSynthesis);

class BigGanGeneratorImpl : public torch::nn::Module {
public:
    explicit BigGanGeneratorImpl(const BigGanConfig& config);
    // cat(z, embeddings(classVector)): z [N, z_dim], classVector [N, num_classes] (any mix).
    torch::Tensor conditionVector(const torch::Tensor& z, const torch::Tensor& classVector);
    torch::Tensor forward(const torch::Tensor& conds, double truncation, const std::atomic_bool* cancel = nullptr);
    // Computes every spectrally normalized weight; call once after loading.
    Status normalizeWeights();
    BigGanConfig config;
    torch::nn::Linear embeddings{nullptr};
    BigGanSynthesis generator{nullptr};
};
TORCH_MODULE(BigGanGenerator);

// True when the tensors are a BigGAN-deep state dict (they hold generator.gen_z.weight_orig).
bool looksLikeBigGan(const std::map<std::string, torch::Tensor>& tensors);

// Copies a state dict into the generator and normalizes its weights. Strict, where the port loads
// with strict=False and would render a half-loaded net silently: a missing tensor, a shape that
// config.json does not give, or a tensor the generator has no place for (io.* test vectors aside)
// is refused with a message naming it, before anything is copied (a refused spectral norm comes
// after the copy: discard the generator then).
Status loadBigGanWeights(BigGanGenerator& generator, const std::map<std::string, torch::Tensor>& tensors);

// The per-site layer table (site 0 "gen_z · 4 px", then "block k · R px" at each block's output
// resolution), grouped coarse / middle / fine as StyleGAN's: ≤ 8 px, 16–32 px, ≥ 64 px.
std::vector<LayerInfo> bigGanLayerTable(const BigGanConfig& config);

// A model description (architecture "biggan-deep", num_ws = numSites, w_dim = 2·z_dim, class
// conditioning with num_classes classes, named by `classNames` when it has one per class).
ModelDescription describeBigGan(const BigGanConfig& config, const std::string& source, std::vector<std::string> classNames);

} // namespace lscore
