// The studio window end to end, on the offscreen platform with the real engine and fixture models:
// slider drags, undo/redo, sessions, PNG metadata, the comparison grid, and clear error messages.
#include <cstdlib>
#include <memory>
#include <vector>

#include <nlohmann/json.hpp>

#include <QAbstractSpinBox>
#include <QAction>
#include <QDockWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QLabel>
#include <QPlainTextEdit>
#include <QFile>
#include <QSignalSpy>
#include <QSlider>
#include <QStatusBar>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest/QtTest>
#include <QComboBox>
#include <QCompleter>
#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QSpinBox>

#include "animation_controller.h"
#include "canvas_view.h"
#include "comparison_panel.h"
#include "keyframe_strip.h"
#include "lsmedia/export_job.h"
#include "lscore/default_model.h"
#include "lscore/engine.h"
#include "lscore/session.h"
#include "image_metadata.h"
#include "lscore/png.h"
#include "main_window.h"
#include "qt_bridge.h"
#include "value_slider.h"
#include "support/window_settle.h"

using lsui::AnimationController;
using lsui::MainWindow;

namespace {

const QString kUncond = QStringLiteral(LSTUDIO_TEST_DATA "/stylegan2-uncond-32.safetensors");
const QString kCond = QStringLiteral(LSTUDIO_TEST_DATA "/stylegan2-cond-64.safetensors");
const QString kStyleGan3 = QStringLiteral(LSTUDIO_TEST_DATA "/stylegan3-t-32.pkl");
const QString kBigGan = QStringLiteral(LSTUDIO_TEST_DATA "/biggan-deep-tiny");

lsui::MainWindowOptions optionsFor(const QString& model)
{
    lsui::MainWindowOptions options;
    options.openDefaultModel = false;
    options.offerRecovery = false;
    options.autosave = false;
    options.initialFile = model;
    options.askAboutUnsavedChanges = [](const QString&) { return lsui::UnsavedChoice::Discard; };
    return options;
}

// Equal sizes, every channel within 1 of the other, and at most 0.5% of the pixels differing at all.
bool sameUpToLastBit(const QImage& a, const QImage& b)
{
    if (a.size() != b.size() || a.isNull())
        return false;
    const QImage x = a.convertToFormat(QImage::Format_RGB888), y = b.convertToFormat(QImage::Format_RGB888);
    int differing = 0;
    for (int row = 0; row < x.height(); ++row) {
        const uchar* p = x.constScanLine(row);
        const uchar* q = y.constScanLine(row);
        for (int i = 0; i < 3 * x.width(); ++i) {
            if (std::abs(int(p[i]) - int(q[i])) > 1)
                return false;
            differing += p[i] != q[i];
        }
    }
    return differing <= x.width() * x.height() / 200;
}

} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<lscore::Engine> m_uncond;
    std::unique_ptr<lscore::Engine> m_cond;
    QTemporaryDir m_dir;

    static QImage render(lscore::Engine& engine, const lscore::EditState& state)
    {
        auto images = engine.render(std::vector<lscore::EditState>{state});
        if (!images)
            qFatal("direct render failed: %s", images.error().c_str());
        return lsui::toQImage(images->front());
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        // The ImageNet class names shipped for 1,000-class models (installed beside the binaries).
        qputenv("LATENT_STUDIO_IMAGENET_CLASSES", LSTUDIO_TEST_DATA "/../../resources/models/imagenet/imagenet-classes.txt");
        QCoreApplication::setOrganizationName(QStringLiteral("LatentStudioTests"));
        QCoreApplication::setApplicationName(QStringLiteral("test_main_window"));
        auto uncond = lscore::Engine::open(kUncond.toStdString());
        QVERIFY2(uncond.ok(), uncond.ok() ? "" : uncond.error().c_str());
        m_uncond = std::move(uncond.value());
        auto cond = lscore::Engine::open(kCond.toStdString());
        QVERIFY2(cond.ok(), cond.ok() ? "" : cond.error().c_str());
        m_cond = std::move(cond.value());
    }

    void startsWithAClearNoModelState()
    {
        MainWindow window(optionsFor(QString()));
        window.show();
        QTest::qWait(50);
        QVERIFY(window.currentFrame().isNull());
        QVERIFY(!window.renderService()->hasModel());
        QVERIFY(window.findChild<QWidget*>(QStringLiteral("canvas")) != nullptr);
    }

    // A slow model open shows Cancel Opening in the status bar; clicking it stops the open, keeps the
    // model that was open (and its frame), and says so.
    void aSlowOpenCanBeCancelledFromTheStatusBar()
    {
        MainWindow window(optionsFor(kUncond));
        window.show();
        QVERIFY(settle(window));
        const QImage before = window.currentFrame();
        auto* cancel = window.findChild<QPushButton*>(QStringLiteral("cancelOpening"));
        QVERIFY(cancel);
        QVERIFY(!cancel->isVisible());
        window.renderService()->setExtraOpenDelayForTesting(30000);
        window.openModel(kCond);
        QVERIFY(cancel->isVisible());
        QElapsedTimer timer;
        timer.start();
        QTest::mouseClick(cancel, Qt::LeftButton);
        QVERIFY(!cancel->isVisible());
        QVERIFY2(window.lastNotice().contains(QStringLiteral("cancelled")), qPrintable(window.lastNotice()));
        QCOMPARE(window.renderService()->model()->path, kUncond);
        // Still live: an edit renders with the kept model long before the open would have finished.
        window.document()->editState(QStringLiteral("test"), [](lscore::EditState& s) { s.seedA += 1; });
        const lscore::EditState edit = window.document()->state().edit;
        QVERIFY(settle(window));
        QVERIFY(timer.elapsed() < 20000);
        QVERIFY(window.currentFrame() != before);
        QCOMPARE(window.currentFrame(), render(*m_uncond, edit));
    }

    // A drag of the latent slider: renders are coalesced, the whole drag is one undo step, and the frame
    // on screen at the end is exactly the engine's render of the final state.
    void sliderDragIsCoalescedAndEndsOnTheFinalState()
    {
        MainWindow window(optionsFor(kUncond));
        window.show();
        QVERIFY(settle(window));
        const int undoSteps = window.document()->undoStack()->count();
        // The 32 px fixture renders in ~2 ms on a quiet machine, faster than the events arrive; a
        // 15 ms render (as a real model takes) makes coalescing necessary whatever the machine's speed.
        window.renderService()->setExtraRenderDelayForTesting(15);
        QSlider* slider = window.latentSlider()->slider();
        slider->setSliderDown(true);
        constexpr int kEvents = 90;
        for (int i = 1; i <= kEvents; ++i) {
            slider->setValue(slider->maximum() * i / kEvents * 7 / 10);
            QTest::qWait(4);
        }
        slider->setSliderDown(false);
        QVERIFY(settle(window));
        QCOMPARE(window.document()->undoStack()->count(), undoSteps + 1);
        QVERIFY2(window.renderService()->engineRenderCount() < kEvents,
                 qPrintable(QStringLiteral("%1 renders for %2 slider events").arg(window.renderService()->engineRenderCount()).arg(kEvents)));
        QCOMPARE(window.document()->state().edit.latentT, 0.7);
        QCOMPARE(window.currentFrame(), render(*m_uncond, window.document()->state().edit));
    }

    // A StyleGAN3 snapshot opens with its Move and Turn controls (and no noise controls); dragging
    // Move X is one undo step and renders exactly what the engine renders for that state.
    void styleGan3OpensWithMoveAndTurn()
    {
        MainWindow window(optionsFor(kStyleGan3));
        window.show();
        QVERIFY(settle(window));
        auto* transform = window.findChild<QWidget*>(QStringLiteral("inputTransform"));
        QVERIFY(transform);
        QVERIFY(transform->isVisible());
        const QImage original = window.currentFrame();
        const int undoSteps = window.document()->undoStack()->count();
        auto* moveX = window.findChild<lsui::ValueSlider*>(QStringLiteral("moveX"));
        QVERIFY(moveX);
        QSlider* slider = moveX->slider();
        slider->setSliderDown(true);
        for (int i = 1; i <= 10; ++i) {
            slider->setValue(slider->minimum() + (slider->maximum() - slider->minimum()) * (200 + 5 * i) / 400);   // to 0.25
            QTest::qWait(2);
        }
        slider->setSliderDown(false);
        QVERIFY(settle(window));
        QCOMPARE(window.document()->undoStack()->count(), undoSteps + 1);
        QCOMPARE(window.document()->state().edit.translateX, 0.25);
        QVERIFY(window.currentFrame() != original);
        auto engine = lscore::Engine::open(kStyleGan3.toStdString());
        QVERIFY(engine.ok());
        QCOMPARE(window.currentFrame(), render(**engine, window.document()->state().edit));
        window.document()->undoStack()->undo();
        QVERIFY(settle(window));
        QCOMPARE(window.currentFrame(), original);

        // A StyleGAN2 model has no input transform: the group goes.
        QSignalSpy ready(&window, &MainWindow::modelReady);
        window.openModel(kUncond);
        QVERIFY(ready.wait(20000));
        QVERIFY(settle(window));
        QVERIFY(!transform->isVisible());
    }

    // A BigGAN-deep folder as downloaded opens with the ImageNet names, a class picker that finds a
    // class by any part of its name, and BigGAN's truncation range (no cutoff, no noise inputs).
    void bigGanFolderOpensWithASearchableClassPicker()
    {
        MainWindow window(optionsFor(kBigGan));
        window.show();
        QVERIFY(settle(window));
        auto* classA = window.findChild<QComboBox*>(QStringLiteral("classA"));
        QVERIFY(classA);
        QVERIFY(classA->isVisible());
        QCOMPARE(classA->count(), 1000);
        QCOMPARE(classA->itemText(388), QStringLiteral("giant panda"));
        // A fresh start shows the demo's walk: African crocodile → giant panda, at truncation 0.4.
        QCOMPARE(window.document()->state().edit.classA, 49);
        QCOMPARE(window.document()->state().edit.classB, 388);
        QCOMPARE(window.document()->state().edit.truncationPsi, 0.4);
        QCOMPARE(classA->currentText(), QStringLiteral("African crocodile"));
        auto* psi = window.findChild<lsui::ValueSlider*>(QStringLiteral("truncationPsi"));
        QVERIFY(psi);
        auto* psiSpin = psi->findChild<QDoubleSpinBox*>();
        QVERIFY(psiSpin);
        QCOMPARE(psiSpin->maximum(), 1.0);
        QVERIFY(psiSpin->minimum() > 0.0);
        auto* cutoff = window.findChild<QSpinBox*>(QStringLiteral("truncationCutoff"));
        QVERIFY(cutoff);
        QVERIFY(!cutoff->isVisible());

        // Search: "panda" lists the names that contain it; choosing one edits class A (one undo step).
        const int undoSteps = window.document()->undoStack()->count();
        classA->lineEdit()->selectAll();
        QTest::keyClicks(classA->lineEdit(), QStringLiteral("panda"));
        QCompleter* completer = classA->completer();
        QVERIFY(completer->completionCount() >= 2);   // giant panda, lesser panda
        QStringList matches;
        for (int row = 0; completer->setCurrentRow(row); ++row) matches << completer->currentCompletion();
        QVERIFY(matches.contains(QStringLiteral("giant panda")));
        classA->lineEdit()->setText(QStringLiteral("giant panda"));
        QTest::keyClick(classA->lineEdit(), Qt::Key_Return);
        QVERIFY(settle(window));
        QCOMPARE(window.document()->state().edit.classA, 388);
        QCOMPARE(window.document()->undoStack()->count(), undoSteps + 1);
        auto engine = lscore::Engine::open(kBigGan.toStdString());
        QVERIFY(engine.ok());
        QCOMPARE(window.currentFrame(), render(**engine, window.document()->state().edit));

        // A name typed in another case picks that class when the field is left, as Enter does.
        classA->lineEdit()->setText(QStringLiteral("TENCH"));
        QMetaObject::invokeMethod(classA->lineEdit(), "editingFinished");
        QVERIFY(settle(window));
        QCOMPARE(window.document()->state().edit.classA, 0);
        QCOMPARE(classA->currentText(), QStringLiteral("tench"));
        window.document()->undoStack()->undo();
        QVERIFY(settle(window));
        QCOMPARE(window.document()->state().edit.classA, 388);

        // Text that names no class is put back when the field is left.
        classA->lineEdit()->setText(QStringLiteral("no such animal"));
        QMetaObject::invokeMethod(classA->lineEdit(), "editingFinished");
        QCOMPARE(classA->currentText(), QStringLiteral("giant panda"));
        QCOMPARE(window.document()->state().edit.classA, 388);

        // The demo's grid as a comparison preset: rows of seeds, each walking class A → B (one undo step).
        auto* walk = window.findChild<QPushButton*>(QStringLiteral("walkGrid"));
        QVERIFY(walk);
        const int beforeWalk = window.document()->undoStack()->index();
        walk->click();
        QCOMPARE(window.document()->undoStack()->index(), beforeWalk + 1);
        const auto& panes = window.document()->state().panes;
        QCOMPARE(panes.size(), std::size_t{16});
        QCOMPARE(window.document()->state().comparisonColumns, 4);
        QCOMPARE(panes[6].seed.value(), window.document()->state().edit.seedA + 1);
        QCOMPARE(panes[6].t.value(), 2.0 / 3.0);
        auto* paneT = window.findChild<QLabel*>(QStringLiteral("paneT6"));
        QVERIFY(paneT);
        QVERIFY(paneT->text().contains(QStringLiteral("0.67")));

        // Back on a StyleGAN2 model, ψ has its own range and the cutoff returns.
        QSignalSpy ready(&window, &MainWindow::modelReady);
        window.openModel(kUncond);
        QVERIFY(ready.wait(20000));
        QVERIFY(settle(window));
        QCOMPARE(psiSpin->maximum(), 2.0);
        QVERIFY(cutoff->isVisible());
    }

    void undoRedoRestoresImagesExactly()
    {
        MainWindow window(optionsFor(kUncond));
        window.show();
        QVERIFY(settle(window));
        const QImage original = window.currentFrame();
        QAction* nextSeed = nullptr;
        for (QAction* action : window.actions())
            if (action->shortcut() == QKeySequence(QStringLiteral("Alt+Right")))
                nextSeed = action;
        QVERIFY(nextSeed);
        nextSeed->trigger();
        QVERIFY(settle(window));
        const QImage changed = window.currentFrame();
        QVERIFY(changed != original);
        window.document()->undoStack()->undo();
        QVERIFY(settle(window));
        QCOMPARE(window.currentFrame(), original);
        window.document()->undoStack()->redo();
        QVERIFY(settle(window));
        QCOMPARE(window.currentFrame(), changed);
    }

    void sessionRoundTrip()
    {
        const QString path = m_dir.filePath(QStringLiteral("look.lstudio"));
        lsui::StudioState saved;
        QImage savedFrame;
        {
            MainWindow window(optionsFor(kUncond));
            window.show();
            QVERIFY(settle(window));
            window.document()->editState(QStringLiteral("test"), [](lscore::EditState& s) {
                s.seedA = 7;
                s.seedB = 3000000000u;
                s.latentT = 0.3;
                s.truncationPsi = 0.6;
                s.styleMix[1] = 1.0;
            });
            QVERIFY(settle(window));
            QVERIFY(window.saveSession(path).ok());
            saved = window.document()->state();
            savedFrame = window.currentFrame();
        }
        MainWindow reopened(optionsFor(QString()));
        reopened.show();
        QVERIFY(reopened.openSession(path));   // opens the session's model, then applies the state
        QVERIFY(settle(reopened));
        QCOMPARE(reopened.document()->state().edit, saved.edit);
        QCOMPARE(reopened.currentFrame(), savedFrame);
    }

    // Quitting or opening another session with unsaved work asks first: Cancel keeps the window and
    // the work, Save writes the session before closing, Discard closes; nothing is asked when clean.
    void unsavedChangesAreNeverLostSilently_data()
    {
        QTest::addColumn<int>("choice");
        QTest::addColumn<bool>("closes");
        QTest::newRow("cancel") << static_cast<int>(lsui::UnsavedChoice::Cancel) << false;
        QTest::newRow("save") << static_cast<int>(lsui::UnsavedChoice::Save) << true;
        QTest::newRow("discard") << static_cast<int>(lsui::UnsavedChoice::Discard) << true;
    }

    void unsavedChangesAreNeverLostSilently()
    {
        QFETCH(int, choice);
        QFETCH(bool, closes);
        const QString path = m_dir.filePath(QStringLiteral("unsaved.lstudio"));
        QFile::remove(path);
        int asked = 0;
        QString question;
        lsui::MainWindowOptions options = optionsFor(kUncond);
        options.askAboutUnsavedChanges = [&](const QString& text) {
            ++asked;
            question = text;
            return static_cast<lsui::UnsavedChoice>(choice);
        };
        MainWindow window(options);
        window.show();
        QVERIFY(settle(window));
        QVERIFY(window.saveSession(path).ok());   // titled, so Save needs no dialog
        QVERIFY(window.close());                  // clean: closes without asking
        QCOMPARE(asked, 0);
        window.show();
        window.document()->editState(QStringLiteral("test"), [](lscore::EditState& s) { s.seedA = 4242; });
        QVERIFY(window.windowTitle().contains(QLatin1Char('*')));
        QCOMPARE(window.close(), closes);
        QCOMPARE(asked, 1);
        QVERIFY2(question.contains(QStringLiteral("unsaved changes")), qPrintable(question));
        QCOMPARE(window.isVisible(), !closes);
        auto onDisk = lscore::readSessionFile(path.toStdString());
        QVERIFY(onDisk.ok());
        QCOMPARE(onDisk->state.seedA == 4242u, choice == static_cast<int>(lsui::UnsavedChoice::Save));
        if (!closes) {
            // Opening another session asks too, and Cancel keeps the current work.
            QVERIFY(!window.openFile(path));
            QCOMPARE(asked, 2);
            QCOMPARE(window.document()->state().edit.seedA, 4242u);
        }
    }

    // Save Image while a keyframe path frame is previewed writes that frame's state with its pixels,
    // and the command line reads the studio's PNG (one PNG reader and writer for the project).
    void savedImageCarriesTheStateOfItsPixels()
    {
        MainWindow window(optionsFor(kUncond));
        window.show();
        QVERIFY(settle(window));
        lscore::EditState pathFrame = window.document()->state().edit;
        pathFrame.seedA = 913;
        pathFrame.truncationPsi = 0.5;
        auto* strip = window.findChild<lsui::KeyframeStrip*>();
        QVERIFY(strip != nullptr);
        emit strip->previewRequested(pathFrame);
        QVERIFY(settle(window));
        QCOMPARE(window.currentFrame(), render(*m_uncond, pathFrame));
        const QString path = m_dir.filePath(QStringLiteral("preview.png"));
        QVERIFY(window.saveImage(path).ok());
        auto restored = lsui::readImageState(path);
        QVERIFY2(restored.ok(), restored.ok() ? "" : restored.error().c_str());
        QCOMPARE(restored->state, pathFrame);
        QVERIFY(!(restored->state == window.document()->state().edit));
        auto png = lscore::readPng(path.toStdString(), false);
        QVERIFY(png.ok() && png->text.count(lscore::kPngKeyState) == 1);
    }

    // At 1366 × 768 the window fits, and typing an unknown word keeps the layout still: the note
    // under the prompts is one line of fixed height whatever it says, and the dock does not widen.
    void promptNoteKeepsItsHeight()
    {
        const QString model = QString::fromStdString(lscore::defaultModelPath());
        if (model.isEmpty()) QSKIP("no default model");
        MainWindow window(optionsFor(model));
        window.resize(1366, 768);
        window.show();
        QVERIFY(settle(window));
        auto* note = window.findChild<QLabel*>(QStringLiteral("promptProblem"));
        auto* prompt = window.findChild<QPlainTextEdit*>(QStringLiteral("promptA"));
        QVERIFY(note && prompt);
        // The window fits a 1366 × 768 screen: its panels scroll instead of adding up their heights.
        QVERIFY2(window.minimumSizeHint().width() <= 1366 && window.minimumSizeHint().height() <= 700,
                 qPrintable(QStringLiteral("minimum size %1 x %2").arg(window.minimumSizeHint().width()).arg(window.minimumSizeHint().height())));
        QVERIFY2(window.height() <= 768, qPrintable(QString::number(window.height())));
        const int height = note->height();
        const int promptWidth = prompt->width();
        for (const QString& text : {QStringLiteral("a red sta"), QStringLiteral("a flurbish zorb quux wibble on a glorp background"),
                                    QStringLiteral("a red star")}) {
            prompt->setPlainText(text);
            QTest::qWait(20);
            QCOMPARE(note->height(), height);
            QCOMPARE(prompt->width(), promptWidth);
            QCOMPARE(note->text().isEmpty(), text == QStringLiteral("a red star"));
        }
    }

    // While a prompt cannot be rendered the canvas says its frame is stale and the status bar says
    // why; once the prompt is fixed neither complaint stays behind.
    void anUnrenderablePromptMarksTheCanvasStaleUntilFixed()
    {
        const QString model = QString::fromStdString(lscore::defaultModelPath());
        if (model.isEmpty()) QSKIP("no default model");
        MainWindow window(optionsFor(model));
        window.show();
        QVERIFY(settle(window));
        auto* prompt = window.findChild<QPlainTextEdit*>(QStringLiteral("promptA"));
        QVERIFY(prompt);
        QVERIFY(window.canvas()->staleNote().isEmpty());
        prompt->setPlainText(QStringLiteral("a red sta"));
        QTRY_VERIFY(window.canvas()->staleNote().contains(QStringLiteral("sta")));
        QVERIFY(window.statusBar()->currentMessage().contains(QStringLiteral("sta")));
        prompt->setPlainText(QStringLiteral("a red star"));
        QTRY_VERIFY(window.canvas()->staleNote().isEmpty());
        QVERIFY(settle(window));
        QVERIFY2(window.statusBar()->currentMessage().isEmpty(), qPrintable(window.statusBar()->currentMessage()));
    }

    void malformedSessionsGiveClearMessages_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::newRow("not JSON") << QByteArray("{ this is not json");
        QTest::newRow("wrong format") << QByteArray(R"({"format":"something-else","version":1})");
        QTest::newRow("newer version") << QByteArray(R"({"format":"latent-studio-session","version":999,"state":{}})");
        QTest::newRow("empty file") << QByteArray();
    }
    void malformedSessionsGiveClearMessages()
    {
        QFETCH(QByteArray, content);
        const QString path = m_dir.filePath(QStringLiteral("broken.lstudio"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(content);
        file.close();
        MainWindow window(optionsFor(QString()));
        const lscore::EditState before = window.document()->state().edit;
        QVERIFY(!window.openSession(path));
        QVERIFY2(window.lastNotice().contains(QStringLiteral("Could not open the session")), qPrintable(window.lastNotice()));
        QVERIFY(window.lastNotice().size() > 40);   // says what is wrong, not only that something is
        QCOMPARE(window.document()->state().edit, before);
    }

    void pngMetadataRoundTrip()
    {
        const QString path = m_dir.filePath(QStringLiteral("frame.png"));
        MainWindow window(optionsFor(kUncond));
        window.show();
        QVERIFY(settle(window));
        window.document()->editState(QStringLiteral("test"), [](lscore::EditState& s) {
            s.seedA = 12345;
            s.latentT = 0.55;
        });
        QVERIFY(settle(window));
        const lscore::EditState saved = window.document()->state().edit;
        QVERIFY(window.saveImage(path).ok());
        const QImage onDisk = QImage(path).convertToFormat(QImage::Format_RGB888);
        QCOMPARE(onDisk, window.currentFrame());

        window.document()->editState(QStringLiteral("elsewhere"), [](lscore::EditState& s) { s.seedA = 1; s.latentT = 0.0; });
        QVERIFY(settle(window));
        QVERIFY(window.currentFrame() != onDisk);
        QVERIFY(window.openImage(path));
        QVERIFY(settle(window));
        QCOMPARE(window.document()->state().edit, saved);
        QCOMPARE(window.currentFrame(), onDisk);
    }

    void imagesWithoutMetadataOrFromAnotherModelAreExplained()
    {
        MainWindow window(optionsFor(kUncond));
        window.show();
        QVERIFY(settle(window));
        const QString plain = m_dir.filePath(QStringLiteral("plain.png"));
        QImage image(32, 32, QImage::Format_RGB888);
        image.fill(Qt::red);
        QVERIFY(image.save(plain));
        QVERIFY(!window.openImage(plain));
        QVERIFY2(window.lastNotice().contains(QStringLiteral("no Latent Studio metadata")), qPrintable(window.lastNotice()));

        const QString foreign = m_dir.filePath(QStringLiteral("foreign.png"));
        image.setText(QStringLiteral("latent-studio:state"), QString::fromStdString(lscore::EditState{}.toJson().dump()));
        image.setText(QStringLiteral("latent-studio:model-sha256"), QStringLiteral("0000"));
        image.setText(QStringLiteral("latent-studio:model-name"), QStringLiteral("Some Other Model"));
        QVERIFY(image.save(foreign));
        QVERIFY(window.openImage(foreign));
        QVERIFY2(window.lastNotice().contains(QStringLiteral("different model")), qPrintable(window.lastNotice()));
        QVERIFY(window.lastNotice().contains(QStringLiteral("Some Other Model")));
    }

    // Each comparison pane renders its own class and seed (one batched render), and equals the direct
    // render of that pane's state; the grid saves as one image.
    void comparisonPanesRenderTheirOwnPrompts()
    {
        MainWindow window(optionsFor(kCond));
        window.show();
        QVERIFY(settle(window));
        window.setComparisonVisible(true);
        std::vector<lscore::ComparisonPane> panes = {{"0", std::nullopt}, {"1", std::nullopt}, {"2", 77u}};
        window.document()->edit(QStringLiteral("panes"), [&](lsui::StudioState& s) {
            s.panes = panes;
            s.comparisonColumns = 3;
        });
        QVERIFY(settle(window));
        const QList<QImage> images = window.paneImages();
        QCOMPARE(images.size(), 3);
        const auto& info = *window.renderService()->model();
        for (std::size_t i = 0; i < panes.size(); ++i) {
            const lscore::EditState expected = lsui::paneState(window.document()->state().edit, panes[i], &info.description);
            // Panes render in one batch with the main frame; batched kernels may round the last bit of
            // a rare pixel differently from a single render (the engine's documented contract).
            const QImage shown = images[static_cast<qsizetype>(i)];
            const QImage direct = render(*m_cond, expected);
            QVERIFY2(sameUpToLastBit(shown, direct), qPrintable(QStringLiteral("pane %1 differs from its direct render").arg(i)));
        }
        QVERIFY(images[0] != images[1]);
        QVERIFY(images[1] != images[2]);
        // The canvas frame renders alone even beside panes: a saved image reproduces to the bit.
        QCOMPARE(window.currentFrame(), render(*m_cond, window.document()->state().edit));

        const QString grid = m_dir.filePath(QStringLiteral("grid.png"));
        QVERIFY(window.saveGrid(grid).ok());
        const QImage saved(grid);
        QCOMPARE(saved.width(), 3 * images[0].width() + 2 * 4);
        QVERIFY2(saved.height() > images[0].height() + 8, "each cell has a label band under its image");
        QCOMPARE(saved.copy(0, 0, images[0].width(), images[0].height()).convertToFormat(QImage::Format_RGB888), images[0]);
        // The label band is drawn on: some pixel under the first image is not the white background.
        const QImage band = saved.copy(0, images[0].height(), images[0].width(), saved.height() - images[0].height())
                                .convertToFormat(QImage::Format_RGB888);
        bool drawn = false;
        for (int y = 0; y < band.height() && !drawn; ++y)
            for (int x = 0; x < band.width() && !drawn; ++x) drawn = band.pixelColor(x, y) != QColor(Qt::white);
        QVERIFY(drawn);
        // The PNG keeps every pane's state, in grid order, and the editor's.
        auto png = lscore::readPng(grid.toStdString(), false);
        QVERIFY(png.ok());
        const nlohmann::json states = nlohmann::json::parse(png->text.at(lscore::kPngKeyGridPanes));
        QCOMPARE(states.size(), panes.size());
        const auto& info2 = *window.renderService()->model();
        for (std::size_t i = 0; i < panes.size(); ++i) {
            auto state = lscore::EditState::fromJson(states[i]);
            QVERIFY(state.ok());
            QVERIFY(*state == lsui::paneState(window.document()->state().edit, panes[i], &info2.description));
        }
        QVERIFY(png->text.count(lscore::kPngKeyState));
        QCOMPARE(png->text.at(lscore::kPngKeyModelHash), window.renderService()->model()->hash.toStdString());
    }
    // The animation workflow as a user does it: two keyframes from the editor (undoable), a background
    // export of the path, and frames on disk that equal the engine's renders of the path's states.
    // However the Comparison panel is shown (here: View → Panels), it opens tall enough to use.
    void comparisonPanelOpensAtAUsableSize()
    {
        MainWindow window(optionsFor(kCond));
        window.resize(1366, 768);
        window.show();
        QVERIFY(settle(window));
        auto* dock = window.findChild<QDockWidget*>(QStringLiteral("comparisonDock"));
        QVERIFY(dock && dock->isHidden());
        dock->toggleViewAction()->trigger();
        QTRY_VERIFY(dock->isVisible());
        QTRY_VERIFY2(dock->height() >= window.height() / 4 - 8, qPrintable(QStringLiteral("dock %1 px of %2").arg(dock->height()).arg(window.height())));
        QTRY_VERIFY2(dock->width() >= window.width() / 3 - 8, qPrintable(QStringLiteral("dock %1 px wide of %2").arg(dock->width()).arg(window.width())));
    }

    void keyframesAndExportFromTheWindow()
    {
        MainWindow window(optionsFor(kUncond));
        window.show();
        QVERIFY(settle(window));
        QVERIFY(!window.animation()->startExport({}));   // nothing to export yet: says how to make a path
        QVERIFY2(window.lastNotice().contains(QStringLiteral("Add Keyframe")), qPrintable(window.lastNotice()));

        window.animation()->addCurrentKeyframe();
        window.document()->editState(QStringLiteral("seed"), [](lscore::EditState& s) { s.seedA = 5; });
        QVERIFY(settle(window));
        window.animation()->addCurrentKeyframe();
        const lscore::KeyframePath path = window.document()->state().keyframes;
        QCOMPARE(path.keyframes.size(), std::size_t(2));
        QCOMPARE(window.animation()->strip()->path(), path);
        QCOMPARE(path.keyframes[0].state.seedA, 0u);
        QCOMPARE(path.keyframes[1].state.seedA, 5u);
        window.document()->undoStack()->undo();
        QCOMPARE(window.animation()->strip()->path().keyframes.size(), std::size_t(1));
        window.document()->undoStack()->redo();
        QCOMPARE(window.animation()->strip()->path(), path);
        QVERIFY(settle(window));

        lsmedia::ExportParams params;
        params.format = lsmedia::ExportFormat::PngSequence;
        params.outputPath = m_dir.filePath(QStringLiteral("window-frames")).toStdString();
        params.batchSize = 1;   // B = 1: every frame is exactly a single render, as in the studio and `render`
        QSignalSpy finished(window.animation(), &AnimationController::exportFinished);
        QVERIFY(window.animation()->startExport(params));
        QVERIFY(!window.animation()->startExport(params));   // one export at a time, said clearly
        QVERIFY(finished.wait(120000));
        QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(finished.at(0).at(1).toString()));
        const QDir frames(QString::fromStdString(params.outputPath));
        QCOMPARE(int(frames.entryList({QStringLiteral("frame_*.png")}).size()), path.frameCount());
        for (int f : {0, path.frameCount() / 2, path.frameCount() - 1}) {
            const QImage written(frames.filePath(QStringLiteral("frame_%1.png").arg(f, 6, 10, QLatin1Char('0'))));
            QCOMPARE(written.convertToFormat(QImage::Format_RGB888), render(*m_uncond, path.stateAt(f)));
        }
    }

    // Quitting while an export runs asks first: "no" keeps the window and the export, "yes" cancels
    // the export (its frames so far stay on disk) and closes.
    void quittingDuringAnExportAsks()
    {
        lsui::MainWindowOptions options = optionsFor(kUncond);
        QStringList asked;
        bool answer = false;
        options.askToCancelExport = [&](const QString& question) {
            asked << question;
            return answer;
        };
        MainWindow window(options);
        window.show();
        QVERIFY(settle(window));
        lscore::KeyframePath path;
        path.keyframes.resize(2);
        path.keyframes[0].state = window.document()->state().edit;
        path.keyframes[1].state = path.keyframes[0].state;
        path.keyframes[1].state.seedA = 7;
        path.keyframes[0].framesToNext = 20000;   // far longer than the test: it is still running when asked
        window.document()->edit(QStringLiteral("path"), [&](lsui::StudioState& s) { s.keyframes = path; }, lsui::EditKind::Keyframes);
        QVERIFY(settle(window));

        lsmedia::ExportParams params;
        params.format = lsmedia::ExportFormat::PngSequence;
        params.outputPath = m_dir.filePath(QStringLiteral("quit-frames")).toStdString();
        QSignalSpy finished(window.animation(), &AnimationController::exportFinished);
        QVERIFY(window.animation()->startExport(params));
        QVERIFY(!window.close());
        QCOMPARE(asked.size(), 1);
        QVERIFY2(asked.front().contains(QStringLiteral("export")), qPrintable(asked.front()));
        QVERIFY(window.isVisible());
        QVERIFY(window.animation()->exportRunning());
        QVERIFY(finished.isEmpty());

        answer = true;
        QVERIFY(window.close());
        QCOMPARE(asked.size(), 2);
        QVERIFY(finished.wait(60000));
        QVERIFY(!finished.at(0).at(0).toBool());   // cancelled, and said so
        QVERIFY2(finished.at(0).at(1).toString().contains(QStringLiteral("ancel")), qPrintable(finished.at(0).at(1).toString()));
        QVERIFY(!window.animation()->exportRunning());
    }

    // Play: the path runs in real time at the export fps. When rendering keeps up, nearly every frame
    // due is shown; when a render takes longer than a frame, frames are dropped and the path still
    // ends on time ("Play once" stops after its last frame's time). Space starts it; an edit stops it.
    void playbackKeepsRealTime_data()
    {
        QTest::addColumn<int>("renderDelayMs");
        QTest::newRow("rendering keeps up") << 0;
        QTest::newRow("100 ms renders drop frames") << 100;
    }
    void playbackKeepsRealTime()
    {
        QFETCH(int, renderDelayMs);
        MainWindow window(optionsFor(kUncond));
        window.show();
        QVERIFY(settle(window));
        QVERIFY(!window.animation()->startPlayback());   // no path yet: says how to make one
        QVERIFY2(window.lastNotice().contains(QStringLiteral("no path to play")), qPrintable(window.lastNotice()));

        lscore::KeyframePath path;
        path.keyframes.resize(2);
        path.keyframes[0].state = window.document()->state().edit;
        path.keyframes[1].state = path.keyframes[0].state;
        path.keyframes[1].state.seedA = 5;
        path.keyframes[0].framesToNext = 24;   // 25 frames: 1.04 s at the default 24 fps
        window.document()->edit(QStringLiteral("path"), [&](lsui::StudioState& s) { s.keyframes = path; }, lsui::EditKind::Keyframes);
        QVERIFY(settle(window));
        window.renderService()->setExtraRenderDelayForTesting(renderDelayMs);

        QSignalSpy stopped(window.animation(), &AnimationController::playbackStopped);
        QVERIFY(window.animation()->startPlayback());
        QVERIFY(window.animation()->isPlaying());
        QVERIFY(stopped.wait(20000));
        const AnimationController::PlaybackStats stats = window.animation()->playbackStats();
        qInfo("%d of %d frames shown in %.2f s", stats.framesShown, stats.framesDue, stats.seconds);
        QCOMPARE(stats.framesDue, 25);
        QVERIFY(stats.framesShown <= stats.framesDue);   // no frame is shown twice or early
        // Real time: a player that waited for every 100 ms render would take 2.5 s.
        QVERIFY2(stats.seconds >= 25 / 24.0 && stats.seconds < 25 / 24.0 + 0.6, qPrintable(QString::number(stats.seconds)));
        if (renderDelayMs == 0)
            QVERIFY2(stats.framesShown >= 12, "a fast render should show most frames");
        else
            QVERIFY2(stats.framesShown >= 4 && stats.framesShown <= 12, "one 100 ms render at a time shows about 10 frames");
        QVERIFY(!window.animation()->isPlaying());
        // What stays on the canvas is a path frame, and Save Image would save that frame's state.
        QVERIFY(settle(window));

        window.renderService()->setExtraRenderDelayForTesting(0);
        for (QMessageBox* box : window.findChildren<QMessageBox*>())
            box->close();   // the "no path" notice: while it is the active window, it has the keyboard
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        // Space plays wherever the focus is, but where text is typed: a button last clicked keeps it
        // from the button, and a seed typed into a spin box keeps its own.
        window.animation()->strip()->findChild<QPushButton*>()->setFocus();
        QVERIFY(qobject_cast<QPushButton*>(QApplication::focusWidget()));
        QTest::keyClick(window.windowHandle(), Qt::Key_Space);
        QVERIFY(window.animation()->isPlaying());
        QTest::keyClick(window.windowHandle(), Qt::Key_Space);
        QVERIFY(!window.animation()->isPlaying());
        auto* typing = window.animation()->strip()->findChild<QAbstractSpinBox*>();
        QVERIFY(typing);
        typing->setEnabled(true);
        typing->setFocus();
        QCOMPARE(QApplication::focusWidget(), typing);
        QTest::keyClick(window.windowHandle(), Qt::Key_Space);
        QVERIFY(!window.animation()->isPlaying());
        window.animation()->strip()->findChild<QPushButton*>()->setFocus();
        QTest::keyClick(window.windowHandle(), Qt::Key_Space);
        QVERIFY(window.animation()->isPlaying());
        window.document()->editState(QStringLiteral("seed"), [](lscore::EditState& s) { s.seedA = 9; });
        QVERIFY(!window.animation()->isPlaying());
        QCOMPARE(stopped.count(), 3);
        QVERIFY(settle(window));
        QCOMPARE(window.currentFrame(), render(*m_uncond, window.document()->state().edit));
    }

    void sweepsAndKeyframesTravelInSessions()
    {
        const QString sessionPath = m_dir.filePath(QStringLiteral("animated.lstudio"));
        lscore::KeyframePath saved;
        {
            MainWindow window(optionsFor(kUncond));
            window.show();
            QVERIFY(settle(window));
            window.animation()->replacePathWithSweep(AnimationController::Sweep::PromptAToB);   // no prompts: refused, explained
            QVERIFY(window.document()->state().keyframes.keyframes.empty());
            QVERIFY(window.lastNotice().contains(QStringLiteral("no prompts")));
            window.animation()->replacePathWithSweep(AnimationController::Sweep::SeedWalk);
            saved = window.document()->state().keyframes;
            QCOMPARE(saved.keyframes.size(), std::size_t(5));
            QVERIFY(saved.repeat == lscore::PathRepeat::Loop);
            QVERIFY(window.saveSession(sessionPath).ok());
        }
        MainWindow reopened(optionsFor(QString()));
        reopened.show();
        QVERIFY(reopened.openSession(sessionPath));
        QVERIFY(settle(reopened));
        QCOMPARE(reopened.document()->state().keyframes, saved);
        QCOMPARE(reopened.animation()->strip()->path(), saved);
        // Keyframes from a file get their thumbnails rendered after the first frame.
        QTRY_VERIFY_WITH_TIMEOUT(!reopened.animation()->strip()->thumbnail(4).isNull(), 30000);
        QVERIFY(sameUpToLastBit(reopened.animation()->strip()->thumbnail(4), render(*m_uncond, saved.keyframes[4].state)));
    }

    // A sweep's thumbnails are rendered even when an edit replaces their request before it runs
    // (the request used to stay pending for ever, and the strip stayed grey until the next edit).
    void thumbnailsSurviveASupersededRequest()
    {
        MainWindow window(optionsFor(kUncond));
        window.show();
        QVERIFY(settle(window));
        window.renderService()->setExtraRenderDelayForTesting(40);   // the thumbnail render is still running…
        bool edited = false;
        connect(&window, &MainWindow::frameShown, &window, [&](quint64) {
            if (edited) return;
            edited = true;
            // … when an edit lands, just after the frame that asked for the thumbnails.
            QTimer::singleShot(5, &window, [&] {
                window.document()->editState(QStringLiteral("test"), [](lscore::EditState& s) { s.truncationPsi = 0.6; });
            });
        });
        window.animation()->replacePathWithSweep(AnimationController::Sweep::SeedWalk);
        window.document()->editState(QStringLiteral("test"), [](lscore::EditState& s) { s.truncationPsi = 0.8; });
        QTRY_VERIFY_WITH_TIMEOUT(edited, 30000);
        QVERIFY(settle(window));
        const auto& keyframes = window.document()->state().keyframes.keyframes;
        QCOMPARE(keyframes.size(), std::size_t(5));
        for (int k = 0; k < 5; ++k)
            QTRY_VERIFY_WITH_TIMEOUT(!window.animation()->strip()->thumbnail(k).isNull(), 10000);
        QVERIFY(sameUpToLastBit(window.animation()->strip()->thumbnail(2), render(*m_uncond, keyframes[2].state)));
    }
};

QTEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
