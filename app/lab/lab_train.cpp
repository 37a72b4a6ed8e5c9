// latent-studio-lab train: trains the Shapes World model (lstrain/trainer.h).
//
//   latent-studio-lab train --out runs/shapes128 [--resume] [--kimg N] [--minutes M] [--device D] [OPTION X ...]
//   latent-studio-lab train --out runs/shapes128 --export model.safetensors [--f16]
//   latent-studio-lab train --out runs/shapes128 --diagnose N [--diagnose-grid FILE]
//   latent-studio-lab train --out runs/shapes128 --compact-checkpoint FILE
//
// The trainer's own options (learning rate, loss weights, network size, …) come from its option
// table (lstrain/trainer_options.h), which also writes their --help lines.
// Ctrl-C / SIGTERM: the step in flight finishes, a checkpoint is written, the command exits 0.
#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "commands.h"
#include "lstrain/trainer.h"

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
        "Trains the Shapes World text-to-image model by supervised regression on the world's exact\n"
        "scene codes. DIR receives checkpoint.safetensors, log.jsonl and samples-<kimg>.png grids.\n"
        "Ctrl-C or SIGTERM writes a checkpoint and exits.\n"
        "\n"
        "Run options:\n"
        "  --out DIR               run folder (required)\n"
        "  --resume                continue DIR/checkpoint.safetensors (starts fresh if there is none)\n"
        "  --kimg N                stop when N thousand training images have been shown in total (default 1000)\n"
        "  --minutes M             stop after M minutes of this session (default: no limit)\n"
        "  --device D              cpu, cuda or cuda:N (default cpu; a resumed run may move)\n"
        "  --checkpoint-minutes M  checkpoint interval (default 5)\n"
        "  --log-every N           steps per log.jsonl line (default 10)\n"
        "  --samples-every K       kimg between sample grids (default 10)\n"
        "\n"
        "Trainer options (a resumed run refuses a changed 'new runs only' option):\n"
        "%s"
        "\n"
        "Instead of training:\n"
        "  --export FILE           write DIR's EMA generator as a model file and exit\n"
        "  --f16                   with --export: store weights as float16 (half the size)\n"
        "  --diagnose N            print how closely DIR's EMA generator redraws N training scenes per\n"
        "                          shape from their exact codes (centroid error, mask IoU as drawn and\n"
        "                          aligned, against a disc's) as JSON and exit\n"
        "  --diagnose-grid FILE    with --diagnose: also write real / G pairs, a row per shape (PNG)\n"
        "  --compact-checkpoint F  write DIR's checkpoint with bfloat16 tensors to F (about half the\n"
        "                          size; what the repository keeps) and exit\n"
        "  --samples FILE          write DIR's sample grid (the run's prompts, seeds 1-6) as PNG and exit\n",
        lstrain::optionHelp().c_str());
}

bool parseNumber(const char* text, double low, double high, double& out)
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

int failure(const std::string& message)
{
    std::fprintf(stderr, "latent-studio-lab train: %s\n", message.c_str());
    return 1;
}

} // namespace

