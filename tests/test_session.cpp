// Session files: full round trip, atomic save, and a clear message for every kind of broken file.
#include <filesystem>
#include <fstream>
#include <string>

#include <QtTest/QtTest>

#include "lscore/session.h"

namespace {

lscore::Session sampleSession()
{
    lscore::Session session;
    session.modelPath = "models/shapes-world-128.safetensors";
    session.modelSha256 = std::string(64, 'a');
    session.modelName = "Shapes World 128";
    session.state.promptA = "a red star on a blue sky";
    session.state.promptB = "ein grüner Kreis";   // UTF-8 survives
    session.state.promptT = 0.25;
    session.state.seedA = 4000000000u;
    session.state.styleMix = {0, 0, 0.5, 1};
    session.panes = {{"a red star", std::nullopt}, {"a blue square", 7u}, {"", 8u, 0.5}};
    session.comparisonColumns = 3;
    session.keyframes = lscore::KeyframePath::seedWalk(session.state, {1, 2, 3}, 12, true);
    session.exportSettings = {"gif", 30, 256, 256};
    return session;
}

void writeText(const std::string& path, const std::string& text)
{
    std::ofstream(path, std::ios::binary) << text;
}

} // namespace

class TestSession : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::string file(const char* name) const { return (std::filesystem::path(m_dir.path().toStdString()) / name).string(); }

