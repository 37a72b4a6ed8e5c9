#pragma once
// EditState: everything the user has set, as a plain value. The studio's widgets write it, sessions
// and PNG text chunks store it (toJson/fromJson), the engine renders it. Torch-free.
//
// The edit semantics (the product's core promise), for w index i of the synthesis network:
//  * prompt interpolation t:  text(t)      = interp(text(A), text(B), t)            (lerp or slerp)
//  * prompt mixing m_i:       text_i       = interp(text(t), text(B), m_i)
//                             (layer i follows prompt B by m_i; pooled and token features alike)
//  * latent interpolation u:  z(u)         = interp(z(seed A), z(seed B), u)        (slerp or lerp)
//  * style mixing k_i:        w_i          = lerp(mapping(z(u), text_i), mapping(z(seed B), text_i), k_i)
//  * truncation ψ, cutoff:    w_i          = w_avg(text_i) + ψ (w_i − w_avg(text_i)) for i < cutoff (all if cutoff < 0)
//  * directions d:            w_i         += Σ_d amount_d · sigma_d · v_d   for first_d ≤ i < end_d
//                             (after mixing and truncation, so ψ does not shrink a move and a move
//                             applies to whichever sample or prompt a layer follows; a layer that no
//                             direction with a non-zero amount reaches keeps its w bit for bit)
// Class-conditional models use the class one-hot vectors of classA/classB in place of text(A)/text(B).
// Every interpolation returns its endpoint itself (not a computed blend) at weights of exactly 0 or 1,
// so pure cases are reproduced bit for bit.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "lscore/result.h"

namespace lscore {

inline constexpr int kEditStateVersion = 1;
// The longest prompt any entry point accepts (flags, sessions, PNG state, the editor), in UTF-8
// bytes: far above any caption a model reads, far below what freezes a text editor.
inline constexpr std::size_t kMaxPromptBytes = 4096;
inline constexpr double kMaxTranslate = 100.0;
inline constexpr double kMaxRotateDegrees = 3600.0;

// Bounds of what a state may carry (sessions and PNG chunks come from anywhere).
inline constexpr std::size_t kMaxDirections = 64;
inline constexpr std::size_t kMaxDirectionValues = 4096;   // a direction's length in W
inline constexpr double kMaxDirectionAmount = 100.0;         // |amount|, in units of the direction's sigma

enum class InterpolationMode { Lerp, Slerp };

// A move through W (SeFa, GANSpace, or the difference of two states; lscore/directions.h): the
// vector is unit length in W, `sigma` the W-space length of one unit of `amount` (the spread of the
// model's w along it for SeFa and GANSpace, the length of the difference for one of two states, so
// that amount 1 adds exactly w(B) − w(A)). It moves the w indices first ≤ i < end (end < 0: to the
// last). JSON: {"name", "source", "vector": [...], "sigma", "amount", "layers": [first, end]}.
struct DirectionEdit {
    std::string name;
    std::string source;             // "sefa", "ganspace", "difference", or what wrote it
    std::vector<float> vector;      // [w_dim], unit length
    double sigma = 1.0;
    double amount = 0.0;
    int firstLayer = 0;
    int endLayer = -1;
    bool reaches(int layer) const { return layer >= firstLayer && (endLayer < 0 || layer < endLayer); }
    bool operator==(const DirectionEdit&) const = default;
    nlohmann::json toJson() const;
    static Result<DirectionEdit> fromJson(const nlohmann::json& json);
};
enum class EditNoiseMode { Const, Random, None };

struct EditState {
    std::string promptA;
    std::string promptB;
    int classA = 0;
    int classB = 0;
    double promptT = 0.0;
    InterpolationMode promptMode = InterpolationMode::Lerp;

    std::uint32_t seedA = 0;
    std::uint32_t seedB = 1;
    double latentT = 0.0;
    InterpolationMode latentMode = InterpolationMode::Slerp;

    double truncationPsi = 1.0;
    int truncationCutoff = -1;       // < 0: all layers

    EditNoiseMode noiseMode = EditNoiseMode::Const;
    std::uint32_t noiseSeed = 0;

    std::vector<double> styleMix;    // per w index; missing entries count as 0
    std::vector<double> promptMix;   // per w index; missing entries count as 0

    // The input transform of generators that have one (StyleGAN3), as NVIDIA's visualizer exposes it:
    // the image shifted by (translateX, translateY) in units of its input grid (1 = the frame's width)
    // and turned by rotateDegrees. Other generators ignore them. JSON: "translate" [x, y] and
    // "rotate_degrees", written only when not zero; |translate| ≤ kMaxTranslate, |rotate| ≤ 3600.
    double translateX = 0.0;
    double translateY = 0.0;
    double rotateDegrees = 0.0;

    // Moves along directions in W, applied in order (see the semantics above). JSON "directions",
    // written only when there is one.
    std::vector<DirectionEdit> directions;

    bool hasTransform() const { return translateX != 0.0 || translateY != 0.0 || rotateDegrees != 0.0; }
    bool operator==(const EditState&) const = default;

    nlohmann::json toJson() const;
    static Result<EditState> fromJson(const nlohmann::json& json);
};

// The per-layer weights that EditState implies for a network with numWs w indices (pure).
struct LayerPlan {
    std::vector<double> promptMix;   // m_i, clamped to [0,1]
    std::vector<double> styleMix;    // k_i, clamped to [0,1]
};
LayerPlan planLayers(const EditState& state, int numWs);

// Presets for the mixing panels: weights 1 for w indices >= crossover (fine from B) or < crossover.
std::vector<double> crossoverWeights(int numWs, int crossover, bool fineFromB = true);

// The BigGAN demo's interpolation grid: `rows` samples (seed A, A+1, …), each walking from prompt or
// class A to B in `steps` evenly spaced steps (promptT 0 … 1) with its latent fixed; row-major.
// Everything else is `main`'s.
std::vector<EditState> walkGridStates(const EditState& main, int rows, int steps);

const char* toString(InterpolationMode mode);
const char* toString(EditNoiseMode mode);

} // namespace lscore
