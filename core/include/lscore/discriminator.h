#pragma once
// Discriminator: the text-conditioned critic that trains the Shapes World generator.
//
// A residual StyleGAN2-style D (the "resnet" architecture of NVlabs' DiscriminatorBlock): FromRGB
// (1×1 conv) at full resolution, then one block per resolution halving the image (3×3 conv, 3×3 conv
// with 2× downsampling, a 1×1 skip path, the sum scaled by sqrt(0.5)), then an epilogue at 4×4
// (minibatch standard deviation over groups of 4, 3×3 conv, fully connected layer) giving the image
// features φ(x). All weights use the equalised learning rate of StyleGAN.
//
// Text conditioning by projection (Miyato & Koyama): with t the pooled prompt embedding,
//     D(x, t) = out(φ(x)) + <proj(t), φ(x)> / sqrt(dim φ)
// realism() and alignment() return the two terms separately so the trainer can judge images whose
// layers follow different prompts (prompt mixing) by realism alone.
//
//   lscore::DiscriminatorConfig config; config.img_resolution = 128; config.text_dim = 128;
//   lscore::Discriminator d(config);
//   lscore::DiscriminatorOutput out = d->forward(images, pooledText);   // images [N,3,R,R] in [-1,1]
//   torch::Tensor logits = out.logits();                                 // [N]
//
// Downsampling uses 2×2 average pooling instead of NVlabs' [1,3,3,1] FIR filter: cheaper on a CPU and
// equally alias-free for the purposes of a critic. Runs on any device; no CPU-only ops.
// Thread safety: one thread at a time per module.

#include <torch/torch.h>
#include <nlohmann/json.hpp>

#include "lscore/result.h"

namespace lscore {

struct DiscriminatorConfig {
    int img_resolution = 128;
    int img_channels = 3;
    int channel_base = 4096;   // channels at resolution r: min(channel_base / r, channel_max)
    int channel_max = 128;
    int text_dim = 128;        // pooled text dim of the D-side text encoder; 0 = unconditional
    int mbstd_group = 4;       // minibatch-stddev group size (clamped to the batch)
    int mbstd_channels = 1;

    int channelsAt(int resolution) const;
    static Result<DiscriminatorConfig> fromJson(const nlohmann::json& json);
    nlohmann::json toJson() const;
};

struct DiscriminatorOutput {
    torch::Tensor realism;     // [N]  out(φ(x))
    torch::Tensor alignment;   // [N]  <proj(t), φ(x)>/sqrt(dim); zeros when unconditional
    torch::Tensor logits() const { return realism + alignment; }
};

// Equalised-learning-rate 2-D convolution (weights ~ N(0,1), scaled by 1/sqrt(fan-in) at run time),
// optional 2× downsampling after the convolution, optional bias and leaky ReLU (gain sqrt 2).
struct EqualizedConv2dImpl : torch::nn::Module {
    EqualizedConv2dImpl(int inChannels, int outChannels, int kernelSize, bool bias, bool lrelu, bool down);
    torch::Tensor forward(const torch::Tensor& x, double gain = 1.0);
    torch::Tensor weight, bias;
    double weightGain;
    bool lrelu, down;
};
TORCH_MODULE(EqualizedConv2d);

// Equalised-learning-rate linear layer with optional leaky ReLU (gain sqrt 2).
struct EqualizedLinearImpl : torch::nn::Module {
    EqualizedLinearImpl(int inFeatures, int outFeatures, bool bias, bool lrelu);
    torch::Tensor forward(const torch::Tensor& x);
    torch::Tensor weight, bias;
    double weightGain;
    bool lrelu;
};
TORCH_MODULE(EqualizedLinear);

struct DiscriminatorBlockImpl : torch::nn::Module {
    DiscriminatorBlockImpl(int inChannels, int outChannels);
    torch::Tensor forward(const torch::Tensor& x);
    EqualizedConv2d conv0{nullptr}, conv1{nullptr}, skip{nullptr};
};
TORCH_MODULE(DiscriminatorBlock);

struct DiscriminatorImpl : torch::nn::Module {
    explicit DiscriminatorImpl(const DiscriminatorConfig& config);
    // images [N, img_channels, R, R]; pooledText [N, text_dim] (undefined when text_dim == 0).
    DiscriminatorOutput forward(const torch::Tensor& images, const torch::Tensor& pooledText);
    torch::Tensor features(const torch::Tensor& images);   // φ(x): [N, featureDim]
    // The two heads over features already computed (the trainer scores one φ against several texts).
    DiscriminatorOutput score(const torch::Tensor& features, const torch::Tensor& pooledText);

    DiscriminatorConfig config;
    EqualizedConv2d fromrgb{nullptr};
    std::vector<DiscriminatorBlock> blocks;   // b128 ... b8 (each halves the resolution)
    EqualizedConv2d epilogueConv{nullptr};
    EqualizedLinear epilogueFc{nullptr}, out{nullptr}, projection{nullptr};
};
TORCH_MODULE(Discriminator);

} // namespace lscore
