#include "lscore/model_description.h"
#include "lscore/json_input.h"

#include <algorithm>
#include <bit>
#include <limits>
#include <set>

#include <nlohmann/json.hpp>

namespace lscore {
namespace {

constexpr int kMinResolution = 4;
constexpr int kMaxResolution = 4096;
constexpr int kMaxFeatureDim = 1 << 16;   // far above any real z/w size; stops absurd allocations later

Error descriptionError(const std::string& problem) {
    return makeError("Model description: " + problem);
}

bool isPowerOfTwoResolution(int resolution) {
    return resolution >= kMinResolution && resolution <= kMaxResolution &&
           std::has_single_bit(static_cast<unsigned>(resolution));
}

int numWsFor(int resolution) {
    return 2 * std::bit_width(static_cast<unsigned>(resolution)) - 4;   // 2·log2(res) − 2
}

LayerKind kindFor(int resolution) {
    if (resolution <= 8) return LayerKind::Coarse;
    if (resolution <= 32) return LayerKind::Middle;
    return LayerKind::Fine;
}

// Reads json[key] as an int in [minimum, maximum]; a missing key gives `fallback` if one is allowed.
Result<int> readInt(const nlohmann::json& json, const char* key, int minimum, int maximum,
                    std::optional<int> fallback = std::nullopt, const std::string& where = {}) {
    const std::string field = where.empty() ? std::string(key) : where + "." + key;
    const auto it = json.find(key);
    if (it == json.end()) {
        if (fallback) return *fallback;
        return descriptionError("the required field \"" + field + "\" is missing");
    }
    if (!it->is_number_integer())
        return descriptionError("\"" + field + "\" must be a whole number, not " + it->dump());
    const auto value = it->get<std::int64_t>();
    if (value < minimum || value > maximum)
        return descriptionError("\"" + field + "\" is " + std::to_string(value) + " but must be between " +
                                std::to_string(minimum) + " and " + std::to_string(maximum));
    return static_cast<int>(value);
}

Result<std::string> readString(const nlohmann::json& json, const char* key, std::optional<std::string> fallback,
                               const std::string& where = {}) {
    const std::string field = where.empty() ? std::string(key) : where + "." + key;
    const auto it = json.find(key);
    if (it == json.end()) {
        if (fallback) return *fallback;
        return descriptionError("the required field \"" + field + "\" is missing");
    }
    if (!it->is_string()) return descriptionError("\"" + field + "\" must be a string, not " + it->dump());
    return it->get<std::string>();
}

Result<std::vector<std::string>> readStringList(const nlohmann::json& json, const char* key, const std::string& where) {
    const std::string field = where + "." + key;
    const auto it = json.find(key);
    if (it == json.end()) return std::vector<std::string>{};
    if (!it->is_array()) return descriptionError("\"" + field + "\" must be a list of strings");
    std::vector<std::string> values;
    values.reserve(it->size());
    for (const nlohmann::json& item : *it) {
        if (!item.is_string()) return descriptionError("\"" + field + "\" holds " + describeJsonValue(item) + ", not a string");
        values.push_back(item.get<std::string>());
    }
    return values;
}

// A vocabulary word must be something the tokenizer can produce: lower-case letters and digits
// (UTF-8 bytes count as letters), otherwise no prompt could ever reach it.
bool isTokenizerWord(const std::string& word) {
    if (word.empty()) return false;
    return std::all_of(word.begin(), word.end(), [](char ch) {
        const auto c = static_cast<unsigned char>(ch);
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
    });
}

Result<Conditioning> readConditioning(const nlohmann::json& json) {
    Conditioning conditioning;
    if (!json.is_object()) return descriptionError("\"conditioning\" must be an object with a \"type\"");
    Result<std::string> type = readString(json, "type", std::nullopt, "conditioning");
    if (!type) return makeError(type.error());
    if (*type == "none") return conditioning;
    if (*type == "class") {
        conditioning.type = ConditioningType::Class;
        Result<std::vector<std::string>> names = readStringList(json, "class_names", "conditioning");
        if (!names) return makeError(names.error());
        conditioning.classNames = std::move(names).value();
        const std::optional<int> namedCount =
            conditioning.classNames.empty() ? std::nullopt : std::optional<int>(static_cast<int>(conditioning.classNames.size()));
        Result<int> count = readInt(json, "class_count", 1, kMaxFeatureDim, namedCount, "conditioning");
        if (!count) return makeError(count.error());
        conditioning.classCount = *count;
        if (!conditioning.classNames.empty() && static_cast<int>(conditioning.classNames.size()) != *count)
            return descriptionError("\"conditioning.class_names\" has " + std::to_string(conditioning.classNames.size()) +
                                    " names for " + std::to_string(*count) + " classes");
        return conditioning;
    }
    if (*type == "text") {
        conditioning.type = ConditioningType::Text;
        const auto tokenizer = json.find("tokenizer");
        if (tokenizer == json.end() || !tokenizer->is_object())
            return descriptionError("text conditioning needs a \"conditioning.tokenizer\" object");
        Result<std::string> tokenizerType = readString(*tokenizer, "type", std::nullopt, "conditioning.tokenizer");
        if (!tokenizerType) return makeError(tokenizerType.error());
        if (*tokenizerType == "clip") {
            const auto encoder = json.find("text_encoder");
            if (encoder == json.end() || !encoder->is_object())
                return descriptionError("CLIP text conditioning needs a \"conditioning.text_encoder\" object");
            Result<std::string> encoderType = readString(*encoder, "type", std::nullopt, "conditioning.text_encoder");
            if (!encoderType) return makeError(encoderType.error());
            if (*encoderType != "clip")
                return descriptionError("a CLIP tokenizer needs a CLIP text encoder, not \"" + *encoderType + "\"");
            Result<int> dim = readInt(*encoder, "embed_dim", 1, kMaxFeatureDim, std::nullopt, "conditioning.text_encoder");
            if (!dim) return makeError(dim.error());
            conditioning.clip = true;
            conditioning.clipFeatureDim = *dim;
            conditioning.context = 77;
            conditioning.textEncoder = *encoder;
            return conditioning;
        }
        if (*tokenizerType != "words")
            return descriptionError("tokenizer type \"" + *tokenizerType +
                                    "\" is not supported by this version (it reads \"words\" and \"clip\")");
        Result<int> context = readInt(*tokenizer, "context", 3, 4096, std::nullopt, "conditioning.tokenizer");
        if (!context) return makeError(context.error());
        conditioning.context = *context;
        Result<std::vector<std::string>> vocabulary = readStringList(*tokenizer, "vocabulary", "conditioning.tokenizer");
        if (!vocabulary) return makeError(vocabulary.error());
        conditioning.vocabulary = std::move(vocabulary).value();
        if (conditioning.vocabulary.empty())
            return descriptionError("text conditioning needs a non-empty \"conditioning.tokenizer.vocabulary\"");
        std::set<std::string_view> seen;
        for (const std::string& word : conditioning.vocabulary) {
            if (!isTokenizerWord(word))
                return descriptionError("vocabulary word \"" + word +
                                        "\" is not a lower-case word of letters and digits, so no prompt can use it");
            if (!seen.insert(word).second)
                return descriptionError("vocabulary word \"" + word + "\" appears twice");
        }
        const auto encoder = json.find("text_encoder");
        if (encoder != json.end()) {
            if (!encoder->is_object()) return descriptionError("\"conditioning.text_encoder\" must be an object");
            conditioning.textEncoder = *encoder;
        } else {
            conditioning.textEncoder = nlohmann::json::object();
        }
        return conditioning;
    }
    return descriptionError("conditioning type \"" + *type + "\" is unknown (expected none, class or text)");
}

Result<std::vector<LayerInfo>> readLayers(const nlohmann::json& json, int numWs, int resolution) {
    const auto it = json.find("layers");
    if (it == json.end()) return descriptionError("the required field \"layers\" is missing");
    if (!it->is_array()) return descriptionError("\"layers\" must be a list with one entry per w index");
    if (static_cast<int>(it->size()) != numWs)
        return descriptionError("\"layers\" lists " + std::to_string(it->size()) + " entries but the network has " +
                                std::to_string(numWs) + " w indices");
    std::vector<LayerInfo> layers;
    for (int i = 0; i < numWs; ++i) {
        const nlohmann::json& entry = (*it)[static_cast<std::size_t>(i)];
        const std::string where = "layers[" + std::to_string(i) + "]";
        if (!entry.is_object()) return descriptionError("\"" + where + "\" must be an object");
        LayerInfo layer;
        Result<int> index = readInt(entry, "index", 0, numWs - 1, std::nullopt, where);
        if (!index) return makeError(index.error());
        if (*index != i) return descriptionError("\"" + where + ".index\" is " + std::to_string(*index) + ", expected " + std::to_string(i));
        layer.index = i;
        Result<std::string> name = readString(entry, "name", std::nullopt, where);
        if (!name) return makeError(name.error());
        if (name->empty()) return descriptionError("\"" + where + ".name\" is empty");
        layer.name = std::move(name).value();
        Result<int> layerResolution = readInt(entry, "resolution", kMinResolution, resolution, std::nullopt, where);
        if (!layerResolution) return makeError(layerResolution.error());
        if (!isPowerOfTwoResolution(*layerResolution))
            return descriptionError("\"" + where + ".resolution\" must be a power of two");
        layer.resolution = *layerResolution;
        Result<std::string> kind = readString(entry, "kind", std::nullopt, where);
        if (!kind) return makeError(kind.error());
        if (*kind == "coarse") layer.kind = LayerKind::Coarse;
        else if (*kind == "middle") layer.kind = LayerKind::Middle;
        else if (*kind == "fine") layer.kind = LayerKind::Fine;
        else return descriptionError("\"" + where + ".kind\" is \"" + *kind + "\" (expected coarse, middle or fine)");
        layers.push_back(std::move(layer));
    }
    return layers;
}

Result<ModelDescription> parseDescription(const nlohmann::json& json) {
    if (!json.is_object())
        return descriptionError(std::string("expected a JSON object, found ") + json.type_name());
    ModelDescription description;
    Result<int> version = readInt(json, "format_version", 1, std::numeric_limits<int>::max());
    if (!version) return makeError(version.error());
    if (*version > kModelFormatVersion)
        return descriptionError("format version " + std::to_string(*version) + " was written by a newer Latent Studio "
                                "(this one reads version " + std::to_string(kModelFormatVersion) + "); please update");
    description.formatVersion = *version;

    Result<std::string> architecture = readString(json, "architecture", std::nullopt);
    if (!architecture) return makeError(architecture.error());
    if (*architecture != "stylegan2" && *architecture != "stylegan2-text" && *architecture != "lafite" && *architecture != "stylegan3"
        && *architecture != "biggan-deep")
        return descriptionError("architecture \"" + *architecture +
                                "\" is not supported (this version runs \"stylegan2\", \"stylegan2-text\", \"lafite\", \"stylegan3\" "
                                "and \"biggan-deep\")");
    description.architecture = *architecture;

    Result<std::string> name = readString(json, "name", std::string());
    if (!name) return makeError(name.error());
    description.name = *name;

    Result<int> resolution = readInt(json, "resolution", kMinResolution, kMaxResolution);
    if (!resolution) return makeError(resolution.error());
    if (!isPowerOfTwoResolution(*resolution))
        return descriptionError("resolution " + std::to_string(*resolution) + " is not a power of two");
    description.resolution = *resolution;

    Result<int> channels = readInt(json, "img_channels", 1, 4, 3);
    if (!channels) return makeError(channels.error());
    description.imgChannels = *channels;
    Result<int> zDim = readInt(json, "z_dim", 1, kMaxFeatureDim);
    if (!zDim) return makeError(zDim.error());
    description.zDim = *zDim;
    Result<int> wDim = readInt(json, "w_dim", 1, kMaxFeatureDim);
    if (!wDim) return makeError(wDim.error());
    description.wDim = *wDim;

    if (const auto generator = json.find("generator"); generator != json.end()) {
        if (!generator->is_object()) return descriptionError("\"generator\" must be an object");
        description.generator = *generator;
    } else {
        description.generator = nlohmann::json::object();
    }

    Result<int> numWs = readInt(json, "num_ws", 1, 64);
    if (!numWs) return makeError(numWs.error());
    if (description.architecture == "stylegan3") {
        // ws[0] drives the Fourier input, ws[i+1] layer L{i} (NVlabs' default: 14 layers + ToRGB).
        // Where StyleGan3Config::fromJson finds it too: top level, else in synthesis_kwargs.
        const nlohmann::json* settings = &description.generator;
        if (!settings->contains("num_layers") && settings->contains("synthesis_kwargs") && settings->at("synthesis_kwargs").is_object())
            settings = &settings->at("synthesis_kwargs");
        Result<int> layerCount = readInt(*settings, "num_layers", 1, 62, 14, "generator");
        if (!layerCount) return makeError(layerCount.error());
        if (*numWs != *layerCount + 2)
            return descriptionError("num_ws is " + std::to_string(*numWs) + " but a StyleGAN3 generator of " + std::to_string(*layerCount) +
                                    " layers has " + std::to_string(*layerCount + 2));
    } else if (description.architecture == "biggan-deep") {
        // One conditioning site for gen_z and one per GenBlock of generator.layers.
        const auto layerList = description.generator.find("layers");
        if (layerList == description.generator.end() || !layerList->is_array())
            return descriptionError("a biggan-deep description needs its generator's \"layers\" list");
        if (*numWs != static_cast<int>(layerList->size()) + 1)
            return descriptionError("num_ws is " + std::to_string(*numWs) + " but a BigGAN-deep of " + std::to_string(layerList->size()) +
                                    " blocks has " + std::to_string(layerList->size() + 1) + " conditioning sites");
    } else if (*numWs != numWsFor(*resolution)) {
        return descriptionError("num_ws is " + std::to_string(*numWs) + " but a " + std::to_string(*resolution) +
                                " px StyleGAN2 has " + std::to_string(numWsFor(*resolution)) + " (2·log2(resolution) − 2)");
    }
    description.numWs = *numWs;

    Result<std::vector<LayerInfo>> layers = readLayers(json, *numWs, *resolution);
    if (!layers) return makeError(layers.error());
    description.layers = std::move(layers).value();

    if (const auto conditioning = json.find("conditioning"); conditioning != json.end()) {
        Result<Conditioning> parsed = readConditioning(*conditioning);
        if (!parsed) return makeError(parsed.error());
        description.conditioning = std::move(parsed).value();
    }
    // Words go with stylegan2-text, CLIP with lafite; stylegan2 has no text.
    const bool textModel = description.architecture == "stylegan2-text";
    const bool clipModel = description.architecture == "lafite";
    const bool words = description.conditioning.type == ConditioningType::Text && !description.conditioning.clip;
    const bool clip = description.conditioning.type == ConditioningType::Text && description.conditioning.clip;
    if (textModel != words)
        return descriptionError(textModel ? "a stylegan2-text model needs text conditioning with a word tokenizer"
                                          : "word-tokenizer text conditioning needs the stylegan2-text architecture");
    if (clipModel != clip)
        return descriptionError(clipModel ? "a lafite model needs CLIP text conditioning"
                                          : "CLIP text conditioning needs the lafite architecture");
    if (description.architecture == "biggan-deep" && description.conditioning.type != ConditioningType::Class)
        return descriptionError("a biggan-deep model needs class conditioning");

    if (const auto provenance = json.find("provenance"); provenance != json.end()) {
        if (!provenance->is_object()) return descriptionError("\"provenance\" must be an object");
        description.provenance = *provenance;
    }
    Result<std::string> license = readString(json, "license", std::string());
    if (!license) return makeError(license.error());
    description.license = *license;
    return description;
}

} // namespace

nlohmann::json ModelDescription::toJson() const {
    nlohmann::json layerList = nlohmann::json::array();
    for (const LayerInfo& layer : layers) {
        layerList.push_back({{"index", layer.index}, {"name", layer.name}, {"resolution", layer.resolution},
                             {"kind", toString(layer.kind)}});
    }
    nlohmann::json conditioningJson = {{"type", toString(conditioning.type)}};
    if (conditioning.type == ConditioningType::Class) {
        conditioningJson["class_count"] = conditioning.classCount;
        conditioningJson["class_names"] = conditioning.classNames;
    } else if (conditioning.type == ConditioningType::Text && conditioning.clip) {
        conditioningJson["tokenizer"] = {{"type", "clip"}};
        conditioningJson["text_encoder"] = {{"type", "clip"}, {"embed_dim", conditioning.clipFeatureDim}};
    } else if (conditioning.type == ConditioningType::Text) {
        conditioningJson["tokenizer"] = {{"type", "words"}, {"context", conditioning.context},
                                         {"vocabulary", conditioning.vocabulary}};
        conditioningJson["text_encoder"] = conditioning.textEncoder.is_null() ? nlohmann::json::object()
                                                                              : conditioning.textEncoder;
    }
    return {
        {"format_version", formatVersion},
        {"architecture", architecture},
        {"name", name},
        {"resolution", resolution},
        {"img_channels", imgChannels},
        {"z_dim", zDim},
        {"w_dim", wDim},
        {"num_ws", numWs},
        {"generator", generator.is_null() ? nlohmann::json::object() : generator},
        {"layers", layerList},
        {"conditioning", conditioningJson},
        {"provenance", provenance.is_null() ? nlohmann::json::object() : provenance},
        {"license", license},
    };
}

Result<ModelDescription> ModelDescription::fromJson(const nlohmann::json& json) {
    try {
        return parseDescription(json);
    } catch (const std::exception& e) {   // nlohmann type errors cannot happen after the checks; be safe anyway
        return descriptionError(e.what());
    }
}

Result<ModelDescription> ModelDescription::fromJsonText(const std::string& text) {
    auto json = parseUntrustedJson(text, "the text");
    if (!json) return descriptionError(json.error());
    return fromJson(*json);
}

int defaultLayerMixCrossover(const std::vector<LayerInfo>& layers)
{
    const int last = std::max(1, static_cast<int>(layers.size()) - 1);
    for (const LayerInfo& layer : layers)
        if (layer.kind != LayerKind::Coarse) return std::clamp(layer.index, 1, last);
    return last;
}

std::vector<LayerInfo> styleGan2LayerTable(int resolution) {
    std::vector<LayerInfo> layers;
    if (!isPowerOfTwoResolution(resolution)) return layers;
    const int numWs = numWsFor(resolution);
    layers.push_back({0, "b4.conv1", 4, kindFor(4)});
    // Block k (resolution 4·2^k) uses ws[2k-1] for conv0 — shared with the previous block's torgb —
    // and ws[2k] for conv1; the last block's torgb takes the final index alone.
    for (int blockResolution = 8; blockResolution <= resolution; blockResolution *= 2) {
        const std::string block = "b" + std::to_string(blockResolution);
        const std::string previous = "b" + std::to_string(blockResolution / 2);
        const int index = static_cast<int>(layers.size());
        layers.push_back({index, previous + ".torgb+" + block + ".conv0", blockResolution, kindFor(blockResolution)});
        layers.push_back({index + 1, block + ".conv1", blockResolution, kindFor(blockResolution)});
    }
    layers.push_back({numWs - 1, "b" + std::to_string(resolution) + ".torgb", resolution, kindFor(resolution)});
    return layers;
}

Result<ModelDescription> describeNvlabs(const nlohmann::json& initKwargs, const std::string& source,
                                        const std::string& license) {
    nlohmann::json kwargs = initKwargs;
    if (kwargs.is_string()) {   // the fixtures keep init_kwargs as a JSON string inside string metadata
        auto parsed = parseUntrustedJson(initKwargs.get_ref<const std::string&>(), "NVlabs init_kwargs");
        if (!parsed) return Error{parsed.error()};
        kwargs = std::move(*parsed);
    }
    if (!kwargs.is_object()) return makeError("NVlabs init_kwargs must be a JSON object");
    const auto fail = [](const Error& error) {
        return makeError("NVlabs init_kwargs: " + error.message.substr(std::string("Model description: ").size()));
    };
    Result<int> resolution = readInt(kwargs, "img_resolution", kMinResolution, kMaxResolution);
    if (!resolution) return fail(makeError(resolution.error()));
    if (!isPowerOfTwoResolution(*resolution))
        return makeError("NVlabs init_kwargs: img_resolution " + std::to_string(*resolution) + " is not a power of two");
    Result<int> zDim = readInt(kwargs, "z_dim", 0, kMaxFeatureDim);
    if (!zDim) return fail(makeError(zDim.error()));
    Result<int> wDim = readInt(kwargs, "w_dim", 1, kMaxFeatureDim);
    if (!wDim) return fail(makeError(wDim.error()));
    Result<int> cDim = readInt(kwargs, "c_dim", 0, kMaxFeatureDim, 0);
    if (!cDim) return fail(makeError(cDim.error()));
    Result<int> channels = readInt(kwargs, "img_channels", 1, 4, 3);
    if (!channels) return fail(makeError(channels.error()));

    ModelDescription description;
    description.architecture = "stylegan2";
    description.resolution = *resolution;
    description.name = "StyleGAN2 " + std::to_string(*resolution) + " px" + (*cDim > 0 ? " (class-conditional)" : "");
    description.imgChannels = *channels;
    description.zDim = *zDim;
    description.wDim = *wDim;
    description.numWs = numWsFor(*resolution);
    description.generator = kwargs;
    description.layers = styleGan2LayerTable(*resolution);
    // LAFITE: StyleGAN2-ADA whose synthesis layers read a CLIP text feature of size f_dim.
    const auto synthesis = kwargs.find("synthesis_kwargs");
    if (synthesis != kwargs.end() && synthesis->is_object() && synthesis->contains("f_dim")) {
        Result<int> fDim = readInt(*synthesis, "f_dim", 1, kMaxFeatureDim);
        if (!fDim) return fail(makeError(fDim.error()));
        description.name = "LAFITE " + std::to_string(*resolution) + " px (CLIP text)";
        description.architecture = "lafite";
        description.conditioning.type = ConditioningType::Text;
        description.conditioning.clip = true;
        description.conditioning.clipFeatureDim = *fDim;
        description.conditioning.context = 77;
        description.conditioning.textEncoder = {{"type", "clip"}, {"embed_dim", *fDim}};
        description.provenance = {{"source", source}, {"family", "LAFITE (github.com/drboog/Lafite)"}};
        description.license = license.empty() ? std::string(kLafiteLicenseNote) : license;
        return description;
    }
    if (*cDim > 0) {
        description.conditioning.type = ConditioningType::Class;
        description.conditioning.classCount = *cDim;
    }
    description.provenance = {{"source", source}};
    description.license = license;
    return description;
}

Result<ModelDescription> describeNvlabsStyleGan3(const nlohmann::json& initKwargs, std::vector<LayerInfo> layers,
                                                 const std::string& source, const std::string& license) {
    auto description = describeNvlabs(initKwargs, source, license);
    if (!description) return description;
    if (description->architecture != "stylegan2")
        return makeError("NVlabs init_kwargs: a StyleGAN3 generator has no text input (f_dim)");
    description->architecture = "stylegan3";
    description->name = "StyleGAN3 " + std::to_string(description->resolution) + " px" +
                        (description->conditioning.type == ConditioningType::Class ? " (class-conditional)" : "");
    description->numWs = static_cast<int>(layers.size());
    description->layers = std::move(layers);
    return description;
}

const char* toString(LayerKind kind) {
    switch (kind) {
    case LayerKind::Coarse: return "coarse";
    case LayerKind::Middle: return "middle";
    case LayerKind::Fine: return "fine";
    }
    return "?";
}

const char* toString(ConditioningType type) {
    switch (type) {
    case ConditioningType::None: return "none";
    case ConditioningType::Class: return "class";
    case ConditioningType::Text: return "text";
    }
    return "?";
}

} // namespace lscore
