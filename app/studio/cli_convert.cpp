// latent-studio convert IN OUT.safetensors [--force] [--dtype f32|f16] [--classes FILE]
//
// Turns an NVlabs StyleGAN2 / StyleGAN2-ADA / StyleGAN3 snapshot (.pkl) into the project's model
// file: G_ema's tensors plus a "description" (layers, conditioning, provenance, license) and the
// NVlabs "init_kwargs"; or a BigGAN-deep folder (pytorch_model.bin + config.json): the port's
// tensors plus a description whose generator settings are its config.json.
// The snapshot is read by the code-free reader; nothing from it is executed. Headless: no Qt app.
#include <cstdio>
#include <cstring>
#include <exception>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <torch/torch.h>
#include <nlohmann/json.hpp>

#include "cli.h"
#include "command_line.h"
#include "lscore/biggan.h"
#include "lscore/biggan_folder.h"
#include "lscore/model_description.h"
#include "lscore/safetensors.h"
#include "lscore/sha256.h"
#include "lscore/snapshot_pickle.h"
#include "lscore/stylegan2.h"
#include "lscore/stylegan3.h"

namespace {

constexpr const char* kSource = "NVlabs StyleGAN2-ADA snapshot";
constexpr const char* kLafiteSource = "LAFITE training snapshot (github.com/drboog/Lafite)";
constexpr const char* kLicense =
    "NVIDIA Source Code License for StyleGAN2-ADA — non-commercial use only (check the snapshot's own license)";
constexpr const char* kStyleGan3Source = "NVlabs StyleGAN3 snapshot";
constexpr const char* kBigGanSource = "BigGAN-deep (PyTorch port of DeepMind's TF-Hub modules)";

constexpr const char* kStyleGan3License =
    "NVIDIA Source Code License for StyleGAN3 — non-commercial use only (check the snapshot's own license)";

} // namespace

