#pragma once
// Trainer: the GAN training behind the embedded Shapes World model ("stylegan2-text").
//
// Recipe (StyleGAN2-ADA defaults, see shared/guide/reference-training.md; deviations say why):
//  * G = lscore::Generator with text_dim > 0 plus its own lscore::TextEncoder, trained jointly;
//    D = lscore::Discriminator (residual, minibatch stddev, projection on the pooled text of a
//    second TextEncoder trained with D).
//  * non-saturating logistic loss; matching-aware D: real images paired with another caption of the
//    batch count as fakes (weight `mismatchWeight`), so D must judge alignment, not only realism.
//  * lazy R1 on reals every `r1Interval` D steps, γ = 0.0002·R²/batch unless given, scaled by the
//    interval and added to that step's D loss (one Adam step, so no NVlabs lr/β2 re-scaling is needed).
//  * Adam (lr 0.0025, β = (0, 0.99), ε 1e-8) for both; EMA copy of G and its text encoder with a
//    half-life of `emaKimg` thousand images, ramped up over the first `emaRampup` of the images seen.
//  * style mixing (p 0.9): a second z drives the layers from a random crossover on;
//    prompt mixing (p `promptMixProb`): the layers from a random crossover on take a second caption's
//    text and the w the mapping gives for it (the studio's prompt-mixing edit). Such images follow no
//    single caption, so D scores them by its realism head alone.
//  * data: Shapes World scenes of the training split rendered on the fly; fake captions are drawn from
//    the same caption distribution.
//  * objective "supervised" — the fitting path for a CPU budget. Shapes World knows every parameter
//    of its scenes, so G can first be fitted by regression: z is the scene's code (each attribute the
//    caption leaves unstated in one coordinate, mapped to N(0, 1) through the inverse normal CDF;
//    stated attributes get pure noise, so G must read them from the caption) and G(z, caption) is
//    pulled towards the real image with an L1 loss (plus `objectWeight` × the L1 over the objects'
//    bounding discs, which a plain mean lets G ignore: see renderObjectRegions). Every step is
//    supervised, so shapes, colours and layout appear after a few kimg instead of the hundreds a GAN
//    needs from scratch, and z ~ N(0, I) at sampling time stands for a random scene that fits the
//    caption. "hybrid" adds that loss (weight `supervisedWeight`) to the adversarial G loss, to
//    sharpen a fitted G without letting it drift; "adversarial" is the plain GAN. A resumed run can
//    switch objective (TrainingRunOptions::objective). The supervised objective needs z_dim ≥ 27
//    (scalar scene code) or ≥ 56 (argmax scene code, see TrainerOptions::sceneCode). Its optional
//    terms: a pyramid of pooled L1s (`pyramidLevels`), an L1 of the pixel differences for sharp
//    outlines (`edgeWeight`) and the layer mix (`supervisedMixProb`): coarse layers from one scene,
//    fine layers from another, against Shapes World's exact render of the mix — the
//    supervised counterpart of style-mixing regularisation, teaching the split the studio's style
//    and prompt mixing rely on.
//
// Determinism: every random draw of step k comes from generators seeded by (seed, k), so the state
// after k steps depends only on the options and k. A checkpoint (all networks, Adam moments, the step
// and image counters, the options) resumes bit-for-bit on the same device and thread count.
//
//   lscore::TrainerOptions options = lscore::TrainerOptions::shapesWorld(128);
//   auto trainer = lscore::Trainer::create(options);
//   if (!trainer) return fail(trainer.error());
//   for (int i = 0; i < 100; ++i) { auto stats = (*trainer)->step(); if (!stats) return fail(stats.error()); }
//   (*trainer)->saveCheckpoint("run/checkpoint.safetensors");
//   (*trainer)->exportModel("model.safetensors", lscore::StoredDtype::F16);
//
// Thread safety: one thread drives a Trainer. runTraining() polls `stop` between steps, so a signal
// handler may set it.

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include <torch/torch.h>
#include <nlohmann/json.hpp>

#include "lscore/discriminator.h"
#include "lscore/result.h"
#include "lscore/safetensors.h"
#include "lscore/shapes_world.h"
#include "lscore/stylegan2.h"
#include "lscore/text_encoder.h"

namespace lscore {

struct TrainerOptions {
    StyleGan2Config generator;          // text_dim/c_dim are set from the text encoder's out_dim
    TextEncoderConfig textEncoder;      // vocab_size and context are set from Shapes World
    DiscriminatorConfig discriminator;  // resolution and text_dim follow the generator
    TextEncoderConfig discriminatorTextEncoder;

    std::uint64_t seed = 1;
    int batch = 16;
    std::string device = "cpu";

