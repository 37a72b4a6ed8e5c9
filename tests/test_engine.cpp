// Engine: the edit semantics as a user sees them in pixels, determinism, cancel and bad input.
// Uses the NVlabs reference fixtures (an unconditional 32 px and a 4-class 64 px generator).
#include <QtTest/QtTest>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdlib>
#include <fstream>

#include "lscore/engine.h"

using lscore::EditState;
using lscore::Engine;
using lscore::Image;

namespace {

const std::string kUncond = LSTUDIO_TEST_DATA "/stylegan2-uncond-32.safetensors";
const std::string kCond = LSTUDIO_TEST_DATA "/stylegan2-cond-64.safetensors";

std::unique_ptr<Engine> openOrFail(const std::string& path)
{
    auto engine = Engine::open(path);
    if (!engine) qFatal("cannot open %s: %s", path.c_str(), engine.error().c_str());
    return std::move(*engine);
}

Image renderOne(Engine& engine, const EditState& state)
{
    auto images = engine.render(std::span<const EditState>(&state, 1));
    if (!images) qFatal("render failed: %s", images.error().c_str());
    return images->front();
}

double meanAbsDiff(const Image& a, const Image& b)
{
    double sum = 0;
    for (std::size_t i = 0; i < a.rgb.size(); ++i) sum += std::abs(int(a.rgb[i]) - int(b.rgb[i]));
    return sum / double(a.rgb.size());
}

int maxAbsDiff(const Image& a, const Image& b)
{
    int worst = 0;
    for (std::size_t i = 0; i < a.rgb.size(); ++i) worst = std::max(worst, std::abs(int(a.rgb[i]) - int(b.rgb[i])));
    return worst;
}

} // namespace

class TestEngine : public QObject {
    Q_OBJECT
private slots:
    void opensFixturesAndDescribesThem()
    {
        auto engine = openOrFail(kCond);
        const auto& d = engine->description();
        QCOMPARE(d.resolution, 64);
        QCOMPARE(d.numWs, 10);
        QCOMPARE(int(d.layers.size()), 10);
        QVERIFY(d.conditioning.type == lscore::ConditioningType::Class);
        QCOMPARE(engine->modelHash().size(), std::size_t(64));
        const Image image = renderOne(*engine, EditState{});
        QCOMPARE(image.width, 64);
        QCOMPARE(image.height, 64);
        QCOMPARE(image.rgb.size(), std::size_t(64 * 64 * 3));
    }

    void sameRequestGivesIdenticalPixels()
    {
        auto engine = openOrFail(kUncond);
        EditState s;
        s.seedA = 11;
        s.seedB = 12;
        s.latentT = 0.37;
        s.truncationPsi = 0.8;
        const Image first = renderOne(*engine, s);
        const Image second = renderOne(*engine, s);
        QVERIFY(first == second);
        // Reopening the model (fresh caches) gives the same pixels too.
        auto other = openOrFail(kUncond);
        QVERIFY(renderOne(*other, s) == first);
    }

    void batchEqualsSingleRenders()
    {
        auto engine = openOrFail(kCond);
        std::vector<EditState> states(5);
        for (int i = 0; i < 5; ++i) {
            states[i].seedA = std::uint32_t(100 + i);
            states[i].classA = i % 4;
            states[i].classB = (i + 1) % 4;
            states[i].promptT = 0.2 * i;
        }
        auto batch = engine->render(states);
        QVERIFY(batch.ok());
        QCOMPARE(int(batch->size()), 5);
        // The documented contract (lscore/engine.h): within one level on at most 0.5 % of the pixels.
        for (int i = 0; i < 5; ++i) {
            const lscore::Image single = renderOne(*engine, states[i]);
            const lscore::Image& batched = (*batch)[static_cast<std::size_t>(i)];
            QCOMPARE(batched.width, single.width);
            int largest = 0;
            std::size_t differing = 0;
            for (std::size_t k = 0; k < single.rgb.size(); k += 3) {
                int pixel = 0;
                for (std::size_t c = 0; c < 3; ++c) pixel = std::max(pixel, std::abs(int(batched.rgb[k + c]) - int(single.rgb[k + c])));
                largest = std::max(largest, pixel);
                differing += pixel > 0 ? 1 : 0;
            }
            QVERIFY2(largest <= 1, qPrintable(QStringLiteral("state %1 differs by %2 levels").arg(i).arg(largest)));
            QVERIFY2(double(differing) <= 0.005 * double(single.rgb.size() / 3),
                     qPrintable(QStringLiteral("state %1: %2 pixels differ").arg(i).arg(differing)));
        }
    }

