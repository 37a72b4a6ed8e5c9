// The trainer's option table: parsing, ranges, JSON and --help from one list.
#include "lstrain/trainer_options.h"

#include <algorithm>
#include <charconv>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "lscore/tokenizer.h"
#include "lstrain/shapes_world.h"

namespace lstrain {
namespace {

// Integer fields are read and written through doubles: every range below is far inside 2^53.
#define LSTRAIN_OPTION(key, flag, integer, lo, hi, resume, help, field)                                           \
    OptionSpec{key, flag, integer, lo, hi, resume, help,                                                            \
               [](const TrainerOptions& o) { return static_cast<double>(o.field); },                                \
               [](TrainerOptions& o, double v) { o.field = static_cast<decltype(o.field)>(v); }}

const std::array<OptionSpec, 21> kOptions{{
    LSTRAIN_OPTION("resolution", "--resolution", true, 16, 1024, false, "image size in pixels (a power of two)", resolution),
    LSTRAIN_OPTION("generator_channel_base", "--g-channel-base", true, 64, 65536, false,
                   "generator channels C(r) = min(base / r, max)", generatorChannelBase),
    LSTRAIN_OPTION("generator_channel_max", "--g-channel-max", true, 8, 1024, false, "largest generator layer width", generatorChannelMax),
    LSTRAIN_OPTION("z_dim", "--z-dim", true, 50, 1024, false, "latent size (the scene code needs 50)", zDim),
    LSTRAIN_OPTION("w_dim", "--w-dim", true, 16, 1024, false, "intermediate latent size", wDim),
    LSTRAIN_OPTION("mapping_layers", "--mapping-layers", true, 1, 8, false, "mapping network depth", mappingLayers),
    LSTRAIN_OPTION("mapping_lr_multiplier", "--mapping-lr-mult", false, 0.001, 1.0, false,
                   "mapping learning-rate multiplier", mappingLrMultiplier),
    LSTRAIN_OPTION("seed", "--seed", true, 0, 9007199254740991.0, false, "run seed (initial weights, data stream)", seed),
    LSTRAIN_OPTION("batch", "--batch", true, 1, 4096, false,
                   "images per step; for a larger batch raise --lr about x sqrt(batch / 8)", batch),
    LSTRAIN_OPTION("generator_lr", "--lr", false, 1e-6, 0.1, true, "Adam learning rate", generatorLr),
    LSTRAIN_OPTION("beta1", "--beta1", false, 0.0, 0.999, true, "Adam beta1", beta1),
    LSTRAIN_OPTION("beta2", "--beta2", false, 0.5, 0.9999, true, "Adam beta2", beta2),
    LSTRAIN_OPTION("ema_kimg", "--ema-kimg", false, 0.0, 1000.0, true, "EMA half-life of the sampled generator, kimg", emaKimg),
    LSTRAIN_OPTION("ema_rampup", "--ema-rampup", false, 0.0, 1.0, true, "EMA ramp-up (fraction of images seen; 0 = off)", emaRampup),
    LSTRAIN_OPTION("object_weight", "--object-weight", false, 0.0, 100.0, true,
                   "weight of the L1 over the object's bounding disc", objectWeight),
    LSTRAIN_OPTION("detail_weight", "--detail-weight", false, 0.0, 100.0, true,
                   "weight of the L1 between the high-pass images (x minus its 3x3 mean) over the object's disc", detailWeight),
    LSTRAIN_OPTION("pyramid_levels", "--pyramid", true, 0, 6, true, "also compare the images pooled by 2 .. 2^N", pyramidLevels),
    LSTRAIN_OPTION("layer_mix_prob", "--mix-prob", false, 0.0, 1.0, true,
                   "fraction of each batch trained as a coarse / fine layer mix", layerMixProb),
    LSTRAIN_OPTION("adversarial_weight", "--adv-weight", false, 0.0, 10.0, true,
                   "weight of the patch discriminator's sharpening term (0 = regression only)", adversarialWeight),
    LSTRAIN_OPTION("discriminator_lr", "--d-lr", false, 1e-6, 0.1, true, "patch discriminator's Adam learning rate", discriminatorLr),
    LSTRAIN_OPTION("r1_gamma", "--r1", false, 0.0, 100.0, true, "R1 penalty on the discriminator's real gradients", r1Gamma),
}};
#undef LSTRAIN_OPTION

const OptionSpec* findByKey(std::string_view key)
{
    const auto it = std::ranges::find_if(kOptions, [&](const OptionSpec& o) { return o.key == key; });
    return it == kOptions.end() ? nullptr : &*it;
}

Status checkValue(const OptionSpec& spec, double value)
{
    if (!std::isfinite(value) || value < spec.min || value > spec.max || (spec.integer && value != std::floor(value)))
        return lscore::makeError(std::string(spec.flag) + " must be " + (spec.integer ? "an integer" : "a number") + " from "
                                 + formatOptionValue(spec, spec.min) + " to " + formatOptionValue(spec, spec.max) + ", got "
                                 + formatOptionValue(spec, value));
    return Status::success();
}

} // namespace

std::span<const OptionSpec> trainerOptionTable() { return kOptions; }

std::string formatOptionValue(const OptionSpec& spec, double value)
{
    char text[64];
    if (spec.integer) std::snprintf(text, sizeof text, "%.0f", value);
    else std::snprintf(text, sizeof text, "%g", value);
    return text;
}

const OptionSpec* findOptionByFlag(std::string_view flag)
{
    const auto it = std::ranges::find_if(kOptions, [&](const OptionSpec& o) { return o.flag == flag; });
    return it == kOptions.end() ? nullptr : &*it;
}

Status parseOptionFlag(std::string_view flag, std::string_view text, OptionValues& values)
{
    const OptionSpec* spec = findOptionByFlag(flag);
    if (!spec) return lscore::makeError("unknown option " + std::string(flag));
    // The whole text must be the number: no leading space, hexadecimal or trailing junk.
    double value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc() || end != text.data() + text.size())
        return lscore::makeError(std::string(flag) + " needs a number, got \"" + std::string(text.substr(0, 40)) + "\"");
    if (Status s = checkValue(*spec, value); !s) return s;
    values[std::string(spec->key)] = value;
    return Status::success();
}