private slots:
    void roundTripThroughAFile()
    {
        const lscore::Session session = sampleSession();
        const std::string path = file("roundtrip.lstudio");
        QVERIFY(lscore::writeSessionFile(path, session).ok());
        auto back = lscore::readSessionFile(path);
        QVERIFY2(back.ok(), back.ok() ? "" : back.error().c_str());
        QCOMPARE(back->modelPath, session.modelPath);
        QCOMPARE(back->modelSha256, session.modelSha256);
        QCOMPARE(back->modelName, session.modelName);
        QVERIFY(back->state == session.state);
        QVERIFY(back->panes == session.panes);
        QCOMPARE(back->comparisonColumns, 3);
        QVERIFY(back->keyframes == session.keyframes);
        QVERIFY(back->exportSettings == session.exportSettings);
        QCOMPARE(back->toJson().dump(), session.toJson().dump());
    }

    void saveReplacesAtomicallyAndLeavesNoTempFiles()
    {
        const std::string path = file("atomic.lstudio");
        writeText(path, "old contents");
        QVERIFY(lscore::writeSessionFile(path, sampleSession()).ok());
        QVERIFY(lscore::readSessionFile(path).ok());
        int entries = 0;
        for (const auto& entry : std::filesystem::directory_iterator(m_dir.path().toStdString()))
            if (entry.path().filename().string().rfind("atomic.lstudio", 0) == 0) ++entries;
        QCOMPARE(entries, 1);
    }

    void saveIntoMissingFolderFailsClearly()
    {
        auto status = lscore::writeSessionFile(file("no/such/folder/s.lstudio"), sampleSession());
        QVERIFY(!status.ok());
        QVERIFY2(status.error().find("Cannot save the session") != std::string::npos, status.error().c_str());
    }

    void unknownKeysAreIgnored()
    {
        nlohmann::json json = sampleSession().toJson();
        json["future_feature"] = {{"x", 1}};
        auto back = lscore::Session::fromJson(json);
        QVERIFY(back.ok());
    }

    void brokenFiles_data()
    {
        QTest::addColumn<QString>("contents");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("not JSON") << QStringLiteral("this is { not json") << QStringLiteral("not valid JSON");
        QTest::newRow("empty file") << QString() << QStringLiteral("not valid JSON");
        QTest::newRow("JSON array") << QStringLiteral("[1,2,3]") << QStringLiteral("not an object");
        QTest::newRow("wrong format name") << QStringLiteral(R"({"format":"some-other-app","version":1})")
                                           << QStringLiteral("\"format\" should be");
        QTest::newRow("no format") << QStringLiteral(R"({"version":1})") << QStringLiteral("not a Latent Studio session");
        QTest::newRow("pane t out of range")
            << QStringLiteral(R"({"format":"latent-studio-session","version":1,"comparison":{"panes":[{"prompt":"","t":1.5}]}})")
            << QStringLiteral("panes[0].t must be a number from 0 to 1");
        QTest::newRow("newer version") << QStringLiteral(R"({"format":"latent-studio-session","version":7})")
                                       << QStringLiteral("newer Latent Studio");
        QTest::newRow("version string") << QStringLiteral(R"({"format":"latent-studio-session","version":"1"})")
                                        << QStringLiteral("version");
        QTest::newRow("model not object") << QStringLiteral(R"({"format":"latent-studio-session","version":1,"model":5})")
                                          << QStringLiteral("session.model");
        QTest::newRow("sha not string")
            << QStringLiteral(R"({"format":"latent-studio-session","version":1,"model":{"sha256":12}})")
            << QStringLiteral("session.model.sha256");
        QTest::newRow("state wrong type")
            << QStringLiteral(R"({"format":"latent-studio-session","version":1,"state":{"seed_a":"seven"}})")
            << QStringLiteral("session.state");
        QTest::newRow("pane seed negative")
            << QStringLiteral(R"({"format":"latent-studio-session","version":1,"comparison":{"panes":[{"prompt":"x","seed":-1}]}})")
            << QStringLiteral("panes[0].seed");
        QTest::newRow("keyframes frames")
            << QStringLiteral(R"({"format":"latent-studio-session","version":1,"keyframes":{"keyframes":[{"state":{},"frames":0}]}})")
            << QStringLiteral("frames");
        QTest::newRow("export format")
            << QStringLiteral(R"({"format":"latent-studio-session","version":1,"export":{"format":"avi"}})")
            << QStringLiteral("session.export.format");
        QTest::newRow("export fps")
            << QStringLiteral(R"({"format":"latent-studio-session","version":1,"export":{"fps":0}})")
            << QStringLiteral("session.export.fps");
        // Hostile files: a value nested 100,000 deep (dump() and copies recurse per level and once
        // crashed here), numbers beyond double's range, integers that would wrap.
        const QString deep = QStringLiteral("[").repeated(100000) + QStringLiteral("]").repeated(100000);
        QTest::newRow("deep format") << QStringLiteral(R"({"format":%1,"version":1})").arg(deep) << QStringLiteral("deeper than 64");
        QTest::newRow("deep fps")
            << QStringLiteral(R"({"format":"latent-studio-session","version":1,"export":{"fps":%1}})").arg(deep)
            << QStringLiteral("deeper than 64");
        QTest::newRow("moderately deep format")
            << QStringLiteral(R"({"format":%1,"version":1})").arg(QStringLiteral("[").repeated(30) + QStringLiteral("]").repeated(30))
            << QStringLiteral("is an array of 1 item");
        QTest::newRow("1e400 psi")
            << QStringLiteral(R"({"format":"latent-studio-session","version":1,"state":{"truncation_psi":1e400}})")
            << QStringLiteral("too large");
        QTest::newRow("class wraps")
            << QStringLiteral(R"({"format":"latent-studio-session","version":1,"state":{"class_a":4294967296}})")
            << QStringLiteral("'class_a' must be an integer from");
        QTest::newRow("key given twice")
            << QStringLiteral(R"({"format":"latent-studio-session","version":1,"version":2})") << QStringLiteral("gives the key \"version\" twice");
        QTest::newRow("long format string")
            << QStringLiteral(R"({"format":"%1","version":1})").arg(QStringLiteral("x").repeated(100000))
            << QStringLiteral("xxx…");
    }
    void brokenFiles()
    {
        QFETCH(QString, contents);
        QFETCH(QString, mentions);
        const std::string path = file("broken.lstudio");
        writeText(path, contents.toStdString());
        auto result = lscore::readSessionFile(path);
        QVERIFY(!result.ok());
        QVERIFY2(result.error().find(mentions.toStdString()) != std::string::npos, result.error().substr(0, 400).c_str());
        // No untrusted value is repeated whole in a message.
        QVERIFY2(result.error().size() < 600, qPrintable(QStringLiteral("a %1-character message").arg(result.error().size())));
    }

    void missingFileNamesThePath()
    {
        auto result = lscore::readSessionFile(file("does-not-exist.lstudio"));
        QVERIFY(!result.ok());
        QVERIFY(result.error().find("does-not-exist.lstudio") != std::string::npos);
    }

    void minimalSessionGetsDefaults()
    {
        auto result = lscore::Session::fromJson(nlohmann::json::parse(R"({"format":"latent-studio-session","version":1})"));
        QVERIFY(result.ok());
        QCOMPARE(result->exportSettings.fps, 24);
        QVERIFY(result->keyframes.keyframes.empty());
    }
};

QTEST_GUILESS_MAIN(TestSession)
#include "test_session.moc"
