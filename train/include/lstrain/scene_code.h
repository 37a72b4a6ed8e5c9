#pragma once
// The scene code: how a Shapes World scene is written into the generator's z for the supervised
// objective, so that z ~ N(0, I) at sampling time stands for a random scene that fits the caption.
//
// Layout (kSceneCodeDims coordinates; the rest of z is noise):
//   categorical blocks, K coordinates each — shape 8, colour 12, size 3, pattern 3, background
//   colour 12, background style 4, background variant 2. A value k the caption leaves open is coded
//   by K standard normals with the largest swapped into place k: given a uniform k that is exactly
//   N(0, I), and each value is one direction of z that a linear layer reads.
//   scalars — radius within its size class, object shade, centre x, centre y, rotation, background
//   shade: the value's place u in its uniform sampling range, sent through Φ⁻¹ (exactly N(0, 1)).
// A stated attribute's block is left as pure noise (so G must read it from the caption), and so is
// anything the picture does not depend on: a rotation-free shape's rotation, a plain background's
// variant. Every categorical is drawn uniformly by Shapes World, so the code is exactly N(0, I).
//
// Thread safety: pure; `rng` is the caller's.

#include <random>
#include <vector>

#include <torch/torch.h>

#include "lstrain/shapes_world.h"

namespace lstrain {

inline constexpr int kSceneCodeDims = 50;

// N × zDim codes for `samples` (zDim ≥ kSceneCodeDims), noise from `rng`.
torch::Tensor sceneCodes(const std::vector<WorldSample>& samples, int zDim, std::mt19937_64& rng);

} // namespace lstrain
