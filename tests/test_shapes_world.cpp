// Shapes World v2: the dataset the default model learns from. What a user (and the trainer) relies on:
// one centred, upright object per image; captions are true of their images; held-out pairs never
// leak into training; every attribute left open is drawn uniformly; rendering is deterministic and
// anti-aliased.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numbers>
#include <numeric>
#include <set>
#include <span>
#include <sstream>
#include <string>
#include <vector>

#include <QtTest/QtTest>

#include "lstrain/shapes_world.h"

using namespace lstrain;

namespace {

constexpr int kResolution = 128;

std::vector<std::string> words(const std::string& text)
{
    std::istringstream stream(text);
    std::vector<std::string> out;
    for (std::string w; stream >> w;) out.push_back(w);
    return out;
}

std::vector<float> render(const SceneSpec& scene, int resolution = kResolution)
{
    std::vector<float> chw(3ull * resolution * resolution);
    renderScene(scene, chw.data(), resolution);
    return chw;
}

// Mean colour (0–255) of a 3×3 block around a point given in image units.
std::array<float, 3> sampleRgb(const Image& image, float x, float y)
{
    const int px = std::clamp(static_cast<int>(x * image.width), 1, image.width - 2);
    const int py = std::clamp(static_cast<int>(y * image.height), 1, image.height - 2);
    std::array<float, 3> sum{0, 0, 0};
    for (int dy = -1; dy <= 1; ++dy)
        for (int dx = -1; dx <= 1; ++dx)
            for (int c = 0; c < 3; ++c) sum[c] += image.row(py + dy)[(px + dx) * 3 + c];
    for (float& s : sum) s /= 9.0f;
    return sum;
}

Color nearestPaletteColor(const std::array<float, 3>& rgb)
{
    Color best = Color::Red;
    float bestDistance = 1e30f;
    for (int i = 0; i < kColorCount; ++i) {
        const auto p = paletteRgb(static_cast<Color>(i));
        float d = 0;
        for (int c = 0; c < 3; ++c) d += (rgb[c] - p[c]) * (rgb[c] - p[c]);
        if (d < bestDistance) { bestDistance = d; best = static_cast<Color>(i); }
    }
    return best;
}

bool sameStatement(const CaptionSpec& a, const CaptionSpec& b)
{
    return a.shape == b.shape && a.color == b.color && a.size == b.size && a.pattern == b.pattern
           && a.background == b.background && a.backgroundStyle == b.backgroundStyle;
}

} // namespace

class TestShapesWorld : public QObject {
    Q_OBJECT

private slots:
    void sameSeedAndIndexGiveIdenticalPixels()
    {
        for (std::uint64_t index : {0ull, 1ull, 77ull, 123456789ull}) {
            const WorldSample a = sampleScene(5, index);
            const WorldSample b = sampleScene(5, index);
            QCOMPARE(a.caption, b.caption);
            QVERIFY(render(a.scene) == render(b.scene));
        }
    }

    void differentIndexOrSeedGivesDifferentImages()
    {
        const auto base = render(sampleScene(5, 10).scene);
        QVERIFY(base != render(sampleScene(5, 11).scene));
        QVERIFY(base != render(sampleScene(6, 10).scene));
    }

    void batchRenderingEqualsSingleRendering()
    {
        std::vector<SceneSpec> scenes;
        for (int i = 0; i < 9; ++i) scenes.push_back(sampleScene(3, i).scene);
        const std::size_t floats = 3ull * 64 * 64;
        std::vector<float> batch(floats * scenes.size());
        renderScenes(scenes, batch.data(), 64);
        for (std::size_t i = 0; i < scenes.size(); ++i) {
            const auto single = render(scenes[i], 64);
            QVERIFY(std::equal(single.begin(), single.end(), batch.begin() + static_cast<std::ptrdiff_t>(i * floats)));
        }
    }

    void pixelsAreInGeneratorRangeAndAntiAliased()
    {
        // A plain medium circle on a plain white background: edge pixels must be partial blends.
        auto scene = sceneForCaption("a medium plain red circle on a white plain background", 1, 1);
        QVERIFY2(scene.ok(), scene.ok() ? "" : scene.error().c_str());
        const auto chw = render(*scene);
        int partial = 0;
        const std::size_t plane = kResolution * kResolution;
        for (std::size_t i = 0; i < plane; ++i) {
            for (int c = 0; c < 3; ++c) QVERIFY(chw[c * plane + i] >= -1.0f && chw[c * plane + i] <= 1.0f);
            // Green channel: red ≈ 30/255 → about -0.76, white ≈ +0.88·shade. Halfway values are edges.
            const float g = chw[plane + i];
            if (g > -0.5f && g < 0.5f) ++partial;
        }
        // The outline of a circle of radius ≈ 36 px crosses about 2πr ≈ 225 pixels.
        QVERIFY2(partial > 80 && partial < 700, qPrintable(QStringLiteral("edge pixels: %1").arg(partial)));
    }

