// LAFITE generators (StyleGAN2-ADA whose every synthesis and ToRGB layer reads a CLIP feature through
// its own text head) against the official code's fixture: mapping, synthesis with both noise modes,
// style mixing, per-layer text mixing, a slerped feature; read from the .safetensors and from the
// training snapshot (.pkl) through the code-free pickle reader.
#include <map>
#include <string>

#include <nlohmann/json.hpp>
#include <QtTest/QtTest>

#include "lscore/safetensors.h"
#include "lscore/snapshot_pickle.h"
#include "lscore/stylegan2.h"

namespace {

const std::string kSafetensors = LSTUDIO_TEST_DATA "/lafite-8.safetensors";
const std::string kPickle = LSTUDIO_TEST_DATA "/lafite-8.pkl";
// fp32 against the official fp32 run: the fixture README's honest tolerance.
constexpr double kTolerance = 1e-5;

double maxAbsDiff(const torch::Tensor& a, const torch::Tensor& b)
{
    return (a.to(torch::kFloat64) - b.to(torch::kFloat64)).abs().max().item<double>();
}

const lscore::TensorFile& fixture()
{
    static const lscore::TensorFile file = [] {
        auto read = lscore::readSafetensors(kSafetensors);
        if (!read)
            qFatal("%s", read.error().c_str());
        return std::move(read).value();
    }();
    return file;
}

const torch::Tensor& io(const std::string& name) { return fixture().tensors.at("io." + name); }

lscore::Generator build(const nlohmann::json& initKwargs, const std::map<std::string, torch::Tensor>& tensors)
{
    auto config = lscore::StyleGan2Config::fromJson(initKwargs);
    if (!config)
        qFatal("%s", config.error().c_str());
    lscore::Generator generator(*config);
    if (auto loaded = lscore::loadTensors(*generator, tensors); !loaded)
        qFatal("%s", loaded.error().c_str());
    generator->eval();
    return generator;
}

// The same feature for every layer, as the official forward gives it: [N, num_ws, f_dim].
torch::Tensor everyLayer(const torch::Tensor& fts, int numWs) { return fts.unsqueeze(1).expand({-1, numWs, -1}).contiguous(); }

torch::Tensor synthesize(lscore::Generator& g, const torch::Tensor& ws, const torch::Tensor& layerText,
                         lscore::NoiseMode noise = lscore::NoiseMode::Const)
{
    lscore::SynthesisOptions options;
    options.noiseMode = noise;
    return g->synthesis->forward(ws, layerText, options);
}

} // namespace

class TestLafiteParity : public QObject {
    Q_OBJECT
private:
    lscore::Generator m_generator{nullptr};

private slots:
    void initTestCase()
    {
        torch::manual_seed(0);
        m_generator = build(nlohmann::json::parse(fixture().metadata.at("init_kwargs")), fixture().tensors);
        const auto& config = m_generator->config;
        QVERIFY(config.text_input == lscore::StyleGan2Config::TextInput::Lafite);
        QCOMPARE(config.text_dim, 16);
        QCOMPARE(config.c_dim, 0);
        QCOMPARE(config.numWs(), 4);
        QVERIFY(!config.mappingSeesText());
    }

    void mappingEqualsTheReference()
    {
        torch::NoGradGuard noGrad;
        const torch::Tensor z = io("z");
        const double psi1 = maxAbsDiff(m_generator->mapping->forward(z, {}, 1.0, -1), io("ws_psi1"));
        const double psi07 = maxAbsDiff(m_generator->mapping->forward(z, {}, 0.7, -1), io("ws_psi07"));
        const double cutoff = maxAbsDiff(m_generator->mapping->forward(z, {}, 0.5, 2), io("ws_psi05_cutoff2"));
        qInfo("ws max |d|: psi 1 %.2e, psi 0.7 %.2e, psi 0.5 cutoff 2 %.2e", psi1, psi07, cutoff);
        QVERIFY(psi1 < kTolerance && psi07 < kTolerance && cutoff < kTolerance);
    }

    void textHeadsEqualTheReference()
    {
        torch::NoGradGuard noGrad;
        const torch::Tensor fts = io("fts");
        for (const auto& [name, layer] : {std::pair{"synthesis.b4.conv1", std::string("b4.conv1")},
                                          std::pair{"synthesis.b4.torgb", std::string("b4.torgb")},
                                          std::pair{"synthesis.b8.conv0", std::string("b8.conv0")},
                                          std::pair{"synthesis.b8.conv1", std::string("b8.conv1")},
                                          std::pair{"synthesis.b8.torgb", std::string("b8.torgb")}}) {
            lscore::LayerStyles* styles = nullptr;
            auto& block = m_generator->synthesis->blocks[layer.rfind("b4", 0) == 0 ? 0 : 1];
            if (layer.find("torgb") != std::string::npos) styles = &block->torgb->styles;
            else if (layer.find("conv0") != std::string::npos) styles = &block->conv0->styles;
            else styles = &block->conv1->styles;
            QVERIFY(styles->pre_0 && styles->pre_1 && styles->affine_0 && !styles->affine);
            const double d = maxAbsDiff(styles->pre_1->forward(styles->pre_0->forward(fts)), fixture().tensors.at("io.dbg_pre1." + layer));
            QVERIFY2(d < kTolerance, qPrintable(QStringLiteral("%1: %2").arg(QLatin1String(name)).arg(d)));
        }
    }

