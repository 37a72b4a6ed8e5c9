// The evaluator: the attribute classifier reads real Shapes World images correctly, the metrics score
// Shapes World itself (the perfect generator) near-perfectly, and the Fréchet distance separates
// real images from damaged ones.
#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include <torch/torch.h>

#include <QtTest/QtTest>

#include "lscore/evaluator.h"

using namespace lscore;

namespace {

const std::string kClassifierPath = std::string(LSTUDIO_TEST_DATA) + "/../../resources/models/shapes-classifier.safetensors";

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
        auto loaded = AttributeClassifier::load(kClassifierPath);
        QVERIFY2(loaded.ok(), loaded.ok() ? "" : loaded.error().c_str());
        m_classifier = std::move(*loaded);
    }

    void classifierReadsRealImages()
    {
        const nlohmann::json accuracy = m_classifier->measureAccuracy(400, 0x7E57, SplitFilter::Any);
        qInfo("classifier accuracy on real images: %s", accuracy.dump().c_str());
        // The shipped classifier (resources/models/README.md): colours, backgrounds, counts, sizes and
        // positions near perfect; shape is its weakest head (about 0.8 against a chance level of 0.125),
        // so the evaluator's shape scores are read against the same classifier's score on real images.
        QVERIFY(accuracy.at("shape").get<double>() >= 0.7);
        QVERIFY(accuracy.at("pattern").get<double>() >= 0.85);
        QVERIFY(accuracy.at("color").get<double>() >= 0.95);
        QVERIFY(accuracy.at("background_color").get<double>() >= 0.95);
        QVERIFY(accuracy.at("count").get<double>() >= 0.95);
        QVERIFY(accuracy.at("size").get<double>() >= 0.95);
        QVERIFY(accuracy.at("centre_mean_error").get<double>() <= 0.07);
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
        QVERIFY2(QString::fromStdString(wrong.error()).contains(QStringLiteral("not a Shapes World attribute classifier")),
                 wrong.error().c_str());
        QVERIFY(!AttributeClassifier::load("/nonexistent/classifier.safetensors").ok());
    }

    // The trainer's perceptual term: zero for equal images, larger for a blurred scene than for a
    // slightly noisier one, differentiable in the generated images, refused for batches that differ.
    void perceptualDistanceRanksDamageAndDifferentiates()
    {
        const auto images = renderSceneTensor(realScenes(5, 4), 128);
        QVERIFY(m_classifier->perceptualDistance(images, images).item<double>() < 1e-6);
        const auto blurred = torch::avg_pool2d(images, 9, 1, 4, false, false);
        const auto noisy = (images + 0.02 * torch::randn_like(images)).clamp(-1.0, 1.0);
        const double toBlurred = m_classifier->perceptualDistance(blurred, images).item<double>();
        const double toNoisy = m_classifier->perceptualDistance(noisy, images).item<double>();
        qInfo("perceptual distance: blurred %.4f, slightly noisy %.4f", toBlurred, toNoisy);
        QVERIFY(toBlurred > 0.0 && toBlurred <= 4.0);
        QVERIFY(toBlurred > toNoisy);
        const auto generated = blurred.clone().requires_grad_(true);
        m_classifier->perceptualDistance(generated, images).backward();
        QVERIFY(generated.grad().defined() && generated.grad().abs().sum().item<double>() > 0.0);
        const auto other = renderSceneTensor(realScenes(6, 3), 128);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, m_classifier->perceptualDistance(other, images));
    }

    // The trainer's label term: small for real images against their own scenes' labels, larger for
    // the same images against other scenes' labels and for blurred images (a blur loses the shapes),
    // differentiable in the images, refused when images and scenes do not pair up.
    void labelLossRewardsTheRightAttributes()
    {
        const auto scenes = realScenes(8, 16);
        const auto others = realScenes(9, 16);
        const auto images = renderSceneTensor(scenes, 128);
        const double own = m_classifier->labelLoss(images, scenes).item<double>();
        const double mislabelled = m_classifier->labelLoss(images, others).item<double>();
        const auto blurred = torch::avg_pool2d(images, 9, 1, 4, false, false);
        const double ofBlurred = m_classifier->labelLoss(blurred, scenes).item<double>();
        qInfo("label loss: own labels %.3f, other scenes' labels %.3f, blurred %.3f", own, mislabelled, ofBlurred);
        QVERIFY(std::isfinite(own) && own >= 0.0);
        QVERIFY(mislabelled > 3.0 * own);
        QVERIFY(ofBlurred > own);
        const auto generated = blurred.clone().requires_grad_(true);
        m_classifier->labelLoss(generated, scenes).backward();
        QVERIFY(generated.grad().defined() && generated.grad().abs().sum().item<double>() > 0.0);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, m_classifier->labelLoss(images, realScenes(8, 15)));
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
        options.samples = 24;
        options.interpolationPairs = 2;
        auto report = evaluateModel(*oracle, *m_classifier, options);
        QVERIFY2(report.ok(), report.ok() ? "" : report.error().c_str());
        qInfo("oracle report: %s", report->dump().c_str());
        // Real scenes score what the classifier can read: near perfect on counts and colours, its
        // shape ceiling (see classifierReadsRealImages) on shapes.
        for (const char* split : {"seen", "held_out"}) {
            QVERIFY(accuracyOf(*report, split, "count") >= 0.85);
            QVERIFY(accuracyOf(*report, split, "shape") >= 0.6);
            QVERIFY(accuracyOf(*report, split, "color") >= 0.85);
        }
        const auto& fd = report->at("frechet_distance");
        QVERIFY(fd.at("generated_vs_real").get<double>() < 3.0 * fd.at("real_vs_real").get<double>() + 1e-6);
        // Mixing scores need the shape head too ("keeps A's shapes"), so their ceiling is below 1.
        QVERIFY(report->at("style_mixing").at("score").get<double>() >= 0.7);
        QVERIFY(report->at("prompt_mixing").at("score").get<double>() >= 0.65);
        // A cross-fade changes the image by the same amount at every step: the ratio is 1/31.
        const double ratio = report->at("prompt_interpolation").at("max_step_over_total").get<double>();
        QVERIFY(std::fabs(ratio - 1.0 / 31.0) < 0.01);
        // Unstated positions spread over the image as they do in real scenes.
        const auto& diversity = report->at("diversity");
        QVERIFY(diversity.at("generated").at("centre_std_x").get<double>() > 0.1);
    }

    void metricsNoticeABrokenGenerator()
    {
        // A "generator" that ignores its prompt and always draws the same scene must score badly.
        class Constant final : public EvaluationRenderer {
        public:
            Result<std::vector<Image>> render(std::span<const EditState> states) override
            {
                const SceneSpec scene = sceneForCaption("a small gray circle in the center on a white background", 1, 1).value();
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
        qInfo("constant generator: FD %.1f, real-vs-real floor %.1f (n=%d)", fd.at("generated_vs_real").get<double>(),
              fd.at("real_vs_real").get<double>(), options.samples);
        QVERIFY(fd.at("generated_vs_real").get<double>() > 1.2 * fd.at("real_vs_real").get<double>());
        QCOMPARE(report->at("diversity").at("generated").at("centre_std_x").get<double>(), 0.0);
        // Its seeds all look alike, so no style-mixing trial shows a mix (it once scored 1.0 here).
        QCOMPARE(report->at("style_mixing").at("informative_trials").get<int>(), 0);
        QCOMPARE(report->at("style_mixing").at("score").get<double>(), 0.0);
        QVERIFY(report->at("prompt_mixing").at("score").get<double>() < 0.3);
    }
};

QTEST_GUILESS_MAIN(TestEvaluator)
#include "test_evaluator.moc"
