#include "lscore/text_model_file.h"
#include "lscore/json_input.h"

#include <set>
#include <string>

#include "lscore/tokenizer.h"

namespace lscore {

namespace {

// Upper bounds on sizes read from an untrusted description, checked before any network is built so a
// hostile file cannot make us allocate without bound. Far above anything this project trains.
constexpr int kMaxResolution = 1024;
constexpr int kMaxChannels = 1024;
constexpr int kMaxLatentDim = 4096;
constexpr int kMaxMappingLayers = 16;
constexpr int kMaxEncoderWidth = 2048;
constexpr int kMaxEncoderLayers = 24;
constexpr int kMaxContext = 512;
constexpr int kMaxVocabulary = 1'000'000;

std::string str(int value) { return std::to_string(value); }

Error fieldError(const std::string& what, const std::string& fix)
{
    return makeError("model description: " + what + " — " + fix);
}

} // namespace

ModelDescription describeTextModel(const StyleGan2Config& generatorConfig, const TextEncoderConfig& encoderConfig,
                                   const std::vector<std::string>& vocabulary, const std::string& name,
                                   const nlohmann::json& provenance, const std::string& license)
{
    ModelDescription description;
    description.architecture = kTextModelArchitecture;
    description.name = name;
    description.resolution = generatorConfig.img_resolution;
    description.imgChannels = generatorConfig.img_channels;
    description.zDim = generatorConfig.z_dim;
    description.wDim = generatorConfig.w_dim;
    description.numWs = generatorConfig.numWs();
    description.generator = generatorConfig.toJson();
    description.layers = styleGan2LayerTable(generatorConfig.img_resolution);
    description.conditioning.type = ConditioningType::Text;
    description.conditioning.vocabulary = vocabulary;
    description.conditioning.context = encoderConfig.context;
    description.conditioning.textEncoder = encoderConfig.toJson();
    description.provenance = provenance;
    description.license = license;
    return description;
}

Result<std::pair<StyleGan2Config, TextEncoderConfig>> validateTextModelDescription(const ModelDescription& description)
{
    if (description.formatVersion != kModelFormatVersion)
        return fieldError("format_version is " + str(description.formatVersion),
                          "this build reads version " + str(kModelFormatVersion) + "; update Latent Studio");
    if (description.architecture != kTextModelArchitecture)
        return fieldError("architecture is \"" + description.architecture + "\"",
                          std::string("a text model must say \"") + kTextModelArchitecture + "\"");
    if (description.conditioning.type != ConditioningType::Text)
        return fieldError("conditioning type is not \"text\"", "a text model needs a text conditioning block");

    auto generator = StyleGan2Config::fromJson(description.generator);
    if (!generator) return fieldError("the generator block is invalid: " + generator.error(), "re-export the model");
    const StyleGan2Config& g = *generator;
    if (g.img_resolution < 4 || g.img_resolution > kMaxResolution || g.channel_max < 1 || g.channel_max > kMaxChannels
        || g.z_dim < 1 || g.z_dim > kMaxLatentDim || g.w_dim < 1 || g.w_dim > kMaxLatentDim || g.mapping_layers < 1
        || g.mapping_layers > kMaxMappingLayers || g.text_dim > kMaxLatentDim || g.img_channels < 1 || g.img_channels > 4)
        return fieldError("generator sizes are out of range (" + describeJsonValue(description.generator) + ")",
                          "resolution ≤ " + str(kMaxResolution) + ", channels ≤ " + str(kMaxChannels)
                              + ", latent sizes ≤ " + str(kMaxLatentDim));
    if (g.text_dim <= 0)
        return fieldError("generator text_dim is " + str(g.text_dim), "a text model needs text_dim > 0");
    if (g.c_dim != g.text_dim)
        return fieldError("generator c_dim " + str(g.c_dim) + " differs from text_dim " + str(g.text_dim),
                          "the mapping's condition is the pooled text, so they must be equal");
    if (description.resolution != g.img_resolution || description.zDim != g.z_dim || description.wDim != g.w_dim
        || description.imgChannels != g.img_channels)
        return fieldError("resolution/z_dim/w_dim/img_channels (" + str(description.resolution) + "/"
                              + str(description.zDim) + "/" + str(description.wDim) + "/" + str(description.imgChannels)
                              + ") disagree with the generator block (" + str(g.img_resolution) + "/" + str(g.z_dim)
                              + "/" + str(g.w_dim) + "/" + str(g.img_channels) + ")",
                          "they must be equal");
    if (description.numWs != g.numWs() || static_cast<int>(description.layers.size()) != g.numWs())
        return fieldError("num_ws " + str(description.numWs) + " and a layer table of "
                              + str(static_cast<int>(description.layers.size())) + " entries",
                          "a " + str(g.img_resolution) + " px generator has " + str(g.numWs()) + " layers");

    auto encoder = TextEncoderConfig::fromJson(description.conditioning.textEncoder);
    if (!encoder) return fieldError("the text_encoder block is invalid: " + encoder.error(), "re-export the model");
    const TextEncoderConfig& e = *encoder;
    if (e.width < 1 || e.width > kMaxEncoderWidth || e.layers < 0 || e.layers > kMaxEncoderLayers || e.heads < 1
        || e.context < 2 || e.context > kMaxContext || e.vocab_size > kMaxVocabulary + kFirstWordToken)
        return fieldError("text encoder sizes are out of range (" + describeJsonValue(description.conditioning.textEncoder) + ")",
                          "width ≤ " + str(kMaxEncoderWidth) + ", layers ≤ " + str(kMaxEncoderLayers) + ", context ≤ "
                              + str(kMaxContext));
    if (e.out_dim != g.text_dim)
        return fieldError("text encoder out_dim " + str(e.out_dim) + " differs from generator text_dim "
                              + str(g.text_dim),
                          "they must be equal");
    const auto& vocabulary = description.conditioning.vocabulary;
    if (vocabulary.empty()) return fieldError("the vocabulary is empty", "a text model lists the words it knows");
    if (e.vocab_size != kFirstWordToken + static_cast<int>(vocabulary.size()))
        return fieldError("text encoder vocab_size " + str(e.vocab_size) + " but the vocabulary has "
                              + str(static_cast<int>(vocabulary.size())) + " words",
                          "vocab_size must be words + " + str(kFirstWordToken) + " special tokens");
    if (std::set<std::string>(vocabulary.begin(), vocabulary.end()).size() != vocabulary.size())
        return fieldError("the vocabulary lists a word twice", "every word must map to one id");
    if (description.conditioning.context != e.context)
        return fieldError("tokenizer context " + str(description.conditioning.context) + " differs from the encoder's "
                              + str(e.context),
                          "they must be equal");
    return std::make_pair(g, e);
}

Status writeTextModel(const std::string& path, Generator& generator, TextEncoder& textEncoder,
                      const ModelDescription& description, StoredDtype dtype)
{
    auto configs = validateTextModelDescription(description);
    if (!configs) return makeError(path + ": refusing to write: " + configs.error());
    if (configs->first.toJson() != generator->config.toJson())
        return makeError(path + ": refusing to write: the description's generator block "
                         + configs->first.toJson().dump() + " does not describe this generator "
                         + generator->config.toJson().dump());
    if (configs->second.toJson() != textEncoder->config.toJson())
        return makeError(path + ": refusing to write: the description's text_encoder block "
                         + configs->second.toJson().dump() + " does not describe this text encoder "
                         + textEncoder->config.toJson().dump());
    try {
        torch::NoGradGuard noGrad;
        std::map<std::string, torch::Tensor> tensors = collectTensors(*generator);
        for (auto& [name, tensor] : collectTensors(*textEncoder, kTextEncoderPrefix)) {
            if (tensors.count(name))
                return makeError(path + ": tensor name clash between generator and text encoder: " + name);
            tensors.emplace(name, tensor.detach());
        }
        for (auto& [name, tensor] : tensors) tensor = tensor.detach().to(torch::kCPU);
        const std::map<std::string, std::string> metadata{{"description", description.toJson().dump()}};
        SafetensorsWriteOptions options;
        options.dtype = dtype;
        return writeSafetensors(path, tensors, metadata, options);
    } catch (const std::exception& error) {
        return makeError(path + ": could not write the model: " + error.what());
    }
}

Result<LoadedTextModel> textModelFromTensorFile(const TensorFile& file, const std::string& displayName)
{
    const auto it = file.metadata.find("description");
    if (it == file.metadata.end())
        return makeError(displayName + ": no model description in the file's metadata — this is not a Latent "
                                       "Studio text model (was it written by writeTextModel?)");
    auto description = ModelDescription::fromJsonText(it->second);
    if (!description) return makeError(displayName + ": " + description.error());
    auto configs = validateTextModelDescription(*description);
    if (!configs) return makeError(displayName + ": " + configs.error());

    try {
        LoadedTextModel model;
        model.description = std::move(*description);
        model.generatorConfig = configs->first;
        model.textEncoderConfig = configs->second;
        model.storedDtypes = file.storedDtypes;
        model.generator = Generator(model.generatorConfig);
        model.textEncoder = TextEncoder(model.textEncoderConfig);
        if (Status loaded = loadTensors(*model.generator, file.tensors); !loaded)
            return makeError(displayName + ": generator weights: " + loaded.error());
        if (Status loaded = loadTensors(*model.textEncoder, file.tensors, kTextEncoderPrefix); !loaded)
            return makeError(displayName + ": text encoder weights: " + loaded.error());

        if (Status finite = checkTensorsFinite(file.tensors, displayName); !finite) return Error{finite.error()};
        for (torch::nn::Module* module : {static_cast<torch::nn::Module*>(model.generator.get()),
                                          static_cast<torch::nn::Module*>(model.textEncoder.get())}) {
            module->eval();
            for (auto& parameter : module->parameters()) parameter.set_requires_grad(false);
        }
        return model;
    } catch (const std::exception& error) {
        return makeError(displayName + ": could not build the networks: " + error.what());
    }
}

Result<LoadedTextModel> readTextModel(const std::string& path)
{
    auto file = readSafetensors(path);
    if (!file) return Error{file.error()};
    return textModelFromTensorFile(*file, path);
}

} // namespace lscore