    double generatorLr = 0.0025;
    double discriminatorLr = 0.0025;
    double beta1 = 0.0;
    double beta2 = 0.99;
    double epsilon = 1e-8;
    double r1Gamma = -1.0;              // < 0: 0.0002 · resolution² / batch
    int r1Interval = 16;
    double emaKimg = 10.0;              // EMA half-life in thousands of images
    double emaRampup = 0.05;            // ≤ 0 disables the ramp-up
    double styleMixProb = 0.9;
    double promptMixProb = 0.25;
    double mismatchWeight = 0.5;
    std::string objective = "adversarial";   // "adversarial" | "supervised" | "hybrid"
    double supervisedWeight = 1.0;           // hybrid: weight of the supervised L1 term in G's loss
    double objectWeight = 1.0;               // supervised: + this × mean L1 over the objects' bounding discs
    // supervised: + the L1 of the images average-pooled by 2, 4, … 2^pyramidLevels. A misplaced object
    // costs less the nearer it is at the coarse levels, which the full-resolution L1 does not see.
    int pyramidLevels = 0;
    // supervised: + this × the L1 of the images' horizontal and vertical pixel differences (sharp
    // outlines; see supervisedLoss). 0 in runs before session 5.
    double edgeWeight = 0.0;
    // supervised: + this × AttributeClassifier::perceptualDistance between G's and the real images in
    // the network stored at `perceptualNet` (a Shapes World classifier trained with its own seed, not
    // the evaluator's; loaded at the first step that needs it). 0 in runs before session 6.
    double perceptualWeight = 0.0;
    std::string perceptualNet;
    // supervised: + this × AttributeClassifier::labelLoss of G's image against the exact labels of its
    // target scene (every attribute, those the caption leaves to z included), through the same network
    // `perceptualNet`. Pixel and perceptual terms compare with one exact rendering, so a fit unsure of
    // a star's rotation is cheapest as a disc; this term asks only that a star be seen. 0 before session 9.
    double labelWeight = 0.0;
    // supervised: the fraction of each batch trained as a layer mix — coarse layers (4–8 px) from
    // scene A's code and caption, the rest from scene B's — against the exact render of A's shapes and
    // layout in B's colours, pattern and background (the studio's style and prompt mixing).
    double supervisedMixProb = 0.0;
    // supervised: how a scene is written into z — "scalar" (one coordinate per attribute; z_dim ≥ 27),
    // "folded" (scalar, but an object's rotation runs once through the turn after which it looks the
    // same — 72° for a star — and stripes are coded by their angle in the image; shapesWorld()'s
    // default), "folded-scalar-centres" (folded, but object centres as in scalar: a scalar-coded run
    // switched to it keeps its learnt positions), "folded-stated-position" (that, but a one-object
    // caption's stated position places the object as in folded) or "argmax" (the main categorical
    // attributes as the largest of K coordinates; z_dim ≥ 56). checkSceneCode() names them all.
    std::string sceneCode = "scalar";

    // Defaults of the shipped model at the given resolution (small enough for ≤ 15 ms per 128 px frame
    // on a 2-core CPU). `generatorChannelBase`/`Max` ≤ 0 keep the defaults.
    static TrainerOptions shapesWorld(int resolution, int generatorChannelBase = 0, int generatorChannelMax = 0);

    double effectiveR1Gamma() const;
    nlohmann::json toJson() const;
    static Result<TrainerOptions> fromJson(const nlohmann::json& json);
};

struct StepStats {
    std::int64_t step = 0;           // steps done after this one
    double kimg = 0.0;               // real images shown to D, in thousands
    double dLossReal = 0.0;          // softplus(-D(real, caption))
    double dLossFake = 0.0;          // softplus(D(G(z, caption')))
    double dLossMismatch = 0.0;      // softplus(D(real, other caption))
    double r1Penalty = 0.0;          // ‖∇D(real)‖² mean, on R1 steps (0 otherwise)
    double gLoss = 0.0;              // softplus(-D(G(z, caption)))
    double supervisedLoss = 0.0;     // mean |G(scene code, caption) − x| + object term (supervised / hybrid)
    double labelLoss = 0.0;          // the label term before its weight (0 when labelWeight is 0)
    double seconds = 0.0;            // wall time of this step
};

class Trainer {
public:
    static Result<std::unique_ptr<Trainer>> create(const TrainerOptions& options);
    // Continues a checkpoint. `device` overrides the stored device ("" keeps it).
    // `tuning` changes, for the rest of the run, options that need no restart, by their JSON names:
    // generator_lr, beta1, object_weight, pyramid_levels, edge_weight, perceptual_weight,
    // perceptual_net, label_weight, supervised_mix_prob, supervised_weight, scene_code, mapping_z_skip
    // (true adds StyleGan2Config::mapping_z_skip to a trained run, starting at zero; it cannot be removed),
    // generator_channel_base (a larger value widens the trained generator without changing what it draws:
    // the new channels are read through zero weights and their Adam moments start at zero; narrowing is refused),
    // coord_inputs (true adds StyleGan2Config::coord_inputs the same way: read through zero weights at first;
    // they cannot be removed, and a run that has them cannot be widened later);
    // any other key is refused. β1 going from 0 to > 0 starts the first moments at zero.
    static Result<std::unique_ptr<Trainer>> resume(const std::string& checkpointPath, const std::string& device = "",
                                                   const nlohmann::json& tuning = nlohmann::json::object());
    ~Trainer();
    Trainer(const Trainer&) = delete;
    Trainer& operator=(const Trainer&) = delete;

