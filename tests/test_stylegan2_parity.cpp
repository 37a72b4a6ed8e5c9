// StyleGAN2 generator against the NVlabs reference fixtures, plus the loader's refusals,
// determinism, noise modes, architectures and trainability.
#include <atomic>
#include <map>
#include <memory>
#include <set>
#include <string>

#include <torch/torch.h>
#include <nlohmann/json.hpp>

#include <QtTest/QtTest>

#include "lscore/safetensors.h"
#include "lscore/stylegan2.h"

Q_DECLARE_METATYPE(std::string)

namespace {

const char* const kFixtures[] = {"stylegan2-uncond-32.safetensors", "stylegan2-cond-64.safetensors"};

struct Fixture {
    lscore::TensorFile file;
    lscore::StyleGan2Config config;
    lscore::Generator generator{nullptr};
};

// Fixtures are read once per process; each test row reuses the loaded generator.
Fixture& fixture(const std::string& name)
{
    static std::map<std::string, std::unique_ptr<Fixture>> cache;
    auto& slot = cache[name];
    if (!slot) {
        auto file = lscore::readSafetensors(std::string(LSTUDIO_TEST_DATA) + "/" + name);
        if (!file) qFatal("cannot read fixture %s: %s", name.c_str(), file.error().c_str());
        auto config = lscore::StyleGan2Config::fromJson(nlohmann::json::parse(file->metadata.at("init_kwargs")));
        if (!config) qFatal("fixture %s: %s", name.c_str(), config.error().c_str());
        slot = std::make_unique<Fixture>();
        slot->file = std::move(*file);
        slot->config = *config;
        slot->generator = lscore::Generator(slot->config);
        if (auto status = lscore::loadTensors(*slot->generator, slot->file.tensors); !status)
            qFatal("fixture %s: %s", name.c_str(), status.error().c_str());
    }
    return *slot;
}

torch::Tensor conditioning(Fixture& f)
{
    return f.config.c_dim > 0 ? f.file.tensors.at("io.c") : torch::Tensor();
}

double maxAbsDiff(const torch::Tensor& a, const torch::Tensor& b)
{
    return (a.to(torch::kFloat64) - b.to(torch::kFloat64)).abs().max().item<double>();
}

lscore::StyleGan2Config smallConfig(const std::string& architecture, std::optional<double> clamp)
{
    lscore::StyleGan2Config config;
    config.z_dim = 16;
    config.c_dim = 3;
    config.w_dim = 24;
    config.img_resolution = 16;
    config.mapping_layers = 2;
    config.channel_base = 256;
    config.channel_max = 32;
    config.architecture = architecture;
    config.conv_clamp = clamp;
    return config;
}

// Gives every noise_strength a non-zero value so the noise modes are visible in the image.
void strengthenNoise(torch::nn::Module& module)
{
    torch::NoGradGuard noGrad;
    for (auto& item : module.named_parameters(true)) {
        if (item.key().find("noise_strength") != std::string::npos) item.value().fill_(0.5);
    }
}

} // namespace

class TestStyleGan2Parity : public QObject {
    Q_OBJECT

private slots:
    void parity_data()
    {
        QTest::addColumn<std::string>("fixtureName");
        QTest::addColumn<std::string>("output");
        QTest::addColumn<int>("mode");
        const char* outputs[] = {"ws_psi1", "ws_psi07", "ws_psi05_cutoff2", "ws_mix", "img_psi07_const",
                                 "img_psi07_none", "img_mix_const", "img_full_psi07_const"};
        for (const char* name : kFixtures) {
            for (const char* output : outputs) {
                for (auto mode : {lscore::ModConvMode::Fused, lscore::ModConvMode::NonFused}) {
                    const bool isImage = std::string(output).rfind("img", 0) == 0;
                    if (!isImage && mode == lscore::ModConvMode::NonFused) continue;
                    const char* modeName = mode == lscore::ModConvMode::Fused ? "fused" : "nonfused";
                    QTest::addRow("%s/%s/%s", name, output, modeName)
                        << std::string(name) << std::string(output) << static_cast<int>(mode);
                }
            }
        }
    }