    void pureStyleMixIsExactlyTheOtherSeed()
    {
        auto engine = openOrFail(kUncond);
        const int numWs = engine->description().numWs;
        EditState mixed;
        mixed.seedA = 3;
        mixed.seedB = 9;
        mixed.styleMix.assign(std::size_t(numWs), 1.0);
        EditState pureB;
        pureB.seedA = 9;
        pureB.seedB = 9;
        QVERIFY(renderOne(*engine, mixed) == renderOne(*engine, pureB));

        EditState zeroMix = mixed;
        zeroMix.styleMix.assign(std::size_t(numWs), 0.0);
        EditState pureA;
        pureA.seedA = 3;
        pureA.seedB = 9;
        QVERIFY(renderOne(*engine, zeroMix) == renderOne(*engine, pureA));

        EditState endOfWalk;
        endOfWalk.seedA = 3;
        endOfWalk.seedB = 9;
        endOfWalk.latentT = 1.0;
        QVERIFY(renderOne(*engine, endOfWalk) == renderOne(*engine, pureB));
    }

    void coarseMixChangesImageButKeepsFineFromA()
    {
        auto engine = openOrFail(kUncond);
        const int numWs = engine->description().numWs;
        EditState a;
        a.seedA = 3;
        a.seedB = 9;
        EditState coarse = a;
        coarse.styleMix = lscore::crossoverWeights(numWs, 4, /*fineFromB=*/false);
        const Image imgA = renderOne(*engine, a);
        const Image imgMix = renderOne(*engine, coarse);
        QVERIFY(meanAbsDiff(imgA, imgMix) > 0.5);
    }

    // A fine-layer style mix in the live view reuses the unchanged leading blocks of the frame
    // before and gives the pixels of a fresh engine's full render.
    void fineEditReusesLeadingBlocksWithFullPassPixels()
    {
        auto engine = openOrFail(kUncond);
        auto fresh = openOrFail(kUncond);
        const int numWs = engine->description().numWs;
        EditState a;
        a.seedA = 3;
        a.seedB = 9;
        lscore::RenderStats stats;
        lscore::RenderOptions live;
        live.resumeFromPreviousFrame = true;
        QVERIFY(engine->render(std::span<const EditState>(&a, 1), &stats, live));
        QCOMPARE(stats.blocksReused, 0);
        EditState fine = a;
        fine.styleMix = lscore::crossoverWeights(numWs, numWs - 2, /*fineFromB=*/true);
        // A render without the option (a thumbnail) neither uses nor disturbs the live frame's cache.
        QVERIFY(engine->render(std::span<const EditState>(&fine, 1), &stats));
        QCOMPARE(stats.blocksReused, 0);
        auto images = engine->render(std::span<const EditState>(&fine, 1), &stats, live);
        QVERIFY(images);
        QVERIFY(stats.blocksReused > 0);
        QVERIFY(images->front() == renderOne(*fresh, fine));
        EditState coarse = a;
        coarse.styleMix = lscore::crossoverWeights(numWs, 1, /*fineFromB=*/true);
        QVERIFY(engine->render(std::span<const EditState>(&coarse, 1), &stats, live));
        QCOMPARE(stats.blocksReused, 0);
    }

    void pureClassMixIsExactlyTheOtherClass()
    {
        auto engine = openOrFail(kCond);
        const int numWs = engine->description().numWs;
        EditState mixed;
        mixed.classA = 0;
        mixed.classB = 2;
        mixed.promptMix.assign(std::size_t(numWs), 1.0);
        EditState pureB;
        pureB.classA = 2;
        pureB.classB = 2;
        QVERIFY(renderOne(*engine, mixed) == renderOne(*engine, pureB));
        EditState endOfMorph;
        endOfMorph.classA = 0;
        endOfMorph.classB = 2;
        endOfMorph.promptT = 1.0;
        QVERIFY(renderOne(*engine, endOfMorph) == renderOne(*engine, pureB));
    }

