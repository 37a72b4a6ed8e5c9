// latent-studio-lab verify-reference FILE [--json] [--mode fused|nonfused|both] [--vocabulary FILE] [--io FILE]
//
// Rebuilds the generator a reference fixture describes (metadata "init_kwargs": StyleGAN2, StyleGAN3
// or LAFITE), loads its weights and reproduces every io.* output the official code stored next to
// them; or, for the CLIP fixtures (metadata kind "clip-tokenizer" / "clip-text"), tokenizes their prompts and
// runs their text tower. One line per output with its max abs error and tolerance; exit 0 iff every
// error <= 1e-4 · max(1, max|reference|) (token ids: equal).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <torch/torch.h>
#include <nlohmann/json.hpp>

#include "command_line.h"
#include "commands.h"
#include "lscore/biggan.h"
#include "lscore/biggan_folder.h"
#include "lscore/clip_text_encoder.h"
#include "lscore/clip_tokenizer.h"
#include "lscore/numpy_random.h"
#include "lscore/safetensors.h"
#include "lscore/snapshot_pickle.h"
#include "lscore/stylegan2.h"
#include "lscore/torch_device.h"
#include "lscore/stylegan3.h"

namespace lab {

// Every weight loader of the lab goes through here, so other formats (.pkl) plug in at one place.
// Returns the tensors by NVlabs name plus the file's string metadata.
//
// A .pkl is an NVlabs snapshot read by the code-free reader: its G_ema weights and _init_kwargs are
// used, and the io.* inputs and expected outputs (plus the other metadata, e.g. "crossover") come from
// its .safetensors twin beside it (same stem), so that a snapshot is verified against the reference.
//
// A BigGAN-deep folder (pytorch_model.bin + config.json, or the .bin) is read the same way: its
// weights by the code-free state-dict reader, its config.json as the "config" metadata, and the io.*
// tensors from `ioPath` (default: "<folder>.safetensors" beside it).
namespace {

// A model's weights joined with the io.* tensors and the metadata of the reference fixture at
// `twinPath`; `kind` says in the message what is verified against it.
lscore::Result<lscore::TensorFile> joinWithReference(const std::string& path, const std::string& twinPath, const char* kind,
                                                     std::map<std::string, torch::Tensor>&& weights)
{
    auto twin = lscore::readSafetensors(twinPath);
    if (!twin)
        return lscore::makeError(path + ": " + kind + " is verified against the io.* tensors of a reference fixture, and " + twinPath
                                 + " could not be read: " + twin.error());
    lscore::TensorFile file;
    file.metadata = std::move(twin->metadata);
    for (auto& [name, tensor] : twin->tensors)
        if (name.rfind("io.", 0) == 0) file.tensors.emplace(name, std::move(tensor));
    for (auto& [name, tensor] : weights) {
        file.tensors.emplace(name, std::move(tensor));
        file.storedDtypes.emplace(name, lscore::StoredDtype::F32);
    }
    return file;
}

} // namespace

lscore::Result<lscore::TensorFile> loadWeights(const std::string& path, const std::string& ioPath)
{
    if (const auto folder = lscore::findBigGanFolder(path)) {
        auto model = lscore::readBigGanFolder(*folder);
        if (!model) return lscore::makeError(model.error());
        std::string twinPath = ioPath;
        if (twinPath.empty()) {
            std::string stem = folder->folder;
            while (stem.size() > 1 && stem.back() == '/') stem.pop_back();
            twinPath = stem + ".safetensors";
        }
        auto file = joinWithReference(path, twinPath, "a model folder (--io FILE)", std::move(model->tensors));
        if (!file) return file;
        file->metadata["generator"] = "biggan-deep";
        file->metadata["config"] = model->configText;
        return file;
    }
    const bool isSnapshot = path.size() > 4 && path.compare(path.size() - 4, 4, ".pkl") == 0;
    if (!isSnapshot) return lscore::readSafetensors(path);

    auto snapshot = lscore::readNvlabsSnapshot(path);
    if (!snapshot) return lscore::makeError(snapshot.error());
    auto file = joinWithReference(path, path.substr(0, path.size() - 4) + ".safetensors", "a .pkl", std::move(snapshot->tensors));
    if (!file) return file;
    file->metadata["init_kwargs"] = snapshot->initKwargs.dump();
    return file;
}

} // namespace lab

