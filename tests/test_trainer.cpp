// The Shapes World trainer and the text model file: a short real training run lowers its loss; a
// resumed run equals an uninterrupted one bit for bit; a resumed run refuses a changed option that
// the table fixes for a run; the scene code is N(0, I) and says what was drawn; an exported model
// round-trips and renders in the engine; a damaged model file is refused with a clear message.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <random>
#include <string>

#include <torch/torch.h>
#include <nlohmann/json.hpp>

#include <QtTest/QtTest>

#include "lscore/edit_state.h"
#include "lscore/engine.h"
#include "lscore/safetensors.h"
#include "lscore/text_model_file.h"
#include "lstrain/scene_code.h"
#include "lstrain/trainer.h"

namespace {

// A 32 px run small enough for CI: the shipped recipe's losses and code at a tenth of the width.
lstrain::TrainerOptions tinyOptions()
{
    lstrain::TrainerOptions options;
    options.resolution = 32;
    options.generatorChannelBase = 512;
    options.generatorChannelMax = 32;
    options.wDim = 32;
    options.mappingLayers = 2;
    options.batch = 8;
    options.seed = 7;
    options.emaKimg = 0.05;
    options.layerMixProb = 0.5;   // exercise the layer mix on most batches
    return options;
}

std::string tempPath(const QTemporaryDir& dir, const char* name)
{
    return (std::filesystem::path(dir.path().toStdString()) / name).string();
}

std::unique_ptr<lstrain::Trainer> makeTrainer(const lstrain::TrainerOptions& options)
{
    auto trainer = lstrain::Trainer::create(options);
    if (!trainer) qFatal("%s", trainer.error().c_str());
    return std::move(*trainer);
}

void runSteps(lstrain::Trainer& trainer, int steps)
{
    for (int i = 0; i < steps; ++i) {
        auto stats = trainer.step();
        QVERIFY2(stats.ok(), stats.ok() ? "" : stats.error().c_str());
        QVERIFY(std::isfinite(stats->loss) && stats->loss >= stats->pixelL1);
    }
}

} // namespace