    void imagesEqualTheReference_data()
    {
        QTest::addColumn<QString>("image");
        QTest::newRow("psi 0.7, const noise") << QStringLiteral("img_psi07_const");
        QTest::newRow("psi 0.7, const noise (float64 run)") << QStringLiteral("img_psi07_const_f64");
        QTest::newRow("psi 0.7, no noise") << QStringLiteral("img_psi07_none");
        QTest::newRow("full G(z, fts)") << QStringLiteral("img_full_psi07_const");
        QTest::newRow("style mixing") << QStringLiteral("img_mix_const");
        QTest::newRow("text mixing by w index") << QStringLiteral("img_textmix_wsidx_const");
        QTest::newRow("slerped feature") << QStringLiteral("img_slerp05_psi07_const");
    }
    void imagesEqualTheReference()
    {
        QFETCH(QString, image);
        torch::NoGradGuard noGrad;
        const int numWs = m_generator->config.numWs();
        const torch::Tensor fts = io("fts");
        torch::Tensor got;
        if (image == QStringLiteral("img_psi07_none")) {
            got = synthesize(m_generator, io("ws_psi07"), everyLayer(fts, numWs), lscore::NoiseMode::None);
        } else if (image == QStringLiteral("img_full_psi07_const")) {
            lscore::SynthesisOptions options;
            got = m_generator->forward(io("z"), fts, 0.7, -1, options);
        } else if (image == QStringLiteral("img_mix_const")) {
            got = synthesize(m_generator, io("ws_mix"), everyLayer(fts.slice(0, 0, 1), numWs));
        } else if (image == QStringLiteral("img_textmix_wsidx_const")) {
            // The per-layer feature by w index: the natural generalisation prompt mixing uses.
            got = synthesize(m_generator, io("ws_psi07").slice(0, 0, 1), io("textmix_fts_layers"));
        } else if (image == QStringLiteral("img_slerp05_psi07_const")) {
            got = synthesize(m_generator, io("ws_psi07").slice(0, 0, 1), everyLayer(io("fts_slerp05"), numWs));
        } else {
            got = synthesize(m_generator, io("ws_psi07"), everyLayer(fts, numWs));
        }
        const double d = maxAbsDiff(got, io(image.toStdString()));
        qInfo("%s: max |d| %.2e", qPrintable(image), d);
        QVERIFY(d < kTolerance);
    }

    // The training snapshot: G_ema (not the training copy G, which differs on purpose), its
    // init_kwargs, and the same images.
    void snapshotGivesTheSameGenerator()
    {
        auto snapshot = lscore::readNvlabsSnapshot(kPickle);
        QVERIFY2(snapshot.ok(), snapshot.ok() ? "" : snapshot.error().c_str());
        for (const auto& [name, tensor] : fixture().tensors) {
            if (name.rfind("io.", 0) == 0)
                continue;
            const auto found = snapshot->tensors.find(name);
            QVERIFY2(found != snapshot->tensors.end(), name.c_str());
            QVERIFY2(torch::equal(found->second, tensor), name.c_str());
        }
        lscore::Generator fromPickle = build(snapshot->initKwargs, snapshot->tensors);
        torch::NoGradGuard noGrad;
        const torch::Tensor got = synthesize(fromPickle, io("ws_psi07"), everyLayer(io("fts"), fromPickle->config.numWs()));
        QVERIFY(maxAbsDiff(got, io("img_psi07_const")) < kTolerance);
    }

    void unsupportedVariantsAreRefusedClearly_data()
    {
        QTest::addColumn<QString>("patch");
        QTest::addColumn<QString>("message");
        QTest::newRow("structure 1 blocks") << QStringLiteral(R"({"synthesis_kwargs": {"change": 4}})") << QStringLiteral("structure 1");
        QTest::newRow("class labels") << QStringLiteral(R"({"c_dim": 10})") << QStringLiteral("class labels");
        QTest::newRow("resnet") << QStringLiteral(R"({"synthesis_kwargs": {"architecture": "resnet"}})") << QStringLiteral("\"skip\"");
    }
    void unsupportedVariantsAreRefusedClearly()
    {
        QFETCH(QString, patch);
        QFETCH(QString, message);
        nlohmann::json kwargs = nlohmann::json::parse(fixture().metadata.at("init_kwargs"));
        kwargs.merge_patch(nlohmann::json::parse(patch.toStdString()));
        auto config = lscore::StyleGan2Config::fromJson(kwargs);
        QVERIFY(!config.ok());
        QVERIFY2(QString::fromStdString(config.error()).contains(message), config.error().c_str());
    }
};

QTEST_MAIN(TestLafiteParity)
#include "test_lafite_parity.moc"
