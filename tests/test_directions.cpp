// Directions in W (SeFa, GANSpace, two states), their layer ranges and composition, the layer view,
// and the live-control addresses: lscore/directions.h, lscore/engine.h, lscore/state_addresses.h.
#include <QtTest/QtTest>
#include <torch/torch.h>

#include <atomic>
#include <filesystem>

#include "lscore/directions.h"
#include "lscore/engine.h"
#include "lscore/keyframe_path.h"
#include "lscore/safetensors.h"
#include "lscore/state_addresses.h"

namespace {

const std::string kData = LSTUDIO_TEST_DATA;
const std::string kModel = kData + "/stylegan2-uncond-32.safetensors";   // w 64, 8 ws, skip, 4 blocks
const std::string kStyleGan3 = kData + "/stylegan3-t-32.safetensors";
const std::string kBigGan = kData + "/biggan-deep-tiny.safetensors";

std::unique_ptr<lscore::Engine> open(const std::string& path)
{
    auto engine = lscore::Engine::open(path);
    if (!engine) qFatal("%s", engine.error().c_str());
    return std::move(engine).value();
}

lscore::Image renderOne(lscore::Engine& engine, const lscore::EditState& state, lscore::RenderStats* stats = nullptr,
                        const lscore::RenderOptions& options = {})
{
    auto frames = engine.render(std::span<const lscore::EditState>(&state, 1), stats, options);
    if (!frames) qFatal("%s", frames.error().c_str());
    return frames->front();
}

int largestDifference(const lscore::Image& a, const lscore::Image& b)
{
    int largest = 0;
    for (std::size_t i = 0; i < a.rgb.size(); ++i) largest = std::max(largest, std::abs(int(a.rgb[i]) - int(b.rgb[i])));
    return largest;
}

torch::Tensor asColumns(const lscore::DirectionSet& set)
{
    std::vector<torch::Tensor> columns;
    for (const auto& found : set.directions) columns.push_back(torch::tensor(found.edit.vector, torch::kFloat64));
    return torch::stack(columns, 1);   // [w_dim, K]
}

// SeFa's A written out from the file's own tensors: the conv layers' affine weights × 1/√w_dim.
torch::Tensor affineStack(const std::vector<std::string>& layers)
{
    auto file = lscore::readSafetensors(kModel);
    if (!file) qFatal("%s", file.error().c_str());
    std::vector<torch::Tensor> rows;
    for (const std::string& layer : layers) rows.push_back(file->tensors.at("synthesis." + layer + ".affine.weight").to(torch::kFloat64));
    return torch::cat(rows, 0) / std::sqrt(64.0);
}

lscore::DirectionEdit direction(const std::vector<float>& vector, double amount, int first, int end)
{
    lscore::DirectionEdit d;
    d.name = "test";
    d.source = "test";
    d.vector = vector;
    d.sigma = 1.0;
    d.amount = amount;
    d.firstLayer = first;
    d.endLayer = end;
    return d;
}

std::vector<float> unitVector(int size, int seed)
{
    torch::manual_seed(seed);
    const auto v = torch::randn({size}, torch::kFloat64);
    const auto u = (v / v.norm()).to(torch::kFloat32).contiguous();
    return {u.data_ptr<float>(), u.data_ptr<float>() + size};
}

} // namespace

class TestDirections : public QObject {
    Q_OBJECT
private slots:
    void sefaDirectionsAreEigenvectorsOfTheStackedAffines_data();
    void sefaDirectionsAreEigenvectorsOfTheStackedAffines();
    void ganSpaceIsThePcaOfMappedW();
    void ganSpaceReportsProgressAndCancels();
    void searchesRefuseWhatCannotBeFound();
    void zeroAmountIsBitExact();
    void layerRangeTouchesOnlyItsLayers();
    void vectorArithmeticComposesWithStyleMixing();
    void directionsTravelInStatesAndFiles();
    void malformedDirectionsAreRefused_data();
    void malformedDirectionsAreRefused();
    void keyframesGlideDirectionAmounts();
    void layerRanges();
    void layerViewShowsTheRequestedLayer();
    void bigGanRefusesDirections();
    void stateAddressesSetEveryField_data();
    void stateAddressesSetEveryField();
    void stateAddressesRefuseBadMessages_data();
    void stateAddressesRefuseBadMessages();
};

