#pragma once
// The trainer's state, shared by the files that each do one job with it: trainer.cpp (set-up, the
// step, export, samples), supervised_loss.cpp, checkpoint.cpp, fit_diagnostics.cpp.
#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include <torch/torch.h>

#include "lscore/image.h"
#include "lscore/stylegan2.h"
#include "lscore/text_encoder.h"
#include "lscore/tokenizer.h"
#include "lstrain/trainer.h"

namespace lstrain {

// Independent random streams per (run seed, step, purpose): splitmix64 over the three values.
std::uint64_t mixSeed(std::uint64_t a, std::uint64_t b, std::uint64_t c);

// The current UTC time as 2026-12-01T21:44:35Z (checkpoint records, model provenance).
std::string nowIso8601();

// RGB8 tiles [rows * cols, R, R, 3] (row-major) as one image of rows × cols tiles.
lscore::Image tileGrid(const torch::Tensor& tiles, int rows, int cols);

// Width of the patch discriminator's first layer (then ×2, ×4); at 16 it adds about a third to a
// 128 px step on one CPU thread.
constexpr int kDiscriminatorChannels = 16;

enum Stream : std::uint64_t {
    kStreamScenes = 1,     // the step's training scenes
    kStreamNoise = 2,      // scene-code noise, layer-mix partners, synthesis noise
};

// Adam with its moments as plain named tensors, so checkpoints store and restore them exactly.
struct Adam {
    std::vector<std::pair<std::string, torch::Tensor>> parameters;
    std::map<std::string, torch::Tensor> firstMoment, secondMoment;
    std::int64_t steps = 0;
    double lr = 0.002, beta1 = 0.9, beta2 = 0.99, epsilon = 1e-8;

    void add(const std::string& prefix, torch::nn::Module& module);
    void zeroGrad();
    void step();
    void collect(std::map<std::string, torch::Tensor>& out) const;                       // "opt.m.NAME", "opt.v.NAME"
    Status restore(const std::map<std::string, torch::Tensor>& tensors);
};

// The sharpening critic of the hybrid objective (lstrain/trainer.h): an unconditional PatchGAN-style
// discriminator whose logits judge overlapping patches (receptive field 38 px), not whole images, so
// it sees outlines, corners and pattern edges but cannot judge what the scene should be — the
// regression keeps that.
struct PatchDiscriminatorImpl : torch::nn::Module {
    explicit PatchDiscriminatorImpl(int channels = 32);
    torch::Tensor forward(const torch::Tensor& images);   // [N, 3, R, R] in [-1, 1] -> [N, 1, R/8, R/8]
    torch::nn::Conv2d conv0{nullptr}, conv1{nullptr}, conv2{nullptr}, logits{nullptr};
};
TORCH_MODULE(PatchDiscriminator);

struct Trainer::Impl {
    TrainerOptions options;
    torch::Device device{torch::kCPU};
    lscore::WordTokenizer tokenizer;
    lscore::Generator generator{nullptr}, generatorEma{nullptr};
    lscore::TextEncoder textEncoder{nullptr}, textEncoderEma{nullptr};
    Adam adam;
    PatchDiscriminator discriminator{nullptr};
    Adam discriminatorAdam;
    std::int64_t steps = 0;
    std::int64_t discriminatorSteps = 0;
    std::int64_t imagesSeen = 0;
    double seconds = 0.0;
    int layerMixCrossover = 0;   // w indices before it are "coarse"

    Status build();
    std::vector<std::pair<std::string, torch::nn::Module*>> namedModules();
    Result<torch::Tensor> tokenize(const std::vector<std::string>& captions);
    torch::Tensor render(const std::vector<SceneSpec>& scenes);   // [N, 3, R, R] on the device

    struct Loss {
        torch::Tensor total;
        double pixelL1 = 0.0;
        torch::Tensor images;   // G's output, still in the graph
        torch::Tensor reals;    // the exact renders it was pulled towards
    };
    // The supervised loss of the step whose scenes come from `sceneSeed` (lstrain/trainer.h).
    Result<Loss> supervisedLoss(std::uint64_t sceneSeed, std::mt19937_64& rng);
    // G's non-saturating adversarial term softplus(-D(G)) (mean over patches); D is frozen for it.
    torch::Tensor generatorAdversarialLoss(const torch::Tensor& images);
    // One D step on the step's fakes (detached) and reals, with the lazy R1 penalty every
    // kR1Interval steps. Returns D's logistic loss.
    double discriminatorStep(const torch::Tensor& fakes, const torch::Tensor& reals);
    void updateEma(int batch);
    std::map<std::string, torch::Tensor> stateTensors();
    nlohmann::json checkpointRecord() const;
};

} // namespace lstrain
