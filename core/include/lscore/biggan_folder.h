#pragma once
// A BigGAN-deep model as its users download it: a folder holding pytorch_model.bin (torch.save of the
// PyTorch port's state dict, legacy or zip format) and config.json (BigGANConfig.to_json_string()).
// The weights are read by the code-free state-dict reader (lscore/torch_state_dict.h).
//
//   auto folder = lscore::findBigGanFolder("biggan-deep-128");       // or ".../pytorch_model.bin"
//   if (folder) { auto model = lscore::readBigGanFolder(*folder); ... }
//
// Thread safety: free functions with no shared state.

#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "lscore/biggan.h"
#include "lscore/model_folder.h"
#include "lscore/result.h"
#include "lscore/torch_state_dict.h"

namespace lscore {

struct BigGanModel {
    BigGanConfig config;
    std::string configText;                    // config.json as read (kept in converted files)
    StateDict tensors;                         // the port's names, float32
    std::vector<std::string> classNames;       // one per class, or empty (unnamed)
};

// Parses a folder's two files from bytes already read (the engine hashes the same bytes). Refuses
// an unreadable config, weights that are not a state dict, and a state dict without BigGAN-deep's
// gen_z (every other name is checked when the weights are loaded: lscore::loadBigGanWeights).
Result<BigGanModel> parseBigGanFolder(const BigGanFolder& folder, std::span<const std::byte> weights, const std::string& configText);
Result<BigGanModel> readBigGanFolder(const BigGanFolder& folder);

} // namespace lscore
