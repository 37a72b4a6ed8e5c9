// The sharpening half of the hybrid objective (lstrain/trainer.h): a patch discriminator and the
// non-saturating logistic losses with a lazy R1 penalty on reals (StyleGAN2's regulariser).
#include "trainer_impl.h"

namespace lstrain {
namespace {

// R1 is evaluated every kR1Interval steps and scaled by the interval, as in StyleGAN2's lazy
// regularisation: the double backward is the dearest part of a D step.
constexpr int kR1Interval = 16;

void setRequiresGrad(torch::nn::Module& module, bool value)
{
    for (auto& parameter : module.parameters(true)) parameter.set_requires_grad(value);
}

torch::nn::Conv2dOptions conv(int in, int out, int kernel, int stride)
{
    return torch::nn::Conv2dOptions(in, out, kernel).stride(stride).padding(kernel == 4 ? 1 : kernel / 2);
}

} // namespace

PatchDiscriminatorImpl::PatchDiscriminatorImpl(int channels)
{
    // Three stride-2 4×4 convolutions and a 3×3 head: receptive field 4 + 3·2 + 3·4 + 2·8 = 38 px.
    conv0 = register_module("conv0", torch::nn::Conv2d(conv(3, channels, 4, 2)));
    conv1 = register_module("conv1", torch::nn::Conv2d(conv(channels, 2 * channels, 4, 2)));
    conv2 = register_module("conv2", torch::nn::Conv2d(conv(2 * channels, 4 * channels, 4, 2)));
    logits = register_module("logits", torch::nn::Conv2d(conv(4 * channels, 1, 3, 1)));
}

torch::Tensor PatchDiscriminatorImpl::forward(const torch::Tensor& images)
{
    torch::Tensor x = torch::leaky_relu(conv0->forward(images), 0.2);
    x = torch::leaky_relu(conv1->forward(x), 0.2);
    x = torch::leaky_relu(conv2->forward(x), 0.2);
    return logits->forward(x);
}

torch::Tensor Trainer::Impl::generatorAdversarialLoss(const torch::Tensor& images)
{
    setRequiresGrad(*discriminator, false);
    torch::Tensor loss = torch::softplus(-discriminator->forward(images)).mean();
    setRequiresGrad(*discriminator, true);
    return loss;
}

double Trainer::Impl::discriminatorStep(const torch::Tensor& fakes, const torch::Tensor& reals)
{
    discriminator->train();
    discriminatorAdam.zeroGrad();
    const torch::Tensor fakeLogits = discriminator->forward(fakes.detach());
    const torch::Tensor realLogits = discriminator->forward(reals);
    torch::Tensor loss = torch::softplus(fakeLogits).mean() + torch::softplus(-realLogits).mean();
    const double logistic = loss.item<double>();
    if (options.r1Gamma > 0.0 && steps % kR1Interval == 0) {
        const torch::Tensor input = reals.detach().requires_grad_(true);
        const torch::Tensor scores = discriminator->forward(input);
        const torch::Tensor gradient = torch::autograd::grad({scores.mean({1, 2, 3}).sum()}, {input}, {}, true, true)[0];
        // Per image: D's mean patch logit, the scalar whose input gradient R1 penalises.
        const torch::Tensor penalty = gradient.square().sum({1, 2, 3}).mean();
        loss = loss + penalty * (options.r1Gamma / 2.0 * kR1Interval);
    }
    loss.backward();
    discriminatorAdam.step();
    return logistic;
}

} // namespace lstrain