void TestDirections::sefaDirectionsAreEigenvectorsOfTheStackedAffines_data()
{
    QTest::addColumn<int>("first");
    QTest::addColumn<int>("end");
    QTest::addColumn<QByteArrayList>("layers");
    QTest::newRow("all") << 0 << -1
                         << QByteArrayList{"b4.conv1", "b8.conv0", "b8.conv1", "b16.conv0", "b16.conv1", "b32.conv0", "b32.conv1"};
    QTest::newRow("coarse 0:3") << 0 << 3 << QByteArrayList{"b4.conv1", "b8.conv0", "b8.conv1"};
    QTest::newRow("one layer 6") << 6 << 7 << QByteArrayList{"b32.conv1"};
    // w index 7 feeds only the last ToRGB, which SeFa leaves out: 5: reads conv0 and conv1 of b32.
    QTest::newRow("fine 5:") << 5 << -1 << QByteArrayList{"b32.conv0", "b32.conv1"};
}

void TestDirections::sefaDirectionsAreEigenvectorsOfTheStackedAffines()
{
    QFETCH(int, first);
    QFETCH(int, end);
    QFETCH(QByteArrayList, layers);
    auto engine = open(kModel);
    lscore::DirectionSearch search;
    search.firstLayer = first;
    search.endLayer = end;
    search.count = 6;
    auto set = engine->findDirections(search);
    QVERIFY2(set, set ? "" : set.error().c_str());
    QCOMPARE(int(set->directions.size()), 6);
    QCOMPARE(set->wDim, 64);
    QCOMPARE(set->modelHash, engine->modelHash());

    std::vector<std::string> names;
    for (const QByteArray& layer : layers) names.push_back(layer.toStdString());
    const torch::Tensor a = affineStack(names);
    const torch::Tensor gram = a.t().mm(a);
    // The plain decomposition to compare with: every eigenvalue of AᵀA, largest first.
    const torch::Tensor expected = std::get<0>(torch::linalg::eigh(gram, "L")).flip({0});
    const double largest = expected[0].item<double>();
    const torch::Tensor v = asColumns(*set);
    QVERIFY(torch::allclose(v.t().mm(v), torch::eye(6, torch::kFloat64), 0, 1e-5));   // orthonormal
    for (int k = 0; k < 6; ++k) {
        const double lambda = set->directions[static_cast<std::size_t>(k)].score;
        QVERIFY2(std::abs(lambda - expected[k].item<double>()) <= 1e-6 * largest, qPrintable(QString::number(k)));
        // A v = λ v: the direction is an eigenvector of the matrix the file's weights make.
        const torch::Tensor residual = gram.mv(v.select(1, k)) - lambda * v.select(1, k);
        QVERIFY2(residual.norm().item<double>() <= 1e-5 * largest, qPrintable(QString::number(residual.norm().item<double>())));
        if (k > 0) QVERIFY(lambda <= set->directions[static_cast<std::size_t>(k - 1)].score);
        const auto& edit = set->directions[static_cast<std::size_t>(k)].edit;
        QCOMPARE(edit.firstLayer, first);
        QCOMPARE(edit.endLayer, end);
        QCOMPARE(edit.amount, 0.0);
        QVERIFY(edit.sigma > 0.0);
        // The sign rule: the largest entry is positive.
        const auto column = v.select(1, k);
        QVERIFY(column[column.abs().argmax().item<std::int64_t>()].item<double>() > 0.0);
    }
}

