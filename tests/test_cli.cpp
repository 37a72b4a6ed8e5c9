// The headless command line as a user runs it: exit codes, reproducible pixels (CLI = direct Engine
// render = re-render from the PNG's own metadata), the model-hash warning, refusing to overwrite,
// a full disk (prlimit), Ctrl-C / SIGTERM / SIGHUP during an export, and hostile input.
#include <csignal>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>

#include <sys/stat.h>

#include <QImage>
#include <QtTest/QtTest>

#include "lscore/engine.h"
#include "lscore/directions.h"
#include "lscore/session.h"
#include "lscore/sha256.h"
#include "lscore/png.h"
#include "lsmedia/export_job.h"

namespace fs = std::filesystem;

namespace {

// A file's pixels through the project's PNG reader.
lscore::Result<lscore::Image> readPixels(const std::string& path)
{
    auto png = lscore::readPng(path);
    if (!png) return lscore::Error{png.error()};
    return png->image;
}

const QString kFixture = QStringLiteral(LSTUDIO_TEST_DATA "/stylegan2-uncond-32.safetensors");

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

// Runs `program` (offscreen, should it open a window) in `workingDirectory` ("" = this one).
Run runProgram(const QString& program, const QStringList& arguments, const QString& workingDirectory = {})
{
    QProcess process;
    process.setWorkingDirectory(workingDirectory);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    process.setProcessEnvironment(environment);
    process.start(program, arguments);
    process.waitForFinished(120000);
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError())};
}

