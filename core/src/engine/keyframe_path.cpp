#include "lscore/keyframe_path.h"
#include "lscore/json_input.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numbers>
#include <optional>
#include <string>
#include <vector>

namespace lscore {
namespace {

double lerp(double a, double b, double s)
{
    if (a == b) return a;   // keeps held values bit-exact whatever s is
    return a + (b - a) * s;
}

// Per-layer weights: a missing entry counts as 0, so vectors of different lengths blend entry-wise.
std::vector<double> lerpWeights(const std::vector<double>& a, const std::vector<double>& b, double s)
{
    if (a == b) return a;
    const std::size_t size = std::max(a.size(), b.size());
    std::vector<double> out(size, 0.0);
    for (std::size_t i = 0; i < size; ++i) {
        const double wa = i < a.size() ? a[i] : 0.0;
        const double wb = i < b.size() ? b[i] : 0.0;
        out[i] = lerp(wa, wb, s);
    }
    return out;
}

bool allZero(const std::vector<double>& weights)
{
    return std::all_of(weights.begin(), weights.end(), [](double w) { return w == 0.0; });
}

// Condition B is unused when promptT is 0 and no layer follows prompt B.
bool pureOnConditionAxis(const EditState& state)
{
    return state.promptT == 0.0 && allZero(state.promptMix);
}

// Seed B is unused when latentT is 0 and no layer takes its style from seed B.
bool pureOnLatentAxis(const EditState& state)
{
    return state.latentT == 0.0 && allZero(state.styleMix);
}

// Frames of the segments that a Once/PingPong path walks (all but the last keyframe's).
std::int64_t forwardFrames(const std::vector<Keyframe>& keyframes)
{
    std::int64_t total = 0;
    for (std::size_t i = 0; i + 1 < keyframes.size(); ++i) total += keyframes[i].framesToNext;
    return total;
}

EditState stateInSegments(const std::vector<Keyframe>& keyframes, bool wrap, std::int64_t frame)
{
    const std::size_t segments = wrap ? keyframes.size() : keyframes.size() - 1;
    for (std::size_t i = 0; i < segments; ++i) {
        const Keyframe& from = keyframes[i];
        if (frame < from.framesToNext) {
            if (frame == 0) return from.state;
            const Keyframe& to = keyframes[(i + 1) % keyframes.size()];
            const double linear = static_cast<double>(frame) / static_cast<double>(from.framesToNext);
            return interpolateKeyframes(from.state, to.state, applyEasing(from.easing, linear));
        }
        frame -= from.framesToNext;
    }
    return wrap ? keyframes.front().state : keyframes.back().state;
}

Easing easingFromString(const std::string& name, bool* ok)
{
    *ok = true;
    if (name == "linear") return Easing::Linear;
    if (name == "ease-in-out") return Easing::EaseInOut;
    if (name == "smoothstep") return Easing::Smoothstep;
    *ok = false;
    return Easing::Linear;
}

PathRepeat repeatFromString(const std::string& name, bool* ok)
{
    *ok = true;
    if (name == "once") return PathRepeat::Once;
    if (name == "loop") return PathRepeat::Loop;
    if (name == "pingpong") return PathRepeat::PingPong;
    *ok = false;
    return PathRepeat::Once;
}

KeyframePath crossoverSweep(const EditState& base, int numWs, int framesPerStep, Easing easing, bool styleAxis)
{
    KeyframePath path;
    numWs = std::clamp(numWs, 1, 1024);
    // Crossover c: layers i >= c take the B side. c = numWs is pure A, c = 0 is all B.
    for (int crossover = numWs; crossover >= 0; --crossover) {
        Keyframe keyframe;
        keyframe.state = base;
        std::vector<double> weights(static_cast<std::size_t>(numWs), 0.0);
        for (int i = crossover; i < numWs; ++i) weights[static_cast<std::size_t>(i)] = 1.0;
        (styleAxis ? keyframe.state.styleMix : keyframe.state.promptMix) = std::move(weights);
        keyframe.framesToNext = std::max(1, framesPerStep);
        keyframe.easing = easing;
        path.keyframes.push_back(std::move(keyframe));
    }
    return path;
}

KeyframePath twoKeyframePath(const EditState& from, const EditState& to, int frames, Easing easing)
{
    KeyframePath path;
    path.keyframes.push_back(Keyframe{from, std::max(1, frames - 1), easing});
    path.keyframes.push_back(Keyframe{to, std::max(1, frames - 1), easing});
    return path;
}

} // namespace

double applyEasing(Easing easing, double s)
{
    if (!(s > 0.0)) return 0.0;   // also maps NaN to 0
    if (s >= 1.0) return 1.0;
    switch (easing) {
    case Easing::Linear:
        return s;
    case Easing::EaseInOut:
        // Sine ease-in-out: gentle start and stop, symmetric about s = 0.5.
        return 0.5 - 0.5 * std::cos(std::numbers::pi * s);
    case Easing::Smoothstep:
        return s * s * (3.0 - 2.0 * s);
    }
    return s;
}

const char* toString(Easing easing)
{
    switch (easing) {
    case Easing::Linear: return "linear";
    case Easing::EaseInOut: return "ease-in-out";
    case Easing::Smoothstep: return "smoothstep";
    }
    return "linear";
}

const char* toString(PathRepeat repeat)
{
    switch (repeat) {
    case PathRepeat::Once: return "once";
    case PathRepeat::Loop: return "loop";
    case PathRepeat::PingPong: return "pingpong";
    }
    return "once";
}

namespace {

// A direction present in both keyframes (the same vector, sigma and layers, matched by position
// first, else by name) glides from K0's amount to K1's; one only in K0 fades out to 0 and one only in
// K1 fades in from 0, so adding a direction at a keyframe animates it in.
std::vector<DirectionEdit> lerpDirections(const std::vector<DirectionEdit>& d0, const std::vector<DirectionEdit>& d1, double s)
{
    const auto sameMove = [](const DirectionEdit& a, const DirectionEdit& b) {
        return a.vector == b.vector && a.sigma == b.sigma && a.firstLayer == b.firstLayer && a.endLayer == b.endLayer;
    };
    std::vector<DirectionEdit> out;
    std::vector<bool> used(d1.size(), false);
    for (std::size_t i = 0; i < d0.size(); ++i) {
        DirectionEdit direction = d0[i];
        std::optional<std::size_t> match;
        if (i < d1.size() && sameMove(d0[i], d1[i])) match = i;
        for (std::size_t j = 0; !match && j < d1.size(); ++j)
            if (!used[j] && sameMove(d0[i], d1[j])) match = j;
        const double target = match ? d1[*match].amount : 0.0;
        if (match) used[*match] = true;
        direction.amount = lerp(d0[i].amount, target, s);
        out.push_back(std::move(direction));
    }
    for (std::size_t j = 0; j < d1.size(); ++j) {
        if (used[j]) continue;
        DirectionEdit direction = d1[j];
        direction.amount = lerp(0.0, d1[j].amount, s);
        out.push_back(std::move(direction));
    }
    return out;
}

} // namespace

EditState interpolateKeyframes(const EditState& k0, const EditState& k1, double s)
{
    if (!(s > 0.0)) return k0;
    if (s >= 1.0) return k1;

    EditState out = k0;   // discrete fields hold K0's values unless bridged below
    out.promptT = lerp(k0.promptT, k1.promptT, s);
    out.latentT = lerp(k0.latentT, k1.latentT, s);
    out.truncationPsi = lerp(k0.truncationPsi, k1.truncationPsi, s);
    out.translateX = lerp(k0.translateX, k1.translateX, s);   // a pan or a spin between keyframes
    out.translateY = lerp(k0.translateY, k1.translateY, s);
    out.rotateDegrees = lerp(k0.rotateDegrees, k1.rotateDegrees, s);
    out.styleMix = lerpWeights(k0.styleMix, k1.styleMix, s);
    out.promptMix = lerpWeights(k0.promptMix, k1.promptMix, s);
    out.directions = lerpDirections(k0.directions, k1.directions, s);

    const bool conditionDiffers = k0.promptA != k1.promptA || k0.classA != k1.classA;
    if (conditionDiffers && pureOnConditionAxis(k0) && pureOnConditionAxis(k1)) {
        out.promptB = k1.promptA;
        out.classB = k1.classA;
        out.promptT = s;
    }
    if (k0.seedA != k1.seedA && pureOnLatentAxis(k0) && pureOnLatentAxis(k1)) {
        out.seedB = k1.seedA;
        out.latentT = s;
    }
    return out;
}

int KeyframePath::frameAtTime(double seconds, double fps) const
{
    const int count = frameCount();
    if (count <= 0 || !(fps > 0.0) || !std::isfinite(seconds)) return -1;
    // floor, not round: a frame is due at its start time, never early. Clamped below so a clock read
    // a hair before the start still shows frame 0.
    const double frame = std::floor(std::max(0.0, seconds) * fps);
    if (repeat == PathRepeat::Once) return frame >= count ? -1 : static_cast<int>(frame);
    return static_cast<int>(std::fmod(frame, double(count)));
}

int KeyframePath::frameCount() const
{
    if (keyframes.empty()) return 0;
    if (keyframes.size() == 1) return 1;
    for (const Keyframe& keyframe : keyframes)
        if (keyframe.framesToNext < 1) return 0;
    std::int64_t total = 0;
    switch (repeat) {
    case PathRepeat::Once: total = forwardFrames(keyframes) + 1; break;
    case PathRepeat::Loop: total = forwardFrames(keyframes) + keyframes.back().framesToNext; break;
    case PathRepeat::PingPong: total = 2 * forwardFrames(keyframes); break;
    }
    return total > kMaxPathFrames ? 0 : static_cast<int>(total);
}

EditState KeyframePath::stateAt(int frame) const
{
    const int count = frameCount();
    if (count == 0) return keyframes.empty() ? EditState{} : keyframes.front().state;
    if (keyframes.size() == 1) return keyframes.front().state;
    std::int64_t position = std::clamp(frame, 0, count - 1);
    switch (repeat) {
    case PathRepeat::Once:
        return stateInSegments(keyframes, false, position);
    case PathRepeat::Loop:
        return stateInSegments(keyframes, true, position);
    case PathRepeat::PingPong: {
        // The way back replays the forward frames in reverse, so both directions match exactly.
        const std::int64_t forward = forwardFrames(keyframes);
        if (position > forward) position = 2 * forward - position;
        return stateInSegments(keyframes, false, position);
    }
    }
    return keyframes.front().state;
}

Status KeyframePath::validate() const
{
    if (keyframes.size() < 2)
        return makeError("The keyframe path needs at least 2 keyframes (it has " + std::to_string(keyframes.size()) +
                         "); add keyframes in the keyframe strip or use a ready-made sweep.");
    if (keyframes.size() > static_cast<std::size_t>(kMaxKeyframes))
        return makeError("The keyframe path has " + std::to_string(keyframes.size()) + " keyframes; at most " +
                         std::to_string(kMaxKeyframes) + " are supported.");
    for (std::size_t i = 0; i < keyframes.size(); ++i) {
        const int frames = keyframes[i].framesToNext;
        if (frames < 1 || frames > kMaxFramesPerSegment)
            return makeError("Keyframe " + std::to_string(i + 1) + " has " + std::to_string(frames) +
                             " frames to the next keyframe; use 1 to " + std::to_string(kMaxFramesPerSegment) + ".");
    }
    std::int64_t total = forwardFrames(keyframes);
    if (repeat == PathRepeat::Loop) total += keyframes.back().framesToNext;
    if (repeat == PathRepeat::PingPong) total *= 2;
    if (total > kMaxPathFrames)
        return makeError("The keyframe path would produce " + std::to_string(total) + " frames; at most " +
                         std::to_string(kMaxPathFrames) + " are supported.");
    return Status::success();
}

KeyframePath KeyframePath::retimed(int totalFrames) const
{
    KeyframePath out = *this;
    if (keyframes.size() < 2 || totalFrames < 1) return out;
    const std::size_t segments = repeat == PathRepeat::Loop ? keyframes.size() : keyframes.size() - 1;
    std::int64_t target = totalFrames;
    if (repeat == PathRepeat::Once) target = totalFrames - 1;
    if (repeat == PathRepeat::PingPong) target = (totalFrames + 1) / 2;
    std::int64_t oldTotal = 0;
    for (std::size_t i = 0; i < segments; ++i) oldTotal += std::max(1, keyframes[i].framesToNext);
    if (target <= static_cast<std::int64_t>(segments)) {
        for (std::size_t i = 0; i < segments; ++i) out.keyframes[i].framesToNext = 1;
        return out;
    }
    // Cumulative rounding keeps the sum exact; segments rounded to 0 borrow from the longest one.
    std::int64_t cumulative = 0;
    std::int64_t previousBoundary = 0;
    for (std::size_t i = 0; i < segments; ++i) {
        cumulative += std::max(1, keyframes[i].framesToNext);
        const auto boundary = static_cast<std::int64_t>(
            std::llround(static_cast<double>(cumulative) * static_cast<double>(target) / static_cast<double>(oldTotal)));
        out.keyframes[i].framesToNext = static_cast<int>(boundary - previousBoundary);
        previousBoundary = boundary;
    }
    for (std::size_t i = 0; i < segments; ++i) {
        while (out.keyframes[i].framesToNext < 1) {
            auto longest = std::max_element(out.keyframes.begin(), out.keyframes.begin() + static_cast<std::ptrdiff_t>(segments),
                                            [](const Keyframe& a, const Keyframe& b) { return a.framesToNext < b.framesToNext; });
            --longest->framesToNext;
            ++out.keyframes[i].framesToNext;
        }
    }
    return out;
}

nlohmann::json KeyframePath::toJson() const
{
    nlohmann::json list = nlohmann::json::array();
    for (const Keyframe& keyframe : keyframes) {
        list.push_back({{"state", keyframe.state.toJson()},
                        {"frames", keyframe.framesToNext},
                        {"easing", toString(keyframe.easing)}});
    }
    return {{"repeat", toString(repeat)}, {"keyframes", std::move(list)}};
}

Result<KeyframePath> KeyframePath::fromJson(const nlohmann::json& json)
{
    if (!json.is_object()) return makeError("keyframes: expected an object with \"keyframes\" and \"repeat\".");
    KeyframePath path;
    if (json.contains("repeat")) {
        const auto& repeat = json.at("repeat");
        bool ok = false;
        if (repeat.is_string()) path.repeat = repeatFromString(repeat.get<std::string>(), &ok);
        if (!ok) return makeError("keyframes.repeat must be \"once\", \"loop\" or \"pingpong\" (got " + describeJsonValue(repeat) + ").");
    }
    if (!json.contains("keyframes")) return path;
    const auto& list = json.at("keyframes");
    if (!list.is_array()) return makeError("keyframes.keyframes must be an array of keyframes.");
    if (list.size() > static_cast<std::size_t>(kMaxKeyframes))
        return makeError("keyframes.keyframes has " + std::to_string(list.size()) + " entries; at most " +
                         std::to_string(kMaxKeyframes) + " are supported.");
    for (std::size_t i = 0; i < list.size(); ++i) {
        const std::string where = "keyframes.keyframes[" + std::to_string(i) + "]";
        const auto& entry = list[i];
        if (!entry.is_object()) return makeError(where + " must be an object.");
        Keyframe keyframe;
        if (!entry.contains("state")) return makeError(where + " has no \"state\".");
        auto state = EditState::fromJson(entry.at("state"));
        if (!state) return makeError(where + ".state: " + state.error());
        keyframe.state = std::move(state).value();
        if (entry.contains("frames")) {
            const auto& frames = entry.at("frames");
            if (!frames.is_number_integer() || frames.get<std::int64_t>() < 1 ||
                frames.get<std::int64_t>() > kMaxFramesPerSegment)
                return makeError(where + ".frames must be an integer from 1 to " + std::to_string(kMaxFramesPerSegment) +
                                 " (got " + describeJsonValue(frames) + ").");
            keyframe.framesToNext = frames.get<int>();
        }
        if (entry.contains("easing")) {
            const auto& easing = entry.at("easing");
            bool ok = false;
            if (easing.is_string()) keyframe.easing = easingFromString(easing.get<std::string>(), &ok);
            if (!ok)
                return makeError(where + ".easing must be \"linear\", \"ease-in-out\" or \"smoothstep\" (got " +
                                 describeJsonValue(easing) + ").");
        }
        path.keyframes.push_back(std::move(keyframe));
    }
    return path;
}

KeyframePath KeyframePath::promptSweep(const EditState& base, int frames, Easing easing)
{
    EditState from = base;
    from.promptT = 0.0;
    EditState to = base;
    to.promptT = 1.0;
    return twoKeyframePath(from, to, frames, easing);
}

KeyframePath KeyframePath::seedWalk(const EditState& base, const std::vector<std::uint32_t>& seeds, int framesPerSeed,
                                    bool loop, Easing easing)
{
    KeyframePath path;
    path.repeat = loop ? PathRepeat::Loop : PathRepeat::Once;
    for (std::uint32_t seed : seeds) {
        Keyframe keyframe;
        keyframe.state = base;
        keyframe.state.seedA = seed;
        keyframe.state.latentT = 0.0;
        keyframe.state.styleMix.clear();   // pure keyframes: the walk bridges through seed B exactly
        keyframe.framesToNext = std::max(1, framesPerSeed);
        keyframe.easing = easing;
        path.keyframes.push_back(std::move(keyframe));
    }
    return path;
}

KeyframePath KeyframePath::styleMixSweep(const EditState& base, int numWs, int framesPerStep, Easing easing)
{
    return crossoverSweep(base, numWs, framesPerStep, easing, true);
}

KeyframePath KeyframePath::promptMixSweep(const EditState& base, int numWs, int framesPerStep, Easing easing)
{
    return crossoverSweep(base, numWs, framesPerStep, easing, false);
}

KeyframePath KeyframePath::truncationSweep(const EditState& base, double psiFrom, double psiTo, int frames, Easing easing)
{
    EditState from = base;
    from.truncationPsi = psiFrom;
    EditState to = base;
    to.truncationPsi = psiTo;
    return twoKeyframePath(from, to, frames, easing);
}

} // namespace lscore
