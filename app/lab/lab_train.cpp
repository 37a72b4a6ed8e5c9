// latent-studio-lab train: trains the Shapes World text-to-image GAN (lscore/trainer.h).
//
//   latent-studio-lab train --out runs/shapes128 [--resume] [--kimg N] [--batch N] [--minutes M]
//                           [--device cpu|cuda] [--g-channels BASE[,MAX]] [--seed S]
//   latent-studio-lab train --out runs/shapes128 --export model.safetensors [--f16]
//   latent-studio-lab train --time-forward [--g-channels BASE[,MAX]] [--resolution R]
//
// Ctrl-C / SIGTERM: the step in flight finishes, a checkpoint is written, the command exits 0.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include <torch/torch.h>

#include "commands.h"
#include "lscore/numpy_random.h"
#include "lscore/trainer.h"

namespace {

std::atomic_bool g_stopRequested{false};
static_assert(std::atomic_bool::is_always_lock_free, "the signal handler needs a lock-free flag");

extern "C" void requestStop(int)
{
    g_stopRequested.store(true);
}

void printUsage(std::FILE* out)
{
    std::fprintf(out,
        "Usage: latent-studio-lab train --out DIR [OPTIONS]\n"
        "\n"
        "Trains the Shapes World text-to-image GAN. DIR receives checkpoint.safetensors, log.jsonl and\n"
        "samples-<kimg>.png grids. Ctrl-C or SIGTERM writes a checkpoint and exits.\n"
        "\n"
        "Options:\n"
        "  --out DIR              run folder (required)\n"
        "  --resume               continue DIR/checkpoint.safetensors exactly (starts fresh if there is none)\n"
        "  --kimg N               stop when N thousand real images have been shown in total (default 1000)\n"
        "  --minutes M            stop after M minutes of this session (default: no limit)\n"
        "  --batch N              images per step (default 16; a new run only). Progress follows\n"
        "                         steps more than images: for a larger batch raise --lr too\n"
        "                         (about x sqrt(batch / 8) from the shipped recipe's lr)\n"
        "  --device D             cpu, cuda or cuda:N (default cpu)\n"
        "  --objective O          adversarial (default), supervised (regression on Shapes World's exact\n"
        "                         scene codes: fast on a CPU) or hybrid (adversarial + supervised);\n"
        "                         switches the objective of a resumed run\n"
        "  --resolution R         image size of a new run (default 128)\n"
        "  --g-channels B[,M]     generator channel_base and channel_max of a new run (default 1024,128)\n"
        "  --mapping L,M          mapping layers and learning-rate multiplier of a new run (default 2,0.01;\n"
        "                         the supervised objective decodes scene codes much faster with 4,1)\n"
        "  --seed S               run seed of a new run (default 1)\n"
        "  --mapping-z-skip       add a linear path from z to w beside the mapping's layers (new or\n"
        "                         resumed run; a resumed run's skip starts at zero)\n"
        "  --widen BASE           resumed run: widen the generator to channel_base BASE (larger than the\n"
        "                         run's); it draws exactly what it drew, and the new channels learn\n"
        "  --coord-inputs         new or resumed run: every synthesis conv also reads x and y coordinate\n"
        "                         maps (a resumed run reads them through zero weights at first)\n"
        "  --lr X, --beta1 X      G's Adam learning rate; Adam beta1 of G and D (new or resumed run)\n"
        "  --object-weight X      supervised: weight of the L1 over the objects' own pixels (default 1)\n"
        "  --pyramid N            supervised: also compare the images pooled by 2 .. 2^N (default 0)\n"
        "  --edge-weight X        supervised: weight of the L1 between the images' pixel differences\n"
        "                         (sharper outlines; default 0)\n"
        "  --perceptual-weight X  supervised: weight of a perceptual distance between G's and the real\n"
        "                         images in the features of --perceptual-net (default 0)\n"
        "  --perceptual-net FILE  a Shapes World classifier for that term, trained with its own seed:\n"
        "                         latent-studio-lab evaluate --train-classifier FILE --seed 7\n"
        "  --label-weight X       supervised: weight of that network's attribute loss on G's image against\n"
        "                         the target scene's exact labels (a star must look like a star at any\n"
        "                         rotation; default 0)\n"
        "  --mix-prob P           supervised: fraction of rows trained as a coarse/fine layer mix (default 0)\n"
        "  --scene-code L         supervised: scene code layout in z: folded (a new run's default: rotation\n"
        "                         folded by the shape's symmetry), scalar, argmax or\n"
        "                         folded-scalar-centres (folded, centres as in scalar: for\n"
        "                         switching a scalar-coded run without re-learning positions),\n"
        "                         folded-stated-position (that, but a stated single-object\n"
        "                         position places the object as in folded)\n"
        "  --checkpoint-minutes M checkpoint interval (default 5)\n"
        "  --log-every N          steps per log.jsonl line (default 10)\n"
        "  --samples-every K      kimg between sample grids (default 2)\n"
        "  --export FILE          write DIR's EMA generator as a model file and exit (no training)\n"
        "  --f16                  with --export: store weights as float16 (half the size)\n"
        "  --diagnose N           print how closely DIR's EMA generator redraws N one-object training\n"
        "                         scenes per shape from their exact codes (centroid error, mask IoU\n"
        "                         as drawn and aligned, against a disc's) as JSON and exit\n"
        "  --diagnose-grid FILE   with --diagnose: also write real / G pairs, a row per shape (PNG)\n"
        "  --time-forward         time a 128 px frame (batch 1) of the configured generator and exit\n");
}

bool parseInt(const char* text, long long low, long long high, long long& out)
{
    char* end = nullptr;
    const long long value = std::strtoll(text, &end, 10);
    if (end == text || *end != '\0' || value < low || value > high) return false;
    out = value;
    return true;
}

bool parseDouble(const char* text, double low, double high, double& out)
{
    char* end = nullptr;
    const double value = std::strtod(text, &end);
    if (end == text || *end != '\0' || !(value >= low && value <= high)) return false;
    out = value;
    return true;
}

int usageError(const std::string& message)
{
    std::fprintf(stderr, "latent-studio-lab train: %s\nRun 'latent-studio-lab train --help' for the options.\n",
                 message.c_str());
    return 2;
}

// Median wall time of mapping + synthesis for one 128 px frame: the budget the shipped model must meet.
int timeForward(const lscore::TrainerOptions& options)
{
    torch::NoGradGuard noGrad;
    c10::InferenceMode inference;
    lscore::Generator generator(options.generator);
    generator->eval();
    const auto z = torch::tensor(lscore::seedToZ(1, options.generator.z_dim)).unsqueeze(0);
    const auto text = torch::randn({1, options.generator.text_dim});
    std::vector<double> ms;
    for (int i = 0; i < 40; ++i) {
        const auto start = std::chrono::steady_clock::now();
        auto ws = generator->mapping->forward(z, text, 1.0, -1);
        auto layerText = text.unsqueeze(1).expand({1, ws.size(1), text.size(1)}).contiguous();
        auto image = generator->synthesis->forward(ws, layerText, {});
        (void)image;
        if (i >= 5)
            ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    }
    std::sort(ms.begin(), ms.end());
    std::int64_t parameters = 0;
    for (const auto& p : generator->parameters()) parameters += p.numel();
    std::printf("{\"resolution\": %d, \"channel_base\": %d, \"channel_max\": %d, \"threads\": %d, "
                "\"median_ms\": %.2f, \"min_ms\": %.2f, \"generator_parameters\": %lld}\n",
                options.generator.img_resolution, options.generator.channel_base, options.generator.channel_max,
                torch::get_num_threads(), ms[ms.size() / 2], ms.front(), static_cast<long long>(parameters));
    return 0;
}

} // namespace

