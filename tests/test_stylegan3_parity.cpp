// StyleGAN3 (configs T and R) against the NVlabs reference fixtures: the layer geometry, mapping,
// the Fourier input and first layer, synthesis, style mixing, the user transform; the .pkl snapshot
// read without running code gives the same tensors; bad settings and mismatched weights are refused;
// the engine renders both file forms alike, with the input transform.
#include <map>
#include <memory>
#include <string>

#include <torch/torch.h>
#include <nlohmann/json.hpp>

#include <QtTest/QtTest>

#include "lscore/engine.h"
#include "lscore/safetensors.h"
#include "lscore/snapshot_pickle.h"
#include "lscore/stylegan3.h"

Q_DECLARE_METATYPE(std::string)

namespace {

// The fixture README's honest tolerance for an independent fp32 implementation, scaled by magnitude.
double tolerance(const torch::Tensor& reference)
{
    return 1e-5 * std::max(1.0, reference.abs().max().item<double>());
}

double maxAbsDiff(const torch::Tensor& a, const torch::Tensor& b)
{
    return (a.to(torch::kFloat64) - b.to(torch::kFloat64)).abs().max().item<double>();
}

struct Fixture {
    lscore::TensorFile file;
    lscore::StyleGan3Config config;
    lscore::StyleGan3Generator generator{nullptr};
    const torch::Tensor& io(const std::string& name) const { return file.tensors.at("io." + name); }
    torch::Tensor c() const { return config.c_dim > 0 ? io("c") : torch::Tensor(); }
};

Fixture& fixture(const std::string& stem)
{
    static std::map<std::string, std::unique_ptr<Fixture>> cache;
    auto& slot = cache[stem];
    if (!slot) {
        auto file = lscore::readSafetensors(std::string(LSTUDIO_TEST_DATA) + "/" + stem + ".safetensors");
        if (!file) qFatal("cannot read fixture %s: %s", stem.c_str(), file.error().c_str());
        auto config = lscore::StyleGan3Config::fromJson(nlohmann::json::parse(file->metadata.at("init_kwargs")));
        if (!config) qFatal("fixture %s: %s", stem.c_str(), config.error().c_str());
        slot = std::make_unique<Fixture>();
        slot->file = std::move(*file);
        slot->config = *config;
        slot->generator = lscore::StyleGan3Generator(slot->config);
        if (auto status = lscore::loadTensors(*slot->generator, slot->file.tensors); !status)
            qFatal("fixture %s: %s", stem.c_str(), status.error().c_str());
        slot->generator->eval();
    }
    return *slot;
}

lscore::StyleGan3Transform fixtureTransform(const Fixture& f)
{
    const auto translate = nlohmann::json::parse(f.file.metadata.at("transform_translate"));
    return {translate[0].get<double>(), translate[1].get<double>(), std::stod(f.file.metadata.at("transform_rotate_deg"))};
}

#define QVERIFY_CLOSE(actual, reference)                                                                            \
    do {                                                                                                            \
        const double error_ = maxAbsDiff(actual, reference);                                                        \
        const double limit_ = tolerance(reference);                                                                 \
        QVERIFY2(error_ <= limit_, qPrintable(QStringLiteral("max abs error %1 > %2").arg(error_).arg(limit_)));    \
    } while (false)

} // namespace