    void swappingAAndBMirrorsT()
    {
        auto engine = openOrFail(kCond);
        for (double t : {0.0, 0.3, 0.5, 1.0}) {
            EditState s;
            s.classA = 1;
            s.classB = 3;
            s.seedA = 5;
            s.seedB = 6;
            s.promptT = t;
            s.latentT = t;
            EditState swapped = s;
            std::swap(swapped.classA, swapped.classB);
            std::swap(swapped.seedA, swapped.seedB);
            swapped.promptT = 1.0 - t;
            swapped.latentT = 1.0 - t;
            QVERIFY2(maxAbsDiff(renderOne(*engine, s), renderOne(*engine, swapped)) <= 2,
                     qPrintable(QStringLiteral("t = %1").arg(t)));
        }
    }

    void interpolationIsContinuous()
    {
        auto engine = openOrFail(kCond);
        std::vector<EditState> path(33);
        for (int i = 0; i <= 32; ++i) {
            path[i].classA = 0;
            path[i].classB = 3;
            path[i].seedA = 21;
            path[i].seedB = 22;
            path[i].promptT = i / 32.0;
            path[i].latentT = i / 32.0;
        }
        auto images = engine->render(path);
        QVERIFY(images.ok());
        const double whole = meanAbsDiff(images->front(), images->back());
        QVERIFY(whole > 1.0);
        double worstStep = 0;
        for (int i = 0; i < 32; ++i) worstStep = std::max(worstStep, meanAbsDiff((*images)[i], (*images)[i + 1]));
        // A smooth path moves in small steps: no single step carries a large share of the change.
        QVERIFY2(worstStep < 0.25 * whole, qPrintable(QStringLiteral("worst step %1 of %2").arg(worstStep).arg(whole)));
    }

    void truncationPullsTowardTheAverage()
    {
        auto engine = openOrFail(kUncond);
        EditState s;
        s.seedA = 77;
        EditState flat = s;
        flat.truncationPsi = 0.0;
        EditState flatOther = flat;
        flatOther.seedA = 78;
        // ψ = 0 puts every seed on the average w: the images no longer depend on the seed.
        QVERIFY(renderOne(*engine, flat) == renderOne(*engine, flatOther));
        QVERIFY(!(renderOne(*engine, s) == renderOne(*engine, flat)));
    }

    void randomNoiseIsSeededAndBatchIndependent()
    {
        auto engine = openOrFail(kUncond);
        EditState s;
        s.noiseMode = lscore::EditNoiseMode::Random;
        s.noiseSeed = 5;
        const Image a = renderOne(*engine, s);
        QVERIFY(renderOne(*engine, s) == a);
        EditState other = s;
        other.noiseSeed = 6;
        QVERIFY(!(renderOne(*engine, other) == a));
        std::vector<EditState> batch{other, s};
        auto images = engine->render(batch);
        QVERIFY(images.ok());
        QVERIFY((*images)[1] == a);
    }

    void snapshotsTakeClassNamesFromASideFile()
    {
        // An NVlabs .pkl has no class names; "<stem>.classes.txt" beside it names them. A side file
        // whose count does not match the model is ignored (the studio falls back to "class N").
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString pkl = dir.filePath(QStringLiteral("animals.pkl"));
        QVERIFY(QFile::copy(QStringLiteral(LSTUDIO_TEST_DATA "/stylegan2-cond-64.pkl"), pkl));
        {
            auto engine = openOrFail(pkl.toStdString());
            QVERIFY(engine->description().conditioning.classNames.empty());
        }
        QFile names(dir.filePath(QStringLiteral("animals.classes.txt")));
        QVERIFY(names.open(QIODevice::WriteOnly));
        names.write("cat\n dog \n\nbird\nfish\n");
        names.close();
        {
            auto engine = openOrFail(pkl.toStdString());
            const std::vector<std::string> expected{"cat", "dog", "bird", "fish"};
            QCOMPARE(engine->description().conditioning.classNames, expected);
        }
        QVERIFY(names.open(QIODevice::WriteOnly | QIODevice::Truncate));
        names.write("cat\ndog\n");
        names.close();
        auto engine = openOrFail(pkl.toStdString());
        QVERIFY(engine->description().conditioning.classNames.empty());
    }

    void badRequestsGiveClearErrors()
    {
        auto engine = openOrFail(kCond);
        EditState s;
        s.classA = 9;
        auto result = engine->render(std::span<const EditState>(&s, 1));
        QVERIFY(!result.ok());
        QVERIFY2(QString::fromStdString(result.error()).contains(QStringLiteral("4 classes")), result.error().c_str());
        QVERIFY(engine->render({}).ok());
    }