int cli::convert(int argc, char** argv)
{
    std::string input, output, classesFile, dtypeName = "f32";
    bool force = false;
    CommandLine line("latent-studio convert",
        "Converts an NVlabs StyleGAN2 / StyleGAN2-ADA / StyleGAN3 or a LAFITE snapshot (.pkl) into a Latent Studio\n"
        "model (.safetensors) without running any code from the snapshot. A LAFITE model still reads its\n"
        "prompts through a CLIP text encoder kept beside it (see 'latent-studio render --help').\n");
    line.positional("IN.pkl", input, "the snapshot").required();
    line.positional("OUT.safetensors", output, "the model file to write").required();
    line.flag("--force", force, "overwrite OUT if it exists");
    line.choice("--dtype", dtypeName, {"f32", "f16"}, "how tensors are stored (default f32; f16 halves the file)");
    line.text("--classes", classesFile, "FILE",
              "class names for a class-conditional model, one per line (.txt) or a JSON\n"
              "list (.json); default: IN's '<stem>.classes.txt' or '.classes.json' if present");
    line.footer("Exit status: 0 converted, 1 writing failed, 2 bad usage or unreadable snapshot,\n"
                "             3 OUT exists (use --force).");
    if (auto status = line.parse(argc, argv)) return *status;
    lscore::SafetensorsWriteOptions writeOptions;
    writeOptions.dtype = dtypeName == "f16" ? lscore::StoredDtype::F16 : lscore::StoredDtype::F32;

    std::error_code ec;
    if (std::filesystem::exists(output, ec) && !force) {
        std::fprintf(stderr, "latent-studio convert: %s exists; use --force to overwrite it\n", output.c_str());
        return 3;
    }

    try {
        std::map<std::string, torch::Tensor> tensors;
        std::map<std::string, std::string> metadata;
        lscore::Result<lscore::ModelDescription> description = lscore::makeError("no description");
        std::string source, hashedFile = input;
        bool lafite = false;
        if (const auto folder = lscore::findBigGanFolder(input)) {
            // A BigGAN-deep folder: the port's state dict and config.json, under the port's names.
            auto model = lscore::readBigGanFolder(*folder);
            if (!model) {
                std::fprintf(stderr, "latent-studio convert: %s\n", model.error().c_str());
                return 2;
            }
            if (auto finite = lscore::checkTensorsFinite(model->tensors, input); !finite) {
                std::fprintf(stderr, "latent-studio convert: %s\n", finite.error().c_str());
                return 2;
            }
            torch::NoGradGuard noGrad;
            lscore::BigGanGenerator generator(model->config);
            if (const lscore::Status fits = lscore::loadBigGanWeights(generator, model->tensors); !fits) {
                std::fprintf(stderr, "latent-studio convert: %s: the weights do not fit the BigGAN-deep of its config.json: %s\n",
                             input.c_str(), fits.error().c_str());
                return 2;
            }
            source = kBigGanSource;
            description = lscore::describeBigGan(model->config, source, model->classNames);
            description->license = lscore::kBigGanLicenseNote;
            tensors = std::move(model->tensors);
            hashedFile = folder->weightsPath;
            // The folder's two files, each by its own hash (the studio's model hash of a folder
            // covers both at once; the converted file has a hash of its own).
            auto configHash = lscore::sha256OfFile(folder->configPath);
            if (!configHash) {
                std::fprintf(stderr, "latent-studio convert: %s\n", configHash.error().c_str());
                return 2;
            }
            description->provenance["converted_from_config_sha256"] = *configHash;
        } else {
            auto snapshot = lscore::readNvlabsSnapshot(input);
            if (!snapshot) {
                std::fprintf(stderr, "latent-studio convert: %s\n", snapshot.error().c_str());
                return 2;
            }
            // A NaN or infinite weight would render black frames in every program that opens the result.
            if (auto finite = lscore::checkTensorsFinite(snapshot->tensors, input); !finite) {
                std::fprintf(stderr, "latent-studio convert: %s\n", finite.error().c_str());
                return 2;
            }
            // The written model must open in the studio: build the generator and load every tensor.
            const bool styleGan3 = snapshot->moduleName == "training.networks_stylegan3";
            std::string fitProblem;
            {
                torch::NoGradGuard noGrad;
                if (styleGan3) {
                    auto config = lscore::StyleGan3Config::fromJson(snapshot->initKwargs);
                    if (!config) {
                        std::fprintf(stderr, "latent-studio convert: %s: %s\n", input.c_str(), config.error().c_str());
                        return 2;
                    }
                    description = lscore::describeNvlabsStyleGan3(snapshot->initKwargs, lscore::styleGan3LayerTable(*config), kStyleGan3Source,
                                                                 kStyleGan3License);
                    lscore::StyleGan3Generator generator(*config);
                    if (auto loaded = lscore::loadTensors(*generator, snapshot->tensors); !loaded) fitProblem = "StyleGAN3 generator: " + loaded.error();
                } else {
                    auto config = lscore::StyleGan2Config::fromJson(snapshot->initKwargs);
                    if (!config) {
                        std::fprintf(stderr, "latent-studio convert: %s: %s\n", input.c_str(), config.error().c_str());
                        return 2;
                    }
                    lafite = config->text_input == lscore::StyleGan2Config::TextInput::Lafite;
                    description = lscore::describeNvlabs(snapshot->initKwargs, lafite ? kLafiteSource : kSource,
                                                         lafite ? lscore::kLafiteLicenseNote : kLicense);
                    lscore::Generator generator(*config);
                    if (auto loaded = lscore::loadTensors(*generator, snapshot->tensors); !loaded) fitProblem = "StyleGAN2 generator: " + loaded.error();
                }
            }
            source = lafite ? kLafiteSource : styleGan3 ? kStyleGan3Source : kSource;
            if (!fitProblem.empty()) {
                std::fprintf(stderr, "latent-studio convert: %s: the snapshot's G_ema does not fit a %s\n", input.c_str(), fitProblem.c_str());
                return 2;
            }
            metadata["init_kwargs"] = snapshot->initKwargs.dump();
            tensors = std::move(snapshot->tensors);
        }
        if (!description) {
            std::fprintf(stderr, "latent-studio convert: %s: %s\n", input.c_str(), description.error().c_str());
            return 2;
        }

        auto hash = lscore::sha256OfFile(hashedFile);
        if (!hash) {
            std::fprintf(stderr, "latent-studio convert: %s\n", hash.error().c_str());
            return 2;
        }
        description->provenance["source"] = source;
        description->provenance["converted_from"] = std::filesystem::path(input).filename().string();
        description->provenance["converted_from_sha256"] = *hash;

        const std::vector<std::string> classNames =
            classesFile.empty() ? lscore::readClassNamesBeside(input) : lscore::readClassNames(classesFile);
        auto& conditioning = description->conditioning;
        if (!classesFile.empty() && classNames.empty()) {
            std::fprintf(stderr, "latent-studio convert: %s holds no class names (one per line, or a JSON list)\n",
                         classesFile.c_str());
            return 2;
        }
        if (!classNames.empty()) {
            if (conditioning.type != lscore::ConditioningType::Class) {
                std::fprintf(stderr, "latent-studio convert: warning: class names given, but the model is not class-conditional; ignoring them\n");
            } else if (static_cast<int>(classNames.size()) != conditioning.classCount) {
                std::fprintf(stderr, "latent-studio convert: %zu class names for %d classes; give one name per class\n",
                             classNames.size(), conditioning.classCount);
                return 2;
            } else {
                conditioning.classNames = classNames;
            }
        }

        metadata["description"] = description->toJson().dump();
        const lscore::Status written = lscore::writeSafetensors(output, tensors, metadata, writeOptions);
        if (!written) {
            std::fprintf(stderr, "latent-studio convert: %s\n", written.error().c_str());
            return 1;
        }
        const std::string kind =
            lafite ? "text-conditional (LAFITE: CLIP features of size " + std::to_string(conditioning.clipFeatureDim) + ")"
            : conditioning.type == lscore::ConditioningType::Class
                ? "class-conditional (" + std::to_string(conditioning.classCount) + " classes)"
                : std::string("unconditional");
        std::printf("%s: %zu tensors, %d px, %s, written to %s\n", input.c_str(), tensors.size(),
                    description->resolution, kind.c_str(), output.c_str());
        return 0;
    } catch (const c10::Error& error) {
        std::fprintf(stderr, "latent-studio convert: %s\n", error.what_without_backtrace());
        return 1;
    } catch (const std::exception& error) {
        std::fprintf(stderr, "latent-studio convert: %s\n", error.what());
        return 1;
    }
}
