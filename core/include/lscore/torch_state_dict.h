#pragma once
// Code-free reader for a state dict saved with torch.save(module.state_dict()) — the
// pytorch_model.bin of the Hugging Face style model folders (BigGAN-deep's PyTorch port, ...).
//
// Both of torch.save's formats are read: the legacy stream of PyTorch < 1.6 (magic number, protocol,
// system info, the state-dict pickle, its storage keys, then each storage's element count and bytes)
// and the zip archive of PyTorch ≥ 1.6 (<archive>/data.pkl, <archive>/data/<key>, stored entries).
// The pickle is interpreted by the restricted machine with an allowlist of exactly what a state dict
// needs — collections.OrderedDict, torch._utils._rebuild_tensor_v2 / _rebuild_parameter and the
// torch storage types — so nothing in the file is ever executed; any other global, a malformed
// stream, a storage whose bytes are missing or a tensor view outside its storage is refused with a
// message naming the file and the problem. Bounds as in the snapshot reader: the pickle's memory in
// proportion to the file, tensors at most twice the file's bytes.
//
//   auto weights = lscore::readTorchStateDict("biggan-deep-128/pytorch_model.bin");
//   if (!weights) return fail(weights.error());
//   torch::Tensor embed = weights->at("embeddings.weight");   // float32, CPU
//
// Thread safety: free functions with no shared state.

#include <cstddef>
#include <map>
#include <span>
#include <string>

#include <torch/torch.h>

#include "lscore/result.h"

namespace lscore {

// name -> float32 CPU tensor (every floating or integer storage is converted to float32).
using StateDict = std::map<std::string, torch::Tensor>;

Result<StateDict> readTorchStateDict(const std::string& path);
Result<StateDict> readTorchStateDictFromBytes(std::span<const std::byte> bytes, const std::string& displayName);

} // namespace lscore
