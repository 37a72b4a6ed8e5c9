// latent-studio-lab verify-reference FILE [--json] [--mode fused|nonfused|both]
//
// Rebuilds the generator a reference fixture describes (metadata "init_kwargs"), loads its weights
// and reproduces every io.* output the NVlabs reference stored next to them. One line per output
// with its max abs error and tolerance; exit 0 iff every error <= 1e-4 · max(1, max|reference|).
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

#include "commands.h"
#include "lscore/safetensors.h"
#include "lscore/snapshot_pickle.h"
#include "lscore/stylegan2.h"

namespace lab {

// Every weight loader of the lab goes through here, so other formats (.pkl) plug in at one place.
// Returns the tensors by NVlabs name plus the file's string metadata.
//
// A .pkl is an NVlabs snapshot read by the code-free reader: its G_ema weights and _init_kwargs are
// used, and the io.* inputs and expected outputs (plus the other metadata, e.g. "crossover") come from
// its .safetensors twin beside it (same stem), so that a snapshot is verified against the reference.
lscore::Result<lscore::TensorFile> loadWeights(const std::string& path)
{
    const bool isSnapshot = path.size() > 4 && path.compare(path.size() - 4, 4, ".pkl") == 0;
    if (!isSnapshot) return lscore::readSafetensors(path);

    auto snapshot = lscore::readNvlabsSnapshot(path);
    if (!snapshot) return lscore::makeError(snapshot.error());
    const std::string twinPath = path.substr(0, path.size() - 4) + ".safetensors";
    auto twin = lscore::readSafetensors(twinPath);
    if (!twin) {
        return lscore::makeError(path + ": a .pkl is verified against the io.* tensors of its .safetensors twin, and "
                                 + twinPath + " could not be read: " + twin.error());
    }
    lscore::TensorFile file;
    file.metadata = std::move(twin->metadata);
    file.metadata["init_kwargs"] = snapshot->initKwargs.dump();
    for (auto& [name, tensor] : twin->tensors) {
        if (name.rfind("io.", 0) == 0) file.tensors.emplace(name, std::move(tensor));
    }
    for (auto& [name, tensor] : snapshot->tensors) {
        file.tensors.emplace(name, std::move(tensor));
        file.storedDtypes.emplace(name, lscore::StoredDtype::F32);
    }
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

Check compare(const std::string& name, const std::string& mode, const torch::Tensor& actual, const torch::Tensor& reference)
{
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

const torch::Tensor& requireTensor(const std::map<std::string, torch::Tensor>& tensors, const std::string& name,
                                   const std::string& why)
{
    auto it = tensors.find(name);
    if (it == tensors.end()) throw UsageError{"the fixture has no '" + name + "' tensor, needed " + why};
    return it->second;
}

std::vector<Check> runChecks(const lscore::TensorFile& file, const std::vector<lscore::ModConvMode>& modes)
{
    auto kwargsText = file.metadata.find("init_kwargs");
    if (kwargsText == file.metadata.end()) {
        throw UsageError{"the file has no 'init_kwargs' metadata; it is not an NVlabs reference fixture"};
    }
    const nlohmann::json kwargs = nlohmann::json::parse(kwargsText->second, nullptr, /*allow_exceptions=*/false);
    if (kwargs.is_discarded()) throw UsageError{"the 'init_kwargs' metadata is not valid JSON"};
    auto config = lscore::StyleGan2Config::fromJson(kwargs);
    if (!config) throw UsageError{config.error()};

    lscore::Generator generator(*config);
    if (lscore::Status loaded = lscore::loadTensors(*generator, file.tensors); !loaded) throw UsageError{loaded.error()};
    generator->eval();

    const auto& tensors = file.tensors;
    const torch::Tensor z = requireTensor(tensors, "io.z", "as the mapping input");
    torch::Tensor c = requireTensor(tensors, "io.c", "as the conditioning input");
    if (config->c_dim == 0) c = torch::Tensor();

    c10::InferenceMode inference;
    std::vector<Check> checks;
    for (const auto& [fullName, reference] : tensors) {
        if (fullName.rfind("io.", 0) != 0 || fullName == "io.z" || fullName == "io.c") continue;
        const std::string name = fullName.substr(3);
        auto spec = parseOutputName(name);
        if (!spec) {
            Check check;
            check.name = name;
            check.problem = "unknown output name; this tool does not know how the reference produced it";
            checks.push_back(check);
            continue;
        }
        switch (spec->kind) {
        case OutputSpec::Kind::Ws:
            checks.push_back(compare(name, "", generator->mapping->forward(z, c, spec->psi, spec->cutoff), reference));
            break;
        case OutputSpec::Kind::WsMix: {
            auto crossover = file.metadata.find("crossover");
            if (crossover == file.metadata.end()) throw UsageError{"io.ws_mix needs the 'crossover' metadata"};
            int layer = 0;
            try {
                layer = std::stoi(crossover->second);
            } catch (const std::exception&) {
                throw UsageError{"the 'crossover' metadata '" + crossover->second + "' is not a number"};
            }
            const int numWs = config->numWs();
            if (layer < 0 || layer > numWs) throw UsageError{"crossover " + std::to_string(layer) + " is outside [0, num_ws]"};
            torch::Tensor ws = generator->mapping->forward(z, c, 1.0, -1);
            torch::Tensor mixed = torch::cat({ws.narrow(0, 0, 1).narrow(1, 0, layer),
                                              ws.narrow(0, 1, 1).narrow(1, layer, numWs - layer)}, 1);
            checks.push_back(compare(name, "", mixed, reference));
            break;
        }
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
                    image = generator->forward(z, c, spec->psi, -1, options);
                } else {
                    // Synthesis alone, from the reference's own ws, so its error is not mixed with mapping's.
                    const std::string input = spec->kind == OutputSpec::Kind::MixSynthesis ? "io.ws_mix" : spec->wsInput;
                    image = generator->synthesis->forward(requireTensor(tensors, input, "as the input of io." + name),
                                                          torch::Tensor(), options);
                }
                checks.push_back(compare(name, modeName, image, reference));
            }
            break;
        }
    }
    return checks;
}

void printUsage(std::FILE* out)
{
    std::fprintf(out,
        "Usage: latent-studio-lab verify-reference FILE [--json] [--mode fused|nonfused|both]\n"
        "\n"
        "Reproduces every io.* output of an NVlabs StyleGAN2 reference fixture (.safetensors with\n"
        "init_kwargs metadata) and prints each max abs error against its tolerance\n"
        "1e-4 * max(1, max|reference|). Images are checked with both modulated-conv forms by default.\n"
        "Exit status: 0 all within tolerance, 1 some output is not, 2 unreadable or invalid input.\n");
}

} // namespace

