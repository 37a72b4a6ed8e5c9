// EditState serialisation and the per-layer plan. See lscore/edit_state.h for the semantics.
#include "lscore/edit_state.h"

#include "lscore/json_input.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <type_traits>

namespace lscore {
namespace {

double clampUnit(double value)
{
    if (!std::isfinite(value)) return 0.0;
    return std::clamp(value, 0.0, 1.0);
}

std::vector<double> perLayer(const std::vector<double>& weights, int numWs)
{
    std::vector<double> out(static_cast<std::size_t>(std::max(numWs, 0)), 0.0);
    for (std::size_t i = 0; i < out.size() && i < weights.size(); ++i) out[i] = clampUnit(weights[i]);
    return out;
}

// Reads an optional field with a type check; missing fields keep their default so that older and
// hand-written files stay readable.
template <typename T>
Status readField(const nlohmann::json& json, const char* key, T& out)
{
    const auto it = json.find(key);
    if (it == json.end() || it->is_null()) return {};
    try {
        if constexpr (std::is_integral_v<T>) {
            // get<int>() of 4294967296 wraps to 0: an integer field must hold an integer that fits.
            const bool fits = it->is_number_integer()
                              && (it->is_number_unsigned() ? it->get<std::uint64_t>() <= std::uint64_t(std::numeric_limits<T>::max())
                                                           : it->get<std::int64_t>() >= std::int64_t(std::numeric_limits<T>::min())
                                                                 && it->get<std::int64_t>() <= std::int64_t(std::numeric_limits<T>::max()));
            if (!fits)
                return makeError(std::string("edit state: '") + key + "' must be an integer from "
                                 + std::to_string(std::numeric_limits<T>::min()) + " to " + std::to_string(std::numeric_limits<T>::max()));
        }
        out = it->get<T>();
    } catch (const nlohmann::json::exception&) {
        return makeError(std::string("edit state: field '") + key + "' has the wrong type (" + it->type_name() + ")");
    }
    return {};
}

Status readUnit(const nlohmann::json& json, const char* key, double& out)
{
    if (Status s = readField(json, key, out); !s) return s;
    if (!std::isfinite(out) || out < 0.0 || out > 1.0)
        return makeError(std::string("edit state: '") + key + "' must be a number between 0 and 1");
    return {};
}

Status readSeed(const nlohmann::json& json, const char* key, std::uint32_t& out)
{
    const auto it = json.find(key);
    if (it == json.end() || it->is_null()) return {};
    if (!it->is_number_integer() || it->get<std::int64_t>() < 0 ||
        it->get<std::int64_t>() > std::int64_t{std::numeric_limits<std::uint32_t>::max()})
        return makeError(std::string("edit state: '") + key + "' must be an integer seed from 0 to 4294967295");
    out = static_cast<std::uint32_t>(it->get<std::int64_t>());
    return {};
}

Status readWeights(const nlohmann::json& json, const char* key, std::vector<double>& out)
{
    const auto it = json.find(key);
    if (it == json.end() || it->is_null()) return {};
    if (!it->is_array() || it->size() > 1024)
        return makeError(std::string("edit state: '") + key + "' must be a list of per-layer weights");
    out.clear();
    for (const auto& value : *it) {
        if (!value.is_number() || !std::isfinite(value.get<double>()) || value.get<double>() < 0.0 ||
            value.get<double>() > 1.0)
            return makeError(std::string("edit state: every entry of '") + key + "' must be a number between 0 and 1");
        out.push_back(value.get<double>());
    }
    return {};
}

template <typename Enum>
Status readEnum(const nlohmann::json& json, const char* key, Enum& out,
                std::initializer_list<std::pair<const char*, Enum>> names)
{
    const auto it = json.find(key);
    if (it == json.end() || it->is_null()) return {};
    if (it->is_string()) {
        for (const auto& [name, value] : names) {
            if (*it == name) {
                out = value;
                return {};
            }
        }
    }
    std::string allowed;
    for (const auto& [name, value] : names) allowed += (allowed.empty() ? "" : ", ") + std::string(name);
    return makeError(std::string("edit state: '") + key + "' must be one of " + allowed);
}

} // namespace

std::vector<EditState> walkGridStates(const EditState& main, int rows, int steps)
{
    std::vector<EditState> states;
    for (int row = 0; row < rows; ++row)
        for (int step = 0; step < steps; ++step) {
            EditState cell = main;
            cell.seedA = main.seedA + static_cast<std::uint32_t>(row);
            cell.promptT = steps > 1 ? static_cast<double>(step) / (steps - 1) : 0.0;
            states.push_back(std::move(cell));
        }
    return states;
}

const char* toString(InterpolationMode mode)
{
    return mode == InterpolationMode::Lerp ? "lerp" : "slerp";
}

const char* toString(EditNoiseMode mode)
{
    switch (mode) {
    case EditNoiseMode::Const: return "const";
    case EditNoiseMode::Random: return "random";
    case EditNoiseMode::None: return "none";
    }
    return "const";
}

nlohmann::json EditState::toJson() const
{
    nlohmann::json json = {
        {"version", kEditStateVersion},
        {"prompt_a", promptA},
        {"prompt_b", promptB},
        {"class_a", classA},
        {"class_b", classB},
        {"prompt_t", promptT},
        {"prompt_mode", toString(promptMode)},
        {"seed_a", seedA},
        {"seed_b", seedB},
        {"latent_t", latentT},
        {"latent_mode", toString(latentMode)},
        {"truncation_psi", truncationPsi},
        {"truncation_cutoff", truncationCutoff},
        {"noise_mode", toString(noiseMode)},
        {"noise_seed", noiseSeed},
        {"style_mix", styleMix},
        {"prompt_mix", promptMix},
    };
    // Only when set, so that states of models without an input transform stay as they were.
    if (translateX != 0.0 || translateY != 0.0) json["translate"] = {translateX, translateY};
    if (rotateDegrees != 0.0) json["rotate_degrees"] = rotateDegrees;
    if (!directions.empty()) {
        json["directions"] = nlohmann::json::array();
        for (const DirectionEdit& direction : directions) json["directions"].push_back(direction.toJson());
    }
    return json;
}

nlohmann::json DirectionEdit::toJson() const
{
    return {{"name", name}, {"source", source}, {"vector", vector}, {"sigma", sigma}, {"amount", amount},
            {"layers", {firstLayer, endLayer}}};
}

Result<DirectionEdit> DirectionEdit::fromJson(const nlohmann::json& json)
{
    if (!json.is_object()) return makeError("direction: expected a JSON object");
    DirectionEdit direction;
    const Status checks[] = {
        readField(json, "name", direction.name),
        readField(json, "source", direction.source),
        readField(json, "sigma", direction.sigma),
        readField(json, "amount", direction.amount),
    };
    for (const Status& s : checks)
        if (!s) return Error{s.error()};
    const std::string label = "direction '" + direction.name.substr(0, 80) + "': ";
    if (direction.name.size() > 256 || !isValidUtf8(direction.name) || direction.source.size() > 64 || !isValidUtf8(direction.source))
        return makeError("direction: its name (at most 256 bytes) or source (at most 64) is too long or not UTF-8 text");
    const auto vector = json.find("vector");
    if (vector == json.end() || !vector->is_array() || vector->empty() || vector->size() > kMaxDirectionValues)
        return makeError(label + "'vector' must be a list of 1 to " + std::to_string(kMaxDirectionValues) + " numbers");
    double squaredNorm = 0.0;
    for (const auto& value : *vector) {
        if (!value.is_number() || !std::isfinite(value.get<double>()))
            return makeError(label + "every entry of 'vector' must be a finite number");
        direction.vector.push_back(value.get<float>());
        squaredNorm += value.get<double>() * value.get<double>();
    }
    // Unit length within float rounding of a written vector: anything else is not what was saved.
    if (std::abs(std::sqrt(squaredNorm) - 1.0) > 1e-3)
        return makeError(label + "'vector' must have length 1 (it has " + std::to_string(std::sqrt(squaredNorm)) + ")");
    if (!std::isfinite(direction.sigma) || direction.sigma <= 0.0 || direction.sigma > 1e6)
        return makeError(label + "'sigma' must be a positive number");
    if (!std::isfinite(direction.amount) || std::abs(direction.amount) > kMaxDirectionAmount)
        return makeError(label + "'amount' must be a number between -" + std::to_string(static_cast<int>(kMaxDirectionAmount)) + " and "
                         + std::to_string(static_cast<int>(kMaxDirectionAmount)));
    if (const auto layers = json.find("layers"); layers != json.end() && !layers->is_null()) {
        if (!layers->is_array() || layers->size() != 2 || !(*layers)[0].is_number_integer() || !(*layers)[1].is_number_integer())
            return makeError(label + "'layers' must be two integers [first, end]");
        const auto first = (*layers)[0].get<std::int64_t>();
        const auto end = (*layers)[1].get<std::int64_t>();
        if (first < 0 || first > 1024 || end < -1 || end > 1024 || (end >= 0 && end <= first))
            return makeError(label + "'layers' must be [first, end] with 0 ≤ first < end ≤ 1024, or end -1 for the last layer");
        direction.firstLayer = static_cast<int>(first);
        direction.endLayer = static_cast<int>(end);
    }
    return direction;
}

Result<EditState> EditState::fromJson(const nlohmann::json& json)
{
    if (!json.is_object()) return makeError("edit state: expected a JSON object");
    int version = kEditStateVersion;
    if (Status s = readField(json, "version", version); !s) return Error{s.error()};
    if (version > kEditStateVersion)
        return makeError("edit state: written by a newer Latent Studio (version " + std::to_string(version) +
                         "); update the application to open it");

    EditState state;
    const Status checks[] = {
        readField(json, "prompt_a", state.promptA),
        readField(json, "prompt_b", state.promptB),
        readField(json, "class_a", state.classA),
        readField(json, "class_b", state.classB),
        readUnit(json, "prompt_t", state.promptT),
        readEnum(json, "prompt_mode", state.promptMode,
                 {{"lerp", InterpolationMode::Lerp}, {"slerp", InterpolationMode::Slerp}}),
        readSeed(json, "seed_a", state.seedA),
        readSeed(json, "seed_b", state.seedB),
        readUnit(json, "latent_t", state.latentT),
        readEnum(json, "latent_mode", state.latentMode,
                 {{"lerp", InterpolationMode::Lerp}, {"slerp", InterpolationMode::Slerp}}),
        readField(json, "truncation_psi", state.truncationPsi),
        readField(json, "truncation_cutoff", state.truncationCutoff),
        readEnum(json, "noise_mode", state.noiseMode,
                 {{"const", EditNoiseMode::Const}, {"random", EditNoiseMode::Random}, {"none", EditNoiseMode::None}}),
        readSeed(json, "noise_seed", state.noiseSeed),
        readWeights(json, "style_mix", state.styleMix),
        readWeights(json, "prompt_mix", state.promptMix),
    };
    for (const Status& s : checks)
        if (!s) return Error{s.error()};
    for (const auto& [key, prompt] : {std::pair<const char*, const std::string*>{"prompt_a", &state.promptA}, {"prompt_b", &state.promptB}}) {
        if (prompt->size() > kMaxPromptBytes)
            return makeError(std::string("edit state: '") + key + "' is " + std::to_string(prompt->size()) + " bytes long; a prompt is at most "
                             + std::to_string(kMaxPromptBytes) + " bytes");
        if (!isValidUtf8(*prompt))
            return makeError(std::string("edit state: '") + key + "' is not valid UTF-8 text");
    }
    if (const auto translate = json.find("translate"); translate != json.end()) {
        if (!translate->is_array() || translate->size() != 2 || !(*translate)[0].is_number() || !(*translate)[1].is_number())
            return makeError("edit state: 'translate' must be a list of two numbers [x, y]");
        state.translateX = (*translate)[0].get<double>();
        state.translateY = (*translate)[1].get<double>();
        if (!std::isfinite(state.translateX) || !std::isfinite(state.translateY) || std::abs(state.translateX) > kMaxTranslate
            || std::abs(state.translateY) > kMaxTranslate)
            return makeError("edit state: 'translate' must hold numbers between " + std::to_string(static_cast<int>(-kMaxTranslate)) + " and "
                             + std::to_string(static_cast<int>(kMaxTranslate)));
    }
    if (Status s = readField(json, "rotate_degrees", state.rotateDegrees); !s) return Error{s.error()};
    if (!std::isfinite(state.rotateDegrees) || std::abs(state.rotateDegrees) > kMaxRotateDegrees)
        return makeError("edit state: 'rotate_degrees' must be a number between " + std::to_string(static_cast<int>(-kMaxRotateDegrees))
                         + " and " + std::to_string(static_cast<int>(kMaxRotateDegrees)));
    if (const auto directions = json.find("directions"); directions != json.end() && !directions->is_null()) {
        if (!directions->is_array() || directions->size() > kMaxDirections)
            return makeError("edit state: 'directions' must be a list of at most " + std::to_string(kMaxDirections) + " directions");
        for (const auto& item : *directions) {
            auto direction = DirectionEdit::fromJson(item);
            if (!direction) return makeError("edit state: " + direction.error());
            state.directions.push_back(std::move(*direction));
        }
    }
    if (!std::isfinite(state.truncationPsi) || std::abs(state.truncationPsi) > 10.0)
        return makeError("edit state: 'truncation_psi' must be a number between -10 and 10");
    if (state.classA < 0 || state.classB < 0) return makeError("edit state: class indices must not be negative");
    return state;
}

LayerPlan planLayers(const EditState& state, int numWs)
{
    return LayerPlan{perLayer(state.promptMix, numWs), perLayer(state.styleMix, numWs)};
}

std::vector<double> crossoverWeights(int numWs, int crossover, bool fineFromB)
{
    std::vector<double> weights(static_cast<std::size_t>(std::max(numWs, 0)), 0.0);
    for (int i = 0; i < numWs; ++i) {
        const bool fine = i >= crossover;
        weights[static_cast<std::size_t>(i)] = (fine == fineFromB) ? 1.0 : 0.0;
    }
    return weights;
}

} // namespace lscore