    // One D step then one G step (and the EMA update); with the "supervised" objective one
    // regression step of G instead.
    Result<StepStats> step();
    // Switches the objective of this run ("adversarial", "supervised" or "hybrid").
    Status setObjective(const std::string& objective);
    // The halves on their own (tests use them to check each descends).
    Result<StepStats> discriminatorStep();
    Result<StepStats> generatorStep();

    // Losses on a batch fixed by `evalSeed`, without training: D's view of real vs generated images.
    struct Evaluation {
        double dReal = 0.0;    // mean D logit on real images with their captions
        double dFake = 0.0;    // mean D logit on G's images (plain, no mixing) for the same captions
        double gLoss = 0.0;    // mean softplus(-D(G))
    };
    Result<Evaluation> evaluate(std::uint64_t evalSeed, int batch);

    Status saveCheckpoint(const std::string& path);
    // G_ema + its text encoder as a model file (lscore/text_model_file.h).
    Status exportModel(const std::string& path, StoredDtype dtype, const nlohmann::json& extraProvenance = {});
    // A grid of G_ema samples: rows = prompts, columns = seeds (fixed; ψ = 1, constant noise).
    Status writeSamples(const std::string& pngPath, const std::vector<std::string>& prompts,
                        const std::vector<std::uint32_t>& seeds);

    // How closely G_ema redraws training scenes from their exact scene codes (what the supervised
    // objective regresses), per shape, on one-object scenes over a plain background: the centroid
    // error in pixels between G's object and the real one, the IoU of the two object masks (pixels
    // off the image's own background colour, read from its outer frame, by more than 0.2 in [-1, 1]
    // units), the IoU once G's mask is shifted onto the real centroid, the same aligned IoU for a disc
    // of the real object's area (what a blob scores), G's object area over the real one, the fraction
    // of scenes where G drew no object, and the background colour error (mean absolute, [0, 1]).
    // "w_linear_probe" (null below ~130 scenes per shape): the centroid error of a ridge regression
    // from w to the real centroid, fitted on half the scenes and measured on the other half, beside
    // the centroids' own spread and the same probe of z (image coordinates under the "scalar" code;
    // the folded codes give centres within the placement's region, which a linear probe cannot
    // place) — does w know where the object goes? A shape
    // whose aligned IoU is no better than the disc's is drawn as a blob whatever its placement.
    // `scenesPerShape` scenes of each shape from the training split, drawn from `seed`. With a
    // non-empty `gridPath`, a PNG of the first four per shape: rows = shapes, columns = real, G pairs.
    Result<nlohmann::json> fitDiagnostics(int scenesPerShape, std::uint64_t seed, const std::string& gridPath = {});

    std::int64_t stepCount() const;
    double kimg() const;
    double trainingSeconds() const;      // accumulated over all sessions of this run
    const TrainerOptions& options() const;
    // Every trained tensor and optimizer moment by checkpoint name (for comparisons).
    std::map<std::string, torch::Tensor> stateTensors();

private:
    struct Impl;
    explicit Trainer(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

// Success if `layout` is a TrainerOptions::sceneCode the trainer knows; otherwise an error that
// names it and lists the known layouts.
Status checkSceneCode(const std::string& layout);

// Prompts of the sample grids (one per row).
std::vector<std::string> defaultSamplePrompts();

// The supervised objective's z for real scenes (N × zDim, layout as TrainerOptions::sceneCode):
// what each caption leaves unstated, written into its coordinates; everything else N(0, 1) noise
// from `rng`. Over Shapes World's sampling it is exactly N(0, I). Coordinates past zDim are dropped.
torch::Tensor supervisedSceneCodes(const std::vector<WorldSample>& samples, int zDim, const std::string& layout,
                                   std::mt19937_64& rng);

// The loop behind `latent-studio-lab train`: creates or resumes DIR/checkpoint.safetensors, trains until
// `kimg` (total) or `minutes` (this session) is reached or `stop` is set, checkpoints every
// `checkpointMinutes` and at the end, logs to DIR/log.jsonl every `logEverySteps`, writes
// DIR/samples-<kimg>.png every `samplesEveryKimg`.
struct TrainingRunOptions {
    std::string outDir;
    bool resume = false;
    double kimg = 1000.0;
    double minutes = 0.0;                // 0 = no time limit
    double checkpointMinutes = 5.0;
    int logEverySteps = 10;
    double samplesEveryKimg = 2.0;
    std::string device;                  // "" = the options' (or checkpoint's) device
    std::string objective;               // "" = the run's; else switches a resumed run's objective
    nlohmann::json tuning = nlohmann::json::object();   // option changes for a new or resumed run (see resume())
    TrainerOptions trainer;              // used for a fresh run
};

Status runTraining(const TrainingRunOptions& run, const std::atomic_bool& stop,
                   const std::function<void(const std::string&)>& print);

} // namespace lscore