    // The world is aligned: one object, centred within the jitter, upright within its small turn.
    void everyObjectIsCentredUprightAndSized()
    {
        for (std::uint64_t index = 0; index < 4000; ++index) {
            const ObjectSpec& o = sampleScene(13, index, SplitFilter::Any).scene.object;
            QVERIFY(std::abs(o.cx - 0.5f) <= kCentreJitter && std::abs(o.cy - 0.5f) <= kCentreJitter);
            QVERIFY(kCentreJitter <= 0.03f);
            QVERIFY(std::abs(o.rotation) <= kRotationJitter && kRotationJitter <= 0.15f);
            if (isRotationFree(o.shape)) QCOMPARE(o.rotation, 0.0f);
            const ValueRange range = radiusRange(o.size);
            QVERIFY(o.radius >= range.lo && o.radius <= range.hi);
        }
        // The size classes are separated by gaps.
        QVERIFY(radiusRange(SizeClass::Small).hi < radiusRange(SizeClass::Medium).lo);
        QVERIFY(radiusRange(SizeClass::Medium).hi < radiusRange(SizeClass::Big).lo);
    }

    void captionsStateOnlyWhatIsTrue()
    {
        const std::set<std::string> vocabulary = [] {
            const auto v = shapesWorldVocabulary();
            return std::set<std::string>(v.begin(), v.end());
        }();
        int omittedColor = 0;
        int omittedShape = 0;
        for (std::uint64_t index = 0; index < 3000; ++index) {
            const WorldSample sample = sampleScene(11, index);
            const auto parsed = parseCaption(sample.caption);
            QVERIFY2(parsed.ok(), (sample.caption + ": " + (parsed.ok() ? "" : parsed.error())).c_str());
            QVERIFY2(sameStatement(*parsed, sample.stated), sample.caption.c_str());
            QVERIFY2(satisfies(sample.scene, *parsed), sample.caption.c_str());
            QCOMPARE(captionFor(*parsed), sample.caption);
            const auto captionWords = words(sample.caption);
            QVERIFY(static_cast<int>(captionWords.size()) + 2 <= kShapesWorldContext);
            for (const auto& w : captionWords) QVERIFY2(vocabulary.count(w) == 1, w.c_str());
            QVERIFY(sample.scene.object.color != sample.scene.background);
            omittedColor += sample.stated.color ? 0 : 1;
            omittedShape += sample.stated.shape ? 0 : 1;
        }
        // What captions omit varies: z has something to carry.
        QVERIFY(omittedColor > 400);
        QVERIFY(omittedShape > 200);
    }

    // Every categorical attribute is drawn uniformly (the scene code is exactly N(0, I) only then).
    void categoriesAreDrawnUniformly()
    {
        constexpr int kScenes = 12000;
        std::vector<int> shapes(kShapeCount), sizes(kSizeClassCount), patterns(kPatternCount), styles(kBackgroundStyleCount),
            variants(kBackgroundVariantCount);
        for (std::uint64_t index = 0; index < kScenes; ++index) {
            const SceneSpec scene = sampleScene(17, index, SplitFilter::Any).scene;
            ++shapes[static_cast<std::size_t>(scene.object.shape)];
            ++sizes[static_cast<std::size_t>(scene.object.size)];
            ++patterns[static_cast<std::size_t>(scene.object.pattern)];
            ++styles[static_cast<std::size_t>(scene.backgroundStyle)];
            if (scene.backgroundStyle != BackgroundStyle::Plain) ++variants[static_cast<std::size_t>(scene.backgroundVariant)];
            else QCOMPARE(scene.backgroundVariant, 0);
        }
        auto uniform = [](const std::vector<int>& counts, const char* what) {
            const double total = std::accumulate(counts.begin(), counts.end(), 0.0);
            for (int c : counts)
                QVERIFY2(std::abs(c / total - 1.0 / double(counts.size())) < 0.02, what);
        };
        uniform(shapes, "shape");
        uniform(sizes, "size");
        uniform(patterns, "pattern");
        uniform(styles, "background style");
        uniform(variants, "background variant");
    }

