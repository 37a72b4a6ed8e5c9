// BigGAN-deep against the PyTorch port's reference fixture: the state-dict reader on both torch.save
// formats, the truncated-normal noise of a seed, the truncation's statistics rows, the network's
// images at each truncation; the engine on a model folder (one-hot, class interpolation, per-block
// class and latent mixing); and the refusals (bad config.json, weights that do not match it, extra
// or missing tensors, damaged .bin files, truncation out of range).
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include <torch/torch.h>
#include <nlohmann/json.hpp>

#include <QtTest/QtTest>

#include "lscore/biggan.h"
#include "lscore/biggan_folder.h"
#include "lscore/engine.h"
#include "lscore/numpy_random.h"
#include "lscore/safetensors.h"
#include "lscore/torch_state_dict.h"

namespace {

namespace fs = std::filesystem;
const std::string kData = LSTUDIO_TEST_DATA;
const std::string kLegacyFolder = kData + "/biggan-deep-tiny";
const std::string kZipFolder = kData + "/biggan-deep-tiny-zip";
const std::string kFixture = kData + "/biggan-deep-tiny.safetensors";

const lscore::TensorFile& fixture()
{
    static const lscore::TensorFile file = [] {
        auto read = lscore::readSafetensors(kFixture);
        if (!read) qFatal("%s", read.error().c_str());
        return std::move(read).value();
    }();
    return file;
}

const torch::Tensor& io(const std::string& name) { return fixture().tensors.at("io." + name); }

lscore::BigGanConfig fixtureConfig()
{
    auto config = lscore::BigGanConfig::fromJson(nlohmann::json::parse(fixture().metadata.at("config")));
    if (!config) qFatal("%s", config.error().c_str());
    return *config;
}

double maxAbsDiff(const torch::Tensor& a, const torch::Tensor& b)
{
    return (a.to(torch::kFloat64) - b.to(torch::kFloat64)).abs().max().item<double>();
}

// The fixture README's honest bound for an independent fp32 implementation.
double tolerance(const torch::Tensor& reference) { return 1e-4 * std::max(1.0, reference.abs().max().item<double>()); }

// The port's 8-bit conversion of a reference image: clip((x + 1) / 2 · 256, 0, 255), truncated; HWC.
std::vector<std::uint8_t> referencePixels(const torch::Tensor& chw)
{
    const torch::Tensor pixels = (chw * 128.0 + 128.0).clamp(0, 255).to(torch::kUInt8).permute({1, 2, 0}).contiguous();
    return {pixels.data_ptr<std::uint8_t>(), pixels.data_ptr<std::uint8_t>() + pixels.numel()};
}

struct PixelAgreement {
    int maxDifference = 0;
    double differingShare = 0.0;
};

PixelAgreement compare(const std::vector<std::uint8_t>& a, const std::vector<std::uint8_t>& b)
{
    PixelAgreement agreement;
    if (a.size() != b.size()) return {255, 1.0};
    std::size_t differing = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const int d = std::abs(int(a[i]) - int(b[i]));
        agreement.maxDifference = std::max(agreement.maxDifference, d);
        differing += d != 0;
    }
    agreement.differingShare = static_cast<double>(differing) / static_cast<double>(a.size());
    return agreement;
}

std::unique_ptr<lscore::Engine> openEngine(const std::string& path)
{
    auto engine = lscore::Engine::open(path);
    if (!engine) qFatal("%s", engine.error().c_str());
    return std::move(engine).value();
}

std::vector<std::uint8_t> render(lscore::Engine& engine, const lscore::EditState& state)
{
    auto frames = engine.render(std::span<const lscore::EditState>(&state, 1));
    if (!frames) qFatal("%s", frames.error().c_str());
    return frames->front().rgb;
}

// The fixture's own call: seed 42, classes 207 (A) and 980 (B), truncation 0.4.
lscore::EditState fixtureState()
{
    lscore::EditState state;
    state.classA = 207;
    state.classB = 980;
    state.seedA = 42;
    state.seedB = 7;
    state.truncationPsi = 0.4;
    return state;
}

