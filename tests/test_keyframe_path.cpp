// Keyframe path maths: exact endpoints, monotone easing, frame counts per repeat mode, the sweeps,
// the bridging rule for prompt chains and seed walks, and the JSON round trip.
#include <cmath>
#include <cstdint>
#include <vector>

#include <QtTest/QtTest>

#include "lscore/keyframe_path.h"

using lscore::Easing;
using lscore::EditState;
using lscore::Keyframe;
using lscore::KeyframePath;
using lscore::PathRepeat;

Q_DECLARE_METATYPE(lscore::Easing)
Q_DECLARE_METATYPE(lscore::PathRepeat)

namespace {

EditState stateWith(const char* prompt, std::uint32_t seed, double psi = 1.0)
{
    EditState state;
    state.promptA = prompt;
    state.promptB = "unused";
    state.seedA = seed;
    state.seedB = 99;
    state.truncationPsi = psi;
    return state;
}

KeyframePath threeKeyframes(PathRepeat repeat)
{
    KeyframePath path;
    path.repeat = repeat;
    path.keyframes = {Keyframe{stateWith("red star", 1, 0.5), 10, Easing::Linear},
                      Keyframe{stateWith("blue circle", 2, 1.0), 6, Easing::Smoothstep},
                      Keyframe{stateWith("green square", 3, 0.7), 4, Easing::EaseInOut}};
    return path;
}

} // namespace

class TestKeyframePath : public QObject {
    Q_OBJECT
private slots:
    void easingIsMonotoneWithExactEnds_data()
    {
        QTest::addColumn<Easing>("easing");
        QTest::newRow("linear") << Easing::Linear;
        QTest::newRow("ease-in-out") << Easing::EaseInOut;
        QTest::newRow("smoothstep") << Easing::Smoothstep;
    }
    void easingIsMonotoneWithExactEnds()
    {
        QFETCH(Easing, easing);
        QCOMPARE(lscore::applyEasing(easing, 0.0), 0.0);
        QCOMPARE(lscore::applyEasing(easing, 1.0), 1.0);
        QCOMPARE(lscore::applyEasing(easing, -0.5), 0.0);
        QCOMPARE(lscore::applyEasing(easing, 1.5), 1.0);
        double previous = 0.0;
        for (int i = 1; i <= 1000; ++i) {
            const double value = lscore::applyEasing(easing, i / 1000.0);
            QVERIFY2(value >= previous, "easing must never go backwards");
            previous = value;
        }
        QCOMPARE(previous, 1.0);
    }

    void frameCounts_data()
    {
        QTest::addColumn<PathRepeat>("repeat");
        QTest::addColumn<int>("expected");
        QTest::newRow("once: 10 + 6 + the last keyframe") << PathRepeat::Once << 17;
        QTest::newRow("loop: 10 + 6 + 4 back to the start") << PathRepeat::Loop << 20;
        QTest::newRow("pingpong: (10 + 6) there and back") << PathRepeat::PingPong << 32;
    }
    void frameCounts()
    {
        QFETCH(PathRepeat, repeat);
        QFETCH(int, expected);
        QCOMPARE(threeKeyframes(repeat).frameCount(), expected);
    }

    void frameAtTime_data()
    {
        QTest::addColumn<PathRepeat>("repeat");
        QTest::addColumn<double>("seconds");
        QTest::addColumn<int>("expected");
        // 24 fps: frame f is due from f / 24 s.
        QTest::newRow("start") << PathRepeat::Once << 0.0 << 0;
        QTest::newRow("a clock a hair early") << PathRepeat::Once << -1e-9 << 0;
        QTest::newRow("just before frame 1") << PathRepeat::Once << 0.999 / 24 << 0;
        QTest::newRow("frame 1 is due") << PathRepeat::Once << 1.001 / 24 << 1;
        QTest::newRow("once: the last frame") << PathRepeat::Once << 16.5 / 24 << 16;
        QTest::newRow("once: finished") << PathRepeat::Once << 17.001 / 24 << -1;
        QTest::newRow("loop wraps to frame 0") << PathRepeat::Loop << 20.001 / 24 << 0;
        QTest::newRow("loop, third time round") << PathRepeat::Loop << 45.5 / 24 << 5;
        QTest::newRow("ping-pong goes back") << PathRepeat::PingPong << 20.001 / 24 << 20;
        QTest::newRow("ping-pong wraps") << PathRepeat::PingPong << 33.001 / 24 << 1;
    }
    void frameAtTime()
    {
        QFETCH(PathRepeat, repeat);
        QFETCH(double, seconds);
        QFETCH(int, expected);
        QCOMPARE(threeKeyframes(repeat).frameAtTime(seconds, 24.0), expected);
    }
    void frameAtTimeRefusesWhatCannotPlay()
    {
        QCOMPARE(threeKeyframes(PathRepeat::Loop).frameAtTime(1.0, 0.0), -1);
        QCOMPARE(threeKeyframes(PathRepeat::Loop).frameAtTime(std::nan(""), 24.0), -1);
        QCOMPARE(KeyframePath{}.frameAtTime(0.0, 24.0), -1);
    }

