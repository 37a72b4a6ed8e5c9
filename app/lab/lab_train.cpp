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
#include <limits>
#include <string>

#include "command_line.h"
#include "commands.h"
#include "lstrain/trainer.h"

namespace {

std::atomic_bool g_stopRequested{false};
static_assert(std::atomic_bool::is_always_lock_free, "the signal handler needs a lock-free flag");

extern "C" void requestStop(int)
{
    g_stopRequested.store(true);
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
    int diagnoseScenes = 0;
    cli::CommandLine line("latent-studio-lab train",
        "Trains the Shapes World text-to-image model by supervised regression on the world's exact\n"
        "scene codes. DIR receives checkpoint.safetensors, log.jsonl and samples-<kimg>.png grids.\n"
        "Ctrl-C or SIGTERM writes a checkpoint and exits.\n");
    line.group("Run options");
    line.text("--out", run.outDir, "DIR", "run folder").required();
    line.flag("--resume", run.resume, "continue DIR/checkpoint.safetensors (starts fresh if there is none)");
    line.number("--kimg", run.kimg, "N", "stop when N thousand training images have been shown in total (default 1000)",
                0.001, std::numeric_limits<double>::max());
    line.number("--minutes", run.minutes, "M", "stop after M minutes of this session (default: no limit)", 0.0,
                std::numeric_limits<double>::max());
    line.text("--device", run.device, "D", "cpu, cuda or cuda:N (default cpu; a resumed run may move)");
    line.number("--checkpoint-minutes", run.checkpointMinutes, "M", "checkpoint interval (default 5)", 0.01,
                std::numeric_limits<double>::max());
    line.number("--log-every", run.logEverySteps, "N", "steps per log.jsonl line (default 10)", 1,
                std::numeric_limits<int>::max());
    line.number("--samples-every", run.samplesEveryKimg, "K", "kimg between sample grids (default 10)", 0.0,
                std::numeric_limits<double>::max());
    line.group("Trainer options (a resumed run refuses a changed 'new runs only' option)");
    for (const lstrain::OptionSpec& spec : lstrain::trainerOptionTable()) {
        const std::string flag(spec.flag);
        line.option(flag, spec.integer ? "N" : "X", lstrain::describeOption(spec), [&run, flag](const std::string& value) {
            const lscore::Status s = lstrain::parseOptionFlag(flag, value, run.given);
            return s ? std::string() : s.error();   // the error names the flag
        });
    }
    line.group("Instead of training");
    line.text("--export", exportPath, "FILE", "write DIR's EMA generator as a model file and exit");
    line.flag("--f16", f16, "with --export: store weights as float16 (half the size)");
    line.number("--diagnose", diagnoseScenes, "N",
                "print how closely DIR's EMA generator redraws N training scenes per\n"
                "shape from their exact codes (centroid error, mask IoU as drawn and\n"
                "aligned, against a disc's) as JSON and exit", 1, 4096);
    line.text("--diagnose-grid", diagnoseGrid, "FILE", "with --diagnose: also write real / G pairs, a row per shape (PNG)");
    line.text("--compact-checkpoint", compactPath, "F",
              "write DIR's checkpoint with bfloat16 tensors to F (about half the\n"
              "size; what the repository keeps) and exit");
    line.text("--samples", samplesPath, "FILE", "write DIR's sample grid (the run's prompts, seeds 1-6) as PNG and exit");
    line.footer("Exit status: 0 success (also after Ctrl-C, with a checkpoint), 1 training or writing failed,\n"
                "             2 bad usage or an unreadable run folder.");
    if (auto status = line.parse(argc, argv)) return *status;
    if (run.outDir.empty()) return line.usageError("--out needs a folder");

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