Run runCli(const QStringList& arguments, const QString& wrapper = {}, const QStringList& wrapperArgs = {})
{
    if (wrapper.isEmpty()) return runProgram(QStringLiteral(LSTUDIO_CLI), arguments);
    return runProgram(wrapper, wrapperArgs + QStringList{QStringLiteral(LSTUDIO_CLI)} + arguments);
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
    // Every number on either executable's command line is read whole and in decimal: "12abc", "0x10"
    // and " 7" are usage errors (exit 2) that name the option, never 12, 16 or 7.
    void numbersWithJunkAreRefusedEverywhere_data()
    {
        QTest::addColumn<QString>("program");
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("option");
        const QString cli = QStringLiteral(LSTUDIO_CLI), lab = QStringLiteral(LSTUDIO_LAB);
        const auto words = [](const char* line) { return QString::fromLatin1(line).split(QLatin1Char(' ')); };
        QTest::newRow("render --seed") << cli << words("render --seed 12abc --out x.png") << QStringLiteral("--seed");
        QTest::newRow("render --seed hex") << cli << words("render --seed 0x10 --out x.png") << QStringLiteral("--seed");
        QTest::newRow("render --seed space") << cli << (words("render --out x.png --seed") << QStringLiteral(" 7"))
                                             << QStringLiteral("--seed");
        QTest::newRow("render --seed negative") << cli << words("render --seed -1 --out x.png") << QStringLiteral("--seed");
        QTest::newRow("render --psi") << cli << words("render --psi 0.5x --out x.png") << QStringLiteral("--psi");
        QTest::newRow("render --t out of range") << cli << words("render --t 1.5 --out x.png") << QStringLiteral("--t");
        QTest::newRow("export --fps") << cli << words("export --session s.lstudio --fps 12abc --out x.gif") << QStringLiteral("--fps");
        QTest::newRow("export --loop hex") << cli << words("export --session s.lstudio --loop 0x1 --out x.gif") << QStringLiteral("--loop");
        QTest::newRow("bench-interactive --events") << cli << words("bench-interactive --events 12abc") << QStringLiteral("--events");
        QTest::newRow("lab bench --iterations") << lab << words("bench --synthetic 32 --iterations 12abc") << QStringLiteral("--iterations");
        QTest::newRow("lab bench --synthetic") << lab << words("bench --synthetic 33") << QStringLiteral("--synthetic");
        QTest::newRow("lab evaluate --samples") << lab << words("evaluate --samples 12abc") << QStringLiteral("--samples");
        QTest::newRow("lab train --kimg") << lab << words("train --out run --kimg 12abc") << QStringLiteral("--kimg");
        QTest::newRow("lab train --lr") << lab << words("train --out run --lr 0x1p-3") << QStringLiteral("--lr");
        QTest::newRow("lab train --batch") << lab << words("train --out run --batch 12abc") << QStringLiteral("--batch");
        QTest::newRow("lab verify-reference --mode") << lab << words("verify-reference x --mode quick") << QStringLiteral("--mode");
    }
    void numbersWithJunkAreRefusedEverywhere()
    {
        QFETCH(QString, program);
        QFETCH(QStringList, arguments);
        QFETCH(QString, option);
        const Run run = runProgram(program, arguments, m_dir.path());
        const QString& err = run.err;
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(err.contains(option), qPrintable(err));
        QVERIFY2(err.contains(QStringLiteral("--help")), qPrintable(err));   // and says where the options are
    }

    // Every subcommand of both executables: --help lists its options and the exit status (exit 0);
    // an unknown option or a missing value is a usage error (exit 2) that names the option.
    void helpAndUsage_data()
    {
        QTest::addColumn<QString>("program");
        QTest::addColumn<QString>("command");
        QTest::addColumn<QString>("valueOption");
        const QString cli = QStringLiteral(LSTUDIO_CLI), lab = QStringLiteral(LSTUDIO_LAB);
        QTest::newRow("render") << cli << QStringLiteral("render") << QStringLiteral("--seed");
        QTest::newRow("export") << cli << QStringLiteral("export") << QStringLiteral("--fps");
        QTest::newRow("info") << cli << QStringLiteral("info") << QStringLiteral("--model");
        QTest::newRow("convert") << cli << QStringLiteral("convert") << QStringLiteral("--dtype");
        QTest::newRow("directions") << cli << QStringLiteral("directions") << QStringLiteral("--count");
        QTest::newRow("bench-interactive") << cli << QStringLiteral("bench-interactive") << QStringLiteral("--hz");
        QTest::newRow("lab verify-reference") << lab << QStringLiteral("verify-reference") << QStringLiteral("--mode");
        QTest::newRow("lab bench") << lab << QStringLiteral("bench") << QStringLiteral("--threads");
        QTest::newRow("lab train") << lab << QStringLiteral("train") << QStringLiteral("--lr");
        QTest::newRow("lab evaluate") << lab << QStringLiteral("evaluate") << QStringLiteral("--seed");
    }
    void helpAndUsage()
    {
        QFETCH(QString, program);
        QFETCH(QString, command);
        QFETCH(QString, valueOption);
        const auto run = [&](const QStringList& arguments) { return runProgram(program, QStringList{command} + arguments, m_dir.path()); };
        const Run help = run({QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        QVERIFY2(help.out.contains(QStringLiteral("Exit status")), qPrintable(help.out));
        QVERIFY2(help.out.contains(QStringLiteral("Usage: ")), qPrintable(help.out));
        QVERIFY2(help.out.contains(valueOption + QLatin1Char(' ')), qPrintable(help.out));
        const Run bogus = run({QStringLiteral("--bogus")});
        QCOMPARE(bogus.exitCode, 2);
        QVERIFY2(bogus.err.contains(QStringLiteral("--bogus")), qPrintable(bogus.err));
        const Run missing = run({valueOption});
        QCOMPARE(missing.exitCode, 2);
        QVERIFY2(missing.err.contains(valueOption + QStringLiteral(" needs a value")), qPrintable(missing.err));
    }

    void requiredOptionsAreNamed()
    {
        const Run noOut = runCli({QStringLiteral("render"), QStringLiteral("--seed"), QStringLiteral("3")});
        QCOMPARE(noOut.exitCode, 2);
        QVERIFY2(noOut.err.contains(QStringLiteral("--out is required")), qPrintable(noOut.err));
        const Run noOutput = runCli({QStringLiteral("convert"), QStringLiteral("in.pkl")});
        QCOMPARE(noOutput.exitCode, 2);
        QVERIFY2(noOutput.err.contains(QStringLiteral("OUT.safetensors is required")), qPrintable(noOutput.err));
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
        QVERIFY(direct->front() == *readPixels(first.toStdString()));
        auto png = lscore::readPng(first.toStdString(), false);
        QVERIFY(png.ok());
        const lscore::PngText* text = &png->text;
        QCOMPARE(text->at(lscore::kPngKeyModelHash), (*engine)->modelHash());
        QVERIFY(*lscore::EditState::fromJson(nlohmann::json::parse(text->at(lscore::kPngKeyState))) == state);

        // Dropping the PNG back in restores the state: re-rendering from it gives the same pixels.
        const QString restored = path(QStringLiteral("restored.png"));
        QCOMPARE(runCli({QStringLiteral("render"), QStringLiteral("--model"), kFixture, QStringLiteral("--from-png"), first,
                         QStringLiteral("--out"), restored}).exitCode, 0);
        QVERIFY(*readPixels(restored.toStdString()) == direct->front());
    }

    // `directions` writes a hash-stamped file; a session that moves along one of them renders and
    // exports the same pixels as the engine renders that state.
    void directionsFileDrivesRenderAndExport()
    {
        const QString file = path(QStringLiteral("sefa.json"));
        const QStringList find = {QStringLiteral("directions"), QStringLiteral("--model"), kFixture, QStringLiteral("--method"),
                                  QStringLiteral("sefa"), QStringLiteral("--layers"), QStringLiteral("0:4"), QStringLiteral("--count"),
                                  QStringLiteral("3"), QStringLiteral("--out"), file};
        const Run run = runCli(find);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.out.contains(QStringLiteral("3 sefa directions")), qPrintable(run.out));
        QCOMPARE(runCli(find).exitCode, 3);   // kept without --force
        auto engine = lscore::Engine::open(kFixture.toStdString());
        QVERIFY(engine.ok());
        auto set = lscore::loadDirections(file.toStdString(), (*engine)->modelHash(), 64);
        QVERIFY2(set.ok(), set.ok() ? "" : set.error().c_str());
        QCOMPARE(int(set->directions.size()), 3);
        QCOMPARE(set->directions[0].edit.endLayer, 4);

        const Run ganspace = runCli({QStringLiteral("directions"), QStringLiteral("--model"), kFixture, QStringLiteral("--method"),
                                     QStringLiteral("ganspace"), QStringLiteral("--samples"), QStringLiteral("2000"),
                                     QStringLiteral("--out"), path(QStringLiteral("ganspace.json"))});
        QVERIFY2(ganspace.exitCode == 0, qPrintable(ganspace.err));
        const Run badRange = runCli({QStringLiteral("directions"), QStringLiteral("--model"), kFixture, QStringLiteral("--layers"),
                                     QStringLiteral("5:2"), QStringLiteral("--out"), path(QStringLiteral("bad.json"))});
        QCOMPARE(badRange.exitCode, 2);
        QVERIFY2(badRange.err.contains(QStringLiteral("--layers")), qPrintable(badRange.err));

        lscore::Session session;
        session.modelPath = kFixture.toStdString();
        session.modelSha256 = (*engine)->modelHash();
        session.state.seedA = 4;
        session.state.directions = {set->directions[0].edit};
        session.state.directions[0].amount = 2.0;
        const QString sessionFile = path(QStringLiteral("moved.lstudio"));
        QVERIFY(lscore::writeSessionFile(sessionFile.toStdString(), session).ok());
        const QString out = path(QStringLiteral("moved.png"));
        QCOMPARE(runCli({QStringLiteral("render"), QStringLiteral("--session"), sessionFile, QStringLiteral("--out"), out}).exitCode, 0);
        const lscore::EditState states[] = {session.state};
        auto direct = (*engine)->render(states);
        QVERIFY(direct.ok());
        QVERIFY(direct->front() == *readPixels(out.toStdString()));
        lscore::EditState unmoved = session.state;
        unmoved.directions.clear();
        const lscore::EditState plain[] = {unmoved};
        QVERIFY(!((*engine)->render(plain)->front() == direct->front()));

        // A keyframe path whose amount glides 0 → 2: its last exported frame is the moved state.
        lscore::EditState start = session.state;
        start.directions[0].amount = 0.0;
        session.keyframes = lscore::KeyframePath{};
        session.keyframes.keyframes = {lscore::Keyframe{start, 2, lscore::Easing::Linear},
                                       lscore::Keyframe{session.state, 2, lscore::Easing::Linear}};
        QVERIFY(lscore::writeSessionFile(sessionFile.toStdString(), session).ok());
        const QString folder = path(QStringLiteral("moved-frames"));
        const Run exported = runCli({QStringLiteral("export"), QStringLiteral("--session"), sessionFile, QStringLiteral("--format"),
                                     QStringLiteral("png"), QStringLiteral("--out"), folder});
        QVERIFY2(exported.exitCode == 0, qPrintable(exported.err));
        QDir frames(folder);
        const QStringList pngs = frames.entryList({QStringLiteral("*.png")}, QDir::Files, QDir::Name);
        QVERIFY(pngs.size() >= 2);
        QVERIFY(*readPixels(frames.filePath(pngs.last()).toStdString()) == direct->front());
    }

    // The studio's PNGs (written by QImage before the project had one PNG writer: long values as
    // compressed zTXt/iTXt) restore from the command line.
    void studioPngsRestoreFromTheCommandLine()
    {
        auto engine = lscore::Engine::open(kFixture.toStdString());
        QVERIFY(engine.ok());
        lscore::EditState state;
        state.seedA = 11;
        state.truncationPsi = 0.8;
        state.styleMix.assign(8, 0.25);   // a long state: Qt compresses its text chunk
        const lscore::EditState states[] = {state};
        auto direct = (*engine)->render(states);
        QVERIFY(direct.ok());
        QImage image(direct->front().width, direct->front().height, QImage::Format_RGB888);
        for (int y = 0; y < image.height(); ++y)
            std::memcpy(image.scanLine(y), direct->front().row(y), static_cast<std::size_t>(image.width()) * 3);
        image.setText(QString::fromLatin1(lscore::kPngKeyState), QString::fromStdString(state.toJson().dump()));
        image.setText(QString::fromLatin1(lscore::kPngKeyModelHash), QString::fromStdString((*engine)->modelHash()));
        const QString saved = path(QStringLiteral("saved-by-qt.png"));
        QVERIFY(image.save(saved, "PNG"));
        const QString restored = path(QStringLiteral("restored-from-qt.png"));
        const Run run = runCli({QStringLiteral("render"), QStringLiteral("--model"), kFixture, QStringLiteral("--from-png"), saved,
                                QStringLiteral("--out"), restored});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY(*readPixels(restored.toStdString()) == direct->front());
    }

    // A forged model-hash chunk is never printed raw: no escape sequence reaches the terminal.
    void forgedHashIsNotEchoed()
    {
        lscore::EditState state;
        state.seedA = 5;
        lscore::Image image{8, 8, std::vector<std::uint8_t>(8 * 8 * 3, 90)};
        const QString forged = path(QStringLiteral("forged.png"));
        QVERIFY(lscore::writePng(forged.toStdString(), image,
                                 {{lscore::kPngKeyState, state.toJson().dump()}, {lscore::kPngKeyModelHash, "\x1b]0;owned\x07\x1b[31m"}}).ok());
        const Run run = runCli({QStringLiteral("render"), QStringLiteral("--model"), kFixture, QStringLiteral("--from-png"), forged,
                                QStringLiteral("--out"), path(QStringLiteral("forged-out.png"))});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.err.contains(QStringLiteral("not a SHA-256")));
        QVERIFY(!run.err.contains(QChar(0x1b)));
    }

    // Hostile input of every kind gets a clear refusal (exit 2) and touches nothing it should not.
    void hostileInputIsRefusedCleanly_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("mentions");
        const QString out = QStringLiteral("%OUT%");
        QTest::newRow("psi nan") << QStringList{QStringLiteral("render"), QStringLiteral("--model"), kFixture, QStringLiteral("--psi"),
                                                QStringLiteral("nan"), QStringLiteral("--out"), out}
                                 << QStringLiteral("--psi needs a number");
        QTest::newRow("psi 1e308") << QStringList{QStringLiteral("render"), QStringLiteral("--model"), kFixture, QStringLiteral("--psi"),
                                                  QStringLiteral("1e308"), QStringLiteral("--out"), out}
                                   << QStringLiteral("between -10 and 10");
        QTest::newRow("prompt too long")
            << QStringList{QStringLiteral("render"), QStringLiteral("--model"), kFixture, QStringLiteral("--prompt"),
                           QString(5000, QLatin1Char('x')), QStringLiteral("--out"), out}
            << QStringLiteral("at most 4096 bytes");
        QTest::newRow("out is a device") << QStringList{QStringLiteral("render"), QStringLiteral("--model"), kFixture,
                                                        QStringLiteral("--out"), QStringLiteral("/dev/null"), QStringLiteral("--force")}
                                         << QStringLiteral("not a regular file");
        QTest::newRow("session is /dev/zero") << QStringList{QStringLiteral("export"), QStringLiteral("--session"), QStringLiteral("/dev/zero"),
                                                             QStringLiteral("--out"), out}
                                              << QStringLiteral("not a regular file");
        QTest::newRow("session is a folder") << QStringList{QStringLiteral("export"), QStringLiteral("--session"), QStringLiteral("/tmp"),
                                                            QStringLiteral("--out"), out}
                                             << QStringLiteral("a folder");
        QTest::newRow("model is a FIFO") << QStringList{QStringLiteral("info"), QStringLiteral("--model"), QStringLiteral("%FIFO%")}
                                         << QStringLiteral("a FIFO");
        QTest::newRow("session is a FIFO") << QStringList{QStringLiteral("render"), QStringLiteral("--session"), QStringLiteral("%FIFO%"),
                                                          QStringLiteral("--out"), out}
                                           << QStringLiteral("a FIFO");
        QTest::newRow("size negative") << QStringList{QStringLiteral("export"), QStringLiteral("--session"), QStringLiteral("%SESSION%"),
                                                      QStringLiteral("--size"), QStringLiteral("-8x-8"), QStringLiteral("--out"), out}
                                       << QStringLiteral("--size");
        QTest::newRow("loop below -1") << QStringList{QStringLiteral("export"), QStringLiteral("--session"), QStringLiteral("%SESSION%"),
                                                      QStringLiteral("--loop"), QStringLiteral("-2"), QStringLiteral("--out"), out}
                                       << QStringLiteral("--loop");
        QTest::newRow("columns negative") << QStringList{QStringLiteral("export"), QStringLiteral("--session"), QStringLiteral("%SESSION%"),
                                                         QStringLiteral("--columns"), QStringLiteral("-5"), QStringLiteral("--out"), out}
                                          << QStringLiteral("--columns");
        QTest::newRow("session model missing") << QStringList{QStringLiteral("render"), QStringLiteral("--session"), QStringLiteral("%LOST%"),
                                                              QStringLiteral("--out"), out}
                                               << QStringLiteral("--model FILE");
    }

    void hostileInputIsRefusedCleanly()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, mentions);
        const QString fifo = path(QStringLiteral("input.fifo"));
        if (!fs::exists(fifo.toStdString())) QCOMPARE(::mkfifo(fifo.toLocal8Bit().constData(), 0600), 0);
        lscore::Session lost;
        lost.modelPath = "/nonexistent/model.safetensors";
        const QString lostSession = path(QStringLiteral("lost-model.lstudio"));
        QVERIFY(lscore::writeSessionFile(lostSession.toStdString(), lost).ok());
        const QString out = path(QStringLiteral("hostile-out.png"));
        const QString session = writeSession(QStringLiteral("hostile.lstudio"), {});
        for (QString& argument : arguments) {
            argument.replace(QStringLiteral("%SESSION%"), session);
            argument.replace(QStringLiteral("%OUT%"), out);
            argument.replace(QStringLiteral("%FIFO%"), fifo);
            argument.replace(QStringLiteral("%LOST%"), lostSession);
        }
        const Run run = runCli(arguments);
        QVERIFY2(run.exitCode == 2, qPrintable(QStringLiteral("exit %1: %2").arg(run.exitCode).arg(run.err)));
        QVERIFY2(run.err.contains(mentions), qPrintable(run.err));
        QVERIFY(run.err.size() < 2000);
        QVERIFY(!fs::exists(out.toStdString()));
        struct stat info{};
        QVERIFY(::stat("/dev/null", &info) == 0 && S_ISCHR(info.st_mode));
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

    // The BigGAN demo's grid: N samples as rows, each walking class A → B in K steps, as one sheet.
    void classInterpolationGridIsOneSheet()
    {
        const QString out = path(QStringLiteral("grid.png"));
        const QString folder = QStringLiteral(LSTUDIO_TEST_DATA "/biggan-deep-tiny");
        const QStringList base = {QStringLiteral("render"), QStringLiteral("--model"), folder, QStringLiteral("--class"), QStringLiteral("49"),
                                  QStringLiteral("--class-b"), QStringLiteral("388"), QStringLiteral("--psi"), QStringLiteral("0.4"),
                                  QStringLiteral("--seed"), QStringLiteral("3"), QStringLiteral("--force"), QStringLiteral("--out"), out};
        const Run run = runCli(base + QStringList{QStringLiteral("--grid"), QStringLiteral("2x3")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        auto sheet = lscore::readPng(out.toStdString(), /*withPixels=*/true);
        QVERIFY(sheet.ok());
        QVERIFY(sheet->image.width >= 3 * 128 && sheet->image.width < 4 * 128);
        QVERIFY(sheet->image.height >= 2 * 128 && sheet->image.height < 3 * 128);
        const Run bad = runCli(base + QStringList{QStringLiteral("--grid"), QStringLiteral("2x1")});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY(bad.err.contains(QStringLiteral("K steps")));
        // BigGAN's truncation is refused outside (0, 1], with the reason.
        const Run psi = runCli({QStringLiteral("render"), QStringLiteral("--model"), folder, QStringLiteral("--psi"), QStringLiteral("1.5"),
                                QStringLiteral("--force"), QStringLiteral("--out"), out});
        QCOMPARE(psi.exitCode, 1);
        QVERIFY(psi.err.contains(QStringLiteral("at most 1")));
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
        const auto png = lscore::readPng(frames.toStdString() + "/frame_000011.png", false);
        QVERIFY2(png.ok(), png.ok() ? "" : png.error().c_str());
        const lscore::PngText* text = &png->text;
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

    // Ctrl-C and what schedulers and kill send stop an export the same way: frames kept, marked
    // unfinished.
    void ctrlCCancelsCleanly_data()
    {
        QTest::addColumn<int>("signalNumber");
        QTest::newRow("SIGINT") << SIGINT;
        QTest::newRow("SIGTERM") << SIGTERM;
        QTest::newRow("SIGHUP") << SIGHUP;
    }

    void ctrlCCancelsCleanly()
    {
        QFETCH(int, signalNumber);
        const QString session = writeSession(QStringLiteral("long.lstudio"), {}, 2000);
        const QString frames = path(QStringLiteral("interrupted-%1").arg(signalNumber));
        QProcess process;
        process.start(QStringLiteral(LSTUDIO_CLI), {QStringLiteral("export"), QStringLiteral("--session"), session,
                                                    QStringLiteral("--out"), frames, QStringLiteral("--batch"), QStringLiteral("2")});
        QVERIFY(process.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(fs::exists(frames.toStdString() + "/frame_000001.png"), 60000);
        ::kill(static_cast<pid_t>(process.processId()), signalNumber);
        QVERIFY(process.waitForFinished(60000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 1);
        QVERIFY(QString::fromUtf8(process.readAllStandardError()).contains(QStringLiteral("cancelled")));
        QVERIFY(!fs::exists(frames.toStdString()));
        const auto manifest = nlohmann::json::parse(readAll(frames.toStdString() + ".incomplete/manifest.json"));
        QCOMPARE(manifest["complete"].get<bool>(), false);
    }

    // A killed export (SIGKILL: no cleanup at all) is finished by the same command with --resume:
    // the frames on disk are kept, the rest rendered, and the folder ends complete.
    void killedExportResumes()
    {
        const QString session = writeSession(QStringLiteral("resumable.lstudio"), {}, 400);
        const QString frames = path(QStringLiteral("killed"));
        const QStringList command = {QStringLiteral("export"), QStringLiteral("--session"), session,
                                     QStringLiteral("--out"), frames, QStringLiteral("--batch"), QStringLiteral("2")};
        QProcess process;
        process.start(QStringLiteral(LSTUDIO_CLI), command);
        QVERIFY(process.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(fs::exists(frames.toStdString() + "/frame_000009.png"), 60000);
        process.kill();
        QVERIFY(process.waitForFinished(60000));
        if (fs::exists(frames.toStdString() + "/frame_000399.png"))
            QSKIP("the export finished before it could be killed");

        const Run again = runCli(command);
        QCOMPARE(again.exitCode, 3);   // a plain re-run refuses, and says how to go on
        QVERIFY2(again.err.contains(QStringLiteral("--resume")), qPrintable(again.err));

        const Run resumed = runCli(command + QStringList{QStringLiteral("--resume")});
        QVERIFY2(resumed.exitCode == 0, qPrintable(resumed.err));
        QVERIFY2(resumed.err.contains(QStringLiteral("kept")), qPrintable(resumed.err));
        int present = 0;
        for (const auto& entry : fs::directory_iterator(frames.toStdString())) {
            const std::string name = entry.path().filename().string();
            present += name.rfind("frame_", 0) == 0 && name.size() == 16;
            QVERIFY2(name.find(".tmp-") == std::string::npos, name.c_str());
        }
        QCOMPARE(present, 400);
        const auto manifest = nlohmann::json::parse(readAll(frames.toStdString() + "/manifest.json"));
        QCOMPARE(manifest["complete"].get<bool>(), true);
        QCOMPARE(manifest["frames_present"], nlohmann::json::parse("[[0,400]]"));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "test_cli.moc"
