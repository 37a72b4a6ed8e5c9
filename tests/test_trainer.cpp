// Trainer, discriminator and text model file: a tiny real training run (16 px Shapes World) must
// teach D to tell real from fake and G to fool a fixed D; a resumed run must equal an uninterrupted
// one bit for bit; a model file must round-trip and refuse a damaged description with a clear message.
#include <algorithm>
#include <filesystem>
#include <map>
#include <numbers>
#include <random>
#include <string>

#include <torch/torch.h>
#include <nlohmann/json.hpp>

#include <QtTest/QtTest>

#include "lscore/edit_state.h"
#include "lscore/engine.h"
#include "lscore/evaluator.h"
#include "lscore/safetensors.h"
#include "lscore/text_model_file.h"
#include "lscore/trainer.h"

namespace {

lscore::TrainerOptions tinyOptions()
{
    lscore::TrainerOptions options = lscore::TrainerOptions::shapesWorld(16, 256, 32);
    options.textEncoder.width = 32;
    options.textEncoder.layers = 1;
    options.textEncoder.heads = 2;
    options.textEncoder.out_dim = 32;
    options.discriminatorTextEncoder = options.textEncoder;
    options.generator.z_dim = 16;
    options.generator.w_dim = 32;
    options.discriminator.channel_base = 256;
    options.discriminator.channel_max = 32;
    options.batch = 8;
    options.seed = 7;
    options.r1Interval = 2;     // exercise the R1 path often
    options.emaKimg = 0.05;
    return options;
}

// tinyOptions() for the supervised objective, with a z wide enough for a scene code.
lscore::TrainerOptions supervisedTinyOptions()
{
    lscore::TrainerOptions options = tinyOptions();
    options.objective = "supervised";
    options.generator.z_dim = 32;
    return options;
}

// supervisedTinyOptions() with β1 > 0, so that runs store both Adam moments: the setting of the
// tests that grow a trained run.
lscore::TrainerOptions growableTinyOptions()
{
    lscore::TrainerOptions options = supervisedTinyOptions();
    options.beta1 = 0.9;
    return options;
}

std::string tempPath(const QTemporaryDir& dir, const char* name)
{
    return (std::filesystem::path(dir.path().toStdString()) / name).string();
}

std::unique_ptr<lscore::Trainer> makeTrainer(const lscore::TrainerOptions& options)
{
    auto trainer = lscore::Trainer::create(options);
    if (!trainer) qFatal("%s", trainer.error().c_str());
    return std::move(*trainer);
}

void runSteps(lscore::Trainer& trainer, int steps)
{
    for (int i = 0; i < steps; ++i) {
        auto stats = trainer.step();
        QVERIFY2(stats.ok(), stats.ok() ? "" : stats.error().c_str());
        QVERIFY(std::isfinite(stats->dLossReal) && std::isfinite(stats->gLoss));
    }
}

// Runs `steps` supervised steps; the mean loss of the first and of the last five.
void supervisedLossAtStartAndEnd(lscore::Trainer& trainer, int steps, double& first, double& last)
{
    first = last = 0.0;
    for (int i = 0; i < steps; ++i) {
        auto stats = trainer.step();
        QVERIFY2(stats.ok(), stats.ok() ? "" : stats.error().c_str());
        QVERIFY(std::isfinite(stats->supervisedLoss));
        if (i < 5) first += stats->supervisedLoss / 5.0;
        if (i >= steps - 5) last += stats->supervisedLoss / 5.0;
    }
}

// A supervised loss term: a run with it and one without start from the same weights and see the same
// first batch, so the first losses differ by the term's positive value; with it the loss still falls.
void verifyTermAddsAndLossFalls(const char* term, const lscore::TrainerOptions& without,
                                const lscore::TrainerOptions& with)
{
    auto plain = makeTrainer(without);
    auto withTerm = makeTrainer(with);
    auto a = plain->step();
    auto b = withTerm->step();
    QVERIFY(a.ok() && b.ok());
    qInfo("first supervised loss without / with the %s term: %.4f / %.4f", term, a->supervisedLoss, b->supervisedLoss);
    QVERIFY(b->supervisedLoss > a->supervisedLoss + 0.01);
    double first = 0.0, last = 0.0;
    supervisedLossAtStartAndEnd(*withTerm, 30, first, last);
    if (QTest::currentTestFailed()) return;
    QVERIFY2(last < first, (std::string("the supervised loss with the ") + term + " term did not fall").c_str());
}

} // namespace