void TestDirections::ganSpaceIsThePcaOfMappedW()
{
    auto engine = open(kModel);
    lscore::DirectionSearch search;
    search.method = lscore::DirectionMethod::GanSpace;
    search.count = 5;
    search.samples = 3000;
    auto set = engine->findDirections(search);
    QVERIFY2(set, set ? "" : set.error().c_str());
    QCOMPARE(set->samples, 3000);
    const torch::Tensor v = asColumns(*set);
    QVERIFY(torch::allclose(v.t().mm(v), torch::eye(5, torch::kFloat64), 0, 1e-5));
    double total = 0.0;
    for (std::size_t k = 0; k < set->directions.size(); ++k) {
        const double share = set->directions[k].score;
        QVERIFY(share > 0.0 && share < 1.0);
        if (k > 0) QVERIFY(share <= set->directions[k - 1].score);
        total += share;
    }
    QVERIFY(total <= 1.0 + 1e-9);
    // σ is the spread of w along each axis: largest first, like the variances.
    for (std::size_t k = 1; k < set->directions.size(); ++k)
        QVERIFY(set->directions[k].edit.sigma <= set->directions[k - 1].edit.sigma);
    // Repeated anywhere, the same search gives the same directions.
    auto again = engine->findDirections(search);
    QVERIFY(again);
    for (std::size_t k = 0; k < set->directions.size(); ++k) {
        QCOMPARE(again->directions[k].edit.vector, set->directions[k].edit.vector);
        QCOMPARE(again->directions[k].edit.sigma, set->directions[k].edit.sigma);
    }
}

void TestDirections::ganSpaceReportsProgressAndCancels()
{
    auto engine = open(kModel);
    lscore::DirectionSearch search;
    search.method = lscore::DirectionMethod::GanSpace;
    search.count = 3;
    search.samples = 2500;
    std::vector<double> reported;
    search.progress = [&](double fraction) { reported.push_back(fraction); };
    QVERIFY(engine->findDirections(search));
    QCOMPARE(int(reported.size()), 3);   // batches of 1,000
    QCOMPARE(reported.back(), 1.0);
    QVERIFY(std::is_sorted(reported.begin(), reported.end()));

    std::atomic_bool cancel{false};
    search.cancel = &cancel;
    search.progress = [&](double) { cancel = true; };   // the user presses Cancel after the first batch
    auto cancelled = engine->findDirections(search);
    QVERIFY(!cancelled);
    QCOMPARE(QString::fromStdString(cancelled.error()), QStringLiteral("cancelled"));
}

void TestDirections::searchesRefuseWhatCannotBeFound()
{
    auto engine = open(kModel);
    lscore::DirectionSearch search;
    search.count = 65;
    QVERIFY(!engine->findDirections(search));   // more than w_dim
    search.count = 4;
    search.firstLayer = 8;
    QVERIFY(!engine->findDirections(search));   // past the last w index
    search.firstLayer = 7;
    auto torgbOnly = engine->findDirections(search);   // only the last ToRGB reads w index 7
    QVERIFY(!torgbOnly);
    QVERIFY(torgbOnly.error().find("choose a wider range") != std::string::npos);
    search.firstLayer = 0;
    search.method = lscore::DirectionMethod::GanSpace;
    search.samples = 5;
    QVERIFY(!engine->findDirections(search));   // fewer samples than 2 × count
}

void TestDirections::zeroAmountIsBitExact()
{
    auto engine = open(kModel);
    lscore::EditState plain;
    plain.seedA = 7;
    plain.truncationPsi = 0.7;
    lscore::EditState listed = plain;
    listed.directions = {direction(unitVector(64, 1), 0.0, 0, -1), direction(unitVector(64, 2), 0.0, 2, 5)};
    QCOMPARE(renderOne(*engine, listed).rgb, renderOne(*engine, plain).rgb);
    listed.directions[1].amount = 3.0;
    QVERIFY(renderOne(*engine, listed).rgb != renderOne(*engine, plain).rgb);
}

