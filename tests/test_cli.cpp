// The headless command line as a user runs it: exit codes, reproducible pixels (CLI = direct Engine
// render = re-render from the PNG's own metadata), the model-hash warning, refusing to overwrite,
// a full disk (prlimit) and Ctrl-C during an export.
#include <csignal>
#include <filesystem>
#include <fstream>
#include <string>

#include <QtTest/QtTest>

#include "lscore/engine.h"
#include "lscore/session.h"
#include "lscore/sha256.h"
#include "lsmedia/export_job.h"
#include "lsmedia/png_image.h"

namespace fs = std::filesystem;

namespace {

const QString kFixture = QStringLiteral(LSTUDIO_TEST_DATA "/stylegan2-uncond-32.safetensors");

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

Run runCli(const QStringList& arguments, const QString& wrapper = {}, const QStringList& wrapperArgs = {})
{
    QProcess process;
    if (wrapper.isEmpty()) {
        process.start(QStringLiteral(LSTUDIO_CLI), arguments);
    } else {
        process.start(wrapper, wrapperArgs + QStringList{QStringLiteral(LSTUDIO_CLI)} + arguments);
    }
    process.waitForFinished(120000);
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError())};
}

std::string readAll(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

} // namespace

class TestCli : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString path(const QString& name) const { return m_dir.filePath(name); }

    // A session on the fixture with a 12-frame seed walk (or `frames` frames).
    QString writeSession(const QString& name, const std::string& sha, int frames = 12)
    {
        lscore::Session session;
        session.modelPath = kFixture.toStdString();
        session.modelSha256 = sha;
        session.state.seedA = 21;
        session.keyframes = lscore::KeyframePath::seedWalk(session.state, {21, 22, 23}, 4).retimed(frames);
        session.exportSettings.fps = 12;
        const QString file = path(name);
        if (!lscore::writeSessionFile(file.toStdString(), session).ok()) return {};
        return file;
    }