class TestTrainer : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { torch::set_num_threads(1); }

    // The CPU fitting path: G regresses Shapes World scenes from their exact codes and learns fast;
    // the hybrid objective then runs D, G and the supervised term together.
    void supervisedObjectiveLowersItsLoss()
    {
        lscore::TrainerOptions options = tinyOptions();
        options.objective = "supervised";
        QVERIFY(!lscore::Trainer::create(options).ok());   // z_dim 16 cannot hold a scene code
        options.generator.z_dim = 32;
        auto trainer = makeTrainer(options);
        double first = 0.0, last = 0.0;
        supervisedLossAtStartAndEnd(*trainer, 40, first, last);
        if (QTest::currentTestFailed()) return;
        qInfo("supervised L1: %.4f over the first 5 steps, %.4f over the last 5", first, last);
        QVERIFY2(last < 0.8 * first, "the supervised loss did not fall by a fifth in 40 steps");
        QVERIFY(!trainer->setObjective("nonsense").ok());
        QVERIFY(trainer->setObjective("hybrid").ok());   // z_dim 32 holds a scene code
        auto hybrid = trainer->step();
        QVERIFY2(hybrid.ok(), hybrid.ok() ? "" : hybrid.error().c_str());
        QVERIFY(hybrid->supervisedLoss > 0.0 && std::isfinite(hybrid->gLoss) && std::isfinite(hybrid->dLossReal));
    }

    // The supervised layer mix (coarse layers from one scene, fine layers from another, against the
    // render of the first in the second's colours) with the argmax scene code, the pyramid term and
    // momentum still learns.
    void supervisedLayerMixLowersItsLoss()
    {
        lscore::TrainerOptions options = tinyOptions();
        options.objective = "supervised";
        options.sceneCode = "argmax";
        options.generator.z_dim = 48;
        QVERIFY(!lscore::Trainer::create(options).ok());   // the argmax code needs 56 coordinates
        options.generator.z_dim = 56;
        options.supervisedMixProb = 1.0;
        options.pyramidLevels = 2;
        options.beta1 = 0.9;
        auto trainer = makeTrainer(options);
        double first = 0.0, last = 0.0;
        supervisedLossAtStartAndEnd(*trainer, 40, first, last);
        if (QTest::currentTestFailed()) return;
        qInfo("mixed supervised loss: %.4f over the first 5 steps, %.4f over the last 5", first, last);
        QVERIFY2(last < 0.8 * first, "the mixed supervised loss did not fall by a fifth in 40 steps");
    }

    // The edge term (L1 of the pixel differences) adds to the supervised loss exactly what it
    // measures: two runs identical but for edgeWeight see the same first batch from the same
    // weights, so their first losses differ by edgeWeight × a positive edge error.
    void edgeTermAddsToTheSupervisedLoss()
    {
        lscore::TrainerOptions options = supervisedTinyOptions();
        const lscore::TrainerOptions plain = options;
        options.edgeWeight = 2.0;
        verifyTermAddsAndLossFalls("edge", plain, options);
    }

    // The perceptual term (a distance in a separate classifier's features) adds to the supervised
    // loss, the loss still falls with it, and a missing or unusable network is refused by name.
    void perceptualTermAddsToTheSupervisedLoss()
    {
        QTemporaryDir dir;
        lscore::ClassifierTrainOptions netOptions;
        netOptions.steps = 3;
        netOptions.batchSize = 4;
        netOptions.seed = 7;
        auto net = lscore::AttributeClassifier::train(netOptions);
        QVERIFY2(net.ok(), net.ok() ? "" : net.error().c_str());
        const std::string netPath = tempPath(dir, "perceptual.safetensors");
        QVERIFY((*net)->save(netPath).ok());

        lscore::TrainerOptions options = supervisedTinyOptions();
        const lscore::TrainerOptions plain = options;
        options.perceptualWeight = 2.0;
        QVERIFY(!lscore::Trainer::create(options).ok());   // a weight without a network
        options.perceptualNet = tempPath(dir, "missing.safetensors");
        auto missing = makeTrainer(options);
        auto refused = missing->step();
        QVERIFY(!refused.ok());
        qInfo("missing perceptual network: %s", refused.error().c_str());
        QVERIFY(refused.error().find("missing.safetensors") != std::string::npos);

        options.perceptualNet = netPath;
        verifyTermAddsAndLossFalls("perceptual", plain, options);

        // The label term goes through the same network; alone it needs the network too.
        lscore::TrainerOptions labelled = plain;
        labelled.labelWeight = 1.0;
        QVERIFY(!lscore::Trainer::create(labelled).ok());
        labelled.perceptualNet = netPath;
        verifyTermAddsAndLossFalls("label", plain, labelled);
        auto logged = makeTrainer(labelled);
        auto step = logged->step();
        QVERIFY(step.ok());
        QVERIFY(step->labelLoss > 0.0 && std::isfinite(step->labelLoss));
    }

    // Fit diagnostics: every shape gets its scenes, the figures are fractions or pixel distances in
    // range, a disc of a circle's own area on its centroid covers it almost exactly (the reference
    // the blob test reads against), the real / G grid has a row per shape, and bad requests are
    // refused with the reason.
    void fitDiagnosticsReportPerShape()
    {
        QTemporaryDir dir;
        lscore::TrainerOptions options = tinyOptions();
        options.objective = "supervised";
        options.generator = lscore::TrainerOptions::shapesWorld(32, 256, 32).generator;
        options.generator.z_dim = 32;
        options.generator.w_dim = 32;
        options.sceneCode = "scalar";   // centres as image coordinates: a linear probe of z can read them
        auto trainer = makeTrainer(options);
        runSteps(*trainer, 2);
        const std::string grid = tempPath(dir, "fit.png");
        auto report = trainer->fitDiagnostics(3, 11, grid);
        QVERIFY2(report.ok(), report.ok() ? "" : report.error().c_str());
        qInfo("fit diagnostics after 2 steps: %s", report->at("all").dump().c_str());
        QCOMPARE(report->at("per_shape").size(), std::size_t(lscore::kShapeCount));
        for (const auto& [shape, figures] : report->at("per_shape").items()) {
            QCOMPARE(figures.at("scenes").get<int>(), 3);
            for (const char* fraction : {"iou", "aligned_iou", "disc_aligned_iou", "missing", "background_error"}) {
                const double value = figures.at(fraction).get<double>();
                QVERIFY2(value >= 0.0 && value <= 1.0, (shape + " " + fraction).c_str());
            }
            QVERIFY(figures.at("centroid_error_px").get<double>() >= 0.0);
        }
        QVERIFY(report->at("per_shape").at("circle").at("disc_aligned_iou").get<double>() >= 0.75);
        QCOMPARE(report->at("all").at("scenes").get<int>(), 3 * lscore::kShapeCount);
        QVERIFY(report->at("w_linear_probe").is_null());   // 24 scenes cannot fit a probe of 33 numbers
        // With enough scenes the probe runs; the scene code itself places the objects far better than
        // their spread (a 2-step w need not).
        auto probed = trainer->fitDiagnostics(64, 11);
        QVERIFY2(probed.ok(), probed.ok() ? "" : probed.error().c_str());
        const nlohmann::json probe = probed->at("w_linear_probe");
        qInfo("linear probe: %s", probe.dump().c_str());
        QVERIFY(probe.is_object());
        QVERIFY(probe.at("z_centroid_error_px").get<double>() < 0.5 * probe.at("centroid_spread_px").get<double>());
        QVERIFY(probe.at("w_centroid_error_px").get<double>() >= 0.0);
        // The PNG's IHDR: width and height, big-endian, at bytes 16 and 20.
        QFile file(QString::fromStdString(grid));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray png = file.readAll();
        QVERIFY(png.size() > 24 && png.startsWith("\x89PNG"));
        auto be32 = [&](int at) { return qFromBigEndian<quint32>(png.constData() + at); };
        QCOMPARE(be32(16), quint32(2 * 4 * 32));
        QCOMPARE(be32(20), quint32(lscore::kShapeCount * 32));

        QVERIFY(!trainer->fitDiagnostics(0, 11).ok());
        auto unwritable = trainer->fitDiagnostics(1, 11, tempPath(dir, "no/such/dir/fit.png"));
        QVERIFY(!unwritable.ok());
        QVERIFY2(unwritable.error().find("fit.png") != std::string::npos, unwritable.error().c_str());
    }

    // A resumed run may change the options that need no restart; β1 0 → 0.9 starts the first moments
    // at zero, and from then on they are checkpointed and resume exactly. Other changes are refused.
    void resumeAppliesTuning()
    {
        QTemporaryDir dir;
        lscore::TrainerOptions options = supervisedTinyOptions();
        auto trainer = makeTrainer(options);
        runSteps(*trainer, 2);
        const std::string checkpoint = tempPath(dir, "checkpoint.safetensors");
        QVERIFY(trainer->saveCheckpoint(checkpoint).ok());
        // A supervised run never steps D: its all-zero moments are not stored.
        auto stored = lscore::readSafetensors(checkpoint);
        QVERIFY(stored.ok());
        for (const auto& [name, tensor] : stored->tensors) QVERIFY2(name.rfind("opt.D.", 0) != 0, name.c_str());
        QVERIFY(std::any_of(stored->tensors.begin(), stored->tensors.end(),
                            [](const auto& item) { return item.first.rfind("opt.G.v.", 0) == 0; }));

        const nlohmann::json refused[] = {{{"seed", 3}}, {{"beta1", 1.5}}, {{"pyramid_levels", "two"}},
                                          {{"edge_weight", -1.0}}, {{"perceptual_weight", 1.0}},
                                          {{"perceptual_weight", -1.0}, {"perceptual_net", "net.safetensors"}},
                                          {{"label_weight", 1.0}},
                                          {{"label_weight", -1.0}, {"perceptual_net", "net.safetensors"}},
                                          nlohmann::json::array()};
        for (const nlohmann::json& tuning : refused) {
            auto resumed = lscore::Trainer::resume(checkpoint, "", tuning);
            QVERIFY2(!resumed.ok(), tuning.dump().c_str());
            qInfo("refused %s: %s", tuning.dump().c_str(), resumed.error().c_str());
        }

        const nlohmann::json tuning = {{"beta1", 0.9}, {"pyramid_levels", 3}, {"supervised_mix_prob", 0.5},
                                       {"object_weight", 2.0}, {"generator_lr", 0.001}, {"edge_weight", 0.5},
                                       {"perceptual_net", "net.safetensors"}, {"label_weight", 0.0}};
        auto tuned = lscore::Trainer::resume(checkpoint, "", tuning);
        QVERIFY2(tuned.ok(), tuned.ok() ? "" : tuned.error().c_str());
        QCOMPARE((*tuned)->options().beta1, 0.9);
        QCOMPARE((*tuned)->options().pyramidLevels, 3);
        QCOMPARE((*tuned)->options().supervisedMixProb, 0.5);
        QCOMPARE((*tuned)->options().objectWeight, 2.0);
        QCOMPARE((*tuned)->options().generatorLr, 0.001);
        QCOMPARE((*tuned)->options().edgeWeight, 0.5);
        QCOMPARE((*tuned)->options().perceptualNet, std::string("net.safetensors"));   // stored, unused at weight 0
        runSteps(**tuned, 2);
        const std::string second = tempPath(dir, "second.safetensors");
        QVERIFY((*tuned)->saveCheckpoint(second).ok());
        runSteps(**tuned, 2);
        auto again = lscore::Trainer::resume(second);
        QVERIFY2(again.ok(), again.ok() ? "" : again.error().c_str());
        QCOMPARE((*again)->options().beta1, 0.9);
        runSteps(**again, 2);
        const auto expected = (*tuned)->stateTensors();
        const auto actual = (*again)->stateTensors();
        QCOMPARE(actual.size(), expected.size());
        for (const auto& [name, tensor] : expected)
            QVERIFY2(actual.count(name) && torch::equal(actual.at(name), tensor), ("differs after resume: " + name).c_str());
    }

    void discriminatorLearnsAndGeneratorDescends()
    {
        auto trainer = makeTrainer(tinyOptions());
        auto before = trainer->evaluate(1234, 16);
        QVERIFY(before.ok());
        runSteps(*trainer, 30);
        auto after = trainer->evaluate(1234, 16);
        QVERIFY(after.ok());
        const double gapBefore = before->dReal - before->dFake;
        const double gapAfter = after->dReal - after->dFake;
        qInfo("D(real) - D(fake): %.3f before, %.3f after 30 steps", gapBefore, gapAfter);
        QVERIFY2(gapAfter > gapBefore, "after joint training D rates generated images no lower than before");

        // Against a G that no longer moves, D's steps must separate real from generated images clearly.
        for (int i = 0; i < 12; ++i) QVERIFY(trainer->discriminatorStep().ok());
        auto judged = trainer->evaluate(1234, 16);
        QVERIFY(judged.ok());
        qInfo("D(real) - D(fake) after 12 more D steps: %.3f", judged->dReal - judged->dFake);
        QVERIFY2(judged->dReal - judged->dFake > gapAfter + 0.5, "D steps did not separate real from generated images");
        after = std::move(judged);

        // Against a D that no longer moves, G's steps must lower its loss on a fixed batch.
        for (int i = 0; i < 12; ++i) QVERIFY(trainer->generatorStep().ok());
        auto fooled = trainer->evaluate(1234, 16);
        QVERIFY(fooled.ok());
        qInfo("G loss against a fixed D: %.3f before, %.3f after 12 G steps", after->gLoss, fooled->gLoss);
        QVERIFY2(fooled->gLoss < after->gLoss, "G steps did not lower G's loss against a fixed D");
    }

    void resumeIsBitwiseIdentical()
    {
        QTemporaryDir dir;
        const lscore::TrainerOptions options = tinyOptions();
        auto uninterrupted = makeTrainer(options);
        runSteps(*uninterrupted, 5);

        auto first = makeTrainer(options);
        runSteps(*first, 3);
        const std::string checkpoint = tempPath(dir, "checkpoint.safetensors");
        const lscore::Status saved = first->saveCheckpoint(checkpoint);
        QVERIFY2(saved.ok(), saved.ok() ? "" : saved.error().c_str());
        first.reset();
        auto resumed = lscore::Trainer::resume(checkpoint);
        QVERIFY2(resumed.ok(), resumed.ok() ? "" : resumed.error().c_str());
        QCOMPARE((*resumed)->stepCount(), 3);
        runSteps(**resumed, 2);

        QCOMPARE((*resumed)->stepCount(), uninterrupted->stepCount());
        QCOMPARE((*resumed)->kimg(), uninterrupted->kimg());
        const auto expected = uninterrupted->stateTensors();
        const auto actual = (*resumed)->stateTensors();
        QCOMPARE(actual.size(), expected.size());
        for (const auto& [name, tensor] : expected) {
            QVERIFY2(actual.count(name), name.c_str());
            QVERIFY2(torch::equal(actual.at(name), tensor), ("differs after resume: " + name).c_str());
        }
    }

    // The folded scene code writes what is drawn: a star turned by 72° (its stripes turned back) is the
    // same picture and gets the same code; a dotted star turned by 72° is another picture (the dot grid
    // turns) and gets another. Over Shapes World's sampling the code stays N(0, I).
    void foldedSceneCodeFollowsWhatIsDrawn()
    {
        constexpr float kStarTurn = 2.0f * std::numbers::pi_v<float> / 5.0f;
        auto star = [](lscore::Pattern pattern, float rotation, float phase) {
            lscore::WorldSample sample;
            lscore::ObjectSpec object;
            object.shape = lscore::Shape::Star;
            object.pattern = pattern;
            object.cx = 0.4f;
            object.cy = 0.6f;
            object.radius = 0.25f;
            object.rotation = rotation;
            object.patternPhase = phase;
            sample.scene.objects = {object};
            sample.stated.objects = {lscore::ObjectStatement{}};   // nothing stated: all of it is in z
            sample.caption = "a shape";
            return sample;
        };
        auto code = [](const lscore::WorldSample& sample, const std::string& layout) {
            std::mt19937_64 rng(5);
            return lscore::supervisedSceneCodes({sample}, 64, layout, rng);
        };
        auto pixels = [](const lscore::WorldSample& sample) {
            torch::Tensor image = torch::empty({3, 128, 128});
            lscore::renderScene(sample.scene, image.data_ptr<float>(), 128);
            return image;
        };
        const float kCodeTolerance = 1e-4f;

        const auto plain = star(lscore::Pattern::Plain, 0.3f, 0.0f);
        const auto plainTurned = star(lscore::Pattern::Plain, 0.3f + kStarTurn, 0.0f);
        QVERIFY(torch::allclose(pixels(plain), pixels(plainTurned), 0.0, 1e-3));
        QVERIFY(torch::allclose(code(plain, "folded"), code(plainTurned, "folded"), 0.0, kCodeTolerance));
        QVERIFY(!torch::allclose(code(plain, "scalar"), code(plainTurned, "scalar"), 0.0, kCodeTolerance));
        // folded-scalar-centres folds the rotation too, but keeps the scalar code's centre
        // coordinates (4 and 5), so a scalar-coded model switched to it keeps its learnt positions.
        QVERIFY(torch::allclose(code(plain, "folded-scalar-centres"), code(plainTurned, "folded-scalar-centres"), 0.0,
                                kCodeTolerance));
        const auto centres = torch::indexing::Slice(4, 6);
        QVERIFY(torch::equal(code(plain, "folded-scalar-centres").index({0, centres}), code(plain, "scalar").index({0, centres})));
        QVERIFY(!torch::allclose(code(plain, "folded-scalar-centres").index({0, centres}), code(plain, "folded").index({0, centres}),
                                 0.0, kCodeTolerance));
        QVERIFY(torch::equal(code(plain, "folded-scalar-centres").index({0, 7}), code(plain, "folded").index({0, 7})));
        // folded-stated-position: scalar centres while the caption leaves the position open, the
        // placement's draws (z says where within the stated region) once it states one.
        QVERIFY(torch::equal(code(plain, "folded-stated-position").index({0, centres}), code(plain, "scalar").index({0, centres})));
        auto placed = plain;
        placed.scene.position = lscore::Position::Left;
        placed.stated.position = lscore::Position::Left;
        placed.scene.objects[0].cx = 0.25f;
        QVERIFY(torch::equal(code(placed, "folded-stated-position").index({0, centres}), code(placed, "folded").index({0, centres})));
        QVERIFY(!torch::allclose(code(placed, "folded-stated-position").index({0, centres}),
                                 code(placed, "scalar").index({0, centres}), 0.0, kCodeTolerance));

        const auto striped = star(lscore::Pattern::Striped, 0.3f, 0.55f);
        const auto stripedTurned = star(lscore::Pattern::Striped, 0.3f + kStarTurn, 0.15f);   // stripes 72° back
        QVERIFY(torch::allclose(pixels(striped), pixels(stripedTurned), 0.0, 1e-3));
        QVERIFY(torch::allclose(code(striped, "folded"), code(stripedTurned, "folded"), 0.0, kCodeTolerance));

        const auto dotted = star(lscore::Pattern::Dotted, 0.3f, 0.0f);
        const auto dottedTurned = star(lscore::Pattern::Dotted, 0.3f + kStarTurn, 0.0f);
        QVERIFY(!torch::allclose(pixels(dotted), pixels(dottedTurned), 0.0, 1e-2));
        QVERIFY(!torch::allclose(code(dotted, "folded"), code(dottedTurned, "folded"), 0.0, kCodeTolerance));

        // Hearts turn by negative angles too: two stripe angles there are two pictures and two codes
        // (std::fmod kept the sign, and both were clamped to the same edge of the code).
        auto tiltedStripedHeart = [&](float phase) {
            lscore::WorldSample sample = star(lscore::Pattern::Striped, -0.4f, phase);
            sample.scene.objects[0].shape = lscore::Shape::Heart;
            return sample;
        };
        const auto heartA = tiltedStripedHeart(0.02f);
        const auto heartB = tiltedStripedHeart(0.08f);
        QVERIFY(!torch::allclose(pixels(heartA), pixels(heartB), 0.0, 1e-2));
        QVERIFY(!torch::allclose(code(heartA, "folded"), code(heartB, "folded"), 0.0, kCodeTolerance));

        std::vector<lscore::WorldSample> samples;
        for (std::uint64_t i = 0; i < 4000; ++i) samples.push_back(lscore::sampleScene(9, i, lscore::SplitFilter::TrainOnly));
        std::mt19937_64 rng(11);
        const torch::Tensor z = lscore::supervisedSceneCodes(samples, 64, "folded", rng);
        QVERIFY(z.isfinite().all().item<bool>());
        // Every coordinate but the unevenly drawn patterns and background style (3, 13, 21) is
        // N(0, 1). The scalar code's background angle was −3.7 on every checkered background (mean
        // −0.88, std 1.76 here) and its object centres had std 0.5.
        for (std::int64_t k = 0; k < z.size(1); ++k) {
            if (k == 3 || k == 13 || k == 21) continue;
            const double mean = z.select(1, k).mean().item<double>();
            const double deviation = z.select(1, k).std().item<double>();
            QVERIFY2(std::abs(mean) < 0.08 && std::abs(deviation - 1.0) < 0.08,
                     qPrintable(QStringLiteral("coordinate %1: mean %2, std %3").arg(k).arg(mean).arg(deviation)));
        }
    }

    void unusableDeviceIsRefusedClearly_data()
    {
        QTest::addColumn<QString>("device");
        QTest::addColumn<QString>("message");
        QTest::newRow("malformed") << "gpu0" << "unknown device 'gpu0'; use cpu, cuda or cuda:N";
        QTest::newRow("not cpu or cuda") << "meta" << "device 'meta' is not supported; use cpu or cuda";
        if (!torch::cuda::is_available())
            QTest::newRow("no CUDA here") << "cuda:1" << "device 'cuda:1' was requested but this build or machine has no CUDA; use cpu";
    }

    void unusableDeviceIsRefusedClearly()
    {
        QFETCH(QString, device);
        QFETCH(QString, message);
        lscore::TrainerOptions options = tinyOptions();
        options.device = device.toStdString();
        auto trainer = lscore::Trainer::create(options);
        QVERIFY(!trainer.ok());
        QVERIFY2(QString::fromStdString(trainer.error()).contains(message), trainer.error().c_str());
    }

    // An unknown scene code layout is refused by name, with the known layouts listed.
    void unknownSceneCodeIsRefusedClearly()
    {
        QVERIFY(lscore::checkSceneCode("folded-stated-position").ok());
        lscore::TrainerOptions options = supervisedTinyOptions();
        options.sceneCode = "foldd";
        auto trainer = lscore::Trainer::create(options);
        QVERIFY(!trainer.ok());
        QVERIFY2(QString::fromStdString(trainer.error()).contains(QStringLiteral("unknown scene code layout \"foldd\" (folded, ")),
                 trainer.error().c_str());
    }

    void resumeRefusesANonCheckpoint()
    {
        QTemporaryDir dir;
        const std::string path = tempPath(dir, "not-a-checkpoint.safetensors");
        QVERIFY(lscore::writeSafetensors(path, {{"x", torch::zeros({2})}}, {}).ok());
        auto resumed = lscore::Trainer::resume(path);
        QVERIFY(!resumed.ok());
        QVERIFY2(QString::fromStdString(resumed.error()).contains(QStringLiteral("not a training checkpoint")),
                 resumed.error().c_str());
    }

    void modelFileRoundTrip_data()
    {
        QTest::addColumn<bool>("f16");
        QTest::newRow("f32 exact") << false;
        QTest::newRow("f16 shipped") << true;
    }

    void modelFileRoundTrip()
    {
        QFETCH(bool, f16);
        QTemporaryDir dir;
        auto trainer = makeTrainer(tinyOptions());
        runSteps(*trainer, 2);
        const std::string path = tempPath(dir, "model.safetensors");
        const lscore::Status written =
            trainer->exportModel(path, f16 ? lscore::StoredDtype::F16 : lscore::StoredDtype::F32);
        QVERIFY2(written.ok(), written.ok() ? "" : written.error().c_str());

        auto model = lscore::readTextModel(path);
        QVERIFY2(model.ok(), model.ok() ? "" : model.error().c_str());
        QCOMPARE(QString::fromStdString(model->description.architecture), QStringLiteral("stylegan2-text"));
        QCOMPARE(model->description.conditioning.type, lscore::ConditioningType::Text);
        QCOMPARE(model->description.layers.size(), std::size_t(model->generatorConfig.numWs()));
        QVERIFY(!model->description.license.empty());
        QVERIFY(model->description.provenance.contains("training_images"));

        const auto state = trainer->stateTensors();
        std::map<std::string, torch::Tensor> loaded = lscore::collectTensors(*model->generator);
        for (const auto& [name, tensor] : lscore::collectTensors(*model->textEncoder, "text_encoder.")) loaded[name] = tensor;
        QVERIFY(!loaded.empty());
        for (const auto& [name, tensor] : loaded) {
            const bool isText = name.rfind("text_encoder.", 0) == 0;
            const std::string source = isText ? "G_ema_text." + name.substr(13) : "G_ema." + name;
            QVERIFY2(state.count(source), source.c_str());
            const torch::Tensor& expected = state.at(source);
            if (f16)
                QVERIFY2(torch::allclose(tensor, expected.to(torch::kHalf).to(torch::kFloat)), name.c_str());
            else
                QVERIFY2(torch::equal(tensor, expected), name.c_str());
        }
    }

    void exportedModelRendersInTheEngine()
    {
        QTemporaryDir dir;
        auto trainer = makeTrainer(tinyOptions());
        runSteps(*trainer, 1);
        const std::string path = tempPath(dir, "model.safetensors");
        QVERIFY(trainer->exportModel(path, lscore::StoredDtype::F16).ok());
        auto engine = lscore::Engine::open(path);
        QVERIFY2(engine.ok(), engine.ok() ? "" : engine.error().c_str());
        lscore::EditState red, blue;
        red.promptA = red.promptB = "a big red circle";
        blue.promptA = blue.promptB = "a small blue star on the left";
        blue.seedA = red.seedA = 3;
        std::vector<lscore::EditState> states{red, blue};
        auto frames = (*engine)->render(states);
        QVERIFY2(frames.ok(), frames.ok() ? "" : frames.error().c_str());
        QCOMPARE(frames->size(), std::size_t(2));
        QCOMPARE(frames->front().width, 16);
        QVERIFY2(frames->at(0).rgb != frames->at(1).rgb, "two prompts rendered the same picture");
    }

    // A z skip added to a trained run starts at zero: every other tensor and optimizer moment
    // resumes as stored, so G draws what it drew; the skip then trains, persists in checkpoints,
    // cannot be taken out again, and the exported model renders in the engine with it.
    void mappingZSkipJoinsATrainedRunAtZero()
    {
        QTemporaryDir dir;
        auto trainer = makeTrainer(growableTinyOptions());
        runSteps(*trainer, 2);
        const std::string checkpoint = tempPath(dir, "checkpoint.safetensors");
        QVERIFY(trainer->saveCheckpoint(checkpoint).ok());
        const auto before = trainer->stateTensors();

        auto skipping = lscore::Trainer::resume(checkpoint, "", {{"mapping_z_skip", true}});
        QVERIFY2(skipping.ok(), skipping.ok() ? "" : skipping.error().c_str());
        QVERIFY((*skipping)->options().generator.mapping_z_skip);
        int skipTensors = 0;
        for (const auto& [name, tensor] : (*skipping)->stateTensors()) {
            if (name.find("mapping.skip.") != std::string::npos) {
                ++skipTensors;
                QVERIFY2(tensor.abs().max().item<double>() == 0.0, name.c_str());
                continue;
            }
            QVERIFY2(before.count(name) && torch::equal(before.at(name), tensor), name.c_str());
        }
        QCOMPARE(skipTensors, 8);   // weight and bias of G and G_ema, and their two Adam moments each
        runSteps(**skipping, 3);
        const auto trained = (*skipping)->stateTensors();
        QVERIFY(trained.at("G.mapping.skip.weight").abs().max().item<double>() > 0.0);

        const std::string second = tempPath(dir, "second.safetensors");
        QVERIFY((*skipping)->saveCheckpoint(second).ok());
        auto again = lscore::Trainer::resume(second);
        QVERIFY2(again.ok(), again.ok() ? "" : again.error().c_str());
        QVERIFY((*again)->options().generator.mapping_z_skip);
        QVERIFY(torch::equal((*again)->stateTensors().at("G.mapping.skip.weight"), trained.at("G.mapping.skip.weight")));
        auto removed = lscore::Trainer::resume(second, "", {{"mapping_z_skip", false}});
        QVERIFY(!removed.ok());
        QVERIFY2(removed.error().find("z skip") != std::string::npos, removed.error().c_str());

        const std::string model = tempPath(dir, "model.safetensors");
        QVERIFY((*again)->exportModel(model, lscore::StoredDtype::F32).ok());
        auto engine = lscore::Engine::open(model);
        QVERIFY2(engine.ok(), engine.ok() ? "" : engine.error().c_str());
        lscore::EditState state;
        state.promptA = state.promptB = "a red star";
        std::vector<lscore::EditState> states{state};
        auto frames = (*engine)->render(states);
        QVERIFY2(frames.ok(), frames.ok() ? "" : frames.error().c_str());
    }

    // Growing a trained run — a larger channel_base, coordinate inputs, or both at once — must not
    // change a pixel it draws: the stored channels read the new ones through zero weights, and
    // ToRGB's gain change is folded into its weights. The new weights then train, the grown run
    // checkpoints and resumes as it is, and what cannot be undone is refused.
    void growingATrainedRunKeepsWhatItDraws_data()
    {
        QTest::addColumn<QString>("tuning");
        QTest::addColumn<int>("conv0Out");      // b16.conv0.weight: output channels
        QTest::addColumn<int>("conv1In");       // b16.conv1.weight: input channels read
        QTest::addColumn<QString>("refused");   // a later resume that must fail, and its message
        QTest::addColumn<QString>("refusal");
        QTest::newRow("widened") << QStringLiteral(R"({"generator_channel_base": 512})") << 32 << 32
                                 << QStringLiteral(R"({"generator_channel_base": 256})") << QStringLiteral("narrowed");
        QTest::newRow("coordinate inputs") << QStringLiteral(R"({"coord_inputs": true})") << 16 << 18
                                           << QStringLiteral(R"({"coord_inputs": false})") << QStringLiteral("coordinate inputs");
        QTest::newRow("both") << QStringLiteral(R"({"generator_channel_base": 512, "coord_inputs": true})") << 32 << 34
                              << QStringLiteral(R"({"generator_channel_base": 1024})") << QStringLiteral("cannot be widened");
    }

    void growingATrainedRunKeepsWhatItDraws()
    {
        QFETCH(QString, tuning);
        QFETCH(int, conv0Out);
        QFETCH(int, conv1In);
        QFETCH(QString, refused);
        QFETCH(QString, refusal);
        QTemporaryDir dir;
        auto trainer = makeTrainer(growableTinyOptions());
        runSteps(*trainer, 3);
        const std::string checkpoint = tempPath(dir, "checkpoint.safetensors");
        QVERIFY(trainer->saveCheckpoint(checkpoint).ok());

        auto renderModel = [&](lscore::Trainer& from, const char* name) -> std::vector<lscore::Image> {
            const std::string model = tempPath(dir, name);
            if (!from.exportModel(model, lscore::StoredDtype::F32).ok()) return {};
            auto engine = lscore::Engine::open(model);
            if (!engine.ok()) return {};
            lscore::EditState star, ring;
            star.promptA = star.promptB = "a big red star on a blue background";
            ring.promptA = ring.promptB = "a small green ring above a white square";
            ring.seedA = 5;
            std::vector<lscore::EditState> states{star, ring};
            auto frames = (*engine)->render(states);
            return frames.ok() ? *frames : std::vector<lscore::Image>{};
        };
        const auto before = renderModel(*trainer, "before.safetensors");
        QCOMPARE(before.size(), std::size_t(2));

        auto grown = lscore::Trainer::resume(checkpoint, "", nlohmann::json::parse(tuning.toStdString()));
        QVERIFY2(grown.ok(), grown.ok() ? "" : grown.error().c_str());
        const auto state = (*grown)->stateTensors();
        QCOMPARE(state.at("G_ema.synthesis.b16.conv0.weight").size(0), std::int64_t(conv0Out));
        QCOMPARE(state.at("G_ema.synthesis.b16.conv1.weight").size(1), std::int64_t(conv1In));
        // The new inputs' weights and every new moment start at zero.
        QVERIFY(state.at("G.synthesis.b16.conv1.weight").index({torch::indexing::Slice(0, 16), torch::indexing::Slice(16)}).abs().max().item<double>() == 0.0);
        QVERIFY(state.at("opt.G.v.G.synthesis.b16.conv1.weight").index({torch::indexing::Slice(), torch::indexing::Slice(16)}).abs().max().item<double>() == 0.0);
        const auto after = renderModel(**grown, "after.safetensors");
        QCOMPARE(after.size(), before.size());
        for (std::size_t i = 0; i < after.size(); ++i) {
            QCOMPARE(after[i].rgb.size(), before[i].rgb.size());
            int largest = 0;
            for (std::size_t k = 0; k < after[i].rgb.size(); ++k)
                largest = std::max(largest, std::abs(int(after[i].rgb[k]) - int(before[i].rgb[k])));
            QVERIFY2(largest <= 1, ("growing changed a pixel by " + std::to_string(largest) + " levels").c_str());
        }

        runSteps(**grown, 3);
        const auto trained = (*grown)->stateTensors();
        QVERIFY(trained.at("G.synthesis.b16.conv1.weight").index({torch::indexing::Slice(), torch::indexing::Slice(16)}).abs().max().item<double>() > 0.0);
        const std::string second = tempPath(dir, "second.safetensors");
        QVERIFY((*grown)->saveCheckpoint(second).ok());
        auto again = lscore::Trainer::resume(second);
        QVERIFY2(again.ok(), again.ok() ? "" : again.error().c_str());
        QVERIFY(torch::equal((*again)->stateTensors().at("G.synthesis.b16.conv1.weight"), trained.at("G.synthesis.b16.conv1.weight")));
        QVERIFY(!renderModel(**again, "again.safetensors").empty());
        auto undo = lscore::Trainer::resume(second, "", nlohmann::json::parse(refused.toStdString()));
        QVERIFY(!undo.ok());
        QVERIFY2(undo.error().find(refusal.toStdString()) != std::string::npos, undo.error().c_str());
    }

    void damagedModelFileIsRefusedClearly_data()
    {
        QTest::addColumn<QString>("damage");
        QTest::addColumn<QString>("expectedMessage");
        QTest::newRow("wrong architecture") << QStringLiteral("architecture") << QStringLiteral("architecture");
        QTest::newRow("vocabulary lost a word") << QStringLiteral("vocabulary") << QStringLiteral("vocab_size");
        QTest::newRow("text dims disagree") << QStringLiteral("text_dim") << QStringLiteral("c_dim");
        QTest::newRow("description is not JSON") << QStringLiteral("json") << QStringLiteral("model.safetensors");
        QTest::newRow("no description") << QStringLiteral("missing") << QStringLiteral("no model description");
        QTest::newRow("tensor missing") << QStringLiteral("tensor") << QStringLiteral("mapping.fc0.weight");
        QTest::newRow("NaN weight") << QStringLiteral("nan") << QStringLiteral("NaN");
    }

    void damagedModelFileIsRefusedClearly()
    {
        QFETCH(QString, damage);
        QFETCH(QString, expectedMessage);
        QTemporaryDir dir;
        auto trainer = makeTrainer(tinyOptions());
        const std::string path = tempPath(dir, "model.safetensors");
        QVERIFY(trainer->exportModel(path, lscore::StoredDtype::F32).ok());
        auto file = lscore::readSafetensors(path);
        QVERIFY(file.ok());
        nlohmann::json description = nlohmann::json::parse(file->metadata.at("description"));
        if (damage == QStringLiteral("architecture")) description["architecture"] = "stylegan2";
        if (damage == QStringLiteral("vocabulary")) description["conditioning"]["tokenizer"]["vocabulary"].erase(0);
        if (damage == QStringLiteral("text_dim")) description["generator"]["c_dim"] = 7;
        file->metadata["description"] = description.dump();
        if (damage == QStringLiteral("json")) file->metadata["description"] = "{\"format_version\": 1,";
        if (damage == QStringLiteral("missing")) file->metadata.erase("description");
        if (damage == QStringLiteral("tensor")) file->tensors.erase("mapping.fc0.weight");
        if (damage == QStringLiteral("nan")) file->tensors.at("synthesis.b4.const")[0][0][0] = NAN;
        QVERIFY(lscore::writeSafetensors(path, file->tensors, file->metadata).ok());

        auto model = lscore::readTextModel(path);
        QVERIFY2(!model.ok(), "a damaged model file was accepted");
        qInfo("%s", model.error().c_str());
        QVERIFY2(QString::fromStdString(model.error()).contains(expectedMessage), model.error().c_str());
    }

    void writerRefusesADescriptionOfAnotherNetwork()
    {
        QTemporaryDir dir;
        const lscore::TrainerOptions options = tinyOptions();
        lscore::Generator generator(options.generator);
        lscore::TextEncoder encoder(options.textEncoder);
        lscore::StyleGan2Config other = options.generator;
        other.w_dim = 64;
        const auto description = lscore::describeTextModel(other, options.textEncoder, {"a", "b"}, "x", {}, "CC0-1.0");
        const std::string path = tempPath(dir, "model.safetensors");
        const lscore::Status status = lscore::writeTextModel(path, generator, encoder, description);
        QVERIFY(!status.ok());
        QVERIFY(!std::filesystem::exists(path));
    }

    void discriminatorScoresAnyBatchSize_data()
    {
        QTest::addColumn<int>("batch");
        QTest::newRow("1") << 1;
        QTest::newRow("3 (not a multiple of the stddev group)") << 3;
        QTest::newRow("8") << 8;
    }

    void discriminatorScoresAnyBatchSize()
    {
        QFETCH(int, batch);
        lscore::DiscriminatorConfig config;
        config.img_resolution = 16;
        config.channel_base = 256;
        config.channel_max = 32;
        config.text_dim = 8;
        lscore::Discriminator d(config);
        auto out = d->forward(torch::randn({batch, 3, 16, 16}), torch::randn({batch, 8}));
        QCOMPARE(out.logits().sizes().vec(), std::vector<int64_t>{batch});
        QVERIFY(torch::isfinite(out.logits()).all().item<bool>());
        // The projection makes the score depend on the text.
        auto other = d->forward(torch::zeros({batch, 3, 16, 16}), torch::randn({batch, 8}));
        auto same = d->forward(torch::zeros({batch, 3, 16, 16}), torch::randn({batch, 8}));
        QVERIFY(!torch::equal(other.alignment, same.alignment));
    }
};

QTEST_GUILESS_MAIN(TestTrainer)
#include "test_trainer.moc"