void TestDirections::layerRangeTouchesOnlyItsLayers()
{
    // The leading-layer cache compares styles bit for bit: a frame that resumes after block k proves
    // that every style row before it is exactly the previous frame's.
    auto engine = open(kModel);
    lscore::RenderOptions live;
    live.resumeFromPreviousFrame = true;
    lscore::EditState state;
    state.seedA = 3;
    state.directions = {direction(unitVector(64, 5), 0.0, 6, -1)};
    lscore::RenderStats stats;
    const lscore::Image before = renderOne(*engine, state, &stats, live);
    // w index 6 is read by b32 alone (b16 reads 3, 4 and 5): three blocks come from the cache.
    state.directions[0].amount = 2.5;
    const lscore::Image after = renderOne(*engine, state, &stats, live);
    QCOMPARE(stats.blocksReused, 3);
    QVERIFY(after.rgb != before.rgb);
    // And the resumed frame has the full pass's pixels.
    QCOMPARE(after.rgb, renderOne(*engine, state).rgb);
    // From w index 3 on, b8 is the first block reached (its ToRGB shares w index 3 with b16's
    // conv0): b4 alone is reused.
    state.directions[0].firstLayer = 3;
    renderOne(*engine, state, &stats, live);
    QCOMPARE(stats.blocksReused, 1);
    // A range over every layer reaches b4.
    state.directions[0].firstLayer = 0;
    renderOne(*engine, state, &stats, live);
    QCOMPARE(stats.blocksReused, 0);
}

void TestDirections::vectorArithmeticComposesWithStyleMixing()
{
    auto engine = open(kModel);
    lscore::EditState seedA;
    seedA.seedA = 11;
    seedA.seedB = 12;
    lscore::EditState seedB = seedA;
    seedB.seedA = 12;
    auto difference = engine->directionBetween(seedA, seedB, "11 → 12");
    QVERIFY2(difference, difference ? "" : difference.error().c_str());
    QCOMPARE(difference->source, std::string("difference"));
    QVERIFY(difference->sigma > 0.0);
    const lscore::Image targetB = renderOne(*engine, seedB);

    // Amount 1 adds exactly w(B) − w(A): seed A moved all the way is seed B (float rounding aside).
    lscore::EditState moved = seedA;
    moved.directions = {*difference};
    moved.directions[0].amount = 1.0;
    QVERIFY(largestDifference(renderOne(*engine, moved), targetB) <= 2);

    // The move adds after style mixing: fine layers (4 on) already from seed B, the coarse ones moved
    // A → B, so every layer holds w(B).
    lscore::EditState mixed = seedA;
    mixed.styleMix = lscore::crossoverWeights(8, 4);
    mixed.directions = {*difference};
    mixed.directions[0].amount = 1.0;
    mixed.directions[0].endLayer = 4;
    QVERIFY(largestDifference(renderOne(*engine, mixed), targetB) <= 2);
    // ... and it moves the coarse layers only: without the mix, the fine layers stay seed A's.
    mixed.styleMix.clear();
    QVERIFY(largestDifference(renderOne(*engine, mixed), targetB) > 2);

    // Truncation happens before the move: ψ does not shrink it.
    lscore::EditState truncated = moved;
    truncated.truncationPsi = 0.5;
    lscore::EditState truncatedA = seedA;
    truncatedA.truncationPsi = 0.5;
    QVERIFY(largestDifference(renderOne(*engine, truncated), renderOne(*engine, truncatedA)) > 2);

    auto same = engine->directionBetween(seedA, seedA, "none");
    QVERIFY(!same);
}