private slots:
    void helpAndUsage()
    {
        for (const char* command : {"render", "export", "info"}) {
            const Run help = runCli({QString::fromLatin1(command), QStringLiteral("--help")});
            QCOMPARE(help.exitCode, 0);
            QVERIFY(help.out.contains(QStringLiteral("Exit status")));
            QCOMPARE(runCli({QString::fromLatin1(command), QStringLiteral("--bogus")}).exitCode, 2);
        }
        QCOMPARE(runCli({QStringLiteral("render"), QStringLiteral("--seed"), QStringLiteral("x")}).exitCode, 2);
        QCOMPARE(runCli({QStringLiteral("render"), QStringLiteral("--seed"), QStringLiteral("3")}).exitCode, 2);   // no --out
    }

    void infoPrintsHashAndSize()
    {
        const Run info = runCli({QStringLiteral("info"), QStringLiteral("--model"), kFixture});
        QCOMPARE(info.exitCode, 0);
        const auto json = nlohmann::json::parse(info.out.toStdString());
        QCOMPARE(json["sha256"].get<std::string>().size(), std::size_t{64});
        QCOMPARE(json["file_size"].get<std::uintmax_t>(), fs::file_size(kFixture.toStdString()));
        QCOMPARE(json["description"]["resolution"].get<int>(), 32);
        QCOMPARE(runCli({QStringLiteral("info"), QStringLiteral("--model"), path(QStringLiteral("missing.safetensors"))}).exitCode, 2);
    }

    void renderIsReproducibleEverywhere()
    {
        const QString first = path(QStringLiteral("seed7.png"));
        const QString second = path(QStringLiteral("seed7-again.png"));
        const QStringList args = {QStringLiteral("render"), QStringLiteral("--model"), kFixture, QStringLiteral("--seed"),
                                  QStringLiteral("7"), QStringLiteral("--psi"), QStringLiteral("0.7"), QStringLiteral("--out")};
        QCOMPARE(runCli(args + QStringList{first}).exitCode, 0);
        QCOMPARE(runCli(args + QStringList{second}).exitCode, 0);
        QVERIFY(readAll(first.toStdString()) == readAll(second.toStdString()));   // identical files across runs

        // The same state rendered directly through the Engine (as the studio does) gives the same pixels.
        auto engine = lscore::Engine::open(kFixture.toStdString());
        QVERIFY(engine.ok());
        lscore::EditState state;
        state.seedA = 7;
        state.truncationPsi = 0.7;
        const lscore::EditState states[] = {state};
        auto direct = (*engine)->render(states);
        QVERIFY(direct.ok());
        QVERIFY(direct->front() == *lsmedia::readImage(first.toStdString()));
        auto text = lsmedia::readPngText(first.toStdString());
        QCOMPARE(text->at(lscore::kPngKeyModelHash), (*engine)->modelHash());
        QVERIFY(*lscore::EditState::fromJson(nlohmann::json::parse(text->at(lscore::kPngKeyState))) == state);

        // Dropping the PNG back in restores the state: re-rendering from it gives the same pixels.
        const QString restored = path(QStringLiteral("restored.png"));
        QCOMPARE(runCli({QStringLiteral("render"), QStringLiteral("--model"), kFixture, QStringLiteral("--from-png"), first,
                         QStringLiteral("--out"), restored}).exitCode, 0);
        QVERIFY(*lsmedia::readImage(restored.toStdString()) == direct->front());
    }

    void existingOutputIsKeptWithoutForce()
    {
        const QString out = path(QStringLiteral("keep.png"));
        std::ofstream(out.toStdString()) << "precious";
        const Run run = runCli({QStringLiteral("render"), QStringLiteral("--model"), kFixture, QStringLiteral("--out"), out});
        QCOMPARE(run.exitCode, 3);
        QVERIFY(run.err.contains(QStringLiteral("--force")));
        QCOMPARE(readAll(out.toStdString()), std::string("precious"));
        QCOMPARE(runCli({QStringLiteral("render"), QStringLiteral("--model"), kFixture, QStringLiteral("--out"), out,
                         QStringLiteral("--force")}).exitCode, 0);
    }

    void sessionWithOtherModelHashWarns()
    {
        const std::string otherHash(64, 'b');
        const QString session = writeSession(QStringLiteral("other.lstudio"), otherHash);
        const Run run = runCli({QStringLiteral("render"), QStringLiteral("--session"), session, QStringLiteral("--out"),
                                path(QStringLiteral("other.png"))});
        QCOMPARE(run.exitCode, 0);
        auto engine = lscore::Engine::open(kFixture.toStdString());
        QVERIFY(run.err.contains(QStringLiteral("warning")));
        QVERIFY(run.err.contains(QString::fromStdString(otherHash)));
        QVERIFY(run.err.contains(QString::fromStdString((*engine)->modelHash())));
    }

    void exportExitCodes()
    {
        const QString session = writeSession(QStringLiteral("walk.lstudio"), {});
        const QString frames = path(QStringLiteral("frames"));
        const QStringList base = {QStringLiteral("export"), QStringLiteral("--session"), session, QStringLiteral("--quiet")};
        const Run ok = runCli(base + QStringList{QStringLiteral("--out"), frames});
        QCOMPARE(ok.exitCode, 0);
        QVERIFY(fs::exists(frames.toStdString() + "/frame_000011.png"));
        // Every frame names the session it came from by the session file's SHA-256.
        const auto text = lsmedia::readPngText(frames.toStdString() + "/frame_000011.png");
        QVERIFY2(text.ok(), text ? "" : text.error().c_str());
        const auto sessionHash = lscore::sha256OfFile(session.toStdString());
        QVERIFY(sessionHash.ok());
        QCOMPARE(text->at(lsmedia::kPngKeySessionHash), *sessionHash);
        QCOMPARE(runCli(base + QStringList{QStringLiteral("--out"), frames}).exitCode, 3);
        QCOMPARE(runCli(base + QStringList{QStringLiteral("--out"), path(QStringLiteral("r")), QStringLiteral("--frame-range"),
                                           QStringLiteral("5:3")}).exitCode, 2);
        QCOMPARE(runCli(base + QStringList{QStringLiteral("--out"), path(QStringLiteral("f")), QStringLiteral("--fps"),
                                           QStringLiteral("0")}).exitCode, 2);
        std::ofstream(path(QStringLiteral("broken.lstudio")).toStdString()) << "{ not json";
        const Run broken = runCli({QStringLiteral("export"), QStringLiteral("--session"), path(QStringLiteral("broken.lstudio")),
                                   QStringLiteral("--out"), path(QStringLiteral("b"))});
        QCOMPARE(broken.exitCode, 2);
        QVERIFY(broken.err.contains(QStringLiteral("not valid JSON")));
        const Run gif = runCli(base + QStringList{QStringLiteral("--out"), path(QStringLiteral("walk.gif"))});
        QCOMPARE(gif.exitCode, 0);
        QVERIFY(fs::exists(path(QStringLiteral("walk.gif")).toStdString()));
    }

    void fullDiskFailsCleanly()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("prlimit")).isEmpty()) QSKIP("prlimit is not installed");
        const QString session = writeSession(QStringLiteral("disk.lstudio"), {});
        const QString frames = path(QStringLiteral("disk-frames"));
        const Run run = runCli({QStringLiteral("export"), QStringLiteral("--session"), session, QStringLiteral("--out"), frames},
                               QStringLiteral("prlimit"), {QStringLiteral("--fsize=2500")});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QStringLiteral("disk")), qPrintable(run.err));
        QVERIFY(!fs::exists(frames.toStdString()));
        QVERIFY(fs::exists(frames.toStdString() + ".incomplete/manifest.json"));
    }

    void ctrlCCancelsCleanly()
    {
        const QString session = writeSession(QStringLiteral("long.lstudio"), {}, 2000);
        const QString frames = path(QStringLiteral("interrupted"));
        QProcess process;
        process.start(QStringLiteral(LSTUDIO_CLI), {QStringLiteral("export"), QStringLiteral("--session"), session,
                                                    QStringLiteral("--out"), frames, QStringLiteral("--batch"), QStringLiteral("2")});
        QVERIFY(process.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(fs::exists(frames.toStdString() + "/frame_000001.png"), 60000);
        ::kill(static_cast<pid_t>(process.processId()), SIGINT);
        QVERIFY(process.waitForFinished(60000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 1);
        QVERIFY(QString::fromUtf8(process.readAllStandardError()).contains(QStringLiteral("cancelled")));
        QVERIFY(!fs::exists(frames.toStdString()));
        const auto manifest = nlohmann::json::parse(readAll(frames.toStdString() + ".incomplete/manifest.json"));
        QCOMPARE(manifest["complete"].get<bool>(), false);
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "test_cli.moc"