std::string describeOption(const OptionSpec& spec)
{
    const TrainerOptions defaults;
    return std::string(spec.help) + "\ndefault " + formatOptionValue(spec, spec.get(defaults)) + ", range "
           + formatOptionValue(spec, spec.min) + " .. " + formatOptionValue(spec, spec.max)
           + (spec.changeableOnResume ? "" : "; new runs only");
}

Status TrainerOptions::apply(const OptionValues& values)
{
    TrainerOptions next = *this;
    for (const auto& [key, value] : values) {
        const OptionSpec* spec = findByKey(key);
        if (!spec) return lscore::makeError("unknown training option \"" + key + "\"");
        if (Status s = checkValue(*spec, value); !s) return s;
        spec->set(next, value);
    }
    if (next.resolution < 16 || (next.resolution & (next.resolution - 1)) != 0)
        return lscore::makeError("--resolution must be a power of two from 16 to 1024, got " + std::to_string(next.resolution));
    *this = next;
    return Status::success();
}

OptionValues TrainerOptions::changedFrom(const OptionValues& values) const
{
    OptionValues changed;
    for (const auto& [key, value] : values) {
        const OptionSpec* spec = findByKey(key);
        if (!spec || spec->get(*this) != value) changed[key] = value;
    }
    return changed;
}

lscore::StyleGan2Config TrainerOptions::generatorConfig() const
{
    lscore::StyleGan2Config g;
    g.img_resolution = resolution;
    g.img_channels = 3;
    g.z_dim = zDim;
    g.w_dim = wDim;
    g.mapping_layers = mappingLayers;
    g.mapping_lr_multiplier = mappingLrMultiplier;
    g.architecture = "skip";
    g.channel_base = generatorChannelBase;
    g.channel_max = generatorChannelMax;
    const lscore::TextEncoderConfig text = textEncoderConfig();
    g.text_dim = text.out_dim;
    g.c_dim = text.out_dim;
    return g;
}

lscore::TextEncoderConfig TrainerOptions::textEncoderConfig() const
{
    lscore::TextEncoderConfig t;
    t.vocab_size = lscore::kFirstWordToken + static_cast<int>(shapesWorldVocabulary().size());
    t.context = kShapesWorldContext;
    t.width = 128;
    t.layers = 2;
    t.heads = 4;
    t.out_dim = 128;
    return t;
}

nlohmann::json TrainerOptions::toJson() const
{
    nlohmann::json json = nlohmann::json::object();
    for (const OptionSpec& spec : kOptions) {
        const double value = spec.get(*this);
        if (spec.integer) json[std::string(spec.key)] = static_cast<std::int64_t>(value);
        else json[std::string(spec.key)] = value;
    }
    json["device"] = device;
    return json;
}

Result<TrainerOptions> TrainerOptions::fromJson(const nlohmann::json& json)
{
    if (!json.is_object()) return lscore::makeError("the trainer options record is not a JSON object");
    TrainerOptions options;
    OptionValues values;
    for (const OptionSpec& spec : kOptions) {
        const auto it = json.find(std::string(spec.key));
        // A record written before a changeable option existed ran without it: its default applies.
        if (it == json.end() && spec.changeableOnResume) continue;
        if (it == json.end()) return lscore::makeError("the trainer options record lacks \"" + std::string(spec.key) + "\"");
        if (!it->is_number()) return lscore::makeError("the trainer option \"" + std::string(spec.key) + "\" is not a number");
        values[std::string(spec.key)] = it->get<double>();
    }
    if (Status s = options.apply(values); !s) return lscore::makeError("the trainer options record: " + s.error());
    const auto device = json.find("device");
    if (device != json.end() && device->is_string()) options.device = device->get<std::string>();
    return options;
}

} // namespace lstrain