    // Every io.* output of the NVlabs reference within 1e-4 · max(1, max|reference|).
    void parity()
    {
        QFETCH(std::string, fixtureName);
        QFETCH(std::string, output);
        QFETCH(int, mode);
        Fixture& f = fixture(fixtureName);
        const auto& t = f.file.tensors;
        const torch::Tensor z = t.at("io.z");
        const torch::Tensor c = conditioning(f);
        lscore::SynthesisOptions options;
        options.modConvMode = static_cast<lscore::ModConvMode>(mode);
        options.noiseMode = output.find("_none") != std::string::npos ? lscore::NoiseMode::None : lscore::NoiseMode::Const;

        torch::NoGradGuard noGrad;
        torch::Tensor actual;
        if (output == "ws_psi1") actual = f.generator->mapping->forward(z, c, 1.0, -1);
        else if (output == "ws_psi07") actual = f.generator->mapping->forward(z, c, 0.7, -1);
        else if (output == "ws_psi05_cutoff2") actual = f.generator->mapping->forward(z, c, 0.5, 2);
        else if (output == "ws_mix") {
            const int crossover = std::stoi(f.file.metadata.at("crossover"));
            torch::Tensor ws = f.generator->mapping->forward(z, c, 1.0, -1);
            torch::Tensor mixed = ws.narrow(0, 0, 1).clone();
            mixed.narrow(1, crossover, f.config.numWs() - crossover).copy_(ws.narrow(0, 1, 1).narrow(1, crossover, f.config.numWs() - crossover));
            actual = mixed;
        } else if (output == "img_psi07_const" || output == "img_psi07_none") {
            actual = f.generator->synthesis->forward(t.at("io.ws_psi07"), {}, options);
        } else if (output == "img_mix_const") {
            actual = f.generator->synthesis->forward(t.at("io.ws_mix"), {}, options);
        } else if (output == "img_full_psi07_const") {
            actual = f.generator->forward(z, c, 0.7, -1, options);
        }
        const torch::Tensor& reference = t.at("io." + output);
        QCOMPARE(actual.sizes().vec(), reference.sizes().vec());
        const double tolerance = 1e-4 * std::max(1.0, reference.abs().max().item<double>());
        const double error = maxAbsDiff(actual, reference);
        if (!(error <= tolerance)) QFAIL(qPrintable(QStringLiteral("max abs error %1 > tolerance %2").arg(error).arg(tolerance)));
    }

    // Our parameter and buffer names are exactly the NVlabs state-dict names of the fixture.
    void stateDictNamesMatchNvlabs_data()
    {
        QTest::addColumn<std::string>("fixtureName");
        for (const char* name : kFixtures) QTest::newRow(name) << std::string(name);
    }
    void stateDictNamesMatchNvlabs()
    {
        QFETCH(std::string, fixtureName);
        Fixture& f = fixture(fixtureName);
        std::set<std::string> ours, theirs;
        for (const auto& [name, tensor] : lscore::collectTensors(*f.generator)) ours.insert(name);
        for (const auto& [name, tensor] : f.file.tensors)
            if (name.rfind("io.", 0) != 0) theirs.insert(name);
        QCOMPARE(ours, theirs);
        QVERIFY(ours.count("synthesis.b4.const"));
        QVERIFY(ours.count("synthesis.b8.conv0.resample_filter"));
    }

    void loadRefusesMissingTensor()
    {
        Fixture& f = fixture(kFixtures[0]);
        auto tensors = f.file.tensors;
        tensors.erase("synthesis.b8.conv0.affine.weight");
        lscore::Generator fresh(f.config);
        lscore::Status status = lscore::loadTensors(*fresh, tensors);
        QVERIFY(!status.ok());
        QVERIFY2(status.error().find("synthesis.b8.conv0.affine.weight") != std::string::npos, status.error().c_str());
    }

