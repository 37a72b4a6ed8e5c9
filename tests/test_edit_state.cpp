// EditState: JSON round trip, refusal of bad values, the pure per-layer plan.
#include <QtTest/QtTest>

#include "lscore/edit_state.h"

using lscore::EditState;

class TestEditState : public QObject {
    Q_OBJECT
private slots:
    // The demo's grid: rows of seeds, each walking A → B with everything else the main state's.
    void walkGridStatesWalkEachRowFromAToB()
    {
        lscore::EditState main;
        main.seedA = 4294967294u;
        main.promptT = 0.3;
        main.truncationPsi = 0.4;
        const auto cells = lscore::walkGridStates(main, 3, 5);
        QCOMPARE(cells.size(), std::size_t{15});
        QCOMPARE(cells[0].promptT, 0.0);
        QCOMPARE(cells[4].promptT, 1.0);
        QCOMPARE(cells[7].promptT, 0.5);
        QCOMPARE(cells[7].seedA, 4294967295u);
        QCOMPARE(cells[14].seedA, 0u);   // seeds wrap like every seed step
        QCOMPARE(cells[9].truncationPsi, 0.4);
        QVERIFY(lscore::walkGridStates(main, 0, 5).empty());
    }

    void roundTripKeepsEveryField()
    {
        EditState s;
        s.promptA = "a red star";
        s.promptB = "a blue ring above a small yellow square";
        s.classA = 3;
        s.classB = 1;
        s.promptT = 0.25;
        s.promptMode = lscore::InterpolationMode::Slerp;
        s.seedA = 4294967295u;
        s.seedB = 7;
        s.latentT = 0.5;
        s.latentMode = lscore::InterpolationMode::Lerp;
        s.truncationPsi = 0.7;
        s.truncationCutoff = 4;
        s.noiseMode = lscore::EditNoiseMode::Random;
        s.noiseSeed = 99;
        s.styleMix = {0.0, 0.5, 1.0};
        s.promptMix = {1.0, 0.0};
        s.translateX = 0.125;
        s.translateY = -0.5;
        s.rotateDegrees = 45.0;
        const auto text = s.toJson().dump();
        auto back = EditState::fromJson(nlohmann::json::parse(text));
        QVERIFY2(back.ok(), back.ok() ? "" : back.error().c_str());
        QVERIFY(*back == s);
    }

    void missingFieldsTakeDefaults()
    {
        auto back = EditState::fromJson(nlohmann::json::parse(R"({"prompt_a": "a star"})"));
        QVERIFY(back.ok());
        QCOMPARE(back->promptA, std::string("a star"));
        QCOMPARE(back->seedB, 1u);
        QCOMPARE(back->truncationPsi, 1.0);
        QVERIFY(!back->hasTransform());
    }

    // Only generators with an input transform use it, so a state without one writes no transform keys
    // (files of every other model stay as they were).
    void theTransformIsWrittenOnlyWhenSet()
    {
        EditState s;
        QVERIFY(!s.toJson().contains("translate"));
        QVERIFY(!s.toJson().contains("rotate_degrees"));
        s.rotateDegrees = -90.0;
        QVERIFY(!s.toJson().contains("translate"));
        QCOMPARE(s.toJson().at("rotate_degrees").get<double>(), -90.0);
    }

    void badValuesAreRefused_data()
    {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("phrase");
        QTest::newRow("not an object") << "[1,2]" << "JSON object";
        QTest::newRow("t out of range") << R"({"prompt_t": 1.5})" << "prompt_t";
        QTest::newRow("t wrong type") << R"({"latent_t": "half"})" << "latent_t";
        QTest::newRow("negative seed") << R"({"seed_a": -1})" << "seed_a";
        QTest::newRow("seed too large") << R"({"seed_b": 4294967296})" << "seed_b";
        QTest::newRow("unknown mode") << R"({"prompt_mode": "cubic"})" << "prompt_mode";
        QTest::newRow("mix weight out of range") << R"({"style_mix": [0, 2]})" << "style_mix";
        QTest::newRow("mix not a list") << R"({"prompt_mix": 0.5})" << "prompt_mix";
        QTest::newRow("newer version") << R"({"version": 99})" << "newer";
        QTest::newRow("prompt wrong type") << R"({"prompt_a": 5})" << "prompt_a";
        QTest::newRow("class wraps") << R"({"class_a": 4294967296})" << "'class_a' must be an integer from";
        QTest::newRow("negative cutoff wraps") << R"({"truncation_cutoff": -9999999999})" << "truncation_cutoff";
        QTest::newRow("psi too large") << R"({"truncation_psi": 1e308})" << "truncation_psi";
        QTest::newRow("translate not a pair") << R"({"translate": [1]})" << "'translate' must be a list of two numbers";
        QTest::newRow("translate not numbers") << R"({"translate": ["a", 0]})" << "'translate' must be a list of two numbers";
        QTest::newRow("translate too far") << R"({"translate": [0, 1000]})" << "'translate' must hold numbers between";
        QTest::newRow("rotate too far") << R"({"rotate_degrees": 1e9})" << "'rotate_degrees' must be a number between";
        QTest::newRow("rotate wrong type") << R"({"rotate_degrees": "left"})" << "rotate_degrees";
        QTest::newRow("prompt too long") << QStringLiteral(R"({"prompt_b": "%1"})").arg(QString(5000, QLatin1Char('a'))) << "at most 4096 bytes";
    }
    void badValuesAreRefused()
    {
        QFETCH(QString, json);
        QFETCH(QString, phrase);
        auto result = EditState::fromJson(nlohmann::json::parse(json.toStdString()));
        QVERIFY(!result.ok());
        QVERIFY2(QString::fromStdString(result.error()).contains(phrase), result.error().c_str());
    }

    // A prompt of invalid UTF-8 (a Latin-1 shell typing "café") is refused, not serialised into a
    // crash later.
    void invalidUtf8PromptIsRefused()
    {
        nlohmann::json json = nlohmann::json::object();
        json["prompt_a"] = std::string("caf\xe9");
        auto result = EditState::fromJson(json);
        QVERIFY(!result.ok());
        QVERIFY2(QString::fromStdString(result.error()).contains(QStringLiteral("not valid UTF-8")), result.error().c_str());
    }

    void planPadsClampsAndTruncates()
    {
        EditState s;
        s.styleMix = {0.5, 1.0, 0.0, 0.25, 0.75};
        s.promptMix = {1.0};
        const auto plan = lscore::planLayers(s, 3);
        QCOMPARE(plan.styleMix, (std::vector<double>{0.5, 1.0, 0.0}));
        QCOMPARE(plan.promptMix, (std::vector<double>{1.0, 0.0, 0.0}));
    }

    void crossoverPresets()
    {
        QCOMPARE(lscore::crossoverWeights(6, 2, true), (std::vector<double>{0, 0, 1, 1, 1, 1}));
        QCOMPARE(lscore::crossoverWeights(6, 2, false), (std::vector<double>{1, 1, 0, 0, 0, 0}));
        QCOMPARE(lscore::crossoverWeights(4, 0, true), (std::vector<double>{1, 1, 1, 1}));
    }
};

QTEST_GUILESS_MAIN(TestEditState)
#include "test_edit_state.moc"