    void keyframesAreHitExactly()
    {
        const KeyframePath once = threeKeyframes(PathRepeat::Once);
        QVERIFY(once.stateAt(0) == once.keyframes[0].state);
        QVERIFY(once.stateAt(10) == once.keyframes[1].state);
        QVERIFY(once.stateAt(16) == once.keyframes[2].state);
        const KeyframePath loop = threeKeyframes(PathRepeat::Loop);
        QVERIFY(loop.stateAt(16) == loop.keyframes[2].state);
        // The frame after the last one of a loop would be keyframe 0 again: the last frame is just short of it.
        QVERIFY(!(loop.stateAt(19) == loop.keyframes[0].state));
        QVERIFY(lscore::interpolateKeyframes(loop.keyframes[0].state, loop.keyframes[1].state, 1.0) ==
                loop.keyframes[1].state);
    }

    void pingPongReturnsThroughTheSameFrames()
    {
        const KeyframePath path = threeKeyframes(PathRepeat::PingPong);
        const int forward = 16;
        QVERIFY(path.stateAt(forward) == path.keyframes[2].state);
        for (int f = 1; f < forward; ++f) QVERIFY2(path.stateAt(forward + f) == path.stateAt(forward - f), "asymmetric ping-pong");
    }

    void numericFieldsAreLerped()
    {
        const KeyframePath path = threeKeyframes(PathRepeat::Once);
        // Linear segment from psi 0.5 to 1.0 over 10 frames.
        QCOMPARE(path.stateAt(5).truncationPsi, 0.75);
        double previous = 0.0;
        for (int f = 0; f <= 10; ++f) {
            QVERIFY(path.stateAt(f).truncationPsi >= previous);
            previous = path.stateAt(f).truncationPsi;
        }
    }

    void promptChainBridgesThroughPromptB()
    {
        const KeyframePath path = threeKeyframes(PathRepeat::Once);
        const EditState middle = path.stateAt(5);
        QCOMPARE(middle.promptA, std::string("red star"));
        QCOMPARE(middle.promptB, std::string("blue circle"));
        QCOMPARE(middle.promptT, 0.5);
        // Seeds differ as well and both keyframes are pure: the latent walks seed 1 → seed 2.
        QCOMPARE(middle.seedA, 1u);
        QCOMPARE(middle.seedB, 2u);
        QCOMPARE(middle.latentT, 0.5);
    }

    void impureKeyframesHoldDiscreteFields()
    {
        EditState a = stateWith("red star", 1);
        a.promptT = 0.3;   // prompt B is in use: switching it mid-segment would jump
        a.styleMix = {0, 0, 1, 1};
        EditState b = stateWith("blue circle", 2);
        const EditState middle = lscore::interpolateKeyframes(a, b, 0.5);
        QCOMPARE(middle.promptA, a.promptA);
        QCOMPARE(middle.promptB, a.promptB);
        QCOMPARE(middle.seedA, a.seedA);
        QCOMPARE(middle.seedB, a.seedB);
        QCOMPARE(middle.promptT, 0.15);
        QCOMPARE(middle.styleMix, (std::vector<double>{0, 0, 0.5, 0.5}));
        QVERIFY(lscore::interpolateKeyframes(a, b, 1.0) == b);
    }

    // A pan or a spin of a StyleGAN3 picture is a keyframed move like any other.
    void theInputTransformMovesBetweenKeyframes()
    {
        EditState a = stateWith("red star", 1);
        EditState b = a;
        b.translateX = 0.5;
        b.translateY = -0.25;
        b.rotateDegrees = 90.0;
        const EditState quarter = lscore::interpolateKeyframes(a, b, 0.25);
        QCOMPARE(quarter.translateX, 0.125);
        QCOMPARE(quarter.translateY, -0.0625);
        QCOMPARE(quarter.rotateDegrees, 22.5);
        QCOMPARE(quarter.seedA, a.seedA);
    }

    void seedWalkVisitsEverySeed()
    {
        EditState base = stateWith("red star", 0);
        base.styleMix = {1, 1};
        const KeyframePath walk = KeyframePath::seedWalk(base, {5, 6, 7}, 8, true);
        QVERIFY(walk.validate().ok());
        QCOMPARE(walk.frameCount(), 24);
        QCOMPARE(walk.stateAt(0).seedA, 5u);
        QCOMPARE(walk.stateAt(8).seedA, 6u);
        QCOMPARE(walk.stateAt(16).seedA, 7u);
        const EditState back = walk.stateAt(20);   // the loop segment 7 → 5
        QCOMPARE(back.seedA, 7u);
        QCOMPARE(back.seedB, 5u);
        QCOMPARE(back.latentT, 0.5);
        QCOMPARE(back.latentMode, lscore::InterpolationMode::Slerp);
        QVERIFY(back.styleMix.empty());
    }

