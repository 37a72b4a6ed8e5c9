#pragma once
// The trainer's options and the one table that describes them.
//
// Every option is a number with a JSON key, a command-line flag, a range, a help line and whether a
// resumed run may change it. The table drives `latent-studio-lab train`'s parsing and --help, the
// options record in checkpoints, and the refusal of a fixed option changed on --resume — so a new
// option is one row here and one field in TrainerOptions.
//
//   lstrain::OptionValues given;
//   if (Status s = lstrain::parseOptionFlag("--lr", "0.001", given); !s) return usage(s.error());
//   lstrain::TrainerOptions options;
//   if (Status s = options.apply(given); !s) return fail(s.error());
//   nlohmann::json record = options.toJson();                      // what the checkpoint stores

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "lscore/result.h"
#include "lscore/stylegan2.h"
#include "lscore/text_encoder.h"

namespace lstrain {

using lscore::Result;
using lscore::Status;

// Option values by JSON key.
using OptionValues = std::map<std::string, double>;

struct TrainerOptions {
    // Network (fixed for a run).
    int resolution = 128;
    int generatorChannelBase = 1024;   // channels C(r) = min(base / r, max)
    int generatorChannelMax = 128;
    int zDim = 64;
    int wDim = 128;
    int mappingLayers = 4;
    double mappingLrMultiplier = 1.0;  // the supervised objective decodes scene codes faster at full rate
    // Data and optimiser (fixed for a run: they define its data stream and step).
    std::uint64_t seed = 1;
    int batch = 8;
    // May change on resume.
    double generatorLr = 0.002;
    double beta1 = 0.9;
    double beta2 = 0.99;
    double emaKimg = 10.0;             // EMA half-life in thousands of images
    double emaRampup = 0.05;           // ≤ 0 disables the ramp-up
    double objectWeight = 5.0;
    double detailWeight = 0.0;         // L1 of the high-pass images over the object's disc (stripes, dots, arms)
    int pyramidLevels = 4;
    double layerMixProb = 0.25;
    double adversarialWeight = 0.1;    // the patch discriminator's sharpening term (lstrain/trainer.h)
    double discriminatorLr = 0.002;
    double r1Gamma = 1.0;
    std::string device = "cpu";        // not in the table: a resumed run may move devices freely

    // Sets the options named in `values`; an unknown key or a value out of its range is an error.
    Status apply(const OptionValues& values);
    // The keys of `values` whose value differs from this run's.
    OptionValues changedFrom(const OptionValues& values) const;

    lscore::StyleGan2Config generatorConfig() const;
    lscore::TextEncoderConfig textEncoderConfig() const;

    nlohmann::json toJson() const;
    static Result<TrainerOptions> fromJson(const nlohmann::json& json);
};

struct OptionSpec {
    std::string_view key;          // JSON key in the checkpoint's options record
    std::string_view flag;         // command-line flag
    bool integer;
    double min, max;               // inclusive
    bool changeableOnResume;
    std::string_view help;
    double (*get)(const TrainerOptions&);
    void (*set)(TrainerOptions&, double);
};

std::span<const OptionSpec> trainerOptionTable();
// A value as its option writes it: integers without a fraction, numbers in %g.
std::string formatOptionValue(const OptionSpec& spec, double value);
const OptionSpec* findOptionByFlag(std::string_view flag);

// Parses `text` for the option behind `flag` into `values` (by key); errors name the flag and range.
Status parseOptionFlag(std::string_view flag, std::string_view text, OptionValues& values);
// An option's --help text: its help line, then its default, its range and "new runs only" where fixed.
std::string describeOption(const OptionSpec& spec);

} // namespace lstrain
