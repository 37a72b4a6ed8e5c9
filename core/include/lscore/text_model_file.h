#pragma once
// The text-to-image model file ("stylegan2-text"), the format of the embedded Shapes World model.
//
// One .safetensors file:
//  * the generator's parameters and buffers under their NVlabs names (collectTensors(*generator)):
//    "mapping.fc0.weight", "synthesis.b4.const", "mapping.w_avg", ...
//  * the text encoder's under "text_encoder." (collectTensors(*textEncoder, "text_encoder."))
//  * "__metadata__": {"description": <ModelDescription JSON text>} with architecture "stylegan2-text",
//    generator = StyleGan2Config JSON (text_dim > 0, c_dim == text_dim), layers = the per-w table,
//    conditioning {type "text", vocabulary, context, text_encoder = TextEncoderConfig JSON},
//    provenance and license.
//
// readTextModel() validates the description against itself (dimensions, layer table, vocabulary size
// versus the encoder's embedding table, context) and the tensors against the description (every
// tensor present with the right shape, every value finite) before it returns networks, so a caller
// can render straight away. Networks come back on the CPU in eval mode with requires_grad off.
//
//   auto model = lscore::readTextModel("shapes-world-128.safetensors");
//   if (!model) { std::cerr << model.error() << '\n'; return 2; }
//   lscore::WordTokenizer tok(model->description.conditioning.vocabulary, model->description.conditioning.context);
//   auto ids = torch::tensor(tok.check("a red star").ids).unsqueeze(0);
//   torch::Tensor t = model->textEncoder->forward(ids).pooled;                  // [1, text_dim]
//   torch::Tensor ws = model->generator->mapping->forward(z, t);               // [1, num_ws, w_dim]
//   torch::Tensor layerText = t.unsqueeze(1).expand({1, ws.size(1), t.size(1)});
//   torch::Tensor img = model->generator->synthesis->forward(ws, layerText, {});
//
// Thread safety: free functions without shared state.

#include <map>
#include <string>
#include <vector>

#include <torch/torch.h>
#include <nlohmann/json.hpp>

#include "lscore/model_description.h"
#include "lscore/result.h"
#include "lscore/safetensors.h"
#include "lscore/stylegan2.h"
#include "lscore/text_encoder.h"

namespace lscore {

inline constexpr const char* kTextModelArchitecture = "stylegan2-text";
inline constexpr const char* kTextEncoderPrefix = "text_encoder.";

struct LoadedTextModel {
    ModelDescription description;
    StyleGan2Config generatorConfig;
    TextEncoderConfig textEncoderConfig;
    Generator generator{nullptr};
    TextEncoder textEncoder{nullptr};
    std::map<std::string, StoredDtype> storedDtypes;   // how each tensor was stored (F16 for the shipped model)
};

// A complete description for a text model: fills architecture, resolution, dims, generator JSON,
// layer table and conditioning from the configs; the caller supplies name, provenance and license.
ModelDescription describeTextModel(const StyleGan2Config& generatorConfig, const TextEncoderConfig& encoderConfig,
                                   const std::vector<std::string>& vocabulary, const std::string& name,
                                   const nlohmann::json& provenance, const std::string& license);

// Checks that a description is a usable "stylegan2-text" description and returns the two configs.
// Errors say which field is wrong and what it should be.
Result<std::pair<StyleGan2Config, TextEncoderConfig>> validateTextModelDescription(const ModelDescription& description);

// Writes the model file atomically (via "<path>.partial"). Fails if the description does not match the
// networks (e.g. a different resolution or text width) so a wrong file is never written.
Status writeTextModel(const std::string& path, Generator& generator, TextEncoder& textEncoder,
                      const ModelDescription& description, StoredDtype dtype = StoredDtype::F32);

// Reads, validates and instantiates a model file. Messages name the file and the problem.
Result<LoadedTextModel> readTextModel(const std::string& path);

// Same over an already-read file (the engine reads the file once to hash it and to sniff its kind).
Result<LoadedTextModel> textModelFromTensorFile(const TensorFile& file, const std::string& displayName);

} // namespace lscore