    void heldOutPairsNeverReachTraining()
    {
        for (std::uint64_t index = 0; index < 5000; ++index) QVERIFY(!isHeldOut(sampleScene(2, index, SplitFilter::TrainOnly).scene));
        std::set<int> pairsSeen;
        for (std::uint64_t index = 0; index < 400; ++index) {
            const WorldSample s = sampleScene(2, index, SplitFilter::HeldOutOnly);
            QVERIFY(isHeldOut(s.scene));
            QVERIFY2(s.stated.shape && s.stated.color && isHeldOut(*s.stated.shape, *s.stated.color), s.caption.c_str());
            pairsSeen.insert(static_cast<int>(*s.stated.shape) * 100 + static_cast<int>(*s.stated.color));
        }
        QCOMPARE(pairsSeen.size(), kHeldOutPairs.size());
        // A caption that leaves the colour open never gets a held-out colour; one that names the pair does.
        for (std::uint64_t index = 0; index < 300; ++index) {
            QVERIFY(!isHeldOut(*sceneForCaption("a heart", 4, index)));
            QVERIFY(isHeldOut(*sceneForCaption("a green heart", 4, index)));
        }
    }

    void everyVocabularyWordIsUsed()
    {
        std::set<std::string> used;
        for (std::uint64_t index = 0; index < 3000; ++index)
            for (const auto& w : words(sampleScene(9, index, SplitFilter::Any).caption)) used.insert(w);
        for (const auto& w : shapesWorldVocabulary()) QVERIFY2(used.count(w) == 1, w.c_str());
        const auto vocabulary = shapesWorldVocabulary();
        QVERIFY(std::is_sorted(vocabulary.begin(), vocabulary.end()));
    }

    void objectsAndBackgroundsShowTheirColours()
    {
        for (std::uint64_t index = 0; index < 600; ++index) {
            const WorldSample s = sampleScene(21, index, SplitFilter::Any);
            const Image image = renderSceneImage(s.scene, kResolution);
            const ObjectSpec& o = s.scene.object;
            const auto p = mainColorPoint(o);
            const auto rgb = sampleRgb(image, p[0], p[1]);
            const Color seen = nearestPaletteColor(rgb);
            QVERIFY2(seen == o.color, qPrintable(QStringLiteral("%1 (index %2): %3 object reads as %4")
                                                     .arg(QString::fromStdString(s.caption)).arg(index)
                                                     .arg(QLatin1String(toString(o.color)), QLatin1String(toString(seen)))));
            // A plain background shows its colour in the corners, which the centred object never reaches.
            if (s.scene.backgroundStyle == BackgroundStyle::Plain)
                for (float x : {0.02f, 0.98f})
                    for (float y : {0.02f, 0.98f}) QCOMPARE(nearestPaletteColor(sampleRgb(image, x, y)), s.scene.background);
        }
    }

    // The trainer's object term is weighed over renderObjectRegions: it must hold every pixel the
    // shape paints, and for shapes that fill little of their bounding disc much more.
    void objectRegionsHoldEveryShape_data()
    {
        QTest::addColumn<int>("shape");
        QTest::addColumn<double>("minRegionOverObject");
        for (int shape = 0; shape < kShapeCount; ++shape) {
            const Shape s = static_cast<Shape>(shape);
            const bool sparse = s == Shape::Star || s == Shape::Ring || s == Shape::Cross;
            QTest::newRow(toString(s)) << shape << (sparse ? 1.5 : 1.0);
        }
    }

    void objectRegionsHoldEveryShape()
    {
        QFETCH(int, shape);
        QFETCH(double, minRegionOverObject);
        for (float rotation : {-kRotationJitter, 0.0f, kRotationJitter}) {
            SceneSpec scene;
            scene.background = Color::White;
            scene.object.shape = static_cast<Shape>(shape);
            scene.object.color = Color::Red;
            scene.object.cx = 0.49f;
            scene.object.cy = 0.51f;
            scene.object.radius = 0.28f;
            scene.object.rotation = rotation;
            SceneSpec empty = scene;
            empty.object.radius = 0.0f;
            empty.object.color = Color::White;
            empty.object.shade = scene.backgroundShade;
            const std::vector<float> painted = render(scene);
            const std::vector<float> background = render(empty);
            std::vector<float> region(static_cast<std::size_t>(kResolution) * kResolution);
            renderObjectRegions(std::span(&scene, 1), region.data(), kResolution);
            const std::size_t plane = region.size();
            double objectArea = 0.0, regionArea = 0.0;
            for (std::size_t i = 0; i < plane; ++i) {
                float difference = 0.0f;
                for (std::size_t c = 0; c < 3; ++c) difference = std::max(difference, std::abs(painted[c * plane + i] - background[c * plane + i]));
                const bool isObject = difference > 0.02f;
                objectArea += isObject ? 1.0 : 0.0;
                regionArea += region[i];
                QVERIFY2(!isObject || region[i] > 0.0f, qPrintable(QStringLiteral("pixel %1 of the %2 lies outside its region")
                                                                     .arg(i).arg(QLatin1String(toString(scene.object.shape)))));
                QVERIFY(region[i] >= 0.0f && region[i] <= 1.0f);
            }
            QVERIFY(objectArea > 100.0);
            QVERIFY2(regionArea >= minRegionOverObject * objectArea,
                     qPrintable(QStringLiteral("region %1 px, object %2 px").arg(regionArea).arg(objectArea)));
            QVERIFY(std::abs(regionArea - std::numbers::pi * std::pow(0.28 * 1.08 * kResolution, 2)) < 0.02 * regionArea);
        }
    }