int lab::train(int argc, char** argv)
{
    lscore::TrainingRunOptions run;
    std::string exportPath;
    long long diagnoseScenes = 0;
    std::string diagnoseGrid;
    bool f16 = false;
    bool timeOnly = false;
    long long batch = 16, seed = 1, resolution = 128, channelBase = 0, channelMax = 0, logEvery = 10;
    long long mappingLayers = 0;
    double mappingLrMultiplier = 0.0;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const bool hasValue = i + 1 < argc;
        auto value = [&]() { return argv[++i]; };
        if (arg == "--help" || arg == "-h") {
            printUsage(stdout);
            return 0;
        } else if (arg == "--resume") {
            run.resume = true;
        } else if (arg == "--f16") {
            f16 = true;
        } else if (arg == "--time-forward") {
            timeOnly = true;
        } else if (arg == "--coord-inputs") {
            run.tuning["coord_inputs"] = true;
        } else if (arg == "--mapping-z-skip") {
            run.tuning["mapping_z_skip"] = true;
        } else if (!hasValue) {
            return usageError("option " + arg + " needs a value (or is unknown)");
        } else if (arg == "--out") {
            run.outDir = value();
        } else if (arg == "--export") {
            exportPath = value();
        } else if (arg == "--diagnose") {
            if (!parseInt(value(), 1, 4096, diagnoseScenes)) return usageError("--diagnose needs a whole number of scenes in [1, 4096]");
        } else if (arg == "--diagnose-grid") {
            diagnoseGrid = value();
        } else if (arg == "--device") {
            run.device = value();
        } else if (arg == "--mapping") {
            std::string text = value();
            const auto comma = text.find(',');
            if (comma == std::string::npos || !parseInt(text.substr(0, comma).c_str(), 1, 16, mappingLayers)
                || !parseDouble(text.substr(comma + 1).c_str(), 1e-4, 10.0, mappingLrMultiplier))
                return usageError("--mapping needs LAYERS,LR_MULTIPLIER (e.g. 4,1)");
        } else if (arg == "--objective") {
            run.objective = value();
            if (run.objective != "adversarial" && run.objective != "supervised" && run.objective != "hybrid")
                return usageError("--objective must be adversarial, supervised or hybrid");
        } else if (arg == "--lr" || arg == "--beta1" || arg == "--object-weight" || arg == "--mix-prob"
                   || arg == "--edge-weight" || arg == "--perceptual-weight" || arg == "--label-weight") {
            double x = 0.0;
            if (!parseDouble(value(), 0.0, 100.0, x)) return usageError(arg + " needs a number ≥ 0");
            const char* key = arg == "--lr" ? "generator_lr" : arg == "--beta1" ? "beta1"
                            : arg == "--object-weight" ? "object_weight"
                            : arg == "--edge-weight" ? "edge_weight"
                            : arg == "--perceptual-weight" ? "perceptual_weight"
                            : arg == "--label-weight" ? "label_weight" : "supervised_mix_prob";
            run.tuning[key] = x;
        } else if (arg == "--perceptual-net") {
            run.tuning["perceptual_net"] = value();
        } else if (arg == "--scene-code") {
            const std::string layout = value();
            if (lscore::Status known = lscore::checkSceneCode(layout); !known) return usageError("--scene-code: " + known.error());
            run.tuning["scene_code"] = layout;
        } else if (arg == "--pyramid") {
            long long levels = 0;
            if (!parseInt(value(), 0, 6, levels)) return usageError("--pyramid needs a whole number in [0, 6]");
            run.tuning["pyramid_levels"] = levels;
        } else if (arg == "--kimg") {
            if (!parseDouble(value(), 0.0, 1e9, run.kimg)) return usageError("--kimg needs a number ≥ 0");
        } else if (arg == "--minutes") {
            if (!parseDouble(value(), 0.0, 1e9, run.minutes)) return usageError("--minutes needs a number ≥ 0");
        } else if (arg == "--checkpoint-minutes") {
            if (!parseDouble(value(), 0.0, 1e9, run.checkpointMinutes)) return usageError("--checkpoint-minutes needs a number ≥ 0");
        } else if (arg == "--samples-every") {
            if (!parseDouble(value(), 0.0, 1e9, run.samplesEveryKimg)) return usageError("--samples-every needs a number ≥ 0");
        } else if (arg == "--log-every") {
            if (!parseInt(value(), 1, 1'000'000, logEvery)) return usageError("--log-every needs a whole number ≥ 1");
        } else if (arg == "--batch") {
            if (!parseInt(value(), 1, 4096, batch)) return usageError("--batch needs a whole number in [1, 4096]");
        } else if (arg == "--seed") {
            if (!parseInt(value(), 0, (1LL << 62), seed)) return usageError("--seed needs a whole number ≥ 0");
        } else if (arg == "--resolution") {
            if (!parseInt(value(), 8, 1024, resolution) || (resolution & (resolution - 1)) != 0)
                return usageError("--resolution needs a power of two in [8, 1024]");
        } else if (arg == "--widen") {
            long long base = 0;
            if (!parseInt(value(), 1, 1 << 20, base)) return usageError("--widen needs a channel_base (e.g. 2048)");
            run.tuning["generator_channel_base"] = base;
        } else if (arg == "--g-channels") {
            std::string text = value();
            const auto comma = text.find(',');
            if (!parseInt(text.substr(0, comma).c_str(), 1, 1 << 20, channelBase)
                || (comma != std::string::npos && !parseInt(text.substr(comma + 1).c_str(), 1, 1024, channelMax)))
                return usageError("--g-channels needs BASE or BASE,MAX (e.g. 2048,128)");
        } else {
            return usageError("unknown option " + arg);
        }
    }

    run.trainer = lscore::TrainerOptions::shapesWorld(static_cast<int>(resolution), static_cast<int>(channelBase),
                                                      static_cast<int>(channelMax));
    run.trainer.batch = static_cast<int>(batch);
    if (mappingLayers > 0) {
        run.trainer.generator.mapping_layers = static_cast<int>(mappingLayers);
        run.trainer.generator.mapping_lr_multiplier = mappingLrMultiplier;
    }
    run.trainer.seed = static_cast<std::uint64_t>(seed);
    run.logEverySteps = static_cast<int>(logEvery);
    if (timeOnly) return timeForward(run.trainer);
    if (run.outDir.empty()) return usageError("--out DIR is required");

    // --diagnose and --export read the run's checkpoint on the CPU and do not train.
    auto openRun = [&]() -> std::unique_ptr<lscore::Trainer> {
        const std::string checkpoint = (std::filesystem::path(run.outDir) / "checkpoint.safetensors").string();
        auto trainer = lscore::Trainer::resume(checkpoint, "cpu");
        if (trainer) return std::move(*trainer);
        std::fprintf(stderr, "latent-studio-lab train: %s\n", trainer.error().c_str());
        return nullptr;
    };
    if (diagnoseScenes > 0) {
        auto trainer = openRun();
        if (!trainer) return 2;
        auto report = trainer->fitDiagnostics(static_cast<int>(diagnoseScenes), 0xD1A6, diagnoseGrid);
        if (!report) {
            std::fprintf(stderr, "latent-studio-lab train: %s\n", report.error().c_str());
            return 1;
        }
        std::printf("%s\n", report->dump(2).c_str());
        return 0;
    }
    if (!diagnoseGrid.empty()) return usageError("--diagnose-grid goes with --diagnose N");

    if (!exportPath.empty()) {
        auto trainer = openRun();
        if (!trainer) return 2;
        const lscore::Status status =
            trainer->exportModel(exportPath, f16 ? lscore::StoredDtype::F16 : lscore::StoredDtype::F32);
        if (!status) {
            std::fprintf(stderr, "latent-studio-lab train: %s\n", status.error().c_str());
            return 1;
        }
        std::printf("exported the EMA generator at %.3f kimg (step %lld) to %s\n", trainer->kimg(),
                    static_cast<long long>(trainer->stepCount()), exportPath.c_str());
        return 0;
    }

    std::signal(SIGINT, requestStop);
    std::signal(SIGTERM, requestStop);
    const lscore::Status status = lscore::runTraining(run, g_stopRequested, [](const std::string& line) {
        std::printf("%s\n", line.c_str());
        std::fflush(stdout);
    });
    if (!status) {
        std::fprintf(stderr, "latent-studio-lab train: %s\n", status.error().c_str());
        return 1;
    }
    return 0;
}
