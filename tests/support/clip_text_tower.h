#pragma once
// A CLIP text tower for tests of CLIP-conditioned models: the CLIP fixture's tower (real vocabulary,
// width 64) with a fixed random projection to `featureDim`, written as a .safetensors in OpenAI's
// names. The LAFITE fixture reads 16-wide features, which no released CLIP gives.
#include <map>
#include <string>

#include <ATen/CPUGeneratorImpl.h>
#include <torch/torch.h>

#include "lscore/safetensors.h"

inline lscore::Status writeClipTextTower(const std::string& path, int featureDim, std::uint64_t seed = 7)
{
    auto file = lscore::readSafetensors(LSTUDIO_TEST_DATA "/clip-text-w64-l3.safetensors");
    if (!file) return lscore::makeError(file.error());
    std::map<std::string, torch::Tensor> tensors;
    for (const auto& [name, tensor] : file->tensors)
        if (name.rfind("io.", 0) != 0) tensors[name] = tensor;
    auto generator = at::detail::createCPUGenerator(seed);
    tensors["text_projection"] = torch::randn({64, featureDim}, generator, torch::kFloat32) * 0.125;
    return lscore::writeSafetensors(path, tensors, {{"config", file->metadata.at("config")}});
}