    // The target of style and prompt mixing: the first scene's geometry, the donor's colours.
    void mixedScenesKeepGeometryAndTakeColours()
    {
        for (std::uint64_t index = 0; index < 200; ++index) {
            const WorldSample a = sampleScene(5, index, SplitFilter::Any);
            const WorldSample donor = sampleScene(6, index, SplitFilter::Any);
            SceneSpec scene = a.scene;
            takeSceneColours(scene, donor.scene);
            QCOMPARE(scene.background, donor.scene.background);
            QCOMPARE(scene.backgroundStyle, donor.scene.backgroundStyle);
            QCOMPARE(scene.backgroundVariant, donor.scene.backgroundVariant);
            QCOMPARE(scene.object.shape, a.scene.object.shape);
            QCOMPARE(scene.object.size, a.scene.object.size);
            QCOMPARE(scene.object.radius, a.scene.object.radius);
            QCOMPARE(scene.object.cx, a.scene.object.cx);
            QCOMPARE(scene.object.rotation, a.scene.object.rotation);
            QCOMPARE(scene.object.color, donor.scene.object.color);
            QCOMPARE(scene.object.pattern, donor.scene.object.pattern);
        }
    }

    void captionsConstrainScenes_data()
    {
        QTest::addColumn<QString>("caption");
        QTest::newRow("shape and colour") << QStringLiteral("a red star");
        QTest::newRow("everything") << QStringLiteral("a big striped red star on a blue checkered background");
        QTest::newRow("shape only") << QStringLiteral("a heart");
        QTest::newRow("open shape") << QStringLiteral("a small dotted shape on a white background");
        QTest::newRow("article agrees") << QStringLiteral("an orange ring");
        QTest::newRow("medium") << QStringLiteral("a medium plain black triangle on a gradient background");
    }

    void captionsConstrainScenes()
    {
        QFETCH(QString, caption);
        const auto stated = parseCaption(caption.toStdString());
        QVERIFY2(stated.ok(), stated.ok() ? "" : stated.error().c_str());
        for (std::uint64_t index = 0; index < 200; ++index) {
            const SceneSpec scene = sceneForCaption(*stated, 8, index);
            QVERIFY2(satisfies(scene, *stated), qPrintable(caption));
        }
        QCOMPARE(QString::fromStdString(captionFor(*stated)), caption.simplified());
    }

    void badCaptionsAreRefusedWithAReason_data()
    {
        QTest::addColumn<QString>("caption");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("empty") << QString() << QStringLiteral("empty");
        QTest::newRow("misspelt shape") << QStringLiteral("a red strar") << QStringLiteral("strar");
        QTest::newRow("same colours") << QStringLiteral("a red star on a red background") << QStringLiteral("same colour");
        QTest::newRow("empty background") << QStringLiteral("a star on a background") << QStringLiteral("colour or a style");
        QTest::newRow("trailing words") << QStringLiteral("a star please") << QStringLiteral("please");
        QTest::newRow("two objects") << QStringLiteral("a star and a circle") << QStringLiteral("one object");
        QTest::newRow("too long") << QStringLiteral("a star ").repeated(20) << QStringLiteral("at most");
    }

    void badCaptionsAreRefusedWithAReason()
    {
        QFETCH(QString, caption);
        QFETCH(QString, mentions);
        const auto parsed = parseCaption(caption.toStdString());
        QVERIFY(!parsed.ok());
        QVERIFY2(QString::fromStdString(parsed.error()).contains(mentions), parsed.error().c_str());
    }
};

QTEST_GUILESS_MAIN(TestShapesWorld)
#include "test_shapes_world.moc"
