// The evaluator: the attribute classifier reads real Shapes World images near perfectly, the metrics
// score Shapes World itself (the perfect generator) near perfectly and a broken generator badly, and
// the Fréchet distance separates real images from damaged ones.
#include <cmath>
#include <string>
#include <vector>

#include <torch/torch.h>

#include <QtTest/QtTest>

#include "lstrain/evaluator.h"

using namespace lstrain;

namespace {

std::vector<SceneSpec> realScenes(std::uint64_t seed, int count)
{
    std::vector<SceneSpec> scenes;
    for (int i = 0; i < count; ++i) scenes.push_back(sampleScene(seed, static_cast<std::uint64_t>(i), SplitFilter::TrainOnly).scene);
    return scenes;
}

double accuracyOf(const nlohmann::json& report, const char* split, const char* attribute)
{
    return report.at("caption_accuracy").at(split).at(attribute).at("accuracy").get<double>();
}

} // namespace

class TestEvaluator : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<AttributeClassifier> m_classifier;

private slots:
    void initTestCase()
    {
        torch::set_num_threads(2);
        // The shipped classifier, found the way the installed lab finds it.
        auto loaded = AttributeClassifier::load(defaultClassifierPath());
        QVERIFY2(loaded.ok(), loaded.ok() ? "" : loaded.error().c_str());
        m_classifier = std::move(*loaded);
    }

    // A weaker reader would make every score of the evaluator meaningless: each head ≥ 0.98.
    void classifierReadsRealImages_data()
    {
        QTest::addColumn<int>("split");
        QTest::newRow("any") << static_cast<int>(SplitFilter::Any);
        QTest::newRow("held-out pairs") << static_cast<int>(SplitFilter::HeldOutOnly);
    }

    void classifierReadsRealImages()
    {
        QFETCH(int, split);
        const nlohmann::json accuracy = m_classifier->measureAccuracy(400, 0x7E57, static_cast<SplitFilter>(split));
        qInfo("classifier accuracy on real images: %s", accuracy.dump().c_str());
        for (const char* head : {"shape", "color", "size", "pattern", "background_color", "background_style"})
            QVERIFY2(accuracy.at(head).get<double>() >= 0.98, head);
    }

    void savedClassifierPredictsTheSame()
    {
        const QString path = QDir::temp().filePath(QStringLiteral("lstudio-test-classifier.safetensors"));
        QVERIFY(m_classifier->save(path.toStdString()).ok());
        auto reloaded = AttributeClassifier::load(path.toStdString());
        QVERIFY(reloaded.ok());
        const auto images = renderSceneTensor(realScenes(3, 8), 128);
        QVERIFY(torch::allclose(m_classifier->features(images), (*reloaded)->features(images)));
        QFile::remove(path);
    }

    void refusesFilesThatAreNotClassifiers()
    {
        auto wrong = AttributeClassifier::load(std::string(LSTUDIO_TEST_DATA) + "/stylegan2-uncond-32.safetensors");
        QVERIFY(!wrong.ok());
        QVERIFY2(QString::fromStdString(wrong.error()).contains(QStringLiteral("not a Shapes World v2 attribute classifier")),
                 wrong.error().c_str());
        QVERIFY(!AttributeClassifier::load("/nonexistent/classifier.safetensors").ok());
        auto none = AttributeClassifier::load("");
        QVERIFY(!none.ok());
        QVERIFY2(QString::fromStdString(none.error()).contains(QStringLiteral("--train-classifier")), none.error().c_str());
    }

    void frechetDistanceIsExactOnKnownGaussians()
    {
        torch::manual_seed(1);
        const auto a = torch::randn({400, 8}, torch::kFloat64);
        QVERIFY(frechetDistance(a, a) < 1e-6);
        // Shifting every feature by 0.5 moves the means by sqrt(8 · 0.25) and leaves the covariances.
        QVERIFY(std::fabs(frechetDistance(a, a + 0.5) - 2.0) < 1e-6);
    }

    void frechetDistanceSeparatesRealFromDamagedImages()
    {
        // Fréchet distances in a 128-d feature space need a few hundred samples before the real-vs-real
        // floor stops being mostly estimation noise.
        const int n = 400;
        const auto realA = renderSceneTensor(realScenes(100, n), 128);
        const auto realB = renderSceneTensor(realScenes(200, n), 128);
        const auto featuresA = m_classifier->features(realA);
        const double floor = frechetDistance(m_classifier->features(realB), featuresA);
        const double swappedColours = frechetDistance(m_classifier->features(realB.flip({1})), featuresA);
        torch::manual_seed(2);
        const double noise = frechetDistance(m_classifier->features(torch::rand_like(realB) * 2 - 1), featuresA);
        qInfo("FD real-real %.3f, colour-swapped %.3f, noise %.3f (n=%d)", floor, swappedColours, noise, n);
        QVERIFY(swappedColours > 1.5 * floor);
        QVERIFY(noise > 5.0 * floor);
    }

    void metricsScoreShapesWorldItselfNearPerfectly()
    {
        auto oracle = shapesWorldOracle();
        EvaluationOptions options;
        options.samples = 48;
        options.interpolationPairs = 2;
        auto report = evaluateModel(*oracle, *m_classifier, options);
        QVERIFY2(report.ok(), report.ok() ? "" : report.error().c_str());
        qInfo("oracle report: %s", report->dump().c_str());
        for (const char* split : {"seen", "held_out"})
            for (const char* attribute : {"shape", "color"}) QVERIFY2(accuracyOf(*report, split, attribute) >= 0.95, attribute);
        for (const char* attribute : {"size", "pattern", "background_color", "background_style"})
            QVERIFY2(accuracyOf(*report, "seen", attribute) >= 0.95, attribute);
        const auto& fd = report->at("frechet_distance");
        QVERIFY(fd.at("ratio").get<double>() < 2.0);
        QVERIFY(report->at("style_mixing").at("score").get<double>() >= 0.9);
        QVERIFY(report->at("style_mixing").at("informative_trials").get<int>() >= 16);
        QVERIFY(report->at("prompt_mixing").at("score").get<double>() >= 0.9);
        // A cross-fade changes the image by the same amount at every step.
        QVERIFY(std::fabs(report->at("prompt_interpolation").at("largest_over_even_step").get<double>() - 1.0) < 0.1);
        // What captions leave open spreads as in real scenes (the oracle draws from the same prior,
        // with other seeds).
        QVERIFY(report->at("open_attributes").at("worst_ratio").get<double>() >= 0.85);
    }

    void metricsNoticeABrokenGenerator()
    {
        // A "generator" that ignores its prompt and always draws the same scene must score badly.
        class Constant final : public EvaluationRenderer {
        public:
            Result<std::vector<Image>> render(std::span<const lscore::EditState> states) override
            {
                const SceneSpec scene = sceneForCaption("a small gray circle on a white background", 1, 1).value();
                return std::vector<Image>(states.size(), renderSceneImage(scene, 128));
            }
            int numWs() const override { return 12; }
            int coarseCrossover() const override { return 4; }
            std::string crossoverLayerName() const override { return "constant"; }
        } constant;
        EvaluationOptions options;
        options.samples = 24;
        options.interpolationPairs = 1;
        auto report = evaluateModel(constant, *m_classifier, options);
        QVERIFY(report.ok());
        QVERIFY(accuracyOf(*report, "seen", "shape") < 0.5);
        QVERIFY(accuracyOf(*report, "seen", "color") < 0.5);
        const auto& fd = report->at("frechet_distance");
        QVERIFY(fd.at("ratio").get<double>() > 1.2);
        // Everything open collapses to one value.
        QVERIFY(report->at("open_attributes").at("worst_ratio").get<double>() < 0.1);
        // Its seeds all look alike, so no style-mixing trial shows a mix.
        QCOMPARE(report->at("style_mixing").at("informative_trials").get<int>(), 0);
        QCOMPARE(report->at("style_mixing").at("score").get<double>(), 0.0);
        QVERIFY(report->at("prompt_mixing").at("score").get<double>() < 0.3);
    }
};

QTEST_GUILESS_MAIN(TestEvaluator)
#include "test_evaluator.moc"