    void loadRefusesMisshapedTensorAndKeepsWeights()
    {
        Fixture& f = fixture(kFixtures[0]);
        lscore::Generator fresh(f.config);
        const torch::Tensor before = fresh->mapping->fcs[0]->weight.detach().clone();
        auto tensors = f.file.tensors;
        tensors["synthesis.b16.conv1.weight"] = torch::zeros({64, 64, 3, 2});
        lscore::Status status = lscore::loadTensors(*fresh, tensors);
        QVERIFY(!status.ok());
        QVERIFY2(status.error().find("synthesis.b16.conv1.weight") != std::string::npos, status.error().c_str());
        QVERIFY2(status.error().find("[64, 64, 3, 2]") != std::string::npos, status.error().c_str());
        QVERIFY2(status.error().find("[64, 64, 3, 3]") != std::string::npos, status.error().c_str());
        // A refused file leaves the network as it was, not half loaded.
        QVERIFY(torch::equal(fresh->mapping->fcs[0]->weight.detach(), before));
    }

    void deterministic_data()
    {
        QTest::addColumn<int>("mode");
        QTest::newRow("fused") << static_cast<int>(lscore::ModConvMode::Fused);
        QTest::newRow("nonfused") << static_cast<int>(lscore::ModConvMode::NonFused);
    }
    void deterministic()
    {
        QFETCH(int, mode);
        Fixture& f = fixture(kFixtures[1]);
        lscore::SynthesisOptions options;
        options.modConvMode = static_cast<lscore::ModConvMode>(mode);
        c10::InferenceMode inference;
        torch::Tensor first = f.generator->forward(f.file.tensors.at("io.z"), conditioning(f), 0.7, -1, options);
        torch::Tensor second = f.generator->forward(f.file.tensors.at("io.z"), conditioning(f), 0.7, -1, options);
        QVERIFY(torch::equal(first, second));
    }

    void randomNoiseFollowsSeed()
    {
        Fixture& f = fixture(kFixtures[0]);
        lscore::Generator g(f.config);
        QVERIFY(lscore::loadTensors(*g, f.file.tensors).ok());
        strengthenNoise(*g);
        const torch::Tensor ws = f.file.tensors.at("io.ws_psi07");
        c10::InferenceMode inference;
        auto render = [&](lscore::NoiseMode mode, std::optional<std::uint64_t> seed) {
            lscore::SynthesisOptions options;
            options.noiseMode = mode;
            options.noiseSeed = seed;
            return g->synthesis->forward(ws, {}, options);
        };
        const torch::Tensor seed7 = render(lscore::NoiseMode::Random, 7);
        QVERIFY(torch::equal(seed7, render(lscore::NoiseMode::Random, 7)));
        QVERIFY(maxAbsDiff(seed7, render(lscore::NoiseMode::Random, 8)) > 1e-3);
        QVERIFY(maxAbsDiff(seed7, render(lscore::NoiseMode::Const, std::nullopt)) > 1e-3);
        QVERIFY(maxAbsDiff(render(lscore::NoiseMode::Const, std::nullopt), render(lscore::NoiseMode::None, std::nullopt)) > 1e-3);
    }

    void cancelStopsTheRender()
    {
        Fixture& f = fixture(kFixtures[0]);
        std::atomic_bool cancel{true};
        lscore::SynthesisOptions options;
        options.cancel = &cancel;
        c10::InferenceMode inference;
        QVERIFY_THROWS_EXCEPTION(lscore::Cancelled, f.generator->synthesis->forward(f.file.tensors.at("io.ws_psi07"), {}, options));
    }