    void badModelFilesAreRefused_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("phrase");
        QTest::newRow("empty file") << QByteArray() << "model.safetensors";
        QTest::newRow("text file") << QByteArray("hello, I am not a model\n") << "model.safetensors";
        QByteArray noDescription;
        const std::string header = R"({"__metadata__":{"a":"b"}})";
        std::uint64_t n = header.size();
        noDescription.append(reinterpret_cast<const char*>(&n), 8);
        noDescription.append(header.c_str());
        QTest::newRow("no description") << noDescription << "no model description";
        // 228 bytes whose description claims a 1024 px generator: refused before the network (about
        // 30 M parameters) is built.
        QByteArray noTensors;
        const nlohmann::json kwargs = {{"z_dim", 512}, {"c_dim", 0}, {"w_dim", 512}, {"img_resolution", 1024}, {"img_channels", 3}};
        const std::string claim = nlohmann::json{{"__metadata__", {{"init_kwargs", kwargs.dump()}}}}.dump();
        std::uint64_t m = claim.size();
        noTensors.append(reinterpret_cast<const char*>(&m), 8);
        noTensors.append(claim.c_str());
        QTest::newRow("description without tensors") << noTensors << "holds no tensors";
        // The same claim over one 4-weight tensor: refused by counting, before ~30 M weights are built.
        QByteArray fewTensors;
        const std::string fewHeader = nlohmann::json{
            {"__metadata__", {{"init_kwargs", kwargs.dump()}}},
            {"mapping.fc0.bias", {{"dtype", "F32"}, {"shape", {4}}, {"data_offsets", {0, 16}}}}}.dump();
        std::uint64_t f = fewHeader.size();
        fewTensors.append(reinterpret_cast<const char*>(&f), 8);
        fewTensors.append(fewHeader.c_str());
        fewTensors.append(QByteArray(16, '\0'));
        QTest::newRow("description claims more weights than stored") << fewTensors << "holds only 4";
    }

    // A cancel flag set (from another thread, as the studio's Cancel button does) stops an open:
    // it returns kOpenCancelled and no engine; the same options without the flag open the model.
    void openingCanBeCancelled()
    {
        std::atomic_bool cancel{true};
        lscore::EngineOptions options;
        options.cancel = &cancel;
        for (const std::string& path : {kUncond, kCond, std::string(LSTUDIO_TEST_DATA "/stylegan2-cond-64.pkl")}) {
            auto engine = Engine::open(path, options);
            QVERIFY(!engine.ok());
            QCOMPARE(QString::fromStdString(engine.error()), QString::fromUtf8(lscore::kOpenCancelled.data(), static_cast<qsizetype>(lscore::kOpenCancelled.size())));
        }
        cancel = false;
        QVERIFY(Engine::open(kUncond, options).ok());
    }
    void badModelFilesAreRefused()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, phrase);
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("model.safetensors")).toStdString();
        std::ofstream(path, std::ios::binary).write(bytes.constData(), bytes.size());
        auto engine = Engine::open(path);
        QVERIFY(!engine.ok());
        QVERIFY2(QString::fromStdString(engine.error()).contains(phrase), engine.error().c_str());
    }

    void missingFileAndFolderAndDevice()
    {
        auto missing = Engine::open("/nonexistent/model.safetensors");
        QVERIFY(!missing.ok());
        QVERIFY(QString::fromStdString(missing.error()).contains(QStringLiteral("no such file")));
        QTemporaryDir dir;
        auto folder = Engine::open(dir.path().toStdString());
        QVERIFY(!folder.ok());
        lscore::EngineOptions options;
        options.device = "tpu:7";
        auto device = Engine::open(kUncond, options);
        QVERIFY(!device.ok());
        QVERIFY(QString::fromStdString(device.error()).contains(QStringLiteral("device")));
    }

    void cancelStopsTheRenderInFlightOnly()
    {
        auto engine = openOrFail(kCond);
        std::vector<EditState> many(64);
        std::atomic_bool done{false};
        std::thread canceller([&] {
            while (!done.load()) {
                engine->requestCancel();
                std::this_thread::sleep_for(std::chrono::microseconds(200));
            }
        });
        auto result = engine->render(many);
        done.store(true);
        canceller.join();
        QVERIFY(!result.ok());
        QCOMPARE(result.error(), std::string("cancelled"));
        // The next render is not affected by the earlier cancel.
        QVERIFY(engine->render(std::span<const EditState>(many.data(), 1)).ok());
    }
};

QTEST_GUILESS_MAIN(TestEngine)
#include "test_engine.moc"
