// Training checkpoints: writing them, and resuming a run from one.

#include "trainer_impl.h"

namespace lstrain {
namespace {

constexpr const char* kCheckpointFormat = "latent-studio-shapes-world-v2-checkpoint";
constexpr int kCheckpointVersion = 1;

} // namespace

nlohmann::json Trainer::Impl::checkpointRecord() const
{
    return {{"format", kCheckpointFormat},
            {"version", kCheckpointVersion},
            {"options", options.toJson()},
            {"steps", steps},
            {"images_seen", imagesSeen},
            {"training_seconds", seconds},
            {"adam_steps", adam.steps},
            {"discriminator_adam_steps", discriminatorAdam.steps},
            {"discriminator_steps", discriminatorSteps},
            {"written", nowIso8601()}};
}

Status Trainer::saveCheckpoint(const std::string& path, bool compact)
{
    try {
        const std::map<std::string, std::string> metadata{{"trainer", m_impl->checkpointRecord().dump()}};
        lscore::SafetensorsWriteOptions write;
        // bfloat16 keeps float32's exponent range, which Adam's second moments (down to 1e-12) need.
        if (compact) write.dtype = lscore::StoredDtype::BF16;
        return lscore::writeSafetensors(path, m_impl->stateTensors(), metadata, write);
    } catch (const std::exception& error) {
        return lscore::makeError(path + ": could not write the checkpoint: " + error.what());
    }
}

Result<std::unique_ptr<Trainer>> Trainer::resume(const std::string& checkpointPath, const std::string& device,
                                                 const OptionValues& changes)
{
    auto file = lscore::readSafetensors(checkpointPath);
    if (!file) return Error{file.error()};
    const auto it = file->metadata.find("trainer");
    if (it == file->metadata.end())
        return lscore::makeError(checkpointPath + ": not a training checkpoint (no 'trainer' metadata)");
    const nlohmann::json record = nlohmann::json::parse(it->second, nullptr, false);
    if (record.is_discarded() || !record.is_object() || record.value("format", "") != kCheckpointFormat)
        return lscore::makeError(checkpointPath + ": not a Shapes World v2 training checkpoint (its 'trainer' record has "
                                 "another format); start a new run with another --out");
    if (record.value("version", 0) != kCheckpointVersion)
        return lscore::makeError(checkpointPath + ": checkpoint version " + std::to_string(record.value("version", 0))
                                 + " is not supported by this build (expects " + std::to_string(kCheckpointVersion) + ")");
    auto options = TrainerOptions::fromJson(record.value("options", nlohmann::json::object()));
    if (!options) return lscore::makeError(checkpointPath + ": " + options.error());
    if (!device.empty()) options->device = device;

    // Options that define the run's networks or data stream cannot change under it.
    const OptionValues changed = options->changedFrom(changes);
    for (const auto& [key, value] : changed) {
        for (const OptionSpec& spec : trainerOptionTable()) {
            if (spec.key != key || spec.changeableOnResume) continue;
            return lscore::makeError(std::string(spec.flag) + " cannot change on a resumed run (the run has "
                                     + formatOptionValue(spec, spec.get(*options)) + ", asked for " + formatOptionValue(spec, value)
                                     + "): leave it out, or start a new run with another --out");
        }
    }
    if (Status s = options->apply(changed); !s) return lscore::makeError(checkpointPath + ": " + s.error());

    auto trainer = create(*options);
    if (!trainer) return lscore::makeError(checkpointPath + ": " + trainer.error());
    Impl& impl = *(*trainer)->m_impl;
    try {
        torch::NoGradGuard noGrad;
        // A checkpoint from before sharpening existed has no D: it starts fresh, with zero moments.
        const bool hasDiscriminator = record.contains("discriminator_adam_steps");
        for (auto& [prefix, module] : impl.namedModules()) {
            if (prefix == "D." && !hasDiscriminator) continue;
            std::map<std::string, torch::Tensor> onDevice;
            for (const auto& [name, tensor] : file->tensors)
                if (name.rfind(prefix, 0) == 0) onDevice[name] = tensor.to(impl.device);
            if (Status loaded = lscore::loadTensors(*module, onDevice, prefix); !loaded)
                return lscore::makeError(checkpointPath + ": " + loaded.error());
        }
        std::map<std::string, torch::Tensor> moments;
        for (const auto& [name, tensor] : file->tensors)
            if (name.rfind("opt.", 0) == 0) moments[name] = tensor.to(impl.device);
        if (Status s = impl.adam.restore(moments); !s) return lscore::makeError(checkpointPath + ": " + s.error());
        if (hasDiscriminator) {
            if (Status s = impl.discriminatorAdam.restore(moments); !s) return lscore::makeError(checkpointPath + ": " + s.error());
            impl.discriminatorAdam.steps = record.at("discriminator_adam_steps").get<std::int64_t>();
            impl.discriminatorSteps = record.at("discriminator_steps").get<std::int64_t>();
        }
        impl.steps = record.at("steps").get<std::int64_t>();
        impl.imagesSeen = record.at("images_seen").get<std::int64_t>();
        impl.seconds = record.at("training_seconds").get<double>();
        impl.adam.steps = record.at("adam_steps").get<std::int64_t>();
    } catch (const std::exception& error) {
        return lscore::makeError(checkpointPath + ": could not restore the training state: " + error.what());
    }
    return trainer;
}

} // namespace lstrain