int lab::verifyReference(int argc, char** argv)
{
    std::string path;
    bool json = false;
    std::vector<lscore::ModConvMode> modes = {lscore::ModConvMode::Fused, lscore::ModConvMode::NonFused};
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--help" || arg == "-h") {
            printUsage(stdout);
            return 0;
        } else if (arg == "--json") {
            json = true;
        } else if (arg == "--mode" && i + 1 < argc) {
            const std::string mode = argv[++i];
            if (mode == "fused") modes = {lscore::ModConvMode::Fused};
            else if (mode == "nonfused") modes = {lscore::ModConvMode::NonFused};
            else if (mode != "both") {
                std::fprintf(stderr, "verify-reference: --mode must be fused, nonfused or both, not '%s'\n", mode.c_str());
                return 2;
            }
        } else if (!arg.empty() && arg[0] == '-') {
            std::fprintf(stderr, "verify-reference: unknown option '%s'\n\n", arg.c_str());
            printUsage(stderr);
            return 2;
        } else if (path.empty()) {
            path = arg;
        } else {
            std::fprintf(stderr, "verify-reference: only one FILE can be checked at a time\n");
            return 2;
        }
    }
    if (path.empty()) {
        printUsage(stderr);
        return 2;
    }

    std::vector<Check> checks;
    try {
        auto file = loadWeights(path);
        if (!file) {
            std::fprintf(stderr, "verify-reference: %s\n", file.error().c_str());
            return 2;
        }
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
