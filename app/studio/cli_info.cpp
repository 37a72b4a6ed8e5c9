// latent-studio info: a model's description, content hash and size as JSON on stdout.
#include <cstdio>
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "cli.h"
#include "lscore/model_folder.h"
#include "cli_common.h"
#include "lscore/engine.h"

int cli::info(int argc, char** argv)
{
    std::string model, textEncoder;
    CommandLine line("latent-studio info",
        "Prints the model's description (architecture, resolution, layers, conditioning, provenance,\n"
        "license), its SHA-256 content hash and its file size as JSON on stdout.\n");
    line.text("--model", model, "FILE", "the model (default: the default model)");
    line.text("--text-encoder", textEncoder, "FILE", "the CLIP text tower of a LAFITE model (default: found beside it)");
    line.footer("Exit status: 0 success, 2 bad usage or the model cannot be opened.");
    if (auto status = line.parse(argc, argv)) return *status;
    std::string why;
    model = resolveModel(model, {}, {}, &why);
    if (model.empty()) {
        std::fprintf(stderr, "latent-studio info: %s\n", why.c_str());
        return 2;
    }
    lscore::EngineOptions options;
    options.textEncoderPath = textEncoder;
    auto engine = lscore::Engine::open(model, options);
    if (!engine) {
        std::fprintf(stderr, "latent-studio info: cannot open %s: %s\n", model.c_str(), engine.error().c_str());
        return 2;
    }
    // A model folder (BigGAN-deep) is its two files.
    std::error_code error;
    std::uintmax_t size = 0;
    if (const auto folder = lscore::findBigGanFolder(model)) {
        size = std::filesystem::file_size(folder->weightsPath, error);
        if (!error) size += std::filesystem::file_size(folder->configPath, error);
    } else {
        size = std::filesystem::file_size(model, error);
    }
    nlohmann::json json = {
        {"path", model},
        {"sha256", (*engine)->modelHash()},
        {"file_size", error ? 0 : size},
        {"device", (*engine)->deviceName()},
        {"description", (*engine)->description().toJson()},
    };
    if (!(*engine)->textEncoderPath().empty())
        json["text_encoder"] = {{"path", (*engine)->textEncoderPath()}, {"sha256", (*engine)->textEncoderHash()}};
    std::printf("%s\n", json.dump(2).c_str());
    return 0;
}
