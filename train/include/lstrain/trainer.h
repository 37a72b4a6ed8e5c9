#pragma once
// Trainer: fits the embedded Shapes World model (a text-conditioned StyleGAN2 generator plus its
// own small text encoder) by supervised regression on Shapes World's exact scene codes.
//
// Recipe. Shapes World knows every parameter of its scenes, so G need not discover them
// adversarially: z is the scene's code (lstrain/scene_code.h: each attribute the caption leaves
// open written into z, stated attributes left as pure noise, so G must read those from the text),
// and G(z, caption) is pulled towards the exact render of the scene:
//   loss = mean |G − x|                                   (pixels, [-1, 1] units)
//        + objectWeight × mean |G − x| over the object's bounding disc
//        + detailWeight × mean |hp(G) − hp(x)| over that disc, hp(x) = x − mean3×3(x) (off by default)
//        + Σ_k mean |pool_2^k(G) − pool_2^k(x)|, k = 1 … pyramidLevels
// A fraction `layerMixProb` of each batch is trained as a layer mix: coarse layers (up to 8 px) take
// scene A's code and caption, the fine layers scene B's, against the exact render of A's geometry in
// B's colours — the supervised form of style-mixing regularisation, which teaches the split the
// studio's style and prompt mixing rely on.
//   Sharpening (the hybrid objective, on while adversarialWeight > 0): the L1 optimum under any
// residual uncertainty is the blur of the possible outlines, so a patch discriminator D
// (unconditional, 38 px receptive field) is trained against G's outputs with the logistic loss and
// a lazy R1 penalty on reals (r1Gamma), and G adds adversarialWeight × softplus(−D(G)). D judges
// local crispness only; what the scene is stays the regression's job. Adam (own implementation: its moments are plain named
// tensors in the checkpoint), an EMA copy of G and its text encoder for sampling and export.
//
// Determinism: every random draw of step k comes from generators seeded by (seed, k), so the state
// after k steps depends only on the options and k. A checkpoint (G, G_ema, both text encoders, Adam
// moments, D and its moments, counters, options) resumes bit-for-bit on the same device and thread count.
//
//   lstrain::TrainerOptions options;                      // the shipped recipe's defaults
//   auto trainer = lstrain::Trainer::create(options);
//   for (int i = 0; i < 100; ++i) if (auto s = (*trainer)->step(); !s) return fail(s.error());
//   (*trainer)->saveCheckpoint("run/checkpoint.safetensors");
//   (*trainer)->exportModel("model.safetensors", lscore::StoredDtype::F16);
//
// Thread safety: one thread drives a Trainer. runTraining() polls `stop` between steps, so a signal
// handler may set it.

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <torch/torch.h>
#include <nlohmann/json.hpp>

#include "lscore/safetensors.h"
#include "lstrain/shapes_world.h"
#include "lstrain/trainer_options.h"

namespace lstrain {

struct StepStats {
    std::int64_t step = 0;      // steps done after this one
    double kimg = 0.0;          // training images shown, in thousands
    double loss = 0.0;          // the whole weighted loss
    double pixelL1 = 0.0;       // mean |G − x| over the image alone (comparable across recipes)
    double adversarial = 0.0;   // G's adversarial term softplus(−D(G)), unweighted (0 when off)
    double discriminator = 0.0; // D's logistic loss on fakes and reals (0 when off; ln 4 ≈ 1.39 at a draw)
    double seconds = 0.0;       // wall time of this step
};

class Trainer {
public:
    static Result<std::unique_ptr<Trainer>> create(const TrainerOptions& options);
    // Continues a checkpoint. `device` overrides the stored device ("" keeps it). `changes` are
    // options given for this session (TrainerOptions::changedFrom tells which differ); an option the
    // table marks as fixed for a run is refused with a message naming it and the run's value.
    static Result<std::unique_ptr<Trainer>> resume(const std::string& checkpointPath, const std::string& device = "",
                                                   const OptionValues& changes = {});
    ~Trainer();
    Trainer(const Trainer&) = delete;
    Trainer& operator=(const Trainer&) = delete;

    // One regression step of G and its text encoder, then the EMA update.
    Result<StepStats> step();

    // `compact`: every floating tensor as bfloat16 (about half the size; resumes to within
    // bfloat16's precision rather than bit-for-bit) — the form a checkpoint is committed in.
    Status saveCheckpoint(const std::string& path, bool compact = false);
    // G_ema + its text encoder as a model file (lscore/text_model_file.h).
    Status exportModel(const std::string& path, lscore::StoredDtype dtype, const nlohmann::json& extraProvenance = {});
    // A grid of G_ema samples: rows = prompts, columns = seeds (ψ = 1, constant noise), compressed PNG.
    Status writeSamples(const std::string& pngPath, const std::vector<std::string>& prompts,
                        const std::vector<std::uint32_t>& seeds);

    // How closely G_ema redraws training scenes from their exact scene codes, per shape, on scenes
    // over a plain background: the centroid error in pixels between G's object and the real one, the
    // IoU of the two object masks (pixels off the image's own frame colour by more than 0.2 in
    // [-1, 1] units), the IoU once G's mask is shifted onto the real centroid ("aligned"), the same
    // aligned IoU for a disc of the real object's area (what a blob scores), G's object area over
    // the real one, and the background colour error (mean absolute, [0, 1]). A shape whose aligned
    // IoU does not pass the disc's is drawn as a blob. With a non-empty `gridPath`, a PNG of the
    // first four scenes per shape: rows = shapes, columns = real, G pairs.
    Result<nlohmann::json> fitDiagnostics(int scenesPerShape, std::uint64_t seed, const std::string& gridPath = {});

    std::int64_t stepCount() const;
    double kimg() const;
    double trainingSeconds() const;      // accumulated over all sessions of this run
    const TrainerOptions& options() const;
    // Every trained tensor and optimizer moment by checkpoint name (for comparisons).
    std::map<std::string, torch::Tensor> stateTensors();

    struct Impl;

private:
    explicit Trainer(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

// Prompts of the sample grids (one per row).
std::vector<std::string> defaultSamplePrompts();

// The loop behind `latent-studio-lab train`: creates or resumes DIR/checkpoint.safetensors, trains
// until `kimg` (total) or `minutes` (this session) is reached or `stop` is set, checkpoints every
// `checkpointMinutes` and at the end, logs to DIR/log.jsonl every `logEverySteps`, writes
// DIR/samples-<kimg>.png every `samplesEveryKimg`.
struct TrainingRunOptions {
    std::string outDir;
    bool resume = false;
    double kimg = 1000.0;
    double minutes = 0.0;                // 0 = no time limit
    double checkpointMinutes = 5.0;
    int logEverySteps = 10;
    double samplesEveryKimg = 10.0;
    std::string device;                  // "" = the options' (or checkpoint's) device
    OptionValues given;                  // options given on the command line (a new run: over the defaults)
};

Status runTraining(const TrainingRunOptions& run, const std::atomic_bool& stop,
                   const std::function<void(const std::string&)>& print);

} // namespace lstrain
