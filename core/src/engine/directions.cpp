// Directions files and layer ranges. See lscore/directions.h for the format.
#include "lscore/directions.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "lscore/atomic_file.h"
#include "lscore/json_input.h"

namespace lscore {
namespace {

constexpr std::uint64_t kMaxDirectionsFileBytes = 64u << 20;   // 64 directions × 4096 values as text, with room

Result<int> parseIndex(std::string_view text, const std::string& whole)
{
    int value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || value < 0)
        return makeError("layer range \"" + whole + "\": \"" + std::string(text) + "\" is not a w index (0, 1, 2, …)");
    return value;
}

} // namespace

const char* toString(DirectionMethod method)
{
    return method == DirectionMethod::Sefa ? "sefa" : "ganspace";
}

Result<DirectionMethod> parseDirectionMethod(const std::string& text)
{
    if (text == "sefa") return DirectionMethod::Sefa;
    if (text == "ganspace") return DirectionMethod::GanSpace;
    return makeError("unknown direction method \"" + text + "\": use sefa or ganspace");
}

nlohmann::json DirectionSet::toJson() const
{
    nlohmann::json list = nlohmann::json::array();
    for (const FoundDirection& found : directions) {
        nlohmann::json item = found.edit.toJson();
        item["score"] = found.score;
        list.push_back(std::move(item));
    }
    return {{"format", kDirectionsFormat}, {"version", kDirectionsVersion}, {"model_sha256", modelHash}, {"w_dim", wDim},
            {"method", method}, {"layers", {firstLayer, endLayer}}, {"samples", samples}, {"condition", condition},
            {"directions", std::move(list)}};
}

Result<DirectionSet> DirectionSet::fromJson(const nlohmann::json& json)
{
    if (!json.is_object() || json.value("format", std::string()) != kDirectionsFormat)
        return makeError(std::string("not a directions file (its \"format\" is not \"") + kDirectionsFormat + "\")");
    DirectionSet set;
    try {
        const int version = json.value("version", 0);
        if (version < 1 || version > kDirectionsVersion)
            return makeError("directions file version " + std::to_string(version) + ": this Latent Studio reads version "
                             + std::to_string(kDirectionsVersion) + (version > kDirectionsVersion ? "; update the application" : ""));
        set.modelHash = json.value("model_sha256", std::string());
        set.wDim = json.value("w_dim", 0);
        set.method = json.value("method", std::string());
        set.samples = json.value("samples", 0);
        set.condition = json.value("condition", std::string());
        if (const auto layers = json.find("layers"); layers != json.end() && layers->is_array() && layers->size() == 2) {
            set.firstLayer = (*layers)[0].get<int>();
            set.endLayer = (*layers)[1].get<int>();
        }
    } catch (const nlohmann::json::exception&) {
        return makeError("directions file: a field has the wrong type");
    }
    if (set.wDim <= 0 || set.wDim > static_cast<int>(kMaxDirectionValues))
        return makeError("directions file: 'w_dim' must be from 1 to " + std::to_string(kMaxDirectionValues));
    if (!isValidUtf8(set.condition) || set.condition.size() > kMaxPromptBytes || set.method.size() > 64 || !isValidUtf8(set.method))
        return makeError("directions file: 'method' or 'condition' is too long or not UTF-8 text");
    const auto list = json.find("directions");
    if (list == json.end() || !list->is_array() || list->size() > static_cast<std::size_t>(kMaxDirectionCount))
        return makeError("directions file: 'directions' must be a list of at most " + std::to_string(kMaxDirectionCount));
    for (const auto& item : *list) {
        auto edit = DirectionEdit::fromJson(item);
        if (!edit) return makeError("directions file: " + edit.error());
        if (static_cast<int>(edit->vector.size()) != set.wDim)
            return makeError("directions file: direction '" + edit->name + "' has " + std::to_string(edit->vector.size())
                             + " values, but the file's w_dim is " + std::to_string(set.wDim));
        FoundDirection found{std::move(*edit), 0.0};
        if (const auto score = item.find("score"); score != item.end() && score->is_number()) found.score = score->get<double>();
        if (!std::isfinite(found.score)) found.score = 0.0;
        set.directions.push_back(std::move(found));
    }
    return set;
}

Status saveDirections(const DirectionSet& set, const std::string& path)
{
    if (Status s = checkWritableTarget(path); !s) return s;
    return writeFileAtomic(path, set.toJson().dump(1));
}

Result<DirectionSet> loadDirections(const std::string& path, const std::string& expectedHash, int expectedWDim)
{
    auto bytes = readRegularFile(path, kMaxDirectionsFileBytes, "the directions file");
    if (!bytes) return Error{bytes.error()};
    auto json = parseUntrustedJson(std::string(bytes->begin(), bytes->end()), "the directions file");
    if (!json) return makeError(path + ": " + json.error());
    auto set = DirectionSet::fromJson(*json);
    if (!set) return makeError(path + ": " + set.error());
    if (!expectedHash.empty() && !set->modelHash.empty() && set->modelHash != expectedHash)
        return makeError(path + ": these directions were found for another model (SHA-256 " + set->modelHash.substr(0, 12)
                         + "…, the open model is " + expectedHash.substr(0, 12) + "…); directions of one model mean nothing in "
                         "another's W: search this model's own");
    if (expectedWDim > 0 && set->wDim != expectedWDim)
        return makeError(path + ": these directions have " + std::to_string(set->wDim) + " values each, but this model's w has "
                         + std::to_string(expectedWDim));
    return set;
}

Result<std::pair<int, int>> parseLayerRange(const std::string& text, int numWs)
{
    int first = 0;
    int end = -1;
    const auto colon = text.find(':');
    if (colon == std::string::npos) {
        auto index = parseIndex(text, text);
        if (!index) return Error{index.error()};
        first = *index;
        end = *index + 1;
    } else {
        const std::string_view view(text);
        if (colon > 0) {
            auto index = parseIndex(view.substr(0, colon), text);
            if (!index) return Error{index.error()};
            first = *index;
        }
        if (colon + 1 < text.size()) {
            auto index = parseIndex(view.substr(colon + 1), text);
            if (!index) return Error{index.error()};
            end = *index;
        }
    }
    if (end >= 0 && end <= first)
        return makeError("layer range \"" + text + "\" is empty: write A:B with A < B (B is not included)");
    if (numWs > 0 && (first >= numWs || end > numWs))
        return makeError("layer range \"" + text + "\" goes past this model's " + std::to_string(numWs) + " w indices (0–"
                         + std::to_string(numWs - 1) + ")");
    return std::make_pair(first, end);
}

std::pair<int, int> layerRangePreset(LayerRangePreset preset, const std::vector<LayerInfo>& layers)
{
    if (preset == LayerRangePreset::All) return {0, -1};
    const LayerKind wanted = preset == LayerRangePreset::Coarse ? LayerKind::Coarse
                             : preset == LayerRangePreset::Middle ? LayerKind::Middle
                                                                  : LayerKind::Fine;
    int first = -1;
    int end = -1;
    for (const LayerInfo& layer : layers) {
        if (layer.kind != wanted) continue;
        if (first < 0) first = layer.index;
        end = layer.index + 1;
    }
    if (first < 0) return {0, 0};
    return {first, end};
}

} // namespace lscore