void TestDirections::directionsTravelInStatesAndFiles()
{
    lscore::EditState state;
    state.directions = {direction(unitVector(64, 9), -1.25, 2, 6), direction(unitVector(64, 10), 3.0, 0, -1)};
    state.directions[0].sigma = 0.37;
    state.directions[0].name = "smile ☺";
    auto back = lscore::EditState::fromJson(nlohmann::json::parse(state.toJson().dump()));
    QVERIFY2(back, back ? "" : back.error().c_str());
    QVERIFY(*back == state);   // float vectors survive JSON exactly
    QVERIFY(!lscore::EditState().toJson().contains("directions"));

    lscore::DirectionSet set;
    set.modelHash = std::string(64, 'a');
    set.wDim = 64;
    set.method = "sefa";
    for (const auto& d : state.directions) set.directions.push_back({d, 2.5});
    const std::string path = QDir::temp().filePath(QStringLiteral("ls-directions-test.json")).toStdString();
    QVERIFY(lscore::saveDirections(set, path));
    auto loaded = lscore::loadDirections(path, set.modelHash, 64);
    QVERIFY2(loaded, loaded ? "" : loaded.error().c_str());
    QCOMPARE(loaded->directions.size(), set.directions.size());
    QVERIFY(loaded->directions[0].edit == set.directions[0].edit);
    QCOMPARE(loaded->directions[1].score, 2.5);
    auto otherModel = lscore::loadDirections(path, std::string(64, 'b'), 64);
    QVERIFY(!otherModel);
    QVERIFY(otherModel.error().find("another model") != std::string::npos);
    QVERIFY(!lscore::loadDirections(path, set.modelHash, 512));
    std::filesystem::remove(path);
    QVERIFY(!lscore::loadDirections(path));
    QVERIFY(!lscore::saveDirections(set, "/nonexistent-folder/d.json"));

    // A direction of another w size is refused by the engine with a message, never applied.
    auto engine = open(kModel);
    lscore::EditState wrong;
    wrong.directions = {direction(unitVector(32, 1), 1.0, 0, -1)};
    auto frames = engine->render(std::span<const lscore::EditState>(&wrong, 1));
    QVERIFY(!frames);
    QVERIFY(frames.error().find("this model's w has 64") != std::string::npos);
}

void TestDirections::malformedDirectionsAreRefused_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("not a list") << QByteArray(R"({"directions": 3})");
    QTest::newRow("no vector") << QByteArray(R"({"directions": [{"name": "x", "sigma": 1}]})");
    QTest::newRow("not unit") << QByteArray(R"({"directions": [{"vector": [1, 1], "sigma": 1}]})");
    QTest::newRow("text in vector") << QByteArray(R"({"directions": [{"vector": ["1"], "sigma": 1}]})");
    QTest::newRow("zero sigma") << QByteArray(R"({"directions": [{"vector": [1], "sigma": 0}]})");
    QTest::newRow("huge amount") << QByteArray(R"({"directions": [{"vector": [1], "sigma": 1, "amount": 1e9}]})");
    QTest::newRow("empty range") << QByteArray(R"({"directions": [{"vector": [1], "sigma": 1, "layers": [4, 4]}]})");
    QTest::newRow("negative first") << QByteArray(R"({"directions": [{"vector": [0, 1], "sigma": 1, "layers": [-1, 3]}]})");
    QTest::newRow("range not ints") << QByteArray(R"({"directions": [{"vector": [1], "sigma": 1, "layers": [0.5, 3]}]})");
}

void TestDirections::malformedDirectionsAreRefused()
{
    QFETCH(QByteArray, json);
    auto state = lscore::EditState::fromJson(nlohmann::json::parse(json.toStdString()));
    QVERIFY(!state);
    QVERIFY(state.error().find("direction") != std::string::npos);
}