class TestStyleGan3Parity : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { torch::set_num_threads(2); }

    void fixtures_data()
    {
        QTest::addColumn<std::string>("stem");
        QTest::newRow("T, 32 px") << std::string("stylegan3-t-32");
        QTest::newRow("R, conditional, 64 px") << std::string("stylegan3-r-cond-64");
    }

    void geometryNamesTheFixturesLayers_data() { fixtures_data(); }
    void geometryNamesTheFixturesLayers()
    {
        QFETCH(std::string, stem);
        const Fixture& f = fixture(stem);
        const auto names = nlohmann::json::parse(f.file.metadata.at("layer_names"));
        const auto& layers = f.generator->synthesis->geometry.layers;
        QCOMPARE(layers.size(), names.size());
        for (std::size_t i = 0; i < layers.size(); ++i) QCOMPARE(layers[i].name, names[i].get<std::string>());
        QCOMPARE(f.config.numWs(), std::stoi(f.file.metadata.at("num_ws")));
        QVERIFY(layers.back().toRgb && layers.back().upTaps == 1 && layers.back().downTaps == 1);
    }

    void mappingMatches_data() { fixtures_data(); }
    void mappingMatches()
    {
        QFETCH(std::string, stem);
        Fixture& f = fixture(stem);
        c10::InferenceMode inference;
        QVERIFY_CLOSE(f.generator->mapping->forward(f.io("z"), f.c(), 1.0, -1), f.io("ws_psi1"));
        QVERIFY_CLOSE(f.generator->mapping->forward(f.io("z"), f.c(), 0.7, -1), f.io("ws_psi07"));
        QVERIFY_CLOSE(f.generator->mapping->forward(f.io("z"), f.c(), 0.5, 2), f.io("ws_psi05_cutoff2"));
    }

    void inputAndFirstLayerMatch_data() { fixtures_data(); }
    void inputAndFirstLayerMatch()
    {
        QFETCH(std::string, stem);
        Fixture& f = fixture(stem);
        c10::InferenceMode inference;
        const torch::Tensor w = f.io("ws_psi07").slice(0, 0, 1);
        QVERIFY_CLOSE(f.generator->synthesis->input->forward(w.select(1, 0)), f.io("x_input_psi07"));
        QVERIFY_CLOSE(f.generator->synthesis->layers.front()->forward(f.io("x_input_psi07"), w.select(1, 1)), f.io("x_layer0_psi07"));
    }

    void synthesisMatches_data() { fixtures_data(); }
    void synthesisMatches()
    {
        QFETCH(std::string, stem);
        Fixture& f = fixture(stem);
        c10::InferenceMode inference;
        QVERIFY_CLOSE(f.generator->synthesis->forward(f.io("ws_psi07")), f.io("img_psi07_const"));
        QVERIFY_CLOSE(f.generator->synthesis->forward(f.io("ws_psi07")), f.io("img_psi07_none"));
        QVERIFY_CLOSE(f.generator->synthesis->forward(f.io("ws_mix")), f.io("img_mix_const"));
        QVERIFY_CLOSE(f.generator->forward(f.io("z"), f.c(), 0.7, -1), f.io("img_full_psi07_const"));
        // One sample alone renders as it does in the batch, up to rounding (the style RMS spans the batch).
        QVERIFY_CLOSE(f.generator->synthesis->forward(f.io("ws_psi07").slice(0, 1, 2)), f.io("img_psi07_const").slice(0, 1, 2));
    }

    void userTransformMatches_data() { fixtures_data(); }
    void userTransformMatches()
    {
        QFETCH(std::string, stem);
        Fixture& f = fixture(stem);
        c10::InferenceMode inference;
        const lscore::StyleGan3Transform transform = fixtureTransform(f);
        const auto asTensor = [](const std::array<double, 9>& m) {
            return torch::tensor(std::vector<double>(m.begin(), m.end()), torch::kFloat64).reshape({3, 3});
        };
        QVERIFY(maxAbsDiff(asTensor(transform.forwardMatrix()), f.io("transform_forward")) < 1e-6);
        QVERIFY(maxAbsDiff(asTensor(transform.inverseMatrix()), f.io("transform")) < 1e-6);
        QVERIFY(maxAbsDiff(torch::matmul(asTensor(transform.inverseMatrix()), asTensor(transform.forwardMatrix())),
                           torch::eye(3, torch::kFloat64)) < 1e-12);

        auto& input = f.generator->synthesis->input;
        input->setUserTransform(transform.inverseMatrix());
        const torch::Tensor moved = f.generator->synthesis->forward(f.io("ws_psi07"));
        input->setUserTransform(lscore::StyleGan3Transform{}.inverseMatrix());
        QVERIFY_CLOSE(moved, f.io("img_transformed_const"));
        // Back to the identity: the untransformed image again.
        QVERIFY_CLOSE(f.generator->synthesis->forward(f.io("ws_psi07")), f.io("img_psi07_const"));
        QVERIFY(lscore::StyleGan3Transform{}.isIdentity());
    }

    void snapshotHoldsTheSameGenerator_data() { fixtures_data(); }
    void snapshotHoldsTheSameGenerator()
    {
        QFETCH(std::string, stem);
        const Fixture& f = fixture(stem);
        auto snapshot = lscore::readNvlabsSnapshot(std::string(LSTUDIO_TEST_DATA) + "/" + stem + ".pkl");
        QVERIFY2(snapshot.ok(), snapshot.ok() ? "" : snapshot.error().c_str());
        QCOMPARE(snapshot->moduleName, std::string("training.networks_stylegan3"));
        QVERIFY(lscore::looksLikeStyleGan3(snapshot->tensors));
        auto config = lscore::StyleGan3Config::fromJson(snapshot->initKwargs);
        QVERIFY2(config.ok(), config.ok() ? "" : config.error().c_str());
        QCOMPARE(config->toJson(), f.config.toJson());
        std::size_t compared = 0;
        for (const auto& [name, tensor] : f.file.tensors) {
            if (name.rfind("io.", 0) == 0) continue;
            QVERIFY2(snapshot->tensors.count(name), name.c_str());
            QVERIFY2(torch::equal(snapshot->tensors.at(name), tensor), name.c_str());
            ++compared;
        }
        QCOMPARE(compared, snapshot->tensors.size());
    }

    void badSettingsAreRefused_data()
    {
        QTest::addColumn<QString>("kwargs");
        QTest::addColumn<QString>("message");
        const QString base = QStringLiteral(R"("z_dim": 8, "w_dim": 8, "img_resolution": 16, )");
        QTest::newRow("unknown variant") << base + QStringLiteral(R"("use_fancy_warp": true)") << QStringLiteral("'use_fancy_warp' is not a StyleGAN3 setting");
        QTest::newRow("even kernel") << base + QStringLiteral(R"("conv_kernel": 2)") << QStringLiteral("'conv_kernel' is 2; it must be odd");
        QTest::newRow("no critical room") << base + QStringLiteral(R"("num_layers": 2, "num_critical": 2)") << QStringLiteral("'num_critical' must be smaller");
        QTest::newRow("bad clamp") << base + QStringLiteral(R"("conv_clamp": -1)") << QStringLiteral("'conv_clamp' must be a positive number");
        QTest::newRow("missing w_dim") << QStringLiteral(R"("z_dim": 8, "img_resolution": 16)") << QStringLiteral("'w_dim' is missing");
        QTest::newRow("unknown mapping key") << base + QStringLiteral(R"("mapping_kwargs": {"num_layers": 2, "depth": 3})")
                                             << QStringLiteral("'mapping_kwargs.depth' is not");
        QTest::newRow("width from a tiny cutoff") << base + QStringLiteral(R"("first_cutoff": 0.001, "channel_base": 64, "channel_max": 8192)")
                                                  << QStringLiteral("'first_cutoff' must be a number from 0.5");
        QTest::newRow("sampling below 1") << base + QStringLiteral(R"("first_stopband": 0.001)") << QStringLiteral("'first_stopband' must be a number from 1");
        QTest::newRow("one huge up-sampling step") << base + QStringLiteral(R"("img_resolution": 1024, "num_layers": 2, "num_critical": 1)")
                                                   << QStringLiteral("resample by a factor of");
        QTest::newRow("huge") << base + QStringLiteral(R"("channel_base": 16000000, "channel_max": 8192)") << QStringLiteral("more than this build accepts");
    }
    void badSettingsAreRefused()
    {
        QFETCH(QString, kwargs);
        QFETCH(QString, message);
        const auto parsed = nlohmann::json::parse((QLatin1Char('{') + kwargs + QLatin1Char('}')).toStdString());
        auto config = lscore::StyleGan3Config::fromJson(parsed);
        QVERIFY(!config.ok());
        QVERIFY2(QString::fromStdString(config.error()).contains(message), config.error().c_str());
    }

    void weightsThatDoNotFitAreRefused()
    {
        const Fixture& f = fixture("stylegan3-t-32");
        // A wider channel_max names other layers than the file holds.
        auto wider = lscore::StyleGan3Config::fromJson(nlohmann::json::parse(f.file.metadata.at("init_kwargs")));
        QVERIFY(wider.ok());
        wider->channel_max = 128;
        lscore::StyleGan3Generator other(*wider);
        const lscore::Status loaded = lscore::loadTensors(*other, f.file.tensors);
        QVERIFY(!loaded.ok());
        QVERIFY2(QString::fromStdString(loaded.error()).contains(QStringLiteral("synthesis.")), loaded.error().c_str());
        // A missing filter is named.
        auto tensors = f.file.tensors;
        tensors.erase("synthesis.L3_36_64.down_filter");
        lscore::StyleGan3Generator same(f.config);
        const lscore::Status missing = lscore::loadTensors(*same, tensors);
        QVERIFY(!missing.ok());
        QVERIFY2(QString::fromStdString(missing.error()).contains(QStringLiteral("synthesis.L3_36_64.down_filter")), missing.error().c_str());
    }

    // The engine renders a snapshot and its NVlabs-style twin alike, each frame the same in any
    // batch, and the input transform moves the picture.
    void theEngineRendersStyleGan3_data()
    {
        QTest::addColumn<std::string>("stem");
        QTest::newRow("T") << std::string("stylegan3-t-32");
        QTest::newRow("R, classes") << std::string("stylegan3-r-cond-64");
    }
    void theEngineRendersStyleGan3()
    {
        QFETCH(std::string, stem);
        const std::string base = std::string(LSTUDIO_TEST_DATA) + "/" + stem;
        auto snapshot = lscore::Engine::open(base + ".pkl");
        QVERIFY2(snapshot.ok(), snapshot.ok() ? "" : snapshot.error().c_str());
        auto twin = lscore::Engine::open(base + ".safetensors");
        QVERIFY2(twin.ok(), twin.ok() ? "" : twin.error().c_str());
        const lscore::ModelDescription& description = (*snapshot)->description();
        QCOMPARE(description.architecture, std::string("stylegan3"));
        QCOMPARE(description.numWs, 16);
        QCOMPARE(description.layers.front().name, std::string("input"));
        QCOMPARE(description.layers.back().name, nlohmann::json::parse(fixture(stem).file.metadata.at("layer_names")).back().get<std::string>());

        std::vector<lscore::EditState> states(3);
        states[0].seedA = 3;
        states[0].truncationPsi = 0.7;
        states[1] = states[0];
        states[1].translateX = 0.25;
        states[1].rotateDegrees = 30.0;
        states[2] = states[0];
        states[2].seedA = 4;
        if (description.conditioning.type == lscore::ConditioningType::Class) states[2].classA = 2;
        auto batch = (*snapshot)->render(states);
        QVERIFY2(batch.ok(), batch.ok() ? "" : batch.error().c_str());
        auto fromTwin = (*twin)->render(states);
        QVERIFY(fromTwin.ok());
        for (std::size_t i = 0; i < states.size(); ++i) {
            QCOMPARE(batch->at(i).width, description.resolution);
            QVERIFY2(batch->at(i).rgb == fromTwin->at(i).rgb, "a snapshot and its twin render different pixels");
            auto alone = (*snapshot)->render(std::span(states).subspan(i, 1));
            QVERIFY(alone.ok());
            QVERIFY2(alone->front().rgb == batch->at(i).rgb, "a frame differs between a batch and a render of its own");
        }
        QVERIFY2(batch->at(1).rgb != batch->at(0).rgb, "the input transform changed nothing");
        QVERIFY(batch->at(2).rgb != batch->at(0).rgb);
    }

    void cancelStopsBetweenLayers()
    {
        Fixture& f = fixture("stylegan3-t-32");
        c10::InferenceMode inference;
        std::atomic_bool cancel{true};
        QVERIFY_THROWS_EXCEPTION(lscore::Cancelled, f.generator->synthesis->forward(f.io("ws_psi07"), &cancel));
    }
};

QTEST_GUILESS_MAIN(TestStyleGan3Parity)
#include "test_stylegan3_parity.moc"
