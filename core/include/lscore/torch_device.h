#pragma once
// Parses a device name given by a user ("cpu", "cuda", "cuda:1") into a torch::Device, with a message
// that says what to type instead when the name is malformed, not CPU or CUDA, or names CUDA on a build
// or machine without it. The engine and the trainer both take device names from the command line and
// the settings, and answer them the same way.
//
//   auto device = lscore::parseTorchDevice(options.device);
//   if (!device) return makeError(device.error());
//
// Thread safety: a free function with no state.

#include <string>

#include <torch/torch.h>

#include "lscore/result.h"

namespace lscore {

Result<torch::Device> parseTorchDevice(const std::string& name);

} // namespace lscore
