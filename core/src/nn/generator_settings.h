#pragma once
// Reading NVlabs init_kwargs fields (StyleGAN2 and StyleGAN3 configs): a missing or null key keeps
// the default, a bad one is refused with a message naming the field. Internal to lscore_nn.
#include <cmath>
#include <initializer_list>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace lscore::generator_settings {

using nlohmann::json;

// The largest generator we agree to build from a file's settings. NVlabs' 1024 px FFHQ generator has
// about 30 M parameters; anything above this limit is a damaged or hostile header, not a model.
inline constexpr double kMaxGeneratorParameters = 1.0e9;

inline std::string fieldError(const std::string& field, const std::string& problem)
{
    return "generator setting '" + field + "' " + problem +
           "; the model's settings (init_kwargs, config.json) are damaged or describe a network this build cannot run";
}

// Looks a key up in the first object that has it (top level first, then nested kwargs objects),
// because NVlabs keeps synthesis settings flat while some converters nest them.
inline const json* findKey(const std::string& key, std::initializer_list<const json*> objects)
{
    for (const json* object : objects) {
        if (object && object->is_object()) {
            auto it = object->find(key);
            if (it != object->end()) return &*it;
        }
    }
    return nullptr;
}

// Reads an integer field into `out` (left unchanged when absent or null) and checks its range.
inline std::optional<std::string> readInt(const std::string& field, const json* value, int& out, int minimum, int maximum)
{
    if (!value || value->is_null()) return std::nullopt;
    double number = 0.0;
    if (value->is_number_integer() || value->is_number_unsigned()) {
        number = value->get<double>();
    } else if (value->is_number_float() && std::isfinite(value->get<double>()) &&
               std::floor(value->get<double>()) == value->get<double>()) {
        number = value->get<double>();
    } else {
        return fieldError(field, "must be an integer, not " + value->dump());
    }
    if (number < minimum || number > maximum) {
        return fieldError(field, "is " + value->dump() + ", outside the supported range [" +
                                     std::to_string(minimum) + ", " + std::to_string(maximum) + "]");
    }
    out = static_cast<int>(number);
    return std::nullopt;
}

inline std::optional<std::string> readPositiveDouble(const std::string& field, const json* value, double& out)
{
    if (!value || value->is_null()) return std::nullopt;
    if (!value->is_number() || !std::isfinite(value->get<double>()) || value->get<double>() <= 0.0) {
        return fieldError(field, "must be a positive number, not " + value->dump());
    }
    out = value->get<double>();
    return std::nullopt;
}

// Reads a number in [minimum, maximum] into `out` (left unchanged when absent or null).
inline std::optional<std::string> readDouble(const std::string& field, const json* value, double& out, double minimum,
                                      double maximum)
{
    if (!value || value->is_null()) return std::nullopt;
    if (!value->is_number() || !std::isfinite(value->get<double>()) || value->get<double>() < minimum ||
        value->get<double>() > maximum)
        return fieldError(field, "must be a number from " + json(minimum).dump() + " to " + json(maximum).dump() +
                                     ", not " + value->dump());
    out = value->get<double>();
    return std::nullopt;
}

// conv_clamp: a positive number, or null for no clamping; absent keeps `out` (each family's default).
inline std::optional<std::string> readClamp(const json* value, std::optional<double>& out)
{
    if (!value) return std::nullopt;
    if (value->is_null()) {
        out.reset();
        return std::nullopt;
    }
    double clamp = 0.0;
    if (auto problem = readPositiveDouble("conv_clamp", value, clamp)) return problem;
    out = clamp;
    return std::nullopt;
}

} // namespace lscore::generator_settings