void TestDirections::keyframesGlideDirectionAmounts()
{
    lscore::EditState k0, k1;
    const auto v = unitVector(64, 3);
    k0.directions = {direction(v, 0.0, 0, -1)};
    k1.directions = {direction(v, 2.0, 0, -1), direction(unitVector(64, 4), 4.0, 2, 4)};
    const lscore::EditState middle = lscore::interpolateKeyframes(k0, k1, 0.5);
    QCOMPARE(int(middle.directions.size()), 2);
    QCOMPARE(middle.directions[0].amount, 1.0);   // glides
    QCOMPARE(middle.directions[1].amount, 2.0);   // fades in from 0
    QVERIFY(lscore::interpolateKeyframes(k0, k1, 0.0) == k0);
    QVERIFY(lscore::interpolateKeyframes(k0, k1, 1.0) == k1);
}

void TestDirections::layerRanges()
{
    QCOMPARE(*lscore::parseLayerRange("2:5", 8), std::make_pair(2, 5));
    QCOMPARE(*lscore::parseLayerRange("4:", 8), std::make_pair(4, -1));
    QCOMPARE(*lscore::parseLayerRange(":3", 8), std::make_pair(0, 3));
    QCOMPARE(*lscore::parseLayerRange(":", 8), std::make_pair(0, -1));
    QCOMPARE(*lscore::parseLayerRange("6", 8), std::make_pair(6, 7));
    for (const char* bad : {"5:2", "3:3", "a:4", "9:", "0:9", "-1:3", "1.5:3"})
        QVERIFY2(!lscore::parseLayerRange(bad, 8), bad);
    auto engine = open(kModel);
    const auto& layers = engine->description().layers;
    // 32 px: coarse ≤ 8 px, middle 16–32 px, and no fine (≥ 64 px) layers at all.
    const auto coarse = lscore::layerRangePreset(lscore::LayerRangePreset::Coarse, layers);
    const auto middle = lscore::layerRangePreset(lscore::LayerRangePreset::Middle, layers);
    QCOMPARE(coarse.first, 0);
    QVERIFY(coarse.second > 0);
    QCOMPARE(middle.first, coarse.second);
    QCOMPARE(middle.second, 8);
    QCOMPARE(lscore::layerRangePreset(lscore::LayerRangePreset::Fine, layers), std::make_pair(0, 0));
    QCOMPARE(lscore::layerRangePreset(lscore::LayerRangePreset::All, layers), std::make_pair(0, -1));
}

void TestDirections::layerViewShowsTheRequestedLayer()
{
    for (const std::string& path : {kModel, kStyleGan3}) {
        auto engine = open(path);
        const auto layers = engine->synthesisLayers();
        QVERIFY(layers.size() >= 4);
        const auto& layer = layers[layers.size() / 2];
        lscore::EditState state;
        state.seedA = 5;
        const lscore::Image plain = renderOne(*engine, state);
        for (auto mode : {lscore::LayerViewMode::Channels, lscore::LayerViewMode::Channel, lscore::LayerViewMode::MeanAbs}) {
            lscore::RenderOptions options;
            options.layerView = lscore::LayerViewRequest{layer.name, mode, 1};
            lscore::RenderStats stats;
            const lscore::Image frame = renderOne(*engine, state, &stats, options);
            QCOMPARE(frame.rgb, plain.rgb);   // looking does not change the picture
            QVERIFY(stats.layerView.has_value());
            const lscore::LayerView& view = *stats.layerView;
            QCOMPARE(view.layer, layer.name);
            QCOMPARE(view.channels, layer.channels);
            QCOMPARE(view.height, layer.resolution);
            QVERIFY(view.maxAbs > 0.0 && view.meanAbs > 0.0 && view.meanAbs <= view.maxAbs);
            QCOMPARE(int(view.image.rgb.size()), view.image.width * view.image.height * 3);
            if (mode == lscore::LayerViewMode::Channels) {
                QCOMPARE(view.firstChannel, 1);
                QCOMPARE(view.shownChannels, std::min(lscore::kLayerViewGridChannels, layer.channels - 1));
                QVERIFY(view.image.width > view.width);   // a grid of tiles
            } else {
                QCOMPARE(view.image.width, view.width);
                QCOMPARE(view.image.height, view.height);
            }
        }
        lscore::RenderOptions unknown;
        unknown.layerView = lscore::LayerViewRequest{"b9000.conv7"};
        auto refused = engine->render(std::span<const lscore::EditState>(&state, 1), nullptr, unknown);
        QVERIFY(!refused);
        QVERIFY(refused.error().find("b9000.conv7") != std::string::npos);
        lscore::RenderStats none;
        renderOne(*engine, state, &none);
        QVERIFY(!none.layerView);   // off unless asked
    }
}

