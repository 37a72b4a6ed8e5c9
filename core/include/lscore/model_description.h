#pragma once
// ModelDescription: what a model file says about itself, stored as JSON under the "description" key
// of the safetensors "__metadata__". Torch-free: the UI reads it to fill the model panel, the
// style-mixing and prompt-mixing layer lists, the vocabulary completer and the license line.
//
// NVlabs-style fixtures carry "init_kwargs" instead of a description; describeNvlabs() derives one.
//
// Description JSON (format_version 1):
// {
//   "format_version": 1,
//   "architecture": "stylegan2" | "stylegan2-text" | "lafite" | "stylegan3" | "biggan-deep",
//   "name": "Shapes World 128", "resolution": 128, "img_channels": 3,
//   "z_dim": 64, "w_dim": 256, "num_ws": 12,
//   "generator": { ...StyleGan2Config JSON (NVlabs init_kwargs names); BigGAN-deep: its config.json... },
//   "layers": [ {"index":0, "name":"b4.conv1", "resolution":4, "kind":"coarse"}, ... ],   // one per w index
//   "conditioning": {"type":"none"} | {"type":"class", "class_names":["cat",...]} |
//                   {"type":"text", "tokenizer":{"type":"words","context":16,"vocabulary":[...]},
//                    "text_encoder":{...TextEncoderConfig JSON...}} |
//                   {"type":"text", "tokenizer":{"type":"clip"}, "text_encoder":{"type":"clip","embed_dim":512}},
//   The CLIP form (LAFITE) reads free English through OpenAI CLIP's BPE tokenizer and a CLIP text
//   tower kept in a file of its own (the engine is told where, or finds it beside the model).
//   "provenance": {"source":"...", "created":"...", "recipe":"...", "converted_from":"..."},
//   "license": "..."
// }

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "lscore/result.h"

namespace lscore {

inline constexpr int kModelFormatVersion = 1;

// What a LAFITE snapshot's license line says when its file names none.
inline constexpr const char* kLafiteLicenseNote =
    "LAFITE (github.com/drboog/Lafite), built on NVIDIA's StyleGAN2-ADA, whose code is under the NVIDIA Source "
    "Code License (non-commercial use only): check the terms the snapshot was published under";

enum class LayerKind { Coarse, Middle, Fine };   // StyleGAN's grouping: ≤8 px, 16–32 px, ≥64 px

// One entry per w index of the synthesis network: what the style-mixing and prompt-mixing panels list.
struct LayerInfo {
    int index = 0;
    std::string name;        // e.g. "b8.conv1" or "b4.torgb+b8.conv0"
    int resolution = 4;
    LayerKind kind = LayerKind::Coarse;
};

enum class ConditioningType { None, Class, Text };

struct Conditioning {
    ConditioningType type = ConditioningType::None;
    int classCount = 0;                       // class-conditional: c_dim
    std::vector<std::string> classNames;      // optional; empty = "class 0", "class 1", ...
    std::vector<std::string> vocabulary;      // text: the tokenizer's words (ids follow kSpecialTokens)
    int context = 0;                          // text: tokens per prompt including start/end
    nlohmann::json textEncoder;               // text: TextEncoderConfig JSON (words) or {"type":"clip",...}
    bool clip = false;                        // text: CLIP tokenizer + a separate CLIP text tower
    int clipFeatureDim = 0;                   // text, CLIP: the feature size the generator reads
};

struct ModelDescription {
    int formatVersion = kModelFormatVersion;
    std::string architecture = "stylegan2";
    std::string name;
    int resolution = 0;
    int imgChannels = 3;
    int zDim = 0;
    int wDim = 0;
    int numWs = 0;
    nlohmann::json generator;                 // StyleGan2Config JSON (NVlabs init_kwargs names)
    std::vector<LayerInfo> layers;
    Conditioning conditioning;
    nlohmann::json provenance = nlohmann::json::object();
    std::string license;

    nlohmann::json toJson() const;
    static Result<ModelDescription> fromJson(const nlohmann::json& json);
    static Result<ModelDescription> fromJsonText(const std::string& text);
};

// The per-w-index layer table of a StyleGAN2 synthesis network of this resolution.
std::vector<LayerInfo> styleGan2LayerTable(int resolution);

// Where "fine from B" mixing starts by default — the studio's crossover, the evaluator's mixing
// scores, the trainer's layer mix: the first w index whose layer is not coarse, kept within
// [1, layers.size() − 1] so that both sides have at least one layer (1 for a table of one or none).
int defaultLayerMixCrossover(const std::vector<LayerInfo>& layers);

// A description for an NVlabs generator given its init_kwargs JSON (as in the fixtures' metadata
// or a .pkl's _init_kwargs; a JSON string holding that object is accepted too). c_dim > 0 gives
// class conditioning with unnamed classes. `license` is recorded as given, e.g.
// "NVIDIA Source Code License (non-commercial)" when the caller knows the snapshot is NVIDIA's:
// random-weight or community files must not be labelled with a license they do not carry.
//
//   auto description = lscore::describeNvlabs(nlohmann::json::parse(meta.at("init_kwargs")), path);
Result<ModelDescription> describeNvlabs(const nlohmann::json& initKwargs, const std::string& source,
                                        const std::string& license = {});

// The same for an NVlabs StyleGAN3 generator (architecture "stylegan3"), with the per-w-index layer
// table of its synthesis network (lscore::styleGan3LayerTable: it needs the network's geometry).
Result<ModelDescription> describeNvlabsStyleGan3(const nlohmann::json& initKwargs, std::vector<LayerInfo> layers,
                                                 const std::string& source, const std::string& license = {});

const char* toString(LayerKind kind);              // "coarse", "middle", "fine" (the JSON spelling)
const char* toString(ConditioningType type);       // "none", "class", "text"

// What the JSON above says about each field beyond its type: format_version ≤ kModelFormatVersion;
// architecture "stylegan2", "stylegan2-text" (iff word-tokenizer text conditioning), "lafite" (iff
// CLIP text conditioning), "stylegan3" or "biggan-deep" (class-conditional only); resolution a power of
// two in 4..4096; num_ws == 2·log2(resolution) − 2 (StyleGAN3: generator.num_layers + 2, 16 by
// default; BigGAN-deep: its conditioning sites, 1 + the length of generator.layers); one layers
// entry per w index, in order; class
// conditioning with class_count ≥ 1 (class_names empty or one per class); text conditioning with a
// "words" tokenizer, context ≥ 3 and a non-empty vocabulary of distinct lower-case words.
// fromJson() refuses anything else with a message naming the field.

} // namespace lscore
