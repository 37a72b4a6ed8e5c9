// TextEncoder: a small pre-LayerNorm transformer over word ids, trainable with the generator.
#include <cmath>
#include "lscore/json_input.h"
#include <string>

#include <torch/torch.h>
#include <nlohmann/json.hpp>

#include "lscore/text_encoder.h"

namespace lscore {

namespace {

namespace F = torch::nn::functional;

// Large enough to zero a softmax weight, finite so a row with no real key cannot produce NaN.
constexpr double kMaskedScore = -1.0e9;

std::optional<std::string> readField(const nlohmann::json& json, const char* key, int& out, int minimum, int maximum)
{
    auto it = json.find(key);
    if (it == json.end() || it->is_null()) return std::nullopt;
    if (!it->is_number_integer()) {
        return std::string("text encoder setting '") + key + "' must be an integer, not " + it->dump();
    }
    const long long value = it->get<long long>();
    if (value < minimum || value > maximum) {
        return std::string("text encoder setting '") + key + "' is " + std::to_string(value) +
               ", outside the supported range [" + std::to_string(minimum) + ", " + std::to_string(maximum) + "]";
    }
    out = static_cast<int>(value);
    return std::nullopt;
}

} // namespace

Result<TextEncoderConfig> TextEncoderConfig::fromJson(const nlohmann::json& json)
{
    if (!json.is_object()) return makeError("text encoder settings must be a JSON object, not " + describeJsonValue(json));
    if (!json.contains("vocab_size")) return makeError("text encoder settings lack 'vocab_size'; the model file is damaged");
    TextEncoderConfig config;
    std::optional<std::string> problem;
    if ((problem = readField(json, "vocab_size", config.vocab_size, 1, 1 << 20))) return makeError(*problem);
    if ((problem = readField(json, "context", config.context, 1, 4096))) return makeError(*problem);
    if ((problem = readField(json, "width", config.width, 1, 8192))) return makeError(*problem);
    if ((problem = readField(json, "layers", config.layers, 0, 64))) return makeError(*problem);
    if ((problem = readField(json, "heads", config.heads, 1, 256))) return makeError(*problem);
    if ((problem = readField(json, "out_dim", config.out_dim, 1, 8192))) return makeError(*problem);
    if (config.width % config.heads != 0) {
        return makeError("text encoder width " + std::to_string(config.width) + " is not divisible by its " +
                         std::to_string(config.heads) + " heads; the model file is damaged");
    }
    const double parameters = static_cast<double>(config.vocab_size + config.context) * config.width +
                              12.0 * config.layers * config.width * config.width +
                              static_cast<double>(config.width) * config.out_dim;
    if (parameters > 1.0e9) {
        return makeError("text encoder settings describe about " + std::to_string(static_cast<long long>(parameters / 1e6)) +
                         " M parameters, more than this build accepts (1000 M); the settings are damaged");
    }
    return config;
}

nlohmann::json TextEncoderConfig::toJson() const
{
    return {{"vocab_size", vocab_size}, {"context", context}, {"width", width},
            {"layers", layers},         {"heads", heads},     {"out_dim", out_dim}};
}

TextEncoderBlockImpl::TextEncoderBlockImpl(int width, int heads_) : heads(heads_)
{
    ln_1 = register_module("ln_1", torch::nn::LayerNorm(torch::nn::LayerNormOptions({width})));
    auto attn = register_module("attn", std::make_shared<torch::nn::Module>());
    in_proj = attn->register_module("in_proj", torch::nn::Linear(width, 3 * width));
    out_proj = attn->register_module("out_proj", torch::nn::Linear(width, width));
    ln_2 = register_module("ln_2", torch::nn::LayerNorm(torch::nn::LayerNormOptions({width})));
    auto mlp = register_module("mlp", std::make_shared<torch::nn::Module>());
    fc = mlp->register_module("fc", torch::nn::Linear(width, 4 * width));
    proj = mlp->register_module("proj", torch::nn::Linear(4 * width, width));
}

torch::Tensor TextEncoderBlockImpl::forward(const torch::Tensor& x, const torch::Tensor& keyPadding)
{
    const std::int64_t batch = x.size(0);
    const std::int64_t length = x.size(1);
    const std::int64_t width = x.size(2);
    const std::int64_t headDim = width / heads;

    std::vector<torch::Tensor> qkv = in_proj->forward(ln_1->forward(x)).chunk(3, -1);
    auto splitHeads = [&](const torch::Tensor& t) {
        return t.reshape({batch, length, heads, headDim}).transpose(1, 2);   // [N, H, L, D]
    };
    torch::Tensor q = splitHeads(qkv[0]);
    torch::Tensor k = splitHeads(qkv[1]);
    torch::Tensor v = splitHeads(qkv[2]);
    torch::Tensor scores = q.matmul(k.transpose(-2, -1)) / std::sqrt(static_cast<double>(headDim));
    scores = scores.masked_fill(keyPadding.reshape({batch, 1, 1, length}), kMaskedScore);
    torch::Tensor attended = scores.softmax(-1).matmul(v).transpose(1, 2).reshape({batch, length, width});
    torch::Tensor h = x + out_proj->forward(attended);
    return h + proj->forward(F::gelu(fc->forward(ln_2->forward(h))));
}

TextEncoderImpl::TextEncoderImpl(const TextEncoderConfig& config_) : config(config_)
{
    token_embedding = register_module("token_embedding", torch::nn::Embedding(config.vocab_size, config.width));
    positional_embedding = register_parameter("positional_embedding", torch::randn({config.context, config.width}) * 0.01);
    blocks = register_module("blocks", torch::nn::ModuleList());
    for (int i = 0; i < config.layers; ++i) blocks->push_back(TextEncoderBlock(config.width, config.heads));
    ln_final = register_module("ln_final", torch::nn::LayerNorm(torch::nn::LayerNormOptions({config.width})));
    projection = register_module("projection", torch::nn::Linear(config.width, config.out_dim));
}

TextEncoding TextEncoderImpl::forward(const torch::Tensor& ids)
{
    TORCH_CHECK(ids.defined() && ids.dim() == 2 && ids.size(1) >= 1 && ids.size(1) <= config.context,
                "text encoder expects token ids of shape [N, L] with 1 <= L <= ", config.context, ", got ",
                ids.defined() ? ids.sizes() : torch::IntArrayRef{});
    TORCH_CHECK(!ids.is_floating_point(), "text encoder expects integer token ids");
    if (ids.numel() > 0) {
        const std::int64_t lowest = ids.min().item<std::int64_t>();
        const std::int64_t highest = ids.max().item<std::int64_t>();
        TORCH_CHECK(lowest >= 0 && highest < config.vocab_size, "token id ", lowest < 0 ? lowest : highest,
                    " is outside the vocabulary [0, ", config.vocab_size, ")");
    }
    const std::int64_t length = ids.size(1);
    torch::Tensor tokenIds = ids.to(torch::kLong);
    torch::Tensor mask = tokenIds.ne(0);                 // 0 = padding (kPadToken)
    torch::Tensor keyPadding = mask.logical_not();

    torch::Tensor x = token_embedding->forward(tokenIds) + positional_embedding.narrow(0, 0, length).unsqueeze(0);
    for (const auto& block : *blocks) x = block->as<TextEncoderBlockImpl>()->forward(x, keyPadding);
    x = ln_final->forward(x);

    // Masked mean over real tokens (at least one counted so an all-padding row gives zeros, not NaN).
    torch::Tensor weights = mask.to(x.dtype()).unsqueeze(-1);                       // [N, L, 1]
    torch::Tensor pooled = (x * weights).sum(1) / weights.sum(1).clamp_min(1.0);
    pooled = projection->forward(pooled);
    pooled = pooled * (pooled.square().mean(1, /*keepdim=*/true) + 1e-8).rsqrt();
    return {x, pooled, mask};
}

} // namespace lscore