namespace {

constexpr double kRelativeTolerance = 1e-4;

struct Check {
    std::string name;
    std::string mode;              // "fused", "nonfused" or "" for mapping outputs
    double maxAbsError = 0.0;
    double maxAbsReference = 0.0;
    double tolerance = 0.0;
    bool ok = false;
    std::string problem;           // set when the output could not be compared at all
};

struct UsageError {
    std::string message;
};

// "1" -> 1, "07" -> 0.7, "05" -> 0.5, "15" -> 1.5: the first digit is the integer part (NVlabs names).
std::optional<double> parsePsiDigits(const std::string& digits)
{
    if (digits.empty() || digits.size() > 6 ||
        !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return std::nullopt;
    }
    return std::stod(digits.substr(0, 1) + "." + (digits.size() > 1 ? digits.substr(1) : "0"));
}

// What an io.* name asks for.
struct OutputSpec {
    enum class Kind { Ws, WsMix, Synthesis, Full, MixSynthesis } kind = Kind::Ws;
    double psi = 1.0;
    int cutoff = -1;
    lscore::NoiseMode noise = lscore::NoiseMode::Const;
    std::string wsInput;    // Synthesis: the io.ws_* tensor it renders
};

std::optional<lscore::NoiseMode> parseNoise(const std::string& text)
{
    if (text == "const") return lscore::NoiseMode::Const;
    if (text == "none") return lscore::NoiseMode::None;
    return std::nullopt;   // "random" depends on NVlabs' torch RNG stream and cannot be reproduced
}

std::optional<OutputSpec> parseOutputName(const std::string& name)
{
    OutputSpec spec;
    if (name == "ws_mix") {
        spec.kind = OutputSpec::Kind::WsMix;
        return spec;
    }
    auto startsWith = [&](const char* prefix) { return name.rfind(prefix, 0) == 0; };
    if (startsWith("ws_psi")) {
        std::string rest = name.substr(6);
        const std::size_t cut = rest.find("_cutoff");
        if (cut != std::string::npos) {
            const std::string cutoff = rest.substr(cut + 7);
            if (cutoff.empty()) {
                spec.cutoff = 2;   // the fixture README's documented cutoff
            } else if (cutoff.size() <= 3 && std::all_of(cutoff.begin(), cutoff.end(), [](char ch) { return ch >= '0' && ch <= '9'; })) {
                spec.cutoff = std::stoi(cutoff);
            } else {
                return std::nullopt;
            }
            rest = rest.substr(0, cut);
        }
        auto psi = parsePsiDigits(rest);
        if (!psi) return std::nullopt;
        spec.psi = *psi;
        return spec;
    }
    auto parseImage = [&](std::size_t prefixLength, OutputSpec::Kind kind) -> std::optional<OutputSpec> {
        const std::string rest = name.substr(prefixLength);          // e.g. "07_const"
        const std::size_t underscore = rest.rfind('_');
        if (underscore == std::string::npos) return std::nullopt;
        auto noise = parseNoise(rest.substr(underscore + 1));
        if (!noise) return std::nullopt;
        spec.kind = kind;
        spec.noise = *noise;
        if (kind == OutputSpec::Kind::MixSynthesis) return rest.substr(0, underscore).empty() ? std::optional(spec) : std::nullopt;
        auto psi = parsePsiDigits(rest.substr(0, underscore));
        if (!psi) return std::nullopt;
        spec.psi = *psi;
        spec.wsInput = "io.ws_psi" + rest.substr(0, underscore);
        return spec;
    };
    if (startsWith("img_full_psi")) return parseImage(12, OutputSpec::Kind::Full);
    if (startsWith("img_psi")) return parseImage(7, OutputSpec::Kind::Synthesis);
    if (startsWith("img_mix_")) return parseImage(7, OutputSpec::Kind::MixSynthesis);
    return std::nullopt;
}

// Where the networks run (--device); the fixture's tensors are moved there after reading, and every
// output is brought back to the CPU to be compared.
torch::Device gDevice(torch::kCPU);

Check compare(const std::string& name, const std::string& mode, const torch::Tensor& actualOnDevice,
              const torch::Tensor& referenceOnDevice)
{
    const torch::Tensor actual = actualOnDevice.to(torch::kCPU);
    const torch::Tensor reference = referenceOnDevice.to(torch::kCPU);
    Check check;
    check.name = name;
    check.mode = mode;
    if (actual.sizes() != reference.sizes()) {
        std::string a, r;
        for (auto s : actual.sizes()) a += (a.empty() ? "" : ",") + std::to_string(s);
        for (auto s : reference.sizes()) r += (r.empty() ? "" : ",") + std::to_string(s);
        check.problem = "shape [" + a + "] differs from the reference [" + r + "]";
        return check;
    }
    check.maxAbsError = (actual.to(torch::kFloat64) - reference.to(torch::kFloat64)).abs().max().item<double>();
    check.maxAbsReference = reference.abs().max().item<double>();
    check.tolerance = kRelativeTolerance * std::max(1.0, check.maxAbsReference);
    check.ok = std::isfinite(check.maxAbsError) && check.maxAbsError <= check.tolerance;
    return check;
}

// An io.* name no rule here reproduces: reported as a failed check, never skipped.
Check unknownOutput(const std::string& name)
{
    Check check;
    check.name = name;
    check.problem = "unknown output name; this tool does not know how the reference produced it";
    return check;
}

const torch::Tensor& requireTensor(const std::map<std::string, torch::Tensor>& tensors, const std::string& name,
                                   const std::string& why)
{
    auto it = tensors.find(name);
    if (it == tensors.end()) throw UsageError{"the fixture has no '" + name + "' tensor, needed " + why};
    return it->second;
}

// LAFITE's own outputs (its text heads, styles, text mixing, slerp), or nullopt for the names shared
// with StyleGAN2. `fts`: io.fts, the unit CLIP features every layer reads.
std::optional<std::vector<Check>> lafiteChecks(const std::string& name, const torch::Tensor& reference, lscore::Generator& generator,
                                               const lscore::TensorFile& file, const std::vector<lscore::ModConvMode>& modes)
{
    const auto& tensors = file.tensors;
    const int numWs = generator->config.numWs();
    const torch::Tensor fts = requireTensor(tensors, "io.fts", "as the CLIP feature of LAFITE outputs");
    auto everyLayer = [&](const torch::Tensor& features) { return features.unsqueeze(1).expand({-1, numWs, -1}).contiguous(); };
    // A layer by its NVlabs name, "b8.conv0": its style head and the w index it reads.
    auto layer = [&](const std::string& layerName) -> lscore::LayerStyles& {
        const auto dot = layerName.find('.');
        const int resolution = std::atoi(layerName.c_str() + 1);
        for (auto& block : generator->synthesis->blocks) {
            if (block->resolution != resolution) continue;
            const std::string part = layerName.substr(dot + 1);
            if (part == "conv0" && block->conv0) return block->conv0->styles;
            if (part == "conv1") return block->conv1->styles;
            if (part == "torgb" && block->torgb) return block->torgb->styles;
        }
        throw UsageError{"io." + name + " names the layer '" + layerName + "', which this generator does not have"};
    };
    auto images = [&](const torch::Tensor& ws, const torch::Tensor& layerText, lscore::NoiseMode noise) {
        std::vector<Check> out;
        for (lscore::ModConvMode mode : modes) {
            lscore::SynthesisOptions options;
            options.noiseMode = noise;
            options.modConvMode = mode;
            out.push_back(compare(name, mode == lscore::ModConvMode::Fused ? "fused" : "nonfused",
                                  generator->synthesis->forward(ws, layerText, options), reference));
        }
        return out;
    };
    const torch::Tensor ws07 = tensors.count("io.ws_psi07") ? tensors.at("io.ws_psi07") : torch::Tensor();
    if (name == "fts_raw" || name == "textmix_fts_layers" || name == "textmix_fts_blocks") return std::vector<Check>{};   // inputs
    if (name == "fts") {
        const torch::Tensor raw = requireTensor(tensors, "io.fts_raw", "for io.fts");
        return std::vector<Check>{compare(name, "", raw / raw.norm(2, -1, true), reference)};
    }
    if (name == "fts_slerp05") {
        // sin((1-t)Ω)/sin Ω · A + sin(tΩ)/sin Ω · B in float64, Ω the angle between the unit features.
        const torch::Tensor a = fts[0].to(torch::kFloat64), b = fts[1].to(torch::kFloat64);
        const double omega = std::acos(std::clamp((a * b).sum().item<double>(), -1.0, 1.0));
        const double t = 0.5;
        const torch::Tensor slerp = (a * (std::sin((1 - t) * omega) / std::sin(omega)) + b * (std::sin(t * omega) / std::sin(omega)));
        return std::vector<Check>{compare(name, "", slerp.to(torch::kFloat32).unsqueeze(0), reference)};
    }
    if (name.rfind("dbg_pre1.", 0) == 0) {
        lscore::LayerStyles& styles = layer(name.substr(9));
        return std::vector<Check>{compare(name, "", styles.pre_1->forward(styles.pre_0->forward(fts)), reference)};
    }
    if (name.rfind("styles_psi07.", 0) == 0) {
        const auto layers = nlohmann::json::parse(file.metadata.count("layers") ? file.metadata.at("layers") : "[]", nullptr, false);
        const int k = std::atoi(name.c_str() + 13);
        if (!layers.is_array() || k < 0 || k >= static_cast<int>(layers.size()))
            throw UsageError{"io." + name + " needs the 'layers' metadata ([[name, ws index], ...])"};
        const std::string layerName = layers[static_cast<std::size_t>(k)][0].get<std::string>();
        const int wsIndex = layers[static_cast<std::size_t>(k)][1].get<int>();
        lscore::LayerStyles& styles = layer(layerName);
        torch::Tensor s = styles.forward(torch::cat({ws07.select(1, wsIndex), fts}, -1));
        if (layerName.find("torgb") != std::string::npos) s = s / std::sqrt(static_cast<double>(s.size(1)));   // ToRGB's weight gain
        return std::vector<Check>{compare(name, "", s, reference)};
    }
    if (name == "img_psi07_const_f64") return images(ws07, everyLayer(fts), lscore::NoiseMode::Const);
    if (name == "img_mix_const") return images(requireTensor(tensors, "io.ws_mix", "for io.img_mix_const"), everyLayer(fts.slice(0, 0, 1)),
                                               lscore::NoiseMode::Const);
    if (name == "img_slerp05_psi07_const")
        return images(ws07.slice(0, 0, 1), everyLayer(requireTensor(tensors, "io.fts_slerp05", "for " + name)), lscore::NoiseMode::Const);
    if (name == "img_textmix_wsidx_const")
        return images(ws07.slice(0, 0, 1), requireTensor(tensors, "io.textmix_fts_layers", "for " + name), lscore::NoiseMode::Const);
    if (name == "img_textmix_block_const") {
        // Text per block: each block's layers read that block's feature, even where two blocks share
        // a w index (b4.torgb and b8.conv0).
        const torch::Tensor blockText = requireTensor(tensors, "io.textmix_fts_blocks", "for " + name);
        std::vector<Check> out;
        for (lscore::ModConvMode mode : modes) {
            lscore::SynthesisOptions options;
            options.modConvMode = mode;
            torch::Tensor x, img;
            int wIndex = 0, blockIndex = 0;
            for (auto& block : generator->synthesis->blocks) {
                const int count = block->numConv() + block->numTorgb();
                const torch::Tensor ws = ws07.slice(0, 0, 1).narrow(1, wIndex, count);
                const torch::Tensor text = blockText.select(1, blockIndex++).unsqueeze(1).expand({-1, count, -1});
                std::tie(x, img) = block->forward(x, img, torch::cat({ws, text}, 2), options, nullptr);
                wIndex += block->numConv();
            }
            out.push_back(compare(name, mode == lscore::ModConvMode::Fused ? "fused" : "nonfused", img, reference));
        }
        return out;
    }
    return std::nullopt;
}

// The generator settings of an NVlabs reference fixture (its "init_kwargs" metadata).
nlohmann::json fixtureSettings(const lscore::TensorFile& file)
{
    auto kwargsText = file.metadata.find("init_kwargs");
    if (kwargsText == file.metadata.end()) throw UsageError{"the file has no 'init_kwargs' metadata; it is not an NVlabs reference fixture"};
    nlohmann::json kwargs = nlohmann::json::parse(kwargsText->second, nullptr, /*allow_exceptions=*/false);
    if (kwargs.is_discarded()) throw UsageError{"the 'init_kwargs' metadata is not valid JSON"};
    return kwargs;
}

// io.ws_mix: row 0 of the ws with the entries from the fixture's 'crossover' on taken from row 1.
torch::Tensor mixAtCrossover(const lscore::TensorFile& file, const torch::Tensor& ws)
{
    auto crossover = file.metadata.find("crossover");
    if (crossover == file.metadata.end()) throw UsageError{"io.ws_mix needs the 'crossover' metadata"};
    int layer = 0;
    try {
        layer = std::stoi(crossover->second);
    } catch (const std::exception&) {
        throw UsageError{"the 'crossover' metadata '" + crossover->second + "' is not a number"};
    }
    const auto numWs = static_cast<int>(ws.size(1));
    if (layer < 0 || layer > numWs) throw UsageError{"crossover " + std::to_string(layer) + " is outside [0, num_ws]"};
    return torch::cat({ws.narrow(0, 0, 1).narrow(1, 0, layer), ws.narrow(0, 1, 1).narrow(1, layer, numWs - layer)}, 1);
}

// The generator a fixture describes (StyleGAN2 family or StyleGAN3), its weights loaded, and the
// mapping's inputs io.z and io.c (c undefined for an unconditional model).
template <typename Config, typename Network>
struct LoadedFixture {
    Config config;
    Network generator{nullptr};
    torch::Tensor z, c;
};

template <typename Config, typename Network>
LoadedFixture<Config, Network> loadFixture(const lscore::TensorFile& file)
{
    auto config = Config::fromJson(fixtureSettings(file));
    if (!config) throw UsageError{config.error()};
    LoadedFixture<Config, Network> loaded{*config, Network(*config), {}, {}};
    if (lscore::Status status = lscore::loadTensors(*loaded.generator, file.tensors); !status) throw UsageError{status.error()};
    loaded.generator->to(gDevice);
    loaded.generator->eval();
    loaded.z = requireTensor(file.tensors, "io.z", "as the mapping input");
    if (loaded.config.c_dim > 0) loaded.c = requireTensor(file.tensors, "io.c", "as the conditioning input");
    return loaded;
}

std::vector<Check> runChecks(const lscore::TensorFile& file, const std::vector<lscore::ModConvMode>& modes)
{
    auto fixture = loadFixture<lscore::StyleGan2Config, lscore::Generator>(file);
    const lscore::StyleGan2Config* config = &fixture.config;
    lscore::Generator& generator = fixture.generator;
    const torch::Tensor& z = fixture.z;
    const torch::Tensor& c = fixture.c;
    const auto& tensors = file.tensors;
    // LAFITE: the mapping sees no text; the synthesis layers (and G's forward) read io.fts.
    const bool lafite = config->text_input == lscore::StyleGan2Config::TextInput::Lafite;
    torch::Tensor layerText;
    if (lafite) {
        const torch::Tensor& fts = requireTensor(tensors, "io.fts", "as the CLIP feature");
        layerText = fts.unsqueeze(1).expand({-1, config->numWs(), -1}).contiguous();
    }

    c10::InferenceMode inference;
    std::vector<Check> checks;
    for (const auto& [fullName, reference] : tensors) {
        if (fullName.rfind("io.", 0) != 0 || fullName == "io.z" || fullName == "io.c") continue;
        const std::string name = fullName.substr(3);
        if (lafite) {
            if (auto own = lafiteChecks(name, reference, generator, file, modes)) {
                checks.insert(checks.end(), own->begin(), own->end());
                continue;
            }
        }
        auto spec = parseOutputName(name);
        if (!spec) {
            checks.push_back(unknownOutput(name));
            continue;
        }
        switch (spec->kind) {
        case OutputSpec::Kind::Ws:
            checks.push_back(compare(name, "", generator->mapping->forward(z, c, spec->psi, spec->cutoff), reference));
            break;
        case OutputSpec::Kind::WsMix:
            checks.push_back(compare(name, "", mixAtCrossover(file, generator->mapping->forward(z, c, 1.0, -1)), reference));
            break;
        case OutputSpec::Kind::Synthesis:
        case OutputSpec::Kind::MixSynthesis:
        case OutputSpec::Kind::Full:
            for (lscore::ModConvMode mode : modes) {
                lscore::SynthesisOptions options;
                options.noiseMode = spec->noise;
                options.modConvMode = mode;
                const std::string modeName = mode == lscore::ModConvMode::Fused ? "fused" : "nonfused";
                torch::Tensor image;
                if (spec->kind == OutputSpec::Kind::Full) {
                    image = generator->forward(z, lafite ? tensors.at("io.fts") : c, spec->psi, -1, options);
                } else {
                    // Synthesis alone, from the reference's own ws, so its error is not mixed with mapping's.
                    const std::string input = spec->kind == OutputSpec::Kind::MixSynthesis ? "io.ws_mix" : spec->wsInput;
                    image = generator->synthesis->forward(requireTensor(tensors, input, "as the input of io." + name),
                                                          layerText, options);
                }
                checks.push_back(compare(name, modeName, image, reference));
            }
            break;
        }
    }
    return checks;
}

// A row-major 3×3 matrix as a float32 tensor.
torch::Tensor matrixTensor(const std::array<double, 9>& m)
{
    return torch::tensor(std::vector<double>(m.begin(), m.end()), torch::kFloat64).reshape({3, 3}).to(torch::kFloat32);
}

// A number in a metadata entry: the entry itself, or the element `pointer` ("/0") of its JSON.
double metadataNumber(const lscore::TensorFile& file, const std::string& key, const std::string& pointer = "")
{
    const nlohmann::json::json_pointer at(pointer);
    const auto it = file.metadata.find(key);
    if (it == file.metadata.end()) throw UsageError{"the fixture has no '" + key + "' metadata"};
    const nlohmann::json value = nlohmann::json::parse(it->second, nullptr, false);
    if (value.is_discarded() || !value.contains(at) || !value.at(at).is_number())
        throw UsageError{"the '" + key + "' metadata is not the number or list of numbers expected"};
    return value.at(at).get<double>();
}

// The StyleGAN3 fixtures: mapping, synthesis, the whole generator, the Fourier input and first layer,
// style mixing, and the user transform (both the matrices and the image rendered through it).
std::vector<Check> runStyleGan3Checks(const lscore::TensorFile& file)
{
    auto fixture = loadFixture<lscore::StyleGan3Config, lscore::StyleGan3Generator>(file);
    lscore::StyleGan3Generator& generator = fixture.generator;
    const torch::Tensor& z = fixture.z;
    const torch::Tensor& c = fixture.c;
    const auto& tensors = file.tensors;
    c10::InferenceMode inference;
    auto& synthesis = generator->synthesis;
    // The translation and rotation the fixture's transform tensors were made from.
    const auto fixtureTransform = [&file] {
        return lscore::StyleGan3Transform{metadataNumber(file, "transform_translate", "/0"), metadataNumber(file, "transform_translate", "/1"),
                                          metadataNumber(file, "transform_rotate_deg")};
    };
    std::vector<Check> checks;
    for (const auto& [fullName, reference] : tensors) {
        if (fullName.rfind("io.", 0) != 0 || fullName == "io.z" || fullName == "io.c") continue;
        const std::string name = fullName.substr(3);
        if (name == "x_input_psi07") {
            const torch::Tensor ws = requireTensor(tensors, "io.ws_psi07", "for io." + name);
            checks.push_back(compare(name, "", synthesis->input->forward(ws.slice(0, 0, 1).select(1, 0)), reference));
        } else if (name == "x_layer0_psi07") {
            // The first layer alone, from the reference's own Fourier features.
            const torch::Tensor ws = requireTensor(tensors, "io.ws_psi07", "for io." + name);
            const torch::Tensor x = requireTensor(tensors, "io.x_input_psi07", "as the input of io." + name);
            checks.push_back(compare(name, "", synthesis->layers.front()->forward(x, ws.slice(0, 0, 1).select(1, 1)), reference));
        } else if (name == "transform_forward" || name == "transform") {
            const lscore::StyleGan3Transform transform = fixtureTransform();
            checks.push_back(compare(name, "", matrixTensor(name == "transform" ? transform.inverseMatrix() : transform.forwardMatrix()),
                                     reference));
        } else if (name == "img_transformed_const") {
            const torch::Tensor ws = requireTensor(tensors, "io.ws_psi07", "for io." + name);
            const torch::Tensor inverse = requireTensor(tensors, "io.transform", "for io." + name).to(torch::kCPU, torch::kFloat64).contiguous();
            std::array<double, 9> matrix{};
            std::copy_n(inverse.data_ptr<double>(), 9, matrix.begin());
            synthesis->input->setUserTransform(matrix);
            checks.push_back(compare(name, "", synthesis->forward(ws), reference));
            // The same through this project's own transform matrix, as the studio builds it.
            synthesis->input->setUserTransform(fixtureTransform().inverseMatrix());
            checks.push_back(compare(name, "own transform", synthesis->forward(ws), reference));
            synthesis->input->setUserTransform(lscore::StyleGan3Transform{}.inverseMatrix());
        } else if (name == "ws_mix") {
            checks.push_back(compare(name, "", mixAtCrossover(file, generator->mapping->forward(z, c, 1.0, -1)), reference));
        } else if (auto spec = parseOutputName(name)) {
            // StyleGAN3 has no noise inputs: every noise mode renders the same image.
            switch (spec->kind) {
            case OutputSpec::Kind::Ws: checks.push_back(compare(name, "", generator->mapping->forward(z, c, spec->psi, spec->cutoff), reference)); break;
            case OutputSpec::Kind::Full: checks.push_back(compare(name, "", generator->forward(z, c, spec->psi, -1), reference)); break;
            case OutputSpec::Kind::Synthesis:
            case OutputSpec::Kind::MixSynthesis: {
                const std::string input = spec->kind == OutputSpec::Kind::MixSynthesis ? "io.ws_mix" : spec->wsInput;
                checks.push_back(compare(name, "", synthesis->forward(requireTensor(tensors, input, "as the input of io." + name)), reference));
                break;
            }
            case OutputSpec::Kind::WsMix: break;   // handled above, by name
            }
        } else {
            checks.push_back(unknownOutput(name));
        }
    }
    return checks;
}

// The BigGAN-deep fixtures: the truncated-normal noise of the seed, the conditioning vector, gen_z,
// the first block, and the images at each truncation (one-hot, mixed and interpolated inputs).
std::vector<Check> runBigGanChecks(const lscore::TensorFile& file)
{
    const auto configText = file.metadata.find("config");
    if (configText == file.metadata.end()) throw UsageError{"the fixture has no 'config' metadata (the config.json text)"};
    const nlohmann::json json = nlohmann::json::parse(configText->second, nullptr, false);
    auto config = lscore::BigGanConfig::fromJson(json);
    if (!config) throw UsageError{config.error()};
    lscore::BigGanGenerator generator(*config);
    if (auto loaded = lscore::loadBigGanWeights(generator, file.tensors); !loaded) throw UsageError{loaded.error()};
    generator->to(gDevice);
    generator->eval();
    c10::InferenceMode inference;
    const auto& tensors = file.tensors;
    const int sites = config->numSites();
    const auto everySite = [sites](const torch::Tensor& cond) { return cond.unsqueeze(1).expand({-1, sites, -1}).contiguous(); };
    const torch::Tensor onehot = requireTensor(tensors, "io.class_onehot", "as the class input");
    const auto noiseAt = [&](const std::string& digits) {
        return requireTensor(tensors, "io.noise_t" + digits, "as the noise of truncation " + digits);
    };
    std::vector<Check> checks;
    for (const auto& [fullName, reference] : tensors) {
        if (fullName.rfind("io.", 0) != 0) continue;
        const std::string name = fullName.substr(3);
        if (name == "class_onehot" || name == "class_mix" || name == "class_interp" || name == "noise_interp") continue;   // inputs
        if (name.rfind("noise_t", 0) == 0) {
            // truncated_noise_sample(truncation=T, batch_size=B, seed) from this project's own sampler.
            const auto truncation = parsePsiDigits(name.substr(7));
            const auto seed = file.metadata.find("noise_seed");
            if (!truncation || seed == file.metadata.end()) throw UsageError{"io." + name + " needs a truncation in its name and 'noise_seed' metadata"};
            lscore::NumpyRandomState rng(static_cast<std::uint32_t>(std::stoul(seed->second)));
            const std::vector<double> draws = rng.truncatedNormal(static_cast<int>(reference.numel()));
            const torch::Tensor noise = torch::tensor(std::vector<float>(draws.begin(), draws.end())).view(reference.sizes())
                                        * static_cast<float>(*truncation);
            checks.push_back(compare(name, "", noise, reference));
        } else if (name == "cond_vector_t04") {
            checks.push_back(compare(name, "", generator->conditionVector(noiseAt("04"), onehot), reference));
        } else if (name == "gen_z_t04") {
            checks.push_back(compare(name, "", generator->generator->initial(generator->conditionVector(noiseAt("04"), onehot)), reference));
        } else if (name == "block0_t04") {
            // The first block alone, from the reference's own gen_z output.
            const torch::Tensor x = requireTensor(tensors, "io.gen_z_t04", "as the input of io." + name);
            checks.push_back(compare(name, "", generator->generator->blocks.front()->forward(x, generator->conditionVector(noiseAt("04"), onehot),
                                                                                             lscore::bigGanStatsRow(0.4, config->n_stats)),
                                     reference));
        } else if (name == "img_interp_t04") {
            const torch::Tensor cond = generator->conditionVector(requireTensor(tensors, "io.noise_interp", "for io." + name),
                                                                  requireTensor(tensors, "io.class_interp", "for io." + name));
            checks.push_back(compare(name, "", generator->forward(everySite(cond), 0.4), reference));
        } else if (name.rfind("img_t", 0) == 0 && name.find('_', 5) != std::string::npos) {
            // img_t<digits>_<onehot|mix>
            const std::string digits = name.substr(5, name.find('_', 5) - 5);
            const std::string classes = name.substr(name.find('_', 5) + 1);
            const auto truncation = parsePsiDigits(digits);
            if (!truncation || (classes != "onehot" && classes != "mix")) throw UsageError{"io." + name + " is not an image name this tool knows"};
            const torch::Tensor classVector = classes == "mix" ? requireTensor(tensors, "io.class_mix", "for io." + name) : onehot;
            checks.push_back(compare(name, "", generator->forward(everySite(generator->conditionVector(noiseAt(digits), classVector)), *truncation),
                                     reference));
        } else {
            checks.push_back(unknownOutput(name));
        }
    }
    return checks;
}

// The CLIP fixtures: the tokenizer's ids for every prompt, or the text tower's outputs.
std::vector<Check> runClipChecks(const std::string& path, const lscore::TensorFile& file, const std::string& vocabularyPath)
{
    const std::string vocabulary = vocabularyPath.empty() ? lscore::ClipTokenizer::shippedVocabularyPath() : vocabularyPath;
    if (vocabulary.empty()) throw UsageError{"the CLIP vocabulary is not installed; give it with --vocabulary FILE"};
    auto tokenizer = lscore::ClipTokenizer::open(vocabulary);
    if (!tokenizer) throw UsageError{tokenizer.error()};
    const auto prompts = nlohmann::json::parse(file.metadata.count("prompts") ? file.metadata.at("prompts") : "null", nullptr, false);
    if (!prompts.is_array()) throw UsageError{"the fixture has no 'prompts' metadata (a JSON list)"};
    std::vector<Check> checks;
    // Token ids: each prompt's row must be equal.
    auto idsCheck = [&](const std::string& name, const torch::Tensor& expected) {
        Check check;
        check.name = name;
        int equal = 0;
        std::string first;
        for (std::size_t i = 0; i < prompts.size() && static_cast<std::int64_t>(i) < expected.size(0); ++i) {
            const auto ids = tokenizer->tokenize(prompts[i].get<std::string>()).ids;
            if (torch::equal(torch::tensor(ids, torch::kInt64), expected[static_cast<std::int64_t>(i)].to(torch::kCPU, torch::kInt64))) ++equal;
            else if (first.empty()) first = "row " + std::to_string(i);
        }
        check.ok = equal == static_cast<int>(prompts.size()) && expected.size(0) == static_cast<std::int64_t>(prompts.size());
        check.maxAbsError = static_cast<double>(static_cast<int>(prompts.size()) - equal);
        if (!check.ok)
            check.problem = std::to_string(equal) + " of " + std::to_string(prompts.size()) + " prompts give the reference ids (first differing: "
                            + first + ")";
        return check;
    };
    if (file.metadata.at("kind") == "clip-tokenizer") {
        checks.push_back(idsCheck("tok.ids", requireTensor(file.tensors, "tok.ids", "(the reference ids)")));
        return checks;
    }
    checks.push_back(idsCheck("tokens", requireTensor(file.tensors, "io.tokens", "(the reference ids)")));
    auto encoder = lscore::loadClipTextEncoder(path);
    if (!encoder) throw UsageError{encoder.error()};
    (*encoder)->to(gDevice);
    c10::InferenceMode inference;
    const torch::Tensor ids = requireTensor(file.tensors, "io.tokens", "as the text tower's input").to(torch::kInt64);
    const torch::Tensor pooled = (*encoder)->pooled(ids);
    const torch::Tensor features = torch::matmul(pooled, (*encoder)->text_projection);
    checks.push_back(compare("pooled", "", pooled, requireTensor(file.tensors, "io.pooled", "")));
    checks.push_back(compare("text_features", "", features, requireTensor(file.tensors, "io.text_features", "")));
    checks.push_back(compare("text_features_f64", "", features, requireTensor(file.tensors, "io.text_features_f64", "")));
    checks.push_back(compare("text_features_normed", "", features / features.norm(2, -1, true),
                             requireTensor(file.tensors, "io.text_features_normed", "")));
    checks.push_back(compare("eot_index", "", ids.argmax(-1), requireTensor(file.tensors, "io.eot_index", "")));
    return checks;
}

} // namespace