    void configFromJsonRefuses_data()
    {
        QTest::addColumn<std::string>("kwargs");
        QTest::addColumn<std::string>("mentions");
        const std::string base = R"("z_dim": 8, "c_dim": 0, "w_dim": 8, "img_channels": 3, "channel_base": 256, "channel_max": 16)";
        QTest::newRow("missing resolution") << "{" + base + "}" << std::string("img_resolution");
        QTest::newRow("not power of two") << "{" + base + R"(, "img_resolution": 48})" << std::string("img_resolution");
        QTest::newRow("negative w_dim") << std::string(R"({"z_dim": 8, "w_dim": -1, "img_resolution": 16})") << std::string("w_dim");
        QTest::newRow("string dim") << std::string(R"({"z_dim": "8", "w_dim": 8, "img_resolution": 16})") << std::string("z_dim");
        QTest::newRow("unknown architecture") << "{" + base + R"(, "img_resolution": 16, "architecture": "fancy"})" << std::string("architecture");
        QTest::newRow("text_dim without c_dim") << "{" + base + R"(, "img_resolution": 16, "text_dim": 4})" << std::string("c_dim");
        QTest::newRow("huge network") << std::string(R"({"z_dim": 8, "w_dim": 8, "img_resolution": 4096, "channel_base": 16777216, "channel_max": 8192})") << std::string("parameters");
        QTest::newRow("other filter") << "{" + base + R"(, "img_resolution": 16, "resample_filter": [1, 1]})" << std::string("resample_filter");
        QTest::newRow("zero clamp") << "{" + base + R"(, "img_resolution": 16, "conv_clamp": 0})" << std::string("conv_clamp");
    }
    void configFromJsonRefuses()
    {
        QFETCH(std::string, kwargs);
        QFETCH(std::string, mentions);
        auto config = lscore::StyleGan2Config::fromJson(nlohmann::json::parse(kwargs));
        QVERIFY(!config.ok());
        QVERIFY2(config.error().find(mentions) != std::string::npos, config.error().c_str());
    }

    void configReadsNvlabsDefaultsAndRoundTrips()
    {
        auto config = lscore::StyleGan2Config::fromJson(nlohmann::json::parse(
            R"({"z_dim": 8, "c_dim": 2, "w_dim": 8, "img_resolution": 64, "img_channels": 3,
                "synthesis_kwargs": {"channel_base": 512, "architecture": "resnet"}})"));
        QVERIFY2(config.ok(), config.ok() ? "" : config.error().c_str());
        QCOMPARE(config->numWs(), 10);
        QCOMPARE(config->mapping_layers, 8);
        QCOMPARE(config->mapping_lr_multiplier, 0.01);
        QCOMPARE(config->channelsAt(64), 8);
        QCOMPARE(config->channelsAt(4), 128);
        QCOMPARE(config->architecture, std::string("resnet"));
        QVERIFY(config->conv_clamp.has_value());          // NVlabs SynthesisBlock default
        QCOMPARE(*config->conv_clamp, 256.0);
        auto unclamped = lscore::StyleGan2Config::fromJson(nlohmann::json::parse(
            R"({"z_dim": 8, "w_dim": 8, "img_resolution": 16, "conv_clamp": null})"));
        QVERIFY(unclamped.ok() && !unclamped->conv_clamp.has_value());
        auto again = lscore::StyleGan2Config::fromJson(unclamped->toJson());
        QVERIFY(again.ok() && !again->conv_clamp.has_value());
        QCOMPARE(again->toJson(), unclamped->toJson());
    }

