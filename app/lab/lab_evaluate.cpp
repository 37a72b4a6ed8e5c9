// latent-studio-lab evaluate: score a Shapes World model, or train the attribute classifier.
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <limits>
#include <optional>
#include <string>

#include <torch/torch.h>

#include "commands.h"
#include "command_line.h"
#include "lscore/engine.h"
#include "lstrain/evaluator.h"

namespace {

} // namespace

int lab::evaluate(int argc, char** argv)
{
    std::string modelPath, classifierPath, trainOut;
    long long samples = 128, steps = 2000;
    std::optional<long long> seed;
    int threads = 0;
    bool oracle = false;
    cli::CommandLine line("latent-studio-lab evaluate",
        "Prints a JSON report: caption accuracy per stated attribute (seen and held-out combinations),\n"
        "Frechet distance in the classifier's feature space beside the real-vs-real floor, diversity of\n"
        "unstated attributes, style-mixing, prompt-mixing and prompt-interpolation scores.\n");
    line.usage("--train-classifier OUT.safetensors [--steps N] [--seed S] [--threads T]");
    line.text("--model", modelPath, "FILE", "the Shapes World model to score");
    line.flag("--oracle", oracle, "score Shapes World itself instead of a model (the ceiling; no --model needed)");
    line.text("--classifier", classifierPath, "FILE",
              "default: the installed models/shapes-classifier.safetensors ($LATENT_STUDIO_CLASSIFIER overrides)");
    line.number("--samples", samples, "N", "captions per split and FD sample size (default 128)", 1LL, 1000000LL);
    line.number("--seed", seed, "S",
                "evaluation: captions and seeds (default 1); --train-classifier: its Shapes World\n"
                "scenes and initial weights (default: the evaluator's own classifier's seed; give\n"
                "another for an independent network)", 0LL, std::numeric_limits<long long>::max());
    line.number("--threads", threads, "T", "intra-op threads (default: libtorch's)", 1, 1024);
    line.group("Training the classifier");
    line.text("--train-classifier", trainOut, "OUT", "train the attribute classifier and write it to OUT");
    line.number("--steps", steps, "N", "--train-classifier: optimiser steps (default 2000)", 1LL, 10000000LL);
    line.footer("Exit status: 0 success, 1 scoring or training failed, 2 bad usage or unreadable input.");
    if (auto status = line.parse(argc, argv)) return *status;
    if (threads > 0) torch::set_num_threads(static_cast<int>(threads));

    if (!trainOut.empty()) {
        lstrain::ClassifierTrainOptions options;
        options.steps = static_cast<int>(steps);
        if (seed) options.seed = static_cast<std::uint64_t>(*seed);
        const auto start = std::chrono::steady_clock::now();
        options.progress = [&](int step, double loss) {
            const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            std::fprintf(stderr, "step %d/%d  loss %.4f  %.0f s\n", step + 1, options.steps, loss, s);
        };
        auto classifier = lstrain::AttributeClassifier::train(options);
        if (!classifier) { std::fprintf(stderr, "latent-studio-lab evaluate: %s\n", classifier.error().c_str()); return 1; }
        if (lscore::Status saved = (*classifier)->save(trainOut); !saved) {
            std::fprintf(stderr, "latent-studio-lab evaluate: %s\n", saved.error().c_str());
            return 2;
        }
        nlohmann::json report;
        report["classifier"] = trainOut;
        report["steps"] = options.steps;
        report["seed"] = options.seed;
        report["train_seconds"] = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        report["accuracy_any"] = (*classifier)->measureAccuracy(2000, 0xACC0, lstrain::SplitFilter::Any);
        report["accuracy_held_out"] = (*classifier)->measureAccuracy(500, 0xACC1, lstrain::SplitFilter::HeldOutOnly);
        std::printf("%s\n", report.dump(2).c_str());
        return 0;
    }

    if (modelPath.empty() && !oracle) return line.usageError("--model FILE (or --oracle) is required");
    if (classifierPath.empty()) classifierPath = lstrain::defaultClassifierPath();
    auto classifier = lstrain::AttributeClassifier::load(classifierPath);
    if (!classifier) { std::fprintf(stderr, "latent-studio-lab evaluate: %s\n", classifier.error().c_str()); return 2; }

    std::unique_ptr<lscore::Engine> engine;
    std::unique_ptr<lstrain::EvaluationRenderer> renderer;
    if (oracle) {
        renderer = lstrain::shapesWorldOracle();
    } else {
        auto opened = lscore::Engine::open(modelPath);
        // The evaluator's classifier reads Shapes World; a CLIP-conditioned model draws another world.
        const bool clipModel = opened ? (*opened)->description().conditioning.clip
                                      : opened.error().find(lscore::kNeedsClipTextEncoder) != std::string::npos;
        if (clipModel) {
            std::fprintf(stderr, "latent-studio-lab evaluate: %s is a CLIP-conditioned (LAFITE) model; the evaluator scores "
                                 "Shapes World text models only\n", modelPath.c_str());
            return 2;
        }
        if (!opened) { std::fprintf(stderr, "latent-studio-lab evaluate: %s\n", opened.error().c_str()); return 2; }
        engine = std::move(*opened);
        if (engine->description().conditioning.type != lscore::ConditioningType::Text) {
            std::fprintf(stderr, "latent-studio-lab evaluate: %s is not a text-to-image model; the evaluator needs a "
                                 "Shapes World text model\n", modelPath.c_str());
            return 2;
        }
        renderer = lstrain::engineRenderer(*engine);
    }
    lstrain::EvaluationOptions options;
    options.samples = static_cast<int>(samples);
    options.seed = static_cast<std::uint64_t>(seed.value_or(1));
    options.progress = [](const std::string& stage) { std::fprintf(stderr, "evaluate: %s\n", stage.c_str()); };
    const auto start = std::chrono::steady_clock::now();
    auto report = lstrain::evaluateModel(*renderer, **classifier, options);
    if (!report) { std::fprintf(stderr, "latent-studio-lab evaluate: %s\n", report.error().c_str()); return 1; }
    (*report)["model"] = oracle ? std::string("Shapes World oracle") : modelPath;
    // The file name only: a report is shared and committed, and an absolute path names one machine.
    (*report)["classifier"] = std::filesystem::path(classifierPath).filename().string();
    (*report)["seconds"] = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("%s\n", report->dump(2).c_str());
    return 0;
}