void TestDirections::bigGanRefusesDirections()
{
    auto engine = open(kBigGan);
    QVERIFY(!engine->hasWSpace());
    QVERIFY(engine->synthesisLayers().empty());
    QVERIFY(!engine->findDirections({}));
    lscore::EditState state;
    state.directions = {direction(unitVector(64, 1), 1.0, 0, -1)};
    auto frames = engine->render(std::span<const lscore::EditState>(&state, 1));
    QVERIFY(!frames);
    QVERIFY(frames.error().find("no W space") != std::string::npos);
    state.directions[0].amount = 0.0;   // listed but still: renders
    QVERIFY(engine->render(std::span<const lscore::EditState>(&state, 1)));
}

void TestDirections::stateAddressesSetEveryField_data()
{
    QTest::addColumn<QByteArray>("address");
    QTest::addColumn<QVariantList>("arguments");
    QTest::addColumn<QByteArray>("field");
    QTest::addColumn<QByteArray>("expected");   // the field's JSON after the message
    QTest::newRow("prompt a") << QByteArray("/prompt/a") << QVariantList{QByteArray("a red star")} << QByteArray("prompt_a") << QByteArray(R"("a red star")");
    QTest::newRow("prompt t") << QByteArray("/prompt/t") << QVariantList{0.25} << QByteArray("prompt_t") << QByteArray("0.25");
    QTest::newRow("prompt mode") << QByteArray("/prompt/mode") << QVariantList{QByteArray("slerp")} << QByteArray("prompt_mode") << QByteArray(R"("slerp")");
    QTest::newRow("class b") << QByteArray("/class/b") << QVariantList{3} << QByteArray("class_b") << QByteArray("3");
    QTest::newRow("seed a") << QByteArray("/seed/a") << QVariantList{4000000000.0} << QByteArray("seed_a") << QByteArray("4000000000");
    QTest::newRow("seed b as float") << QByteArray("/seed/b") << QVariantList{12.0} << QByteArray("seed_b") << QByteArray("12");
    QTest::newRow("latent t") << QByteArray("/latent/t") << QVariantList{1} << QByteArray("latent_t") << QByteArray("1.0");
    QTest::newRow("psi") << QByteArray("/truncation/psi") << QVariantList{-0.5} << QByteArray("truncation_psi") << QByteArray("-0.5");
    QTest::newRow("cutoff") << QByteArray("/truncation/cutoff") << QVariantList{4} << QByteArray("truncation_cutoff") << QByteArray("4");
    QTest::newRow("noise") << QByteArray("/noise/mode") << QVariantList{QByteArray("none")} << QByteArray("noise_mode") << QByteArray(R"("none")");
    QTest::newRow("style mix 3") << QByteArray("/style_mix/3") << QVariantList{0.5} << QByteArray("style_mix") << QByteArray("[0.0,0.0,0.0,0.5,0.0,0.0,0.0,0.0]");
    QTest::newRow("prompt mix all") << QByteArray("/prompt_mix") << QVariantList{1, 1, 0.5} << QByteArray("prompt_mix") << QByteArray("[1.0,1.0,0.5,0.0,0.0,0.0,0.0,0.0]");
    QTest::newRow("rotate") << QByteArray("/rotate") << QVariantList{90} << QByteArray("rotate_degrees") << QByteArray("90.0");
    QTest::newRow("translate x") << QByteArray("/translate/x") << QVariantList{0.25} << QByteArray("translate") << QByteArray("[0.25,0.0]");
}