    void architectures_data()
    {
        QTest::addColumn<std::string>("architecture");
        QTest::newRow("skip") << std::string("skip");
        QTest::newRow("resnet") << std::string("resnet");
        QTest::newRow("orig") << std::string("orig");
    }
    // Both modulated-conv forms agree for every architecture, also where the clamp is active,
    // and resnet/orig have the NVlabs layout (torgb only in the last block, skip in resnet).
    void architectures()
    {
        QFETCH(std::string, architecture);
        lscore::Generator g(smallConfig(architecture, 0.3));
        auto names = lscore::collectTensors(*g);
        QCOMPARE(names.count("synthesis.b8.skip.weight"), architecture == "resnet" ? 1u : 0u);
        QCOMPARE(names.count("synthesis.b8.torgb.weight"), architecture == "skip" ? 1u : 0u);
        QCOMPARE(names.count("synthesis.b16.torgb.weight"), 1u);
        torch::manual_seed(3);
        const torch::Tensor z = torch::randn({3, 16});
        const torch::Tensor c = torch::eye(3);
        c10::InferenceMode inference;
        lscore::SynthesisOptions fused, nonFused;
        fused.modConvMode = lscore::ModConvMode::Fused;
        nonFused.modConvMode = lscore::ModConvMode::NonFused;
        const torch::Tensor a = g->forward(z, c, 1.0, -1, fused);
        const torch::Tensor b = g->forward(z, c, 1.0, -1, nonFused);
        QCOMPARE(a.sizes().vec(), (std::vector<std::int64_t>{3, 3, 16, 16}));
        QVERIFY(maxAbsDiff(a, b) < 1e-4);
        // Each torgb output is clamped to ±0.3 and the upsampling filter is an average, so the image is
        // bounded by 0.3 per torgb (three in skip, one in resnet and orig).
        const double bound = (architecture == "skip" ? 3 : 1) * 0.3 + 1e-5;
        QVERIFY(a.abs().max().item<double>() <= bound);
    }

    // Inference takes its own routes: the conv epilogue in one in-place pass and Σ_k W² kept between
    // passes. They give the recorded (training) path's image, with every noise mode, at a size where
    // the up-convolutions run as phase convolutions (inputs of 16 and 32 px).
    void inferenceMatchesRecordedPath_data()
    {
        QTest::addColumn<std::string>("architecture");
        QTest::addColumn<int>("noiseMode");
        for (const char* architecture : {"skip", "resnet", "orig"}) {
            for (auto mode : {lscore::NoiseMode::Const, lscore::NoiseMode::Random, lscore::NoiseMode::None})
                QTest::addRow("%s/noise%d", architecture, static_cast<int>(mode)) << std::string(architecture) << static_cast<int>(mode);
        }
    }
    void inferenceMatchesRecordedPath()
    {
        QFETCH(std::string, architecture);
        QFETCH(int, noiseMode);
        lscore::StyleGan2Config config = smallConfig(architecture, 0.5);
        config.img_resolution = 64;
        lscore::Generator g(config);
        strengthenNoise(*g);
        torch::manual_seed(11);
        const torch::Tensor z = torch::randn({2, 16});
        const torch::Tensor c = torch::eye(3).narrow(0, 0, 2);
        lscore::SynthesisOptions options;
        options.noiseMode = static_cast<lscore::NoiseMode>(noiseMode);
        options.noiseSeed = 7;
        for (auto form : {lscore::ModConvMode::Fused, lscore::ModConvMode::NonFused}) {
            options.modConvMode = form;
            const torch::Tensor recorded = g->forward(z, c, 1.0, -1, options).detach();
            QVERIFY(recorded.abs().max().item<double>() > 1e-3);
            c10::InferenceMode inference;
            const torch::Tensor inferred = g->forward(z, c, 1.0, -1, options);
            QVERIFY2(maxAbsDiff(recorded, inferred) <= 1e-5 * std::max(1.0, recorded.abs().max().item<double>()),
                     std::to_string(maxAbsDiff(recorded, inferred)).c_str());
        }
    }

