#include "lscore/biggan_folder.h"

#include <algorithm>
#include <cctype>
#include <filesystem>

#include "lscore/atomic_file.h"
#include "lscore/default_model.h"
#include "lscore/json_input.h"
#include "lscore/snapshot_pickle.h"

namespace lscore {

namespace {

namespace fs = std::filesystem;

constexpr std::uint64_t kMaxConfigBytes = 1u << 20;
constexpr std::uint64_t kMaxWeightsBytes = std::uint64_t{16} << 30;

bool isFile(const fs::path& path)
{
    std::error_code error;
    return fs::is_regular_file(path, error);
}

} // namespace

std::optional<BigGanFolder> findBigGanFolder(const std::string& path)
{
    std::error_code error;
    const fs::path given(path);
    fs::path folder, weights;
    if (fs::is_directory(given, error)) {
        folder = given;
        weights = given / "pytorch_model.bin";
    } else if (isFile(given) && [&] {
                   std::string extension = given.extension().string();
                   std::transform(extension.begin(), extension.end(), extension.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
                   return extension == ".bin";
               }()) {
        folder = given.parent_path().empty() ? fs::path(".") : given.parent_path();
        weights = given;
    } else {
        return std::nullopt;
    }
    const fs::path config = folder / "config.json";
    if (!isFile(weights) || !isFile(config)) return std::nullopt;
    return BigGanFolder{folder.string(), weights.string(), config.string()};
}

std::string bigGanFolderProblem(const std::string& path)
{
    std::error_code error;
    const fs::path given(path);
    const fs::path folder = fs::is_directory(given, error) ? given : given.parent_path();
    if (fs::is_directory(given, error) && !isFile(given / "pytorch_model.bin"))
        return path + ": is a folder without a pytorch_model.bin; a model folder holds pytorch_model.bin and config.json "
                      "(BigGAN-deep, as downloaded), otherwise open the model file itself (.safetensors or .pkl)";
    if (!isFile(folder / "config.json"))
        return path + ": there is no config.json beside the weights; a BigGAN-deep folder holds pytorch_model.bin and the "
                      "config.json that came with it";
    return path + ": not a model folder (pytorch_model.bin + config.json)";
}

Result<BigGanModel> parseBigGanFolder(const BigGanFolder& folder, std::span<const std::byte> weights, const std::string& configText)
{
    auto json = parseUntrustedJson(configText, "config.json");
    if (!json) return makeError(folder.configPath + ": " + json.error());
    auto config = BigGanConfig::fromJson(*json);
    if (!config) return makeError(folder.configPath + ": " + config.error());
    auto tensors = readTorchStateDictFromBytes(weights, folder.weightsPath);
    if (!tensors) return Error{tensors.error()};
    if (!looksLikeBigGan(*tensors))
        return makeError(folder.weightsPath + ": these weights are not a BigGAN-deep generator's (no generator.gen_z.weight_orig); "
                         "config.json describes one, so the folder mixes files of two models");
    BigGanModel model;
    model.config = std::move(config).value();
    model.configText = configText;
    model.tensors = std::move(tensors).value();
    model.classNames = defaultClassNames(folder.folder, model.config.num_classes);
    return model;
}

Result<BigGanModel> readBigGanFolder(const BigGanFolder& folder)
{
    auto configBytes = readRegularFile(folder.configPath, kMaxConfigBytes, "config.json");
    if (!configBytes) return Error{configBytes.error()};
    auto weights = readRegularFile(folder.weightsPath, kMaxWeightsBytes, "the weights file");
    if (!weights) return Error{weights.error()};
    const std::span<const std::byte> view(reinterpret_cast<const std::byte*>(weights->data()), weights->size());
    return parseBigGanFolder(folder, view, std::string(configBytes->begin(), configBytes->end()));
}

std::string imagenetClassNamesPath()
{
    return findDataFile("models/imagenet/imagenet-classes.txt", "LATENT_STUDIO_IMAGENET_CLASSES");
}

std::vector<std::string> defaultClassNames(const std::string& folder, int classCount)
{
    for (const char* name : {"classes.txt", "classes.json"}) {
        const fs::path side = fs::path(folder) / name;
        if (!isFile(side)) continue;
        std::vector<std::string> names = readClassNames(side.string());
        if (static_cast<int>(names.size()) == classCount) return names;
    }
    if (classCount == 1000)
        if (const std::string shipped = imagenetClassNamesPath(); !shipped.empty()) {
            std::vector<std::string> names = readClassNames(shipped);
            if (names.size() == 1000) return names;
        }
    return {};
}

} // namespace lscore
