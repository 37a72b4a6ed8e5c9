#pragma once
// Directions in W that artists move along, and the small JSON file that keeps them per model.
// Torch-free: the studio's panels and the command line read and write these; Engine::findDirections
// computes them (lscore/engine.h).
//
// Methods:
//  * SeFa (Shen & Zhou, CVPR 2021, "closed-form factorization"): the eigenvectors of AᵀA, where A
//    stacks the style affine weights (their W columns, with the layer's weight gain) of the chosen
//    layers' modulated convolutions (ToRGB layers excluded); largest eigenvalue first. `score` is
//    the eigenvalue.
//  * GANSpace (Härkönen et al., NeurIPS 2020): the principal axes of N mapped w (z from a fixed
//    seed; conditional models map under the condition of prompt or class A of the state searched
//    from); largest variance first. `score` is the share of the total variance it explains.
// Every direction is a unit vector with its sign fixed (its largest-magnitude entry positive, so a
// search repeated anywhere gives the same arrows), and sigma = the standard deviation of the
// model's w along it (SeFa: measured over kSigmaSamples mapped w), so that amounts are in σ.
//
// File (UTF-8 JSON, written atomically):
//   {"format": "latent-studio-directions", "version": 1, "model_sha256": "...", "w_dim": 512,
//    "method": "sefa", "layers": [0, -1], "samples": 0, "condition": "",
//    "directions": [{"name": "SeFa 1", "source": "sefa", "vector": [...], "sigma": 0.9,
//                    "amount": 0, "layers": [0, -1], "score": 12.5}, ...]}
// loadDirections() refuses a file for another model (its hash), or of another w size, with a
// message that says so.

#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "lscore/edit_state.h"
#include "lscore/model_description.h"
#include "lscore/result.h"

namespace lscore {

inline constexpr const char* kDirectionsFormat = "latent-studio-directions";
inline constexpr int kDirectionsVersion = 1;
inline constexpr int kMaxDirectionCount = 64;          // directions per search or file
inline constexpr int kMaxGanSpaceSamples = 1000000;
inline constexpr int kSigmaSamples = 2000;             // mapped w that measure a SeFa direction's σ

enum class DirectionMethod { Sefa, GanSpace };
const char* toString(DirectionMethod method);
Result<DirectionMethod> parseDirectionMethod(const std::string& text);

struct FoundDirection {
    DirectionEdit edit;     // amount 0, layers = the search's
    double score = 0.0;     // SeFa: eigenvalue; GANSpace: explained variance ratio
};

struct DirectionSet {
    std::string modelHash;
    int wDim = 0;
    std::string method;           // "sefa", "ganspace", or "mixed" for a hand-made file
    int firstLayer = 0;
    int endLayer = -1;
    int samples = 0;              // GANSpace's N
    std::string condition;        // the prompt or class the mapping was conditioned on ("" = none)
    std::vector<FoundDirection> directions;

    nlohmann::json toJson() const;
    static Result<DirectionSet> fromJson(const nlohmann::json& json);
};

Status saveDirections(const DirectionSet& set, const std::string& path);
// expectedHash / expectedWDim: the open model's; empty / 0 skips that check.
Result<DirectionSet> loadDirections(const std::string& path, const std::string& expectedHash = {}, int expectedWDim = 0);

// A w-index range as the command line writes it: "A:B" (end exclusive), "A:" (to the last), ":B",
// or one index "A". Checked against numWs when it is > 0.
Result<std::pair<int, int>> parseLayerRange(const std::string& text, int numWs = 0);

// The layer-range presets of the Directions panel: the w indices of the model's coarse, middle or
// fine layers (ModelDescription::layers' kinds, StyleGAN's ≤ 8 px / 16–32 px / ≥ 64 px grouping),
// as [first, end); All = [0, -1). A kind the model lacks gives an empty range [0, 0).
enum class LayerRangePreset { All, Coarse, Middle, Fine };
std::pair<int, int> layerRangePreset(LayerRangePreset preset, const std::vector<LayerInfo>& layers);

} // namespace lscore