    // The kept Σ_k W² follows the weights: changed in place (as a training step does) or loaded from
    // another file, the next inference pass demodulates with the new weights.
    void keptDemodulationFollowsNewWeights()
    {
        lscore::StyleGan2Config config = smallConfig("skip", std::nullopt);
        config.img_resolution = 32;
        lscore::Generator g(config), other(config);
        torch::manual_seed(13);
        const torch::Tensor z = torch::randn({1, 16});
        const torch::Tensor c = torch::eye(3).narrow(0, 0, 1);
        auto infer = [&](lscore::Generator& generator) {
            c10::InferenceMode inference;
            return generator->forward(z, c, 1.0, -1, {});
        };
        auto recorded = [&](lscore::Generator& generator) { return generator->forward(z, c, 1.0, -1, {}).detach(); };
        const torch::Tensor before = infer(g);
        {
            torch::NoGradGuard noGrad;
            auto& weight = g->synthesis->blocks.back()->conv1->weight;
            weight.add_(torch::randn_like(weight));   // not a rescale, which demodulation would undo
        }
        const torch::Tensor changed = infer(g);
        QVERIFY(maxAbsDiff(before, changed) > 1e-3);
        QVERIFY(maxAbsDiff(changed, recorded(g)) < 1e-5);

        QVERIFY(lscore::loadTensors(*g, lscore::collectTensors(*other)));
        const torch::Tensor loaded = infer(g);
        QVERIFY(maxAbsDiff(loaded, recorded(other)) < 1e-5);
        QVERIFY(maxAbsDiff(loaded, infer(other)) < 1e-5);
    }

    // A fused batch gives every frame exactly the pixels it gets alone (the engine's promise that a
    // frame renders the same live, in a batched export and in a range export).
    void fusedBatchFramesEqualSingleFrames()
    {
        lscore::StyleGan2Config config = smallConfig("skip", 0.5);
        config.img_resolution = 64;
        lscore::Generator g(config);
        strengthenNoise(*g);
        torch::manual_seed(17);
        const torch::Tensor z = torch::randn({3, 16});
        const torch::Tensor c = torch::eye(3);
        lscore::SynthesisOptions options;
        options.modConvMode = lscore::ModConvMode::Fused;
        c10::InferenceMode inference;
        const torch::Tensor ws = g->mapping->forward(z, c, 1.0, -1);
        const torch::Tensor batch = g->synthesis->forward(ws, {}, options);
        for (std::int64_t n = 0; n < 3; ++n)
            QVERIFY(torch::equal(batch.narrow(0, n, 1), g->synthesis->forward(ws.narrow(0, n, 1), {}, options)));
    }

    // A single frame whose leading styles equal the cached frame's starts at the first block a
    // changed style reaches and gives the full pass's pixels exactly; a cancelled pass empties the
    // cache; random noise and batches do not use it.
    void cacheResumesAtTheFirstChangedBlock_data()
    {
        QTest::addColumn<int>("firstChangedRow");
        QTest::addColumn<int>("expectedFirstBlock");
        // 64 px: b4 reads rows 0-1, b8 rows 1-3, b16 rows 3-5, b32 rows 5-7, b64 rows 7-9 (num_ws 10).
        QTest::newRow("row 0: every block") << 0 << 0;
        QTest::newRow("row 2: from b8") << 2 << 1;
        QTest::newRow("row 5: from b16 (its ToRGB)") << 5 << 2;
        QTest::newRow("row 6: from b32") << 6 << 3;
        QTest::newRow("row 9: only b64") << 9 << 4;
        QTest::newRow("nothing changed") << 10 << 5;
    }
    void cacheResumesAtTheFirstChangedBlock()
    {
        QFETCH(int, firstChangedRow);
        QFETCH(int, expectedFirstBlock);
        for (const char* architecture : {"skip", "resnet"}) {
            lscore::StyleGan2Config config = smallConfig(architecture, 0.5);
            config.img_resolution = 64;
            lscore::Generator g(config);
            strengthenNoise(*g);
            QCOMPARE(config.numWs(), 10);
            torch::manual_seed(19);
            const torch::Tensor z = torch::randn({2, 16});
            c10::InferenceMode inference;
            const torch::Tensor ws = g->mapping->forward(z, torch::eye(3).narrow(0, 0, 2), 1.0, -1);
            const torch::Tensor before = ws.narrow(0, 0, 1).clone();
            torch::Tensor after = before.clone();
            if (firstChangedRow < 10) after.narrow(1, firstChangedRow, 10 - firstChangedRow).copy_(ws.narrow(0, 1, 1).narrow(1, firstChangedRow, 10 - firstChangedRow));
            lscore::SynthesisCache cache;
            lscore::SynthesisOptions cached;
            cached.cache = &cache;
            (void)g->synthesis->forward(before, {}, cached);
            QCOMPARE(cache.firstBlockComputed, 0);
            const torch::Tensor resumed = g->synthesis->forward(after, {}, cached);
            // resnet has a ToRGB in its last block only, so there a ToRGB row is first read by the
            // next block's conv0.
            if (std::string(architecture) == "skip") QCOMPARE(cache.firstBlockComputed, expectedFirstBlock);
            else QVERIFY(cache.firstBlockComputed >= expectedFirstBlock);
            QVERIFY(torch::equal(resumed, g->synthesis->forward(after, {}, {})));
        }
    }

