#include "lscore/discriminator.h"

#include <cmath>
#include <string>

namespace lscore {

namespace {

constexpr double kLreluSlope = 0.2;
const double kLreluGain = std::sqrt(2.0);

torch::Tensor leakyRelu(const torch::Tensor& x)
{
    return torch::leaky_relu(x, kLreluSlope) * kLreluGain;
}

bool isPowerOfTwo(int value) { return value > 0 && (value & (value - 1)) == 0; }

// Largest group size ≤ wanted that divides the batch, so every batch size works (NVlabs requires
// the batch to be a multiple of the group).
int mbstdGroupFor(int wanted, int batch)
{
    int group = std::max(1, std::min(wanted, batch));
    while (batch % group != 0) --group;
    return group;
}

} // namespace

int DiscriminatorConfig::channelsAt(int resolution) const
{
    return std::min(channel_base / resolution, channel_max);
}

Result<DiscriminatorConfig> DiscriminatorConfig::fromJson(const nlohmann::json& json)
{
    try {
        DiscriminatorConfig config;
        config.img_resolution = json.value("img_resolution", config.img_resolution);
        config.img_channels = json.value("img_channels", config.img_channels);
        config.channel_base = json.value("channel_base", config.channel_base);
        config.channel_max = json.value("channel_max", config.channel_max);
        config.text_dim = json.value("text_dim", config.text_dim);
        config.mbstd_group = json.value("mbstd_group", config.mbstd_group);
        config.mbstd_channels = json.value("mbstd_channels", config.mbstd_channels);
        if (!isPowerOfTwo(config.img_resolution) || config.img_resolution < 8 || config.img_resolution > 4096)
            return makeError("discriminator img_resolution must be a power of two in [8, 4096], got "
                             + std::to_string(config.img_resolution));
        if (config.img_channels < 1 || config.img_channels > 4 || config.channel_max < 1
            || config.channel_max > 4096 || config.channel_base < 1 || config.text_dim < 0
            || config.text_dim > 8192 || config.mbstd_group < 1 || config.mbstd_channels < 1)
            return makeError("discriminator configuration out of range: " + json.dump());
        if (config.channelsAt(config.img_resolution) < 1)
            return makeError("discriminator channel_base " + std::to_string(config.channel_base)
                             + " gives no channels at " + std::to_string(config.img_resolution) + " px");
        if (config.channelsAt(4) % config.mbstd_channels != 0)
            return makeError("discriminator mbstd_channels must divide the 4x4 channel count");
        return config;
    } catch (const std::exception& error) {
        return makeError(std::string("discriminator configuration is not valid JSON of the expected types: ")
                         + error.what());
    }
}

nlohmann::json DiscriminatorConfig::toJson() const
{
    return {{"img_resolution", img_resolution}, {"img_channels", img_channels}, {"channel_base", channel_base},
            {"channel_max", channel_max},       {"text_dim", text_dim},         {"mbstd_group", mbstd_group},
            {"mbstd_channels", mbstd_channels}};
}

EqualizedConv2dImpl::EqualizedConv2dImpl(int inChannels, int outChannels, int kernelSize, bool withBias,
                                         bool lreluActivation, bool downsample)
    : weightGain(1.0 / std::sqrt(double(inChannels) * kernelSize * kernelSize))
    , lrelu(lreluActivation)
    , down(downsample)
{
    weight = register_parameter("weight", torch::randn({outChannels, inChannels, kernelSize, kernelSize}));
    if (withBias) bias = register_parameter("bias", torch::zeros({outChannels}));
}

torch::Tensor EqualizedConv2dImpl::forward(const torch::Tensor& x, double gain)
{
    const int64_t padding = weight.size(2) / 2;
    torch::Tensor y = torch::conv2d(x, weight * weightGain, bias.defined() ? bias : torch::Tensor(), 1, padding);
    if (down) y = torch::avg_pool2d(y, 2);
    if (lrelu) y = leakyRelu(y);
    return gain == 1.0 ? y : y * gain;
}

EqualizedLinearImpl::EqualizedLinearImpl(int inFeatures, int outFeatures, bool withBias, bool lreluActivation)
    : weightGain(1.0 / std::sqrt(double(inFeatures)))
    , lrelu(lreluActivation)
{
    weight = register_parameter("weight", torch::randn({outFeatures, inFeatures}));
    if (withBias) bias = register_parameter("bias", torch::zeros({outFeatures}));
}

torch::Tensor EqualizedLinearImpl::forward(const torch::Tensor& x)
{
    torch::Tensor y = torch::linear(x, weight * weightGain, bias.defined() ? bias : torch::Tensor());
    return lrelu ? leakyRelu(y) : y;
}

DiscriminatorBlockImpl::DiscriminatorBlockImpl(int inChannels, int outChannels)
{
    conv0 = register_module("conv0", EqualizedConv2d(inChannels, inChannels, 3, true, true, false));
    conv1 = register_module("conv1", EqualizedConv2d(inChannels, outChannels, 3, true, true, true));
    skip = register_module("skip", EqualizedConv2d(inChannels, outChannels, 1, false, false, false));
}

torch::Tensor DiscriminatorBlockImpl::forward(const torch::Tensor& x)
{
    // The residual sum is scaled by sqrt(0.5) on both paths so its variance matches the input's.
    const double half = std::sqrt(0.5);
    torch::Tensor shortcut = skip->forward(torch::avg_pool2d(x, 2), half);
    torch::Tensor main = conv1->forward(conv0->forward(x), half);
    return shortcut + main;
}

DiscriminatorImpl::DiscriminatorImpl(const DiscriminatorConfig& cfg)
    : config(cfg)
{
    const int topChannels = config.channelsAt(config.img_resolution);
    fromrgb = register_module("fromrgb", EqualizedConv2d(config.img_channels, topChannels, 1, true, true, false));
    for (int resolution = config.img_resolution; resolution > 4; resolution /= 2) {
        auto block = DiscriminatorBlock(config.channelsAt(resolution), config.channelsAt(resolution / 2));
        // Appending (rather than "b" + to_string) sidesteps a GCC 12 -Wstringop-overflow false positive.
        std::string name = "b";
        name += std::to_string(resolution);
        blocks.push_back(register_module(name, block));
    }
    const int channels4 = config.channelsAt(4);
    epilogueConv = register_module(
        "epilogue_conv", EqualizedConv2d(channels4 + config.mbstd_channels, channels4, 3, true, true, false));
    epilogueFc = register_module("epilogue_fc", EqualizedLinear(channels4 * 16, channels4, true, true));
    out = register_module("out", EqualizedLinear(channels4, 1, true, false));
    if (config.text_dim > 0)
        projection = register_module("projection", EqualizedLinear(config.text_dim, channels4, false, false));
}

torch::Tensor DiscriminatorImpl::features(const torch::Tensor& images)
{
    torch::Tensor x = fromrgb->forward(images);
    for (auto& block : blocks) x = block->forward(x);

    // Minibatch standard deviation: lets D see the variety of a batch, which discourages mode collapse.
    const int64_t n = x.size(0), c = x.size(1), h = x.size(2), w = x.size(3);
    const int64_t group = mbstdGroupFor(config.mbstd_group, static_cast<int>(n));
    const int64_t f = config.mbstd_channels;
    torch::Tensor y = x.reshape({group, n / group, f, c / f, h, w});
    y = y - y.mean(0);
    y = (y.square().mean(0) + 1e-8).sqrt();
    y = y.mean({2, 3, 4}).reshape({-1, f, 1, 1}).repeat({group, 1, h, w});
    x = torch::cat({x, y}, 1);

    x = epilogueConv->forward(x);
    return epilogueFc->forward(x.flatten(1));
}

DiscriminatorOutput DiscriminatorImpl::forward(const torch::Tensor& images, const torch::Tensor& pooledText)
{
    return score(features(images), pooledText);
}

DiscriminatorOutput DiscriminatorImpl::score(const torch::Tensor& phi, const torch::Tensor& pooledText)
{
    DiscriminatorOutput result;
    result.realism = out->forward(phi).squeeze(1);
    if (config.text_dim > 0 && pooledText.defined()) {
        const double scale = 1.0 / std::sqrt(double(phi.size(1)));
        result.alignment = (projection->forward(pooledText) * phi).sum(1) * scale;
    } else {
        result.alignment = torch::zeros_like(result.realism);
    }
    return result;
}

} // namespace lscore
