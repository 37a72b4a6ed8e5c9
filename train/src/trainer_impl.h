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

struct Trainer::Impl {
    TrainerOptions options;
    torch::Device device{torch::kCPU};
    lscore::WordTokenizer tokenizer;
    lscore::Generator generator{nullptr}, generatorEma{nullptr};
    lscore::TextEncoder textEncoder{nullptr}, textEncoderEma{nullptr};
    Adam adam;
    std::int64_t steps = 0;
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
    };
    // The supervised loss of the step whose scenes come from `sceneSeed` (lstrain/trainer.h).
    Result<Loss> supervisedLoss(std::uint64_t sceneSeed, std::mt19937_64& rng);
    void updateEma(int batch);
    std::map<std::string, torch::Tensor> stateTensors();
    nlohmann::json checkpointRecord() const;
};

} // namespace lstrain