namespace lab {

int train(int argc, char** argv)
{
    lstrain::TrainingRunOptions run;
    std::string exportPath, diagnoseGrid, compactPath, samplesPath;
    bool f16 = false;
    double diagnoseScenes = 0;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        auto value = [&]() -> const char* { return i + 1 < argc ? argv[++i] : nullptr; };
        auto number = [&](double low, double high, double& out) -> bool {
            const char* text = value();
            return text != nullptr && parseNumber(text, low, high, out);
        };
        double n = 0;
        if (arg == "--help" || arg == "-h") {
            printUsage(stdout);
            return 0;
        } else if (arg == "--resume") {
            run.resume = true;
        } else if (arg == "--f16") {
            f16 = true;
        } else if (arg == "--out" || arg == "--device" || arg == "--export" || arg == "--diagnose-grid"
                   || arg == "--compact-checkpoint" || arg == "--samples") {
            const char* text = value();
            if (text == nullptr || *text == '\0') return usageError(arg + " needs a value");
            (arg == "--out" ? run.outDir : arg == "--device" ? run.device : arg == "--export" ? exportPath
                 : arg == "--diagnose-grid" ? diagnoseGrid : arg == "--samples" ? samplesPath : compactPath) = text;
        } else if (arg == "--kimg") {
            if (!number(0.001, 1e9, run.kimg)) return usageError("--kimg needs a positive number");
        } else if (arg == "--minutes") {
            if (!number(0.0, 1e9, run.minutes)) return usageError("--minutes needs a number >= 0");
        } else if (arg == "--checkpoint-minutes") {
            if (!number(0.01, 1e6, run.checkpointMinutes)) return usageError("--checkpoint-minutes needs a positive number");
        } else if (arg == "--log-every") {
            if (!number(1, 1e9, n)) return usageError("--log-every needs a whole number >= 1");
            run.logEverySteps = static_cast<int>(n);
        } else if (arg == "--samples-every") {
            if (!number(0.0, 1e9, run.samplesEveryKimg)) return usageError("--samples-every needs a number >= 0");
        } else if (arg == "--diagnose") {
            if (!number(1, 4096, diagnoseScenes)) return usageError("--diagnose needs a whole number of scenes in [1, 4096]");
        } else if (lstrain::findOptionByFlag(arg) != nullptr) {
            const char* text = value();
            if (text == nullptr) return usageError(arg + " needs a value");
            if (lscore::Status s = lstrain::parseOptionFlag(arg, text, run.given); !s) return usageError(s.error());
        } else {
            return usageError("unknown option '" + arg + "'");
        }
    }
    if (run.outDir.empty()) return usageError("--out DIR is required");

    const std::string checkpoint = (std::filesystem::path(run.outDir) / "checkpoint.safetensors").string();
    if (!exportPath.empty() || diagnoseScenes > 0 || !compactPath.empty() || !samplesPath.empty()) {
        auto trainer = lstrain::Trainer::resume(checkpoint, run.device);
        if (!trainer) return failure(trainer.error());
        if (!exportPath.empty()) {
            const auto dtype = f16 ? lscore::StoredDtype::F16 : lscore::StoredDtype::F32;
            if (lscore::Status s = (*trainer)->exportModel(exportPath, dtype); !s) return failure(s.error());
            std::printf("exported %s (%.1f kimg)\n", exportPath.c_str(), (*trainer)->kimg());
        }
        if (!compactPath.empty()) {
            if (lscore::Status s = (*trainer)->saveCheckpoint(compactPath, /*compact=*/true); !s) return failure(s.error());
            std::printf("wrote %s (%.1f kimg)\n", compactPath.c_str(), (*trainer)->kimg());
        }
        if (!samplesPath.empty()) {
            if (lscore::Status s = (*trainer)->writeSamples(samplesPath, lstrain::defaultSamplePrompts(), {1, 2, 3, 4, 5, 6}); !s)
                return failure(s.error());
            std::printf("wrote %s (%.1f kimg)\n", samplesPath.c_str(), (*trainer)->kimg());
        }
        if (diagnoseScenes > 0) {
            auto report = (*trainer)->fitDiagnostics(static_cast<int>(diagnoseScenes), 0xD1A6, diagnoseGrid);
            if (!report) return failure(report.error());
            std::printf("%s\n", report->dump(2).c_str());
        }
        return 0;
    }

    std::signal(SIGINT, requestStop);
    std::signal(SIGTERM, requestStop);
    const lscore::Status status = lstrain::runTraining(run, g_stopRequested, [](const std::string& line) {
        std::printf("%s\n", line.c_str());
        std::fflush(stdout);
    });
    if (!status) return failure(status.error());
    return 0;
}

} // namespace lab