    void sweeps()
    {
        const EditState base = stateWith("red star", 3);
        const KeyframePath prompt = KeyframePath::promptSweep(base, 48);
        QCOMPARE(prompt.frameCount(), 48);
        QCOMPARE(prompt.stateAt(0).promptT, 0.0);
        QCOMPARE(prompt.stateAt(47).promptT, 1.0);
        QCOMPARE(prompt.stateAt(47).promptB, base.promptB);

        const KeyframePath truncation = KeyframePath::truncationSweep(base, 0.2, 1.2, 30);
        QCOMPARE(truncation.frameCount(), 30);
        QCOMPARE(truncation.stateAt(0).truncationPsi, 0.2);
        QCOMPARE(truncation.stateAt(29).truncationPsi, 1.2);

        const KeyframePath style = KeyframePath::styleMixSweep(base, 4, 5);
        QCOMPARE(style.keyframes.size(), std::size_t{5});
        QCOMPARE(style.frameCount(), 21);
        QCOMPARE(style.stateAt(0).styleMix, (std::vector<double>{0, 0, 0, 0}));
        QCOMPARE(style.stateAt(5).styleMix, (std::vector<double>{0, 0, 0, 1}));   // finest layer first
        QCOMPARE(style.stateAt(20).styleMix, (std::vector<double>{1, 1, 1, 1}));
        QCOMPARE(style.stateAt(7).styleMix[2], 0.4);

        const KeyframePath mix = KeyframePath::promptMixSweep(base, 4, 5);
        QCOMPARE(mix.stateAt(10).promptMix, (std::vector<double>{0, 0, 1, 1}));
        QVERIFY(mix.stateAt(10).styleMix.empty());
    }

    void retimingHitsTheRequestedCount_data()
    {
        QTest::addColumn<PathRepeat>("repeat");
        QTest::addColumn<int>("frames");
        QTest::newRow("once 240") << PathRepeat::Once << 240;
        QTest::newRow("once 3") << PathRepeat::Once << 3;
        QTest::newRow("loop 100") << PathRepeat::Loop << 100;
        QTest::newRow("pingpong 64") << PathRepeat::PingPong << 64;
    }
    void retimingHitsTheRequestedCount()
    {
        QFETCH(PathRepeat, repeat);
        QFETCH(int, frames);
        const KeyframePath path = threeKeyframes(repeat).retimed(frames);
        QCOMPARE(path.frameCount(), frames);
        QVERIFY(path.validate().ok());
    }

    void validateRefusesBrokenPaths()
    {
        KeyframePath path;
        QVERIFY(!path.validate().ok());
        path.keyframes.push_back(Keyframe{});
        QVERIFY(!path.validate().ok());
        QVERIFY(path.validate().error().find("at least 2") != std::string::npos);
        path.keyframes.push_back(Keyframe{});
        QVERIFY(path.validate().ok());
        path.keyframes[0].framesToNext = 0;
        QVERIFY(!path.validate().ok());
        QCOMPARE(path.frameCount(), 0);
        path.keyframes[0].framesToNext = lscore::kMaxFramesPerSegment;
        path.keyframes.resize(12, Keyframe{EditState{}, lscore::kMaxFramesPerSegment, Easing::Linear});
        QVERIFY(!path.validate().ok());   // over a million frames
    }

    void jsonRoundTrip()
    {
        KeyframePath path = threeKeyframes(PathRepeat::PingPong);
        path.keyframes[1].state.promptMix = {0.25, 0.5};
        auto back = KeyframePath::fromJson(path.toJson());
        QVERIFY2(back.ok(), back.ok() ? "" : back.error().c_str());
        QVERIFY(*back == path);
        QVERIFY(back->stateAt(7) == path.stateAt(7));
    }

    void jsonErrorsNameTheField_data()
    {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("not an object") << QStringLiteral("[1,2]") << QStringLiteral("expected an object");
        QTest::newRow("bad repeat") << QStringLiteral(R"({"repeat":"sideways"})") << QStringLiteral("repeat");
        QTest::newRow("keyframes not array") << QStringLiteral(R"({"keyframes":3})") << QStringLiteral("array");
        QTest::newRow("frames negative") << QStringLiteral(R"({"keyframes":[{"state":{},"frames":-2}]})")
                                         << QStringLiteral("keyframes[0].frames");
        QTest::newRow("frames string") << QStringLiteral(R"({"keyframes":[{"state":{},"frames":"10"}]})")
                                       << QStringLiteral("keyframes[0].frames");
        QTest::newRow("easing unknown") << QStringLiteral(R"({"keyframes":[{"state":{},"easing":"bounce"}]})")
                                        << QStringLiteral("easing");
        QTest::newRow("no state") << QStringLiteral(R"({"keyframes":[{"frames":3}]})") << QStringLiteral("no \"state\"");
    }
    void jsonErrorsNameTheField()
    {
        QFETCH(QString, json);
        QFETCH(QString, mentions);
        auto result = KeyframePath::fromJson(nlohmann::json::parse(json.toStdString()));
        QVERIFY(!result.ok());
        QVERIFY2(result.error().find(mentions.toStdString()) != std::string::npos, result.error().c_str());
    }
};

QTEST_GUILESS_MAIN(TestKeyframePath)
#include "test_keyframe_path.moc"
