#pragma once
// KeyframePath: a sequence of EditStates with per-segment frame counts and easing, turned into the
// EditState of every frame. Pure and torch-free: the studio previews it, the exporter renders it,
// and `--frame-range A:B` exports a slice that equals the same frames of a full export exactly
// (stateAt(f) depends on f and the path only, never on what was rendered before).
//
// Frames. Keyframe i starts a segment of keyframes[i].framesToNext frames; local frame j of that
// segment sits at s = ease(j / framesToNext).
//  * Once:     segments 0..n-2, then the last keyframe itself: frameCount = Σ_{i<n-1} N_i + 1.
//  * Loop:     segments 0..n-1, the last one running back to keyframe 0; keyframe 0 is not repeated
//              at the end, so the sequence loops seamlessly: frameCount = Σ_{i<n} N_i.
//  * PingPong: forward through segments 0..n-2, then the same frames backwards, stopping before
//              keyframe 0 comes round again: frameCount = 2 Σ_{i<n-1} N_i. A backward frame is the
//              very same EditState as its forward twin (bit for bit).
//
// Interpolation between neighbouring keyframes K0 → K1 at eased parameter s ∈ [0,1]:
//  * s = 0 gives K0 exactly and s = 1 gives K1 exactly (operator== holds).
//  * numeric fields (promptT, latentT, truncationPsi, per-layer styleMix/promptMix weights; a missing
//    weight counts as 0) are lerped: a + (b − a)·s.
//  * directions: one in both keyframes (same vector, sigma and layers; by position, else the first
//    unmatched such one) has its amount lerped; one only in K0 fades to 0, one only in K1 fades in
//    from 0 (listed after K0's), so the frame list is K0's directions then K1's new ones.
//  * the condition axis (promptA/promptB/classA/classB): when K0 and K1 name a different condition A
//    (promptA or classA differ) and BOTH keyframes are pure on that axis (promptT == 0 and every
//    promptMix weight == 0, so condition B is unused), the frame renders
//      promptA := K0.promptA, classA := K0.classA, promptB := K1.promptA, classB := K1.classA,
//      promptT := s
//    i.e. the segment is an exact prompt interpolation from K0's prompt to K1's, so a prompt chain
//    passes through each keyframe's prompt exactly.
//  * the latent axis (seedA/seedB) likewise: different seedA and both pure (latentT == 0 and every
//    styleMix weight == 0) → seedA := K0.seedA, seedB := K1.seedA, latentT := s with K0's latentMode
//    (a seed walk, slerp by default).
//  * otherwise the discrete fields (prompts, classes, seeds, modes, truncation cutoff, noise) hold
//    K0's values until s reaches 1.
//
//   lscore::KeyframePath path = lscore::KeyframePath::promptSweep(state, 48);
//   for (int f = 0; f < path.frameCount(); ++f) render(path.stateAt(f));

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "lscore/edit_state.h"
#include "lscore/result.h"

namespace lscore {

enum class Easing { Linear, EaseInOut, Smoothstep };

struct Keyframe {
    EditState state;
    int framesToNext = 24;        // frames of the segment that starts here (ignored on the last keyframe
                                  // unless the path loops)
    Easing easing = Easing::EaseInOut;
    bool operator==(const Keyframe&) const = default;
};

enum class PathRepeat { Once, Loop, PingPong };

// Limits that keep a hand-edited or hostile session file from asking for absurd work.
inline constexpr int kMaxKeyframes = 10000;
inline constexpr int kMaxFramesPerSegment = 100000;
inline constexpr int kMaxPathFrames = 1000000;

class KeyframePath {
public:
    std::vector<Keyframe> keyframes;
    PathRepeat repeat = PathRepeat::Once;

    int frameCount() const;                 // total frames the path produces (0 if invalid)
    EditState stateAt(int frame) const;     // 0 ≤ frame < frameCount(); clamped otherwise
    // Real-time playback: the frame due `seconds` after playback started at `fps` (frame f is shown
    // from f / fps to (f + 1) / fps). Loop and PingPong wrap round frameCount() for ever; Once
    // returns -1 from frameCount() / fps on (finished). -1 too for an invalid path or fps ≤ 0.
    int frameAtTime(double seconds, double fps) const;
    Status validate() const;                // ≥ 2 keyframes, frame counts in [1, kMaxFramesPerSegment], total ≤ kMaxPathFrames

    // The same path with its segment frame counts scaled so that frameCount() == totalFrames
    // (as near as the repeat mode allows: every segment keeps at least one frame).
    KeyframePath retimed(int totalFrames) const;

    bool operator==(const KeyframePath&) const = default;

    nlohmann::json toJson() const;
    static Result<KeyframePath> fromJson(const nlohmann::json& json);

    // Ready-made sweeps built around `base` (the user's current state). `frames` is the total
    // frame count of the Once path each returns (≥ 2; per step for the crossover sweeps).
    // Prompt A → B: promptT from 0 to 1 with everything else fixed.
    static KeyframePath promptSweep(const EditState& base, int frames, Easing easing = Easing::EaseInOut);
    // Seed walk: one pure keyframe per seed (latentT = 0, styleMix cleared), slerp between them;
    // `framesPerSeed` frames per step; loop = seamless return to the first seed.
    static KeyframePath seedWalk(const EditState& base, const std::vector<std::uint32_t>& seeds,
                                 int framesPerSeed, bool loop = false, Easing easing = Easing::Linear);
    // Style-mix crossover: the crossover layer moves from numWs (all layers from seed A) down to 0
    // (all from seed B), one layer per step of `framesPerStep` frames; coarse layers switch last.
    static KeyframePath styleMixSweep(const EditState& base, int numWs, int framesPerStep,
                                      Easing easing = Easing::Linear);
    // Prompt-mix crossover: the same over promptMix (prompt B takes over from the fine layers down).
    static KeyframePath promptMixSweep(const EditState& base, int numWs, int framesPerStep,
                                       Easing easing = Easing::Linear);
    // Truncation: ψ from psiFrom to psiTo.
    static KeyframePath truncationSweep(const EditState& base, double psiFrom, double psiTo, int frames,
                                        Easing easing = Easing::EaseInOut);
};

// The frame state between two keyframes at eased parameter s (the rule above).
EditState interpolateKeyframes(const EditState& k0, const EditState& k1, double s);

double applyEasing(Easing easing, double s);   // monotone, 0 → 0, 1 → 1
const char* toString(Easing easing);
const char* toString(PathRepeat repeat);

} // namespace lscore
