// BigGAN-deep, following the PyTorch port's model.py operation for operation (the same order of
// float32 operations where it matters for the last bits: the statistics lerp, the normalisation).
#include "lscore/biggan.h"

#include <cmath>
#include <set>

#include "generator_settings.h"

namespace lscore {

namespace gs = generator_settings;

namespace {

std::string configError(const std::string& field, const std::string& problem)
{
    return "config.json: '" + field + "' " + problem;
}

// The port's reduction of channels inside a GenBlock.
constexpr int kBottleneck = 4;

torch::Tensor convolve(const torch::Tensor& x, const SpectralWeight& w, int padding)
{
    return torch::conv2d(x, w->weight, w->bias.defined() ? w->bias : torch::Tensor(), 1, padding);
}

torch::Tensor nearestUp2(const torch::Tensor& x)
{
    return torch::upsample_nearest2d(x, {x.size(2) * 2, x.size(3) * 2});
}

} // namespace

int BigGanConfig::resolution() const
{
    int r = 4;
    for (const Layer& layer : layers) r *= layer.upsample ? 2 : 1;
    return r;
}

double BigGanConfig::estimatedParameterCount() const
{
    const double z = z_dim, ch = channel_width, stats = n_stats, cond = 2.0 * z_dim;
    double count = z * num_classes + cond * 16 * ch * 16 + 16 * ch * 16;
    const auto bn = [&](double c) { return 2 * cond * c + 2 * stats * c; };
    for (std::size_t i = 0; i < layers.size(); ++i) {
        const double in = ch * layers[i].in, out = ch * layers[i].out, mid = std::floor(in / kBottleneck);
        count += bn(in) + 3 * bn(mid);
        count += in * mid + mid + 2 * (mid * mid * 9 + mid) + mid * out + out;
        if (static_cast<int>(i) == attention_layer_position) count += in * in / 8 * 2 + in * in / 2 * 2 + 1;
    }
    count += 2 * ch + 2 * stats * ch + ch * ch * 9 + ch;
    return count;
}

Result<BigGanConfig> BigGanConfig::fromJson(const nlohmann::json& json)
{
    if (!json.is_object()) return makeError(std::string("config.json is not a JSON object but ") + json.type_name());
    BigGanConfig config;
    // The port writes every field; one missing means the file is not a BigGAN config.
    for (const char* required : {"z_dim", "channel_width", "num_classes", "layers", "attention_layer_position"})
        if (!json.contains(required))
            return makeError(std::string("config.json has no '") + required + "', so it is not a BigGAN-deep configuration");
    const auto integer = [&](const char* key, int& out, int minimum, int maximum) -> std::optional<std::string> {
        return gs::readInt(key, gs::findKey(key, {&json}), out, minimum, maximum);
    };
    for (auto problem : {integer("output_dim", config.output_dim, 4, 4096), integer("z_dim", config.z_dim, 1, 4096),
                         integer("class_embed_dim", config.class_embed_dim, 1, 4096),
                         integer("channel_width", config.channel_width, 1, 2048),
                         integer("num_classes", config.num_classes, 1, 100000), integer("n_stats", config.n_stats, 2, 1001),
                         gs::readDouble("eps", gs::findKey("eps", {&json}), config.eps, 1e-12, 0.1)})
        if (problem) return makeError("config.json: " + *problem);

    const nlohmann::json& layers = json.at("layers");
    if (!layers.is_array() || layers.empty() || layers.size() > 24)
        return makeError(configError("layers", "must be a list of 1 to 24 [upsample, in, out] entries"));
    for (std::size_t i = 0; i < layers.size(); ++i) {
        const nlohmann::json& entry = layers[i];
        const std::string where = "layers[" + std::to_string(i) + "]";
        if (!entry.is_array() || entry.size() != 3 || !entry[0].is_boolean() || !entry[1].is_number_integer()
            || !entry[2].is_number_integer())
            return makeError(configError(where, "is " + entry.dump() + ", not [upsample (true/false), in, out]"));
        Layer layer{entry[0].get<bool>(), 0, 0};
        const auto in = entry[1].get<std::int64_t>(), out = entry[2].get<std::int64_t>();
        if (in < 1 || in > 64 || out < 1 || out > 64)
            return makeError(configError(where, "has channel multiples " + entry.dump() + " outside 1..64"));
        layer.in = static_cast<int>(in);
        layer.out = static_cast<int>(out);
        config.layers.push_back(layer);
    }
    if (auto problem = integer("attention_layer_position", config.attention_layer_position, 0,
                               static_cast<int>(config.layers.size()) - 1))
        return makeError("config.json: " + *problem);
    if (config.resolution() > 4096)
        return makeError(configError("layers", "up-samples to " + std::to_string(config.resolution()) + " px, above 4096"));
    const int ch = config.channel_width;
    if (config.layers.front().in != 16)
        return makeError(configError("layers", "starts at " + std::to_string(config.layers.front().in)
                                                   + "·channel_width channels, but gen_z makes 16·channel_width"));
    if (config.layers.back().out != 1)
        return makeError(configError("layers", "ends at " + std::to_string(config.layers.back().out)
                                                   + "·channel_width channels, but the output layer reads channel_width"));
    for (std::size_t i = 0; i < config.layers.size(); ++i) {
        const Layer& layer = config.layers[i];
        if (i + 1 < config.layers.size() && layer.out != config.layers[i + 1].in)
            return makeError(configError("layers", "entry " + std::to_string(i) + " makes " + std::to_string(layer.out)
                                                       + "·channel_width channels but entry " + std::to_string(i + 1) + " reads "
                                                       + std::to_string(config.layers[i + 1].in)));
        // The skip path keeps the first in/2 channels when the widths differ: only halving adds up.
        if (layer.in != layer.out && ch * layer.in / 2 != ch * layer.out)
            return makeError(configError("layers", "entry " + std::to_string(i) + " goes from " + std::to_string(layer.in) + " to "
                                                       + std::to_string(layer.out)
                                                       + "·channel_width channels; a GenBlock can keep its width or halve it"));
        if (ch * layer.in / kBottleneck < 1)
            return makeError(configError("channel_width", "is too small: GenBlock " + std::to_string(i) + " has no bottleneck channels"));
    }
    if (ch * config.layers[static_cast<std::size_t>(config.attention_layer_position)].in / 8 < 1)
        return makeError(configError("channel_width", "is too small for the attention block (it needs 8 channels or more)"));
    if (config.estimatedParameterCount() > gs::kMaxGeneratorParameters)
        return makeError("config.json describes a generator of more than 10^9 weights; it is damaged or not a BigGAN-deep");
    return config;
}

nlohmann::json BigGanConfig::toJson() const
{
    nlohmann::json layerList = nlohmann::json::array();
    for (const Layer& layer : layers) layerList.push_back({layer.upsample, layer.in, layer.out});
    return {{"output_dim", output_dim}, {"z_dim", z_dim}, {"class_embed_dim", class_embed_dim},
            {"channel_width", channel_width}, {"num_classes", num_classes}, {"layers", layerList},
            {"attention_layer_position", attention_layer_position}, {"eps", eps}, {"n_stats", n_stats}};
}

BigGanStatsRow bigGanStatsRow(double truncation, int nStats)
{
    // Exactly the port's float64 steps: step = 1/(n−1), then modf(t / step) (not t·(n−1)).
    const double step = 1.0 / (nStats - 1);
    double whole = 0.0;
    const double coef = std::modf(truncation / step, &whole);
    BigGanStatsRow stats{static_cast<int>(whole), coef};
    if (stats.row >= nStats - 1) stats = {nStats - 1, 0.0};   // t = 1 lands on the last row
    if (stats.row < 0) stats = {0, 0.0};
    return stats;
}

SpectralWeightImpl::SpectralWeightImpl(std::vector<std::int64_t> shape, bool withBias)
{
    std::int64_t fanIn = 1;
    for (std::size_t d = 1; d < shape.size(); ++d) fanIn *= shape[d];
    weight_orig = register_parameter("weight_orig", torch::zeros(shape));
    if (withBias) bias = register_parameter("bias", torch::zeros({shape[0]}));
    weight_u = register_buffer("weight_u", torch::zeros({shape[0]}));
    weight_v = register_buffer("weight_v", torch::zeros({fanIn}));
}

Status SpectralWeightImpl::normalize(const std::string& name)
{
    torch::NoGradGuard noGrad;
    const torch::Tensor matrix = weight_orig.reshape({weight_orig.size(0), -1});
    const double sigma = torch::dot(weight_u, torch::mv(matrix, weight_v)).item<double>();
    if (!std::isfinite(sigma) || sigma <= 0.0)
        return makeError("the spectral norm of '" + name + "' (uᵀ·W·v from weight_u and weight_v) is " + std::to_string(sigma)
                         + ", not a positive number; the file's singular vectors are damaged");
    weight = weight_orig / torch::dot(weight_u, torch::mv(matrix, weight_v));
    return Status::success();
}

BigGanBatchNormImpl::BigGanBatchNormImpl(int channels, int conditionDim, int nStats, double eps_, bool conditional_)
    : eps(eps_), conditional(conditional_)
{
    running_means = register_buffer("running_means", torch::zeros({nStats, channels}));
    running_vars = register_buffer("running_vars", torch::ones({nStats, channels}));
    if (conditional) {
        scale = register_module("scale", SpectralWeight(std::vector<std::int64_t>{channels, conditionDim}, false));
        offset = register_module("offset", SpectralWeight(std::vector<std::int64_t>{channels, conditionDim}, false));
    } else {
        weight = register_parameter("weight", torch::ones({channels}));
        bias = register_parameter("bias", torch::zeros({channels}));
    }
}

torch::Tensor BigGanBatchNormImpl::forward(const torch::Tensor& x, BigGanStatsRow stats, const torch::Tensor& cond)
{
    torch::Tensor mean = running_means[stats.row];
    torch::Tensor var = running_vars[stats.row];
    if (stats.coef != 0.0) {
        mean = mean * stats.coef + running_means[stats.row + 1] * (1.0 - stats.coef);
        var = var * stats.coef + running_vars[stats.row + 1] * (1.0 - stats.coef);
    }
    if (!conditional) return torch::batch_norm(x, weight, bias, mean, var, false, 0.0, eps, false);
    const auto spatial = [](const torch::Tensor& t) { return t.unsqueeze(-1).unsqueeze(-1); };
    const torch::Tensor gain = 1 + spatial(torch::linear(cond, scale->weight));
    const torch::Tensor shift = spatial(torch::linear(cond, offset->weight));
    return (x - spatial(mean.unsqueeze(0))) / torch::sqrt(spatial(var.unsqueeze(0)) + eps) * gain + shift;
}

BigGanBlockImpl::BigGanBlockImpl(int in, int out, int conditionDim, bool upsample_, int nStats, double eps)
    : upsample(upsample_), dropChannels(in != out)
{
    const int mid = in / kBottleneck;
    const std::array<int, 4> bnChannels = {in, mid, mid, mid};
    const std::array<std::vector<std::int64_t>, 4> convShapes = {
        std::vector<std::int64_t>{mid, in, 1, 1}, {mid, mid, 3, 3}, {mid, mid, 3, 3}, {out, mid, 1, 1}};
    for (std::size_t i = 0; i < 4; ++i) {
        bn[i] = register_module("bn_" + std::to_string(i), BigGanBatchNorm(bnChannels[i], conditionDim, nStats, eps, true));
        conv[i] = register_module("conv_" + std::to_string(i), SpectralWeight(convShapes[i], true));
    }
}

torch::Tensor BigGanBlockImpl::forward(const torch::Tensor& x0, const torch::Tensor& cond, BigGanStatsRow stats)
{
    torch::Tensor x = convolve(torch::relu(bn[0]->forward(x0, stats, cond)), conv[0], 0);
    x = torch::relu(bn[1]->forward(x, stats, cond));
    if (upsample) x = nearestUp2(x);
    x = convolve(x, conv[1], 1);
    x = convolve(torch::relu(bn[2]->forward(x, stats, cond)), conv[2], 1);
    x = convolve(torch::relu(bn[3]->forward(x, stats, cond)), conv[3], 0);
    torch::Tensor skip = dropChannels ? x0.slice(1, 0, x0.size(1) / 2) : x0;
    if (upsample) skip = nearestUp2(skip);
    return x + skip;
}

Status BigGanBlockImpl::normalizeWeights(const std::string& prefix)
{
    for (std::size_t i = 0; i < 4; ++i) {
        const std::string index = std::to_string(i);
        if (Status s = conv[i]->normalize(prefix + "conv_" + index); !s) return s;
        if (Status s = bn[i]->scale->normalize(prefix + "bn_" + index + ".scale"); !s) return s;
        if (Status s = bn[i]->offset->normalize(prefix + "bn_" + index + ".offset"); !s) return s;
    }
    return Status::success();
}

BigGanAttentionImpl::BigGanAttentionImpl(int channels)
{
    const std::int64_t c = channels;
    theta = register_module("snconv1x1_theta", SpectralWeight(std::vector<std::int64_t>{c / 8, c, 1, 1}, false));
    phi = register_module("snconv1x1_phi", SpectralWeight(std::vector<std::int64_t>{c / 8, c, 1, 1}, false));
    g = register_module("snconv1x1_g", SpectralWeight(std::vector<std::int64_t>{c / 2, c, 1, 1}, false));
    o = register_module("snconv1x1_o_conv", SpectralWeight(std::vector<std::int64_t>{c, c / 2, 1, 1}, false));
    gamma = register_parameter("gamma", torch::zeros({1}));
}

torch::Tensor BigGanAttentionImpl::forward(const torch::Tensor& x)
{
    const std::int64_t ch = x.size(1), h = x.size(2), w = x.size(3);
    const torch::Tensor queries = convolve(x, theta, 0).view({-1, ch / 8, h * w});
    const torch::Tensor keys = torch::max_pool2d(convolve(x, phi, 0), 2, 2).view({-1, ch / 8, h * w / 4});
    const torch::Tensor attention = torch::softmax(torch::bmm(queries.permute({0, 2, 1}), keys), -1);
    const torch::Tensor values = torch::max_pool2d(convolve(x, g, 0), 2, 2).view({-1, ch / 2, h * w / 4});
    const torch::Tensor attended = torch::bmm(values, attention.permute({0, 2, 1})).view({-1, ch / 2, h, w});
    return x + gamma * convolve(attended, o, 0);
}

Status BigGanAttentionImpl::normalizeWeights(const std::string& prefix)
{
    const std::array<std::pair<SpectralWeight*, const char*>, 4> weights = {
        {{&theta, "snconv1x1_theta"}, {&phi, "snconv1x1_phi"}, {&g, "snconv1x1_g"}, {&o, "snconv1x1_o_conv"}}};
    for (const auto& [weight, name] : weights)
        if (Status s = (*weight)->normalize(prefix + name); !s) return s;
    return Status::success();
}

BigGanSynthesisImpl::BigGanSynthesisImpl(const BigGanConfig& config_) : config(config_)
{
    const int ch = config.channel_width;
    const int conditionDim = 2 * config.z_dim;
    gen_z = register_module("gen_z", SpectralWeight(std::vector<std::int64_t>{4 * 4 * 16 * ch, conditionDim}, true));
    layers = register_module("layers", torch::nn::ModuleList());
    for (std::size_t i = 0; i < config.layers.size(); ++i) {
        const BigGanConfig::Layer& layer = config.layers[i];
        if (static_cast<int>(i) == config.attention_layer_position) {
            attention = BigGanAttention(ch * layer.in);
            layers->push_back(attention);
        }
        blocks.push_back(BigGanBlock(ch * layer.in, ch * layer.out, conditionDim, layer.upsample, config.n_stats, config.eps));
        layers->push_back(blocks.back());
    }
    bn = register_module("bn", BigGanBatchNorm(ch, 0, config.n_stats, config.eps, false));
    conv_to_rgb = register_module("conv_to_rgb", SpectralWeight(std::vector<std::int64_t>{ch, ch, 3, 3}, true));
}

torch::Tensor BigGanSynthesisImpl::initial(const torch::Tensor& cond)
{
    return torch::linear(cond, gen_z->weight, gen_z->bias).view({-1, 4, 4, 16 * config.channel_width}).permute({0, 3, 1, 2}).contiguous();
}

torch::Tensor BigGanSynthesisImpl::forward(const torch::Tensor& conds, double truncation, const std::atomic_bool* cancel)
{
    TORCH_CHECK(conds.dim() == 3 && conds.size(1) == config.numSites() && conds.size(2) == 2 * config.z_dim,
                "BigGAN conditioning must be [N, ", config.numSites(), ", ", 2 * config.z_dim, "]");
    TORCH_CHECK(truncation > 0.0 && truncation <= 1.0, "BigGAN truncation must be in (0, 1]");
    const BigGanStatsRow stats = bigGanStatsRow(truncation, config.n_stats);
    const auto checkCancel = [cancel] { if (cancel && cancel->load()) throw Cancelled(); };
    torch::Tensor x = initial(conds.select(1, 0));
    for (std::size_t k = 0; k < blocks.size(); ++k) {
        checkCancel();
        if (static_cast<int>(k) == config.attention_layer_position) x = attention->forward(x);
        x = blocks[k]->forward(x, conds.select(1, static_cast<std::int64_t>(k) + 1), stats);
    }
    checkCancel();
    x = torch::relu(bn->forward(x, stats, torch::Tensor()));
    x = convolve(x, conv_to_rgb, 1).slice(1, 0, 3);
    return torch::tanh(x);
}

Status BigGanSynthesisImpl::normalizeWeights()
{
    if (Status s = gen_z->normalize("generator.gen_z"); !s) return s;
    for (std::size_t k = 0; k < blocks.size(); ++k) {
        // The attention block takes index attention_layer_position of `layers`; the GenBlocks from there on shift by one.
        const std::size_t index = k + (static_cast<int>(k) >= config.attention_layer_position ? 1 : 0);
        if (Status s = blocks[k]->normalizeWeights("generator.layers." + std::to_string(index) + "."); !s) return s;
    }
    if (Status s = attention->normalizeWeights("generator.layers." + std::to_string(config.attention_layer_position) + "."); !s)
        return s;
    return conv_to_rgb->normalize("generator.conv_to_rgb");
}

BigGanGeneratorImpl::BigGanGeneratorImpl(const BigGanConfig& config_) : config(config_)
{
    embeddings = register_module("embeddings", torch::nn::Linear(torch::nn::LinearOptions(config.num_classes, config.z_dim).bias(false)));
    generator = register_module("generator", BigGanSynthesis(config));
}

torch::Tensor BigGanGeneratorImpl::conditionVector(const torch::Tensor& z, const torch::Tensor& classVector)
{
    return torch::cat({z, embeddings->forward(classVector)}, 1);
}

torch::Tensor BigGanGeneratorImpl::forward(const torch::Tensor& conds, double truncation, const std::atomic_bool* cancel)
{
    return generator->forward(conds, truncation, cancel);
}

Status BigGanGeneratorImpl::normalizeWeights() { return generator->normalizeWeights(); }

bool looksLikeBigGan(const std::map<std::string, torch::Tensor>& tensors)
{
    return tensors.contains("generator.gen_z.weight_orig");
}

Status loadBigGanWeights(BigGanGenerator& generator, const std::map<std::string, torch::Tensor>& tensors)
{
    std::set<std::string> known;
    for (const auto& item : generator->named_parameters(true)) known.insert(item.key());
    for (const auto& item : generator->named_buffers(true)) known.insert(item.key());
    std::vector<std::string> unexpected;
    for (const auto& [name, tensor] : tensors)
        if (!known.contains(name) && !name.starts_with("io.")) unexpected.push_back(name);
    if (!unexpected.empty())
        return makeError("the weights hold " + std::to_string(unexpected.size()) + " tensor(s) that the BigGAN-deep of this "
                         "config.json does not have (first: '" + unexpected.front() + "'); the weights and config.json are not from one model");
    if (Status s = loadTensors(*generator, tensors); !s) return s;
    return generator->normalizeWeights();
}

std::vector<LayerInfo> bigGanLayerTable(const BigGanConfig& config)
{
    const auto kindOf = [](int resolution) {
        return resolution <= 8 ? LayerKind::Coarse : resolution <= 32 ? LayerKind::Middle : LayerKind::Fine;
    };
    std::vector<LayerInfo> table;
    table.push_back({0, "gen_z", 4, LayerKind::Coarse});
    int resolution = 4;
    for (std::size_t k = 0; k < config.layers.size(); ++k) {
        if (config.layers[k].upsample) resolution *= 2;
        table.push_back({static_cast<int>(k) + 1, "block" + std::to_string(k), resolution, kindOf(resolution)});
    }
    return table;
}

ModelDescription describeBigGan(const BigGanConfig& config, const std::string& source, std::vector<std::string> classNames)
{
    ModelDescription description;
    description.architecture = "biggan-deep";
    description.resolution = config.resolution();
    description.name = "BigGAN-deep " + std::to_string(description.resolution) + " px";
    description.imgChannels = 3;
    description.zDim = config.z_dim;
    description.wDim = 2 * config.z_dim;
    description.numWs = config.numSites();
    description.generator = config.toJson();
    description.layers = bigGanLayerTable(config);
    description.conditioning.type = ConditioningType::Class;
    description.conditioning.classCount = config.num_classes;
    if (static_cast<int>(classNames.size()) == config.num_classes) description.conditioning.classNames = std::move(classNames);
    description.provenance["source"] = source;
    return description;
}

} // namespace lscore
