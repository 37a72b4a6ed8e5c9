// The training loop behind `latent-studio-lab train`.
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "lstrain/trainer.h"

namespace lstrain {
namespace {

std::string samplesName(double kimg)
{
    char name[64];
    std::snprintf(name, sizeof name, "samples-%07.1f.png", kimg);
    return name;
}

} // namespace

Status runTraining(const TrainingRunOptions& run, const std::atomic_bool& stop,
                   const std::function<void(const std::string&)>& print)
{
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::create_directories(run.outDir, ec);
    if (ec) return lscore::makeError(run.outDir + ": cannot create the output folder: " + ec.message());
    const std::string checkpoint = (fs::path(run.outDir) / "checkpoint.safetensors").string();
    const bool haveCheckpoint = fs::exists(checkpoint, ec);

    std::unique_ptr<Trainer> trainer;
    if (run.resume && haveCheckpoint) {
        auto resumed = Trainer::resume(checkpoint, run.device, run.given);
        if (!resumed) return Error{resumed.error()};
        trainer = std::move(*resumed);
        print("resumed " + checkpoint + " at step " + std::to_string(trainer->stepCount()) + ", "
              + std::to_string(trainer->kimg()) + " kimg");
    } else {
        if (haveCheckpoint)
            return lscore::makeError(run.outDir + " already holds a checkpoint: pass --resume to continue it, or choose another --out");
        TrainerOptions options;
        if (Status s = options.apply(run.given); !s) return s;
        if (!run.device.empty()) options.device = run.device;
        auto created = Trainer::create(options);
        if (!created) return Error{created.error()};
        trainer = std::move(*created);
        print("new run in " + run.outDir + ": " + trainer->options().toJson().dump());
    }

    std::ofstream log(fs::path(run.outDir) / "log.jsonl", std::ios::app);
    if (!log) return lscore::makeError(run.outDir + "/log.jsonl: cannot open the log for writing");

    const std::vector<std::string> prompts = defaultSamplePrompts();
    const std::vector<std::uint32_t> seeds{1, 2, 3, 4, 5, 6};
    const auto sessionStart = std::chrono::steady_clock::now();
    auto lastCheckpoint = sessionStart;
    double nextSamplesKimg = run.samplesEveryKimg > 0 ? std::floor(trainer->kimg() / run.samplesEveryKimg + 1) * run.samplesEveryKimg
                                                      : 1e300;
    double lossSum = 0.0, pixelSum = 0.0, adversarialSum = 0.0, discriminatorSum = 0.0, secondsSum = 0.0;
    int count = 0;
    auto minutesSince = [](auto start) {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() / 60.0;
    };

    while (!stop.load() && trainer->kimg() < run.kimg && (run.minutes <= 0.0 || minutesSince(sessionStart) < run.minutes)) {
        auto stats = trainer->step();
        if (!stats) {
            (void)trainer->saveCheckpoint(checkpoint);   // keep what was trained before reporting
            return Error{stats.error()};
        }
        if (!std::isfinite(stats->loss))
            return lscore::makeError("training diverged at step " + std::to_string(stats->step)
                                     + " (non-finite loss); the last checkpoint is kept: resume with a lower --lr");
        lossSum += stats->loss;
        pixelSum += stats->pixelL1;
        adversarialSum += stats->adversarial;
        discriminatorSum += stats->discriminator;
        secondsSum += stats->seconds;
        if (++count >= std::max(1, run.logEverySteps)) {
            const nlohmann::json line = {{"step", stats->step},
                                         {"kimg", stats->kimg},
                                         {"loss", lossSum / count},
                                         {"pixel_l1", pixelSum / count},
                                         {"g_adversarial", adversarialSum / count},
                                         {"d_loss", discriminatorSum / count},
                                         {"seconds_per_step", secondsSum / count},
                                         {"training_seconds", trainer->trainingSeconds()}};
            log << line.dump() << '\n';
            log.flush();
            print(line.dump());
            lossSum = pixelSum = adversarialSum = discriminatorSum = secondsSum = 0.0;
            count = 0;
        }
        if (minutesSince(lastCheckpoint) >= run.checkpointMinutes) {
            if (Status s = trainer->saveCheckpoint(checkpoint); !s) return s;
            lastCheckpoint = std::chrono::steady_clock::now();
            print("checkpoint " + checkpoint + " at " + std::to_string(trainer->kimg()) + " kimg");
        }
        if (trainer->kimg() >= nextSamplesKimg) {
            const std::string png = (fs::path(run.outDir) / samplesName(trainer->kimg())).string();
            if (Status s = trainer->writeSamples(png, prompts, seeds); !s) print("warning: " + s.error());
            nextSamplesKimg += run.samplesEveryKimg;
        }
    }
    if (Status s = trainer->saveCheckpoint(checkpoint); !s) return s;
    const std::string png = (fs::path(run.outDir) / samplesName(trainer->kimg())).string();
    if (Status s = trainer->writeSamples(png, prompts, seeds); !s) print("warning: " + s.error());
    print(std::string(stop.load() ? "stopped" : "finished") + " at step " + std::to_string(trainer->stepCount()) + ", "
          + std::to_string(trainer->kimg()) + " kimg; checkpoint " + checkpoint);
    return Status::success();
}

} // namespace lstrain
