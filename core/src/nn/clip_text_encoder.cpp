#include "lscore/clip_text_encoder.h"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <regex>

#include "lscore/safetensors.h"
#include "lscore/stylegan2.h"   // loadTensors

namespace lscore {

nlohmann::json ClipTextConfig::toJson() const
{
    return {{"vocab_size", vocab_size}, {"context_length", context_length}, {"transformer_width", width},
            {"transformer_heads", heads}, {"transformer_layers", layers}, {"embed_dim", embed_dim}};
}

ClipAttentionImpl::ClipAttentionImpl(int width, int heads_) : heads(heads_)
{
    in_proj_weight = register_parameter("in_proj_weight", torch::zeros({3 * width, width}));
    in_proj_bias = register_parameter("in_proj_bias", torch::zeros({3 * width}));
    out_proj = register_module("out_proj", torch::nn::Linear(width, width));
}

torch::Tensor ClipAttentionImpl::forward(const torch::Tensor& x, const torch::Tensor& mask)
{
    const auto n = x.size(0), length = x.size(1), width = x.size(2);
    const auto headDim = width / heads;
    const auto qkv = torch::nn::functional::linear(x, in_proj_weight, in_proj_bias).chunk(3, -1);
    auto split = [&](const torch::Tensor& t) { return t.reshape({n, length, heads, headDim}).transpose(1, 2); };
    const torch::Tensor q = split(qkv[0]), k = split(qkv[1]), v = split(qkv[2]);
    const torch::Tensor scores = torch::matmul(q, k.transpose(-2, -1)) / std::sqrt(static_cast<double>(headDim)) + mask;
    const torch::Tensor attended = torch::matmul(scores.softmax(-1), v);            // [N, H, L, D]
    return out_proj->forward(attended.transpose(1, 2).reshape({n, length, width}));
}

ClipMlpImpl::ClipMlpImpl(int width)
{
    c_fc = register_module("c_fc", torch::nn::Linear(width, 4 * width));
    c_proj = register_module("c_proj", torch::nn::Linear(4 * width, width));
}

torch::Tensor ClipMlpImpl::forward(const torch::Tensor& x)
{
    const torch::Tensor h = c_fc->forward(x);
    return c_proj->forward(h * torch::sigmoid(1.702 * h));   // QuickGELU, as CLIP was trained with
}

ClipResidualBlockImpl::ClipResidualBlockImpl(int width, int heads)
{
    const auto norm = torch::nn::LayerNormOptions({width}).eps(1e-5);
    ln_1 = register_module("ln_1", torch::nn::LayerNorm(norm));
    attn = register_module("attn", ClipAttention(width, heads));
    ln_2 = register_module("ln_2", torch::nn::LayerNorm(norm));
    mlp = register_module("mlp", ClipMlp(width));
}

torch::Tensor ClipResidualBlockImpl::forward(const torch::Tensor& input, const torch::Tensor& mask)
{
    torch::Tensor x = input + attn->forward(ln_1->forward(input), mask);
    return x + mlp->forward(ln_2->forward(x));
}

ClipTransformerImpl::ClipTransformerImpl(int width, int heads, int layers)
{
    resblocks = register_module("resblocks", torch::nn::ModuleList());
    for (int i = 0; i < layers; ++i)
        resblocks->push_back(ClipResidualBlock(width, heads));
}

ClipTextEncoderImpl::ClipTextEncoderImpl(const ClipTextConfig& config_) : config(config_)
{
    token_embedding = register_module("token_embedding", torch::nn::Embedding(config.vocab_size, config.width));
    positional_embedding = register_parameter("positional_embedding", torch::zeros({config.context_length, config.width}));
    transformer = register_module("transformer", ClipTransformer(config.width, config.heads, config.layers));
    ln_final = register_module("ln_final", torch::nn::LayerNorm(torch::nn::LayerNormOptions({config.width}).eps(1e-5)));
    text_projection = register_parameter("text_projection", torch::zeros({config.width, config.embed_dim}));
}

torch::Tensor ClipTextEncoderImpl::pooled(const torch::Tensor& ids)
{
    TORCH_CHECK(ids.dim() == 2 && ids.size(1) >= 1 && ids.size(1) <= config.context_length,
                "CLIP text encoder: ids must be [N, L] with 1 <= L <= ", config.context_length);
    TORCH_CHECK(ids.min().item<std::int64_t>() >= 0 && ids.max().item<std::int64_t>() < config.vocab_size,
                "CLIP text encoder: a token id is outside the vocabulary of ", config.vocab_size);
    const auto length = ids.size(1);
    torch::Tensor x = token_embedding->forward(ids) + positional_embedding.slice(0, 0, length);
    // Position i attends to positions <= i.
    const torch::Tensor mask =
        torch::full({length, length}, -std::numeric_limits<float>::infinity(), x.options()).triu(1);
    for (const auto& block : *transformer->resblocks)
        x = block->as<ClipResidualBlock>()->forward(x, mask);
    x = ln_final->forward(x);
    // The first maximum id is the prompt's EOT (49407 is the largest id).
    const torch::Tensor eot = ids.argmax(-1);
    return x.index({torch::arange(ids.size(0), eot.options()), eot});
}

torch::Tensor ClipTextEncoderImpl::forward(const torch::Tensor& ids)
{
    return torch::matmul(pooled(ids), text_projection);
}

namespace {

// Hugging Face names -> OpenAI names (q/k/v stacked, the projection transposed).
Result<std::map<std::string, torch::Tensor>> fromHuggingFace(const std::map<std::string, torch::Tensor>& hf)
{
    std::map<std::string, torch::Tensor> out;
    const std::string text = "text_model.";
    auto take = [&](const std::string& from, const std::string& to) {
        if (auto it = hf.find(text + from); it != hf.end())
            out[to] = it->second;
    };
    take("embeddings.token_embedding.weight", "token_embedding.weight");
    take("embeddings.position_embedding.weight", "positional_embedding");
    take("final_layer_norm.weight", "ln_final.weight");
    take("final_layer_norm.bias", "ln_final.bias");
    const std::regex layerName(R"(text_model\.encoder\.layers\.(\d+)\.(.*))");
    std::map<int, std::map<std::string, torch::Tensor>> layers;
    for (const auto& [name, tensor] : hf) {
        std::smatch match;
        if (std::regex_match(name, match, layerName))
            layers[std::stoi(match[1].str())][match[2].str()] = tensor;
    }
    static const std::pair<const char*, const char*> kRenames[] = {
        {"layer_norm1.weight", "ln_1.weight"}, {"layer_norm1.bias", "ln_1.bias"},
        {"layer_norm2.weight", "ln_2.weight"}, {"layer_norm2.bias", "ln_2.bias"},
        {"self_attn.out_proj.weight", "attn.out_proj.weight"}, {"self_attn.out_proj.bias", "attn.out_proj.bias"},
        {"mlp.fc1.weight", "mlp.c_fc.weight"}, {"mlp.fc1.bias", "mlp.c_fc.bias"},
        {"mlp.fc2.weight", "mlp.c_proj.weight"}, {"mlp.fc2.bias", "mlp.c_proj.bias"}};
    for (auto& [index, tensors] : layers) {
        const std::string prefix = "transformer.resblocks." + std::to_string(index) + ".";
        for (const auto& [from, to] : kRenames)
            if (auto it = tensors.find(from); it != tensors.end())
                out[prefix + to] = it->second;
        for (const char* kind : {"weight", "bias"}) {
            const std::string q = std::string("self_attn.q_proj.") + kind, k = std::string("self_attn.k_proj.") + kind,
                              v = std::string("self_attn.v_proj.") + kind;
            if (!tensors.count(q) || !tensors.count(k) || !tensors.count(v))
                return makeError("layer " + std::to_string(index) + " lacks one of its q/k/v projections (" + kind + ")");
            const auto& tq = tensors.at(q);
            if (tensors.at(k).sizes() != tq.sizes() || tensors.at(v).sizes() != tq.sizes())
                return makeError("layer " + std::to_string(index) + "'s q/k/v projections differ in shape");
            out[prefix + "attn.in_proj_" + kind] = torch::cat({tq, tensors.at(k), tensors.at(v)}, 0);
        }
    }
    if (auto it = hf.find("text_projection.weight"); it != hf.end())
        out["text_projection"] = it->second.dim() == 2 ? it->second.t().contiguous() : it->second;
    return out;
}

int headsFromConfig(const std::string& path, const TensorFile& file)
{
    try {
        if (auto it = file.metadata.find("config"); it != file.metadata.end()) {
            const auto config = nlohmann::json::parse(it->second, nullptr, false);
            if (config.is_object() && config.contains("transformer_heads") && config["transformer_heads"].is_number_integer())
                return config["transformer_heads"].get<int>();
        }
        const auto beside = std::filesystem::path(path).parent_path() / "config.json";
        std::error_code error;
        if (std::filesystem::is_regular_file(beside, error)) {
            std::ifstream in(beside);
            const auto config = nlohmann::json::parse(in, nullptr, false);
            // A CLIPModel's config nests the text tower's; a CLIPTextModel's is flat.
            const auto& text = config.is_object() && config.contains("text_config") ? config["text_config"] : config;
            if (text.is_object() && text.contains("num_attention_heads") && text["num_attention_heads"].is_number_integer())
                return text["num_attention_heads"].get<int>();
        }
    } catch (const std::exception&) {
        // An unreadable config falls back to the width rule below.
    }
    return 0;
}

} // namespace

Result<ClipTextEncoder> loadClipTextEncoder(const std::string& path)
{
    auto file = readSafetensors(path);
    if (!file)
        return makeError(file.error());
    const bool huggingFace = file->tensors.count("text_model.embeddings.token_embedding.weight") != 0;
    std::map<std::string, torch::Tensor> tensors;
    if (huggingFace) {
        auto renamed = fromHuggingFace(file->tensors);
        if (!renamed)
            return makeError(path + " (Hugging Face CLIP): " + renamed.error());
        tensors = std::move(renamed).value();
        if (!tensors.count("text_projection"))
            return makeError(path + " is a Hugging Face CLIP text model without text_projection (a CLIPTextModel): "
                                    "use a CLIPModel or CLIPTextModelWithProjection, whose feature is what CLIP-conditioned "
                                    "generators were trained on");
    } else {
        if (!file->tensors.count("token_embedding.weight"))
            return makeError(path + " holds no CLIP text tower: expected OpenAI's token_embedding.weight or Hugging Face's "
                                    "text_model.embeddings.token_embedding.weight");
        for (const auto& [name, tensor] : file->tensors)
            if (name.rfind("visual.", 0) != 0)
                tensors[name] = tensor;
    }

    auto shapeOf = [&](const std::string& name, std::int64_t dims) -> Result<std::vector<std::int64_t>> {
        auto it = tensors.find(name);
        if (it == tensors.end())
            return makeError(path + " has no tensor '" + name + "'; it is not a complete CLIP text tower");
        if (it->second.dim() != dims)
            return makeError(path + ": '" + name + "' has " + std::to_string(it->second.dim()) + " dimensions, not "
                             + std::to_string(dims) + "; the file is damaged or not a CLIP text tower");
        return it->second.sizes().vec();
    };
    auto embedding = shapeOf("token_embedding.weight", 2);
    if (!embedding) return makeError(embedding.error());
    auto positions = shapeOf("positional_embedding", 2);
    if (!positions) return makeError(positions.error());
    auto projection = shapeOf("text_projection", 2);
    if (!projection) return makeError(projection.error());

    ClipTextConfig config;
    config.vocab_size = static_cast<int>((*embedding)[0]);
    config.width = static_cast<int>((*embedding)[1]);
    config.context_length = static_cast<int>((*positions)[0]);
    config.embed_dim = static_cast<int>((*projection)[1]);
    config.layers = 0;
    while (tensors.count("transformer.resblocks." + std::to_string(config.layers) + ".ln_1.weight"))
        ++config.layers;
    const int heads = headsFromConfig(path, *file);
    config.heads = heads > 0 ? heads : config.width / 64;
    if (config.layers == 0 || config.layers > 64 || config.width <= 0 || config.width > 8192 || config.heads <= 0
        || config.width % config.heads != 0 || (*positions)[1] != config.width || (*projection)[0] != config.width
        || config.context_length <= 0 || config.context_length > 1024 || config.vocab_size <= 0)
        return makeError(path + ": the text tower's sizes do not fit together (width " + std::to_string(config.width) + ", "
                         + std::to_string(config.heads) + " heads, " + std::to_string(config.layers) + " layers, context "
                         + std::to_string(config.context_length) + "); the file is damaged or not a CLIP text tower");
    try {
        ClipTextEncoder encoder(config);
        if (Status loaded = loadTensors(*encoder, tensors); !loaded)
            return makeError(path + ": " + loaded.error());
        encoder->eval();
        return encoder;
    } catch (const std::exception& error) {
        return makeError(path + ": could not build the CLIP text tower: " + error.what());
    }
}

} // namespace lscore