void TestDirections::stateAddressesSetEveryField()
{
    QFETCH(QByteArray, address);
    QFETCH(QVariantList, arguments);
    QFETCH(QByteArray, field);
    QFETCH(QByteArray, expected);
    std::vector<lscore::StateValue> values;
    for (const QVariant& argument : arguments) {
        if (argument.typeId() == QMetaType::QByteArray) values.emplace_back(argument.toByteArray().toStdString());
        else values.emplace_back(argument.toDouble());
    }
    lscore::EditState state;
    QVERIFY(lscore::applyStateAddress(state, address.toStdString(), values, 8));
    QCOMPARE(QByteArray::fromStdString(state.toJson()[field.toStdString()].dump()), expected);
    // What /state answers holds the value just set.
    bool found = false;
    for (const auto& item : lscore::stateAddressValues(state, 8))
        if (item.address == address.toStdString() && item.values == values) found = true;
    // Numbers come back as numbers of the same value, whatever type they were sent as.
    if (!address.endsWith("_mix") && !address.startsWith("/translate")) QVERIFY2(found, address.constData());
}

void TestDirections::stateAddressesRefuseBadMessages_data()
{
    QTest::addColumn<QByteArray>("address");
    QTest::addColumn<QVariantList>("arguments");
    QTest::newRow("unknown") << QByteArray("/nothing") << QVariantList{1};
    QTest::newRow("no arguments") << QByteArray("/prompt/t") << QVariantList{};
    QTest::newRow("two arguments") << QByteArray("/prompt/t") << QVariantList{0.1, 0.2};
    QTest::newRow("text for a number") << QByteArray("/prompt/t") << QVariantList{QByteArray("half")};
    QTest::newRow("number for text") << QByteArray("/prompt/a") << QVariantList{1};
    QTest::newRow("out of range") << QByteArray("/latent/t") << QVariantList{1.5};
    QTest::newRow("not finite") << QByteArray("/truncation/psi") << QVariantList{std::numeric_limits<double>::infinity()};
    QTest::newRow("fraction for a seed") << QByteArray("/seed/a") << QVariantList{1.5};
    QTest::newRow("negative seed") << QByteArray("/seed/a") << QVariantList{-1};
    QTest::newRow("layer past the model") << QByteArray("/style_mix/8") << QVariantList{1};
    QTest::newRow("layer not a number") << QByteArray("/style_mix/x") << QVariantList{1};
    QTest::newRow("layer with a tail") << QByteArray("/style_mix/3/4") << QVariantList{1};
    QTest::newRow("too many layers") << QByteArray("/style_mix") << QVariantList{1, 1, 1, 1, 1, 1, 1, 1, 1};
    QTest::newRow("no such direction") << QByteArray("/direction/0/amount") << QVariantList{1};
    QTest::newRow("bad mode") << QByteArray("/noise/mode") << QVariantList{QByteArray("loud")};
    QTest::newRow("invalid UTF-8") << QByteArray("/prompt/b") << QVariantList{QByteArray("x")};   // replaced below
}

void TestDirections::stateAddressesRefuseBadMessages()
{
    QFETCH(QByteArray, address);
    QFETCH(QVariantList, arguments);
    std::vector<lscore::StateValue> values;
    for (const QVariant& argument : arguments) {
        if (argument.typeId() == QMetaType::QByteArray) values.emplace_back(argument.toByteArray().toStdString());
        else values.emplace_back(argument.toDouble());
    }
    if (QByteArray(QTest::currentDataTag()) == "invalid UTF-8") values = {std::string("\xff\xfe")};
    lscore::EditState state;
    state.promptA = "kept";
    const lscore::EditState before = state;
    QVERIFY(!lscore::applyStateAddress(state, address.toStdString(), values, 8));
    QVERIFY(state == before);
}

QTEST_APPLESS_MAIN(TestDirections)
#include "test_directions.moc"