    void cacheIsEmptiedByACancelledPassAndSkippedForRandomNoise()
    {
        lscore::StyleGan2Config config = smallConfig("skip", std::nullopt);
        config.img_resolution = 32;
        lscore::Generator g(config);
        strengthenNoise(*g);
        torch::manual_seed(23);
        c10::InferenceMode inference;
        const torch::Tensor ws = g->mapping->forward(torch::randn({1, 16}), torch::eye(3).narrow(0, 0, 1), 1.0, -1);
        lscore::SynthesisCache cache;
        std::atomic_bool cancel{true};
        lscore::SynthesisOptions options;
        options.cache = &cache;
        (void)g->synthesis->forward(ws, {}, options);
        QVERIFY(cache.styles.defined());
        options.cancel = &cancel;
        QVERIFY_THROWS_EXCEPTION(lscore::Cancelled, (void)g->synthesis->forward(ws * 1.5, {}, options));
        QVERIFY(!cache.styles.defined());
        options.cancel = nullptr;
        (void)g->synthesis->forward(ws, {}, options);
        QCOMPARE(cache.firstBlockComputed, 0);
        options.noiseMode = lscore::NoiseMode::Random;
        options.noiseSeed = 5;
        (void)g->synthesis->forward(ws, {}, options);
        QCOMPARE(cache.firstBlockComputed, 0);
        QVERIFY(torch::equal(g->synthesis->forward(ws, {}, options), g->synthesis->forward(ws, {}, [&] {
            lscore::SynthesisOptions plain = options;
            plain.cache = nullptr;
            return plain;
        }())));
    }

    void gradientsReachEveryParameter_data() { architectures_data(); }
    void gradientsReachEveryParameter()
    {
        QFETCH(std::string, architecture);
        lscore::Generator g(smallConfig(architecture, std::nullopt));
        strengthenNoise(*g);
        torch::manual_seed(5);
        lscore::SynthesisOptions options;
        options.modConvMode = lscore::ModConvMode::NonFused;
        torch::Tensor image = g->forward(torch::randn({2, 16}), torch::eye(3).narrow(0, 0, 2), 1.0, -1, options);
        (image * torch::randn_like(image)).sum().backward();
        for (const auto& item : g->named_parameters(true)) {
            QVERIFY2(item.value().grad().defined(), item.key().c_str());
            QVERIFY2(item.value().grad().abs().sum().item<double>() > 0.0, item.key().c_str());
        }
    }

    void uint8ConversionMatchesNvlabs()
    {
        torch::Tensor image = torch::tensor({-2.0f, -1.0f, 0.0f, 0.5f, 1.0f, 3.0f}).reshape({1, 1, 2, 3});
        torch::Tensor pixels = lscore::toUint8Nhwc(image);
        QCOMPARE(pixels.sizes().vec(), (std::vector<std::int64_t>{1, 2, 3, 1}));
        const std::vector<int> expected = {0, 0, 128, 191, 255, 255};
        for (int i = 0; i < 6; ++i) QCOMPARE(static_cast<int>(pixels.flatten()[i].item<std::uint8_t>()), expected[i]);
    }
};

QTEST_GUILESS_MAIN(TestStyleGan2Parity)
#include "test_stylegan2_parity.moc"
