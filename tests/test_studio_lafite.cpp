// The studio with a CLIP-conditioned (LAFITE) model, as a user meets it: the model asks once for its
// CLIP text tower, remembers it, renders free-text prompts exactly as the engine does, and sessions
// keep both files so that reopening one needs no question.
#include <filesystem>

// Torch before Qt: Qt's `slots` macro would rewrite names in libtorch's headers.
#include "support/clip_text_tower.h"

#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest/QtTest>

#include "lscore/engine.h"
#include "lscore/session.h"
#include "main_window.h"
#include "qt_bridge.h"
#include "support/window_settle.h"

using lsui::MainWindow;
namespace fs = std::filesystem;

namespace {

const std::string kLafite = LSTUDIO_TEST_DATA "/lafite-8.safetensors";

} // namespace

class TestStudioLafite : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_model, m_clip;
    int m_asked = 0;

    lsui::MainWindowOptions options()
    {
        lsui::MainWindowOptions o;
        o.openDefaultModel = false;
        o.offerRecovery = false;
        o.autosave = false;
        o.askAboutUnsavedChanges = [](const QString&) { return lsui::UnsavedChoice::Discard; };
        o.askForTextEncoder = [this](const QString&) {
            ++m_asked;
            return m_clip;
        };
        return o;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("LatentStudioTests"));
        QCoreApplication::setApplicationName(QStringLiteral("test_studio_lafite"));
        QSettings().clear();
        // The model alone in its folder; its text tower (the CLIP fixture projected to the model's
        // 16-wide feature) elsewhere, so the studio must ask for it.
        QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("model"))));
        QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("clip"))));
        m_model = m_dir.filePath(QStringLiteral("model/lafite-8.safetensors"));
        fs::copy_file(kLafite, m_model.toStdString());
        m_clip = m_dir.filePath(QStringLiteral("clip/text-tower.safetensors"));
        QVERIFY(writeClipTextTower(m_clip.toStdString(), 16).ok());
    }

    void asksOnceForTheTextEncoderAndRendersLikeTheEngine()
    {
        MainWindow window(options());
        window.show();
        window.openModel(m_model);
        QTRY_VERIFY_WITH_TIMEOUT(window.renderService()->hasModel(), 30000);
        QVERIFY(settle(window));
        QCOMPARE(m_asked, 1);
        const lsui::ModelInfo& model = *window.renderService()->model();
        QVERIFY(model.description.conditioning.clip);
        QCOMPARE(QFileInfo(model.textEncoderPath).canonicalFilePath(), QFileInfo(m_clip).canonicalFilePath());
        // The starter prompts are English sentences, and nothing marks them as a problem.
        const lscore::EditState state = window.document()->state().edit;
        QVERIFY(!state.promptA.empty() && !state.promptB.empty());
        QVERIFY2(!window.lastNotice().contains(QStringLiteral("Unknown")), qPrintable(window.lastNotice()));

        lscore::EngineOptions engineOptions;
        engineOptions.textEncoderPath = m_clip.toStdString();
        auto engine = lscore::Engine::open(m_model.toStdString(), engineOptions);
        QVERIFY(engine.ok());
        auto frame = (*engine)->render(std::vector<lscore::EditState>{state});
        QVERIFY(frame.ok());
        QCOMPARE(window.currentFrame().convertToFormat(QImage::Format_RGB888), lsui::toQImage(frame->front()));

        // A prompt in any words renders; prompt mixing gives the fine layers prompt B.
        window.document()->editState(QStringLiteral("prompt"), [](lscore::EditState& s) {
            s.promptA = "ein roter Bus vor einem hohen Haus";
            s.promptMix = {0.0, 0.0, 1.0, 1.0};
        });
        QVERIFY(settle(window));
        auto mixed = (*engine)->render(std::vector<lscore::EditState>{window.document()->state().edit});
        QVERIFY(mixed.ok());
        QCOMPARE(window.currentFrame().convertToFormat(QImage::Format_RGB888), lsui::toQImage(mixed->front()));

        const QString session = m_dir.filePath(QStringLiteral("model/look.lstudio"));
        QVERIFY(window.saveSession(session).ok());
        auto saved = lscore::readSessionFile(session.toStdString());
        QVERIFY(saved.ok());
        QCOMPARE(QString::fromStdString(saved->textEncoderSha256), QString::fromStdString((*engine)->textEncoderHash()));
        QCOMPARE(QFileInfo(QString::fromStdString(saved->textEncoderPath)).canonicalFilePath(), QFileInfo(m_clip).canonicalFilePath());
    }

    void theChoiceIsRememberedAndSessionsCarryIt()
    {
        {
            MainWindow again(options());
            again.show();
            again.openModel(m_model);
            QTRY_VERIFY_WITH_TIMEOUT(again.renderService()->hasModel(), 30000);
            QCOMPARE(m_asked, 1);   // remembered: not asked again
        }
        QSettings().clear();       // a fresh machine: only the session knows the text tower
        MainWindow fromSession(options());
        fromSession.show();
        QVERIFY(fromSession.openSession(m_dir.filePath(QStringLiteral("model/look.lstudio"))));
        QTRY_VERIFY_WITH_TIMEOUT(fromSession.renderService()->hasModel(), 30000);
        QVERIFY(settle(fromSession));
        QCOMPARE(m_asked, 1);
        QCOMPARE(fromSession.document()->state().edit.promptA, std::string("ein roter Bus vor einem hohen Haus"));

        // The session names a text tower whose file now holds other weights: it opens, and says so.
        const QString session = m_dir.filePath(QStringLiteral("model/look.lstudio"));
        auto saved = lscore::readSessionFile(session.toStdString());
        QVERIFY(saved.ok());
        const QString other = m_dir.filePath(QStringLiteral("clip/other-tower.safetensors"));
        QVERIFY(writeClipTextTower(other.toStdString(), 16, 8).ok());
        saved->textEncoderPath = other.toStdString();
        const QString moved = m_dir.filePath(QStringLiteral("model/moved.lstudio"));
        QVERIFY(lscore::writeSessionFile(moved.toStdString(), *saved).ok());
        MainWindow changed(options());
        changed.show();
        QVERIFY(changed.openSession(moved));
        QTRY_VERIFY_WITH_TIMEOUT(changed.lastNotice().contains(QStringLiteral("another CLIP text encoder")), 30000);
        QCOMPARE(m_asked, 1);
    }

    void aDeclinedQuestionSaysWhatIsMissing()
    {
        QSettings().clear();
        lsui::MainWindowOptions declined = options();
        declined.askForTextEncoder = [](const QString&) { return QString(); };
        MainWindow window(declined);
        window.show();
        window.openModel(m_model);
        QTRY_VERIFY_WITH_TIMEOUT(window.lastNotice().contains(QString::fromUtf8(lscore::kNeedsClipTextEncoder.data())), 30000);
        QVERIFY(!window.renderService()->hasModel());

        // A session whose model does not open leaves the window as it was: not titled with the
        // session, so Save cannot write the old work over the session's file.
        QSettings().clear();
        const QString session = m_dir.filePath(QStringLiteral("model/look.lstudio"));
        const QString titleBefore = window.windowTitle();
        QVERIFY(QFile::rename(m_clip, m_clip + QStringLiteral(".away")));   // the session's tower is gone too
        QVERIFY(window.openSession(session));
        QVERIFY(window.renderService()->isOpening());
        QTRY_VERIFY_WITH_TIMEOUT(!window.renderService()->isOpening(), 30000);
        QTest::qWait(100);   // the failure's handler runs after the service stops opening
        QVERIFY(!window.renderService()->hasModel());
        QCOMPARE(window.windowTitle(), titleBefore);
        QVERIFY(!window.windowTitle().contains(QStringLiteral("look")));
        QVERIFY(QFile::rename(m_clip + QStringLiteral(".away"), m_clip));
    }
};

QTEST_MAIN(TestStudioLafite)
#include "test_studio_lafite.moc"