std::string copyFolder(const QTemporaryDir& dir, const std::string& from, const std::string& name)
{
    const fs::path to = fs::path(dir.path().toStdString()) / name;
    fs::create_directories(to);
    for (const auto& entry : fs::directory_iterator(from)) fs::copy_file(entry.path(), to / entry.path().filename());
    return to.string();
}

std::vector<char> readBytes(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void writeBytes(const std::string& path, const std::vector<char>& bytes)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

} // namespace

Q_DECLARE_METATYPE(std::string)

class TestBigGanParity : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        torch::set_num_threads(2);
        qputenv("LATENT_STUDIO_IMAGENET_CLASSES", QByteArray::fromStdString(kData + "/../../resources/models/imagenet/imagenet-classes.txt"));
    }

    void stateDictFormatsHoldTheFixtureTensors_data()
    {
        QTest::addColumn<std::string>("weights");
        QTest::newRow("legacy torch.save") << kLegacyFolder + "/pytorch_model.bin";
        QTest::newRow("zip torch.save") << kZipFolder + "/pytorch_model.bin";
    }

    void stateDictFormatsHoldTheFixtureTensors()
    {
        QFETCH(std::string, weights);
        auto tensors = lscore::readTorchStateDict(weights);
        QVERIFY2(tensors.ok(), tensors.ok() ? "" : tensors.error().c_str());
        int compared = 0;
        for (const auto& [name, tensor] : fixture().tensors) {
            if (name.starts_with("io.")) continue;
            QVERIFY2(tensors->contains(name), name.c_str());
            QVERIFY2(torch::equal(tensors->at(name), tensor), name.c_str());
            ++compared;
        }
        QCOMPARE(compared, 506);
        QCOMPARE(static_cast<int>(tensors->size()), 506);
    }

    void truncatedNormalMatchesScipy()
    {
        auto seeds = lscore::readSafetensors(kData + "/truncnorm-seeds.safetensors");
        QVERIFY(seeds.ok());
        const auto& t = seeds->tensors;
        const torch::Tensor seedList = t.at("seeds");
        for (std::int64_t i = 0; i < seedList.size(0); ++i) {
            const auto seed = static_cast<std::uint32_t>(seedList[i].item<std::int64_t>());
            lscore::NumpyRandomState uniforms(seed);
            lscore::NumpyRandomState draws(seed);
            const std::vector<double> ours = draws.truncatedNormal(256);
            const auto uniformRef = t.at("uniform_f64")[i].reshape({-1});
            const auto f64 = t.at("truncnorm_f64")[i].reshape({-1});
            const auto f32 = t.at("truncnorm_f32")[i].reshape({-1});
            const auto noise = t.at("noise_t04_f32")[i].reshape({-1});
            for (int k = 0; k < 256; ++k) {
                QCOMPARE(uniforms.randomDouble(), uniformRef[k].item<double>());
                QVERIFY2(std::abs(ours[static_cast<std::size_t>(k)] - f64[k].item<double>()) < 1e-13, qPrintable(QString::number(seed)));
                // Single precision: the same float (a double off by 1e-15 rounds alike but for a draw
                // within that of a rounding boundary, which none of these is).
                QCOMPARE(static_cast<float>(ours[static_cast<std::size_t>(k)]), f32[k].item<float>());
                QCOMPARE(static_cast<float>(ours[static_cast<std::size_t>(k)]) * 0.4f, noise[k].item<float>());
            }
            // What a studio seed gives: the first z_dim draws of that stream.
            const std::vector<float> z = lscore::seedToTruncatedNormal(seed, 128);
            for (int k = 0; k < 128; ++k) QCOMPARE(z[static_cast<std::size_t>(k)], f32[k].item<float>());
        }
    }

    void truncationPicksTheDocumentedStatisticsRows()
    {
        const auto at04 = lscore::bigGanStatsRow(0.4, 51);
        QCOMPARE(at04.row, 20);
        QCOMPARE(at04.coef, 0.0);
        const auto at1 = lscore::bigGanStatsRow(1.0, 51);
        QCOMPARE(at1.row, 50);
        QCOMPARE(at1.coef, 0.0);
        const auto at0555 = lscore::bigGanStatsRow(0.555, 51);
        QCOMPARE(at0555.row, 27);
        QVERIFY(std::abs(at0555.coef - 0.75) < 1e-12);
    }

    void networkReproducesTheReferenceImages_data()
    {
        QTest::addColumn<std::string>("weights");
        QTest::newRow("safetensors") << kFixture;
        QTest::newRow("legacy .bin") << kLegacyFolder + "/pytorch_model.bin";
        QTest::newRow("zip .bin") << kZipFolder + "/pytorch_model.bin";
    }

    void networkReproducesTheReferenceImages()
    {
        QFETCH(std::string, weights);
        auto tensors = weights.ends_with(".bin") ? lscore::readTorchStateDict(weights)
                                                 : lscore::Result<lscore::StateDict>(fixture().tensors);
        QVERIFY(tensors.ok());
        const lscore::BigGanConfig config = fixtureConfig();
        QCOMPARE(config.resolution(), 128);
        QCOMPARE(config.numSites(), 11);
        lscore::BigGanGenerator generator(config);
        const auto loaded = lscore::loadBigGanWeights(generator, *tensors);
        QVERIFY2(loaded.ok(), loaded.ok() ? "" : loaded.error().c_str());
        c10::InferenceMode inference;
        const auto everySite = [&](const torch::Tensor& cond) { return cond.unsqueeze(1).expand({-1, config.numSites(), -1}).contiguous(); };
        const struct {
            const char* image;
            const char* noise;
            const char* classes;
            double truncation;
        } cases[] = {{"img_t04_onehot", "noise_t04", "class_onehot", 0.4}, {"img_t04_mix", "noise_t04", "class_mix", 0.4},
                     {"img_t10_onehot", "noise_t10", "class_onehot", 1.0}, {"img_t0555_onehot", "noise_t0555", "class_onehot", 0.555},
                     {"img_interp_t04", "noise_interp", "class_interp", 0.4}};
        for (const auto& c : cases) {
            const torch::Tensor image = generator->forward(everySite(generator->conditionVector(io(c.noise), io(c.classes))), c.truncation);
            const double error = maxAbsDiff(image, io(c.image));
            QVERIFY2(error <= tolerance(io(c.image)), qPrintable(QStringLiteral("%1: %2").arg(QLatin1String(c.image)).arg(error)));
        }
        QVERIFY(maxAbsDiff(generator->generator->initial(generator->conditionVector(io("noise_t04"), io("class_onehot"))), io("gen_z_t04")) < 1e-5);
    }

    // The engine on the folder a user downloads: seed 42 gives the port's truncated_noise_sample(seed=42)
    // row 0, so its frame is the reference image's first row, as the port saves it to 8 bits.
    void engineRendersTheFolderAsThePortDoes_data()
    {
        QTest::addColumn<std::string>("model");
        QTest::newRow("folder") << kLegacyFolder;
        QTest::newRow("its pytorch_model.bin") << kLegacyFolder + "/pytorch_model.bin";
        QTest::newRow("zip folder") << kZipFolder;
        QTest::newRow("fixture .safetensors") << kFixture;
    }

    void engineRendersTheFolderAsThePortDoes()
    {
        QFETCH(std::string, model);
        auto engine = openEngine(model);
        const auto& description = engine->description();
        QCOMPARE(description.architecture, std::string("biggan-deep"));
        QCOMPARE(description.numWs, 11);
        QCOMPARE(description.conditioning.classCount, 1000);
        QCOMPARE(description.conditioning.classNames.at(207), std::string("golden retriever"));
        QCOMPARE(description.conditioning.classNames.at(388), std::string("giant panda"));

        lscore::EditState state = fixtureState();
        PixelAgreement onehot = compare(render(*engine, state), referencePixels(io("img_t04_onehot")[0]));
        QVERIFY2(onehot.maxDifference <= 1 && onehot.differingShare <= 0.005, qPrintable(QString::number(onehot.differingShare)));
        // Class interpolation with the latent fixed: halfway from 207 to 980 is the demo's class mix.
        state.promptT = 0.5;
        PixelAgreement mix = compare(render(*engine, state), referencePixels(io("img_t04_mix")[0]));
        QVERIFY2(mix.maxDifference <= 1 && mix.differingShare <= 0.005, qPrintable(QString::number(mix.differingShare)));
    }

    void folderHashCoversBothFiles()
    {
        QTemporaryDir dir;
        const std::string copy = copyFolder(dir, kLegacyFolder, "biggan");
        const std::string before = openEngine(copy)->modelHash();
        auto config = nlohmann::json::parse(readBytes(copy + "/config.json"));
        config["eps"] = 2e-4;
        writeBytes(copy + "/config.json", [&] { const std::string t = config.dump(2); return std::vector<char>(t.begin(), t.end()); }());
        QVERIFY(openEngine(copy)->modelHash() != before);
    }

    // Per-block mixing: the edit semantics of lscore/edit_state.h on BigGAN's conditioning sites.
    void classAndLatentMixingFollowTheEditSemantics()
    {
        auto engine = openEngine(kLegacyFolder);
        const int sites = engine->description().numWs;
        const lscore::EditState pureA = fixtureState();
        lscore::EditState pureB = pureA;
        pureB.classA = pureA.classB;

        lscore::EditState allFromB = pureA;
        allFromB.promptMix.assign(static_cast<std::size_t>(sites), 1.0);
        QCOMPARE(render(*engine, allFromB), render(*engine, pureB));   // every block reads class B: class B, bit for bit

        lscore::EditState fineFromB = pureA;
        fineFromB.promptMix = lscore::crossoverWeights(sites, 6);   // blocks 5… (32 px and finer) from B
        const auto fine = render(*engine, fineFromB);
        QVERIFY(fine != render(*engine, pureA));
        QVERIFY(fine != render(*engine, pureB));

        // Style mixing: every site from seed B is seed B.
        lscore::EditState seedB = pureA;
        seedB.seedA = pureA.seedB;
        lscore::EditState latentFromB = pureA;
        latentFromB.styleMix.assign(static_cast<std::size_t>(sites), 1.0);
        QCOMPARE(render(*engine, latentFromB), render(*engine, seedB));
        lscore::EditState coarseFromB = pureA;
        coarseFromB.styleMix = lscore::crossoverWeights(sites, 3, false);
        QVERIFY(render(*engine, coarseFromB) != render(*engine, pureA));

        // Batched with other states and truncations, a frame is its single render.
        std::vector<lscore::EditState> batch = {pureA, fineFromB, pureB};
        batch[2].truncationPsi = 0.7;
        auto frames = engine->render(batch);
        QVERIFY(frames.ok());
        QCOMPARE(frames->at(1).rgb, fine);
    }

    void truncationOutsideItsRangeIsRefused_data()
    {
        QTest::addColumn<double>("psi");
        QTest::newRow("above 1") << 1.5;
        QTest::newRow("zero") << 0.0;
        QTest::newRow("negative") << -0.5;
    }

    void truncationOutsideItsRangeIsRefused()
    {
        QFETCH(double, psi);
        auto engine = openEngine(kLegacyFolder);
        lscore::EditState state = fixtureState();
        state.truncationPsi = psi;
        auto frames = engine->render(std::span<const lscore::EditState>(&state, 1));
        QVERIFY(!frames.ok());
        QVERIFY2(frames.error().find("truncation must be above 0 and at most 1") != std::string::npos, frames.error().c_str());
        state.truncationPsi = 1.0;
        state.classA = 1000;
        frames = engine->render(std::span<const lscore::EditState>(&state, 1));
        QVERIFY(!frames.ok());
        QVERIFY(frames.error().find("class 1000 does not exist") != std::string::npos);
    }

    // A folder whose files are damaged or disagree is refused with a message that names the problem.
    void badFoldersAreRefusedWithAClearMessage_data()
    {
        QTest::addColumn<QString>("damage");
        QTest::addColumn<QString>("expected");
        QTest::newRow("no config.json") << QStringLiteral("remove-config") << QStringLiteral("no config.json beside the weights");
        QTest::newRow("config.json not JSON") << QStringLiteral("config-garbage") << QStringLiteral("config.json");
        QTest::newRow("config.json lacks layers") << QStringLiteral("config-no-layers") << QStringLiteral("has no 'layers'");
        QTest::newRow("layers do not chain") << QStringLiteral("config-bad-chain") << QStringLiteral("reads");
        QTest::newRow("wider than its weights") << QStringLiteral("config-width") << QStringLiteral("has shape");
        QTest::newRow("other class count") << QStringLiteral("config-classes") << QStringLiteral("embeddings.weight");
        QTest::newRow("truncated legacy .bin") << QStringLiteral("truncate") << QStringLiteral("not a readable PyTorch state dict");
        QTest::newRow("truncated zip .bin") << QStringLiteral("truncate-zip") << QStringLiteral("not a readable PyTorch state dict");
        QTest::newRow("code in the pickle") << QStringLiteral("global") << QStringLiteral("refused the global");
        QTest::newRow("not torch.save") << QStringLiteral("garbage-bin") << QStringLiteral("not a PyTorch weights file");
        QTest::newRow("folder without weights") << QStringLiteral("remove-bin") << QStringLiteral("without a pytorch_model.bin");
    }

    void badFoldersAreRefusedWithAClearMessage()
    {
        QFETCH(QString, damage);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const bool zip = damage == QStringLiteral("truncate-zip");
        const std::string folder = copyFolder(dir, zip ? kZipFolder : kLegacyFolder, "biggan");
        const std::string config = folder + "/config.json", bin = folder + "/pytorch_model.bin";
        auto json = nlohmann::json::parse(readBytes(config));
        const auto writeJson = [&] { const std::string t = json.dump(2); writeBytes(config, {t.begin(), t.end()}); };
        if (damage == QStringLiteral("remove-config")) fs::remove(config);
        if (damage == QStringLiteral("remove-bin")) fs::remove(bin);
        if (damage == QStringLiteral("config-garbage")) writeBytes(config, {'{', 'x'});
        if (damage == QStringLiteral("config-no-layers")) { json.erase("layers"); writeJson(); }
        if (damage == QStringLiteral("config-bad-chain")) { json["layers"][2][1] = 8; writeJson(); }
        if (damage == QStringLiteral("config-width")) { json["channel_width"] = 8; writeJson(); }
        if (damage == QStringLiteral("config-classes")) { json["num_classes"] = 10; writeJson(); }
        if (damage.startsWith(QStringLiteral("truncate"))) {
            auto bytes = readBytes(bin);
            bytes.resize(bytes.size() / 2);
            writeBytes(bin, bytes);
        }
        if (damage == QStringLiteral("global")) {
            auto bytes = readBytes(bin);
            const std::string from = "OrderedDict", to = "system\nxxxx";
            auto at = std::search(bytes.begin(), bytes.end(), from.begin(), from.end());
            QVERIFY(at != bytes.end());
            // "collections\nOrderedDict" becomes "collections\nsystem\nxxxx": a different global.
            std::copy(to.begin(), to.end(), at);
            writeBytes(bin, bytes);
        }
        if (damage == QStringLiteral("garbage-bin")) writeBytes(bin, {'h', 'e', 'l', 'l', 'o'});
        auto engine = lscore::Engine::open(damage == QStringLiteral("remove-config") ? bin : folder);
        QVERIFY(!engine.ok());
        QVERIFY2(QString::fromStdString(engine.error()).contains(expected), engine.error().c_str());
    }

    // The .safetensors form (reference fixture or a converted file) is held to the same names.
    void extraOrMissingTensorsAreRefused_data()
    {
        QTest::addColumn<bool>("extra");
        QTest::newRow("an extra tensor") << true;
        QTest::newRow("a missing tensor") << false;
    }

    void extraOrMissingTensorsAreRefused()
    {
        QFETCH(bool, extra);
        QTemporaryDir dir;
        std::map<std::string, torch::Tensor> tensors = fixture().tensors;
        if (extra) tensors.emplace("generator.layers.3.bn_9.running_means", torch::zeros({51, 4}));
        else tensors.erase("generator.layers.4.conv_1.weight_orig");
        const std::string path = dir.path().toStdString() + "/edited.safetensors";
        QVERIFY(lscore::writeSafetensors(path, tensors, fixture().metadata).ok());
        auto engine = lscore::Engine::open(path);
        QVERIFY(!engine.ok());
        const std::string expected = extra ? "generator.layers.3.bn_9.running_means" : "generator.layers.4.conv_1.weight_orig";
        QVERIFY2(engine.error().find(expected) != std::string::npos, engine.error().c_str());
    }
};

QTEST_GUILESS_MAIN(TestBigGanParity)
#include "test_biggan_parity.moc"
