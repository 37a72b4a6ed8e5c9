#pragma once
// ClipTextEncoder: the text tower of OpenAI CLIP (clip/model.py, CLIP.encode_text) in libtorch — the
// prompt feature that CLIP-conditioned generators such as LAFITE take.
//
//   auto encoder = lscore::loadClipTextEncoder("clip-vit-base-patch32.safetensors");
//   if (!encoder) report(encoder.error());
//   torch::Tensor ids = ...;                               // [N, 77] int64 (ClipTokenizer)
//   torch::Tensor f = (*encoder)->forward(ids);            // [N, embed_dim], not normalised
//
// The maths: x = token_embedding[ids] + positional_embedding; per block (pre-LayerNorm)
// x += out_proj(MHA(ln_1(x))) with a causal mask, x += c_proj(QuickGELU(c_fc(ln_2(x)))), QuickGELU(u)
// = u·sigmoid(1.702u); ln_final; the row at the first maximum id of each prompt (its <|endoftext|>)
// times text_projection. LayerNorm eps 1e-5. Padding sits after EOT, so the causal mask keeps it out.
//
// Weights (safetensors, text tower only is read; anything else in the file, e.g. the vision tower,
// is ignored) under either naming:
//  * OpenAI's state dict: token_embedding.weight, positional_embedding,
//    transformer.resblocks.{i}.{ln_1,ln_2}.*, .attn.in_proj_{weight,bias}, .attn.out_proj.*,
//    .mlp.{c_fc,c_proj}.*, ln_final.*, text_projection [W, E];
//  * Hugging Face CLIPModel / CLIPTextModelWithProjection: text_model.embeddings.*,
//    text_model.encoder.layers.{i}.{layer_norm1,self_attn.{q,k,v,out}_proj,layer_norm2,mlp.fc1,fc2},
//    text_model.final_layer_norm.*, text_projection.weight [E, W] (transposed when read).
// Sizes come from the tensors' shapes. The head count is not in the weights: it is the file's
// metadata "config" (transformer_heads), else num_attention_heads of a config.json beside the file,
// else width / 64 as OpenAI's build_model() infers it.
//
// Thread safety: one thread at a time per module, as for every torch::nn::Module here.

#include <string>

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include "lscore/result.h"

namespace lscore {

struct ClipTextConfig {
    int vocab_size = 49408;
    int context_length = 77;
    int width = 512;
    int heads = 8;
    int layers = 12;
    int embed_dim = 512;      // the feature's size (text_projection's output)

    nlohmann::json toJson() const;
};

struct ClipAttentionImpl : torch::nn::Module {
    ClipAttentionImpl(int width, int heads);
    torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& mask);
    int heads;
    torch::Tensor in_proj_weight, in_proj_bias;   // [3W, W], [3W]: rows q, k, v
    torch::nn::Linear out_proj{nullptr};
};
TORCH_MODULE(ClipAttention);

struct ClipMlpImpl : torch::nn::Module {
    explicit ClipMlpImpl(int width);
    torch::Tensor forward(const torch::Tensor& x);
    torch::nn::Linear c_fc{nullptr}, c_proj{nullptr};
};
TORCH_MODULE(ClipMlp);

struct ClipResidualBlockImpl : torch::nn::Module {
    ClipResidualBlockImpl(int width, int heads);
    torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& mask);
    torch::nn::LayerNorm ln_1{nullptr}, ln_2{nullptr};
    ClipAttention attn{nullptr};
    ClipMlp mlp{nullptr};
};
TORCH_MODULE(ClipResidualBlock);

struct ClipTransformerImpl : torch::nn::Module {
    ClipTransformerImpl(int width, int heads, int layers);
    torch::nn::ModuleList resblocks{nullptr};
};
TORCH_MODULE(ClipTransformer);

struct ClipTextEncoderImpl : torch::nn::Module {
    explicit ClipTextEncoderImpl(const ClipTextConfig& config);
    // ids [N, L] int64, L <= context_length, each prompt ending in its EOT (the largest id).
    torch::Tensor forward(const torch::Tensor& ids);
    // ln_final's output at each prompt's EOT position, before the projection: [N, width].
    torch::Tensor pooled(const torch::Tensor& ids);

    ClipTextConfig config;
    torch::nn::Embedding token_embedding{nullptr};
    torch::Tensor positional_embedding;           // [context_length, width]
    ClipTransformer transformer{nullptr};
    torch::nn::LayerNorm ln_final{nullptr};
    torch::Tensor text_projection;                // [width, embed_dim]
};
TORCH_MODULE(ClipTextEncoder);

// Reads a text tower from a safetensors file in either naming (above). Errors say which tensor is
// missing or misshapen, or that the file holds no CLIP text tower.
Result<ClipTextEncoder> loadClipTextEncoder(const std::string& path);

} // namespace lscore