int lab::verifyReference(int argc, char** argv)
{
    std::string path, vocabularyPath, ioPath, modeName = "both", deviceName = "cpu";
    bool json = false;
    cli::CommandLine line("latent-studio-lab verify-reference",
        "Reproduces every io.* output of a reference fixture made with the official code — an NVlabs\n"
        "StyleGAN2, StyleGAN3 or LAFITE generator (.safetensors with init_kwargs metadata, or its .pkl\n"
        "snapshot beside it), a BigGAN-deep (.safetensors, or a pytorch_model.bin + config.json folder),\n"
        "a CLIP tokenizer or a CLIP text tower fixture — and prints each max abs error against its\n"
        "tolerance 1e-4 * max(1, max|reference|); token ids must be equal.\n");
    line.positional("FILE", path, "the fixture").required();
    line.text("--io", ioPath, "FILE", "for a model folder: the fixture holding its io.* tensors (default: <folder>.safetensors)");
    line.flag("--json", json, "print the checks as JSON");
    line.text("--device", deviceName, "D", "where the networks run: cpu (default), cuda or cuda:N");
    line.choice("--mode", modeName, {"fused", "nonfused", "both"},
                "modulated-convolution forms to check images with (default both)");
    line.text("--vocabulary", vocabularyPath, "FILE", "the CLIP BPE vocabulary (default: the one shipped with Latent Studio)");
    line.footer("Exit status: 0 all within tolerance, 1 some output is not, 2 unreadable or invalid input.");
    if (auto status = line.parse(argc, argv)) return *status;
    std::vector<lscore::ModConvMode> modes = {lscore::ModConvMode::Fused, lscore::ModConvMode::NonFused};
    if (modeName == "fused") modes = {lscore::ModConvMode::Fused};
    if (modeName == "nonfused") modes = {lscore::ModConvMode::NonFused};

    const auto device = lscore::parseTorchDevice(deviceName);
    if (!device) {
        std::fprintf(stderr, "verify-reference: %s\n", device.error().c_str());
        return 2;
    }
    gDevice = *device;

    std::vector<Check> checks;
    try {
        auto file = loadWeights(path, ioPath);
        if (!file) {
            std::fprintf(stderr, "verify-reference: %s\n", file.error().c_str());
            return 2;
        }
        if (!gDevice.is_cpu())
            for (auto& [name, tensor] : file->tensors) tensor = tensor.to(gDevice);
        const auto kind = file->metadata.find("kind");
        if (kind != file->metadata.end() && (kind->second == "clip-tokenizer" || kind->second == "clip-text"))
            checks = runClipChecks(path, *file, vocabularyPath);
        else if (const auto generator = file->metadata.find("generator");
                 generator != file->metadata.end() && generator->second == "biggan-deep")
            checks = runBigGanChecks(*file);
        else if (lscore::looksLikeStyleGan3(file->tensors))
            checks = runStyleGan3Checks(*file);
        else
            checks = runChecks(*file, modes);
    } catch (const UsageError& error) {
        std::fprintf(stderr, "verify-reference: %s: %s\n", path.c_str(), error.message.c_str());
        return 2;
    } catch (const c10::Error& error) {
        std::fprintf(stderr, "verify-reference: %s: %s\n", path.c_str(), error.what_without_backtrace());
        return 2;
    } catch (const std::exception& error) {
        std::fprintf(stderr, "verify-reference: %s: %s\n", path.c_str(), error.what());
        return 2;
    }
    if (checks.empty()) {
        std::fprintf(stderr, "verify-reference: %s has no io.* outputs to check\n", path.c_str());
        return 2;
    }

    const bool allOk = std::all_of(checks.begin(), checks.end(), [](const Check& c) { return c.ok; });
    if (json) {
        nlohmann::json out = {{"file", path}, {"ok", allOk}, {"outputs", nlohmann::json::array()}};
        for (const Check& c : checks) {
            nlohmann::json entry = {{"name", c.name}, {"ok", c.ok}};
            if (!c.mode.empty()) entry["mode"] = c.mode;
            if (c.problem.empty()) {
                entry["max_abs_error"] = c.maxAbsError;
                entry["max_abs_reference"] = c.maxAbsReference;
                entry["tolerance"] = c.tolerance;
            } else {
                entry["problem"] = c.problem;
            }
            out["outputs"].push_back(entry);
        }
        std::printf("%s\n", out.dump(2).c_str());
    } else {
        for (const Check& c : checks) {
            const std::string label = c.mode.empty() ? c.name : c.name + " (" + c.mode + ")";
            if (!c.problem.empty()) {
                std::printf("%-34s FAIL  %s\n", label.c_str(), c.problem.c_str());
            } else {
                std::printf("%-34s %s  max abs error %.3e  tolerance %.3e\n", label.c_str(), c.ok ? "ok  " : "FAIL",
                            c.maxAbsError, c.tolerance);
            }
        }
        std::printf("%s: %s\n", path.c_str(), allOk ? "all outputs match the reference" : "MISMATCH");
    }
    return allOk ? 0 : 1;
}
