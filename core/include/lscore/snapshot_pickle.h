#pragma once
// Code-free reader for NVlabs StyleGAN2 / StyleGAN2-ADA / StyleGAN3 training snapshots (.pkl).
//
// A snapshot is a Python pickle whose loading normally executes Python source stored in the file.
// This reader instead interprets the pickle opcodes itself and resolves only an allowlist of globals
// (persistence reconstruct, OrderedDict, torch tensor/parameter rebuild, storage-from-bytes, numpy
// scalar/dtype and the empty-array reconstruct of StyleGAN3's array attributes, EasyDict). Any other global, a malformed stream or an unexpected structure is refused
// with a message naming the file and the problem. Nothing is ever executed.
//
// Recognised but refused: TensorFlow-era pickles (dnnlib.tflib.network.Network), with a message
// saying so. StyleGAN3 snapshots are read like StyleGAN2 ones and told apart by moduleName.
// Bounds: nesting, memo size, container sizes and the memory spent on the pickle's objects are
// capped in proportion to the file size; declared lengths are checked against the bytes present
// before anything is allocated. Opening costs about one read
// of the file plus one copy of G_ema's tensors.
//
//   auto snapshot = lscore::readNvlabsSnapshot("ffhq.pkl");
//   if (!snapshot) return fail(snapshot.error());
//   auto config = lscore::StyleGan2Config::fromJson(snapshot->initKwargs);
//
// Thread safety: free functions with no shared state.

#include <cstddef>
#include <map>
#include <span>
#include <string>
#include <vector>

#include <torch/torch.h>
#include <nlohmann/json.hpp>

#include "lscore/result.h"

namespace lscore {

struct NvlabsSnapshot {
    std::map<std::string, torch::Tensor> tensors;  // G_ema's parameters and buffers, NVlabs names, float32 CPU
    nlohmann::json initKwargs;                     // G_ema's _init_kwargs (z_dim, c_dim, w_dim, ...)
    std::string networkClass;                      // e.g. "Generator" (training.networks_stylegan2)
    std::string moduleName;                        // "training.networks_stylegan2" or "training.networks_stylegan3"
};

Result<NvlabsSnapshot> readNvlabsSnapshot(const std::string& path);
Result<NvlabsSnapshot> readNvlabsSnapshotFromBytes(std::span<const std::byte> bytes, const std::string& displayName);

// Class names of a class-conditional model (the class plays the role of the prompt), from a side
// file: ".txt" = one name per line (blank lines and surrounding spaces ignored), ".json" = an array
// of strings or {"class_names": [...]}. Returns an empty list when the file is missing or invalid.
//
//   auto names = lscore::readClassNames("cifar10.classes.txt");   // {"airplane", "automobile", ...}
std::vector<std::string> readClassNames(const std::string& path);

// The side file beside a model: "<stem>.classes.txt", else "<stem>.classes.json" (e.g. for
// "models/cifar10.pkl": "models/cifar10.classes.txt"). Empty when neither exists.
std::vector<std::string> readClassNamesBeside(const std::string& modelPath);

} // namespace lscore
