// StyleGan2Config: NVlabs init_kwargs <-> config, with validation that names the bad field.
#include <cmath>
#include "lscore/json_input.h"
#include <cstdint>
#include <limits>
#include <string>

#include <nlohmann/json.hpp>

#include "generator_settings.h"
#include "lscore/stylegan2.h"

namespace lscore {

namespace {

using nlohmann::json;
using namespace generator_settings;

bool isPowerOfTwo(int value) { return value > 0 && (value & (value - 1)) == 0; }

// Settings NVlabs allows to vary that this implementation does not: refuse them instead of
// rendering something silently different from the reference.
std::optional<std::string> refuseUnsupported(const json* synthesis, const json* mapping, const json& top)
{
    if (const json* filter = findKey("resample_filter", {&top, synthesis}); filter && !filter->is_null()) {
        if (*filter != json::array({1, 3, 3, 1})) {
            return fieldError("resample_filter", "is " + filter->dump() + "; only [1,3,3,1] is supported");
        }
    }
    if (const json* noise = findKey("use_noise", {&top, synthesis}); noise && !noise->is_null()) {
        if (!noise->is_boolean() || !noise->get<bool>()) {
            return fieldError("use_noise", "is " + noise->dump() + "; only true is supported");
        }
    }
    if (const json* activation = findKey("activation", {&top, synthesis}); activation && !activation->is_null()) {
        if (*activation != "lrelu") {
            return fieldError("activation", "is " + activation->dump() + "; only \"lrelu\" is supported");
        }
    }
    if (mapping && mapping->is_object()) {
        if (const json* activation = findKey("activation", {mapping}); activation && !activation->is_null()) {
            if (*activation != "lrelu") {
                return fieldError("mapping_kwargs.activation",
                                  "is " + activation->dump() + "; only \"lrelu\" is supported");
            }
        }
    }
    return std::nullopt;
}

} // namespace

// The 4 × 4 block is counted with two convolutions although it has one: high by about 10 %.
double StyleGan2Config::estimatedParameterCount() const
{
    // A layer's style head: the affine, or LAFITE's two text layers and its affine over [text ; w].
    const bool lafite = text_dim > 0 && text_input == TextInput::Lafite;
    const double hidden = (text_dim + 512) / 2;
    const double styleDim = lafite ? 512.0 + w_dim : static_cast<double>(w_dim + text_dim);
    const double perLayerText = lafite ? text_dim * hidden + hidden * 512.0 : 0.0;
    double count = static_cast<double>(z_dim + (c_dim > 0 ? w_dim : 0)) * w_dim +
                   static_cast<double>(mapping_layers) * w_dim * w_dim +
                   static_cast<double>(c_dim) * w_dim;
    int previous = 0;
    for (int res = 4; res <= img_resolution; res *= 2) {
        const double channels = channelsAt(res);
        const double in = previous > 0 ? previous : channels;
        count += (in + channels) * channels * 9.0 + (in + channels) * styleDim;   // conv0/conv1 + affines
        count += channels * img_channels + channels * styleDim;                   // torgb
        count += 3.0 * perLayerText;                                              // LAFITE text heads
        count += 2.0 * res * res;                                                 // noise_const
        previous = static_cast<int>(channels);
    }
    return count;
}

int StyleGan2Config::numWs() const
{
    int log2 = 0;
    while ((1 << (log2 + 1)) <= img_resolution) ++log2;
    return 2 * log2 - 2;
}

int StyleGan2Config::channelsAt(int resolution) const
{
    return std::min(channel_base / resolution, channel_max);
}

Result<StyleGan2Config> StyleGan2Config::fromJson(const nlohmann::json& initKwargs)
{
    if (!initKwargs.is_object()) {
        return makeError("generator settings (init_kwargs) must be a JSON object, not " + describeJsonValue(initKwargs));
    }
    StyleGan2Config config;
    const json& top = initKwargs;
    const json* synthesis = top.contains("synthesis_kwargs") ? &top.at("synthesis_kwargs") : nullptr;
    const json* mapping = top.contains("mapping_kwargs") ? &top.at("mapping_kwargs") : nullptr;
    if (synthesis && !synthesis->is_null() && !synthesis->is_object()) {
        return makeError(fieldError("synthesis_kwargs", "must be an object, not " + synthesis->dump()));
    }
    if (mapping && !mapping->is_null() && !mapping->is_object()) {
        return makeError(fieldError("mapping_kwargs", "must be an object, not " + mapping->dump()));
    }

    constexpr int kMaxDim = 8192;
    for (const char* required : {"z_dim", "w_dim", "img_resolution"}) {
        if (!top.contains(required)) {
            return makeError(fieldError(required, "is missing"));
        }
    }
    std::optional<std::string> problem;
    if ((problem = readInt("z_dim", findKey("z_dim", {&top}), config.z_dim, 0, kMaxDim))) return makeError(*problem);
    if ((problem = readInt("c_dim", findKey("c_dim", {&top}), config.c_dim, 0, kMaxDim))) return makeError(*problem);
    if ((problem = readInt("w_dim", findKey("w_dim", {&top}), config.w_dim, 1, kMaxDim))) return makeError(*problem);
    if ((problem = readInt("img_resolution", findKey("img_resolution", {&top}), config.img_resolution, 4, 4096)))
        return makeError(*problem);
    if ((problem = readInt("img_channels", findKey("img_channels", {&top}), config.img_channels, 1, 16)))
        return makeError(*problem);
    if ((problem = readInt("text_dim", findKey("text_dim", {&top}), config.text_dim, 0, kMaxDim)))
        return makeError(*problem);
    // LAFITE: its snapshots name the CLIP feature's size f_dim and the structure switch `change` in
    // synthesis_kwargs; this project's files say text_input "lafite" with text_dim.
    if (const json* input = findKey("text_input", {&top}); input && !input->is_null()) {
        if (*input == "lafite") config.text_input = StyleGan2Config::TextInput::Lafite;
        else if (*input != "concat") return makeError(fieldError("text_input", "is " + input->dump() + "; expected \"concat\" or \"lafite\""));
    }
    if (const json* fDim = findKey("f_dim", {synthesis}); fDim && !fDim->is_null()) {
        config.text_input = StyleGan2Config::TextInput::Lafite;
        if ((problem = readInt("synthesis_kwargs.f_dim", fDim, config.text_dim, 1, kMaxDim))) return makeError(*problem);
    }
    if (const json* change = findKey("change", {&top, synthesis}); change && !change->is_null()) {
        if ((problem = readInt("change", change, config.lafite_change, 4, 1 << 16))) return makeError(*problem);
    }
    if ((problem = readInt("mapping_kwargs.num_layers", findKey("num_layers", {mapping}), config.mapping_layers, 1, 64)))
        return makeError(*problem);
    if ((problem = readPositiveDouble("mapping_kwargs.lr_multiplier", findKey("lr_multiplier", {mapping}),
                                      config.mapping_lr_multiplier)))
        return makeError(*problem);
    if (const json* beta = findKey("w_avg_beta", {mapping}); beta && !beta->is_null()) {
        if (!beta->is_number() || beta->get<double>() < 0.0 || beta->get<double>() > 1.0) {
            return makeError(fieldError("mapping_kwargs.w_avg_beta", "must be a number in [0, 1], not " + beta->dump()));
        }
        config.w_avg_beta = beta->get<double>();
    }
    if ((problem = readInt("channel_base", findKey("channel_base", {&top, synthesis}), config.channel_base, 1,
                           1 << 24)))
        return makeError(*problem);
    if ((problem = readInt("channel_max", findKey("channel_max", {&top, synthesis}), config.channel_max, 1, kMaxDim)))
        return makeError(*problem);

    // conv_clamp: absent = NVlabs SynthesisBlock's default of 256; null = no clamping.
    config.conv_clamp = 256.0;
    if ((problem = readClamp(findKey("conv_clamp", {&top, synthesis}), config.conv_clamp))) return makeError(*problem);

    if (const json* architecture = findKey("architecture", {&top, synthesis}); architecture && !architecture->is_null()) {
        if (!architecture->is_string()) {
            return makeError(fieldError("architecture", "must be a string, not " + architecture->dump()));
        }
        config.architecture = architecture->get<std::string>();
    }
    if (config.architecture != "skip" && config.architecture != "resnet" && config.architecture != "orig") {
        return makeError(fieldError("architecture", "is \"" + config.architecture +
                                                        "\"; expected \"skip\", \"resnet\" or \"orig\""));
    }
    if (!isPowerOfTwo(config.img_resolution)) {
        return makeError(fieldError("img_resolution", "is " + std::to_string(config.img_resolution) +
                                                          "; it must be a power of two between 4 and 4096"));
    }
    if (config.z_dim + config.c_dim == 0) {
        return makeError(fieldError("z_dim", "and c_dim are both 0; the mapping network needs an input"));
    }
    if (config.channelsAt(config.img_resolution) < 1) {
        return makeError(fieldError("channel_base", "(" + std::to_string(config.channel_base) +
                                                        ") gives no channels at " +
                                                        std::to_string(config.img_resolution) + " px"));
    }
    if (config.text_input == StyleGan2Config::TextInput::Lafite) {
        if (config.text_dim <= 0)
            return makeError(fieldError("f_dim", "is missing; a LAFITE generator needs the size of its CLIP feature"));
        if (config.c_dim != 0)
            return makeError(fieldError("c_dim", "is " + std::to_string(config.c_dim) +
                                                     "; LAFITE generators trained with class labels (--cond) are not supported"));
        if (config.img_resolution > config.lafite_change)
            return makeError("LAFITE blocks above " + std::to_string(config.lafite_change) + " px (change = " +
                             std::to_string(config.lafite_change) + ") use the text structure 1, which no released "
                             "snapshot has and this reader does not implement; only structure 2 is supported");
        if (config.architecture != "skip")
            return makeError(fieldError("architecture", "is \"" + config.architecture + "\"; LAFITE generators are \"skip\""));
    } else if (config.text_dim > 0 && config.c_dim != config.text_dim) {
        return makeError(fieldError("c_dim", "is " + std::to_string(config.c_dim) + " but text_dim is " +
                                                 std::to_string(config.text_dim) +
                                                 "; a text model's mapping takes the pooled text (c_dim == text_dim)"));
    }
    if (auto unsupported = refuseUnsupported(synthesis, mapping, top)) return makeError(*unsupported);
    // NVlabs allows embed/layer feature counts other than w_dim; no known snapshot uses them.
    for (const char* key : {"embed_features", "layer_features"}) {
        if (const json* features = findKey(key, {mapping}); features && !features->is_null()) {
            if (!features->is_number_integer() || features->get<long long>() != config.w_dim) {
                return makeError(fieldError(std::string("mapping_kwargs.") + key,
                                            "is " + features->dump() + "; only null or w_dim is supported"));
            }
        }
    }
    if (config.estimatedParameterCount() > kMaxGeneratorParameters) {
        return makeError("generator settings describe a network of about " +
                         std::to_string(static_cast<long long>(config.estimatedParameterCount() / 1e6)) +
                         " M parameters, more than this build accepts (1000 M); the settings are damaged");
    }
    return config;
}

nlohmann::json StyleGan2Config::toJson() const
{
    json out = {
        {"z_dim", z_dim},
        {"c_dim", c_dim},
        {"w_dim", w_dim},
        {"img_resolution", img_resolution},
        {"img_channels", img_channels},
        {"mapping_kwargs", {{"num_layers", mapping_layers}, {"lr_multiplier", mapping_lr_multiplier},
                            {"w_avg_beta", w_avg_beta}}},
        {"channel_base", channel_base},
        {"channel_max", channel_max},
        {"architecture", architecture},
        {"text_dim", text_dim},
    };
    if (text_input == TextInput::Lafite) {
        out["text_input"] = "lafite";
        out["change"] = lafite_change;
    }
    // Always written, so that "no clamping" survives a round trip instead of becoming 256.
    out["conv_clamp"] = conv_clamp ? json(*conv_clamp) : json(nullptr);
    return out;
}

} // namespace lscore
