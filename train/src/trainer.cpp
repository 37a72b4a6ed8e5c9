// The trainer's set-up, step, export and sample grids. See lstrain/trainer.h for the recipe.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <ctime>

#include "lscore/model_description.h"
#include "lscore/numpy_random.h"
#include "lscore/png.h"
#include "lscore/text_model_file.h"
#include "lscore/torch_device.h"
#include "trainer_impl.h"

namespace lstrain {
namespace {

constexpr const char* kShippedLicense =
    "CC0-1.0 (weights trained by the Latent Studio project on its procedural Shapes World)";

void setRequiresGrad(torch::nn::Module& module, bool value)
{
    for (auto& parameter : module.parameters(true)) parameter.set_requires_grad(value);
}

// EMA of parameters (buffers such as w_avg are copied: they are statistics, not weights).
void emaInto(torch::nn::Module& ema, torch::nn::Module& source, double beta)
{
    torch::NoGradGuard noGrad;
    auto emaParameters = ema.parameters(true);
    auto sourceParameters = source.parameters(true);
    for (std::size_t i = 0; i < emaParameters.size(); ++i)
        emaParameters[i].copy_(sourceParameters[i].detach().lerp(emaParameters[i], beta));
    auto emaBuffers = ema.buffers(true);
    auto sourceBuffers = source.buffers(true);
    for (std::size_t i = 0; i < emaBuffers.size(); ++i) emaBuffers[i].copy_(sourceBuffers[i]);
}

} // namespace

// RGB8 tiles [rows * cols, R, R, 3] (row-major) as one image of rows × cols tiles.
lscore::Image tileGrid(const torch::Tensor& tiles, int rows, int cols)
{
    const auto r = tiles.size(1);
    lscore::Image grid;
    grid.width = cols * static_cast<int>(r);
    grid.height = rows * static_cast<int>(r);
    grid.rgb.resize(static_cast<std::size_t>(grid.width) * static_cast<std::size_t>(grid.height) * 3);
    const torch::Tensor tiled = tiles.reshape({rows, cols, r, r, 3}).permute({0, 2, 1, 3, 4}).contiguous();
    std::memcpy(grid.rgb.data(), tiled.data_ptr<std::uint8_t>(), grid.rgb.size());
    return grid;
}

std::string nowIso8601()
{
    const std::time_t now = std::time(nullptr);
    char text[32] = {};
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
    return text;
}

std::uint64_t mixSeed(std::uint64_t a, std::uint64_t b, std::uint64_t c)
{
    auto splitmix = [](std::uint64_t x) {
        x += 0x9e3779b97f4a7c15ULL;
        x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
        x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
        return x ^ (x >> 31);
    };
    return splitmix(splitmix(splitmix(a) ^ b) ^ c);
}

// ---------------------------------------------------------------------------------------------------
// Adam

void Adam::add(const std::string& prefix, torch::nn::Module& module)
{
    for (auto& item : module.named_parameters(true)) {
        const std::string name = prefix + item.key();
        parameters.emplace_back(name, item.value());
        firstMoment[name] = torch::zeros_like(item.value());
        secondMoment[name] = torch::zeros_like(item.value());
    }
}

void Adam::zeroGrad()
{
    for (auto& [name, parameter] : parameters)
        if (parameter.grad().defined()) parameter.mutable_grad().zero_();
}

void Adam::step()
{
    torch::NoGradGuard noGrad;
    ++steps;
    const double correction1 = 1.0 - std::pow(beta1, double(steps));
    const double correction2Sqrt = std::sqrt(1.0 - std::pow(beta2, double(steps)));
    for (auto& [name, parameter] : parameters) {
        const torch::Tensor& grad = parameter.grad();
        if (!grad.defined()) continue;
        torch::Tensor& m = firstMoment.at(name);
        torch::Tensor& v = secondMoment.at(name);
        m.mul_(beta1).add_(grad, 1.0 - beta1);
        v.mul_(beta2).addcmul_(grad, grad, 1.0 - beta2);
        const torch::Tensor denominator = (v.sqrt() / correction2Sqrt).add_(epsilon);
        parameter.addcdiv_(m, denominator, -lr / correction1);
    }
}

void Adam::collect(std::map<std::string, torch::Tensor>& out) const
{
    for (const auto& [name, m] : firstMoment) out["opt.m." + name] = m;
    for (const auto& [name, v] : secondMoment) out["opt.v." + name] = v;
}

Status Adam::restore(const std::map<std::string, torch::Tensor>& tensors)
{
    torch::NoGradGuard noGrad;
    for (auto* moments : {&firstMoment, &secondMoment}) {
        const std::string kind = moments == &firstMoment ? "opt.m." : "opt.v.";
        for (auto& [name, moment] : *moments) {
            const auto it = tensors.find(kind + name);
            if (it == tensors.end()) return lscore::makeError("the checkpoint lacks the optimizer moment " + kind + name);
            if (!it->second.sizes().equals(moment.sizes()))
                return lscore::makeError("the checkpoint's optimizer moment " + kind + name + " has the wrong shape");
            moment.copy_(it->second);
        }
    }
    return Status::success();
}

// ---------------------------------------------------------------------------------------------------
// Set-up and the step

Status Trainer::Impl::build()
{
    auto dev = lscore::parseTorchDevice(options.device);
    if (!dev) return Error{dev.error()};
    device = *dev;
    const lscore::StyleGan2Config generatorConfig = options.generatorConfig();
    tokenizer = lscore::WordTokenizer(shapesWorldVocabulary(), kShapesWorldContext);
    layerMixCrossover = lscore::defaultLayerMixCrossover(lscore::styleGan2LayerTable(options.resolution));

    // Initial weights come from the global generator: seed it so a run is reproducible.
    torch::manual_seed(options.seed);
    generator = lscore::Generator(generatorConfig);
    generatorEma = lscore::Generator(generatorConfig);
    textEncoder = lscore::TextEncoder(options.textEncoderConfig());
    textEncoderEma = lscore::TextEncoder(options.textEncoderConfig());
    // Built after G so G's initial weights do not depend on it; trained only while
    // adversarialWeight > 0, checkpointed always (a run may turn sharpening on when resumed).
    discriminator = PatchDiscriminator(kDiscriminatorChannels);
    for (auto& [prefix, module] : namedModules()) module->to(device);
    emaInto(*generatorEma, *generator, 0.0);
    emaInto(*textEncoderEma, *textEncoder, 0.0);
    setRequiresGrad(*generatorEma, false);
    setRequiresGrad(*textEncoderEma, false);
    generatorEma->eval();
    textEncoderEma->eval();

    adam = Adam{};
    adam.lr = options.generatorLr;
    adam.beta1 = options.beta1;
    adam.beta2 = options.beta2;
    adam.add("G.", *generator);
    adam.add("G_text.", *textEncoder);

    discriminatorAdam = Adam{};
    discriminatorAdam.lr = options.discriminatorLr;
    discriminatorAdam.beta1 = 0.0;   // StyleGAN2's D betas: no momentum against a moving target
    discriminatorAdam.beta2 = 0.99;
    discriminatorAdam.add("D.", *discriminator);
    return Status::success();
}

std::vector<std::pair<std::string, torch::nn::Module*>> Trainer::Impl::namedModules()
{
    return {{"G.", generator.get()}, {"G_ema.", generatorEma.get()}, {"G_text.", textEncoder.get()},
            {"G_ema_text.", textEncoderEma.get()}, {"D.", discriminator.get()}};
}

Result<torch::Tensor> Trainer::Impl::tokenize(const std::vector<std::string>& captions)
{
    std::vector<std::int64_t> ids;
    ids.reserve(captions.size() * static_cast<std::size_t>(tokenizer.context()));
    for (const std::string& caption : captions) {
        lscore::PromptCheck check = tokenizer.check(caption);
        if (!check.ok()) return lscore::makeError("caption \"" + caption + "\" cannot be tokenized: " + check.message());
        ids.insert(ids.end(), check.ids.begin(), check.ids.end());
    }
    return torch::tensor(ids, torch::kInt64).reshape({static_cast<std::int64_t>(captions.size()), -1}).to(device);
}

torch::Tensor Trainer::Impl::render(const std::vector<SceneSpec>& scenes)
{
    const int r = options.resolution;
    torch::Tensor images = torch::empty({static_cast<std::int64_t>(scenes.size()), 3, r, r}, torch::kFloat32);
    renderScenes(scenes, images.data_ptr<float>(), r);
    return images.to(device);
}

void Trainer::Impl::updateEma(int batch)
{
    // G_ema: half-life emaKimg thousand images, ramped up so early weights are forgotten fast.
    double emaImages = options.emaKimg * 1000.0;
    if (options.emaRampup > 0.0) emaImages = std::min(emaImages, double(imagesSeen) * options.emaRampup);
    const double beta = emaImages > 0.0 ? std::pow(0.5, double(batch) / emaImages) : 0.0;
    emaInto(*generatorEma, *generator, beta);
    emaInto(*textEncoderEma, *textEncoder, beta);
}

std::map<std::string, torch::Tensor> Trainer::Impl::stateTensors()
{
    std::map<std::string, torch::Tensor> tensors;
    for (auto& [prefix, module] : namedModules())
        for (auto& [name, tensor] : lscore::collectTensors(*module, prefix)) tensors[name] = tensor.detach();
    adam.collect(tensors);
    discriminatorAdam.collect(tensors);
    return tensors;
}

Trainer::Trainer(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Trainer::~Trainer() = default;

Result<std::unique_ptr<Trainer>> Trainer::create(const TrainerOptions& options)
{
    try {
        auto impl = std::make_unique<Impl>();
        impl->options = options;
        if (Status built = impl->build(); !built) return Error{built.error()};
        return std::unique_ptr<Trainer>(new Trainer(std::move(impl)));
    } catch (const std::exception& error) {
        return lscore::makeError(std::string("could not set up training: ") + error.what());
    }
}

Result<StepStats> Trainer::step()
{
    const auto start = std::chrono::steady_clock::now();
    try {
        Impl& impl = *m_impl;
        std::mt19937_64 rng(mixSeed(impl.options.seed, static_cast<std::uint64_t>(impl.steps), kStreamNoise));
        impl.generator->train();
        impl.textEncoder->train();
        impl.adam.zeroGrad();
        auto loss = impl.supervisedLoss(mixSeed(impl.options.seed, static_cast<std::uint64_t>(impl.steps), kStreamScenes), rng);
        if (!loss) return Error{loss.error()};
        torch::Tensor total = loss->total;
        double adversarial = 0.0;
        if (impl.options.adversarialWeight > 0.0) {
            const torch::Tensor term = impl.generatorAdversarialLoss(loss->images);
            adversarial = term.item<double>();
            total = total + impl.options.adversarialWeight * term;
        }
        total.backward();
        impl.adam.step();
        double discriminatorLoss = 0.0;
        if (impl.options.adversarialWeight > 0.0) {
            discriminatorLoss = impl.discriminatorStep(loss->images, loss->reals);
            ++impl.discriminatorSteps;
        }
        ++impl.steps;
        impl.imagesSeen += impl.options.batch;
        impl.updateEma(impl.options.batch);
        StepStats stats;
        stats.step = impl.steps;
        stats.kimg = kimg();
        stats.loss = total.item<double>();
        stats.pixelL1 = loss->pixelL1;
        stats.adversarial = adversarial;
        stats.discriminator = discriminatorLoss;
        stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        impl.seconds += stats.seconds;
        return stats;
    } catch (const std::exception& error) {
        return lscore::makeError(std::string("training step failed: ") + error.what());
    }
}

Status Trainer::exportModel(const std::string& path, lscore::StoredDtype dtype, const nlohmann::json& extraProvenance)
{
    Impl& impl = *m_impl;
    nlohmann::json provenance = {
        {"source", "Latent Studio trainer (latent-studio-lab train), Shapes World v2 training split"},
        {"created", nowIso8601()},
        {"recipe", "supervised regression on exact scene codes: L1 + object-disc L1 (weight "
                       + std::to_string(impl.options.objectWeight) + ") + pooled pyramid ("
                       + std::to_string(impl.options.pyramidLevels) + " levels), layer mix p "
                       + std::to_string(impl.options.layerMixProb)
                       + (impl.options.adversarialWeight > 0.0
                              ? "; patch-discriminator sharpening (weight " + std::to_string(impl.options.adversarialWeight)
                                    + ", R1 gamma " + std::to_string(impl.options.r1Gamma) + ")"
                              : std::string())
                       + "; Adam lr " + std::to_string(impl.options.generatorLr)
                       + "; G EMA half-life " + std::to_string(impl.options.emaKimg) + " kimg; text encoder trained jointly"},
        {"training_images", impl.imagesSeen},
        {"kimg", kimg()},
        {"steps", impl.steps},
        {"batch", impl.options.batch},
        {"seed", impl.options.seed},
        {"wall_time_seconds", impl.seconds},
        {"hardware", impl.device.is_cuda() ? std::string("CUDA GPU")
                                           : "CPU, " + std::to_string(torch::get_num_threads()) + " threads"}};
    if (extraProvenance.is_object())
        for (const auto& [key, value] : extraProvenance.items()) provenance[key] = value;
    const lscore::StyleGan2Config config = impl.options.generatorConfig();
    const lscore::ModelDescription description =
        lscore::describeTextModel(config, impl.options.textEncoderConfig(), shapesWorldVocabulary(),
                                  "Shapes World " + std::to_string(impl.options.resolution), provenance, kShippedLicense);
    try {
        // Written from CPU copies so the exported file does not depend on the training device.
        lscore::Generator cpuGenerator(config);
        lscore::TextEncoder cpuEncoder(impl.options.textEncoderConfig());
        {
            torch::NoGradGuard noGrad;
            auto generatorTensors = lscore::collectTensors(*impl.generatorEma);
            for (auto& [name, tensor] : generatorTensors) tensor = tensor.detach().to(torch::kCPU);
            auto encoderTensors = lscore::collectTensors(*impl.textEncoderEma);
            for (auto& [name, tensor] : encoderTensors) tensor = tensor.detach().to(torch::kCPU);
            if (Status s = lscore::loadTensors(*cpuGenerator, generatorTensors); !s) return s;
            if (Status s = lscore::loadTensors(*cpuEncoder, encoderTensors); !s) return s;
        }
        return lscore::writeTextModel(path, cpuGenerator, cpuEncoder, description, dtype);
    } catch (const std::exception& error) {
        return lscore::makeError(path + ": could not export the model: " + error.what());
    }
}

Status Trainer::writeSamples(const std::string& pngPath, const std::vector<std::string>& prompts,
                             const std::vector<std::uint32_t>& seeds)
{
    if (prompts.empty() || seeds.empty()) return lscore::makeError("a sample grid needs at least one prompt and one seed");
    try {
        Impl& impl = *m_impl;
        torch::NoGradGuard noGrad;
        const int rows = static_cast<int>(prompts.size());
        const int cols = static_cast<int>(seeds.size());
        auto ids = impl.tokenize(prompts);
        if (!ids) return Error{ids.error()};
        const torch::Tensor pooled = impl.textEncoderEma->forward(*ids).pooled;   // [rows, T]
        std::vector<torch::Tensor> zs;
        for (std::uint32_t seed : seeds) zs.push_back(torch::tensor(lscore::seedToZ(seed, impl.options.zDim)));
        const torch::Tensor z = torch::stack(zs).to(impl.device).repeat({rows, 1});   // row-major grid
        const torch::Tensor text = pooled.repeat_interleave(cols, 0);
        const torch::Tensor ws = impl.generatorEma->mapping->forward(z, text, 1.0, -1);
        const torch::Tensor layerText = text.unsqueeze(1).expand({text.size(0), ws.size(1), text.size(1)}).contiguous();
        lscore::SynthesisOptions options;
        options.noiseMode = lscore::NoiseMode::Const;
        const torch::Tensor images = impl.generatorEma->synthesis->forward(ws, layerText, options);
        const lscore::Image grid = tileGrid(lscore::toUint8Nhwc(images).to(torch::kCPU), rows, cols);
        lscore::PngText chunks{{"Description", "Latent Studio Shapes World samples: rows = prompts, columns = seeds"}};
        for (int i = 0; i < rows; ++i)
            chunks["latent-studio:prompt" + std::to_string(i)] = prompts[static_cast<std::size_t>(i)];
        chunks["latent-studio:kimg"] = std::to_string(kimg());
        return lscore::writePng(pngPath, grid, chunks);
    } catch (const std::exception& error) {
        return lscore::makeError(pngPath + ": could not render the sample grid: " + error.what());
    }
}

std::int64_t Trainer::stepCount() const { return m_impl->steps; }
double Trainer::kimg() const { return double(m_impl->imagesSeen) / 1000.0; }
double Trainer::trainingSeconds() const { return m_impl->seconds; }
const TrainerOptions& Trainer::options() const { return m_impl->options; }
std::map<std::string, torch::Tensor> Trainer::stateTensors() { return m_impl->stateTensors(); }

std::vector<std::string> defaultSamplePrompts()
{
    return {"a red star on a blue background",
            "a big green circle",
            "a small yellow square on a black background",
            "a striped blue ring on a white background",
            "a pink heart on a checkered background",
            "a dotted orange diamond",
            "a white cross on a red gradient background",
            "a big purple triangle on a yellow striped background"};
}

} // namespace lstrain
