// EditState addresses for live control. The table is in lscore/state_addresses.h.
#include "lscore/state_addresses.h"

#include <charconv>
#include <cmath>
#include <limits>
#include <type_traits>

#include "lscore/json_input.h"

namespace lscore {
namespace {

std::string describe(std::string_view address) { return "OSC " + std::string(address.substr(0, 120)) + ": "; }

Result<double> number(std::string_view address, std::span<const StateValue> arguments, double low, double high)
{
    if (arguments.size() != 1 || !std::holds_alternative<double>(arguments[0]))
        return makeError(describe(address) + "needs one number");
    const double value = std::get<double>(arguments[0]);
    if (!std::isfinite(value) || value < low || value > high)
        return makeError(describe(address) + "needs a number from " + std::to_string(low) + " to " + std::to_string(high));
    return value;
}

Result<std::int64_t> integer(std::string_view address, std::span<const StateValue> arguments, std::int64_t low, std::int64_t high)
{
    auto value = number(address, arguments, static_cast<double>(low), static_cast<double>(high));
    if (!value) return Error{value.error()};
    if (std::floor(*value) != *value) return makeError(describe(address) + "needs a whole number");
    return static_cast<std::int64_t>(*value);
}

Result<std::string> text(std::string_view address, std::span<const StateValue> arguments)
{
    if (arguments.size() != 1 || !std::holds_alternative<std::string>(arguments[0]))
        return makeError(describe(address) + "needs one string");
    const std::string& value = std::get<std::string>(arguments[0]);
    if (value.size() > kMaxPromptBytes || !isValidUtf8(value))
        return makeError(describe(address) + "needs UTF-8 text of at most " + std::to_string(kMaxPromptBytes) + " bytes");
    return value;
}

// "/style_mix/3" with prefix "/style_mix/" → 3; anything else → -1.
int indexAfter(std::string_view address, std::string_view prefix, std::string_view* rest = nullptr)
{
    if (!address.starts_with(prefix)) return -1;
    std::string_view tail = address.substr(prefix.size());
    int index = -1;
    const auto [end, error] = std::from_chars(tail.data(), tail.data() + tail.size(), index);
    if (error != std::errc() || end == tail.data() || index < 0) return -1;
    tail.remove_prefix(static_cast<std::size_t>(end - tail.data()));
    if (rest) *rest = tail;
    else if (!tail.empty()) return -1;
    return index;
}

template <typename Enum>
Result<Enum> word(std::string_view address, std::span<const StateValue> arguments,
                  std::initializer_list<std::pair<const char*, Enum>> names)
{
    auto value = text(address, arguments);
    if (!value) return Error{value.error()};
    std::string allowed;
    for (const auto& [name, item] : names) {
        if (*value == name) return item;
        allowed += (allowed.empty() ? "" : ", ") + std::string(name);
    }
    return makeError(describe(address) + "needs one of " + allowed);
}

Status setLayerWeight(std::vector<double>& weights, std::string_view address, int index, std::span<const StateValue> arguments, int numWs)
{
    if (index >= numWs)
        return makeError(describe(address) + "this model has w indices 0 to " + std::to_string(numWs - 1));
    auto value = number(address, arguments, 0.0, 1.0);
    if (!value) return Error{value.error()};
    if (weights.size() < static_cast<std::size_t>(numWs)) weights.resize(static_cast<std::size_t>(numWs), 0.0);
    weights[static_cast<std::size_t>(index)] = *value;
    return {};
}

Status setAllLayerWeights(std::vector<double>& weights, std::string_view address, std::span<const StateValue> arguments, int numWs)
{
    if (arguments.empty() || arguments.size() > static_cast<std::size_t>(numWs))
        return makeError(describe(address) + "needs 1 to " + std::to_string(numWs) + " numbers (one per layer from 0)");
    std::vector<double> next = weights;
    next.resize(static_cast<std::size_t>(numWs), 0.0);
    for (std::size_t i = 0; i < arguments.size(); ++i) {
        auto value = number(address, arguments.subspan(i, 1), 0.0, 1.0);
        if (!value) return Error{value.error()};
        next[i] = *value;
    }
    weights = std::move(next);
    return {};
}

Result<InterpolationMode> mode(std::string_view address, std::span<const StateValue> arguments)
{
    return word<InterpolationMode>(address, arguments, {{"lerp", InterpolationMode::Lerp}, {"slerp", InterpolationMode::Slerp}});
}

} // namespace

Status applyStateAddress(EditState& state, std::string_view address, std::span<const StateValue> arguments, int numWs)
{
    EditState next = state;
    const auto apply = [&](auto result, auto& field) -> Status {
        if (!result) return Error{result.error()};
        field = static_cast<std::remove_reference_t<decltype(field)>>(*result);
        return {};
    };
    constexpr auto kSeedMax = static_cast<std::int64_t>(std::numeric_limits<std::uint32_t>::max());
    Status status = makeError(describe(address) + "no such address (see the OSC addresses in the documentation)");
    if (address == "/prompt/a") status = apply(text(address, arguments), next.promptA);
    else if (address == "/prompt/b") status = apply(text(address, arguments), next.promptB);
    else if (address == "/prompt/t") status = apply(number(address, arguments, 0.0, 1.0), next.promptT);
    else if (address == "/prompt/mode") status = apply(mode(address, arguments), next.promptMode);
    else if (address == "/class/a") status = apply(integer(address, arguments, 0, 1 << 20), next.classA);
    else if (address == "/class/b") status = apply(integer(address, arguments, 0, 1 << 20), next.classB);
    else if (address == "/seed/a") status = apply(integer(address, arguments, 0, kSeedMax), next.seedA);
    else if (address == "/seed/b") status = apply(integer(address, arguments, 0, kSeedMax), next.seedB);
    else if (address == "/latent/t") status = apply(number(address, arguments, 0.0, 1.0), next.latentT);
    else if (address == "/latent/mode") status = apply(mode(address, arguments), next.latentMode);
    else if (address == "/truncation/psi") status = apply(number(address, arguments, -10.0, 10.0), next.truncationPsi);
    else if (address == "/truncation/cutoff") status = apply(integer(address, arguments, -1, 1024), next.truncationCutoff);
    else if (address == "/noise/mode")
        status = apply(word<EditNoiseMode>(address, arguments,
                                           {{"const", EditNoiseMode::Const}, {"random", EditNoiseMode::Random}, {"none", EditNoiseMode::None}}),
                       next.noiseMode);
    else if (address == "/noise/seed") status = apply(integer(address, arguments, 0, kSeedMax), next.noiseSeed);
    else if (address == "/translate/x") status = apply(number(address, arguments, -kMaxTranslate, kMaxTranslate), next.translateX);
    else if (address == "/translate/y") status = apply(number(address, arguments, -kMaxTranslate, kMaxTranslate), next.translateY);
    else if (address == "/rotate") status = apply(number(address, arguments, -kMaxRotateDegrees, kMaxRotateDegrees), next.rotateDegrees);
    else if (address == "/style_mix") status = setAllLayerWeights(next.styleMix, address, arguments, numWs);
    else if (address == "/prompt_mix") status = setAllLayerWeights(next.promptMix, address, arguments, numWs);
    else if (const int k = indexAfter(address, "/style_mix/"); k >= 0) status = setLayerWeight(next.styleMix, address, k, arguments, numWs);
    else if (const int m = indexAfter(address, "/prompt_mix/"); m >= 0) status = setLayerWeight(next.promptMix, address, m, arguments, numWs);
    else {
        std::string_view rest;
        const int d = indexAfter(address, "/direction/", &rest);
        if (d >= 0 && rest == "/amount") {
            if (static_cast<std::size_t>(d) >= next.directions.size())
                status = makeError(describe(address) + "there are " + std::to_string(next.directions.size()) + " directions (from 0)");
            else
                status = apply(number(address, arguments, -kMaxDirectionAmount, kMaxDirectionAmount),
                               next.directions[static_cast<std::size_t>(d)].amount);
        }
    }
    if (!status) return status;
    state = std::move(next);
    return {};
}

std::vector<AddressedValue> stateAddressValues(const EditState& state, int numWs)
{
    const auto n = [](double value) { return std::vector<StateValue>{value}; };
    const auto t = [](const std::string& value) { return std::vector<StateValue>{value}; };
    std::vector<AddressedValue> out = {
        {"/prompt/a", t(state.promptA)},
        {"/prompt/b", t(state.promptB)},
        {"/prompt/t", n(state.promptT)},
        {"/prompt/mode", t(toString(state.promptMode))},
        {"/class/a", n(state.classA), true},
        {"/class/b", n(state.classB), true},
        {"/seed/a", n(state.seedA), true},
        {"/seed/b", n(state.seedB), true},
        {"/latent/t", n(state.latentT)},
        {"/latent/mode", t(toString(state.latentMode))},
        {"/truncation/psi", n(state.truncationPsi)},
        {"/truncation/cutoff", n(state.truncationCutoff), true},
        {"/noise/mode", t(toString(state.noiseMode))},
        {"/noise/seed", n(state.noiseSeed), true},
    };
    const LayerPlan plan = planLayers(state, numWs);
    for (int i = 0; i < numWs; ++i) out.push_back({"/style_mix/" + std::to_string(i), n(plan.styleMix[static_cast<std::size_t>(i)])});
    for (int i = 0; i < numWs; ++i) out.push_back({"/prompt_mix/" + std::to_string(i), n(plan.promptMix[static_cast<std::size_t>(i)])});
    out.push_back({"/translate/x", n(state.translateX)});
    out.push_back({"/translate/y", n(state.translateY)});
    out.push_back({"/rotate", n(state.rotateDegrees)});
    for (std::size_t d = 0; d < state.directions.size(); ++d)
        out.push_back({"/direction/" + std::to_string(d) + "/amount", n(state.directions[d].amount)});
    return out;
}

} // namespace lscore
