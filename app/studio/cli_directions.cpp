// latent-studio directions: SeFa or GANSpace directions of a model, written as a directions file
// (lscore/directions.h) that the studio's Directions panel opens.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

#include "cli.h"
#include "cli_common.h"
#include "lscore/directions.h"
#include "lscore/engine.h"

int cli::directions(int argc, char** argv)
{
    std::string model, textEncoder, method = "sefa", layers = ":", outPath, prompt;
    int count = 10, samples = 10000, classIndex = 0, threads = 0;
    bool force = false;
    CommandLine line("latent-studio directions",
        "Finds directions in a StyleGAN-family model's W and writes them as unit vectors with their\n"
        "spread (sigma) and score: SeFa's eigenvalues (closed form from the style affine weights of the\n"
        "chosen layers, under a second) or GANSpace's explained variance (PCA of N mapped w). The file\n"
        "names the model by SHA-256; open it in the studio's Directions panel, where amounts are in sigma.\n");
    line.text("--model", model, "FILE", "the model (default: the default model)");
    line.text("--text-encoder", textEncoder, "FILE", "the CLIP text tower of a LAFITE model (default: found beside it)");
    line.choice("--method", method, {"sefa", "ganspace"}, "sefa (closed form) or ganspace (PCA of mapped w)");
    line.text("--layers", layers, "A:B", "the w indices to factorise and to move, B excluded (default: all; \"4:\" from 4 on)");
    line.number("--count", count, "K", "how many directions, largest first", 1, lscore::kMaxDirectionCount);
    line.number("--samples", samples, "N", "GANSpace: mapped w to analyse", 2, lscore::kMaxGanSpaceSamples);
    line.text("--prompt", prompt, "TEXT", "text-conditioned models: the prompt the mapping is conditioned on");
    line.number("--class", classIndex, "N", "class-conditional models: the class the mapping is conditioned on", 0, 1 << 20);
    line.number("--threads", threads, "N", "CPU threads (default: libtorch's)", 0, 256);
    line.text("--out", outPath, "FILE.json", "where to write the directions").required();
    line.flag("--force", force, "replace an existing output file");
    line.footer("Exit status: 0 success, 1 the search failed, 2 bad usage or the model cannot be opened,\n"
                "             3 the output exists (use --force).");
    if (auto status = line.parse(argc, argv)) return *status;

    std::error_code fsError;
    if (std::filesystem::exists(outPath, fsError) && !force) {
        std::fprintf(stderr, "latent-studio directions: %s already exists; use --force to replace it.\n", outPath.c_str());
        return 3;
    }
    std::string why;
    model = resolveModel(model, {}, {}, &why);
    if (model.empty()) {
        std::fprintf(stderr, "latent-studio directions: %s\n", why.c_str());
        return 2;
    }
    lscore::EngineOptions options;
    options.textEncoderPath = textEncoder;
    options.threads = threads;
    auto engine = lscore::Engine::open(model, options);
    if (!engine) {
        std::fprintf(stderr, "latent-studio directions: cannot open %s: %s\n", model.c_str(), engine.error().c_str());
        return 2;
    }
    auto range = lscore::parseLayerRange(layers, (*engine)->description().numWs);
    if (!range) return line.usageError("--layers: " + range.error());

    lscore::DirectionSearch search;
    search.method = *lscore::parseDirectionMethod(method);
    std::tie(search.firstLayer, search.endLayer) = *range;
    search.count = count;
    search.samples = samples;
    search.condition.promptA = prompt;
    search.condition.promptB = prompt;
    search.condition.classA = search.condition.classB = classIndex;
    const auto started = std::chrono::steady_clock::now();
    auto found = (*engine)->findDirections(search);
    if (!found) {
        std::fprintf(stderr, "latent-studio directions: %s\n", found.error().c_str());
        return 1;
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (lscore::Status saved = lscore::saveDirections(*found, outPath); !saved) {
        std::fprintf(stderr, "latent-studio directions: cannot write %s: %s\n", outPath.c_str(), saved.error().c_str());
        return 1;
    }
    std::printf("%zu %s directions in %.2f s; wrote %s\n", found->directions.size(), method.c_str(), seconds, outPath.c_str());
    for (const auto& direction : found->directions)
        std::printf("  %-12s sigma %.4f  %s %.4g\n", direction.edit.name.c_str(), direction.edit.sigma,
                    search.method == lscore::DirectionMethod::Sefa ? "eigenvalue" : "explained variance", direction.score);
    return 0;
}
