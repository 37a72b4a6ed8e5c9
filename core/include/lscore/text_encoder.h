#pragma once
// TextEncoder: token ids -> per-token features and a pooled prompt embedding, for the text-conditioned
// generator. A small pre-LayerNorm transformer (token + learned positional embedding, `layers` blocks
// of multi-head self-attention with a padding mask and a GELU MLP, final LayerNorm). The pooled
// embedding is the masked mean of the token features projected to out_dim and normalised to unit
// second moment.
//
// Parameter names live under "text_encoder." in model files.
//
//   lscore::TextEncoder enc(config);
//   lscore::TextEncoding e = enc->forward(ids);   // ids [N, L] int64, L <= context, 0 = padding
//   // e.tokens [N, L, width], e.pooled [N, out_dim], e.mask [N, L] bool (true = real token)
//
// Padding never influences real tokens (it is masked out as attention key) nor the pooled output,
// so a prompt gives the same pooled embedding whatever it is padded to. Ids outside [0, vocab_size)
// make forward() throw a c10::Error naming the bad id.
//
// Names (under "text_encoder."): token_embedding.weight, positional_embedding,
// blocks.{i}.{ln_1,ln_2}.{weight,bias}, blocks.{i}.attn.{in_proj,out_proj}.{weight,bias},
// blocks.{i}.mlp.{fc,proj}.{weight,bias}, ln_final.{weight,bias}, projection.{weight,bias}.

#include <torch/torch.h>
#include <nlohmann/json.hpp>

#include "lscore/result.h"

namespace lscore {

struct TextEncoderConfig {
    int vocab_size = 0;     // including the special tokens
    int context = 16;
    int width = 128;
    int layers = 2;
    int heads = 4;
    int out_dim = 128;      // pooled dim == the generator's text_dim and c_dim

    static Result<TextEncoderConfig> fromJson(const nlohmann::json& json);
    nlohmann::json toJson() const;
};

struct TextEncoding {
    torch::Tensor tokens;   // [N, context, width]
    torch::Tensor pooled;   // [N, out_dim]
    torch::Tensor mask;     // [N, context] bool
};

// One pre-LayerNorm transformer block: x += attn(ln_1(x)); x += mlp(ln_2(x)).
struct TextEncoderBlockImpl : torch::nn::Module {
    TextEncoderBlockImpl(int width, int heads);
    // keyPadding: [N, L] bool, true where the key is padding (masked out).
    torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& keyPadding);
    int heads;
    torch::nn::LayerNorm ln_1{nullptr}, ln_2{nullptr};
    torch::nn::Linear in_proj{nullptr}, out_proj{nullptr};   // registered under "attn."
    torch::nn::Linear fc{nullptr}, proj{nullptr};            // registered under "mlp."
};
TORCH_MODULE(TextEncoderBlock);

struct TextEncoderImpl : torch::nn::Module {
    explicit TextEncoderImpl(const TextEncoderConfig& config);
    TextEncoding forward(const torch::Tensor& ids);
    TextEncoderConfig config;
    torch::nn::Embedding token_embedding{nullptr};
    torch::Tensor positional_embedding;                      // [context, width]
    torch::nn::ModuleList blocks{nullptr};
    torch::nn::LayerNorm ln_final{nullptr};
    torch::nn::Linear projection{nullptr};                   // width -> out_dim
};
TORCH_MODULE(TextEncoder);

} // namespace lscore