class TestTrainer : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { torch::set_num_threads(1); }

    void shortRunLowersItsLoss()
    {
        auto trainer = makeTrainer(tinyOptions());
        double first = 0.0, last = 0.0, firstPixel = 0.0, lastPixel = 0.0;
        constexpr int kSteps = 60;
        for (int i = 0; i < kSteps; ++i) {
            auto stats = trainer->step();
            QVERIFY2(stats.ok(), stats.ok() ? "" : stats.error().c_str());
            if (i < 5) { first += stats->loss / 5; firstPixel += stats->pixelL1 / 5; }
            if (i >= kSteps - 5) { last += stats->loss / 5; lastPixel += stats->pixelL1 / 5; }
        }
        qInfo("loss %.3f -> %.3f, pixel L1 %.3f -> %.3f over %d steps", first, last, firstPixel, lastPixel, kSteps);
        QVERIFY(last < 0.8 * first);
        QVERIFY(lastPixel < firstPixel);
        QCOMPARE(trainer->stepCount(), kSteps);
        QCOMPARE(trainer->kimg(), kSteps * 8 / 1000.0);
    }

    void resumeIsBitwiseIdentical()
    {
        QTemporaryDir dir;
        const lstrain::TrainerOptions options = tinyOptions();
        auto uninterrupted = makeTrainer(options);
        runSteps(*uninterrupted, 5);

        auto first = makeTrainer(options);
        runSteps(*first, 3);
        const std::string checkpoint = tempPath(dir, "checkpoint.safetensors");
        const lscore::Status saved = first->saveCheckpoint(checkpoint);
        QVERIFY2(saved.ok(), saved.ok() ? "" : saved.error().c_str());
        first.reset();
        auto resumed = lstrain::Trainer::resume(checkpoint);
        QVERIFY2(resumed.ok(), resumed.ok() ? "" : resumed.error().c_str());
        QCOMPARE((*resumed)->stepCount(), 3);
        runSteps(**resumed, 2);

        QCOMPARE((*resumed)->kimg(), uninterrupted->kimg());
        const auto expected = uninterrupted->stateTensors();
        const auto actual = (*resumed)->stateTensors();
        QCOMPARE(actual.size(), expected.size());
        for (const auto& [name, tensor] : expected) {
            QVERIFY2(actual.count(name), name.c_str());
            QVERIFY2(torch::equal(actual.at(name), tensor), ("differs after resume: " + name).c_str());
        }
    }

    // The hybrid objective: D learns to tell G's early outputs from the exact renders (its logistic
    // loss falls below ln 4, the value at a draw) and G receives its term; with weight 0, D is left
    // untouched and the step is the regression alone.
    void sharpeningTrainsThePatchDiscriminator()
    {
        lstrain::TrainerOptions options = tinyOptions();
        auto trainer = makeTrainer(options);
        double discriminatorLate = 0.0, adversarialLate = 0.0;
        for (int i = 0; i < 40; ++i) {
            auto stats = trainer->step();
            QVERIFY2(stats.ok(), stats.ok() ? "" : stats.error().c_str());
            QVERIFY(std::isfinite(stats->discriminator) && stats->discriminator > 0.0);
            if (i >= 30) { discriminatorLate += stats->discriminator / 10; adversarialLate += stats->adversarial / 10; }
        }
        qInfo("D loss over the last 10 steps %.3f (ln 4 = 1.386), G adversarial %.3f", discriminatorLate, adversarialLate);
        QVERIFY(discriminatorLate < std::log(4.0));
        QVERIFY(adversarialLate > std::log(2.0));

        options.adversarialWeight = 0.0;
        auto plain = makeTrainer(options);
        const auto before = plain->stateTensors();
        runSteps(*plain, 3);
        const auto after = plain->stateTensors();
        for (const auto& [name, tensor] : before)
            if (name.rfind("D.", 0) == 0) QVERIFY2(torch::equal(after.at(name), tensor), name.c_str());
    }

    // A checkpoint written before the trainer had a discriminator (no D tensors, no D counters, no
    // sharpening options) resumes: D starts fresh and the options take their defaults.
    void resumesACheckpointFromBeforeSharpening()
    {
        QTemporaryDir dir;
        auto trainer = makeTrainer(tinyOptions());
        runSteps(*trainer, 2);
        const std::string full = tempPath(dir, "full.safetensors"), old = tempPath(dir, "old.safetensors");
        QVERIFY(trainer->saveCheckpoint(full).ok());
        auto file = lscore::readSafetensors(full);
        QVERIFY(file.ok());
        std::map<std::string, torch::Tensor> kept;
        for (const auto& [name, tensor] : file->tensors)
            if (name.rfind("D.", 0) != 0 && name.find(".D.") == std::string::npos) kept[name] = tensor;
        QVERIFY(kept.size() < file->tensors.size());
        nlohmann::json record = nlohmann::json::parse(file->metadata.at("trainer"));
        record.erase("discriminator_adam_steps");
        record.erase("discriminator_steps");
        for (const char* key : {"adversarial_weight", "discriminator_lr", "r1_gamma"}) record["options"].erase(key);
        QVERIFY(lscore::writeSafetensors(old, kept, {{"trainer", record.dump()}}).ok());

        auto resumed = lstrain::Trainer::resume(old);
        QVERIFY2(resumed.ok(), resumed.ok() ? "" : resumed.error().c_str());
        QCOMPARE((*resumed)->stepCount(), 2);
        QCOMPARE((*resumed)->options().adversarialWeight, lstrain::TrainerOptions{}.adversarialWeight);
        const auto restored = (*resumed)->stateTensors();
        QVERIFY(torch::equal(restored.at("G.mapping.fc0.weight"), file->tensors.at("G.mapping.fc0.weight")));
        runSteps(**resumed, 2);
    }

    // The compact checkpoint (what the repository keeps): bfloat16, about half the size, and a run
    // resumed from it carries on within bfloat16's precision.
    void compactCheckpointResumes()
    {
        QTemporaryDir dir;
        auto trainer = makeTrainer(tinyOptions());
        runSteps(*trainer, 3);
        const std::string full = tempPath(dir, "full.safetensors"), compact = tempPath(dir, "compact.safetensors");
        QVERIFY(trainer->saveCheckpoint(full).ok());
        QVERIFY(trainer->saveCheckpoint(compact, true).ok());
        const auto fullSize = std::filesystem::file_size(full), compactSize = std::filesystem::file_size(compact);
        QVERIFY2(compactSize < 0.6 * double(fullSize), qPrintable(QStringLiteral("%1 vs %2 bytes").arg(compactSize).arg(fullSize)));
        auto file = lscore::readSafetensors(compact);
        QVERIFY(file.ok());
        QCOMPARE(file->storedDtypes.at("G.mapping.fc0.weight"), lscore::StoredDtype::BF16);
        auto resumed = lstrain::Trainer::resume(compact);
        QVERIFY2(resumed.ok(), resumed.ok() ? "" : resumed.error().c_str());
        const auto original = trainer->stateTensors();
        for (const auto& [name, tensor] : (*resumed)->stateTensors())
            QVERIFY2(torch::allclose(tensor, original.at(name), 1e-2, 1e-30), name.c_str());
        runSteps(**resumed, 2);
    }

    // Options that define a run's networks or data stream are refused on resume when changed, with
    // a message naming the flag and the run's value; the same value, or a changeable option, passes.
    void resumeRefusesChangedFixedOptions_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("refusal");   // empty: accepted
        QTest::newRow("batch changed") << "batch" << 16.0 << "--batch cannot change on a resumed run (the run has 8, asked for 16)";
        QTest::newRow("resolution changed") << "resolution" << 64.0 << "--resolution cannot change";
        QTest::newRow("seed changed") << "seed" << 8.0 << "--seed cannot change";
        QTest::newRow("mapping changed") << "mapping_layers" << 4.0 << "--mapping-layers cannot change";
        QTest::newRow("batch repeated") << "batch" << 8.0 << "";
        QTest::newRow("learning rate") << "generator_lr" << 0.0005 << "";
        QTest::newRow("layer mix") << "layer_mix_prob" << 0.1 << "";
    }

    void resumeRefusesChangedFixedOptions()
    {
        QFETCH(QString, key);
        QFETCH(double, value);
        QFETCH(QString, refusal);
        QTemporaryDir dir;
        auto trainer = makeTrainer(tinyOptions());
        runSteps(*trainer, 1);
        const std::string checkpoint = tempPath(dir, "checkpoint.safetensors");
        QVERIFY(trainer->saveCheckpoint(checkpoint).ok());
        auto resumed = lstrain::Trainer::resume(checkpoint, "", {{key.toStdString(), value}});
        if (refusal.isEmpty()) {
            QVERIFY2(resumed.ok(), resumed.ok() ? "" : resumed.error().c_str());
            QCOMPARE((*resumed)->options().toJson().at(key.toStdString()).get<double>(), value);
            runSteps(**resumed, 1);
        } else {
            QVERIFY(!resumed.ok());
            QVERIFY2(QString::fromStdString(resumed.error()).contains(refusal), resumed.error().c_str());
        }
    }

    // The option table drives parsing: a value out of range or not a number is refused by flag and
    // range, and --help lists every option.
    void optionTableParsesAndRefuses()
    {
        lstrain::OptionValues values;
        QVERIFY(lstrain::parseOptionFlag("--lr", "0.001", values).ok());
        QCOMPARE(values.at("generator_lr"), 0.001);
        const lscore::Status outOfRange = lstrain::parseOptionFlag("--batch", "0", values);
        QVERIFY(!outOfRange.ok());
        QVERIFY2(outOfRange.error().find("--batch must be an integer from 1 to 4096, got 0") != std::string::npos,
                 outOfRange.error().c_str());
        QVERIFY(!lstrain::parseOptionFlag("--pyramid", "2.5", values).ok());
        QVERIFY(!lstrain::parseOptionFlag("--lr", "fast", values).ok());
        QVERIFY(!lstrain::parseOptionFlag("--no-such-flag", "1", values).ok());
        QVERIFY(!lstrain::parseOptionFlag("--lr", " 0.001", values).ok());
        QVERIFY(!lstrain::parseOptionFlag("--lr", "0x1p-3", values).ok());
        for (const lstrain::OptionSpec& spec : lstrain::trainerOptionTable()) {
            const std::string help = lstrain::describeOption(spec);
            QVERIFY2(help.find("default ") != std::string::npos && help.find(", range ") != std::string::npos, help.c_str());
        }
        // The checkpoint record round-trips, and one that lacks a key is refused by name.
        const lstrain::TrainerOptions options = tinyOptions();
        auto back = lstrain::TrainerOptions::fromJson(options.toJson());
        QVERIFY(back.ok());
        QCOMPARE(back->toJson(), options.toJson());
        nlohmann::json damaged = options.toJson();
        damaged.erase("batch");
        auto refused = lstrain::TrainerOptions::fromJson(damaged);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().find("\"batch\"") != std::string::npos, refused.error().c_str());
    }

    // The scene code says what was drawn (each open category is the largest coordinate of its block)
    // and is N(0, I) over Shapes World's sampling.
    void sceneCodeIsStandardNormalAndReadable()
    {
        std::vector<lstrain::WorldSample> samples;
        for (std::uint64_t i = 0; i < 6000; ++i) samples.push_back(lstrain::sampleScene(41, i));
        std::mt19937_64 rng(3);
        const torch::Tensor z = lstrain::sceneCodes(samples, 64, rng);
        QCOMPARE(z.sizes().vec(), (std::vector<int64_t>{6000, 64}));
        const torch::Tensor mean = z.mean(0), variance = z.var(0);
        QVERIFY2(mean.abs().max().item<double>() < 0.06, qPrintable(QString::number(mean.abs().max().item<double>())));
        QVERIFY2((variance - 1.0).abs().max().item<double>() < 0.08, qPrintable(QString::number((variance - 1.0).abs().max().item<double>())));
        int checked = 0;
        for (std::size_t i = 0; i < samples.size(); ++i) {
            const auto& sample = samples[i];
            if (sample.stated.shape) continue;
            QCOMPARE(z[static_cast<int64_t>(i)].narrow(0, 0, lstrain::kShapeCount).argmax().item<int64_t>(),
                     static_cast<int64_t>(sample.scene.object.shape));
            ++checked;
        }
        QVERIFY(checked > 500);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, lstrain::sceneCodes(samples, 40, rng));
    }

    void fitDiagnosticsReportPerShape()
    {
        QTemporaryDir dir;
        auto trainer = makeTrainer(tinyOptions());
        runSteps(*trainer, 2);
        const std::string grid = tempPath(dir, "fit.png");
        auto report = trainer->fitDiagnostics(3, 5, grid);
        QVERIFY2(report.ok(), report.ok() ? "" : report.error().c_str());
        for (int shape = 0; shape < lstrain::kShapeCount; ++shape) {
            const auto& figures = report->at("per_shape").at(lstrain::toString(static_cast<lstrain::Shape>(shape)));
            QCOMPARE(figures.at("scenes").get<int>(), 3);
            // A disc of the real area on the real centroid overlaps the real object (a ring least:
            // about 0.33, its hole against the disc's middle).
            QVERIFY2(figures.at("disc_aligned_iou").get<double>() > 0.25, figures.dump().c_str());
        }
        QVERIFY(std::filesystem::file_size(grid) > 1000);
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
        lstrain::TrainerOptions options = tinyOptions();
        options.device = device.toStdString();
        auto trainer = lstrain::Trainer::create(options);
        QVERIFY(!trainer.ok());
        QVERIFY2(QString::fromStdString(trainer.error()).contains(message), trainer.error().c_str());
    }

    void resumeRefusesANonCheckpoint()
    {
        QTemporaryDir dir;
        const std::string path = tempPath(dir, "not-a-checkpoint.safetensors");
        QVERIFY(lscore::writeSafetensors(path, {{"x", torch::zeros({2})}}, {}).ok());
        auto resumed = lstrain::Trainer::resume(path);
        QVERIFY(!resumed.ok());
        QVERIFY2(QString::fromStdString(resumed.error()).contains(QStringLiteral("not a training checkpoint")),
                 resumed.error().c_str());
        // A checkpoint of another format (the first Shapes World's) is named as such.
        QVERIFY(lscore::writeSafetensors(path, {{"x", torch::zeros({2})}},
                                         {{"trainer", R"({"format":"latent-studio-gan-checkpoint","version":1})"}}).ok());
        resumed = lstrain::Trainer::resume(path);
        QVERIFY(!resumed.ok());
        QVERIFY2(QString::fromStdString(resumed.error()).contains(QStringLiteral("not a Shapes World v2 training checkpoint")),
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
        blue.promptA = blue.promptB = "a small blue star on a white background";
        blue.seedA = red.seedA = 3;
        std::vector<lscore::EditState> states{red, blue};
        auto frames = (*engine)->render(states);
        QVERIFY2(frames.ok(), frames.ok() ? "" : frames.error().c_str());
        QCOMPARE(frames->size(), std::size_t(2));
        QCOMPARE(frames->front().width, 32);
        QVERIFY2(frames->at(0).rgb != frames->at(1).rgb, "two prompts rendered the same picture");
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
        const lstrain::TrainerOptions options = tinyOptions();
        lscore::Generator generator(options.generatorConfig());
        lscore::TextEncoder encoder(options.textEncoderConfig());
        lscore::StyleGan2Config other = options.generatorConfig();
        other.w_dim = 64;
        const auto description = lscore::describeTextModel(other, options.textEncoderConfig(), {"a", "b"}, "x", {}, "CC0-1.0");
        const std::string path = tempPath(dir, "model.safetensors");
        const lscore::Status status = lscore::writeTextModel(path, generator, encoder, description);
        QVERIFY(!status.ok());
        QVERIFY(!std::filesystem::exists(path));
    }

};

QTEST_GUILESS_MAIN(TestTrainer)
#include "test_trainer.moc"
