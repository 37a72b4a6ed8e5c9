// latent-studio-lab evaluate: score a Shapes World model, or train the attribute classifier.
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>

#include <torch/torch.h>

#include "commands.h"
#include "parse_number.h"
#include "lscore/engine.h"
#include "lstrain/evaluator.h"

namespace {

void printUsage(std::FILE* out)
{
    std::fprintf(out,
        "Usage: latent-studio-lab evaluate --model FILE [--samples N] [--classifier FILE] [--seed S]\n"
        "                                  [--oracle] [--threads T]\n"
        "       latent-studio-lab evaluate --train-classifier OUT.safetensors [--steps N] [--seed S] [--threads T]\n"
        "\n"
        "Prints a JSON report: caption accuracy per stated attribute (seen and held-out combinations),\n"
        "Frechet distance in the classifier's feature space beside the real-vs-real floor, diversity of\n"
        "unstated attributes, style-mixing, prompt-mixing and prompt-interpolation scores.\n"
        "  --oracle        score Shapes World itself instead of a model (the ceiling; no --model needed)\n"
        "  --classifier    default: %s ($LATENT_STUDIO_CLASSIFIER overrides)\n"
        "  --samples N     captions per split and FD sample size (default 128)\n"
        "  --seed S        evaluation: captions and seeds (default 1); --train-classifier: its Shapes World\n"
        "                  scenes and initial weights (default: the evaluator's own classifier's seed; give\n"
        "                  another for an independent network)\n",
        "the installed models/shapes-classifier.safetensors");
}

bool parseInt(const char* text, long long& out)
{
    const auto parsed = cli::parseNumber<long long>(text);
    if (parsed) out = *parsed;
    return parsed.has_value();
}

} // namespace

int lab::evaluate(int argc, char** argv)
{
    std::string modelPath, classifierPath, trainOut;
    long long samples = 128, seed = 1, steps = 2000, threads = 0;
    bool oracle = false, seedGiven = false;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        auto next = [&](const char* what) -> const char* {
            if (i + 1 >= argc) {
                std::fprintf(stderr, "latent-studio-lab evaluate: %s needs a value\n", what);
                return nullptr;
            }
            return argv[++i];
        };
        auto number = [&](const char* what, long long& out) {
            const char* v = next(what);
            if (!v || !parseInt(v, out)) {
                std::fprintf(stderr, "latent-studio-lab evaluate: %s needs a whole number\n", what);
                return false;
            }
            return true;
        };
        if (arg == "--help" || arg == "-h") { printUsage(stdout); return 0; }
        if (arg == "--model") { const char* v = next("--model"); if (!v) return 2; modelPath = v; }
        else if (arg == "--classifier") { const char* v = next("--classifier"); if (!v) return 2; classifierPath = v; }
        else if (arg == "--train-classifier") { const char* v = next("--train-classifier"); if (!v) return 2; trainOut = v; }
        else if (arg == "--samples") { if (!number("--samples", samples)) return 2; }
        else if (arg == "--seed") { if (!number("--seed", seed)) return 2; seedGiven = true; }
        else if (arg == "--steps") { if (!number("--steps", steps)) return 2; }
        else if (arg == "--threads") { if (!number("--threads", threads)) return 2; }
        else if (arg == "--oracle") { oracle = true; }
        else {
            std::fprintf(stderr, "latent-studio-lab evaluate: unknown option '%s'\n\n", arg.c_str());
            printUsage(stderr);
            return 2;
        }
    }
    if (threads > 0) torch::set_num_threads(static_cast<int>(threads));

    if (!trainOut.empty()) {
        if (steps < 1 || steps > 10000000) { std::fprintf(stderr, "latent-studio-lab evaluate: --steps must be positive\n"); return 2; }
        lstrain::ClassifierTrainOptions options;
        options.steps = static_cast<int>(steps);
        if (seedGiven) options.seed = static_cast<std::uint64_t>(seed);
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

    if (modelPath.empty() && !oracle) {
        std::fprintf(stderr, "latent-studio-lab evaluate: --model FILE (or --oracle) is required\n\n");
        printUsage(stderr);
        return 2;
    }
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
    options.seed = static_cast<std::uint64_t>(seed);
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
